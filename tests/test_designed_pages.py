"""Designed pages: a hero photograph with text over it, as the built-in engine rebuilds it.

A landing page whose top is a full-width photograph (sky, mountains, trees made from noise so it
cannot pass for a flat panel) carrying a pale nav, a spaced-out white headline, a subtitle and a
button, then a plain section. The screenshot goes through the builtin backend in both stacks; the
result is rendered in Chromium and compared with the screenshot where people look first.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from web_composer.backends.base import get_backend
from web_composer.jobs import GenerationRequest
from web_composer.render import RenderOptions, render_file, render_html
from web_composer.vision.pagecheck import ssim

HERO = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font-family:Arial,Helvetica,sans-serif;background:#fff;color:#333}
.hero{height:560px;background:url(photo.png) center/cover;position:relative;text-align:center}
nav{display:flex;justify-content:space-between;padding:24px 110px;color:#e6e6e6;font-size:16px}
nav span{margin-left:40px}
h1{margin:120px 0 0;font-size:84px;letter-spacing:.25em;color:#fff;font-weight:normal}
.sub{color:#f2f2f2;font-size:20px;margin:16px 0 36px}
.go{display:inline-block;background:#3f8f8a;color:#fff;padding:16px 30px;font-size:14px}
section{max-width:760px;margin:60px auto;font-size:18px;line-height:28px}
</style></head><body>
<div class="hero"><nav><b>Northwind</b><div><span>About</span><span>Trips</span>
<span>Contact</span></div></nav>
<h1>LAKESIDE</h1><p class="sub">Quiet cabins by the water, a day from the city.</p>
<span class="go">BOOK A STAY</span></div>
<section><p>Every cabin has a stove, a canoe and a view of the lake. Walks start at the door,
and the nearest shop is a short ride away along the shore.</p></section>
</body></html>"""

COLOUR_JS = """() => {
  const hit = [...document.querySelectorAll('body *')].find(
    el => [...el.childNodes].some(n => n.nodeType === 3 && n.data.includes('LAKESIDE')));
  return hit ? getComputedStyle(hit).color : null;
}"""


