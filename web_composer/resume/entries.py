"""One section's lines -> its entries.

Two shapes of section exist in real resumes:

- *nested* (work, volunteer, education, projects): an entry is a few header lines (organisation,
  role, dates, place) followed by paragraphs and bullets; the next header starts the next entry;
- *flat* (skills, awards, certificates, publications, languages…): one line is one entry.

An entry's header cells are sorted into dates (anything :func:`.dates.is_date_text` accepts), a
place (the right-aligned last cell of a line, or "City, Country"), and texts in reading order; the
section's own mapping (:mod:`.fields`) says which text is the company and which the position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .blocks import Line
from .contact import is_place
from .dates import DateRange, find_all_ranges, is_date_text
from .fields import FLAT_BUILDERS, NESTED_BUILDERS, generic_flat, generic_nested

NESTED = frozenset(NESTED_BUILDERS)
_INLINE_SPLIT = re.compile(r"\s*\|\s*|\s+[·•]\s+|\s+[–—]\s+|\s+-\s+|\t")


@dataclass
class Group:
    """An entry's raw material."""

    header: list[Line] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    category: str = ""  # the sub-heading it sat under (flat sections)


@dataclass
class Header:
    """An entry's header, sorted."""

    texts: list[str] = field(default_factory=list)
    start: str = ""
    end: str = ""
    present: bool = False
    single: bool = False  # one date, not a range
    location: str = ""
    links: list[str] = field(default_factory=list)


def _is_paragraph(line: Line) -> bool:
    words = len(line.text.split())
    return len(line.cells) == 1 and (words > 14 or (words > 8 and line.text.endswith(".")))


def _has_date(line: Line) -> bool:
    return any(is_date_text(cell) for cell in line.cells) or bool(
        [r for r in find_all_ranges(line.text) if r.end or r.present])


_SCORE_LINE = re.compile(r"^(?:gpa|cgpa|grade|score)\b", re.I)


def _starts_entry(group: Group, line: Line) -> bool:
    if group.bullets:
        return True
    if not group.header or _SCORE_LINE.match(line.text):  # "GPA: 3.8/4.0" under its degree
        return False
    if line.style and line.style == group.header[0].style and len(group.header) > 1:
        return True
    header_dated = any(_has_date(h) for h in group.header)
    if group.paragraphs:
        return _has_date(line) or len(line.cells) > 1
    return (header_dated and _has_date(line)) or len(group.header) >= 3


def group_nested(lines: list[Line]) -> list[Group]:
    groups: list[Group] = []
    current: Group | None = None
    for line in lines:
        if line.kind in ("heading", "row"):
            current = Group(header=[line])
            groups.append(current)
        elif line.kind == "bullet":
            if current is None:
                current = Group()
                groups.append(current)
            current.bullets.append(line.text)
        elif current is None or _starts_entry(current, line):
            current = Group(header=[] if _is_paragraph(line) else [line],
                            paragraphs=[line.text] if _is_paragraph(line) else [])
            groups.append(current)
        elif _is_paragraph(line) or current.paragraphs:
            current.paragraphs.append(line.text)
        else:
            current.header.append(line)
    return groups


def group_flat(lines: list[Line]) -> list[Group]:
    """One group per line; when a section mixes lines and bullets, bullets belong to the line above."""
    mixed = any(ln.kind == "bullet" for ln in lines) and any(ln.kind in ("text", "row")
                                                             for ln in lines)
    groups: list[Group] = []
    category = ""
    for line in lines:
        if line.kind == "heading":
            category = line.text
        elif mixed and line.kind == "bullet" and groups and groups[-1].category == category:
            groups[-1].bullets.append(line.text)
        else:
            groups.append(Group(header=[line], category=category))
    return groups


def _inline_dates(cell: str, *, flat: bool) -> tuple[list[DateRange], str]:
    """Dates at the start or end of a cell ("Engineer, Jan 2020 – Present"), and the rest.

    In flat sections a bare year counts only at the start ("2021 National Scholarship"): at the
    end it is usually part of the name ("Reviewer for CVPR 2022").
    """
    for hit in find_all_ranges(cell):
        tail = cell[hit.span[1]:].strip(" .,;)(|–—-")
        head = cell[:hit.span[0]].strip(" ,;(|–—-")
        bare_year = not (hit.end or hit.present) and len(hit.text) == 4
        if hit.span[0] == 0 or (not tail and not (flat and bare_year)):
            return [hit], head or tail
    return [], cell


