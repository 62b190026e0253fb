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
