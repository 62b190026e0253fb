"""What ``webcompose resume parse`` shows: a readable table of what was read, and what is missing.

A reader checking a parsed PDF wants to see at a glance whether each job came out as one entry
with the right company, role, place and dates, and where the reader gave up. So: the contact
details as labelled lines, one row per work / volunteer / education / project entry, a count for
every other section, and one warning line per field a document's layout did not yield
(``unplaced``) so they know what to correct in the ``--json`` output.
"""

from __future__ import annotations

from typing import Any

from .dates import display_date
from .model import Resume


def _dates(entry: Any) -> str:
    start = display_date(getattr(entry, "startDate", ""))
    end = display_date(getattr(entry, "endDate", ""))
    if start and not end:
        return f"{start} – present" if type(entry).__name__ in ("Work", "Volunteer") else start
    return " – ".join(d for d in (start, end) if d)


def _cut(text: str, width: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _grid(headers: list[str], rows: list[list[str]], widths: list[int]) -> list[str]:
    """Fixed-width columns, each no wider than its content or its limit."""
    cells = [[_cut(c, w) for c, w in zip(row, widths)] for row in rows]
    sizes = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  " + "  ".join(h.ljust(s) for h, s in zip(headers, sizes)).rstrip()]
    lines += ["  " + "  ".join(c.ljust(s) for c, s in zip(row, sizes)).rstrip() for row in cells]
    return lines


def parse_table(resume: Resume) -> str:
    b = resume.basics
    out = [(b.name or "(no name)") + (f" — {b.label}" if b.label else "")]
    details = [("email", b.email), ("phone", b.phone), ("site", b.url),
               ("location", b.location.address or b.location.city)]
    details += [(p.network, p.username or p.url) for p in b.profiles]
    out += [f"  {label:<10}{value}" for label, value in details if value]
    for key, title in (("work", "Work"), ("volunteer", "Volunteer")):
        entries = getattr(resume, key)
        if entries:
            out += ["", f"{title} ({len(entries)})"]
            out += _grid(["#", "organisation", "position", "place", "dates", "bullets"],
                         [[str(i + 1), getattr(e, "name", "") or getattr(e, "organization", ""),
                           e.position, getattr(e, "location", "") or e.extra.get("location", ""),
                           _dates(e), str(len(e.highlights))] for i, e in enumerate(entries)],
                         [3, 34, 34, 20, 22, 7])
    if resume.education:
        out += ["", f"Education ({len(resume.education)})"]
        out += _grid(["#", "institution", "degree", "field", "score", "dates"],
                     [[str(i + 1), e.institution, e.studyType, e.area, e.score, _dates(e)]
                      for i, e in enumerate(resume.education)], [3, 36, 24, 26, 10, 22])
    if resume.projects:
        out += ["", f"Projects ({len(resume.projects)})"]
        out += _grid(["#", "name", "keywords", "dates", "bullets"],
                     [[str(i + 1), p.name, ", ".join(p.keywords), _dates(p), str(len(p.highlights))]
                      for i, p in enumerate(resume.projects)], [3, 36, 36, 22, 7])
    others = [(k, len(resume.section(k))) for k in resume.section_keys()
              if k not in ("work", "volunteer", "education", "projects")]
    if others:
        out += ["", "Other sections: " + ", ".join(f"{resume.section_title(k)} ({n})"
                                                   for k, n in others)]
    return "\n".join(out) + "\n"


def unplaced(resume: Resume) -> list[str]:
    """One line per field a document (PDF, Word, Markdown…) did not yield where it should."""
    warnings: list[str] = []
    b = resume.basics
    for field, value in (("name", b.name), ("email", b.email)):
        if not value:
            warnings.append(f"basics.{field}: not found")
    for index, work in enumerate(resume.work):
        label = f"work[{index}] ({_cut(work.name or work.position, 30)})"
        for field in ("name", "position", "startDate"):
            if not getattr(work, field):
                warnings.append(f"{label}: no {field} found")
        if work.summary and not work.highlights:
            warnings.append(f"{label}: text kept as summary: {_cut(work.summary, 50)!r}")
    for index, edu in enumerate(resume.education):
        label = f"education[{index}] ({_cut(edu.institution or edu.studyType, 30)})"
        for field in ("institution", "studyType"):
            if not getattr(edu, field):
                warnings.append(f"{label}: no {field} found")
        if not (edu.startDate or edu.endDate):
            warnings.append(f"{label}: no dates found")
    for index, project in enumerate(resume.projects):
        if not project.name:
            warnings.append(f"projects[{index}]: no name found")
    return warnings
