"""Several screenshots, one responsive page (issue 20): how the narrow analyses merge into the
wide page's plan, on analyses built by hand in the test (texts and their boxes), rendered in real
Chromium where the outcome is a picture. The end-to-end runs on screenshots are in
test_responsive.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from web_composer.render import RenderOptions, render_html


# --- the third pass: pieces that lie together, boxes placed whole, centred lines, links ------

def _text(words: str, box: tuple, size: int = 16, tag: str = "p", **kw):
    from web_composer.vision.emit.model import Element

    return Element(tag, "text", "text", parts=[words], box=box,
                   look={"font-size": f"{size}px", "line-height": f"{round(size * 1.4)}px"}, **kw)


def _analysis(root, width: int, height: int):
    from types import SimpleNamespace

    from web_composer.vision.emit.model import Plan

    return SimpleNamespace(plan=Plan(root=root, width=width), width=width, height=height)


@pytest.fixture(scope="module")
def orchard():
    """Two analyses as the engine would measure them (built by hand, so each case is exact):
    a banner whose button sits 1000 px from the left at 1280, a sentence the phone read as
    three centred lines, and a stray "a" (a letter read in an icon) far below a sentence that
    has the word. Merged, written and rendered at 390 and 768 px."""
    from web_composer.vision.emit.model import Element
    from web_composer.vision.engine import _emit
    from web_composer.vision.responsive import merge_breakpoints

    banner = Element("section", "panel", "box", look={"background": "#2a4d69"},
                     box=(0, 160, 1280, 300), geom={"min-height": "140px"}, children=[
        _text("Cider tasting days", (120, 210, 420, 250), 30, "h2", geom={"margin-left": "120px"}),
        Element("button", "panel", "button", look={"background": "#f4a259"},
                box=(1000, 205, 1160, 255), geom={"width": "160px", "margin-left": "1000px"},
                children=[_text("SEE DATES", (1030, 220, 1130, 240))])])
    wide = Element("div", "page", "page", children=[
        _text("Northwind Orchards", (120, 30, 420, 70), 34, "h1"),
        _text("Pick your own apples from the old trees on the hill every weekend",
              (120, 100, 1100, 124)),
        banner,
        _text("Open from May to October, a short walk from the station", (120, 400, 700, 424))])
    narrow = Element("div", "page", "page", children=[
        _text("Northwind Orchards", (16, 20, 260, 50), 26, "h1"),
        _text("Pick your own apples from the", (60, 80, 330, 102)),
        _text("old trees on the hill every", (75, 104, 315, 126)),
        _text("weekend", (160, 128, 230, 150)),
        Element("section", "panel", "box", look={"background": "#2a4d69"},
                box=(0, 170, 390, 330), children=[
            _text("Cider tasting days", (60, 190, 330, 220), 24, "h2"),
            _text("SEE DATES", (140, 260, 250, 280))]),
        _text("Open from May to October, a short walk from the station", (16, 360, 374, 405)),
        _text("a", (16, 760, 28, 776))])
    main = _analysis(wide, 1280, 460)
    assert merge_breakpoints(main.plan, [_analysis(narrow, 390, 800)]) == []
    html, _ = _emit(main.plan, "css", "Orchard")
    probe = """() => ({scroll: document.documentElement.scrollWidth,
      align: getComputedStyle(document.querySelector('p')).textAlign,
      open: [...document.querySelectorAll('p')].pop().getBoundingClientRect().height})"""
    return {w: render_html(html, None, RenderOptions(width=w, height=600, evaluate=probe)).data
            for w in (390, 768)}


def test_what_a_box_placed_whole_holds_stays_inside_it(orchard):
    """The banner is placed whole at 390 px: its button gives up its 1000 px margin there
    (it made the page 1160 px wide at 390 and 768)."""
    assert orchard[390]["scroll"] <= 390 and orchard[768]["scroll"] <= 768, orchard


def test_lines_read_apart_but_sharing_their_middle_are_centred(orchard):
    assert orchard[390]["align"] == "center"


def test_a_stray_word_far_below_does_not_stretch_a_text(orchard):
    """The "a" 350 px below the sentence is one of its words, but no piece of it."""
    assert orchard[390]["open"] <= 60, orchard[390]


def test_a_link_inside_a_link_keeps_its_words_in_their_element(tmp_path: Path):
    """HTML cannot nest links: the parser closes the outer one where the inner opens, and the
    words after it fall out (in the phone grid: items no rule places, one pixel wide)."""
    from web_composer.vision.emit.model import Element, Plan
    from web_composer.vision.engine import _emit

    inner = Element("a", "inline", "", parts=["file."], attrs={"href": "#"})
    line = Element("a", "text", "link", parts=["Styles are in half-slider.css ", inner, " here"],
                   attrs={"href": "#", "id": "line"}, look={"font-size": "16px"})
    html, _ = _emit(Plan(root=Element("div", "page", "page", children=[line])), "css", "Links")
    probe = "() => document.getElementById('line').innerText"
    text = render_html(html, None, RenderOptions(width=1280, height=200, evaluate=probe)).data
    assert "file." in text and "here" in text, text


def _merged(wide_texts: list, narrow_texts: list):
    """Merge hand-built analyses (texts only) at 1280 and 390; returns the wide page's plan."""
    from web_composer.vision.emit.model import Element
    from web_composer.vision.responsive import merge_breakpoints

    wide = Element("div", "page", "page", children=wide_texts)
    narrow = Element("div", "page", "page", children=narrow_texts)
    plan = _analysis(wide, 1280, 600).plan
    merge_breakpoints(plan, [_analysis(narrow, 390, 900)])
    return plan


