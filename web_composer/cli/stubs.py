"""Commands whose features land with later issues; each says so and exits 1."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, List

import typer

from .app import app, not_implemented


@app.command()
def bench() -> None:
    """Benchmark an engine on the Design2Code pages."""
    not_implemented("bench", "the batch issue")
