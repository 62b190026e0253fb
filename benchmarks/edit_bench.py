"""Benchmark of `webcompose edit` with the built-in editor: how many requests of each kind it
applies on three kinds of output folder, how many of the changes it made check out on the
rendered page, and how long an edit takes (median seconds, render and evaluation included).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/edit_bench.py [--work /tmp/edit-bench]

The folders: an instruct page (a bakery), a resume page (tests/data/resumes/maya-okonkwo) and a
screenshot page (the builtin engine's copy of tests/data/design2code/pages/659.html, a shop page
with no footer, so requests about a footer are refused there: the expected answer). Each request
is applied to a fresh copy of each folder.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BAKERY = ("A bakery called Sweet Crumbs. A large banner says Fresh bread. Three cards show our "
          "breads. Testimonials from customers. A contact form. A footer.")
REQUESTS = [
    "make the footer dark green and add a FAQ with three questions",
    "make the header navy",
    "make the background cream",
    "make the buttons orange",
    'change the title to "Fresh every morning"',
    'add a button "Book now" in the hero',
    'add a paragraph "Open every day from 7 am." below the title',
    "add a testimonials section with two quotes",
    "add a contact form with fields name, email and phone",
    "add a gallery of 4 pictures at the top",
    "remove the testimonials",
    "move the contact section to the top",
    "把页脚改成深绿色，并添加一个包含三个问题的常见问题",
    "make it pop",  # not understood: must be refused
]


def make_folders(work: Path) -> dict[str, Path]:
    from typer.testing import CliRunner

    from web_composer.cli import app
    from web_composer.render import render_html

    runner = CliRunner()
    folders = {"instruct": work / "instruct", "resume": work / "resume", "screenshot": work / "screenshot"}
    page = REPO / "tests/data/design2code/pages/659.html"
    shot = work / "659.png"
    shot.write_bytes(render_html(page.read_text(encoding="utf-8"), page.parent).png)
    commands = {
        "instruct": ["instruct", BAKERY, "--refine", "0"],
        "resume": ["resume", str(REPO / "tests/data/resumes/maya-okonkwo.resume.json")],
        "screenshot": ["screenshot", str(shot), "--refine", "0"],
    }
    for kind, args in commands.items():
        shutil.rmtree(folders[kind], ignore_errors=True)
        result = runner.invoke(app, [*args, "-o", str(folders[kind])])
        assert result.exit_code == 0, result.output
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/edit-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    from web_composer.edit import edit_folder
    from web_composer.errors import InputError

    folders = make_folders(args.work)
    rows, seconds = [], []
    totals = {"applied": 0, "refused": 0, "checks": 0, "passed": 0}
    for number, request in enumerate(REQUESTS, 1):
        cells = []
        for kind, source in folders.items():
            copy = args.work / f"{kind}-{number:02d}"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(source, copy)
            started = time.monotonic()
            try:
                result = edit_folder(copy, request)
            except InputError as exc:
                totals["refused"] += 1
                cells.append(f"refused: {exc.message[:60]}")
                continue
            seconds.append(time.monotonic() - started)
            passed = sum(c["satisfied"] for c in result.checks)
            totals["applied"] += 1
            totals["checks"] += len(result.checks)
            totals["passed"] += passed
            cells.append(f"{passed}/{len(result.checks)} checks, {seconds[-1]:.1f} s")
        rows.append(f"| {request} | " + " | ".join(cells) + " |")
    print("| request | instruct | resume | screenshot |\n|---|---|---|---|")
    print("\n".join(rows))
    print(f"\napplied {totals['applied']}, refused {totals['refused']}; checks satisfied "
          f"{totals['passed']}/{totals['checks']}; median {statistics.median(seconds):.2f} s per edit, "
          f"max {max(seconds):.2f} s")


if __name__ == "__main__":
    main()