def test_a_first_line_read_apart_shares_the_narrow_paragraph():
    """The wide screenshot read a paragraph's first line as two texts of its own, the narrow
    one the whole paragraph as one block: the first line must not be hidden at 390."""
    first = _text("Schueller", (160, 1006, 285, 1030), 21)
    rest_of_line = _text("de Waal stages their Spring Summer collection", (286, 1006, 1120, 1030), 21)
    story = ("around being normal: the performance moved through the city and its people, from "
             "the station square to the harbour, with dancers wearing every piece of the "
             "collection while the audience followed them on foot")
    body = _text(story, (160, 1034, 1120, 1130), 21)
    _merged([first, rest_of_line, body], [_text(
        "Schueller de Waal stages their Spring Summer collection " + story, (10, 834, 381, 1102))])
    for el in (first, rest_of_line, body):
        assert el.media[390].get("display") != "none", el.parts
        assert "row" in el.media[390]
    assert int(first.media[390]["row"]) <= int(body.media[390]["row"])  # in reading order


def test_a_garbled_piece_inside_a_placed_text_is_not_drawn_again():
    """The narrow reading split a low-contrast paragraph into pieces, one too garbled to
    match ("grays scale is op"): it lies inside the placed paragraph's box, so it is no text
    of its own (drawn again it would overprint the paragraph)."""
    paragraph = _text("Grayscale is open source and MIT licensed so use it for any project",
                      (400, 1600, 880, 1660))
    garbled = _text("grays scale is op", (58, 1667, 183, 1684))
    root = _merged([paragraph], [
        garbled, _text("urce and MIT", (227, 1666, 334, 1684)),
        _text("licensed so use it for any project", (54, 1685, 334, 1733))])
    assert "row" in paragraph.media[390]
    assert garbled not in root.root.children  # not added as a narrow-only text


def test_a_text_takes_the_phone_screenshots_colour_where_it_plainly_differs():
    """A nav bar light over the desktop's photo is solid white on phones, its brand dark."""
    from web_composer.vision.engine import _emit

    brand = _text("Start Bootstrap", (40, 20, 200, 44), 18, attrs={"id": "brand"})
    brand.look["color"] = "#c7c7c7"
    near = _text("Launch your app today", (40, 80, 400, 104), 16)
    near.look["color"] = "#333333"
    phone = [_text("Start Bootstrap", (20, 20, 180, 44), 18), _text("Launch your app today",
                                                                    (20, 70, 300, 94), 16)]
    phone[0].look["color"], phone[1].look["color"] = "#000", "#3a3a3a"
    plan = _merged([brand, near], phone)
    assert brand.media[390].get("color") == "#000"
    assert "color" not in near.media[390]  # a few units apart: a reading's noise, kept
    html, _ = _emit(plan, "css", "Colours")
    probe = "() => getComputedStyle(document.getElementById('brand')).color"
    got = {w: render_html(html, None, RenderOptions(width=w, height=200, evaluate=probe)).data
           for w in (390, 1280)}
    assert got == {390: "rgb(0, 0, 0)", 1280: "rgb(199, 199, 199)"}, got


def test_a_left_paragraph_stays_left_though_one_full_line_looks_centred():
    """Read line by line at 390, a left-aligned paragraph's longest line spans the column
    with even margins (its own analysis calls it centred); the lines share their left edge,
    not their right one, so the paragraph is set left."""
    paragraph = _text("I received my PhD from Purdue where I worked closely with the professors "
                      "Hu and Midkiff and earned my degree from Kanpur", (300, 478, 1000, 520))
    lines = [_text("I received my PhD from Purdue where", (25, 478, 300, 496)),
             _text("I worked closely with the professors Hu and Midkiff and", (16, 502, 374, 520),
                   geom={"text-align": "center"}),
             _text("earned my degree from Kanpur", (15, 524, 240, 544))]
    _merged([paragraph], lines)
    assert paragraph.media[390].get("align", "left") == "left", paragraph.media[390]


