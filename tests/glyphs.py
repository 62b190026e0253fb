"""Drawn stand-ins for a line of type, for the OCR tests that measure gaps between glyphs."""

from __future__ import annotations

import numpy as np


def bars(gaps: list[int], height: int = 12) -> np.ndarray:
    """A white strip with black glyph-like bars 3 px wide, separated by the given gaps."""
    image = np.full((height + 4, 3 * (len(gaps) + 1) + sum(gaps) + 8, 3), 255, np.uint8)
    x = 4
    for gap in gaps + [0]:
        image[2:2 + height, x:x + 3] = 0
        x += 3 + gap
    return image
