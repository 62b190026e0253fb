"""The bench's pictures: a side-by-side image per page and an HTML gallery of all of them.

    side_by_side(Path("OUT/targets/NAME.png"), Path("OUT/NAME/render.png"), Path("OUT/NAME/side.png"))
    write_gallery(Path("OUT"), summary, results)       # OUT/summary.html

Designed pages must be looked at: their block metrics stay high while a hero photograph, a panel
or an icon is lost, so every page's screenshot and render are put next to each other (screenshot
left, render right). Both are scaled by the same factor (a 1280 px wide page becomes COLUMN px
wide), so a page that came out taller or shorter than its screenshot shows it.
"""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import Any

from .atomic import write_bytes, write_text

COLUMN = 640  # px of each half of side.png (half of the 1280 px the pages are rendered at)
GAP = 12  # px of grey between the two halves
BACKDROP = (200, 200, 205)  # what pads the shorter half and the gap
SIDE = "side.png"


def side_by_side(screenshot: Path, render: Path, out: Path) -> None:
    """Write ``out``: ``screenshot`` | ``render``, each COLUMN px wide, on one height scale."""
    from PIL import Image

    halves = []
    for path in (screenshot, render):
        with Image.open(path) as picture:
            picture = picture.convert("RGB")
            height = max(1, round(picture.height * COLUMN / picture.width))
            halves.append(picture.resize((COLUMN, height), Image.LANCZOS))
    canvas = Image.new("RGB", (2 * COLUMN + GAP, max(h.height for h in halves)), BACKDROP)
    canvas.paste(halves[0], (0, 0))
    canvas.paste(halves[1], (COLUMN + GAP, 0))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=False)
    write_bytes(out, buffer.getvalue())


def _number(value: Any, percent: bool = False) -> str:
    if not isinstance(value, (int, float)):
        return "-"
    return f"{100 * value:.1f} %" if percent else f"{value:.3f}"


def _seconds(result: dict[str, Any]) -> str:
    parts = [f"{label} {result[key]:.1f} s" for key, label in
             (("gen_seconds", "generate"), ("score_seconds", "score"), ("job_seconds", "job"))
             if isinstance(result.get(key), (int, float))]
    return "<br>".join(parts) or "-"


def _row(result: dict[str, Any]) -> str:
    name = html.escape(str(result.get("page", "?")))
    if "error" in result:
        return (f"<tr><td>{name}</td><td colspan=4 class=error>"
                f"{html.escape(str(result['error']))}</td></tr>")
    ssim = _number(result.get("ssim"))
    if "draft" in result:
        ssim = f"{_number(result['draft'].get('ssim'))} &rarr; {ssim}"
    picture = "-"
    if result.get("side"):
        src = html.escape(f"{result['page']}/{SIDE}", quote=True)
        picture = f'<a href="{src}"><img src="{src}" loading="lazy" alt="{name}"></a>'
    return (f'<tr><td><a href="{html.escape(str(result["page"]), quote=True)}/index.html">{name}</a>'
            f"</td><td>{ssim}</td><td>{_number(result.get('code_words'), percent=True)}</td>"
            f"<td>{_seconds(result)}</td><td>{picture}</td></tr>")


STYLE = """body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
table { border-collapse: collapse; } td, th { border-top: 1px solid #ccc; padding: 8px;
vertical-align: top; text-align: left; } img { width: 640px; display: block; }
.error { color: #a00; } caption { text-align: left; padding-bottom: 8px; }"""


def write_gallery(out_dir: Path, summary: dict[str, Any], results: list[dict[str, Any]]) -> Path:
    """Write ``out_dir/summary.html``: one row per page (name, SSIM, words kept as DOM text,
    seconds, the side-by-side picture) under the means of the run."""
    means = ", ".join(f"{label} {_number(summary[key]['mean'], percent)}" for key, label, percent
                      in (("ssim", "SSIM", False), ("code_words", "words as text", True),
                          ("four", "four block metrics", False))
                      if isinstance(summary.get(key), dict))
    head = (f"{summary.get('pages', len(results))} pages ({summary.get('failed', 0)} failed), "
            f"backend {html.escape(str(summary.get('backend', '?')))}, "
            f"stack {html.escape(str(summary.get('stack', '?')))}, "
            f"--refine {summary.get('refine', 0)}. Mean: {means or '-'}. "
            "Pictures: screenshot (left) | render (right), same scale.")
    rows = "\n".join(_row(r) for r in results)
    page = (f"<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>bench</title>"
            f"<style>{STYLE}</style></head><body>\n<table><caption>{head}</caption>\n"
            "<tr><th>page</th><th>SSIM</th><th>words as text</th><th>seconds</th>"
            f"<th>screenshot | render</th></tr>\n{rows}\n</table></body></html>\n")
    target = Path(out_dir) / "summary.html"
    write_text(target, page)
    return target
