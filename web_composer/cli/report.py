"""Printing a finished job for people."""

from __future__ import annotations

import typer


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
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
