"""`webcompose bench design2code`: the screenshot-to-code benchmark on Design2Code pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app
from .options import AsJson

bench_app = typer.Typer(help="Benchmarks of the engines and backends.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")


@bench_app.command("design2code")
def design2code(
    pages: Annotated[Path, typer.Argument(help="Folder of reference pages (ID.html + their pictures).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Results folder.")] = Path("out/bench"),
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the first N pages.")] = None,
    backend: Annotated[str, typer.Option("--backend", help="Backend that generates the pages.")] = "builtin",
    stack: Annotated[str, typer.Option("--stack", help="css or tailwind.")] = "css",
    as_json: AsJson = False,
) -> None:
    """Render each reference page, generate a page from its screenshot, score it against the
    reference, and check it is a real page (flow layout, 390 px fit, collisions, SSIM)."""
    from ..bench import run_design2code_bench, summary_table
    from ..errors import InputError

    if stack not in {"css", "tailwind"}:
        raise InputError(f"--stack must be css or tailwind, not {stack!r}")

    def progress(result: dict) -> None:
        detail = result.get("error") or f"overall {result.get('overall', 0):.3f}"
        typer.echo(f"{result.get('page', '?')}: {detail}", err=True)

    summary = run_design2code_bench(pages, limit=limit, backend=backend, out_dir=output,
                                    stack=stack, progress=progress)
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
    else:
        typer.echo(summary_table(summary))
        typer.echo(f"per-page results: {output / 'results.json'}")
