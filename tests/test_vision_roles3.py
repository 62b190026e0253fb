"""Menus and titles the plan step reads from how lines are set (issue 17, third pass).

Each test builds the elements the engine's reading gives for a piece of a page (texts with
their measured look and box) and runs one plan step on them: menus OCR read as one line, lines
cut by separators, columns of links whose colour and size OCR measured a little differently,
column titles set alike. No browser: the steps only change tags.
"""

from __future__ import annotations

from tailwind_page import assert_same_pixels, titled_page

from web_composer.vision.emit.model import Element


def _line(text, top=0, size="12px", colour="#515151", weight="400", tag="p", left=10):
    return Element(tag, "text", "text", parts=[text], nowrap=True,
                   look={"font-size": size, "color": colour, "font-weight": weight,
                         "font-family": "Arial"},
                   box=(left, top, left + 8 * len(text), top + 14))


def _link(text, colour="#f00"):
    return Element("a", "inline", "link", parts=[text], look={"color": colour},
                   attrs={"href": "#"})


def _shape(el):
    """A line's parts, with a menu's inline list read through (its items' parts in order)."""
    out = []
    for p in el.parts:
        if isinstance(p, Element) and p.tag in ("ul", "li"):
            out += _shape(p)
        else:
            out.append(p if isinstance(p, str) else (p.tag, p.parts[0]))
    return out


def _items(nav):
    """The texts of each <li> of a menu line's inline list."""
    ul = [p for p in nav.parts if isinstance(p, Element) and p.tag == "ul"]
    assert len(ul) == 1 and ul[0].kind == "inline-list"
    assert all(li.tag == "li" and li.kind == "inline-list" for li in ul[0].parts)
    return ["".join(q if isinstance(q, str) else q.parts[0] for q in li.parts)
            for li in ul[0].parts]


def test_a_separated_line_with_a_long_part_and_a_coloured_separator_is_a_nav():
    """"HOME <a>-</a> BOOKS - ABOUT": OCR gave the first dash its own colour; it stays a
    separator (a <span> in its colour), and a part of five words is still a menu item."""
    from web_composer.vision.emit.menus import separated_links

    el = Element("p", "text", "text", nowrap=True, parts=[
        "HOME ", _link("-", "#4d4d4d"), " BOOKS - Kindergarten Practicum Resource & Experience"])
    separated_links(el)
    assert el.tag == "nav"
    assert _shape(el) == [("a", "HOME"), " ", ("span", "-"), " ", ("a", "BOOKS"), " - ",
                          ("a", "Kindergarten Practicum Resource & Experience")]
    assert _items(el) == ["HOME - ", "BOOKS - ", "Kindergarten Practicum Resource & Experience"]
    span = el.parts[0].parts[0].parts[2]
    assert span.look["color"] == "#4d4d4d" and "href" not in span.attrs
    sentence = Element("p", "text", "text", nowrap=True,
                       parts=["We walked - slowly, as the path was wet after a night of rain - "
                              "to the cove - and back"])
    separated_links(sentence)  # a part longer than a name: a sentence with dashes
    assert sentence.tag == "p" and isinstance(sentence.parts[0], str)


def test_names_between_links_on_one_line_are_links_too():
    from web_composer.vision.emit.menus import mixed_links

    el = Element("p", "text", "text", nowrap=True, parts=[
        _link("Home"), " Menu ", _link("Your Order"), " Your Account ", _link("Help")])
    mixed_links(el)
    assert el.tag == "nav"
    assert _shape(el) == [("a", "Home"), " ", ("a", "Menu"), " ", ("a", "Your Order"), " ",
                          ("a", "Your Account"), " ", ("a", "Help")]
    assert _items(el) == ["Home ", "Menu ", "Your Order ", "Your Account ", "Help"]
    sentence = Element("p", "text", "text", nowrap=True, parts=[
        "Read ", _link("the guide"), " and ", _link("the map"), " first"])
    mixed_links(sentence)  # lower-case words between the links: a sentence
    assert sentence.tag == "p" and sentence.parts[0] == "Read "


def test_a_link_column_despite_ocr_noise_in_colour_and_size():
    """Footer items measured #515151 / #444, 12 px / 11.2 px, one of five words: one column of
    links; the bold title above it is not its first item."""
    from web_composer.vision.emit.menus import link_columns
    from web_composer.vision.emit.plan import _as_list_item

    column = [_line("WHAT WE DO", 0, "15px", "#1f69b3", "700"),
              _line("Asia and the Pacific", 30), _line("Europe", 60, "0.7rem", "#444"),
              _line("Latin America and the Caribbean", 90),
              _line("Middle East and North Africa", 120)]
    link_columns(column, _as_list_item)
    assert [el.tag for el in column] == ["p", "li", "li", "li", "li"]
    assert [el.parts[0].parts[0] for el in column[1:]] == [
        "Asia and the Pacific", "Europe", "Latin America and the Caribbean",
        "Middle East and North Africa"]
    apart = [_line("Asia", 0), _line("Europe", 30, colour="#b03030"), _line("Africa", 60)]
    link_columns(apart, _as_list_item)  # a red line is not OCR's noise on a grey one
    assert [el.tag for el in apart] == ["p", "p", "p"]


