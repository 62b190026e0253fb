"""Headings the first reading left as paragraphs or links: titles told by size and place.

    rank_headings(page)     # on the plan, after lists and landmarks are found

blocks.py gives h1-h3 to text set clearly larger than the body (1.15x and up, bold or display
type). What it leaves are titles a reader still sees as titles because of where they stand:

- a short line a little larger than the body (1.1x) with smaller text right under it (a section
  title set at 18 px over 16 px text);
- a short line right above a list or a menu (a footer column's "CUSTOMER CARE"), whatever its
  size;
- a coloured title set larger than the body, or bold, over text: a post title that is also a
  link. It becomes ``<h3><a>``: a heading holding the link, as blogs write it; such a title may
  wrap over two or three lines when it is set 1.25x the body or more;
- a short line right above a form (its fields, or a label and its field): "Please Log In";
- a short line at the body size or larger with text set clearly smaller under it (0.8x): a
  section title set in the body's own type ("CREDITS" over its 15 px credits);
- a short bold line over lighter text, on a page whose body text is not bold: a footer column's
  "For Teams", a box's "TAKE ACTION". Pages often set their h2-h3 only a little larger or just
  bolder than the body; the weight is then what tells them.

The new headings are h2 when set 1.5x the body or more, else h3; the page keeps one h1 (when it
has none, its largest title above the fold, if set 1.3x the body or more). Only the tag changes
(headings carry their own font and weight, with no margins), so the page looks the same.
Decided by measured size and position only, never by what the words say.
"""

from __future__ import annotations

import re
from collections import Counter

from ..blocks import MORE
from ..elements import walk
from .menus import _size
from .model import Element

LIFT = 1.1  # a title set this much larger than the body, with smaller text under it
SMALLER = 0.8  # text under a body-size title set this much smaller (or less) makes it a title
WRAPPED = 1.25  # a link title this much larger than the body may wrap
MAX_WORDS = 10
CONTAINERS = ("page", "stack", "panel")
LISTS = ("ul", "ol", "nav")
FIELDS = ("input", "textarea", "select", "label")


def rank_headings(page: Element) -> None:
    body = _body_size(page)
    if not body:
        return
    bold_body = _body_bold(page)
    texts = [el for el in walk(page) if el.kind == "text"]
    after = {id(a): b for a, b in zip(texts, texts[1:])}  # the next text in reading order
    for parent in walk(page):
        if parent.kind not in CONTAINERS and parent.tag not in ("main", "header", "footer"):
            continue
        kids = parent.children
        for i, el in enumerate(kids):
            if i + 1 < len(kids):
                level = _title_level(el, kids[i + 1], body, bold_body)
            else:
                level = _last_title_level(el, after.get(id(el)), body)
            if level:
                _make_heading(el, level)
    _one_h1(page, body)


def _last_title_level(el: Element, under: Element | None, body: float) -> str:
    """The last line of its box (a section's title at the end of a column, 4677's "COMMENTS"
    over the blog's comments further down) is a title only when set 1.1x the body or more and
    larger than the next text the reader meets."""
    if el.kind != "text" or el.tag != "p" or under is None or not _short_title(el, body):
        return ""
    size = _size(el.look.get("font-size", ""))
    below = _size(under.look.get("font-size", ""))
    if size >= LIFT * body and 0 < below < size - 1:
        return "h2" if size >= 1.5 * body else "h3"
    return ""


def _body_size(page: Element) -> float:
    """The font size most words of the page are set in."""
    sizes: Counter[float] = Counter()
    for el in walk(page):
        if el.kind == "text":
            sizes[_size(el.look.get("font-size", ""))] += len(_plain(el).split())
    sizes.pop(0.0, None)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _body_bold(page: Element) -> bool:
    """Whether most of the page's words are bold (then weight tells no title apart)."""
    bold = light = 0
    for el in walk(page):
        if el.kind == "text":
            n = len(_plain(el).split())
            if _bold(el):
                bold += n
            else:
                light += n
    return bold > light


def _bold(el: Element) -> bool:
    return el.look.get("font-weight", "400") >= "600"


