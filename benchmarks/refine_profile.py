"""What one revision of the built-in reviser costs: wall and CPU seconds of each step.

    .venv/bin/python benchmarks/refine_profile.py TARGET.png DRAFT_FOLDER [--rounds 1] [--profile OUT.prof]

DRAFT_FOLDER is an output folder of `webcompose screenshot` (its index.html and assets/ are the
draft). The draft is evaluated once (as the loop does), then ``--rounds`` revisions are made
and evaluated, each timed in three steps: revise (probe, font specimens, verify), evaluate
(render + score against the target). CPU seconds count this process and every browser process
it started (psutil), so that they mean the same on an idle and on a loaded machine: the wall
seconds of a loaded machine are inflated by the other work on it, the CPU seconds are not.
The target of one revision is 1.5 CPU seconds per 1000 px of page height on two cores (the
browser and Python run side by side, so CPU seconds over two is the best wall time).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import tempfile
import time
from pathlib import Path

import psutil


def cpu_seconds() -> float:
    """CPU seconds of this process and all its descendants alive now (the browser's processes)."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.Error:
            pass
    return total


class Clock:
    """Wall and CPU seconds of named steps (a step may run more than once: seconds add up)."""

    def __init__(self) -> None:
        self.steps: dict[str, list[float]] = {}

    def time(self, name: str, fn, *args, **kwargs):
        wall, cpu = time.monotonic(), cpu_seconds()
        try:
            return fn(*args, **kwargs)
        finally:
            spent = self.steps.setdefault(name, [0.0, 0.0])
            spent[0] += time.monotonic() - wall
            spent[1] += cpu_seconds() - cpu


def main() -> None:
    from web_composer import pipeline
    from web_composer.evaluate import make_evaluator
    from web_composer.html import Page
    from web_composer.jobs import Job
    from web_composer.refine import Iteration

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("draft", type=Path)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--profile", type=Path, default=None, help="cProfile (CPU time) of the revisions")
    args = parser.parse_args()

    draft_dir = args.draft
    assets = {str(p.relative_to(draft_dir / "assets")): p.read_bytes()
              for p in (draft_dir / "assets").rglob("*") if p.is_file()}
    draft = Page((draft_dir / "index.html").read_text(), assets)
    job = Job(task="screenshot", out_dir=Path(tempfile.mkdtemp()), images=[args.target],
              stack="css", refine=args.rounds)
    request = pipeline.build_request(job)
    backend = pipeline.get_backend("builtin", pipeline.load_settings())
    width = max(pipeline._target_widths(job, request, pipeline.Generation(text="", backend="builtin")))
    folder = Path(tempfile.mkdtemp())
    evaluate = make_evaluator(job, request, folder, width, [width])
    revise = pipeline._reviser(backend, job, request, width, None, folder)

    clock = Clock()
    base = Iteration(0, draft, clock.time("draft evaluate", evaluate, draft))
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    rows = []
    for index in range(1, args.rounds + 1):
        step = Clock()
        if profiler:
            profiler.enable()
        page = step.time("revise", revise, base)
        evaluation = step.time("evaluate", evaluate, page)
        if profiler:
            profiler.disable()
        height = evaluation.render.height
        wall = sum(v[0] for v in step.steps.values())
        cpu = sum(v[1] for v in step.steps.values())
        rows.append({"round": index, "height": height, "edits": [e.get("name") for e in page.edits],
                     "ssim": round(evaluation.visual or 0, 4),
                     "steps": {k: [round(v[0], 2), round(v[1], 2)] for k, v in step.steps.items()},
                     "wall_per_1000px": round(wall / height * 1000, 3),
                     "cpu_per_1000px": round(cpu / height * 1000, 3),
                     "cpu_over_two_cores_per_1000px": round(cpu / 2 / height * 1000, 3)})
        print(json.dumps(rows[-1]), flush=True)
        base = Iteration(index, page, evaluation)
    if profiler:
        profiler.dump_stats(str(args.profile))
    print(json.dumps({"draft": {k: [round(v[0], 2), round(v[1], 2)] for k, v in clock.steps.items()},
                      "load_average": [round(x, 1) for x in psutil.getloadavg()]}))


if __name__ == "__main__":
    main()
