"""The built-in screenshot engine end to end: real Chromium screenshots, real OCR, real scoring.

A small made-up page (a coloured header with a nav, a heading, two text columns with a picture
and a button, a footer) is rendered, its screenshot is turned back into a page by the builtin
backend, and the result is scored against the original page and checked for being a real page.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from web_composer.backends.base import get_backend
from web_composer.errors import InputError
from web_composer.jobs import GenerationRequest
from web_composer.render import RenderOptions, render_html
from web_composer.score import prepare_reference, score_against
from web_composer.vision.emit.palette import inline_variables
from web_composer.vision.pagecheck import judge_cut, page_quality, ssim

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#222;background:#fff}
header{background:#1d3557}
.bar{max-width:1000px;margin:0 auto;padding:22px 0;display:flex;justify-content:space-between;
align-items:center}
.brand{color:#fff;font-size:26px;font-weight:bold}
nav a{color:#f1faee;font-size:16px;margin-left:36px;text-decoration:none}
main{max-width:1000px;margin:48px auto 56px}
h1{font-size:40px;margin:0 0 24px}
.cols{display:flex;gap:48px;align-items:flex-start}
.text{width:540px}
p{font-size:18px;line-height:28px;margin:0 0 18px}
.button{display:inline-block;background:#e63946;color:#fff;padding:12px 26px;font-size:16px}
footer{background:#a8dadc;padding:26px 0;text-align:center;font-size:14px;color:#1d3557}
@media (max-width:600px){.bar,main{margin:24px 16px;padding:12px 0}.cols{flex-direction:column}
.text{width:auto}img{max-width:100%;height:auto}h1{font-size:28px}nav a{margin-left:12px}}
</style></head><body>
<header><div class="bar"><div class="brand">Harbour Books</div>
<nav><a>Home</a><a>Shop</a><a>Events</a><a>Contact</a></nav></div></header>
<main><h1>Stories for every shelf</h1>
<div class="cols"><div class="text">
<p>We are an independent bookshop by the old harbour, open every day of the week with a reading
corner, fresh coffee and a wall of staff picks that changes every month.</p>
<p>Order any book in print and collect it the next morning, or have it sent to your door.</p>
<span class="button">Browse the catalogue</span></div>
<img src="picture.png" width="400" height="260" alt=""></div></main>
<footer>Harbour Books, 12 Quay Street. Open daily from nine to six.</footer>
</body></html>"""


def _picture() -> Image.Image:
    """A textured picture (a gradient with shapes), so it cannot pass for a flat panel."""
    y, x = np.mgrid[0:260, 0:400]
    rgb = np.stack([120 + 100 * x / 400, 90 + 120 * y / 260, 180 - 80 * x / 400], axis=2)
    rgb[(x - 280) ** 2 + (y - 110) ** 2 < 55 ** 2] = (250, 210, 60)
    rgb[(y > 190) & (np.sin(x / 9.0) * 18 + 215 < y)] = (30, 70, 40)
    return Image.fromarray(rgb.astype(np.uint8))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    (folder / "index.html").write_text(PAGE)
    _picture().save(folder / "picture.png")
    return folder


@pytest.fixture(scope="module")
def screenshot(site: Path) -> Image.Image:
    return render_html(PAGE, site).image()


def _generate(images, stack="css", **options):
    request = GenerationRequest(task="screenshot", images=images, stack=stack, options=options)
    return get_backend("builtin").generate(request)


def _write(folder: Path, generation) -> Path:
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    for name, data in generation.assets.items():
        (folder / "assets" / name).write_bytes(data)
    (folder / "index.html").write_text(generation.html)
    return folder


@pytest.fixture(scope="module")
def css_page(screenshot, tmp_path_factory):
    generation = _generate([screenshot], "css")
    return generation, _write(tmp_path_factory.mktemp("css"), generation)


def test_semantic_flow_layout_page(css_page):
    generation, _folder = css_page
    html = generation.html
    assert generation.backend == "builtin" and generation.html == generation.text
    for tag in ("<header", "<nav", "<h1", "<p", "<img", "<footer"):
        assert tag in html, tag
    assert "position:absolute" not in html.replace(" ", "")
    assert "Stories for every shelf" in html and "Browse the catalogue" in html
    assert re.search(r"--color-\d+:#1d3557", html)  # the header bar's colour, measured, in :root
    assert re.search(r"background:#1d3557", inline_variables(html))
    assert judge_cut(html) is None  # the official cleaning keeps the whole page


def test_picture_is_cropped_into_assets(css_page):
    generation, _folder = css_page
    pictures = {name: Image.open(io.BytesIO(data)) for name, data in generation.assets.items()}
    big = [name for name, image in pictures.items() if image.size[0] > 300]
    assert len(big) == 1
    w, h = pictures[big[0]].size
    assert abs(w - 400) <= 3 and abs(h - 260) <= 3
    assert f'src="assets/{big[0]}"' in generation.html


def test_scores_against_the_original_page(css_page, site):
    generation, folder = css_page
    scores = score_against(generation.html, folder, prepare_reference(site / "index.html"))
    assert scores.block >= 0.9 and scores.text >= 0.95, scores
    assert scores.position >= 0.95 and scores.color >= 0.9, scores


def test_real_page_checks(css_page, screenshot):
    generation, folder = css_page
    quality = page_quality(generation.html, folder)
    assert quality.text_elements >= 8
    assert quality.absolute_share == 0
    assert not quality.overflow_390 and quality.collisions_390 == 0
    render = render_html(generation.html, folder).image()
    assert ssim(render, screenshot) >= 0.85


