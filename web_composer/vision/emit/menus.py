"""Menus the screenshot shows without saying so: columns of short lines, lines of separated words.

    link_columns(elements)     three or more short lines one under the other, alike -> <li> items
    separated_links(element)   "Privacy · Terms · FAQ" -> a <nav> line of inline <li><a> items
    mixed_links(element)       "<a>Home</a> Menu <a>Help</a>" -> the names between links are links
    inline_items(nav)          a menu line's links -> an inline <ul> of <li> (same pixels)
    landmark_links(landmark)   in a header or footer, short items and list items are links

A menu's colour is often the body's, so colour alone (blocks._is_link) misses it; what gives it
away is the shape: short lines of one look at a regular pitch (a sidebar, a footer column), or a
short line cut by separators. Only roles change here, never geometry: an item keeps its look and
its box, so the page renders to the same pixels (a separator now sits in its item's <li>, so the
Design2Code text blocks of a menu line can split differently).
"""

from __future__ import annotations

import re

from ..elements import walk
from .model import Element, rgb_of

MAX_WORDS = 4  # a menu item is a few words ("Terms & Conditions", "Contact us")
SEPARATOR = re.compile(r"\s+[|·•/>»–-]\s+")


def words(el: Element) -> int:
    return sum(len(p.split()) for p in el.parts or [] if isinstance(p, str))


def _plain(el: Element) -> str:
    return "".join(p for p in el.parts or [] if isinstance(p, str))


def _short_line(el: Element, most: int = MAX_WORDS, chars: int = 32) -> bool:
    """One line of a few words (``most``), no inline elements, not a bare number."""
    if el.kind != "text" or not el.nowrap or el.tag not in ("p", "a", "h2", "h3", "h4"):
        return False
    if any(not isinstance(p, str) or p == "\n" for p in el.parts or []):
        return False
    text = _plain(el).strip()
    return 0 < words(el) <= most and len(text) <= chars \
        and not re.fullmatch(r"[\d\s.,$%€£:-]+", text)


COLUMN_WORDS, COLUMN_CHARS = 5, 40  # an item of a link column: "Middle East and North Africa"


def _column_line(el: Element) -> bool:
    """A short line that can be a column's item; "Photography:" is a label, not an item."""
    return _short_line(el, COLUMN_WORDS, COLUMN_CHARS) and not _plain(el).rstrip().endswith(":")


def _alike(a: Element, b: Element, strict: bool) -> bool:
    """Items of one menu: the same tag and colour, sizes within 2 px. Once a run has two items,
    weight and family are not compared: OCR measures them from a few letters of a short word and
    often differs between the items of one column (one footer item read bold, another in a
    serif). The first two must agree on weight and size (``strict``), so a column's title
    ("CUSTOMER CARE" over its links) does not become the first item."""
    if a.tag != b.tag or not same_colour(a.look.get("color"), b.look.get("color")):
        return False
    apart = abs(_size(a.look.get("font-size", "")) - _size(b.look.get("font-size", "")))
    if strict and (a.look.get("font-weight") != b.look.get("font-weight") or apart > 1):
        return False
    return apart <= 2


COLOUR_NOISE = 24  # per channel: OCR measures a small word's colour from a few pixels


def same_colour(a: str | None, b: str | None) -> bool:
    """One colour as OCR measures it: equal, or within COLOUR_NOISE on every channel ("#444"
    and "#515151" are the grey of one footer column)."""
    if a == b:
        return True
    ra, rb = rgb_of(a or ""), rgb_of(b or "")
    return ra is not None and rb is not None \
        and max(abs(x - y) for x, y in zip(ra, rb)) <= COLOUR_NOISE


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
        if _column_line(el) and (not run or _alike(run[-1], el, len(run) == 1)):
            run.append(el)
            continue
        _close(run, as_item)
        run = [el] if _column_line(el) else []


def _close(run: list[Element], as_item) -> None:
    """A closed run of three or more regular short lines is a menu: each item a link in a <li>
    (a column of short lines without markers is a sidebar or a footer column, and their items
    are links), unless most items hold figures (an address, opening hours, prices), which stay
    plain items; items that are each a name and a count ("Abarth (179)", a shop's or a blog's
    categories) hold the name's link."""
    if len(run) < 3 or not _regular(run):
        return
    figures = sum(1 for item in run if len(re.findall(r"\d", _plain(item))) >= 3)
    link = figures * 2 < len(run)
    counted = [COUNTED.fullmatch(_plain(item).strip()) for item in run]
    for item, count in zip(run, counted):
        if link:
            item.tag = "a"
            as_item(item)
            continue
        item.tag = "li"
        item.attrs.pop("href", None)
        if all(counted):  # "Abarth (179)": a category's link and how many it holds
            item.parts = [Element("a", "inline", "", parts=[count.group(1)],
                                  attrs={"href": "#"}), count.group(2)]


