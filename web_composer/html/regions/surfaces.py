"""Non-text regions: the picture the page lacks, or a panel drawn in the wrong colour.

    edits = fix_surfaces(regions, elements, target, render, text_boxes, assets)

A differing region that is mostly not text is traced to the element whose box best covers it
(intersection over union >= MIN_IOU). What the target shows there, with its text painted out,
decides the edit. "There" follows the page's drift: where the render has put the content above
or inside the element lower or higher than the target does (the matched texts say by how much,
``drifts``), the target is read that much lower or higher, so a section drawn 300 px too low
still gets its own photograph behind its own text, not a slice of the section before it.
- a picture (many colours, strong texture): the target's pixels at the element's box are cropped
  into ``assets/`` and become the element's ``src`` (an <img>) or its background, so the picture
  sits in flow exactly where the element is; an element whose own pictures (<img> or
  backgrounds inside it) already cover PICTURED of it is left alone: a crop behind them would
  draw them twice;
- a flat panel: its colour (the median of the box), or a vertical/horizontal gradient when the two
  ends differ, becomes the element's background; a frame of another colour along all four edges
  becomes a 1 px border (an inset box-shadow, so nothing moves); boxes whose frame is too thin
  to make a region differ are looked at directly (find_frames).
Nothing is positioned: only the element's own background, border or source change.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

import numpy as np

from .diff import Region
from .edits import Edit, set_attribute, set_style
from .probe import Element

MIN_IOU = 0.5
TEXT_SHARE = 0.5  # regions with more text than this are left to the font refit
PICTURE_STD = 28.0  # grey standard deviation above which a patch is a picture, not a panel
PICTURE_COLOURS = 48  # distinct 4-bit colours a picture shows at least
GRADIENT_STEP = 14.0  # sum of channel differences between the two ends for a gradient
COLOUR_STEP = 18.0  # sum of channel differences for a panel's colour to count as wrong
MAX_EDITS = 12
FRAME_SLACK = 2  # px
MIN_FRAMED = 2400  # px: smaller boxes are not looked at for a frame
PICTURED = 0.2  # share of an element its own pictures cover before no crop goes behind them
MAX_DRIFT = 800  # px: a larger drift is taken for a wrong match
BAND_SPAN = 0.8  # share of an element's width (or height) a band region spans
BOX_SLACK = 3  # px at each end of a box left out when looking for a band
CELL_SLACK = 16  # px: a region is made of 16 px tiles, so its box overshoots by up to a tile

Drift = tuple[float, float, float, float, float]  # render x0, y0, x1, y1 of a text; target y - render y


def iou(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """Intersection over union of two x0, y0, x1, y1 boxes."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def corners(element: Element) -> tuple[int, int, int, int]:
    x, y, w, h = element.box
    return round(x), round(y), round(x + w), round(y + h)


def owner_of(region: Region, elements: list[Element]) -> Element | None:
    """The element whose box best matches the region (the innermost on ties)."""
    best, score = None, MIN_IOU
    for element in elements:
        if element.tag in ("html", "body") or element.own_text:
            continue
        value = iou(region.box, corners(element))
        if value >= score:  # later in document order = deeper: wins ties
            best, score = element, value
    return best


def band_owner(region: Region, elements: list[Element]) -> Element | None:
    """The innermost element that holds the region as a band across its whole width or height
    (a card whose header strip the render lacks: the region is the strip, a part of the card)."""
    found = None
    rx0, ry0, rx1, ry1 = region.box
    for element in elements:
        if element.tag in ("html", "body", "img") or element.own_text or element.has_image:
            continue
        x0, y0, x1, y1 = corners(element)
        if x1 - x0 < 24 or y1 - y0 < 24:
            continue
        inside = rx0 >= x0 - CELL_SLACK and ry0 >= y0 - CELL_SLACK and \
            rx1 <= x1 + CELL_SLACK and ry1 <= y1 + CELL_SLACK
        across = (rx1 - rx0) >= BAND_SPAN * (x1 - x0) or (ry1 - ry0) >= BAND_SPAN * (y1 - y0)
        if inside and across:
            found = element  # later in document order = deeper
    return found


def hex_colour(rgb: Any) -> str:
    return "#" + "".join(f"{int(round(c)):02x}" for c in rgb)


def png_bytes(pixels: np.ndarray) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(pixels)).save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def is_picture(patch: np.ndarray) -> bool:
    grey = patch.astype(np.float64) @ np.array([0.299, 0.587, 0.114])
    codes = (patch[..., 0] >> 4).astype(np.int32) * 256 + (patch[..., 1] >> 4) * 16 + (patch[..., 2] >> 4)
    return grey.std() >= PICTURE_STD and len(np.unique(codes)) >= PICTURE_COLOURS


