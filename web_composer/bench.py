"""`webcompose bench design2code`: generate every reference page from its screenshot and score it.

    summary = run_design2code_bench(Path("pages"), limit=None, backend="builtin",
                                    out_dir=Path("out"))

For each ``ID.html`` in the folder (Design2Code layout, pictures such as rick.jpg beside it): render
the reference (1280 px, full page) to a screenshot, generate a page from that screenshot alone with
the backend, score the result against the reference page (Block, Text, Position, Color, visual),
and check that it is a real webpage (share of absolutely positioned text, overflow and text
collisions at 390 px, SSIM of the render with the screenshot, whether the official judge's
cleaning would cut it). Writes ``OUT/ID/`` (index.html, assets/, render.png, result.json),
``OUT/results.json`` and ``OUT/summary.md``; returns the summary.
"""

from __future__ import annotations

import io
import json
import statistics
import time
from pathlib import Path
from typing import Any

from .atomic import write_bytes, write_text
from .errors import InputError, WebComposeError

METRICS = ("block", "text", "position", "color", "visual", "overall", "ssim", "absolute_share",
           "gen_seconds", "score_seconds")


def find_pages(pages_dir: Path, limit: int | None = None) -> list[Path]:
    pages_dir = Path(pages_dir)
    if not pages_dir.is_dir():
        raise InputError(f"{pages_dir} is not a folder of reference pages")
    pages = sorted(pages_dir.glob("*.html"), key=lambda p: (len(p.stem), p.stem))
    if not pages:
        raise InputError(f"{pages_dir} holds no .html reference pages")
    if limit is not None:
        if limit < 1:
            raise InputError("--limit must be at least 1")
        pages = pages[:limit]
    return pages


def run_design2code_bench(pages_dir: Path, *, limit: int | None = None, backend: str = "builtin",
                          out_dir: Path, stack: str = "css", options: dict[str, Any] | None = None,
                          progress: Any = None) -> dict[str, Any]:
    from .backends.base import get_backend

    pages = find_pages(pages_dir, limit)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    engine = get_backend(backend)
    results = []
    for page in pages:
        result = bench_page(page, engine, out_dir / page.stem, stack, options or {})
        results.append(result)
        if progress is not None:
            progress(result)
    summary = summarise(results)
    summary.update(backend=backend, stack=stack, pages_dir=str(pages_dir))
    write_text(out_dir / "results.json", json.dumps({"summary": summary, "pages": results},
                                                    indent=1))
    write_text(out_dir / "summary.md", summary_table(summary))
    return summary


def bench_page(page: Path, engine: Any, folder: Path, stack: str, options: dict[str, Any]
               ) -> dict[str, Any]:
    """Generate and score one reference page; errors are recorded, not raised."""
    from PIL import Image

    from .jobs import GenerationRequest
    from .score import prepare_reference, score_against

    result: dict[str, Any] = {"page": page.stem}
    folder.mkdir(parents=True, exist_ok=True)
    try:
        reference = prepare_reference(page)
        screenshot = Image.fromarray(reference.image)
        request = GenerationRequest(task="screenshot", images=[screenshot],
                                    stack=stack, options=dict(options))  # type: ignore[arg-type]
        started = time.perf_counter()
        generation = engine.generate(request)
        result["gen_seconds"] = round(time.perf_counter() - started, 3)
        html = generation.html or generation.text
        _write_candidate(folder, html, generation.assets)
        started = time.perf_counter()
        scores = score_against(html, folder, reference)
        result["score_seconds"] = round(time.perf_counter() - started, 3)
        result.update(scores.to_json())
        result["visual"] = round(scores.visual, 4)
        result.update(_page_checks(html, folder, scores.candidate_image, reference.image))
        result["warnings"] = generation.warnings
    except WebComposeError as exc:
        result["error"] = exc.one_line()
    write_text(folder / "result.json", json.dumps(result, indent=1))
    return result


def _write_candidate(folder: Path, html: str, assets: dict[str, bytes]) -> None:
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    for name, data in assets.items():
        target = folder / "assets" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, data)
    write_text(folder / "index.html", html)


def _page_checks(html: str, folder: Path, render: Any, screenshot: Any) -> dict[str, Any]:
    from PIL import Image

    from .vision.pagecheck import judge_cut, page_quality, ssim

    quality = page_quality(html, folder)
    out: dict[str, Any] = quality.to_json()
    if render is not None:
        rendered = Image.fromarray(render)
        out["ssim"] = round(ssim(rendered, Image.fromarray(screenshot)), 4)
        buffer = io.BytesIO()
        rendered.save(buffer, format="PNG")
        write_bytes(folder / "render.png", buffer.getvalue())
    out["judge_cut"] = judge_cut(html)
    return out


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in results if "error" not in r]
    summary: dict[str, Any] = {"pages": len(results), "failed": len(results) - len(ok)}
    for name in METRICS:
        values = [r[name] for r in ok if isinstance(r.get(name), (int, float))]
        if values:
            summary[name] = {"mean": round(statistics.fmean(values), 4),
                             "median": round(statistics.median(values), 4)}
    if ok:
        summary["fits_390"] = round(sum(not r.get("overflow_390") for r in ok) / len(ok), 4)
        summary["pages_with_collisions"] = sum(1 for r in ok if r.get("collisions_390"))
        summary["judge_cut_pages"] = sum(1 for r in ok if r.get("judge_cut") is not None)
    return summary


def summary_table(summary: dict[str, Any]) -> str:
    rows = ["| metric | mean | median |", "|---|---|---|"]
    for name in METRICS:
        if name in summary:
            rows.append(f"| {name} | {summary[name]['mean']} | {summary[name]['median']} |")
    extra = [f"pages: {summary['pages']} (failed {summary['failed']})"]
    for key in ("fits_390", "pages_with_collisions", "judge_cut_pages"):
        if key in summary:
            extra.append(f"{key}: {summary[key]}")
    return "\n".join(rows) + "\n\n" + "; ".join(extra) + "\n"
