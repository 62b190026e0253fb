"""`webcompose bench design2code`: generate every reference page from its screenshot and score it.

    summary = run_design2code_bench(Path("pages"), out_dir=Path("out"), refine=3, workers=2)

For each ``ID.html`` in the folder (Design2Code layout, pictures such as rick.jpg beside it):

1. render the reference (1280 px, full page) to ``OUT/targets/ID.png`` (its DOM blocks are kept);
2. run a screenshot job on that picture alone through the batch machinery (batch.py): the same
   pipeline as ``webcompose screenshot``, with ``refine`` revision rounds, ``workers`` jobs at
   once (or on a Ray cluster, with ``executor``), failures isolated, and a rerun skipping pages
   already done with the same inputs;
3. score the draft and the final page against the *reference page* (Block, Text, Position, Color,
   visual) and check that each is a real webpage (share of absolutely positioned text, overflow
   and text collisions at 390 px, SSIM of the render with the screenshot, whether the official
   judge's cleaning would cut it). The loop itself only ever sees the screenshot.
   ``code_words`` is the share of the reference's visible words (drawn where they stand out from
   their ground) that the generated page shows as DOM text (read from the rendered text nodes: words drawn inside an <img>, a background
   picture or an alt text do not count); ``gen_seconds``, ``score_seconds`` and ``job_seconds``
   time the generation, the bench's scoring and the whole job (generate, evaluate, refine).
4. put the screenshot and the render side by side in ``OUT/ID/side.png`` (bench_gallery.py).

Writes ``OUT/ID/`` (the job's output folder plus ``bench.json`` and ``side.png``),
``OUT/batch.json``, ``OUT/results.json``, ``OUT/summary.md`` and ``OUT/summary.html`` (a gallery:
one row per page with its scores, seconds and side-by-side picture); returns the summary.
"""

from __future__ import annotations

import io
import json
import queue
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .atomic import write_bytes, write_text
from .bench_gallery import SIDE, side_by_side, write_gallery
from .errors import InputError, WebComposeError
from .score.code import MEASURES
from .score.scores import FOUR

METRICS = ("block", "text", "position", "color", "visual", "overall", "ssim", "absolute_share",
           "gen_seconds", "score_seconds", "job_seconds")
CODE = tuple(f"code_{name}" for name in MEASURES)  # the code measures, against the reference HTML
VERSION = 8  # of what bench.json holds: a cached result of another version is measured again
TARGETS = "targets"  # OUT/targets/ID.png: the screenshots the jobs start from


def page_id(page: Path) -> str:
    """A reference page's name: ID for ID.html, NAME for NAME/index.html."""
    return page.parent.name if page.name == "index.html" else page.stem


def find_pages(pages_dir: Path, limit: int | None = None) -> list[Path]:
    """The reference pages of a folder: ID.html files (Design2Code), else NAME/index.html
    (one folder per page, with its pictures beside it)."""
    pages_dir = Path(pages_dir)
    if not pages_dir.is_dir():
        raise InputError(f"{pages_dir} is not a folder of reference pages")
    found = list(pages_dir.glob("*.html")) or list(pages_dir.glob("*/index.html"))
    pages = sorted(found, key=lambda p: (len(page_id(p)), page_id(p)))
    if not pages:
        raise InputError(f"{pages_dir} holds no .html reference pages")
    if limit is not None:
        if limit < 1:
            raise InputError("--limit must be at least 1")
        pages = pages[:limit]
    if any(page_id(p) == TARGETS for p in pages):
        raise InputError(f"a reference page may not be called {TARGETS}.html")
    return pages


