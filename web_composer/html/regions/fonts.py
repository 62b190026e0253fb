"""Text drawn in the wrong shape: refit font family, weight and size from the target's glyphs.

    edits = refit_fonts(elements, target, render, width=1280)

For the text elements that differ most between render and target, and whose text the
target shows too (the scorer's matched blocks say where), every candidate font (FAMILIES x
WEIGHTS, plus the element's current font) is drawn once, black on white, on one line at the
element's size (wrapped text: see below), all on one specimen page (one render in all). Each
drawing's ink is compared with the ink of the target where it draws that text: the shape cost is 1 - the correlation of the two
ink maps scaled to the target's ink box, plus how far the ink box's aspect ratio is off
(|log ratio|), both blind to the font size. The cheapest candidate replaces the current font when
it is clearly cheaper (MARGIN); the size is rescaled when width and height agree on one factor.
Wrapped text is drawn at the width of the target's box, so that the right font breaks its lines
where the target does; its size is left alone (the lines would break elsewhere).
"""

from __future__ import annotations

import html as htmlmod
from typing import Any

import numpy as np

from .edits import Edit, set_style
from .probe import Element

FAMILIES = ("'DejaVu Sans'", "'Liberation Sans'", "'DejaVu Serif'", "'Liberation Serif'",
            "'DejaVu Sans Mono'")
WEIGHTS = ("400", "700")
MAX_ELEMENTS = 16
MIN_DIFFERENCE = 10.0  # mean absolute pixel difference over the element's box to look at it
MARGIN = 0.15  # cost a candidate must save over the current font
MAX_COST = 0.6  # above this even the best drawing is unlike the target's (misread or misplaced text)
SIZE_AGREE = 0.12  # |log| between the width and height factors for a size change
MIN_SIZE_CHANGE = 0.06  # |log| of the factor below which the size is left alone
PAD = 0.4  # share of the text's height looked at above and below it in the target
ONE_LINE = 1.8  # element height / font size above which the text has wrapped
INK_CONTRAST = 60  # sum of channel differences from the background for a pixel to be ink


def ink_map(patch: np.ndarray) -> np.ndarray | None:
    """Boolean ink of a text patch, cropped to its ink box (None when there is no ink)."""
    if patch.size == 0:
        return None
    pixels = patch.reshape(-1, 3).astype(np.int16)
    codes = (pixels[:, 0] >> 3) * 1024 + (pixels[:, 1] >> 3) * 32 + (pixels[:, 2] >> 3)
    background = pixels[codes == np.bincount(codes).argmax()].mean(axis=0)
    distance = np.abs(patch.astype(np.int16) - background).sum(axis=2)
    ink = distance >= max(INK_CONTRAST, 0.4 * distance.max())
    if ink.sum() < 6:
        return None
    ys, xs = np.nonzero(ink)
    return ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def shape_cost(target: np.ndarray, candidate: np.ndarray, lines: int = 1) -> float:
    """How unlike two ink maps are (see the module docstring); 0 for identical drawings."""
    from PIL import Image

    th, tw = target.shape
    ch, cw = candidate.shape
    size = abs(np.log((cw / ch) / (tw / th)))  # the aspect: the same at any font size
    scale = min(1.0, 48 * lines / th)  # about 48 px a line: glyph shapes, not just ink
    shape = (max(4, round(tw * scale)), max(4, round(th * scale)))
    a = np.asarray(Image.fromarray(target.astype(np.uint8) * 255).resize(shape, Image.BILINEAR),
                   np.float64)
    b = np.asarray(Image.fromarray(candidate.astype(np.uint8) * 255).resize(shape, Image.BILINEAR),
                   np.float64)
    if a.std() == 0 or b.std() == 0:
        return 1.0 + size
    return float(1.0 - np.corrcoef(a.ravel(), b.ravel())[0, 1]) + size


def same_text(text: str) -> str:
    return " ".join(text.lower().split())


def _looked_at(elements: list[Element], target: np.ndarray, render: np.ndarray,
               matched: dict[str, tuple[int, int, int, int]] | None
               ) -> list[tuple[Element, tuple[int, int, int, int]]]:
    """The one-line text elements whose boxes differ most between target and render, each with
    where the target draws that text (x0, y0, x1, y1): its matched block's box when ``matched``
    maps texts to those boxes, else the element's own box."""
    height = min(target.shape[0], render.shape[0])
    scored = []
    for element in elements:
        if not element.own_text or element.children > 3 or not element.text:
            continue
        if wrapped(element) and matched is None:
            continue  # wrapped text is compared only at the width the target wraps it
        x, y, w, h = (round(v) for v in element.box)
        if w < 8 or h < 6 or y + h > height or x < 0 or x + w > target.shape[1]:
            continue
        if matched is not None:
            where = matched.get(same_text(element.text))
            if where is None:
                continue
        else:
            where = (x, y, x + w, y + h)
        delta = np.abs(target[y:y + h, x:x + w].astype(np.int16) - render[y:y + h, x:x + w]).mean()
        if delta >= MIN_DIFFERENCE:
            scored.append((delta * w * h, element, where))
    scored.sort(key=lambda item: -item[0])
    return [(element, where) for _, element, where in scored[:MAX_ELEMENTS]]


def wrapped(element: Element) -> bool:
    return element.box[3] > ONE_LINE * element.font["size"]


def _candidates(element: Element) -> list[tuple[str, str]]:
    current = (element.font["family"], str(element.font["weight"]))
    return [current] + [(f, w) for f in FAMILIES for w in WEIGHTS if (f, w) != current]


