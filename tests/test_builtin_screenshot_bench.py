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