def in_threads(function: Callable[[Any], Any], items: list[Any], workers: int) -> list[Any]:
    """``function`` over ``items`` on ``workers`` threads (each with its own browser, closed at the
    end); results in item order, an exception object where one was raised."""
    from .render import close_browser

    results: list[Any] = [None] * len(items)
    pending: queue.Queue = queue.Queue()
    for index, item in enumerate(items):
        pending.put((index, item))

    def work() -> None:
        try:
            while True:
                try:
                    index, item = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    results[index] = function(item)
                except Exception as exc:  # noqa: BLE001 - recorded per item by the caller
                    results[index] = exc
        finally:
            close_browser()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(max(1, workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _prepare_target(page: Path, targets: Path) -> Any:
    """The reference of one page, its render written as the job's screenshot (when it changed)."""
    from PIL import Image

    from .score import prepare_reference

    reference = prepare_reference(page)
    buffer = io.BytesIO()
    Image.fromarray(reference.image).save(buffer, format="PNG")
    target = targets / f"{page_id(page)}.png"
    if not target.is_file() or target.read_bytes() != buffer.getvalue():
        write_bytes(target, buffer.getvalue())
    return reference


def run_design2code_bench(pages_dir: Path, *, out_dir: Path, limit: int | None = None,
                          backend: str = "builtin", stack: str = "css", refine: int = 0,
                          workers: int = 1, backend_options: dict[str, Any] | None = None,
                          progress: Callable[[dict[str, Any]], None] | None = None,
                          executor: Any = None) -> dict[str, Any]:
    from .batch import BatchJob, BatchRunner
    from .pipeline import run_job

    pages = find_pages(pages_dir, limit)
    out_dir = Path(out_dir)
    targets = out_dir / TARGETS
    targets.mkdir(parents=True, exist_ok=True)
    prepared = in_threads(lambda page: _prepare_target(page, targets), pages, workers)
    references: dict[str, Any] = {}
    results: dict[str, dict[str, Any]] = {}
    for page, reference in zip(pages, prepared):
        if isinstance(reference, WebComposeError):
            results[page_id(page)] = {"page": page_id(page),
                                      "error": f"reference: {reference.one_line()}"}
        elif isinstance(reference, Exception):
            raise reference
        else:
            references[page_id(page)] = reference

    jobs = [BatchJob(stem, "screenshot", str((targets / f"{stem}.png").resolve()),
                     {"backend": backend, "stack": stack, "refine": refine,
                      "backend_options": dict(backend_options or {})})
            for stem in references]

    def run(job: Any) -> Any:
        result = run_job(job)
        stem = job.meta["batch_id"]
        results[stem] = bench_result(stem, out_dir / stem, references[stem])
        return result

    def on_event(kind: str, outcome: Any) -> None:
        if kind != "done":
            return
        if outcome.status == "failed":
            results[outcome.id] = {"page": outcome.id, "error": outcome.error}
        elif outcome.id not in results:  # done by an earlier run
            results[outcome.id] = bench_result(outcome.id, out_dir / outcome.id,
                                               references[outcome.id])
        if progress is not None:
            progress(results[outcome.id])

    if progress is not None:
        for stem in results:
            progress(results[stem])
    # on other machines (executor: batch_ray.RayExecutor) a page is scored here once its folder is back
    BatchRunner(jobs, out_dir, workers=workers, on_event=on_event,
                run=None if executor else run, executor=executor).run()
    ordered = [results[page_id(p)] for p in pages if page_id(p) in results]
    summary = summarise(ordered)
    summary.update(backend=backend, stack=stack, refine=refine, workers=workers,
                   pages_dir=str(pages_dir))
    write_text(out_dir / "results.json", json.dumps({"summary": summary, "pages": ordered},
                                                    indent=1))
    write_text(out_dir / "summary.md", summary_table(summary))
    write_gallery(out_dir, summary, ordered)
    return summary


def bench_result(stem: str, folder: Path, reference: Any) -> dict[str, Any]:
    """Score a finished job's final page (and its draft, when it was refined) against the
    reference page; cached in ``folder/bench.json`` next to the job's report.json."""
    cached = folder / "bench.json"
    report = json.loads((folder / "report.json").read_text())
    try:
        saved = json.loads(cached.read_text())
        if saved.get("job_finished") == report.get("timings") and saved.get("version") == VERSION \
                and (folder / SIDE).is_file():
            return saved
    except (OSError, json.JSONDecodeError):
        pass
    refinement = report.get("refinement") or {}
    iterations = refinement.get("iterations") or []
    result: dict[str, Any] = {"page": stem, "job_finished": report.get("timings"),
                              "version": VERSION}
    try:
        final = _measure(folder / "index.html", folder, reference)
        result.update(final)
        if len(iterations) > 1:
            draft = _measure(folder / "iterations" / "00" / "index.html", folder, reference)
            result["draft"] = draft
            # six decimals: a loss too small for the four-digit figures still counts as one
            result["gain"] = round(_four(final) - _four(draft), 6)
        timings = report.get("timings") or {}
        result.update(
            gen_seconds=timings.get("generate"), job_seconds=timings.get("total"),
            iterations=len(iterations) - 1, best=refinement.get("best", 0),
            stop_reason=refinement.get("stop_reason"),
            evaluate_seconds=[it["seconds"].get("evaluate") for it in iterations],
            warnings=report.get("warnings", []))
        side_by_side(folder.parent / TARGETS / f"{stem}.png", folder / "render.png", folder / SIDE)
        result["side"] = SIDE
    except WebComposeError as exc:
        result["error"] = exc.one_line()
    write_text(cached, json.dumps(result, indent=1))
    return result


def _four(scores: dict[str, Any]) -> float:
    return statistics.fmean(scores[name] for name in FOUR)


def _measure(page: Path, folder: Path, reference: Any) -> dict[str, Any]:
    """One page against the reference: the scores, then the real-webpage checks."""
    from PIL import Image

    from .score import score_against
    from .render import render_html
    from .vision.pagecheck import judge_cut, page_quality, ssim

    html = page.read_text()
    started = time.perf_counter()
    scores = score_against(html, folder, reference)
    out: dict[str, Any] = {**scores.to_json(), "visual": round(scores.visual, 4),
                           "score_seconds": round(time.perf_counter() - started, 3)}
    out["four"] = round(_four(out), 4)
    out.update(page_quality(html, folder).to_json())
    out["judge_cut"] = judge_cut(html)
    # the page as a person sees it: the scorer's render is of the judge's cut page, if it cuts
    seen = render_html(html, folder).image() if scores.cut \
        else Image.fromarray(scores.candidate_image)
    out["ssim"] = round(ssim(seen, Image.fromarray(reference.image)), 4)
    if reference.kind == "html" and reference.path is not None:
        from .score.code import code_measures

        from .score.pixels import shows_ink

        seen_words = [b.text for b in reference.blocks if shows_ink(reference.image, b.rects)]
        shown = ([b.text for b in scores.candidate_blocks], seen_words)
        if scores.cut:  # the scorer's candidate blocks are of the judge's cut page: the
            from bs4 import BeautifulSoup  # candidate's words are then all of its text

            shown = ([BeautifulSoup(html, "html.parser").get_text(" ")], shown[1])
        code = code_measures(html, reference.path.read_text(errors="replace"), shown).to_json()
        out.update({f"code_{name}": value for name, value in code.items()})
    return out


def _figures(results: list[dict[str, Any]]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for name in (*METRICS, "four", *CODE):
        values = [r[name] for r in results if isinstance(r.get(name), (int, float))]
        if values:
            figures[name] = {"mean": round(statistics.fmean(values), 4),
                             "median": round(statistics.median(values), 4)}
    if results:
        figures["fits_390"] = round(sum(not r.get("overflow_390") for r in results) / len(results), 4)
        figures["pages_with_collisions"] = sum(1 for r in results if r.get("collisions_390"))
        figures["judge_cut_pages"] = sum(1 for r in results if r.get("judge_cut") is not None)
    return figures


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in results if "error" not in r]
    summary: dict[str, Any] = {"pages": len(results), "failed": len(results) - len(ok)}
    summary.update(_figures(ok))
    refined = [r for r in ok if "draft" in r]
    if refined:  # a page the loop did not revise (or kept as drafted) is its own draft
        drafts = [{**r["draft"], "gen_seconds": r.get("gen_seconds")} if "draft" in r else r
                  for r in ok]
        summary["draft"] = _figures(drafts)
        summary["refined_pages"] = len(refined)
        summary["pages_below_draft"] = sum(1 for r in refined if r["gain"] < 0)
        summary["pages_improved"] = sum(1 for r in refined if r["gain"] > 0)
    loop = [s for r in ok for s in (r.get("evaluate_seconds") or [])[1:] if s is not None]
    if loop:  # render + score of each revision (the loop's cost beyond the backend's)
        summary["seconds_per_iteration"] = {"median": round(statistics.median(loop), 3),
                                            "count": len(loop)}
    return summary


def summary_table(summary: dict[str, Any]) -> str:
    draft = summary.get("draft")
    head = "| metric | draft mean | mean | median |" if draft else "| metric | mean | median |"
    rows = [head, "|---" * (head.count("|") - 1) + "|"]
    for name in (*METRICS, "four", *CODE):
        if name in summary:
            cells = [name] + ([str(draft[name]["mean"]) if name in draft else ""] if draft else [])
            cells += [str(summary[name]["mean"]), str(summary[name]["median"])]
            rows.append("| " + " | ".join(cells) + " |")
    extra = [f"pages: {summary['pages']} (failed {summary['failed']})"]
    for key in ("fits_390", "pages_with_collisions", "judge_cut_pages"):
        if key in summary:
            before = f" (draft {draft[key]})" if draft and key in draft else ""
            extra.append(f"{key}: {summary[key]}{before}")
    for key in ("pages_improved", "pages_below_draft"):
        if key in summary:
            extra.append(f"{key}: {summary[key]} of {summary['refined_pages']}")
    if "seconds_per_iteration" in summary:
        extra.append(f"render+score per revision: {summary['seconds_per_iteration']['median']} s "
                     f"median of {summary['seconds_per_iteration']['count']}")
    return "\n".join(rows) + "\n\n" + "; ".join(extra) + "\n"
