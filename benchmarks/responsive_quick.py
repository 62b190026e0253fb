"""The responsive merge alone, for working on responsive.py: SSIM and words at 390 in seconds a
page instead of minutes.

    PYTHONPATH=. .venv/bin/python benchmarks/responsive_quick.py PAGE ... [--cache DIR] [-o OUT]

responsive_bench.py runs the whole engine three times a page and scores the 1280 result too;
most of that time goes to analysing the screenshots (OCR), which a change to the merge
(responsive.py, responsive_panels.py, emit/media.py) does not touch. This script renders each
reference at 1280 and 390 px and analyses both screenshots once, keeping both in ``--cache``
(pickles keyed by page name: delete them after changing the analysis), then on every run merges
the analyses, writes the page, renders it at 390, 768 and 1280 and prints per page

    ssim390     as responsive_bench.py's ssim_390 (same reference: the 390 render cut to the
                390 px viewport, same analyses, same merge)
    words390    as its words_390_innertext (innerText words; the bench's words_390 counts the
                blocks that show ink, which needs the scorer's render)
    overflow    the widths (390, 768) where the page is wider than the viewport

It checks neither the 1280 result nor the desktop-only run: use responsive_bench.py for the
numbers that go into RESULTS.md. OUT/NAME/ holds each page, its render at 390 and texts.json
(the innerText of the reference and the result at 390 and 1280, to find lost words).
"""

from __future__ import annotations

import argparse
import io
import json
import pickle
import statistics
import tempfile
from pathlib import Path

from responsive_bench import recall, words

PROBE = "() => ({text: document.body.innerText, scroll: document.documentElement.scrollWidth})"


def cached(page: Path, name: str, cache: Path) -> tuple[dict, list]:
    """The reference renders (png, probe data) and the two analyses, made once."""
    from PIL import Image

    from web_composer.render import RenderOptions, render_html
    from web_composer.vision.engine import analyse

    refs_file, analyses_file = cache / f"{name}.ref.pkl", cache / f"{name}.pkl"
    if not refs_file.exists():
        html = page.read_text(errors="replace")
        refs = {w: render_html(html, page.parent, RenderOptions(width=w, evaluate=PROBE))
                for w in (1280, 390)}
        refs_file.write_bytes(pickle.dumps({w: (r.png, r.data) for w, r in refs.items()}))
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
    (folder / "texts.json").write_text(json.dumps({
        "ref390": refs[390][1]["text"], "ref1280": refs[1280][1]["text"],
        "got390": got[390].data["text"], "got1280": got[1280].data["text"]}))
    target = phone_cut(refs[390][0], 390)
    return {"page": name, "ssim390": round(ssim(phone_cut(got[390].png, 390), target), 4),
            "words390": round(recall(words(refs[390][1]["text"]),
                                     words(got[390].data["text"])), 4),
            "overflow": [w for w in (390, 768) if got[w].data["scroll"] > w + 1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", type=Path)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "responsive-quick")
    parser.add_argument("-o", "--out", type=Path, default=None)
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    out = args.out or Path(tempfile.mkdtemp(prefix="responsive-quick-"))
    results = []
    for page in args.pages:
        page = page / "index.html" if page.is_dir() else page
        name = page.stem if page.name != "index.html" else page.parent.name
        results.append(measure(page, name, args.cache, out))
        print(json.dumps(results[-1]), flush=True)
    print(json.dumps({"pages": len(results),
                      "ssim390": round(statistics.fmean(r["ssim390"] for r in results), 4),
                      "words390": round(statistics.fmean(r["words390"] for r in results), 4)}))
    print(f"pages and renders: {out}")


if __name__ == "__main__":
    main()
