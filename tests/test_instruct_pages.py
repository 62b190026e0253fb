"""The built-in composer on IXC-2.5's example instruction and a varied set of our own: every
explicit constraint the parser extracts is satisfied on the rendered page (real Chromium), the page
passes axe-core with no serious or critical violation, it does not scroll sideways at 390 px, and
its invented copy names the site (never lorem ipsum)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from web_composer.instruct import compose_page, parse_instruction
from web_composer.instruct.compliance import check_constraints

IXC = ("A website for Research institutions. The name is Shanghai AI lab. Top Navigation Bar is "
       "blue.Below left, an image shows the logo of the lab. In the right, there is a passage of "
       "text below that describes the mission of the laboratory.There are several images to show "
       "the research projects of Shanghai AI lab.")

# name -> (instruction, constraint ids the parser must find)
INSTRUCTIONS = {
    "ixc": (IXC, {"name:page", "colour:nav:background", "position:image:logo:left_of:text",
                  "position:image:logo:below:nav", "position:nav:top", "count:images:gallery"}),
    "bakery": ('A website for a bakery called "Sweet Crumbs". The header is #336699. Show three '
               "cards with our breads and a dark green footer.",
               {"name:page", "colour:nav:background", "colour:footer:background", "count:cards:features"}),
    "conference": ("A conference website named PyData Lisbon 2025 with a purple hero banner, four "
                   "speakers, a schedule and a registration form. The footer is black.",
                   {"name:page", "colour:hero:background", "colour:footer:background",
                    "count:cards:team", "section:features", "section:contact"}),
    "saas": ("A SaaS pricing page for Cloudnote with three pricing tiers, white text on a navy "
             "navigation bar, red buttons and testimonials.",
             {"name:page", "colour:nav:text", "colour:nav:background", "colour:button:background",
              "count:cards:pricing", "section:testimonials"}),
    "portfolio": ("Jane Doe's photography portfolio. A gallery of six photos in three columns, an "
                  "about section with a photo on the right and text on the left, and a contact "
                  "form.", {"name:page", "count:images:gallery", "columns:gallery",
                            "position:image:right_of:text", "section:contact"}),
    "restaurant": ("Restaurant website called La Piazza with a dark red navigation bar, a menu "
                   "with 6 dishes, customer reviews and a contact section. Light yellow "
                   "background.", {"name:page", "colour:nav:background", "colour:page:background",
                                   "count:cards:features", "section:testimonials", "section:contact"}),
    "chinese": ("为一家名为“晨光书店”的书店设计网站。导航栏是深绿色，下面有三张图片展示店内环境，页脚是灰色。",
                {"name:page", "colour:nav:background", "colour:footer:background",
                 "count:images:gallery"}),
    "three-cards": ("A landing page for Brightside Dental with three cards and a dark green footer.",
                    {"name:page", "count:cards:features", "colour:footer:background"}),
    "two-columns": ("A nonprofit called River Friends. The about section has two columns: an image "
                    "on the left and text on the right.",
                    {"name:page", "columns:about", "position:image:left_of:text"}),
    "hex-header": ("A consulting firm named Northpeak Advisors with a #336699 header and a team of "
                   "four members.", {"name:page", "colour:nav:background", "count:cards:team"}),
    "school": ("A responsive school website for Maple Leaf Academy with a light blue hero, 3 course "
               "cards and a contact form.", {"name:page", "colour:hero:background", "count:cards:features",
                                             "section:contact", "responsive:page"}),
    "shop": ("An online shop called Tiny Threads selling kids' clothes, with a pink navigation bar, "
             "8 product cards in 4 columns, and a teal footer.",
             {"name:page", "colour:nav:background", "colour:footer:background", "count:cards:features",
              "columns:features"}),
}


@lru_cache(maxsize=1)
def _axe_source() -> str:
    axe = pytest.importorskip("axe_playwright_python", reason="axe-core ships with the dev extra")
    return (Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                 targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def audit(html: str, base_dir: Path | None) -> dict:
    """axe-core's violations and the page's scroll width, in a 390 px phone viewport, offline."""
    from web_composer.render.browser import session
    from web_composer.render.sandbox import Sandbox

    sandbox = Sandbox(base_dir=base_dir, document=html.encode("utf-8"))
    context = session().browser.new_context(viewport={"width": 390, "height": 844},
                                            device_scale_factor=1, is_mobile=True)
    try:
        context.route("**/*", sandbox.handle)
        page = context.new_page()
        page.goto(sandbox.url_for(None), wait_until="load", timeout=20_000)
        page.add_script_tag(content=_axe_source())
        violations = page.evaluate(AXE_RUN)
        scroll = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    finally:
        context.close()
    return {"violations": violations, "scroll": scroll, "blocked": sandbox.blocked}


def write_page(page, folder: Path) -> Path:
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    for name, data in page.assets.items():
        (folder / "assets" / name).write_bytes(data)
    (folder / "index.html").write_text(page.html, encoding="utf-8")
    return folder


@pytest.mark.parametrize("key", list(INSTRUCTIONS))
def test_composer_satisfies_every_constraint_it_extracts(key, tmp_path):
    text, expected = INSTRUCTIONS[key]
    plan = parse_instruction(text)
    found = {c.id for c in plan.constraints}
    assert expected <= found, f"missing constraints: {expected - found}"
    page = compose_page(plan)
    folder = write_page(page, tmp_path)
    report = check_constraints(plan.constraints, page.html, folder, instruction=text)
    assert report["satisfied"], report["unsatisfied"]
    assert report["page"]["blocked_requests"] == 0

    result = audit(page.html, folder)
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    width = result["scroll"][0]
    assert width <= 390, f"scrolls sideways at 390 px: the page is {width} px wide"
    assert result["blocked"] == []

    visible = re.sub(r"<[^>]+>", " ", page.html)
    assert "lorem" not in visible.lower() and "ipsum" not in visible.lower()
    assert visible.count(plan.name) >= 3  # the invented copy names the site
    referenced = set(re.findall(r'src="assets/([^"]+)"', page.html))
    assert referenced == set(page.assets), "every picture referenced is generated, and only those"
