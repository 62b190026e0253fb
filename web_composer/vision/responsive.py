"""One responsive page from screenshots of the same page at several widths.

The widest screenshot gives the structure. Each narrower one is analysed on its own; its text
elements are matched to the wide page's by their text, and the differences become media-query
overrides on the wide page's elements (``Element.media``): the font size and line height it
uses at that width, and ``display: none`` for what the narrow screenshot does not show. The
generic small-screen rules (rows stack, fixed offsets go) already apply below 768 px.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from .emit.model import Element, Plan

MATCH = 0.75  # difflib ratio for "the same text element"


def merge_breakpoints(plan: Plan, narrower: list[Any]) -> list[str]:
    """Add a breakpoint to ``plan`` for every narrower analysis (widest first)."""
    warnings: list[str] = []
    wide = _texts(plan.root)
    previous = plan.width
    for analysis in narrower:
        if analysis.width >= previous:
            warnings.append(f"two screenshots are {analysis.width} px wide; the second was ignored")
            continue
        limit = max(analysis.width, (analysis.width + previous) // 2)
        narrow = _texts(analysis.plan.root)
        matched = _apply(wide, narrow, limit)
        if wide and matched < 0.3 * len(wide):
            warnings.append(f"the {analysis.width} px screenshot shares little text with the "
                            f"{plan.width} px one; is it the same page?")
        plan.breakpoints.append(limit)
        previous = analysis.width
    return warnings


def _texts(root: Element) -> list[tuple[str, Element]]:
    out = []
    stack = [root]
    while stack:
        el = stack.pop()
        if el.kind == "text" and el.parts is not None:
            out.append((_normal(_plain(el)), el))
        stack.extend(reversed(el.children))
    return out


def _plain(el: Element) -> str:
    return " ".join(p if isinstance(p, str) else _plain(p) for p in el.parts or [] if p != "\n")


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _apply(wide: list[tuple[str, Element]], narrow: list[tuple[str, Element]], limit: int) -> int:
    """Media overrides for matched elements; unmatched wide elements are hidden. Returns matches."""
    pool = {i: text for i, (text, _el) in enumerate(narrow)}
    matched = 0
    for text, el in wide:
        best, best_ratio = None, MATCH
        for i, other in pool.items():
            matcher = difflib.SequenceMatcher(None, text, other, autojunk=False)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = i, ratio
        if best is None:
            if narrow:
                el.media.setdefault(limit, {})["display"] = "none"
            continue
        matched += 1
        small = narrow[best][1]
        del pool[best]
        changes = {prop: small.look[prop] for prop in ("font-size", "line-height")
                   if prop in small.look and small.look[prop] != el.look.get(prop)}
        if changes:
            el.media.setdefault(limit, {}).update(changes)
    return matched
