"""`webcompose edit` end to end, in a real browser: an instruct page and a screenshot page get the
footer recoloured and a FAQ added; everything else survives; history/NN keeps each previous page
byte for byte; a request that cannot be applied exits 2 and changes nothing; a model backend edits
through a real OpenAI-protocol server."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from openai_server import OpenAIServer

from web_composer.instruct import colours
from web_composer.render import RenderOptions, render_html

BAKERY = ("A bakery called Sweet Crumbs. A large banner says Fresh bread. Three cards show our breads. "
          "Testimonials from customers. A contact form. A footer.")
EDIT = "make the footer dark green and add a FAQ with three questions"
DARK_GREEN = colours.from_word("green", "dark")

PROBE = """() => {
  const footer = document.querySelector('footer');
  const faq = document.getElementById('faq');
  const sections = [...document.querySelectorAll('main > section, body > section')];
  return {
    footer: footer ? getComputedStyle(footer).backgroundColor : null,
    footerText: footer ? getComputedStyle(footer).color : null,
    questions: faq ? [...faq.querySelectorAll('h3')].map(h => h.textContent.trim()) : [],
    faqVisible: faq ? faq.getBoundingClientRect().height > 100 : false,
    order: sections.map(s => s.id),
    text: document.body.innerText,
  };
}"""


def _probe(folder: Path) -> dict:
    html = (folder / "index.html").read_text(encoding="utf-8")
    return render_html(html, folder, RenderOptions(evaluate=PROBE)).data


def _rgb(css: str) -> tuple[int, int, int]:
    r, g, b, _ = colours.parse_css_colour(css)
    return r, g, b


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _words(text: str) -> set[str]:
    return {line.strip() for line in text.splitlines() if line.strip()}


@pytest.fixture(scope="module")
def bakery(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from web_composer.cli import app

    out = tmp_path_factory.mktemp("instruct") / "bakery"
    result = CliRunner().invoke(app, ["instruct", BAKERY, "-o", str(out), "--refine", "0"])
    assert result.exit_code == 0, result.output
    return out


def test_edit_an_instruct_page_twice_with_history(cli, bakery):
    before = (bakery / "index.html").read_bytes()
    first_look = _probe(bakery)
    seen_before = _words(first_look["text"])
    result = cli(["edit", bakery, EDIT])
    assert result.exit_code == 0, result.output
    assert "changed: footer background -> dark green" in result.stdout
    assert "edit check: 2/2 satisfied on the rendered page" in result.stdout

    after = _probe(bakery)
    footer = _rgb(after["footer"])
    assert colours.matches(DARK_GREEN, footer), after["footer"]
    assert colours.contrast(footer, _rgb(after["footerText"])) >= 4.5
    assert len(after["questions"]) == 3 and len(set(after["questions"])) == 3 and after["faqVisible"]
    assert after["order"] == [*first_look["order"], "faq"]  # the other sections, in their order
    assert seen_before <= _words(after["text"])  # every line of text survives
    assert (bakery / "history" / "01" / "index.html").read_bytes() == before
    report = json.loads((bakery / "report.json").read_text())
    assert report["edits"][0]["previous"] == "history/01" and report["compliance"]["total"] >= 5
    old_report = json.loads((bakery / "history" / "01" / "report.json").read_text())
    assert "edits" not in old_report and old_report["task"] == "instruct"

    first = (bakery / "index.html").read_bytes()
    again = cli(["edit", bakery, "remove the testimonials and move the FAQ above the contact section"])
    assert again.exit_code == 0, again.output
    assert (bakery / "history" / "02" / "index.html").read_bytes() == first
    order = _probe(bakery)["order"]
    assert "testimonials" not in order and order.index("faq") == order.index("contact") - 1
    page = (bakery / "index.html").read_text()
    assert 'href="#testimonials"' not in page  # the nav link to it went with it
    assert len(json.loads((bakery / "report.json").read_text())["edits"]) == 2


@pytest.mark.parametrize("request_text, message", [
    ("make it pop", 'cannot apply "make it pop"'),
    ("make the footer dark green and add a unicorn", 'cannot apply "add a unicorn"'),
    ("remove the pricing", "the page has no pricing section"),
])
def test_a_request_that_cannot_be_applied_changes_nothing(cli, bakery, request_text, message):
    tree = _tree(bakery)
    result = cli(["edit", bakery, request_text])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert _tree(bakery) == tree


@pytest.mark.parametrize("args, message", [
    (["edit", "no-such-folder", "make the footer red"], "no such output folder"),
    (["edit", ".", "make the footer red"], "has no index.html"),
])
def test_bad_folders_are_refused(cli, args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(args)
    assert result.exit_code == 2 and message in result.stderr


HARBOUR = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#222;background:#fff}
header{background:#1d3557;padding:22px 140px;display:flex;justify-content:space-between}
.brand{color:#fff;font-size:26px;font-weight:bold} nav a{color:#f1faee;margin-left:36px}
main{max-width:1000px;margin:48px auto 56px} h1{font-size:40px;margin:0 0 24px}
p{font-size:18px;line-height:28px;margin:0 0 18px}
footer{background:#a8dadc;padding:26px 0;text-align:center;font-size:14px;color:#1d3557}
</style></head><body>
<header><div class="brand">Harbour Books</div><nav><a>Home</a><a>Shop</a><a>Events</a></nav></header>
<main><h1>Stories for every shelf</h1>
<p>We are an independent bookshop by the old harbour, open every day of the week.</p>
<p>Order any book in print and collect it the next morning.</p></main>
<footer>Harbour Books, 12 Quay Street. Open daily from nine to six.</footer>
</body></html>"""


