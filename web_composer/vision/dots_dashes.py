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
page that really uses an em dash keeps it (it measures an em). add_dropped_marks puts back such
a mark tesseract left out ("March 2013 - Present" read "March 2013 Present"): the one blob in a
gap between two words, lifted off the baseline, spelled the same way.

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
# Marks left out between words (add_dropped_marks):
GAP_MIN = 0.5  # of an em: a narrower gap between two words has no room for a separator
LIFT = (0.15, 0.6)  # of an em above the baseline: where a dash's or a middle dot's ink lies
# (a period or a comma's head sits on the baseline, a hyphen and a middle dot 0.2-0.4 em above)
FLAT = 0.2  # of an em: the thickest a dash is
HYPHEN_MAX = 0.45  # of an em: a longer dash is an en dash
MARK_CONFIDENCE = 0.9  # given to a mark put back (its ink was measured)
SPECK = 2  # pixels: smaller pieces are noise of the threshold
DESCENT = set("gjpqyQJ,;()[]{}|/@$")  # characters that reach below the baseline


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


def add_dropped_marks(rgb: Any, lines: list[Any]) -> list[Any]:
    """``lines`` with the separator tesseract left out between two words put back: a dash in a
    range ("March 2013 - Present", "1999 – present"), a middle dot between items. The gap
    between two words of a line holds one blob of ink, apart from both words, at the height
    of the letters' middle: a flat one (a dash, spelled by its length like a read one) or a
    small filled round one (a middle dot, or a bullet when larger)."""
    out = []
    for line in lines:
        words = list(getattr(line, "words", None) or ())
        em = _em(words) if words else 0.0
        baseline = _baseline(words) if words else 0.0
        added = []
        for left, right in zip(words, words[1:]):
            size, base = _local(left, right, em, baseline)
            if size >= 6 and right[1][0] - left[1][2] >= GAP_MIN * size:
                mark = _gap_mark(rgb, left[1], right[1], size, base)
                if mark is not None:
                    added.append(mark)
        if not added:
            out.append(line)
            continue
        named = type(words[0]) if hasattr(words[0], "_replace") else None  # OcrWord
        new = sorted(words + [named(text, box) if named else (text, box) for text, box in added],
                     key=lambda w: w[1][0])
        kind = tuple if hasattr(line, "confidences") else list
        changes = {"text": " ".join(w[0] for w in new), "words": kind(new)}
        if getattr(line, "confidences", None):
            confidences = dict(zip((id(w) for w in words), line.confidences))
            changes["confidences"] = tuple(confidences.get(id(w), MARK_CONFIDENCE) for w in new)
        out.append(replace(line, **changes))
    return out


def _baseline(words: list[Any]) -> float:
    """The line's baseline: the commonest bottom of the boxes of its words without a
    descender (all its words when none is without; a box swollen by noise is one of few)."""
    from collections import Counter

    flat = [w for w in words if not DESCENT & set(w[0])] or words
    return float(Counter(round(w[1][3]) for w in flat).most_common(1)[0][0])


def _local(left: Any, right: Any, em: float, baseline: float) -> tuple[float, float]:
    """The em and baseline of the type on both sides of a gap: from the two words when one of
    them has letters and no descender (the higher box bottom, the smaller height: a box swollen
    by noise only grows), else the line's. A line can hold a large title and a small date
    ("SENIOR WEB DEVELOPER  March 2013 - Present"), whose separator is the date's size."""
    flat = [w for w in (left, right) if any(c.isalnum() for c in w[0]) and not DESCENT & set(w[0])]
    if not flat:
        return em, baseline
    return (min(w[1][3] - w[1][1] for w in flat) / WORD_EM, float(min(w[1][3] for w in flat)))


def _gap_mark(rgb: Any, left: Any, right: Any, em: float,
              baseline: float) -> tuple[str, tuple] | None:
    """The one separator between the boxes ``left`` and ``right``, with its box, or None."""
    import numpy as np

    from .end_marks import _components

    ref = min((left, right), key=lambda b: b[3] - b[1])  # a box swollen by noise is no guide
    x0, x1 = int(left[2]) + 1, int(np.ceil(right[0])) - 1
    y0, y1 = max(0, int(ref[1]) - 2), min(rgb.shape[0], int(np.ceil(ref[3])) + 2)
    if x1 - x0 < 3 or y1 - y0 < 6:
        return None
    crop = rgb[y0:y1, x0:x1].astype(np.int16)
    border = np.concatenate([crop[0], crop[-1], crop[:, 0], crop[:, -1]])
    distance = np.abs(crop - np.median(border, axis=0)).max(axis=2)
    if float(distance.max()) < MIN_INK:
        return None
    ink = distance >= INK * float(distance.max())
    pieces = [p for p in _components(ink) if p[4] >= SPECK]
    inside = [p for p in pieces if p[2] > 0 and p[3] < ink.shape[1] - 1]
    if len(inside) != 1:
        return None  # nothing or several things (ink at the crop's sides: the neighbours')
    top, bottom, c0, c1, filled, tall = inside[0]
    wide = c1 - c0 + 1
    if baseline - (y0 + bottom + 1) < LIFT[0] * em or baseline - (y0 + top) > LIFT[1] * em:
        return None  # on the baseline (a period, a comma) or high (a quote, an accent)
    box = (float(x0 + c0), float(y0 + top), float(x0 + c1 + 1), float(y0 + bottom + 1))
    if wide >= 2.5 * tall and tall <= FLAT * em and filled >= 0.8 * wide * tall:
        return ("—" if wide >= EM_MIN * em else "–" if wide > HYPHEN_MAX * em else "-"), box
    if tall >= 2 and max(tall, wide) <= max(1.5 * min(tall, wide), min(tall, wide) + 1) \
            and filled >= FILLED * tall * wide:  # round (a 2 px dot may show as 1 x 2 of ink)
        if max(tall, wide) <= DOT * em:
            return "·", box
        if BULLET[0] * em <= min(tall, wide) and max(tall, wide) <= BULLET[1] * em:
            return "•", box
    return None
