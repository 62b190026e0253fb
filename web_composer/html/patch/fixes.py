"""A revision's fixes, gathered before any is made, so that they can be ranked and chosen.

Each fix knows its kind (font, line, gap, offset, colour, insert, remove), a label for the report,
its size (px moved, or 1 for text and colour fixes) and what it changes: style values through the
fix store (styles.set_fix), or an action on the page (inserting or removing text).

The refinement loop keeps a revision only when it scores better; when it asks again for a revision
of the same scored page, the last one was dropped, so each retry makes fewer, surer fixes
(``for_attempt``): first every fix; then only gaps of SURE_MOVE px or more, colours and inserted
text (on the dev pages these helped most often; fonts, offsets and removals least); then the
largest gap alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .styles import set_fix

SURE_MOVE = 8.0  # px: a gap this large is rarely measuring error


@dataclass
class Fix:
    kind: str
    label: str
    size: float = 1.0
    values: list[tuple[Any, str, str]] = field(default_factory=list)  # (element, key, value)
    action: Callable[[], None] | None = None

    def apply(self) -> None:
        for element, key, value in self.values:
            set_fix(element, key, value)
        if self.action is not None:
            self.action()

    def __str__(self) -> str:
        return f"{self.kind}: {self.label}"


def apply_all(fixes: list[Fix]) -> list[str]:
    """Make the fixes, style values first, then insertions, then removals; returns their labels."""
    order = {"insert": 1, "remove": 2}
    chosen = sorted(fixes, key=lambda fix: order.get(fix.kind, 0))
    for fix in chosen:
        fix.apply()
    return [str(fix) for fix in chosen]


def for_attempt(fixes: list[Fix], attempt: int) -> list[Fix]:
    """The fixes to make on the ``attempt``-th revision of the same scored page (0 = the first):
    the attempt-th distinct non-empty choice of the tiers above, or none when they run out."""
    gaps = [fix for fix in fixes if fix.kind == "gap"]
    tiers = [
        list(fixes),
        [fix for fix in fixes if fix.kind in ("colour", "insert")
         or (fix.kind == "gap" and fix.size >= SURE_MOVE)],
        sorted(gaps, key=lambda fix: -fix.size)[:1],
    ]
    distinct: list[list[Fix]] = []
    for tier in tiers:
        if tier and all([id(f) for f in tier] != [id(f) for f in seen] for seen in distinct):
            distinct.append(tier)
    return distinct[attempt] if attempt < len(distinct) else []
