"""Menus the screenshot shows without saying so: columns of short lines, lines of separated words.

    link_columns(elements)     three or more short lines one under the other, alike -> <li> items
    separated_links(element)   "Privacy · Terms · FAQ" -> inline <a> runs in the same paragraph
    landmark_links(landmark)   in a header or footer, short items and list items are links

A menu's colour is often the body's, so colour alone (blocks._is_link) misses it; what gives it
away is the shape: short lines of one look at a regular pitch (a sidebar, a footer column), or a
short line cut by separators. Only roles change here, never geometry: an item keeps its look and
its box, so the page looks the same and the Design2Code blocks are the same texts.
"""

from __future__ import annotations

import re

from .model import Element

MAX_WORDS = 4  # a menu item is a few words ("Terms & Conditions", "Contact us")
SEPARATOR = re.compile(r"\s+[|·•/>»–-]\s+")


def words(el: Element) -> int:
    return sum(len(p.split()) for p in el.parts or [] if isinstance(p, str))


def _plain(el: Element) -> str:
    return "".join(p for p in el.parts or [] if isinstance(p, str))


def _short_line(el: Element) -> bool:
    """One line of a few words, no inline elements, not a bare number."""
    if el.kind != "text" or not el.nowrap or el.tag not in ("p", "a", "h2", "h3", "h4"):
        return False
    if any(not isinstance(p, str) or p == "\n" for p in el.parts or []):
        return False
    text = _plain(el).strip()
    return 0 < words(el) <= MAX_WORDS and len(text) <= 32 and not re.fullmatch(r"[\d\s.,$%€£:-]+", text)


def _alike(a: Element, b: Element, strict: bool) -> bool:
    """Items of one menu: the same tag and colour, sizes within 2 px. Once a run has two items,
    weight and family are not compared: OCR measures them from a few letters of a short word and
    often differs between the items of one column (one footer item read bold, another in a
    serif). The first two must agree on weight and size (``strict``), so a column's title
    ("CUSTOMER CARE" over its links) does not become the first item."""
    if a.tag != b.tag or a.look.get("color") != b.look.get("color"):
        return False
    if strict and any(a.look.get(k) != b.look.get(k) for k in ("font-weight", "font-size")):
        return False
    return abs(_size(a.look.get("font-size", "")) - _size(b.look.get("font-size", ""))) <= 2


def _regular(run: list[Element]) -> bool:
    """Left edges (or centres) in line and a steady pitch: the rows of one list, not stray lines."""
    if any(el.box is None for el in run):
        return False
    lefts = [el.box[0] for el in run]
    centres = [(el.box[0] + el.box[2]) / 2 for el in run]
    lined = max(lefts) - min(lefts) <= 4 or max(centres) - min(centres) <= 4
    tops = [el.box[1] for el in run]
    heights = [el.box[3] - el.box[1] for el in run]
    pitches = [b - a for a, b in zip(tops, tops[1:])]
    tall = max(heights)
    return lined and min(pitches) > 0 \
        and max(pitches) <= 3.5 * tall and max(pitches) - min(pitches) <= 0.35 * tall + 2


def link_columns(elements: list[Element], as_item) -> None:
    """Three or more short one-line texts of one look, left-aligned at a steady pitch, are a
    list's items (``as_item`` makes each a <li>; _group_lists wraps the run). Items that were
    links or headings (a sidebar menu set large) keep a link inside the item."""
    run: list[Element] = []
    for el in elements + [Element("end", "end")]:
        if _short_line(el) and (not run or _alike(run[-1], el, len(run) == 1)):
            run.append(el)
            continue
        _close(run, as_item)
        run = [el] if _short_line(el) else []


def _close(run: list[Element], as_item) -> None:
    """A closed run of three or more regular short lines is a menu: each item a link in a <li>
    (a column of short lines without markers is a sidebar or a footer column, and their items
    are links), unless most items hold figures (an address, opening hours, prices), which stay
    plain items."""
    if len(run) < 3 or not _regular(run):
        return
    figures = sum(1 for item in run if len(re.findall(r"\d", _plain(item))) >= 3)
    link = figures * 2 < len(run)
    for item in run:
        if link:
            item.tag = "a"
            as_item(item)
        else:
            item.tag = "li"
            item.attrs.pop("href", None)


def separated_links(el: Element) -> None:
    """A short line of three or more short parts between separators ("Privacy - Terms - FAQ",
    "Home > Shop > Hats") is a row of links: each part becomes an inline <a>, the separators
    stay text, so the line renders as before."""
    if el.kind != "text" or el.tag not in ("p", "li") or len(el.parts or []) != 1:
        return
    text = el.parts[0] if isinstance(el.parts[0], str) else ""
    pieces = SEPARATOR.split(text)
    if len(pieces) < 3 or any(not 0 < len(p.split()) <= MAX_WORDS for p in pieces):
        return
    seps = SEPARATOR.findall(text)
    parts: list = []
    for i, piece in enumerate(pieces):
        parts.append(Element("a", "inline", "", parts=[piece], attrs={"href": "#"}))
        if i < len(seps):
            parts.append(seps[i])
    el.parts = parts


def landmark_links(landmark: Element, as_item) -> None:
    """In a header or footer, list items are menu entries (<li><a>), and a row of two or more
    short texts side by side is a menu too."""
    for el in _walk(landmark):
        if el.tag == "li" and el.parts and not any(isinstance(p, Element) for p in el.parts):
            el.tag = "a"
            as_item(el)
        if el.kind in ("row", "wrap"):
            items = [c for c in el.children if _short_line(c) and c.tag == "p"]
            if len(items) >= 2 and len(items) == len([c for c in el.children if c.kind == "text"]):
                for item in items:
                    item.tag, item.name = "a", item.name if item.name != "text" else "link"
                    item.attrs["href"] = "#"
                    item.look.setdefault("text-decoration", "none")
        if el.kind == "text":
            separated_links(el)


