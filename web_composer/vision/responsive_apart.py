"""Texts placed over each other at a narrow width are set apart, one under the other.

The matching can give two wide texts the same place: one took a narrow block whole while others
shared it (10303's footer paragraph, read as four pieces at 1280 and one block at 390), or two
wide lines both found their words in the same narrow block (13166's "TBO Faculty Fellow" and its
office line). Drawn at the same box, both are unreadable, and the pixels are those of neither
text. A narrow screenshot never shows two texts in one place, so texts whose boxes mostly cover
each other are one group: the group's box is shared among them, one under the other in reading
order (side by side when the box is one line high), each as tall as its share of the lines
(or as wide as its share of the characters), as responsive.py's ``_share`` lays out a narrow
block read as several wide texts.

    slots = set_apart(slots, order)   # order: the wide elements in document order
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterator
from typing import Any

from .emit.model import Element
from .groups import connected_groups
from .responsive_match import words_of
from .responsive_rows import Slot

COVERED = 0.6  # share of the smaller box that another text's box covers: drawn over each other


def set_apart(slots: list[Slot], order: list[Element]) -> list[Slot]:
    """``slots`` with every group of text slots drawn over each other laid out one after the
    other in the group's box. Pictures and panels are left alone: a label drawn on a picture
    is a picture's caption, not two texts in one place."""
    texts = [s for s in slots if s.el.parts is not None and s.source is not None and words_of(s.el)]
    rank = {id(el): i for i, el in enumerate(order)}
    for group in _groups(texts):
        _lay_out(group, rank)
    return slots


def _groups(texts: list[Slot]) -> list[list[Slot]]:
    """Connected groups (two or more) of texts whose boxes cover each other."""
    def covering() -> Iterator[tuple[int, int]]:
        for i, a in enumerate(texts):
            for j in range(i + 1, len(texts)):
                b = texts[j]
                smaller = min(_area(a.box), _area(b.box))
                if smaller > 0 and _overlap(a.box, b.box) >= COVERED * smaller:
                    yield i, j

    return [[texts[i] for i in group] for group in connected_groups(len(texts), covering())
            if len(group) > 1]


def _lay_out(group: list[Slot], rank: dict[int, int]) -> None:
    x0 = min(s.box[0] for s in group)
    y0 = min(s.box[1] for s in group)
    x1 = max(s.box[2] for s in group)
    y1 = max(s.box[3] for s in group)
    sources = {id(s.source) for s in group}
    if len(sources) == 1:  # one narrow block: its words say the order
        words = words_of(group[0].source)  # type: ignore[arg-type]
        group.sort(key=lambda s: (_where(words, words_of(s.el)), rank.get(id(s.el), 1 << 30)))
    else:
        group.sort(key=lambda s: rank.get(id(s.el), 1 << 30))
    line = max(_line_px(s.source) for s in group)  # type: ignore[arg-type]
    sizes = [len(" ".join(words_of(s.el))) + 1 for s in group]
    across = (y1 - y0) <= 1.5 * line
    if not across:  # one under the other: as many lines as each needs (a char about 0.45 lines wide)
        per_line = max(1.0, (x1 - x0) / (0.45 * max(1.0, line)))
        sizes = [math.ceil(size / per_line) for size in sizes]
    total = sum(sizes)
    first, length = (x0, x1 - x0) if across else (y0, y1 - y0)
    done = 0
    for slot, size in zip(group, sizes):  # whole pixels: the rows' gaps and heights are rounded,
        start = round(first + length * done / total)  # and fractions would add up down the page
        done += size
        end = round(first + length * done / total)
        slot.box = (start, y0, end, y1) if across else (x0, start, x1, end)
        slot.exact = across
        slot.line_height = 0.0


def _where(words: list[str], part: list[str]) -> int:
    matcher = difflib.SequenceMatcher(None, words, part, autojunk=False)
    return next((a for a, _, size in matcher.get_matching_blocks() if size), len(words))


def _line_px(el: Any) -> float:
    match = re.match(r"([\d.]+)px", el.look.get("line-height", ""))
    if match:
        return float(match.group(1))
    return (el.box[3] - el.box[1]) if el.box else 0.0


def _area(box: tuple[float, float, float, float]) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))
