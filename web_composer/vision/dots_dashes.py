"""Separators spelled from their glyph: the middle dot, the bullet and the two long dashes
(issue 23).

Tesseract's English model reads a middle dot "·" as "-" ("Privacy · Terms · FAQ" ->
"Privacy - Terms - FAQ"), a bullet "•" as "«", and an en dash "–" as an em dash "—". Each is
plain from its ink alone, measured against the line's type size (the em, taken as the median
height of the line's words of two letters or more over WORD_EM: a word box runs from the
ascenders or capitals to the baseline or the descenders):

- a middle dot is a filled blob about as tall as it is wide (a hyphen or dash is at least
  twice as wide as tall) and small (under DOT of an em);
- a bullet is a filled round blob bigger than a dot (chevrons "«" fill under half their box);
- a dash under EN_MAX of an em long is an en dash ("–", 0.5 em), one over EM_MIN an em dash
  ("—", 1 em); between, or shorter (a hyphen), the word is left as read.

Only one-character words that are one of these marks change, to the mark their ink shows; a
page that really uses an em dash keeps it (it measures an em).

    lines = spell_dots_and_dashes(rgb, lines)      # an RGB array and OCR lines
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

WORD_EM = 0.85  # a word box's height in ems (cap or ascender height to baseline or descender)
DOT = 0.3  # of an em: the largest middle dot
BULLET = (0.2, 0.5)  # of an em: a bullet's size
EN_MAX = 0.72  # of an em: the longest en dash
EM_MIN = 0.85  # of an em: the shortest em dash
INK = 0.45  # share of the strongest ink that counts as ink
MIN_INK = 40  # grey levels
READ_AS = set("-–—«·•")  # "»" is read right: its ink is two small chevrons
FILLED = 0.6  # share of a dot's or bullet's box its ink fills (a disc: 0.78; a chevron: ~0.4)


def spell_dots_and_dashes(rgb: Any, lines: list[Any]) -> list[Any]:
    """``lines`` with each one-mark word spelled as its ink shows it."""
    out = []
    for line in lines:
        words = list(getattr(line, "words", None) or ())
        em = _em(words) if words else 0.0
        changed = False
        for i, word in enumerate(words):
            if len(word[0]) != 1 or word[0] not in READ_AS or em < 6:
                continue
            mark = _mark(rgb, word[1], word[0], em)
            if mark and mark != word[0]:
                words[i] = word._replace(text=mark) if hasattr(word, "_replace") else (mark, word[1])
                changed = True
        if changed:
            text = " ".join(w[0] for w in words)
            kind = tuple if hasattr(line, "confidences") else list
            out.append(replace(line, text=text, words=kind(words)))
        else:
            out.append(line)
    return out


def _em(words: list[Any]) -> float:
    import statistics

    heights = [w[1][3] - w[1][1] for w in words if sum(c.isalnum() for c in w[0]) >= 2]
    return statistics.median(heights) / WORD_EM if heights else 0.0


def _mark(rgb: Any, box: Any, read: str, em: float) -> str | None:
    """What the blob in ``box`` is, or None when its ink says nothing sure."""
    import numpy as np

    x0, y0, x1, y1 = (int(round(v)) for v in box)
    x0, y0 = max(0, x0 - 3), max(0, y0 - 3)
    x1, y1 = min(rgb.shape[1], x1 + 3), min(rgb.shape[0], y1 + 3)
    crop = rgb[y0:y1, x0:x1].astype(np.int16)
    if crop.shape[0] < 5 or crop.shape[1] < 5:
        return None
    border = np.concatenate([crop[0], crop[-1], crop[:, 0], crop[:, -1]])
    distance = np.abs(crop - np.median(border, axis=0)).max(axis=2)
    if float(distance.max()) < MIN_INK:
        return None
    ink = distance >= INK * float(distance.max())
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if ink[0].any() or ink[-1].any() or ink[:, 0].any() or ink[:, -1].any():
        return None  # the blob runs out of the crop: part of something bigger
    tall, wide = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
    if _gaps(ink.any(axis=0)[cols[0]:cols[-1] + 1]) or _gaps(ink.any(axis=1)[rows[0]:rows[-1] + 1]):
        return None  # more than one blob
    if wide <= 1.5 * tall and tall >= 2:
        if ink.sum() < FILLED * tall * wide:
            return None  # not a filled blob ("«" drawn as chevrons)
        if max(tall, wide) <= DOT * em and read in "-·•":
            return "·"
        if BULLET[0] * em <= min(tall, wide) and max(tall, wide) <= BULLET[1] * em and read in "«•":
            return "•"
        return None
    if wide >= 2.5 * tall and tall <= 0.2 * em and read in "-–—":
        if wide <= EN_MAX * em and read == "—":
            return "–"
        if wide >= EM_MIN * em:
            return "—"
    return None


def _gaps(filled: Any) -> bool:
    return not bool(filled.all())
