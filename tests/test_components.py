"""Repeated structures are one component: a shared class in the CSS stack, one utility set in
the Tailwind stack, the differences (a pixel of rounding) evened out."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from web_composer.backends.base import get_backend
from web_composer.jobs import GenerationRequest
from web_composer.render import render_html
from web_composer.vision.emit.components import find_components, shared_geometry
from web_composer.vision.emit.model import Element

CARDS = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font-family:Arial,sans-serif;background:#eef2f7;color:#1f2937}
.row{display:flex;gap:24px;padding:40px 120px}
.card{background:#fff;width:300px;padding:20px;border:1px solid #cfd6e0}
.card h3{margin:0 0 8px;font-size:20px}.card p{margin:0;font-size:15px}
.card i{display:block;height:120px;background:#d9480f;margin-bottom:16px}
</style></head><body><div class="row">
<div class="card"><i></i><h3>Bread</h3><p>Baked before sunrise.</p></div>
<div class="card"><i></i><h3>Coffee</h3><p>Roasted down the street.</p></div>
<div class="card"><i></i><h3>Cakes</h3><p>Only on Saturdays.</p></div>
</div><div style="height:160px"></div></body></html>"""


@pytest.fixture(scope="module")
def screenshot():
    return render_html(CARDS).image()


def _generate(screenshot, stack: str) -> str:
    request = GenerationRequest(task="screenshot", images=[screenshot], stack=stack)
    return get_backend("builtin").generate(request).html


def _card_of(soup: BeautifulSoup, word: str):
    heading = soup.find(string=re.compile(word)).parent
    return heading.parent


def test_css_stack_writes_a_repeated_card_once(screenshot):
    soup = BeautifulSoup(_generate(screenshot, "css"), "html.parser")
    cards = [_card_of(soup, w) for w in ("Bread", "Coffee", "Cakes")]
    assert all("card" in c["class"] for c in cards), [c.get("class") for c in cards]
    style = soup.style.string
    rule = re.search(r"\.card\{([^}]*)\}", style)
    assert rule and "width:" in rule.group(1)  # the shared width is in the class ...
    assert all("width" not in c.get("style", "") for c in cards)  # ... not on each card
    titles = [c.find(string=re.compile(w)).parent for c, w in zip(cards, ("Bread", "Coffee", "Cakes"))]
    assert all("card-title" in t["class"] for t in titles)


def test_tailwind_stack_gives_every_card_the_same_utilities(screenshot):
    soup = BeautifulSoup(_generate(screenshot, "tailwind"), "html.parser")
    cards = [_card_of(soup, w) for w in ("Bread", "Coffee", "Cakes")]
    # margins between cards differ by position (first, middle, last); everything else is equal
    def utilities(card):
        return {c for c in card["class"] if not re.match(r"(max-md:)?m[lr]-", c)}
    assert utilities(cards[0]) == utilities(cards[1]) == utilities(cards[2])
    bodies = [c.find("p")["class"] for c in cards]
    assert bodies[0] == bodies[1] == bodies[2]


def test_numbers_a_pixel_apart_become_one_and_real_differences_stay():
    def card(width: str, top: str) -> Element:
        title = Element("h3", "text", look={"font-size": "20px"}, geom={"margin-top": top})
        text = Element("p", "text", look={"font-size": "15px"}, geom={"margin-top": "8px"})
        return Element("div", "panel", children=[title, text], geom={"width": width})

    cards = [card("309px", "16px"), card("310px", "16px"), card("309px", "40px")]
    root = Element("div", "page", children=[Element("div", "row", children=cards)])
    groups = find_components(root)
    assert groups == [cards]
    assert [c.geom["width"] for c in cards] == ["309px"] * 3
    assert [c.children[0].geom["margin-top"] for c in cards] == ["16px", "16px", "40px"]
    shared = shared_geometry(root)
    assert shared["card"] == {"width": "309px"}
    assert shared["card-title"] == {}  # the titles' top margins differ: each keeps its own
    assert shared["card-text"] == {"margin-top": "8px"}


