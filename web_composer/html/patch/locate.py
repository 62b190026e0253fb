"""Finding the elements behind the scorer's text blocks, by their text.

The scorer's DOM probe (score/blocks.py) gives every text node to its nearest ancestor among
TEXT_TAGS (its *owner*) and makes one block per owner: the owner's text nodes, stripped, joined by
a space, lower-cased. Blocks with the same box merge, and the matcher merges neighbours, so one
block may be the text of several consecutive owners. Here the same ownership is rebuilt on the
parsed page, and each candidate block (in document order, as the probe lists them) is aligned with
the run of consecutive owners whose joined text it is; a block found only inside a longer text
falls back to the innermost owner holding it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...score.blocks import TEXT_TAGS

SKIP = {"script", "style", "noscript", "template", "title", "textarea", "select", "option", "svg",
        "head"}
OWNER_TAGS = set(TEXT_TAGS)


def norm(text: str) -> str:
    return " ".join(text.split()).lower()


def squash(text: str) -> str:
    """Letters and digits only, lower-cased: text compared across OCR and the DOM."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def inline_color(element: Any) -> bool:
    """Does the element's style attribute set ``color`` (not a custom property)?"""
    for part in (element.get("style") or "").split(";"):
        name = part.split(":", 1)[0].strip().lower()
        if name == "color":
            return True
    return False


@dataclass
class Owner:
    element: Any
    nodes: list[Any] = field(default_factory=list)  # its text nodes (NavigableString)

    @property
    def text(self) -> str:
        return norm(" ".join(str(n) for n in self.nodes))


def owners_of(soup: Any) -> list[Owner]:
    """The text owners of the page body in document order, as the scorer's probe finds them."""
    from bs4 import Comment, NavigableString

    body = soup.body
    if body is None:
        return []
    found: dict[int, Owner] = {}
    order: list[Owner] = []
    for node in body.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, Comment):
            continue
        if type(node) is not NavigableString or not str(node).strip():
            continue  # CData, doctype, processing instructions, blank text
        owner, skip = None, False
        for parent in node.parents:
            if parent is None or parent.name is None or parent.name == "[document]":
                break
            if parent.name in SKIP:
                skip = True
                break
            if owner is None and parent.name in OWNER_TAGS and parent is not body:
                owner = parent
            elif owner is None and inline_color(parent):
                skip = True
        if skip or owner is None:
            continue
        entry = found.get(id(owner))
        if entry is None:
            entry = found[id(owner)] = Owner(owner)
            order.append(entry)
        entry.nodes.append(node)
    return order


@dataclass
class Located:
    owners: list[Owner]  # the run of owners whose joined text the block is
    exact: bool  # False when the block is only part of one owner's text

    @property
    def single(self) -> Any:
        """The one owner element behind the block, or None for merged or partial blocks."""
        return self.owners[0].element if self.exact and len(self.owners) == 1 else None

    @property
    def first(self) -> Any:
        return self.owners[0].element


def locate_blocks(owners: list[Owner], texts: list[str]) -> list[Located | None]:
    """For each candidate block text (in document order), the owners behind it, or None."""
    owner_texts = [o.text for o in owners]
    out: list[Located | None] = []
    cursor = 0
    for text in texts:
        want = norm(text)
        run = _run_from(owner_texts, want, cursor) if want else None
        if run is None and want:
            run = _run_from(owner_texts, want, 0)
        if run is not None:
            start, stop = run
            out.append(Located(owners[start:stop], True))
            cursor = stop
            continue
        holder = _holder(owners, owner_texts, want) or _opener(owners, owner_texts, want, cursor)
        out.append(Located([holder], False) if holder is not None else None)
    return out


def _opener(owners: list[Owner], owner_texts: list[str], want: str, cursor: int) -> Owner | None:
    """The first owner (from ``cursor`` on, else from the start) whose text begins the block:
    a block merged from texts that are not all owners' whole texts."""
    for start in (cursor, 0):
        for owner, text in zip(owners[start:], owner_texts[start:]):
            if len(text) >= 3 and want.startswith(text):
                return owner
    return None


def _run_from(owner_texts: list[str], want: str, start: int) -> tuple[int, int] | None:
    for first in range(start, len(owner_texts)):
        text = owner_texts[first]
        if not text or not want.startswith(text):
            continue
        joined, stop = text, first + 1
        while joined != want and stop < len(owner_texts):
            nxt = owner_texts[stop]
            if nxt:
                candidate = joined + " " + nxt
                if not want.startswith(candidate):
                    break
                joined = candidate
            stop += 1
        if joined == want:
            return first, stop
    return None


def _holder(owners: list[Owner], owner_texts: list[str], want: str) -> Owner | None:
    """The owner with the shortest text that contains ``want`` (a block that is part of one)."""
    if len(want) < 3:
        return None
    best = None
    for owner, text in zip(owners, owner_texts):
        if want in text and (best is None or len(text) < len(best.text)):
            best = owner
    return best


def page_text(soup: Any) -> str:
    """Everything the page shows as text, for "is this text already there" questions: the body's
    text plus placeholders, values and alt texts."""
    body = soup.body or soup
    parts = [body.get_text(" ")]
    for element in body.find_all(["input", "img", "textarea", "button"]):
        for attribute in ("placeholder", "value", "alt"):
            if element.get(attribute):
                parts.append(str(element[attribute]))
    return " ".join(parts)


def containment(needle: str, haystack: str) -> float:
    """The share of ``needle``'s letters and digits found, in order, in ``haystack`` (both squashed
    by the caller): 1.0 when the text is there, low when it is not."""
    if not needle:
        return 1.0
    if needle in haystack:
        return 1.0
    from difflib import SequenceMatcher

    # anchor on the longest run the two share, then count what lines up in the stretch of the
    # haystack around it (OCR slips break runs, not the order of the letters)
    match = SequenceMatcher(None, haystack, needle, autojunk=False).find_longest_match(
        0, len(haystack), 0, len(needle))
    if not match.size:
        return 0.0
    lo = max(0, match.a - match.b - 8)
    hi = min(len(haystack), match.a + (len(needle) - match.b) + 8)
    window = SequenceMatcher(None, needle, haystack[lo:hi], autojunk=False)
    return sum(block.size for block in window.get_matching_blocks()) / len(needle)
