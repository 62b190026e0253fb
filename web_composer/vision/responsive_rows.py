"""Where each wide element sits at a narrow width: its slot, and the grid rows written out.

    rows = write_slots(slots, width)     # sets Element.media[width] (emit/media.py writes it)

A slot is a wide element's box in the narrow screenshot and the narrow element whose look it
takes. Slots are grouped into rows by their boxes; each gets its grid row, columns, the gap above
it, and the narrow look (font size, line height, alignment, a plainly different colour).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .emit.model import Element, px, rgb_of
from .responsive_panels import span_rows

SLACK = 4  # px added to a text's measured width so the browser's wrapping has room


@dataclass
class Slot:
    """Where a wide element goes at a narrow width."""

    el: Element
    box: tuple[float, float, float, float]
    source: Element | None  # the narrow element whose look it takes (None: keep its own)
    exact: bool = False  # the box is a share of a line: no room to add
    line_height: float = 0.0  # of a text the narrow screenshot read in pieces (0: the source's)
    align: str = ""  # of a text the narrow screenshot read in pieces ("": the source's)


def lines_of(el: Element) -> int:
    """How many lines a text element was measured with (from its box and line height)."""
    match = re.match(r"([\d.]+)px", el.look.get("line-height", ""))
    if el.box is None or match is None:
        return 1
    return max(1, round((el.box[3] - el.box[1]) / max(1.0, float(match.group(1)))))


def write_slots(slots: list[Slot], width: int) -> list[tuple[float, float]]:
    """Grid rows in reading order: boxes that start before the row's first box ends share its
    row, side by side or drawn over each other (a mark read on a bar, a label on a picture:
    a row of its own would push all below down by its height); each box's gap above is
    measured from the bottom of the row before, and a text is at least as tall as its row was
    measured (``mh``), so a line the browser sets a little shorter does not pull up all below.
    A box beside two or more rows (a photo beside the lines of a name and address) spans
    them (``spanners``) instead of making one row as tall as itself, below which the lines
    beside it would start with no height of their own.
    Returns each row's track as measured: (bottom of the row before, its own bottom)."""
    slots.sort(key=lambda s: (s.box[1], s.box[0]))
    spanning = spanners(slots)
    row, row_top_limit, previous_bottom, bottom = 0, -1.0, 0.0, 0.0
    members: list[Slot] = []
    rows: list[tuple[float, list[Slot]]] = []
    for slot in (s for s in slots if id(s) not in spanning):
        x0, y0, x1, y1 = slot.box
        beside = bool(members) and y0 < row_top_limit  # side by side, or drawn over it
        if not beside:
            row += 1
            previous_bottom = bottom if members else 0.0
            members = []
            rows.append((previous_bottom, members))
            row_top_limit = y1
        members.append(slot)
        row_top_limit = min(row_top_limit, y1)
        bottom = max(bottom, y1)
        slot.el.media.setdefault(width, {}).update(placement(slot, row, previous_bottom, width))
    for above, group in rows:
        row_bottom = max(m.box[3] for m in group)
        for slot in group:
            change = slot.el.media[width]
            if slot.el.tag != "img" and "h" not in change:
                change["mh"] = f"{max(0, round(row_bottom) - round(max(slot.box[1], above)))}px"
    tracks, top = [], 0.0  # as the browser stacks them: each row as tall as measured from above
    for above, group in rows:
        bottom = top + max(0.0, max(m.box[3] for m in group) - above)
        tracks.append((top, bottom))
        top = bottom
    for slot in slots:
        if id(slot) in spanning:
            change = slot.el.media.setdefault(width, {})
            change.update(placement(slot, 1, 0.0, width))
            span_rows(slot.el, tracks, width, slot.box)
    return tracks


def spanners(slots: list[Slot]) -> set[int]:
    """The slots (ids) beside two or more rows: two other boxes start below its top and above
    its bottom, one below the end of the other, each mostly clear of it (at most half its own
    area under it: a text whose last line runs on below the photo is beside it too). A box with
    others drawn over it (a caption on a photo) is no spanner: they are not beside it."""
    out: set[int] = set()
    for s in slots:
        x0, y0, x1, y1 = s.box
        beside = [t for t in slots if t is not s and y0 - 2 <= t.box[1] < y1 - 4
                  and _overlap(t.box, s.box) <= 0.5 * _area(t.box)]
        if any(b.box[1] >= a.box[3] for a in beside for b in beside) \
                and not any(id(t) in out for t in beside):
            out.add(id(s))
    return out


def _far_colours(a: str, b: str) -> bool:
    """Whether two hex text colours differ plainly (light text on a wide page's photo
    header that the phone page sets dark on white), not by a reading's few units."""
    rgb = [rgb_of(a), rgb_of(b)]
    if None in rgb:
        return False
    return max(abs(x - y) for x, y in zip(*rgb)) > 96  # type: ignore[call-overload]





def placement(slot: Slot, row: int, above: float, width: int) -> dict[str, str]:
    x0, y0, x1, y1 = slot.box
    source = slot.source
    # edges rounded before they are subtracted: the gaps and heights down the page add up to
    # the measured positions, where rounded differences would drift a pixel every few rows
    out = {"row": str(row), "top": f"{max(0, round(y0) - round(above))}px"}
    align = "left"
    if source is not None:
        align = slot.align or source.geom.get("text-align") or source.look.get("text-align") \
            or "left"
        for prop, key in (("font-size", "fs"), ("line-height", "lh")):
            if prop in source.look:
                out[key] = source.look[prop]
        if _far_colours(source.look.get("color", ""), slot.el.look.get("color", "")):
            out["color"] = source.look["color"]  # a bar light over a photo, solid on phones
        size = re.match(r"([\d.]+)px", out.get("fs", ""))
        if slot.line_height and (size is None or slot.line_height <= 2 * float(size.group(1))):
            out["lh"] = px(slot.line_height)
        line = re.match(r"([\d.]+)px", out.get("lh", ""))
        tall = line is not None and y1 - y0 >= 1.6 * float(line.group(1))  # a box of two lines
        wrapped = lines_of(source) > 1 or slot.line_height > 0 or tall  # keep its measured width: the lines break where they did
        if slot.exact:
            x1 += SLACK
        elif align == "center":
            x0, x1 = ((x0 - SLACK / 2, x1 + SLACK / 2) if wrapped else
                      (min(x0, width - x1) - SLACK / 2, max(x1, width - x0) + SLACK / 2))
        elif align != "right":
            x1 = x1 + SLACK if wrapped else max(x1 + SLACK, width - x0)
        else:
            x0 -= SLACK
    if align != "left":
        out["align"] = align
    left = max(1, min(width, int(round(x0)) + 1))
    right = max(left + 1, min(width + 1, int(round(x1)) + 1))
    out["col"] = f"{left}/{right}"
    if slot.el.parts is None:  # a picture or panel: the narrow screenshot's height
        out["h"] = f"{round(y1) - round(y0)}px"
    return out


def _area(box: tuple[float, float, float, float]) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))
