"""Underlines read as underscores (vision.underlines), on a page rendered by Chromium: the word
boxes come from the real tesseract, the misreading ("in_queer") is the one it makes on
Design2Code page 14347."""

from __future__ import annotations

import numpy as np

from web_composer.vision.ocr import OcrLine, OcrWord, _tesseract
from web_composer.vision.underlines import drop_underlines, underlined


def test_underscores_are_dropped_only_where_an_underline_runs_under_the_whole_word() -> None:
    from web_composer.render import RenderOptions, render_html

    body = ("<p style=\"font:15px 'Liberation Sans';color:#333\"><a href='#' style='color:#06c'>"
            "felt alive in queer spots</a> then <code>aws_autoscaling_group</code></p>")
    page = f"<!doctype html><html><head><meta charset='utf-8'></head><body>{body}</body></html>"
    image = render_html(page, None, RenderOptions(width=700, height=60,
                                                  full_page=False)).image().convert("RGB")
    rgb = np.asarray(image)
    words = {w.text: w for line in _tesseract(image) for w in line.words}
    assert {"in", "queer", "spots", "aws_autoscaling_group"} <= set(words), list(words)
    a, b = words["in"].box, words["queer"].box
    joined = OcrWord("in_queer", (a[0], min(a[1], b[1]), b[2], max(a[3], b[3])))
    spot = OcrWord("_spots", words["spots"].box)
    code = words["aws_autoscaling_group"]
    assert underlined(rgb, joined.box, joined.text) and underlined(rgb, spot.box, spot.text)
    assert not underlined(rgb, code.box, code.text)
    line = OcrLine("in_queer _spots aws_autoscaling_group", (a[0], a[1], code.box[2], a[3]), 0.8,
                   words=(joined, spot, code), confidences=(0.8, 0.8, 0.8))
    fixed = drop_underlines(rgb, [line])[0]
    assert [w.text for w in fixed.words] == ["in", "queer", "spots", "aws_autoscaling_group"]
    assert fixed.text == "in queer spots aws_autoscaling_group"
    assert fixed.words[0].box[0] == joined.box[0] and fixed.words[1].box[2] == joined.box[2]
    assert fixed.box == line.box and len(fixed.confidences) == 4
