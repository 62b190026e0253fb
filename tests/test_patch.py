"""The built-in reviser (html/patch) on real renders and the real scorer.

Each page here is laid out the way the engine's CSS stack writes pages (flex stacks, measured
margins inline, a mobile media query); the draft differs from the target in one way and one
revision must bring it closer, in flow, without touching the 390 px layout.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from web_composer.html.patch import Fix, patch_from_scores
from web_composer.html.patch.fixes import for_attempt
from web_composer.html.patch.locate import locate_blocks, owners_of
from web_composer.render import RenderOptions, render_html
from web_composer.score import prepare_reference, score_against
from web_composer.vision.pagecheck import page_quality

HEAD = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><style>
*{box-sizing:border-box;margin:0;padding:0}
body{font-family:'DejaVu Sans', Arial, sans-serif;color:#222;background:#fff}
.page{max-width:1280px;margin:0 auto;display:flex;flex-direction:column}
.stack{display:flex;flex-direction:column}
.row{display:flex;align-items:flex-start}
.nowrap{white-space:nowrap}
@media (max-width:768px){.page{padding:0 12px;overflow-wrap:anywhere}
.row{flex-direction:column;row-gap:12px}.row>*{margin-top:0!important}
.page *{margin-left:0!important;margin-right:0!important;max-width:100%}
.nowrap{white-space:normal}}
</style></head><body><div class="page"><main class="stack" style="margin-top:40px">
"""
TAIL = "</main></div></body></html>"
TITLE = "Harbor Lane Bakery and Coffee House"
LINES = ["Fresh bread every morning from our wood fired oven.",
         "Open Tuesday to Sunday from seven in the morning till three.",
         "Find us at twelve Quay Street, right by the old harbour wall."]


def page(title_size: int = 40, gaps: tuple[int, int, int] = (24, 60, 24),
         missing: int | None = None, nowrap: bool = False) -> str:
    """The test page: a heading and three paragraphs, sizes and gaps as given."""
    parts = [f'<h1 class="{"nowrap" if nowrap else ""}" style="font-size:{title_size}px;'
             f'line-height:{round(title_size * 1.2)}px;margin-left:80px">{TITLE}</h1>']
    for index, (text, gap) in enumerate(zip(LINES, gaps)):
        if index != missing:
            parts.append(f'<p style="font-size:18px;line-height:26px;margin-top:{gap}px;'
                         f'margin-left:80px">{text}</p>')
    return HEAD + "\n".join(parts) + TAIL


TARGET = page()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    folder = tmp_path_factory.mktemp("target")
    (folder / "target.html").write_text(TARGET)
    return prepare_reference(folder / "target.html")


def revise(html: str, reference, folder: Path, attempt: int = 0):
    before = score_against(html, folder, reference)
    revised, applied = patch_from_scores(html, before, width=1280,
                                         target=Image.fromarray(reference.image), attempt=attempt)
    return revised, applied, before, score_against(revised, folder, reference)


def box(scores, start: str) -> tuple[float, float, float, float]:
    """The candidate block starting with ``start``: x, y, width, height in CSS px."""
    height, width = scores.candidate_image.shape[:2]
    for block in scores.candidate_blocks:
        if block.text.startswith(start.lower()):
            x, y, w, h = block.box
            return x * width, y * height, w * width, h * height
    raise AssertionError(f"no block starts with {start!r}")


def target_box(reference, start: str) -> tuple[float, float, float, float]:
    for block in reference.blocks:
        if block.text.startswith(start.lower()):
            x, y, w, h = block.box
            width, height = reference.width, reference.height
            return x * width, y * height, w * width, h * height
    raise AssertionError(f"the target has no block starting with {start!r}")


def test_a_heading_at_the_wrong_size_gets_closer(reference, tmp_path):
    revised, applied, before, after = revise(page(title_size=34), reference, tmp_path)
    want = target_box(reference, TITLE)[2]
    assert any(line.startswith("font:") for line in applied), applied
    assert abs(box(after, TITLE)[2] - want) < 0.5 * abs(box(before, TITLE)[2] - want)
    assert 'data-wc-fix="fs' in revised and "--wc-fs:" in revised


def test_a_wrong_gap_is_closed_and_what_follows_moves_with_it(reference, tmp_path):
    _, applied, before, after = revise(page(gaps=(24, 20, 24)), reference, tmp_path)
    assert any(line.startswith("gap:") for line in applied), applied
    for start in (LINES[1], LINES[2]):
        want = target_box(reference, start)[1]
        assert abs(box(before, start)[1] - want) > 30
        assert abs(box(after, start)[1] - want) <= 4, (start, applied)
    assert abs(box(after, LINES[0])[1] - target_box(reference, LINES[0])[1]) <= 2


def test_a_missing_paragraph_is_inserted_in_flow_where_the_target_has_it(reference, tmp_path):
    revised, applied, before, after = revise(page(missing=1), reference, tmp_path)
    assert any(line.startswith("insert:") for line in applied), applied
    assert after.unmatched_reference < before.unmatched_reference
    x, y, _, _ = box(after, LINES[1])
    want = target_box(reference, LINES[1])
    assert abs(y - want[1]) <= 16 and abs(x - want[0]) <= 8
    html = revised.lower()  # in the document between its neighbours, not positioned
    first, second, third = (html.index(line.lower()) for line in LINES)
    assert first < second < third
    assert "absolute" not in html and "fixed" not in html and "transform" not in html
    # the paragraph below it now sits close to where the target has it
    assert abs(box(after, LINES[2])[1] - target_box(reference, LINES[2])[1]) <= 16


