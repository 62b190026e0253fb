"""Form fields from what a screenshot shows of them: which panels are inputs, textareas, selects.

    field_kind(panel, texts)   "input" | "textarea" | "select" | "" (not a field)
    is_placeholder(line)       grey, neutral text: what a browser shows in an empty field

A field is a box a person types into: light and bordered (the browser's default look), or a
filled box holding only grey placeholder text near its left edge (a dark theme's fields have no
border). It is one line high for an input, taller for a textarea (the placeholder at the top,
perhaps a resize grip in the bottom-right corner), and a select shows its value with a caret at
the right. A narrow light box holding a small number is a quantity field. A button differs by
its label: centred, not grey, or in its outline's colour.
"""

from __future__ import annotations

from .elements import Node, TextLine, walk

CARETS = {"v", "V", "⌄", "▾", "▼", "˅", "∨", "﹀"}


def is_placeholder(line: TextLine) -> bool:
    """Neutral grey of middle lightness (placeholder text), not a label's black or white."""
    r, g, b = line.color
    return max(r, g, b) - min(r, g, b) <= 24 and 95 <= (r + g + b) / 3 <= 205


def field_kind(node: Node, texts: list[Node], numbered_row: bool = False) -> str:
    """``numbered_row``: the panel stands in a row of boxes that each hold a number (pagination,
    a calendar), which are no quantity fields."""
    region, box = node.region, node.box
    if region is None or region.color is None:
        return ""
    leaves = [n for n in walk(node) if n.kind not in ("text", "panel", "stack", "row")]
    bordered = region.border is not None and sum(region.color) >= 600
    if bordered and _select(node, texts, leaves):
        return "select"
    if leaves or any(len(t.lines) != 1 for t in texts):
        return ""
    if bordered and texts and _outline_button(region.border[1], texts[0].lines[0].color):
        return ""
    if bordered and len(texts) == 1 and 16 <= box.h <= 60 and 0.8 * box.h <= box.w < 3 * box.h \
            and not numbered_row and _typed_number(texts[0].lines[0]):
        return "input"
    if 16 <= box.h <= 60 and box.w >= 3 * box.h and len(texts) <= 1:
        if bordered and (not texts or len(texts[0].lines[0].text) <= 40):
            return "input"
        if texts and _placeholder_at_left(node, texts[0], 4) and box.w >= 5 * box.h:
            return "input"
    if 60 < box.h <= 400 and box.w >= 1.5 * box.h and (bordered or texts):
        words = placeholder_texts(node, texts)
        if len(words) == len([t for t in texts if not _grip(node, t)]) and (bordered or words) \
                and all(_placeholder_at_left(node, t, 10) and t.box.y0 - box.y0 <= 40
                        for t in words[:1]):
            return "textarea"
    return ""


def numbered_boxes(row: Node) -> list[Node]:
    """The panels of ``row`` that hold one number and nothing else."""
    return [c for c in row.children if c.kind == "panel" and len(c.children) == 1
            and c.children[0].kind == "text" and len(c.children[0].lines) == 1
            and c.children[0].lines[0].text.strip().isdigit()]


def _typed_number(line: TextLine) -> bool:
    """A quantity typed into a narrow field ("1" beside "Add to cart"): a number of up to three
    digits in a neutral ink. A pagination box's number is in the link colour."""
    r, g, b = line.color
    return line.text.strip().isdigit() and len(line.text.strip()) <= 3 \
        and max(r, g, b) - min(r, g, b) <= 24


def placeholder_texts(node: Node, texts: list[Node]) -> list[Node]:
    """The texts of a textarea's first line, left to right (OCR may read one line in parts);
    empty when they are not one line."""
    words = sorted((t for t in texts if not _grip(node, t)), key=lambda t: t.box.x0)
    if not words or any(len(t.lines) != 1 or abs(t.box.y0 - words[0].box.y0) > 4 for t in words):
        return []
    return words


def _placeholder_at_left(node: Node, text: Node, most_words: int) -> bool:
    line = text.lines[0]
    inset = line.box.x0 - node.box.x0
    return is_placeholder(line) and 0 <= inset <= 0.1 * node.box.w + 16 \
        and line.box.w <= 0.6 * node.box.w and len(line.text.split()) <= most_words


def _grip(node: Node, text: Node) -> bool:
    """A textarea's resize grip, read as a tiny glyph in the bottom-right corner."""
    b = text.box
    return b.h <= 12 and node.box.x1 - b.x1 <= 14 and node.box.y1 - b.y1 <= 14


def _select(node: Node, texts: list[Node], leaves: list[Node]) -> bool:
    """One line high, a value at the left and a caret (a "v" or a small mark) at the right."""
    box = node.box
    if not (20 <= box.h <= 60 and box.w >= 3 * box.h):
        return False
    carets = [t for t in texts if t.lines and t.lines[0].text.strip() in CARETS]
    marks = [n for n in leaves if n.box.w <= 20 and n.box.h <= 20]
    if len(carets) + len(marks) != 1 or len(leaves) != len(marks):
        return False
    caret = (carets or marks)[0]
    values = [t for t in texts if t is not caret]
    return box.x1 - caret.box.x1 <= 40 and len(values) <= 1 and \
        all(len(t.lines) == 1 and t.box.x1 < caret.box.x0 for t in values)


def _outline_button(border: tuple[int, int, int], ink: tuple[int, int, int]) -> bool:
    """A coloured outline with its label in the outline's colour is a button, not a field (a
    field's placeholder is grey, its border light grey)."""
    vivid = max(border) - min(border) >= 40 or max(border) < 120
    return vivid and max(abs(a - b) for a, b in zip(border, ink)) <= 48