def test_edit_a_screenshot_page(cli, tmp_path):
    shot = tmp_path / "harbour.png"
    shot.write_bytes(render_html(HARBOUR).png)
    out = tmp_path / "harbour"
    made = cli(["screenshot", shot, "-o", out, "--refine", "0"])
    assert made.exit_code == 0, made.output
    before = (out / "index.html").read_bytes()
    seen_before = _words(_probe(out)["text"])
    assert {"Stories for every shelf", "Harbour Books"} <= seen_before
    result = cli(["edit", out, EDIT])
    assert result.exit_code == 0, result.output
    after = _probe(out)
    assert colours.matches(DARK_GREEN, _rgb(after["footer"])), after["footer"]
    assert len(after["questions"]) == 3 and after["faqVisible"]
    assert seen_before <= _words(after["text"])
    assert (out / "history" / "01" / "index.html").read_bytes() == before
    assert (out / "history" / "01" / "render.png").is_file()
    report = json.loads((out / "report.json").read_text())
    assert 0 < report["scores"]["overall"] <= 1 and report["edits"][0]["backend"] == "builtin"


def test_edit_a_chinese_page(cli, tmp_path):
    out = tmp_path / "zh"
    made = cli(["instruct", "一个名叫“麦香坊”的面包店网站，有三张卡片和联系表单，还有页脚。", "-o", out, "--refine", "0"])
    assert made.exit_code == 0, made.output
    result = cli(["edit", out, "把页脚改成深绿色，并添加一个包含三个问题的常见问题", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert len(answer["changes"]) == 2 and all(c["satisfied"] for c in answer["checks"])
    assert answer["previous"].endswith("01") and answer["report"]["edits"][0]["backend"] == "builtin"
    after = _probe(out)
    assert colours.matches(DARK_GREEN, _rgb(after["footer"]))
    assert len(after["questions"]) == 3 and all(re.search(r"[\u4e00-\u9fff]", q) for q in after["questions"])
    assert "常见问题" in after["text"]


def test_a_model_backend_edits_in_one_chat_turn(cli, bakery, tmp_path):
    import shutil

    folder = tmp_path / "model-edit"
    shutil.copytree(bakery, folder)
    old = (folder / "index.html").read_text()
    edited = old.replace("Sweet Crumbs bakes bread", "Sweet Crumbs now bakes rye bread")
    assert edited != old
    with OpenAIServer(models=["test-model"], text=f"Here it is:\n```html\n{edited}\n```") as server:
        result = cli(["edit", folder, "say that we now bake rye bread", "--backend", "openai",
                      "--base-url", server.url])
        assert result.exit_code == 0, result.output
        body = server.chat_requests[0].body
    user = body["messages"][-1]
    text = " ".join(p["text"] for p in user["content"] if p["type"] == "text")
    assert "say that we now bake rye bread" in text and "Sweet Crumbs bakes bread" in text
    assert any(p["type"] == "image_url" for p in user["content"])  # the current render
    assert "now bakes rye bread" in (folder / "index.html").read_text()
    previous = sorted((folder / "history").iterdir())[-1]
    assert (previous / "index.html").read_text() == old
    assert json.loads((folder / "report.json").read_text())["edits"][-1]["backend"] == "openai"


def test_a_model_answer_without_a_page_changes_nothing(cli, bakery):
    tree = _tree(bakery)
    with OpenAIServer(models=["test-model"], text="Sorry, I cannot help with that.") as server:
        result = cli(["edit", bakery, "make it pop", "--backend", "openai", "--base-url", server.url])
    assert result.exit_code == 3 and len(result.stderr.strip().splitlines()) == 1, result.output
    assert _tree(bakery) == tree
