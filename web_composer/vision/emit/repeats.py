"""Repeated siblings as list items: a run of cards, posts or rows of one structure is a <ul>.

    list_repeats(page, find_components(page))

components.py finds siblings of one structure (the same tags and looks, whatever the text).
Three or more of them side by side or one under the other, each short (a card, a post's title
and date, a category with its count), are the items of a list, as a developer writes them:
each instance's <div> becomes an <li>, and the run is wrapped in a <ul> with
``display: contents``, so the items stay their parent's flex items and nothing moves.
Two instances make a list only when each is a few words ("Previous post" / "Next post").

A title that every instance of a card sets in an accent colour (saturated, unlike the page's
text) is the card's link, as blocks.py could not tell on one title alone ("a coloured title set
large is a heading"): the heading keeps its tag and holds an <a>.
"""

from __future__ import annotations

from collections import Counter

from ..elements import walk
from .model import Element, rgb_of

MAX_WORDS = 40  # an instance longer than this is an article section, not a list item
FEW_WORDS = 12  # two instances are a list only when this short
NOT_INSIDE = {"ul", "ol", "nav", "table", "tr", "li", "form"}


def list_repeats(page: Element, groups: list[list[Element]]) -> None:
    body = _body_colour(page)
    for group in groups:
        _linked_titles(group, body)
    group_of = {id(el): n for n, group in enumerate(groups) for el in group}
    for parent in list(walk(page)):
        if parent.tag in NOT_INSIDE or parent.kind not in ("page", "stack", "panel", "row"):
            continue
        parent.children = _wrap_runs(parent.children, group_of)


def _wrap_runs(children: list[Element], group_of: dict[int, int]) -> list[Element]:
    out: list[Element] = []
    run: list[Element] = []
    for el in children + [Element("end", "end")]:
        if run and group_of.get(id(el)) == group_of.get(id(run[0])):
            run.append(el)
            continue
        out += _as_list(run) if _is_list(run) else run
        run = [el] if id(el) in group_of and el.tag == "div" else []
        if not run and el.tag != "end":
            out.append(el)
    return out


def _is_list(run: list[Element]) -> bool:
    if len(run) < 2 or any(el.tag != "div" for el in run):
        return False
    if any(node.tag in NOT_INSIDE - {"li"} or node.tag in ("input", "select", "textarea")
           for el in run for node in walk(el)):
        return False  # lists, tables and forms inside: a layout, not a list
    words = [len(_text(el).split()) for el in run]
    if not all(words) or max(words) > MAX_WORDS:
        return False
    return len(run) >= 3 or max(words) <= FEW_WORDS


def _as_list(run: list[Element]) -> list[Element]:
    for el in run:
        el.tag = "li"
    return [Element("ul", "contents", "list", children=run)]


def _text(el: Element) -> str:
    own = " ".join(p if isinstance(p, str) else _text(p) for p in el.parts or [])
    return " ".join([own] + [_text(c) for c in el.children]).strip()


def _linked_titles(group: list[Element], body: tuple[int, int, int] | None) -> None:
    """Headings in repeated instances (or in the cards of a repeated row of cards: two levels
    down at most), set in an accent colour, hold a link."""
    for instance in group:
        if instance.tag == "a":
            continue  # a tile is the link already: no link inside it
        for el in _near(instance, 2):
            if el.kind != "text" or el.tag not in ("h1", "h2", "h3", "h4") \
                    or not _accent(el.look.get("color", ""), body) \
                    or any(not isinstance(p, str) for p in el.parts or []):
                continue
            el.parts = [Element("a", "inline", "", parts=el.parts, attrs={"href": "#"})]


def _accent(colour: str, body: tuple[int, int, int] | None) -> bool:
    """Saturated and unlike the page's text (blocks._is_link's test, on the written colour)."""
    rgb = rgb_of(colour)
    if rgb is None or body is None:
        return False
    return max(rgb) - min(rgb) > 60 and max(abs(a - b) for a, b in zip(rgb, body)) > 50


def _body_colour(page: Element) -> tuple[int, int, int] | None:
    """The colour most words of the page are set in."""
    words: Counter[str] = Counter()
    for el in walk(page):
        if el.kind == "text" and el.look.get("color"):
            words[el.look["color"]] += len(_text(el).split())
    return rgb_of(words.most_common(1)[0][0]) if words else None


def _near(el: Element, depth: int):
    """The descendants of ``el`` down to ``depth`` levels."""
    for child in el.children:
        yield child
        if depth > 1:
            yield from _near(child, depth - 1)
