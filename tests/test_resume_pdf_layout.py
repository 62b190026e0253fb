"""PDF resumes read by their layout: PDFs printed in the test by the project's Chromium.

Each layout of ``benchmarks/resume_layouts.py`` (Jake's resume, sb2nov, an Awesome-CV look-alike,
two columns, a sidebar, plain) prints a JSON Resume from tests/data; reading the PDF back must give
the JSON's fields. The issue's own case (a two-line header with labelled contacts either side,
"Summer 2012 and 2013", sub-bullets wrapping onto a second line) is a page written here.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from web_composer.resume import load_resume
from web_composer.resume.dates import find_all_ranges, find_range, is_date_text


@pytest.fixture(scope="module")
def layouts(repo_root: Path):
    spec = importlib.util.spec_from_file_location(
        "resume_layouts", repo_root / "benchmarks" / "resume_layouts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def maya(data_dir: Path) -> dict:
    return json.loads((data_dir / "resumes" / "maya-okonkwo.resume.json").read_text())


def _pdf(layouts, tmp_path: Path, html: str, name: str = "cv.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(layouts.print_pdf(html))
    return path


@pytest.mark.parametrize("layout", ["jake", "sb2nov", "awesome", "two-columns", "sidebar",
                                    "plain"])
def test_every_layout_gives_back_the_json_it_was_printed_from(layouts, maya, tmp_path, layout):
    resume = load_resume(_pdf(layouts, tmp_path, layouts.layout_html(maya, layout)))
    b = resume.basics
    assert (b.name, b.email, b.phone) == ("Maya Okonkwo", "maya.okonkwo@example.com",
                                          "(206) 555-0142")
    assert b.url.rstrip("/").endswith("mayaokonkwo.example.com")
    got = [(w.name, w.position, w.location, w.startDate, w.endDate, len(w.highlights))
           for w in resume.work]
    want = [(w["name"], w["position"], w["location"], w["startDate"][:7], w["endDate"][:7],
             len(w["highlights"])) for w in maya["work"]]
    assert got == want
    assert [w.highlights[0] for w in resume.work] == [w["highlights"][0] for w in maya["work"]]
    (edu,) = resume.education
    assert (edu.institution, edu.studyType, edu.area, edu.score) == (
        "University of Washington", "Bachelor of Science", "Computer Science", "3.81/4.0")
    assert [p.name for p in resume.projects] == ["DormSwap", "gradient-viz"]


ISSUE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: Letter; margin: 0.5in; }
body { font-family: 'DejaVu Serif', serif; font-size: 10.5pt; margin: 0; }
.row { display: flex; justify-content: space-between; }
h2 { font-size: 12pt; border-bottom: 1px solid #000; margin: 10px 0 4px; }
ul { margin: 2px 0 6px; padding-left: 18px; } ul ul { list-style: circle; }
</style></head><body>
<div class="row" style="align-items:baseline"><b style="font-size:20pt">Avery Quinlan</b>
<span>Email: avery@quinlan.example</span></div>
<div class="row"><span>https://quinlan.example</span><span>Mobile: +1-555-010-7788</span></div>
<h2>Experience</h2>
<div class="row"><b>Hooli</b><span>Mountain View, CA</span></div>
<div class="row"><i>Software Engineer</i><i>Jan 2014 - Present</i></div>
<ul><li><b>Serving layer</b>: built the service that takes data computed offline in batch jobs and
serves it online to the search frontends with single-digit millisecond latency at the 99th percentile
</li><li>Cut the cost of the ranking cluster by a third<ul><li>Moved the nightly jobs to
preemptible machines and taught the scheduler to retry them on another zone when one is taken
back</li><li>Retired two clusters</li></ul></li></ul>
<div class="row"><b>Initech</b><span>Austin, TX</span></div>
<div class="row"><i>Software Engineering Intern</i><i>Summer 2012 and 2013</i></div>
<ul><li>Wrote the TPS report generator and the tests that kept it honest across three releases of
the reporting database and its two schema migrations</li></ul>
<h2>Education</h2>
<div class="row"><b>Georgia Institute of Technology</b><span>Atlanta, GA</span></div>
<div class="row"><i>Master of Science in Computer Science; GPA: 3.9</i><i>Aug 2012 - Dec 2013</i></div>
</body></html>"""


def test_the_issue_page_two_line_header_seasons_and_wrapped_bullets(layouts, tmp_path):
    resume = load_resume(_pdf(layouts, tmp_path, ISSUE_PAGE))
    b = resume.basics
    assert (b.name, b.email, b.url) == ("Avery Quinlan", "avery@quinlan.example",
                                        "https://quinlan.example")
    assert b.phone == "+1-555-010-7788"
    hooli, initech = resume.work  # two entries: no company line as a bullet, no wrapped line alone
    assert (hooli.name, hooli.position, hooli.location, hooli.startDate, hooli.endDate) == (
        "Hooli", "Software Engineer", "Mountain View, CA", "2014-01", "")
    assert len(hooli.highlights) == 4  # sub-bullets (drawn as circles) are bullets too
    assert hooli.highlights[2].startswith("Moved the nightly jobs")
    assert hooli.highlights[2].endswith("on another zone when one is taken back")
    assert hooli.highlights[0].startswith("Serving layer: built the service")
    assert hooli.highlights[0].endswith("latency at the 99th percentile")
    assert (initech.startDate, initech.endDate, initech.location) == ("2012-06", "2013-06",
                                                                      "Austin, TX")
    assert initech.highlights[0].endswith("and its two schema migrations")
    (edu,) = resume.education
    assert (edu.studyType, edu.area, edu.score, edu.startDate, edu.endDate) == (
        "Master of Science", "Computer Science", "3.9", "2012-08", "2013-12")


