"""The flow, and nothing else:

    Job -> request -> backend.generate -> finalize -> evaluate -> refine (revise, evaluate)* -> write

The output folder is built in a temporary sibling and renamed into place when complete, so a
failure never leaves a half-written result (see atomic.staged_dir). Ctrl-C during refinement keeps
the best page so far: it is written, then the interruption goes on.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import check_output_dir, staged_dir, write_bytes, write_text
from .backends import check_request, get_backend
from .backends.base import Progress
from .config import Settings, load_settings
from .errors import BackendError, NotImplementedYet, WebComposeError
from .html import Page, finalize
from .jobs import Generation, GenerationRequest, Job, RevisionRequest
from .refine import Iteration, Outcome, StopRefinement, refine

MAX_RENDER_WIDTH = 1920
DEFAULT_REFINE = {"builtin": 2}  # revision rounds when --refine is not given; models: 0 (costly)


@dataclass
class Result:
    out_dir: Path
    page_path: Path
    render_path: Path
    report: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def build_request(job: Job) -> GenerationRequest:
    """Load and validate the job's inputs into what a backend needs."""
    request = GenerationRequest(task=job.task, instruction=job.text if job.task != "instruct" else None,
                                stack=job.stack, options=dict(job.options))
    if job.task == "screenshot":
        from .vision.images import load_screenshot
        from .vision.ocr import OcrReader

        request.images = [load_screenshot(path) for path in job.images]
        request.reader = OcrReader(job.options.get("ocr") or None)  # the engine's and the scorer's
    elif job.task == "instruct":
        from .vision.ocr import load_image

        request.text = job.text
        request.images = [load_image(path) for path in job.images]
    elif job.task == "resume":
        from .resume import load_resume, resume_to_markdown

        request.resume = load_resume(job.resume_file)
        request.text = resume_to_markdown(request.resume)
    return request


def _viewport_width(job: Job, request: GenerationRequest, generation: Generation) -> int:
    if "viewport_width" in generation.info:
        return int(generation.info["viewport_width"])
    if job.task == "screenshot" and request.images:
        return max(_target_widths(job, request, generation))
    return 1280


def _target_widths(job: Job, request: GenerationRequest, generation: Generation) -> list[int]:
    """The CSS width of each target screenshot, in the order given: as the engine measured them
    (it detects the scale), else as given (``phone.png@390``) or pixels / ``--scale``."""
    from .widths import target_widths

    found = generation.info.get("widths")
    if not (isinstance(found, list) and len(found) == len(request.images)):
        scale = job.options.get("scale")
        found = target_widths(request.images, job.options.get("widths"),
                              float(scale) if scale else None)
    return [max(320, min(MAX_RENDER_WIDTH, int(w))) for w in found]


def _reviser(backend: Any, job: Job, request: GenerationRequest, width: int,
             progress: Progress | None, folder: Path | None = None) -> Callable[[Iteration], Page]:
    asked: dict[int, list[str]] = {}  # iteration index -> the revisions of it proposed so far

    def revise(base: Iteration) -> Page:
        if not callable(getattr(backend, "revise", None)):
            raise StopRefinement(f"the {backend.name} backend cannot revise pages")
        tried = asked.setdefault(base.index, [])
        attempt = len(tried)
        revision = RevisionRequest(
            task=job.task, html=base.page.html, render=base.evaluation.render.image(),
            feedback=base.evaluation.feedback, stack=job.stack, width=width,
            targets=list(request.images) if job.task == "screenshot" else [],
            instruction=job.text, details=base.evaluation.details, options=dict(job.options),
            attempt=attempt, tried=list(tried), base_dir=folder)
        try:
            generation = backend.revise(revision, progress)
            tried.append(generation.html or generation.text)
            page = finalize(generation, vendor=job.vendor)
        except NotImplementedYet as exc:
            raise StopRefinement(exc.message) from None
        except WebComposeError as exc:
            raise StopRefinement(f"revision failed: {exc.one_line()}") from None
        page.assets = {**base.page.assets, **page.assets}
        page.edits = list(generation.info.get("edits") or [])
        return page

    return revise


def _write_failure(out_dir: Path, job: Job, generation: Generation, error: Exception) -> None:
    """A reply with no usable HTML: keep the raw text so nothing the model said is lost."""
    with staged_dir(out_dir) as folder:
        write_text(folder / "raw.txt", generation.text)
        report = {"status": "failed", "error": str(error), "task": job.task,
                  "backend": generation.backend, "model": generation.model, "meta": job.meta}
        write_text(folder / "report.json", json.dumps(report, indent=2))


