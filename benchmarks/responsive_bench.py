"""Several screenshots, one responsive page (issue 20): the built-in engine given a page at 1280
and 390 px.

    PYTHONPATH=. .venv/bin/python benchmarks/responsive_bench.py [PAGES_DIR ...] [--limit N]
                                                                 [-o OUT] [--stack css|tailwind]

Default pages: the Design2Code dev pages (../shared/design2code/dev/pages, ID.html) and
../shared/designs/pages (NAME/index.html). Per page: render the reference at 1280 and 390 px
(full page, the project's renderer), run the engine on both screenshots and on the desktop one
alone, then measure

    ssim_390        SSIM (grey, quarter scale: vision.pagecheck.ssim) of the result at 390 against
                    the reference at 390 (and ssim_390_desktop_only: the desktop-only result's)
    words_1280/390  share of the reference's visible words found as text in the result's visible
                    text at that width (multiset recall of innerText words)
    overflow        the result is wider than the viewport at 390, 768 or 1280 px
    ref_width_390   the reference's own width at 390 (wider: it is no responsive page, and its
                    "phone" screenshot is a cut of the desktop layout; summarised apart)
    d_ssim_1280, d_block ... d_color   the 1280 result minus the desktop-only result (SSIM
                    against the reference render; Block/Text/Position/Color via web_composer.score)

Prints one line a page and the means; per-page JSON in OUT/results.json.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_DIRS = (SHARED / "design2code" / "dev" / "pages", SHARED / "designs" / "pages")
WIDTHS = (1280, 390)
OVERFLOW_WIDTHS = (390, 768, 1280)
FOUR = ("block", "text", "position", "color")
VISIBLE_JS = """() => ({text: document.body ? document.body.innerText : '',
  scroll: Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0),
  inner: window.innerWidth})"""


def find_pages(dirs: list[Path], limit: int | None) -> list[Path]:
    pages: list[Path] = []
    for folder in dirs:
        if folder.is_file() or (folder / "index.html").is_file():  # one page
            pages.append(folder if folder.is_file() else folder / "index.html")
            continue
        found = sorted(folder.glob("*.html")) or sorted(folder.glob("*/index.html"))
        pages += found[:limit] if limit else found
    return pages


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def recall(reference: Counter[str], candidate: Counter[str]) -> float:
    total = sum(reference.values())
    return 1.0 if not total else sum((reference & candidate).values()) / total


def shoot(html: str, base: Path, width: int) -> Any:
    from web_composer.render import RenderOptions, render_html

    return render_html(html, base, RenderOptions(width=width, evaluate=VISIBLE_JS))


def generate(images: list[Any], folder: Path, stack: str) -> str:
    from web_composer.vision.engine import screenshot_to_page

    result = screenshot_to_page(images, stack=stack, scale=1)
    for name, data in result.assets.items():
        target = folder / "assets" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (folder / "index.html").write_text(result.html)
    return result.html


def measure(page: Path, out: Path, stack: str) -> dict[str, Any]:
    from PIL import Image

    from web_composer.score import prepare_reference, score_against
    from web_composer.vision.pagecheck import ssim

    base = page.parent
    html = page.read_text(errors="replace")
    refs = {w: shoot(html, base, w) for w in WIDTHS}
    shots = {w: refs[w].image() for w in WIDTHS}
    both, alone = out / "both", out / "desktop"
    for folder in (both, alone):
        folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    html_both = generate([shots[1280], shots[390]], both, stack)
    seconds = time.perf_counter() - started
    html_alone = generate([shots[1280]], alone, stack)
    result: dict[str, Any] = {"gen_seconds": round(seconds, 2),
                              "ref_width_390": shots[390].width}  # > 390: the page overflows
    renders = {w: shoot(html_both, both, w) for w in OVERFLOW_WIDTHS}
    alone_390 = shoot(html_alone, alone, 390)
    result["ssim_390"] = round(ssim(renders[390].image(), shots[390]), 4)
    result["ssim_390_desktop_only"] = round(ssim(alone_390.image(), shots[390]), 4)
    for w in WIDTHS:
        result[f"words_{w}"] = round(recall(words(refs[w].data["text"]),
                                            words(renders[w].data["text"])), 4)
    result["overflow"] = [w for w in OVERFLOW_WIDTHS
                          if renders[w].data["scroll"] > renders[w].data["inner"] + 1]
    reference = prepare_reference(page)
    s_both = score_against(html_both, both, reference)
    s_alone = score_against(html_alone, alone, reference)
    target = Image.fromarray(reference.image)
    result["d_ssim_1280"] = round(ssim(Image.fromarray(s_both.candidate_image), target)
                                  - ssim(Image.fromarray(s_alone.candidate_image), target), 4)
    j_both, j_alone = s_both.to_json(), s_alone.to_json()
    for name in FOUR:
        result[f"d_{name}"] = round(j_both[name] - j_alone[name], 4)
    shots[390].save(out / "target_390.png")
    (out / "render_390.png").write_bytes(renders[390].png)
    (out / "render_1280.png").write_bytes(renders[1280].png)  # to look at the three side by side
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, default=list(DEFAULT_DIRS))
    parser.add_argument("--limit", type=int, default=None, help="pages per folder")
    parser.add_argument("--stack", choices=("css", "tailwind"), default="css")
    parser.add_argument("-o", "--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="responsive-bench-"))
    started = time.time()
    results = []
    for page in find_pages(args.pages, args.limit):
        name = page.stem if page.name != "index.html" else page.parent.name
        try:
            result = {"page": name, **measure(page, out / name, args.stack)}
        except Exception as exc:  # a bench keeps going; the error is reported with the page
            result = {"page": name, "error": f"{type(exc).__name__}: {exc}"}
        results.append(result)
        print(json.dumps(result), flush=True)
    ok = [r for r in results if "error" not in r]
    keys = ("ssim_390", "ssim_390_desktop_only", "words_1280", "words_390", "d_ssim_1280",
            *(f"d_{n}" for n in FOUR))
    summary = {k: round(statistics.fmean(r[k] for r in ok), 4) for k in keys if ok}
    if ok:
        summary["worst_d_1280"] = round(min(min(r[f"d_{n}"] for n in (*FOUR, "ssim_1280"))
                                            for r in ok), 4)
        summary["pages_overflowing"] = sum(1 for r in ok if r["overflow"])
        # references that fit 390 px (responsive pages): the phone screenshot is a phone layout
        fit = [r for r in ok if r["ref_width_390"] <= 392]
        if fit:
            summary["fitting_pages"] = len(fit)
            summary["ssim_390_fitting"] = round(statistics.fmean(r["ssim_390"] for r in fit), 4)
            summary["ssim_390_fitting_desktop_only"] = round(
                statistics.fmean(r["ssim_390_desktop_only"] for r in fit), 4)
    summary.update(pages=len(results), failed=len(results) - len(ok),
                   wall_seconds=round(time.time() - started))
    print(json.dumps(summary))
    (out / "results.json").write_text(json.dumps({"summary": summary, "pages": results}, indent=1))
    print(f"per page: {out / 'results.json'}")


if __name__ == "__main__":
    main()
