"""The pipeline end to end, as a user runs it: output folder layout, refusal to overwrite,
atomic writes, a reply without HTML, and a real OpenAI-compatible server feeding IXC-2.5's output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import QueueBackend
from openai_server import OpenAIServer

from web_composer.errors import BackendError
from web_composer.jobs import Job
from web_composer.pipeline import run_job

INSTRUCTION = "A website for a bakery called Harbor Lane. The top navigation bar is dark green."


def test_builtin_instruct_writes_the_whole_folder(cli, tmp_path: Path):
    out = tmp_path / "site"
    result = cli(["instruct", INSTRUCTION, "-o", out])
    assert result.exit_code == 0, result.stderr
    assert str(out / "index.html") in result.stdout
    for name in ("index.html", "render.png", "report.json", "raw.txt"):
        assert (out / name).is_file(), name
    report = json.loads((out / "report.json").read_text())
    assert report["status"] == "ok" and report["task"] == "instruct" and report["backend"] == "builtin"
    assert report["compliance"]["satisfied"] is True
    assert report["render"]["blocked"] == []
    assert "Harbor Lane" in (out / "index.html").read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no temporary folders left behind


def test_a_non_empty_output_folder_is_refused_unless_forced(cli, tmp_path: Path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = cli(["instruct", INSTRUCTION, "-o", out])
    assert result.exit_code == 2 and "not empty" in result.stderr
    assert (out / "notes.txt").read_text() == "mine"
    assert cli(["instruct", INSTRUCTION, "-o", out, "--force"]).exit_code == 0
    assert not (out / "notes.txt").exists() and (out / "index.html").exists()


def test_a_reply_without_html_is_an_error_and_keeps_the_raw_text(tmp_path: Path):
    QueueBackend.replies[:] = ["I'm sorry, I can't draw that page."]
    job = Job(task="instruct", text=INSTRUCTION, out_dir=tmp_path / "failed", backend="queue")
    with pytest.raises(BackendError, match="no HTML") as info:
        run_job(job)
    assert info.value.exit_code == 3
    assert (tmp_path / "failed" / "raw.txt").read_text() == "I'm sorry, I can't draw that page."
    assert not (tmp_path / "failed" / "index.html").exists()
    assert json.loads((tmp_path / "failed" / "report.json").read_text())["status"] == "failed"


def test_interrupting_generation_leaves_nothing(tmp_path: Path):
    class Interrupting(QueueBackend):
        def generate(self, request, progress=None):
            raise KeyboardInterrupt

    from web_composer.backends.base import _registry

    _registry["interrupting"] = Interrupting
    with pytest.raises(KeyboardInterrupt):
        run_job(Job(task="instruct", text=INSTRUCTION, out_dir=tmp_path / "x", backend="interrupting"))
    assert list(tmp_path.iterdir()) == []


def test_openai_backend_through_the_cli_writes_a_self_contained_page(cli, tmp_path: Path, data_dir):
    page = (data_dir / "ixc25/examples/Instruction-aware_Webpage_Generation.html").read_text()
    reply = f"Here is the page:\n```html\n{page}\n```"
    with OpenAIServer(models=["internlm-xcomposer2d5-7b"], text=reply) as server:
        out = tmp_path / "lab"
        result = cli(["instruct", "A website for Shanghai AI lab.", "-o", out,
                      "--backend", "openai", "--base-url", server.url])
        assert result.exit_code == 0, result.stderr
        body = server.chat_requests[0].body
    assert body["model"] == "internlm-xcomposer2d5-7b"
    assert any("Shanghai AI lab" in json.dumps(m) for m in body["messages"])
    html = (out / "index.html").read_text()
    assert "cdn.jsdelivr.net" not in html and "assets/vendor/" in html  # vendored for offline use
    assert (out / "raw.txt").read_text() == reply
    report = json.loads((out / "report.json").read_text())
    assert report["backend"] == "openai" and report["render"]["blocked"] == []
    assert report["model"] == "internlm-xcomposer2d5-7b"


@pytest.mark.parametrize("vendor", [True, False])
def test_screenshot_through_a_model_server_vendors_assets_unless_told_not_to(
        cli, tmp_path: Path, data_dir, repo_root, vendor):
    page = (data_dir / "ixc25/examples/Screenshot-to-Webpage.html").read_text()
    with OpenAIServer(models=["ixc"], text=f"```html\n{page}\n```") as server:
        args = ["screenshot", repo_root / "examples/landing/screenshot.png", "-o", tmp_path / "out",
                "--backend", "openai", "--base-url", server.url]
        result = cli(args + ([] if vendor else ["--no-vendor"]))
        assert result.exit_code == 0, result.stderr
        sent = json.dumps(server.chat_requests[0].body["messages"])
    assert "data:image/png;base64," in sent  # the screenshot went to the model
    html = (tmp_path / "out" / "index.html").read_text()
    assert ("cdn.jsdelivr.net" in html) is (not vendor)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert 0 < report["scores"]["overall"] <= 1 and report["backend"] == "openai"
    assert (tmp_path / "out" / "diff.png").is_file()
    assert 'src="diff.png"' in (tmp_path / "out" / "report.html").read_text()


def test_a_page_the_judge_would_cut_is_still_shown_whole(cli, tmp_path):
    """The official clean-up cuts a page at its first run of near-duplicate text (a long data
    table): the scores are the judge's, of the cut page, but render.png and the visual score are
    of the page itself."""
    from PIL import Image

    from web_composer.render import render_html
    from web_composer.vision.pagecheck import judge_cut

    rows = "".join(f"<p style='margin:0;height:30px;font:16px Arial'>Office Edinburgh, age 6{i % 10}, "
                   f"started 2011/04/2{i % 10}, salary $320,80{i % 10}</p>" for i in range(80))
    page = tmp_path / "page.html"
    page.write_text(f"<html><body style='margin:0'>{rows}</body></html>")
    assert judge_cut(page.read_text()) is not None  # the judge would cut this page
    target = tmp_path / "target.png"
    target.write_bytes(render_html(page.read_text()).png)
    result = cli(["refine", page, "--target", target, "-o", tmp_path / "out", "--iterations", "0"])
    assert result.exit_code == 0, result.output
    render = Image.open(tmp_path / "out" / "render.png")
    assert render.height >= 80 * 30
