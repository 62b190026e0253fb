"""The page's own background down the page: flat bands and the ramps where it fades.

    bands = page_bands(rgb)      # [Band(top, bottom, colour, end)], top to bottom

Read from the rows whose left and right edge pixels agree (a coloured top area, a white rest, a
photo fading into the page); the emitters turn them into one CSS gradient (emit.model).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .elements import RGB

TOL = 14  # max channel difference still counted as "the same colour" (as segmentation.TOL)


class Band(NamedTuple):
    """Rows top..bottom of the page's background, from ``colour`` to ``end`` (equal: flat)."""

    top: int
    bottom: int
    colour: RGB
    end: RGB

    @property
    def flat(self) -> bool:
        return self.colour == self.end


def page_bands(img: Any) -> list[Band]:
    """The page's background down the page, from rows whose left and right edge pixels agree:
    flat runs of one colour (a coloured top area, a white rest) and ramps where the colour
    slides smoothly (a photo fading into the page, a gradient section), each as a straight
    line from its top colour to its bottom colour within TOL/2. Pieces under 8 px are ignored."""
    import numpy as np

    left, right = img[:, 0].astype(np.int16), img[:, -1].astype(np.int16)
    same = np.abs(left - right).max(axis=1) <= TOL
    bands: list[Band] = []
    y, height = 0, len(left)
    while y < height:
        if not same[y]:
            y += 1
            continue
        end = y
        while end < height and same[end]:
            end += 1
        bands += _fit_run(left, y, end)
        y = end
    return _fill_gaps(img, bands)


def _fill_gaps(img: Any, bands: list[Band]) -> list[Band]:
    """Rows between bands (a side bar made the edges differ) take the colour most of them
    show: the page's own background there, not the colour of the band above."""
    out: list[Band] = []
    for band in bands:
        top = out[-1].bottom if out else 0
        if band.top - top >= 8:
            colour = _commonest(img[top:band.top:2, ::4])
            if out and out[-1].flat and out[-1].colour == colour:
                out[-1] = out[-1]._replace(bottom=band.top)
            else:
                out.append(Band(top, band.top, colour, colour))
        if out and band.flat and out[-1].flat and out[-1].colour == band.colour:
            out[-1] = out[-1]._replace(bottom=band.bottom)
        else:
            out.append(band)
    return out


def _commonest(pixels: Any) -> RGB:
    """The most common colour of some pixels (5 bits a channel, then their median)."""
    import numpy as np

    flat = pixels.reshape(-1, 3)
    keys = (flat[:, 0].astype(np.int32) // 8) * 1024 + (flat[:, 1] // 8) * 32 + flat[:, 2] // 8
    values, counts = np.unique(keys, return_counts=True)
    chosen = flat[keys == values[np.argmax(counts)]]
    return tuple(int(v) for v in np.median(chosen, axis=0))  # type: ignore[return-value]


def _fit_run(edge: Any, top: int, bottom: int) -> list[Band]:
    """Straight colour pieces over rows top..bottom of ``edge`` (one colour per row)."""
    import numpy as np

    pieces: list[Band] = []
    start = top
    while start < bottom:
        end = min(bottom, start + 2)
        while end < bottom and _fits(edge, start, min(bottom, end + 4)):
            end = min(bottom, end + 4)
        while end < bottom and _fits(edge, start, end + 1):
            end += 1
        if end - start >= 8:
            first = tuple(int(v) for v in np.median(edge[start:start + 3], axis=0))
            last = tuple(int(v) for v in np.median(edge[end - 3:end], axis=0))
            if max(abs(a - b) for a, b in zip(first, last)) <= 3:
                first = last = tuple(int(v) for v in np.median(edge[start:end], axis=0))
            if pieces and pieces[-1].flat and first == last == pieces[-1].colour \
                    and start - pieces[-1].bottom < 8:
                pieces[-1] = pieces[-1]._replace(bottom=end)
            else:
                pieces.append(Band(start, end, first, last))  # type: ignore[arg-type]
        start = end
    return pieces


def _fits(edge: Any, start: int, end: int) -> bool:
    """Rows start..end lie within TOL/2 of the straight line between their end colours."""
    import numpy as np

    rows = edge[start:end].astype(np.float32)
    if len(rows) < 3:
        return True
    t = np.linspace(0, 1, len(rows))[:, None]
    line = rows[0] + (rows[-1] - rows[0]) * t
    return float(np.abs(rows - line).max()) <= TOL / 2
