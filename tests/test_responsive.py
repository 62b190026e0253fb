"""Several screenshots, one responsive page (issue 20), with real Chromium and real OCR.

A small page with its own phone layout (nav links kept and smaller, the two columns stacked, a
"Menu" label only phones show, a desktop-only aside) is rendered at 1280 and 390 px; the built-in
engine turns both screenshots into one page, which is rendered again at both widths.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from web_composer.errors import InputError
from web_composer.render import RenderOptions, render_html
from web_composer.vision.engine import screenshot_to_page
from web_composer.vision.pagecheck import ssim
from web_composer.widths import css_width, split_width

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><style>
body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#222;background:#fff}
header{background:#264653;color:#fff;display:flex;justify-content:space-between;
align-items:center;padding:20px 140px}
.brand{font-size:28px;font-weight:bold}
nav a{color:#fff;font-size:17px;margin-left:40px;text-decoration:none}
.menu{display:none}
main{display:flex;gap:60px;padding:50px 140px}
.col{width:470px}
h1{font-size:42px;margin:0 0 20px}
p{font-size:18px;line-height:28px;margin:0 0 16px}
.aside{font-size:15px;color:#555}
.cta{display:inline-block;background:#e76f51;color:#fff;padding:12px 28px;font-size:17px}
footer{background:#e9c46a;padding:24px;text-align:center;font-size:15px}
@media (max-width:600px){
header{padding:14px 18px;flex-wrap:wrap}
.brand{font-size:22px}
nav{width:100%;margin-top:8px}
nav a{font-size:15px;margin:0 18px 0 0}
.menu{display:block;font-size:15px}
main{flex-direction:column;gap:24px;padding:28px 18px}
.col{width:auto}
h1{font-size:30px}
p{font-size:16px;line-height:24px}
.aside{display:none}
}
</style></head><body>
<header><div class="brand">Tidewater Kayaks</div><div class="menu">Menu</div>
<nav><a>Tours</a><a>Rentals</a><a>Lessons</a><a>Contact</a></nav></header>
<main><div class="col"><h1>Paddle the quiet coast</h1>
<p>Guided trips leave the boathouse every morning at eight and return before lunch, with
stops at the seal colony and the old lighthouse.</p>
<span class="cta">Book a tour</span></div>
<div class="col"><p>Rentals come with a dry bag, a map of the sheltered bays and a phone number
that is answered all day.</p>
<p class="aside">Members save a fifth on every rental from May to September.</p></div></main>
<footer>Tidewater Kayaks, Harbour Road 4. Open from April to October.</footer>
</body></html>"""

VISIBLE = "() => ({text: document.body.innerText, scroll: document.documentElement.scrollWidth})"


# --- widths ----------------------------------------------------------------------------------

def test_an_image_argument_may_name_its_css_width(tmp_path: Path):
    assert split_width("phone.png@390") == (Path("phone.png"), 390)
    assert split_width("shots/desk.png") == (Path("shots/desk.png"), None)
    assert split_width("shot@2x.png") == (Path("shot@2x.png"), None)  # '@' inside a name
    odd = tmp_path / "odd@390"
    odd.write_bytes(b"")
    assert split_width(str(odd)) == (odd, None)  # an existing file of that name wins
    for bad in ("phone.png@39o", "phone.png@", "phone.png@50", "phone.png@99999"):
        with pytest.raises(InputError, match="IMAGE@WIDTH"):
            split_width(bad)
    assert css_width(1170, 390, None) == 390
    assert css_width(2560, None, 2) == 1280
    assert css_width(1280, None, None) is None


def test_a_bad_width_suffix_exits_2_with_one_line(cli, tmp_path: Path):
    result = cli(["screenshot", tmp_path / "phone.png@wide", "-o", tmp_path / "out"])
    assert result.exit_code == 2
    assert "IMAGE@WIDTH" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


# --- one page from two screenshots ----------------------------------------------------------

@pytest.fixture(scope="module")
def shots() -> dict[int, Image.Image]:
    return {w: render_html(PAGE, None, RenderOptions(width=w, height=700)).image()
            for w in (1280, 390)}


