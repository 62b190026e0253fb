"""Icons the OCR read as letters: a mark beside a label must stay a mark, not become text.

An icon font glyph, a logo or a mark in a circle often comes out of OCR as a short "word" of
punctuation ("(x)", "*", "@") glued to its label, taller than the label's words or with no
letter in it. Such words are taken out of their lines (the line is split around them), so the
segmentation sees the mark as what it is, a small picture beside its label, and crops it whole.

    lines = drop_icon_words(ocr_lines)

The same pass splits a line at a gap of several line heights: OCR sometimes reads across
columns (a footer's address, links and blurb as one line), and such a line's box would lie
over whatever sits between the columns.
"""

from __future__ import annotations

from typing import Any

from .ocr import OcrLine, OcrWord

GAP = 6  # words further apart than this many line heights are in different columns
TALL = 1.6  # an icon word is at least this much taller than the line's other words
TALL_MARK = 60  # px: a "line" this tall with under three letters or digits is a drawing
TYPOGRAPHY = set("©®™€£¥$%#&+-–—•·«»|/\\:;!?.,'\"()[]<>*~^_=@")  # real characters of text


def drop_icon_words(lines: list[Any]) -> list[Any]:
    """The lines with icon-like words removed: split where they were (and at column gaps),
    lines that were only an icon dropped. Lines without word boxes are judged whole."""
    out: list[Any] = []
    for line in lines:
        if sum(c.isalnum() for c in line.text) < 3 and line.box[3] - line.box[1] > TALL_MARK:
            continue  # an illustration read as a mark or two ("=]" over a tile of drawings)
        words = list(getattr(line, "words", None) or ())
        if not words:
            if not _icon_like(line.text, line.box, None):
                out.append(line)
            continue
        heights = sorted(w[1][3] - w[1][1] for w in words)
        icons = [_icon_like(w[0], w[1], heights) for w in words]
        typical = heights[(len(heights) - 1) // 2]
        gaps = [False] + [b[1][0] - a[1][2] > GAP * typical for a, b in zip(words, words[1:])]
        if not any(icons) and not any(gaps):
            out.append(line)
            continue
        run: list[Any] = []
        for word, icon, gap in zip(words + [None], icons + [True], gaps + [True]):
            if (icon or gap) and run:
                out.append(line_of(run, line.score))
                run = []
            if word is not None and not icon:
                run.append(word)
    return out


def _icon_like(text: str, box: Any, heights: list[float] | None) -> bool:
    """A short squarish word with no letter or digit in it and not just typographic signs (a
    glyph, not a dash or a rule), or a short word of at most one letter far taller than the
    other words of its line (a real word in an odd tall box, "web" read over two lines, stays
    text)."""
    w, h = box[2] - box[0], box[3] - box[1]
    short = len(text.strip()) <= 3
    squarish = 0.6 * h <= w <= 1.8 * h
    letters = sum(c.isalnum() for c in text)
    if short and squarish and letters == 0 and not set(text.strip()) <= TYPOGRAPHY:
        return True
    if heights is not None and len(heights) > 1 and short and squarish and letters <= 1:
        typical = heights[len(heights) // 2 - (1 if len(heights) % 2 == 0 else 0)]
        return h >= TALL * typical
    return False


def line_of(words: list[Any], score: float) -> OcrLine:
    """A line (or the part of one) made of these OCR words, as OCR would have given it."""
    boxes = [w[1] for w in words]
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
           max(b[2] for b in boxes), max(b[3] for b in boxes))
    return OcrLine(" ".join(w[0] for w in words), box, score,
                   words=tuple(OcrWord(w[0], w[1]) for w in words))
