"""Lone entries of a header's bar: "HOME" at the right of the site's name, "Go to X" by a logo.

    bar_links(header)     # on the plan, in plan._landmarks, before brand_link

landmarks_top and menus.landmark_links find a menu by its number of items (two or more short
lines side by side). A small site's bar often holds one or two: its name or logo at the left,
and at the right a "HOME", or a "Go to the company's site" and a language. A person reads
those as links because of where they sit, the bar's other end from the brand, where every
navbar puts its menu; OCR cannot help, as they share the bar's one colour and may be set bold
or larger than the body (the plan then takes them for headings). So in the header's first row,
when its first child is the brand (an image, a group or a text) and every later child is a
short line (a few words, no sentence) that starts in the right half of the row, those lines
are links; a line read as a heading keeps its heading and holds the link. Only tags change:
each keeps its look and box, so the page renders the same pixels.
"""

from __future__ import annotations

from .menus import MAX_WORDS, _plain
from .model import Element

ENTRY_TAGS = ("p", "h2", "h3", "h4")  # what the plan writes a short bar line as
ENTRY_CHARS = 32  # a menu entry's length ("Go to EnGenius Technologies")
MAX_ENTRIES = 2  # more are a menu, which landmark_links reads
CLOSING = (".", ",", ":", ";", "!", "?")


def bar_links(header: Element) -> None:
    """Make the entries of the header's first row links (see the module's docstring)."""
    row = _first_row(header)
    if row is None or len(row.children) < 2 or any(c.box is None for c in row.children):
        return
    brand, entries = row.children[0], row.children[1:]
    left, right = row.children[0].box[0], max(c.box[2] for c in row.children)
    middle = (left + right) / 2
    if brand.kind == "text" and not _entry(brand) or len(entries) > MAX_ENTRIES:
        return
    if not all(_entry(el) and el.box is not None and el.box[0] >= middle for el in entries):
        return
    for el in entries:
        if el.tag != "p":  # read as a heading (set bold or large): it keeps that and holds a link
            el.parts = [Element("a", "inline", "", parts=el.parts, attrs={"href": "#"})]
            continue
        el.tag, el.name = "a", "link"
        el.attrs["href"] = "#"
        el.look.setdefault("text-decoration", "none")


def _first_row(header: Element) -> Element | None:
    """The header's top row: its first child, or the first child of a header that is a
    column (a bar over a hero)."""
    el = header
    while el.kind not in ("row", "wrap"):
        if not el.children or el.kind not in ("panel", "stack") or el.tag in ("nav", "ul", "ol"):
            return None
        el = el.children[0]
    return el


def _entry(el: Element) -> bool:
    """A short one-line text of a few words, not a sentence nor a bare number."""
    if el.kind != "text" or el.tag not in ENTRY_TAGS or not el.nowrap or not el.parts \
            or any(not isinstance(p, str) or p == "\n" for p in el.parts):
        return False
    text = _plain(el).strip()
    return 0 < len(text.split()) <= MAX_WORDS and len(text) <= ENTRY_CHARS \
        and not text.endswith(CLOSING) and any(c.isalpha() for c in text)
