"""Matching candidate blocks to reference blocks, Design2Code's way.

1. similarity(candidate, reference) = difflib.SequenceMatcher(None, cand_text, ref_text).ratio()
2. Merging: while it helps, merge two neighbouring blocks (in document order), candidate side first,
   then reference side. A merge helps when the optimal assignment's matched costs (cost = -similarity)
   get better by more than MERGE_GAIN, comparing only the costs that changed: the values the two
   assignments share are removed first, then the means of what remains are compared (and a gain only
   counts if the best changed cost improved too). All merges that help on one side are applied in
   one pass, best first, skipping those that touch a block already merged in that pass; the sides
   are revisited until neither changes (the official matcher's order).
3. The final assignment (Hungarian, scipy's linear_sum_assignment) uses costs with a context bonus:
   a pair with similarity > 0.5 gets CONTEXT_BONUS x the sum of the two best (lowest) costs among
   its neighbours in the 3x3 window around it, so runs of consecutive matches are preferred.
4. Assigned pairs with similarity < 0.5 are dropped: those blocks count as unmatched.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .blocks import Block

MERGE_GAIN = 0.05
CONTEXT_BONUS = 0.1
CONTEXT_WINDOW = 1  # half-width: a 3x3 window
MIN_SIMILARITY = 0.5


def _sequence_matcher() -> type:
    """cydifflib's SequenceMatcher (difflib's algorithm compiled: same ratios, ~6x faster) or difflib's."""
    try:
        import cydifflib

        return cydifflib.SequenceMatcher
    except ImportError:
        return difflib.SequenceMatcher


