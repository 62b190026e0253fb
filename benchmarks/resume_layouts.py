"""JSON Resume documents -> PDFs through several resume layouts, with the JSON as the known answer.

    .venv/bin/python benchmarks/resume_layouts.py [RESUME.json ...] [-o OUT] [--layout NAME ...]

Why: a PDF reader can only be measured on PDFs whose every field is known. Printing a JSON Resume
through the layouts people actually use (Jake's resume: bold company, right-aligned place and
dates; sb2nov: name and labelled contacts either side of a two-line header; two columns; a sidebar;
an Awesome-CV look-alike; a plain one) with the project's own Chromium gives such PDFs, and the
JSON they came from is the truth. Each layout writes dates its own way, so the date reader is
measured too.

``layout_html(resume, layout)`` and ``print_pdf(html)`` are importable (the tests use them).
"""

from __future__ import annotations

import argparse
import calendar
import html
import json
from pathlib import Path
from typing import Any, Callable

SHARED = Path(__file__).resolve().parents[2] / "shared" / "resumes"

# How each layout writes a date ("2024-06-01" -> ...).
DATE_STYLES: dict[str, Callable[[int, int], str]] = {
    "abbr": lambda y, m: f"{calendar.month_abbr[m]} {y}",
    "abbr_dot": lambda y, m: f"{calendar.month_abbr[m]}. {y}",
    "numeric": lambda y, m: f"{m:02d}/{y}",
    "long": lambda y, m: f"{calendar.month_name[m]} {y}",
    "iso": lambda y, m: f"{y}-{m:02d}",
}


def show_date(value: str, style: str) -> str:
    if not value:
        return "Present"
    year, _, rest = value.partition("-")
    if not rest:
        return year
    return DATE_STYLES[style](int(year), int(rest[:2]))


def span(entry: dict[str, Any], style: str, dash: str = " – ") -> str:
    start = entry.get("startDate", "")
    if not start:
        return show_date(entry.get("endDate", ""), style) if entry.get("endDate") else ""
    return f"{show_date(start, style)}{dash}{show_date(entry.get('endDate', ''), style)}"


def esc(text: Any) -> str:
    return html.escape(str(text or ""))


def _site(url: str) -> str:
    return url.split("://", 1)[-1].rstrip("/")


def _profiles(basics: dict[str, Any]) -> list[str]:
    return [_site(p["url"]) for p in basics.get("profiles", []) if p.get("url")]


def _degree(edu: dict[str, Any]) -> str:
    text = esc(edu.get("studyType"))
    if edu.get("area"):
        text += f" in {esc(edu['area'])}"
    return text


def _gpa(edu: dict[str, Any]) -> str:
    return f"GPA: {esc(edu['score'])}" if edu.get("score") else ""


