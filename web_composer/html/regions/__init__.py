"""Revising a page from what its render visibly gets wrong: the pixel difference, region by region.

    revision = revise_from_pixels(html, target, base_dir=folder, width=1280, text_boxes=boxes)
    revision.html, revision.edits, revision.assets

1. render the page once with a probe (probe.py): every element's box, font and background;
2. compare that render with the target in tiles and join the differing tiles into regions
   (diff.py);
3. a table whose rows drift gets their pitch (and rule lines) from the target, once for all
   rows (rows.py);
4. a page drawn wider than the target gets what sticks out clipped (overflow.py); the
   non-text regions become the missing picture (cropped from the target) or the panel's
   colour, gradient or border (surfaces.py); a picture lost with its element is inserted in
   flow into the gap it left (gaps.py); rule lines the render lacks are drawn as background
   layers of the element holding them (rules.py); a form control drawn with other corners than the
   target's gets the target's radius (controls.py);
5. text elements drawn in another shape get their font family, weight and size refitted by
   drawing candidates and comparing glyph shapes with the target (fonts.py);
6. the edited page is rendered once more and every edit that did not bring its own area closer
   to the target is undone (verify).
Each change is a named Edit (edits.py) that report.html and ``iterations/NN/edits.json`` show.
Misplaced blocks are moved by the block reviser (html/patch: margins within the flow); nothing
here positions anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .diff import Region, differing_regions
from .edits import Edit

VERIFY_GAIN = 0.05  # mean absolute difference (0..255) an edit must take off its own area
VERIFY_GAIN_BELOW = 0.05  # ... or off everything below it, for an edit that can move what follows
MOVES_LAYOUT = ("font", "rows")  # edits that can change heights (a page farther from the
#                                    target's height is a worse page)

__all__ = ["Edit", "Region", "Revision", "revise_from_pixels", "target_pixels"]


@dataclass
class Revision:
    html: str
    edits: list[Edit] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)  # relative to assets/
    kinds: tuple[str, ...] = ()
    proposed: int = 0  # edits found before the check render undid those that did not help


def target_pixels(target: Any, width: int) -> np.ndarray:
    """The target screenshot (PIL image or array) as RGB at ``width`` CSS pixels wide."""
    from PIL import Image

    picture = target if isinstance(target, Image.Image) else Image.fromarray(np.asarray(target))
    picture = picture.convert("RGB")
    if picture.width != width:
        height = round(picture.height * width / picture.width)
        picture = picture.resize((width, height), Image.LANCZOS)
    return np.asarray(picture)


def revise_from_pixels(html: str, target: Any, *, width: int, base_dir: Path | None = None,
                       text_boxes: list[tuple[float, float, float, float]] | None = None,
                       matched: dict[str, tuple[int, int, int, int]] | None = None,
                       kinds: tuple[str, ...] = ("rows", "surfaces", "families", "sizes"),
                       drifts: list[tuple[float, float, float, float, float]] | None = None,
                       probed: tuple[dict[str, Any], Any] | None = None) -> Revision:
    """The page with the edits the pixel difference calls for (``kinds`` picks which: table
    rows, surfaces, font families and weights, font sizes); the page
    as it came when there are none. ``text_boxes`` (x0, y0, x1, y1 CSS px) are the target's
    text, when known (the scorer's reference blocks); ``matched`` maps the page's texts that the
    target shows too to where it draws them (x0, y0, x1, y1 px; fonts are refitted only there:
    other text cannot be compared glyph by glyph); ``drifts`` the matched texts' boxes in the
    render (x0, y0, x1, y1 px) and how much lower the target draws each (surfaces.drift_at);
    ``probed`` what a render of this page already read (probe.ORDER_PROBE_JS's result and its
    screenshot as an RGB array), which spares the probe's own render."""
    from bs4 import BeautifulSoup

    from .fonts import refit_fonts
    from .controls import fix_controls
    from .gaps import fill_gaps
    from .overflow import clip_overflow
    from .probe import probe_elements
    from .rows import refit_rows
    from .rules import draw_rules
    from .surfaces import fix_surfaces

    soup = BeautifulSoup(html, "html.parser")
    goal = target_pixels(target, width)
    elements, render = probe_elements(soup, base_dir, width=width, probed=probed)
    boxes = list(text_boxes or [])
    rendered_text = [tuple(e.box[:2]) + (e.box[0] + e.box[2], e.box[1] + e.box[3])
                     for e in elements if e.own_text]
    regions = differing_regions(goal, render, boxes + rendered_text)
    assets: dict[str, bytes] = {}
    edits: list[Edit] = []
    if "rows" in kinds:
        edits += refit_rows(soup, elements, goal, render, drifts, width=width)
    if "surfaces" in kinds:
        rounded = fix_controls(elements, goal, render, drifts)  # first: a frame's undo keeps it
        edits += clip_overflow(soup, elements, width=width, drawn_width=render.shape[1])
        edits += fix_surfaces(regions, elements, goal, render, boxes, assets, drifts)
        edits += fill_gaps(regions, elements, goal, render, boxes, assets, drifts)
        edits += draw_rules(elements, goal, render,
                            [e.area for e in edits if e.name == "border" and e.area is not None])
        edits = _without_frames_of(edits, {edit.selector for edit in rounded}) + rounded
    if "families" in kinds or "sizes" in kinds:
        edits += refit_fonts(elements, goal, render, width=width, matched=matched,
                             families="families" in kinds, sizes="sizes" in kinds)
    proposed = len(edits)
    if edits:
        edits = verify(soup, edits, goal, render, base_dir, assets, width=width)
    if not edits:
        return Revision(html, kinds=kinds, proposed=proposed)
    return Revision(str(soup), edits, assets, kinds, proposed)


def _without_frames_of(edits: list[Edit], selectors: set[str]) -> list[Edit]:
    """``edits`` less the frames drawn on the controls whose corners are re-rounded: a control
    drawn as a pill hides its frame from the frame search, and a frame drawn as well would
    double its border once the corners are right."""
    kept = []
    for edit in edits:
        if edit.name == "border" and edit.selector in selectors:
            if edit.undo is not None:
                edit.undo()
            continue
        kept.append(edit)
    return kept


def _difference(image: np.ndarray, goal: np.ndarray, area: tuple[int, int, int, int],
                drift: int = 0) -> float:
    """Mean absolute difference of ``image`` over ``area`` against ``goal`` ``drift`` px lower."""
    x0, y0, x1, y1 = area
    y1 = min(y1, image.shape[0], goal.shape[0] - drift)
    if y1 <= y0 or y0 + drift < 0:
        return float("inf")
    return float(np.abs(image[y0:y1, x0:x1].astype(np.int16)
                        - goal[y0 + drift:y1 + drift, x0:x1]).mean())


def verify(soup: Any, edits: list[Edit], goal: np.ndarray, before: np.ndarray,
           base_dir: Path | None, assets: dict[str, bytes], *, width: int) -> list[Edit]:
    """Render the edited page once and undo each edit whose own area (the pixels it was meant to
    fix) is no closer to the target than before; the pictures of undone edits are dropped."""
    from ...score.cleanup import clean_prediction
    from ...score.reference import render_page
    from .probe import ORDER_PROBE_JS

    written = []
    if base_dir is not None:  # the new pictures must be there for the render
        for name, data in assets.items():
            path = Path(base_dir) / "assets" / name
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                written.append(path)
    # rendered as the evaluation renders a candidate (the official clean-up, block and probe
    # scripts): when every edit stays, the evaluation of the revised page takes this render
    after, _, _ = render_page(clean_prediction(str(soup)), base_dir, width,
                              extra={"probe": ORDER_PROBE_JS}, keep=True)
    taller = abs(after.shape[0] - goal.shape[0]) > abs(before.shape[0] - goal.shape[0])
    kept = []
    for edit in edits:
        area, gain = edit.area, VERIFY_GAIN
        if area is not None and edit.name in MOVES_LAYOUT:  # all below may move: judge all below
            area, gain = (0, area[1], goal.shape[1], goal.shape[0]), VERIFY_GAIN_BELOW
        drift = 0 if edit.name in MOVES_LAYOUT else edit.drift
        if area is None or (_difference(after, goal, area, drift)
                            < _difference(before, goal, area, drift) - gain
                            and not (taller and edit.name in MOVES_LAYOUT)):
            kept.append(edit)
        elif edit.undo is not None:
            edit.undo()
    used = str(soup)
    for name in list(assets):
        if name not in used:
            del assets[name]
    for path in written:
        if path.name not in assets:
            path.unlink()
    return kept
