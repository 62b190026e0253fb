"""The pixel-difference reviser (html/regions) on what drafts get wrong in tables, controls and
faint panels (issue 21): rows refitted to the target's pitch and rules in one rule, a control's
corner and frame from the target, rule lines as backgrounds, faint strips found; in a real browser."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from card_strip import card_strip_revision

from web_composer.html.regions import revise_from_pixels
from web_composer.render import RenderOptions, render_html


def test_a_faint_header_strip_under_the_tile_threshold_is_still_found(tmp_path: Path):
    # a card header of #f7f7f7 on white differs by 8 of 255, under the tile threshold (18): as a
    # large region of uniform difference it is found all the same and drawn as the card's band
    _revision, edit, _shot = card_strip_revision(tmp_path, "#f7f7f7", 48, "box-shadow:0 0 0 1px #ddd")
    assert edit.name == "panel" and edit.after == "background: linear-gradient(#f7f7f7 48px, #ffffff 48px)"


def test_only_a_uniform_faint_difference_over_a_large_area_makes_a_region():
    from web_composer.html.regions.diff import CELL, differing_regions

    white = np.full((40 * CELL, 40 * CELL, 3), 255, np.uint8)
    shade = white.copy()
    shade[:3 * CELL, :20 * CELL] = 247  # 60 tiles of a uniform difference of 8
    (region,) = differing_regions(shade, white, [])
    assert region.box == (0, 0, 20 * CELL, 3 * CELL) and region.tiles == 60
    small = white.copy()
    small[:2 * CELL, :4 * CELL] = 247  # 8 tiles: too small an area for so faint a difference
    assert differing_regions(small, white, []) == []
    edges = white.copy()
    edges[:3 * CELL, :20 * CELL:2] = 239  # the same mean difference, all in thin lines
    assert differing_regions(edges, white, []) == []


CELLS_JS = ("() => [...document.querySelectorAll('td')].map(e => {const r = e.getBoundingClientRect();"
            " return [e.textContent, r.left, r.top, r.right, r.bottom];})")


def _table(row_css: str) -> str:
    names = ["Tiger Nixon", "Garrett Winters", "Ashton Cox", "Cedric Kelly", "Airi Satou",
             "Brielle Williamson", "Herrod Chandler", "Rhona Davidson", "Colleen Hurst", "Sonya Frost"]
    rows = "".join(f"<tr><td>{name}</td><td>Office {i}</td><td>${(i + 3) * 1234:,}</td></tr>"
                   for i, name in enumerate(names))
    return ("<html><head><style>body{margin:0;font:15px 'DejaVu Sans'} tbody{display:flex;"
            "flex-direction:column;width:640px;margin:40px} tr{display:flex} td{width:200px;"
            "line-height:18px} " + row_css + "</style></head><body><table>"
            f"<tbody>{rows}</tbody></table></body></html>")


def test_a_table_whose_rows_drift_gets_the_targets_pitch_and_rules_in_one_rule(tmp_path: Path):
    # the draft's rows are 4 px apart, the target's 12 px with a rule line at each row's top:
    # the matched cells say where the target draws each row; one rule for all rows puts every
    # cell where the target has it and draws the rules
    shot = render_html(_table("tr{padding:5px 0 6px;border-top:1px solid #9ca3af}"), None,
                       RenderOptions(full_page=False, evaluate=CELLS_JS))
    draft = _table("tr{margin-top:4px}")
    mine = render_html(draft, None, RenderOptions(full_page=False, evaluate=CELLS_JS))
    where = {cell[0]: cell for cell in shot.data}
    drifts = [(x0, y0, x1, y1, where[text][2] - y0) for text, x0, y0, x1, y1 in mine.data]
    revision = revise_from_pixels(draft, shot.image(), width=1280, base_dir=tmp_path,
                                  kinds=("rows",), drifts=drifts)
    (edit,) = revision.edits
    assert edit.name == "rows" and "border-top: 1px solid #9ca3af" in edit.after
    assert revision.html.count("wc-rows-1") == 4  # the class on the table, three rules: once
    after = render_html(revision.html, None, RenderOptions(full_page=False, evaluate=CELLS_JS))
    assert max(abs(a[2] - b[2]) for a, b in zip(after.data, shot.data)) < 0.5
    # without the drifts nothing says where the target's rows are: no edit
    assert not revise_from_pixels(draft, shot.image(), width=1280, base_dir=tmp_path,
                                  kinds=("rows",)).edits


def test_a_form_field_drawn_as_a_pill_gets_the_targets_corner(tmp_path: Path):
    # the draft rounds the textarea and the field into pills; the target's corners are 4 px and
    # square: each control's radius is read from the target's pixels (nothing moves)
    from web_composer.html.regions.controls import corner_radius

    form = ("<html><head><style>body{margin:0;background:#f1f5f9} textarea,input{display:block;"
            "margin:40px;width:420px;border:1px solid #64748b;background:#fff} textarea{height:90px}"
            " input{height:36px}</style></head><body><textarea style='border-radius:{}'></textarea>"
            "<input style='border-radius:{}'></body></html>")
    shot = render_html(form.replace("{}", "4px", 1).replace("{}", "0", 1), None,
                       RenderOptions(full_page=False)).image()
    draft = form.replace("{}", "45px", 1).replace("{}", "18px", 1)
    revision = revise_from_pixels(draft, shot, width=1280, base_dir=tmp_path, kinds=("surfaces",))
    corners = {edit.selector.split(" > ")[-1]: edit.after for edit in revision.edits
               if edit.name == "corner"}
    assert corners["textarea"] in ("border-radius: 3px", "border-radius: 4px", "border-radius: 5px")
    assert corners["input"] == "border-radius: 0px"
    pixels = np.asarray(shot)
    assert corner_radius(pixels, (40, 40, 462, 132)) == pytest.approx(4, abs=1.5)


def test_a_faint_strip_split_by_its_title_is_one_region_across_its_card(tmp_path: Path):
    # a narrower card whose strip holds a title: the title's tiles are not uniform, yet the strip
    # is found whole (across the card) and drawn as the card's band
    style = ("<style>body{margin:0;font:16px 'DejaVu Sans'} .card{width:420px;height:240px;"
             "margin:40px;background:#fff;box-shadow:0 0 0 1px #ddd} h5{margin:0;padding:12px 16px;"
             "font-size:16px;font-weight:400}</style>")
    card = "<html><head>{}</head><body><div class='card'><h5{}>Area Chart Example</h5></div></body></html>"
    shot = render_html(card.format(style, " style='background:#f7f7f7'"), None,
                       RenderOptions(full_page=False)).image()
    draft = card.format(style, "")
    revision = revise_from_pixels(draft, shot, width=1280, base_dir=tmp_path, kinds=("surfaces",))
    (edit,) = revision.edits
    assert edit.name == "panel" and edit.after.startswith("background: linear-gradient(#f7f7f7 ")


def test_a_small_button_the_target_frames_gets_its_frame(tmp_path: Path):
    # a "Post!" button is too small for the frame search of the panels; as a control it is
    # looked at all the same
    page = ("<html><head><style>body{margin:0;background:#f0f0f0} button{display:block;margin:40px;"
            "width:44px;height:24px;font:13px Arial;background:#e5e5e5;border:0;{}}</style></head>"
            "<body><button>Post!</button></body></html>")
    shot = render_html(page.replace("{}", "box-shadow:inset 0 0 0 1px #767676"), None,
                       RenderOptions(full_page=False)).image()
    revision = revise_from_pixels(page.replace("{}", ""), shot, width=1280, base_dir=tmp_path,
                                  kinds=("surfaces",))
    (edit,) = revision.edits
    assert edit.name == "border" and edit.after == "box-shadow: inset 0 0 0 1px #767676"


def test_the_rule_lines_between_rows_come_back_as_backgrounds_without_moving_anything(tmp_path: Path):
    from web_composer.html.regions.rules import find_rules

    lines = "".join(f"<p style='margin:0;height:30px;{{}}'>Feature {i}</p>" for i in range(5))
    page = ("<html><body style='margin:0;font:14px Arial'><div style='margin:40px;width:600px;display:flow-root'>"
            f"{lines}</div></body></html>")
    shot = render_html(page.replace("{}", "border-bottom:1px solid #777"), None,
                       RenderOptions(full_page=False)).image()
    draft = page.replace("{}", "margin-bottom:1px")  # the rows in place, the lines between them lost
    assert len(find_rules(np.asarray(shot))) == 5 and not find_rules(
        np.asarray(render_html(draft, None, RenderOptions(full_page=False)).image()))
    revision = revise_from_pixels(draft, shot, width=1280, base_dir=tmp_path, kinds=("surfaces",))
    (edit,) = revision.edits
    assert edit.name == "rules" and edit.after.count("linear-gradient(#777777, #777777)") == 5
    after = np.asarray(render_html(revision.html, tmp_path, RenderOptions(full_page=False)).image(), np.int16)
    assert np.abs(after - np.asarray(shot, np.int16)).mean() < 0.05


def test_a_rule_under_a_links_words_is_its_underline_not_a_rule(tmp_path: Path):
    # the line under a link is the link's underline: it is not painted as a rule of the paragraph
    # (a line that would follow no text), and not drawn as an underline either (that moves the
    # block metrics' estimate, and the loop's guard would drop the whole revision)
    page = ("<html><body style='margin:0;font:18px Arial'><p style='margin:40px;width:600px'>"
            "<a href='#' style='color:#1d4ed8;text-decoration:{}'>1967 Chevrolet Camaro RS/SS for sale"
            "</a></p></body></html>")
    shot = render_html(page.format("underline"), None, RenderOptions(full_page=False)).image()
    revision = revise_from_pixels(page.format("none"), shot, width=1280, base_dir=tmp_path,
                                  kinds=("surfaces",))
    assert revision.edits == [] and revision.proposed == 0
