"""Code measures (score/code.py) on small pages whose answers are counted by hand."""

from __future__ import annotations

import pytest

from web_composer.score.code import code_measures, fractional_px_share

REFERENCE = """<!doctype html><html><head><style>body{margin:0} .card{padding:12px}</style></head>
<body>
<header><nav><ul><li><a href="/">Menu</a></li><li><a href="/story">Our story</a></li>
<li><a href="/visit">Visit</a></li></ul></nav></header>
<main>
  <h1>Fresh bread every morning</h1>
  <section><h2>Our breads</h2>
    <ol><li>Sourdough</li><li>Baguette</li><li>Rye</li></ol>
    <button type="button">Find us</button>
  </section>
  <form><label>Name <input type="text" name="n"></label><label>Email <input type="email"></label>
    <textarea></textarea><select><option>Pickup</option></select>
    <input type="checkbox"> <input type="hidden" value="x"><input type="submit" value="Send"></form>
</main>
<footer>© 2024 Harbour Bakery</footer>
<script>document.title = "not a word on the page";</script>
</body></html>"""


def test_the_reference_against_itself_is_perfect():
    measures = code_measures(REFERENCE, REFERENCE).to_json()
    assert {k: measures[k] for k in ("links", "fields", "headings", "list_items", "landmarks",
                                     "words")} == dict.fromkeys(
        ("links", "fields", "headings", "list_items", "landmarks", "words"), 1.0)
    assert measures["fractional_px"] == 0.0


def test_a_flat_picture_like_page_scores_low_on_roles():
    candidate = """<html><body><div class="mt-[17.8px] w-[976.5px]">
      <p>Menu Ourstory Visit</p><div style="font-size:40.5px">Fresh bread every morning</div>
      <h3>Our breads</h3><p>Sourdough</p><p>Baguette</p><p>Rye</p>
      <img src="button.png" alt="Find us"><a href="#">Send</a>
      <input type="text"><input type="text"><textarea></textarea>
      <p>© 2024 Harbour Bakery</p></div></body></html>"""
    m = code_measures(candidate, REFERENCE)
    # links: Menu, Our story, Visit, Find us, Send (the submit input) -> only "Send" is a link
    assert m.links == pytest.approx(1 / 5)
    # fields: input x2 (text, email), textarea, select, check -> two inputs and the textarea
    assert m.fields == pytest.approx(3 / 5)
    assert m.headings == pytest.approx(1 / 2)  # "Our breads" as h3; the h1 is a div
    assert m.list_items == 0.0
    assert m.landmarks == 0.0
    # words: "our story" read as one word loses two, "find us" is in a picture only (two), and the
    # form's labels and option (name, email, pickup) are gone (three)
    reference_words = "menu our story visit fresh bread every morning our breads sourdough " \
                      "baguette rye find us name email pickup © 2024 harbour bakery"
    total = len(reference_words.split())
    assert m.words == pytest.approx((total - 7) / total)
    assert m.fractional_px == pytest.approx(1.0)  # 17.8, 976.5, 40.5: none whole


def test_near_equal_texts_count_but_different_ones_do_not():
    reference = "<a href=#>Shopify</a><a href=#>Contact</a><a href=#>Pricing</a>"
    candidate = "<a href=#>Shopity</a><button>Contact</button><a href=#>About us</a>"
    assert code_measures(candidate, reference).links == pytest.approx(2 / 3)


def test_kinds_the_reference_lacks_are_not_applicable():
    m = code_measures("<p>Hello there</p>", "<p>Hello there</p>")
    assert m.links is None and m.fields is None and m.list_items is None and m.landmarks is None
    assert m.words == 1.0


def test_px_lengths_and_css_bytes():
    assert fractional_px_share("<div style='margin:3px 2.5px 0 10px'></div>") == pytest.approx(1 / 3)
    assert fractional_px_share("<style>.a{width:calc(100% - 12px)}</style>") == 0.0
    assert fractional_px_share("<p>no css at all</p>") == 0.0
    page = "<html><body><div class='ab'><p style='color:red'>x</p></div></body></html>"
    # class "ab" (2 bytes) + style "color:red" (9 bytes) over 2 elements
    assert code_measures(page, page).css_bytes_per_element == pytest.approx(11 / 2)


def test_what_the_markup_hides_is_not_asked_for():
    reference = """<body><form><input type="email" placeholder="Email">
      <input type="text" name="trap" tabindex="-1"><div style="display: none"><input></div>
      <input type="hidden" value="x"></form><nav hidden><a href="#">Menu</a></nav>
      <a href="#">Shop</a></body>"""
    candidate = """<body><input type="email"><a href="#">Shop</a></body>"""
    m = code_measures(candidate, reference)
    assert m.fields == 1.0 and m.links == 1.0 and m.landmarks is None