def _specimen_page(chosen: list[tuple[Element, tuple[int, int, int, int]]]) -> str:
    """One page with every candidate drawing: one line each, or wrapped at the width the target
    wraps that text (its box's width) when the element's text wraps."""
    parts = []
    for k, (element, (x0, _, x1, _)) in enumerate(chosen):
        font = element.font
        flow = f"width:{x1 - x0 + 8}px;white-space:normal" if wrapped(element) else "white-space:nowrap"
        for c, (family, weight) in enumerate(_candidates(element)):
            style = (f"font-family:{family};font-weight:{weight};font-size:{font['size']}px;"
                     f"line-height:{font['lineHeight']};letter-spacing:{font['spacing']};{flow}")
            parts.append(f'<div class="s" id="s{k}-{c}" style="{htmlmod.escape(style)}">'
                         f"{htmlmod.escape(element.text)}</div>")
    return ("<!DOCTYPE html><html><head><style>body{margin:0;background:#fff;color:#000;"
            "display:flex;flex-wrap:wrap;align-items:flex-start}.s{padding:4px;flex:none}"
            "</style></head><body>" + "".join(parts) + "</body></html>")


SPECIMEN_JS = r"""() => Array.from(document.querySelectorAll('.s')).map(el => {
  const r = el.getBoundingClientRect();
  return [el.id, r.left + scrollX, r.top + scrollY, r.width, r.height];
})"""


# the last specimen sheet drawn: (page, width) -> (boxes, picture); the page is self-contained
# (no files, no network), so the same page draws the same sheet
_SHEETS: dict[tuple[str, int], tuple[Any, np.ndarray]] = {}


def refit_fonts(elements: list[Element], target: np.ndarray, render: np.ndarray, *,
                width: int, matched: dict[str, tuple[int, int, int, int]] | None = None,
                families: bool = True, sizes: bool = True) -> list[Edit]:
    """Font edits for the text elements drawn in another shape than the target's; ``matched``
    maps texts (lower-cased, single-spaced) to where the target draws them (x0, y0, x1, y1 px)."""
    from ...render import RenderOptions, render_html

    looked_at = _looked_at(elements, target, render, matched)
    chosen = [element for element, _ in looked_at]
    wanted = {}
    for k, (element, (x0, y0, x1, y1)) in enumerate(looked_at):
        pad = max(3, round(PAD * (y1 - y0)))  # the target's text may be larger than the box
        ink = ink_map(target[max(0, y0 - pad):y1 + pad, max(0, x0 - 3):x1 + 3])
        if ink is not None:
            wanted[k] = ink
    if not wanted:
        return []
    page = _specimen_page(looked_at)
    drawn = _SHEETS.get((page, width))  # the same texts again (a later proposal of one revision)
    if drawn is None:
        shot = render_html(page, None, RenderOptions(width=width, evaluate=SPECIMEN_JS))
        drawn = (shot.data, np.asarray(shot.image()))
        _SHEETS.clear()
        _SHEETS[page, width] = drawn
    data, sheet = drawn
    costs: dict[int, list[tuple[float, int, np.ndarray]]] = {}
    for name, x, y, w, h in data or []:
        k, c = (int(v) for v in name[1:].split("-"))
        if k not in wanted:
            continue
        x0, y0 = round(x) + 4, round(y) + 4
        ink = ink_map(sheet[y0:round(y + h) - 4, x0:round(x + w) - 4])
        if ink is not None:
            lines = max(1, round(chosen[k].box[3] / (1.2 * chosen[k].font["size"])))
            costs.setdefault(k, []).append((shape_cost(wanted[k], ink, lines), c, ink))
    edits = []
    for k, found in costs.items():
        current = next((cost for cost, c, _ in found if c == 0), None)
        cost, c, ink = min(found, key=lambda item: item[0])
        edit = _edit(chosen[k], wanted[k], current, cost, c if families else 0, ink, sizes)
        if edit is not None:
            (x0, y0, x1, y1), (x, y, w, h) = looked_at[k][1], chosen[k].box
            edit.area = (min(x0, round(x)), min(y0, round(y)), max(x1, round(x + w)),
                         max(y1, round(y + h)))
            edits.append(edit)
    return edits


def _edit(element: Element, target_ink: np.ndarray, current: float | None, cost: float, c: int,
          ink: np.ndarray, sizes: bool) -> Edit | None:
    values: dict[str, str] = {}
    if cost > MAX_COST:
        return None
    if c != 0 and (current is None or cost <= current - MARGIN):
        family, weight = _candidates(element)[c]
        values.update({"font-family": family, "font-weight": weight})
    widths = np.log(target_ink.shape[1] / ink.shape[1])
    heights = np.log(target_ink.shape[0] / ink.shape[0])
    factor = (widths + heights) / 2
    if sizes and not wrapped(element) and abs(widths - heights) <= SIZE_AGREE and abs(factor) >= MIN_SIZE_CHANGE and \
            target_ink.shape[0] < 1.6 * ink.shape[0]:
        values["font-size"] = f"{element.font['size'] * float(np.exp(factor)):.1f}px"
    if not values:
        return None
    was = f"{element.font['family']} {element.font['weight']} {element.font['size']}px"
    return set_style(element.node, values, name="font",
                     why=f"the target's glyphs of {element.text[:40]!r} match "
                         f"{' '.join(values.values())} better than {was} "
                         f"(shape cost {cost:.2f}, was {current if current is None else round(current, 2)})")
