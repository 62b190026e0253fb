"""Layout analysis: nest panels, then recover rows and columns with a recursive XY-cut.

    root = build_layout(width, height, background, regions, graphics, lines)   # -> Node("page")

Every panel (a Region) becomes a "panel" node holding the layout of what lies inside it. Inside a
container the items are cut recursively at the widest empty band: a horizontal band splits them
into a vertical "stack", a vertical band into a "row" of columns (a vertical band must be a
little wider to win, so a bullet next to its text stays on the item's row). Items that cannot
be separated (they overlap) stay in one "stack" ordered top to bottom, marked ``overlap``.
"""

from __future__ import annotations

from .elements import RGB, Box, Graphic, Node, Region, TextLine, union_all

V_WEIGHT = 0.8  # a vertical gap must be 1.25 times as wide as a horizontal one to win


def build_layout(width: int, height: int, background: RGB, regions: list[Region],
                 graphics: list[Graphic], lines: list[TextLine]) -> Node:
    page = Region(Box(0, 0, width, height), background)
    containers = [page] + sorted(regions, key=lambda r: -r.box.area)
    members: dict[int, list[Node]] = {id(c): [] for c in containers}
    leaves = [_text_leaf(line) for line in lines] + [_graphic_leaf(g) for g in graphics]
    for leaf in leaves:
        members[id(_owner(containers, leaf.box))].append(leaf)
    return _container_node(page, containers, members, kind="page")


def _text_leaf(line: TextLine) -> Node:
    return Node("text", line.box, lines=[line])


def _graphic_leaf(graphic: Graphic) -> Node:
    return Node(graphic.kind, graphic.box, graphic=graphic)


def _owner(containers: list[Region], box: Box) -> Region:
    """The smallest container holding ``box`` (or most of it)."""
    best = containers[0]
    for region in containers[1:]:
        if region.box.contains(box, 2) or region.box.intersection(box) > 0.8 * box.area > 0:
            if region.box.area < best.box.area:
                best = region
    return best


def _parent(containers: list[Region], region: Region) -> Region:
    best = containers[0]
    for other in containers[1:]:
        if other is not region and other.box.area > region.box.area \
                and other.box.contains(region.box, 1) and other.box.area < best.box.area:
            best = other
    return best


def _container_node(region: Region, containers: list[Region], members: dict[int, list[Node]],
                    kind: str = "panel") -> Node:
    items = list(members[id(region)])
    for child in containers[1:]:
        if child is not region and _parent(containers, child) is region:
            items.append(_container_node(child, containers, members))
    node = Node(kind, region.box, region=region)
    if items:
        node.children = [xy_cut(items)]
    return node


def xy_cut(items: list[Node]) -> Node:
    """Recursively split ``items`` at the widest empty band; return a stack/row tree."""
    if len(items) == 1:
        return items[0]
    h_gaps = _gaps([(n.box.y0, n.box.y1) for n in items])
    v_gaps = _gaps([(n.box.x0, n.box.x1) for n in items])
    best_h = max((b - a for a, b in h_gaps), default=None)
    best_v = max((b - a for a, b in v_gaps), default=None)
    if best_h is None and best_v is None:
        return _forced_cut(items)
    if best_v is None or (best_h is not None and best_h >= best_v * V_WEIGHT):
        kind, cuts = "stack", [(a + b) / 2 for a, b in h_gaps if b - a == best_h]
        key = lambda n: n.box.cy  # noqa: E731
    else:
        kind, cuts = "row", [(a + b) / 2 for a, b in v_gaps if b - a == best_v]
        key = lambda n: n.box.cx  # noqa: E731
    groups: list[list[Node]] = [[] for _ in range(len(cuts) + 1)]
    for item in items:
        pos = key(item)
        groups[sum(1 for c in cuts if pos > c)].append(item)
    children: list[Node] = []
    for group in groups:
        if group:
            sub = xy_cut(group)
            children.extend(sub.children if sub.kind == kind and not sub.info else [sub])
    return Node(kind, union_all([n.box for n in items]), children)


def _gaps(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Empty intervals between the union of ``spans``; touching spans leave a zero-width gap
    (adjacent columns with different backgrounds must still be separable)."""
    spans = sorted(spans)
    gaps = []
    end = spans[0][1]
    for a, b in spans[1:]:
        if a >= end:
            gaps.append((end, a))
        end = max(end, b)
    return gaps


def _forced_cut(items: list[Node]) -> Node:
    """Items that overlap every way: cut where the fewest pixels of items are crossed, send the
    crossed items to the side holding their centre, and go on. Only if no cut separates anything
    do they stay one stack in reading order (marked ``overlap``)."""
    best = None
    for axis in ("y", "x"):
        lo = (lambda b: b.y0) if axis == "y" else (lambda b: b.x0)  # noqa: E731
        hi = (lambda b: b.y1) if axis == "y" else (lambda b: b.x1)  # noqa: E731
        for pos in sorted({lo(n.box) for n in items} | {hi(n.box) for n in items}):
            cost = sum(min(pos - lo(n.box), hi(n.box) - pos)
                       * (n.box.area / max(1.0, hi(n.box) - lo(n.box)))
                       for n in items if lo(n.box) < pos < hi(n.box))
            centre = (lambda b: b.cy) if axis == "y" else (lambda b: b.cx)  # noqa: E731
            first = [n for n in items if centre(n.box) < pos]
            if 0 < len(first) < len(items) and (best is None or cost < best[0]):
                best = (cost, axis, first)
    if best is None:
        ordered = sorted(items, key=lambda n: (n.box.y0, n.box.x0))
        return Node("stack", union_all([n.box for n in items]), ordered, info={"overlap": True})
    _cost, axis, first = best
    rest = [n for n in items if n not in first]
    kind = "stack" if axis == "y" else "row"
    children: list[Node] = []
    for group in (first, rest):
        sub = xy_cut(group)
        children.extend(sub.children if sub.kind == kind and not sub.info else [sub])
    return Node(kind, union_all([n.box for n in items]), children)
