"""Batch runs: many jobs, several workers, failures isolated, resumable.

    jobs = load_jobs(Path("jobs.jsonl"))          # or a folder of inputs
    summary = run_batch(jobs, Path("out"), workers=4)

A job line is ``{"task": "screenshot"|"instruct"|"resume", "input": ..., "id": ..., options...}``;
paths are relative to the JSONL file. Each job writes ``OUT/<id>/`` through the pipeline (atomic,
so a folder is either complete or absent). A job is skipped when its folder holds a successful
report whose fingerprint (task, input contents, its options and the command line's) matches; ``OUT/batch.json`` records every
job's status and error, and is rewritten after each job.
"""

from __future__ import annotations

import hashlib
import json
import queue
import re
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .atomic import write_text
from .errors import InputError, WebComposeError
from .jobs import TASKS, Job

JOB_FIELDS = {"backend", "stack", "refine", "instruction", "text"}
# options of the model backends (as in `--base-url` etc.); they go to the backend, the rest to the engine
BACKEND_KEYS = {"preset", "base_url", "model", "api_key_env", "model_path", "lora",
                "max_new_tokens", "seed"}
OUTPUT_BACKEND_KEYS = BACKEND_KEYS - {"base_url", "api_key_env"}  # where a server is, not what it makes
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
RESUME_SUFFIXES = {".json", ".yaml", ".yml", ".md", ".pdf", ".docx", ".zip"}
_SAFE_ID = re.compile(r"^[\w][\w.-]{0,120}$")


@dataclass
class BatchJob:
    id: str
    task: str
    input: Any  # a path, a list of paths (screenshots) or the instruction text
    options: dict[str, Any] = field(default_factory=dict)
    base_dir: Path = Path(".")

    def paths(self) -> list[Path]:
        if self.task == "instruct":
            return [self.base_dir / p for p in self.options.get("images", [])]
        items = self.input if isinstance(self.input, list) else [self.input]
        return [self.base_dir / str(p) for p in items]

    def fingerprint(self, defaults: dict[str, Any] | None = None) -> str:
        """What makes a result reusable: task, input contents, and the options that shape the output
        (the line's own over the command line's ``defaults``; where a server is reached does not count)."""
        digest = hashlib.sha256()
        digest.update(json.dumps({"task": self.task, "options": {**_shaping(defaults or {}), **self.options},
                                  "text": self.input if self.task == "instruct" else None},
                                 sort_keys=True, default=str).encode())
        for path in self.paths():
            digest.update(path.read_bytes() if path.is_file() else str(path).encode())
        return digest.hexdigest()


def _shaping(defaults: dict[str, Any]) -> dict[str, Any]:
    """The command-line defaults that change a job's output (not server addresses, keys or retries)."""
    shaping = {k: v for k, v in defaults.items() if k in JOB_FIELDS}
    backend = {k: v for k, v in (defaults.get("backend_options") or {}).items() if k in OUTPUT_BACKEND_KEYS}
    return {**shaping, **({"backend_options": backend} if backend else {})}


@dataclass
class JobOutcome:
    id: str
    status: str  # "ok" | "failed" | "skipped"
    seconds: float = 0.0
    error: str | None = None
    exit_code: int = 0
    scores: dict[str, Any] | None = None


def _job_from_line(raw: dict[str, Any], line_no: int, base_dir: Path) -> BatchJob:
    where = f"line {line_no}"
    task = raw.get("task")
    if task not in TASKS:
        raise InputError(f"{where}: task must be one of {', '.join(TASKS)}, not {task!r}")
    if "input" not in raw:
        raise InputError(f"{where}: missing \"input\"")
    value = raw["input"]
    default_id = f"job-{line_no}" if task == "instruct" else Path(
        str(value[0] if isinstance(value, list) else value)).stem
    job_id = str(raw.get("id") or default_id)
    if not _SAFE_ID.match(job_id):
        raise InputError(f"{where}: id {job_id!r} is not a safe folder name")
    options = {k: v for k, v in raw.items() if k not in {"task", "input", "id"}}
    return BatchJob(job_id, task, value, options, base_dir)


