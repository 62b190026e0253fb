"""A word's opening quote is checked against its glyph (issue 23, vision.open_quotes): lines
rendered by Chromium, read by tesseract, a quote put before words that have none (tesseract's
slip on a line's first capital) is dropped, one of the wrong count is set right, and real
quotes stay."""

from __future__ import annotations

import numpy as np
import pytest

from line_shot import line_shot
from web_composer.vision.ocr import _tesseract
from web_composer.vision.open_quotes import check_open_quotes

PLAIN = "Subscribe About Team today"


def _with(line, change):
    words = tuple(w._replace(text=change(w.text)) for w in line.words)
    return line.__class__(" ".join(w.text for w in words), line.box, line.score, words=words)


def test_a_quote_read_before_words_without_one_is_dropped() -> None:
    image = line_shot(PLAIN)
    (line,) = _tesseract(image)
    assert line.text == PLAIN, line.text
    quoted = _with(line, lambda t: "‘" + t if t[0].isupper() else '"' + t)
    (fixed,) = check_open_quotes(np.asarray(image), [quoted])
    assert fixed.text == PLAIN
    assert fixed.words[0].box[0] >= line.words[0].box[0] - 1


@pytest.mark.parametrize("text", ["“Double quoted” and ‘single quoted’ words",
                                  "\"Straight double\" and 'straight single' words"])
def test_real_quotes_stay_and_take_their_stroke_count(text: str) -> None:
    image = line_shot(text)
    (line,) = _tesseract(image)
    rgb = np.asarray(image)
    opened = [w.text for w in line.words if w.text[0] in "‘“'\""]
    assert len(opened) == 2, line.text
    assert check_open_quotes(rgb, [line])[0].text == line.text
    # The count of strokes swapped: each mark goes back to what its ink shows.
    swap = {"‘": "“", "“": "‘", "'": '"', '"': "'"}
    (fixed,) = check_open_quotes(rgb, [_with(line, lambda t: swap.get(t[0], t[0]) + t[1:])])
    assert fixed.text == line.text
