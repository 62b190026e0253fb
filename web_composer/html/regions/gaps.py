"""Pictures the page lost with their element: put back, in flow, into the gap left for them.

    edits = fill_gaps(regions, elements, target, render, text_boxes, assets)

A draft sometimes drops a picture altogether (team photos, placeholder circles, a photo grid's
cells) and keeps only the space it took, as a top margin of what came after it. Such a region has
no element to give the picture to (surfaces.owner_of finds none), but it lies between two siblings
of one parent: above the first sibling that starts below it and below the one before. The
target's pixels over all the regions of one gap (text painted out) become one <img>, inserted
before that sibling with a top margin that puts it where the target shows it, and the sibling's
top margin shrinks by as much as the picture takes, so nothing below moves. Nothing is
positioned: the picture is a block in the flow, like any other.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np

from .diff import CELL, Region
from .edits import Edit, selector_of
from .probe import Element
from .surfaces import TEXT_SHARE, corners, drift_at, owner_of, plain_patch, png_bytes

INSIDE = 0.6  # share of a region's height that must lie in the gap
MIN_AREA = 4096  # px: smaller lost things are not worth a picture
MAX_GAPS = 6
FLAT = 6.0  # mean absolute difference under which the target's patch is the render's (nothing lost)


def _gap_of(region: Region, elements: list[Element]) -> tuple[Element, Element, float] | None:
    """(parent, the sibling below the region, the bottom of the sibling above it or the parent's
    top) for the innermost parent whose children leave a gap holding the region."""
    x0, y0, x1, y1 = region.box
    by_node = {id(e.node): e for e in elements}
    best = None
    for parent in elements:
        px0, py0, px1, py1 = corners(parent)
        if px0 > x0 + 16 or px1 < x1 - 16 or py0 > y0 or py1 < y1 or parent.tag == "html":
            continue
        above = py0
        for child in parent.node.find_all(True, recursive=False):
            element = by_node.get(id(child))
            if element is None:
                continue
            cx0, cy0, cx1, cy1 = corners(element)
            if cy0 > y0 + CELL:  # the first child starting below the region's top
                inside = min(y1, cy0) - max(y0, above)
                if inside >= INSIDE * (y1 - y0):  # regions are whole tiles, and may take in
                    best = (parent, element, above)  # a line of text next to the picture;
                break  # later parents are deeper: the last one found is kept
            above = max(above, cy1)
    return best


def _px(value: str | None) -> float | None:
    if value and value.strip().endswith("px"):
        try:
            return float(value.strip()[:-2])
        except ValueError:
            return None
    return None


def fill_gaps(regions: list[Region], elements: list[Element], target: np.ndarray,
              render: np.ndarray, text_boxes: list[tuple[float, float, float, float]],
              assets: dict[str, bytes], drifts: list[Any] | None = None) -> list[Edit]:
    """Edits inserting the lost pictures (see the module docstring); pictures go into ``assets``."""
    from ..patch.styles import _box_side, format_declarations, parse_declarations

    gaps: dict[int, tuple[Element, Element, float, list[Region]]] = {}
    for region in regions:
        if region.text_share > TEXT_SHARE or region.area < MIN_AREA \
                or owner_of(region, elements) is not None:
            continue
        found = _gap_of(region, elements)
        if found is not None:
            gaps.setdefault(id(found[1].node), (*found, []))[3].append(region)
    edits: list[Edit] = []
    height = target.shape[0]
    for parent, below, above, held in list(gaps.values())[:MAX_GAPS]:
        top = corners(below)[1]
        x0 = min(r.box[0] for r in held)
        y0 = max(round(above), min(r.box[1] for r in held))  # regions are whole tiles: the
        x1 = min(max(r.box[2] for r in held), target.shape[1])  # picture stays inside the gap
        y1 = min(top, max(r.box[3] for r in held))
        dy = drift_at((x0, y0, x1, y1), drifts or [])
        if y1 + dy > height or y0 + dy < 0:
            continue
        patch = plain_patch(target, (x0, y0 + dy, x1, y1 + dy), text_boxes)
        if np.abs(patch.astype(np.int16) - render[y0:y1, x0:x1]).mean() < FLAT:
            continue
        style = parse_declarations(below.node.get("style") or "")
        margin = _px(style.get("margin-top")) or _px(_box_side(style.get("margin", ""), "top")) or 0.0
        left = corners(parent)[0]
        rest = top - y1  # what is left of the gap below the picture
        if rest < 0 or margin < (top - above) - 1 or margin < (y0 - above) + (y1 - y0):
            continue  # the gap is not the sibling's own margin: the picture would move it
        data = png_bytes(patch)
        name = f"wc-{hashlib.sha1(data).hexdigest()[:10]}.png"
        assets[name] = data
        soup = below.node
        while soup.parent is not None:
            soup = soup.parent
        picture = soup.new_tag("img", src=f"assets/{name}", alt="")
        picture["style"] = format_declarations({
            "display": "block", "width": f"{x1 - x0}px", "height": f"{y1 - y0}px",
            "margin-top": f"{round(y0 - above)}px", "margin-left": f"{round(x0 - left)}px"})
        old_style = below.node.get("style")
        below.node.insert_before(picture)
        style["margin-top"] = f"{round(margin - (y1 - above))}px"
        below.node["style"] = format_declarations(style)

        def undo(picture=picture, node=below.node, old=old_style) -> None:
            picture.extract()
            if old is None:
                del node["style"]
            else:
                node["style"] = old

        edit = Edit("picture", selector_of(picture), "(none)", f"<img src=assets/{name}> "
                    f"{x1 - x0}x{y1 - y0} px", f"the target shows a picture at ({x0}, {y0}) "
                    f"{x1 - x0}x{y1 - y0} px where the render has only the space before "
                    f"{selector_of(below.node)}; inserted there in flow, its margin shortened",
                    undo=undo)
        edit.area, edit.drift = (x0, y0, x1, y1), dy
        edits.append(edit)
    return edits
