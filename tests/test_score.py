"""The scorer on real renders: identical, empty, moved, recoloured and reworded candidates; DOM blocks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from web_composer.score import prepare_reference, score_against

FOUR = ("block", "text", "position", "color")

PAGE = """<!DOCTYPE html><html><head><style>
body {{ margin: 0; background: #fff; color: #222; font: 16px/1.5 'DejaVu Sans Mono', monospace; }}
p, h1, a {{ margin: 20px; display: block; }}
</style></head><body>
<h1>Bakery Aurora</h1>
<p>Sourdough, rye and morning buns every day.</p>
<p style="color: #1a4d8f{style}">{sentence}</p>
<p>Order cakes a week ahead by phone or email.</p>
<a href="#">Contact us</a>
</body></html>"""
SENTENCE = "Open from seven until two, closed on Mondays."


def page(style: str = "", sentence: str = SENTENCE) -> str:
    return PAGE.format(style=style, sentence=sentence)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ref")
    path = folder / "ref.html"
    path.write_text(page())
    return prepare_reference(path)


def test_identical_pages_score_one(reference):
    scores = score_against(page(), None, reference)
    assert [getattr(scores, m) for m in FOUR] == [1.0, 1.0, 1.0, 1.0]
    assert scores.visual == pytest.approx(1.0)
    assert scores.overall == pytest.approx(1.0)
    assert (scores.matched, scores.unmatched_candidate, scores.unmatched_reference) == (5, 0, 0)
    texts = [b.text for b in scores.reference_blocks]
    assert texts[0] == "bakery aurora" and "contact us" in texts


def test_an_empty_candidate_scores_zero(reference):
    scores = score_against("<html><body></body></html>", None, reference)
    assert [getattr(scores, m) for m in FOUR] == [0.0, 0.0, 0.0, 0.0]
    assert scores.matched == 0 and scores.unmatched_reference == 5
    assert scores.overall == pytest.approx(scores.visual / 5)


@pytest.mark.parametrize("change, lowered", [
    (dict(style="; position: relative; left: 120px; top: 60px"), "position"),
    (dict(style="; color: #c0392b"), "color"),
    # same length, same first and last letters, monospace: the box does not move
    (dict(sentence="Open from eight until ten, closed on Fridays."), "text"),
])
def test_one_changed_paragraph_lowers_exactly_its_metric(reference, change, lowered):
    scores = score_against(page(**change), None, reference)
    assert scores.matched == 5
    for metric in FOUR:
        value = getattr(scores, metric)
        if metric == lowered:
            assert value < 0.99, (metric, value)
        else:
            assert value > 0.999, (metric, value)
    others = sum(getattr(scores, metric) for metric in FOUR if metric != lowered)
    assert scores.four == pytest.approx((others + getattr(scores, lowered)) / 4)
    assert scores.four < 1 - (1 - getattr(scores, lowered)) / 5  # it weighs a quarter


def test_json_has_exactly_the_documented_keys(reference):
    data = score_against(page(), None, reference).to_json()
    assert list(data) == ["block", "text", "position", "color", "visual_ssim", "overall", "matched",
                          "unmatched_candidate", "unmatched_reference", "seconds"]


def test_dom_blocks_follow_the_owner_rules(tmp_path: Path):
    html = """<html><body style="margin:0;font:16px sans-serif">
    <p>Hello <em>big</em> world <a href="#">link</a> end</p>
    <section>orphan text has no owner</section>
    <div style="display:none">hidden</div>
    <div style="visibility:hidden">invisible</div>
    <div style="opacity:0.5">translucent</div>
    <span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)">sr only</span>
    <div>Same <b>BOX</b></div>
    </body></html>"""
    path = tmp_path / "p.html"
    path.write_text(html)
    texts = [b.text for b in prepare_reference(path).blocks]
    # "translucent" counts: the official painted render sets opacity 1 on text tags such as <div>
    assert texts == ["hello big world end", "link", "translucent", "same", "box"]


def test_reading_blocks_leaves_the_screenshot_untouched(tmp_path: Path):
    from web_composer.render import RenderOptions, render_html
    from web_composer.score.blocks import BLOCKS_JS

    html = ("<html><head><style>p { transition: color 5s; color: rgb(10, 120, 30); } "
            "div { color: rgb(200, 0, 0) } </style></head><body><div>a <p style='font-size:30px'>"
            "Colour must survive</p></div></body></html>")
    plain = render_html(html, None, RenderOptions(width=400, height=200, full_page=False))
    probed = render_html(html, None, RenderOptions(width=400, height=200, full_page=False,
                                                   evaluate=BLOCKS_JS))
    assert np.array_equal(np.asarray(plain.image()), np.asarray(probed.image()))
    assert [b["texts"] for b in probed.data["blocks"]] == [["a"], ["Colour must survive"]]


def test_a_screenshot_reference_reads_text_with_its_spaces(reference, tmp_path: Path):
    from PIL import Image

    shot = tmp_path / "ref.png"
    Image.fromarray(reference.image).save(shot)
    from_png = prepare_reference(shot)
    assert from_png.kind == "image"
    assert any("sourdough, rye and morning buns" in b.text for b in from_png.blocks)
    scores = score_against(page(), None, from_png)
    assert scores.text > 0.9 and scores.block > 0.8 and scores.color > 0.9, scores.to_json()


def test_both_ocr_engines_read_a_small_picture():
    from web_composer.errors import InputError
    from web_composer.render import RenderOptions, render_html
    from web_composer.vision.ocr import ocr_lines

    shot = render_html("<body style='margin:20px;font:28px sans-serif'>Fresh bread daily</body>", None,
                       RenderOptions(width=400, height=90, full_page=False)).image()
    [line] = ocr_lines(shot, engine="tesseract")
    assert line.text == "Fresh bread daily"
    assert [w.text for w in line.words] == ["Fresh", "bread", "daily"]
    assert line.words[0].box[2] < line.words[1].box[0] and 15 <= line.box[0] <= 25
    rapid = ocr_lines(shot, engine="rapidocr")
    assert "".join(rapid[0].text.split()).lower() == "freshbreaddaily"
    with pytest.raises(InputError):
        ocr_lines(shot, engine="nope")
