"""Titles set barely apart from the body, and a top bar with a notice (issue 17, fourth pass).

Each test builds the elements the engine's reading gives for a piece of a page (texts with
their measured look and box) and runs one plan step on them. Pages often set their h2-h3 at the
body's size, only bolder, or over smaller text; a form's title is a plain line over its fields;
a blog's post titles are large links that wrap. No browser: the steps only change tags.
"""

from __future__ import annotations

from tailwind_page import assert_same_pixels, titled_page

from web_composer.vision.emit.model import Element


def _line(text, size="16px", weight="400", colour="#333", tag="p", top=0, left=10, nowrap=True):
    return Element(tag, "text", "text", parts=[text], nowrap=nowrap,
                   look={"font-size": size, "color": colour, "font-weight": weight,
                         "font-family": "Arial"},
                   attrs={"href": "#"} if tag == "a" else {},
                   box=(left, top, left + 8 * len(text), top + 18))


def _prose(size="16px"):
    return _line("Words of the page set in the body's type, " * 12, size=size, nowrap=False)


def _column(*kids):
    return Element("div", "stack", "group", children=list(kids))


def _page(*kids):
    return Element("div", "page", "backdrop", children=[_prose(), *kids])


def _rank(page):
    from web_composer.vision.emit.headings import rank_headings

    rank_headings(page)
    return page


def test_a_bold_line_over_lighter_text_at_the_body_size_is_a_heading():
    """A footer column's "For Teams" (bold white) over "Platform for Training" (regular grey),
    all at the body's 13.6 px: the weight is what tells the title."""
    title = _line("For Teams", "0.85rem", "700", "#fff")
    items = [_line(t, "0.85rem", "400", "#aeb2ba") for t in ("Platform for Training",
                                                            "Pre-Sales Automation")]
    page = Element("div", "page", "backdrop", children=[
        _prose("0.85rem"), _column(title, *items)])
    _rank(page)
    assert title.tag == "h3"
    assert [el.tag for el in items] == ["p", "p"]
    # the same line on a page whose text is all bold is not told apart by its weight
    title2 = _line("For Teams", "0.85rem", "700", "#fff")
    bold = _line("Words of the page set in the body's type, " * 12, "0.85rem", "700", nowrap=False)
    page2 = Element("div", "page", "backdrop", children=[
        bold, _column(title2, _line("Platform for Training", "0.85rem", "400"))])
    _rank(page2)
    assert title2.tag == "p"
    # a bold line over bold text is not a title either
    lead = _line("Opening hours", "16px", "700")
    _rank(_page(_column(lead, _line("Monday to Friday", "16px", "700"))))
    assert lead.tag == "p"


def test_a_body_size_line_over_clearly_smaller_text_is_a_heading():
    """12943's "CREDITS" (21 px, the body's own size and weight) over its 15 px credits."""
    title = _line("CREDITS", "21px")
    under = _line("Art Direction", "15px", "700")
    page = Element("div", "page", "backdrop", children=[_prose("21px"), _column(title, under)])
    _rank(page)
    assert title.tag == "h3"
    # over text only a little smaller (OCR's noise), a body-size line stays a paragraph
    plain = _line("Opening hours", "21px")
    page2 = Element("div", "page", "backdrop", children=[
        _prose("21px"), _column(plain, _line("Monday to Friday", "19px"))])
    _rank(page2)
    assert plain.tag == "p"


def test_a_short_line_over_a_form_is_its_title():
    """7170's "Please Log In": a plain line at the body size over a row holding a label and
    its field; a label over a field is not taken for a title."""
    title = _line("Please Log In", "15px", colour="#464646")
    label = _line("Username", "15px", tag="label")
    field = Element("input", "field", "field", attrs={"type": "text"})
    row = Element("div", "row", "row", children=[label, field])
    page = Element("div", "page", "backdrop", children=[_prose("15px"), _column(title, row)])
    _rank(page)
    assert title.tag == "h3" and label.tag == "label"
    sentence = _line("Fill in the form below, then press send.", "15px")
    _rank(Element("div", "page", "backdrop", children=[
        _prose("15px"), _column(sentence, Element("div", "row", "row", children=[
            _line("Name", "15px", tag="label"), Element("input", "field", "field")]))]))
    assert sentence.tag == "p"  # a sentence over a form stays a paragraph


