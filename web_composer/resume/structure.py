"""From a layout-free :class:`~.blocks.Document` to a :class:`~.model.Resume`.

    header lines (above the first section)  -> basics       (contact.py)
    "Experience" / "Work History" / …       -> work         (section names below)
    each section's lines                    -> entries      (entries.py)
    a section nobody knows ("Services")     -> kept in Resume.extra under "services"
"""

from __future__ import annotations

import re

from ..errors import InputError
from .blocks import Document, Line
from .contact import add_contact, build_basics
from .entries import build_section
from .model import Resume

# Section headings people write -> the schema's key ("summary" goes to basics.summary).
SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "summary": ("summary", "profile", "about", "about me", "short biography", "biography", "bio",
                "objective", "career objective", "professional summary", "overview", "introduction",
                "personal statement", "executive summary"),
    "work": ("experience", "work experience", "work", "employment", "employment history",
             "professional experience", "work history", "career history", "career", "positions",
             "relevant experience", "industry experience", "research experience",
             "professional background"),
    "volunteer": ("volunteer", "volunteering", "volunteer experience", "volunteer work",
                  "community service"),
    "education": ("education", "academic background", "education and training", "academics",
                  "qualifications", "academic qualifications", "education history"),
    "awards": ("awards", "honors", "honours", "awards and honors", "honors and awards",
               "awards and honours", "honours and awards", "achievements", "prizes",
               "scholarships", "awards and achievements", "honors awards"),
    "certificates": ("certificates", "certifications", "licenses", "licenses and certifications",
                     "certifications and licenses", "courses and certifications"),
    "publications": ("publications", "papers", "selected publications", "research papers",
                     "journal articles", "conference papers", "publications first author"),
    "skills": ("skills", "technical skills", "skills and expertise", "expertise", "competencies",
               "core competencies", "technologies", "tools", "skill set", "key skills",
               "technical expertise"),
    "languages": ("languages", "language skills", "spoken languages"),
    "interests": ("interests", "hobbies", "hobbies and interests", "personal interests"),
    "references": ("references", "referees", "recommendations"),
    "contact": ("contact", "contact information", "contact details", "contact info",
                "personal details", "personal information", "personal data", "links", "social",
                "online", "find me online", "get in touch"),
    "projects": ("projects", "personal projects", "selected projects", "side projects",
                 "open source", "open source projects", "key projects"),
}
_LOOKUP = {name: key for key, names in SECTION_NAMES.items() for name in names}


def normalize_heading(text: str) -> str:
    text = text.lower().replace("&", " and ")
    text = re.sub(r"\(.*?\)", " ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def section_key(title: str) -> str | None:
    """The schema key for a heading, or None when it names no known section."""
    normal = normalize_heading(title)
    if normal in _LOOKUP:
        return _LOOKUP[normal]
    trimmed = re.sub(r"^(selected|recent|other|additional|relevant|key|my)\s+", "", normal)
    return _LOOKUP.get(trimmed)


def extra_key(title: str) -> str:
    """"Extracurricular Activity" -> "extracurricularActivity" (a key for Resume.extra)."""
    words = normalize_heading(title).split() or ["section"]
    return words[0] + "".join(w.capitalize() for w in words[1:])


def looks_like_heading(line: Line) -> bool:
    """A plain line that is really a section heading: a known name alone on its line."""
    text = line.text.strip().rstrip(":").strip()
    return (line.kind == "text" and len(text.split()) <= 5 and len(line.cells) == 1
            and section_key(text) is not None)


def _title_index(doc: Document) -> int | None:
    """Index of the heading that is the person's name (the first h1 that names no section)."""
    if doc.title:
        return None
    for index, line in enumerate(doc.lines):
        if line.kind == "heading":
            return index if line.level == 1 and section_key(line.text) is None else None
    return None


def _split_sections(doc: Document) -> tuple[str, list[Line], list[tuple[str, list[Line]]]]:
    title_at = _title_index(doc)
    title = doc.title or (doc.lines[title_at].text if title_at is not None else "")
    levels = [ln.level for i, ln in enumerate(doc.lines) if ln.kind == "heading" and i != title_at]
    section_level = min(levels) if levels else 2
    header: list[Line] = []
    sections: list[tuple[str, list[Line]]] = []
    for index, line in enumerate(doc.lines):
        if index == title_at:
            continue
        if (line.kind == "heading" and line.level <= section_level) or looks_like_heading(line):
            sections.append((line.text.strip().rstrip(":").strip(), []))
        elif sections:
            sections[-1][1].append(line)
        else:
            header.append(line)
    return title, header, sections


def build_resume(doc: Document) -> Resume:
    """The resume a document describes; InputError when nothing resume-like is in it."""
    if not any(line.text for line in doc.lines) and not doc.title:
        raise InputError(f"{doc.source}: no text found in the file")
    title, header, sections = _split_sections(doc)
    resume = Resume(basics=build_basics(title, header))
    titles: dict[str, str] = {}
    headings: dict[str, list[str]] = {}
    for key, heading in ((section_key(h), h) for h, _ in sections):
        headings.setdefault(key or extra_key(heading), []).append(heading)
    for heading, lines in sections:
        key = section_key(heading)
        if key == "summary":
            _add_summary(resume, lines)
            continue
        if key == "contact":
            add_contact(resume.basics, lines)
            continue
        name = key or extra_key(heading)
        entries = build_section(key or "", lines)
        if not entries:
            continue
        if len(set(headings[name])) > 1:  # "Publications (First Author)" and "Publications"
            _set_category(entries, heading)
        if key:
            getattr(resume, key).extend(entries)
        else:
            resume.extra.setdefault(name, []).extend(entries)
            titles.setdefault(name, heading)
        if name not in resume.order:
            resume.order.append(name)
    if titles:
        resume.meta["sectionTitles"] = titles
    return resume


def _set_category(entries: list, heading: str) -> None:
    for entry in entries:
        target = entry if isinstance(entry, dict) else entry.extra
        target.setdefault("category", heading)


def _add_summary(resume: Resume, lines: list[Line]) -> None:
    paragraphs: list[str] = []
    for line in lines:
        text = line.text.lstrip("•-* ").strip() if line.kind == "bullet" else line.text
        if paragraphs and not line.gap and line.kind == "text":
            paragraphs[-1] += " " + text
        else:
            paragraphs.append(text)
    summary = "\n\n".join(p for p in paragraphs if p)
    basics = resume.basics
    basics.summary = f"{basics.summary}\n\n{summary}".strip() if basics.summary else summary
