"""The responsive merge alone, for working on responsive.py: SSIM and words at 390 in seconds a
page instead of minutes.

    PYTHONPATH=. .venv/bin/python benchmarks/responsive_quick.py [PAGE ...] [--set dev|designs|both]
                                                                 [--limit N] [--cache DIR] [-o OUT]

Without PAGEs it takes responsive_bench.py's pages (``--set``, ``--limit`` per folder).

responsive_bench.py runs the whole engine three times a page and scores the 1280 result too;
most of that time goes to analysing the screenshots (OCR), which a change to the merge
(responsive.py, responsive_panels.py, emit/media.py) does not touch. This script renders each
reference at 1280 and 390 px and analyses both screenshots once, keeping both in ``--cache``
(pickles keyed by page name: delete them after changing the analysis), then on every run merges
the analyses, writes the page, renders it at 390, 768 and 1280 and prints per page

    ssim390     as responsive_bench.py's ssim_390 (same reference: the 390 render cut to the
                390 px viewport, same analyses, same merge)
    words390    as its words_390: the words of the reference's text blocks that show ink in its
                390 render (kept in the cache), found in the result's text blocks at 390
    words390_innertext  as its words_390_innertext (innerText words)
    overflow    the widths (390, 768) where the page is wider than the viewport

It checks neither the 1280 result nor the desktop-only run: use responsive_bench.py for the
numbers that go into RESULTS.md. OUT/NAME/ holds each page, its render at 390 and texts.json
(the innerText of the reference and the result at 390 and 1280, and ``lost390``: the reference's
inked words at 390 the result does not have as text, to find lost words).
"""

from __future__ import annotations

import argparse
import io
import json
import pickle
import statistics
import tempfile
from pathlib import Path

from responsive_bench import SETS, block_words, find_pages, recall, set_of, shoot, words

PROBE = "() => ({text: document.body.innerText, scroll: document.documentElement.scrollWidth})"


def cached(page: Path, name: str, cache: Path) -> tuple[dict, list]:
    """The reference renders (png, probe data, and at 390 the texts of the blocks that show
    ink) and the two analyses, made once."""
    from PIL import Image

    from web_composer.render import RenderOptions, render_html
    from web_composer.vision.engine import analyse

    refs_file, analyses_file = cache / f"{name}.ref.pkl", cache / f"{name}.pkl"
    if not refs_file.exists():
        html = page.read_text(errors="replace")
        refs = {w: render_html(html, page.parent, RenderOptions(width=w, evaluate=PROBE))
                for w in (1280, 390)}
        kept = {w: (r.png, r.data) for w, r in refs.items()}
        kept["inked390"] = shoot(html, page.parent, 390).inked_texts()
        refs_file.write_bytes(pickle.dumps(kept))
    refs = pickle.loads(refs_file.read_bytes())
    if not analyses_file.exists():
        images = [Image.open(io.BytesIO(refs[1280][0])).convert("RGB"), phone_cut(refs[390][0], 390)]
        analyses_file.write_bytes(pickle.dumps([analyse(im, scale=1) for im in images]))
    return refs, pickle.loads(analyses_file.read_bytes())


def phone_cut(png: bytes, width: int):
    """The render as a screen that wide shows it: cut to the viewport (a reference wider than
    390 px is no responsive page; a phone shows its left 390 px)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.crop((0, 0, min(image.width, width), image.height))


def measure(page: Path, name: str, cache: Path, out: Path) -> dict:
    from web_composer.render import RenderOptions, render_html
    from web_composer.vision.engine import _emit, encode_assets
    from web_composer.vision.pagecheck import ssim
    from web_composer.vision.responsive import merge_breakpoints

    refs, (wide, narrow) = cached(page, name, cache)
    merge_breakpoints(wide.plan, [narrow])
    html, _ = _emit(wide.plan, "css", "Page")
    folder = out / name
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    for asset, data in encode_assets(wide.plan.assets).items():
        (folder / "assets" / asset).write_bytes(data)
    (folder / "index.html").write_text(html)
    got = {w: render_html(html, folder, RenderOptions(width=w, evaluate=PROBE))
           for w in (390, 768, 1280)}
    (folder / "render_390.png").write_bytes(got[390].png)
    inked, kept = block_words(refs["inked390"]), block_words(shoot(html, folder, 390).texts())
    (folder / "texts.json").write_text(json.dumps({
        "ref390": refs[390][1]["text"], "ref1280": refs[1280][1]["text"],
        "got390": got[390].data["text"], "got1280": got[1280].data["text"],
        "lost390": sorted((inked - kept).elements())}))
    target = phone_cut(refs[390][0], 390)
    return {"page": name, "ssim390": round(ssim(phone_cut(got[390].png, 390), target), 4),
            "words390": round(recall(inked, kept), 4),
            "words390_innertext": round(recall(words(refs[390][1]["text"]),
                                               words(got[390].data["text"])), 4),
            "overflow": [w for w in (390, 768) if got[w].data["scroll"] > w + 1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path)
    parser.add_argument("--set", choices=("dev", "designs", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="pages per folder")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "responsive-quick")
    parser.add_argument("-o", "--out", type=Path, default=None)
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    out = args.out or Path(tempfile.mkdtemp(prefix="responsive-quick-"))
    dirs = [SETS[args.set]] if args.set != "both" else [*SETS.values()]
    pages = [p / "index.html" if p.is_dir() else p for p in args.pages] or find_pages(dirs, args.limit)
    results = []
    for page in pages:
        name = page.stem if page.name != "index.html" else page.parent.name
        results.append({**measure(page, name, args.cache, out), "set": set_of(page)})
        print(json.dumps(results[-1]), flush=True)
    for name in ("all", *sorted({r["set"] for r in results})):
        chosen = [r for r in results if name in ("all", r["set"])]
        print(json.dumps({"set": name, "pages": len(chosen), **{
            key: round(statistics.fmean(r[key] for r in chosen), 4)
            for key in ("ssim390", "words390", "words390_innertext")}}))
    print(f"pages and renders: {out}")


if __name__ == "__main__":
    main()