def _median(patch: np.ndarray) -> np.ndarray:
    return np.median(patch.reshape(-1, 3), axis=0)


def band_split(patch: np.ndarray, axis: int) -> tuple[int, np.ndarray, np.ndarray] | None:
    """Where a patch made of two flat parts (a card's header strip over its body, an input next
    to its button) changes colour at one sharp edge along ``axis`` (0: rows, 1: columns): the
    edge's offset in px and the two colours; None for one flat colour or a smooth ramp."""
    lines = np.median(patch, axis=1 - axis)  # one colour per row (axis 0) or column (axis 1)
    if len(lines) < 24:
        return None
    lines = lines[BOX_SLACK:-BOX_SLACK]  # a draft's box can take in a few px of its surroundings
    size = len(lines)
    steps = np.abs(np.diff(lines.astype(np.float64), axis=0)).sum(axis=1)
    edge = int(np.argmax(steps)) + 1
    if edge < 6 or size - edge < 6 or steps[edge - 1] < COLOUR_STEP:
        return None
    first, second = _median(lines[:edge][None]), _median(lines[edge:][None])
    flat = (np.abs(lines[:edge] - first).sum(axis=1) < 12).mean() > 0.9 and \
        (np.abs(lines[edge:] - second).sum(axis=1) < 12).mean() > 0.9
    return (edge + BOX_SLACK, first, second) if flat else None


def _fill_differs(shown: np.ndarray, patch: np.ndarray) -> bool:
    """Whether the render's fill of a box is not the target's: another colour overall, or a band
    (band_split) the render lacks or draws elsewhere or in other colours."""
    if np.abs(_median(shown) - _median(patch)).sum() >= COLOUR_STEP:
        return True
    for axis in (0, 1):
        wanted = band_split(patch, axis)
        if wanted is None:
            continue
        drawn = band_split(shown, axis)
        if drawn is None or abs(drawn[0] - wanted[0]) > 4 or \
                np.abs(drawn[1] - wanted[1]).sum() + np.abs(drawn[2] - wanted[2]).sum() >= COLOUR_STEP:
            return True
    return False


