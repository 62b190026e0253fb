"""Reading text colours from screenshot pixels.

Design2Code's box and colour of a block come from the pixels fully covered by its glyphs: the box
is their bounding box, the colour their mean colour in the real screenshot. Those pixels have
exactly the text's colour, so when the DOM gives an opaque colour they are the pixels of that
colour inside the block's line rectangles. Without one (an OCR'd screenshot, a transparent colour
showing a background through the glyphs) they are estimated: the background is the region's
commonest colour, and the cores are the pixels near the far end of the commonest direction in
which ink departs from it (see _core_color).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

EXACT_TOLERANCE = 1  # per channel, for "this pixel has the CSS colour"
MIN_CONTRAST = 24  # sum of channel differences from the background for a pixel to be ink
INK_FRACTION = 0.3  # ink: at least this share of the largest distance from the background
CORE_FRACTION = 0.85  # glyph cores: this share of the farthest ink distance, in the main direction
CORE_SPREAD = 24  # glyph cores: within this (sum of channel differences) of the estimated colour


def parse_css_color(value: str | None) -> tuple[float, float, float] | None:
    """'rgb(1, 2, 3)' -> (1, 2, 3); None for translucent or other syntaxes."""
    if not value:
        return None
    numbers = re.findall(r"[\d.]+", value)
    if not value.startswith("rgb") or len(numbers) < 3:
        return None
    if len(numbers) >= 4 and float(numbers[3]) < 1:
        return None
    return float(numbers[0]), float(numbers[1]), float(numbers[2])


def region_pixels(image: np.ndarray, rects: list[tuple[int, int, int, int]]) -> np.ndarray:
    """All pixels (N x 3, int16) inside the given x0, y0, x1, y1 rectangles."""
    parts = [image[y0:y1, x0:x1].reshape(-1, 3) for x0, y0, x1, y1 in rects]
    parts = [p for p in parts if len(p)]
    if not parts:
        return np.zeros((0, 3), np.int16)
    return np.concatenate(parts).astype(np.int16)


@dataclass
class Ink:
    """Where a block's glyph cores are and their mean colour; ``box`` is None when none stand out."""

    box: tuple[int, int, int, int] | None  # x_min, y_min, x_max, y_max (inclusive pixel indices)
    color: tuple[float, float, float]
    count: int


def fraction_box(x_min: int, y_min: int, x_max: int, y_max: int, width: int, height: int
                 ) -> tuple[float, float, float, float]:
    """The official block box of pixels x_min..x_max, y_min..y_max (both ends included) on a
    ``width`` x ``height`` image: (x, y, w, h) as fractions, w and h counting both end pixels
    (Design2Code: ``(x_max - x_min + 1) / width``). One pixel less is a tenth of a 10 px line's
    area, and Block weighs areas."""
    return (x_min / width, y_min / height, (x_max - x_min + 1) / width, (y_max - y_min + 1) / height)


def painted_color(owner: int) -> tuple[int, int, int] | None:
    """The colour the official painted render gives the ``owner``-th text-owning element (in
    html.parser's document order): its colour pool, 16 steps per channel from 10 to 250, handed out
    from the end; None past the pool's 4096 colours (where the official code gives up)."""
    if not 0 <= owner < 4096:
        return None
    index = 4095 - owner
    return 10 + 16 * (index >> 8), 10 + 16 * ((index >> 4) & 15), 10 + 16 * (index & 15)


def painted_shortfall(painted: tuple[int, int, int]) -> float:
    """How far short of full coverage (1 - alpha) a glyph pixel may fall and still pass the official
    pixel test, text of ``painted`` colour on the painted render's white: within 4 of the colour in
    every channel, and within 8 of its +50 shift (mod 256) in the second painted render (a channel
    that wraps past 255 leaves 206 (1 - alpha) there, one that does not 50 (1 - alpha))."""
    contrast = max(255 - c for c in painted)
    shift = 206 if max(painted) + 50 > 255 else 50
    return min(4 / contrast if contrast else 1.0, 8 / shift)


