"""The pixel-difference reviser (html/regions) in a real browser: a lost picture comes back from
the target, a panel takes the target's colour, a font is refitted from the target's glyphs, every
edit is named in iterations/NN/edits.json and report.html, and the loop's guard holds."""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from web_composer.html import Page
from web_composer.html.regions import revise_from_pixels
from web_composer.jobs import Job
from web_composer.pipeline import run_job
from web_composer.refine import Evaluation, better
from web_composer.render import RenderOptions, render_html

HEAD = ("<style>body{margin:0;font:20px 'DejaVu Sans'} .hero{width:480px;height:280px;"
        "margin:40px} .panel{width:600px;height:120px;margin:40px;padding:20px}"
        " p{margin:40px}</style>")


def _picture() -> bytes:
    """A photograph-like picture: smooth colour fields with grain (many colours, strong texture)."""
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:280, 0:480]
    rgb = np.stack([120 + 100 * np.sin(x / 40), 90 + 80 * np.cos(y / 30), 140 + 60 * np.sin((x + y) / 55)], -1)
    rgb += rng.normal(0, 18, rgb.shape)
    buffer = io.BytesIO()
    Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def _page(hero: str, panel: str, text: str) -> str:
    return (f"<html><head>{HEAD}</head><body><div class='hero' style='{hero}'></div>"
            f"<div class='panel' style='{panel}'></div><p style='{text}'>Harbor Lane Bakery opens "
            "at seven</p></body></html>")


TARGET = _page("background:url(photo.png)", "background:#1d4ed8", "font-size:30px")
DRAFT = _page("background:#d1d5db", "background:#e11d48", "font-size:20px")


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("target")
    (folder / "photo.png").write_bytes(_picture())
    path = folder / "target.png"
    path.write_bytes(render_html(TARGET, folder, RenderOptions(full_page=False)).png)
    return path


def test_the_picture_panel_and_font_size_come_from_the_target(target: Path, tmp_path: Path):
    picture = Image.open(target)
    revision = revise_from_pixels(DRAFT, picture, width=1280, base_dir=tmp_path)
    names = [edit.name for edit in revision.edits]
    assert "picture" in names and "panel" in names and "font" in names
    (asset,) = revision.assets  # the crop, placed as the hero's own background: still in flow
    assert f"url(assets/{asset})" in revision.html and "position" not in revision.html
    crop = np.asarray(Image.open(io.BytesIO(revision.assets[asset])).convert("RGB"), np.int16)
    shown = np.asarray(picture.convert("RGB"), np.int16)[40:320, 40:520]
    assert crop.shape == shown.shape and np.abs(crop - shown).mean() < 3
    panel = next(edit for edit in revision.edits if edit.name == "panel")
    assert panel.after == "background: #1d4ed8" and panel.before == "background: #e11d48"
    font = next(edit for edit in revision.edits if edit.name == "font")
    size = float(font.after.split("font-size:")[1].split("px")[0])
    assert 27 <= size <= 33  # the target's 30 px, from the glyphs' width and height


def test_a_monospace_draft_gets_the_targets_sans_serif_back(tmp_path: Path):
    text = "<p style='margin:40px;font-size:24px;font-family:{}'>Fresh bread every morning</p>"
    shot = render_html(f"<html><body style='margin:0'>{text.format('DejaVu Sans')}</body></html>",
                       None, RenderOptions(full_page=False))
    draft = f"<html><body style='margin:0'>{text.format('DejaVu Sans Mono')}</body></html>"
    revision = revise_from_pixels(draft, shot.image(), width=1280, base_dir=tmp_path,
                                  kinds=("families", "sizes"))
    (edit,) = revision.edits
    assert edit.name == "font" and "'DejaVu Sans';" in edit.after + ";" and "400" in edit.after


def test_a_page_like_its_target_gets_no_edits(target: Path, tmp_path: Path):
    (tmp_path / "photo.png").write_bytes(_picture())
    revision = revise_from_pixels(TARGET, Image.open(target), width=1280, base_dir=tmp_path)
    assert revision.edits == [] and revision.html == TARGET


