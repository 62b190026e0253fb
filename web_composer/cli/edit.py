"""`webcompose edit`: follow-up edits of a page a command wrote.

    webcompose edit OUT "make the footer dark green and add a FAQ with three questions"
    webcompose edit OUT "INSTRUCTION" --backend openai --base-url http://127.0.0.1:23333/v1

The edited page replaces OUT/index.html (render, report and its checks updated); the previous
version is kept in OUT/history/NN/. A request the built-in editor does not understand is refused
(exit 2) and nothing is changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .options import AsJson, BackendSpec, Timeout, backend_options


@app.command()
@backend_options
def edit(
    out: Annotated[Path, typer.Argument(metavar="OUT",
                                        help="An output folder of screenshot, instruct or resume.")],
    request: Annotated[str, typer.Argument(metavar="INSTRUCTION",
                                           help='What to change, e.g. "make the footer navy".')],
    timeout: Timeout = None,
    as_json: AsJson = False,
    *,
    backend_spec: BackendSpec,
) -> None:
    """Edit the page in OUT as asked; keep the previous version in OUT/history/NN/."""
    from ..edit import edit_folder
    from ..edit.folder import read_folder

    read_folder(out)  # a bad folder is refused before a model is loaded
    backend = None if backend_spec.name == "builtin" else backend_spec.build()
    if backend_spec.instruction:  # --instruction: more of the same, after the request
        request = f"{request.rstrip(' .')}. {backend_spec.instruction}"
    result = edit_folder(out, request, backend, timeout=timeout)
    if as_json:
        typer.echo(json.dumps({"page": str(result.out_dir / "index.html"), "previous": str(result.history),
                               "changes": result.changes, "checks": result.checks,
                               "report": result.report},
                              indent=2, ensure_ascii=False, default=str))
        return
    for change in result.changes:
        typer.echo(f"changed: {change}")
    for check in result.checks:
        mark = "ok  " if check["satisfied"] else "MISS"
        typer.echo(f"{mark} {check['description']} - {check['found']}")
    if result.checks:
        passed = sum(c["satisfied"] for c in result.checks)
        typer.echo(f"edit check: {passed}/{len(result.checks)} satisfied on the rendered page")
    typer.echo(f"page:     {result.out_dir / 'index.html'}")
    typer.echo(f"previous: {result.history}")
    report = result.report
    compliance, coverage = report.get("compliance"), report.get("coverage")
    if compliance:
        typer.echo(f"compliance: {compliance['passed']}/{compliance['total']} constraint(s) satisfied")
        for line in compliance.get("unsatisfied", []):
            typer.echo(f"  missed: {line}")
    if coverage:
        typer.echo(f"coverage: {coverage.get('shown')}/{coverage.get('fields')} resume fields shown")
    if "scores" in report:
        typer.echo("scores:   " + ", ".join(f"{k} {v:.3f}" for k, v in report["scores"].items()
                                            if isinstance(v, float) and k != "seconds"))
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
