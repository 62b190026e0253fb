"""Components: repeated structures (cards, feature columns, list rows) written once.

    find_components(plan.root)     # before either emitter runs

Siblings with the same structure (the same tags, kinds and looks all the way down, whatever
their text) are instances of one component. Their measured numbers differ by a pixel or two
where the screenshot's rounding fell differently; those are made equal (the commonest value),
so the Tailwind stack writes the same utility set on every instance. Each instance, and each
part of it, gets a component class name (``card``, ``card-title``): the CSS stack writes the
declarations all instances share once in that class, and keeps only what differs inline.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from .model import Element, px_of

SLACK = 2  # px: measured numbers this close across instances are one number
STRUCTURES = ("panel", "stack", "row", "wrap")
PART_NAMES = {"img": "img", "h1": "title", "h2": "title", "h3": "title", "h4": "title",
              "h5": "title", "h6": "title", "p": "text", "a": "link", "button": "button",
              "ul": "list", "li": "item", "span": "label", "hr": "rule"}


def find_components(root: Element) -> list[list[Element]]:
    """Mark and even out every group of repeated siblings; the groups, in document order."""
    groups: list[list[Element]] = []
    used: Counter[str] = Counter()
    for parent in _walk(root):
        for group in _repeated(_siblings(parent)):
            stem = _stem(group[0])
            used[stem] += 1
            name = stem if used[stem] == 1 else f"{stem}-{used[stem]}"
            for path, nodes in _parts(group):
                _even_out(nodes)
                if path:
                    _even_placement(nodes, group)
                part = name if not path else f"{name}-{_part_name(nodes[0], path)}"
                for node in nodes:
                    node.component = part
            groups.append(group)
    return groups


def _walk(root: Element) -> Iterator[Element]:
    stack = [root]
    while stack:
        el = stack.pop(0)
        yield el
        stack.extend(el.children)


def _siblings(parent: Element) -> list[Element]:
    """The parent's children, looking through a ``contents`` list wrapper."""
    out = []
    for child in parent.children:
        out += child.children if child.kind == "contents" else [child]
    return out


def _signature(el: Element) -> tuple:
    """The structure, whatever the text; a heading's level aside (the page's one h1 may be the
    first card's title)."""
    tag = "h" if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6") else el.tag
    return (tag, el.kind, tuple(sorted(el.look.items())), el.parts is None,
            tuple(_signature(c) for c in el.children))


def _repeated(siblings: list[Element]) -> list[list[Element]]:
    """Groups of two or more siblings of one structure, each instance holding at least two parts."""
    by_shape: dict[tuple, list[Element]] = {}
    for el in siblings:
        if el.kind in STRUCTURES and len(el.children) >= 2 and not el.component:
            by_shape.setdefault(_signature(el), []).append(el)
    return [group for group in by_shape.values() if len(group) >= 2]


def _parts(group: list[Element]) -> Iterator[tuple[tuple[int, ...], list[Element]]]:
    """(path, the element at that path in every instance), the instances themselves first."""
    stack: list[tuple[tuple[int, ...], list[Element]]] = [((), group)]
    while stack:
        path, nodes = stack.pop(0)
        yield path, nodes
        for k in range(len(nodes[0].children)):
            stack.append((path + (k,), [n.children[k] for n in nodes]))


def _stem(el: Element) -> str:
    if el.tag == "li":
        return "item"
    if el.kind == "panel":
        return "card"
    return "column" if el.kind == "stack" else "group"


def _part_name(el: Element, path: tuple[int, ...]) -> str:
    base = PART_NAMES.get(el.tag, "part")
    return base if len(path) == 1 else f"{base}-{'-'.join(str(k + 1) for k in path)}"


def _even_out(nodes: list[Element]) -> None:
    """Numbers within SLACK px of each other across the instances become the commonest one."""
    for prop in set().union(*(n.geom for n in nodes)):
        values = [n.geom.get(prop) for n in nodes]
        if None in values or len(set(values)) == 1:
            continue
        numbers = [px_of(v) for v in values]
        if None in numbers or max(numbers) - min(numbers) > SLACK:  # type: ignore[operator]
            continue
        common = Counter(values).most_common(1)[0][0]
        for node in nodes:
            node.geom[prop] = common


PLACEMENT = ("margin-left", "margin-right", "text-align")


def _even_placement(nodes: list[Element], roots: list[Element]) -> None:
    """A part placed another way than in most instances (centred where the others have a left
    margin: a line that happened to fill its card) takes the others' placement when it starts
    where they do, within SLACK px of its instance's edge."""
    def way(node: Element) -> tuple:
        return tuple((k, node.geom.get(k)) for k in PLACEMENT)

    common, count = Counter(way(n) for n in nodes).most_common(1)[0]
    if count * 2 <= len(nodes) or count == len(nodes):
        return
    offsets = [n.box[0] - r.box[0] if n.box and r.box else None for n, r in zip(nodes, roots)]
    usual = [o for n, o in zip(nodes, offsets) if way(n) == common and o is not None]
    if not usual:
        return
    for node, offset in zip(nodes, offsets):
        if way(node) != common and offset is not None and abs(offset - usual[0]) <= SLACK:
            for prop, value in common:
                if value is None:
                    node.geom.pop(prop, None)
                else:
                    node.geom[prop] = value




def shared_geometry(root: Element) -> dict[str, dict[str, str]]:
    """Per component class, the declarations every element carrying it has in common."""
    seen: dict[str, list[Element]] = {}
    for el in _walk(root):
        if el.component:
            seen.setdefault(el.component, []).append(el)
    out = {}
    for name, nodes in seen.items():
        own = [_own(n) for n in nodes]
        out[name] = {k: v for k, v in own[0].items() if all(o.get(k) == v for o in own[1:])}
    return out


def _own(el: Element) -> dict[str, str]:
    """An element's own numbers: its geometry and its line height."""
    line = el.look.get("line-height")
    return {**el.geom, **({"line-height": line} if line else {})}
