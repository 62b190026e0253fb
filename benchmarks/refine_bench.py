"""The refinement loop with the built-in backend: draft against refined page, both scored against
the reference page, and the seconds each revision takes per 1000 px of page height.

    .venv/bin/python benchmarks/refine_bench.py PAGES_DIR [--refine 3] [--limit N] [-o OUT]

PAGES_DIR is a Design2Code folder (ID.html) or a folder of designed pages (NAME/index.html, as
../shared/designs/pages). Runs `webcompose bench design2code` (bench.run_design2code_bench) and
then reads each job's report.json. Prints one line a page and the summary: SSIM of the render
against the reference's screenshot and the mean of the four block metrics (draft -> refined),
the mean SSIM gain on pages whose draft SSIM is below 0.90, pages that end below their draft, and
the median seconds per revision (revise + render + score) per 1000 px of page height.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from web_composer.bench import run_design2code_bench

LOW_SSIM = 0.90


def page_line(result: dict) -> dict | None:
    if "error" in result:
        print(result["page"], "ERROR", result["error"], flush=True)
        return None
    draft = result.get("draft", result)  # a page the loop never revised is its own draft
    row = {"page": result["page"], "ssim0": draft["ssim"], "ssim": result["ssim"],
           "four0": draft["four"], "four": result["four"], "best": result.get("best", 0),
           "stop": result.get("stop_reason")}
    print(f"{row['page']:>18}  ssim {row['ssim0']:.4f} -> {row['ssim']:.4f}  four "
          f"{row['four0']:.4f} -> {row['four']:.4f}  kept {row['best']}  ({row['stop']})",
          flush=True)
    return row


def revision_costs(out: Path, pages: list[str]) -> list[float]:
    """Seconds of each revision (revise + render + score) per 1000 px of the page's height."""
    costs = []
    for page in pages:
        report = json.loads((out / page / "report.json").read_text())
        height = report["render"]["height"]
        for it in report["refinement"]["iterations"][1:]:
            seconds = it["seconds"].get("revise", 0) + it["seconds"].get("evaluate", 0)
            costs.append(seconds / height * 1000)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path)
    parser.add_argument("--refine", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("-o", "--out", type=Path, default=Path("out/bench-refine"))
    args = parser.parse_args()
    started = time.time()
    rows: list[dict] = []

    def show(result: dict) -> None:
        row = page_line(result)
        if row is not None:
            rows.append(row)

    run_design2code_bench(args.pages, limit=args.limit, out_dir=args.out, stack="css",
                          refine=args.refine, progress=show)
    low = [r for r in rows if r["ssim0"] < LOW_SSIM]
    costs = revision_costs(args.out, [r["page"] for r in rows])
    summary = {
        "pages": len(rows),
        "ssim": [round(statistics.fmean(r[k] for r in rows), 4) for k in ("ssim0", "ssim")],
        "four": [round(statistics.fmean(r[k] for r in rows), 4) for k in ("four0", "four")],
        "pages_revised": sum(r["best"] > 0 for r in rows),
        "low_ssim_pages": len(low),
        "low_ssim_gain": round(statistics.fmean(r["ssim"] - r["ssim0"] for r in low), 4) if low else None,
        "pages_four_below_draft": sum(r["four"] < r["four0"] for r in rows),
        "pages_ssim_below_draft": sum(r["ssim"] < r["ssim0"] for r in rows),
        "seconds_per_1000px": {"median": round(statistics.median(costs), 3),
                               "max": round(max(costs), 3), "revisions": len(costs)} if costs else None,
        "wall_seconds": round(time.time() - started),
    }
    print(json.dumps(summary, indent=1))
    (args.out / "refine_summary.json").write_text(json.dumps({"summary": summary, "pages": rows},
                                                             indent=1))


if __name__ == "__main__":
    main()
