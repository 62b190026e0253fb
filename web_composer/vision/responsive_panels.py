"""The narrow screenshot's own panels (cards, bars, bordered boxes) drawn behind its layout.

At a narrower width the wide page's containers step aside (``display: contents``) so that their
texts and pictures can sit in the page grid where the narrow screenshot shows them; with them go
their backgrounds, borders and shadows. What the narrow screenshot shows behind its texts is
therefore drawn from the narrow screenshot itself: every panel its analysis found (with a
background, a border or a shadow) becomes an empty element shown at that width alone, placed
over the grid rows its box spans and stretched to cover them, first in the page so that it is
painted under everything else (grid items paint in document order). An empty panel the narrow
analysis found (a placeholder, a card with nothing read in it) is drawn the same way instead of
taking a row of its own, which would push the texts over it down.
"""

from __future__ import annotations

from .emit.model import Element, Plan

DRAWN = ("background", "border", "box-shadow")  # a panel with one of these is worth drawing


def narrow_panels(plan: Plan, narrow_plan: Plan, skip: set[int], width: int) -> list[Element]:
    """Copies of the narrow plan's panels (largest first: an outer card under its inner
    panels), added at the start of ``plan``'s page and shown at ``width`` alone. ``skip``: ids
    of narrow panels already standing for a wide element (a button placed whole)."""
    found = []
    stack = list(narrow_plan.root.children)
    while stack:
        el = stack.pop()
        stack.extend(el.children)
        if (el.kind == "panel" and id(el) not in skip and el.box is not None
                and el.tag != "input" and el.parts is None and any(k in el.look for k in DRAWN)):
            found.append(el)
    found.sort(key=lambda el: -_area(el.box))
    out = []
    for el in found:
        copy = Element("div", "panel", el.name, look=dict(el.look), box=el.box)
        _own_assets(copy, plan, narrow_plan, width)
        copy.media[width] = {"only": "1"}
        out.append(copy)
    plan.root.children[:0] = out
    return out


def is_drawn_empty(el: Element) -> bool:
    """An empty narrow panel that is drawn as a backdrop rather than placed in a row."""
    return el.kind == "panel" and el.parts is None and not el.children and el.tag != "input" \
        and any(k in el.look for k in DRAWN)


def span_rows(el: Element, rows: list[tuple[float, float]], width: int,
              box: tuple[float, float, float, float] | None = None) -> None:
    """Place ``el`` over the grid rows (top, bottom of each row's track) its box (or ``box``)
    covers: from the row holding its top edge to the row holding its bottom edge, with margins
    that put its edges where they were measured (a negative bottom margin when it reaches into
    the gap below its last row)."""
    x0, y0, x1, y1 = box or el.box  # type: ignore[misc]
    if not rows:
        return
    first = next((i for i, (_, bottom) in enumerate(rows) if bottom > y0), len(rows) - 1)
    last = max(first, max((i for i, (top, _) in enumerate(rows) if top < y1), default=first))
    left = max(1, min(width, int(round(x0)) + 1))
    right = max(left + 1, min(width + 1, int(round(x1)) + 1))
    el.media[width].update({
        "row": f"{first + 1}/{last + 2}", "col": f"{left}/{right}",
        "top": f"{round(y0 - rows[first][0])}px", "end": f"{round(rows[last][1] - y1)}px"})


def _own_assets(el: Element, plan: Plan, narrow_plan: Plan, width: int) -> None:
    """A panel whose background is a picture takes that picture from the narrow screenshot."""
    background = el.look.get("background", "")
    if "url(assets/" not in background:
        return
    name = background.split("url(assets/", 1)[1].split(")", 1)[0]
    renamed = f"at{width}-{name}"
    if name in narrow_plan.assets:
        plan.assets[renamed] = narrow_plan.assets[name]
    el.look["background"] = background.replace(f"assets/{name}", f"assets/{renamed}")


def _area(box: tuple[float, float, float, float] | None) -> float:
    if box is None:
        return 0.0
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])