@pytest.fixture(scope="module")
def made(shots, tmp_path_factory) -> dict[str, Path]:
    """The engine's pages from both screenshots (the phone one at twice its pixels, width given
    explicitly) and from the desktop one alone."""
    out = {}
    phone = shots[390]
    retina = phone.resize((phone.width * 2, phone.height * 2), Image.LANCZOS)
    for name, images, widths in (("both", [retina, shots[1280]], [390, None]),
                                 ("desktop", [shots[1280]], None)):
        result = screenshot_to_page(images, stack="css", widths=widths)
        folder = tmp_path_factory.mktemp(name)
        for asset, data in result.assets.items():
            (folder / "assets").mkdir(exist_ok=True)
            (folder / "assets" / asset).write_bytes(data)
        (folder / "index.html").write_text(result.html)
        out[name] = folder
        if name == "both":
            assert result.info["widths"] == [390, 1280]
            assert result.info["width"] == 1280 and result.info["breakpoints"] == [390]
    return out


def _render(folder: Path, width: int):
    return render_html((folder / "index.html").read_text(), folder,
                       RenderOptions(width=width, height=700, evaluate=VISIBLE))


def test_the_phone_screenshot_drives_the_phone_layout(made, shots):
    both, alone = _render(made["both"], 390), _render(made["desktop"], 390)
    score, before = ssim(both.image(), shots[390]), ssim(alone.image(), shots[390])
    assert score >= 0.8 and score > before + 0.1, (score, before)
    text = both.data["text"]
    for words in ("Tours", "Contact", "Menu", "Book a tour", "Guided trips"):
        assert words in text  # nav links kept, the phone-only label shown
    assert "Members save" not in text  # the desktop-only aside hidden
    assert both.data["scroll"] <= 390


def test_the_desktop_layout_is_what_the_desktop_screenshot_alone_gives(made):
    both, alone = _render(made["both"], 1280), _render(made["desktop"], 1280)
    assert "Menu" not in both.data["text"] and "Members save" in both.data["text"]
    assert ssim(both.image(), alone.image()) >= 0.99
    html = (made["both"] / "index.html").read_text()
    # one rule per job and width, the numbers on the elements
    assert html.count("[style*=\"--at390-row\"]") == 1
    assert html.count("--at390-row:") >= 8


# --- the pipeline: scores, refinement and report at every width ------------------------------

def test_the_cli_scores_and_reports_every_width(cli, shots, tmp_path: Path):
    import json

    shots[1280].save(tmp_path / "desk.png")
    phone = shots[390]
    phone.resize((phone.width * 2, phone.height * 2), Image.LANCZOS).save(tmp_path / "phone.png")
    out = tmp_path / "out"
    result = cli(["screenshot", tmp_path / "phone.png@390", tmp_path / "desk.png", "-o", out,
                  "--stack", "css", "--refine", "1"])
    assert result.exit_code == 0, result.stderr
    assert "at 390 px: four" in result.stdout
    report = json.loads((out / "report.json").read_text())
    by_width = report["scores"]["by_width"]
    assert set(by_width) == {"1280", "390"}
    assert by_width["390"]["ssim"] >= 0.8 and by_width["390"]["four"] > 0.5
    assert report["render"]["width"] == 1280  # the widest screenshot is the base layout
    for name in ("render-390.png", "target.png", "target-390.png"):
        assert (out / name).is_file(), name
    html = (out / "report.html").read_text()
    assert "render, 390 px" in html and "target-390.png" in html
    # a revision is kept only when no width got worse
    iterations = report["refinement"]["iterations"]
    best = iterations[report["refinement"]["best"]]["metrics"]["by_width"]
    for it in iterations:
        for width, at in it["metrics"]["by_width"].items():
            assert best[width]["ssim"] >= at["ssim"] or it is iterations[0]