def _photo(width: int = 1280, height: int = 560) -> Image.Image:
    """A grey landscape: a cloudy sky, two mountain ridges and a dark forest edge."""
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    noise = rng.normal(0, 1, (height // 40 + 1, width // 40 + 1)).astype(np.float32)
    clouds = np.asarray(Image.fromarray(noise).resize((width, height), Image.BICUBIC))
    clouds = clouds + 0.2 * rng.normal(0, 1, (height, width)).astype(np.float32)  # grain
    grey = 150 - 60 * y / height + 18 * clouds
    ridge = 260 + 60 * np.sin(x / 140.0) + 25 * np.sin(x / 37.0)
    grey = np.where(y > ridge, 70 - 20 * (y - ridge) / height + 8 * clouds, grey)
    forest = 430 + 30 * np.sin(x / 23.0) + 12 * rng.normal(0, 1, width)
    grey = np.where(y > forest, 25 + 6 * clouds, grey)
    rgb = np.clip(np.stack([grey, grey + 3, grey + 6], axis=2), 0, 255).astype(np.uint8)
    return Image.fromarray(rgb)


@pytest.fixture(scope="module")
def screenshot(tmp_path_factory) -> Image.Image:
    folder = tmp_path_factory.mktemp("hero")
    _photo().save(folder / "photo.png")
    return render_html(HERO, folder).image()


def _page(screenshot: Image.Image, stack: str, folder: Path) -> tuple[str, Path]:
    request = GenerationRequest(task="screenshot", images=[screenshot], stack=stack)
    generation = get_backend("builtin").generate(request)
    (folder / "assets").mkdir(parents=True)
    for name, data in generation.assets.items():
        (folder / "assets" / name).write_bytes(data)
    (folder / "index.html").write_text(generation.html)
    return generation.html, folder / "index.html"


def _text(html: str) -> str:
    from bs4 import BeautifulSoup

    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


@pytest.mark.parametrize("stack", ["css", "tailwind"])
def test_a_hero_photograph_stays_a_picture_with_real_text_over_it(screenshot, stack, tmp_path):
    html, page = _page(screenshot, stack, tmp_path)
    text = _text(html)
    for words in ("Northwind", "About", "Trips", "Contact", "LAKESIDE", "BOOK A STAY",
                  "Quiet cabins by the water"):
        assert words in text, (words, text)
    render = render_file(page).image()
    hero = (0, 0, 1280, 560)
    # the photograph is there (not a flat colour): the hero looks like the screenshot's
    assert ssim(render.crop(hero), screenshot.crop(hero), scale=0.5) >= 0.85
    flat = Image.new("RGB", (1280, 560), tuple(int(v) for v in np.asarray(
        screenshot.crop(hero)).reshape(-1, 3).mean(axis=0)))
    assert ssim(flat, screenshot.crop(hero), scale=0.5) < 0.75  # what a lost photo scores
    # the white headline over the photo is measured against the photo, not the page: light
    colour = render_file(page, options=RenderOptions(screenshot=False, evaluate=COLOUR_JS)).data
    channels = [int(v) for v in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
    assert min(channels) >= 200, colour


def test_the_picture_behind_the_text_has_no_text_left_in_it(screenshot, tmp_path):
    """The text is painted out of the photo's crop, so it is not shown twice (once as pixels)."""
    from web_composer.vision.ocr import ocr_lines

    html, _page_file = _page(screenshot, "css", tmp_path)
    pictures = sorted((p for p in (tmp_path / "assets").iterdir() if p.suffix in (".png", ".jpg")),
                      key=lambda p: -p.stat().st_size)
    assert pictures and pictures[0].suffix == ".jpg"  # a photograph, kept as one
    backdrop = Image.open(io.BytesIO(pictures[0].read_bytes()))
    read = " ".join(line.text for line in ocr_lines(backdrop))
    assert "LAKESIDE" not in read and "Northwind" not in read, read


def test_over_a_photo_only_the_rows_with_a_line_of_text_are_read_again(screenshot, tmp_path):
    """The second reading over pictures skips the photograph's rows that hold no line of text
    (its cost is tesseract reading texture); every line of the hero is in a row it reads."""
    from web_composer.vision.ocr import ocr_lines
    from web_composer.vision.photo_text import ink_sheet, text_rows

    Image.new("RGB", (1280, 560), (90, 93, 96)).save(tmp_path / "photo.png")
    flat = render_html(HERO, tmp_path).image().crop((0, 0, 1280, 560))  # same text, no texture
    lines = [line.box for line in ocr_lines(flat)]
    assert len(lines) >= 4, lines  # nav, headline, subtitle, button
    spans = text_rows(ink_sheet(np.asarray(screenshot.crop((0, 0, 1280, 560)))))
    for _x0, y0, _x1, y1 in lines:
        assert any(top <= y0 and y1 <= bottom for top, bottom in spans), ((y0, y1), spans)
    assert sum(bottom - top for top, bottom in spans) <= 0.75 * 560, spans


def test_page_background_bands_hold_their_colour_and_ramps_fade():
    """Down the page: a dark bar, rows not measured (a sidebar made the edges differ), a fade
    from black to grey, then white. Gaps keep the colour above them; a ramp fades straight."""
    from web_composer.vision.emit.model import bands_gradient
    from web_composer.vision.bands import Band

    gradient = bands_gradient([Band(0, 60, (20, 20, 20), (20, 20, 20)),
                               Band(400, 600, (0, 0, 0), (200, 200, 200)),
                               Band(640, 900, (255, 255, 255), (255, 255, 255))])
    html = (f"<body style='margin:0'><div style='height:900px;background:{gradient}'></div>"
            "</body>")
    image = render_html(html).image()
    assert image.getpixel((5, 30)) == (20, 20, 20)
    assert image.getpixel((5, 300)) == (20, 20, 20)  # the gap holds the bar's colour
    assert abs(image.getpixel((5, 500))[0] - 100) <= 3  # halfway down the ramp
    assert image.getpixel((5, 620)) == (200, 200, 200)  # the ramp's end holds until white
    assert image.getpixel((5, 800)) == (255, 255, 255)


DASHBOARD = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font-family:Arial,Helvetica,sans-serif;background:#fff;color:#212529}
.top{height:56px;background:#212529;color:#fff;font-size:20px;line-height:56px;padding-left:16px}
.side{position:absolute;top:56px;left:0;width:225px;height:640px;background:#212529}
.side p{color:#adb5bd;margin:24px 16px;font-size:15px}
main{margin-left:250px;padding:24px 0}
h1{font-size:36px;font-weight:normal;margin:0 0 24px}
.cards{display:flex;gap:24px}
.card{width:230px;background:#0d6efd;color:#fff}
.card .body{padding:16px;font-size:16px}
.card .foot{padding:10px 16px;background:rgba(0,0,0,.04);font-size:13px}
</style></head><body>
<div class="top">Northwind Admin</div>
<div class="side"><p>Dashboard</p><p>Orders</p><p>Customers</p></div>
<main><h1>Dashboard</h1><div class="cards">
<div class="card"><div class="body">Open orders</div><div class="foot">View details</div></div>
<div class="card"><div class="body">New customers</div><div class="foot">View details</div></div>
</div><p style="margin-top:40px;font-size:16px">Sales were steady this week across all
regions.</p><div style="height:420px"></div></main>
</body></html>"""


def test_a_dashboard_keeps_its_bars_side_bar_and_two_tone_cards(tmp_path):
    """A top bar running into a side bar in one colour (an L, not a rectangle), a white main
    area, cards whose footer strip is a shade darker: each comes back as a panel."""
    screenshot = render_html(DASHBOARD).image()
    _html, page = _page(screenshot, "tailwind", tmp_path)
    render = render_file(page).image()
    for point in ((600, 20), (100, 300), (100, 600), (700, 600), (380, 150), (380, 190)):
        want, got = screenshot.getpixel(point), render.getpixel(point)
        assert max(abs(a - b) for a, b in zip(want, got)) <= 12, (point, want, got)


def test_a_drawing_read_as_a_mark_or_two_is_not_text():
    """Tesseract reads an illustration spanning two portfolio tiles as "=]": a 257 px tall line
    with two marks is a drawing; a tall headline with letters stays."""
    from web_composer.vision.icons import drop_icon_words
    from web_composer.vision.ocr import OcrLine

    drawing = OcrLine("=]", (539, 923, 1198, 1180), 0.55)
    headline = OcrLine("GRAYSCALE", (273, 231, 994, 315), 0.91)
    small = OcrLine("Go", (10, 10, 30, 24), 0.96)
    assert drop_icon_words([drawing, headline, small]) == [headline, small]


ILLUSTRATED = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font-family:Arial,sans-serif;background:#f9fafb;color:#1f2937}
.row{display:flex;gap:24px;padding:40px 150px}
.card{background:#fff;width:300px;padding:16px;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card h3{margin:12px 0 4px;font-size:18px}.card p{margin:0;font-size:14px}
</style></head><body><div class="row">
<div class="card"><svg width="300" height="180"><rect width="300" height="180" fill="#cbd5e1"/>
<circle cx="240" cy="50" r="20" fill="#f1f5f9"/><polygon points="0,120 100,60 180,130 240,90 300,120 300,180 0,180"
fill="#94a3b8"/></svg><h3>Dark rye</h3><p>Caraway and molasses.</p></div>
<div class="card"><svg width="300" height="180"><rect width="300" height="180" fill="#cbd5e1"/>
<circle cx="60" cy="50" r="20" fill="#f1f5f9"/><polygon points="0,140 80,70 160,120 300,60 300,180 0,180"
fill="#94a3b8"/></svg><h3>Seeded loaf</h3><p>Sunflower and flax.</p></div>
</div><div style="height:200px"></div></body></html>"""


def test_white_cards_on_an_off_white_page_and_flat_illustrations_are_kept():
    """A #fff card on a #f9fafb page is a panel (the palette alone merges the two), and a flat
    illustration (a sky, a sun, hills with slanted edges) is one picture, not a grey box."""
    from web_composer.vision.ocr import ocr_lines
    from web_composer.vision.segmentation import segment
    from web_composer.vision.elements import Box

    rgb = np.asarray(render_html(ILLUSTRATED).image().convert("RGB"))
    seg = segment(rgb, [Box(*line.box) for line in ocr_lines(rgb)])
    cards = [r for r in seg.regions if r.color == (255, 255, 255)]
    assert sorted((r.box.x0, r.box.y0) for r in cards) == [(150, 40), (506, 40)]
    assert all(330 <= r.box.w <= 334 and r.box.h >= 240 for r in cards)
    drawn = [g for g in seg.graphics if g.kind == "picture" and g.box.w >= 290]
    assert len(drawn) == 2 and all(175 <= g.box.h <= 182 for g in drawn), drawn
    for picture in drawn:  # the hills are in the crop: it is not one flat colour
        assert len(np.unique(picture.image.reshape(-1, 3), axis=0)) > 3
