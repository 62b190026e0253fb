"""Form controls in the page plan: <input>, <textarea>, <select>, fields drawn as a line.

    field_element(node)          the control for a panel vision/forms.py called a field
    underline_fields(elements)   grey label over a thin light rule -> <label> + <input>
    submit_buttons(elements)     a button among fields sends their form: type="submit"

Grey text in a boxed field becomes its placeholder (what the browser draws there when it is
empty); a select keeps its value as its one option.
"""

from __future__ import annotations

from ..elements import Node, walk
from ..forms import CARETS, is_placeholder, placeholder_texts
from .model import Element, font_size, hex_colour, px, px_of, rgb_of, type_size

FIELDS = ("input", "textarea", "select")


def field_element(node: Node) -> Element:
    region = node.region
    assert region is not None and region.color is not None
    kind = node.role if node.role in FIELDS else "input"
    el = Element(kind, "field", "field", attrs={"type": "text"} if kind == "input" else {})
    el.look["background"] = hex_colour(region.color)
    if region.border is not None:
        el.look["border"] = f"{region.border[0]}px solid {hex_colour(region.border[1])}"
    if region.radius:
        el.look["border-radius"] = px(region.radius)
    el.geom["height"] = px(node.box.h)
    border = region.border[0] if region.border is not None else 0
    texts = [n for n in walk(node) if n.kind == "text" and n.lines
             and n.lines[0].text.strip() not in CARETS]
    text = " ".join(t.lines[0].text for t in texts[:1])
    if kind == "textarea":
        texts = placeholder_texts(node, texts)
        text = " ".join(t.lines[0].text for t in texts)
        el.parts = []
    if texts:
        line = texts[0].lines[0]
        size = type_size(line.font.size)
        el.look["font-size"] = font_size(size)
        el.look["color"] = hex_colour(line.color)
        inset = line.box.x0 - node.box.x0 - border - (4 if kind == "select" else 0)
        el.geom["padding-left"] = px(max(0.0, inset))
        if kind == "select":
            el.parts = [Element("option", "inline", "", parts=[text])]
        elif is_placeholder(line):
            el.attrs["placeholder"] = text
        else:
            el.attrs["value"] = text  # dark text in a field is what was typed into it
        if kind == "textarea":  # the line box starts about a quarter of the size above the ink
            el.geom["padding-top"] = px(max(0.0, line.box.y0 - node.box.y0 - border - 0.28 * size))
    elif kind == "select":
        el.parts = [Element("option", "inline", "", parts=[""])]
    return el


def _grey(colour: str) -> bool:
    rgb = rgb_of(colour)
    return rgb is not None and max(rgb) - min(rgb) <= 24 and 95 <= sum(rgb) / 3 <= 205


def _light(colour: str) -> bool:
    rgb = rgb_of(colour)
    return rgb is not None and sum(rgb) >= 540


def underline_fields(elements: list[Element]) -> list[Element]:
    """A short grey text with a thin light rule under it, wider than the text, is a field drawn
    as a line (Material and floating-label forms): the text stays as the field's <label>, and
    the rule becomes an <input> that fills the space down to it with the rule as its bottom
    border, so the page looks the same. A tall space is a <textarea>."""
    out: list[Element] = []
    i = 0
    while i < len(elements):
        el = elements[i]
        rule = elements[i + 1] if i + 1 < len(elements) else None
        if rule is not None and _labels_rule(el, rule):
            out += [el, _line_field(el, rule)]
            i += 2
            continue
        out.append(el)
        i += 1
    return out


def _labels_rule(text: Element, rule: Element) -> bool:
    if text.kind != "text" or text.tag not in ("p", "label") or rule.tag != "hr":
        return False
    if text.box is None or rule.box is None or not text.nowrap:
        return False
    if not _grey(text.look.get("color", "#000")) or not _light(rule.look.get("background", "#000")):
        return False
    words = sum(len(p.split()) for p in text.parts or [] if isinstance(p, str))
    tx0, ty0, tx1, ty1 = text.box
    rx0, ry0, rx1, ry1 = rule.box
    gap = ry0 - ty1
    return 0 < words <= 4 and rx1 - rx0 >= 2 * (tx1 - tx0) and rx0 - 2 <= tx0 <= rx0 + 40 \
        and 0 <= gap <= 8 * (ty1 - ty0) and ry1 - ry0 <= 3


def _line_field(label: Element, rule: Element) -> Element:
    """The field under ``label`` down to the rule (the label keeps its place above it)."""
    _tx0, _ty0, _tx1, ty1 = label.box  # type: ignore[misc]
    rx0, ry0, rx1, ry1 = rule.box  # type: ignore[misc]
    label.tag = "label"
    tall = ry0 - ty1 > 3 * (label.box[3] - label.box[1])  # type: ignore[index]
    field = Element("textarea" if tall else "input", "field", "field",
                    attrs={} if tall else {"type": "text"}, parts=[] if tall else None)
    field.look["background"] = "transparent"
    field.look["border-bottom"] = f"{px(ry1 - ry0)} solid {rule.look.get('background', '#ddd')}"
    field.geom.update({k: v for k, v in rule.geom.items() if k != "margin-top"})
    gap, thick = (px_of(rule.geom.get(k)) for k in ("margin-top", "height"))
    # exactly the room the rule and its gap took in the flow, so what follows stays put
    field.geom["height"] = px(gap + thick) if gap is not None and thick else px(ry1 - ty1)
    field.box = (rx0, ty1, rx1, ry1)
    return field


def tick_box(text: Element, marker: str) -> None:
    """A text with a checkbox (or radio button) drawn left of it is that control's <label>: the
    control goes first inside it, pulled left by its size and gap, so the words stay put."""
    kind, size, gap = marker.split(":")
    box = Element("input", "check", "", attrs={"type": kind})
    box.geom.update({"margin-left": f"-{int(size) + int(gap)}px", "margin-right": f"{gap}px",
                     "width": f"{size}px", "height": f"{size}px"})
    text.tag = "label"
    text.parts = [box] + list(text.parts or [])


def submit_buttons(elements: list[Element]) -> None:
    """A button right after a field (or after its label) sends the form."""
    seen_field = False
    for el in elements:
        if el.tag in FIELDS:
            seen_field = True
        elif el.tag == "button" and seen_field:
            el.attrs["type"] = "submit"
            seen_field = False
