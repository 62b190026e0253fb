"""A word's closing period, comma or colon, spelled from its glyph (issue 23).

Tesseract drops the period after a line's last word ("the application." -> "the application",
"elit." -> "elit") and now and then reads it as another mark ("Rome." -> "Rome,", "course." ->
"course:"): about 30 words of the Design2Code dev pages and the designs. The glyph is plain to
see: after the word's last letter, within a letter gap, a mark small in both directions whose
shape says which it is:

- period: one blob, at most MARK of the type's height wide and tall, resting on the baseline;
- comma: one narrow blob that starts near the baseline and reaches below it;
- colon / semicolon: a period or comma with a second small blob above it, near the x-height.

The word's pixels are cut from the page (its box, grown to the right by half its height), ink
being the distance from the crop's ground colour (its border's median); columns with no ink cut
the crop into glyphs; the word's glyphs are those starting inside its box and the next one if it
starts less than a space after (0.35 of the height). The last glyph is cut into 8-connected
pieces (a period may share columns with a "y"'s tail): the piece reaching furthest right, with
any small piece above it, is the mark, the rest is letters, whose commonest column bottom is the
baseline and commonest column top the x-height. A mark must follow the letters (an "i"'s dot
or an "f"'s hook is above the baseline: not a period). Only a word whose text ends in a letter
or digit changes, or one ending in a single ".", ":" or ";" the glyph clearly overrules (a period
wholly on the baseline, a comma hanging below it; a comma tesseract read is left, since in small
type a comma barely hangs: "Cecilia," became "Cecilia." on 10903); the word's box grows to hold the mark, the line's box
stays.

    lines = spell_end_marks(rgb, lines)      # an RGB array and OCR lines
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

MARK = 0.3  # of the word's height: the widest and tallest a period's blob is
SPACE = 0.35  # of the word's height: a gap this wide after the box is a space
INK = 0.45  # share of the word's strongest ink that counts as ink
MIN_INK = 40  # grey levels: weaker contrast holds no glyph
BUSY = 0.4  # share of ink in the crop over which it is a picture
MARKS = ".,:;"


def spell_end_marks(rgb: Any, lines: list[Any]) -> list[Any]:
    """``lines`` with each word's closing mark written as its glyph shows it."""
    def respell(words: list[Any], i: int) -> Any:
        word = words[i]
        text, box = word[0], word[1]
        if not text or not (text[-1].isalnum() or text[-1] in MARKS) or text[-1] == ",":
            return None  # a comma read is left: in small type a comma barely hangs
        found = end_mark(rgb, box, _limit(words, i, rgb.shape[1]), strict=text[-1] in MARKS)
        if found is None:
            return None
        mark, right = found
        stem = text.rstrip(MARKS) if text[-1] in MARKS else text
        if not stem or not stem[-1].isalnum() or stem + mark == text:
            return None
        if text[-1] in MARKS and len(text) - len(stem) > 1:
            return None  # "..." and the like: left as read
        return _word(word, stem + mark, (box[0], box[1], max(box[2], right), box[3]))

    return rewrite_words(lines, respell)


def ink_sheet(rgb: Any, top: int, bottom: int, left: int, right: int) -> Any:
    """The ink of ``rgb[top:bottom, left:right]`` against its border's median colour, as a
    boolean mask; None when the crop is too small, holds no clear ink, or is a picture (too
    much ink) rather than type on a plain ground."""
    import numpy as np

    crop = rgb[top:bottom, left:right].astype(np.int16)
    if crop.shape[0] < 6 or crop.shape[1] < 4:
        return None
    border = np.concatenate([crop[0], crop[-1], crop[:, 0], crop[:, -1]])
    distance = np.abs(crop - np.median(border, axis=0)).max(axis=2)
    strongest = float(distance.max())
    if strongest < MIN_INK:
        return None
    ink = distance >= INK * strongest
    return None if ink.mean() > BUSY else ink


def rewrite_words(lines: list[Any], respell: Any) -> list[Any]:
    """``lines`` with each word that ``respell(words, i)`` gives anew (None: left as read); a
    line whose words changed is spelled again from them. ``words`` is the line's list so far,
    earlier words already respelled."""
    out = []
    for line in lines:
        words = list(getattr(line, "words", None) or ())
        changed = False
        for i in range(len(words)):
            new = respell(words, i)
            if new is not None:
                words[i] = new
                changed = True
        out.append(_line(line, " ".join(w[0] for w in words), words) if changed else line)
    return out


