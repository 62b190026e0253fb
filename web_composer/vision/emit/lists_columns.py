"""Short columns beside a list: in a row of titled columns, two items make a list too.

    column_lists(page)     # on the plan, after rank_headings and column_titles

menus.link_columns takes three or more short lines at a steady pitch for a list (fewer could
be an address or a caption). A footer's columns often hold two ("For Teams": "Platform for
Training", "Pre-Sales Automation") beside a column of three that was read as a list. When a
row's columns each start with a heading and one of them holds such a list, another column
whose lines under its heading are all short lines of one look (two or more, one under the
other at a steady pitch) is a list of the same kind: its lines become the items, links when
the neighbour's items are links. Only tags change (and a ``<ul>`` column that takes over the
first item's gap, as plan._group_lists writes lists), so nothing moves.
"""

from __future__ import annotations

from .menus import _alike, _column_line, _regular
from .model import Element

HEADINGS = ("h2", "h3", "h4")
MIN_COLUMNS = 3


def column_lists(page: Element) -> None:
    for row in _walk(page):
        if row.kind not in ("row", "wrap"):
            continue
        columns = [c for c in row.children if c.kind in ("stack", "panel") and c.children]
        if len(columns) < MIN_COLUMNS or not all(c.children[0].tag in HEADINGS for c in columns):
            continue
        lists = [_list_of(c) for c in columns]
        model = next((ul for ul in lists if ul is not None), None)
        if model is None:
            continue
        linked = all(_linked(li) for li in model.children)
        for column, ul in zip(columns, lists):
            if ul is None:
                _make_list(column, linked)


def _list_of(column: Element) -> Element | None:
    """The list under the column's heading (in a <nav> or not), if there is one."""
    for el in column.children[1:]:
        if el.tag == "nav" and len(el.children) == 1:
            el = el.children[0]
        if el.tag in ("ul", "ol") and el.children:
            return el
    return None


def _linked(li: Element) -> bool:
    return len(li.parts or []) == 1 and isinstance(li.parts[0], Element) and li.parts[0].tag == "a"


def _make_list(column: Element, linked: bool) -> None:
    items = column.children[1:]
    if len(items) < 2 or not all(_column_line(el) and el.tag == "p" for el in items):
        return
    if not all(_alike(a, b, True) for a, b in zip(items, items[1:])) or not _regular(items):
        return
    for item in items:
        item.tag, item.name = "li", "text"
        if linked:
            item.parts = [Element("a", "inline", "", parts=item.parts, attrs={"href": "#"})]
    ul = Element("ul", "stack", "list", children=items)
    if "margin-top" in items[0].geom:
        ul.geom["margin-top"] = items[0].geom.pop("margin-top")
    column.children = column.children[:1] + [ul]


def _walk(el: Element):
    yield el
    for child in list(el.children):
        yield from _walk(child)
