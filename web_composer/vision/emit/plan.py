"""From the layout tree to a page plan: elements with their look and their measured geometry.

    page = plan_page(root, width, height)      # -> Element tree (stack-neutral)

Geometry is flow layout: a stack is a flex column whose children carry ``margin-top`` (the gap
to the previous sibling) and a horizontal placement (offset, centred or right-aligned); a row is
a flex row whose children carry ``margin-left``. Text boxes are placed from their measured
baselines: the CSS line box is derived from the font's ascent/descent and the line height, so
the glyphs land where they were. Margins never go negative: when a box comes out lower than
measured, the next gap absorbs the difference.

The look (font, colour, background, border) is separated from the geometry so the emitters can
turn looks into reusable classes and keep per-element numbers out of the stylesheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..assets import asset_name
from ..elements import Box, Node, walk
from ..surfaces import css_gradient
from .addresses import link_addresses
from .column_titles import column_titles
from .fields import FIELDS, field_element, submit_buttons, underline_fields
from .header_links import bar_links
from .headings import rank_headings
from .lists_buttons import button_lists
from .lists_columns import column_lists, footer_columns
from .landmarks_top import top_menu
from .lists_links import list_links
from .menus import (brand_link, footer_start, landmark_links, link_columns, menu_words,
                    mixed_links, separated_links, tile_link)
from .model import Element, Plan, bands_gradient, hex_colour, px, snap
from .tables import group_tables, row_from_bar
from .text import text_element, text_geometry

ALIGN_TOL = 4.0


# --- measuring CSS boxes -------------------------------------------------------------------

def css_box(node: Node) -> Box:
    """The box the browser will give ``node`` (cached in ``info['css']``)."""
    if "css" in node.info:
        return node.info["css"]
    if node.kind == "text":
        text_geometry(node)
    elif node.kind in ("stack", "row"):
        boxes = [css_box(c) for c in node.children]
        box = boxes[0]
        for b in boxes[1:]:
            box = box.union(b)
        node.info["css"] = box
    else:
        node.info["css"] = node.box
    return node.info["css"]


# --- placing elements ------------------------------------------------------------------------

@dataclass
class Frame:
    left: float
    right: float
    top: float

    @property
    def cx(self) -> float:
        return (self.left + self.right) / 2

    @property
    def w(self) -> float:
        return self.right - self.left


def plan_page(root: Node, width: int, height: int, bands: list | None = None) -> Plan:
    region = root.region
    background = region.color if region is not None and region.color else (255, 255, 255)
    plan = Plan(Element("div", "page", "backdrop"), background=background, width=width)
    plan.root.geom["min-height"] = px(height)
    gradient = bands_gradient(bands or [])
    if gradient:
        plan.root.look["background"] = gradient
    plan.root.children = _stack_children(_inner(root), Frame(0, width, 0), plan)
    _landmarks(plan.root)
    list_links(plan.root)
    link_addresses(plan.root)
    rank_headings(plan.root)
    column_titles(plan.root)
    column_lists(plan.root)
    return plan


def _inner(node: Node) -> list[Node]:
    if not node.children:
        return []
    child = node.children[0]
    return child.children if child.kind == "stack" and not child.info.get("overlap") else [child]


def _stack_children(nodes: list[Node], frame: Frame, plan: Plan) -> list[Element]:
    out: list[Element] = []
    cursor = frame.top
    for node in nodes:
        box = css_box(node)
        el = _element(node, plan)
        gap = snap(box.y0 - cursor) if box.y0 - cursor >= 0.5 else 0
        if gap:
            el.geom["margin-top"] = px(gap)
        cursor += gap + box.h  # where the browser puts the next box: rounding never drifts
        _place_in_column(el, node, box, frame)
        out.append(el)
    out = group_tables(underline_fields(out))
    _label_fields(out)
    submit_buttons(out)
    _link_columns(out)
    link_columns(out, _as_list_item)
    for el in out:
        separated_links(el)
        mixed_links(el)
    return _group_lists(out)


def _place_in_column(el: Element, node: Node, box: Box, frame: Frame) -> None:
    tol = ALIGN_TOL + 0.005 * frame.w
    offset = box.x0 - frame.left
    if node.kind == "text" and len(node.lines) == 1:
        el.nowrap = True
        if abs(node.box.cx - frame.cx) <= tol and box.w < frame.w - 2 * tol:
            el.geom["text-align"] = "center"
        elif abs(box.x1 - frame.right) <= tol and offset > 2 * tol:
            el.geom["text-align"] = "right"
        elif offset >= 0.5:
            el.geom["margin-left"] = px(snap(offset))
        return
    spans = offset <= tol and frame.right - box.x1 <= tol
    if spans and node.kind != "text":
        return
    el.geom["width"] = px(box.w)
    if abs(box.cx - frame.cx) <= tol:
        el.geom["margin-left"] = el.geom["margin-right"] = "auto"
    elif abs(box.x1 - frame.right) <= tol and offset > 2 * tol:
        el.geom["margin-left"] = "auto"
    elif offset >= 0.5:
        el.geom["margin-left"] = px(snap(offset))


def _row_children(node: Node, box: Box, plan: Plan, spans: bool, frame_right: float
                  ) -> list[Element]:
    out: list[Element] = []
    cursor = box.x0
    for i, child in enumerate(node.children):
        cbox = css_box(child)
        el = _element(child, plan)
        if child.kind == "text" and len(child.lines) == 1:
            el.nowrap = True
        elif child.kind != "text" or len(child.lines) > 1:
            el.geom["width"] = px(cbox.w)
        gap = snap(cbox.x0 - cursor) if cbox.x0 - cursor >= 0.5 else 0
        last = i == len(node.children) - 1
        if last and spans and i > 0 and abs(cbox.x1 - frame_right) <= ALIGN_TOL:
            el.geom["margin-left"] = "auto"
        elif gap:
            el.geom["margin-left"] = px(gap)
        drop = cbox.y0 - box.y0
        if drop >= 0.5:
            el.geom["margin-top"] = px(snap(drop))
        cursor += gap + cbox.w
        out.append(el)
    _label_fields(out)
    submit_buttons(out)
    return button_lists(out)


def _element(node: Node, plan: Plan) -> Element:
    """The element for ``node``, with the box it was measured at (responsive.py matches widths)."""
    el = _make_element(node, plan)
    box = css_box(node)
    el.box = (box.x0, box.y0, box.x1, box.y1)
    return el


def _make_element(node: Node, plan: Plan) -> Element:
    if node.kind == "text":
        return text_element(node)
    if node.kind == "picture":
        return _picture_element(node, plan)
    if node.kind == "rule":
        colour = node.graphic.color if node.graphic and node.graphic.color else (0, 0, 0)
        thin = min(node.box.w, node.box.h)
        el = Element("hr" if node.box.w >= node.box.h else "div", "hr", "rule",
                     look={"background": hex_colour(colour)})
        el.geom["height"] = px(node.box.h)
        if node.box.w < node.box.h:
            el.geom["width"] = px(thin)
        return el
    if node.kind in ("panel", "page"):
        return _panel_element(node, plan)
    box = css_box(node)
    if node.kind == "row":
        return _row_element(node, box, plan)
    el = Element("div", "stack", "group")
    el.children = _stack_children(node.children, Frame(box.x0, box.x1, box.y0), plan)
    return el


def _row_element(node: Node, box: Box, plan: Plan) -> Element:
    """A row of boxes side by side; a row of short texts is a <nav> whose items are links."""
    nav = node.role == "nav"
    el = Element("nav" if nav else "tr" if node.role == "tr" else "div",
                 "wrap" if nav else "row", "row")
    el.children = _row_children(node, box, plan, True, box.x1)
    if nav:
        texts = [c for c in el.children if c.kind == "text" and c.tag != "li"]
        sizes = [_px_value(c.look.get("font-size", "")) for c in texts]
        usual = sorted(sizes)[len(sizes) // 2] if sizes else 0.0
        items = [c for c, size in zip(texts, sizes) if abs(size - usual) <= 2]  # not the logo
        for item in items:
            item.tag, item.name = "a", "link"
            item.attrs["href"] = "#"
            item.look.setdefault("text-decoration", "none")
        el.children = _link_lists(el.children)
    return el


def _link_lists(children: list[Element]) -> list[Element]:
    """Runs of two or more links become one <ul> of <li><a>; the list is ``display: contents``,
    so its items stay the row's flex items and nothing moves."""
    out: list[Element] = []
    run: list[Element] = []
    for el in children + [Element("end", "end")]:
        if el.tag == "a" and el.kind == "text":
            run.append(el)
            continue
        if len(run) >= 2:
            for item in run:
                _as_list_item(item)
            out.append(Element("ul", "contents", "links", children=run))
        else:
            out.extend(run)
        run = []
        if el.tag != "end":
            out.append(el)
    return out


