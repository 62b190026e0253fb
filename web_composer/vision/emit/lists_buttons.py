"""Rows of tag buttons: three or more buttons of one look side by side are a list's items.

    button_lists(row_children)     # in plan._row_children, after the submit buttons

A blog's tags ("Scripting", "Swift", "Tips and Tricks" on black pills), a shop's filters, a
row of categories: the same box holding a short label, three times or more in a row. A developer
writes them as a ``<ul>`` whose ``<li>`` each hold one button. Both the list and its items are
``display: contents``, so the buttons stay the row's flex items and nothing moves. A form's
buttons (a submit among them) are not a list; neither are boxes of different looks (a "Save"
beside a "Cancel" drawn apart).
"""

from __future__ import annotations

from .menus import MAX_WORDS
from .model import Element

MIN_ITEMS = 3
LOOK = ("background", "border", "border-radius", "box-shadow")


def button_lists(children: list[Element]) -> list[Element]:
    out: list[Element] = []
    run: list[Element] = []
    for el in children + [Element("end", "end")]:
        if _tag_button(el) and (not run or _alike(run[0], el)):
            run.append(el)
            continue
        out += _as_list(run) if len(run) >= MIN_ITEMS else run
        run = [el] if _tag_button(el) else []
        if el.tag != "end" and not run:
            out.append(el)
    return out


def _tag_button(el: Element) -> bool:
    """A button holding one short label, not a form's submit button."""
    if el.tag != "button" or el.attrs.get("type") == "submit":
        return False
    texts = [c for c in el.children if c.kind == "text"]
    if len(texts) != 1 or len(el.children) != 1:
        return False
    words = [p for p in texts[0].parts or [] if isinstance(p, str)]
    return 0 < len(" ".join(words).split()) <= MAX_WORDS


def _alike(a: Element, b: Element) -> bool:
    return all(a.look.get(key) == b.look.get(key) for key in LOOK)


def _as_list(run: list[Element]) -> list[Element]:
    items = [Element("li", "contents", "item", children=[button]) for button in run]
    return [Element("ul", "contents", "list", children=items)]
