"""The Tailwind compile (html/tailwind.py) with and without the primed page, and the live page it
uses (render/live.py), in real Chromium with the offline Play script."""

from __future__ import annotations

import threading

import pytest

from web_composer.errors import RenderError
from web_composer.html.tailwind import compile_tailwind, prime_compiler, release_compiler
from web_composer.render.live import LivePage

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>T</title>
<script src="https://cdn.tailwindcss.com"></script>
<style>
@media (max-width: 600px) { .card { padding: 4px; } }
</style>
</head>
<body class="bg-[#f9fafb] font-[Arial,Helvetica,sans-serif]">
  <nav class="flex gap-[18px] max-md:flex-col"><a class="text-[#1d3557] underline" href="#">A &amp; B</a></nav>
  <main class="mx-auto max-w-[1280px] max-md:[&amp;_*]:!mx-0 [&amp;>ul>*]:!mt-0">
    <p class='text-[15px] leading-[22px] hover:text-red-500'>x</p>
    <div class="card rounded-[10px] shadow-[0_1px_3px_rgba(0,0,0,0.2)] bg-[url(assets/p1.jpg)]"></div>
  </main>
</body>
</html>
"""


def test_the_primed_page_compiles_the_same_stylesheet_as_the_whole_page():
    whole_html, whole_css = compile_tailwind(PAGE)
    prime_compiler()
    primed_html, primed_css = compile_tailwind(PAGE)
    assert primed_html == whole_html and "<script" not in whole_html.split("-->")[1]
    assert primed_css == whole_css
    css = primed_css.decode()
    for rule in (".bg-\\[\\#f9fafb\\]", ".gap-\\[18px\\]", ".hover\\:text-red-500:hover",
                 ".text-\\[15px\\]", "url(p1.jpg)", "not all and (min-width: 768px)"):
        assert rule in css, rule


def test_a_compile_takes_the_primed_page_and_a_second_compiles_the_whole_way():
    from web_composer.html import tailwind

    prime_compiler()
    assert tailwind._primed.page is not None
    compile_tailwind(PAGE)
    assert tailwind._primed.page is None  # taken and closed: the next job primes its own
    _, css = compile_tailwind(PAGE.replace("gap-[18px]", "gap-[19px]"))
    assert b".gap-\\[19px\\]" in css and b"gap-\\[18px\\]" not in css


def test_a_page_with_its_own_configuration_is_compiled_from_itself():
    configured = PAGE.replace(
        "</head>", "<script>tailwind.config = {theme: {extend: {colors: {brand: '#123456'}}}}"
                   "</script>\n</head>").replace("underline", "underline text-brand")
    prime_compiler()
    _, css = compile_tailwind(configured)
    assert b".text-brand{" in css and b"18 52 86" in css  # the page's own colour, #123456


def test_the_primed_page_belongs_to_the_thread_that_primed_it():
    from web_composer.html import tailwind

    prime_compiler()
    seen = []
    worker = threading.Thread(target=lambda: seen.append(getattr(tailwind._primed, "page", None)))
    worker.start()
    worker.join()
    assert seen == [None] and tailwind._primed.page is not None
    release_compiler()
    assert tailwind._primed.page is None


def test_a_live_page_answers_until_it_is_closed():
    page = LivePage("<title>Live</title><p id=p>one</p>")
    assert page.evaluate("() => document.title") == "Live"
    page.evaluate("() => { document.getElementById('p').textContent = 'two'; }")
    assert page.evaluate("async () => document.getElementById('p').textContent") == "two"
    page.close()
    with pytest.raises(RenderError, match="closed"):
        page.evaluate("() => 1")


def test_a_live_page_is_sandboxed_and_bounded():
    from web_composer.render import RenderOptions

    page = LivePage('<img src="http://example.com/x.png">',
                    options=RenderOptions(screenshot=False, timeout=2))
    assert page.evaluate("() => document.images[0].naturalWidth") == 0  # blocked, not fetched
    with pytest.raises(RenderError, match="did not answer within 2 s"):
        page.evaluate("() => new Promise(() => {})")
    with pytest.raises(RenderError, match="closed"):  # a failure closes the page
        page.evaluate("() => 1")


def test_without_the_offline_script_nothing_is_primed_and_the_compile_says_why(tmp_path,
                                                                               monkeypatch):
    from web_composer.html import tailwind

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # an empty cache: never fetched
    prime_compiler()
    assert getattr(tailwind._primed, "page", None) is None
    with pytest.raises(RenderError, match="offline script is missing"):
        compile_tailwind(PAGE)