def _text(el: Element) -> str:
    """The words of an element and everything in it."""
    own = " ".join(p if isinstance(p, str) else _text(p) for p in el.parts or [])
    return " ".join([own] + [_text(c) for c in el.children]).strip()


def _wrapped(tag: str, el: Element) -> Element:
    """``el`` inside a landmark that takes over its gap above (so nothing moves)."""
    box = Element(tag, "stack", tag, children=[el])
    if "margin-top" in el.geom:
        box.geom["margin-top"] = el.geom.pop("margin-top")
    return box


def _unwrapped(landmark: Element) -> Element:
    """A landmark around a plain group holds the group's children itself (one wrapper less)."""
    group = landmark.children[0]
    landmark.children = group.children
    if "margin-top" in group.geom and "margin-top" not in landmark.geom:
        landmark.geom["margin-top"] = group.geom.pop("margin-top")
    return landmark


def _as_list_item(link: Element) -> None:
    """A one-line link becomes <li><a>: the item keeps the look and geometry, the link the text."""
    href = link.attrs.pop("href", "#")
    anchor = Element("a", "inline", "", parts=link.parts, attrs={"href": href})
    link.tag, link.parts = "li", [anchor]


def _px_value(length: str) -> float:
    """16 for "16px" or "1rem"; for min(40px,9vw) its first length; 0 when there is none."""
    match = re.search(r"(\d+(?:\.\d+)?)(px|rem)", length)
    if match is None:
        return 0.0
    return float(match.group(1)) * (16 if match.group(2) == "rem" else 1)


