"""Matching the texts of two screenshots of one page: which narrow element shows which wide one.

    takes, shares = match_texts(wide_texts, narrow_texts)

Whole elements whose texts are alike (difflib ratio >= MATCH, in any order: a column that moves
still matches) are matched first; the rest word by word, so a paragraph one screenshot read as one
block and the other as two still finds its place. ``takes``: wide index -> the narrow elements
that show it; ``shares``: narrow index -> the wide elements it holds part of.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from .emit.model import Element

MATCH = 0.75  # difflib ratio for "the same text element"
MOSTLY = 0.5  # share of an element's words that must land in the other for it to belong there


def plain_text(el: Element) -> str:
    return " ".join(p if isinstance(p, str) else plain_text(p) for p in el.parts or [] if p != "\n")


def words_of(el: Element) -> list[str]:
    text = plain_text(el) if el.parts else el.attrs.get("placeholder", "")  # a <textarea>: []
    return re.findall(r"\w+", text.lower())


def match_texts(wide: list[Element], narrow: list[Element]) -> tuple[dict, dict]:
    """(wide index -> narrow indices it takes the place of), (narrow index -> wide indices
    sharing its place), over the text elements of both."""
    words_w = [" ".join(words_of(el)) for el in wide]
    words_n = [" ".join(words_of(el)) for el in narrow]
    whole: dict[int, list[int]] = {}
    pool = set(range(len(narrow)))
    for i, text in enumerate(words_w):
        best, best_ratio = None, MATCH
        for j in pool:
            m = difflib.SequenceMatcher(None, text, words_n[j], autojunk=False)
            if m.real_quick_ratio() < best_ratio or m.quick_ratio() < best_ratio:
                continue
            ratio = m.ratio()
            if ratio > best_ratio:
                best, best_ratio = j, ratio
        if best is not None:
            whole[i] = [best]
            pool.discard(best)
    _absorb(whole, pool, wide, narrow)
    rest_w = [i for i in range(len(wide)) if i not in whole]
    rest_n = sorted(pool)
    tokens_w = [(w, i) for i in rest_w for w in words_of(wide[i])]
    tokens_n = [(w, j) for j in rest_n for w in words_of(narrow[j])]
    shared: dict[tuple[int, int], int] = {}
    matcher = difflib.SequenceMatcher(None, [t for t, _ in tokens_w], [t for t, _ in tokens_n],
                                      autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            key = (tokens_w[a + k][1], tokens_n[b + k][1])
            shared[key] = shared.get(key, 0) + 1
    split: dict[int, list[int]] = {}  # a wide element the narrow one read as several
    inside: dict[int, list[int]] = {}  # wide elements the narrow one read as one
    for (i, j), count in sorted(shared.items()):
        if count >= MOSTLY * len(words_of(narrow[j])):
            split.setdefault(i, []).append(j)
        elif count >= MOSTLY * len(words_of(wide[i])):
            inside.setdefault(j, []).append(i)
    for j, members in inside.items():
        for i in members:
            split.pop(i, None)
    _join_whole(whole, split, inside, wide, narrow)
    return {**whole, **split}, inside


def _join_whole(whole: dict[int, list[int]], split: dict[int, list[int]],
                inside: dict[int, list[int]], wide: list[Element], narrow: list[Element]) -> None:
    """A wide text left without a place whose words are the rest of a narrow block matched
    whole to another wide text (the wide screenshot read a paragraph's first line apart, the
    narrow one read it all as one) shares that block with it instead of being hidden: a text
    must not vanish at a width where the screenshot shows it."""
    placed = set(whole) | set(split) | {i for members in inside.values() for i in members}
    rest: dict[int, Counter[str]] = {}  # narrow block -> its words no wide text explains yet
    owner: dict[int, int] = {}
    for i, js in whole.items():
        if len(js) == 1:
            owner[js[0]] = i
            rest[js[0]] = Counter(words_of(narrow[js[0]])) - Counter(words_of(wide[i]))
    for i in range(len(wide)):
        words = Counter(words_of(wide[i]))
        if i in placed or not words:
            continue
        for j, left in rest.items():
            if sum((words & left).values()) >= max(1.0, MOSTLY * sum(words.values())):
                if j not in inside:
                    inside[j] = [owner[j]]
                    whole.pop(owner[j], None)
                inside[j].append(i)
                rest[j] = left - words
                break


def _absorb(whole: dict[int, list[int]], pool: set[int], wide: list[Element],
            narrow: list[Element]) -> None:
    """A narrow element whose words all belong to a wide element already matched whole joins
    its match (the narrow screenshot broke the text where the wide one did not)."""
    for j in sorted(pool):
        words = set(words_of(narrow[j]))
        for i, js in whole.items():
            if words and words <= set(words_of(wide[i])) and not words <= set(
                    w for k in js for w in words_of(narrow[k])):
                js.append(j)
                pool.discard(j)
                break
