"""`webcompose screenshot`: screenshot(s) of a page -> a working page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, List, Optional

import typer

from .app import app
from .options import Force, OutDir
from .report import print_result


@app.command()
def screenshot(
    images: Annotated[List[Path], typer.Argument(
        help="Screenshot(s) of one page (PNG/JPEG/WebP); several = the same page at different widths.")],
    output: OutDir = None,
    backend: Annotated[Optional[str], typer.Option("--backend", help="builtin, openai, hf or ixc.")] = None,
    stack: Annotated[str, typer.Option("--stack", help="tailwind or css.")] = "tailwind",
    scale: Annotated[Optional[float], typer.Option("--scale", help="Device pixel ratio of the screenshot "
                                                   "(2 for retina); detected when omitted.")] = None,
    instruction: Annotated[Optional[str], typer.Option("--instruction", help="Extra wishes.")] = None,
    refine: Annotated[int, typer.Option("--refine", min=0, help="Revision rounds (0 = draft only).")] = 0,
    no_vendor: Annotated[bool, typer.Option("--no-vendor", help="Keep CDN links as written.")] = False,
    force: Force = False,
) -> None:
    """Turn screenshot(s) of a webpage into HTML/CSS, render it and score it against the screenshot."""
    from ..config import load_settings
    from ..errors import InputError
    from ..jobs import Job
    from ..pipeline import run_job

    if stack not in {"tailwind", "css"}:
        raise InputError(f"--stack must be tailwind or css, not {stack!r}")
    settings = load_settings({"backend": backend})
    job = Job(task="screenshot", images=list(images), text=instruction, backend=settings.backend,
              out_dir=output or Path("out") / images[0].stem, stack=stack, refine=refine,
              force=force, vendor=not no_vendor, options={"scale": scale})
    print_result(run_job(job, settings=settings))
