"""Column titles set alike: when one column of a row starts with a heading, its neighbours'
first lines in the same look are headings too.

    column_titles(page)     # on the plan, after rank_headings

rank_headings finds a footer column's title when a list or a menu stands under it ("CUSTOMER
CARE" over its links). The column beside it may hold a paragraph instead ("ABOUT MARGO'S
GIFTS" over a few lines about the shop): its title is set exactly like the first one, and a
reader sees the two as titles of one kind. So in a row of columns, a column's first line that
is a short title in the same look (size within a pixel, weight, colour within OCR's noise) as
another column's first-line heading takes that heading's level. Only the tag changes.
"""

from __future__ import annotations

from ..elements import walk
from .headings import _short_title
from .menus import _size, same_colour
from .model import Element

HEADINGS = ("h2", "h3")


def column_titles(page: Element) -> None:
    for row in walk(page):
        if row.kind not in ("row", "wrap"):
            continue
        firsts = [_first(col) for col in row.children if col.kind in ("stack", "panel")]
        titles = [el for el in firsts if el is not None and el.tag in HEADINGS]
        for el in firsts:
            if el is None or el.tag != "p" or not _short_title(el):
                continue
            match = next((t for t in titles if _alike(t, el)), None)
            if match is not None:
                el.tag, el.name = match.tag, match.name


def _first(column: Element) -> Element | None:
    """The column's first child when it is a line of text."""
    if not column.children:
        return None
    first = column.children[0]
    return first if first.kind == "text" else None


def _alike(title: Element, el: Element) -> bool:
    a, b = title.look, el.look
    return abs(_size(a.get("font-size", "")) - _size(b.get("font-size", ""))) <= 1 \
        and a.get("font-weight", "400") == b.get("font-weight", "400") \
        and a.get("font-family") == b.get("font-family") \
        and same_colour(a.get("color"), b.get("color"))