def _title_level(el: Element, nxt: Element | None, body: float, bold_body: bool = False) -> str:
    """'h2' or 'h3' when ``el`` stands as a title over ``nxt``, else ''."""
    if el.kind != "text" or el.tag not in ("p", "a") or nxt is None \
            or not _short_title(el, body):
        return ""
    size = _size(el.look.get("font-size", ""))
    bold = _bold(el)
    level = "h2" if size >= 1.5 * body else "h3"
    if el.tag == "p" and nxt.tag in LISTS and size >= 0.7 * body:
        return level  # a list's or a menu's title
    if el.tag == "p" and el.nowrap and _holds_field(nxt) and size >= 0.9 * body:
        return level  # a form's title
    under = _first_text(nxt)
    if under is None:
        return ""
    if el.tag == "a" and nxt.tag in LISTS and _set_above(el, under):
        return level  # a linked title over its column's links, set bolder or larger
    below = _size(under.look.get("font-size", ""))
    if el.tag == "p":
        if size >= LIFT * body and below < size - 1:
            return level  # larger than the body, over smaller text
        if size >= body - 0.5 and 0 < below <= SMALLER * size:
            return level  # the body's size, over text set clearly smaller
        if bold and not bold_body and not _bold(under) and below <= size + 0.5:
            return level  # bold over lighter text on a page whose text is not bold
        return ""
    # a link over text: a title when it is larger than the text under it, or bold over light
    under_bold = under.look.get("font-weight", "400") >= "600"
    if under.tag == "a" or under.tag == "li":
        return ""  # a link over links is a menu, not a title
    if size >= LIFT * body and below < size - 1 or bold and not under_bold and size >= below:
        return level
    return ""


def _set_above(title: Element, item: Element) -> bool:
    """The title is bold over light items, or set 1.1x their size."""
    weight = title.look.get("font-weight", "400") >= "600"
    light = item.look.get("font-weight", "400") < "600"
    return weight and light or _size(title.look.get("font-size", "")) >= \
        LIFT * _size(item.look.get("font-size", ""))


def _short_title(el: Element, body: float = 0.0) -> bool:
    """One short line of words: not a sentence, a label, a date or a price. A link set well
    above the body (``WRAPPED``) may wrap: a post title over two or three lines."""
    wraps = el.tag == "a" and body > 0 and _size(el.look.get("font-size", "")) >= WRAPPED * body
    if not (el.nowrap or wraps) or any(not isinstance(p, str) or p == "\n" for p in el.parts or []):
        return False
    text = _plain(el).strip()
    if not 0 < len(text.split()) <= MAX_WORDS or text.endswith((":", ".", ",")) \
            or MORE.search(text):
        return False  # "Read more", "View all →" are links after a text, not titles
    if sum(c.isalpha() for c in text) < 2:
        return False  # a mark OCR read alone ("="), not a word
    digits = sum(c.isdigit() for c in text)
    return digits <= 0.3 * len(text) and not re.search(r"©|\(c\)", text, re.I)


def _holds_field(el: Element) -> bool:
    """``el`` is a field, a field's label, or a box holding fields (a form's first row)."""
    return any(node.tag in FIELDS for node in walk(el))


def _first_text(el: Element) -> Element | None:
    """The first text element in ``el`` (itself when it is one)."""
    for node in walk(el):
        if node.kind == "text":
            return node
    return None


def _make_heading(el: Element, level: str) -> None:
    if el.tag == "a":
        href = el.attrs.pop("href", "#")
        el.parts = [Element("a", "inline", "", parts=el.parts, attrs={"href": href})]
    el.tag, el.name = level, f"heading-{level[1]}"


def _one_h1(page: Element, body: float) -> None:
    """A page without an h1 gets one: its largest title in the first screen, if it is set well
    above the body (1.3x); titles are not promoted from further down."""
    titles = [el for el in walk(page) if el.kind == "text" and el.tag in ("h1", "h2", "h3")]
    if not titles or any(el.tag == "h1" for el in titles):
        return
    top = [el for el in titles if el.box is None or el.box[1] < 900]
    if not top:
        return
    best = max(top, key=lambda el: _size(el.look.get("font-size", "")))
    if _size(best.look.get("font-size", "")) >= 1.3 * body:
        best.tag, best.name = "h1", "heading-1"


def _plain(el: Element) -> str:
    return " ".join(p if isinstance(p, str) else _plain(p) for p in el.parts or [])