def test_css_stack_names_its_colours_once(screenshot):
    """Colours are a palette of custom properties: each written once in :root, used by name."""
    html = _generate(screenshot, "css")
    soup = BeautifulSoup(html, "html.parser")
    style = soup.style.string
    root = re.search(r":root\{([^}]*)\}", style)
    assert root and "--page:" in root.group(1) and "--text:" in root.group(1)
    declared = re.findall(r"--([\w-]+):(#[0-9a-f]+)", root.group(1))
    assert len({c for _n, c in declared}) == len(declared)  # each colour once
    rest = style.replace(root.group(0), "")
    attrs = " ".join(el["style"] for el in soup.find_all(style=True))
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", rest + attrs)  # used only by name
    assert "var(--" in rest and "Bread" in soup.get_text()


def test_a_part_placed_another_way_in_one_instance_takes_the_others_placement():
    def card(x: float, text_geom: dict, text_x: float) -> Element:
        text = Element("p", "text", look={"font-size": "15px"}, geom=text_geom,
                       box=(text_x, 100, text_x + 260, 116))
        title = Element("h3", "text", look={"font-size": "20px"}, box=(x + 16, 60, x + 120, 80))
        return Element("div", "panel", children=[title, text], box=(x, 40, x + 300, 200))

    left = {"margin-left": "16px"}
    cards = [card(0, dict(left), 16), card(320, {"text-align": "center"}, 337),
             card(640, dict(left), 656), card(960, {"text-align": "center"}, 1010),
             card(1280, dict(left), 1296)]
    root = Element("div", "page", children=[Element("div", "row", children=cards)])
    find_components(root)
    # the second card's line starts where the others' do (1 px off): it is placed as they are
    assert cards[1].children[1].geom == left
    # the last one really is centred (34 px further in): it stays centred
    assert cards[3].children[1].geom == {"text-align": "center"}


BANDED = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font-family:Arial,sans-serif;background:#fff;color:#1f2937}
.row{display:flex;gap:24px;padding:40px 120px}
.card{background:#eef2f7;width:300px;padding:20px}
.card h3{margin:0 0 8px;font-size:20px}.card p{margin:0;font-size:15px}
footer{background:#1f2937;color:#fff;padding:28px 120px;font-size:15px}
</style></head><body><div class="row">
<div class="card"><h3>Bread</h3><p>Baked before sunrise.</p></div>
<div class="card"><h3>Coffee</h3><p>Roasted down the street.</p></div>
</div><footer>12 Quay Street, open daily</footer></body></html>"""


@pytest.mark.parametrize("stack", ["css", "tailwind"])
def test_on_a_phone_bands_stay_full_width_and_cards_keep_their_text_off_the_edges(
        stack, tmp_path):
    """No phone screenshot: the footer band spans the phone's whole width, cards fill the column
    and their text keeps a gutter from their edges."""
    from web_composer.render import RenderOptions

    request = GenerationRequest(task="screenshot", images=[render_html(BANDED).image()], stack=stack)
    generation = get_backend("builtin").generate(request)
    for name, data in generation.assets.items():  # the Tailwind stack's compiled stylesheet
        (tmp_path / "assets" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "assets" / name).write_bytes(data)
    probe = """() => {
      const box = (text) => {
        const el = [...document.querySelectorAll('body *')].find(
          e => e.children.length === 0 && e.textContent.includes(text));
        const r = el.getBoundingClientRect();
        let panel = el.parentElement;
        while (panel && getComputedStyle(panel).backgroundColor === 'rgba(0, 0, 0, 0)')
          panel = panel.parentElement;
        const p = panel.getBoundingClientRect();
        return [r.left, p.left, p.right];
      };
      return {footer: box('Quay Street'), card: box('Bread'), width: innerWidth,
              scroll: document.documentElement.scrollWidth};
    }"""
    shot = render_html(generation.html, tmp_path, RenderOptions(width=390, mobile=True, screenshot=False,
                                                     evaluate=probe))
    found = shot.data
    text, left, right = found["footer"]
    assert left <= 0.5 and right >= found["width"] - 0.5, found  # the band: edge to edge
    assert text - left >= 10, found  # its text keeps off the edge
    text, left, right = found["card"]
    assert right - left >= found["width"] - 30, found  # the card fills the column
    assert text - left >= 10, found
    assert found["scroll"] <= found["width"], found  # nothing overflows
