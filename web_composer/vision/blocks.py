"""Text blocks and roles: lines -> paragraphs, then the semantic tag of every node.

    merge_paragraphs(root)    consecutive lines of one style and regular pitch -> one "text" node
    assign_roles(root)        h1-h3, p, li, a, button, nav, header, footer, hr, img

Roles are only given where the evidence is clear (size ratio to the body text, bullet glyphs, a
distinct link colour or underline, a short label on a small filled panel); everything else stays
a paragraph or a plain container.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from . import fonts
from .elements import Box, Node, TextLine, union_all, walk
from .forms import field_kind, numbered_boxes
from .tables import mark_tables

STRIP_EDGE = 3  # px: a panel this close to its holder's sides and top (or bottom) is its strip
BULLETS = "•·●○◦▪■‣–-*»›✓✔"
MORE = re.compile(r"^(read|learn|see|view|find out|discover|show|load)\s+(more|all|details)\b"
                  r"|[→»›]\s*$", re.I)  # a call to follow a link: "Read more", "Next →"
_BULLET = re.compile(rf"^\s*([{re.escape(BULLETS)}]|\d{{1,2}}[.)])\s+\S")


def merge_paragraphs(node: Node) -> None:
    for child in node.children:
        merge_paragraphs(child)
    if node.kind not in ("stack", "page", "panel"):
        return
    merged: list[Node] = []
    for child in node.children:
        prev = merged[-1] if merged else None
        if prev is not None and prev.kind == "text" and child.kind == "text" \
                and len(child.lines) == 1 and _continues(prev, child.lines[0]):
            prev.lines.append(child.lines[0])
            prev.box = prev.box.union(child.box)
        else:
            merged.append(child)
    node.children = [part for child in merged for part in _split_at_breaks(child)]


def _split_at_breaks(node: Node) -> list[Node]:
    """A run of lines is one paragraph only where each line ended because the next word did
    not fit; a line that ends early (a list of short items) ends its paragraph."""
    if node.kind != "text" or len(node.lines) < 2:
        return [node]
    heading = node.lines[0].font.size >= 24
    if max(len(l.text.split()) for l in node.lines) <= 3 and not heading and not (
            len(node.lines) == 2 and node.info.get("align") == "center"):
        return [Node("text", l.box, lines=[l]) for l in node.lines]  # a list of short items
    font = node.lines[0].font
    widest = max(fonts.advance(font.family, font.weight, l.text, font.size) for l in node.lines)
    parts: list[list[TextLine]] = [[node.lines[0]]]
    for line, nxt in zip(node.lines, node.lines[1:]):
        word = nxt.text.split()[0] if nxt.text.split() else ""
        if fonts.advance(font.family, font.weight, f"{line.text} {word}", font.size) <= widest:
            parts.append([])
        parts[-1].append(nxt)
    if len(parts) == 1:
        return [node]
    return [Node("text", union_all([l.box for l in lines]), lines=lines,
                 info={"align": node.info.get("align")} if len(lines) > 1 else {})
            for lines in parts]


def _continues(par: Node, line: TextLine) -> bool:
    last = par.lines[-1]
    a, b = last.font, line.font
    if a.family != b.family or a.weight != b.weight or abs(a.size - b.size) > 0.8:
        return False
    if max(abs(x - y) for x, y in zip(last.color, line.color)) > 40:
        return False
    if _BULLET.match(line.text) or line.marker or last.underline != line.underline:
        return False
    if MORE.search(line.text) and len(line.text.split()) <= 4:
        return False  # "Read more" under a teaser is its own link, not the teaser's last words
    pitch = line.baseline - last.baseline
    if not (1.0 * a.size <= pitch <= 2.3 * a.size):
        return False
    if len(par.lines) >= 2 and abs(pitch - (last.baseline - par.lines[-2].baseline)) > 2.5:
        return False
    return _aligned(par, line) is not None


def _aligned(par: Node, line: TextLine) -> str | None:
    """How ``line`` lines up with the paragraph: "left", "center", "right" or None."""
    tol = max(3.0, line.font.size * 0.3)
    box, lbox = par.box, line.box
    current = par.info.get("align")
    checks = [("left", abs(box.x0 - lbox.x0) <= tol),
              ("center", abs(box.cx - lbox.cx) <= tol),
              ("right", abs(box.x1 - lbox.x1) <= tol)]
    for name, ok in checks:
        if ok and current in (None, name):
            par.info["align"] = name
            return name
    return None


def body_font_size(root: Node) -> float:
    """The size most characters are set in (regular weight preferred: body text is rarely bold)."""
    sizes: Counter[float] = Counter()
    regular: Counter[float] = Counter()
    for node in walk(root):
        for line in node.lines:
            sizes[round(line.font.size)] += len(line.text)
            if line.font.weight < 600:
                regular[round(line.font.size)] += len(line.text)
    chosen = regular or sizes
    return float(chosen.most_common(1)[0][0]) if chosen else 16.0


def body_color(root: Node) -> tuple[int, int, int]:
    colours: Counter[tuple[int, int, int]] = Counter()
    for node in walk(root):
        for line in node.lines:
            key = tuple(c // 16 * 16 for c in line.color)
            colours[key] += len(line.text)  # type: ignore[index]
    if not colours:
        return (0, 0, 0)
    key = colours.most_common(1)[0][0]
    for node in walk(root):
        for line in node.lines:
            if tuple(c // 16 * 16 for c in line.color) == key:
                return line.color
    return (0, 0, 0)


def assign_roles(root: Node, page_width: float) -> None:
    body = body_font_size(root)
    text_colour = body_color(root)
    headings = sorted({round(l.font.size) for n in walk(root) if n.kind == "text"
                       for l in n.lines if l.font.size >= body * 1.15 or
                       (l.font.weight >= 700 and l.font.size >= body)}, reverse=True)
    numbered = {id(box) for row in walk(root) if row.kind == "row"
                for boxes in [numbered_boxes(row)] if len(boxes) >= 2 for box in boxes}
    strips = _edge_strips(root)
    for node in walk(root):
        if node.kind == "text":
            node.role = _text_role(node, body, text_colour, headings)
        elif node.kind == "panel" and node.region is not None:
            node.role = "div" if id(node) in strips else \
                _panel_role(node, root, page_width, id(node) in numbered)
        elif node.kind == "row":
            node.role = _row_role(node)
        elif node.kind == "rule":
            node.role = "hr"
        elif node.kind == "picture":
            node.role = "img"
    _mark_lists(root)
    mark_tables(root)
    _one_h1(root)
    _nav_family(root)


def _nav_family(root: Node) -> None:
    """The items of one nav share one family (a short word alone is too little ink to tell
    families apart): the one most of them show, else the family most of the page is set in.
    Done before layout, so the items' widths are measured in the family they are written in."""
    chars: Counter[str] = Counter()
    for node in walk(root):
        for line in node.lines:
            chars[line.font.family] += len(line.text)
    for row in (n for n in walk(root) if n.kind == "row" and n.role == "nav"):
        lines = [line for child in row.children if child.kind == "text" for line in child.lines]
        families = Counter(line.font.family for line in lines)
        if len(families) < 2:
            continue
        family, count = families.most_common(1)[0]
        if count <= len(lines) / 2:
            family = chars.most_common(1)[0][0]
        for line in lines:
            line.font = replace(line.font, family=family)