def _jobs_from_folder(folder: Path) -> list[BatchJob]:
    jobs = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        suffix = path.suffix.lower()
        if suffix in IMAGE_SUFFIXES:
            jobs.append(BatchJob(path.stem, "screenshot", path.name, {}, folder))
        elif suffix in RESUME_SUFFIXES:
            jobs.append(BatchJob(path.stem, "resume", path.name, {}, folder))
        elif suffix == ".txt":
            jobs.append(BatchJob(path.stem, "instruct", path.read_text().strip(), {}, folder))
    return jobs


def load_jobs(source: Path) -> list[BatchJob]:
    """Jobs from a JSONL file or a folder of inputs (images, resumes, .txt instructions)."""
    source = Path(source)
    if source.is_dir():
        jobs = _jobs_from_folder(source)
    elif source.is_file():
        jobs = []
        for line_no, line in enumerate(source.read_text().splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{source}:{line_no}: not valid JSON ({exc.msg})") from None
            if not isinstance(raw, dict):
                raise InputError(f"{source}:{line_no}: a job must be a JSON object")
            jobs.append(_job_from_line(raw, line_no, source.parent))
    else:
        raise InputError(f"{source}: no such file or folder")
    if not jobs:
        raise InputError(f"{source}: no jobs found")
    seen: set[str] = set()
    for job in jobs:
        if job.id in seen:
            raise InputError(f"{source}: job id {job.id!r} appears twice")
        seen.add(job.id)
    return jobs


def to_job(batch_job: BatchJob, out_root: Path, defaults: dict[str, Any]) -> Job:
    """The pipeline Job of a batch line; ``defaults`` (from the command line) fill what it leaves out."""
    opts = {**defaults, **batch_job.options}
    fields = {k: opts.pop(k) for k in list(opts) if k in JOB_FIELDS}
    backend_options = {**dict(opts.pop("backend_options", None) or {}),
                       **{k: opts.pop(k) for k in list(opts) if k in BACKEND_KEYS}}
    text = fields.get("text") or fields.get("instruction")
    job = Job(task=batch_job.task, out_dir=out_root / batch_job.id, force=True,
              backend=fields.get("backend", "builtin"), stack=fields.get("stack", "tailwind"),
              refine=int(fields.get("refine", 0)), options={**opts, "backend": backend_options},
              meta={"batch_id": batch_job.id, "fingerprint": batch_job.fingerprint(defaults)})
    if batch_job.task == "screenshot":
        job.images, job.text = batch_job.paths(), text
    elif batch_job.task == "instruct":
        job.text, job.images = str(batch_job.input), batch_job.paths()
        opts.pop("images", None)
    else:
        job.resume_file, job.text = batch_job.paths()[0], text
    return job


def is_complete(batch_job: BatchJob, out_root: Path, defaults: dict[str, Any] | None = None) -> bool:
    report = out_root / batch_job.id / "report.json"
    try:
        data = json.loads(report.read_text())
    except (OSError, json.JSONDecodeError):
        return False
    meta = data.get("meta") or {}
    return data.get("status") == "ok" and meta.get("fingerprint") == batch_job.fingerprint(defaults)


Event = Callable[[str, JobOutcome | None], None]  # ("start"|"done", outcome)


class ThreadExecutor:
    """Runs jobs on worker threads of this process, one browser each (closed when the thread ends).

    An executor is what ``BatchRunner`` hands its pending jobs to: ``execute(jobs, runner)`` runs
    each through ``runner.execute(job)`` (or its own way, returning the same ``JobOutcome``) and
    reports with ``runner.started(job)`` / ``runner.finished(outcome)``; Ctrl-C is raised out of it
    after the work in flight is settled. ``batch_ray.RayExecutor`` is the other one.
    """

    def __init__(self, workers: int = 2) -> None:
        self.workers = max(1, workers)

    def connect(self) -> None:
        """Nothing to reach: threads are always there."""

    def _worker(self, pending: queue.Queue, runner: BatchRunner) -> None:
        from .render import close_browser

        try:
            while not runner.stop.is_set():
                try:
                    batch_job = pending.get_nowait()
                except queue.Empty:
                    return
                runner.started(batch_job)
                runner.finished(runner.execute(batch_job))
        finally:
            close_browser()

    def execute(self, jobs: list[BatchJob], runner: BatchRunner) -> None:
        pending: queue.Queue = queue.Queue()
        for batch_job in jobs:
            pending.put(batch_job)
        threads = [threading.Thread(target=self._worker, args=(pending, runner), daemon=True,
                                    name=f"webcompose-worker-{i}") for i in range(self.workers)]
        for thread in threads:
            thread.start()
        try:
            while any(t.is_alive() for t in threads):
                for thread in threads:
                    thread.join(0.2)
        except KeyboardInterrupt:
            runner.stop.set()  # running jobs finish (their folders are written whole or not at all)
            for thread in threads:
                thread.join()
            raise


class BatchRunner:
    """Decides what to run and records outcomes as they finish; an executor runs the jobs (worker
    threads here by default, Ray actors with ``batch_ray.RayExecutor``), so fingerprints, skipping,
    batch.json and the events are the same whichever runs them."""

    def __init__(self, jobs: list[BatchJob], out_root: Path, *, workers: int = 2,
                 defaults: dict[str, Any] | None = None, on_event: Event | None = None,
                 run: Callable[[Job], Any] | None = None, executor: Any = None) -> None:
        self.jobs, self.out_root = jobs, Path(out_root)
        self.defaults = defaults or {}
        self.on_event = on_event or (lambda kind, outcome: None)
        self.outcomes: dict[str, JobOutcome] = {}
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._run = run
        self.executor = executor or ThreadExecutor(workers)

    def started(self, batch_job: BatchJob) -> None:
        self.on_event("start", JobOutcome(batch_job.id, "running"))

    def finished(self, outcome: JobOutcome) -> None:
        with self._lock:
            self.outcomes[outcome.id] = outcome
            self._write_summary()
        self.on_event("done", outcome)

    def _write_summary(self) -> None:
        ordered = [asdict(self.outcomes[j.id]) for j in self.jobs if j.id in self.outcomes]
        write_text(self.out_root / "batch.json", json.dumps({"jobs": ordered}, indent=2))

    def job_for(self, batch_job: BatchJob) -> Job:
        """The pipeline Job of a batch line, writing into ``OUT/<id>``."""
        return to_job(batch_job, self.out_root, self.defaults)

    def execute(self, batch_job: BatchJob) -> JobOutcome:
        """Run one job here, in this process; any error becomes a failed outcome."""
        from .pipeline import run_job

        started = time.monotonic()
        return outcome_of(batch_job.id, lambda: (self._run or run_job)(self.job_for(batch_job)),
                          started)

    def _sweep_partials(self) -> None:
        """Remove temporary job folders (``.ID.*.part``) a killed job may have left behind."""
        for path in self.out_root.glob(".*.part"):
            shutil.rmtree(path, ignore_errors=True)

    def run(self) -> list[JobOutcome]:
        """Run everything not already complete; returns outcomes in job order."""
        self.executor.connect()  # before OUT is made: an unreachable cluster leaves nothing behind
        made = not self.out_root.exists()
        self.out_root.mkdir(parents=True, exist_ok=True)
        self._sweep_partials()
        pending = []
        for batch_job in self.jobs:
            if is_complete(batch_job, self.out_root, self.defaults):
                self.finished(JobOutcome(batch_job.id, "skipped"))
            else:
                pending.append(batch_job)
        try:
            self.executor.execute(pending, self)
        except BaseException:  # Ctrl-C, or workers that cannot start: keep only finished folders
            self._sweep_partials()
            if made and not any(self.out_root.iterdir()):
                self.out_root.rmdir()
            raise
        return [self.outcomes[j.id] for j in self.jobs if j.id in self.outcomes]


def outcome_of(job_id: str, work: Callable[[], Any], started: float) -> JobOutcome:
    """Run ``work`` (one job) and describe how it went; a job's bug must not stop the batch."""
    try:
        result = work()
    except WebComposeError as exc:
        return JobOutcome(job_id, "failed", time.monotonic() - started, exc.one_line(), exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - one job's bug must not stop the batch
        return JobOutcome(job_id, "failed", time.monotonic() - started,
                          f"internal error: {type(exc).__name__}: {exc}", 1)
    scores = (getattr(result, "report", None) or {}).get("scores")
    return JobOutcome(job_id, "ok", time.monotonic() - started, scores=scores)
