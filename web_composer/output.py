"""Writing a finished job: the page, its iterations, report.json and report.html.

    OUT/index.html, OUT/assets/, OUT/render.png, OUT/raw.txt, OUT/report.json, OUT/report.html
    OUT/iterations/NN/{index.html, render.png, scores.json[, diff.png]}   (when refinement ran)
    OUT/iterations/NN/edits.json   a revision's named edits: name, selector, before, after, why
"""

from __future__ import annotations

import html as htmlmod
import json
import re
import shutil
from pathlib import Path
from typing import Any

from .atomic import write_bytes, write_text
from .refine import Iteration, Outcome


def _with_base(page_html: str, base: str) -> str:
    """The page with a <base> so an iteration's copy finds the shared assets/ two levels up."""
    tag = f'<base href="{base}">'
    match = re.search(r"<head[^>]*>", page_html, re.I)
    if match:
        return page_html[: match.end()] + tag + page_html[match.end():]
    return tag + page_html


def write_iterations(folder: Path, outcome: Outcome) -> None:
    for it in outcome.iterations:
        target = folder / "iterations" / f"{it.index:02d}"
        target.mkdir(parents=True, exist_ok=True)
        write_text(target / "index.html", _with_base(it.page.html, "../../"))
        write_bytes(target / "render.png", it.evaluation.render.png)
        write_text(target / "scores.json", json.dumps(
            {"overall": it.evaluation.overall, **it.evaluation.metrics,
             **({"ssim": round(it.evaluation.visual, 4)} if it.evaluation.visual is not None else {}),
             "feedback": it.evaluation.feedback, "seconds": it.seconds}, indent=2, default=str))
        if it.evaluation.diff_png():
            write_bytes(target / "diff.png", it.evaluation.diff_png())
        for width, png in it.evaluation.renders.items():
            write_bytes(target / f"render-{width}.png", png)
        if it.index > 0:
            write_text(target / "edits.json", json.dumps(it.page.edits, indent=2))


def copy_target(folder: Path, target: Path | None) -> str | None:
    if target is None:
        return None
    name = "target" + (target.suffix.lower() or ".png")
    shutil.copyfile(target, folder / name)
    return name


def copy_targets(folder: Path, targets: list[Path], widths: list[int]) -> dict[int, str]:
    """Copy the target screenshot(s): the widest as target.EXT, the others as target-W.EXT
    (W: its CSS width); returns width -> file name (width 0 when the widths are unknown)."""
    if len(targets) < 2 or len(widths) != len(targets):
        name = copy_target(folder, targets[0] if targets else None)
        return {max(widths, default=0): name} if name else {}
    out = {}
    for path, width in zip(targets, widths):
        name = ("target" if width == max(widths) else f"target-{width}") + (path.suffix.lower()
                                                                           or ".png")
        shutil.copyfile(path, folder / name)
        out[width] = name
    return out


def _width_cells(it: Iteration, folder: str, targets: dict[int, str]) -> str:
    """Target and render at each narrower width, side by side (several screenshots)."""
    cells = []
    for width in sorted(it.evaluation.renders, reverse=True):
        if width in targets:
            cells.append(f'<figure><img src="{targets[width]}" alt="target at {width} px">'
                         f"<figcaption>target, {width} px</figcaption></figure>")
        cells.append(f'<figure><img src="{folder}render-{width}.png" alt="render at {width} px">'
                     f"<figcaption>render, {width} px</figcaption></figure>")
    return f'<div class="row">{"".join(cells)}</div>' if cells else ""


