"""Batches on a real local Ray cluster (2 CPUs, started here once for the module): the same folders
as the local runner, a worker killed mid-batch losing no job, reruns doing no work, the CLI's
--ray, and no Ray or browser process left behind."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import ray
from batch_cli import ctrl_c_after_two_jobs, no_process_left, processes_with, start_batch
from openai_server import OpenAIServer
from PIL import Image, ImageDraw

from web_composer.batch import BatchRunner, load_jobs
from web_composer.batch_ray import RayExecutor

TAG = f"webcompose-ray-test-{uuid.uuid4()}"  # in the environment of every process the cluster starts
PAGE = "<!DOCTYPE html><html><body><h1>Served page</h1><p>from the model server</p></body></html>"
TIMINGS = {"timings", "seconds", "elapsed_s"}  # the only things two runs may differ in
DEFAULTS = {"backend": "builtin", "stack": "tailwind", "backend_options": {}}


def _worker_pids() -> list[int]:
    """The cluster's batch workers (Ray names their processes after the actor class)."""
    pids = []
    for pid in processes_with(TAG):
        try:
            if b"ray::JobWorker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                pids.append(pid)
        except OSError:
            continue
    return pids


class Cluster:
    def __init__(self) -> None:
        self.saved = os.environ.get("WEBCOMPOSE_TEST_TAG")
        os.environ["WEBCOMPOSE_TEST_TAG"] = TAG
        ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
                 logging_level=logging.WARNING)

    def stop(self) -> None:
        if ray.is_initialized():
            ray.shutdown()
        if self.saved is None:
            os.environ.pop("WEBCOMPOSE_TEST_TAG", None)
        else:
            os.environ["WEBCOMPOSE_TEST_TAG"] = self.saved


@pytest.fixture(scope="module")
def cluster():
    running = Cluster()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def servers():
    with OpenAIServer(text=f"```html\n{PAGE}\n```") as good, \
            OpenAIServer(text="Sorry, no page today.") as no_html:
        yield good, no_html


def _screenshot(path: Path, index: int) -> None:
    image = Image.new("RGB", (320, 180), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 320, 36), fill=(30 + 20 * index, 60, 140))
    draw.text((12, 12), f"Shop {index}", fill=(255, 255, 255))
    draw.text((12, 90), f"Opening hours {index}", fill=(20, 20, 20))
    image.save(path)


def _jobs(folder: Path, data_dir: Path, servers) -> Path:
    """40 jobs: every task, two backends, twelve successes and five kinds of failure (failures
    are cheap, so the module stays fast on a loaded machine)."""
    good, no_html = servers
    resumes = sorted((data_dir / "resumes").glob("*.json")) + sorted((data_dir / "resumes").glob("*.md"))
    lines = []
    for i in range(4):
        lines.append({"task": "instruct", "id": f"instruct-{i}",
                      "input": f"A one-page site for a bakery called Crumb {i}, with opening hours."})
        lines.append({"task": "resume", "id": f"resume-{i}", "input": str(resumes[i % len(resumes)])})
    for i in range(2):
        _screenshot(folder / f"shot-{i}.png", i)
        lines.append({"task": "screenshot", "id": f"shot-{i}", "input": f"shot-{i}.png"})
        lines.append({"task": "instruct", "id": f"served-{i}", "backend": "openai",
                      "base_url": good.url, "input": f"A page for shop {i}."})
    (folder / "broken.png").write_bytes(b"not a picture at all")
    (folder / "broken.json").write_text("{ this is not json")
    for i in range(7):
        lines.append({"task": "screenshot", "id": f"missing-{i}", "input": f"nowhere-{i}.png"})
        lines.append({"task": "screenshot", "id": f"broken-{i}", "input": "broken.png"})
        lines.append({"task": "resume", "id": f"bad-resume-{i}", "input": "broken.json"})
    lines += [{"task": "instruct", "id": f"no-backend-{i}", "backend": "nope", "input": "x"}
              for i in range(6)]
    lines.append({"task": "instruct", "id": "no-html", "backend": "openai", "base_url": no_html.url,
                  "input": "A page."})
    assert len(lines) == 40
    path = folder / "jobs.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path


