"""A word's closing period, comma or colon is spelled from its glyph (issue 23,
vision.end_marks): lines rendered by Chromium, read by tesseract, their marks taken off the
text and given back by the pixels."""

from __future__ import annotations

import numpy as np
import pytest

from web_composer.vision.end_marks import spell_end_marks
from web_composer.vision.ocr import _tesseract

SENTENCE = "Call me, maybe: today. Maybe not"


def _shot(text: str, font: str):
    from web_composer.render import RenderOptions, render_html

    page = ("<!doctype html><html><head><meta charset='utf-8'></head>"
            f"<body style=\"margin:20px;font:{font}\"><p>{text}</p></body></html>")
    return render_html(page, None, RenderOptions(width=800, height=80,
                                                 full_page=False)).image().convert("RGB")


@pytest.mark.parametrize("font", ["16px 'Liberation Sans'", "14px 'DejaVu Serif'",
                                  "300 18px 'DejaVu Sans'"])
def test_dropped_and_misread_marks_are_spelled_from_the_glyph(font: str) -> None:
    image = _shot(SENTENCE, font)
    (line,) = _tesseract(image)
    assert line.text == SENTENCE, line.text
    rgb = np.asarray(image)
    # Tesseract's two slips: the mark dropped (every word here), or read as another mark.
    bare = [w._replace(text=w.text.rstrip(".,:")) for w in line.words]
    (fixed,) = spell_end_marks(rgb, [line.__class__(" ".join(w.text for w in bare), line.box,
                                                    line.score, words=tuple(bare))])
    assert fixed.text == SENTENCE
    swapped = [w._replace(text={"today.": "today:", "me,": "me."}.get(w.text, w.text))
               for w in line.words]
    (fixed,) = spell_end_marks(rgb, [line.__class__("", line.box, line.score,
                                                    words=tuple(swapped))])
    assert fixed.text == SENTENCE


def test_words_without_a_mark_gain_none() -> None:
    image = _shot("Hi May Jill quip fix it 2014", "15px 'Liberation Sans'")
    lines = _tesseract(image)
    assert [w.text for line in lines for w in line.words] == ["Hi", "May", "Jill", "quip",
                                                               "fix", "it", "2014"]
    assert spell_end_marks(np.asarray(image), lines) == lines
