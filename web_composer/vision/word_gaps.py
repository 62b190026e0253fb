"""Word gaps measured on the pixels: words that OCR ran together ("Ourstory", "contactus").

Tesseract decides spaces from its own estimate of a line's word spacing; in a nav bar whose items
stand far apart, or a table row of narrow cells, a normal space looks small next to that estimate
and two words come out as one. The pixels still show the gap:

1. per word, the columns of its box that hold ink; the empty runs between them are the gaps
   between its glyphs;
2. a gap is a candidate space when it is at least SHARE of the line's usual word gap (the
   median gap between the line's words, or SPACE line heights when the line has no usual gap)
   and at least EVEN times the word's typical gap between glyphs. A word whose letters are evenly
   spaced (letter-spaced capitals, monospace) has no such gap and is never split. In small type
   a space is only a few pixels (4 px in a 14 px nav: "Our story"), under EVEN times a 2 px glyph
   gap, so a gap at least SIZED of the word's height is a candidate at LOOSE times the glyph gap;
   the usual word gap is capped by the word's own height, not the line's (a logo and a small nav
   read as one line);
3. the candidates are confirmed by reading the word again with the gap made three times wider
   (one OCR call for all of a page's candidates, vision.word_sheet): the split is kept only when
   that reading is the same letters in the same order, cut where the gap is.

Only the words' text and word boxes change; the line's box, score and grouping stay, so the
page's layout, which is built from the lines, does not move.

    lines = split_run_together(rgb, lines)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

SHARE = 0.6  # a gap inside a word this share of the line's word gap may be a space ...
EVEN = 2.2  # ... when it is also this many times the word's typical gap between glyphs
LOOSE = 1.6  # ... or this many times it, when the gap is also SIZED of the word's height
SIZED = 0.3  # (a space is about 0.3 em; glyph gaps inside a word of small type are 1-2 px)
SPACE = 0.4  # the usual word gap, in word heights, of a line that shows none
WIDEST = 0.5  # ... and the most it can be
ONE_LETTER = ("a", "A", "I")  # words of one letter that run into the next ("Ayear")
SURE = 0.7  # confidence the reading with the gap widened needs for such a split
MIN_GAP = 2  # px: a narrower empty run is never a space
INK = 0.3  # share of the word's strongest ink that makes a column inked
KIND = 1.4  # where letters meet digits ("Francisco59": two table cells), a gap this many times
# the word's typical glyph gap may be a space (cells padded 3-4 px apart against 2 px glyph gaps);
# the widened reading must then cut the word there (_kind_changes)


def split_run_together(rgb: Any, lines: list[Any]) -> list[Any]:
    """The lines with run-together words split where the pixels and a second reading agree."""
    from .word_sheet import WordSheet

    sheet = WordSheet(rgb)
    asks: dict[int, tuple[int, int, list[tuple[int, int]], int]] = {}
    # slot of the widened crop -> (line, word, gaps, slot of the crop as it is)
    for li, line in enumerate(lines):
        words = list(getattr(line, "words", ()) or ())
        if not words:
            continue
        for wi, word in enumerate(words):
            gaps = candidate_gaps(rgb, word, usual_word_gap(line, word))
            if gaps:
                whole = sheet.add(word.box, margin=2)
                slot = sheet.add(word.box, widen=gaps, margin=2)
                if slot is not None and whole is not None:
                    asks[slot] = (li, wi, gaps, whole)
    if not asks:
        return lines
    readings = sheet.read(language="eng", psm=4)
    new_words: dict[int, dict[int, list[Any]]] = {}
    for slot, (li, wi, gaps, whole) in asks.items():
        word, as_is, widened = lines[li].words[wi], readings.get(whole, []), readings.get(slot, [])
        parts = _confirmed(word, as_is, gaps)
        if not parts and (_lone_letter_first(widened) or _kind_changes(widened)):
            parts = _confirmed(word, widened, gaps)
        if parts:
            new_words.setdefault(li, {})[wi] = parts
    return [_rebuilt(line, new_words[i]) if i in new_words else line
            for i, line in enumerate(lines)]


def usual_word_gap(line: Any, word: Any = None) -> float:
    """The median gap between the line's words, at most WIDEST word heights (the gaps between
    a nav bar's items are not its spaces); SPACE word heights when the line has one word. The
    height is ``word``'s own when it is lower than the line's median: a line can hold a large
    logo and a small nav, whose spaces are the nav's size."""
    words = list(line.words)
    heights = sorted(w.box[3] - w.box[1] for w in words)
    height = heights[len(heights) // 2]
    if word is not None:
        height = min(height, word.box[3] - word.box[1])
    gaps = sorted(b.box[0] - a.box[2] for a, b in zip(words, words[1:]))
    gaps = [g for g in gaps if g > 0]
    return min(gaps[len(gaps) // 2], WIDEST * height) if gaps else SPACE * height


def candidate_gaps(rgb: Any, word: Any, space: float) -> list[tuple[int, int]]:
    """Empty column runs inside the word (page x ranges) wide enough to be spaces."""
    import numpy as np

    from .cjk import is_cjk

    text = word.text
    if sum(c.isalnum() for c in text) < 3 or any(is_cjk(c) for c in text):
        return []  # CJK runs have no spaces to find
    x0, y0, x1, y1 = (int(round(v)) for v in word.box)
    x0, y0 = max(0, x0), max(0, y0)
    crop = rgb[y0:y1, x0:x1].astype(np.int16)
    if crop.shape[0] < 4 or crop.shape[1] < 6:
        return []
    border = np.concatenate([crop[0], crop[-1], crop[:, 0], crop[:, -1]])
    distance = np.abs(crop - np.median(border, axis=0)).max(axis=2)
    if distance.max() < 40:
        return []
    inked = (distance > INK * distance.max()).any(axis=0)
    runs = _empty_runs(inked)
    if not runs:
        return []
    found = []
    for i, (a, b) in enumerate(runs):
        others = sorted(d - c for j, (c, d) in enumerate(runs) if j != i)
        typical = 1 if not others else others[len(others) // 2] if len(others) >= 3 else others[0]
        typical = max(typical, 1)
        spacing = EVEN * typical if b - a < SIZED * (y1 - y0) else LOOSE * typical
        if b - a >= max(SHARE * space, spacing, MIN_GAP):
            found.append((x0 + a, x0 + b))
    return found or _kind_gap(text, runs, x0, x1 - x0)


def _kind_gap(text: str, runs: list[tuple[int, int]], x0: int, width: int) -> list[tuple[int, int]]:
    """The gap where a word's letters meet its digits ("Francisco59", "66Edinburgh": cells of a
    table row set close), if it is wider than the word's other glyph gaps (KIND times their
    median). Which gap: the one nearest where the boundary falls by the share of characters
    before it, within one character's width."""
    import re

    core = "".join(c for c in text if c.isalnum())
    match = re.fullmatch(r"([^\W\d_]{2,})(\d+)|(\d+)([^\W\d_]{2,})", core)
    if match is None or len(runs) < 3:
        return []
    head = len(match.group(1) or match.group(3))
    step = width / len(core)
    near = [(a, b) for a, b in runs if abs((a + b) / 2 - head * step) <= step]
    if not near:
        return []
    a, b = max(near, key=lambda run: run[1] - run[0])
    others = sorted(d - c for c, d in runs if (c, d) != (a, b))
    typical = max(1, others[len(others) // 2])
    return [(x0 + a, x0 + b)] if b - a >= max(MIN_GAP, KIND * typical) else []


def _empty_runs(inked: Any) -> list[tuple[int, int]]:
    """Runs of columns without ink between the first and the last inked column."""
    import numpy as np

    columns = np.flatnonzero(inked)
    if len(columns) < 2:
        return []
    steps = np.flatnonzero(np.diff(columns) > 1)
    return [(int(columns[i]) + 1, int(columns[i + 1])) for i in steps]


def _lone_letter_first(reading: list[Any]) -> bool:
    """A widened reading that cuts a one-letter word off the front ("A year"): widening any
    gap makes tesseract see a space there ("G ifts"), so only this one pattern is trusted."""
    return (len(reading) == 2 and reading[0].text in ONE_LETTER and len(_letters(reading[1].text)) >= 2
            and min(w.confidence for w in reading) >= SURE)


def _kind_changes(reading: list[Any]) -> bool:
    """A widened reading cut where letters meet digits or a sign ("Francisco 66" in a table row,
    "2010/09/20 $85,600"): a gap wide as a space there is no gap inside a word."""
    if len(reading) != 2 or min(w.confidence for w in reading) < SURE:
        return False
    left, right = reading[0].text[-1:], reading[1].text[:1]
    if not left or not right:
        return False

    def kind(c: str) -> str:
        return "letter" if c.isalpha() else "digit" if c.isdigit() else "sign"

    return kind(left) != kind(right) and "sign" != kind(left) and len(_letters(reading[0].text)) >= 2


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _confirmed(word: Any, reading: list[Any], gaps: list[tuple[int, int]]) -> list[Any] | None:
    """The word cut in two or more where the second reading cut it, if that reading has the
    same letters and every cut lies in one of the measured gaps."""
    from .ocr import OcrWord

    if len(reading) < 2 or _letters("".join(w.text for w in reading)) != _letters(word.text):
        return None
    cuts = []  # the measured gap at each cut: the parts' boxes end and start at its edges
    for left, right in zip(reading, reading[1:]):
        middle = (left.box[2] + right.box[0]) / 2
        gap = next(((g0, g1) for g0, g1 in gaps if g0 - 2 <= middle <= g1 + 2), None)
        if gap is None:
            return None
        cuts.append(gap)
    parts, at = [], 0
    text = word.text
    for i, piece in enumerate(reading):  # cut the first reading's own text, keeping its case
        need, end = len(_letters(piece.text)), at
        while need and end < len(text):
            need -= text[end].isalnum()
            end += 1
        if i == len(reading) - 1:
            end = len(text)
        x0 = word.box[0] if i == 0 else cuts[i - 1][1]
        x1 = word.box[2] if i == len(reading) - 1 else cuts[i][0]
        parts.append(OcrWord(text[at:end], (x0, word.box[1], x1, word.box[3])))
        at = end
    if any(not any(c.isalnum() for c in p.text) or p.text[0] in "-_" for p in parts[1:]) or \
            not any(c.isalnum() for c in parts[0].text):
        return None  # punctuation is not split off ("educational ." "apt -cache")
    return parts


def _rebuilt(line: Any, changed: dict[int, list[Any]]) -> Any:
    words, confidences = [], []
    own = list(getattr(line, "confidences", ()) or ())
    for i, word in enumerate(line.words):
        parts = changed.get(i, [word])
        words += parts
        confidences += [own[i]] * len(parts) if i < len(own) else []
    return replace(line, text=" ".join(w.text for w in words), words=tuple(words),
                   **({"confidences": tuple(confidences)} if own else {}))
