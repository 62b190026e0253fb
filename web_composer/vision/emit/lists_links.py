"""Bulleted menus: a list with markers whose items are short names set apart from the text.

    list_links(page)     # on the plan, after the lists are grouped

markers.py finds drawn bullets and the plan writes their lines as ``<ul>`` items. A sidebar
often marks its links the same way ("• Acorn • Retrobatch • Mastodon" one under the other, in
a grey or a colour the page's text is not set in): there, each item is a link. An item qualifies
when it is one line of a few words, not a sentence (no closing punctuation), and every item of
the list is set in a colour other than the body text's (beyond OCR's noise); a list of points
in the text's own colour stays plain. Only tags change: the item's text moves into an ``<a>``
that inherits its look.
"""

from __future__ import annotations

from ..elements import walk
from .menus import MAX_WORDS, same_colour
from .model import Element, hex_colour
from .repeats import _body_colour

CLOSING = (".", ",", ":", ";", "!", "?")


def list_links(page: Element) -> None:
    body = _body_colour(page)
    if body is None:
        return
    text_colour = hex_colour(body)
    for ul in walk(page):
        if ul.tag not in ("ul", "ol") or "list-style" not in ul.look or len(ul.children) < 2:
            continue
        items = ul.children
        if all(_name(li) and li.look.get("color")
               and not same_colour(li.look["color"], text_colour) for li in items):
            for li in items:
                li.parts = [_anchor(li.parts)]


def _name(li: Element) -> bool:
    if li.tag != "li" or li.kind != "text" or not li.nowrap or not li.parts \
            or any(not isinstance(p, str) or p == "\n" for p in li.parts):
        return False
    text = "".join(li.parts).strip()
    return 0 < len(text.split()) <= MAX_WORDS and len(text) <= 32 and not text.endswith(CLOSING)


def _anchor(parts: list) -> Element:
    return Element("a", "inline", "", parts=list(parts), attrs={"href": "#"})
