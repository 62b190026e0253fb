"""The built-in screenshot engine on the Design2Code dev pages (or any Design2Code-style folder).

    .venv/bin/python benchmarks/builtin_bench.py [PAGES_DIR] [--stack css|tailwind] [--limit N]
                                                 [-o OUT] [--backend NAME] [--refine N]
                                                 [--workers N]

Same as `webcompose bench design2code`: per page, render the reference, generate from its
screenshot, score against the reference page and check the page is a real one. Prints one line a
page and the summary table (with --refine, the draft's figures beside the final page's) (also in OUT/summary.md, per-page JSON in OUT/results.json).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from web_composer.bench import run_design2code_bench, summary_table

DEV = Path(__file__).resolve().parents[2] / "shared" / "design2code" / "dev" / "pages"
SHOWN = ("block", "text", "position", "color", "ssim", "absolute_share", "overflow_390",
         "collisions_390", "gen_seconds")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=Path, default=DEV)
    parser.add_argument("--stack", choices=("css", "tailwind"), default="css")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--backend", default="builtin")
    parser.add_argument("--refine", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("-o", "--out", type=Path, default=Path("out/bench-builtin"))
    args = parser.parse_args()

    def show(result: dict) -> None:
        if "error" in result:
            print(result["page"], "ERROR", result["error"], flush=True)
            return
        gain = f" four {result['draft']['four']}->{result['four']}" if "draft" in result else ""
        print(result["page"], " ".join(f"{k}={result.get(k)}" for k in SHOWN) + gain, flush=True)

    started = time.time()
    load = os.getloadavg()
    summary = run_design2code_bench(args.pages, limit=args.limit, backend=args.backend,
                                    out_dir=args.out, stack=args.stack, refine=args.refine,
                                    workers=args.workers, progress=show)
    print()
    print(summary_table(summary))
    print(f"load average at start {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}, "
          f"wall {time.time() - started:.0f} s")
    print(json.dumps({k: summary[k] for k in ("fits_390", "pages_with_collisions",
                                              "judge_cut_pages") if k in summary}))


if __name__ == "__main__":
    main()
