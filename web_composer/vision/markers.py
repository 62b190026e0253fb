"""Bullets drawn left of a line: the small disc, circle or square a browser paints for a list item.

    mark_bullets(rgb, lines)    sets ``line.marker`` ("disc" | "circle" | "square") where found

OCR does not read a drawn bullet as a character, and the segmentation finds it too small to be a
picture, so the mark is looked for in the pixels: in the strip just left of the line, one small
compact blob of ink, about as wide as high, no taller than the letters, and nothing else. A bullet
typed as a character ("• ", "– ") is read by blocks.py from the text instead.
"""

from __future__ import annotations

from typing import Any

from .elements import TextLine

INK = 60  # a channel this far from the line's background is ink


def mark_bullets(rgb: Any, lines: list[TextLine]) -> None:
    for line in lines:
        marker = _bullet_left_of(rgb, line)
        if marker:
            line.marker = marker


def _bullet_left_of(rgb: Any, line: TextLine) -> str:
    import numpy as np

    x0, y0, x1, y1 = line.box.ints()
    h = y1 - y0
    if h < 6 or x0 < 6:
        return ""
    left = max(0, x0 - min(40, 3 * h))
    strip = rgb[y0:y1, left:x0 - 1].astype(np.int16)
    if strip.size == 0:
        return ""
    ink = np.abs(strip - np.array(line.background, dtype=np.int16)).max(axis=2) > INK
    if not ink.any():
        return ""
    rows, cols = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
    bh, bw = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
    if not (3 <= bh <= 0.75 * h and 3 <= bw <= 0.75 * h and 0.6 <= bw / bh <= 1.6):
        return ""  # not one small, squarish mark (an icon, a number, the end of other text)
    if len(cols) != bw or len(rows) != bh or x0 - 1 - (left + cols[-1]) < 2:
        return ""  # gaps inside: two marks; or it touches the text
    centre = rows[0] + bh / 2
    if not 0.25 * h <= centre <= 0.85 * h:  # a full stop sits lower
        return ""
    fill = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1].mean()
    if fill >= 0.9:
        return "square"
    return "disc" if fill >= 0.55 else "circle" if fill >= 0.3 else ""
