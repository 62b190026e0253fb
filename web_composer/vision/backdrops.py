"""Pictures with text on them become backdrops: a panel painted with the picture, text on top.

A hero image with a headline, a gradient banner, a skewed shape behind a title: cropping it as an
<img> would duplicate its text (once in the pixels, once as text). Instead the picture becomes a
Region whose background is the crop with the text painted out (OpenCV inpainting), and the text
lines and panels over it become its children in the layout. A picture only partly covering a
panel grows to hold it, so the nesting stays a tree.

    make_backdrops(rgb, seg, line_boxes)      # moves such pictures from seg.graphics to regions
"""

from __future__ import annotations

from typing import Any

from .elements import Box, Graphic, Region
from .segmentation import Segmentation


def make_backdrops(rgb: Any, seg: Segmentation, line_boxes: list[Box]) -> None:
    kept: list[Graphic] = []
    for graphic in seg.graphics:
        inside = [b for b in line_boxes if graphic.kind == "picture"
                  and graphic.box.contains(Box(b.cx, b.cy, b.cx, b.cy))]
        if not inside:
            kept.append(graphic)
            continue
        box = _grow_over_regions(graphic.box, seg.regions)
        if box.area > 1.5 * graphic.box.area:
            box = graphic.box  # do not swallow the page; the layout copes with the overlap
        texts = [b for b in line_boxes if box.contains(Box(b.cx, b.cy, b.cx, b.cy))]
        # panels on the picture that hold text stay elements (a button): paint them out too,
        # or a narrower window would show them twice, once in the picture where they were
        panels = [r.box for r in seg.regions if r.color is not None and box.contains(r.box, 1)
                  and r.box.area < 0.25 * box.area
                  and any(r.box.contains(Box(b.cx, b.cy, b.cx, b.cy)) for b in texts)]
        painted = _painted_out(rgb, box, texts + panels)
        colour = _flat(painted)
        if colour is not None:  # a plain coloured panel whose text a later pass found
            seg.regions.append(Region(box, colour))
        else:
            seg.regions.append(Region(box, None, image=painted))
    backdrops = [r for r in seg.regions if r.image is not None]
    seg.graphics = [g for g in kept if not any(b.box.contains(g.box, 1) for b in backdrops)
                    and not any(p is not g and p.kind == "picture" and p.box.contains(g.box)
                                and p.box.area > g.box.area for p in kept)]
    seg.regions = [r for r in seg.regions if r.image is not None
                   or not _drawn_on(r, backdrops, line_boxes)]
    seg.regions.sort(key=lambda r: -r.box.area)


def _drawn_on(region: Region, backdrops: list[Region], line_boxes: list[Box]) -> bool:
    """A panel without text inside a backdrop: its pixels are already in the backdrop's picture
    (a patch of sky, a frame around a photo), so drawing it again would only cover the photo."""
    if any(region.box.contains(Box(b.cx, b.cy, b.cx, b.cy)) for b in line_boxes):
        return False  # a button or card: it stays an element, its text set on it
    return any(b.box.contains(region.box, 1) for b in backdrops)


def _flat(crop: Any) -> tuple[int, int, int] | None:
    """The colour of a crop that is one colour all over (JPEG noise aside), else None."""
    import numpy as np

    pixels = crop.reshape(-1, 3)[:: max(1, crop.shape[0] * crop.shape[1] // 20000)]
    centre = np.median(pixels, axis=0)
    if (np.abs(pixels.astype(np.int16) - centre).max(axis=1) <= 12).mean() < 0.97:
        return None
    return tuple(int(v) for v in centre)  # type: ignore[return-value]


def _grow_over_regions(box: Box, regions: list[Region]) -> Box:
    changed = True
    while changed:
        changed = False
        for region in regions:
            if box.intersection(region.box) > 0 and not box.contains(region.box) \
                    and not region.box.contains(box):
                box = box.union(region.box)
                changed = True
    return box


def _painted_out(rgb: Any, box: Box, texts: list[Box]) -> Any:
    """The crop under ``box`` with the text areas inpainted from their surroundings."""
    import cv2
    import numpy as np

    x0, y0, x1, y1 = box.ints()
    crop = np.ascontiguousarray(rgb[y0:y1, x0:x1])
    mask = np.zeros(crop.shape[:2], np.uint8)
    for text in texts:
        tx0, ty0, tx1, ty1 = text.grow(3).ints()
        mask[max(0, ty0 - y0):max(0, ty1 - y0), max(0, tx0 - x0):max(0, tx1 - x0)] = 255
    if not mask.any():
        return crop
    return cv2.inpaint(crop, mask, 3, cv2.INPAINT_TELEA)
