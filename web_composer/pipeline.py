"""The flow, and nothing else:

    Job -> request -> backend.generate -> finalize -> render -> score/checks -> (refine) -> write

The output folder is built in a temporary sibling and renamed into place when complete, so a
failure or Ctrl-C never leaves a half-written result (see atomic.staged_dir).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import check_output_dir, staged_dir, write_bytes, write_text
from .backends import check_request, get_backend
from .backends.base import Progress
from .config import Settings, load_settings
from .errors import BackendError
from .html import Page, finalize
from .jobs import Generation, GenerationRequest, Job
from .render import Render, RenderOptions, render_html

MAX_RENDER_WIDTH = 1920


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

        request.images = [load_screenshot(path) for path in job.images]
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
        scale = float(job.options.get("scale") or 1)
        return max(320, min(MAX_RENDER_WIDTH, round(request.images[0].width / scale)))
    return 1280


def _checks(job: Job, request: GenerationRequest, page: Page, base_dir: Path,
            render: Render) -> dict[str, Any]:
    """Task-specific quality checks of the rendered draft: scores, compliance or coverage."""
    if job.task == "screenshot":
        from .score import prepare_reference, score_against

        reference = prepare_reference(job.images[0])
        scores = score_against(page.html, base_dir, reference)
        return {"scores": scores.to_json()}
    if job.task == "instruct":
        from .instruct import check_compliance

        return {"compliance": check_compliance(job.text or "", page.html, base_dir)}
    from .resume import check_coverage

    return {"coverage": check_coverage(request.resume, page.html)}


def _write_page(folder: Path, page: Page, raw: str) -> Path:
    (folder / "assets").mkdir(exist_ok=True)
    for relative, data in page.assets.items():
        target = folder / "assets" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, data)
    write_text(folder / "raw.txt", raw)
    index = folder / "index.html"
    write_text(index, page.html)
    return index


def _write_failure(out_dir: Path, job: Job, generation: Generation, error: Exception) -> None:
    """A reply with no usable HTML: keep the raw text so nothing the model said is lost."""
    with staged_dir(out_dir) as folder:
        write_text(folder / "raw.txt", generation.text)
        report = {"status": "failed", "error": str(error), "task": job.task,
                  "backend": generation.backend, "model": generation.model}
        write_text(folder / "report.json", json.dumps(report, indent=2))


def _inputs(job: Job) -> dict[str, Any]:
    return {"images": [str(p) for p in job.images], "text": job.text,
            "resume_file": str(job.resume_file) if job.resume_file else None,
            "stack": job.stack, "options": {k: v for k, v in job.options.items() if k != "plan"}}


def run_job(job: Job, *, settings: Settings | None = None,
            progress: Progress | None = None) -> Result:
    """Run one job end to end and write its output folder; returns where everything is."""
    started = time.monotonic()
    settings = settings or load_settings()
    out_dir = check_output_dir(job.out_dir, force=job.force)
    request = build_request(job)
    backend = get_backend(job.backend, settings, **job.options.get("backend", {}))
    check_request(backend, request)
    timings: dict[str, float] = {}
    t0 = time.monotonic()
    generation = backend.generate(request, progress)
    timings["generate"] = time.monotonic() - t0
    try:
        page = finalize(generation, vendor=job.vendor)
    except BackendError as exc:
        _write_failure(out_dir, job, generation, exc)
        raise
    warnings = list(page.warnings)
    if job.refine > 0:
        warnings.append(f"--refine {job.refine}: the refinement loop is not available yet; "
                        "the draft is the result")
    with staged_dir(out_dir) as folder:
        index = _write_page(folder, page, generation.text)
        t0 = time.monotonic()
        width = _viewport_width(job, request, generation)
        shot = render_html(page.html, base_dir=folder, options=RenderOptions(width=width))
        timings["render"] = time.monotonic() - t0
        write_bytes(folder / "render.png", shot.png)
        t0 = time.monotonic()
        checks = _checks(job, request, page, folder, shot)
        timings["checks"] = time.monotonic() - t0
        timings["total"] = time.monotonic() - started
        report = {
            "status": "ok", "webcompose": __version__, "task": job.task, "inputs": _inputs(job),
            "backend": generation.backend, "model": generation.model,
            "timings": {k: round(v, 3) for k, v in timings.items()},
            **checks, "render": shot.summary(), "warnings": warnings,
            "generation": generation.info, "meta": job.meta,
        }
        write_text(folder / "report.json", json.dumps(report, indent=2, default=str))
    return Result(out_dir=out_dir, page_path=out_dir / index.name,
                  render_path=out_dir / "render.png", report=report, warnings=warnings)
