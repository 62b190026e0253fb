"""Middle dots, bullets and dashes are spelled from their ink (issue 23, vision.dots_dashes):
a line rendered by Chromium and read by tesseract, its marks set to what tesseract misreads
them as, and given back by the pixels; a page's real em dash and hyphen stay."""

from __future__ import annotations

import numpy as np
import pytest

from web_composer.vision.dots_dashes import spell_dots_and_dashes
from web_composer.vision.ocr import _tesseract

LINE = "Privacy · Terms - FAQ 1990 – 2000 wait — what"
MARKS = {"·": "-", "–": "—"}  # what tesseract makes of them


def _shot(text: str, font: str):
    from web_composer.render import RenderOptions, render_html

    page = ("<!doctype html><html><head><meta charset='utf-8'></head>"
            f"<body style=\"margin:20px;font:{font}\"><p>{text}</p></body></html>")
    return render_html(page, None, RenderOptions(width=800, height=80,
                                                 full_page=False)).image().convert("RGB")


@pytest.mark.parametrize("font", ["16px 'Liberation Sans'", "14px 'DejaVu Sans'"])
def test_dots_and_dashes_are_spelled_by_their_ink(font: str) -> None:
    image = _shot(LINE, font)
    lines = _tesseract(image)
    words = [w for line in lines for w in line.words]
    expected = LINE.split()
    assert len(words) == len(expected), [w.text for w in words]
    misread = [w._replace(text=MARKS.get(e, e)) for w, e in zip(words, expected)]
    line = lines[0].__class__(" ".join(w.text for w in misread), lines[0].box, 0.9,
                              words=tuple(misread))
    (fixed,) = spell_dots_and_dashes(np.asarray(image), [line])
    assert fixed.text == LINE


@pytest.mark.parametrize("font", ["16px 'Liberation Sans'", "14px 'DejaVu Sans'"])
def test_marks_left_out_between_words_are_put_back(font: str) -> None:
    """The marks taken out of tesseract's reading (as it leaves out a range's dash, "March 2013
    - Present") come back from the gaps' ink, spelled by their size; gaps holding nothing, and
    the spaces of a plain sentence, gain nothing."""
    from web_composer.vision.dots_dashes import add_dropped_marks

    text = "March 2013 - Present Privacy · Terms 1990 – 2000 and more"
    image = _shot(text, font)
    lines = _tesseract(image)
    words = [w for line in lines for w in line.words]
    assert [w.text for w in words] == text.split() or len(words) == len(text.split()), \
        [w.text for w in words]
    bare = [w for w, e in zip(words, text.split()) if e not in "-·–"]
    line = lines[0].__class__(" ".join(w.text for w in bare), lines[0].box, 0.9,
                              words=tuple(bare), confidences=(0.9,) * len(bare))
    (fixed,) = add_dropped_marks(np.asarray(image), [line])
    assert fixed.text == text.replace(words[0].text, bare[0].text)
    assert len(fixed.confidences) == len(fixed.words)
    plain = _shot("We read the text of every page and all its words", font)
    assert add_dropped_marks(np.asarray(plain), _tesseract(plain)) == _tesseract(plain)