def panel_fill(patch: np.ndarray) -> tuple[str, str] | None:
    """("background-color", value) or ("background-image", gradient) from a flat patch: two
    flat parts meeting at a sharp edge become a gradient with hard stops there (a band), two
    ends of different colours a smooth gradient, else one colour."""
    h, w = patch.shape[:2]
    for axis, direction in ((0, ""), (1, "to right, ")):
        band = band_split(patch, axis)
        if band is not None:
            edge, first, second = band
            return "background", (f"linear-gradient({direction}{hex_colour(first)} {edge}px, "
                                   f"{hex_colour(second)} {edge}px)")
    top, bottom = _median(patch[: max(1, h // 8)]), _median(patch[-max(1, h // 8):])
    left, right = _median(patch[:, : max(1, w // 8)]), _median(patch[:, -max(1, w // 8):])
    if np.abs(top - bottom).sum() >= GRADIENT_STEP and h >= 24:
        return "background", f"linear-gradient({hex_colour(top)}, {hex_colour(bottom)})"
    if np.abs(left - right).sum() >= GRADIENT_STEP and w >= 24:
        return "background", f"linear-gradient(to right, {hex_colour(left)}, {hex_colour(right)})"
    return "background", hex_colour(_median(patch))


def frame_colour(image: np.ndarray, box: tuple[int, int, int, int]) -> tuple[np.ndarray, bool] | None:
    """The colour of a 1 px frame ``image`` draws along the top, left and right edges of ``box``
    (each found within FRAME_SLACK px of the box's edge: a draft's box is rarely exact), if any,
    and whether it lies just outside the box."""
    x0, y0, x1, y1 = box
    height, width = image.shape[:2]
    if x1 - x0 < 16 or y1 - y0 < 16 or x0 < FRAME_SLACK or y0 < FRAME_SLACK or \
            x1 + FRAME_SLACK > width or y1 > height:
        return None
    inside = _median(image[y0 + 6:y1 - 6, x0 + 6:x1 - 6])
    span = slice(y0 + 6, y1 - 6)
    out = FRAME_SLACK + 2  # where the outside is looked at
    if y0 < out or x0 < out or x1 + out > width:
        return None
    sides = [[image[y0 + d, x0 + 6:x1 - 6] for d in range(-FRAME_SLACK, FRAME_SLACK + 1)],
             [image[span, x0 + d] for d in range(-FRAME_SLACK, FRAME_SLACK + 1)],
             [image[span, x1 - 1 + d] for d in range(-FRAME_SLACK, FRAME_SLACK + 1)]]
    outside = [_median(image[y0 - out, x0 + 6:x1 - 6][None]), _median(image[span, x0 - out][None]),
               _median(image[span, x1 - 1 + out][None])]
    colours, offsets = [], []
    for lines, beyond in zip(sides, outside):
        found = None
        for offset, line in enumerate(lines, start=-FRAME_SLACK):
            colour = _median(line[None])
            # a frame: a line unlike the inside and the outside, of one colour along most of it
            if np.abs(colour - inside).sum() >= 30 and np.abs(colour - beyond).sum() >= 30 and \
                    (np.abs(line.astype(np.int16) - colour).sum(axis=1) < 24).mean() > 0.8:
                found = colour
                break
        if found is None:
            return None
        colours.append(found)
        offsets.append(offset)
    if max(np.abs(c - colours[0]).sum() for c in colours) < 24:
        return np.mean(colours, axis=0), offsets[0] < 0 and offsets[1] < 0
    return None


def plain_patch(image: np.ndarray, box: tuple[int, int, int, int],
                text_boxes: list[tuple[float, float, float, float]]) -> np.ndarray:
    """The pixels of ``box`` with the text boxes inside it painted out (OpenCV Telea): what a
    panel or picture behind the text is made of."""
    import cv2

    x0, y0, x1, y1 = box
    patch = np.ascontiguousarray(image[y0:y1, x0:x1])
    mask = np.zeros(patch.shape[:2], np.uint8)
    for bx0, by0, bx1, by1 in text_boxes:
        if bx1 > x0 and bx0 < x1 and by1 > y0 and by0 < y1:
            mask[max(0, int(by0) - y0 - 1):max(0, int(by1) - y0 + 1),
                 max(0, int(bx0) - x0 - 1):max(0, int(bx1) - x0 + 1)] = 255
    if not mask.any() or mask.all():
        return patch
    return cv2.inpaint(patch[:, :, ::-1].copy(), mask, 3, cv2.INPAINT_TELEA)[:, :, ::-1]


def drift_at(box: tuple[int, int, int, int], drifts: list[Drift]) -> int:
    """How much lower (px) the target draws what the render draws in ``box``: the median drift
    of the matched texts inside it, else that of the nearest text above it, else 0."""
    x0, y0, x1, y1 = box
    inside = [d[4] for d in drifts if x0 <= (d[0] + d[2]) / 2 <= x1 and y0 <= (d[1] + d[3]) / 2 <= y1]
    if inside:
        value = float(np.median(inside))
    else:
        above = [d for d in drifts if d[3] <= y0 + 2]
        value = max(above, key=lambda d: d[3])[4] if above else 0.0
    return round(value) if abs(value) <= MAX_DRIFT else 0


def pictured_share(element: Element, elements: list[Element]) -> float:
    """Share of ``element``'s box covered by the pictures drawn inside it (its <img> and
    background-image descendants; overlaps counted once)."""
    x0, y0, x1, y1 = corners(element)
    if x1 <= x0 or y1 <= y0:
        return 0.0
    cover = np.zeros((y1 - y0, x1 - x0), bool)
    for other in elements:
        if (other.tag == "img" or other.has_image) and element.node in other.node.parents:
            a0, b0, a1, b1 = corners(other)
            cover[max(0, b0 - y0):max(0, b1 - y0), max(0, a0 - x0):max(0, a1 - x0)] = True
    return float(cover.mean())


def fix_surfaces(regions: list[Region], elements: list[Element], target: np.ndarray,
                 render: np.ndarray, text_boxes: list[tuple[float, float, float, float]],
                 assets: dict[str, bytes], drifts: list[Drift] | None = None) -> list[Edit]:
    """Edits for the non-text regions (see the module docstring); pictures go into ``assets``.
    ``text_boxes`` (x0, y0, x1, y1 px) are the target's text, painted out before measuring;
    ``drifts`` the matched texts' places in the render and how much lower the target has them."""
    edits: list[Edit] = []
    done: set[int] = set()
    height, width = target.shape[:2]
    for region in regions:
        if region.text_share > TEXT_SHARE or len(edits) >= MAX_EDITS:
            continue
        element = owner_of(region, elements)
        band = element is None
        if band:  # no element is the region: one may hold it as a band (a panel, never a picture)
            element = band_owner(region, elements)
        if element is None or id(element.node) in done:
            continue
        done.add(id(element.node))
        x0, y0, x1, y1 = corners(element)
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(width, x1), min(render.shape[0], y1)
        dy = drift_at((x0, y0, x1, y1), drifts or [])
        dy = max(-y0, min(dy, height - y1))  # the target's box stays inside the target
        if x1 - x0 < 8 or y1 - y0 < 8 or y1 + dy > height:
            continue
        there = (x0, y0 + dy, x1, y1 + dy)  # where the target draws what the element should show
        patch = plain_patch(target, there, text_boxes)
        shown = render[y0:y1, x0:x1]
        why = (f"the render differs from the target over {x1 - x0}x{y1 - y0} px at "
               f"({x0}, {y0}) (mean difference {region.difference:.0f})"
               + (f"; the target draws it {abs(dy)} px {'lower' if dy > 0 else 'higher'}"
                  if dy else ""))
        if is_picture(patch) and pictured_share(element, elements) >= PICTURED:
            continue  # its own pictures are there: the difference is theirs, not a lost picture
        if band and (is_picture(patch) or band_split(patch, 0) is None and band_split(patch, 1) is None):
            continue  # held as a band, the element shows two flat parts, or it is left alone
        if is_picture(patch):
            data = png_bytes(patch)
            name = f"wc-{hashlib.sha1(data).hexdigest()[:10]}.png"
            assets[name] = data
            if element.tag == "img":
                edit = set_attribute(element.node, "src", f"assets/{name}", name="picture",
                                     why=why + "; the target shows a picture there")
            else:
                edit = set_style(element.node, {
                    "background": f"url(assets/{name}) 0 0/100% 100% no-repeat"},
                    name="picture", why=why + "; the target shows a picture there")
            edit.area, edit.drift = (x0, y0, x1, y1), dy
            edits.append(edit)
            continue
        prop, value = panel_fill(patch)
        if _fill_differs(shown, patch):
            edits.append(set_style(element.node, {prop: value}, name="panel",
                                   why=why + f"; the target's panel is {value}"))
            edits[-1].area, edits[-1].drift = (x0, y0, x1, y1), dy
        frame = frame_colour(target, there)
        if frame is not None and frame_colour(render, (x0, y0, x1, y1)) is None:
            edits.append(_frame(element, frame, (x0, y0, x1, y1), why + "; the target frames it"))
            edits[-1].drift = dy
    return edits + find_frames(elements, target, render, done)


def find_frames(elements: list[Element], target: np.ndarray, render: np.ndarray,
                done: set[int]) -> list[Edit]:
    """Borders the target draws around boxes (cards, buttons) that the render leaves open: a
    1 px frame is too thin to make a tile differ, so every sizable box without text of its own
    is looked at directly."""
    edits: list[Edit] = []
    height = min(target.shape[0], render.shape[0])
    for element in elements:
        if element.tag in ("html", "body", "img") or element.own_text or id(element.node) in done:
            continue
        x0, y0, x1, y1 = corners(element)
        if x0 < 0 or y1 > height or x1 > target.shape[1] or (x1 - x0) * (y1 - y0) < MIN_FRAMED:
            continue
        frame = frame_colour(target, (x0, y0, x1, y1))
        if frame is None or frame_colour(render, (x0, y0, x1, y1)) is not None:
            continue
        done.add(id(element.node))
        edits.append(_frame(element, frame, (x0, y0, x1, y1),
                            f"the target frames the {x1 - x0}x{y1 - y0} px box at ({x0}, {y0}); "
                            "the render does not"))
        if len(edits) >= MAX_EDITS:
            break
    return edits



def _frame(element: Element, frame: tuple[np.ndarray, bool], box: tuple[int, int, int, int],
           why: str) -> Edit:
    """A 1 px frame as a box-shadow (inside the box, or just outside it where the target draws
    it there): it changes no size, so nothing moves."""
    colour, outside = frame
    shadow = f"0 0 0 1px {hex_colour(colour)}" if outside else f"inset 0 0 0 1px {hex_colour(colour)}"
    edit = set_style(element.node, {"box-shadow": shadow}, name="border", why=why)
    x0, y0, x1, y1 = box
    edit.area = (max(0, x0 - FRAME_SLACK), max(0, y0 - FRAME_SLACK), x1 + FRAME_SLACK, y1 + FRAME_SLACK)
    return edit
