"""Panels on a phone when no phone screenshot was given: bands stay full width, text keeps off edges.

Without a narrow screenshot both stacks fall back to one set of small-screen rules: rows become
columns, fixed widths and side margins go, and the page gets a 12 px gutter. Two kinds of panel
need more than that, or they look broken at 390 px:

- a band that spans the whole page at the screenshot's width (a header bar, a coloured section,
  the footer) would sit inside the gutter, with a stripe of page colour on both sides; it is
  marked ``bleed`` and reaches out over the gutter, padded back by as much;
- any other panel holding text (a card, a box, a button) loses the side margins that kept its
  text off its edges; it is marked ``inset`` and gets the gutter as its own side padding.

    mark_phone_panels(plan)     # before either emitter runs; sets Element.phone

Panels holding no text (a picture frame, an icon's ring) are left as they are.
"""

from __future__ import annotations

from .model import Element, Plan

FULL = 0.97  # share of the page's width a band spans
EDGE = 0.02  # ... starting this close to the page's left edge
NARROWEST = 120  # px: narrower panels with text (a badge, a tag) keep their look


def mark_phone_panels(plan: Plan) -> None:
    """Set ``phone`` on every panel of ``plan``: "bleed", "inset", or "" for neither."""
    stack = [plan.root]
    while stack:
        el = stack.pop()
        stack.extend(el.children)
        if el.kind != "panel" or el.box is None:
            continue
        x0, _y0, x1, _y1 = el.box
        if x1 - x0 >= FULL * plan.width and x0 <= EDGE * plan.width:
            el.phone = "bleed"
        elif x1 - x0 >= NARROWEST and _holds_text(el):
            el.phone = "inset"


def _holds_text(el: Element) -> bool:
    stack = list(el.children)
    while stack:
        child = stack.pop()
        if child.parts and any(isinstance(p, str) and p.strip() for p in child.parts):
            return True
        stack.extend(child.children)
    return False
