"""Printing a finished job for people."""

from __future__ import annotations

import typer

from ..refine import better


def print_result(result) -> None:  # result: pipeline.Result
    report = result.report
    typer.echo(f"page:    {result.page_path}")
    typer.echo(f"render:  {result.render_path}")
    typer.echo(f"report:  {result.out_dir / 'report.json'}")
    scores = report.get("scores")
    if scores:
        shown = ", ".join(f"{k} {v:.3f}" for k, v in scores.items()
                          if isinstance(v, float) and k != "seconds")
        typer.echo(f"scores:  {shown}")
        for width, at in (scores.get("by_width") or {}).items():  # several screenshots
            typer.echo(f"at {width} px: four {at['four']:.3f}, ssim {at['ssim'] or 0:.3f}")
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)


def print_iteration(current, previous_best) -> None:  # refine.Iteration x2
    """The live line of the refinement loop: iteration, score, change against the best so far."""
    score = current.evaluation.overall
    if current.index == 0:
        typer.echo(f"draft: overall {score:.3f}", err=True)
        return
    change = score - previous_best.evaluation.overall
    verdict = "kept" if better(current.evaluation, previous_best.evaluation) else \
        f"best stays {previous_best.evaluation.overall:.3f}"
    if change > 0 and verdict != "kept":
        verdict += ": the block metrics fell"
    typer.echo(f"revision {current.index}: overall {score:.3f} ({change:+.3f}, {verdict})", err=True)