def test_the_revised_page_keeps_its_phone_layout(reference, tmp_path):
    draft = page(title_size=30, gaps=(24, 20, 90), nowrap=True)
    revised, applied, _, _ = revise(draft, reference, tmp_path)
    assert len(applied) >= 2
    quality = page_quality(revised, tmp_path)
    assert not quality.overflow_390 and quality.collisions_390 == 0
    assert quality.absolute_share == 0
    # below the engines' breakpoint the fixes do not apply: the phone render is the draft's
    phone = RenderOptions(width=390, height=844)
    assert render_html(revised, tmp_path, phone).png == render_html(draft, tmp_path, phone).png


def test_revising_again_updates_the_same_fixes(reference, tmp_path):
    once, _, _, _ = revise(page(title_size=34, gaps=(24, 20, 24)), reference, tmp_path)
    twice, _, _, _ = revise(once, reference, tmp_path)
    assert once.count('id="wc-fixes"') == twice.count('id="wc-fixes"') == 1
    assert twice.count("--wc-mt") <= once.count("--wc-mt") + 1
    assert twice.count("--wc-fs") == once.count("--wc-fs")  # one value per element, updated
    assert "!important" in twice and twice.count("@media") == once.count("@media")


def test_retries_of_the_same_scores_make_fewer_surer_fixes():
    fixes = [Fix("font", "a"), Fix("gap", "b", 3.0), Fix("gap", "c", 20.0), Fix("colour", "d"),
             Fix("offset", "e", 30.0), Fix("gap", "f", 9.0), Fix("remove", "g")]
    first, second, third = (for_attempt(fixes, k) for k in range(3))
    assert first == fixes
    assert [f.label for f in second] == ["c", "d", "f"]
    assert [f.label for f in third] == ["c"]
    assert for_attempt(fixes, 3) == []
    only_big = [Fix("gap", "x", 30.0)]  # tiers that repeat an earlier choice are skipped
    assert for_attempt(only_big, 0) == only_big and for_attempt(only_big, 1) == []


def test_blocks_are_found_by_their_text_as_the_scorer_assigns_it():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup("<body><div><label>Shop</label> <a>Home</a></div>"
                         "<p>Fresh <strong>bread</strong> daily</p><h2>Open   late</h2></body>",
                         "html.parser")
    found = locate_blocks(owners_of(soup), ["shop", "home", "fresh bread daily", "open late",
                                            "shop home", "bread"])
    names = [[o.element.name for o in f.owners] if f else None for f in found]
    assert names[:4] == [["div"], ["a"], ["p"], ["h2"]]  # label and strong are not owners
    assert names[4] == ["div", "a"] and found[4].single is None  # a merged block: two owners
    assert found[5].owners[0].element.name == "p" and not found[5].exact  # part of one


def test_the_engine_asks_less_of_a_page_whose_revision_was_dropped(reference, tmp_path):
    from web_composer.backends.builtin.screenshot import revise as engine_revise
    from web_composer.jobs import RevisionRequest

    draft = page(title_size=34, gaps=(24, 20, 24))
    scores = score_against(draft, tmp_path, reference)

    def ask(details, tried):
        request = RevisionRequest(task="screenshot", html=draft, render=None, feedback=[],
                                  targets=[Image.fromarray(reference.image)], stack="css",
                                  width=1280, details=details, attempt=len(tried), tried=tried)
        return engine_revise(request)

    first = ask(scores, [])
    second = ask(scores, [first.html])  # what the loop asks after dropping the first
    kinds = {line.split(":")[0] for line in first.info["fixes"]}
    assert {"font", "gap"} <= kinds
    # the retry drops the font fix, keeps the gap
    assert second.info["fixes"] and set(second.info["fixes"]) < set(first.info["fixes"])
    assert ask(scores, []).html == first.html  # deterministic: the same question, the same page


def test_a_list_marker_read_into_the_text_moves_nothing(tmp_path):
    countries = ["Australia and Tasmania", "India and Nepal", "Malaysia and Borneo"]
    items = "".join(f"<li style='margin-top:12px'>{name}</li>" for name in countries)
    html = (HEAD + f"<h1 style='font-size:36px;margin-left:80px'>{TITLE}</h1><ol style='margin:30px"
            f" 0 0 140px;font-size:22px;line-height:32px'>{items}</ol>" + TAIL)
    shot = tmp_path / "target.png"
    shot.write_bytes(render_html(html, tmp_path).png)
    reference = prepare_reference(shot)  # OCR: "1. Australia and Tasmania", marker and all
    scores = score_against(html, tmp_path, reference)
    assert any(block.text.startswith("1") for block in scores.reference_blocks)
    revised, applied = patch_from_scores(html, scores, width=1280,
                                         target=Image.fromarray(reference.image))
    assert not [line for line in applied if line.startswith("offset")], applied