COUNTED = re.compile(r"(.*?\S)(\s*\(\d[\d,.]*\)?)")  # a name, then (179); OCR may drop ")"


def separated_links(el: Element) -> None:
    """A short line of three or more short parts between separators ("Privacy - Terms - FAQ",
    "Home > Shop > Hats") is a row of links: each part becomes an inline <a>, the separators
    stay text, so the line renders as before, and the line is a <nav> (the same block box as
    the <p> it was). A part may be a longer name ("Kindergarten Practicum Resource &
    Experience"), up to PART_WORDS; a separator OCR coloured apart from its line (an inline run
    holding only "-") is the separator it is, kept in its colour as a <span>."""
    if el.kind != "text" or el.tag not in ("p", "li") or not el.parts:
        return
    tokens = _separated(el.parts)
    if tokens is None:
        return
    pieces = [t for t in tokens if isinstance(t, str)]
    if len(pieces) < 3 or any(not 0 < len(p.split()) <= PART_WORDS for p in pieces):
        return
    parts: list = []
    for token in tokens:
        if not isinstance(token, str):
            parts.append(token[0])
            continue
        lead, trail = token[:len(token) - len(token.lstrip())], token[len(token.rstrip()):]
        parts += [p for p in (lead, Element("a", "inline", "", parts=[token.strip()],
                                            attrs={"href": "#"}), trail) if p]
    el.parts = parts
    if el.tag == "p":
        el.tag = "nav"
        inline_items(el)


PART_WORDS = 6  # a part of a separated line: a page's name can be longer than a menu item


def _separated(parts: list) -> list | None:
    """The line as pieces (str) and separators ((str or <span>,)), or None when it holds
    anything but plain text and inline runs that are only a separator."""
    tokens: list = []
    text = ""
    for part in parts:
        if isinstance(part, str) and part != "\n":
            chunks = SEPARATOR.split(part)
            seps = SEPARATOR.findall(part)
            for i, chunk in enumerate(chunks):
                text += chunk
                if i < len(seps):
                    tokens += [text, (seps[i],)]
                    text = ""
        elif isinstance(part, Element) and not part.children and len(part.parts or []) == 1 \
                and isinstance(part.parts[0], str) \
                and MENU_SEPARATOR.fullmatch(part.parts[0].strip()) and text.endswith(" "):
            span = Element("span", "inline", "span", parts=part.parts, look=dict(part.look))
            tokens += [text, (span,)]
            text = ""
        else:
            return None
    return tokens + [text]


def mixed_links(el: Element) -> None:
    """A menu OCR read as one line and coloured in part ("<a>Home</a> Menu <a>Your Order</a>
    Your Account <a>Help</a>"): when two or more of the line's runs are links and the plain
    text between them is short capitalised names, those names are links too (one link per
    stretch between two links: "Your Account" stays one item), and the line is a <nav>. A
    sentence with links in it has lower-case words between them and is left alone."""
    if el.kind != "text" or el.tag not in ("p", "li") or not el.nowrap or not el.parts:
        return
    links = [p for p in el.parts if isinstance(p, Element)]
    if len(links) < 2 or any(p.tag != "a" or p.children or
                             any(not isinstance(q, str) for q in p.parts or []) for p in links):
        return
    plain = [p for p in el.parts if isinstance(p, str)]
    names = [p.strip() for p in plain if p.strip() and not MENU_SEPARATOR.fullmatch(p.strip())]
    if not names or any(p == "\n" for p in plain) or any(
            not 0 < len(n.split()) <= 3 or not all(MENU_WORD.fullmatch(w) for w in n.split())
            for n in names):
        return
    parts: list = []
    for part in el.parts:
        name = part.strip() if isinstance(part, str) else ""
        if not name or MENU_SEPARATOR.fullmatch(name):
            parts.append(part)
            continue
        lead, trail = part[:len(part) - len(part.lstrip())], part[len(part.rstrip()):]
        parts += [p for p in (lead, Element("a", "inline", "", parts=[name],
                                            attrs={"href": "#"}), trail) if p]
    el.parts = parts
    if el.tag == "p":
        el.tag = "nav"
        inline_items(el)


