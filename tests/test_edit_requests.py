"""Reading edit instructions (web_composer.edit.requests) and applying them to a page's DOM
(edit.dom), in English and Chinese, without a browser: what each clause becomes, and the refusals
that leave a page unchanged."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from web_composer.edit.dom import apply_edits, edit_page, serialise
from web_composer.edit.requests import UnsupportedEdit, read_edits, split_requests
from web_composer.errors import InputError

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Harbour Books</title></head><body>
<header><a class="brand" href="#">Harbour Books</a><nav><ul><li><a href="#events">Events</a></li>
<li><a href="#reviews">Reviews</a></li></ul></nav></header>
<main><section id="hero"><h1>Stories for every shelf</h1><p>Open daily.</p></section>
<section id="events"><h2>Events</h2><ul><li>Poetry night</li><li>Author talk</li></ul></section>
<section id="reviews"><h2>What readers say</h2><p>Lovely shop.</p></section>
<section id="contact"><h2>Contact</h2><p>12 Quay Street</p></section></main>
<footer><p>Harbour Books, 12 Quay Street.</p></footer></body></html>"""


def _ops(text: str) -> list[tuple]:
    return [(o.action, o.target, o.kind, o.count, o.colour.hex if o.colour else None, o.text,
             o.relation, o.other) for o in read_edits(text)]


@pytest.mark.parametrize("text, expected", [
    ("make the footer dark green and add a FAQ with three questions",
     [("recolour", "footer", None, None, "#14532d", None, None, None),
      ("add", None, "faq", 3, None, None, None, None)]),
    ("make the footer dark green and the header navy",
     [("recolour", "footer", None, None, "#14532d", None, None, None),
      ("recolour", "nav", None, None, "#1e2a5a", None, None, None)]),
    ('change the title to "Hello there"', [("text", "title", None, None, None, "Hello there", None, None)]),
    ('add a button "Book now" in the hero', [("add", "hero", "button", None, None, "Book now", None, None)]),
    ("remove the testimonials", [("remove", "testimonials", None, None, None, None, None, None)]),
    ("move the FAQ above the contact section", [("move", "faq", None, None, None, None, "above", "contact")]),
    ("make the background #336699", [("recolour", "page", None, None, "#336699", None, None, None)]),
    ("把页脚改成深绿色，并添加一个包含三个问题的常见问题",
     [("recolour", "footer", None, None, "#14532d", None, None, None),
      ("add", None, "faq", 3, None, None, None, None)]),
    ("make the header navy with white text",
     [("recolour", "nav", None, None, "#1e2a5a", None, None, None),
      ("recolour", "nav", None, None, "#ffffff", None, None, None)]),
    ("把页脚背景改成红色", [("recolour", "footer", None, None, "#b91c1c", None, None, None)]),
    ('add the text "Open daily from 7" to the footer',
     [("add", "footer", "paragraph", None, None, "Open daily from 7", None, None)]),
    ("在页脚添加文字“每天营业”", [("add", "footer", "paragraph", None, None, "每天营业", None, None)]),
    ("在首屏添加按钮“立即预订”", [("add", "hero", "button", None, None, "立即预订", None, None)]),
    ("把常见问题移到联系上方", [("move", "faq", None, None, None, None, "above", "contact")]),
    ("删除评价", [("remove", "testimonials", None, None, None, None, None, None)]),
    ("把标题改为“新鲜面包”", [("text", "title", None, None, None, "新鲜面包", None, None)]),
])
def test_clauses_become_operations(text, expected):
    assert _ops(text) == expected


def test_a_colour_goes_to_the_text_or_the_background_as_said():
    background, text = read_edits("make the header navy with white text")
    assert (background.prop, text.prop) == ("background", "text")
    assert read_edits("make the footer text white")[0].prop == "text"
    assert read_edits('change the heading of the about section to "Who we are"')[0].target == "about"


def test_quoted_texts_and_enumerations_are_kept_whole():
    assert split_requests('add a FAQ with questions "Do you deliver?" and "Open on Sundays?"; '
                          "then remove the testimonials") == [
        'add a FAQ with questions "Do you deliver?" and "Open on Sundays?"', "remove the testimonials"]
    assert read_edits("change the title to 'Bob's bakery'")[0].text == "Bob's bakery"
    assert read_edits("add a button 'Book now' in the hero")[0].text == "Book now"
    faq, = read_edits('add a FAQ with questions "Do you deliver?" and "Open on Sundays?"')
    assert faq.items == ["Do you deliver?", "Open on Sundays?"]
    cards, = read_edits("add cards for sourdough, baguette and rye below the hero")
    assert (cards.kind, cards.items, cards.relation, cards.other) == \
        ("features", ["sourdough", "baguette", "rye"], "below", "hero")


