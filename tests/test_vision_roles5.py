"""Lone entries of a header's bar are links (issue 17, fifth pass).

The tests build the elements the engine's reading gives for a page's top bar (texts and pictures
with their measured look and box) and run the plan's landmark step on them, as plan_page does.
No browser: the step only changes tags.
"""

from __future__ import annotations

from web_composer.vision.emit.model import Element
from web_composer.vision.emit.plan import _landmarks


def _line(text, left, top=20, tag="p", size="16px", weight="700"):
    return Element(tag, "text", "text", parts=[text], nowrap=True,
                   look={"font-size": size, "color": "#fff", "font-weight": weight},
                   box=(left, top, left + 9 * len(text), top + 18))


def _logo(left=0):
    return Element("img", "img", "image", attrs={"src": "assets/logo.png"},
                   box=(left, 10, left + 60, 45))


def _row(*kids):
    return Element("div", "row", "group", children=list(kids),
                   box=(min(k.box[0] for k in kids), 10, max(k.box[2] for k in kids), 60))


def _page(bar):
    header = Element("section", "panel", "panel", children=[bar], look={"background": "#000"},
                     box=(0, 0, 1280, 120))
    prose = _line("Words of the page set in the body's type, " * 8, 0, 300, weight="400")
    prose.nowrap = False
    footer = Element("section", "panel", "panel", children=[_line("Contact", 0, 900)],
                     box=(0, 880, 1280, 960))
    page = Element("div", "page", "backdrop", children=[header, prose, footer])
    _landmarks(page)
    return page


def _links(page):
    out = []

    def walk(el):
        if el.tag == "a":
            out.append("".join(p for p in el.parts if isinstance(p, str)))
        for p in el.parts or []:
            if isinstance(p, Element):
                walk(p)
        for c in el.children:
            walk(c)
    walk(page)
    return out


def test_a_lone_entry_at_the_far_end_of_the_bar_from_the_brand_is_a_link():
    """5201's "HOME" (read as an h3, set bold) right of the site's name and its subtitle."""
    brand = Element("div", "stack", "group", children=[
        _line("Day Trippers", 0, 40, tag="h1", size="24px"),
        _line("2010. Silkscreen on cardboard", 0, 70, weight="400")], box=(0, 40, 240, 90))
    home = _line("HOME", 760, tag="h3")
    page = _page(_row(brand, home))
    assert page.children[0].tag == "header"
    assert home.tag == "h3" and "HOME" in _links(page)  # the heading holds the link
    # beside a logo, two entries: the company's site and the language
    go, lang = _line("Go to EnGenius Technologies", 650), _line("English", 900, weight="400")
    page = _page(_row(_logo(), go, lang))
    assert (go.tag, lang.tag) == ("a", "a")


def test_a_line_near_the_brand_or_a_sentence_in_the_bar_stays_text():
    """A tagline beside the logo is not a menu entry; neither is a notice that is a sentence,
    nor a line beside a brand that is a sentence itself."""
    tagline = _line("Fine prints", 80)
    _page(_row(_logo(), tagline))
    assert tagline.tag == "p"
    notice = _line("We ship today!", 800)
    _page(_row(_logo(), notice))
    assert notice.tag == "p"
    long_brand = _line("The studio of a painter and printmaker in Leeds", 0, weight="400")
    lone = _line("HOME", 900)
    _page(_row(long_brand, lone))
    assert lone.tag == "p"


def _item(text, top, size="13px", colour="#aaa", left=40):
    el = _line(text, left, top, size=size, weight="400")
    el.look["color"] = colour
    return el


def _footer_page(*columns):
    footer = Element("section", "panel", "panel", box=(0, 880, 1280, 1100), children=[
        Element("div", "row", "group", children=list(columns), box=(40, 900, 1240, 1000))])
    prose = _line("Words of the page set in the body's type, " * 8, 0, 300, weight="400")
    prose.nowrap = False
    page = Element("div", "page", "backdrop", children=[
        Element("section", "panel", "panel", children=[_line("Brand", 0)], box=(0, 0, 1280, 80)),
        prose, footer])
    _landmarks(page)
    return page


def test_two_short_lines_under_a_footer_column_title_are_its_links():
    """16790's "Resources" over "Documentation" and "Blog"; 15861's "TAKE ACTION" over "Donate"
    and "Campaigns" (sizes a pixel apart as OCR measures them)."""
    title = _line("Resources", 40, 900, size="15px")
    docs, blog = _item("Documentation", 930), _item("Blog", 952, size="12px", colour="#a4a4a4")
    column = Element("div", "stack", "group", children=[title, docs, blog], box=(40, 900, 200, 970))
    page = _footer_page(column)
    assert page.children[-1].tag == "footer"
    assert [c.tag for c in column.children] == ["p", "ul"]
    assert {"Documentation", "Blog"} <= set(_links(page))
    assert [li.tag for li in column.children[1].children] == ["li", "li"]
    # two titled groups one under the other in one column
    groups = [_line("Help", 300, 900, size="15px"), _item("Returns", 930, left=300),
              _item("Delivery", 952, left=300), _line("Company", 300, 990, size="15px"),
              _item("Careers", 1020, left=300), _item("Press", 1042, left=300)]
    column2 = Element("div", "stack", "group", children=groups, box=(300, 900, 500, 1060))
    _footer_page(column2)
    assert [c.tag for c in column2.children] == ["p", "ul", "p", "ul"]


def test_an_address_or_a_paragraph_under_a_footer_title_stays_text():
    """Lines with figures (an address), lines that are sentences, and short lines that go on
    into more text are not a column of links."""
    address = [_item("12 Harbour Road", 930), _item("Leith EH6 6LX", 952)]
    col1 = Element("div", "stack", "group", children=[_line("Visit", 40, 900), *address],
                   box=(40, 900, 200, 970))
    said = [_item("We ship worldwide.", 930), _item("Returns are free.", 952)]
    col2 = Element("div", "stack", "group", children=[_line("About", 300, 900), *said],
                   box=(300, 900, 500, 970))
    prose = [_item("Our shop", 930), _item("opened in", 952), _item(
        "a street near the harbour that every sailor of the town has walked", 974)]
    col3 = Element("div", "stack", "group", children=[_line("Story", 600, 900), *prose],
                   box=(600, 900, 900, 990))
    _footer_page(col1, col2, col3)
    assert [el.tag for el in address + said + prose] == ["p"] * 7