def _one_h1(root: Node) -> None:
    """A page has one h1, its first; later texts of that size are h2."""
    firsts = [n for n in walk(root) if n.kind == "text" and n.role == "h1"]
    for node in sorted(firsts, key=lambda n: (n.box.y0, n.box.x0))[1:]:
        node.role = "h2"


def _text_role(node: Node, body: float, text_colour: tuple[int, int, int],
               headings: list[int]) -> str:
    first = node.lines[0]
    size = round(first.font.size)
    words = sum(len(l.text.split()) for l in node.lines)
    if _BULLET.match(first.text) or first.marker in ("disc", "circle", "square"):
        return "li"
    if len(node.lines) == 1 and MORE.search(first.text) and words <= 5:
        return "a"  # "Read more", "Learn more", "View all →": a link whatever its colour
    display = first.font.size >= body * 1.3 and not first.underline and words <= 12
    if _is_link(first, text_colour) and not (display and size in headings):
        return "a"  # a coloured title set well above the body size is a heading, not a link
    if size in headings and first.font.size >= body * 1.6 and words <= 20:
        return f"h{min(headings.index(size) + 1, 3)}"  # display type: a heading even when light
    if size in headings and words <= 30:
        if first.font.weight < 600 and (len(node.lines) > 2 or first.font.size < body * 1.25):
            return "p"  # a lead paragraph set a little larger, not a heading
        if first.font.size < body * 1.15 and words > 12:
            return "p"  # a bold sentence at body size is emphasis, not a heading
        return f"h{min(headings.index(size) + 1, 3)}"  # h1-h3 by size: a compact hierarchy
    return "p"


def _is_link(line: TextLine, text_colour: tuple[int, int, int]) -> bool:
    r, g, b = line.color
    saturation = max(r, g, b) - min(r, g, b)
    differs = max(abs(x - y) for x, y in zip(line.color, text_colour)) > 50
    return (line.underline and len(line.text) < 80) or (saturation > 60 and differs
                                                         and len(line.text) < 80)