def end_mark(rgb: Any, box: Any, limit: float, strict: bool = False) -> tuple[str, float] | None:
    """The closing mark after the letters in ``box`` (page pixels) and the x where it ends, or
    None when the word's last glyph is not one; ``limit``: where the next word starts;
    ``strict``: a period must not reach below the baseline at all, a comma must hang clearly
    (to overrule a mark tesseract did read)."""
    import numpy as np

    x0, y0, x1, y1 = (int(round(v)) for v in box)
    height = y1 - y0
    if height < 6 or x1 - x0 < 2:
        return None
    right = int(min(rgb.shape[1], x1 + max(3, 0.5 * height), max(limit, x1)))
    top, bottom = max(0, y0 - 2), min(rgb.shape[0], y1 + 3)
    left = max(0, x0 - 2)
    ink = ink_sheet(rgb, top, bottom, left, right)
    if ink is None:
        return None
    glyphs = _glyphs(ink, x1 - left, SPACE * height)
    if not glyphs or glyphs[-1][1] >= ink.shape[1]:
        return None  # no ink, or a glyph cut by the crop's edge (the next word)
    g0, g1 = glyphs[-1]
    pieces = _components(ink[:, g0:g1])
    last = max(pieces, key=lambda p: (p[3], p[2]))  # the piece reaching furthest right
    marks = [p for p in pieces if p is last or (p[2] <= last[3] and last[2] <= p[3]
                                               and p[5] <= 2 * MARK * height)]
    if any(p[2] > last[2] + 1 for p in pieces if p not in marks):
        return None
    letters_ink = ink[:, glyphs[0][0]:g1].copy()
    for p in marks:
        letters_ink[p[0]:p[1] + 1, g0 - glyphs[0][0] + p[2]:g0 - glyphs[0][0] + p[3] + 1] = False
    if letters_ink.sum() == 0 or min(p[2] for p in marks) + g0 <= glyphs[0][0] + 1:
        return None  # nothing but the mark: no letter before it
    bottoms = [int(np.flatnonzero(c)[-1]) for c in letters_ink.T if c.any()]
    baseline = Counter(bottoms).most_common(1)[0][0]  # descenders are the fewer columns
    letters = baseline - int(np.flatnonzero(letters_ink.any(axis=1))[0]) + 1
    tops = [int(np.flatnonzero(c)[0]) for c in letters_ink.T if c.any()]
    x_top = Counter(tops).most_common(1)[0][0]  # the x-height: most columns are lower-case
    marks = sorted(marks)
    if len(marks) == 2 and marks[0][0] < x_top - max(1, 0.15 * (baseline - x_top)):
        return None  # the upper piece stands above the x-height: not a colon's dot
    mark = _shape(marks, baseline, letters, _stroke(letters_ink), strict)
    if mark is None:
        return None
    return mark, float(left + g0 + last[3] + 1)


def _components(ink: Any) -> list[tuple[int, int, int, int, int, int]]:
    """8-connected pieces of ink (a small comma's tail touches its head at a corner) in a small crop: (top, bottom, left, right, pixels, height),
    inclusive rows and columns."""
    import numpy as np

    seen = np.zeros_like(ink, dtype=bool)
    height, width = ink.shape
    pieces = []
    for start in zip(*np.nonzero(ink)):
        if seen[start]:
            continue
        seen[start] = True
        stack, cells = [start], []
        while stack:
            r, c = stack.pop()
            cells.append((r, c))
            for rr, cc in ((r + dr, c + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)):
                if 0 <= rr < height and 0 <= cc < width and ink[rr, cc] and not seen[rr, cc]:
                    seen[rr, cc] = True
                    stack.append((rr, cc))
        rows = [r for r, _c in cells]
        cols = [c for _r, c in cells]
        pieces.append((min(rows), max(rows), min(cols), max(cols), len(cells),
                       max(rows) - min(rows) + 1))
    return pieces


def _glyphs(ink: Any, word_end: int, space: float) -> list[tuple[int, int]]:
    """Column runs with ink (crop columns) up to the word's end: every run that starts inside
    the box (``word_end``), then the next one if it starts less than ``space`` after."""
    import numpy as np

    columns = ink.any(axis=0)
    runs, start = [], None
    for x, filled in enumerate(np.append(columns, False)):
        if filled and start is None:
            start = x
        elif not filled and start is not None:
            runs.append((start, x))
            start = None
    inside = [r for r in runs if r[0] < word_end - 1]
    after = [r for r in runs if r[0] >= word_end - 1]
    if inside and after and after[0][0] - inside[-1][1] < space:
        inside.append(after[0])
    return inside


def _stroke(ink: Any) -> int:
    """The letters' stroke width: the commonest length of a horizontal run of ink."""
    import numpy as np

    padded = np.pad(ink.astype(np.int8), ((0, 0), (1, 1)))
    steps = np.diff(padded, axis=1)
    starts, ends = np.nonzero(steps == 1), np.nonzero(steps == -1)
    lengths = ends[1] - starts[1]
    return int(Counter(lengths.tolist()).most_common(1)[0][0]) if len(lengths) else 1


def _shape(marks: list[tuple], baseline: int, letters: int, stroke: int,
           strict: bool = False) -> str | None:
    """Which mark one or two pieces (top to bottom) are; None: not a mark. ``strict``: only a
    period wholly on the baseline (to overrule a mark tesseract did read)."""
    size = max(2, round(MARK * letters))
    low = marks[-1]
    width, tall = low[3] - low[2] + 1, low[1] - low[0] + 1
    if width > size or tall > size + 2 or width + tall < stroke + 1 or low[0] > baseline + 1:
        return None  # wider or taller than a mark, thinner than the strokes, or under the line
    below = low[1] - baseline
    if -1 <= below <= (0 if strict else 1) and tall <= width + 1 and tall <= size:
        kind = "."  # round, on the baseline
    elif below >= 1 and low[0] <= baseline and tall >= width + 1:
        kind = ","  # narrower than tall, hanging below the baseline
    else:
        return None
    if len(marks) == 1:
        return kind
    high = marks[0]
    if len(marks) == 2 and high[1] - high[0] + 1 <= size and baseline - high[1] >= 0.25 * letters:
        return ":" if kind == "." else ";"
    return None


def _limit(words: list[Any], i: int, width: int) -> float:
    """Where the next word of the line starts (the search stops there)."""
    return float(words[i + 1][1][0]) if i + 1 < len(words) else float(width)


def _word(word: Any, text: str, box: tuple) -> Any:
    if hasattr(word, "_replace"):
        return word._replace(text=text, box=box)
    return (text, box)


def _line(line: Any, text: str, words: list[Any]) -> Any:
    if hasattr(line, "confidences"):  # an OcrLine (frozen, words as a tuple)
        return replace(line, text=text, words=tuple(words))
    return replace(line, text=text, words=words)