def text_ink(image: np.ndarray, rects: list[tuple[int, int, int, int]],
             css_color: str | None = None, painted: tuple[int, int, int] | None = None) -> Ink:
    """The glyph-core pixels inside ``rects`` (see the module docstring): their box and mean colour.

    With an opaque ``css_color`` only pixels of that colour count, as in the official pixel match
    (glyphs too thin to cover a whole pixel, or text under a filter or blend, give none). How near
    an edge pixel must be: ``painted`` (the owner's colour in the official painted render) sets the
    coverage the official test admits (painted_shortfall); a pixel of this render departs from the
    text colour by that shortfall times the contrast with its background, so the tolerance here is
    their product (at least EXACT_TOLERANCE).
    """
    target = parse_css_color(css_color)
    if target is not None:
        wanted = np.array(target, dtype=np.int16)
        tolerance = EXACT_TOLERANCE
        if painted is not None:
            pixels = region_pixels(image, rects)
            if len(pixels):
                contrast = float(np.abs(background_color(pixels) - wanted).max())
                tolerance = max(EXACT_TOLERANCE, painted_shortfall(painted) * contrast)
        return _ink(image, rects, lambda px: np.abs(px - wanted).max(axis=2) <= tolerance)
    pixels = region_pixels(image, rects)
    if len(pixels) == 0:
        return Ink(None, (0.0, 0.0, 0.0), 0)
    background = background_color(pixels)
    distance = np.abs(pixels - background).sum(axis=1)
    top = distance.max()
    if top < MIN_CONTRAST:  # nothing stands out: no glyph to find
        return Ink(None, _mean(background[None, :]), 0)
    core = _core_color(pixels, background, distance)

    def select(part: np.ndarray) -> np.ndarray:
        return ((np.abs(part - core).sum(axis=2) <= CORE_SPREAD)
                & (np.abs(part - background).sum(axis=2) >= MIN_CONTRAST))

    return _ink(image, rects, select)


def _core_color(pixels: np.ndarray, background: np.ndarray, distance: np.ndarray) -> np.ndarray:
    """The text colour: the far end of the commonest direction ink takes away from the background.

    Anti-aliased pixels lie between the background and the text colour, so ink pixels are grouped
    by their direction from the background (two colours on one line give two directions), and the
    colour is the mean of the farthest pixels in the most populated direction.
    """
    ink = distance >= max(MIN_CONTRAST, INK_FRACTION * distance.max())
    delta = (pixels[ink] - background).astype(np.float64)
    unit = delta / np.linalg.norm(delta, axis=1, keepdims=True)
    steps = np.round((unit + 1) * 3).astype(np.int64)  # 7 steps per channel
    codes = steps[:, 0] * 49 + steps[:, 1] * 7 + steps[:, 2]
    main = codes == np.bincount(codes).argmax()
    far = distance[ink][main]
    return pixels[ink][main][far >= CORE_FRACTION * far.max()].mean(axis=0)


def _ink(image: np.ndarray, rects: list[tuple[int, int, int, int]], select) -> Ink:
    total = np.zeros(3)
    count = 0
    x_min = y_min = 1 << 30
    x_max = y_max = -1
    for x0, y0, x1, y1 in rects:
        part = image[y0:y1, x0:x1].astype(np.int16)
        mask = select(part)
        if not mask.any():
            continue
        ys, xs = np.nonzero(mask)
        x_min, x_max = min(x_min, x0 + xs.min()), max(x_max, x0 + xs.max())
        y_min, y_max = min(y_min, y0 + ys.min()), max(y_max, y0 + ys.max())
        total += part[mask].sum(axis=0)
        count += int(mask.sum())
    if count == 0:
        return Ink(None, (0.0, 0.0, 0.0), 0)
    mean = total / count
    return Ink((int(x_min), int(y_min), int(x_max), int(y_max)),
               (float(mean[0]), float(mean[1]), float(mean[2])), count)


def shows_ink(image: np.ndarray, rects: list[tuple[int, int, int, int]]) -> bool:
    """Whether anything stands out from the ground inside ``rects``: text whose colour is its
    background's (white on a white page where a photograph failed to load) is in the DOM and
    matches the pixel test, but nobody sees it."""
    pixels = region_pixels(image, rects)
    if len(pixels) == 0:
        return False
    return bool(np.abs(pixels - background_color(pixels)).sum(axis=1).max() >= MIN_CONTRAST)


def background_color(pixels: np.ndarray) -> np.ndarray:
    """The most common colour (5 bits per channel), refined to the mean of that bin."""
    codes = (pixels[:, 0] >> 3) * 1024 + (pixels[:, 1] >> 3) * 32 + (pixels[:, 2] >> 3)
    mode = np.bincount(codes, minlength=32768).argmax()
    return pixels[codes == mode].mean(axis=0)


def _mean(pixels: np.ndarray) -> tuple[float, float, float]:
    mean = pixels.mean(axis=0)
    return float(mean[0]), float(mean[1]), float(mean[2])
