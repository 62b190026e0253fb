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
