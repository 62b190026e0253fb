"""The instruction reader keeps everything said (no browser here; the rendered pages are checked in
test_instruct_follow.py): quoted texts and their places, names, enumerations, counts, colours bound
to their regions, placements, components, facts verbatim and the order written, in English and
Chinese."""

from __future__ import annotations

import pytest

from web_composer.instruct import compose_page, parse_instruction
from web_composer.instruct.parse import read

BAKERY = ('A website for a bakery called Sweet Crumbs. At the top, a large banner says "Fresh bread '
          'every morning". Then three cards show our breads: sourdough, baguette and rye.')
PYCON = ("A conference website for PyCon Lisbon 2027. The header is navy blue with the dates (June "
         '10-12) and a "Register now" button in orange. Below, a schedule table with four talks.')


def ids(text: str) -> set[str]:
    return {c.id for c in parse_instruction(text).constraints}


def test_issue_bakery_keeps_the_banner_text_and_the_named_breads():
    plan = parse_instruction(BAKERY)
    hero, cards = plan.section("hero"), plan.section("features")
    assert plan.name == "Sweet Crumbs"
    assert hero.title == "Fresh bread every morning"
    assert [i.title for i in cards.items] == ["sourdough", "baguette", "rye"]
    assert "Butter croissants" not in compose_page(plan).html  # nothing invented in their place
    assert {"text:banner:Fresh bread every morning", "items:items:features",
            "count:cards:features"} <= ids(BAKERY)


def test_issue_conference_name_colours_dates_button_and_table():
    plan = parse_instruction(PYCON)
    assert plan.name == "PyCon Lisbon 2027"
    nav, table = plan.section("nav"), plan.section("table")
    assert nav.background.said == "navy" and nav.background.family == "blue"
    assert plan.theme.button.family == "orange"
    assert nav.cta == "Register now" and "June 10-12" in nav.notes
    assert table is not None and len(table.rows) == 4 and table.headers
    assert {"count:rows:table", "text:button:Register now", "text:text:June 10-12",
            "colour:nav:background", "colour:button:background"} <= ids(PYCON)


@pytest.mark.parametrize("text, name", [
    ("A homepage for a florist named Petal & Stem with a green footer.", "Petal & Stem"),
    ("Maria Lopez's photography website with a gallery of six photos.", "Maria Lopez"),
    ("A landing page for Brightside Dental with three cards.", "Brightside Dental"),
    ("Build a site called Blue Harbor Kayaks; the footer is teal.", "Blue Harbor Kayaks"),
    ("为一家名为“晨光书店”的书店设计网站。", "晨光书店"),
    ("做一个网站，名字叫青山茶社，页脚是棕色。", "青山茶社"),
])
def test_names(text, name):
    assert read(text).name == name


@pytest.mark.parametrize("text, kind, role, items", [
    ("A navigation bar with links Home, Menu, Events and Contact.", "nav", "links",
     ["Home", "Menu", "Events", "Contact"]),
    ("The footer has links to Privacy, Terms and Careers.", "footer", "links",
     ["Privacy", "Terms", "Careers"]),
    ("A booking form with fields name, email, phone and date.", "contact", "fields",
     ["name", "email", "phone", "date"]),
    ("A table with columns Day, Class and Teacher.", "table", "columns", ["Day", "Class", "Teacher"]),
    ("Our services: haircut, colouring, styling and beard trim.", "features", "items",
     ["haircut", "colouring", "styling", "beard trim"]),
    ("Pricing plans Starter ($5/month), Growth ($19/month) and Scale ($49/month).", "pricing",
     "items", ["Starter ($5/month)", "Growth ($19/month)", "Scale ($49/month)"]),
    ("导航栏的链接有首页、课程和联系我们。", "nav", "links", ["首页", "课程", "联系我们"]),
    ("下面是四张卡片：拿铁、美式、摩卡和抹茶。", "features", "items", ["拿铁", "美式", "摩卡", "抹茶"]),
])
def test_enumerations_one_item_each_in_order(text, kind, role, items):
    lists = read(text).lists
    assert [(e["kind"], e["role"], e["items"]) for e in lists] == [(kind, role, items)]


def test_named_items_top_up_a_larger_count_but_never_replace_names():
    plan = parse_instruction("Five cards for our dishes: ramen, gyoza and udon.")
    titles = [i.title for i in plan.section("features").items]
    assert titles[:3] == ["ramen", "gyoza", "udon"] and len(titles) == 5


