"""`webcompose batch`: many jobs at once, with one progress line and a summary."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app
from .options import AsJson, BackendSpec, backend_options
from .ray_option import RayAddress, RayCommand


class ProgressLine:
    """One line on stderr: counts, bar, ETA (rewritten in place on a terminal)."""

    def __init__(self, total: int) -> None:
        self.total, self.started = total, time.monotonic()
        self.counts = {"ok": 0, "failed": 0, "skipped": 0}
        self.tty = sys.stderr.isatty()

    def __call__(self, kind: str, outcome) -> None:
        if kind != "done":
            return
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        done = sum(self.counts.values())
        ran = self.counts["ok"] + self.counts["failed"]
        elapsed = time.monotonic() - self.started
        eta = elapsed / ran * (self.total - done) if ran else 0.0
        width = 24
        filled = int(width * done / max(1, self.total))
        line = (f"[{'#' * filled}{'-' * (width - filled)}] {done}/{self.total}  "
                f"ok {self.counts['ok']}  failed {self.counts['failed']}  "
                f"skipped {self.counts['skipped']}  ETA {eta:4.0f}s")
        if self.tty:
            sys.stderr.write("\r" + line + ("\n" if done == self.total else ""))
        else:
            sys.stderr.write(f"{line}  ({outcome.id}: {outcome.status})\n")
        sys.stderr.flush()


def ray_executor(address: str | None, workers: int | None):
    """The Ray executor for ``--ray ADDRESS`` (Ray is imported only then), else None (threads)."""
    if address is None:
        return None
    from ..batch_ray import RayExecutor, import_ray

    import_ray()  # not installed: one line, exit 2, before anything is read or made
    return RayExecutor(address, workers=workers)


@app.command(cls=RayCommand)
@backend_options
def batch(
    jobs: Annotated[Path, typer.Argument(help="JOBS.jsonl (one job per line) or a folder of inputs.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Results folder.")] = Path("out/batch"),
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, max=1024, help=(
        "Jobs run at once (default 2; with --ray, one per CPU of the cluster)."))] = None,
    refine: Annotated[Optional[int], typer.Option("--refine", min=0, help=(
        "Revision rounds for every job whose line sets no \"refine\" (default 0: drafts only)."))] = None,
    as_json: AsJson = False,
    ray_address: RayAddress = None,
    *,
    backend_spec: BackendSpec,
) -> None:
    """Run many jobs concurrently; failures are recorded and the rest go on; reruns skip done jobs.

    With --ray the jobs run on a Ray cluster (one worker per GPU for hf/ixc, per CPU otherwise);
    the output folders are the same.

    Exit code 0 only when every job succeeded (or was already done).
    """
    from ..batch import BatchRunner, load_jobs

    executor = ray_executor(ray_address, workers)
    loaded = load_jobs(jobs)
    defaults = {"backend": backend_spec.name, "stack": backend_spec.stack,
                "backend_options": backend_spec.options}
    if backend_spec.instruction:
        defaults["instruction"] = backend_spec.instruction
    if refine is not None:
        defaults["refine"] = refine  # a job line's own "refine" still wins
    runner = BatchRunner(loaded, output, workers=workers or 2, defaults=defaults,
                         on_event=ProgressLine(len(loaded)), executor=executor)
    outcomes = runner.run()
    failed = [o for o in outcomes if o.status == "failed"]
    if as_json:
        typer.echo(json.dumps({"results": str(output), "jobs": [o.__dict__ for o in outcomes]},
                              indent=2, default=str))
    else:
        typer.echo(f"{'id':24}{'status':10}{'seconds':>8}  overall / error")
        for o in outcomes:
            detail = o.error or (f"{o.scores['overall']:.3f}" if o.scores and "overall" in o.scores
                                 else "")
            typer.echo(f"{o.id[:23]:24}{o.status:10}{o.seconds:8.1f}  {detail}")
        typer.echo(f"\n{len(outcomes) - len(failed)} of {len(outcomes)} ok; results in {output}")
    if failed:
        raise typer.Exit(1)