@pytest.mark.parametrize("text,expected", [
    ("Summer 2012 and 2013", ("2012-06", "2013-06", False)),
    ("Fall 2019", ("2019-09", "", False)),
    ("Mar. 2016 – Exp. Jun. 2017", ("2016-03", "2017-06", False)),
    ("janvier 2019 – aujourd'hui", ("2019-01", "", True)),
    ("März 2018 - heute", ("2018-03", "", True)),
    ("septiembre 2017 a diciembre 2019", ("2017-09", "2019-12", False)),
    ("outubro 2015 – atual", ("2015-10", "", True)),
    ("giugno 2014 – ottobre 2016", ("2014-06", "2016-10", False)),
    ("03/2019 – now", ("2019-03", "", True)),
    ("2019 – 2021", ("2019", "2021", False)),
    ("Jan 2020 - Current", ("2020-01", "", True)),
])
def test_dates_seasons_languages_and_open_ends(text, expected):
    hit = find_range(text)
    assert (hit.start, hit.end, hit.present) == expected
    assert is_date_text(text)


def test_words_that_merely_look_like_months_are_not_dates():
    assert find_all_ranges("Reviewer for CVPR 2022")[0].start == "2022"
    assert not is_date_text("Reviewer for CVPR 2022")
    assert not is_date_text("Summer school on compilers")
    assert find_range("Summer school on compilers") is None


def test_parse_shows_a_table_and_warns_about_what_it_could_not_place(layouts, maya, tmp_path,
                                                                     cli, data_dir):
    page = layouts.layout_html(maya, "jake").replace("Jun. 2023 – Sep. 2023", "")
    pdf = _pdf(layouts, tmp_path, page)
    result = cli(["resume", "parse", pdf])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Maya Okonkwo" and "  email     maya.okonkwo@example.com" in lines
    work = lines[lines.index("Work (2)") + 2:lines.index("Work (2)") + 4]
    assert work[0].split()[:2] == ["1", "Outreach"] and "Jun 2024 – Sep 2024" in work[0]
    assert "Allen Institute for AI" in work[1]
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning:")]
    assert warnings == ["warning: work[1] (Allen Institute for AI): no startDate found"]
    as_json = cli(["resume", "parse", pdf, "--json"])
    assert json.loads(as_json.stdout)["work"][0]["name"] == "Outreach"
    quiet = cli(["resume", "parse", data_dir / "resumes" / "maya-okonkwo.resume.json"])
    assert quiet.exit_code == 0 and "warning" not in quiet.stderr  # a JSON file is taken as given
    both = cli(["resume", "parse", pdf, "--json", "--markdown"])
    assert both.exit_code == 2 and "cannot be used together" in both.stderr


def test_the_real_latex_cv_has_every_entry_right(data_dir, repo_root):
    """Awesome-CV's example (tests/data) against the hand-made truth kept with the benchmark."""
    truth = json.loads((repo_root / "benchmarks" / "resume_truth" / "byungjin-park-cv.json")
                       .read_text())
    resume = load_resume(data_dir / "resumes" / "byungjin-park-cv.pdf")

    def view(entry: dict) -> tuple:
        return (entry["name"], entry["position"], entry["location"], entry["startDate"][:7],
                entry.get("endDate", "")[:7], entry.get("highlights", []))

    assert [view(w.to_dict()) for w in resume.work] == [view(w) for w in truth["work"]]
    (edu,) = resume.education
    assert (edu.institution, edu.studyType, edu.area, edu.startDate, edu.endDate) == tuple(
        truth["education"][0][k] for k in ("institution", "studyType", "area", "startDate",
                                           "endDate"))


def test_a_hyphen_at_a_line_end_is_dropped_only_where_the_maker_hyphenates():
    from web_composer.resume.pdf import _hyphenates

    assert not _hyphenates({"Producer": "Skia/PDF m156", "Creator": "HeadlessChrome/156.0"})
    assert _hyphenates({"Producer": "LuaTeX-1.21.0", "Creator": "LaTeX with hyperref"})
    assert _hyphenates({"Producer": "Microsoft® Word for Microsoft 365"})


LISTED_HEADERS = """<!doctype html><html><head><meta charset="utf-8"><style>
body { font-family: 'Liberation Serif', serif; font-size: 11pt; margin: 0.5in; }
.row { display: flex; justify-content: space-between; } ul { padding-left: 16px; }
</style></head><body><div style="font-size:22pt"><b>Jordan Vale</b></div>
<p>jordan@vale.example | +1 555 010 4242</p><h3 style="font-size:14pt">Experience</h3>
<p>• <span class="row" style="display:inline-flex;width:95%"><b>Globex</b><span>Springfield, OR</span></span></p>
<div class="row" style="padding-left:14px"><i>Data Engineer</i><i>Mar 2019 – Present</i></div>
<ul><li>Rebuilt the billing pipeline</li><li>Ran the on-call rotation</li></ul>
<p>• <span class="row" style="display:inline-flex;width:95%"><b>Initrode</b><span>Austin, TX</span></span></p>
<div class="row" style="padding-left:14px"><i>Analyst</i><i>Summer 2016 and 2017</i></div>
<ul><li>Wrote the quarterly churn report</li></ul></body></html>"""


def test_company_lines_set_as_list_items_are_entry_headers_not_bullets(layouts, tmp_path):
    resume = load_resume(_pdf(layouts, tmp_path, LISTED_HEADERS))
    assert [(w.name, w.position, w.location, w.startDate, w.endDate, len(w.highlights))
            for w in resume.work] == [
        ("Globex", "Data Engineer", "Springfield, OR", "2019-03", "", 2),
        ("Initrode", "Analyst", "Austin, TX", "2016-06", "2017-06", 1)]
