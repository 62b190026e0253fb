"""The --diff picture: reference | candidate | per-pixel difference, side by side.

Unmatched blocks are outlined in red (reference blocks on the reference, candidate blocks on the
candidate), matched ones in thin green; the difference panel is |reference - candidate| per pixel,
amplified, on the reference's size (the candidate is scaled to the reference's width).
"""

from __future__ import annotations

import io

import numpy as np

from .blocks import Block
from .scores import Scores

GAP = 8
MATCHED = (34, 160, 70)
UNMATCHED = (220, 30, 30)


def _outline(picture, blocks: list[Block], matched: set[int]) -> None:
    from PIL import ImageDraw

    draw = ImageDraw.Draw(picture)
    width, height = picture.size
    for index, block in enumerate(blocks):
        x0, y0, x1, y1 = block.pixel_box(width, height)
        box = [x0 - 2, y0 - 2, x1 + 2, y1 + 2]
        if index in matched:
            draw.rectangle(box, outline=MATCHED, width=1)
        else:
            draw.rectangle(box, outline=UNMATCHED, width=3)


def diff_png(reference: np.ndarray, scores: Scores, *, shrink: int = 1) -> bytes:
    """The side-by-side picture as PNG bytes; ``shrink``: each side divided by this (a job's
    folder keeps it at half size: three 1280 px columns of a tall page take most of a second to
    encode at full size, and the report shows them at half size anyway)."""
    from PIL import Image

    ref = Image.fromarray(np.ascontiguousarray(reference))
    cand = Image.fromarray(np.ascontiguousarray(scores.candidate_image))
    if shrink > 1:
        ref, cand = ref.reduce(shrink), cand.reduce(shrink)
    if cand.width != ref.width:
        cand = cand.resize((ref.width, max(1, round(cand.height * ref.width / cand.width))))
    height = max(ref.height, cand.height)
    a = np.full((height, ref.width, 3), 255, np.int16)
    b = np.full((height, ref.width, 3), 255, np.int16)
    a[:ref.height] = np.asarray(ref)
    b[:cand.height] = np.asarray(cand)
    difference = np.clip(np.abs(a - b).max(axis=2) * 3, 0, 255).astype(np.uint8)
    diff_panel = Image.fromarray(255 - difference).convert("RGB")

    _outline(ref, scores.reference_blocks, {j for _, j, _ in scores.matches})
    _outline(cand, scores.candidate_blocks, {i for i, _, _ in scores.matches})
    canvas = Image.new("RGB", (3 * ref.width + 2 * GAP, height), (128, 128, 128))
    canvas.paste(ref, (0, 0))
    canvas.paste(cand, (ref.width + GAP, 0))
    canvas.paste(diff_panel, (2 * (ref.width + GAP), 0))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()
