"""Pictures: what differs from the panel it sits on and is not text or a rule.

    pictures(img, regions, background, text_mask, explained, labels)   # -> [Graphic("picture")]
    colour_pictures(img, regions, text_mask)    # empty vivid panels -> pictures (placeholders)
    drawn_panels(img, regions, found, text_mask)  # textless panels holding pictures -> pictures
    field_box(img, graphic)                     # a "picture" that is a form field -> Region

Pictures are cropped from the screenshot (numpy arrays in ``Graphic.image``); the emitters write
them into assets/.
"""

from __future__ import annotations

from typing import Any

from .elements import RGB, Box, Graphic, Region

TOL = 14  # same colour tolerance as the segmentation's
JOIN_MIN = 32  # px: overlapping pictures at least this big both ways become one
FRAMED_SIDES = 3  # a field's frame shows on three sides at least (an inner shadow fades one)
SLANTED = 0.2  # share of rows (or columns) where a flat area's outline moves: a drawn shape


def pictures(img: Any, regions: list[Region], background: RGB, text_mask: Any,
             explained: list[Graphic], labels: Any) -> list[Graphic]:
    """Connected blobs that differ from the panel under them and are not text: pictures."""
    import cv2
    import numpy as np

    diff = _differs(img, background)
    for region in regions:  # largest first: a nested panel's colour wins inside it
        if region.color is not None:
            x0, y0, x1, y1 = region.box.ints()
            diff[y0:y1, x0:x1] = _differs(img[y0:y1, x0:x1], region.color)
    for region in regions:  # borders are not pictures
        if region.border is not None:
            x0, y0, x1, y1 = region.box.ints()
            b = region.border[0] + 1
            ring = diff[max(0, y0 - 1):y1 + 1, max(0, x0 - 1):x1 + 1]
            keep = ring[b + 1:-b - 1, b + 1:-b - 1].copy()
            ring[:] = False
            ring[b + 1:-b - 1, b + 1:-b - 1] = keep
    for known in explained:  # rules and placeholder pictures
        x0, y0, x1, y1 = known.box.grow(1).ints()
        diff[max(0, y0):y1, max(0, x0):x1] = False
    diff &= ~text_mask
    grown = cv2.dilate(diff.astype(np.uint8), np.ones((5, 5), np.uint8))
    n, cc, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    pictures = []
    for i in range(1, n):
        x, y, w, h, _area = (int(v) for v in stats[i])
        part = diff[y:y + h, x:x + w] & (cc[y:y + h, x:x + w] == i)
        real = int(part.sum())
        if real < 25:
            continue
        rows, cols = np.nonzero(part.any(axis=1))[0], np.nonzero(part.any(axis=0))[0]
        x, y, w, h = x + cols[0], y + rows[0], cols[-1] - cols[0] + 1, rows[-1] - rows[0] + 1
        if w < 5 or h < 5:
            continue
        if min(w, h) <= 6 and max(w, h) > 8 * min(w, h):
            continue  # a shadow edge or anti-aliased seam
        box = Box(x, y, x + w, y + h)
        if real < 0.12 * w * h and any(box.contains(r.box, 8) for r in regions):
            continue  # a sparse ring (shadow) around a panel
        shape = part[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        if w * h > 20000 and _mostly_flat(labels[y:y + h, x:x + w][shape]) \
                and not _compact(shape) and _rectilinear(shape):
            continue  # an odd-shaped background area (around panels), not a picture
        pictures.append(Graphic(box, "picture", image=img[y:y + h, x:x + w].copy()))
    return _joined(img, pictures)


def _joined(img: Any, pictures: list[Graphic]) -> list[Graphic]:
    """Pictures whose boxes overlap become one picture of both (one photo whose blobs touched
    only diagonally, a device mock-up over a shadow): a flow layout cannot overlap them."""
    small = [g for g in pictures if min(g.box.w, g.box.h) < JOIN_MIN]  # letters, icons: as found
    boxes = [g.box for g in pictures if min(g.box.w, g.box.h) >= JOIN_MIN]
    merged = True
    while merged:
        merged = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                if boxes[i].intersection(boxes[j]) > 0:
                    boxes[i] = boxes[i].union(boxes.pop(j))
                    merged = True
                    break
            if merged:
                break
    if len(boxes) + len(small) == len(pictures):
        return pictures
    out = small
    for box in boxes:
        x0, y0, x1, y1 = box.ints()
        out.append(Graphic(box, "picture", image=img[y0:y1, x0:x1].copy()))
    return out


def absorb_rules(img: Any, rules: list[Graphic], found: list[Graphic]
                 ) -> tuple[list[Graphic], list[Graphic]]:
    """Thin straight lines touching a picture are its own edges (a device frame, a photo's
    border), not rules of the page: the picture grows over them and they go."""
    kept = []
    for rule in rules:
        near = [g for g in found if rule.box.grow(3).intersection(g.box) > 0]
        if not near:
            kept.append(rule)
            continue
        picture = near[0]
        box = picture.box.union(rule.box)
        x0, y0, x1, y1 = box.ints()
        found[found.index(picture)] = Graphic(box, "picture", image=img[y0:y1, x0:x1].copy())
    return kept, _joined(img, found)


def _differs(img: Any, colour: RGB) -> Any:
    """Pixels more than 28 away (max channel) from ``colour``: outside the box of colours within
    28 of it on every channel (one OpenCV pass; the page-sized masks are made a dozen times)."""
    import cv2
    import numpy as np

    low = tuple(max(0, int(v) - 28) for v in colour)
    high = tuple(min(255, int(v) + 28) for v in colour)
    return cv2.inRange(np.ascontiguousarray(img[:, :, :3]), low, high) == 0


def _compact(shape: Any) -> bool:
    """A convex shape (a disc, a rounded tile): a flat picture, unlike the ragged area left
    around panels, which has bays and holes."""
    import cv2
    import numpy as np

    mask = shape.astype(np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if len(contours) != 1:
        return False
    hull = cv2.contourArea(cv2.convexHull(contours[0]))
    return hull > 0 and float(mask.sum()) >= 0.95 * hull


def _rectilinear(shape: Any) -> bool:
    """Bounded by horizontal and vertical edges, as the area left around panels is: its rows (and
    columns) change only where a panel starts or ends. A drawn shape (a flat illustration's hill,
    a wave) has slanted or curved edges that move a little from one row to the next."""
    def changes(mask: Any) -> float:
        return float((mask[1:] != mask[:-1]).any(axis=1).mean()) if len(mask) > 1 else 0.0

    return max(changes(shape), changes(shape.T)) < SLANTED


def _mostly_flat(labels: Any) -> bool:
    """Most of these pixels share one flat palette colour (a surface, not a photo)."""
    import numpy as np

    flat = labels[labels >= 0]
    if flat.size == 0:
        return False
    return float(np.bincount(flat).max()) >= 0.6 * labels.size


def colour_pictures(img: Any, regions: list[Region], text_mask: Any
                     ) -> tuple[list[Region], list[Graphic]]:
    """An empty, strongly coloured rectangle of picture size is a picture (a placeholder image
    or a flat illustration), not a panel: it becomes an <img> cropped from the screenshot."""
    kept, pictures = [], []
    for region in regions:
        x0, y0, x1, y1 = region.box.ints()
        colour = region.color or (0, 0, 0)
        vivid = max(colour) - min(colour) >= 80
        empty = not text_mask[y0:y1, x0:x1].any() and not any(
            o is not region and region.box.contains(o.box, 1) for o in regions)
        if vivid and empty and region.border is None and region.box.w >= 40 \
                and region.box.h >= 30:
            pictures.append(Graphic(region.box, "picture", image=img[y0:y1, x0:x1].copy()))
        else:
            kept.append(region)
    return kept, pictures


def drawn_panels(img: Any, regions: list[Region], found: list[Graphic], text_mask: Any
                 ) -> tuple[list[Region], list[Graphic]]:
    """A flat panel with no text that holds large pictures is itself a picture: a flat
    illustration (a placeholder's sky with its hills and sun) is one image, not a box with
    loose shapes laid out in it."""
    import numpy as np

    kept = []
    for region in regions:
        x0, y0, x1, y1 = region.box.ints()
        inside = [g for g in found if region.box.contains(g.box, 1)]
        drawn = sum(g.box.area for g in inside)
        textless = text_mask[y0:y1, x0:x1].mean() <= 0.03 if region.box.area else False
        nested = any(o is not region and region.box.contains(o.box, 1) for o in regions)
        if inside and drawn >= 0.2 * region.box.area and textless and not nested \
                and region.border is None:
            found = [g for g in found if g not in inside]
            found.append(Graphic(region.box, "picture", image=np.array(img[y0:y1, x0:x1])))
        else:
            kept.append(region)
    return kept, found


def field_box(img: Any, graphic: Graphic) -> Region | None:
    """A "picture" that is really a form field: a light box (maybe with an inner shadow or a
    gradient edge) of one line's height; it becomes a bordered panel."""
    import numpy as np

    box = graphic.box
    if graphic.kind != "picture" or not (16 <= box.h <= 60 and box.w >= 3 * box.h):
        return None
    x0, y0, x1, y1 = box.ints()
    crop = img[y0:y1, x0:x1].astype(np.int16)
    inner = crop[3:-3, 3:-3].reshape(-1, 3)
    if inner.size == 0:
        return None
    fill = np.median(inner, axis=0)
    same = (np.abs(inner - fill).max(axis=1) <= TOL).mean()
    if same < 0.8 or fill.sum() < 600:
        return None
    sides = [np.median(side, axis=0) for side in (crop[0], crop[-1], crop[:, 0], crop[:, -1])]
    framed = [side for side in sides if np.abs(side - fill).max() > 20]
    if len(framed) < FRAMED_SIDES:
        return None  # a rule over a line of text (a table's row) is no field
    edge = np.median(np.concatenate([crop[0], crop[-1], crop[:, 0], crop[:, -1]]), axis=0)
    if np.abs(edge - fill).max() <= 20:
        return None
    return Region(box, tuple(int(v) for v in fill),  # type: ignore[arg-type]
                  border=(1, tuple(int(v) for v in edge)))  # type: ignore[arg-type]
