"""Short columns beside a list: in a row of titled columns, two items make a list too.

    column_lists(page)       # on the plan, after rank_headings and column_titles
    footer_columns(footer)   # in plan._landmarks: a footer's titled columns of two or more links

menus.link_columns takes three or more short lines at a steady pitch for a list (fewer could
be an address or a caption). A footer's columns often hold two ("For Teams": "Platform for
Training", "Pre-Sales Automation") beside a column of three that was read as a list. When a
row's columns each start with a heading and one of them holds such a list, another column
whose lines under its heading are all short lines of one look (two or more, one under the
other at a steady pitch) is a list of the same kind: its lines become the items, links when
the neighbour's items are links. Inside a ``<footer>`` no neighbour is needed: there a
column's title over two or more such lines is read as a person reads a footer, a short sitemap
of links (footer_columns). Only tags change (and a ``<ul>`` column that takes over the first
item's gap, as plan._group_lists writes lists), so nothing moves.
"""

from __future__ import annotations

import re

from .menus import _alike, _column_line, _plain, _regular
from .model import Element

HEADINGS = ("h2", "h3", "h4")
MIN_COLUMNS = 3
TITLES = ("p", "h2", "h3", "h4")  # a column's title, before rank_headings has set its level
CLOSING = (".", ",", ":", ";", "!", "?")  # a line that ends so is a sentence, not an entry


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
    column.children = column.children[:1] + [_as_list(items, linked)]


def _as_list(items: list[Element], linked: bool) -> Element:
    """The items as a ``<ul>`` that takes over the first item's gap (nothing moves)."""
    for item in items:
        item.tag, item.name = "li", "text"
        if linked:
            item.parts = [Element("a", "inline", "", parts=item.parts, attrs={"href": "#"})]
    ul = Element("ul", "stack", "list", children=items)
    if "margin-top" in items[0].geom:
        ul.geom["margin-top"] = items[0].geom.pop("margin-top")
    return ul


def footer_columns(footer: Element) -> None:
    """A footer's column is a short sitemap: under a title ("Resources", "TAKE ACTION"), two
    or more short lines of one look, one under the other at a steady pitch, are its links
    (menus.link_columns needs three anywhere on the page; in a footer, under a title, two
    are enough). The run must end the column or meet a picture, a box or the next title, not
    more text (then it is a paragraph's lines); lines that end as sentences, and a column whose lines hold
    figures (an address, opening hours, a phone number), stay text."""
    for column in list(_walk(footer)):
        if column.kind not in ("stack", "panel"):
            continue
        kids, i = column.children, 0
        while i < len(kids) - 2:
            run = _entries(kids, i)
            if run:
                kids[i + 1:i + 1 + len(run)] = [_as_list(run, True)]
            i += 1


def _entries(kids: list[Element], at: int) -> list[Element]:
    """The entries under the title ``kids[at]``, or [] when they are not a column's links."""
    title, run = kids[at], []
    if title.kind != "text" or title.tag not in TITLES or not _column_line(title):
        return []
    for el in kids[at + 1:]:
        if not (el.tag == "p" and _column_line(el) and not _plain(el).rstrip().endswith(CLOSING)
                and (not run or _alike(run[-1], el, len(run) == 1))):
            break
        run.append(el)
    end = at + 1 + len(run)
    more = end < len(kids) and kids[end].kind == "text" and not _entries(kids, end)
    if len(run) < 2 or more or _alike(title, run[0], True) or not _regular(run):
        return []
    return [] if any(re.search(r"\d", _plain(el)) for el in run) else run


def _walk(el: Element):
    yield el
    for child in list(el.children):
        yield from _walk(child)
