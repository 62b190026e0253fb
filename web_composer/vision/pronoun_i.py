"""The pronoun "I" read as a bar: "and | managed it" -> "and I managed it".

In sans-serif type a capital I is a plain vertical stroke, and tesseract's English model reads
it as "|" wherever the words around it do not force the letter (it is the most common misreading
on the Design2Code dev pages: 40 of 8240 words). The pixels tell the two apart: a capital letter
stands on the baseline, while a bar, in every common font (Liberation, DejaVu, Arial,
Helvetica), reaches below it about as far as a descender does (0.2 em). So a word "|" whose
stroke ends within BASELINE of the baseline of the words beside it, is no taller than their
capitals, and comes before a lower-case word or ends the line, becomes "I"; a real separator
("Login | Create account", which reaches below the baseline and comes before a name) stays.
Only the word's text changes: its box, and the line's, stay.

    lines = bars_to_i(rgb, lines)      # an RGB array and OCR lines
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

BASELINE = 0.1  # of the cap height: how far below the baseline a capital's stroke may end
TALL = 1.15  # a stroke taller than this many cap heights is a bar
INK = 0.4  # share of the strongest ink that makes a pixel ink
FLAT = set("acemnorsuvwxz")  # lower-case letters without ascender or descender
DESCENDERS = set("gjpqy,;")


def bars_to_i(rgb: Any, lines: list[Any]) -> list[Any]:
    """``lines`` with each "|" that the pixels show to be a capital I spelled "I"."""
    out = []
    for line in lines:
        words = list(getattr(line, "words", ()) or ())
        bars = [i for i, w in enumerate(words) if w.text == "|"]
        if not bars or sum(_letters(w.text) >= 2 for w in words) < 2:
            out.append(line)
            continue
        reference = _baseline_and_cap(rgb, line, words)
        changed = [i for i in bars if reference and _before_a_verb(words, i)
                   and _is_capital(rgb, line, _gap(words, i), *reference)]
        if not changed:
            out.append(line)
            continue
        for i in changed:
            words[i] = words[i]._replace(text="I")
        out.append(replace(line, text=" ".join(w.text for w in words), words=tuple(words)))
    return out


def _before_a_verb(words: list[Any], i: int) -> bool:
    """The pronoun comes before a lower-case word ("I think", "I'm") or ends a wrapped line;
    a separator comes before a name, a number or a bracket ("| Create account", "| [PHONE")."""
    if i + 1 == len(words):
        return i > 0
    following = words[i + 1].text
    return following[:1].islower() or following[:1] in "'’"


def _own(words: list[Any], i: int) -> Any:
    """Word ``i`` with its box's columns cut where its neighbours' boxes reach into it (the
    bar after "alexito4" got a box holding the "4")."""
    x0, y0, x1, y1 = words[i].box
    if i > 0:
        x0 = max(x0, words[i - 1].box[2])
    if i + 1 < len(words):
        x1 = min(x1, words[i + 1].box[0])
    return words[i]._replace(box=(x0, y0, max(x0, x1), y1))


def _gap(words: list[Any], i: int) -> Any:
    """Word ``i`` (a bar) with its box spanning the gap between its neighbours' boxes: a bar's
    box is 1-2 px wide and can miss its stroke by a pixel ("Midkiff. | earned": the box held
    no ink); the neighbours' own ink stays out (their boxes hold it)."""
    x0, y0, x1, y1 = words[i].box
    x0 = words[i - 1].box[2] + 1 if i > 0 else x0 - 2
    x1 = words[i + 1].box[0] - 1 if i + 1 < len(words) else x1 + 2
    return words[i]._replace(box=(x0, y0, max(x0, x1), y1))


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _ink_rows(rgb: Any, box: tuple[float, float, float, float], line_box: tuple) -> tuple | None:
    """(top, bottom) page rows of the run of inked rows in ``box``'s columns most inside the
    line's rows, looked for over the line's rows grown by half the line's height (a word's box
    can be cut short)."""
    import numpy as np

    height = line_box[3] - line_box[1]
    x0, x1 = max(0, int(box[0])), int(box[2] + 0.999)
    y0 = max(0, int(line_box[1] - height / 2))
    y1 = min(rgb.shape[0], int(line_box[3] + height / 2 + 1))
    crop = rgb[y0:y1, x0:x1].astype(np.int16)
    if crop.shape[0] < 4 or crop.shape[1] < 1 or x1 <= x0:
        return None
    sides = np.concatenate([crop[0], crop[-1]])
    distance = np.abs(crop - np.median(sides, axis=0)).max(axis=2)
    if distance.max() < 40:
        return None
    rows = (distance > INK * distance.max()).any(axis=1)
    runs, start = [], None
    for y, inked in enumerate(list(rows) + [False]):
        if inked and start is None:
            start = y
        elif not inked and start is not None:
            runs.append((start, y))
            start = None
    if not runs:
        return None
    # The run most inside the line's own rows, then the longest: a letter of the line above or
    # below can stand in the same columns as long.
    top, bottom = line_box[1] - y0, line_box[3] - y0
    best = max(runs, key=lambda r: (min(r[1], bottom) - max(r[0], top), r[1] - r[0]))
    return y0 + best[0], y0 + best[1]


def _baseline_and_cap(rgb: Any, line: Any, words: list[Any]) -> tuple[float, float] | None:
    """The line's baseline (median ink bottom of its words without descenders) and cap height
    (median ink height of those words with a capital or an ascender), or None."""
    bottoms, heights = [], []
    for i, word in enumerate(words):
        text = word.text
        if _letters(text) < 2 or any(c in DESCENDERS for c in text):
            continue
        rows = _ink_rows(rgb, _own(words, i).box, line.box)
        if rows is None:
            continue
        bottoms.append(rows[1])
        if any(c.isupper() or (c.isalpha() and c not in FLAT) for c in text):
            heights.append(rows[1] - rows[0])
    if not bottoms or not heights:
        return None
    bottoms.sort()
    heights.sort()
    return bottoms[len(bottoms) // 2], heights[len(heights) // 2]


def _is_capital(rgb: Any, line: Any, word: Any, baseline: float, cap: float) -> bool:
    rows = _ink_rows(rgb, word.box, line.box)
    if rows is None or cap < 5:
        return False
    top, bottom = rows
    return abs(bottom - baseline) <= max(1.0, BASELINE * cap) and bottom - top <= TALL * cap
