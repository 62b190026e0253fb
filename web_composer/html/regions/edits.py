"""A revision as a small set of named edits a person can read: what changed where, and why.

    edit = set_style(element, {"font-family": "'DejaVu Sans'"}, name="font", why="glyphs match")
    edit.to_json()  # {"name", "selector", "before", "after", "why"}

Edits are written with inline styles on the element itself (never position/transform), so a
later revision overrides them in place and the page keeps its flow layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..patch.styles import format_declarations, parse_declarations


@dataclass
class Edit:
    name: str  # the kind: picture, panel, border, font, ...
    selector: str  # a CSS selector of the edited element in the revised page
    before: str
    after: str
    why: str
    area: tuple[int, int, int, int] | None = field(default=None, repr=False)  # px it should fix
    drift: int = field(default=0, repr=False)  # px lower the target draws what ``area`` shows
    undo: Callable[[], None] | None = field(default=None, repr=False)

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "selector": self.selector, "before": self.before,
                "after": self.after, "why": self.why}


def selector_of(element: Any) -> str:
    """A readable CSS path: ``body > div.page > main > p.text-2:nth-of-type(3)``."""
    parts = []
    node = element
    while node is not None and getattr(node, "name", None) and node.name != "[document]":
        part = node.name
        classes = [c for c in (node.get("class") or []) if c][:2]
        if classes:
            part += "".join(f".{c}" for c in classes)
        parent = node.parent
        if parent is not None and node.name not in ("html", "body"):
            same = [c for c in parent.find_all(node.name, recursive=False)]
            if len(same) > 1:
                part += f":nth-of-type({same.index(node) + 1})"
        parts.append(part)
        if node.name == "body":
            break
        node = parent
    return " > ".join(reversed(parts))


def set_attribute(element: Any, attribute: str, value: str, *, name: str, why: str) -> Edit:
    """Set one attribute (an <img>'s src); the edit can be undone."""
    old = element.get(attribute)

    def undo() -> None:
        if old is None:
            del element[attribute]
        else:
            element[attribute] = old

    element[attribute] = value
    return Edit(name, selector_of(element), old or "(not set)", value, why, undo=undo)


def set_style(element: Any, values: dict[str, str], *, name: str, why: str) -> Edit:
    """Set inline declarations on ``element``; the edit records the values they replace and can
    be undone."""
    old = element.get("style")

    def undo() -> None:
        if old is None:
            del element["style"]
        else:
            element["style"] = old

    declared = parse_declarations(old or "")
    before = format_declarations({k: declared[k] for k in values if k in declared}) or "(not set)"
    declared.update(values)
    element["style"] = format_declarations(declared)
    return Edit(name, selector_of(element), before, format_declarations(values), why, undo=undo)