def landmark_links(landmark: Element, as_item) -> None:
    """In a header or footer, list items are menu entries (<li><a>), and a row of two or more
    short texts side by side is a menu too."""
    for el in walk(landmark):
        if el.tag == "li" and el.parts and not any(isinstance(p, Element) for p in el.parts):
            el.tag = "a"
            as_item(el)
        if el.kind in ("row", "wrap"):
            items = [c for c in el.children if _short_line(c) and c.tag == "p"]
            texts = [c for c in el.children if c.kind == "text"]
            if not (len(items) >= 2 and len(items) == len(texts)):
                items = _among_links(items, el.children)
            if items:
                for item in items:
                    item.tag, item.name = "a", item.name if item.name != "text" else "link"
                    item.attrs["href"] = "#"
                    item.look.setdefault("text-decoration", "none")
        if el.kind == "text":
            separated_links(el)
            mixed_links(el)


def _among_links(items: list[Element], children: list[Element]) -> list[Element]:
    """Menu entries OCR measured apart from their neighbours (another size or colour, so they
    were not listed with them): the short capitalised names after the first of two or more
    links, in a row whose other texts are all links (the name before them is the site's, which
    brand_link makes the link home)."""
    links = [c for c in children if c.tag == "a" and c.kind == "text"
             or c.tag == "ul" and c.children and all(li.tag == "li" for li in c.children)]
    if len(links) < 2 or any(c.kind == "text" and c not in items and c.tag != "a"
                             for c in children):
        return []
    first = children.index(links[0])
    after = [c for c in items if children.index(c) > first]
    names = [_plain(c).split() for c in after]
    return after if all(len(n) <= 3 and all(MENU_WORD.fullmatch(w) for w in n)
                        for n in names) else []


MENU_WORD = re.compile(r"[A-Z][A-Za-z'&.]{0,13}")
MENU_SEPARATOR = re.compile(r"[|·•/—–-]")


def menu_words(block: Element) -> None:
    """In a bar at the top or bottom of the page, a line of two to six capitalised words beside
    other things (after the brand) is a menu that OCR read as one line ("Home About Shop"): the
    line becomes a <nav> whose words are links. The words stay inline, so nothing moves; an item
    of two words ("Car Loan") comes out as two links, which is the price of not seeing the gaps."""
    for el in walk(block):
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
    inline_items(el)


def inline_items(nav: Element) -> None:
    """The links of a menu line as the items of a list, as a developer writes a menu: each
    link with the separator or space after it is an ``<li>``, the list a ``<ul>``; both are
    inline ("inline-list"), so the line wraps and renders as the run of links it was."""
    parts = nav.parts or []
    first = next((i for i, p in enumerate(parts) if isinstance(p, Element) and p.tag == "a"), None)
    if first is None:
        return
    items: list[Element] = []
    for part in parts[first:]:
        if isinstance(part, Element) and part.tag == "a":
            items.append(Element("li", "inline-list", "", parts=[part]))
        else:
            items[-1].parts.append(part)
    if len(items) < 2:
        return
    nav.parts = parts[:first] + [Element("ul", "inline-list", "", parts=items)]


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
        if sum(1 for el in walk(kids[i]) if _menu_list(el)) >= 2:
            start = i
    return start


def _menu_list(el: Element) -> bool:
    return el.tag == "ul" and "list-style" not in el.look and len(el.children) >= 2


TILE = (420, 140)  # px: the largest box read as one tile link


BUTTON = (360, 80)  # px: the largest box read as a button


def tile_link(panel: Element, size: tuple[float, float]) -> None:
    """Boxes a reader clicks, which the box itself becomes the link of (<a>, flex like the box,
    so nothing moves): a small box with a picture or gradient behind one short line (a button
    blocks.py could not give one fill colour; solid ones are <button> already), and a small
    filled box holding exactly two short lines, a title over a caption ("Assisted Living /
    Shellman"), a tile."""
    texts = [el for el in walk(panel) if el.kind == "text"]
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
    if not any(el.tag in ("nav", "a") for el in walk(header)):
        return
    for el in walk(header):
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
