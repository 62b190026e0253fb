"""Several screenshots, one responsive page (issue 20): the built-in engine given a page at 1280
and 390 px.

    PYTHONPATH=. .venv/bin/python benchmarks/responsive_bench.py [PAGES_DIR ...] [--limit N]
                                    [--set dev|designs|both] [-o OUT] [--stack css|tailwind]

Default pages (``--set both``): the Design2Code dev pages (../shared/design2code/dev/pages,
ID.html) and ../shared/designs/pages (NAME/index.html); ``--set dev`` or ``designs`` takes one
of the two. The quality bar holds on both, so the means are also given per set. Per page: render the reference at 1280 and 390 px
(full page, the project's renderer), run the engine on both screenshots and on the desktop one
alone, then measure

    ssim_390        SSIM (grey, quarter scale: vision.pagecheck.ssim) of the result at 390 against
                    what a phone shows of the reference: its render at 390 cut to the 390 px
                    viewport (a reference wider than that is no responsive page; the phone screen
                    shows its left 390 px). The engine is given that cut with its width, as a
                    user's ``phone.png@390``; the result's render is cut the same way.
                    ssim_390_desktop_only: the desktop-only result's, against the same cut.
    ssim_390_full   the measure before the fifth pass: the engine given the whole 390 render
                    (408 to 1200 px wide for the six non-responsive references, which it then
                    takes as that many CSS pixels) and scored against it. Equal to ssim_390 where
                    the reference fits 390 px (the same picture and run).
    words_1280/390  words kept as text, as bench.py counts them: the words of the reference's
                    text blocks that show ink in its render at that width (score.pixels.shows_ink:
                    no screen-reader-only texts, no white captions over pictures that never load;
                    in the viewport's width: what the screenshot given to the engine shows)
                    found (multiset recall) in the result's text blocks rendered at that width
    words_*_innertext  the measure before the fifth pass: recall of document.body.innerText words
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
SETS = {"dev": SHARED / "design2code" / "dev" / "pages", "designs": SHARED / "designs" / "pages"}
WIDTHS = (1280, 390)
PHONE = 390
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


class Shot:
    """One full-page render at one width: the screenshot, the text blocks the scorer reads (with
    their line rectangles) and the innerText / overflow probe."""

    def __init__(self, html: str, base: Path, width: int) -> None:
        from PIL import Image

        from web_composer.score.reference import render_page

        array, self.blocks, render = render_page(html, base, width, extra={"probe": VISIBLE_JS})
        self.array, self.png, self.width = array, render.png, width
        self.data = render.data["extra"]["probe"]
        self.picture = Image.fromarray(array)

    def image(self) -> Any:
        return self.picture

    def phone(self) -> Any:
        """What a phone's screen shows: the page cut to the viewport's width."""
        return self.picture.crop((0, 0, min(self.picture.width, self.width), self.picture.height))

    def inked_texts(self) -> list[str]:
        """The texts of the blocks that show ink here (bench.py's words of the reference), in
        the viewport's width: a reference wider than that shows the rest to no screenshot."""
        from web_composer.score.pixels import shows_ink

        return [b.text for b in self.blocks
                if shows_ink(self.array, [(x0, y0, min(x1, self.width), y1)
                                          for x0, y0, x1, y1 in b.rects if x0 < self.width])]

    def texts(self) -> list[str]:
        return [b.text for b in self.blocks]


def shoot(html: str, base: Path, width: int) -> Shot:
    return Shot(html, base, width)


def block_words(texts: list[str]) -> Counter[str]:
    """bench.py's words: code.normalise of each whitespace-separated piece."""
    from web_composer.score.code import normalise

    return Counter(w for text in texts for w in (normalise(p) for p in text.split()) if w)


def generate(images: list[Any], folder: Path, stack: str,
             widths: list[int | None] | None = None) -> str:
    from web_composer.vision.engine import screenshot_to_page

    result = screenshot_to_page(images, stack=stack, scale=1, widths=widths)
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
    desktop, phone = refs[1280].image(), refs[PHONE].phone()
    both, alone = out / "both", out / "desktop"
    for folder in (both, alone):
        folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    # the desktop screenshot's width is its pixels, as in the desktop-only run (13735's 1280
    # render is 1295 px wide: named 1280, its analysis would differ from the desktop-only one)
    html_both = generate([desktop, phone], both, stack, [None, PHONE])
    seconds = time.perf_counter() - started
    html_alone = generate([desktop], alone, stack)
    wide = refs[PHONE].image().width  # > 390: the page overflows
    result: dict[str, Any] = {"gen_seconds": round(seconds, 2), "ref_width_390": wide}
    renders = {w: shoot(html_both, both, w) for w in OVERFLOW_WIDTHS}
    alone_390 = shoot(html_alone, alone, PHONE)
    result["ssim_390"] = round(ssim(renders[PHONE].phone(), phone), 4)
    result["ssim_390_desktop_only"] = round(ssim(alone_390.phone(), phone), 4)
    if wide > PHONE:  # the measure before the fifth pass: the whole render given and scored
        full = out / "full"
        full.mkdir(parents=True, exist_ok=True)
        html_full = generate([desktop, refs[PHONE].image()], full, stack)
        result["ssim_390_full"] = round(ssim(shoot(html_full, full, PHONE).image(),
                                             refs[PHONE].image()), 4)
    else:
        result["ssim_390_full"] = result["ssim_390"]
    for w in WIDTHS:
        result[f"words_{w}"] = round(recall(block_words(refs[w].inked_texts()),
                                            block_words(renders[w].texts())), 4)
        result[f"words_{w}_innertext"] = round(recall(words(refs[w].data["text"]),
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
    phone.save(out / "target_390.png")
    (out / "render_390.png").write_bytes(renders[390].png)
    (out / "render_1280.png").write_bytes(renders[1280].png)  # to look at the three side by side
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, help="page files or folders (default: --set)")
    parser.add_argument("--set", choices=("dev", "designs", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="pages per folder")
    parser.add_argument("--stack", choices=("css", "tailwind"), default="css")
    parser.add_argument("-o", "--out", type=Path, default=None)
    args = parser.parse_args()
    dirs = args.pages or ([*SETS.values()] if args.set == "both" else [SETS[args.set]])
    out = args.out or Path(tempfile.mkdtemp(prefix="responsive-bench-"))
    started = time.time()
    results = []
    for page in find_pages(dirs, args.limit):
        name = page.stem if page.name != "index.html" else page.parent.name
        try:
            result = {"page": name, "set": set_of(page), **measure(page, out / name, args.stack)}
        except Exception as exc:  # a bench keeps going; the error is reported with the page
            result = {"page": name, "set": set_of(page), "error": f"{type(exc).__name__}: {exc}"}
        results.append(result)
        print(json.dumps(result), flush=True)
    summary = summarise(results)
    sets = sorted({r["set"] for r in results})
    if len(sets) > 1:  # the bar holds on each set: their means apart
        summary["by_set"] = {name: summarise([r for r in results if r["set"] == name])
                             for name in sets}
    summary["wall_seconds"] = round(time.time() - started)
    print(json.dumps(summary))
    (out / "results.json").write_text(json.dumps({"summary": summary, "pages": results}, indent=1))
    print(f"per page: {out / 'results.json'}")


def set_of(page: Path) -> str:
    """Which set a page is of: "dev", "designs", or the name of the folder it came from."""
    for name, folder in SETS.items():
        if folder in page.resolve().parents:
            return name
    return page.parent.name


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The means over the pages that ran, the worst 1280 change and the overflowing pages; the
    pages whose reference fits 390 px (responsive pages) apart from the wider ones."""
    ok = [r for r in results if "error" not in r]
    keys = ("ssim_390", "ssim_390_full", "ssim_390_desktop_only", "words_1280", "words_390",
            "words_1280_innertext", "words_390_innertext", "d_ssim_1280",
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
            summary["words_390_fitting"] = round(statistics.fmean(r["words_390"] for r in fit), 4)
            summary["ssim_390_wide"] = round(statistics.fmean(
                r["ssim_390"] for r in ok if r not in fit), 4) if len(fit) < len(ok) else None
            summary["ssim_390_fitting_desktop_only"] = round(
                statistics.fmean(r["ssim_390_desktop_only"] for r in fit), 4)
    summary.update(pages=len(results), failed=len(results) - len(ok))
    return summary


if __name__ == "__main__":
    main()
