"""`bench design2code` on a real Design2Code dev page with the built-in engine (real OCR)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from web_composer.bench import find_pages, run_design2code_bench, summary_table
from web_composer.errors import InputError


def test_bench_on_one_dev_page(data_dir: Path, tmp_path: Path):
    pages = data_dir / "design2code" / "pages"
    seen = []
    summary = run_design2code_bench(pages, limit=1, backend="builtin", out_dir=tmp_path,
                                    progress=seen.append)
    assert summary["pages"] == 1 and summary["failed"] == 0
    (result,) = seen
    page = tmp_path / result["page"]
    assert (page / "index.html").is_file() and (page / "render.png").is_file()
    assert (tmp_path / "targets" / f"{result['page']}.png").is_file()
    assert json.loads((page / "bench.json").read_text())["page"] == result["page"]
    # a real Design2Code page, generated from its screenshot alone
    assert result["block"] >= 0.85 and result["text"] >= 0.85 and result["position"] >= 0.85
    assert result["absolute_share"] == 0 and not result["overflow_390"]
    assert result["ssim"] >= 0.6 and result["judge_cut"] is None
    assert "draft" not in result and result["iterations"] == 0
    for key in ("block", "text", "position", "color", "ssim", "gen_seconds"):
        assert set(summary[key]) == {"mean", "median"}
    assert summary["fits_390"] == 1.0
    saved = json.loads((tmp_path / "results.json").read_text())
    assert saved["summary"]["pages"] == 1
    assert (tmp_path / "summary.md").read_text() == summary_table(summary)
    assert "| block |" in summary_table(summary)


def test_bench_refines_through_the_batch_runner_and_resumes(data_dir: Path, tmp_path: Path):
    pages = data_dir / "design2code" / "pages"
    summary = run_design2code_bench(pages, limit=1, out_dir=tmp_path, refine=1)
    (result,) = json.loads((tmp_path / "results.json").read_text())["pages"]
    page = tmp_path / result["page"]
    # the draft and the final page are both scored against the reference page
    assert (page / "iterations" / "00" / "index.html").is_file()
    draft = result["draft"]
    assert result["gain"] == pytest.approx(result["four"] - draft["four"], abs=2e-4)
    assert result["four"] >= draft["four"] - 0.03  # keep-best runs on the screenshot, not the page
    assert summary["refined_pages"] == 1 and "seconds_per_iteration" in summary
    assert "| metric | draft mean | mean | median |" in summary_table(summary)
    batch = json.loads((tmp_path / "batch.json").read_text())
    assert [job["status"] for job in batch["jobs"]] == ["ok"]
    # a rerun skips the finished job and reuses its scores
    stamp = (page / "bench.json").stat().st_mtime_ns
    again = run_design2code_bench(pages, limit=1, out_dir=tmp_path, refine=1)
    batch = json.loads((tmp_path / "batch.json").read_text())
    assert [job["status"] for job in batch["jobs"]] == ["skipped"]
    assert (page / "bench.json").stat().st_mtime_ns == stamp
    assert again["four"] == summary["four"]


def test_bench_refuses_bad_folders(tmp_path: Path):
    with pytest.raises(InputError, match="not a folder"):
        find_pages(tmp_path / "missing")
    with pytest.raises(InputError, match="no .html"):
        find_pages(tmp_path)
    (tmp_path / "1.html").write_text("<p>x</p>")
    with pytest.raises(InputError, match="limit"):
        find_pages(tmp_path, 0)
    assert [p.name for p in find_pages(tmp_path, 5)] == ["1.html"]


def test_bench_finds_pages_in_folders_of_their_own(tmp_path: Path):
    from web_composer.bench import page_id

    for name in ("landing", "blog", "sb-admin"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("<p>x</p>")
    (tmp_path / "_icons").mkdir()  # a shared folder without a page is not one
    assert [page_id(p) for p in find_pages(tmp_path)] == ["blog", "landing", "sb-admin"]


def _designed_folder(root: Path) -> Path:
    """Two designed pages, each NAME/index.html with its picture beside it, made here."""
    from PIL import Image

    pages = root / "pages"
    for name, colour in (("bakery", (196, 120, 60)), ("studio", (40, 70, 120))):
        (pages / name).mkdir(parents=True)
        Image.new("RGB", (480, 240), colour).save(pages / name / "hero.png")
        (pages / name / "index.html").write_text(
            "<!doctype html><html><body style='margin:0;font-family:sans-serif'>"
            f"<header style='padding:24px 48px;background:#222;color:#fff'><b>{name.title()}</b></header>"
            "<main style='padding:32px 48px'><h1 style='font-size:40px'>Fresh work every morning</h1>"
            "<img src='hero.png' width=480 height=240 alt=''>"
            "<p style='font-size:20px'>Open from seven, closed on Mondays and holidays.</p>"
            "</main></body></html>")
    return pages


def test_bench_on_designed_pages_writes_side_by_sides_and_a_gallery(tmp_path: Path):
    from PIL import Image

    from web_composer.bench_gallery import COLUMN, GAP

    out = tmp_path / "out"
    summary = run_design2code_bench(_designed_folder(tmp_path), out_dir=out)
    assert summary["pages"] == 2 and summary["failed"] == 0
    gallery = (out / "summary.html").read_text()
    for result in json.loads((out / "results.json").read_text())["pages"]:
        name = result["page"]
        # words kept as DOM text, and the timings, per page
        assert 0.5 <= result["code_words"] <= 1.0
        assert result["gen_seconds"] > 0 and result["score_seconds"] > 0
        assert result["job_seconds"] >= result["gen_seconds"]
        # screenshot | render on one height scale
        target = Image.open(out / "targets" / f"{name}.png").convert("RGB")
        render = Image.open(out / name / "render.png").convert("RGB")
        side = Image.open(out / name / "side.png").convert("RGB")
        scale = COLUMN / target.width
        assert side.width == 2 * COLUMN + GAP
        assert abs(side.height - round(max(target.height, render.height * target.width
                                           / render.width) * scale)) <= 1
        left = side.crop((0, 0, COLUMN, round(target.height * scale)))
        expected = target.resize(left.size)
        assert _mean_difference(left, expected) < 6  # the left half is the screenshot
        # one gallery row per page: its name, SSIM, words and its picture
        assert f'src="{name}/side.png"' in gallery
        assert f"{result['ssim']:.3f}" in gallery
        assert f"{100 * result['code_words']:.1f} %" in gallery
    assert gallery.index("bakery") < gallery.index("studio")


def _mean_difference(a, b) -> float:
    import numpy as np

    return float(np.abs(np.asarray(a, dtype=np.int16) - np.asarray(b, dtype=np.int16)).mean())


def test_words_in_pictures_do_not_count_as_text(tmp_path: Path):
    """A generated page that shows the reference's words only inside an <img> (with them as its
    alt text) or a background picture keeps none of them as text."""
    from PIL import Image, ImageDraw

    from web_composer.bench import _measure
    from web_composer.score import prepare_reference

    words = "Fresh loaves baked daily"
    # (with a <body>: the official judge finds no blocks in a page without one)
    (tmp_path / "ref.html").write_text(f"<body><h1>{words}</h1><p>Open at seven</p></body>")
    picture = Image.new("RGB", (400, 60), "white")
    ImageDraw.Draw(picture).text((8, 8), f"{words} Open at seven", fill="black")
    picture.save(tmp_path / "words.png")  # the words are in the picture, as pixels
    reference = prepare_reference(tmp_path / "ref.html")
    drawn = (f"<img src='words.png' alt='{words}' title='{words}'>"
             "<div style='height:60px;background:url(words.png)' aria-label='Open at seven'></div>")
    (tmp_path / "pictures.html").write_text(f"<body>{drawn}</body>")
    (tmp_path / "text.html").write_text(f"<body>{drawn}<p>Open at seven</p></body>")
    assert _measure(tmp_path / "pictures.html", tmp_path, reference)["code_words"] == 0
    # the measure does see words that are text (7 words, 3 of them shown as text)
    assert _measure(tmp_path / "text.html", tmp_path, reference)["code_words"] == pytest.approx(3 / 7, abs=1e-4)


def test_words_nobody_can_see_do_not_count(tmp_path: Path):
    """A caption in the page's own colour (white on white, where a slider's photograph did not
    load) is in the reference's DOM and passes the pixel test, but a person sees no words there:
    a page without it loses nothing, a page without a word that is drawn does."""
    from web_composer.bench import _measure
    from web_composer.score import prepare_reference

    (tmp_path / "ref.html").write_text(
        "<body style='background:#fff'><h1 style='color:#fff'>First slide caption</h1>"
        "<p style='color:#222'>Open at seven</p></body>")
    reference = prepare_reference(tmp_path / "ref.html")
    (tmp_path / "seen.html").write_text("<body><p>Open at seven</p></body>")
    (tmp_path / "less.html").write_text("<body><p>Open at</p></body>")
    assert _measure(tmp_path / "seen.html", tmp_path, reference)["code_words"] == 1.0
    assert _measure(tmp_path / "less.html", tmp_path, reference)["code_words"] == pytest.approx(2 / 3, abs=1e-4)
