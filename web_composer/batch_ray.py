"""Batch jobs on a Ray cluster: an executor for ``BatchRunner`` whose workers are Ray actors.

    runner = BatchRunner(jobs, out, defaults=defaults, executor=RayExecutor("auto"))
    runner.run()        # the same fingerprints, skipping, batch.json and events as with threads

Each actor (``JobWorker``) is a long-lived process that keeps its browser, and for the in-process
models (``hf``, ``ixc``) its loaded model, from one job to the next: one actor per GPU
(``num_gpus=1``) for those backends, one per CPU for the others (the built-in engine, and
``openai``, whose model lives on a server). Nothing assumes a shared disk: a job goes out as a
parcel (its Job, its input files as bytes and the driver's settings; see batch_parcel.py) and its
finished folder comes back as bytes, written into OUT atomically by the driver, so a folder is
the same whichever runner made it.

A worker that dies (killed, out of memory, its node gone) loses no job: the driver starts a
replacement and sends its jobs again, up to ``MAX_ATTEMPTS`` times each (a job that kills every
worker it meets is then recorded as failed). A worker that cannot even start (webcompose missing
on a node) stops the batch with one line instead: retrying could not help. Ctrl-C drops the work
in flight, stops the actors and, for a Ray this started, the local cluster; finished folders
stay, none is left half-written.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import signal
import socket
import tempfile
import time
import uuid
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .batch import BatchJob, BatchRunner, JobOutcome, outcome_of
from .batch_parcel import (InputParcel, pack_folder, pack_inputs, restore_names, restore_report,
                           unpack_folder, unpack_inputs)
from .errors import InputError, WebComposeError

GPU_BACKENDS = {"hf", "ixc"}  # backends that load a model into the worker itself
MAX_ATTEMPTS = 3  # times a job is sent to a worker before its worker's deaths make it fail
IN_FLIGHT = 2  # jobs queued at each worker, so it never waits for the driver between two
CLOSE_SECONDS = 15  # how long a worker gets to close its browser before it is killed
LOCAL = "local"  # `--ray` with no address: a Ray started here for this batch


class ClusterError(WebComposeError):
    """The Ray cluster cannot be reached or refuses the work."""

    exit_code = 3


def import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise InputError("--ray needs Ray, which is not installed",
                         hint="pip install 'webcompose[ray]'") from None
    return ray


class JobWorker:
    """One worker process of the cluster (made a Ray actor by ``RayExecutor``): runs one job at a
    time in a scratch folder and hands back the outcome and the finished folder's files."""

    def __init__(self) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="webcompose-ray-"))

    def run(self, job_id: str, parcel: InputParcel) -> dict[str, Any]:
        import os

        from .pipeline import run_job

        started = time.monotonic()
        here = self.scratch / uuid.uuid4().hex
        try:
            job, names = unpack_inputs(parcel, here)
            outcome = outcome_of(job_id, lambda: run_job(job, settings=parcel.settings), started)
            if outcome.error:
                outcome.error = restore_names(outcome.error, names)
            files = None
            if job.out_dir.is_dir():  # made by a success, or by a failure that kept the raw reply
                restore_report(job.out_dir, names)
                files = pack_folder(job.out_dir)
            return {"outcome": asdict(outcome), "files": files, "pid": os.getpid()}
        finally:
            shutil.rmtree(here, ignore_errors=True)

    def close(self) -> None:
        from .render import close_browser

        close_browser()
        shutil.rmtree(self.scratch, ignore_errors=True)


def job_backend(batch_job: BatchJob, defaults: dict[str, Any]) -> str:
    return str(batch_job.options.get("backend") or defaults.get("backend") or "builtin")


