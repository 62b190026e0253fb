"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

Force = Annotated[bool, typer.Option("--force", help="Overwrite an existing output.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
Timeout = Annotated[
    Optional[float],
    typer.Option("--timeout", help="Seconds before a page is abandoned (default 10).", min=0.1),
]
Width = Annotated[int, typer.Option("--width", help="Viewport width in CSS pixels.", min=100, max=8192)]
Height = Annotated[int, typer.Option("--height", help="Viewport height in CSS pixels.", min=100,
                                     max=8192)]
OutDir = Annotated[Optional[Path], typer.Option("-o", "--output", help="Output folder.")]