def _edge_strips(root: Node) -> set[int]:
    """Panels that run across the top or bottom edge of the panel holding them, its whole
    width: a card's header or footer strip (a page-wide bar over a hero is a header instead). Bordered and one line high, such a strip looks like
    a text field, but a field sits inside its card, not on the card's edge."""
    strips: set[int] = set()
    page_width = root.box.w

    def flush(a: Box, b: Box) -> bool:  # a's sides are b's, and they are a card's, not a band's
        return abs(a.x0 - b.x0) <= STRIP_EDGE and abs(b.x1 - a.x1) <= STRIP_EDGE \
            and a.w < 0.9 * page_width

    def visit(node: Node, holder: Node | None) -> None:
        if node.kind == "panel" and holder is not None:
            a, b = node.box, holder.box
            if flush(a, b) and (a.y0 - b.y0 <= STRIP_EDGE or b.y1 - a.y1 <= STRIP_EDGE) \
                    and a.h < 0.5 * b.h:
                strips.add(id(node))
        panels = [c for c in node.children if c.kind == "panel"]
        for upper, lower in zip(panels, panels[1:]):  # the card's body drawn as its own panel
            if flush(upper.box, lower.box) and 0 <= lower.box.y0 - upper.box.y1 <= STRIP_EDGE:
                if upper.box.h < 0.5 * lower.box.h:
                    strips.add(id(upper))
                elif lower.box.h < 0.5 * upper.box.h:
                    strips.add(id(lower))
        for child in node.children:
            visit(child, node if node.kind == "panel" else holder)

    visit(root, None)
    return strips


def _panel_role(node: Node, root: Node, page_width: float, numbered_row: bool = False) -> str:
    box = node.box
    texts = [n for n in walk(node) if n.kind == "text"]
    kind = field_kind(node, texts, numbered_row)
    if kind:
        return kind
    if texts and len(texts) == 1 and len(texts[0].lines) == 1 and box.w <= 360 and box.h <= 80 \
            and len(texts[0].lines[0].text) <= 40 and node.region is not None \
            and node.region.color is not None:
        return "button"
    full = box.w >= page_width * 0.95
    if full and box.y0 <= 2 and box.h < root.box.h * 0.5:
        return "header"
    if full and box.y1 >= root.box.y1 - 2 and box.y0 > root.box.h * 0.5:
        return "footer"
    return "section" if full else "div"


def _row_role(node: Node) -> str:
    texts = [c for c in node.children if c.kind == "text"]
    short = [t for t in texts if len(t.lines) == 1 and len(t.lines[0].text.split()) <= 4]
    if len(node.children) >= 3 and len(short) >= 3 and len(short) >= 0.75 * len(node.children):
        return "nav"
    return ""


def _mark_lists(root: Node) -> None:
    """Consecutive "li" siblings become one list; a lone "li" stays a paragraph. In a list the
    marker (bullet or number) leaves the text: the browser draws it, as on the original page."""
    for node in walk(root):
        kids = node.children
        for i, child in enumerate(kids):
            if child.role != "li":
                continue
            before = i > 0 and kids[i - 1].role == "li"
            after = i + 1 < len(kids) and kids[i + 1].role == "li"
            if not (before or after):
                child.role = "p"
            else:
                _strip_marker(child)


def _strip_marker(node: Node) -> None:
    line = node.lines[0]
    match = _BULLET.match(line.text)
    if match is None:
        if line.marker in ("disc", "circle", "square"):  # drawn: the text has nothing to lose
            node.info["marker"] = line.marker
        return
    marker = match.group(1)
    node.info["marker"] = "decimal" if marker[0].isdigit() else \
        "circle" if marker in "○◦" else "square" if marker in "▪■" else "disc"
    if marker[0].isdigit():
        node.info["number"] = int(marker.rstrip(".)"))
    f = line.font
    cut = len(line.text) - len(line.text.lstrip()[len(marker):].lstrip())
    shift = fonts.advance(f.family, f.weight, line.text[:cut], f.size)
    line.text = line.text[cut:]
    if line.runs:
        first, colour = line.runs[0]
        rest = first.lstrip()[len(marker):].lstrip()
        line.runs = ([(rest, colour)] if rest else []) + line.runs[1:]
        line.runs = line.runs if len(line.runs) > 1 else None
    line.box = Box(line.box.x0 + shift, line.box.y0, line.box.x1, line.box.y1)
    node.box = union_all([l.box for l in node.lines])


def text_box(lines: list[TextLine]) -> Box:
    return union_all([l.box for l in lines])