def _bullets(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ul>" if items else ""


def _skills(resume: dict[str, Any]) -> str:
    rows = [f"<p><b>{esc(s['name'])}:</b> {esc(', '.join(s.get('keywords', [])))}</p>"
            for s in resume.get("skills", []) if s.get("name")]
    return "<h2>Skills</h2>" + "".join(rows) if rows else ""


BASE_CSS = """
@page { size: Letter; margin: 0.6in; }
body { font-family: 'DejaVu Serif', serif; font-size: 10.5pt; margin: 0; color: #111; }
h1 { margin: 0; } h2 { font-size: 13pt; margin: 12px 0 4px; }
ul { margin: 2px 0 6px; padding-left: 18px; } li { margin: 0; }
p { margin: 2px 0; }
.row { display: flex; justify-content: space-between; gap: 24px; }
.entry { margin-bottom: 6px; break-inside: avoid; }
"""


# -- layouts: each returns the <body> for one resume ------------------------------------------------

def _jake_entry(org: str, place: str, role: str, dates: str, bullets: list[str]) -> str:
    return (f"<div class='entry'><div class='row'><b>{org}</b><span>{place}</span></div>"
            f"<div class='row'><i>{role}</i><i>{dates}</i></div>{_bullets(bullets)}</div>")


def _jake_sections(resume: dict[str, Any], style: str) -> str:
    out = ["<h2>Education</h2>"]
    for edu in resume.get("education", []):
        role = _degree(edu) + (f"; {_gpa(edu)}" if edu.get("score") else "")
        out.append(_jake_entry(esc(edu["institution"]), esc(edu.get("location", "")), role,
                               span(edu, style), []))
    out.append("<h2>Experience</h2>")
    for work in resume.get("work", []):
        out.append(_jake_entry(esc(work["name"]), esc(work.get("location")),
                               esc(work.get("position")), span(work, style),
                               work.get("highlights", [])))
    if resume.get("projects"):
        out.append("<h2>Projects</h2>")
        for project in resume["projects"]:
            keywords = ", ".join(project.get("keywords", []))
            title = f"<b>{esc(project['name'])}</b>" + (f" | <i>{esc(keywords)}</i>" if keywords else "")
            out.append(f"<div class='entry'><div class='row'><span>{title}</span>"
                       f"<span>{span(project, style)}</span></div>"
                       f"{_bullets(project.get('highlights', []))}</div>")
    out.append(_skills(resume))
    return "".join(out)


def jake(resume: dict[str, Any]) -> str:
    """Jake's resume: centred name, one contact line, right-aligned places and dates."""
    b = resume["basics"]
    contacts = [esc(b.get("phone")), esc(b.get("email")), esc(_site(b.get("url", "")))]
    contacts += [esc(p) for p in _profiles(b)]
    head = (f"<div style='text-align:center'><h1 style='font-size:24pt'>{esc(b['name'])}</h1>"
            f"<p>{' | '.join(c for c in contacts if c)}</p></div>")
    css = "h2 { font-variant: small-caps; border-bottom: 1px solid #000; }"
    return f"<style>{css}</style>{head}{_jake_sections(resume, 'abbr_dot')}"


def sb2nov(resume: dict[str, Any]) -> str:
    """sb2nov's LaTeX resume: name and labelled contacts either side of a two-line header."""
    b = resume["basics"]
    head = (f"<div class='row'><b style='font-size:20pt'>{esc(b['name'])}</b>"
            f"<span>Email: {esc(b.get('email'))}</span></div>"
            f"<div class='row'><span>{esc(b.get('url'))}</span>"
            f"<span>Mobile: {esc(b.get('phone'))}</span></div>")
    css = "h2 { border-bottom: 1px solid #000; font-size: 12pt; }"
    return f"<style>{css}</style>{head}{_jake_sections(resume, 'abbr')}"


def awesome(resume: dict[str, Any]) -> str:
    """An Awesome-CV look-alike: big centred name, label, contacts with bars, bold position over a
    grey organisation, places and dates right-aligned in italics."""
    b = resume["basics"]
    contacts = [esc(b.get("phone")), esc(b.get("email")), esc(_site(b.get("url", "")))]
    contacts += [esc(p) for p in _profiles(b)]
    out = [f"<div style='text-align:center'><h1 style='font-size:28pt;font-weight:300'>"
           f"{esc(b['name'])}</h1><p style='color:#b00'>{esc(b.get('label'))}</p>"
           f"<p style='font-size:9pt'>{' | '.join(c for c in contacts if c)}</p></div>",
           "<h2 style='color:#b00'>Experience</h2>"]
    for work in resume.get("work", []):
        out.append(f"<div class='entry'><div class='row'><b>{esc(work.get('position'))}</b>"
                   f"<i style='color:#b00'>{esc(work.get('location'))}</i></div>"
                   f"<div class='row' style='font-size:9pt;color:#555'><span>{esc(work['name'])}"
                   f"</span><i>{span(work, 'abbr_dot', ' - ')}</i></div>"
                   f"{_bullets(work.get('highlights', []))}</div>")
    out.append("<h2 style='color:#b00'>Education</h2>")
    for edu in resume.get("education", []):
        out.append(f"<div class='entry'><div class='row'><b>{esc(edu['institution'])}</b>"
                   f"<i></i></div><div class='row' style='font-size:9pt;color:#555'>"
                   f"<span>{_degree(edu)}</span><i>{span(edu, 'abbr_dot', ' - ')}</i></div>"
                   f"{_bullets([_gpa(edu)] if edu.get('score') else [])}</div>")
    if resume.get("projects"):
        out.append("<h2 style='color:#b00'>Projects</h2>")
        for project in resume["projects"]:
            out.append(f"<div class='entry'><div class='row'><b>{esc(project['name'])}</b>"
                       f"<i>{span(project, 'abbr_dot', ' - ')}</i></div>"
                       f"{_bullets(project.get('highlights', []))}</div>")
    out.append(_skills(resume))
    return "".join(out)


def _column_entries(resume: dict[str, Any], style: str) -> tuple[str, str]:
    work = ["<h2>Experience</h2>"]
    for item in resume.get("work", []):
        work.append(f"<div class='entry'><b>{esc(item['name'])}</b><br>"
                    f"<span>{esc(item.get('position'))}</span><br>"
                    f"<i>{span(item, style)} · {esc(item.get('location'))}</i>"
                    f"{_bullets(item.get('highlights', []))}</div>")
    edu = ["<h2>Education</h2>"]
    for item in resume.get("education", []):
        edu.append(f"<div class='entry'><b>{esc(item['institution'])}</b><br>"
                   f"<span>{_degree(item)}</span><br><i>{span(item, style)}</i>"
                   f"{'<br>' + _gpa(item) if item.get('score') else ''}</div>")
    if resume.get("projects"):
        edu.append("<h2>Projects</h2>")
        for project in resume["projects"]:
            edu.append(f"<div class='entry'><b>{esc(project['name'])}</b>"
                       f"{_bullets(project.get('highlights', []))}</div>")
    return "".join(work), "".join(edu)


def two_columns(resume: dict[str, Any]) -> str:
    """Two equal columns under a full-width header: experience left; education, projects and
    skills right."""
    b = resume["basics"]
    left, right = _column_entries(resume, "numeric")
    contacts = " · ".join(c for c in (esc(b.get("email")), esc(b.get("phone")),
                                       esc(_site(b.get("url", ""))))
                          if c)
    return (f"<h1 style='font-size:22pt'>{esc(b['name'])}</h1><p>{esc(b.get('label'))}</p>"
            f"<p>{contacts}</p><div style='display:flex;gap:36px'>"
            f"<div style='flex:1'>{left}</div><div style='flex:1'>{right}{_skills(resume)}</div>"
            f"</div>")


def sidebar(resume: dict[str, Any]) -> str:
    """A narrow sidebar (contact, skills, languages) beside the main column."""
    b = resume["basics"]
    left, right = _column_entries(resume, "long")
    side = [f"<h1 style='font-size:20pt'>{esc(b['name'])}</h1><p>{esc(b.get('label'))}</p>",
            "<h2>Contact</h2>", f"<p>{esc(b.get('email'))}</p><p>{esc(b.get('phone'))}</p>",
            f"<p>{esc(_site(b.get('url', '')))}</p>"]
    side += [f"<p>{esc(p)}</p>" for p in _profiles(b)]
    side.append(_skills(resume))
    return (f"<div style='display:flex;gap:28px'><div style='width:30%;font-size:9.5pt;overflow-wrap:anywhere'>"
            f"{''.join(side)}</div><div style='flex:1'>{left}{right}</div></div>")


def plain(resume: dict[str, Any]) -> str:
    """Plain: headings, "Role, Company" lines with dates after a dash, bullets, no alignment."""
    b = resume["basics"]
    out = [f"<h1 style='font-size:18pt'>{esc(b['name'])}</h1>",
           f"<p>{esc(b.get('email'))}</p><p>{esc(b.get('phone'))}</p>"
           f"<p>{esc(_site(b.get('url', '')))}</p>", "<h2>Work Experience</h2>"]
    for work in resume.get("work", []):
        out.append(f"<div class='entry'><p><b>{esc(work['name'])}</b></p>"
                   f"<p>{esc(work.get('position'))}, {esc(work.get('location'))} — "
                   f"{span(work, 'iso', ' to ')}</p>{_bullets(work.get('highlights', []))}</div>")
    out.append("<h2>Education</h2>")
    for edu in resume.get("education", []):
        out.append(f"<div class='entry'><p><b>{esc(edu['institution'])}</b></p>"
                   f"<p>{_degree(edu)}, {span(edu, 'iso', ' to ')}</p>"
                   f"{'<p>' + _gpa(edu) + '</p>' if edu.get('score') else ''}</div>")
    if resume.get("projects"):
        out.append("<h2>Projects</h2>")
        for project in resume["projects"]:
            out.append(f"<div class='entry'><p><b>{esc(project['name'])}</b></p>"
                       f"{_bullets(project.get('highlights', []))}</div>")
    out.append(_skills(resume))
    return "".join(out)


LAYOUTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "jake": jake, "sb2nov": sb2nov, "awesome": awesome, "two-columns": two_columns,
    "sidebar": sidebar, "plain": plain,
}


