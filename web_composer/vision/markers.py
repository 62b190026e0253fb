"""Marks drawn left of a line: a list item's bullet, or the box of a checkbox or radio button.

    mark_bullets(rgb, lines)    sets ``line.marker``: "disc" | "circle" | "square" (a bullet),
                                "checkbox:SIZE:GAP" | "radio:SIZE:GAP" (an empty box or ring)

OCR does not read a drawn bullet as a character, and the segmentation finds it too small to be a
picture, so the mark is looked for in the pixels: in the strip just left of the line, one small
compact blob of ink, about as wide as high, no taller than the letters, and nothing else. A bullet
typed as a character ("• ", "– ") is read by blocks.py from the text instead. A checkbox is
larger and hollow: a square outline (a ring for a radio button) as tall as the letters or more.
"""

from __future__ import annotations

from typing import Any

from .elements import TextLine

INK = 60  # a channel this far from the line's background is ink


def mark_bullets(rgb: Any, lines: list[TextLine]) -> None:
    for line in lines:
        marker = _bullet_left_of(rgb, line) or _box_left_of(rgb, line) or _box_read(rgb, line)
        if marker:
            line.marker = marker


def _ink(rgb: Any, line: TextLine, x0: int, x1: int) -> tuple[Any, int]:
    """Ink over the columns x0..x1 in a band 28 px high around the line's middle, and its top."""
    import numpy as np

    cy = int(line.box.cy)
    top = max(0, cy - 14)
    crop = rgb[top:cy + 14, max(0, x0):max(0, x1)].astype(np.int16)
    return np.abs(crop - np.array(line.background, dtype=np.int16)).max(axis=2) > INK, top


def _box_left_of(rgb: Any, line: TextLine) -> str:
    """An empty square or ring, 9-24 px, 2-14 px left of the text, centred on the line."""
    import numpy as np

    x0 = int(line.box.x0)
    left = max(0, x0 - 40)
    if x0 - left < 12:
        return ""
    ink, top = _ink(rgb, line, left, x0 - 1)
    cols = np.nonzero(ink.any(axis=0))[0]
    if len(cols) == 0:
        return ""
    right = start = cols[-1]
    while start - 1 >= 0 and ink[:, start - 1].any():
        start -= 1  # the mark nearest the text: its run of inked columns
    gap = x0 - 1 - (left + right)
    kind = _hollow(ink[:, start:right + 1], top, line) if 2 <= gap <= 14 else ""
    if ink[:, start:right + 1].any(axis=1).sum() < 0.8 * line.font.size:
        return ""  # no taller than a capital: a letter, not a control
    return f"{kind}:{right - start + 1}:{gap}" if kind else ""


def _box_read(rgb: Any, line: TextLine) -> str:
    """The box read by OCR as the line's first character ("(Remember me", "OPay online"): the
    mark is found at the start of the line's ink, and the character and the box leave the line."""
    import numpy as np
    from dataclasses import replace

    words = line.text.split(" ", 1)
    if not words[0] or words[0][0].isalnum() and words[0][0] not in "oO0":
        return ""
    x0 = int(line.box.x0)
    ink, top = _ink(rgb, line, x0 - 1, x0 + 30)
    cols = np.nonzero(ink.any(axis=0))[0]
    if len(cols) == 0:
        return ""
    start = end = cols[0]
    while end + 1 < ink.shape[1] and ink[:, end + 1].any():
        end += 1
    rest = cols[cols > end]
    gap = int(rest[0] - end - 1) if len(rest) else 0
    kind = _hollow(ink[:, start:end + 1], top, line) if 2 <= gap <= 14 else ""
    text = line.text[1:].lstrip()
    if not kind or not text:
        return ""
    mark_rows = np.nonzero(ink[:, start:end + 1].any(axis=1))[0]
    if mark_rows[-1] - mark_rows[0] + 1 < 0.8 * line.font.size:
        return ""  # no taller than a capital (0.7 of the size): a letter "O", not a control
    line.text, line.runs = text, None
    line.box = replace(line.box, x0=float(line.box.x0 - 1 + rest[0]))
    return f"{kind}:{end - start + 1}:{gap}"


def _hollow(mark: Any, top: int, line: TextLine) -> str:
    """"checkbox" for an empty square outline, "radio" for an empty ring, else ""."""
    import numpy as np

    rows = np.nonzero(mark.any(axis=1))[0]
    if len(rows) == 0:
        return ""
    box = mark[rows[0]:rows[-1] + 1]
    hh, w = box.shape
    if not (9 <= w <= 24 and 9 <= hh <= 24 and abs(w - hh) <= 3):
        return ""
    if abs(top + rows[0] + hh / 2 - line.box.cy) > 0.4 * hh or box[2:-2, 2:-2].mean() > 0.15:
        return ""  # off the line, or filled (a picture, a filled bullet)
    edges = np.concatenate([box[:, 0], box[:, -1], box[0, :], box[-1, :]])
    corners = [box[0, 0], box[0, -1], box[-1, 0], box[-1, -1]]
    if edges.mean() >= 0.75:
        return "checkbox"
    return "radio" if box[hh // 2, 0] and box[0, w // 2] and not any(corners) else ""


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
