"""The compliance check in real Chromium, on pages it did not write: IXC-2.5's own output for its
example instruction, that page broken on purpose, and a hand-written page in a good and a broken
version, so that every kind of constraint is seen both satisfied and violated."""

from __future__ import annotations

import pytest

from web_composer.instruct import check_compliance

IXC = ("A website for Research institutions. The name is Shanghai AI lab. Top Navigation Bar is "
       "blue.Below left, an image shows the logo of the lab. In the right, there is a passage of "
       "text below that describes the mission of the laboratory.There are several images to show "
       "the research projects of Shanghai AI lab.")


@pytest.fixture(scope="module")
def ixc_page(data_dir) -> str:
    return (data_dir / "ixc25" / "examples" / "Instruction-aware_Webpage_Generation.html").read_text()


def by_id(report: dict) -> dict[str, bool]:
    return {row["id"]: row["satisfied"] for row in report["constraints"]}


def test_ixc25_output_satisfies_its_instruction(ixc_page):
    report = check_compliance(IXC, ixc_page)
    assert report["satisfied"], report["unsatisfied"]
    assert report["total"] == 7 and report["unsatisfied"] == []  # 6 of the demands + the order


def test_ixc25_output_broken_on_purpose_fails_each_constraint(ixc_page):
    header_start, header_end = ixc_page.index("<header"), ixc_page.index("</header>") + 9
    header = ixc_page[header_start:header_end].replace("bg-blue-900", "bg-gray-700")
    page = ixc_page[:header_start] + ixc_page[header_end:]
    page = page.replace("</main>", "</main>" + header)  # the bar now sits at the bottom
    page = page.replace("Shanghai AI Lab", "Research Centre")
    # the picture moves to the right of the text
    first = page.index('<div>\n                <img')
    block_end = page.index("</div>", first) + 6
    picture = page[first:block_end]
    page = page[:first] + page[block_end:]
    page = page.replace("</a>\n            </div>\n        </section>",
                        "</a>\n            </div>\n" + picture + "\n        </section>", 1)
    # two project pictures instead of three
    cut = page.rindex('<img src="https://picsum.photos/400/300"')
    page = page[:cut] + page[page.index(">", cut) + 1:]
    report = check_compliance(IXC, page)
    assert by_id(report) == {
        "name:page": False, "colour:nav:background": False,
        "position:image:logo:left_of:text": False, "position:nav:top": False,
        "position:image:logo:below:nav": False, "count:images:gallery": False,
        "order:sections": True,  # the logo beside the text still comes before the projects
    }, report["constraints"]
    assert len(report["unsatisfied"]) == 6 and not report["satisfied"]


SAAS = ("A SaaS page for Cloudnote with three pricing tiers in three columns, white text on a navy "
        "navigation bar, red buttons, a #336699 footer, a light gray background, testimonials, "
        "a contact form and a responsive layout.")

GOOD = """<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width">
<title>Cloudnote</title><style>
body{margin:0;font-family:sans-serif;background:#e5e7eb}
header{background:#1e2a5a;color:#fff;padding:16px}
.tiers{display:grid;grid-template-columns:repeat(3,1fr);gap:16px;padding:16px}
.tier{background:#fff;border:1px solid #ccc;padding:16px}
.btn{background:#b91c1c;color:#fff;padding:8px;border:0}
footer{background:#336699;color:#fff;padding:16px}
@media(max-width:600px){.tiers{grid-template-columns:1fr}}
</style></head><body>
<header><nav><a style="color:#fff" href="#">Cloudnote</a> <a style="color:#fff" href="#p">Pricing</a>
<a style="color:#fff" href="#c">Contact</a></nav></header>
<main><section id="p"><h2>Pricing</h2><div class="tiers">
<div class="tier"><h3>Free</h3><p>$0 per month for small teams</p><button class="btn">Choose</button></div>
<div class="tier"><h3>Team</h3><p>$29 per month for growing teams</p><button class="btn">Choose</button></div>
<div class="tier"><h3>Business</h3><p>$79 per month for companies</p><button class="btn">Choose</button></div>
</div></section>
<section id="t"><h2>What customers say</h2><blockquote>Cloudnote works well for us.</blockquote></section>
<section id="c"><h2>Contact us</h2><form><label>Email <input type="email"></label>
<button class="btn" type="submit">Send</button></form></section></main>
<footer><p>Cloudnote</p></footer></body></html>"""

BROKEN = (GOOD.replace("repeat(3,1fr)", "repeat(2,1fr)")  # two columns
          .replace('</div>\n</div></section>', '</div>\n<div class="tier"><h3>Scale</h3><p>$99 per '
                   'month for large companies</p><button class="btn">Choose</button></div>\n'
                   '</div></section>')  # four tiers
          .replace("header{background:#1e2a5a;color:#fff", "header{background:#1e2a5a;color:#000")
          .replace('style="color:#fff"', 'style="color:#000"')
          .replace("background:#b91c1c", "background:#15803d")  # green buttons
          .replace("footer{background:#336699", "footer{background:#336600")
          .replace("background:#e5e7eb", "background:#ffffff")
          .replace("<h2>What customers say</h2><blockquote>Cloudnote works well for us.</blockquote>",
                   "<h2>News</h2><p>Nothing yet.</p>")
          .replace('<form><label>Email <input type="email"></label>\n<button class="btn" '
                   'type="submit">Send</button></form>', "<p>Write to us.</p>")
          .replace("<main>", '<main><div style="width:900px;height:10px"></div>'))


def test_a_hand_written_page_that_complies():
    report = check_compliance(SAAS, GOOD)
    assert report["satisfied"], report["unsatisfied"]
    assert {r["kind"] for r in report["constraints"]} == {
        "name", "count", "columns", "colour", "section", "responsive", "order"}


def test_the_same_page_broken_fails_exactly_the_broken_constraints():
    assert BROKEN.count("900px") == 1 and BROKEN.count('class="tier"') == 4
    report = check_compliance(SAAS, BROKEN)
    assert by_id(report) == {
        "name:page": True,
        "count:cards:pricing": False,
        "columns:pricing": False,
        "colour:nav:text": False,
        "colour:nav:background": True,
        "colour:button:background": False,
        "colour:footer:background": False,
        "colour:page:background": False,
        "section:testimonials": False,
        "section:contact": False,
        "responsive:page": False,
        "order:sections": False,  # no testimonials, no contact form: the order cannot hold
    }, report["constraints"]
    assert all(": " in line for line in report["unsatisfied"])  # each says what was found