MENU_WORD = re.compile(r"[A-Z][A-Za-z'&.]{0,13}")
MENU_SEPARATOR = re.compile(r"[|·•/—–-]")


def menu_words(block: Element) -> None:
    """In a bar at the top or bottom of the page, a line of two to six capitalised words beside
    other things (after the brand) is a menu that OCR read as one line ("Home About Shop"): the
    line becomes a <nav> whose words are links. The words stay inline, so nothing moves; an item
    of two words ("Car Loan") comes out as two links, which is the price of not seeing the gaps."""
    for el in _walk(block):
        if el.kind not in ("row", "wrap") or len(el.children) < 2:
            continue
        for item in el.children[1:]:
            _menu_line(item)


def _menu_line(el: Element) -> None:
    if el.kind != "text" or el.tag not in ("p", "h2", "h3") or not el.nowrap:
        return
    if _size(el.look.get("font-size", "")) > 24:
        return
    tokens: list[tuple[str, dict[str, str]]] = []  # (word, look of the run it is in)
    for part in el.parts or []:
        if isinstance(part, str):
            tokens += [(t, {}) for t in part.split()]
        elif part.parts and all(isinstance(p, str) and p != "\n" for p in part.parts):
            tokens += [(t, part.look) for t in " ".join(part.parts).split()]
        else:
            return
    names = [t for t, _look in tokens if not MENU_SEPARATOR.fullmatch(t)]
    if not 2 <= len(names) <= 6 or not all(MENU_WORD.fullmatch(t) for t in names):
        return
    parts: list = []
    for token, look in tokens:
        if parts:
            parts.append(" ")
        parts.append(token if MENU_SEPARATOR.fullmatch(token) else
                     Element("a", "inline", "link" if look else "", parts=[token],
                             look=dict(look), attrs={"href": "#"}))
    el.tag, el.parts = "nav", parts
    el.look.setdefault("text-decoration", "none")


def _size(length: str) -> float:
    match = re.search(r"(\d+(?:\.\d+)?)(px|rem)", length)
    return float(match.group(1)) * (16 if match.group(2) == "rem" else 1) if match else 0.0


def footer_start(kids: list[Element]) -> int | None:
    """Where a footer without a bar or a copyright line begins: the first of the page's last
    blocks, all in the bottom half of its content, that holds two or more menu columns (lists
    without markers, as footers set their link columns)."""
    boxes = [el.box for el in kids if el.box is not None]
    if not boxes:
        return None
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    start = None
    for i in range(len(kids) - 1, 0, -1):
        box = kids[i].box
        if box is None or box[1] < top + 0.5 * (bottom - top):
            break
        if sum(1 for el in _walk(kids[i]) if _menu_list(el)) >= 2:
            start = i
    return start


def _menu_list(el: Element) -> bool:
    return el.tag == "ul" and "list-style" not in el.look and len(el.children) >= 2


def _walk(el: Element):
    yield el
    for child in el.children:
        yield from _walk(child)


TILE = (420, 140)  # px: the largest box read as one tile link


BUTTON = (360, 80)  # px: the largest box read as a button


def tile_link(panel: Element, size: tuple[float, float]) -> None:
    """Boxes a reader clicks, which the box itself becomes the link of (<a>, flex like the box,
    so nothing moves): a small box with a picture or gradient behind one short line (a button
    blocks.py could not give one fill colour; solid ones are <button> already), and a small
    filled box holding exactly two short lines, a title over a caption ("Assisted Living /
    Shellman"), a tile."""
    texts = [el for el in _walk(panel) if el.kind == "text"]
    backdrop = panel.look.get("background", "")
    if panel.tag == "div" and ("url(" in backdrop or "gradient" in backdrop) \
            and len(texts) == 1 and _short_line(texts[0]) \
            and size[0] <= BUTTON[0] and size[1] <= BUTTON[1]:
        panel.tag, panel.name, panel.attrs["href"] = "a", "button", "#"
        texts[0].tag = "span"
        texts[0].attrs.pop("href", None)
        return
    fill = panel.look.get("background", "")
    if panel.tag != "div" or not fill.startswith("#") or fill in ("#fff", "#ffffff") \
            or "border" in panel.look:
        return  # an outlined or white box is a card; a filled one is the tile
    if size[0] > TILE[0] or size[1] > TILE[1] or len(panel.children) != 2:
        return
    if not all(_short_line(c) for c in panel.children):
        return
    panel.tag, panel.attrs["href"] = "a", "#"
    for child in panel.children:
        if child.tag == "a":  # no link inside the link
            child.tag = "p"
            child.attrs.pop("href", None)


def brand_link(header: Element) -> None:
    """In a header that holds a menu, the first text (the site's name beside its menu) is the
    link home, as every navbar writes it: a line becomes an <a>, a heading holds one. It stays
    out of the menu's list."""
    if not any(el.tag in ("nav", "a") for el in _walk(header)):
        return
    for el in _walk(header):
        if el.kind != "text":
            continue
        text = _plain(el).strip()
        if el.tag not in ("p", "h1", "h2", "h3", "h4") or not el.nowrap \
                or not 0 < len(text.split()) <= MAX_WORDS \
                or any(not isinstance(p, str) for p in el.parts or []):
            return
        if el.tag == "p":
            el.tag, el.name = "a", "brand"
            el.attrs["href"] = "#"
            el.look.setdefault("text-decoration", "none")
        else:
            el.parts = [Element("a", "inline", "", parts=el.parts, attrs={"href": "#"})]
        return
