"""Commands whose features land with later issues; each says so and exits 1."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, List

import typer

from .app import app, not_implemented


@app.command()
def refine(page: Annotated[Path, typer.Argument(help="The page to improve.")]) -> None:
    """Improve an existing page against a target screenshot."""
    not_implemented("refinement", "the refinement issue")


@app.command()
def score(candidate: Annotated[Path, typer.Argument(help="The page to score.")]) -> None:
    """Design2Code metrics of a page against a reference page or screenshot."""
    not_implemented("scoring", "the scorer issue")


@app.command()
def bench() -> None:
    """Benchmark an engine on the Design2Code pages."""
    not_implemented("bench", "the batch issue")
