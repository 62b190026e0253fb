"""`webcompose instruct` and the built-in engine behind it: the plan round trip through a file, the
check of an existing page (exit 0 / 1), a full job through the pipeline with a user's logo, and
clear errors for bad input."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from web_composer.backends import get_backend
from web_composer.jobs import GenerationRequest

BAKERY = "A bakery called Sweet Crumbs with an image of our logo on the left and text on the right"
IXC = ("A website for Research institutions. The name is Shanghai AI lab. Top Navigation Bar is "
       "blue.Below left, an image shows the logo of the lab. In the right, there is a passage of "
       "text below that describes the mission of the laboratory.There are several images to show "
       "the research projects of Shanghai AI lab.")


def test_builtin_engine_uses_the_users_logo_and_returns_the_plan():
    logo = Image.new("RGBA", (120, 80), (200, 30, 30, 255))
    request = GenerationRequest(task="instruct", text=IXC, images=[logo], stack="tailwind")
    generation = get_backend("builtin").generate(request)
    assert generation.backend == "builtin" and generation.html == generation.text
    assert generation.info["plan"]["name"] == "Shanghai AI lab"
    assert set(generation.assets) == {"logo.png", "gallery-1.jpg", "gallery-2.jpg", "gallery-3.jpg"}
    used = Image.open(io.BytesIO(generation.assets["logo.png"]))
    assert used.size == (120, 80) and used.convert("RGB").getpixel((60, 40)) == (200, 30, 30)
    assert 'src="assets/logo.png" alt="Shanghai AI lab logo" width="120" height="80"' in generation.html
    assert "http" not in generation.html.replace('href="#', "")  # no external requests at all


def test_builtin_engine_builds_an_edited_plan():
    plan = get_backend("builtin").generate(GenerationRequest(task="instruct", text=BAKERY)).info["plan"]
    plan["name"] = "Crumb & Co"
    plan["sections"][1]["paragraphs"] = ["<script>alert(1)</script> Fresh bread."]
    generation = get_backend("builtin").generate(
        GenerationRequest(task="instruct", text=None, options={"plan": plan}))
    assert "Crumb &amp; Co" in generation.html and "<script>" not in generation.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Fresh bread." in generation.html


def test_plan_prints_json_and_an_edited_plan_file_is_used(cli, tmp_path):
    result = cli(["instruct", BAKERY, "--plan"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["name"] == "Sweet Crumbs" and plan["sections"][1]["layout"] == "image-left"
    plan["name"] = "Crumb and Co"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    again = cli(["instruct", "--plan-file", path, "--plan"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["name"] == "Crumb and Co"


@pytest.mark.parametrize("args, message", [
    (["instruct"], "no instruction given"),
    (["instruct", ""], "the instruction is empty"),
    (["instruct", "x" * 5000], "at most 4000"),
    (["instruct", "a page", "--file", "prompt.txt"], "either as TEXT or with --file"),
    (["instruct", "--file", "missing.txt"], "missing.txt: no such file"),
    (["instruct", "--plan-file", "broken.json"], "is not valid JSON"),
    (["instruct", "--plan-file", "bad-plan.json"], "the plan is not valid"),
    (["instruct", "a page", "--stack", "bootstrap"], "Invalid value for '--stack'"),
    (["instruct", "a page", "--check", "nowhere.html"], "nowhere.html: no such file"),
    (["instruct", "a page with 100 photos", "--plan"], "at most 24"),
])
def test_bad_input_is_one_clear_line_and_exit_2(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "bad-plan.json").write_text(json.dumps({"name": "x", "sections": []}))
    result = cli(args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_check_judges_an_existing_page(cli, data_dir, tmp_path):
    page = data_dir / "ixc25" / "examples" / "Instruction-aware_Webpage_Generation.html"
    prompt = tmp_path / "prompt.txt"
    prompt.write_text(IXC, encoding="utf-8")
    ok = cli(["instruct", "--check", page, "--file", prompt])
    assert ok.exit_code == 0, ok.output
    assert "compliance: 7/7 constraint(s) satisfied" in ok.stdout
    missed = cli(["instruct", "--check", page, "A site named Sweet Crumbs with a red footer",
                  "--json"])
    assert missed.exit_code == 1, missed.output
    report = json.loads(missed.stdout)
    assert report["passed"] == 0 and report["total"] == 2
    assert any("red" in line for line in report["unsatisfied"])


def test_a_full_job_writes_the_page_its_pictures_and_the_compliance_report(cli, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (64, 64), (0, 90, 200)).save(logo)
    out = tmp_path / "out"
    result = cli(["instruct", BAKERY, "-o", out, "--image", logo, "--stack", "css"])
    assert result.exit_code == 0, result.output
    assert "compliance: 2/2 constraint(s) satisfied" in result.stdout  # name, logo left of text
    assert (out / "index.html").is_file() and (out / "render.png").is_file()
    assert Image.open(out / "assets" / "logo.png").size == (64, 64)
    report = json.loads((out / "report.json").read_text())
    assert report["compliance"]["satisfied"] and report["generation"]["plan"]["name"] == "Sweet Crumbs"
    again = cli(["instruct", BAKERY, "-o", out])
    assert again.exit_code == 2 and "not empty" in again.stderr
