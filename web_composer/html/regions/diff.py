"""Where a render visibly differs from its target: connected regions of a coarse difference map.

    regions = differing_regions(target, render, text_boxes)

Both images (RGB arrays at the same CSS-pixel scale) are compared over their common height in
CELL x CELL tiles: a tile differs when the mean absolute difference of its pixels passes
TILE_THRESHOLD (0..255, all channels). Differing tiles joined by an edge or corner form a region;
regions smaller than MIN_TILES tiles are dropped (anti-aliasing, a word set a pixel off). Each
region says how much of it is covered by text boxes, so the reviser can tell a picture or panel
(non-text) from a line of text that is drawn differently.

A faint panel (a card's #f7f7f7 header strip on white, 8 of 255) stays under TILE_THRESHOLD, so
tiles are also taken at FAINT_THRESHOLD where the difference is uniform (the same few levels over
the whole tile: a fill of another shade, not a word set elsewhere, whose difference is all edges);
such tiles make a region only together, FAINT_TILES of them at least (a large flat area), with
the text tiles among them that differ as faintly (a strip's title, which splits it otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CELL = 16  # px
TILE_THRESHOLD = 18.0
MIN_TILES = 4
FAINT_THRESHOLD = 4.0  # mean difference a uniform tile needs (a #f7f7f7 panel on white: 8)
FAINT_SPREAD = 3.0  # standard deviation (0..255) of a tile's difference below which it is uniform
FAINT_TILES = 16  # tiles a region of faint tiles needs


@dataclass
class Region:
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in CSS px (exclusive)
    tiles: int
    difference: float  # mean absolute difference over the region's differing tiles
    text_share: float  # share of the region's tiles touched by text boxes

    @property
    def area(self) -> int:
        return (self.box[2] - self.box[0]) * (self.box[3] - self.box[1])


def tile_difference(target: np.ndarray, render: np.ndarray, *, spread: bool = False):
    """Mean absolute difference per CELL tile over the two images' common area; with ``spread``
    also the standard deviation of each tile's differences (how uniform the difference is)."""
    height = min(target.shape[0], render.shape[0]) // CELL * CELL
    width = min(target.shape[1], render.shape[1]) // CELL * CELL
    import cv2

    # |a - b| of uint8 pictures in OpenCV (exact, no int16 copies), summed per tile in integers
    delta = cv2.absdiff(np.ascontiguousarray(target[:height, :width]),
                        np.ascontiguousarray(render[:height, :width]))
    tiled = delta.reshape(height // CELL, CELL, width // CELL, CELL * delta.shape[2])
    count = CELL * CELL * delta.shape[2]
    means = tiled.sum(axis=(1, 3), dtype=np.int64) / count
    if not spread:
        return means
    squares = (tiled.astype(np.int32) ** 2).sum(axis=(1, 3), dtype=np.int64) / count
    return means, np.sqrt(np.maximum(squares - means ** 2, 0.0))


def text_tiles(shape: tuple[int, int], boxes: list[tuple[float, float, float, float]]) -> np.ndarray:
    """Boolean tile map of the tiles touched by text boxes (x0, y0, x1, y1 in px)."""
    mask = np.zeros(shape, bool)
    for x0, y0, x1, y1 in boxes:
        mask[int(y0) // CELL:int(np.ceil(y1 / CELL)), int(x0) // CELL:int(np.ceil(x1 / CELL))] = True
    return mask


def differing_regions(target: np.ndarray, render: np.ndarray,
                      text_boxes: list[tuple[float, float, float, float]]) -> list[Region]:
    """The regions where the render differs, largest first (see the module docstring)."""
    tiles, spread = tile_difference(target, render, spread=True)
    differs = tiles > TILE_THRESHOLD
    texty = text_tiles(tiles.shape, text_boxes)
    uniform = ~differs & (tiles >= FAINT_THRESHOLD) & (spread < FAINT_SPREAD)
    # a faint strip's title splits it: its text tiles (never uniform) join the strip's region
    faint = uniform | (~differs & (tiles >= FAINT_THRESHOLD) & texty)
    regions = []
    # text in a faint region is the strip's own title, drawn alike when its difference is as
    # flat as the strip's: only tiles whose difference is edges (a text drawn elsewhere) count
    edgy = spread >= 2 * FAINT_SPREAD
    found = [(part, differs, MIN_TILES, texty) for part in _components(differs)]
    found += [(part, uniform, FAINT_TILES, edgy) for part in _components(faint)]
    for (mine, (rows, cols)), counted, least, wordy in found:
        count = int(mine.sum())
        if int((mine & counted[rows, cols]).sum()) < least:
            continue
        box = (cols.start * CELL, rows.start * CELL, cols.stop * CELL, rows.stop * CELL)
        regions.append(Region(box, count, float(tiles[rows, cols][mine].mean()),
                              float(wordy[rows, cols][mine].mean())))
    regions.sort(key=lambda r: -r.tiles)
    return regions


def _components(mask: np.ndarray) -> list[tuple[np.ndarray, tuple[slice, slice]]]:
    """The 8-connected components of a boolean tile map, in the order their first tile comes in
    a row-by-row scan: each as its own mask over its bounding box and that box (row and column
    slices). OpenCV labels them (scipy.ndimage would do the same, after a 0.6 s import)."""
    import cv2

    if not mask.any():
        return []
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    flat = labels.ravel()
    first = np.full(count, flat.size)
    np.minimum.at(first, flat, np.arange(flat.size))
    out = []
    for index in sorted(range(1, count), key=lambda k: first[k]):
        x, y, w, h = stats[index, :4]
        rows, cols = slice(int(y), int(y + h)), slice(int(x), int(x + w))
        out.append((labels[rows, cols] == index, (rows, cols)))
    return out
