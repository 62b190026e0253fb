"""Benchmark of `webcompose score` on the Design2Code dev pages (../shared/design2code/dev).

    .venv/bin/python benchmarks/score_bench.py                 # everything, prints Markdown
    .venv/bin/python benchmarks/score_bench.py --only speed    # or: official, ocr
    .venv/bin/python benchmarks/score_bench.py --pages 5 --engines tesseract

Three studies:
- speed: seconds per page scored HTML against HTML (score_pages: both renders, blocks, matching,
  metrics), the browser warm; median over the pages.
- official: the fast geometry-based blocks against the official block detection (score_official.py:
  two painted renders and a pixel diff), compared on the metrics they produce for every candidate.
- ocr: screenshot-referenced scores (OCR blocks of screenshots/ID.png) against HTML-referenced scores
  (DOM blocks of pages/ID.html), mean absolute difference per metric, for each OCR engine.
Candidates for every page: the page itself, the page reworded, moved, recoloured, and the next page.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import zlib
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score_official import official_blocks  # noqa: E402

from web_composer.errors import WebComposeError  # noqa: E402
from web_composer.score import Reference, prepare_reference, score_blocks, score_pages  # noqa: E402
from web_composer.score.reference import render_page, reference_from_image  # noqa: E402

DEV = HERE.parent.parent / "shared" / "design2code" / "dev"
METRICS = ("block", "text", "position", "color", "visual", "overall")
KINDS = ("self", "reworded", "moved", "recoloured", "other")
MOVED_TAGS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "a", "span", "button", "td"]


def _every_third(soup, tags):
    return [el for k, el in enumerate(soup.find_all(tags)) if k % 3 == 1]


def _style(element, extra: str) -> None:
    element["style"] = (element.get("style", "").rstrip("; ") + "; " + extra).strip("; ")


def perturb(html: str, kind: str) -> str:
    """The page with every third text element reworded, moved or recoloured."""
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(html, "html.parser")
    if kind == "reworded":
        for node in list(soup.find_all(string=True)):
            words = str(node).split()
            if isinstance(node, NavigableString) and len(words) >= 3 and node.parent.name not in (
                    "style", "script", "title") and zlib.crc32(str(node).encode()) % 3 == 0:
                half = len(words) // 2
                node.replace_with(" ".join(words[:half] + ["new"] + words[half:][::-1]))
    elif kind == "moved":
        for element in _every_third(soup, MOVED_TAGS):
            _style(element, "position: relative; left: 60px; top: 40px")
    elif kind == "recoloured":
        for element in _every_third(soup, MOVED_TAGS):
            _style(element, "color: rgb(200, 40, 160) !important")
    return str(soup)


_renders: dict[int, tuple] = {}
_official: dict[int, list] = {}


def render_cached(html: str, base_dir: Path) -> tuple:
    """render_page, once per distinct HTML text (the same page appears as reference and candidate)."""
    key = hash((html, str(base_dir)))
    if key not in _renders:
        _renders[key] = render_page(html, base_dir)
    return _renders[key]


def official_cached(html: str, base_dir: Path, image: np.ndarray) -> list:
    key = hash((html, str(base_dir)))
    if key not in _official:
        _official[key] = official_blocks(html, base_dir, image)
    return _official[key]


def renderable_pages(limit: int | None) -> list[Path]:
    pages = []
    for page in sorted((DEV / "pages").glob("*.html"), key=lambda p: int(p.stem)):
        try:
            render_page(page.read_text(encoding="utf-8"), page.parent)
        except WebComposeError as exc:
            print(f"skipped {page.stem}: {exc.one_line()}", file=sys.stderr)
            continue
        pages.append(page)
        if limit and len(pages) >= limit:
            break
    return pages


def candidates(pages: list[Path], index: int) -> dict[str, str]:
    html = pages[index].read_text(encoding="utf-8")
    out = {kind: perturb(html, kind) for kind in ("reworded", "moved", "recoloured")}
    out["self"] = html
    out["other"] = pages[(index + 1) % len(pages)].read_text(encoding="utf-8")
    return out


def values(scores) -> dict[str, float]:
    return {name: getattr(scores, name) for name in METRICS}


def speed(pages: list[Path]) -> dict:
    seconds = []
    for page in pages:
        started = time.monotonic()
        score_pages(page, page)
        seconds.append(time.monotonic() - started)
    sizes = [render_page(p.read_text(encoding="utf-8"), p.parent)[0].shape[0] for p in pages]
    near = [s for s, h in zip(seconds, sizes) if 1000 <= h <= 1600]
    return {"median_s": statistics.median(seconds), "max_s": max(seconds),
            "median_s_1000_1600px": statistics.median(near) if near else None,
            "pages": len(pages), "pages_1000_1600px": len(near), "load_average": os.getloadavg()}


def official(pages: list[Path]) -> dict:
    """Per candidate: |metric(fast blocks) - metric(official blocks)|."""
    rows = []
    for index, page in enumerate(pages):
        ref_html = page.read_text(encoding="utf-8")
        ref_image, ref_fast, _ = render_cached(ref_html, page.parent)
        ref_official = official_cached(ref_html, page.parent, ref_image)
        for kind, html in candidates(pages, index).items():
            image, fast, _ = render_cached(html, page.parent)
            slow = official_cached(html, page.parent, image)
            a = values(score_blocks(image, fast, Reference("html", ref_image, ref_fast, 1280)))
            b = values(score_blocks(image, slow, Reference("html", ref_image, ref_official, 1280)))
            rows.append({"page": page.stem, "kind": kind, "fast": a, "official": b,
                         "fast_blocks": len(fast), "official_blocks": len(slow)})
        print(f"official: {page.stem} done", file=sys.stderr, flush=True)
    return {"rows": rows}


def ocr(pages: list[Path], engines: list[str]) -> dict:
    """Per engine and candidate: screenshot-referenced and HTML-referenced metrics."""
    rows = []
    for index, page in enumerate(pages):
        html_ref = prepare_reference(page)
        shots = {}
        for engine in engines:
            started = time.monotonic()
            shots[engine] = reference_from_image(DEV / "screenshots" / f"{page.stem}.png",
                                                 ocr_engine=engine)
            shots[engine].seconds = time.monotonic() - started
        for kind, html in candidates(pages, index).items():
            image, blocks, _ = render_page(html, page.parent)
            row = {"page": page.stem, "kind": kind,
                   "html": values(score_blocks(image, blocks, html_ref))}
            for engine, ref in shots.items():
                row[engine] = values(score_blocks(image, blocks, ref))
                row[engine + "_ocr_s"] = ref.seconds
            rows.append(row)
        print(f"ocr: {page.stem} done", file=sys.stderr, flush=True)
    return {"rows": rows, "engines": engines}


def summarise_official(result: dict) -> list[str]:
    rows = result["rows"]
    lines = ["| metric | mean abs diff | max abs diff | pages with every candidate within 0.02 |",
             "|---|---|---|---|"]
    pages = sorted({r["page"] for r in rows})
    for name in METRICS:
        diffs = [abs(r["fast"][name] - r["official"][name]) for r in rows]
        ok = sum(all(abs(r["fast"][name] - r["official"][name]) <= 0.02 for r in rows
                     if r["page"] == p) for p in pages)
        lines.append(f"| {name} | {np.mean(diffs):.4f} | {max(diffs):.4f} | {ok}/{len(pages)} |")
    return lines


def summarise_ocr(result: dict) -> list[str]:
    rows, engines = result["rows"], result["engines"]
    lines = ["| engine | candidates | " + " | ".join(METRICS) + " | OCR s/page (median) |",
             "|---|---|" + "---|" * (len(METRICS) + 1)]
    for engine in engines:
        ocr_s = statistics.median(r[engine + "_ocr_s"] for r in rows)
        for kind in ("all",) + KINDS:
            chosen = [r for r in rows if kind in ("all", r["kind"])]
            diffs = [np.mean([abs(r[engine][m] - r["html"][m]) for r in chosen]) for m in METRICS]
            lines.append(f"| {engine} | {kind} | " + " | ".join(f"{d:.3f}" for d in diffs)
                         + f" | {ocr_s:.1f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["speed", "official", "ocr"], action="append")
    parser.add_argument("--pages", type=int, default=None)
    parser.add_argument("--engines", default="tesseract,rapidocr")
    parser.add_argument("--json", type=Path, help="also write the raw rows here")
    args = parser.parse_args()
    studies = args.only or ["speed", "official", "ocr"]
    pages = renderable_pages(args.pages)
    report: dict = {"pages": [p.stem for p in pages]}
    if "speed" in studies:
        report["speed"] = speed(pages)
        print("## speed\n" + json.dumps(report["speed"], indent=1))
    if "official" in studies:
        report["official"] = official(pages)
        print("## fast blocks vs official blocks\n" + "\n".join(summarise_official(report["official"])))
    if "ocr" in studies:
        report["ocr"] = ocr(pages, args.engines.split(","))
        print("## screenshot-referenced vs HTML-referenced\n" + "\n".join(summarise_ocr(report["ocr"])))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=float))


if __name__ == "__main__":
    main()
