"""Surfaces: outlined boxes, corner radius, drop shadow and gradients, measured from pixels.

The palette segmentation finds panels by their fill. Three kinds of surface escape it:

- an *outlined* box whose inside is the colour around it (an outline button, a bordered card on a
  white page): only its thin border differs, often in a colour too rare to be in the palette.
  ``outlined_regions`` finds such boxes as closed loops of colour edges around a quiet inside;
  a small loop around a mark and no text (a social icon in a circle) is one picture instead, so
  the mark and its ring are never split;
- the *corners* and *shadow* of any panel: ``finish_surfaces`` walks each corner's diagonal for
  the radius and reads the darkening ramp outside the panel's edges for a CSS box-shadow;
- a backdrop that is a smooth *gradient*: ``css_gradient`` fits a plane to each colour channel
  and, when it explains the crop, returns a CSS linear-gradient instead of a picture.
"""

from __future__ import annotations

import math
from typing import Any

from .elements import RGB, Box, Graphic, Region

EDGE = 10  # channel step between neighbours that counts as an edge
TOL = 14  # same colour tolerance as the segmentation's
MAX_BADGE = 96  # a loop this small around a mark (no text) is an icon on a badge
MAX_SHADOW = 24  # px outside a panel searched for its shadow
TWO_TONE = 40  # channel difference between opposite sides that makes a border two-toned


def outlined_regions(img: Any, regions: list[Region], text_mask: Any, background: RGB
                     ) -> tuple[list[Region], list[Graphic]]:
    """Outlined boxes (border, quiet inside) not already panels, and icons on small rings."""
    import cv2
    import numpy as np

    H, W = img.shape[:2]
    edges = edge_map(img)
    loops = _bridge(edges & ~text_mask, edges)
    n, cc, stats, _ = cv2.connectedComponentsWithStats(loops.astype(np.uint8), connectivity=8)
    w, h, area = stats[:, 2], stats[:, 3], stats[:, 4]
    pick = np.nonzero((w >= 24) & (h >= 16) & (area <= 0.3 * w * h) & (area >= 1.5 * (w + h))
                      & (w < W - 2))[0]
    found: list[Region] = []
    icons: list[Graphic] = []
    for i in pick[pick > 0]:
        x, y, bw, bh = (int(v) for v in stats[i][:4])
        # an edge pixel is the one before a step: the loop starts a pixel outside on the top
        # and left sides, and ends on the last pixel of the box on the others
        box = Box(x + 1, y + 1, x + bw, y + bh)
        if any(_same_box(box, r.box) for r in regions + found):
            continue
        if any(r.box.intersection(box) > 0 and not r.box.contains(box, 1)
               and not box.contains(r.box, 1) for r in regions + found):
            continue  # a loop across a panel's edge: not a box of its own
        part = cc[y:y + bh, x:x + bw] == i
        shape = _filled(part)
        if shape.mean() < 0.75:
            continue  # not a (rounded) rectangle or circle (a badge may be round)
        inside = shape & ~cv2.dilate(part.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
        if inside.sum() < 0.5 * shape.sum():
            continue  # a thick blob, not a thin loop
        quiet = inside & ~text_mask[y:y + bh, x:x + bw]
        has_text = text_mask[y:y + bh, x:x + bw][inside].mean() > 0.02
        busy = edges[y:y + bh, x:x + bw][quiet].mean() if quiet.any() else 1.0
        squarish = bw <= 1.5 * bh and bh <= 1.5 * bw
        if squarish and max(bw, bh) <= MAX_BADGE and not has_text and busy > 0.01:
            icons.append(Graphic(box, "picture", image=img[y:y + bh, x:x + bw].copy()))
            continue
        button = 16 <= bh <= 80 and bw >= 1.5 * bh  # its label may not be read yet
        if busy > 0.08 and not button:
            continue  # a picture's outline, not a surface
        if shape.mean() < 0.9:
            continue  # a disc or an oval: a picture's shape, not a box
        for inner in regions:  # a picture or panel inside is not the box's own fill
            if box.contains(inner.box, 1):
                ix0, iy0, ix1, iy1 = inner.box.ints()
                quiet[max(0, iy0 - y):max(0, iy1 - y), max(0, ix0 - x):max(0, ix1 - x)] = False
        pixels = img[y:y + bh, x:x + bw][quiet & ~edges[y:y + bh, x:x + bw]]
        if len(pixels) < 50:
            continue
        fill = tuple(int(v) for v in np.median(pixels, axis=0))
        region = _outlined(img, box, fill)  # type: ignore[arg-type]
        if region is not None:
            found.append(region)
    return found, icons


def _bridge(loops: Any, edges: Any, reach: int = 61) -> Any:
    """Give back the edge pixels of straight sides that an OCR box laid across (a line read
    over two cards cuts their borders): gaps up to ``reach`` px in a row or column of loop
    pixels are closed, keeping only pixels that are edges."""
    import cv2
    import numpy as np

    mask = loops.astype(np.uint8)
    across = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((1, reach), np.uint8))
    down = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((reach, 1), np.uint8))
    return loops | (edges & ((across | down) > 0))