def test_the_loop_keeps_the_revision_and_lists_its_edits(target: Path, tmp_path: Path):
    job = Job(task="screenshot", images=[target], out_dir=tmp_path / "out", backend="builtin",
              refine=1)
    result = run_job(job, draft=Page(DRAFT))
    refinement = result.report["refinement"]
    assert refinement["best"] == 1
    edits = json.loads((result.out_dir / "iterations" / "01" / "edits.json").read_text())
    assert {"picture", "panel"} <= {edit["name"] for edit in edits}
    assert all(set(edit) == {"name", "selector", "before", "after", "why"} for edit in edits)
    page = result.page_path.read_text()
    asset = page.split("url(assets/")[1].split(")")[0]
    assert (result.out_dir / "assets" / asset).is_file()
    report = (result.out_dir / "report.html").read_text()
    assert 'class="edits"' in report and html.escape(edits[0]["selector"]) in report
    ssim = [json.loads((result.out_dir / "iterations" / f"0{i}" / "scores.json").read_text())["ssim"]
            for i in (0, 1)]
    assert ssim[1] > ssim[0]


def _evaluation(overall: float, guard: float, visual: float) -> Evaluation:
    return Evaluation(overall, {}, [], render=None, guard=guard, visual=visual)


def test_a_revision_that_lowers_the_guard_or_the_look_is_not_kept():
    best = _evaluation(0.90, 0.95, 0.80)
    assert better(_evaluation(0.90, 0.95, 0.85), best)  # looks more like the target
    assert not better(_evaluation(0.95, 0.94, 0.90), best)  # ... but the block metrics fell
    assert not better(_evaluation(0.95, 0.96, 0.80), best)  # the look did not improve


def test_a_card_frame_the_draft_lacks_is_drawn_without_moving_anything(tmp_path: Path):
    card = ("<div style='margin:40px;width:300px;height:200px;box-sizing:border-box;{}'><div style='height:120px;"
            "background:#cbd5e1'></div></div>")
    shot = render_html(f"<html><body style='margin:0'>{card.format('border:1px solid #94a3b8')}"
                       "</body></html>", None, RenderOptions(full_page=False))
    draft = f"<html><body style='margin:0'>{card.format('')}</body></html>"
    revision = revise_from_pixels(draft, shot.image(), width=1280, base_dir=tmp_path,
                                  kinds=("surfaces",))
    borders = [edit for edit in revision.edits if edit.name == "border"]
    assert borders and all(edit.after.startswith("box-shadow:") for edit in revision.edits)
    assert "#94a3b8" in borders[0].after  # drawn as a shadow: no size changes, nothing moves


def test_a_page_drawn_wider_than_its_target_is_clipped_where_it_sticks_out(tmp_path: Path):
    """Something placed past the right edge widens the whole render; the outermost element that
    still fits and holds it gets overflow-x: clip, and the render is the target's width again."""
    (tmp_path / "photo.png").write_bytes(_picture())
    page = ("<html><body style='margin:0'><div class='page' style='width:1280px'>"
            "<p style='margin:40px;font:24px DejaVu Sans'>Harbor Lane Bakery</p>"
            "<div style='margin-left:{}px;width:480px;height:280px;"
            "background:url(photo.png)'></div></div></body></html>")
    target = render_html(page.format(800), tmp_path, RenderOptions(width=1280)).image()
    draft = page.format(1000)  # its picture reaches 200 px past the viewport
    assert render_html(draft, tmp_path, RenderOptions(width=1280)).image().width == 1480
    revision = revise_from_pixels(draft, target, width=1280, base_dir=tmp_path, kinds=("surfaces",))
    clips = [edit for edit in revision.edits if edit.name == "overflow"]
    assert [edit.selector for edit in clips] == ["body > div.page"]
    assert clips[0].after == "overflow-x: clip" and "1480 px wide" in clips[0].why
    assert render_html(revision.html, tmp_path, RenderOptions(width=1280)).image().width == 1280
    # a page that fits gets no such edit
    fitting = revise_from_pixels(page.format(800), target, width=1280, base_dir=tmp_path,
                                 kinds=("surfaces",))
    assert not [edit for edit in fitting.edits if edit.name == "overflow"]


