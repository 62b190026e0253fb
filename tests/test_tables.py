"""A table drawn without rules, its columns close together: a <table>, every row a <tr>, each
column where the screenshot has it, its numbers in the page's own font."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from web_composer.backends.base import get_backend
from web_composer.jobs import GenerationRequest
from web_composer.render import RenderOptions, render_html

PEOPLE = [("Tiger Nixon", "System Architect", "Edinburgh", "61", "2011/04/25", "$320,800"),
          ("Garrett Winters", "Accountant", "Tokyo", "63", "2011/07/25", "$170,750"),
          ("Ashton Cox", "Junior Technical Author", "San Francisco", "66", "2009/01/12", "$86,000"),
          ("Cedric Kelly", "Senior Javascript Developer", "Edinburgh", "22", "2012/03/29", "$433,060"),
          ("Airi Satou", "Accountant", "Tokyo", "33", "2008/11/28", "$162,700"),
          ("Brielle Williamson", "Integration Specialist", "New York", "61", "2012/12/02", "$372,000"),
          ("Herrod Chandler", "Sales Assistant", "San Francisco", "59", "2012/08/06", "$137,500"),
          ("Rhona Davidson", "Integration Specialist", "Tokyo", "55", "2010/10/14", "$327,900")]
ROWS = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in person) + "</tr>" for person in PEOPLE)
PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><style>
body{{margin:0;font:16px 'DejaVu Sans',sans-serif;color:#212529;background:#fff}}
h1{{margin:40px 160px 24px;font-size:32px;font-weight:400}}
table{{margin:0 160px;border-collapse:collapse}}
td,th{{padding:4px 8px 4px 0;text-align:left;white-space:nowrap}}
</style></head><body><h1>Employees</h1><table>
<tr><th>Name</th><th>Position</th><th>Office</th><th>Age</th><th>Start date</th><th>Salary</th></tr>
{ROWS}</table><div style="height:120px"></div></body></html>"""

PROBE = """() => {
  const words = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, font = getComputedStyle(node.parentElement).fontFamily;
    let first = true;
    for (const m of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      words.push([m[0], range.getBoundingClientRect().left, font, first]);
      first = false;
    }
  }
  return words;
}"""


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables")
    target = render_html(PAGE, folder, RenderOptions(evaluate=PROBE))
    request = GenerationRequest(task="screenshot", images=[target.image()], stack="tailwind")
    generation = get_backend("builtin").generate(request)
    for name, data in generation.assets.items():
        (folder / "assets" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "assets" / name).write_bytes(data)
    render = render_html(generation.html, folder, RenderOptions(evaluate=PROBE))
    return generation.html, target.data, render.data


def test_every_row_of_an_unruled_table_is_a_table_row(made):
    html, _target, _render = made
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("table")
    assert table is not None and soup.find("nav") is None, html  # not a stack of menus
    rows = [" ".join(tr.get_text(" ").split()) for tr in table.find_all("tr")]
    assert len(rows) == len(PEOPLE) + 1
    assert all(any(person[0] in row for row in rows) for person in PEOPLE)
    assert all(th.get("class") and "text-left" in th["class"] for th in table.find_all("th"))


def test_columns_stand_where_the_screenshot_has_them(made):
    """Each cell is as wide as the step to the next column, so a cell set a little wider than in
    the screenshot does not push the rest of its row along: every cell starts where the
    screenshot's column does. (Two cells read as one keep only a space between them.)"""
    _html, target, render = made
    lefts = {word: left for word, left, _font, _first in target}
    starts = [(word, left) for word, left, _font, first in render if first and word in lefts]
    unique = [(w, x) for w, x in starts if sum(w == v for v, _x in starts) == 1]
    assert len(unique) >= 2 * len(PEOPLE), unique  # dates and salaries start cells
    for word, left in unique:
        assert abs(left - lefts[word]) <= 6, (word, left, lefts[word])


def test_numbers_are_set_in_the_page_font(made):
    _html, _target, render = made
    numbers = [(word, font) for word, _left, font, _first in render if re.fullmatch(r"[\d$,/]+", word)]
    assert len(numbers) >= 3 * len(PEOPLE)
    assert not any("monospace" in font or "Courier" in font for _w, font in numbers), numbers


def test_the_official_clean_up_keeps_the_whole_table(made):
    """The Tailwind stack's variants hold a ">" ([&>*]); written raw, it ends the tag for the
    official judge's tag-stripping regex, the rest of every row's class list counts as repeated
    text and the judge cuts the page at the table."""
    from web_composer.score.cleanup import repetition_cut

    html, _target, _render = made
    assert not re.search(r'class="[^"]*>', html)
    assert repetition_cut(html) is None
