"""Jobs per minute with the local runner (threads) vs on Ray (actors) on this machine, and the
time Ray adds to each job.

    python benchmarks/ray_bench.py [--jobs 24] [--workers 2] [--repeats 3]

Both runners get the same jobs (built-in engine: instruct and resume pages, which render and
score in Chromium like every job) and the same number of workers; each run writes into a fresh
temporary folder. Ray is started once per repeat and its start-up is timed apart from the batch.
Two overheads are reported:

- per job, real work: (Ray wall - local wall) / jobs, for the batch above;
- per job, no work: jobs that fail at once (an unknown backend) on ONE worker, a batch of 201
  minus a batch of 1 (which holds the worker's start), over 200: the round trip alone (parcel
  out, actor call, outcome back), next to the same on a thread.

Medians over the repeats are printed as a Markdown table for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from web_composer.batch import BatchRunner, load_jobs  # noqa: E402
from web_composer.batch_ray import RayExecutor  # noqa: E402

DEFAULTS = {"backend": "builtin", "stack": "tailwind", "backend_options": {}}


NO_WORK = 200  # jobs in the no-work batch, beyond the first


def write_jobs(folder: Path, count: int, *, failing: bool = False) -> Path:
    resumes = sorted((REPO / "tests" / "data" / "resumes").glob("*.json"))
    lines = []
    for i in range(count):
        if failing:
            lines.append({"task": "instruct", "id": f"fail-{i}", "backend": "nope", "input": "x"})
        elif i % 3 == 2:
            lines.append({"task": "resume", "id": f"resume-{i}", "input": str(resumes[i % len(resumes)])})
        else:
            lines.append({"task": "instruct", "id": f"page-{i}",
                          "input": f"A one-page site for a bakery called Crumb {i}, with opening hours."})
    path = folder / (f"fail-{count}.jsonl" if failing else "jobs.jsonl")
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path


def timed_run(jobs_file: Path, out: Path, workers: int, executor=None) -> float:
    jobs = load_jobs(jobs_file)
    started = time.perf_counter()
    outcomes = BatchRunner(jobs, out, workers=workers, defaults=DEFAULTS, executor=executor).run()
    seconds = time.perf_counter() - started
    expected = "failed" if "fail" in jobs_file.name else "ok"
    assert all(o.status == expected for o in outcomes), [o.error for o in outcomes if o.error]
    return seconds


def one_repeat(folder: Path, args: argparse.Namespace) -> dict[str, float]:
    import ray

    jobs = write_jobs(folder, args.jobs)
    one, many = write_jobs(folder, 1, failing=True), write_jobs(folder, NO_WORK + 1, failing=True)
    result = {"local_s": timed_run(jobs, folder / "local", args.workers),
              "local_fail_s": timed_run(many, folder / "local-many", 1)
              - timed_run(one, folder / "local-one", 1)}
    started = time.perf_counter()
    ray.init(address="local", num_cpus=args.workers, include_dashboard=False, log_to_driver=False,
             logging_level=logging.WARNING)
    result["ray_start_s"] = time.perf_counter() - started
    try:
        result["ray_s"] = timed_run(jobs, folder / "ray", args.workers, RayExecutor(workers=args.workers))
        result["ray_fail_s"] = (timed_run(many, folder / "ray-many", 1, RayExecutor(workers=1))
                                - timed_run(one, folder / "ray-one", 1, RayExecutor(workers=1)))
    finally:
        started = time.perf_counter()
        ray.shutdown()
        result["ray_stop_s"] = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=24)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for repeat in range(args.repeats):
        with tempfile.TemporaryDirectory(prefix="ray-bench-") as tmp:
            runs.append(one_repeat(Path(tmp), args))
        print(f"repeat {repeat + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in runs[-1].items()),
              file=sys.stderr)
    med = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    n = args.jobs
    rows = [
        ("local runner (threads)", f"{60 * n / med['local_s']:.1f}", f"{med['local_s']:.1f}"),
        ("Ray (actors), cluster already up", f"{60 * n / med['ray_s']:.1f}", f"{med['ray_s']:.1f}"),
        ("Ray, counting its start and stop",
         f"{60 * n / (med['ray_s'] + med['ray_start_s'] + med['ray_stop_s']):.1f}",
         f"{med['ray_s'] + med['ray_start_s'] + med['ray_stop_s']:.1f}"),
    ]
    print(f"| runner ({n} jobs, {args.workers} workers) | jobs/min | wall s |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nRay start {med['ray_start_s']:.1f} s, stop {med['ray_stop_s']:.1f} s; "
          f"overhead per job with real work {(med['ray_s'] - med['local_s']) / n:+.3f} s; "
          f"round trip per job with no work (1 worker) "
          f"{(med['ray_fail_s'] - med['local_fail_s']) / NO_WORK * 1000:+.1f} ms "
          f"(Ray {med['ray_fail_s'] / NO_WORK * 1000:.1f} ms vs thread "
          f"{med['local_fail_s'] / NO_WORK * 1000:.1f} ms; "
          f"medians of {args.repeats})")


if __name__ == "__main__":
    main()
