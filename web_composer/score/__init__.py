"""Design2Code's metrics, fast: Block-Match, Text, Position, Color and a visual similarity.

    from web_composer.score import prepare_reference, score_against, score_pages

    reference = prepare_reference(Path("target.png"))       # or an .html page; computed once
    scores = score_against(html, base_dir, reference)        # renders the candidate once
    scores.overall, scores.to_json(), scores.matches

Modules: blocks (DOM text blocks), ocr_blocks (blocks of a screenshot), pixels (glyph colours),
matching (merge + Hungarian + context bonus), metrics (the four block metrics, CIEDE2000),
visual (CLIP or visual_ssim), reference, scores, diff (the side-by-side picture).
"""

from .blocks import Block
from .reference import Reference, prepare_reference, reference_from_image
from .scores import Scores, score_against, score_blocks, score_pages

__all__ = ["Block", "Reference", "Scores", "prepare_reference", "reference_from_image",
           "score_against", "score_blocks", "score_pages"]