def test_better_refuses_a_revision_that_is_worse_at_any_width():
    from web_composer.refine import Evaluation, better

    def ev(visual, phone):
        return Evaluation(0.5, {}, [], None, guard=0.9, visual=visual,
                          widths={1280: (0.9, visual), 390: (0.9, phone)})

    assert better(ev(0.80, 0.90), ev(0.70, 0.90))
    assert not better(ev(0.80, 0.85), ev(0.70, 0.90))  # the phone layout got worse
    assert not better(ev(0.60, 0.95), ev(0.70, 0.90))


def test_model_prompts_send_every_screenshot_with_its_width():
    from web_composer.jobs import GenerationRequest
    from web_composer.prompts import build_messages, message_text, revise_messages

    desk, phone = Image.new("RGB", (1280, 900), "white"), Image.new("RGB", (1170, 2400), "white")
    request = GenerationRequest(task="screenshot", images=[desk, phone],
                                options={"widths": [None, 390]})
    chat = build_messages(request)
    assert [p["type"] for p in chat[1]["content"]] == ["image", "image", "text"]
    text = message_text(chat[1:])
    assert "1280 px wide (1280×900 px)" in text and "390 px wide (1170×2400 px)" in text
    ixc = message_text(build_messages(request, "ixc"))
    assert "at 1280 px, 390 px wide" in ixc
    revise = message_text(revise_messages([desk, phone], None, "<p>x</p>", widths=[1280, 390]))
    assert "(1280 px, 390 px wide)" in revise


# --- the narrow screenshot's own panels and heights -----------------------------------------