def _curve_svg(values: list[float], best: int) -> str:
    width, height, pad = 480, 160, 24
    if len(values) == 1:
        values = values * 2
    low, high = min(values), max(values)
    span = (high - low) or 1.0

    def point(i: int, v: float) -> tuple[float, float]:
        x = pad + i * (width - 2 * pad) / (len(values) - 1)
        y = height - pad - (v - low) / span * (height - 2 * pad)
        return round(x, 1), round(y, 1)

    points = " ".join(f"{x},{y}" for x, y in (point(i, v) for i, v in enumerate(values)))
    bx, by = point(min(best, len(values) - 1), values[min(best, len(values) - 1)])
    return (f'<svg role="img" aria-label="overall score per iteration" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}"><rect width="100%" height="100%" '
            f'fill="#f8fafc"/><polyline fill="none" stroke="#1d4ed8" stroke-width="2" '
            f'points="{points}"/><circle cx="{bx}" cy="{by}" r="5" fill="#16a34a"/>'
            f'<text x="{pad}" y="16" font-size="12">{high:.3f}</text>'
            f'<text x="{pad}" y="{height - 6}" font-size="12">{low:.3f}</text></svg>')


def _edits_table(edits: list[dict[str, str]]) -> str:
    """The revision's named edits as a table (nothing for the draft or an empty revision)."""
    if not edits:
        return ""
    cells = ("name", "selector", "before", "after", "why")
    head = "".join(f"<th>{name}</th>" for name in cells)
    body = "".join("<tr>" + "".join(f"<td>{htmlmod.escape(str(edit.get(name, '')))}</td>"
                                    for name in cells) + "</tr>" for edit in edits)
    return (f'<table class="edits"><caption>{len(edits)} edit(s)</caption><tr>{head}</tr>'
            f"{body}</table>")


def report_html(outcome: Outcome, report: dict[str, Any],
                targets: str | dict[int, str] | None, with_iterations: bool) -> str:
    """``targets``: the target's file name, or width -> file name for several screenshots."""
    if not isinstance(targets, dict):
        targets = {0: targets} if targets else {}
    target_name = targets.get(max(targets)) if targets else None
    rows = []
    for it in outcome.iterations:
        folder = f"iterations/{it.index:02d}/" if with_iterations else ""
        label = "draft" if it.index == 0 else f"revision {it.index}"
        best = " (kept)" if it.index == outcome.best else ""
        cells = []
        if target_name:
            cells.append(f'<figure><img src="{target_name}" alt="target"><figcaption>target'
                         "</figcaption></figure>")
        cells.append(f'<figure><img src="{folder}render.png" alt="render of {label}"><figcaption>'
                     f"render</figcaption></figure>")
        if it.evaluation.diff_png():
            cells.append(f'<figure><img src="{folder}diff.png" alt="difference for {label}">'
                         "<figcaption>target | render | difference</figcaption></figure>")
        notes = "".join(f"<li>{htmlmod.escape(n)}</li>" for n in it.evaluation.feedback[:10])
        rows.append(f"<section><h2>{label}{best}: overall {it.evaluation.overall:.3f}</h2>"
                    f"{_edits_table(it.page.edits)}"
                    f'<div class="row">{"".join(cells)}</div>'
                    f"{_width_cells(it, folder, targets)}<ul>{notes}</ul></section>")
    curve = _curve_svg([it.evaluation.overall for it in outcome.iterations], outcome.best)
    title = f"webcompose report: {report.get('task')} with {report.get('backend')}"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{htmlmod.escape(title)}</title>
<style>body{{font:15px/1.4 system-ui,sans-serif;margin:24px;color:#0f172a}}
.row{{display:flex;gap:12px;align-items:flex-start;overflow-x:auto}}
figure{{margin:0;flex:1;min-width:240px}} figure img{{width:100%;border:1px solid #cbd5e1}}
figcaption{{color:#475569;font-size:13px}}
.edits{{border-collapse:collapse;font-size:13px;margin:8px 0}}
.edits td,.edits th{{border:1px solid #cbd5e1;padding:2px 6px;text-align:left;vertical-align:top}}</style></head><body>
<h1>{htmlmod.escape(title)}</h1>
<p>Stop reason: {htmlmod.escape(outcome.stop_reason)}. Kept: iteration {outcome.best}.</p>
{curve}
{"".join(rows)}
</body></html>"""
