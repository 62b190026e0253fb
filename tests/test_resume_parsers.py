"""Resume parsers: every format into one validated JSON Resume model.

Real inputs: the files in tests/data/resumes (see tests/data/README.md), plus DOCX, LinkedIn ZIP, YAML, plain
text and PDF fixtures made here with python-docx, zipfile, PyYAML and Chromium's PDF printer.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from web_composer.errors import InputError
from web_composer.resume import load_resume, resume_to_markdown
from web_composer.resume.dates import find_range, normalize_date
from web_composer.resume.model import Resume


@pytest.fixture(scope="module")
def resumes(data_dir: Path) -> Path:
    return data_dir / "resumes"


@pytest.fixture(scope="module")
def park(resumes: Path) -> Resume:
    return load_resume(resumes / "byungjin-park-cv.pdf")


# -- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2013-12-01", "2013-12-01"), ("2013-12", "2013-12"), ("2013", "2013"), ("Aug 2012", "2012-08"),
    ("Aug. 2012", "2012-08"), ("August 2012", "2012-08"), ("08/2012", "2012-08"),
    ("2012/8", "2012-08"), ("February 10, 2026", "2026-02-10"), ("Present", ""), ("", ""),
])
def test_dates_are_normalised_to_the_schema_formats(text, expected):
    assert normalize_date(text) == expected


def test_date_ranges_in_the_ways_resumes_write_them():
    hit = find_range("Aug 2012 – Dec 2013")
    assert (hit.start, hit.end, hit.present) == ("2012-08", "2013-12", False)
    hit = find_range("Mar.2010\u00adAug.2017")  # tight LaTeX setting, soft hyphen as the dash
    assert (hit.start, hit.end) == ("2010-03", "2017-08")
    hit = find_range("09/2020–present")
    assert (hit.start, hit.end, hit.present) == ("2020-09", "", True)
    assert find_range("currently 3.6 million users") is None


# -- JSON / YAML ---------------------------------------------------------------------------------

def test_json_resume_round_trips_and_keeps_order_and_unknown_keys(resumes, tmp_path):
    source = json.loads((resumes / "maya-okonkwo.resume.json").read_text())
    source["basics"]["pronouns"] = "she/her"  # a key the schema does not define
    source["talks"] = [{"name": "Graph databases for beginners", "date": "2024-03"}]
    path = tmp_path / "maya.json"
    path.write_text(json.dumps(source))
    resume = load_resume(path)
    out = resume.to_dict()
    assert resume.section_keys()[:2] == ["education", "work"]  # new graduate: education first
    assert out["basics"]["pronouns"] == "she/her"
    assert out["talks"] == source["talks"]
    assert out["work"] == source["work"] and out["education"] == source["education"]


def test_every_shared_json_resume_validates(resumes):
    for path in sorted(resumes.glob("*.resume.json")):
        resume = load_resume(path)
        data = json.loads(path.read_text())
        assert resume.basics.name == data["basics"]["name"]
        assert resume.warnings == []
        for key in ("work", "education", "skills", "volunteer", "certificates", "publications"):
            assert len(getattr(resume, key)) == len(data.get(key, []))


def test_yaml_gives_the_same_model_as_json_and_dates_are_normalised(resumes, tmp_path):
    import yaml

    data = json.loads((resumes / "daniel-reyes.resume.json").read_text())
    data["work"][0]["startDate"] = "Aug 2024"  # written the way people write it
    data["work"][0]["endDate"] = "present"
    path = tmp_path / "daniel.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    resume = load_resume(path)
    assert (resume.work[0].startDate, resume.work[0].endDate) == ("2024-08", "")
    reference = load_resume(resumes / "daniel-reyes.resume.json")
    assert resume.education == reference.education and resume.skills == reference.skills


def test_old_schema_names_are_read_and_structural_errors_name_the_path(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"basics": {"name": "Old Timer", "website": "https://old.example"},
                                "work": [{"company": "Initech", "position": "Engineer",
                                          "startDate": "Sometime in 2019"}]}))
    resume = load_resume(path)
    assert resume.basics.url == "https://old.example" and resume.work[0].name == "Initech"
    assert resume.work[0].startDate == "Sometime in 2019"  # unreadable: kept as written, with a warning
    assert any("work[0].startDate" in w for w in resume.warnings)
    path.write_text(json.dumps({"basics": {"name": "X"}, "skills": ["Python", "Go"]}))
    assert [s.name for s in load_resume(path).skills] == ["Python", "Go"]  # a common shorthand
    path.write_text(json.dumps({"basics": {"name": "X"}, "work": [{"highlights": [{"a": 1}]}]}))
    with pytest.raises(InputError, match=r"work\[0\]\.highlights\[0\] must be text"):
        load_resume(path)


# -- Markdown and plain text ---------------------------------------------------------------------

def test_markdown_resume_from_ixc(resumes):
    resume = load_resume(resumes / "qidong-huang.md")
    b = resume.basics
    assert b.name == "Qidong Huang"
    assert b.email == "hqd0037@mail.ustc.edu.cn" and b.phone == "(+86) 13085060686"
    assert b.summary.startswith("Qidong Huang is a PhD student")
    assert [(e.studyType, e.area, e.institution, e.startDate, e.endDate) for e in resume.education] == [
        ("PhD", "Cyberspace Security", "University of Science and Technology of China", "2020-09", ""),
        ("Bachelor", "Information Security", "University of Science and Technology of China",
         "2016-09", "2020-06")]
    assert len(resume.publications) == 8  # both "Publications" sections, merged
    first = resume.publications[0]
    assert first.name.startswith("Improving Adversarial Robustness of Masked Autoencoders")
    assert first.releaseDate == "2023" and "ICCV" in first.publisher
    assert first.extra["category"] == "Publications (First Author)"
    assert [a.title for a in resume.awards] == ["China National Scholarship"]
    assert resume.awards[0].date == "2021"
    services = resume.extra["services"]  # an unknown section is kept, not dropped
    assert services[0]["name"] == "Reviewer for CVPR 2022, 2023" and len(services) == 6
    assert resume.section_title("services") == "Services"


TYPICAL_MARKDOWN = """# John Smith
Senior Backend Engineer · Berlin, Germany
[john@smith.dev](mailto:john@smith.dev) | [github.com/jsmith](https://github.com/jsmith) | +49 30 1234567

## Summary
Backend engineer with 10 years of experience building **payment systems**.

## Experience

### Stripe — Staff Engineer
*Jan 2020 – Present* | Remote
- Led the *ledger* rewrite

### N26
**Backend Engineer**, Mar 2016 – Dec 2019, Berlin
Worked on the core banking platform.
- Built the card authorisation service

## Education
**M.Sc. Computer Science**, Technische Universität Berlin, 2014 – 2016

## Skills
- **Languages:** Go, Python, Kotlin

## Languages
German (C1), English (native)
"""


def test_markdown_with_subheadings_emphasis_and_links(tmp_path):
    path = tmp_path / "john.md"
    path.write_text(TYPICAL_MARKDOWN)
    resume = load_resume(path)
    b = resume.basics
    assert (b.label, b.location.address, b.email, b.phone) == (
        "Senior Backend Engineer", "Berlin, Germany", "john@smith.dev", "+49 30 1234567")
    assert b.profiles[0].url == "https://github.com/jsmith"
    assert b.summary == "Backend engineer with 10 years of experience building payment systems."
    stripe, n26 = resume.work
    assert (stripe.name, stripe.position, stripe.location, stripe.startDate, stripe.endDate) == (
        "Stripe", "Staff Engineer", "Remote", "2020-01", "")
    assert stripe.highlights == ["Led the ledger rewrite"]
    assert (n26.position, n26.location, n26.startDate, n26.endDate, n26.summary) == (
        "Backend Engineer", "Berlin", "2016-03", "2019-12", "Worked on the core banking platform.")
    edu = resume.education[0]
    assert (edu.studyType, edu.area, edu.institution) == ("M.Sc.", "Computer Science",
                                                          "Technische Universität Berlin")
    assert [(x.language, x.fluency) for x in resume.languages] == [("German", "C1"),
                                                                    ("English", "native")]


def test_plain_text_resume(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text(
        "JANE Q. PUBLIC\nStaff Engineer\njane@example.com | +1 (555) 010-2000 | github.com/janeq\n\n"
        "EXPERIENCE\n"
        "Globex Corporation\t\tSpringfield, IL\n"
        "Principal Engineer\t\tJan 2019 – Present\n"
        "  • Led the migration of 40 services to Kubernetes without downtime\n"
        "  • Mentored six engineers,\n    two of whom now lead teams\n"
        "Initech\t\tAustin, TX\nSoftware Engineer\t\tJun 2014 - Dec 2018\n"
        "  - Wrote the TPS report generator\n\n"
        "Skills:\nLanguages: Python, Go, SQL\n\n"
        "Speaking:\n- PyCon US 2023: Testing with real browsers\n")
    resume = load_resume(path)
    assert resume.basics.name == "JANE Q. PUBLIC" and resume.basics.label == "Staff Engineer"
    assert resume.basics.email == "jane@example.com"
    assert resume.basics.profiles[0].network == "GitHub"
    globex, initech = resume.work
    assert (globex.name, globex.position, globex.location) == ("Globex Corporation",
                                                               "Principal Engineer", "Springfield, IL")
    assert (globex.startDate, globex.endDate) == ("2019-01", "")
    assert globex.highlights[1] == "Mentored six engineers, two of whom now lead teams"
    assert (initech.startDate, initech.endDate) == ("2014-06", "2018-12")
    assert resume.skills[0].name == "Languages" and resume.skills[0].keywords == ["Python", "Go", "SQL"]
    assert resume.extra["speaking"][0]["name"].startswith("PyCon US 2023")


# -- PDF -------------------------------------------------------------------------------------------

def test_pdf_tightly_set_words_keep_their_spaces(park):
    text = json.dumps(park.to_dict(), ensure_ascii=False)
    assert "Designed and provisioned the entire infrastructure on the AWS cloud" in text
    assert "Founding Member & Site Reliability Engineer & Infrastructure Team Lead" in text
    long_runs = [w for w in re.findall(r"[A-Za-z]{19,}", text) if w != "extracurricularActivity"]
    assert long_runs == []  # no words run together ("DesignedandprovisionedtheentireAWS")


def test_pdf_header_contact_and_links(park):
    b = park.basics
    assert b.name == "Claud D. Park" and b.label == "DevOps Engineer · Software Architect"
    assert b.email == "posquit0.bj@gmail.com"
    assert b.url == "https://www.posquit0.com"
    assert {(p.network, p.username) for p in b.profiles} == {("GitHub", "posquit0"),
                                                            ("LinkedIn", "posquit0")}
    assert b.location.address == "Mapo-gu, Seoul, Republic of Korea"
    assert "\U0001f4f1" not in json.dumps(park.to_dict())  # icon-font glyphs are dropped


def test_pdf_entries_dates_bullets_and_page_breaks(park):
    work = park.work
    first = work[0]
    assert (first.name, first.location, first.startDate, first.endDate) == (
        "Danggeun Pay Inc. (KarrotPay)", "Seoul, S.Korea", "2021-03", "")
    assert len(first.highlights) == 7  # wrapped bullet lines joined, "•" glyphs gone
    assert first.highlights[1].endswith("for financial services in Korea.")
    # the entry that ends page 1 and the one that starts page 2 stay apart
    assert [w.name for w in work[1:3]] == ["Danggeun Market Inc.", "Kasa"]
    assert work[1].position == "Site Reliability Engineer"
    assert all(w.name and w.position and w.startDate for w in work)
    edu = park.education[0]
    assert (edu.studyType, edu.area, edu.startDate, edu.endDate) == (
        "B.S.", "Computer Science and Engineering", "2010-03", "2017-08")
    assert "February 10, 2026" not in json.dumps(park.to_dict())  # page footers removed


def test_pdf_awards_certificates_and_unknown_sections(park):
    titles = [(a.date, a.title, a.awarder) for a in park.awards]
    assert ("2020", "Finalist", "DEFCON 28th CTF Hacking Competition World Final") in titles
    assert park.awards[0].extra["category"] == "International Awards"
    certs = {c.name: (c.issuer, c.date) for c in park.certificates}
    assert certs["HashiCorp Certified: Vault Associate (003)"] == ("HashiCorp", "2025")
    assert certs["AWS Certified Advanced Networking - Specialty"] == ("Amazon Web Services (AWS)",
                                                                     "2023")
    assert park.section_title("extracurricularActivity") == "Extracurricular Activity"
    assert park.extra["extracurricularActivity"][0]["position"] == "Core Member"
    assert {"presentation", "writing", "programCommittees"} <= set(park.extra)


TWO_COLUMNS = """<!doctype html><html><head><style>
body{margin:0;font:11pt/1.45 'Liberation Sans',Arial,sans-serif}
h1{font-size:26pt;margin:0;padding:36pt 36pt 0} h2{font-size:14pt;margin:14pt 0 6pt}
.grid{display:grid;grid-template-columns:170pt 1fr;gap:28pt;padding:24pt 36pt}
.side p{margin:0 0 4pt} .row{display:flex;justify-content:space-between}
.b{margin:2pt 0 0;padding-left:10pt;text-indent:-10pt}
</style></head><body><h1>Ada Example</h1><div class="grid"><aside class="side">
<p>Data Engineer</p><h2>Contact</h2><p>ada@example.org</p><p>+44 20 7946 0958</p>
<p>London, United Kingdom</p><h2>Skills</h2><p>Python, SQL, Spark</p><p>Airflow, dbt, Kafka</p>
<h2>Languages</h2><p>English (Native)</p><p>French (Professional)</p></aside><main>
<h2>Experience</h2><div class="row"><b>Northwind Analytics</b><span>Mar 2020 – Present</span></div>
<div>Senior Data Engineer</div>
<p class="b">• Designed a streaming pipeline that moves four billion events a day from Kafka into
the warehouse with exactly-once delivery and sub-minute latency.</p>
<p class="b">• Cut the nightly batch window from six hours to forty minutes.</p>
<div class="row"><b>Contoso Retail</b><span>Aug 2016 – Feb 2020</span></div><div>Data Engineer</div>
<p class="b">• Built the first data warehouse of the company and the models that feed it.</p>
<h2>Education</h2><div class="row"><b>University of Leeds</b><span>2012 – 2016</span></div>
<div>BSc in Mathematics</div></main></div></body></html>"""


def _print_pdf(html: str) -> bytes:
    from web_composer.render.browser import session

    context = session().browser.new_context()
    try:
        page = context.new_page()
        page.set_content(html)
        return page.pdf(format="A4")
    finally:
        context.close()


def test_pdf_two_columns_are_read_column_by_column(tmp_path):
    path = tmp_path / "two-columns.pdf"
    path.write_bytes(_print_pdf(TWO_COLUMNS))
    resume = load_resume(path)
    b = resume.basics
    assert (b.name, b.label, b.email, b.phone) == ("Ada Example", "Data Engineer",
                                                   "ada@example.org", "+44 20 7946 0958")
    assert resume.skills[0].keywords == ["Python", "SQL", "Spark", "Airflow", "dbt", "Kafka"]
    assert [(x.language, x.fluency) for x in resume.languages] == [("English", "Native"),
                                                                    ("French", "Professional")]
    northwind, contoso = resume.work
    assert (northwind.name, northwind.position, northwind.startDate) == (
        "Northwind Analytics", "Senior Data Engineer", "2020-03")
    assert northwind.highlights[0].endswith("exactly-once delivery and sub-minute latency.")
    assert len(northwind.highlights) == 2 and contoso.endDate == "2020-02"
    assert resume.education[0].institution == "University of Leeds"


# -- DOCX ------------------------------------------------------------------------------------------

def _add_hyperlink(paragraph, url: str, text: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    node = OxmlElement("w:t")
    node.text = text
    run.append(node)
    link.append(run)
    paragraph._p.append(link)


def _make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "jordan@example.net | +1 415 555 0134"
    document.add_paragraph("Jordan Rivera", style="Title")
    document.add_paragraph("Product Designer")
    _add_hyperlink(document.add_paragraph(), "https://www.linkedin.com/in/jrivera", "LinkedIn")
    document.add_paragraph("Experience", style="Heading 1")
    document.add_paragraph("Hooli", style="Heading 2")
    document.add_paragraph("Lead Designer\tMar 2019 – Present")
    document.add_paragraph("Redesigned the onboarding flow; activation rose 18%", style="List Bullet")
    document.add_paragraph("Built the design system used by 12 product teams", style="List Bullet")
    document.add_paragraph("Education", style="Heading 1")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "2011 – 2015"
    table.rows[0].cells[1].text = "BFA in Interaction Design, California College of the Arts"
    document.add_paragraph("Skills", style="Heading 1")
    document.add_paragraph("Design: Figma, Prototyping, User research")
    document.add_paragraph("Side Quests", style="Heading 1")
    document.add_paragraph("Organiser of the Bay Area design meetup", style="List Bullet")
    document.save(path)


def test_docx_styles_tabs_tables_and_links(tmp_path):
    path = tmp_path / "jordan.docx"
    _make_docx(path)
    resume = load_resume(path)
    b = resume.basics
    assert (b.name, b.label, b.email, b.phone) == ("Jordan Rivera", "Product Designer",
                                                   "jordan@example.net", "+1 415 555 0134")
    assert b.profiles[0].url == "https://www.linkedin.com/in/jrivera"  # a Word hyperlink
    assert "details" not in b.extra  # the link text "LinkedIn" is no stray header text
    job = resume.work[0]
    assert (job.name, job.position, job.startDate, job.endDate) == ("Hooli", "Lead Designer",
                                                                    "2019-03", "")
    assert job.highlights == ["Redesigned the onboarding flow; activation rose 18%",
                              "Built the design system used by 12 product teams"]
    edu = resume.education[0]
    assert (edu.studyType, edu.area, edu.institution, edu.startDate, edu.endDate) == (
        "BFA", "Interaction Design", "California College of the Arts", "2011", "2015")
    assert resume.skills[0].name == "Design" and "Figma" in resume.skills[0].keywords
    assert resume.extra["sideQuests"][0]["name"] == "Organiser of the Bay Area design meetup"


# -- LinkedIn export -------------------------------------------------------------------------------

def _csv(rows: list[dict[str, str]], preamble: str = "") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return preamble + out.getvalue()


def _make_linkedin_zip(path: Path) -> None:
    files = {
        "Profile.csv": _csv([{"First Name": "Sam", "Last Name": "Okafor", "Maiden Name": "",
                              "Headline": "Site Reliability Engineer at Umbrella",
                              "Summary": "I keep systems boring.", "Geo Location": "Lagos, Nigeria",
                              "Zip Code": "", "Websites": "[PERSONAL:https://sam.example.dev,"
                              "OTHER:https://github.com/samokafor]", "Twitter Handles": "[samok]"}]),
        "Email Addresses.csv": _csv([{"Email Address": "old@example.com", "Primary": "No"},
                                     {"Email Address": "sam@example.com", "Primary": "Yes"}]),
        "Positions.csv": _csv([{"Company Name": "Umbrella", "Title": "SRE", "Description":
                                "On-call lead.\n• Cut paging noise by 60%\n• Wrote the runbooks",
                                "Location": "Lagos", "Started On": "Feb 2021", "Finished On": ""},
                               {"Company Name": "Acme", "Title": "Sysadmin", "Description": "",
                                "Location": "", "Started On": "2017", "Finished On": "Jan 2021"}]),
        "Education.csv": _csv([{"School Name": "University of Lagos", "Start Date": "2012",
                                "End Date": "2016", "Notes": "", "Degree Name": "BSc Physics",
                                "Activities": "Chess club"}]),
        "Skills.csv": _csv([{"Name": "Kubernetes"}, {"Name": "Prometheus"}]),
        "Languages.csv": _csv([{"Name": "Yoruba", "Proficiency": "Native or bilingual"}]),
        "Certifications.csv": _csv([{"Name": "CKA", "Url": "https://cncf.example/cka",
                                     "Authority": "CNCF", "Started On": "Mar 2022",
                                     "Finished On": "", "License Number": "LF-123"}]),
        "Honors.csv": _csv([{"Title": "Hackathon winner", "Description": "", "Issued On": "Nov 2019"}]),
        "Courses.csv": _csv([{"Name": "Distributed Systems", "Number": "CS-436"}]),
        "Connections.csv": _csv([{"First Name": "Private", "Last Name": "Person"}],
                                preamble="Notes:\nWhen exporting your connection data...\n\n"),
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(f"Basic_LinkedInDataExport_01-01-2025/{name}", text)


def test_linkedin_export(tmp_path):
    path = tmp_path / "linkedin.zip"
    _make_linkedin_zip(path)
    resume = load_resume(path)
    b = resume.basics
    assert (b.name, b.label, b.email, b.url) == ("Sam Okafor", "Site Reliability Engineer at "
                                                 "Umbrella", "sam@example.com",
                                                 "https://sam.example.dev")
    assert {p.network for p in b.profiles} == {"GitHub", "Twitter"}
    umbrella, acme = resume.work
    assert (umbrella.startDate, umbrella.summary, umbrella.highlights) == (
        "2021-02", "On-call lead.", ["Cut paging noise by 60%", "Wrote the runbooks"])
    assert (acme.startDate, acme.endDate) == ("2017", "2021-01")
    assert resume.education[0].studyType == "BSc Physics"
    assert [s.name for s in resume.skills] == ["Kubernetes", "Prometheus"]
    assert resume.certificates[0].extra["licenseNumber"] == "LF-123"
    assert resume.awards[0].date == "2019-11"
    assert resume.extra["courses"] == [{"Name": "Distributed Systems", "Number": "CS-436"}]
    assert "Private" not in json.dumps(resume.to_dict())  # connections are no resume data
    assert any("Connections.csv" in w for w in resume.warnings)


def test_linkedin_zip_without_profile_is_refused(tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.csv", "a,b\n1,2\n")
    with pytest.raises(InputError, match="not a LinkedIn data export"):
        load_resume(path)


# -- the Markdown view ---------------------------------------------------------------------------

def test_markdown_view_has_headings_as_sections_and_every_entry(resumes):
    resume = load_resume(resumes / "richard-hendriks.resume.json")
    text = resume_to_markdown(resume)
    assert text.startswith("# Richard Hendriks\n")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == ["About", "Experience", "Volunteering", "Education", "Awards",
                        "Publications", "Skills", "Languages", "Interests", "References",
                        "Projects"]
    assert "### CEO/President — Pied Piper" in text and "*Dec 2013 – Dec 2014" in text
    assert "- Successfully won Techcrunch Disrupt" in text