def test_a_picture_is_cropped_where_the_target_draws_it_when_the_page_has_drifted(tmp_path: Path):
    """The draft's first section is 100 px too tall, so its photo section sits 100 px lower than
    the target's; the matched text over it says so, and the crop comes from the target's place."""
    (tmp_path / "photo.png").write_bytes(_picture())
    page = ("<html><body style='margin:0'><div style='height:{}px;background:#e2e8f0'></div>"
            "<section style='height:280px;{}'><p style='margin:0;padding:40px;"
            "font:32px DejaVu Sans;color:#fff'>Fresh bread</p></section>"
            "<div style='height:200px'></div></body></html>")
    target = render_html(page.format(200, "background:url(photo.png)"), tmp_path,
                         RenderOptions(width=1280)).image()
    draft = page.format(300, "background:#334155")
    # the text "Fresh bread": drawn at y 340 in the draft, at y 240 in the target
    drifts = [(40.0, 340.0, 240.0, 380.0, -100.0)]
    text_boxes = [(40.0, 240.0, 240.0, 280.0)]
    revision = revise_from_pixels(draft, target, width=1280, base_dir=tmp_path,
                                  kinds=("surfaces",), text_boxes=text_boxes, drifts=drifts)
    picture = next(edit for edit in revision.edits if edit.name == "picture")
    assert "the target draws it 100 px higher" in picture.why
    crop = np.asarray(Image.open(io.BytesIO(revision.assets[picture.after.split("assets/")[1]
                                                           .split(")")[0]])).convert("RGB"), np.int16)
    goal = np.asarray(target.convert("RGB"), np.int16)
    # away from the painted-out text, the crop is the target's section (y 200-480), not y 300-580
    assert np.abs(crop[120:] - goal[320:480]).mean() < 3
    assert np.abs(crop[120:] - goal[420:580]).mean() > 20


def test_the_scoring_render_spares_the_probe_render_and_changes_nothing(target: Path, tmp_path: Path):
    """The evaluation's render reads the elements too (probe.ORDER_PROBE_JS); a revision made from
    it is the one the probe's own render gives. Read from another page, it is not used."""
    from web_composer.html.regions.probe import ORDER_PROBE_JS
    from web_composer.score import prepare_reference, score_against

    scores = score_against(DRAFT, tmp_path, prepare_reference(target), extra={"probe": ORDER_PROBE_JS})
    probed = (scores.render.data["extra"]["probe"], scores.candidate_image)
    assert probed[0]["tags"][:3] == ["body", "div", "div"]
    picture = Image.open(target)
    alone = revise_from_pixels(DRAFT, picture, width=1280, base_dir=tmp_path)
    spared = revise_from_pixels(DRAFT, picture, width=1280, base_dir=tmp_path, probed=probed)
    assert spared.html == alone.html and [e.name for e in spared.edits] == [e.name for e in alone.edits]
    other = DRAFT.replace("<p ", "<section></section><p ")  # one element more: numbers shift
    assert revise_from_pixels(other, picture, width=1280, base_dir=tmp_path, probed=probed).html \
        == revise_from_pixels(other, picture, width=1280, base_dir=tmp_path).html


def test_a_text_shown_twice_is_not_refitted_to_the_other_ones_glyphs(tmp_path: Path):
    """The headline and the brand in the footer read the same; the headline must not take the
    footer's size (the matched texts are keyed by text, so a repeated one is left out)."""
    from web_composer.backends.builtin.screenshot import revise
    from web_composer.jobs import RevisionRequest
    from web_composer.score import prepare_reference, score_against

    page = ("<html><body style='margin:0'><h1 style='margin:80px 40px;font:56px {}'>Harbor Lane"
            "</h1><p style='margin:40px;font:20px DejaVu Sans'>Fresh bread from seven</p>"
            "<div style='padding:20px;font:20px DejaVu Sans'>Harbor Lane</div></body></html>")
    (tmp_path / "target.png").write_bytes(
        render_html(page.format("DejaVu Sans"), None, RenderOptions(width=1280)).png)
    draft = page.format("'DejaVu Serif'")
    reference = prepare_reference(tmp_path / "target.png")
    scores = score_against(draft, tmp_path, reference)
    assert sum(b.text == "harbor lane" for b in scores.candidate_blocks) == 2
    request = RevisionRequest(task="screenshot", html=draft, render=None, feedback=[],
                              targets=[Image.open(tmp_path / "target.png")], width=1280,
                              details=scores, base_dir=tmp_path)
    edits = revise(request).info["edits"]
    sizes = [float(e["after"].split("font-size:")[1].split("px")[0]) for e in edits
             if e["name"] == "font" and "font-size:" in e["after"]]
    assert all(size > 40 for size in sizes)  # never the footer's 20 px