CARDS = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><style>
body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#222;background:#fff}
.wrap{display:flex;gap:40px;padding:40px 120px}
.card{width:480px}
h2{font-size:30px;margin:0 0 12px}
p{font-size:18px;line-height:28px;margin:0}
footer{padding:30px 120px;font-size:16px;color:#444}
@media (max-width:600px){
.wrap{flex-direction:column;gap:20px;padding:20px 16px}
.card{width:auto;background:#f2dcc8;border:2px solid #8a5a44;border-radius:8px;padding:18px}
h2{font-size:24px}
p{font-size:16px;line-height:26px}
footer{padding:24px 16px}
}
</style></head><body>
<div class="wrap"><div class="card"><h2>Harbour walks</h2><p>Every Saturday a guide takes a small
group along the old quay, past the fish market and the lifeboat station, and back by the
lighthouse lane.</p></div>
<div class="card"><h2>Island ferries</h2><p>Boats leave the south pier every hour from seven in
the morning; tickets are sold on board and bicycles travel free.</p></div></div>
<footer id="end">Quayside Visitor Centre, open daily.</footer>
</body></html>"""

FOOTER = """() => {  // where the footer's words are drawn (the text, not its box's padding)
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    if (walk.currentNode.textContent.includes('Visitor Centre')) {
      const range = document.createRange(); range.selectNodeContents(walk.currentNode);
      return range.getBoundingClientRect().top;
    }
  }
  return -1000;
}"""


@pytest.fixture(scope="module")
def cards(tmp_path_factory) -> dict:
    """The card page at 1280 and 390, the engine's page from both, its renders at both."""
    refs = {w: render_html(CARDS, None, RenderOptions(width=w, height=600, evaluate=FOOTER))
            for w in (1280, 390)}
    result = screenshot_to_page([refs[1280].image(), refs[390].image()], stack="css", scale=1)
    folder = tmp_path_factory.mktemp("cards")
    (folder / "assets").mkdir()
    for asset, data in result.assets.items():
        (folder / "assets" / asset).write_bytes(data)
    html = result.html
    ours = {w: render_html(html, folder, RenderOptions(width=w, height=600, evaluate=FOOTER))
            for w in (1280, 390)}
    return {"refs": refs, "ours": ours, "html": html, "folder": folder}


def test_the_phone_screenshots_cards_are_drawn_at_its_width_only(cards):
    """The cards exist only in the phone layout: the wide page's containers step aside there,
    so their colour and border must come from the phone screenshot's own panels."""
    import numpy as np

    ref, ours = (np.asarray(cards[k][390].image().convert("RGB")).astype(int)
                 for k in ("refs", "ours"))
    card = np.array([0xF2, 0xDC, 0xC8])
    # columns inside the card but right of the text, over the height of the first card
    rows = np.where(np.abs(ref[:, 40] - card).sum(axis=1) < 12)[0]
    assert len(rows) > 100, "the reference has no card at 390"
    top, bottom = rows.min(), rows.max()
    inside = ours[top + 4:bottom - 4, 24:30]
    share = (np.abs(inside - card).sum(axis=2) < 24).mean()
    assert share > 0.9, share
    # drawn as a card, not as a band across the page: white beside it, its border at its edge
    assert (np.abs(ours[top + 4:bottom - 4, 4:8] - 255).sum(axis=2) < 24).mean() > 0.9
    border = np.array([0x8A, 0x5A, 0x44])
    edge = ours[top + 10:bottom - 10, 12:22]
    assert (np.abs(edge - border).sum(axis=2) < 60).any(axis=1).mean() > 0.9
    wide = np.asarray(cards["ours"][1280].image().convert("RGB")).astype(int)
    assert (np.abs(wide - card).sum(axis=2) < 24).mean() < 0.01  # no card on the desktop page
    assert ssim(cards["ours"][390].image(), cards["refs"][390].image()) >= 0.85


def test_rows_keep_their_measured_heights_down_the_phone_page(cards, tmp_path: Path):
    """A line the browser sets longer than the screenshot did (here: wider word spacing, as
    another font would) must not move what follows: the footer stays where the phone
    screenshot has it, because rows are as tall as measured."""
    want = cards["refs"][390].data
    assert abs(cards["ours"][390].data - want) <= 6, (cards["ours"][390].data, want)
    wider = cards["html"].replace("</head>", "<style>p{word-spacing:9px}</style></head>")
    (tmp_path / "assets").symlink_to(cards["folder"] / "assets")
    got = render_html(wider, tmp_path, RenderOptions(width=390, height=600, evaluate=FOOTER)).data
    assert abs(got - want) <= 6, (got, want)


# --- the third pass: pieces that lie together, boxes placed whole, centred lines, links ------

def _text(words: str, box: tuple, size: int = 16, tag: str = "p", **kw):
    from web_composer.vision.emit.model import Element

    return Element(tag, "text", "text", parts=[words], box=box,
                   look={"font-size": f"{size}px", "line-height": f"{round(size * 1.4)}px"}, **kw)


def _analysis(root, width: int, height: int):
    from types import SimpleNamespace

    from web_composer.vision.emit.model import Plan

    return SimpleNamespace(plan=Plan(root=root, width=width), width=width, height=height)


@pytest.fixture(scope="module")
def orchard():
    """Two analyses as the engine would measure them (built by hand, so each case is exact):
    a banner whose button sits 1000 px from the left at 1280, a sentence the phone read as
    three centred lines, and a stray "a" (a letter read in an icon) far below a sentence that
    has the word. Merged, written and rendered at 390 and 768 px."""
    from web_composer.vision.emit.model import Element
    from web_composer.vision.engine import _emit
    from web_composer.vision.responsive import merge_breakpoints

    banner = Element("section", "panel", "box", look={"background": "#2a4d69"},
                     box=(0, 160, 1280, 300), geom={"min-height": "140px"}, children=[
        _text("Cider tasting days", (120, 210, 420, 250), 30, "h2", geom={"margin-left": "120px"}),
        Element("button", "panel", "button", look={"background": "#f4a259"},
                box=(1000, 205, 1160, 255), geom={"width": "160px", "margin-left": "1000px"},
                children=[_text("SEE DATES", (1030, 220, 1130, 240))])])
    wide = Element("div", "page", "page", children=[
        _text("Northwind Orchards", (120, 30, 420, 70), 34, "h1"),
        _text("Pick your own apples from the old trees on the hill every weekend",
              (120, 100, 1100, 124)),
        banner,
        _text("Open from May to October, a short walk from the station", (120, 400, 700, 424))])
    narrow = Element("div", "page", "page", children=[
        _text("Northwind Orchards", (16, 20, 260, 50), 26, "h1"),
        _text("Pick your own apples from the", (60, 80, 330, 102)),
        _text("old trees on the hill every", (75, 104, 315, 126)),
        _text("weekend", (160, 128, 230, 150)),
        Element("section", "panel", "box", look={"background": "#2a4d69"},
                box=(0, 170, 390, 330), children=[
            _text("Cider tasting days", (60, 190, 330, 220), 24, "h2"),
            _text("SEE DATES", (140, 260, 250, 280))]),
        _text("Open from May to October, a short walk from the station", (16, 360, 374, 405)),
        _text("a", (16, 760, 28, 776))])
    main = _analysis(wide, 1280, 460)
    assert merge_breakpoints(main.plan, [_analysis(narrow, 390, 800)]) == []
    html, _ = _emit(main.plan, "css", "Orchard")
    probe = """() => ({scroll: document.documentElement.scrollWidth,
      align: getComputedStyle(document.querySelector('p')).textAlign,
      open: [...document.querySelectorAll('p')].pop().getBoundingClientRect().height})"""
    return {w: render_html(html, None, RenderOptions(width=w, height=600, evaluate=probe)).data
            for w in (390, 768)}


def test_what_a_box_placed_whole_holds_stays_inside_it(orchard):
    """The banner is placed whole at 390 px: its button gives up its 1000 px margin there
    (it made the page 1160 px wide at 390 and 768)."""
    assert orchard[390]["scroll"] <= 390 and orchard[768]["scroll"] <= 768, orchard


def test_lines_read_apart_but_sharing_their_middle_are_centred(orchard):
    assert orchard[390]["align"] == "center"


def test_a_stray_word_far_below_does_not_stretch_a_text(orchard):
    """The "a" 350 px below the sentence is one of its words, but no piece of it."""
    assert orchard[390]["open"] <= 60, orchard[390]


def test_a_link_inside_a_link_keeps_its_words_in_their_element(tmp_path: Path):
    """HTML cannot nest links: the parser closes the outer one where the inner opens, and the
    words after it fall out (in the phone grid: items no rule places, one pixel wide)."""
    from web_composer.vision.emit.model import Element, Plan
    from web_composer.vision.engine import _emit

    inner = Element("a", "inline", "", parts=["file."], attrs={"href": "#"})
    line = Element("a", "text", "link", parts=["Styles are in half-slider.css ", inner, " here"],
                   attrs={"href": "#", "id": "line"}, look={"font-size": "16px"})
    html, _ = _emit(Plan(root=Element("div", "page", "page", children=[line])), "css", "Links")
    probe = "() => document.getElementById('line').innerText"
    text = render_html(html, None, RenderOptions(width=1280, height=200, evaluate=probe)).data
    assert "file." in text and "here" in text, text


def _merged(wide_texts: list, narrow_texts: list):
    """Merge hand-built analyses (texts only) at 1280 and 390; returns the wide page's plan."""
    from web_composer.vision.emit.model import Element
    from web_composer.vision.responsive import merge_breakpoints

    wide = Element("div", "page", "page", children=wide_texts)
    narrow = Element("div", "page", "page", children=narrow_texts)
    plan = _analysis(wide, 1280, 600).plan
    merge_breakpoints(plan, [_analysis(narrow, 390, 900)])
    return plan


def test_a_first_line_read_apart_shares_the_narrow_paragraph():
    """The wide screenshot read a paragraph's first line as two texts of its own, the narrow
    one the whole paragraph as one block: the first line must not be hidden at 390."""
    first = _text("Schueller", (160, 1006, 285, 1030), 21)
    rest_of_line = _text("de Waal stages their Spring Summer collection", (286, 1006, 1120, 1030), 21)
    story = ("around being normal: the performance moved through the city and its people, from "
             "the station square to the harbour, with dancers wearing every piece of the "
             "collection while the audience followed them on foot")
    body = _text(story, (160, 1034, 1120, 1130), 21)
    _merged([first, rest_of_line, body], [_text(
        "Schueller de Waal stages their Spring Summer collection " + story, (10, 834, 381, 1102))])
    for el in (first, rest_of_line, body):
        assert el.media[390].get("display") != "none", el.parts
        assert "row" in el.media[390]
    assert int(first.media[390]["row"]) <= int(body.media[390]["row"])  # in reading order


def test_a_garbled_piece_inside_a_placed_text_is_not_drawn_again():
    """The narrow reading split a low-contrast paragraph into pieces, one too garbled to
    match ("grays scale is op"): it lies inside the placed paragraph's box, so it is no text
    of its own (drawn again it would overprint the paragraph)."""
    paragraph = _text("Grayscale is open source and MIT licensed so use it for any project",
                      (400, 1600, 880, 1660))
    garbled = _text("grays scale is op", (58, 1667, 183, 1684))
    root = _merged([paragraph], [
        garbled, _text("urce and MIT", (227, 1666, 334, 1684)),
        _text("licensed so use it for any project", (54, 1685, 334, 1733))])
    assert "row" in paragraph.media[390]
    assert garbled not in root.root.children  # not added as a narrow-only text


def test_a_text_takes_the_phone_screenshots_colour_where_it_plainly_differs():
    """A nav bar light over the desktop's photo is solid white on phones, its brand dark."""
    from web_composer.vision.engine import _emit

    brand = _text("Start Bootstrap", (40, 20, 200, 44), 18, attrs={"id": "brand"})
    brand.look["color"] = "#c7c7c7"
    near = _text("Launch your app today", (40, 80, 400, 104), 16)
    near.look["color"] = "#333333"
    phone = [_text("Start Bootstrap", (20, 20, 180, 44), 18), _text("Launch your app today",
                                                                    (20, 70, 300, 94), 16)]
    phone[0].look["color"], phone[1].look["color"] = "#000", "#3a3a3a"
    plan = _merged([brand, near], phone)
    assert brand.media[390].get("color") == "#000"
    assert "color" not in near.media[390]  # a few units apart: a reading's noise, kept
    html, _ = _emit(plan, "css", "Colours")
    probe = "() => getComputedStyle(document.getElementById('brand')).color"
    got = {w: render_html(html, None, RenderOptions(width=w, height=200, evaluate=probe)).data
           for w in (390, 1280)}
    assert got == {390: "rgb(0, 0, 0)", 1280: "rgb(199, 199, 199)"}, got


def test_a_left_paragraph_stays_left_though_one_full_line_looks_centred():
    """Read line by line at 390, a left-aligned paragraph's longest line spans the column
    with even margins (its own analysis calls it centred); the lines share their left edge,
    not their right one, so the paragraph is set left."""
    paragraph = _text("I received my PhD from Purdue where I worked closely with the professors "
                      "Hu and Midkiff and earned my degree from Kanpur", (300, 478, 1000, 520))
    lines = [_text("I received my PhD from Purdue where", (25, 478, 300, 496)),
             _text("I worked closely with the professors Hu and Midkiff and", (16, 502, 374, 520),
                   geom={"text-align": "center"}),
             _text("earned my degree from Kanpur", (15, 524, 240, 544))]
    _merged([paragraph], lines)
    assert paragraph.media[390].get("align", "left") == "left", paragraph.media[390]


def test_a_message_box_is_placed_by_its_placeholder():
    """A <textarea> holds no text of its own (its parts are empty, not None): it is found at
    390 by its placeholder like an <input>, not hidden there (13504's contact form)."""
    from web_composer.vision.emit.model import Element

    def box(y0, y1, x0, x1):
        return Element("textarea", "field", "field", parts=[], attrs={"placeholder": "Message"},
                       box=(x0, y0, x1, y1))

    wide = box(1661, 1816, 84, 616)
    _merged([wide], [box(1356, 1528, 24, 366)])
    assert wide.media[390].get("display") != "none" and "row" in wide.media[390], wide.media


# --- the fourth pass: every word a width's screenshot shows is text at that width ------------

def _texts_at(plan, widths=(390, 1280)) -> dict[int, str]:
    from web_composer.vision.engine import _emit

    html, _ = _emit(plan, "css", "Words")
    probe = "() => document.body.innerText"
    return {w: render_html(html, None, RenderOptions(width=w, height=300, evaluate=probe)).data
            for w in widths}


def test_a_text_the_phone_reads_more_fully_shows_its_phone_reading_there():
    """The desktop reading missed a button's second word and a paragraph's middle line, the
    phone reading has them: at 390 the phone reading is shown (once), at 1280 the page is what
    the desktop screenshot alone gives. A reading that differs only by a misread letter keeps
    the desktop reading."""
    from web_composer.vision.emit.model import Element, Plan
    from web_composer.vision.engine import _emit

    def wide():
        return [_text("View", (760, 40, 800, 58)),
                _text("A couple of years ago we planning to attend a retreat in Toronto",
                      (180, 100, 900, 124)),
                _text("Stop in today and fill your basket up", (180, 160, 700, 184))]

    narrow = [_text("View Project", (28, 30, 130, 48)),
              _text("A couple of years ago we planning to attend a retreat in Toronto held by "
                    "the Chopra Center", (16, 70, 374, 140)),
              _text("Stop in today and fill your vasket up", (16, 160, 374, 184))]
    plan = _merged(wide(), narrow)
    got = _texts_at(plan)
    alone, _ = _emit(Plan(root=Element("div", "page", "page", children=wide()), width=1280),
                     "css", "Words")
    want = render_html(alone, None, RenderOptions(width=1280, height=300,
                                                  evaluate="() => document.body.innerText")).data
    assert got[390].count("View Project") == 1 and got[390].count("View") == 1, got[390]
    assert got[390].count("Chopra Center") == 1 and got[390].count("couple") == 1, got[390]
    assert "basket" in got[390] and "vasket" not in got[390], got[390]
    assert got[1280] == want, (got[1280], want)


def test_a_text_shown_at_the_middle_width_alone_is_not_hidden_at_the_phone_width():
    """With three screenshots a text only the 768 px one read is added for 768 alone; the
    390 px screenshot shows it too, so it must be shown there, not hidden at both."""
    from web_composer.vision.emit.model import Element
    from web_composer.vision.responsive import merge_breakpoints

    root = Element("div", "page", "page", children=[_text("Harbour tours", (100, 40, 400, 80))])
    plan = _analysis(root, 1280, 300).plan
    middle = Element("div", "page", "page", children=[
        _text("Harbour tours", (40, 30, 300, 70)), _text("Menu", (600, 30, 660, 50))])
    phone = Element("div", "page", "page", children=[
        _text("Harbour tours", (16, 20, 260, 50)), _text("Menu", (320, 20, 374, 40))])
    merge_breakpoints(plan, [_analysis(middle, 768, 300), _analysis(phone, 390, 300)])
    got = _texts_at(plan, (390, 768, 1280))
    assert "Menu" in got[390] and "Menu" in got[768] and "Menu" not in got[1280], got


def test_a_text_the_phone_analysis_cut_out_as_a_picture_stays_text():
    """A small heading on a dark bar is read at 1280; at 390 its analysis took it for a
    picture. Beside the same matched text, with the same shape, the picture is that heading:
    the heading is placed there as text (not hidden at 390) and the picture is not added."""
    from web_composer.vision.emit.model import Element

    heading = _text("Privacy policy", (542, 662, 667, 683), 18)
    notice = "Cookies are used to optimise and continually improve the website"
    wide = [heading, _text(notice, (238, 688, 954, 702), 12)]
    picture = Element("img", "img", "picture", attrs={"src": "assets/crop.png", "alt": ""},
                      box=(124, 643, 206, 656))
    plan = _merged(wide, [picture, _text(notice, (29, 663, 307, 687), 10)])
    assert heading.media[390].get("display") != "none" and "row" in heading.media[390]
    assert picture not in plan.root.children
    got = _texts_at(plan)
    assert "Privacy policy" in got[390] and "Privacy policy" in got[1280], got
