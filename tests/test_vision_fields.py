"""A form field told from a framed light box (vision.pictures.field_box): the frame must show on
three sides at least; a table row's rule over a line of text the reader missed is no field."""

from __future__ import annotations

import numpy as np

from web_composer.vision.elements import Box, Graphic
from web_composer.vision.pictures import field_box


def _box(frame_sides: str) -> np.ndarray:
    img = np.full((60, 400, 3), 255, np.uint8)
    y0, y1, x0, x1 = 20, 44, 40, 360
    grey = (120, 120, 120)
    if "t" in frame_sides:
        img[y0, x0:x1] = grey
    if "b" in frame_sides:
        img[y1 - 1, x0:x1] = grey
    if "l" in frame_sides:
        img[y0:y1, x0] = grey
    if "r" in frame_sides:
        img[y0:y1, x1 - 1] = grey
    img[28:36, 60:90] = (40, 90, 200)  # a little ink inside: a word, a caret
    return img


def _field(frame_sides: str):
    return field_box(_box(frame_sides), Graphic(Box(40, 20, 360, 44), "picture"))


def test_a_framed_box_is_a_field_and_a_rule_over_text_is_not() -> None:
    field = _field("tblr")
    assert field is not None and field.border is not None
    assert field.color == (255, 255, 255) and max(abs(c - 120) for c in field.border[1]) <= 1
    assert _field("tbl") is not None  # an inner shadow fades one side
    assert _field("t") is None  # a table row's top rule over its text
    assert _field("tb") is None  # a row between two rules
