"""Non-text structure of a screenshot: solid panels (with borders), rules, and pictures.

    seg = segment(rgb, text_boxes)      # rgb: HxWx3 uint8 array; text_boxes: OCR line boxes
    seg.background, seg.regions, seg.graphics

How: the colours of flat areas form a small palette (JPEG noise is absorbed by a tolerance);
each palette colour's connected components that fill their bounding box are panels; a uniform
ring around a panel is its border; long thin components are rules. Whatever then differs from
the panel it sits on and is not text is a picture or icon, cropped from the screenshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .bands import Band, page_bands
from .elements import RGB, Box, Graphic, Region
from .faint import faint_panels
from .pictures import absorb_rules, colour_pictures, drawn_panels, field_box, pictures
from .surfaces import finish_surfaces, outlined_regions

TOL = 14  # max channel difference still counted as "the same colour" (JPEG noise)
MIN_PANEL_AREA = 600
MIN_RULE_LENGTH = 24
MARGIN = 8  # px around a colour's window (the opening reaches 2 px at full resolution)
SEAM = 2  # px two panels that meet may overlap by (their borders found on both)


@dataclass
class Segmentation:
    background: RGB
    regions: list[Region] = field(default_factory=list)
    graphics: list[Graphic] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)  # the page's background down the page


def segment(rgb: Any, text_boxes: list[Box]) -> Segmentation:
    import numpy as np

    img = np.ascontiguousarray(rgb[:, :, :3])
    labels, palette = palette_labels(img)
    background = _page_background(img)
    text_mask = _box_mask(img.shape[:2], text_boxes, grow=2)
    regions, rules = _panels_and_rules(img, labels, palette, text_mask)
    regions += faint_panels(img, background, regions)
    regions = _drop_redundant(img, regions, background)
    outlined, badges = outlined_regions(img, regions, text_mask, background)
    for region in outlined:
        parent = [r.depth for r in regions if r.box.contains(region.box, 1)]
        region.depth = max(parent, default=0) + 1
    regions = sorted(regions + outlined, key=lambda r: -r.box.area)
    halos = finish_surfaces(img, regions, background)
    rules = [r for r in rules if not any(_on_border(r.box, g) for g in regions)]
    regions, placeholders = colour_pictures(img, regions, text_mask)
    found = pictures(img, regions, background, text_mask,
                     rules + placeholders + badges + halos, labels)
    rules, found = absorb_rules(img, rules, found)
    regions, found = drawn_panels(img, regions, found, text_mask)
    regions = [r for r in regions if not _inside_picture(r, found, text_mask)]
    graphics = rules + placeholders + badges + found
    fields = [f for f in (field_box(img, g) for g in graphics) if f is not None]
    if fields:
        regions = sorted(regions + fields, key=lambda r: -r.box.area)
        graphics = [g for g in graphics if not any(f.box == g.box for f in fields)]
    return Segmentation(background, regions, graphics, page_bands(img))


def _inside_picture(region: Region, found: list[Graphic], text_mask: Any) -> bool:
    """A flat panel without text inside a picture is part of it (a phone's black bezel, a
    photo's sky): the picture's crop already shows it."""
    x0, y0, x1, y1 = region.box.ints()
    return not text_mask[y0:y1, x0:x1].any() and any(g.box.contains(region.box, 1) for g in found)


def palette_labels(img: Any) -> tuple[Any, Any]:
    """Label each pixel with the index of its flat-area palette colour (-1: none).

    Colours are coded on 5 bits a channel; the palette comes from the codes of flat pixels (a
    pixel equal to its right and lower neighbours) on every second row and column; each code
    then maps to the nearest palette colour within TOL through a lookup table.
    """
    import numpy as np

    q = _codes(img)
    sample = q[::2, ::2]
    flat = np.zeros(sample.shape, bool)
    flat[:-1, :-1] = (sample[:-1, :-1] == sample[:-1, 1:]) & (sample[:-1, :-1] == sample[1:, :-1])
    codes = sample[flat]
    counts = np.bincount(codes, minlength=32768)
    picks = np.flatnonzero(flat.ravel())
    if len(picks) > 200_000:
        picks = picks[:: len(picks) // 200_000]
    pick_codes = sample.ravel()[picks]
    pick_colours = img[::2, ::2].reshape(-1, 3)[picks].astype(np.float32)
    palette: list[Any] = []
    for b in np.argsort(-counts)[:256]:
        if counts[b] < 30:
            break
        chosen = pick_colours[pick_codes == b]
        colour = chosen.mean(axis=0) if len(chosen) else _centre(int(b))
        if not any(np.abs(colour - p).max() <= TOL * 0.7 for p in palette):
            palette.append(colour)
        if len(palette) >= 48:
            break
    if not palette:
        return np.full(img.shape[:2], -1, np.int8), np.zeros((0, 3))
    pal = np.array(palette)
    idx = np.arange(32768)
    centres = np.stack([(idx >> 10) & 31, (idx >> 5) & 31, idx & 31], axis=1) * 8 + 4
    dist = np.abs(centres[:, None, :] - pal[None, :, :]).max(axis=2)
    lut = np.where(dist.min(axis=1) <= TOL, dist.argmin(axis=1), -1).astype(np.int8)
    return lut[q], pal


def _codes(img: Any) -> Any:
    import numpy as np

    r = (img[:, :, 0] >> 3).astype(np.uint16)
    g = (img[:, :, 1] >> 3).astype(np.uint16)
    b = (img[:, :, 2] >> 3).astype(np.uint16)
    return (r << 10) | (g << 5) | b


def _centre(code: int) -> Any:
    import numpy as np

    return np.array([(code >> 10) & 31, (code >> 5) & 31, code & 31], np.float32) * 8 + 4


def _page_background(img: Any) -> RGB:
    import numpy as np

    rows = img[:: max(1, img.shape[0] // 50)].reshape(-1, 3)
    border = np.concatenate([img[0], img[-1], img[:, 0], img[:, -1], rows])
    q = (border // 4).astype(np.int32)
    keys = (q[:, 0] << 12) | (q[:, 1] << 6) | q[:, 2]
    values, counts = np.unique(keys, return_counts=True)
    top = values[np.argmax(counts)]
    chosen = border[keys == top]
    return tuple(int(v) for v in np.median(chosen, axis=0))  # type: ignore[return-value]


def _box_mask(shape: tuple[int, int], boxes: list[Box], grow: int = 0) -> Any:
    import numpy as np

    mask = np.zeros(shape, bool)
    for box in boxes:
        x0, y0, x1, y1 = box.grow(grow).ints()
        mask[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = True
    return mask


def _panels_and_rules(img: Any, labels: Any, palette: Any, text_mask: Any
                      ) -> tuple[list[Region], list[Graphic]]:
    """Per palette colour, at half resolution (2x2 "any" pooling keeps 1 px lines): an opening
    separates thin strokes (rules, borders) from areas; areas that fill their box are panels."""
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np

    kernel = np.ones((3, 3), np.uint8)

    def one_colour(k: int) -> tuple[list[Region], list[Graphic]]:
        whole = labels == k
        if int(whole.sum()) < MIN_PANEL_AREA // 4:
            return [], []
        colour: RGB = tuple(int(round(v)) for v in palette[k])  # type: ignore[assignment]
        window = _window(whole)
        found, lines = _colour_panels(img[window], whole[window], colour, text_mask[window],
                                      kernel)
        dx, dy = window[1].start, window[0].start
        return ([replace(r, box=r.box.shift(dx, dy)) for r in found],
                [replace(g, box=g.box.shift(dx, dy)) for g in lines])

    regions: list[Region] = []
    rules: list[Graphic] = []
    # Two colours at a time: the work is OpenCV's and numpy's, which leave the interpreter free,
    # and nothing else runs while the page is segmented. The results keep the palette's order.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for found, lines in pool.map(one_colour, range(len(palette))):
            regions += found
            rules += lines
    return regions, rules


def _window(mask: Any) -> tuple[slice, slice]:
    """The rows and columns where ``mask`` has pixels, with a margin: a colour found in one part
    of the page is looked at there only (most of a page's colours fill a band or a few boxes).
    Starts are even, so that the half-resolution grid is the page's, and the margin is wider than
    the opening's reach, so that the crop's edge changes nothing."""
    import numpy as np

    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    y0, x0 = max(0, rows[0] - MARGIN) & ~1, max(0, cols[0] - MARGIN) & ~1
    return slice(y0, rows[-1] + 1 + MARGIN), slice(x0, cols[-1] + 1 + MARGIN)


def _colour_panels(img: Any, full: Any, colour: RGB, text_mask: Any, kernel: Any
                   ) -> tuple[list[Region], list[Graphic]]:
    """One palette colour's panels and rules, in the coordinates of the window given."""
    import cv2
    import numpy as np

    regions: list[Region] = []
    pooled = _pool(full)
    opened = cv2.morphologyEx(pooled, cv2.MORPH_OPEN, kernel)
    rules = _rules_of(pooled & (1 - opened), full, colour, text_mask)
    n, cc, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=4)
    big = np.nonzero((stats[:, 2] >= 6) & (stats[:, 3] >= 4)
                     & (stats[:, 2] * stats[:, 3] * 4 >= MIN_PANEL_AREA))[0]
    for i in big[big > 0]:
        x, y, w, h, area = (int(v) for v in stats[i])
        box = _snap(Box(2 * x, 2 * y, 2 * (x + w), 2 * (y + h)), full)
        bx0, by0, bx1, by1 = box.ints()
        solid_box = area >= 0.95 * w * h and w >= 8 and h >= 5
        large = w * h * 4 >= 8 * MIN_PANEL_AREA and area * 4 >= 4 * MIN_PANEL_AREA
        if (area < 0.25 * w * h and not large) or (
                not solid_box and text_mask[by0:by1, bx0:bx1].mean() > 0.97):
            continue  # a big glyph or a scatter, not a panel
        part = cc[y:y + h, x:x + w] == i
        sample = img[2 * y:2 * (y + h):2, 2 * x:2 * (x + w):2]
        own = full[2 * y:2 * (y + h):2, 2 * x:2 * (x + w):2] & part[:sample.shape[0],
                                                                  :sample.shape[1]]
        if not _solid(sample, own):
            continue
        if _fill_ratio(part) >= 0.88:
            regions.append(Region(box, colour))
        elif large:  # an L or T of one colour: its rectangles
            placed: list[Box] = []
            for px0, py0, px1, py1 in _rectangles(part):
                piece = _snap(Box(2 * (x + px0), 2 * (y + py0), 2 * (x + px1),
                                  2 * (y + py1)), full)
                for other in placed:  # pieces meet, they do not overlap
                    if piece.intersection(other) > 0:
                        piece = _clear_of(piece, other)
                if piece.w >= 16 and piece.h >= 10 and piece.area >= MIN_PANEL_AREA:
                    placed.append(piece)
                    regions.append(Region(piece, colour))
    return regions, rules


def _rectangles(part: Any) -> list[tuple[int, int, int, int]]:
    """A one-colour area that does not fill its box (a top bar running into a side bar, a
    header into a hero's frame) cut into its rectangles: the full-width bands, then full-height
    bands of what is left, then what is left if it fills its own box."""
    import cv2
    import numpy as np

    mask = part.astype(np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 1, thickness=-1)
    pieces: list[tuple[int, int, int, int]] = []
    for axis in (1, 0):  # rows spanning the width, then columns spanning what is left
        ys, xs = np.nonzero(filled)
        if len(ys) == 0:
            return pieces
        y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
        window = filled[y0:y1, x0:x1]
        full_lines = window.mean(axis=axis) >= 0.95
        for a, b in _runs(full_lines, 3):
            pieces.append((x0, y0 + a, x1, y0 + b) if axis == 1 else (x0 + a, y0, x0 + b, y1))
            if axis == 1:
                filled[y0 + a:y0 + b, x0:x1] = 0
            else:
                filled[y0:y1, x0 + a:x0 + b] = 0
    ys, xs = np.nonzero(filled)
    if len(ys):
        y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
        if filled[y0:y1, x0:x1].mean() >= 0.88:
            pieces.append((x0, y0, x1, y1))
            filled[y0:y1, x0:x1] = 0
    if filled.sum() > 0.1 * part.sum():
        return []  # not made of rectangles (a wavy shape in a picture): no panels in it
    return pieces


def _clear_of(piece: Box, other: Box) -> Box:
    """``piece`` cut back to the side of ``other`` where most of it lies."""
    if other.y1 <= piece.cy:
        return Box(piece.x0, max(piece.y0, other.y1), piece.x1, piece.y1)
    if other.y0 >= piece.cy:
        return Box(piece.x0, piece.y0, piece.x1, min(piece.y1, other.y0))
    if other.x1 <= piece.cx:
        return Box(max(piece.x0, other.x1), piece.y0, piece.x1, piece.y1)
    return Box(piece.x0, piece.y0, min(piece.x1, other.x0), piece.y1)


def _runs(flags: Any, least: int) -> list[tuple[int, int]]:
    """Runs of True at least ``least`` long, as (start, end)."""
    runs, start = [], None
    for i, on in enumerate(list(flags) + [False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            if i - start >= least:
                runs.append((start, i))
            start = None
    return runs


def _pool(mask: Any) -> Any:
    """2x2 "any" pooling of a boolean mask, as uint8."""
    import numpy as np

    h, w = mask.shape
    padded = np.zeros((h + h % 2, w + w % 2), bool)
    padded[:h, :w] = mask
    return (padded[0::2, 0::2] | padded[1::2, 0::2] | padded[0::2, 1::2]
            | padded[1::2, 1::2]).astype(np.uint8)


def _snap(box: Box, full: Any) -> Box:
    """Move each side of a box scaled up from half resolution onto the colour's true edge."""
    x0, y0, x1, y1 = box.ints()
    H, W = full.shape
    x1, y1 = min(x1, W), min(y1, H)
    for _ in range(2):
        if x1 - x0 > 2 and full[y0:y1, x0].mean() < 0.5:
            x0 += 1
        if x1 - x0 > 2 and full[y0:y1, x1 - 1].mean() < 0.5:
            x1 -= 1
        if y1 - y0 > 2 and full[y0, x0:x1].mean() < 0.5:
            y0 += 1
        if y1 - y0 > 2 and full[y1 - 1, x0:x1].mean() < 0.5:
            y1 -= 1
    for _ in range(2):
        if x0 > 0 and full[y0:y1, x0 - 1].mean() > 0.9:
            x0 -= 1
        if x1 < W and full[y0:y1, x1].mean() > 0.9:
            x1 += 1
        if y0 > 0 and full[y0 - 1, x0:x1].mean() > 0.9:
            y0 -= 1
        if y1 < H and full[y1, x0:x1].mean() > 0.9:
            y1 += 1
    return Box(x0, y0, x1, y1)


def _rules_of(thin: Any, full: Any, colour: RGB, text_mask: Any) -> list[Graphic]:
    """Long strokes of at most 4 px (2 px pooled), measured back on the full-resolution mask."""
    import cv2
    import numpy as np

    n, _cc, stats, _ = cv2.connectedComponentsWithStats(thin, connectivity=8)
    keep = np.nonzero((np.minimum(stats[:, 2], stats[:, 3]) <= 2)
                      & (np.maximum(stats[:, 2], stats[:, 3]) * 2 >= MIN_RULE_LENGTH))[0]
    out = []
    for i in keep[keep > 0]:
        x, y, w, h, _area = (int(v) for v in stats[i])
        y0, x0 = max(0, 2 * y - 1), max(0, 2 * x - 1)
        part = full[y0:2 * (y + h) + 1, x0:2 * (x + w) + 1]
        rows, cols = np.nonzero(part.any(axis=1))[0], np.nonzero(part.any(axis=0))[0]
        if len(rows) == 0:
            continue
        box = Box(x0 + cols[0], y0 + rows[0], x0 + cols[-1] + 1, y0 + rows[-1] + 1)
        area = int(part.sum())
        bx0, by0, bx1, by1 = box.ints()
        if _is_rule(int(box.w), int(box.h), area) and text_mask[by0:by1, bx0:bx1].mean() < 0.5:
            out.append(Graphic(box, "rule", colour))
    return out


def _is_rule(w: int, h: int, area: int) -> bool:
    thin, long = min(w, h), max(w, h)
    return thin <= 4 and long >= MIN_RULE_LENGTH and area >= 0.85 * w * h


def _solid(crop: Any, part: Any) -> bool:
    """One colour (JPEG noise aside), or two or three flat tones of it (a card with a slightly
    darker footer strip); not a band of a gradient that fits in the tolerance."""
    import numpy as np

    pixels = crop[part]
    if len(pixels) > 4000:
        pixels = pixels[:: len(pixels) // 4000]
    if float(pixels.std(axis=0).max()) <= 3.5:
        return True
    codes = (pixels[:, 0].astype(np.int32) // 3) * 10000 + (pixels[:, 1] // 3) * 100 \
        + pixels[:, 2] // 3
    _values, counts = np.unique(codes, return_counts=True)
    return int(np.sort(counts)[::-1][:3].sum()) >= 0.9 * len(pixels)


def _fill_ratio(component: Any) -> float:
    """Share of the bounding box inside the component's outer contour (holes count as filled)."""
    import cv2
    import numpy as np

    mask = component.astype(np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return 0.0
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 1, thickness=-1)
    return float(filled.mean())


def _find_border(img: Any, region: Region, under: RGB | None) -> None:
    """Grow ``region`` over a uniform ring of another colour around it (its border).

    A border is 1-4 px of one colour that stops: when the same colour goes on further out, the
    ring is just whatever the panel sits on.
    """
    import numpy as np

    H, W = img.shape[:2]
    x0, y0, x1, y1 = region.box.ints()
    width, colour = 0, None
    for d in range(1, 7):
        if x0 - d < 0 or y0 - d < 0 or x1 + d > W or y1 + d > H:
            if colour is not None:
                width = 0  # runs into the screenshot's edge: cannot tell, assume no border
            break
        ring = np.concatenate([img[y0 - d, x0 - d:x1 + d], img[y1 + d - 1, x0 - d:x1 + d],
                               img[y0 - d:y1 + d, x0 - d], img[y0 - d:y1 + d, x1 + d - 1]])
        median = np.median(ring, axis=0)
        uniform = (np.abs(ring.astype(np.int16) - median).max(axis=1) <= TOL).mean() >= 0.8
        if colour is None:
            if not uniform or np.abs(median - np.array(region.color)).max() <= TOL:
                return
            if under is not None and np.abs(median - np.array(under)).max() <= TOL:
                return  # the ring is the surface the panel sits on
            colour = tuple(int(v) for v in median)
            width = 1
            continue
        if uniform and np.abs(median - np.array(colour)).max() <= TOL:
            width = d
            if d == 6:
                return  # too wide to be a border: it is the surrounding surface
            continue
        break
    if width and colour is not None and width <= 4:
        region.border = (width, colour)  # type: ignore[assignment]
        region.box = Box(x0 - width, y0 - width, x1 + width, y1 + width)


def _on_border(rule: Box, region: Region) -> bool:
    if region.border is None:
        return False
    outer = region.box.grow(1)
    inner = region.box.grow(-region.border[0] - 1)
    return outer.contains(rule) and not inner.contains(rule) and inner.intersection(rule) < 1


def _drop_redundant(img: Any, regions: list[Region], background: RGB) -> list[Region]:
    """Keep panels that differ from what they sit on (finding their borders on the way);
    order from largest to smallest."""
    regions = sorted(regions, key=lambda r: -r.box.area)
    kept: list[Region] = []
    for region in regions:
        parent = next((p for p in reversed(kept) if p.box.contains(region.box, 1)), None)
        under = parent.color if parent is not None else background
        _find_border(img, region, under)
        if parent is not None and parent.box == region.box:
            continue
        crossed = [k for k in kept
                   if k.box.intersection(region.box) > 0 and not k.box.contains(region.box, 1)]
        if crossed and all(_seam(k.box, region.box) for k in crossed):
            for k in crossed:  # two boxes that meet (an input and its button): a border's overlap
                region.box = _clear_of(region.box, k.box)
        elif crossed:
            continue
        if region.border is None and under is not None and region.color is not None and \
                max(abs(a - b) for a, b in zip(region.color, under)) <= 5:
            continue
        region.depth = (parent.depth + 1) if parent is not None else 1
        kept.append(region)
    return kept


def _seam(a: Box, b: Box) -> bool:
    """Two boxes that only share a sliver along one side (at most SEAM px), as boxes that meet
    do once their borders are found: an input group's field and button, tabs in a row."""
    overlap_w = min(a.x1, b.x1) - max(a.x0, b.x0)
    overlap_h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return 0 < min(overlap_w, overlap_h) <= SEAM


def surface_color(regions: list[Region], background: RGB, box: Box) -> RGB:
    """The background colour under ``box``: the smallest solid panel containing it."""
    best = None
    for region in regions:
        if region.color is not None and region.box.contains(box, 2):
            if best is None or region.box.area < best.box.area:
                best = region
    return best.color if best is not None else background