def test_a_message_box_is_placed_by_its_placeholder():
    """A <textarea> holds no text of its own (its parts are empty, not None): it is found at
    390 by its placeholder like an <input>, not hidden there (13504's contact form)."""
    from web_composer.vision.emit.model import Element

    def box(y0, y1, x0, x1):
        return Element("textarea", "field", "field", parts=[], attrs={"placeholder": "Message"},
                       box=(x0, y0, x1, y1))

    wide = box(1661, 1816, 84, 616)
    _merged([wide], [box(1356, 1528, 24, 366)])
    assert wide.media[390].get("display") != "none" and "row" in wide.media[390], wide.media


# --- the fourth pass: every word a width's screenshot shows is text at that width ------------

def _texts_at(plan, widths=(390, 1280)) -> dict[int, str]:
    from web_composer.vision.engine import _emit

    html, _ = _emit(plan, "css", "Words")
    probe = "() => document.body.innerText"
    return {w: render_html(html, None, RenderOptions(width=w, height=300, evaluate=probe)).data
            for w in widths}


def test_a_text_the_phone_reads_more_fully_shows_its_phone_reading_there():
    """The desktop reading missed a button's second word and a paragraph's middle line, the
    phone reading has them: at 390 the phone reading is shown (once), at 1280 the page is what
    the desktop screenshot alone gives. A reading that differs only by a misread letter keeps
    the desktop reading."""
    from web_composer.vision.emit.model import Element, Plan
    from web_composer.vision.engine import _emit

    def wide():
        return [_text("View", (760, 40, 800, 58)),
                _text("A couple of years ago we planning to attend a retreat in Toronto",
                      (180, 100, 900, 124)),
                _text("Stop in today and fill your basket up", (180, 160, 700, 184))]

    narrow = [_text("View Project", (28, 30, 130, 48)),
              _text("A couple of years ago we planning to attend a retreat in Toronto held by "
                    "the Chopra Center", (16, 70, 374, 140)),
              _text("Stop in today and fill your vasket up", (16, 160, 374, 184))]
    plan = _merged(wide(), narrow)
    got = _texts_at(plan)
    alone, _ = _emit(Plan(root=Element("div", "page", "page", children=wide()), width=1280),
                     "css", "Words")
    want = render_html(alone, None, RenderOptions(width=1280, height=300,
                                                  evaluate="() => document.body.innerText")).data
    assert got[390].count("View Project") == 1 and got[390].count("View") == 1, got[390]
    assert got[390].count("Chopra Center") == 1 and got[390].count("couple") == 1, got[390]
    assert "basket" in got[390] and "vasket" not in got[390], got[390]
    assert got[1280] == want, (got[1280], want)


def test_a_text_shown_at_the_middle_width_alone_is_not_hidden_at_the_phone_width():
    """With three screenshots a text only the 768 px one read is added for 768 alone; the
    390 px screenshot shows it too, so it must be shown there, not hidden at both."""
    from web_composer.vision.emit.model import Element
    from web_composer.vision.responsive import merge_breakpoints

    root = Element("div", "page", "page", children=[_text("Harbour tours", (100, 40, 400, 80))])
    plan = _analysis(root, 1280, 300).plan
    middle = Element("div", "page", "page", children=[
        _text("Harbour tours", (40, 30, 300, 70)), _text("Menu", (600, 30, 660, 50))])
    phone = Element("div", "page", "page", children=[
        _text("Harbour tours", (16, 20, 260, 50)), _text("Menu", (320, 20, 374, 40))])
    merge_breakpoints(plan, [_analysis(middle, 768, 300), _analysis(phone, 390, 300)])
    got = _texts_at(plan, (390, 768, 1280))
    assert "Menu" in got[390] and "Menu" in got[768] and "Menu" not in got[1280], got


def test_a_text_the_phone_analysis_cut_out_as_a_picture_stays_text():
    """A small heading on a dark bar is read at 1280; at 390 its analysis took it for a
    picture. Beside the same matched text, with the same shape, the picture is that heading:
    the heading is placed there as text (not hidden at 390) and the picture is not added."""
    from web_composer.vision.emit.model import Element

    heading = _text("Privacy policy", (542, 662, 667, 683), 18)
    notice = "Cookies are used to optimise and continually improve the website"
    wide = [heading, _text(notice, (238, 688, 954, 702), 12)]
    picture = Element("img", "img", "picture", attrs={"src": "assets/crop.png", "alt": ""},
                      box=(124, 643, 206, 656))
    plan = _merged(wide, [picture, _text(notice, (29, 663, 307, 687), 10)])
    assert heading.media[390].get("display") != "none" and "row" in heading.media[390]
    assert picture not in plan.root.children
    got = _texts_at(plan)
    assert "Privacy policy" in got[390] and "Privacy policy" in got[1280], got