def _picture_element(node: Node, plan: Plan) -> Element:
    image = node.graphic.image if node.graphic is not None else None
    name = asset_name("img", len(plan.assets) + 1, image)
    if image is not None:
        plan.assets[name] = image
    w, h = int(round(node.box.w)), int(round(node.box.h))
    el = Element("img", "img", "picture",
                 attrs={"src": f"assets/{name}", "alt": "", "width": str(w), "height": str(h)})
    return el


def _panel_element(node: Node, plan: Plan) -> Element:
    region = node.region
    assert region is not None
    if node.role in FIELDS:
        return field_element(node)
    tag = node.role if node.role in ("header", "footer", "section", "button") else "div"
    name = "button" if tag == "button" else "box"
    el = Element(tag, "panel", name)
    if region.color is not None:
        el.look["background"] = hex_colour(region.color)
    elif region.image is not None and (gradient := css_gradient(region.image)):
        el.look["background"] = gradient
    elif region.image is not None:
        name = asset_name("bg", len(plan.assets) + 1, region.image)
        plan.assets[name] = region.image
        el.look["background"] = f"url(assets/{name}) center/cover no-repeat"
    border = 0
    if region.border is not None:
        border = region.border[0]
        el.look["border"] = f"{border}px solid {hex_colour(region.border[1])}"
    if region.radius:
        el.look["border-radius"] = px(region.radius)
    if region.shadow:
        el.look["box-shadow"] = region.shadow
    box = node.box
    el.geom["min-height"] = px(box.h)
    frame = Frame(box.x0 + border, box.x1 - border, box.y0 + border)
    inner = _inner(node)
    if len(inner) == 1 and inner[0].kind == "row":
        row = inner[0]
        rbox = css_box(row)
        row_el = _row_element(row, rbox, plan)
        _place_in_column(row_el, row, rbox, frame)
        gap = rbox.y0 - frame.top
        if gap >= 0.5:
            row_el.geom["margin-top"] = px(gap)
        el.children = [row_el]
    else:
        el.children = _stack_children(inner, frame, plan)
    if node.role == "tr":
        return row_from_bar(el, node.box.x1)
    tile_link(el, (box.w, box.h))
    if tag == "button":
        for child in el.children:
            if child.kind == "text":  # the button is the control: its label is plain text
                child.tag = "span"
                child.attrs.pop("href", None)
                child.look.pop("text-decoration", None)
    return el


def _label_fields(elements: list[Element]) -> None:
    """Short text right before a field (beside or above it) is the field's <label>."""
    for el, nxt in zip(elements, elements[1:]):
        words = sum(len(p.split()) for p in el.parts or [] if isinstance(p, str))
        if nxt.tag in FIELDS and el.kind == "text" and el.tag != "a" and 0 < words <= 5:
            el.tag = "label"
            text = " ".join(p for p in el.parts or [] if isinstance(p, str)).lower()
            if "password" in text and nxt.tag == "input":
                nxt.attrs["type"] = "password"