def test_a_large_link_title_that_wraps_is_a_heading_holding_its_link():
    """9625's related posts: "Swift script to export lists from Reminders.app", 27 px over a
    21 px body, wraps over two lines, with its date under it."""
    title = _line("Swift script to export lists from Reminders.app", "27px", colour="#ff8000",
                  tag="a", nowrap=False)
    date = _line("May 8, 2019", "20px")
    page = Element("div", "page", "backdrop", children=[_prose("21px"), _column(title, date)])
    _rank(page)
    assert title.tag == "h3" and title.parts[0].tag == "a"
    # a link set at the body size that wraps is a sentence-long link, not a title
    long_link = _line("Swift script to export lists from Reminders.app", "21px",
                      colour="#ff8000", tag="a", nowrap=False)
    page2 = Element("div", "page", "backdrop", children=[
        _prose("21px"), _column(long_link, _line("May 8, 2019", "20px"))])
    _rank(page2)
    assert long_link.tag == "a"


def test_a_top_bar_with_a_notice_beside_its_menu_is_a_header():
    """10685's bar: "Ship Globally Posted within 24 hours" and "Log in or Create account" are
    longer than menu items, "Cart" and "Search" are its menu. The bar is the header; its
    longer lines stay paragraphs. A bar of three longer lines is not a menu."""
    from web_composer.vision.emit.plan import _landmarks

    def bar(*texts):
        items = [_line(t, "13px", left=150 + 220 * i, top=22) for i, t in enumerate(texts)]
        return Element("div", "row", "row", children=items, box=(150, 22, 1100, 40))

    body = [_prose() for _ in range(2)]
    page = Element("div", "page", "backdrop", children=[
        bar("Ship Globally Posted within 24 hours", "Log in or Create account", "Cart",
            "Search")] + body)
    _landmarks(page)
    header = page.children[0]
    assert header.tag == "header"
    nav = header.children[0]
    assert nav.tag == "nav"
    assert [c.tag for c in nav.children] == ["p", "p", "ul"]
    assert [li.parts[0].parts[0] for li in nav.children[2].children] == ["Cart", "Search"]
    busy = Element("div", "page", "backdrop", children=[
        bar("Ship Globally Posted within 24 hours", "Log in or Create account",
            "Free returns for thirty days", "Cart", "Search")] + [_prose() for _ in range(2)])
    _landmarks(busy)
    assert busy.children[0].tag != "header"


def test_the_last_line_of_a_box_set_larger_than_what_follows_is_a_heading():
    """4677's "COMMENTS" (14 px over a 12 px body) ends its column; the next text the reader
    meets is smaller. A lone mark OCR read ("=", 23 px) is never a title."""
    title = _line("COMMENTS", "14px", colour="#000")
    mark = _line("=", "23px")
    after = _line("Powered by Blogger", "12px")
    page = Element("div", "page", "backdrop", children=[
        _prose("12px"), _column(_prose("12px"), mark, _prose("12px"), title), after])
    _rank(page)
    assert title.tag == "h3" and mark.tag == "p"
    # over larger text (a hero's tagline before the first section title) it stays a paragraph
    tagline = _line("Summon Sky Servers", "20px")
    page2 = Element("div", "page", "backdrop", children=[
        _prose(), _column(tagline), _line("My Apprenticeship", "34px")])
    _rank(page2)
    assert tagline.tag == "p"


def _pill(label, gap="8px", colour="#000", drop=""):
    span = Element("span", "text", "text", parts=[label], nowrap=True,
                   look={"font-size": "15px", "color": "#ddd"},
                   geom={"margin-top": "10px", "text-align": "center"})
    geom = {"margin-left": gap, "width": f"{10 * len(label) + 24}px", "min-height": "40px"}
    if drop:
        geom["margin-top"] = drop
    return Element("button", "panel", "button", children=[span], geom=geom,
                   look={"background": colour, "border-radius": "3px"})


