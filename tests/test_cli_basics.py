"""The CLI skeleton: start-up cost, commands, one-line errors and exit codes, `render`, `doctor`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


HEAVY = ("torch", "transformers", "peft", "playwright", "rapidocr_onnxruntime", "onnxruntime", "cv2")


def test_importing_the_cli_imports_no_heavy_library():
    code = (
        "import sys, web_composer.cli\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_lists_every_command(cli):
    result = cli(["--help"])
    assert result.exit_code == 0
    for command in ("screenshot", "instruct", "resume", "refine", "score", "render", "batch",
                    "bench", "model", "serve", "doctor"):
        assert command in result.stdout


def test_render_writes_a_png_and_reports_json(cli, tmp_path: Path):
    page = tmp_path / "p.html"
    page.write_text("<body style='margin:0;background:rgb(0,0,255)'><p>hello</p></body>")
    out = tmp_path / "shot.png"
    result = cli(["render", page, "-o", out, "--json", "--width", "640", "--viewport-only"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["width"], report["height"]) == (640, 720)
    from PIL import Image

    assert Image.open(out).getpixel((5, 5))[:3] == (0, 0, 255)


def _assert_one_line_error(result, code: int, needle: str):
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert needle in lines[0]
    assert "Traceback" not in result.stdout + result.stderr


def test_bad_inputs_exit_2_with_one_line_and_write_nothing(cli, tmp_path: Path):
    out = tmp_path / "out.png"
    _assert_one_line_error(cli(["render", tmp_path / "missing.html", "-o", out]), 2, "no such file")
    _assert_one_line_error(cli(["render", tmp_path, "-o", out]), 2, "is a directory")
    binary = tmp_path / "pic.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    _assert_one_line_error(cli(["render", binary, "-o", out]), 2, "not an HTML file")
    assert not out.exists()
    page = tmp_path / "ok.html"
    page.write_text("<p>x</p>")
    _assert_one_line_error(cli(["render", page, "-o", tmp_path / "no" / "such" / "o.png"]), 2,
                           "does not exist")
    _assert_one_line_error(cli(["render", page, "-o", "/proc/webcompose-test.png"]), 2,
                           "cannot write")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.html", "pic.html"]


def test_an_existing_output_is_not_overwritten_without_force(cli, tmp_path: Path):
    page = tmp_path / "ok.html"
    page.write_text("<p>x</p>")
    out = tmp_path / "mine.png"
    out.write_bytes(b"precious")
    _assert_one_line_error(cli(["render", page, "-o", out]), 2, "already exists")
    assert out.read_bytes() == b"precious"
    assert cli(["render", page, "-o", out, "--force"]).exit_code == 0
    assert out.read_bytes().startswith(b"\x89PNG")


def test_a_page_that_hangs_exits_4(cli, tmp_path: Path):
    page = tmp_path / "loop.html"
    page.write_text("<script>while(true){}</script>")
    out = tmp_path / "loop.png"
    _assert_one_line_error(cli(["render", page, "-o", out, "--timeout", "1.5"]), 4, "within 1.5 s")
    assert not out.exists()


def test_doctor_reports_a_healthy_install(cli):
    result = cli(["doctor", "--json"])
    assert result.exit_code == 0, result.stdout
    report = json.loads(result.stdout)
    names = {c["name"]: c for c in report["checks"]}
    assert names["browser"]["ok"] and "Chromium" in names["browser"]["detail"]
    assert names["offline asset tailwindcss@2.2.19"]["ok"]
    assert names["OCR engine"]["ok"]
    assert report["settings"]["backend"] == {"value": "builtin", "source": "default"}


def test_doctor_reports_a_font_for_every_script_setup_installs(cli):
    report = json.loads(cli(["doctor", "--json"]).stdout)
    fonts = {c["name"]: c for c in report["checks"] if c["name"].startswith("fonts")}
    assert {"fonts: Latin", "fonts: Chinese", "fonts: Japanese", "fonts: Korean", "fonts: Devanagari",
            "fonts: Thai", "fonts: emoji"} <= set(fonts)
    assert all(c["ok"] for c in fonts.values()), [c for c in fonts.values() if not c["ok"]]
    assert "Noto Sans CJK" in fonts["fonts: Chinese"]["detail"]


def test_doctor_says_which_package_brings_a_missing_script(cli, monkeypatch, tmp_path: Path):
    shim = tmp_path / "fc-list"  # a fontconfig that knows Latin fonts only
    shim.write_text('#!/bin/sh\ncase "$1" in :lang=en|:) echo "DejaVu Sans";; esac\n')
    shim.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    report = json.loads(cli(["doctor", "--json"]).stdout)
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["fonts: Latin"]["ok"]
    assert not checks["fonts: Japanese"]["ok"] and checks["fonts: Japanese"]["fix"] == "apt-get install fonts-noto-cjk"
    assert not checks["fonts: emoji"]["ok"]


def test_cjk_text_renders_as_glyphs_not_empty_boxes(cli, tmp_path: Path):
    from PIL import Image, ImageChops

    shots = []
    for i, char in enumerate("中国"):  # without a CJK font both come out as the same empty box
        page = tmp_path / f"{i}.html"
        page.write_text(f"<html lang='zh'><body style='margin:0'><p style='font-size:96px;margin:0'>{char}</p>",
                        encoding="utf-8")
        shot = tmp_path / f"{i}.png"
        assert cli(["render", page, "-o", shot, "--width", "200", "--height", "140", "--viewport-only"]).exit_code == 0
        shots.append(Image.open(shot).convert("L"))
    assert ImageChops.difference(*shots).getbbox() is not None
    assert shots[0].getextrema()[0] < 100  # something dark was drawn


def test_doctor_fails_with_the_fix_when_the_browser_is_missing(cli, monkeypatch):
    monkeypatch.setenv("WEBCOMPOSE_CHROMIUM", "/nonexistent/chromium")
    result = cli(["doctor"])
    assert result.exit_code == 3
    line = next(l for l in result.stdout.splitlines() if " browser " in f" {l} ")
    assert line.startswith("MISSING") and "fix: install Chromium" in line


def test_render_without_a_browser_exits_4_with_what_to_install(cli, monkeypatch, tmp_path: Path):
    from web_composer.render import close_browser

    close_browser()
    monkeypatch.setenv("WEBCOMPOSE_CHROMIUM", "/nonexistent/chromium")
    page = tmp_path / "ok.html"
    page.write_text("<p>x</p>")
    _assert_one_line_error(cli(["render", page, "-o", tmp_path / "o.png"]), 4, "apt-get install chromium")


def test_usage_errors_are_one_line_exit_2(cli, tmp_path: Path):
    page = tmp_path / "ok.html"
    page.write_text("<p>x</p>")
    _assert_one_line_error(cli(["render", page, "--width", "abc"]), 2, "--width")
    _assert_one_line_error(cli(["no-such-command"]), 2, "No such command")
    _assert_one_line_error(cli(["render"]), 2, "Missing argument")
