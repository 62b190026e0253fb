"""Evaluating a candidate page: render it and measure it against what the job asked for.

    screenshot  Design2Code metrics against the target screenshot (its OCR blocks computed once)
    instruct    the instruction-compliance check (share of explicit constraints met)
    resume      the resume-coverage check (share of the resume's fields shown)

Each evaluator returns a refine.Evaluation: an overall score in 0..1, the metrics for
scores.json, feedback sentences for a reviser, and the render itself; the screenshot evaluator adds
the mean of the four block metrics as the guard a new best must not lower.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .atomic import write_bytes
from .html import Page
from .jobs import GenerationRequest, Job
from .refine import Evaluation
from .render import RenderOptions, render_html

Evaluator = Callable[[Page], Evaluation]


def install_assets(folder: Path, page: Page) -> None:
    """Write a page's assets into ``folder/assets`` so that renders from ``folder`` find them."""
    for relative, data in page.assets.items():
        target = folder / "assets" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.stat().st_size != len(data):
            write_bytes(target, data)


def make_evaluator(job: Job, request: GenerationRequest, folder: Path, width: int,
                   widths: list[int] | None = None) -> Evaluator:
    """``widths``: each target screenshot's CSS width (screenshot task; the widest is scored
    as before, the others at their own widths too)."""
    if job.task == "screenshot":
        return _screenshot_evaluator(job, folder, width, widths or [width], request.reader)
    if job.task == "instruct":
        return _instruct_evaluator(job, folder, width)
    return _resume_evaluator(request, folder, width)


def _screenshot_evaluator(job: Job, folder: Path, width: int, widths: list[int],
                          reader: Any = None) -> Evaluator:
    """Scores against the target screenshots; ``reader`` (the job's vision.ocr.OcrReader) hands
    the scorer the engine's reading of them instead of reading them again."""
    from dataclasses import replace

    import numpy as np

    from .html.regions.probe import ORDER_PROBE_JS
    from .render import RenderOptions, render_html
    from .revision import feedback_from_scores
    from .score import prepare_reference, score_against
    from .score.diff import diff_png
    from .score.uncertainty import SCREENSHOT_GUARD_NOISE, screenshot_uncertainty

    main = widths.index(max(widths))  # the widest screenshot is the page's base layout
    reference = prepare_reference(job.images[main], reader=reader)
    look = _at_width(reference.image, width)  # the target in CSS pixels, for the visual score
    others = [(w, replace(prepare_reference(path, reader=reader), viewport_width=w))
              for i, (path, w) in enumerate(zip(job.images, widths)) if i != main]

    def evaluate(page: Page) -> Evaluation:
        install_assets(folder, page)
        # the render also reads every element's box and style, so that a reviser of this page
        # (html/regions) need not render it again
        scores = score_against(page.html, folder, reference, extra={"probe": ORDER_PROBE_JS})
        metrics = {**scores.to_json(), "uncertainty": screenshot_uncertainty()}
        seen = scores.render
        if scores.cut:  # the scores are the judge's, of the cut page; the picture is the page's
            seen = render_html(page.html, folder, RenderOptions(width=reference.viewport_width))
        visual = _looks_like(np.asarray(seen.image()) if scores.cut else scores.candidate_image,
                             look)
        evaluation = Evaluation(scores.overall, metrics, feedback_from_scores(scores),
                                seen, scores,
                                diff=lambda: diff_png(reference.image, scores, shrink=2),
                                guard=scores.four, visual=visual,
                                guard_noise=SCREENSHOT_GUARD_NOISE
                                if reference.kind == "image" else 0.0)
        if others:
            evaluation.widths[width] = (scores.four, visual)
            by_width = {str(width): _width_metrics(scores, visual)}
            for w, ref in others:
                at = score_against(page.html, folder, ref)
                seen = _looks_like(at.candidate_image, _at_width(ref.image, w))
                evaluation.widths[w] = (at.four, seen)
                evaluation.renders[w] = at.render.png
                by_width[str(w)] = _width_metrics(at, seen)
            metrics["by_width"] = by_width
        return evaluation

    return evaluate


def _width_metrics(scores: Any, visual: float | None) -> dict[str, Any]:
    """One width's line of report.json: the four block metrics, their mean and the SSIM."""
    out = {k: v for k, v in scores.to_json().items() if k in ("block", "text", "position", "color")}
    return {**out, "four": round(scores.four, 4),
            "ssim": None if visual is None else round(visual, 4)}


def _at_width(target: Any, width: int) -> Any:
    """The target screenshot (RGB array) as a PIL image ``width`` pixels wide (a 2x screenshot
    halved), so that it lines up with renders at that viewport width."""
    from PIL import Image

    picture = Image.fromarray(target)
    if picture.width != width:
        picture = picture.resize((width, round(picture.height * width / picture.width)),
                                 Image.LANCZOS)
    return picture


def _looks_like(render: Any, target: Any) -> float | None:
    """SSIM of the render against the target screenshot, text included (vision.pagecheck.ssim,
    which pads the smaller of the two): what a person sees, which a revision must raise."""
    from PIL import Image

    from .vision.pagecheck import ssim

    if render is None:
        return None
    return ssim(Image.fromarray(render), target)


def _instruct_evaluator(job: Job, folder: Path, width: int) -> Evaluator:
    from .instruct import check_compliance, compliance_probe

    def evaluate(page: Page) -> Evaluation:
        install_assets(folder, page)
        shot = render_html(page.html, folder, RenderOptions(width=width, evaluate=compliance_probe()))
        report = check_compliance(job.text or "", page.html, folder, summary=shot.data)
        overall = report["passed"] / report["total"] if report["total"] else 1.0
        return Evaluation(overall, {"compliance": report}, list(report["unsatisfied"]), shot, report)

    return evaluate


def _resume_evaluator(request: GenerationRequest, folder: Path, width: int) -> Evaluator:
    from .resume import check_coverage

    def evaluate(page: Page) -> Evaluation:
        install_assets(folder, page)
        shot = render_html(page.html, folder, RenderOptions(width=width))
        report = check_coverage(request.resume, page.html)
        missing = [f"the page does not show the resume's {m['field']}: {m['value']!s:.80}"
                   for m in report["missing"]]
        return Evaluation(float(report["ratio"]), {"coverage": report}, missing, shot, report)

    return evaluate


def summary_of(evaluation: Evaluation) -> dict[str, Any]:
    """The report.json entries of an evaluation: scores, compliance or coverage."""
    metrics = evaluation.metrics
    return metrics if set(metrics) & {"compliance", "coverage"} else {"scores": metrics}
