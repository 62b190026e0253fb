"""A page drawn wider than its target: clip what sticks out past the right edge.

    edits = clip_overflow(soup, elements, width=1280, drawn_width=1400)

When something in the page (a picture placed too far right, a row wider than the viewport)
reaches past the viewport, the browser's full-page capture grows to include it: the whole render
is then wider than the target, and every comparison of the two (SSIM pads the narrower one)
suffers, not only the part that sticks out. The fix is the one a front-end developer makes: the
outermost element that still fits the viewport but holds what overflows gets ``overflow-x:
clip`` (which, unlike ``hidden``, makes no scroll container: nothing moves and sticky or
positioned content keeps working). An element that itself is wider than the viewport is not
clipped; its children are looked at instead. Nothing is positioned or resized.
"""

from __future__ import annotations

from typing import Any

from .edits import Edit, set_style
from .probe import Element

SLACK = 1.0  # px past the viewport that count as fitting (sub-pixel boxes)


def clip_overflow(soup: Any, elements: list[Element], *, width: int, drawn_width: int) -> list[Edit]:
    """``overflow-x: clip`` edits for a page whose render is ``drawn_width`` px wide where the
    viewport (and the target) is ``width``; none when the page fits."""
    if drawn_width <= width + SLACK:
        return []
    by_node = {id(e.node): e for e in elements}
    sticking_out = [e for e in elements if e.box[0] + e.box[2] > width + SLACK]
    edits: list[Edit] = []

    def holds_overflow(node: Any) -> bool:
        return any(node in e.node.parents for e in sticking_out)

    def visit(node: Any) -> None:
        for child in node.find_all(True, recursive=False):
            element = by_node.get(id(child))
            if element is None or not holds_overflow(child):
                continue
            x, _, w, _ = element.box
            if x >= 0 and x + w <= width + SLACK:
                edit = set_style(child, {"overflow-x": "clip"}, name="overflow",
                                 why=f"the render is {drawn_width} px wide where the target is "
                                     f"{width}: what this element holds reaches past the right "
                                     "edge, so it is clipped there")
                edits.append(edit)
            else:
                visit(child)

    visit(soup.body or soup)
    return edits