def test_tailwind_stack(screenshot, site, tmp_path):
    generation = _generate([screenshot], "tailwind")
    html = generation.html
    # compiled: a stylesheet for the classes used, linked; no script needed to style the page
    assert "<script" not in re.sub(r"<!--.*?-->", "", html, flags=re.S)
    assert '<link rel="stylesheet" href="assets/tailwind.css">' in html
    css = generation.assets["tailwind.css"].decode()
    assert "tailwindcss v3" in css and ".bg-\\[\\#1d3557\\]{" in css
    assert "bg-[#1d3557]" in html and "max-md:" in html
    folder = _write(tmp_path, generation)
    scores = score_against(html, folder, prepare_reference(site / "index.html"))
    assert scores.block >= 0.9 and scores.position >= 0.95, scores


def test_retina_and_jpeg_screenshots(screenshot):
    retina = screenshot.resize((screenshot.width * 2, screenshot.height * 2), Image.LANCZOS)
    buffer = io.BytesIO()
    retina.convert("RGB").save(buffer, format="JPEG", quality=60)
    jpeg = Image.open(io.BytesIO(buffer.getvalue()))
    generation = _generate([jpeg], "css")
    assert generation.info["scale"] == 2 and generation.info["width"] == screenshot.width
    assert "max-width:1280px" in generation.html
    assert "Harbour Books" in generation.html and "Stories for every shelf" in generation.html
    colours = re.findall(r"background:#([0-9a-f]{6})", inline_variables(generation.html))
    header = [tuple(int(c[i:i + 2], 16) for i in (0, 2, 4)) for c in colours]
    assert any(max(abs(a - b) for a, b in zip(c, (0x1d, 0x35, 0x57))) <= 10 for c in header)


def test_desktop_and_phone_screenshots_make_one_responsive_page(screenshot, site, tmp_path):
    phone = render_html(PAGE, site, RenderOptions(width=390, height=844)).image()
    generation = _generate([phone, screenshot], "css")
    assert generation.info["width"] == 1280 and generation.info["breakpoints"] == [390]
    assert re.search(r"@media \(max-width:\d+px\)\{\n", generation.html)
    assert "--at390-row" in generation.html and "flat-at390" in generation.html
    folder = _write(tmp_path, generation)
    quality = page_quality(generation.html, folder)
    assert not quality.overflow_390 and quality.collisions_390 == 0


def test_request_without_images_is_refused():
    with pytest.raises(InputError):
        _generate([], "css")
    with pytest.raises(InputError, match="scale"):
        _generate([Image.new("RGB", (100, 100), "white")], "css", scale=5)


def test_a_very_tall_screenshot(tmp_path):
    chapters = "".join(f'<h2 style="font:700 24px Arial;margin:0 0 {380 if i % 2 else 180}px">'
                       f"Chapter {i} of the long page</h2>" for i in range(40))
    html = (f'<body style="margin:40px 80px">{chapters}<footer style="background:#333;'
            'color:#fff;padding:30px;font:16px Arial">The end of a very long page</footer></body>')
    shot = render_html(html, options=RenderOptions(timeout=60)).image()
    assert shot.height > 11000
    generation = _generate([shot], "css")
    assert generation.info["height"] == shot.height
    assert "Chapter 39 of the long page" in generation.html
    assert "The end of a very long page" in generation.html
    assert generation.html.count("<h") >= 40


@pytest.mark.parametrize("stack", ["css", "tailwind"])
def test_code_a_developer_keeps(screenshot, stack):
    """Roles from what the screenshot shows, whole pixels, responsive rules written once."""
    from bs4 import BeautifulSoup

    from web_composer.score.code import code_measures

    html = _generate([screenshot], stack).html
    soup = BeautifulSoup(html, "html.parser")
    nav = soup.find("nav")
    assert nav is not None
    assert [a.get_text(strip=True) for a in nav.select("ul > li > a")] == \
        ["Home", "Shop", "Events", "Contact"]
    assert soup.find("button").get_text(strip=True) == "Browse the catalogue"  # not a picture
    assert [h.get_text(strip=True) for h in soup.find_all("h1")] == ["Stories for every shelf"]
    measures = code_measures(html, PAGE)
    assert measures.links == 1.0 and measures.headings == 1.0 and measures.landmarks == 1.0
    assert measures.fractional_px == 0.0
    assert "max-md:ml-0" not in html and "max-md:w-auto" not in html  # once, on the page


def test_landmarks_without_coloured_bars(tmp_path):
    """No header or footer panel: the nav at the top is the header's, the copyright line the
    footer's, and what lies between is the main content."""
    from bs4 import BeautifulSoup

    page = ("<body style='margin:0;font:18px Arial,sans-serif;color:#222;background:#fff'>"
            "<div style='width:900px;margin:0 auto'><div style='display:flex;padding:24px 0'>"
            "<b style='font-size:24px'>Quayside Books</b><span style='margin-left:auto'>Home"
            "</span><span style='margin-left:32px'>Shop</span><span style='margin-left:32px'>"
            "Events</span></div><h1 style='font-size:40px;margin:60px 0 20px'>New this week</h1>"
            "<p>Three novels, two cookbooks and a map of the harbour, all on the table by the "
            "door, with a note from the staff on each.</p>"
            "<p style='margin-top:120px;font-size:14px'>© 2026 Quayside Books</p></div></body>")
    shot = render_html(page, tmp_path, RenderOptions(width=1280, height=600)).image()
    soup = BeautifulSoup(_generate([shot], "css").html, "html.parser")
    assert soup.select_one("header nav") is not None
    assert "New this week" in soup.find("main").get_text()
    assert "2026 Quayside Books" in soup.find("footer").get_text()