def test_a_row_of_tag_buttons_is_a_list_that_renders_as_the_row_it_was(tmp_path):
    """9625's tags: three black pills in a row become <ul><li><button>, list and items
    ``display: contents``; both stacks, real Chromium, give the same pixels at the page's
    width and on a phone. Two pills, pills of different looks, or a form's submit beside
    them stay buttons in the row."""
    import copy

    from web_composer.vision.emit.lists_buttons import button_lists

    pills = [_pill("Scripting", "0px"), _pill("Swift", drop="2px"), _pill("Tips and Tricks")]
    out = button_lists(pills)
    assert [el.tag for el in out] == ["ul"] and out[0].kind == "contents"
    assert [(li.tag, li.kind, li.children[0].tag) for li in out[0].children] == \
        [("li", "contents", "button")] * 3
    assert [el.tag for el in button_lists([_pill("Save"), _pill("Swift")])] == ["button"] * 2
    mixed = [_pill("Save"), _pill("Swift", colour="#f00"), _pill("Help")]
    assert [el.tag for el in button_lists(mixed)] == ["button"] * 3
    form = [_pill("Save"), _pill("Swift"), _pill("Help")]
    form[2].attrs["type"] = "submit"
    assert [el.tag for el in button_lists(form)] == ["button"] * 3

    before = [_pill("Scripting", "0px"), _pill("Swift", drop="2px"), _pill("Tips and Tricks")]
    after = button_lists(copy.deepcopy(before))
    for width in (900, 390):
        assert_same_pixels(*(titled_page(kids, "Hot reloading",
                                         "The other day, while I was writing a script.", 900)
                             for kids in (before, after)), tmp_path, width, 240)


def test_two_lines_under_a_column_title_beside_a_columns_list_are_a_list():
    """16790's footer: "Contact" holds a list of three links; "For Teams" and "About" hold two
    lines each under their titles. In that row the two lines are a list of links too. A
    column of two lines that differ in look, or a row with no list, is left alone."""
    from web_composer.vision.emit.lists_columns import column_lists

    def title(text, left):
        return _line(text, "13.6px", "700", "#fff", tag="h3", left=left, top=1324)

    def items(left, *texts, size="13.6px"):
        return [_line(t, size, colour="#aeb2ba", left=left, top=1362 + 31 * i)
                for i, t in enumerate(texts)]

    def linked_list(left, *texts):
        lis = items(left, *texts)
        for li in lis:
            li.tag, li.parts = "li", [Element("a", "inline", "", parts=li.parts,
                                              attrs={"href": "#"})]
        nav = Element("nav", "stack", "nav", children=[Element("ul", "stack", "list",
                                                               children=lis)])
        return nav

    teams = Element("div", "stack", "group", children=[
        title("For Teams", 53), *items(53, "Platform for Training", "Pre-Sales Automation")])
    mixed = Element("div", "stack", "group", children=[
        title("Resources", 389), *items(389, "Documentation"), *items(389, "Blog",
                                                                      size="11px")])
    contact = Element("div", "stack", "group", children=[
        title("Contact", 966), linked_list(966, "Twitter", "Linkedin", "Email Us")])
    row = Element("div", "row", "row", children=[teams, mixed, contact])
    column_lists(Element("div", "page", "backdrop", children=[row]))
    ul = teams.children[1]
    assert ul.tag == "ul" and [li.tag for li in ul.children] == ["li", "li"]
    assert [li.parts[0].tag for li in ul.children] == ["a", "a"]
    assert [el.tag for el in mixed.children[1:]] == ["p", "p"]
    alone = Element("div", "stack", "group", children=[
        title("For Teams", 53), *items(53, "Platform for Training", "Pre-Sales Automation")])
    others = [Element("div", "stack", "group", children=[title(t, 400 + 300 * i), *items(
        400 + 300 * i, "One line", "Another line")]) for i, t in enumerate(("About", "Legal"))]
    column_lists(Element("div", "page", "backdrop", children=[
        Element("div", "row", "row", children=[alone, *others])]))
    assert [el.tag for el in alone.children] == ["h3", "p", "p"]  # no list beside them
