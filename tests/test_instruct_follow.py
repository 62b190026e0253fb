"""Instructions followed, judged on the RENDERED page (real Chromium, one browser for the module):
each instruction is composed, rendered once, and its DOM is asked directly for what was said
(text present, one element per named item, counts, computed colours of the named regions,
placements by bounding boxes, links that reach their sections). The compliance report of the
same render must agree, and a page that lost a quoted text or a named item must not pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from web_composer.instruct import compose_page, parse_instruction
from web_composer.instruct.colours import family_of, lightness
from web_composer.instruct.compliance import check_constraints, probe_source

BAKERY = ('A website for a bakery called Sweet Crumbs. At the top, a large banner says "Fresh bread '
          'every morning". Then three cards show our breads: sourdough, baguette and rye.')
PYCON = ("A conference website for PyCon Lisbon 2027. The header is navy blue with the dates (June "
         '10-12) and a "Register now" button in orange. Below, a schedule table with four talks.')
PORTFOLIO = ("A portfolio for Ana Silva with a nav with links Home, Work and Contact, a gallery of 5 "
             "pictures, a FAQ with three questions and a contact form with fields name, email and "
             "phone. Call +1 555 010 2030 or write to ana@example.com.")
PRICING = ('Cloudnote\'s website. Pricing plans: Basic ($9/month), Pro ($29/month) and Team '
           '($99/month). A teal footer with links Privacy, Terms and Careers. The hero comes last '
           'with the heading "Start today" and a purple background.')
HOTPOT = ("为“山城火锅”做一个网站。导航栏是红色，链接有首页、菜单和联系我们。横幅写着“正宗重庆味道”。"
          "下面是三张卡片：毛肚、鸭肠和黄喉。页脚是深灰色。")
FORUM = ("为“西湖论坛2026”做一个会议网站。页眉是紫色，有一个写着“立即报名”的按钮。下面是一个日程表，有五行。"
         "然后是常见问题，有三个问题。页脚是灰色，电话 0571-8888 6666。")
STUDIO = ('A site for Fern & Oak Studio. An about section with a photo on the left and text on the '
          'right, with the heading "Who we are". A map placeholder above the contact form. '
          'The page background is #fdf6e3.')

DOM = """() => {
  const q = (s, root) => Array.from((root || document).querySelectorAll(s));
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; };
  const bg = (e) => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
      const m = /rgba?\\(([\\d.]+), ([\\d.]+), ([\\d.]+)(?:, ([\\d.]+))?/.exec(c);
      if (m && (m[4] === undefined || +m[4] > 0.5)) return [+m[1], +m[2], +m[3]]; } return [255, 255, 255]; };
  const text = (e) => e.innerText.replace(/\\s+/g, ' ').trim();
  const header = document.querySelector('header'); const footer = document.querySelector('footer');
  const sections = q('main > section').map((s) => ({id: s.id, top: box(s)[1], heading: s.querySelector('h1,h2') ? text(s.querySelector('h1,h2')) : '',
      cards: q(':scope ul.grid > li', s).map((li) => text(li.querySelector('h2,h3,figcaption strong') || li)),
      images: q('img', s).filter((i) => box(i)[2] >= 40).length, bg: bg(s)}));
  return {
    lang: document.documentElement.lang, title: document.title,
    font: getComputedStyle(document.body).fontFamily,
    headerBg: header ? bg(header) : null, headerText: header ? text(header) : '',
    footerBg: footer ? bg(footer) : null, footerText: footer ? text(footer) : '',
    pageBg: bg(document.body), h1: q('h1').map(text), sections,
    buttons: q('button, a.btn').map((b) => ({text: text(b), bg: bg(b)})),
    navLinks: q('header nav a:not(.brand)').map((a) => ({text: text(a), href: a.getAttribute('href'),
      reaches: a.getAttribute('href').startsWith('#') && !!document.getElementById(a.getAttribute('href').slice(1))})),
    footerLinks: q('footer a').map((a) => ({text: text(a), href: a.getAttribute('href'),
      reaches: !!document.getElementById(a.getAttribute('href').slice(1))})),
    tableRows: q('table tbody tr').length, tableHeaders: q('table th').map(text),
    labels: q('form label').map(text),
    map: q('[role=img]').filter((e) => /map|地图/i.test(e.getAttribute('aria-label') || '')).map(box),
    form: q('form').map(box),
    media: q('.media img').map(box), body: q('.split .body').map(box),
    aboutHeading: q('.split h1, .split h2').map((h) => ({text: text(h), box: box(h)})),
    text: text(document.body),
  };
}"""


class Rendered:
    def __init__(self, plan, html: str, dom: dict, report: dict) -> None:
        self.plan, self.html, self.dom, self.report = plan, html, dom, report

    def section(self, heading_or_id: str) -> dict:
        return next(s for s in self.dom["sections"]
                    if s["id"] == heading_or_id or s["heading"] == heading_or_id)


@pytest.fixture(scope="module")
def render(tmp_path_factory):
    """instruction (or plan and html) -> Rendered, each rendered once in one shared browser."""
    from web_composer.render.browser import session
    from web_composer.render.sandbox import Sandbox

    cache: dict[str, Rendered] = {}

    def run(text: str, html: str | None = None) -> Rendered:
        key = text + (html or "")
        if key in cache:
            return cache[key]
        plan = parse_instruction(text)
        page = compose_page(plan)
        folder = tmp_path_factory.mktemp("page")
        (folder / "assets").mkdir()
        for name, data in page.assets.items():
            (folder / "assets" / name).write_bytes(data)
        html = html if html is not None else page.html
        sandbox = Sandbox(base_dir=Path(folder), document=html.encode("utf-8"))
        context = session().browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            context.route("**/*", sandbox.handle)
            tab = context.new_page()
            tab.goto(sandbox.url_for(None), wait_until="load", timeout=20_000)
            dom = tab.evaluate(DOM)
            summary = tab.evaluate(probe_source())
        finally:
            context.close()
        report = check_constraints(plan.constraints, html, folder, instruction=text, summary=summary)
        cache[key] = Rendered(plan, html, dom, report)
        return cache[key]

    return run


def family(rgb) -> set[str]:
    return family_of(tuple(rgb))


@pytest.mark.parametrize("text", [BAKERY, PYCON, PORTFOLIO, PRICING, HOTPOT, FORUM, STUDIO])
def test_the_composer_satisfies_every_constraint_read(render, text):
    page = render(text)
    assert page.report["satisfied"], page.report["unsatisfied"]
    assert page.report["total"] >= 5


def test_bakery_banner_text_and_one_card_per_named_bread(render):
    dom = render(BAKERY).dom
    assert dom["h1"] == ["Fresh bread every morning"]
    first = dom["sections"][0]
    assert "Fresh bread every morning" in first["heading"]
    cards = [s for s in dom["sections"] if s["cards"]][0]["cards"]
    assert cards == ["sourdough", "baguette", "rye"]


def test_pycon_navy_header_dates_orange_register_button_and_four_rows(render):
    dom = render(PYCON).dom
    assert "blue" in family(dom["headerBg"]) and lightness(tuple(dom["headerBg"])) < 0.35
    assert "June 10-12" in dom["headerText"] and "PyCon Lisbon 2027" in dom["headerText"]
    register = [b for b in dom["buttons"] if b["text"] == "Register now"]
    assert register and "orange" in family(register[0]["bg"])
    assert dom["tableRows"] == 4 and dom["tableHeaders"]
    assert "Register now" not in dom["title"]


def test_portfolio_links_reach_their_sections_and_form_has_the_named_fields(render):
    dom = render(PORTFOLIO).dom
    assert [a["text"] for a in dom["navLinks"]] == ["Home", "Work", "Contact"]
    assert all(a["reaches"] for a in dom["navLinks"]), dom["navLinks"]
    contact = next(a for a in dom["navLinks"] if a["text"] == "Contact")["href"][1:]
    assert render(PORTFOLIO).section(contact)  # the Contact link goes to the section with the form
    assert [label.lower() for label in dom["labels"]] == ["name", "email", "phone"]
    gallery = next(s for s in dom["sections"] if s["images"])
    assert gallery["images"] == 5
    faq = next(s for s in dom["sections"] if s["id"] == "faq")
    assert len(faq["cards"]) == 3
    assert "+1 555 010 2030" in dom["text"] and "ana@example.com" in dom["text"]


def test_pricing_named_plans_teal_footer_links_and_hero_last(render):
    page = render(PRICING)
    dom = page.dom
    pricing = page.section("pricing")
    assert pricing["cards"] == ["Basic", "Pro", "Team"]
    for price in ("$9/month", "$29/month", "$99/month"):
        assert price in dom["text"]
    assert "teal" in family(dom["footerBg"])
    assert [a["text"] for a in dom["footerLinks"]] == ["Privacy", "Terms", "Careers"]
    tops = [s["id"] for s in sorted(dom["sections"], key=lambda s: s["top"])]
    assert tops[-1] == "hero" and dom["h1"] == ["Start today"]
    assert "purple" in family(page.section("hero")["bg"])


def test_chinese_hotpot(render):
    page = render(HOTPOT)
    dom = page.dom
    assert dom["lang"] == "zh-Hans" and "Noto Sans CJK SC" in dom["font"].split(",")[0]
    assert "red" in family(dom["headerBg"]) and "gray" in family(dom["footerBg"])
    assert dom["h1"] == ["正宗重庆味道"]
    assert [a["text"] for a in dom["navLinks"]] == ["首页", "菜单", "联系我们"]
    assert all(a["reaches"] for a in dom["navLinks"])
    assert [s for s in dom["sections"] if s["cards"]][0]["cards"] == ["毛肚", "鸭肠", "黄喉"]


def test_chinese_conference(render):
    dom = render(FORUM).dom
    assert "purple" in family(dom["headerBg"]) and "gray" in family(dom["footerBg"])
    assert any(b["text"] == "立即报名" for b in dom["buttons"])
    assert dom["tableRows"] == 5
    faq = next(s for s in dom["sections"] if s["id"] == "faq")
    assert len(faq["cards"]) == 3
    assert "0571-8888 6666" in dom["text"]
    order = [s["id"] for s in sorted(dom["sections"], key=lambda s: s["top"])]
    assert order.index("table") < order.index("faq")


def test_placements_by_bounding_boxes(render):
    dom = render(STUDIO).dom
    (photo,), (body,) = dom["media"], dom["body"]
    assert photo[0] + photo[2] <= body[0] + 1  # the photo left of the text
    assert dom["aboutHeading"][0]["text"] == "Who we are"
    (map_box,), (form,) = dom["map"], dom["form"]
    assert map_box[1] + map_box[3] <= form[1]  # the map above the contact form
    assert dom["pageBg"] == [253, 246, 227]


def _without(html: str, text: str) -> str:
    assert text in html
    return html.replace(text, "Welcome")


def test_a_page_missing_a_quoted_text_never_passes(render):
    good = render(BAKERY)
    broken = render(BAKERY, _without(good.html, "Fresh bread every morning"))
    assert not broken.report["satisfied"]
    missed = [r for r in broken.report["constraints"] if not r["satisfied"]]
    assert [r["id"] for r in missed] == ["text:banner:Fresh bread every morning"]
    assert "nowhere on the page" in missed[0]["found"]


def test_invented_items_in_place_of_named_ones_fail(render):
    good = render(BAKERY)
    html = re.sub(r">baguette<", ">Butter croissants<", good.html)
    broken = render(BAKERY, html)
    missed = {r["id"]: r["found"] for r in broken.report["constraints"] if not r["satisfied"]}
    assert list(missed) == ["items:items:features"] and "baguette" in missed["items:items:features"]


def test_wrong_colours_rows_links_and_order_are_each_named(render):
    good = render(PYCON)
    html = good.html.replace("<tr><td>14:30", "<tr hidden><td>14:30")
    html = html.replace('href="#table"', 'href="#nowhere"')
    broken = render(PYCON, html)
    missed = {r["id"] for r in broken.report["constraints"] if not r["satisfied"]}
    assert missed == {"count:rows:table"}
    pricing = render(PRICING)
    moved = pricing.html.replace('<section class="band hero', '<section style="order:-1" class="band hero')
    moved = moved.replace('<main id="main">', '<main id="main" style="display:flex;flex-direction:column">')
    moved = moved.replace('<a href="#main">Privacy</a>', '<a href="#">Privacy</a>')
    report = render(PRICING, moved).report
    missed = {r["id"] for r in report["constraints"] if not r["satisfied"]}
    assert missed == {"order:sections", "items:links:footer"}, report["unsatisfied"]
