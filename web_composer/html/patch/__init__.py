"""Deterministic page fixes from the scorer's block differences (the built-in reviser).

    html, applied = patch_from_scores(html, scores, width=1280, target=screenshot)

From the matched and unmatched blocks of a scored candidate (score.Scores):
- font sizes and line heights of blocks drawn at the wrong size (layout.fix_fonts);
- vertical gaps and left offsets, as margin changes on the element that starts where the drift
  changes (layout.fix_gaps, layout.fix_offsets);
- text colours of matched blocks (text.fix_colours);
- text the target does not show removed, text the page lacks inserted in flow after the element
  of the nearest matched block above it (text.remove_extra, text.insert_missing).
Elements are found by their text, the way the scorer's probe assigns text to elements (locate).
Layout fixes apply only on the side of the engines' 768 px breakpoint that ``width`` (the width
the page was scored at) is on: the mobile rules stay as they were, nothing is positioned
absolutely or transformed (styles.fix_sheet). ``target`` is the target screenshot (PIL image or
RGB array): its size maps the target's blocks to CSS pixels (estimated from the blocks when not
given) and its pixels
confirm colours. The refinement loop keeps a revision only when it scores better, so a fix that
does not help is dropped there; asked again about the same scored page, the reviser makes fewer,
surer fixes (``attempt``, see fixes.for_attempt).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .geometry import Frame, Target, candidate_boxes, pixel_pairs, reference_boxes, reliable
from .fixes import Fix, apply_all, for_attempt
from .layout import fix_fonts, fix_gaps, fix_offsets
from .locate import locate_blocks, owners_of
from .styles import FIX_ATTR, Styles, install_sheet
from .text import fix_colours, insert_missing, remove_extra

__all__ = ["Fix", "gather_fixes", "patch_from_scores"]


def gather_fixes(soup: Any, scores: Any, *, target: Any = None) -> list[Fix]:
    """Every fix the block differences call for, none made yet (see the module docstring)."""
    picture = Target.of(target, scores)
    frame = Frame.of(scores, picture.size if picture is not None else None)
    located = locate_blocks(owners_of(soup), [b.text for b in scores.candidate_blocks])
    styles = Styles(soup)
    pairs = pixel_pairs(scores, frame)
    steady = [p for p in reliable(pairs, scores) if located[p.cand_index] is not None]
    fixes: list[Fix] = []
    shifts = fix_fonts(steady, located, styles, fixes)
    matched_refs = {j for _, j, _ in scores.matches}
    boxes = reference_boxes(scores, frame)
    missing = [box for j, box in enumerate(boxes) if j not in matched_refs]
    for key, height in insert_missing(soup, missing, pairs, located, styles, fixes).items():
        shifts[key] = shifts.get(key, 0.0) + height
    fix_gaps(steady, located, styles, shifts, fixes)
    fix_offsets(steady, located, styles, fixes)
    fix_colours(steady, located, scores.candidate_blocks, picture, fixes)
    unmatched = set(range(len(scores.candidate_blocks))) - {i for i, _, _ in scores.matches}
    remove_extra(candidate_boxes(scores, frame), located, unmatched, boxes, fixes)
    return fixes


def patch_from_scores(html: str, scores: Any, *, width: int | None = None, target: Any = None,
                      attempt: int = 0, choose: Callable[[list[Fix]], list[Fix]] | None = None
                      ) -> tuple[str, list[str]]:
    """The revised page and the fixes made. ``attempt`` counts earlier revisions of the same
    scored page that the loop dropped (fixes.for_attempt); ``choose``, when given, picks the
    fixes to make instead."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    fixes = gather_fixes(soup, scores, target=target)
    applied = apply_all(choose(fixes) if choose is not None else for_attempt(fixes, attempt))
    if not applied:
        return html, []  # nothing to fix: the page as it came, not re-serialised
    if soup.find(attrs={FIX_ATTR: True}) is not None:
        image = scores.candidate_image
        install_sheet(soup, int(width or (image.shape[1] if image is not None else 1280)))
    return str(soup), applied