def test_a_column_title_set_like_its_neighbours_heading_is_a_heading():
    from web_composer.vision.emit.column_titles import column_titles

    def column(*children):
        return Element("div", "stack", "group", children=list(children))

    care = _line("CUSTOMER CARE", 0, "15px", "#222")
    care.tag, care.name = "h3", "heading-3"
    menu = Element("nav", "stack", "nav", children=[])
    about = _line("ABOUT MARGO'S GIFTS", 0, "15px", "#2a2a2a")
    text = _line("Margo's was established in 1935 and is", 30, "15px", "#222")
    news = _line("Sign up for our letters", 0, "13px", "#222")
    row = Element("div", "row", "row", children=[
        column(care, menu), column(about, text), column(news)])
    column_titles(Element("div", "page", "backdrop", children=[row]))
    assert about.tag == "h3"
    assert text.tag == "p"  # not a column's first line
    assert news.tag == "p"  # set smaller than the title


def test_categories_with_counts_hold_the_names_link():
    """"Abarth (179)" one under the other: a column of figures stays plain items, but each
    item that is a name and its count holds the name's link (OCR may drop the ")")."""
    from web_composer.vision.emit.menus import link_columns
    from web_composer.vision.emit.plan import _as_list_item

    column = [_line("Abarth (179)", 0), _line("AC Cars (593", 30), _line("AEC (45)", 60)]
    link_columns(column, _as_list_item)
    assert [el.tag for el in column] == ["li", "li", "li"]
    assert [(el.parts[0].tag, el.parts[0].parts[0], el.parts[1]) for el in column] == [
        ("a", "Abarth", " (179)"), ("a", "AC Cars", " (593"), ("a", "AEC", " (45)")]
    hours = [_line("Mon 9-17:30", 0), _line("Tue 9-17:30", 30), _line("Wed 9-17:30", 60)]
    link_columns(hours, _as_list_item)  # figures without counts: plain items
    assert [el.tag for el in hours] == ["li", "li", "li"]
    assert all(el.parts == [el.parts[0]] and isinstance(el.parts[0], str) for el in hours)


def test_bulleted_names_set_apart_from_the_text_are_links():
    from web_composer.vision.emit.lists_links import list_links

    def bullets(colour, *texts):
        items = [_line(t, 20 * i, "13px", colour, tag="li") for i, t in enumerate(texts)]
        return Element("ul", "stack", "list", children=items, look={"list-style": "disc outside"})

    prose = Element("p", "text", "text", parts=["A long paragraph of words " * 8],
                    look={"font-size": "15px", "color": "#222"})
    side = bullets("#7b7b7b", "Acorn", "Retrobatch", "Mastodon")
    points = bullets("#222", "Fast", "Cheap", "Quiet")
    sentences = bullets("#7b7b7b", "It is fast.", "It is cheap.")
    list_links(Element("div", "page", "backdrop", children=[prose, side, points, sentences]))
    assert [(li.parts[0].tag, li.parts[0].parts) for li in side.children] == [
        ("a", ["Acorn"]), ("a", ["Retrobatch"]), ("a", ["Mastodon"])]
    assert all(isinstance(li.parts[0], str) for li in points.children + sentences.children)


def test_a_low_bar_of_short_texts_at_the_top_is_a_header_with_a_nav():
    from web_composer.vision.emit.plan import _landmarks

    def bar(top, *texts):
        items = [_line(t, top, "16px", "#fff", left=200 + 80 * i) for i, t in enumerate(texts)]
        row = Element("div", "row", "row", children=items, box=(200, top, 600, top + 18))
        return Element("div", "panel", "box", children=[row], look={"background": "#f00"},
                       box=(0, 0, 1280, top + 40))

    body = [Element("p", "text", "text", parts=["Welcome to the bistro, open every day."],
                    look={"font-size": "16px"}, box=(0, 200, 600, 218)) for _ in range(2)]
    page = Element("div", "page", "backdrop", children=[bar(10, "Welcome", "Menu", "Order")] + body)
    _landmarks(page)
    header = page.children[0]
    assert header.tag == "header"
    nav = [el for el in _walk(header) if el.tag == "nav"]
    assert nav and [c.kind for c in nav[0].children] == ["contents"]  # a list, nothing moves
    assert [(li.tag, li.parts[0].tag, li.parts[0].parts[0]) for li in nav[0].children[0].children] \
        == [("li", "a", "Welcome"), ("li", "a", "Menu"), ("li", "a", "Order")]
    hero = Element("div", "page", "backdrop", children=[bar(300, "Big", "Hero", "Words")] + body)
    _landmarks(hero)  # a band further down is not the top bar
    assert hero.children[0].tag != "header"