def test_pictures_lost_with_their_element_go_back_into_the_gap_they_left(tmp_path: Path):
    """The draft dropped a row of round photos and kept their space as the next row's top
    margin; the target's pixels there come back as one <img> in flow, and nothing below moves."""
    circle = "<div style='width:200px;height:200px;border-radius:50%;background:#9ca3af'></div>"
    team = "<p style='margin:0;font:24px DejaVu Sans;width:1000px'>John Smith, Ann Lee, Bo Chen</p>"
    page = ("<html><body style='margin:0'><main style='display:flex;flex-direction:column'>"
            "<h2 style='margin:40px 0 0 80px;font:32px DejaVu Sans'>Our team</h2>{}"
            f"<div style='margin:{{}}px 0 0 80px'>{team}</div></main></body></html>")
    row = ("<div style='display:flex;gap:100px;margin:40px 0 0 180px'>" + circle * 3 + "</div>")
    target = render_html(page.format(row, 20), None, RenderOptions(width=1280)).image()
    draft = page.format("", 260)  # the circles are gone; their 40 + 200 + 20 px stay as a margin
    revision = revise_from_pixels(draft, target, width=1280, base_dir=tmp_path, kinds=("surfaces",))
    (edit,) = [e for e in revision.edits if e.name == "picture"]
    assert "img" in edit.selector and "main > img" in edit.selector
    assert revision.html.count("<img") == 1 and "position" not in revision.html
    revised = np.asarray(render_html(revision.html, tmp_path, RenderOptions(width=1280)).image(), np.int16)
    goal = np.asarray(target, np.int16)
    assert revised.shape == goal.shape  # the team's names did not move
    before = np.asarray(render_html(draft, tmp_path, RenderOptions(width=1280)).image(), np.int16)
    rows = slice(100, 340)  # where the circles are
    assert np.abs(revised[rows] - goal[rows]).mean() < 0.25 * np.abs(before[rows] - goal[rows]).mean()


def test_drift_and_the_share_an_elements_own_pictures_cover():
    """drift_at: the median drift of the texts inside a box, else that of the nearest text above;
    pictured_share: how much of an element its own <img> and backgrounds already draw."""
    from bs4 import BeautifulSoup

    from web_composer.html.regions.probe import Element
    from web_composer.html.regions.surfaces import drift_at, pictured_share

    drifts = [(0, 100, 200, 130, -40.0), (0, 400, 200, 430, -120.0), (0, 450, 200, 480, -100.0),
              (0, 470, 200, 500, -110.0)]
    assert drift_at((0, 380, 400, 600), drifts) == -110  # inside: the median of three
    assert drift_at((0, 200, 400, 300), drifts) == -40  # none inside: the text above
    assert drift_at((0, 0, 400, 90), drifts) == 0  # nothing above
    soup = BeautifulSoup("<div><img><span></span></div>", "html.parser")
    div, img, span = soup.div, soup.img, soup.span

    def element(node, tag, box, image=False):
        return Element(node, tag, box, False, "", 0, {}, "", image)

    box = element(div, "div", (0, 0, 100, 100))
    photo = element(img, "img", (0, 0, 50, 40))  # 20 % of the box
    backdrop = element(span, "span", (0, 0, 100, 30), image=True)  # 30 %, overlapping the photo
    assert pictured_share(box, [box, photo]) == pytest.approx(0.2)
    assert pictured_share(box, [box, photo, backdrop]) == pytest.approx(0.35)  # union: 35 %
    assert pictured_share(box, [box, element(span, "span", (0, 0, 100, 30))]) == 0  # no picture


