"""The official clean-up of a predicted page, done before it is rendered for scoring.

Design2Code's judge does not render a prediction as written. First it cuts the page where its text
starts repeating (text without tags, in 100-character chunks: once 5 chunks are each >= 80 % alike,
by difflib's ratio, to an earlier chunk, everything from the first of them on is dropped, tags and
all); a page without an <html> tag is wrapped in <html><body><p>...; then every element whose exact
markup occurs more than 50 times loses the copies after the 50th; and the page is re-written by
BeautifulSoup's html.parser. A looping model page can lose most of its blocks this way, so a scorer
that skips this step rates it far above the benchmark. We do the same steps (our own code, the
official rules), on the candidate only: the official judge leaves the reference as it is.
"""

from __future__ import annotations

import re
from collections import Counter

CHUNK = 100
REPEATS = 5
ALIKE = 0.8
MAX_COPIES = 50
_TAG = re.compile(r"<.*?>")  # no re.DOTALL: a tag that spans lines stays text, as officially


def _matcher():
    try:
        import cydifflib

        return cydifflib.SequenceMatcher
    except ImportError:
        import difflib

        return difflib.SequenceMatcher


def repetition_cut(html: str) -> int | None:
    """Where the official repetition check cuts ``html`` (an index into it), or None."""
    text = _TAG.sub("", html)
    chunks = [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)]
    if len(chunks) < REPEATS + 1:
        return None
    matcher = _matcher()(None)
    seen: dict[str, list[int]] = {}
    start = len(text)  # the official code compares page positions with this text length
    positions = None
    for index, chunk in enumerate(chunks):
        matcher.set_seq2(chunk)
        for earlier, indexes in seen.items():
            matcher.set_seq1(earlier)
            if matcher.real_quick_ratio() < ALIKE or matcher.quick_ratio() < ALIKE:
                continue  # upper bounds of ratio(): cannot be alike
            if matcher.ratio() >= ALIKE:
                indexes.append(index)
                if len(indexes) >= REPEATS:
                    positions = positions or _text_positions(text, html)
                    clean = min(start, indexes[0] * CHUNK)
                    cut = positions[clean] if clean < len(positions) else len(html)
                    start = min(start, cut)
                break
        else:
            seen[chunk] = [index]
    return None if start == len(text) else start


def _text_positions(text: str, html: str) -> list[int]:
    """For each character of the tag-free text, the first later position in ``html`` holding the
    same character (the official mapping: greedy, so it can land inside a removed tag)."""
    out = []
    at = 0
    for char in text:
        at = html.index(char, at)
        out.append(at)
        at += 1
    return out


def drop_repeated_elements(soup, max_copies: int = MAX_COPIES) -> int:
    """Remove each element whose exact markup has already been seen ``max_copies`` times.

    Writing an element's markup writes all it holds, so writing every element costs the page's
    size times its depth; only elements whose tag and attributes occur more than ``max_copies``
    times can have a markup that does, so only those are written (the same removals).
    Returns how many elements were removed."""
    counts: dict[str, int] = {}
    removed = 0
    elements = soup.find_all(True)
    heads = [_head(element) for element in elements]
    often = Counter(heads)
    for element, head in zip(elements, heads):
        if often[head] <= max_copies:
            continue
        try:
            markup = str(element)
        except Exception:  # an element inside one already removed
            element.decompose()
            continue
        counts[markup] = counts.get(markup, 0) + 1
        if counts[markup] > max_copies:
            element.decompose()
            removed += 1
    return removed


def _head(element) -> tuple:
    """An element's tag and attributes: equal for elements of equal markup."""
    return element.name, repr(element.attrs)


# the last page cleaned and its result (a pure function of the page): (cleaned page, whether
# anything was cut, wrapped or dropped)
_LAST: dict[str, tuple[str, bool]] = {}


def clean_prediction(html: str) -> str:
    """The page as the official judge renders a prediction (see the module docstring)."""
    return _cleaned(html)[0]


def is_cut(html: str) -> bool:
    """Whether the clean-up takes anything from ``html`` (cut, wrap or dropped copies): if not,
    the cleaned page is the same page re-written by the parser, and its render is the page's."""
    return _cleaned(html)[1]


def _cleaned(html: str) -> tuple[str, bool]:
    out = _LAST.get(html)  # the pixel reviser's check render and the evaluation after it
    if out is None:
        out = _clean(html)
        _LAST.clear()
        _LAST[html] = out
    return out


def _clean(html: str) -> tuple[str, bool]:
    from bs4 import BeautifulSoup

    cut = repetition_cut(html)
    if cut is not None:
        html = html[:cut]
    wrapped = not re.search(r"<html[^>]*>", html, re.IGNORECASE)
    if wrapped:
        html = f"<html><body><p>{html}</p></body></html>"
    soup = BeautifulSoup(html, "html.parser")
    dropped = drop_repeated_elements(soup)
    return str(soup), cut is not None or wrapped or dropped > 0
