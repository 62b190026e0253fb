"""`webcompose refine`: improve an existing page against a target screenshot."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app
from .options import BackendSpec, Force, OutDir, backend_options
from .report import print_iteration, print_result

MinGain = Annotated[float, typer.Option("--min-gain", min=0.0, help=(
    "Stop after two revisions that each gain less than this (overall score)."))]
TimeBudget = Annotated[Optional[float], typer.Option("--time-budget", min=1.0, help=(
    "Seconds the refinement may take in all."))]


@app.command()
@backend_options
def refine(
    page: Annotated[Path, typer.Argument(help="The HTML page to improve (its folder holds its assets).")],
    target: Annotated[Path, typer.Option("--target", help="Screenshot of what the page should look like.")],
    output: OutDir = None,
    iterations: Annotated[int, typer.Option("--iterations", min=0, help="Revision rounds.")] = 3,
    min_gain: MinGain = 0.005,
    time_budget: TimeBudget = None,
    force: Force = False,
    *,
    backend_spec: BackendSpec,
) -> None:
    """Render PAGE, score it against TARGET, revise with the backend, keep the best page."""
    from ..html import Page
    from ..html.vendoring import collect_local_assets
    from ..jobs import Job
    from ..pipeline import run_job
    from ..render import check_html_file
    from ..vision.images import load_screenshot

    html = check_html_file(page)
    load_screenshot(target)  # validate before any work
    html, assets, warnings = collect_local_assets(html, page.resolve().parent)
    job = Job(task="screenshot", images=[target], out_dir=output or Path("out") / f"{page.stem}-refined",
              refine=iterations, min_gain=min_gain, time_budget=time_budget, force=force,
              **backend_spec.job_fields())
    result = run_job(job, draft=Page(html=html, assets=assets, warnings=warnings),
                     on_iteration=print_iteration)
    print_result(result)