def check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail fast, in one line, when a ``host:port`` (or ``ray://host:port``) address does not
    answer (Ray itself would keep retrying for a long while)."""
    if address in (LOCAL, "auto") or ":" not in address:
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=timeout):
            return
    except ValueError:
        raise InputError(f"--ray {address}: not an address (host:port, ray://host:port or auto)")
    except OSError as exc:
        raise ClusterError(f"cannot reach the Ray cluster at {address}: "
                           f"{exc.strerror or type(exc).__name__}") from None


@contextlib.contextmanager
def _sigint_held_back(hold: bool) -> Iterator[None]:
    """Start a local Ray with SIGINT blocked: its processes inherit the block, so a Ctrl-C in the
    terminal (sent to the whole process group) reaches only this one, which then stops them in
    order (actors, then the cluster). A Ctrl-C pressed meanwhile arrives when this block ends."""
    if not hold or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _last_error_line(text: str) -> str:
    """The line of a remote traceback that names the error (``ModuleNotFoundError: ...``)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    named = [line for line in lines if "Error:" in line or "Exception:" in line]
    return (named or lines or ["unknown error"])[-1]


class RayExecutor:
    """Runs a batch's jobs on Ray actors (see the module docstring)."""

    def __init__(self, address: str | None = None, *, workers: int | None = None) -> None:
        self.address = address or LOCAL
        self.workers = workers
        self.ray: Any = None
        self.started_ray = False
        self.actors: list[Any] = []
        self._actor_class: Any = None
        self.actors_started = 0  # over the whole batch, replacements included
        self.resent: list[str] = []  # ids of jobs sent again because their worker died

    # -- the cluster ------------------------------------------------------------------------------

    def connect(self) -> None:
        """Join the cluster (or start a local one) before OUT is made."""
        ray = self.ray = import_ray()
        if ray.is_initialized():  # the caller's own Ray (a notebook, a test): use it, leave it up
            return
        check_reachable(self.address)
        options: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.WARNING}
        if self.address == LOCAL:  # settings of a Ray started here (a cluster has its own)
            options["include_dashboard"] = False
            if self.workers:
                options["num_cpus"] = self.workers
        try:
            with _sigint_held_back(self.address == LOCAL):
                ray.init(address=self.address, **options)
        except KeyboardInterrupt:  # Ctrl-C while a local Ray was starting: stop what did start
            ray.shutdown()
            raise
        except Exception as exc:  # noqa: BLE001 - Ray raises several kinds; all mean "no cluster"
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ClusterError(f"cannot start or join Ray at {self.address}: {detail}") from None
        self.started_ray = True

    def _pool_sizes(self, jobs: list[BatchJob], defaults: dict[str, Any]) -> dict[str, int]:
        """How many actors of each kind: ``gpu`` (one per GPU, for hf/ixc jobs on a cluster with
        GPUs) and ``cpu`` (``workers``, else one per CPU; never more than the CPUs), and never
        more than the jobs of that kind."""
        resources = self.ray.cluster_resources()
        gpus, cpus = int(resources.get("GPU", 0)), max(1, int(resources.get("CPU", 1)))
        kinds = Counter(self._kind(job, defaults, gpus) for job in jobs)
        sizes = {}
        if kinds["gpu"]:
            sizes["gpu"] = min(kinds["gpu"], gpus)
        if kinds["cpu"]:  # more than the cluster's CPUs would wait forever for a slot
            sizes["cpu"] = min(kinds["cpu"], self.workers or cpus, cpus)
        return sizes

    @staticmethod
    def _kind(job: BatchJob, defaults: dict[str, Any], gpus: int) -> str:
        return "gpu" if gpus and job_backend(job, defaults) in GPU_BACKENDS else "cpu"

    def _new_actor(self, kind: str) -> Any:
        # a GPU actor reserves its GPU but no CPU, so CPU workers can never starve it of a slot
        if self._actor_class is None:
            self._actor_class = self.ray.remote(max_restarts=0)(JobWorker)
        options = {"num_gpus": 1, "num_cpus": 0} if kind == "gpu" else {"num_cpus": 1}
        actor = self._actor_class.options(**options).remote()
        self.actors.append(actor)
        self.actors_started += 1
        return actor

    # -- the jobs ---------------------------------------------------------------------------------

    def execute(self, jobs: list[BatchJob], runner: BatchRunner) -> None:
        if not jobs:
            self._finish()
            return
        try:
            self._dispatch(jobs, runner)
        except BaseException:  # Ctrl-C above all: drop the work in flight, leave nothing running
            self._finish(cancel=True)
            raise
        self._finish()

    def _dispatch(self, jobs: list[BatchJob], runner: BatchRunner) -> None:
        from .config import load_settings

        ray = self.ray
        settings = load_settings()  # the driver's, so each job runs as it would here
        gpus = int(ray.cluster_resources().get("GPU", 0))
        pending = {kind: deque() for kind in ("gpu", "cpu")}
        for job in jobs:
            pending[self._kind(job, runner.defaults, gpus)].append(job)
        load: dict[Any, int] = {}  # actor -> jobs queued at it
        kind_of: dict[Any, str] = {}
        for kind, size in self._pool_sizes(jobs, runner.defaults).items():
            for _ in range(size):
                actor = self._new_actor(kind)
                load[actor], kind_of[actor] = 0, kind
        attempts: Counter = Counter()
        in_flight: dict[Any, tuple[Any, BatchJob]] = {}
        while any(pending.values()) or in_flight:
            for actor in list(load):
                queue_ = pending[kind_of[actor]]
                while queue_ and load[actor] < IN_FLIGHT:
                    job = queue_.popleft()
                    parcel = pack_inputs(runner.job_for(job), settings)
                    runner.started(job)
                    in_flight[actor.run.remote(job.id, parcel)] = (actor, job)
                    load[actor] += 1
            done, _ = ray.wait(list(in_flight), num_returns=1, timeout=0.5)
            for ref in done:
                actor, job = in_flight.pop(ref)
                if actor in load:  # (not when it is a dead worker's second lost job)
                    load[actor] -= 1
                try:
                    reply = ray.get(ref)
                except ray.exceptions.RayTaskError as exc:  # the worker's own code failed
                    runner.finished(JobOutcome(job.id, "failed", error=f"internal error: {exc}",
                                               exit_code=1))
                    continue
                except ray.exceptions.RayError as exc:  # the worker is gone: send the job again
                    if getattr(exc, "actor_init_failed", False):  # it never started: no use retrying
                        raise ClusterError(f"a webcompose worker cannot start on the cluster: "
                                           f"{_last_error_line(str(exc))}",
                                           hint="install this webcompose, with [ray], on every "
                                                "node") from None
                    attempts[job.id] += 1
                    if actor in load:  # replace the dead worker once, not once per lost job
                        kind = kind_of.pop(actor)
                        del load[actor]
                        fresh = self._new_actor(kind)
                        load[fresh], kind_of[fresh] = 0, kind
                    if attempts[job.id] < MAX_ATTEMPTS:
                        self.resent.append(job.id)
                        pending[self._kind(job, runner.defaults, gpus)].appendleft(job)
                    else:
                        runner.finished(JobOutcome(
                            job.id, "failed", exit_code=1,
                            error=f"its worker died {MAX_ATTEMPTS} times ({type(exc).__name__})"))
                    continue
                self._deliver(reply, job, runner)

    @staticmethod
    def _deliver(reply: dict[str, Any], job: BatchJob, runner: BatchRunner) -> None:
        """Write the finished folder into OUT (whole or not at all), then record the outcome."""
        outcome = JobOutcome(**reply["outcome"])
        if reply["files"] is not None:
            try:
                unpack_folder(reply["files"], runner.out_root / job.id)
            except OSError as exc:  # as when the local runner cannot write a folder: this job fails
                outcome = JobOutcome(job.id, "failed", outcome.seconds, exit_code=2,
                                     error=f"cannot write {runner.out_root / job.id}: {exc.strerror}")
        runner.finished(outcome)

    def _finish(self, cancel: bool = False) -> None:
        """Stop the actors (after closing their browsers) and a Ray this executor started."""
        ray = self.ray
        if ray is None:
            return
        if not cancel:  # let each close its browser; on Ctrl-C they are stopped mid-job instead
            closing = [actor.close.remote() for actor in self.actors]
            if closing:
                ray.wait(closing, num_returns=len(closing), timeout=CLOSE_SECONDS)
        for actor in self.actors:
            try:
                ray.kill(actor, no_restart=True)
            except Exception:  # noqa: BLE001 - already dead
                pass
        self.actors = []
        if self.started_ray:
            ray.shutdown()
            self.started_ray = False
