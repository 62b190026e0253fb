"""Underlines read as underscores: "is__in" for an underlined link "is in", "_the", "spot_".

Tesseract reads the underline of a link as "_" where it runs past the letters: between words (in
place of the space) and at the ends of a word. A real underscore ("aws_autoscaling_group") is a
short stroke under one character; an underline runs under the whole word. So a word with "_" in
it is checked on the pixels: when one row near the bottom of its box is ink across nearly all of
its width, the underscores are the underline: they are dropped at the ends of the word, and a
run of them between letters is the space the underline crossed (the word is split there, the
boxes shared out by characters).

    lines = drop_underlines(rgb, lines)
"""

from __future__ import annotations

import re
from typing import Any

ACROSS = 0.85  # share of the word's width an underline's row covers
INNER = re.compile(r"(?<=[^\W_])_+(?=[^\W_])")


def drop_underlines(rgb: Any, lines: list[Any]) -> list[Any]:
    from dataclasses import replace

    out = []
    for line in lines:
        if "_" not in line.text or not line.words:
            out.append(line)
            continue
        words, confidences, changed = [], [], False
        old_confidences = list(line.confidences) or [line.score] * len(line.words)
        for word, confidence in zip(line.words, old_confidences):
            parts = [word]
            if "_" in word.text and underlined(rgb, word.box, word.text):
                parts = _without_underscores(word) or [word]
                changed = changed or parts != [word]
            words += parts
            confidences += [confidence] * len(parts)
        if changed and not any(w.text for w in words):
            out.append(line)
            continue
        if changed:
            kept = [(w, c) for w, c in zip(words, confidences) if w.text]
            words, confidences = [w for w, _ in kept], [c for _, c in kept]
            line = replace(line, text=" ".join(w.text for w in words), words=tuple(words),
                           confidences=tuple(confidences))
        out.append(line)
    return out


def underlined(rgb: Any, box: tuple[float, float, float, float], text: str = "") -> bool:
    """Whether a stroke in the lower part of ``box`` runs longer than the word's longest run of
    underscores by two characters' width: an underline under letters too, not a typed "_"
    (with no ``text``: under nearly the whole box)."""
    import numpy as np

    height, width = rgb.shape[:2]
    x0, y0 = max(0, int(box[0])), max(0, int(box[1]))
    x1, y1 = min(width, int(box[2] + 0.999)), min(height, int(box[3] + 0.999) + 2)
    if x1 - x0 < 4 or y1 - y0 < 6:
        return False
    crop = rgb[y0:y1, x0:x1].astype(np.int16)
    ground = np.median(crop.reshape(-1, 3), axis=0)
    distance = np.abs(crop - ground).max(axis=2)
    top = float(distance.max())
    if top < 40:
        return False
    lower = distance[int(0.6 * (y1 - y0)):] >= 0.4 * top
    longest = max((_longest_run(row) for row in lower), default=0)
    if not text:
        return longest >= ACROSS * (x1 - x0)
    step = (box[2] - box[0]) / max(1, len(text))
    typed = max((len(m) for m in re.findall("_+", text)), default=0)
    return longest >= (typed + 2) * step


def _longest_run(row: Any) -> int:
    best = run = 0
    for value in row:
        run = run + 1 if value else 0
        best = max(best, run)
    return best


def _without_underscores(word: Any) -> list[Any]:
    """The word without the underline's underscores, split where they stood for a space."""
    from .ocr import OcrWord

    text = word.text
    core = text.strip("_")
    if not core:
        return [OcrWord("", word.box)]  # the underline of a blank: no word (dropped below)
    start = text.index(core)
    pieces, at = [], 0
    for match in INNER.finditer(core):
        pieces.append((core[at:match.start()], start + at, start + match.start()))
        at = match.end()
    pieces.append((core[at:], start + at, start + len(core)))
    x0, y0, x1, y1 = word.box
    step = (x1 - x0) / max(1, len(text))
    return [OcrWord(piece, (x0 + a * step, y0, x0 + b * step, y1)) for piece, a, b in pieces]
