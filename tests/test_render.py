"""The renderer, in real Chromium: pixels, the network sandbox, the offline shim, bounded time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from web_composer.errors import RenderError
from web_composer.render import RenderOptions, render_file, render_html

BOXES = """<!doctype html><html><body style="margin:0;background:#ffffff">
<div style="position:absolute;left:0;top:0;width:100px;height:100px;background:rgb(255,0,0)"></div>
<div style="position:absolute;left:100px;top:0;width:100px;height:100px;background:rgb(0,128,0)"></div>
<div style="position:absolute;left:0;top:100px;width:200px;height:50px;background:rgb(12,34,56)"></div>
<div style="position:absolute;left:0;top:1500px;width:10px;height:10px;background:rgb(0,0,255)"></div>
</body></html>"""


def test_coloured_boxes_render_to_exact_pixels():
    shot = render_html(BOXES)
    image = shot.image()
    assert (shot.width, image.width) == (1280, 1280)
    assert shot.height == image.height == 1510  # full page, device scale factor 1
    assert image.getpixel((50, 50)) == (255, 0, 0)
    assert image.getpixel((150, 50)) == (0, 128, 0)
    assert image.getpixel((100, 125)) == (12, 34, 56)
    assert image.getpixel((5, 1505)) == (0, 0, 255)
    assert image.getpixel((600, 600)) == (255, 255, 255)


def test_viewport_only_and_mobile_profile():
    assert render_html(BOXES, options=RenderOptions(full_page=False)).height == 720
    phone = render_html("<p>hi</p>", options=RenderOptions.mobile_profile(full_page=False))
    assert (phone.width, phone.height) == (390, 844)
    narrow = render_html(BOXES, options=RenderOptions(width=800, height=600, full_page=False))
    assert (narrow.width, narrow.height) == (800, 600)


def test_requests_to_a_real_local_server_never_arrive(recording_server):
    url = recording_server.url
    page = f"""<!doctype html><html><head>
    <link rel="stylesheet" href="{url}/style.css">
    <script src="{url}/script.js"></script></head>
    <body><img src="{url}/image.png"><iframe src="{url}/frame.html"></iframe>
    <script>
      fetch("{url}/api/data").catch(() => {{}});
      navigator.sendBeacon && navigator.sendBeacon("{url}/beacon", "x");
      try {{ new WebSocket("ws://127.0.0.1:{recording_server.port}/ws"); }} catch (e) {{}}
    </script></body></html>"""
    shot = render_html(page)
    time.sleep(0.3)  # give any stray request time to arrive before asserting none did
    assert recording_server.requests == []
    blocked = " ".join(shot.blocked)
    for path in ("/style.css", "/script.js", "/image.png", "/api/data", "/frame.html"):
        assert f"{url}{path}" in blocked
    assert shot.image().getpixel((640, 700)) != (255, 0, 0)  # the server's CSS never applied


def test_tailwind2_from_the_cdn_link_is_served_offline():
    page = """<html><head>
    <link href="https://cdn.jsdelivr.net/npm/tailwindcss@2.2.19/dist/tailwind.min.css" rel="stylesheet">
    </head><body class="m-0"><div class="bg-blue-900 w-32 h-32"></div></body></html>"""
    shot = render_html(page)
    assert shot.blocked == []
    assert shot.image().getpixel((20, 20)) == (30, 58, 138)


def test_tailwind_play_cdn_script_is_served_offline():
    page = """<html><head><script src="https://cdn.tailwindcss.com"></script></head>
    <body class="m-0"><div class="bg-red-500 w-32 h-32"></div></body></html>"""
    shot = render_html(page)
    assert shot.blocked == []
    assert shot.image().getpixel((20, 20)) == (239, 68, 68)


def test_placeholder_pictures_have_the_requested_size():
    page = """<body style="margin:0">
    <img id="a" src="https://picsum.photos/200/100"><img id="b" src="https://placehold.co/64x48">
    <img id="c" src="https://via.placeholder.com/150"><img id="d" src="https://picsum.photos/seed/x/30/40">
    </body>"""
    probe = "() => Array.from(document.images).map(i => [i.id, i.naturalWidth, i.naturalHeight])"
    shot = render_html(page, options=RenderOptions(evaluate=probe))
    assert shot.data == [["a", 200, 100], ["b", 64, 48], ["c", 150, 150], ["d", 30, 40]]
    assert len(shot.shimmed) == 4 and shot.blocked == []


def test_relative_assets_load_from_the_base_folder(tmp_path: Path):
    from PIL import Image

    (tmp_path / "assets").mkdir()
    Image.new("RGB", (40, 30), (10, 200, 30)).save(tmp_path / "assets" / "pic.png")
    (tmp_path / "page.html").write_text('<body style="margin:0"><img src="assets/pic.png"></body>')
    shot = render_file(tmp_path / "page.html")
    assert shot.image().getpixel((20, 15)) == (10, 200, 30)
    shot = render_html('<body style="margin:0"><img src="assets/pic.png"><img src="../secret.png">'
                       "</body>", base_dir=tmp_path)
    assert shot.image().getpixel((20, 15)) == (10, 200, 30)


@pytest.mark.parametrize("script", [
    "while (true) {}",
    "setTimeout(function () { while (true) {} }, 10);",
])
def test_a_page_that_never_finishes_is_abandoned_and_the_browser_recovers(script):
    started = time.monotonic()
    with pytest.raises(RenderError, match="within 2 s"):
        render_html(f"<body>x<script>{script}</script></body>", options=RenderOptions(timeout=2))
    assert time.monotonic() - started < 15
    assert render_html(BOXES).image().getpixel((50, 50)) == (255, 0, 0)


def test_an_endless_stream_of_timers_still_renders():
    page = "<body style='margin:0;background:rgb(1,2,3)'><script>(function f(){setTimeout(f,0)})()</script>"
    shot = render_html(page, options=RenderOptions(timeout=5))
    assert shot.image().getpixel((10, 10)) == (1, 2, 3)


def test_probe_functions_may_be_async_and_their_errors_are_render_errors():
    probe = "async () => { await new Promise(r => setTimeout(r, 50)); return document.title; }"
    assert render_html("<title>T1</title>", options=RenderOptions(evaluate=probe)).data == "T1"
    with pytest.raises(RenderError, match="probe failed: boom"):
        render_html("<p>x</p>", options=RenderOptions(evaluate="() => { throw new Error('boom'); }"))


def test_probe_values_come_back_as_playwright_gives_them():
    # the probe's value travels as one JSON text (fast); what JSON cannot say must read back the
    # same: undefined as None, NaN and the infinities as floats, a cycle the structured way
    import math

    probe = "() => ({a: 1, b: undefined, c: [1.5, NaN, Infinity, -Infinity], d: 'x', e: [true, null]})"
    data = render_html("<p>x</p>", options=RenderOptions(evaluate=probe, screenshot=False)).data
    assert {k: data[k] for k in "abde"} == {"a": 1, "b": None, "d": "x", "e": [True, None]}
    assert data["c"][0] == 1.5 and math.isnan(data["c"][1]) and data["c"][2:] == [math.inf, -math.inf]
    cycle = "() => { const o = {n: 2}; o.self = o; return o; }"
    data = render_html("<p>x</p>", options=RenderOptions(evaluate=cycle, screenshot=False)).data
    assert data["n"] == 2 and data["self"]["n"] == 2


def test_lazy_pictures_below_the_fold_load_in_a_full_page_render(tmp_path: Path):
    from PIL import Image

    Image.new("RGB", (40, 30), (200, 30, 90)).save(tmp_path / "pic.png")
    page = ('<body style="margin:0"><div style="height:3000px"></div>'
            '<img loading="lazy" src="pic.png" width="40" height="30"></body>')
    shot = render_html(page, base_dir=tmp_path, options=RenderOptions(timeout=5))
    assert shot.image().getpixel((20, 3015)) == (200, 30, 90)


STILL = """<!doctype html><html><head><style>
body { margin: 0; }
@keyframes fade { from { background: rgb(255, 255, 255); } to { background: rgb(0, 0, 255); } }
@keyframes spin { from { background: rgb(0, 255, 0); } to { background: rgb(0, 0, 0); } }
#finite { width: 50px; height: 50px; animation: fade 60s linear forwards; }
#endless { width: 50px; height: 50px; background: rgb(255, 0, 0); animation: spin 60s linear infinite; }
</style></head><body><div id="finite"></div><div id="endless"></div>
<div style="height: 1200px"></div></body></html>"""


def test_full_page_pictures_show_animations_settled():
    """Finite animations at their end, infinite ones cancelled (the element's own style), as
    Playwright's animations="disabled" does, in full-page and viewport pictures alike."""
    image = render_html(STILL).image()
    assert image.getpixel((25, 25)) == (0, 0, 255)
    assert image.getpixel((25, 75)) == (255, 0, 0)
    assert image.height == 1300
    assert render_html(STILL, options=RenderOptions(full_page=False)).image().getpixel((25, 25)) \
        == (0, 0, 255)


def test_a_refused_capture_is_retried_once_a_frame_later(monkeypatch):
    """Chromium on a busy machine now and then answers a full-page capture with "Unable to capture
    screenshot" (seen in CI); the render tries again a frame later instead of failing the job."""
    from playwright.sync_api import CDPSession, Error

    real_send = CDPSession.send
    refused = []

    def send_refusing_once(self, method, params=None):
        if method == "Page.captureScreenshot" and not refused:
            refused.append(method)
            raise Error("Protocol error (Page.captureScreenshot): Unable to capture screenshot")
        return real_send(self, method, params)

    monkeypatch.setattr(CDPSession, "send", send_refusing_once)
    image = render_html(BOXES).image()
    assert refused and image.getpixel((50, 50)) == (255, 0, 0)
