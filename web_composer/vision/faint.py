"""Faint panels: cards a few grey levels off the page (a white card on an off-white page).

    regions += faint_panels(img, background, regions)

The segmentation's palette treats colours within its tolerance as one (that absorbs JPEG noise),
so a #fff card on a #f9fafb page is the page to it. Here such a panel is found by its exact
colour instead: a large area of one exact colour, near but not equal to the page's, whose
outline is a rectangle (straight edges on all four sides, the page's colour outside them).
Text and pictures inside the card are holes in the area; they do not matter.
"""

from __future__ import annotations

from typing import Any

from .elements import RGB, Box, Region

NEAR = 14  # max channel difference from the page for the palette to have merged the two
FAR = 6  # ... and at least this, or the panel is not worth drawing (segmentation drops <= 5)
EXACT = 1  # channel tolerance of "this pixel has the panel's colour"
MIN_W, MIN_H = 80, 30  # px: a card's header strip, a striped table's row
MIN_PIXELS = 2000  # sampled flat pixels (every 2nd row and column) of a candidate colour
MAX_COLOURS = 4  # candidate colours tried, commonest first
EDGE = 0.9  # share of each side's pixels (corners aside) in the panel's colour
OUTSIDE = 0.2  # at most this share of the ring just outside the box in the panel's colour
AROUND = 0.85  # share of the ring just outside in one colour: a card lies on a plain ground
FILL = 0.25  # the colour covers at least this share of its box (text and pictures are holes)


def faint_panels(img: Any, background: RGB, regions: list[Region]) -> list[Region]:
    """Panels of a colour the palette merged with the page's, not already among ``regions``.
    Found at half resolution (every second row and column), checked at full resolution."""
    import cv2
    import numpy as np

    height, width = img.shape[:2]
    sample = np.ascontiguousarray(img[::2, ::2])
    found: list[Region] = []
    for colour in _candidate_colours(sample, background):
        low = np.array([max(0, c - EXACT) for c in colour], np.uint8)
        high = np.array([min(255, c + EXACT) for c in colour], np.uint8)
        small = cv2.inRange(sample, low, high)
        n, _cc, stats, _ = cv2.connectedComponentsWithStats(small, connectivity=8)
        for i in range(1, n):
            x, y, w, h, area = (int(v) for v in stats[i])
            if 2 * w < MIN_W or 2 * h < MIN_H or 2 * w >= 0.95 * width or area < FILL * w * h:
                continue  # small, or a full-width band (the page's bands draw those)
            x0, y0 = max(0, 2 * x - 2), max(0, 2 * y - 2)
            x1, y1 = min(width, 2 * (x + w) + 2), min(height, 2 * (y + h) + 2)
            near = cv2.inRange(img[y0:y1, x0:x1], low, high) > 0
            rows, cols = np.nonzero(near.any(axis=1))[0], np.nonzero(near.any(axis=0))[0]
            if len(rows) == 0:
                continue
            box = Box(x0 + cols[0], y0 + rows[0], x0 + cols[-1] + 1, y0 + rows[-1] + 1)
            if not _rectangle(img, box, low, high) or any(
                    _same(box, r.box) or _crosses(box, r.box) for r in regions + found):
                continue
            found.append(Region(box, colour))
    return found


def _candidate_colours(sample: Any, background: RGB) -> list[RGB]:
    """Exact colours of flat pixels near the page's colour, common enough to make a panel (the
    commonest few: a photograph's dark shades must not cost a pass each)."""
    import numpy as np

    codes = sample.astype(np.int32)
    codes = (codes[:, :, 0] << 16) | (codes[:, :, 1] << 8) | codes[:, :, 2]
    flat = np.zeros(codes.shape, bool)
    flat[:-1, :-1] = (codes[:-1, :-1] == codes[:-1, 1:]) & (codes[:-1, :-1] == codes[1:, :-1])
    values, counts = np.unique(codes[flat], return_counts=True)
    out: list[tuple[int, RGB]] = []
    for value, count in zip(values[counts >= MIN_PIXELS], counts[counts >= MIN_PIXELS]):
        colour = (int(value) >> 16, (int(value) >> 8) & 255, int(value) & 255)
        if FAR <= max(abs(a - b) for a, b in zip(colour, background)) <= NEAR:
            out.append((int(count), colour))
    return [colour for _count, colour in sorted(out, reverse=True)[:MAX_COLOURS]]


def _rectangle(img: Any, box: Box, low: Any, high: Any) -> bool:
    """Straight edges: each side's line just inside the box is the colour (rounded corners
    aside), and the ring just outside it mostly is not and is one plain ground (not a box
    inside a frame of bars and rules, which the segmentation reads on its own)."""
    import cv2
    import numpy as np

    height, width = img.shape[:2]
    x0, y0, x1, y1 = box.ints()
    gx0, gy0, gx1, gy1 = max(0, x0 - 3), max(0, y0 - 3), min(width, x1 + 3), min(height, y1 + 3)
    near = cv2.inRange(img[gy0:gy1, gx0:gx1], low, high) > 0
    x0, y0, x1, y1 = x0 - gx0, y0 - gy0, x1 - gx0, y1 - gy0
    corner = min(16, box.w // 4, box.h // 4)
    sides = [near[y0 + 1, x0 + corner:x1 - corner], near[y1 - 2, x0 + corner:x1 - corner],
             near[y0 + corner:y1 - corner, x0 + 1], near[y0 + corner:y1 - corner, x1 - 2]]
    if any(side.size == 0 or side.mean() < EDGE for side in sides):
        return False
    h, w = near.shape
    crop = img[gy0:gy1, gx0:gx1].astype(np.int16)
    rows, cols = (max(0, y0 - 3), min(h - 1, y1 + 2)), (max(0, x0 - 3), min(w - 1, x1 + 2))
    ring = np.concatenate([near[rows[0], x0:x1], near[rows[1], x0:x1],
                           near[y0:y1, cols[0]], near[y0:y1, cols[1]]])
    around = np.concatenate([crop[rows[0], x0:x1], crop[rows[1], x0:x1],
                             crop[y0:y1, cols[0]], crop[y0:y1, cols[1]]])
    ground = np.median(around, axis=0)
    uniform = float((np.abs(around - ground).max(axis=1) <= 3).mean())
    return float(ring.mean()) <= OUTSIDE and uniform >= AROUND


def _crosses(a: Box, b: Box) -> bool:
    """Overlapping without one holding the other: a panel that would cut through one already
    found (a heading's band sticking out of a column) is not drawn; the layout nests panels."""
    return a.intersection(b) > 0 and not a.contains(b, 2) and not b.contains(a, 2)


def _same(a: Box, b: Box) -> bool:
    return a.intersection(b) >= 0.9 * max(a.area, b.area)