@pytest.mark.parametrize("text, kind, what, value", [
    ("A schedule table with four talks.", "table", "rows", 4),
    ("A table with 6 rows and 3 columns.", "table", "rows", 6),
    ("A gallery of 5 pictures of the lake.", "gallery", "images", 5),
    ("An FAQ with three questions.", "faq", "cards", 3),
    ("常见问题部分有三个问题。", "faq", "cards", 3),
    ("一个有八张图片的相册。", "gallery", "images", 8),
])
def test_counts(text, kind, what, value):
    counts = [(c["kind"], c["what"], c["value"]) for c in read(text).counts]
    assert (kind, what, value) in counts


@pytest.mark.parametrize("text, target, family", [
    ("The header is navy blue.", "nav", "blue"),
    ("A teal footer.", "footer", "teal"),
    ("The banner is purple.", "hero", "purple"),
    ("Buttons in brown.", "button", "brown"),
    ("A grey navigation bar.", "nav", "gray"),
    ("A gray footer.", "footer", "gray"),
    ("The page background is #fdf6e3.", "page", None),
    ("页脚是紫色。", "footer", "purple"),
    ("导航栏是深蓝色。", "nav", "blue"),
    ("横幅是橙色的。", "hero", "orange"),
])
def test_colours_bound_to_their_region(text, target, family):
    colours = read(text).colours
    assert [(c["target"], c["spec"].family) for c in colours] == [(target, family)]


@pytest.mark.parametrize("text, role", [
    ('A hero with the headline "Ride further".', "banner"),
    ('A big "Book a table" button.', "button"),
    ('A button that says "Start free trial".', "button"),
    ('The about section has the heading "Our story".', "heading"),
    ('The page title is "Tiny Threads | Kids clothes".', "title"),
    ('The footer says "Made in Porto".', "text"),
    ("横幅写着“欢迎光临”。", "banner"),
    ("一个写着“立即预约”的按钮。", "button"),
])
def test_quoted_texts_keep_their_place(text, role):
    quotes = read(text).quotes
    assert len(quotes) == 1 and quotes[0]["role"] == role


@pytest.mark.parametrize("text, facts", [
    ("Open 9am-5pm, call +44 20 7946 0958 or mail hello@crumbs.co.uk.",
     ["9am-5pm", "+44 20 7946 0958", "hello@crumbs.co.uk"]),
    ("Tickets cost $49 and the festival runs 3-5 May 2026.", ["$49", "3-5 May 2026"]),
    ("会议时间为2026年6月10日，电话 010-6275 1234。", ["2026年6月10日", "010-6275 1234"]),
])
def test_facts_verbatim(text, facts):
    assert [f["text"] for f in read(text).facts] == facts


def test_section_order_as_written_hero_last():
    plan = parse_instruction("A site for Lumen Studio: a gallery of four pictures, then a pricing "
                             "section, and at the end a hero banner that says \"Let's talk\".")
    content = [s.kind for s in plan.sections if s.kind not in ("nav", "footer")]
    assert content == ["gallery", "pricing", "hero"]
    order = next(c for c in plan.constraints if c.kind == "order")
    assert order.value == ["gallery", "pricing", "hero"]


def test_words_inside_lists_and_quotes_are_not_sections():
    reading = read('A nav with links Home, Pricing and Contact. A banner says "Contact us today".')
    assert "pricing" not in reading.order and "contact" not in reading.order


def test_chinese_page_has_lang_and_a_cjk_font_stack():
    page = compose_page(parse_instruction("为“山城火锅”做一个网站，页脚是深灰色。"))
    assert '<html lang="zh-Hans">' in page.html
    assert "Noto Sans CJK SC" in page.html and "html:lang(zh)" in page.html


def test_said_relations_reorder_the_sections():
    plan = parse_instruction("Bakery site called Rye & Co with a gallery, an FAQ and a contact "
                             "form. The gallery should come below the FAQ.")
    assert [s.kind for s in plan.sections][1:-1] == ["faq", "gallery", "contact"]
    assert next(c for c in plan.constraints if c.kind == "order").value == ["faq", "gallery",
                                                                             "contact"]