class Similarity:
    """difflib ratio of (candidate text, reference text), cached; one matcher per reference text.

    It also remembers the merges match_blocks chose for a list of candidate texts against a list
    of reference texts (``plans``): the merges depend on the texts alone, so a candidate that
    shows the same texts as one matched before (a revision that moved or repainted blocks) is
    merged the same way without searching again."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], float] = {}
        self._matchers: dict[str, Any] = {}
        self._matcher_type = _sequence_matcher()
        self.plans: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[int, list]]] = {}

    def __call__(self, candidate: str, reference: str) -> float:
        key = (candidate, reference)
        value = self._values.get(key)
        if value is None:
            matcher = self._matchers.get(reference)
            if matcher is None:  # SequenceMatcher indexes its second sequence once; reuse that
                matcher = self._matchers[reference] = self._matcher_type(None, "", reference)
            matcher.set_seq1(candidate)
            value = self._values[key] = matcher.ratio()
        return value

    def row(self, candidate: str, references: list[str]) -> np.ndarray:
        """The ratios of one candidate text against each reference text (the values of
        ``self(candidate, r)``, with the cache read in one loop)."""
        values = self._values
        return np.array([values.get((candidate, r)) or self(candidate, r) for r in references])

    def column(self, candidates: list[str], reference: str) -> np.ndarray:
        """The ratios of each candidate text against one reference text."""
        values = self._values
        return np.array([values.get((c, reference)) or self(c, reference) for c in candidates])

    def matrix(self, candidates: list[str], references: list[str]) -> np.ndarray:
        out = np.zeros((len(candidates), len(references)))
        for j, ref in enumerate(references):
            for i, cand in enumerate(candidates):
                out[i, j] = self(cand, ref)
        return out


@dataclass
class Matching:
    candidate: list[Block]  # after merging
    reference: list[Block]  # after merging
    pairs: list[tuple[int, int, float]]  # (candidate index, reference index, similarity)


def merge_two(first: Block, second: Block) -> Block:
    """Two neighbouring blocks as one: texts joined by a space, union box, mean colour."""
    x0 = min(first.box[0], second.box[0])
    y0 = min(first.box[1], second.box[1])
    x1 = max(first.box[0] + first.box[2], second.box[0] + second.box[2])
    y1 = max(first.box[1] + first.box[3], second.box[1] + second.box[3])
    color = tuple((a + b) // 2 for a, b in zip(first.color, second.color))  # floored, as officially
    return Block(first.text + " " + second.text, (x0, y0, x1 - x0, y1 - y0), color,  # type: ignore[arg-type]
                 first.rects + second.rects)


def assignment(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if cost.size == 0:
        return np.zeros(0, int), np.zeros(0, int)
    return _linear_sum_assignment()(cost)


_LSAP: list = []


def _linear_sum_assignment():
    """scipy's linear_sum_assignment (the official judge's solver, so ties break the same way),
    loaded from its compiled module alone: ``import scipy.optimize`` costs 0.35 s of start-up
    (every optimiser in scipy), a third of a `webcompose score` call's imports. The module needs
    nothing but numpy; if scipy ever moves it, the ordinary import is used."""
    if not _LSAP:
        try:
            import importlib.machinery
            import importlib.util

            import scipy

            folder = Path(scipy.__file__).parent / "optimize"
            path = next(folder.glob("_lsap.*so"), None) or next(folder.glob("_lsap.*pyd"))
            loader = importlib.machinery.ExtensionFileLoader("_lsap", str(path))
            module = importlib.util.module_from_spec(importlib.util.spec_from_file_location("_lsap", path, loader=loader))
            loader.exec_module(module)
            _LSAP.append(module.linear_sum_assignment)
        except (ImportError, OSError, StopIteration, AttributeError):
            from scipy.optimize import linear_sum_assignment

            _LSAP.append(linear_sum_assignment)
    return _LSAP[0]


def matched_costs(cost: np.ndarray) -> list[float]:
    rows, cols = assignment(cost)
    return cost[rows, cols].tolist()


def difference_of_means(current: list[float], new: list[float]) -> float:
    """mean(current) - mean(new) over the values the two lists do not share (0 for an empty side);
    a positive difference counts only when the best remaining new cost beats the best current one."""
    left, right = Counter(current), Counter(new)
    shared = left & right
    left -= shared
    right -= shared
    rest_left, rest_right = list(left.elements()), list(right.elements())
    mean_left = sum(rest_left) / len(rest_left) if rest_left else 0.0
    mean_right = sum(rest_right) / len(rest_right) if rest_right else 0.0
    if mean_left - mean_right > 0 and not min(rest_left) > min(rest_right):
        return 0.0  # better on average, but the best pair got worse: Design2Code counts no gain
    return mean_left - mean_right


def context_bonus(cost: np.ndarray, bonus: float = CONTEXT_BONUS,
                  window: int = CONTEXT_WINDOW) -> np.ndarray:
    """Costs with the context bonus added to every pair whose similarity is > 0.5."""
    adjusted = cost.copy()
    rows, cols = cost.shape
    for i, j in zip(*np.nonzero(cost < -MIN_SIMILARITY)):
        near = cost[max(0, i - window):i + window + 1, max(0, j - window):j + window + 1].ravel()
        near = np.sort(near)
        own = np.nonzero(near == cost[i, j])[0][0]
        near = np.delete(near, own)  # the pair itself is not its own neighbour
        adjusted[i, j] += bonus * near[:2 * window].sum()
    return adjusted


def match_blocks(candidate: list[Block], reference: list[Block],
                similarity: Similarity | None = None) -> Matching:
    """Merge neighbouring blocks where it helps, then assign with the context bonus (see above)."""
    similarity = similarity or Similarity()
    cand, ref = list(candidate), list(reference)
    if not cand or not ref:
        return Matching(cand, ref, [])
    key = (tuple(b.text for b in cand), tuple(b.text for b in ref))
    plan = similarity.plans.get(key)
    if plan is not None:  # these texts were matched before: the same merges, no search
        for axis, merges in plan:
            blocks = cand if axis == 0 else ref
            blocks[:] = _apply_merges(blocks, merges)
        sims = similarity.matrix([b.text for b in cand], [b.text for b in ref])
    else:
        plan = []
        sims = similarity.matrix([b.text for b in cand], [b.text for b in ref])
        changed = True
        while changed:
            changed = False
            for axis in (0, 1):  # candidate side (rows), then reference side (columns)
                blocks = cand if axis == 0 else ref
                merges = _helpful_merges(blocks, cand, ref, sims, axis, similarity)
                if not merges:
                    continue
                blocks[:] = _apply_merges(blocks, merges)
                plan.append((axis, merges))
                sims = similarity.matrix([b.text for b in cand], [b.text for b in ref])
                changed = True
        similarity.plans[key] = plan
    rows, cols = assignment(context_bonus(-sims))
    pairs = [(int(i), int(j), float(sims[i, j])) for i, j in zip(rows, cols)
             if sims[i, j] >= MIN_SIMILARITY]
    return Matching(cand, ref, pairs)


def _merged_sims(sims: np.ndarray, index: int, line: np.ndarray, axis: int) -> np.ndarray:
    """``sims`` with line ``index`` replaced by ``line`` and line ``index + 1`` removed."""
    out = np.delete(sims, index + 1, axis=axis)
    if axis == 0:
        out[index, :] = line
    else:
        out[:, index] = line
    return out


def _helpful_merges(blocks: list[Block], cand: list[Block], ref: list[Block], sims: np.ndarray,
                    axis: int, similarity: Similarity) -> list[tuple[int, float]]:
    """Every i whose merge of blocks[i], blocks[i+1] on one side helps by > MERGE_GAIN, with its
    gain, best first (ties in document order), as the official matcher ranks them."""
    if len(blocks) < 2:
        return []
    current = matched_costs(-sims)
    found = []
    for index in range(len(blocks) - 1):
        merged = merge_two(blocks[index], blocks[index + 1])
        if axis == 0:
            line = similarity.row(merged.text, [other.text for other in ref])
        else:
            line = similarity.column([other.text for other in cand], merged.text)
        gain = difference_of_means(current, matched_costs(-_merged_sims(sims, index, line, axis)))
        if gain > MERGE_GAIN:
            found.append((index, gain))
    found.sort(key=lambda item: -item[1])  # stable: equal gains keep document order
    return found


def _apply_merges(blocks: list[Block], merges: list[tuple[int, float]]) -> list[Block]:
    """All the helpful merges at once, best first, skipping any that shares a block with one taken
    (every merge was judged against the blocks before any of them, as the official matcher does)."""
    out = list(blocks)
    taken: set[int] = set()
    dropped: set[int] = set()
    for index, _ in merges:
        if index in taken or index + 1 in taken:
            continue
        out[index] = merge_two(blocks[index], blocks[index + 1])
        taken.update((index, index + 1))
        dropped.add(index + 1)
    return [b for k, b in enumerate(out) if k not in dropped]