def _cells(line: Line) -> list[str]:
    if len(line.cells) > 1:
        return line.cells
    text = line.text
    ranges = [r for r in find_all_ranges(text) if r.end or r.present]
    for hit in reversed(ranges):  # protect "Jan 2020 – Present" from the dash split
        text = text[:hit.span[0]] + " | " + hit.text.replace(" ", "\x00") + " | " + text[hit.span[1]:]
    parts = [p.replace("\x00", " ").strip(" ,;|·•") for p in _INLINE_SPLIT.split(text)]
    return [p for p in parts if p]


def sort_header(lines: list[Line], *, flat: bool = False) -> Header:
    header = Header()
    ranges: list[DateRange] = []
    rows = [_cells(line) for line in lines]
    date_cells = {(i, j) for i, cells in enumerate(rows) for j, cell in enumerate(cells)
                  if is_date_text(cell)}
    for i, (line, cells) in enumerate(zip(lines, rows)):
        header.links += line.links
        for j, cell in enumerate(cells):
            if (i, j) in date_cells:
                ranges += find_all_ranges(cell)
                continue
            found, rest = ([], cell) if date_cells or ranges else _inline_dates(cell, flat=flat)
            ranges += found
            last = j == len(cells) - 1 and j > 0 and bool(header.texts)
            if rest and last and not header.location and (
                    (line.aligned and len(rest.split()) <= 5) or is_place(rest)
                    or ((i, j - 1) in date_cells and _looks_like_a_name(rest))):
                header.location = rest
            elif rest:
                text, place = (rest, "") if flat or header.location else _trailing_place(rest)
                header.location = header.location or place
                header.texts.append(text)
    _set_dates(header, ranges)
    return header


def _trailing_place(text: str) -> tuple[str, str]:
    """"Shift Supervisor, Austin, TX" -> ("Shift Supervisor", "Austin, TX"): a place written after
    the role on the same line (plain layouts). Needs a "City, Region" pair after some text."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) >= 2 and parts[-1].lower() in ("remote", "hybrid", "online"):
        return ", ".join(parts[:-1]), parts[-1]
    if len(parts) >= 3 and _REGION.fullmatch(parts[-1].rstrip(".") if len(parts[-1]) > 4
                                              else parts[-1]):
        place = ", ".join(parts[-2:])
        if is_place(place):
            return ", ".join(parts[:-2]), place.rstrip(".") if len(parts[-1]) > 4 else place
    return text, ""


# What ends a "City, Region" pair: a state or country code ("TX", "U.K.") or a country's name
# (not any capitalised word: "DormSwap | Next.js, Prisma, Vercel" is no place).
_REGION = re.compile(
    r"[A-Z]{2,3}|(?:[A-Z]\.){2,3}|USA|Australia|Austria|Belgium|Brazil|Canada|China|Denmark|"
    r"England|Finland|France|Germany|India|Ireland|Israel|Italy|Japan|Korea|S\.Korea|Mexico|"
    r"Netherlands|Norway|Poland|Portugal|Scotland|Singapore|Spain|Sweden|Switzerland|Taiwan|"
    r"United Kingdom|United States|Vietnam")


def _looks_like_a_name(text: str) -> bool:
    """"Berlin" after "Mar 2016 – Dec 2019": short, capitalised, no digits."""
    return len(text.split()) <= 4 and text[:1].isupper() and not re.search(r"\d", text)


def sort_flat(lines: list[Line]) -> Header:
    return sort_header(lines, flat=True)


def _set_dates(header: Header, ranges: list[DateRange]) -> None:
    if not ranges:
        return
    starts = sorted(r.start for r in ranges if r.start)
    ends = sorted(r.end for r in ranges if r.end)
    header.start = starts[0] if starts else ""
    header.present = any(r.present for r in ranges)
    header.single = len(ranges) == 1 and not ranges[0].end and not ranges[0].present
    if not header.present:
        header.end = max(ends + starts[1:]) if ends or len(starts) > 1 else ""


def build_section(key: str, lines: list[Line]) -> list[Any]:
    """The entries of section ``key`` ("" for a section the schema does not define)."""
    lines = [ln for ln in lines if ln.text]
    if not lines:
        return []
    if key in NESTED:
        build = NESTED_BUILDERS[key]
        return [e for e in (build(g, sort_header(g.header)) for g in group_nested(lines))
                if e.to_dict()]
    if key in FLAT_BUILDERS:
        return [e for e in FLAT_BUILDERS[key](group_flat(lines), sort_flat) if e.to_dict()]
    nested = any(ln.kind == "bullet" for ln in lines) and any(
        ln.kind in ("text", "heading") and not _is_paragraph(ln) for ln in lines)
    if nested:
        return [e for e in (generic_nested(g, sort_header(g.header)) for g in group_nested(lines))
                if e]
    return [e for e in (generic_flat(g, sort_flat(g.header)) for g in group_flat(lines)) if e]