@pytest.mark.parametrize("text, name, kind, role, items", [
    ("I need a site for my bike repair shop, Spoke & Chain. Dark green nav with Home, Services "
     "and Book links.", "Spoke & Chain", "nav", "links", ["Home", "Services", "Book"]),
    ("Website for Harbor View Hotel with a contact form asking for name, check-in date and "
     "guests.", "Harbor View Hotel", "contact", "fields", ["name", "check-in date", "guests"]),
    ('Build a website for Sunny Side Daycare. A banner says "Hi". Then show our programs: '
     "toddlers, preschool and after-school club.", "Sunny Side Daycare", "features", "items",
     ["toddlers", "preschool", "after-school club"]),
    ("A law firm website for Hart & Cole. Services include family law, property and employment.",
     "Hart & Cole", "features", "items", ["family law", "property", "employment"]),
])
def test_phrasings_of_names_and_lists(text, name, kind, role, items):
    reading = read(text)
    assert reading.name == name
    assert [(e["kind"], e["role"], e["items"]) for e in reading.lists] == [(kind, role, items)]


@pytest.mark.parametrize("text", [
    "Three cards with our breads and a dark green footer.",  # parts of the page, not items
    "An about section with two columns: an image on the left and text on the right.",  # a layout
    "A gallery with 4 photos of dogs and testimonials from 3 customers.",  # counts of sections
])
def test_not_every_and_is_an_enumeration(text):
    assert read(text).lists == []


def test_chinese_compound_colour_words():
    colours = read("页眉是藏青色，页脚是海军蓝。").colours
    assert [(c["target"], c["spec"].hex) for c in colours] == [("nav", "#1e2a5a"), ("footer", "#1e2a5a")]


def test_named_sections_in_the_order_given_each_linked():
    plan = parse_instruction("A resume site for Priya Nair with sections About, Experience, Skills "
                             "and Contact, in that order.")
    titles = [s.title for s in plan.sections if s.kind not in ("nav", "footer")]
    assert titles == ["About", "Experience", "Skills", "Contact"]
    assert [i.title for i in plan.section("nav").items][1:] == titles
    assert {"text:heading:Experience", "text:heading:Skills"} <= ids(
        "A resume site for Priya Nair with sections About, Experience, Skills and Contact.")


def test_two_quoted_buttons_are_two_buttons():
    plan = parse_instruction('Landing page for Swiftly: a purple hero with the headline "Ship '
                             'faster" and two buttons "Start free" and "Book a demo".')
    hero = plan.section("hero")
    assert (hero.title, hero.cta, hero.buttons) == ("Ship faster", "Start free", ["Book a demo"])
    assert '>Book a demo</a>' in compose_page(plan).html


@pytest.mark.parametrize("text, name", [
    ('A coffee roaster page: the hero image on the right, the text "Roasted weekly" on the left.',
     None),  # a quoted text that is not where a name goes
    ("做一个旅行社网站“远方旅行”，页脚是黑色。", "远方旅行"),
])
def test_quoted_names_only_where_a_name_goes(text, name):
    assert read(text).name == name


def test_chinese_rows_only_right_after_a_number():
    assert read("做一个旅行社网站，有一个表格。").counts == []
    assert [(c["kind"], c["value"]) for c in read("一个表格，有五行。").counts] == [("table", 5)]


def test_a_list_of_prices_goes_with_the_items_before_it():
    plan = parse_instruction("Site for Night Owl Bar. Cocktails: Old Fashioned, Negroni and Mojito, "
                             "each with a price: $12, $11 and $10.")
    cards = plan.section("features")
    assert cards.title == "Cocktails"
    assert [(i.title, i.meta) for i in cards.items] == [("Old Fashioned", "$12"), ("Negroni", "$11"),
                                                         ("Mojito", "$10")]
    assert [i.title for i in plan.section("nav").items] == ["Home", "Cocktails"]


def test_colours_find_their_region_past_quotes_and_page_words():
    colours = read('A bookshop called Paper Lantern with a navy blue header and white text, a light '
                   'grey page background, and a red "Buy now" button.').colours
    assert [(c["target"], c["property"]) for c in colours] == [
        ("nav", "background"), ("nav", "text"), ("page", "background"), ("button", "background")]
    assert [c["target"] for c in read("按钮是粉色的。").colours] == ["button"]


def test_columns_go_to_the_section_they_qualify():
    reading = read("Homepage for Fjord Tours: a hero at the top, then a two-column about section, "
                   "then a table with columns Tour, Duration and Price.")
    assert [c["kind"] for c in reading.columns] == ["about"]
    assert reading.lists[0]["items"] == ["Tour", "Duration", "Price"]


def test_hyphenated_and_is_not_a_list_separator():
    lists = read("Features: drag-and-drop editor, version history and team comments.").lists
    assert lists[0]["items"] == ["drag-and-drop editor", "version history", "team comments"]
