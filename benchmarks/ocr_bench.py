"""Word-level OCR accuracy (issue 23): the words a page's DOM draws vs the words the engine reads.

    .venv/bin/python benchmarks/ocr_bench.py [--set dev|designs|both] [--limit N] [-o OUT]
                                             [--stage raw|engine] [--pages ID ...]

Each page is rendered like the engine's input (1280 px, full page, web_composer.render) with a
probe that lists every visible word and its box (web_composer.vision.ocr_check.WORDS_JS). The
screenshot is then read the way the built-in engine reads it: stage ``raw`` is the first OCR
pass only (vision.ocr.ocr_lines), stage ``engine`` (default) adds the engine's second passes
(light text on panels, doubtful lines re-read: vision.rescue), which is what the page's text is
made from. Words are paired by position; accuracy is the share of DOM words read exactly (case
aside); the misreadings are counted by class (see ocr_check) with examples in OUT/report.json.
Renders are cached in OUT/cache so that a rerun times OCR only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

import numpy as np

from web_composer.vision.ocr_check import CLASSES, WORDS_JS, Report, compare, dom_words, ocr_words

SHARED = Path(__file__).resolve().parents[2] / "shared"
SETS = {"dev": SHARED / "design2code" / "dev" / "pages", "designs": SHARED / "designs" / "pages"}


def pages_of(name: str) -> list[tuple[str, Path]]:
    folder = SETS[name]
    if name == "dev":
        return [(p.stem, p) for p in sorted(folder.glob("*.html"))]
    return [(p.name, p / "index.html") for p in sorted(folder.iterdir())
            if (p / "index.html").is_file()]


def rendered(page: str, path: Path, cache: Path) -> tuple[np.ndarray, dict]:
    """The page's screenshot (RGB) and probe data, from the cache when there."""
    from PIL import Image

    from web_composer.render import RenderOptions, render_file

    png, probe = cache / f"{page}.png", cache / f"{page}.json"
    if not (png.is_file() and probe.is_file()):
        shot = render_file(path, RenderOptions(width=1280, evaluate=WORDS_JS, timeout=60))
        cache.mkdir(parents=True, exist_ok=True)
        png.write_bytes(shot.png)
        probe.write_text(json.dumps(shot.data))
    return np.asarray(Image.open(png).convert("RGB")), json.loads(probe.read_text())


def engine_read(image: np.ndarray, stage: str) -> list:
    """The OCR lines the engine builds its page from (vision.engine.analyse's reading steps)."""
    from PIL import Image

    from web_composer.vision.elements import Box
    from web_composer.vision.ocr import ocr_lines
    from web_composer.vision.rescue import reread_doubtful, rescue_text
    from web_composer.vision.segmentation import segment
    from web_composer.vision.word_pieces import join_pieces

    raw = ocr_lines(Image.fromarray(image))
    if stage == "raw":
        return raw
    seg = segment(image, [Box(*line.box) for line in raw])
    extra, seg.graphics = rescue_text(image, seg, ocr_lines)
    return join_pieces(image, reread_doubtful(image, seg, raw, ocr_lines) + extra)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dev", "designs", "both"), default="both")
    parser.add_argument("--stage", choices=("raw", "engine"), default="engine")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--pages", nargs="*", default=None)
    parser.add_argument("-o", "--out", type=Path, default=Path("out/ocr-bench"))
    args = parser.parse_args()
    load = os.getloadavg()
    sets = ("dev", "designs") if args.set == "both" else (args.set,)
    results = {}
    for name in sets:
        total, seconds, per_page = Report(), [], {}
        pages = pages_of(name)
        if args.pages:
            pages = [p for p in pages if p[0] in args.pages]
        for page, path in pages[: args.limit]:
            image, data = rendered(page, path, args.out / "cache")
            started = time.perf_counter()
            lines = engine_read(image, args.stage)
            seconds.append(time.perf_counter() - started)
            report = compare(dom_words(data, image), ocr_words(lines), data.get("icons", []), page)
            per_page[page] = round(report.accuracy, 4)
            print(f"{name} {page}: {report.correct}/{report.words} = {report.accuracy:.4f} "
                  f"{dict(report.counts)} {seconds[-1]:.1f} s", flush=True)
            total.add(report)
        results[name] = {"accuracy": round(total.accuracy, 4), "words": total.words,
                         "correct": total.correct, "counts": dict(total.counts),
                         "median_ocr_s": round(statistics.median(seconds), 2) if seconds else None,
                         "pages": per_page, "examples": total.examples}
    print(f"\nstage {args.stage}; load average at start {load[0]:.1f}")
    print("| set | words | accuracy | " + " | ".join(CLASSES + ("icons", "extra")) + " | median OCR s |")
    print("|---" * (len(CLASSES) + 6) + "|")
    for name, result in results.items():
        counts = result["counts"]
        print(f"| {name} | {result['words']} | {result['accuracy']:.4f} | "
              + " | ".join(str(counts.get(c, 0)) for c in CLASSES + ("icons", "extra"))
              + f" | {result['median_ocr_s']} |")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"report-{args.stage}.json").write_text(json.dumps(results, indent=1,
                                                                   ensure_ascii=False))


if __name__ == "__main__":
    main()