def _link_columns(elements: list[Element]) -> None:
    """Three or more one-line links one under the other (a sidebar menu, a footer column) are
    the items of a list: each becomes <li><a>, and _group_lists wraps the run in a <ul>."""
    run: list[Element] = []
    for el in elements + [Element("end", "end")]:
        if el.tag == "a" and el.kind == "text" and el.nowrap:
            run.append(el)
            continue
        if len(run) >= 3:
            for item in run:
                _as_list_item(item)
        run = []


def _group_lists(elements: list[Element]) -> list[Element]:
    """Wrap runs of <li> in a <ul>; the run's first gap moves to the list."""
    out: list[Element] = []
    run: list[Element] = []
    for el in elements + [Element("end", "end")]:
        if el.tag == "li":
            run.append(el)
            continue
        if run:
            marker = run[0].attrs.pop("data-marker", "")
            for item in run[1:]:
                item.attrs.pop("data-marker", None)
            ul = Element("ol" if marker.startswith("decimal") else "ul", "stack", "list",
                         children=run)
            if marker:
                kind, _sep, start = marker.partition(":")
                ul.look["list-style"] = f"{kind} outside"
                if start and start != "1":
                    ul.attrs["start"] = start
            if "margin-top" in run[0].geom:
                ul.geom["margin-top"] = run[0].geom.pop("margin-top")
            out.append(_menu(ul))
            run = []
        if el.tag != "end":
            out.append(el)
    return out


def _menu(ul: Element) -> Element:
    """Three or more items that are each one link are a menu: the list goes in a <nav>."""
    links = all(len(li.parts or []) == 1 and isinstance(li.parts[0], Element)
                and li.parts[0].tag == "a" for li in ul.children)
    if not links or len(ul.children) < 3:
        return ul
    nav = Element("nav", "stack", "nav", children=[ul])
    for key in ("margin-top", "margin-left", "margin-right", "width"):
        if key in ul.geom:
            nav.geom[key] = ul.geom.pop(key)
    return nav


FOOTER_WORDS = re.compile(r"©|\(c\)\s*\d{4}|copyright|all rights reserved", re.I)


def _landmarks(page: Element) -> None:
    """A full-width top panel is the <header>, a bottom one the <footer>, and what lies between
    them the <main> content (a flex column like the page, so no measurement changes). Without
    panels, a nav at the top is the header's content and a copyright line at the bottom the
    footer's."""
    kids = page.children
    for block in kids[:1] + kids[1:][-1:]:  # the bars at the top and bottom of the page
        menu_words(block)
    if len(kids) > 1:
        top_menu(kids[0], _link_lists)
    head = bool(kids) and kids[0].kind == "panel" and kids[0].tag in ("section", "header")
    foot = len(kids) > 1 and kids[-1].kind == "panel" and kids[-1].tag in ("section", "footer")
    if head:
        kids[0].tag = "header"
    elif len(kids) > 1 and any(el.tag == "nav" for el in walk(kids[0])):
        kids[0] = _wrapped("header", kids[0])
        head = True
    if foot:
        kids[-1].tag = "footer"
    elif len(kids) > 1 + int(head) and FOOTER_WORDS.search(_text(kids[-1])):
        kids[-1] = _wrapped("footer", kids[-1])
        foot = True
    elif (start := footer_start(kids)) is not None and start > int(head):
        kids[start:] = [_wrapped("footer", Element("div", "stack", "group", children=kids[start:]))]
        kids[-1] = _unwrapped(kids[-1])
        foot = True
    for landmark in kids[:int(head)] + kids[len(kids) - int(foot):]:
        landmark_links(landmark, _as_list_item)
    if foot:
        footer_columns(kids[-1])
    if head:
        bar_links(kids[0])
        brand_link(kids[0])
    body = kids[int(head):len(kids) - int(foot)]
    if not body or (len(body) < 2 and not (head or foot)) or any(el.tag == "main" for el in body):
        return
    main = Element("main", "stack", "main", children=body)
    if "margin-top" in body[0].geom:
        main.geom["margin-top"] = body[0].geom.pop("margin-top")
    page.children = kids[:int(head)] + [main] + kids[len(kids) - int(foot):]
