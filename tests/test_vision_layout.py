"""Layout analysis on hand-made boxes: XY-cut rows and columns, paragraphs, wrap widths, roles."""

from __future__ import annotations

from web_composer.vision import fonts
from web_composer.vision.blocks import assign_roles, merge_paragraphs
from web_composer.vision.elements import Box, Font, Graphic, Node, Region, TextLine
from web_composer.vision.emit.plan import css_box, plan_page
from web_composer.vision.layout import build_layout, xy_cut
from web_composer.vision.pagecheck import judge_cut


def line(text: str, x: float, baseline: float, size: float = 16, colour=(30, 30, 30),
         weight: int = 400) -> TextLine:
    width = fonts.advance("sans", weight, text, size)
    return TextLine(text, Box(x, baseline - 0.72 * size, x + width, baseline + 0.2 * size),
                    baseline, Font("sans", size, weight), colour, (255, 255, 255))


def leaf(box: Box) -> Node:
    return Node("picture", box)


def test_xy_cut_finds_a_header_row_over_two_columns():
    items = [leaf(Box(0, 0, 100, 40)), leaf(Box(900, 10, 1000, 30)),  # header: logo + link
             leaf(Box(0, 80, 600, 400)), leaf(Box(0, 420, 600, 700)),  # main column
             leaf(Box(650, 80, 1000, 300))]  # sidebar
    tree = xy_cut(items)
    assert tree.kind == "stack" and len(tree.children) == 2
    header, body = tree.children
    assert header.kind == "row" and len(header.children) == 2
    assert body.kind == "row" and [c.kind for c in body.children] == ["stack", "picture"]


def test_a_bullet_stays_on_its_row():
    items = []
    for i in range(3):
        items.append(leaf(Box(0, i * 30 + 6, 8, i * 30 + 14)))  # bullet
        items.append(leaf(Box(18, i * 30, 300, i * 30 + 20)))  # text, 10 px to the right
    tree = xy_cut(items)
    assert tree.kind == "stack" and all(c.kind == "row" for c in tree.children)


def test_lines_of_one_style_merge_into_a_paragraph_with_its_wrap_width():
    texts = ["The quick brown fox jumps over the lazy", "dog and keeps running until the end of",
             "the field."]
    lines = [line(t, 100, 200 + 24 * i) for i, t in enumerate(texts)]
    lines.append(line("A heading after it", 100, 320, size=28, weight=700))
    root = build_layout(1280, 600, (255, 255, 255), [], [], lines)
    merge_paragraphs(root)
    assign_roles(root, 1280)
    stack = root.children[0]
    paragraph, heading = stack.children
    assert paragraph.kind == "text" and len(paragraph.lines) == 3
    assert heading.role.startswith("h") and paragraph.role == "p"
    box = css_box(paragraph)
    widest = max(fonts.advance("sans", 400, t, 16) for t in texts)
    with_next = fonts.advance("sans", 400, texts[0] + " dog", 16)
    assert widest < box.w < with_next  # wraps exactly where the screenshot did
    assert paragraph.info["lh"] == 24


def test_panels_nest_and_the_page_plan_uses_flow_layout():
    header = Region(Box(0, 0, 1280, 80), (20, 40, 80))
    lines = [line("Brand", 40, 50, colour=(255, 255, 255)), line("About", 1100, 50,
                                                                  colour=(255, 255, 255)),
             line("Welcome to the page", 40, 200, size=32, weight=700)]
    rule = Graphic(Box(40, 260, 1240, 262), "rule", (200, 200, 200))
    root = build_layout(1280, 400, (255, 255, 255), [header], [rule], lines)
    merge_paragraphs(root)
    assign_roles(root, 1280)
    plan = plan_page(root, 1280, 400)
    header, main = plan.root.children
    assert header.tag == "header" and header.look["background"] == "#142850"
    assert main.tag == "main" and [el.tag for el in main.children] == ["h1", "hr"]
    assert main.geom["margin-top"]  # the gap below the header moved onto <main>
    assert all("position" not in el.geom for el in [header, main, *main.children])


def test_judge_cut_flags_runs_of_near_identical_rules():
    rules = "".join(f"#e{i}{{position:absolute;left:{i * 7}px;top:{i * 13}px;color:#333}}\n"
                    for i in range(60))
    assert judge_cut(f"<style>{rules}</style><p>hello</p>") is not None
    import random

    words = ("harbour lantern quietly orbit maple seventeen copper velvet distant marble "
             "whisper jungle crimson pocket thunder gentle saddle ribbon glacier puzzle").split()
    rng = random.Random(4)
    varied = " ".join(rng.choice(words) for _ in range(300))
    assert judge_cut(f"<p>{varied}</p>") is None
