"""Scoring a candidate page against a prepared reference: one render, then the five metrics."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .blocks import Block
from .matching import match_blocks
from .metrics import block_metrics
from .reference import Reference, prepare_reference, render_page
from .visual import visual_score

FOUR = ("block", "text", "position", "color")


@dataclass
class Scores:
    block: float
    text: float
    position: float
    color: float
    visual: float
    visual_name: str  # "clip" or "visual_ssim"
    overall: float  # mean of the five
    matched: int
    unmatched_candidate: int
    unmatched_reference: int
    seconds: float
    candidate_blocks: list[Block] = field(default_factory=list, repr=False)  # after merging
    reference_blocks: list[Block] = field(default_factory=list, repr=False)  # after merging
    matches: list[tuple[int, int, float]] = field(default_factory=list, repr=False)  # (cand, ref, sim)
    candidate_image: np.ndarray | None = field(default=None, repr=False)  # RGB screenshot
    render: Any = field(default=None, repr=False)  # the candidate's Render (png, blocked, timings)
    cut: bool = False  # the official clean-up cut the candidate: render and blocks are of the rest

    @property
    def four(self) -> float:
        """The mean of the four block metrics (Block, Text, Position, Color)."""
        return sum(getattr(self, name) for name in FOUR) / len(FOUR)

    def to_json(self) -> dict[str, Any]:
        """Exactly the keys of `webcompose score --json`; the fifth metric under its own name."""
        out: dict[str, Any] = {name: round(getattr(self, name), 4) for name in FOUR}
        out[self.visual_name] = round(self.visual, 4)
        out["overall"] = round(self.overall, 4)
        out.update(matched=self.matched, unmatched_candidate=self.unmatched_candidate,
                   unmatched_reference=self.unmatched_reference, seconds=round(self.seconds, 3))
        return out

    @property
    def unmatched_candidate_blocks(self) -> list[Block]:
        used = {i for i, _, _ in self.matches}
        return [b for k, b in enumerate(self.candidate_blocks) if k not in used]

    @property
    def unmatched_reference_blocks(self) -> list[Block]:
        used = {j for _, j, _ in self.matches}
        return [b for k, b in enumerate(self.reference_blocks) if k not in used]


def score_blocks(cand_image: np.ndarray, cand_blocks: list[Block], reference: Reference, *,
                 clip: str | Path | None = None, started: float | None = None) -> Scores:
    """The five metrics of a rendered candidate (its screenshot and blocks) against ``reference``."""
    started = time.monotonic() if started is None else started
    matching = match_blocks(cand_blocks, reference.blocks, reference.text_similarity())
    four = block_metrics(matching)
    name, visual = visual_score(cand_image, cand_blocks, reference.image, reference.blocks, clip)
    overall = (four.block + four.text + four.position + four.color + visual) / 5
    return Scores(four.block, four.text, four.position, four.color, visual, name, overall,
                  four.matched, four.unmatched_candidate, four.unmatched_reference,
                  time.monotonic() - started, matching.candidate, matching.reference,
                  matching.pairs, cand_image)


def score_against(candidate_html: str, base_dir: Path | None, reference: Reference, *,
                  clip: str | Path | None = None, timeout: float | None = None,
                  extra: dict[str, str] | None = None) -> Scores:
    """Render the candidate once (screenshot and DOM blocks together) and score it, after the
    official clean-up of a prediction (cleanup.py: repetition cut, >50 copies dropped);
    ``extra`` page functions run in that render too (reference.render_page)."""
    from .cleanup import clean_prediction, is_cut

    started = time.monotonic()
    cleaned = clean_prediction(candidate_html)
    image, blocks, shot = render_page(cleaned, base_dir, reference.viewport_width, timeout, extra)
    scores = score_blocks(image, blocks, reference, clip=clip, started=started)
    scores.render = shot
    scores.cut = is_cut(candidate_html)
    return scores


def score_pages(candidate: Path, reference: Path, *, clip: str | Path | None = None,
                ocr_engine: str | None = None, timeout: float | None = None) -> Scores:
    """Score an HTML file against a reference page or screenshot; ``seconds`` covers both.

    An HTML reference is rendered first, then the candidate, in this thread: on two cores that is
    faster than two browsers at once (1.6 s against 2.0 s median on the dev pages).
    """
    from ..render import check_html_file

    started = time.monotonic()
    candidate = Path(candidate)
    html = check_html_file(candidate)
    prepared = prepare_reference(reference, ocr_engine=ocr_engine, timeout=timeout)
    scores = score_against(html, candidate.resolve().parent, prepared, clip=clip, timeout=timeout)
    scores.seconds = time.monotonic() - started
    return scores
