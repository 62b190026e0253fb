"""A card whose target has a coloured header strip the draft lacks, revised by the pixel reviser's
surfaces step: for the tests of faint and coloured strips (test_regions, test_regions_refit)."""

from __future__ import annotations

from pathlib import Path

from web_composer.html.regions import revise_from_pixels
from web_composer.render import RenderOptions, render_html


def card_strip_revision(tmp_path: Path, strip: str, height: int, card: str = ""):
    """A 600 x 300 card with a ``strip`` coloured header ``height`` px high in the target and
    none in the draft: the surfaces reviser's revision, its one edit, and the target's picture."""
    style = ("<style>body{margin:0} .card{width:600px;height:300px;margin:40px;background:#fff;"
             f"{card}}}</style>")
    target = (f"<html><head>{style}</head><body><div class='card'>"
              f"<div style='height:{height}px;background:{strip}'></div></div></body></html>")
    draft = f"<html><head>{style}</head><body><div class='card'></div></body></html>"
    shot = render_html(target, None, RenderOptions(full_page=False)).image()
    revision = revise_from_pixels(draft, shot, width=1280, base_dir=tmp_path, kinds=("surfaces",))
    (edit,) = revision.edits
    return revision, edit, shot
