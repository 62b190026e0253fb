"""The real-page checks themselves: they must catch absolute layouts, overflow and collisions."""

from __future__ import annotations

from PIL import Image, ImageDraw

from web_composer.vision.pagecheck import page_quality, ssim

ABSOLUTE = """<body style="margin:0">
<div style="position:absolute;left:20px;top:20px;width:600px">A heading placed by hand</div>
<p style="position:absolute;left:20px;top:60px;width:900px">A paragraph that is wide</p>
<p style="position:absolute;left:30px;top:64px">Overlapping text on top of it</p>
<p>One paragraph in the flow</p></body>"""

FLOW = """<body style="margin:0 12px"><h1>Title</h1><p>Some text in a paragraph.</p>
<div style="display:flex;flex-wrap:wrap;gap:8px"><span>one</span><span>two</span></div></body>"""


def test_absolute_layout_overflow_and_collisions_are_caught():
    quality = page_quality(ABSOLUTE)
    assert quality.text_elements == 4
    assert quality.absolute_share == 0.75
    assert quality.overflow_390 and quality.scroll_width_390 >= 900
    assert quality.collisions_390 >= 1


def test_a_flow_page_passes():
    quality = page_quality(FLOW)
    assert quality.absolute_share == 0 and not quality.overflow_390
    assert quality.collisions_390 == 0


def test_ssim_of_identical_similar_and_different_pictures():
    base = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(base).rectangle((40, 40, 200, 120), fill=(20, 40, 200))
    shifted = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(shifted).rectangle((44, 42, 204, 122), fill=(20, 40, 200))
    other = Image.new("RGB", (400, 340), "black")
    assert ssim(base, base) > 0.999
    assert 0.6 < ssim(base, shifted) < 0.999
    assert ssim(base, other) < 0.2
