"""A word's opening quote, checked against its glyph (issue 23).

Tesseract's English model puts an opening quote before words that have none, most often the
first word of a line or of a nav item set in capitals ("Subscribe" -> "‘Subscribe", "About" ->
"‘About", "Team" -> "‘Team": 10 words of the Design2Code dev pages), and now and then reads a
double quote as a single one ('"An' -> "‘An"). The glyph settles both: an opening quote is one
or two small pieces of ink in the upper half of the word's box, wholly left of its first letter
(a letter reaches the lower half: the baseline):

- no such piece before the first letter: there is no quote, the mark is dropped and the word's
  box starts at the letter;
- one piece: a single quote; two: a double quote. The mark read is changed to the other count
  of its own family (straight or curly, which the pixels of 13-16 px type do not tell apart).

The pieces are 8-connected runs of ink (vision.end_marks' components), ink being the distance
from the crop's ground colour (its border's median).

    lines = check_open_quotes(rgb, lines)      # an RGB array and OCR lines
"""

from __future__ import annotations

from typing import Any

from .end_marks import ink_sheet

OPENERS = {"‘": ("‘", "“"), "“": ("‘", "“"), "'": ("'", '"'), '"': ("'", '"')}  # (single, double)
HIGH = 0.5  # of the word's height from its top: a quote's ink ends above this, a letter's below
SPECK = 2  # pixels: smaller pieces are noise of the threshold, not a mark


def check_open_quotes(rgb: Any, lines: list[Any]) -> list[Any]:
    """``lines`` with each word's opening quote as its glyph shows it (dropped when none)."""
    from .end_marks import _word, rewrite_words

    def respell(words: list[Any], i: int) -> Any:
        word = words[i]
        text, box = word[0], word[1]
        if len(text) < 2 or text[0] not in OPENERS or not text[1].isalnum():
            return None
        found = quote_marks(rgb, box)
        if found is None:
            return None
        count, letter_x = found
        single, double = OPENERS[text[0]]
        if count == 0:
            return _word(word, text[1:], (max(box[0], letter_x),) + tuple(box[1:]))
        if count in (1, 2) and (single, double)[count - 1] != text[0]:
            return _word(word, (single, double)[count - 1] + text[1:], box)
        return None

    return rewrite_words(lines, respell)


def quote_marks(rgb: Any, box: Any) -> tuple[int, float] | None:
    """How many quote-like pieces stand before the first letter in ``box`` (page pixels), and
    the x where that letter starts; None when the ink says nothing sure (no letter found, a
    picture, ink running out of the crop on the left)."""
    from .end_marks import _components

    x0, y0, x1, y1 = (int(round(v)) for v in box)
    height = y1 - y0
    if height < 6 or x1 - x0 < 4:
        return None
    left, top = max(0, x0 - 2), max(0, y0 - 2)
    right, bottom = min(rgb.shape[1], x0 + max(4, height)), min(rgb.shape[0], y1 + 2)
    ink = ink_sheet(rgb, top, bottom, left, right)
    if ink is None or ink[:, 0].any():
        return None  # a picture, or ink from before the word's box
    middle = y0 + HIGH * height - top  # crop rows
    pieces = [p for p in _components(ink) if p[4] >= SPECK]
    letters = [p for p in pieces if p[1] >= middle]
    if not letters:
        return None
    first = min(p[2] for p in letters)
    marks = [p for p in pieces if p[1] < middle and p[3] < first]
    return len(marks), float(left + first)