# Each layout in its own type (widths, gaps and line breaks change with the font).
FONTS = {"jake": "'DejaVu Serif'", "sb2nov": "'Liberation Serif'", "awesome": "'DejaVu Sans'",
         "two-columns": "'Liberation Sans'", "sidebar": "'DejaVu Sans'",
         "plain": "'Liberation Serif'"}


def layout_html(resume: dict[str, Any], layout: str) -> str:
    body = LAYOUTS[layout](resume)
    font = f"body {{ font-family: {FONTS[layout]}, serif; }}"
    return (f"<!doctype html><html><head><meta charset='utf-8'><style>{BASE_CSS}{font}</style>"
            f"</head><body>{body}</body></html>")


def print_pdf(page_html: str) -> bytes:
    """The page printed to PDF by the project's Chromium (the renderer's browser session)."""
    from web_composer.render.browser import session

    context = session().browser.new_context()
    try:
        page = context.new_page()
        page.set_content(page_html)
        return page.pdf(format="Letter", print_background=True)
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("resumes", nargs="*", type=Path)
    parser.add_argument("-o", "--out", type=Path, default=Path("out/resume-layouts"))
    parser.add_argument("--layout", action="append", choices=sorted(LAYOUTS))
    args = parser.parse_args()
    files = args.resumes or sorted(SHARED.glob("*.resume.json"))
    args.out.mkdir(parents=True, exist_ok=True)
    for file in files:
        resume = json.loads(file.read_text())
        for layout in args.layout or LAYOUTS:
            target = args.out / f"{file.name.split('.')[0]}.{layout}.pdf"
            target.write_bytes(print_pdf(layout_html(resume, layout)))
            print(target)


if __name__ == "__main__":
    main()
