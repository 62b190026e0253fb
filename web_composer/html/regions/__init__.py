"""Revising a page from what its render visibly gets wrong: the pixel difference, region by region.

    revision = revise_from_pixels(html, target, base_dir=folder, width=1280, text_boxes=boxes)
    revision.html, revision.edits, revision.assets

1. render the page once with a probe (probe.py): every element's box, font and background;
2. compare that render with the target in tiles and join the differing tiles into regions
   (diff.py);
3. non-text regions become the missing picture (cropped from the target) or the panel's
   colour, gradient or border (surfaces.py);
4. text elements drawn in another shape get their font family, weight and size refitted by
   drawing candidates and comparing glyph shapes with the target (fonts.py).
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

__all__ = ["Edit", "Region", "Revision", "revise_from_pixels", "target_pixels"]


@dataclass
class Revision:
    html: str
    edits: list[Edit] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)  # relative to assets/
    kinds: tuple[str, ...] = ()


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
                       matched: dict[str, tuple[int, int, int, int]] | None = None, kinds: tuple[str, ...] = ("surfaces", "fonts")) -> Revision:
    """The page with the edits the pixel difference calls for (``kinds`` picks which); the page
    as it came when there are none. ``text_boxes`` (x0, y0, x1, y1 CSS px) are the target's
    text, when known (the scorer's reference blocks); ``matched`` maps the page's texts that the
    target shows too to where it draws them (x0, y0, x1, y1 px; fonts are refitted only there:
    other text cannot be compared glyph by glyph)."""
    from bs4 import BeautifulSoup

    from .fonts import refit_fonts
    from .probe import probe_elements
    from .surfaces import fix_surfaces

    soup = BeautifulSoup(html, "html.parser")
    goal = target_pixels(target, width)
    elements, shot = probe_elements(soup, base_dir, width=width)
    render = np.asarray(shot.image())
    boxes = list(text_boxes or [])
    rendered_text = [tuple(e.box[:2]) + (e.box[0] + e.box[2], e.box[1] + e.box[3])
                     for e in elements if e.own_text]
    regions = differing_regions(goal, render, boxes + rendered_text)
    assets: dict[str, bytes] = {}
    edits: list[Edit] = []
    if "surfaces" in kinds:
        edits += fix_surfaces(regions, elements, goal, render, boxes, assets)
    if "fonts" in kinds:
        edits += refit_fonts(elements, goal, render, width=width, matched=matched)
    if not edits:
        return Revision(html, kinds=kinds)
    return Revision(str(soup), edits, assets, kinds)