def test_a_linked_title_over_its_columns_links_is_a_heading():
    from web_composer.vision.emit.headings import rank_headings

    title = Element("a", "text", "link", parts=["WHAT WE DO"], nowrap=True, attrs={"href": "#"},
                    look={"font-size": "15px", "font-weight": "700", "color": "#1f69b3"})
    items = [_line(t, tag="li") for t in ("Advocacy", "Coordination", "Policy")]
    for li in items:
        li.parts = [Element("a", "inline", "", parts=li.parts, attrs={"href": "#"})]
    menu = Element("nav", "stack", "nav", children=[Element("ul", "stack", "list", children=items)])
    prose = Element("p", "text", "text", parts=["Words of the page " * 20],
                    look={"font-size": "12px"})
    page = Element("div", "page", "backdrop", children=[prose, title, menu])
    rank_headings(page)
    assert title.tag == "h3" and title.parts[0].tag == "a"
    assert all(li.tag == "li" for li in items)


def _walk(el):
    yield el
    for child in el.children:
        yield from _walk(child)


def test_a_menu_line_as_an_inline_list_renders_as_the_line_it_was(tmp_path):
    """Both stacks, real Chromium: a menu line written as a <p> of links and the same line as
    a <nav> holding an inline <ul> of <li> give the same pixels."""
    import copy

    from web_composer.vision.emit.menus import separated_links

    line = Element("p", "text", "text", nowrap=True, parts=["Home - Walks - Tide tables - Contact"],
                   look={"font-size": "15px", "color": "#2a6df4"}, geom={"margin-top": "12px"})
    before = copy.deepcopy(line)
    before.parts = [Element("a", "inline", "", parts=[w], attrs={"href": "#"}) if i % 2 == 0
                    else w for i, w in enumerate(["Home", " - ", "Walks", " - ", "Tide tables",
                                                  " - ", "Contact"])]
    separated_links(line)
    assert line.tag == "nav" and line.parts[0].tag == "ul"
    assert_same_pixels(*(titled_page(el, "Coast path", "Sixty miles along the cliffs.", 640)
                         for el in (before, line)), tmp_path, 640, 200)


def test_a_lone_mark_at_a_line_end_over_a_photo_is_not_a_word():
    from web_composer.vision.photo_text import _trimmed
    from web_composer.vision.rescue import RescuedLine

    words = [("i", (536, 481, 539, 485)), ("LEARN", (584, 485, 640, 495)),
             ("MORE", (646, 485, 695, 495)), ("|", (720, 480, 722, 498))]
    line = _trimmed(RescuedLine("i LEARN MORE |", (536, 480, 722, 498), 0.86, words))
    assert line.text == "LEARN MORE" and line.box == (584, 485, 695, 495)
    near = [("A", (500, 480, 510, 498)), ("day", (514, 480, 540, 498))]
    assert _trimmed(RescuedLine("A day", (500, 480, 540, 498), 0.9, near)).text == "A day"


def test_a_menu_entry_measured_apart_from_its_neighbours_is_a_link_too():
    # "About" read in another size than "Home" and "Services" (a second OCR look) is still an
    # entry of the menu it stands in; the site's name before the links is left to brand_link,
    # and a sentence beside links is no entry
    from web_composer.vision.emit.menus import landmark_links

    def bar(*texts):
        kids = [_line("Start Bootstrap", left=80), _link_line("Home", 900),
                *texts, _link_line("Services", 1060)]
        return Element("header", "panel", "", children=[Element("nav", "wrap", "", children=kids)])

    header = bar(_line("About", size="10px", left=1000))
    landmark_links(header, lambda el: None)
    row = header.children[0].children
    assert [(el.tag, _plain_text(el)) for el in row] == [
        ("p", "Start Bootstrap"), ("a", "Home"), ("a", "About"), ("a", "Services")]
    header = bar(_line("read the whole story here", left=1000))
    landmark_links(header, lambda el: None)
    assert [el.tag for el in header.children[0].children] == ["p", "a", "p", "a"]


def _link_line(text, left):
    el = _line(text, left=left, tag="a")
    el.attrs["href"] = "#"
    return el


def _plain_text(el):
    return "".join(p for p in el.parts if isinstance(p, str))
