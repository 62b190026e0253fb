"""`webcompose bench design2code`: the screenshot-to-code benchmark on Design2Code pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app
from .batch import ray_executor
from .options import AsJson, BackendSpec, backend_options
from .ray_option import RayAddress, RayCommand

bench_app = typer.Typer(help="Benchmarks of the engines and backends.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")


@bench_app.command("design2code", cls=RayCommand)
@backend_options
def design2code(
    pages: Annotated[Path, typer.Argument(help="Folder of reference pages: ID.html files, or "
                                                    "NAME/index.html (each with its pictures).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Results folder.")] = Path("out/bench"),
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the first N pages.")] = None,
    refine: Annotated[int, typer.Option("--refine", min=0, help=(
        "Revision rounds after each draft; the draft and the final page are both scored."))] = 0,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, max=1024, help=(
        "Pages run at once (default 1; with --ray, one per CPU of the cluster)."))] = None,
    as_json: AsJson = False,
    ray_address: RayAddress = None,
    *,
    backend_spec: BackendSpec,
) -> None:
    """Render each reference page, generate a page from its screenshot (through the batch runner:
    resumable, failures isolated), score it against the reference, and check it is a real page
    (flow layout, 390 px fit, collisions, SSIM)."""
    from ..bench import run_design2code_bench, summary_table

    executor = ray_executor(ray_address, workers)

    def progress(result: dict) -> None:
        detail = result.get("error") or f"overall {result.get('overall', 0):.3f}"
        if "error" not in result:
            words = result.get("code_words")
            detail += f", SSIM {result.get('ssim', 0):.3f}" + (
                f", words as text {100 * words:.1f} %" if isinstance(words, (int, float)) else "")
        if "gain" in result:
            detail += f" (four {result['draft']['four']:.3f} -> {result['four']:.3f})"
        typer.echo(f"{result.get('page', '?')}: {detail}", err=True)

    summary = run_design2code_bench(pages, limit=limit, backend=backend_spec.name, out_dir=output,
                                    stack=backend_spec.stack, refine=refine, workers=workers or 1,
                                    backend_options=backend_spec.options, progress=progress,
                                    executor=executor)
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
    else:
        typer.echo(summary_table(summary))
        typer.echo(f"per-page results: {output / 'results.json'}; pictures: {output / 'summary.html'}")
    if summary["failed"]:
        raise typer.Exit(1)
