"""`webcompose score` as a user runs it: JSON, the diff picture, CLIP from a local folder, bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PAGE = ("<html><body style='margin:0;font:18px sans-serif;background:#fdf6e3'>"
        "<h1 style='color:#268bd2'>Harbour Lights</h1><p>Boat tours leave at nine and at noon.</p>"
        "<div style='height:300px;background:#b58900'></div><p>Tickets at the pier.</p></body></html>")


@pytest.fixture
def pages(tmp_path: Path) -> tuple[Path, Path]:
    reference = tmp_path / "ref.html"
    reference.write_text(PAGE)
    candidate = tmp_path / "cand.html"
    candidate.write_text(PAGE.replace("nine", "ten").replace("#268bd2", "#dc322f"))
    return candidate, reference


def _one_line_error(result, code: int, needle: str) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], result.stderr


def test_json_and_diff(cli, pages, tmp_path: Path):
    from PIL import Image

    candidate, reference = pages
    diff = tmp_path / "diff.png"
    result = cli(["score", candidate, "--ref", reference, "--json", "--diff", diff])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["block", "text", "position", "color", "visual_ssim", "overall", "matched",
                          "unmatched_candidate", "unmatched_reference", "seconds", "code"]
    assert data["matched"] == 3 and data["text"] < 1.0 and data["color"] < 1.0
    code = data["code"]  # an HTML reference: the code measures too ("nine" became "ten")
    assert code["headings"] == 1.0 and code["links"] is None and code["words"] == pytest.approx(13 / 14, abs=1e-4)
    assert data["position"] > 0.99
    picture = Image.open(diff)
    assert picture.width == 3 * 1280 + 2 * 8 and picture.height >= 400
    again = cli(["score", candidate, "--ref", reference, "--diff", diff])
    _one_line_error(again, 2, "already exists")


def test_bad_inputs_exit_with_one_line(cli, pages, tmp_path: Path):
    candidate, reference = pages
    _one_line_error(cli(["score", tmp_path / "missing.html", "--ref", reference]), 2, "no such file")
    _one_line_error(cli(["score", candidate, "--ref", tmp_path / "missing.png"]), 2, "no such file")
    not_image = tmp_path / "shot.png"
    not_image.write_text("this is not a picture")
    _one_line_error(cli(["score", candidate, "--ref", not_image]), 2, "is not an image")
    _one_line_error(cli(["score", candidate, "--ref", reference, "--clip", tmp_path / "nope"]), 2,
                    "no such file")
    looping = tmp_path / "loop.html"
    looping.write_text("<p>hi</p><script>while (true) {}</script>")
    _one_line_error(cli(["score", looping, "--ref", reference, "--timeout", "1"]), 4,
                    "did not finish rendering")


def _tiny_clip(folder: Path) -> Path:
    """A randomly initialised, tiny CLIP saved the way a real checkpoint folder is."""
    import torch
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel

    torch.manual_seed(0)
    config = CLIPConfig(
        text_config=dict(hidden_size=32, intermediate_size=37, num_attention_heads=4,
                         num_hidden_layers=2, vocab_size=99),
        vision_config=dict(hidden_size=32, intermediate_size=37, num_attention_heads=4,
                           num_hidden_layers=2, image_size=32, patch_size=8),
        projection_dim=16)
    CLIPModel(config).save_pretrained(folder)
    CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32}).save_pretrained(folder)
    return folder


def test_clip_from_a_local_folder_replaces_the_weight_free_metric(cli, pages, tmp_path: Path):
    candidate, reference = pages
    clip = _tiny_clip(tmp_path / "clip")
    same = json.loads(cli(["score", reference, "--ref", reference, "--json", "--clip", clip]).stdout)
    assert "clip" in same and "visual_ssim" not in same
    assert same["clip"] == pytest.approx(1.0, abs=1e-4)
    other = cli(["score", candidate, "--ref", reference, "--json", "--clip", clip])
    assert other.exit_code == 0, other.stderr
    value = json.loads(other.stdout)["clip"]
    assert -1.0 <= value <= 1.0


def test_a_screenshot_reference_says_how_uncertain_it_is(cli, pages, tmp_path: Path):
    from web_composer.render import render_html

    candidate, reference = pages
    shot = tmp_path / "ref.png"
    shot.write_bytes(render_html(reference.read_text(), tmp_path).png)
    result = cli(["score", candidate, "--ref", shot, "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["uncertainty"]) == {"block", "text", "position", "color", "four"}
    assert data["uncertainty"]["block"] > data["uncertainty"]["text"] > 0
    assert "code" not in data  # code measures need the reference's HTML
    html_ref = json.loads(cli(["score", candidate, "--ref", reference, "--json"]).stdout)
    assert "uncertainty" not in html_ref