def _comparable(value):
    """A report without its timings (the only thing that may differ between two runs)."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if k not in TIMINGS}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return value


def _snapshot(root: Path) -> dict[str, object]:
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(root).as_posix()] = (
                _comparable(json.loads(data)) if path.suffix == ".json" else data)
    return files


@pytest.fixture(scope="module")
def batch(cluster, servers, tmp_path_factory, data_dir):
    """One 40-job batch run by the local runner and on Ray, a worker killed midway through the
    Ray run."""
    folder = tmp_path_factory.mktemp("ray-batch")
    jobs = load_jobs(_jobs(folder, data_dir, servers))
    local = BatchRunner(jobs, folder / "local", workers=2, defaults=DEFAULTS).run()

    killed: list[int] = []
    done: list[str] = []

    def kill_one_worker(kind, outcome):
        if kind == "done":
            done.append(outcome.id)
        if kind == "done" and len(done) == 5 and not killed:
            victims = _worker_pids()
            os.kill(victims[0], signal.SIGKILL)
            killed.append(victims[0])

    executor = RayExecutor(workers=2)
    on_ray = BatchRunner(jobs, folder / "ray", defaults=DEFAULTS, executor=executor,
                         on_event=kill_one_worker).run()
    return {"folder": folder, "jobs": jobs, "local": local, "ray": on_ray, "killed": killed,
            "executor": executor}


def test_forty_mixed_jobs_give_the_same_folders_as_the_local_runner(batch):
    folder = batch["folder"]
    statuses = {o.id: (o.status, o.error, o.exit_code) for o in batch["ray"]}
    assert statuses == {o.id: (o.status, o.error, o.exit_code) for o in batch["local"]}
    assert sum(s == "ok" for s, _, _ in statuses.values()) == 12
    assert "nowhere-0.png" in statuses["missing-0"][1]
    assert str(folder / "broken.png") in statuses["broken-0"][1]  # the user's file, not a worker's copy
    local, on_ray = _snapshot(folder / "local"), _snapshot(folder / "ray")
    assert sorted(local) == sorted(on_ray)
    assert "no-html/raw.txt" in on_ray  # a failure that kept the model's reply came back too
    different = [name for name in local if local[name] != on_ray[name]]
    assert different == []
    report = json.loads((folder / "ray" / "shot-0" / "report.json").read_text())
    assert report["inputs"]["images"] == [str(folder / "shot-0.png")]
    assert not [p for p in (folder / "ray").iterdir() if p.name.startswith(".")]


def test_a_worker_killed_mid_batch_loses_no_job(batch):
    assert batch["killed"] and batch["killed"][0] not in _worker_pids()
    executor = batch["executor"]
    assert executor.resent, "the killed worker had no job in flight"
    assert executor.actors_started == 3  # two workers, and one in place of the killed one
    local = {o.id: o.status for o in batch["local"]}
    assert {o.id: o.status for o in batch["ray"] if o.id in executor.resent} == \
        {job_id: local[job_id] for job_id in executor.resent}
    summary = json.loads((batch["folder"] / "ray" / "batch.json").read_text())
    assert [j["id"] for j in summary["jobs"]] == [j.id for j in batch["jobs"]]


def test_a_rerun_on_ray_does_no_work(batch):
    out = batch["folder"] / "ray"
    ok = [j for j in batch["jobs"] if (out / j.id / "report.json").is_file()
          and json.loads((out / j.id / "report.json").read_text())["status"] == "ok"]
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and p.name != "batch.json"}
    executor = RayExecutor(workers=2)
    again = BatchRunner(ok, out, defaults=DEFAULTS, executor=executor).run()
    assert [o.status for o in again] == ["skipped"] * 12
    assert executor.actors_started == 0  # no worker was even started
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def test_the_cli_runs_a_bench_on_ray(cluster, cli, tmp_path: Path):
    """(`batch --ray` from the command line: the Ctrl-C test below.)"""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "tea.html").write_text("<!DOCTYPE html><html><body style='font-family:sans-serif'>"
                                    "<h1>Tea House</h1><p>Green and black teas, open daily.</p>"
                                    "</body></html>")
    bench = cli(["bench", "design2code", pages, "-o", tmp_path / "bench", "--json", "--ray"])
    assert bench.exit_code == 0, bench.stderr
    summary = json.loads(bench.stdout)
    assert summary["pages"] == 1 and summary["failed"] == 0 and 0 < summary["overall"]["mean"] <= 1
    report = json.loads((tmp_path / "bench" / "tea" / "report.json").read_text())
    assert report["inputs"]["images"] == [str((tmp_path / "bench" / "targets" / "tea.png").resolve())]


def _webcompose(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "web_composer", *map(str, args)], text=True,
                          capture_output=True, timeout=120, env={**os.environ, **(env or {})})


def test_an_unreachable_cluster_or_no_ray_is_one_line_and_makes_no_output(tmp_path: Path):
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(json.dumps({"task": "instruct", "input": "A page."}) + "\n")
    away = _webcompose("batch", jobs, "-o", tmp_path / "out", "--ray", "127.0.0.1:9")
    assert away.returncode == 3, away.stderr
    assert away.stderr.count("\n") == 1 and "cannot reach the Ray cluster" in away.stderr
    blocker = tmp_path / "no-ray" / "ray"  # a Python where `import ray` fails, as without the extra
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('No module named ray')\n")
    path = os.pathsep.join([str(blocker.parent), os.environ.get("PYTHONPATH", "")])
    missing = _webcompose("batch", jobs, "-o", tmp_path / "out", "--ray", env={"PYTHONPATH": path})
    assert missing.returncode == 2, missing.stderr
    assert missing.stderr.count("\n") == 1 and "webcompose[ray]" in missing.stderr
    assert not (tmp_path / "out").exists()


def test_ctrl_c_stops_the_cluster_work_and_keeps_finished_folders(tmp_path: Path):
    """`--ray` alone: the command starts its own Ray; Ctrl-C (SIGINT to the whole process group,
    Ray's processes included, as in a terminal) leaves whole folders and no process."""
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text("".join(json.dumps({"task": "instruct", "id": f"job-{i:02d}",
                                        "input": f"A page for shop {i}."}) + "\n" for i in range(12)))
    out = tmp_path / "out"
    proc, tag = start_batch([str(jobs), "-o", str(out), "--workers", "2", "--ray"],
                            prefix="webcompose-ray-ctrl-c")
    folders = ctrl_c_after_two_jobs(proc, out, wait=180)
    assert 2 <= len(folders) < 12
    assert no_process_left(tag)


def test_no_ray_or_browser_process_is_left_behind(cluster):
    from web_composer.render import close_browser

    close_browser()  # this process's own (the bench scored its page here), not the cluster's
    cluster.stop()
    deadline = time.monotonic() + 30
    while processes_with(TAG) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = {pid: Path(f"/proc/{pid}/cmdline").read_bytes()[:80] for pid in processes_with(TAG)
            if Path(f"/proc/{pid}").exists()}
    assert left == {}
