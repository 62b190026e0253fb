"""`webcompose score`: Design2Code metrics of a page against a reference page or screenshot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app
from .options import AsJson, Force, Timeout


@app.command()
def score(
    candidate: Annotated[Path, typer.Argument(help="The HTML page to score.")],
    ref: Annotated[Path, typer.Option("--ref", help="Reference: an HTML page (blocks from its DOM) "
                                                    "or a screenshot (blocks from OCR).")],
    as_json: AsJson = False,
    diff: Annotated[Optional[Path], typer.Option(
        "--diff", help="Write reference | candidate | difference side by side, unmatched blocks "
                       "outlined, to this PNG.")] = None,
    clip: Annotated[Optional[Path], typer.Option(
        "--clip", help="Local CLIP ViT-B/32 checkpoint (transformers folder or open_clip file) for "
                       "Design2Code's CLIP score; without it the fifth metric is visual_ssim.")] = None,
    ocr: Annotated[Optional[str], typer.Option(
        "--ocr", help="OCR engine for a screenshot reference: tesseract or rapidocr.")] = None,
    timeout: Timeout = None,
    force: Force = False,
) -> None:
    """Score CANDIDATE against --ref: Block, Text, Position, Color and a visual similarity."""
    from ..atomic import check_output_file, write_bytes
    from ..render import check_html_file
    from ..score import prepare_reference, score_against

    html = check_html_file(candidate)
    target = check_output_file(diff, force=force) if diff else None
    if clip is not None and not clip.exists():
        from ..errors import InputError

        raise InputError(f"--clip {clip}: no such file or folder")
    reference = prepare_reference(ref, ocr_engine=ocr, timeout=timeout)
    scores = score_against(html, candidate.resolve().parent, reference, clip=clip, timeout=timeout)
    scores.seconds += reference.seconds
    if target is not None:
        from ..score.diff import diff_png

        write_bytes(target, diff_png(reference.image, scores))
    code = None
    if reference.kind == "html" and reference.path is not None:
        from ..score.code import code_measures

        shown = ([b.text for b in scores.candidate_blocks], [b.text for b in reference.blocks])
        code = code_measures(html, reference.path.read_text(errors="replace"), shown).to_json()
    extra: dict = {"code": code} if code else {}
    if reference.kind == "image":  # OCR'd blocks: how far the page-referenced score may be
        from ..score.uncertainty import screenshot_uncertainty

        extra["uncertainty"] = screenshot_uncertainty()
    if as_json:
        typer.echo(json.dumps({**scores.to_json(), **extra}, indent=2))
        return
    for name, value in scores.to_json().items():
        if isinstance(value, float) and name not in ("seconds", "overall"):
            typer.echo(f"{name:<12} {value:.4f}")
    typer.echo(f"{'overall':<12} {scores.overall:.4f}  (mean of block, text, position, color and "
               f"{scores.visual_name})")
    typer.echo(f"blocks: {scores.matched} matched, {scores.unmatched_candidate} unmatched in the "
               f"candidate, {scores.unmatched_reference} in the reference "
               f"({reference.kind} reference{', OCR: ' + reference.ocr_engine if reference.ocr_engine else ''}); "
               f"{scores.seconds:.2f} s")
    if "uncertainty" in extra:
        typer.echo("against a screenshot the page-referenced scores lie within "
                   + ", ".join(f"±{v:g} {k}" for k, v in extra["uncertainty"].items())
                   + " on 9 pages in 10 (benchmarks/RESULTS.md)")
    if code:
        typer.echo("code: " + ", ".join(f"{k} {'-' if v is None else v}" for k, v in code.items()))
    if target is not None:
        typer.echo(f"diff: {target}")