def edge_map(img: Any) -> Any:
    """Pixels that differ from their right or lower neighbour by more than EDGE in a channel."""
    import cv2
    import numpy as np

    out = np.zeros(img.shape[:2], bool)
    for step, where in ((cv2.absdiff(img[:, 1:], img[:, :-1]), out[:, :-1]),
                        (cv2.absdiff(img[1:], img[:-1]), out[:-1, :])):
        # uint8 differences and a channel-wise maximum: a tenth of the time of int16 arithmetic
        where |= np.maximum(np.maximum(step[..., 0], step[..., 1]), step[..., 2]) > EDGE
    return out


def _filled(part: Any) -> Any:
    import cv2
    import numpy as np

    mask = part.astype(np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 1, thickness=-1)
    return filled.astype(bool)


def _same_box(a: Box, b: Box, slack: float = 4) -> bool:
    return all(abs(p - q) <= slack for p, q in zip((a.x0, a.y0, a.x1, a.y1),
                                                   (b.x0, b.y0, b.x1, b.y1)))


def _outlined(img: Any, box: Box, fill: RGB) -> Region | None:
    """The box as a Region: its fill, and its border read across the middle third of each
    side, where the border is thinnest (a picture inside may touch one side)."""
    import numpy as np

    x0, y0, x1, y1 = box.ints()
    xs = slice(x0 + (x1 - x0) // 3, x1 - (x1 - x0) // 3)
    ys = slice(y0 + (y1 - y0) // 3, y1 - (y1 - y0) // 3)
    sides = [img[y0:min(y1, y0 + 6), xs], img[max(y0, y1 - 6):y1, xs][::-1],
             img[ys, x0:min(x1, x0 + 6)].transpose(1, 0, 2),
             img[ys, max(x0, x1 - 6):x1][:, ::-1].transpose(1, 0, 2)]
    best = None
    for side in sides:
        if side.size == 0:
            return None
        side = side.astype(np.int16)
        differs = np.abs(side - np.array(fill)).max(axis=2) > TOL  # depth x along the side
        width = int(np.median(differs.sum(axis=0)))
        if best is None or width < best[0]:
            best = (width, side[differs])
    assert best is not None
    width, ink = best
    if width == 0 or width > 4:
        return Region(box, fill) if width == 0 else None
    strongest = ink[np.argmax(np.abs(ink - np.array(fill)).max(axis=1))]
    colour = tuple(int(v) for v in strongest)
    return Region(box, fill, border=(width, colour))  # type: ignore[arg-type]


def finish_surfaces(img: Any, regions: list[Region], background: RGB) -> list[Graphic]:
    """Corner radius and drop shadow of every solid panel, against what it sits on. Returns the
    strips the shadows darken, so that the picture finder does not take a halo for a picture."""
    H, W = img.shape[:2]
    halos: list[Graphic] = []
    for region in regions:
        if region.color is None:
            continue
        x0, y0, x1, y1 = region.box.ints()
        if x0 <= 0 or x1 >= W or y0 < 0 or y1 > H:
            continue  # a full-width band: no corners to read
        under = _under(region, regions, background)
        if region.shadow is None:
            region.shadow = box_shadow(img, region.box, under)
            if region.shadow:
                halos += _halo(region.box, H, W)
        if not region.radius:
            edge = region.border[1] if region.border is not None else region.color
            # a shadow darkens the ring around the panel: then the surface is the reference
            ground = under if region.shadow else _around(img, region.box)
            region.radius = corner_radius(img, region.box, ground, edge, region.color)
    return halos


def _halo(box: Box, H: int, W: int) -> list[Graphic]:
    """The four strips around a shadowed panel, as boxes the picture finder leaves alone."""
    x0, y0, x1, y1 = box.ints()
    r = MAX_SHADOW
    strips = [Box(max(0, x0 - r), max(0, y0 - r), min(W, x1 + r), y0),
              Box(max(0, x0 - r), y1, min(W, x1 + r), min(H, y1 + r)),
              Box(max(0, x0 - r), y0, x0, y1), Box(x1, y0, min(W, x1 + r), y1)]
    return [Graphic(s, "shape") for s in strips if s.w > 0 and s.h > 0]


def _around(img: Any, box: Box) -> RGB:
    """The colour just outside ``box`` (a ring 2 px out): what its corners are cut from, even
    on a photograph or a gradient the panel list does not know as a surface."""
    import numpy as np

    H, W = img.shape[:2]
    x0, y0, x1, y1 = box.grow(2).ints()
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(W - 1, x1), min(H - 1, y1)
    ring = np.concatenate([img[y0, x0:x1], img[y1, x0:x1], img[y0:y1, x0], img[y0:y1, x1]])
    return tuple(int(v) for v in np.median(ring, axis=0))  # type: ignore[return-value]


def _under(region: Region, regions: list[Region], background: RGB) -> RGB:
    best = None
    for other in regions:
        if other is not region and other.color is not None and other.box.contains(region.box, 1) \
                and other.box.area > region.box.area:
            if best is None or other.box.area < best.box.area:
                best = other
    return best.color if best is not None else background  # type: ignore[return-value]


def corner_radius(img: Any, box: Box, under: RGB, edge: RGB, fill: RGB | None = None) -> int:
    """The second shortest of the four corners' diagonal runs still on the ground, short of the
    panel's edge colour (its border, else its fill); a circle of radius r leaves r(1 - 1/√2)
    of the diagonal outside it. Near half the side: a pill (or a circle). Progress is measured along the line
    from the ground's colour to the edge's, so a shadow (darker, away from a light panel) or
    an anti-aliased thin border (part of the way) reads right. A step that lands on the
    ``fill`` (closer to it than to the ground) is inside: a 1 px border on a tight corner can
    be stepped over diagonally."""
    import numpy as np

    x0, y0, x1, y1 = box.ints()
    x1, y1 = x1 - 1, y1 - 1
    side = min(x1 - x0, y1 - y0)
    ground = np.array(under, np.float32)
    towards = np.array(edge, np.float32) - ground
    contrast = float(towards @ towards)
    if np.abs(towards).max() < 8:
        return 0
    inside = np.array(fill, np.float32) if fill is not None else None
    if inside is not None and np.abs(inside - ground).max() < 8:
        inside = None  # a fill like the ground: only the border shows the corner
    runs = []
    for cx, cy, dx, dy in ((x0, y0, 1, 1), (x1, y0, -1, 1), (x0, y1, 1, -1), (x1, y1, -1, -1)):
        steps = 0
        for d in range(side // 2):
            pixel = img[cy + dy * d, cx + dx * d].astype(np.float32)
            if (pixel - ground) @ towards >= 0.3 * contrast:
                break  # a third of the way from the ground to the edge: the corner's curve
            if inside is not None and np.abs(pixel - inside).max() < np.abs(pixel - ground).max():
                break
            steps += 1
        runs.append(steps)
    # the second smallest: one odd corner (a neighbour) does not count; but where the sides are
    # drawn in two tones (a form field's inset border: dark above and left, light below and
    # right), the light corners fade into the ground and only the smallest is a true corner
    steps = sorted(runs)[0 if _two_tone(img, x0, y0, x1, y1) else 1]
    radius = int(round(steps / (1 - 2 ** -0.5))) if steps else 0
    # a box one pixel off along the diagonal moves the radius by 3.4 px: a button within that
    # (and the rounding) of half its height is a pill; a small one only when clearly so
    if radius >= (min(0.42 * side, side / 2 - 5) if side >= 40 else 0.42 * side):
        radius = (side + 1) // 2
    return radius


def _two_tone(img: Any, x0: int, y0: int, x1: int, y1: int) -> bool:
    """The middle pixels of the top and left sides differ from those of the bottom and right
    (an inset or outset border)."""
    import numpy as np

    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    top, left = img[y0, cx].astype(int), img[cy, x0].astype(int)
    bottom, right = img[y1, cx].astype(int), img[cy, x1].astype(int)
    return bool(np.abs(top - bottom).max() > TWO_TONE and np.abs(left - right).max() > TWO_TONE)


def box_shadow(img: Any, box: Box, under: RGB) -> str | None:
    """A CSS box-shadow from the darkening outside the bottom and top edges.

    Under a gaussian shadow of blur B (sigma B/2) moved down by oy, the darkening fades out
    about oy + 1.65 sigma below the panel and 1.65 sigma - oy above it; the depth at the edge
    gives the opacity."""
    import numpy as np

    H, W = img.shape[:2]
    x0, y0, x1, y1 = box.ints()
    if x1 - x0 < 24 or y1 - y0 < 16:
        return None
    xs = slice(x0 + (x1 - x0) // 4, x1 - (x1 - x0) // 4)
    ground = float(np.mean(under))
    if ground < 60:
        return None  # a shadow on a dark surface cannot be seen
    below = _ramp(img, xs, range(y1, min(H, y1 + MAX_SHADOW)), ground)
    above = _ramp(img, xs, range(y0 - 1, max(-1, y0 - 1 - MAX_SHADOW), -1), ground)
    sides = [_ramp(img.transpose(1, 0, 2), slice(y0 + (y1 - y0) // 4, y1 - (y1 - y0) // 4),
                   r, ground) for r in (range(x1, min(W, x1 + MAX_SHADOW)),
                                        range(x0 - 1, max(-1, x0 - 1 - MAX_SHADOW), -1))]
    if below is None or below[0] < 3 or any(s is None for s in sides):
        return None
    if not all(s is not None and s[0] >= 1.5 for s in sides):
        return None  # only below: a rule or a neighbour, not a shadow all round
    depth, reach_b = below
    reach_t = above[1] if above is not None else 0
    oy = max(0.0, (reach_b - reach_t) / 2)
    sigma = max(1.0, (reach_b + reach_t) / (2 * 1.65))
    at_edge = 0.5 * (1 + math.erf(oy / sigma / math.sqrt(2)))
    alpha = min(0.6, depth / ground / max(at_edge, 0.3))
    return f"0 {round(oy)}px {round(2 * sigma)}px rgba(0,0,0,{alpha:.2f})"


def _ramp(img: Any, cols: slice, rows: range, ground: float) -> tuple[float, int] | None:
    """(darkening at the edge, px until it fades) along ``rows`` outside an edge, or None when
    the strip is not a fading darkening of the ground (something else sits there)."""
    import numpy as np

    if len(rows) < 4:
        return None
    lum = np.array([float(img[r, cols].mean()) for r in rows])
    dark = ground - lum
    if dark.min() < -4 or np.any(np.diff(dark) > 2):
        return None  # lighter than the ground, or darkening that grows outwards
    faded = np.nonzero(dark < 1)[0]
    if len(faded) == 0:
        return None  # never fades within reach: a darker area, not a shadow
    return float(dark[0]), int(faded[0])


def css_gradient(crop: Any) -> str | None:
    """A CSS linear-gradient when a plane per channel explains the crop (RMS error <= 3 and a
    change of at least 16 levels), else None."""
    import numpy as np

    h, w = crop.shape[:2]
    if h < 8 or w < 8:
        return None
    step = max(1, int(max(h, w) // 96))
    sample = crop[::step, ::step, :3].astype(np.float64)
    sh, sw = sample.shape[:2]
    ys, xs = np.mgrid[0:sh, 0:sw]
    a = np.stack([np.ones(sh * sw), xs.ravel() * step, ys.ravel() * step], axis=1)
    values = sample.reshape(-1, 3)
    coef, *_ = np.linalg.lstsq(a, values, rcond=None)
    error = float(np.sqrt(np.mean((a @ coef - values) ** 2)))
    gx, gy = coef[1], coef[2]  # per channel, levels per px
    strongest = int(np.argmax(np.hypot(gx, gy)))
    ux, uy = gx[strongest], gy[strongest]
    norm = math.hypot(ux, uy)
    if error > 3 or norm == 0:
        return None
    ux, uy = ux / norm, uy / norm
    length = w * abs(ux) + h * abs(uy)  # CSS's gradient line for this angle
    if np.abs(np.hypot(gx, gy)).max() * length < 16:
        return None  # flat: a plain colour does it
    centre = coef[0] + gx * w / 2 + gy * h / 2
    start = centre - (gx * ux + gy * uy) * length / 2
    end = centre + (gx * ux + gy * uy) * length / 2
    angle = math.degrees(math.atan2(ux, -uy)) % 360
    return f"linear-gradient({round(angle)}deg,{_hex(start)},{_hex(end)})"


def _hex(colour: Any) -> str:
    r, g, b = (int(round(min(255.0, max(0.0, float(v))))) for v in colour)
    return f"#{r:02x}{g:02x}{b:02x}"


def split_across_panels(lines: list[Any], regions: list[Region]) -> list[Any]:
    """OCR lines whose words lie in different panels (a price read across two cards) split into
    one line per panel, so each part can sit inside its own card."""
    from .icons import line_of

    out: list[Any] = []
    for line in lines:
        words = list(getattr(line, "words", None) or ())
        if len(words) < 2:
            out.append(line)
            continue
        homes = [_home(Box(*w[1]), regions) for w in words]
        if all(h is homes[0] for h in homes):
            out.append(line)
            continue
        run = [words[0]]
        for word, home, before in zip(words[1:], homes[1:], homes):
            if home is not before:
                out.append(line_of(run, line.score))
                run = []
            run.append(word)
        out.append(line_of(run, line.score))
    return out


def _home(box: Box, regions: list[Region]) -> Region | None:
    """The smallest panel holding the middle of ``box``."""
    best = None
    for region in regions:
        if region.box.contains(Box(box.cx, box.cy, box.cx, box.cy)):
            if best is None or region.box.area < best.box.area:
                best = region
    return best
