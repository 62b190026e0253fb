"""`webcompose screenshot`: screenshot(s) of a page -> a working page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, List, Optional

import typer

from .app import app
from .options import BackendSpec, Force, OutDir, Refine, backend_options
from .refine import MinGain, TimeBudget
from .report import print_iteration, print_result


@app.command()
@backend_options
def screenshot(
    images: Annotated[List[str], typer.Argument(
        help=("Screenshot(s) of one page (PNG/JPEG/WebP); several = the same page at different "
              "widths, each optionally with its CSS width: phone.png@390."))],
    output: OutDir = None,
    scale: Annotated[Optional[int], typer.Option("--scale", min=1, max=3, help=(
        "Device pixel ratio of the screenshot (2 for retina); detected when omitted."))] = None,
    refine: Refine = None,
    min_gain: MinGain = 0.005,
    time_budget: TimeBudget = None,
    no_vendor: Annotated[bool, typer.Option("--no-vendor", help="Keep CDN links as written.")] = False,
    force: Force = False,
    *,
    backend_spec: BackendSpec,
) -> None:
    """Turn screenshot(s) of a webpage into HTML/CSS, render it and score it against the screenshot."""
    from ..jobs import Job
    from ..pipeline import run_job
    from ..widths import split_width

    paths, widths = zip(*(split_width(image) for image in images))
    extra = {"widths": list(widths)} if any(widths) else {}
    job = Job(task="screenshot", images=list(paths), out_dir=output or Path("out") / paths[0].stem,
              refine=refine, min_gain=min_gain, time_budget=time_budget, force=force,
              vendor=not no_vendor,
              **backend_spec.job_fields(scale=scale, **extra))
    print_result(run_job(job, on_iteration=print_iteration))
