"""Batch runs against real local OpenAI-compatible servers, with failures, a server killed halfway,
resumption, and Ctrl-C on a real `webcompose batch` process."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from batch_cli import ctrl_c_after_two_jobs, no_process_left, start_batch
from openai_server import OpenAIServer, Reply

from web_composer.batch import BatchRunner, load_jobs
from web_composer.errors import InputError

PAGE = "<!DOCTYPE html><html><body><h1>Result page</h1><p>from {server}</p></body></html>"


def _jobs_file(folder: Path, count: int, backend: str = "openai") -> Path:
    lines = [json.dumps({"task": "instruct", "id": f"job-{i:03d}", "backend": backend,
                         "input": f"A page for shop number {i}, called Shop {i}."})
             for i in range(count)]
    path = folder / "jobs.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_100_jobs_survive_a_flaky_server_that_dies_halfway_and_a_rerun_does_nothing(tmp_path: Path):
    jobs = load_jobs(_jobs_file(tmp_path, 100))
    out = tmp_path / "out"
    with OpenAIServer(text=f"```html\n{PAGE.format(server='A')}\n```") as flaky, \
            OpenAIServer(text=f"```html\n{PAGE.format(server='B')}\n```") as steady:
        for i in range(60):  # one request in ten fails with a server error
            flaky.queue(Reply.failure(500) if i % 10 == 3 else Reply(
                text=f"```html\n{PAGE.format(server='A')}\n```"))
        done = []
        killed = threading.Event()

        def on_event(kind, outcome):
            if kind == "done":
                done.append(outcome)
                if len(done) == 50 and not killed.is_set():
                    killed.set()
                    flaky.__exit__(None, None, None)  # the server goes away mid-batch

        defaults = {"backend": "openai",
                    "backend_options": {"base_url": [flaky.url, steady.url], "backoff": 0.01}}
        outcomes = BatchRunner(jobs, out, workers=4, defaults=defaults, on_event=on_event).run()
        assert killed.is_set()
        assert [o.status for o in outcomes] == ["ok"] * 100, [o.error for o in outcomes if o.error]
        served = {"A": 0, "B": 0}
        for job in jobs:
            html = (out / job.id / "index.html").read_text()
            server = "A" if "from A" in html else "B"
            served[server] += 1
            report = json.loads((out / job.id / "report.json").read_text())
            assert report["inputs"]["text"] == job.input and report["status"] == "ok"
        assert served["A"] > 0 and served["B"] > 0  # both did work
        summary = json.loads((out / "batch.json").read_text())
        assert len(summary["jobs"]) == 100

        before = len(steady.chat_requests)
        again = BatchRunner(jobs, out, workers=4, defaults=defaults).run()
        assert [o.status for o in again] == ["skipped"] * 100
        assert len(steady.chat_requests) == before  # nothing was asked again
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no half-written folders


def test_failures_are_isolated_and_only_they_are_retried(tmp_path: Path):
    jobs = load_jobs(_jobs_file(tmp_path, 4))
    out = tmp_path / "out"
    with OpenAIServer(text=f"```html\n{PAGE.format(server='A')}\n```") as server:
        server.queue(Reply(text="no page today"))  # one job gets a reply without HTML
        defaults = {"backend": "openai", "backend_options": {"base_url": [server.url]}}
        first = BatchRunner(jobs, out, workers=1, defaults=defaults).run()
        assert sorted(o.status for o in first) == ["failed", "ok", "ok", "ok"]
        failed = next(o for o in first if o.status == "failed")
        assert failed.exit_code == 3 and "no HTML" in failed.error
        calls = len(server.chat_requests)
        second = BatchRunner(jobs, out, workers=1, defaults=defaults).run()
        assert sorted(o.status for o in second) == ["ok", "skipped", "skipped", "skipped"]
        assert len(server.chat_requests) == calls + 1


def test_changed_inputs_are_run_again(tmp_path: Path):
    out = tmp_path / "out"
    path = _jobs_file(tmp_path, 1, backend="builtin")
    assert BatchRunner(load_jobs(path), out).run()[0].status == "ok"
    path.write_text(path.read_text().replace("Shop 0", "Shop Zero"))
    assert BatchRunner(load_jobs(path), out).run()[0].status == "ok"


def test_refine_on_the_command_line_reaches_every_job_and_counts_in_the_fingerprint(cli, tmp_path: Path):
    path = _jobs_file(tmp_path, 2)
    lines = path.read_text().splitlines()
    own = json.loads(lines[1])
    own["refine"] = 0  # a line's own "refine" wins over --refine
    path.write_text("\n".join([lines[0], json.dumps(own)]) + "\n")
    out = tmp_path / "out"
    page = f"```html\n{PAGE.format(server='A')}\n```"
    with OpenAIServer(text=page) as server:
        args = ["batch", path, "-o", out, "--backend", "openai", "--base-url", server.url]
        result = cli([*args, "--refine", "1"])
        assert result.exit_code == 0, result.stderr
        stops = {job: json.loads((out / job / "report.json").read_text())["refinement"]["stop_reason"]
                 for job in ("job-000", "job-001")}
        assert stops == {"job-000": "the reviser found nothing more to change",  # it was asked
                         "job-001": "no refinement asked"}
        assert len(server.chat_requests) == 3  # two drafts and one revision turn
        again = cli([*args, "--refine", "1", "--json"])  # the same work: nothing runs
        assert [j["status"] for j in json.loads(again.stdout)["jobs"]] == ["skipped", "skipped"]
        fewer = cli([*args, "--refine", "0", "--json"])  # other rounds for the first job only
        assert [j["status"] for j in json.loads(fewer.stdout)["jobs"]] == ["ok", "skipped"]
        assert len(server.chat_requests) == 4
    with OpenAIServer(text=page) as moved:  # another address for the same model changes nothing
        elsewhere = cli(["batch", path, "-o", out, "--backend", "openai", "--base-url", moved.url,
                         "--refine", "0", "--json"])
        assert [j["status"] for j in json.loads(elsewhere.stdout)["jobs"]] == ["skipped", "skipped"]
        assert moved.chat_requests == []


@pytest.mark.parametrize("content, message", [
    ('{"task": "paint", "input": "x"}', "task must be one of"),
    ('{"task": "instruct"}', "missing \\\"input\\\""),
    ("not json", "not valid JSON"),
    ('{"task": "instruct", "input": "a", "id": "../escape"}', "not a safe folder name"),
    ('{"task": "instruct", "input": "a", "id": "x"}\n{"task": "instruct", "input": "b", "id": "x"}',
     "appears twice"),
])
def test_bad_job_files_are_input_errors(tmp_path: Path, content: str, message: str):
    path = tmp_path / "jobs.jsonl"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        load_jobs(path)


def test_ctrl_c_keeps_finished_results_and_leaves_no_browser_behind(tmp_path: Path):
    jobs = _jobs_file(tmp_path, 30, backend="builtin")
    out = tmp_path / "out"
    proc, tag = start_batch([str(jobs), "-o", str(out), "--workers", "2"])
    folders = ctrl_c_after_two_jobs(proc, out, wait=120)
    assert 2 <= len(folders) < 30
    assert no_process_left(tag, wait=5)
