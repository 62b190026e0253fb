"""Surfaces and icons on a designed page: real Chromium screenshot, real OCR, the builtin engine.

A small made-up page holds what designed pages are made of: a gradient band with a headline, a
white card lifted by a shadow with rounded corners and a pill button, a card told apart only by
its border with an outlined button, and two marks in outlined circles beside their labels. The
generated page must keep each as a surface (gradient, shadow, radius, border) or one picture.
"""

from __future__ import annotations

import io
from dataclasses import replace
import re

import numpy as np
import pytest
from PIL import Image

from web_composer.backends.base import get_backend
from web_composer.jobs import GenerationRequest
from web_composer.render import render_html
from web_composer.vision.emit.palette import inline_variables
from web_composer.vision.icons import drop_icon_words
from web_composer.vision.surfaces import box_shadow, corner_radius, css_gradient

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#222;background:#eef1f4}
.band{background:linear-gradient(90deg,#2937f0,#9f1ae2);color:#fff;padding:40px 0;text-align:center;font-size:30px;font-weight:bold}
main{width:900px;margin:40px auto}
.cards{display:flex;gap:40px;align-items:flex-start}
.card{width:400px;background:#fff;border-radius:12px;box-shadow:0 6px 16px rgba(0,0,0,.3);padding:28px;box-sizing:border-box}
.plain{width:400px;background:#eef1f4;border:2px solid #5a6570;border-radius:8px;padding:28px;box-sizing:border-box}
h2{font-size:24px;margin:0 0 14px}
p{font-size:17px;line-height:26px;margin:0 0 20px}
.pill{display:inline-block;background:#d6336c;color:#fff;border-radius:999px;padding:12px 30px;font-size:17px}
.outline{display:inline-block;border:2px solid #1c7ed6;color:#1c7ed6;border-radius:6px;padding:10px 26px;font-size:17px}
.social{display:flex;gap:60px;margin-top:50px;align-items:center}
.item{display:flex;align-items:center;gap:16px;font-size:20px}
.ring{width:56px;height:56px;border:2px solid #222;border-radius:50%;display:flex;align-items:center;justify-content:center;box-sizing:border-box}
</style></head><body>
<div class="band">Made for people who build things</div>
<main><div class="cards">
<div class="card"><h2>Shadowed card</h2><p>A white card lifted off the grey page by a soft shadow under its rounded corners.</p><span class="pill">Get started</span></div>
<div class="plain"><h2>Outlined card</h2><p>The same grey as the page inside, told apart only by its dark border line.</p><span class="outline">Learn more</span></div>
</div>
<div class="social">
<div class="item"><div class="ring"><svg width="28" height="28" viewBox="0 0 24 24"><path d="M12 2l3 7h7l-5.5 4.5 2 7.5-6.5-4.5-6.5 4.5 2-7.5L2 9h7z" fill="#222"/></svg></div>Favourites</div>
<div class="item"><div class="ring"><svg width="26" height="26" viewBox="0 0 24 24"><path d="M3 12h18M12 3v18" stroke="#222" stroke-width="4"/></svg></div>Add more</div>
</div></main></body></html>"""


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("surfaces")
    screenshot = render_html(PAGE, folder).image()
    request = GenerationRequest(task="screenshot", images=[screenshot], stack="css", options={})
    generation = get_backend("builtin").generate(request)
    # the stylesheet names its colours in :root; the checks below read them as colours
    return replace(generation, html=inline_variables(generation.html)), screenshot


def _rules(html: str) -> dict[str, str]:
    """Class name -> declarations of the generated stylesheet."""
    return dict(re.findall(r"\.([\w-]+)\{([^}]*)\}", html))


def _class_with(html: str, text: str) -> str:
    """The declarations of the panel holding ``text`` (the nearest panel opened before it)."""
    before = html[:html.index(text)]
    name = re.findall(r'class="panel ([\w-]+)[^"]*"', before)[-1]
    return _rules(html)[name]


def test_shadowed_card_keeps_shadow_and_radius(made):
    generation, _ = made
    look = _class_with(generation.html, "Shadowed card")
    assert "background:#fff" in look
    shadow = re.search(r"box-shadow:0 (\d+)px (\d+)px rgba\(0,0,0,([\d.]+)\)", look)
    assert shadow, look
    offset, blur, alpha = int(shadow[1]), int(shadow[2]), float(shadow[3])
    assert 3 <= offset <= 9 and 8 <= blur <= 28 and 0.15 <= alpha <= 0.45, look
    radius = int(re.search(r"border-radius:(\d+)px", look)[1])
    assert 8 <= radius <= 16


def test_outlined_card_and_button_keep_their_border(made):
    generation, _ = made
    card = _class_with(generation.html, "Outlined card")
    assert re.search(r"border:2px solid #5a6570", card), card
    assert "box-shadow" not in card
    html = generation.html
    assert re.search(r'<button class="panel [\w -]+"[^>]*>\s*<span[^>]*>Learn more', html)
    button = _class_with(html, "Learn more")
    assert re.search(r"border:[12]px solid #1c7ed6", button) and "border-radius" in button
    assert 'placeholder="Learn more"' not in html  # a button, not a text field


def test_pill_button_is_round_ended(made):
    generation, _ = made
    look = _class_with(generation.html, "Get started")
    assert "background:#d6336c" in look
    assert int(re.search(r"border-radius:(\d+)px", look)[1]) >= 18  # half its 44 px height


def test_gradient_band_is_a_css_gradient(made):
    generation, _ = made
    gradient = re.search(r"linear-gradient\((\d+)deg,#([0-9a-f]{6}),#([0-9a-f]{6})\)",
                         generation.html)
    assert gradient, "no CSS gradient"
    assert 80 <= int(gradient[1]) <= 100  # left to right
    end = bytes.fromhex(gradient[3])
    assert abs(end[0] - 0x9f) <= 16 and abs(end[2] - 0xe2) <= 16


def test_icons_on_rings_are_one_picture_beside_their_label(made):
    generation, screenshot = made
    html = generation.html
    for label in ("Favourites", "Add more"):
        assert label in html
    assert "(x)" not in html and "(+)" not in html  # the marks are not read as letters
    icons = []
    for name, data in generation.assets.items():
        image = Image.open(io.BytesIO(data))
        if 48 <= image.size[0] <= 64 and 48 <= image.size[1] <= 64:
            icons.append(np.asarray(image.convert("L")))
    assert len(icons) == 2  # ring and mark together, once each
    for icon in icons:
        h, w = icon.shape
        assert icon[h // 2, w // 2] < 100 and icon[h // 2, 1] < 140  # the mark and its ring
    # each icon sits on its label's line, to its left
    for name in re.findall(r'src="assets/([^"]+)" alt="" width="5\d"', html):
        after = html[html.index(name):]
        assert re.search(r"Favourites|Add more", after[:400])


def test_measures_on_arrays():
    """The measurements on their own, on drawn pixels: a plain square corner has no radius, a
    flat crop is no gradient, a panel on a flat ground has no shadow."""
    img = np.full((120, 200, 3), 240, np.uint8)
    img[30:90, 40:160] = 255
    from web_composer.vision.elements import Box

    assert corner_radius(img, Box(40, 30, 160, 90), (240, 240, 240), (255, 255, 255)) == 0
    assert box_shadow(img, Box(40, 30, 160, 90), (240, 240, 240)) is None
    assert css_gradient(img[30:90, 40:160]) is None
    ramp = np.repeat(np.linspace(0, 200, 100)[None, :, None], 40, axis=0).repeat(3, axis=2)
    assert css_gradient(ramp.astype(np.uint8)).startswith("linear-gradient(90deg,#000000")


def test_tight_corners_of_form_fields_are_not_pills():
    """A textarea's 1 px border on a 2 px corner, on a grey panel: the diagonal steps from the
    ground straight into the white fill. Inset fields (dark above and left, light below and
    right) read from their true corner. Neither is a pill; a small button stays one."""
    from web_composer.vision.elements import Box

    page = ("<body style='margin:0;background:#f0f0f0'>"
            "<div style='position:absolute;left:40px;top:40px;width:600px;height:90px;"
            "background:#fff;border:1px solid #767676;border-radius:2px'></div>"
            "<div style='position:absolute;left:40px;top:200px;width:300px;height:21px;"
            "background:#fff;border:2px inset #999'></div>"
            "<div style='position:absolute;left:40px;top:300px;width:120px;height:30px;"
            "background:#1d3557;border-radius:15px'></div></body>")
    img = np.asarray(render_html(page).image())
    ground, white = (240, 240, 240), (255, 255, 255)
    area = corner_radius(img, Box(40, 40, 642, 132), ground, (118, 118, 118), white)
    field = corner_radius(img, Box(40, 200, 344, 225), ground, tuple(int(v) for v in img[200, 100]),
                          white)
    pill = corner_radius(img, Box(40, 300, 160, 330), ground, (29, 53, 87), (29, 53, 87))
    assert area <= 8 and field <= 4 and pill == 15, (area, field, pill)  # not 46 and 12


def test_icon_words_leave_the_line():
    class Line:
        def __init__(self, text, box, words):
            self.text, self.box, self.score, self.words = text, box, 0.9, words

    line = Line("(x) Favourites (+) Add more", (186, 418, 573, 482),
                [("(x)", (186, 418, 250, 482)), ("Favourites", (263, 438, 355, 467)),
                 ("(+)", (411, 418, 475, 482)), ("Add", (488, 442, 522, 457)),
                 ("more", (530, 446, 573, 457))])
    plain = Line("a cat & a dog", (0, 0, 120, 16),
                 [("a", (0, 4, 9, 16)), ("cat", (14, 0, 40, 16)), ("&", (45, 0, 56, 16)),
                  ("a", (60, 4, 69, 16)), ("dog", (74, 0, 100, 16))])
    columns = Line("Clark, MO 65243 Bootstrap theme", (185, 3151, 1019, 3170),
                   [("Clark,", (185, 3151, 235, 3169)), ("MO", (244, 3152, 273, 3166)),
                    ("65243", (281, 3152, 335, 3166)), ("Bootstrap", (875, 3152, 958, 3170)),
                    ("theme", (965, 3151, 1019, 3166))])
    out = drop_icon_words([line, plain, columns])
    assert [l.text for l in out] == ["Favourites", "Add more", "a cat & a dog",
                                     "Clark, MO 65243", "Bootstrap theme"]
    assert out[0].box == (263, 438, 355, 467)
    assert out[3].box == (185, 3151, 335, 3169)  # read across two columns: one line each


BAR_AND_CARD = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#212529;background:#fff}
.bar{height:56px;background:#212529;display:flex;align-items:center;justify-content:flex-end;padding-right:60px}
.bar input{width:220px;height:38px;box-sizing:border-box;border:1px solid #ced4da;border-radius:6px 0 0 6px;font-size:16px;padding:0 12px}
.bar button{width:48px;height:38px;margin-left:-1px;background:#0d6efd;border:1px solid #0d6efd;border-radius:0 6px 6px 0;color:#fff;font-size:16px}
.card{width:480px;margin:40px;border:1px solid #dfdfdf;border-radius:6px}
.card .head{background:#f7f7f7;border-bottom:1px solid #dfdfdf;padding:10px 16px;font-size:16px}
.card .body{height:120px;padding:16px}
</style></head><body>
<div class="bar"><input placeholder="Search for..."><button>Go</button></div>
<div class="card"><div class="head">Area Chart Example</div><div class="body">Sales rose in May.</div></div>
</body></html>"""


def test_an_input_with_its_button_and_a_cards_header_strip_are_panels_of_their_own():
    """A field and the button joined to it meet along a border (their boxes share a pixel):
    both are kept, the field white, not one button-coloured box with the field's text on it.
    A card's header strip a few levels off white is a panel, though only a line of text high."""
    from web_composer.vision.ocr import ocr_lines
    from web_composer.vision.segmentation import segment
    from web_composer.vision.elements import Box

    shot = render_html(BAR_AND_CARD).image()
    rgb = np.asarray(shot.convert("RGB"))
    seg = segment(rgb, [Box(*line.box) for line in ocr_lines(shot)])
    in_bar = [r for r in seg.regions if r.box.y1 <= 56 and r.box.w < 600]
    white = [r for r in in_bar if min(r.color) > 240 and r.box.w >= 200]
    assert white, [(r.box, r.color) for r in in_bar]
    button = [g.box for g in seg.graphics if g.box.y1 <= 56] + [
        r.box for r in in_bar if r.color[2] > 200 and r.color[0] < 60]
    assert button and all(b.w <= 52 for b in button), button  # the button's box only
    strips = [r for r in seg.regions if 20 <= r.box.h <= 50 and r.box.w >= 400
              and r.color is not None and 240 <= min(r.color) <= 250 and r.box.y0 >= 90]
    assert strips, [(r.box, r.color) for r in seg.regions]


def test_a_cards_header_strip_is_no_text_field_but_the_search_box_is():
    from bs4 import BeautifulSoup

    request = GenerationRequest(task="screenshot", images=[render_html(BAR_AND_CARD).image()],
                                stack="css")
    soup = BeautifulSoup(get_backend("builtin").generate(request).html, "html.parser")
    fields = [(f.get("placeholder") or f.get("value") or f.get_text()) for f in
              soup.find_all(["input", "textarea", "select"])]
    assert any("Search" in f for f in fields), fields
    assert not any("Chart" in f for f in fields), fields
    assert "Area Chart Example" in soup.get_text(" "), soup.get_text(" ")