@pytest.mark.parametrize("text", ["make it pop", "make the footer dark green and make it pop",
                                  "add a unicorn", "   "])
def test_unknown_requests_are_refused(text):
    with pytest.raises(InputError):
        read_edits(text)


def test_operations_change_the_dom_and_keep_the_rest():
    html, done = apply_edits(PAGE, read_edits(
        'make the footer dark green, add a FAQ with three questions below the events, remove the '
        'reviews, move the contact section to the top and change the title to "Books by the sea"'))
    assert len(done) == 5
    soup = BeautifulSoup(html, "html.parser")
    order = [s.get("id") for s in soup.main.find_all("section", recursive=False)]
    assert order == ["contact", "hero", "events", "faq"]
    assert len(soup.find(id="faq").find_all("h3")) == 3
    assert soup.h1.get_text() == "Books by the sea"
    assert soup.find(href="#reviews") is None and soup.find(id="reviews") is None
    rules = soup.find("style", id="webcompose-edits").get_text()
    assert "background:#14532d!important" in rules and soup.footer.get("id") in rules
    for kept in ("Poetry night", "Author talk", "12 Quay Street", "Open daily."):
        assert kept in soup.get_text()


def test_a_second_recolour_replaces_the_first_rule():
    once, _ = apply_edits(PAGE, read_edits("make the footer red"))
    twice, _ = apply_edits(once, read_edits("make the footer teal"))
    rules = BeautifulSoup(twice, "html.parser").find("style", id="webcompose-edits").get_text()
    assert "#0f766e" in rules and "#b91c1c" not in rules


@pytest.mark.parametrize("text, message", [
    ("make the hero dark green and add a FAQ", None),
    ("remove the pricing", "no pricing section"),
    ('replace "Prose night" with "Poetry"', 'no text "Prose night"'),
    ("move the FAQ above the contact section", "no faq"),
])
def test_what_the_page_lacks_is_refused(text, message):
    if message is None:  # the hero exists: this one works
        apply_edits(PAGE, read_edits(text))
        return
    with pytest.raises(UnsupportedEdit, match=message):
        apply_edits(PAGE, read_edits(text))


def test_items_are_added_to_a_list_and_reordered_by_their_text():
    html, _ = apply_edits(PAGE, read_edits(
        'add items "Book club" and "Story hour" to the events and move "Author talk" above "Poetry night"'))
    events = BeautifulSoup(html, "html.parser").find(id="events")
    assert [li.get_text() for li in events.find_all("li")] == \
        ["Author talk", "Poetry night", "Book club", "Story hour"]


def test_a_gallery_brings_its_own_pictures():
    work, done = edit_page(PAGE, read_edits("add a gallery of 4 pictures below the events"))
    soup = BeautifulSoup(serialise(work.soup), "html.parser")
    sources = [img["src"] for img in soup.find(id="gallery").find_all("img")]
    assert len(sources) == 4 and sorted(f"assets/{n}" for n in work.assets) == sorted(sources)
    assert all(data[:2] == b"\xff\xd8" for data in work.assets.values())  # real JPEG files
    order = [s.get("id") for s in soup.main.find_all("section", recursive=False)]
    assert order.index("gallery") == order.index("events") + 1


def test_a_model_written_tailwind_page(data_dir):
    page = (data_dir / "ixc25/examples/Instruction-aware_Webpage_Generation.html").read_text()
    html, done = apply_edits(page, read_edits(
        'make the buttons orange, add a button "Join us" in the hero and make the footer dark green'))
    soup = BeautifulSoup(html, "html.parser")
    join = soup.find("a", string="Join us")
    learn = soup.find("a", string=lambda s: s and "Learn More" in s)
    assert join is not None and join["class"] == learn["class"]  # it looks like the page's buttons
    assert join.find_parent("section") is learn.find_parent("section")
    rules = soup.find("style", id="webcompose-edits").get_text()
    assert "#c2410c" in rules and "#14532d" in rules
    assert len(done) == 3 and "Machine Learning for Medical Diagnosis" in soup.get_text()