def _inputs(job: Job) -> dict[str, Any]:
    return {"images": [str(p) for p in job.images], "text": job.text,
            "resume_file": str(job.resume_file) if job.resume_file else None,
            "stack": job.stack, "options": {k: v for k, v in job.options.items() if k != "plan"}}


def _report(job: Job, generation: Generation, outcome: Outcome, timings: dict[str, float],
            warnings: list[str], reader: Any = None) -> dict[str, Any]:
    from .evaluate import summary_of

    best = outcome.best_iteration
    return {
        "status": "ok", "webcompose": __version__, "task": job.task, "inputs": _inputs(job),
        "backend": generation.backend, "model": generation.model,
        "timings": {k: round(v, 3) for k, v in timings.items()},
        **summary_of(best.evaluation), "refinement": outcome.summary(),
        "render": best.evaluation.render.summary(), "warnings": warnings,
        "generation": generation.info, "meta": job.meta,
        # how often the job's OCR read an image, and how often it handed back a reading (the
        # target is read once for the engine and the scorer together)
        **({"ocr": {"images_read": reader.reads, "reused": reader.reused}} if reader else {}),
    }


def _write_result(folder: Path, job: Job, generation: Generation, outcome: Outcome,
                  report: dict[str, Any]) -> None:
    from .evaluate import install_assets
    from .output import copy_targets, report_html, write_iterations

    best = outcome.best_iteration
    install_assets(folder, best.page)
    write_text(folder / "raw.txt", generation.text)
    write_text(folder / "index.html", best.page.html)
    write_bytes(folder / "render.png", best.evaluation.render.png)
    refined = len(outcome.iterations) > 1
    if refined:
        write_iterations(folder, outcome)
    elif best.evaluation.diff_png():
        write_bytes(folder / "diff.png", best.evaluation.diff_png())
    targets = copy_targets(folder, job.images, job.options.get("target_widths") or []) \
        if job.task == "screenshot" else {}
    for w, png in best.evaluation.renders.items():
        write_bytes(folder / f"render-{w}.png", png)
    write_text(folder / "report.json", json.dumps(report, indent=2, default=str))
    write_text(folder / "report.html", report_html(outcome, report, targets, refined))


def run_job(job: Job, *, settings: Settings | None = None, progress: Progress | None = None,
            on_iteration: Callable[[Iteration, Iteration], None] | None = None,
            draft: Page | None = None) -> Result:
    """Run one job end to end and write its output folder; returns where everything is.

    With ``draft`` (an existing page to improve), generation is skipped and the loop starts there.
    """
    from .evaluate import make_evaluator

    started = time.monotonic()
    settings = settings or load_settings()
    out_dir = check_output_dir(job.out_dir, force=job.force)
    request = build_request(job)
    backend = get_backend(job.backend, settings, **job.options.get("backend", {}))
    check_request(backend, request)
    timings: dict[str, float] = {}
    if draft is None:
        t0 = time.monotonic()
        generation = backend.generate(request, progress)
        timings["generate"] = time.monotonic() - t0
        try:
            draft = finalize(generation, vendor=job.vendor)
        except BackendError as exc:
            _write_failure(out_dir, job, generation, exc)
            raise
    else:
        generation = Generation(text=draft.html, backend=job.backend, info={"draft": "given"})
    rounds = job.refine if job.refine is not None else DEFAULT_REFINE.get(job.backend, 0)
    width = _viewport_width(job, request, generation)
    widths = _target_widths(job, request, generation) if job.task == "screenshot" else [width]
    job.options["target_widths"] = widths  # a model's revision prompt names them
    with staged_dir(out_dir) as folder:
        t0 = time.monotonic()
        outcome = refine(draft, make_evaluator(job, request, folder, width, widths),
                         _reviser(backend, job, request, width, progress, folder), iterations=rounds,
                         min_gain=job.min_gain, time_budget=job.time_budget,
                         on_iteration=on_iteration)
        timings["evaluate_and_refine"] = time.monotonic() - t0
        timings["total"] = time.monotonic() - started
        warnings = list(outcome.best_iteration.page.warnings)
        report = _report(job, generation, outcome, timings, warnings, request.reader)
        _write_result(folder, job, generation, outcome, report)
    if outcome.stop_reason == "interrupted":
        raise KeyboardInterrupt
    return Result(out_dir=out_dir, page_path=out_dir / "index.html",
                  render_path=out_dir / "render.png", report=report, warnings=warnings)
