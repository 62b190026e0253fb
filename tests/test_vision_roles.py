"""Roles the built-in engine reads from a screenshot: menus, fields, lists, tables, headings.

Each page here is made in the test, rendered by the project's renderer (real Chromium), read
back by the engine (real OCR), and the generated HTML is checked for the roles a developer would
have written: a footer's link columns as lists of links, "Read more" as a link, fields as
<input>/<textarea>/<select> with their labels, bullets as list items, a ruled grid as a <table>.
"""

from __future__ import annotations

import re

import pytest

from web_composer.backends.base import get_backend
from web_composer.jobs import GenerationRequest
from web_composer.render import RenderOptions, render_html

MENUS = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font:16px/24px Arial,Helvetica,sans-serif;color:#333;background:#fff}
.wrap{width:1000px;margin:0 auto}
h1{font-size:40px;line-height:48px;margin:48px 0 16px}
p{margin:0 0 12px}
.more{color:#333;display:block;margin-top:8px}
.cols{display:flex;gap:120px;margin-top:56px;padding:32px 0;border-top:1px solid #ddd}
.cols h4{font-size:16px;margin:0 0 12px}
.cols a{display:block;color:#333;text-decoration:none;font-size:15px;line-height:30px}
.legal{margin-top:24px;font-size:14px;color:#666}
.top{display:flex;justify-content:space-between;align-items:center;padding:20px 0}
.brand{font-size:22px;font-weight:bold}
</style></head><body><div class="wrap">
<div class="top"><span class="brand">Coastline</span><span>Routes Maps Weather</span></div>
<h1>Walking the coast path</h1>
<p>The path runs for sixty miles along the cliffs, past three lighthouses and a dozen coves.</p>
<a class="more">Read more</a>
<h2 style="font-size:28px;margin:40px 0 12px">Before you set out</h2>
<p>Check the tide tables: two of the coves can only be crossed at low water, and the cliff
steps above them are closed in winter storms.</p>
<p>Carry water and a map; the cafes along the way keep short hours outside the summer.</p>
<footer><div class="cols">
<div><h4>Company</h4><a>About us</a><a>Careers</a><a>Press kit</a></div>
<div><h4>Help</h4><a>Contact</a><a>Shipping</a><a>Returns</a></div>
</div>
<p class="legal">Privacy · Terms · Cookies</p></footer>
</div></body></html>"""

FORMS = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font:16px/24px Arial,Helvetica,sans-serif;color:#222;background:#fff}
.wrap{width:520px;margin:40px auto}
h2{font-size:28px;margin:0 0 24px}
label{display:block;margin:18px 0 6px}
input,textarea,select{font:16px Arial,sans-serif;width:100%;box-sizing:border-box;
border:1px solid #bbb;background:#fff;padding:8px 12px;height:40px;color:#222}
textarea{height:120px}
::placeholder{color:#999}
.send{margin-top:24px;background:#2a6df4;color:#fff;border:0;padding:10px 28px;font-size:16px}
</style></head><body><div class="wrap">
<h2>Write to the harbour office</h2>
<label>Your name</label><input placeholder="Jane Smith">
<label>Berth</label><select><option>North quay</option></select>
<label>Message</label><textarea placeholder="What can we do for you?"></textarea>
<button class="send">Send</button>
<p style="margin-top:32px">We answer within two working days.</p>
</div></body></html>"""

LISTS = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font:16px/26px Arial,Helvetica,sans-serif;color:#222;background:#fff}
.wrap{width:760px;margin:40px auto}
h2{font-size:26px;margin:32px 0 12px}
ul,ol{margin:0;padding-left:28px}
table{border-collapse:collapse;width:100%;margin-top:8px}
th,td{text-align:left;padding:10px 12px;border-bottom:1px solid #ccc}
th{background:#eee;font-weight:bold}
</style></head><body><div class="wrap">
<h2>What to pack</h2>
<ul><li>A waterproof jacket for the ridge</li><li>Two litres of water per person</li>
<li>A printed map of the coast path</li></ul>
<h2>How to book</h2>
<ol><li>Choose a date from the calendar</li><li>Pay the deposit at the office</li>
<li>Collect your permit on the day</li></ol>
<h2>Tide times</h2>
<table><tr><th>Day</th><th>Low water</th><th>High water</th></tr>
<tr><td>Monday</td><td>06:40</td><td>12:55</td></tr>
<tr><td>Tuesday</td><td>07:25</td><td>13:40</td></tr>
<tr><td>Wednesday</td><td>08:10</td><td>14:25</td></tr></table>
</div></body></html>"""

CHECKS = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font:15px/22px Arial,Helvetica,sans-serif;color:#444;background:#fff}
.wrap{width:420px;margin:60px auto}
input[type=text]{width:100%;height:36px;border:1px solid #bbb;box-sizing:border-box;margin:6px 0 18px}
</style></head><body><div class="wrap">
<label>Username</label><input type="text">
<div><input type="checkbox" id="r"><label for="r">Remember me for two weeks</label></div>
<div style="margin-top:18px"><input type="radio" name="p"><label>Pay at the office</label></div>
<p style="margin-top:24px">Open every day from nine</p>
</div></body></html>"""


def _soup_of(page: str, tmp_path, height: int = 800, scale: int | None = None):
    """The engine's page (css stack) for a screenshot of ``page``, parsed."""
    from bs4 import BeautifulSoup

    shot = render_html(page, tmp_path, RenderOptions(width=1280, height=height)).image()
    request = GenerationRequest(task="screenshot", images=[shot], stack="css",
                                options={"scale": scale} if scale else {})
    return BeautifulSoup(get_backend("builtin").generate(request).html, "html.parser")


def _texts(elements) -> list[str]:
    return [" ".join(e.get_text(" ").split()) for e in elements]


@pytest.fixture(scope="module")
def menus(tmp_path_factory):
    return _soup_of(MENUS, tmp_path_factory.mktemp("menus"))


def test_footer_columns_in_the_body_colour_are_lists_of_links(menus):
    footer = menus.find("footer")
    assert footer is not None
    assert _texts(footer.select("ul > li > a")) == \
        ["About us", "Careers", "Press kit", "Contact", "Shipping", "Returns",
         "Privacy", "Terms", "Cookies"]  # the legal line is a menu too (an inline list)
    assert "Walking the coast path" not in footer.get_text()
    assert "Before you set out" in menus.find("main").get_text()


def test_separated_words_are_links_and_read_more_is_a_link(menus):
    links = _texts(menus.find_all("a"))
    assert {"Privacy", "Terms", "Cookies"} <= set(links)
    assert "Read more" in links
    teaser = [p for p in menus.find_all("p") if "dozen coves" in p.get_text()]
    assert teaser and "Read more" not in teaser[0].get_text()


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    return _soup_of(FORMS, tmp_path_factory.mktemp("forms"), height=700)


def test_browser_default_fields_are_controls_with_labels(form):
    field = form.find("input")
    assert field is not None and field.get("placeholder") == "Jane Smith"
    select = form.find("select")
    assert select is not None and select.get_text(strip=True) == "North quay"
    area = form.find("textarea")
    assert area is not None and area.get("placeholder") == "What can we do for you?"
    labels = [label.get_text(strip=True) for label in form.find_all("label")]
    assert labels == ["Your name", "Berth", "Message"]
    for label, control in zip(form.find_all("label"), (field, select, area)):
        assert label.find_next_sibling() is control  # each label right before its control
    assert form.find("button", attrs={"type": "submit"}).get_text(strip=True) == "Send"


@pytest.fixture(scope="module")
def lists(tmp_path_factory):
    return _soup_of(LISTS, tmp_path_factory.mktemp("lists"), height=760)


def test_drawn_bullets_and_numbers_are_list_items(lists):
    bullets = [ul for ul in lists.find_all("ul") if len(ul.find_all("li")) == 3]
    assert len(bullets) == 1
    items = _texts(bullets[0].find_all("li"))
    assert items[1] == "Two litres of water per person"  # the drawn disc is not in the text
    sheet = " ".join(style.get_text() for style in lists.find_all("style"))
    rules = [re.search(r"\." + name + r"\{([^}]*)\}", sheet) for name in bullets[0]["class"]]
    assert any(rule and "list-style:disc" in rule.group(1) for rule in rules)  # the browser's disc
    ordered = lists.find("ol")
    assert ordered is not None
    assert _texts(ordered.find_all("li")) == ["Choose a date from the calendar",
                                              "Pay the deposit at the office",
                                              "Collect your permit on the day"]


def test_a_grid_of_cells_is_a_table_with_a_header_row(lists):
    table = lists.find("table")
    assert table is not None and lists.find("nav") is None  # not a stack of menus
    rows = table.find_all("tr")
    assert _texts(rows[0].find_all("th")) == ["Day", "Low water", "High water"]
    assert [len(r.find_all("td")) for r in rows[1:]] == [3, 3, 3]
    assert _texts(rows[2].find_all("td")) == ["Tuesday", "07:25", "13:40"]


def test_a_menu_read_as_one_line_in_the_top_bar_is_a_nav_of_links(menus):
    nav = menus.select_one("header nav")
    assert nav is not None
    assert _texts(nav.find_all("a")) == ["Routes", "Maps", "Weather"]
    assert "Coastline" not in _texts(nav.find_all("a"))  # the brand is not a menu item...
    assert "Coastline" in _texts(menus.select("header a"))  # ...but the link home


def test_checkbox_and_radio_with_their_labels(tmp_path):
    soup = _soup_of(CHECKS, tmp_path, height=400)
    boxes = {b["type"]: b.find_parent("label") for b in soup.find_all("input")
             if b.get("type") in ("checkbox", "radio")}
    assert set(boxes) == {"checkbox", "radio"}
    assert " ".join(boxes["checkbox"].get_text().split()) == "Remember me for two weeks"
    assert " ".join(boxes["radio"].get_text().split()) == "Pay at the office"  # no "(" or "O"
    assert "Open every day from nine" in soup.get_text()  # a capital O is not a radio button


BLOG = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font:16px/24px Arial,Helvetica,sans-serif;color:#333;background:#fff}
.wrap{width:1000px;margin:0 auto;display:flex;gap:80px}
.main{width:640px}.side{width:260px}
h1{font-size:36px;line-height:44px;margin:40px 0 24px}
.title{font-size:18px;line-height:22px;margin:32px 0 10px}
.post{display:block;color:#1a5fb4;font-weight:bold;text-decoration:none;margin:24px 0 6px}
p{margin:0 0 8px}
.cards{display:flex;gap:24px;margin-top:32px}
.card{width:190px;border:1px solid #ccc;padding:14px}
.card b{display:block;font-size:16px}.card span{display:block;font-size:14px;color:#777}
.tile{margin-top:40px;width:220px;padding:14px 0;background:#1a5fb4;color:#fff;text-align:center;
border-radius:4px}.tile b{display:block;font-size:20px;line-height:26px}.tile span{display:block}
.col{margin-top:40px}
.col h4{font-size:14px;letter-spacing:1px;margin:0 0 14px;font-weight:normal}
.col div{line-height:32px;font-size:15px}
</style></head><body><div class="wrap"><div class="main">
<h1>Notes from the harbour</h1>
<div class="title">Boats in for repair</div>
<p>Three of the old trawlers came in this week for their winter overhaul at the yard.</p>
<a class="post">The slipway is open again</a>
<p>After two months of work the new rails carry boats of up to forty tonnes up the slope.</p>
<div class="cards">
<div class="card"><b>Tide tables</b><span>Updated weekly</span></div>
<div class="card"><b>Berth prices</b><span>Updated monthly</span></div>
<div class="card"><b>Crane hire</b><span>Updated daily</span></div>
</div></div>
<div class="side"><div class="tile"><b>Harbour office</b><span>Open daily</span></div>
<div class="col"><h4>ARCHIVE</h4>
<div>Spring issue</div><div>Summer issue</div><div>Autumn issue</div><div>Winter issue</div>
</div></div></div></body></html>"""


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    return _soup_of(BLOG, tmp_path_factory.mktemp("blog"), height=620)


def test_titles_by_size_and_place_are_headings(blog):
    assert _texts(blog.find_all("h1")) == ["Notes from the harbour"]
    heads = _texts(blog.find_all(["h2", "h3"]))
    assert "Boats in for repair" in heads  # 18 px over 16 px text
    assert "ARCHIVE" in heads  # a column's title right above its items
    post = [h for h in blog.find_all(["h2", "h3"]) if "slipway" in h.get_text()]
    assert post and post[0].find("a") is not None  # a coloured bold title is a heading link
    assert not any("Three of the old" in t for t in heads)  # paragraphs stay paragraphs


def test_a_plain_column_of_short_lines_is_a_list_of_links(blog):
    items = [li for li in blog.find_all("li") if "issue" in li.get_text()]
    texts = [t.lstrip("‘'`") for t in _texts(items)]  # OCR may read a speck as a quote
    assert texts == ["Spring issue", "Summer issue", "Autumn issue", "Winter issue"]
    assert all(li.find("a") is not None for li in items)


def test_repeated_cards_are_the_items_of_one_list(blog):
    lists = [ul for ul in blog.find_all("ul") if "Tide tables" in ul.get_text()]
    assert len(lists) == 1
    items = lists[0].find_all("li", recursive=False)
    assert [" ".join(li.get_text(" ").split()) for li in items] == \
        ["Tide tables Updated weekly", "Berth prices Updated monthly", "Crane hire Updated daily"]


def test_a_small_filled_box_of_two_short_lines_is_one_link(blog):
    tiles = [a for a in blog.find_all("a") if "Harbour office" in a.get_text()]
    assert len(tiles) == 1
    assert " ".join(tiles[0].get_text(" ").split()) == "Harbour office Open daily"
    assert tiles[0].find("a") is None  # no link inside the link


def test_a_small_box_with_a_picture_behind_one_short_line_is_a_button_link():
    """The plan step alone: blocks.py makes <button> of solid boxes; a box whose fill is a
    picture or a gradient, around one short line, becomes a button-styled <a>."""
    from web_composer.vision.emit.menus import tile_link
    from web_composer.vision.emit.model import Element

    def pill(size):
        label = Element("a", "text", "link", parts=["Learn more"], attrs={"href": "#"},
                        nowrap=True)
        return Element("div", "panel", "box", children=[label],
                       look={"background": "url(assets/bg-2.png) center/cover no-repeat"}), size

    box, size = pill((208, 72))
    tile_link(box, size)
    assert box.tag == "a" and box.attrs["href"] == "#"
    assert box.children[0].tag == "span" and "href" not in box.children[0].attrs
    banner, size = pill((900, 300))  # a picture with a line over it is a banner, not a button
    tile_link(banner, size)
    assert banner.tag == "div"


def test_a_column_title_close_in_size_is_not_the_first_link():
    """The plan step alone: "CUSTOMER CARE" (15 px) over four 17 px lines at a steady pitch.
    The items may differ in weight once the run has begun (OCR reads one of them bold), but
    the first two must agree in size and weight, so the title is not taken in."""
    from web_composer.vision.emit.menus import link_columns
    from web_composer.vision.emit.model import Element
    from web_composer.vision.emit.plan import _as_list_item

    def line(text, top, size="17px", weight="400"):
        return Element("p", "text", "text", parts=[text], nowrap=True,
                       look={"font-size": size, "font-weight": weight, "color": "#333"},
                       box=(10, top, 10 + 9 * len(text), top + 20))

    column = [line("CUSTOMER CARE", 0, "15px"), line("About", 42), line("Contact", 74),
              line("Returns", 106, weight="700"), line("Privacy Policy", 138)]
    link_columns(column, _as_list_item)
    assert [el.tag for el in column] == ["p", "li", "li", "li", "li"]
    assert all(el.parts[0].tag == "a" for el in column[1:])


def test_card_titles_in_an_accent_colour_hold_the_cards_link():
    """The emit step alone: cards whose titles are set in a link colour (blue on grey text)
    keep their heading and gain a link, also when the repeated unit is a row of cards; a
    title in the text's own colour gets none."""
    from web_composer.vision.emit.components import find_components
    from web_composer.vision.emit.model import Element
    from web_composer.vision.emit.repeats import list_repeats

    def card(title, colour):
        head = Element("h2", "text", "heading-2", parts=[title], nowrap=True,
                       look={"font-size": "23px", "color": colour})
        text = Element("p", "text", "text", parts=["Short words about the project here."],
                       look={"font-size": "16px", "color": "#212529"})
        return Element("div", "panel", "box", children=[head, text],
                       look={"border": "1px solid #dfdfdf"})

    blue = [card(f"Project {n}", "#007bff") for n in range(1, 7)]
    grey = [card(t, "#212529") for t in ("Step one", "Step two")]
    page = Element("div", "page", "backdrop", children=[  # two rows of three: the rows repeat
        Element("div", "row", "row", children=blue[:3]),
        Element("div", "row", "row", children=blue[3:]),
        Element("div", "row", "row", children=grey)])
    list_repeats(page, find_components(page))
    assert all(c.children[0].parts[0].tag == "a" for c in blue)
    assert all(isinstance(c.children[0].parts[0], str) for c in grey)


QUANTITY = """<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font:16px/24px Arial,Helvetica,sans-serif;color:#212529;background:#fff}
.wrap{width:600px;margin:60px auto}
.qty{width:48px;height:38px;border:1px solid #ced4da;border-radius:6px;padding:6px 12px;text-align:center;
     font:16px Arial;color:#212529;box-sizing:border-box;margin-right:16px}
.add{height:38px;padding:0 14px;border:1px solid #212529;border-radius:4px;background:#fff;
     font:16px Arial;color:#212529}
.pages a{display:inline-block;width:38px;height:38px;line-height:38px;text-align:center;
     border:1px solid #dee2e6;color:#0d6efd;text-decoration:none;margin-right:-1px}
.days a{color:#212529;margin-right:12px;border-radius:6px}
</style></head><body><div class="wrap">
<p>Fancy Product, a shirt for every day</p>
<div style="display:flex"><input class="qty" value="10"><button class="add">Add to cart</button></div>
<div class="pages" style="margin-top:60px"><a href="#">1</a><a href="#">2</a><a href="#">3</a></div>
<div class="pages days" style="margin-top:40px"><a href="#">14</a><a href="#">15</a><a href="#">16</a></div>
</div></body></html>"""


def test_a_narrow_box_with_a_number_beside_a_button_is_a_quantity_field(tmp_path):
    soup = _soup_of(QUANTITY, tmp_path, height=400, scale=1)  # few, large lines: not 2x
    fields = soup.find_all("input")
    # the pagination's boxes (blue numbers) and a row of dates (each its own box) are no fields
    assert [f.get("value") for f in fields] == ["10"]
    assert "Add to cart" in _texts(soup.find_all("button"))
    assert all(t in soup.get_text() for t in ("2", "3", "14", "15", "16"))
