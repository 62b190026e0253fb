"""Page-level typography: one font per text style, a small palette of text colours.

Fitting each line alone is noisy (a 15 px line can look like 14 px of a wider face). Lines of one
style (same weight, similar colour and size) are fitted together: the family that explains all of
them best wins, and they share one size. Colours closer than a few units are snapped to the most
used one, so the page gets a handful of text colours instead of one per line.

Digits say little about a family: most faces draw them all one width, so a price or a date fits a
monospace face as well as its own. Lines whose style shows (almost) no letters take the family
the page's letters are set in.

    fits = choose_fonts(samples, families)     # samples: objects with .ink, .text, .color
    unify_colours(lines)
"""

from __future__ import annotations

from collections import Counter
from statistics import median
from typing import Any

from . import fonts
from .elements import RGB, TextLine

SIZE_TOL = 0.06  # relative size difference still counted as the same style
COLOUR_TOL = 40


def choose_fonts(samples: list[Any], families: list[str]) -> list[fonts.FontFit]:
    """A FontFit per sample; samples of one style share family and size."""
    table = [_candidates(s, families) for s in samples]
    best = [max(c, key=lambda f: f.score) for c in table]
    anchor = families[0]
    keys = [_key_size(c, anchor, b.weight) for c, b in zip(table, best)]
    order = sorted(range(len(samples)), key=lambda i: keys[i])
    clusters: list[list[int]] = []
    for i in order:
        for cluster in clusters:
            j = cluster[0]
            if best[j].weight == best[i].weight and _close(samples[i].color, samples[j].color) \
                    and abs(keys[i] - keys[j]) <= SIZE_TOL * keys[j]:
                cluster.append(i)
                break
        else:
            clusters.append([i])
    out = list(best)
    for cluster in clusters:
        if len(cluster) > 1:
            _settle(cluster, samples, table, best, out, families)
    page = _page_family(samples, out)
    few = [i for cluster in clusters
           if sum(_letters(samples[i].text) for i in cluster) < FEW_LETTERS for i in cluster]
    for i in few if page else []:
        out[i] = next((f for f in table[i] if f.family == page and f.weight == out[i].weight),
                      out[i])
    for cluster in clusters if page else []:
        _near_tie(cluster, table, out, page)  # type: ignore[arg-type]
    return out


FEW_LETTERS = 3  # a style showing fewer letters than this takes the page's family
NEAR_TIE = 0.05  # a style fits another family by less than this: it is set in the page's


def _near_tie(cluster: list[int], table: list[list[fonts.FontFit]], out: list[fonts.FontFit],
              page: str) -> None:
    """A style whose family is not the page's wins by a hair over the page's family ("Bradley
    Greer" in a table of names: monospace bold 0.399, the page's sans 0.381): one line's ink
    cannot tell them apart, and a stray family in a page set in one is what a reader notices.
    The style takes the page's family at the weight that family fits best."""
    if out[cluster[0]].family == page:
        return
    own = sum(out[i].score for i in cluster)
    weights = {f.weight for i in cluster for f in table[i] if f.family == page}
    if not weights:
        return
    weight = max(weights, key=lambda w: sum(_score(table[i], page, w) for i in cluster))
    if own - sum(_score(table[i], page, weight) for i in cluster) < NEAR_TIE * len(cluster):
        for i in cluster:
            out[i] = next(f for f in table[i] if f.family == page and f.weight == weight)


def _score(candidates: list[fonts.FontFit], family: str, weight: int) -> float:
    return next((f.score for f in candidates if f.family == family and f.weight == weight),
                -9.0)


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _page_family(samples: list[Any], fits: list[fonts.FontFit]) -> str | None:
    """The family most of the page's letters are set in."""
    counts: Counter[str] = Counter()
    for sample, fit in zip(samples, fits):
        counts[fit.family] += _letters(sample.text)
    family, letters = counts.most_common(1)[0] if counts else (None, 0)
    return family if letters else None


def _candidates(sample: Any, families: list[str]) -> list[fonts.FontFit]:
    h, w = sample.ink.shape
    return [fonts.score_candidate(sample.ink, sample.text, f, wt, w, h)
            for f in families for wt in fonts.weights(f)]


def _key_size(cands: list[fonts.FontFit], family: str, weight: int) -> float:
    for fit in cands:
        if fit.family == family and fit.weight == weight:
            return fit.size
    return cands[0].size


def _close(a: RGB, b: RGB) -> bool:
    return max(abs(x - y) for x, y in zip(a, b)) <= COLOUR_TOL


def _settle(cluster: list[int], samples: list[Any], table: list[list[fonts.FontFit]],
            best: list[fonts.FontFit], out: list[fonts.FontFit], families: list[str]) -> None:
    """Give the lines of one style the family that explains them best, and one shared size."""
    weight = best[cluster[0]].weight
    totals = {f: 0.0 for f in families}
    for i in cluster:
        trust = min(_letters(samples[i].text) + 1, 60)  # lines of many letters tell it better
        for fit in table[i]:
            if fit.weight == weight:
                totals[fit.family] += fit.score * trust
    family = max(totals, key=lambda f: totals[f])
    chosen = [next(f for f in table[i] if f.family == family and f.weight == weight)
              for i in cluster]
    size = fonts.snap_size(median(f.size for f in chosen))
    spacing = median(f.spacing for f in chosen)
    for i, fit in zip(cluster, chosen):
        own = fit.size if abs(fit.size - size) > SIZE_TOL * size else size
        out[i] = fonts.FontFit(family, weight, own, fit.score, spacing if fit.spacing else 0.0)


def unify_colours(lines: list[TextLine]) -> None:
    """Snap text colours (and run colours) within a few units to the page's most used one."""
    counts: Counter[RGB] = Counter()
    for line in lines:
        for text, colour in line.runs or [(line.text, line.color)]:
            counts[colour] += len(text)
    palette: list[RGB] = []
    for colour, _n in counts.most_common():
        if not any(max(abs(a - b) for a, b in zip(colour, p)) <= 10 for p in palette):
            palette.append(colour)

    def snap(colour: RGB) -> RGB:
        for p in palette:
            if max(abs(a - b) for a, b in zip(colour, p)) <= 10:
                return p
        return colour

    for line in lines:
        line.color = snap(line.color)
        if line.runs:
            line.runs = [(t, snap(c)) for t, c in line.runs]