def test_differing_tiles_join_in_eight_connected_components_in_scan_order():
    # OpenCV's labelling gives scipy.ndimage's components (masks and boxes, in the order their
    # first tile comes row by row), without scipy.ndimage's import
    from scipy.ndimage import find_objects, label

    from web_composer.html.regions.diff import _components

    rng = np.random.default_rng(7)
    for _ in range(40):
        mask = rng.random((rng.integers(1, 40), rng.integers(1, 40))) < rng.random() * 0.6
        labels, _ = label(mask, structure=np.ones((3, 3), bool))
        expected = [(labels[f] == i, f) for i, f in enumerate(find_objects(labels), 1)]
        found = _components(mask)
        assert [f for _, f in found] == [f for _, f in expected]
        assert all((a == b).all() for (a, _), (b, _) in zip(found, expected))
    assert _components(np.zeros((3, 3), bool)) == []


def test_the_check_render_of_a_revision_is_the_render_its_evaluation_takes(target: Path,
                                                                          tmp_path: Path,
                                                                          monkeypatch):
    # verify renders the revised page as the scorer does; scoring that page next renders nothing
    # and gives the scores of a fresh render; scoring another page renders again
    import web_composer.render as render_module
    from web_composer.html.regions.probe import ORDER_PROBE_JS
    from web_composer.score import prepare_reference, score_against
    from web_composer.score import reference as reference_module

    reference = prepare_reference(target)
    revision = revise_from_pixels(DRAFT, Image.open(target), width=1280, base_dir=tmp_path)
    assert revision.edits
    for name, data in revision.assets.items():
        assert (tmp_path / "assets" / name).is_file()
    calls = []
    real = render_module.render_html
    monkeypatch.setattr(render_module, "render_html", lambda *a, **k: calls.append(1) or real(*a, **k))
    kept = score_against(revision.html, tmp_path, reference, extra={"probe": ORDER_PROBE_JS})
    assert calls == []
    fresh = score_against(revision.html, tmp_path, reference, extra={"probe": ORDER_PROBE_JS})
    assert calls == [1] and reference_module._KEPT == {}
    assert (kept.four, kept.visual) == (fresh.four, fresh.visual)
    assert (kept.candidate_image == fresh.candidate_image).all()


def test_a_strip_the_draft_lost_comes_back_as_a_band_of_its_card(tmp_path: Path):
    # the target's card has a coloured header strip; the draft's card is plain: the differing
    # region is the strip, a part of the card (no element is it), so the card's own background
    # gets the strip as a hard-edged band; a smooth ramp stays a ramp
    from card_strip import card_strip_revision

    from web_composer.html.regions.surfaces import panel_fill

    revision, edit, shot = card_strip_revision(tmp_path, "#1d4ed8", 60)
    assert edit.name == "panel" and edit.after == "background: linear-gradient(#1d4ed8 60px, #ffffff 60px)"
    after = np.asarray(render_html(revision.html, tmp_path, RenderOptions(full_page=False)).image(), np.int16)
    assert np.abs(after - np.asarray(shot, np.int16)).mean() < 0.5
    ramp = np.linspace(0, 200, 100)[:, None, None].repeat(50, 1).repeat(3, 2).astype(np.uint8)
    prop, value = panel_fill(ramp)
    assert value.startswith("linear-gradient(#") and "px" not in value  # ends' colours, no stops


def test_a_second_search_of_the_same_page_draws_no_specimens_again(tmp_path: Path, monkeypatch):
    # a later proposal of one revision searches the same texts: the specimen sheet (and the
    # check render of the same edited page) are taken from the first search, with the same edits
    import web_composer.render as render_module

    text = "<p style='margin:40px;font-size:24px;font-family:{}'>Fresh bread every morning</p>"
    shot = render_html(f"<html><body style='margin:0'>{text.format('DejaVu Sans')}</body></html>",
                       None, RenderOptions(full_page=False)).image()
    draft = f"<html><body style='margin:0'>{text.format('DejaVu Sans Mono')}</body></html>"
    first = revise_from_pixels(draft, shot, width=1280, base_dir=tmp_path, kinds=("families", "sizes"))
    calls = []
    real = render_module.render_html
    monkeypatch.setattr(render_module, "render_html", lambda *a, **k: calls.append(1) or real(*a, **k))
    again = revise_from_pixels(draft, shot, width=1280, base_dir=tmp_path, kinds=("families", "sizes"))
    assert calls == [1]  # the probe's own render only (no scored render was handed over here)
    assert again.html == first.html and [e.after for e in again.edits] == [e.after for e in first.edits]
