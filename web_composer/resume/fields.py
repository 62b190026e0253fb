"""Section by section: which piece of an entry's text becomes which JSON Resume field.

Nested builders take a :class:`~.entries.Group` and its sorted :class:`~.entries.Header`; flat
builders take all of a section's groups (one per line). What a builder cannot place is kept in the
entry's ``summary`` (or ``extra``), never dropped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable

from .dates import find_all_ranges
from .model import (Award, Certificate, Education, Interest, Language, Project, Publication,
                    Reference, Skill, Volunteer, Work)

if TYPE_CHECKING:
    from .entries import Group, Header

_DEGREE = re.compile(
    r"(?<![\w.])(?:bachelor|master|doctor(?:ate)?|ph\.?\s?d|m\.?\s?phil|d\.?\s?phil|mba|b\.?\s?sc?"
    r"|m\.?\s?sc?|b\.?\s?a|m\.?\s?a|[bm]\.?\s?f\.?\s?a|b\.?\s?b\.?\s?a|[bm]\.?\s?com"
    r"|[bm]\.?\s?ed|b\.?\s?arch|[bm]\.?\s?eng|[bm]\.?\s?tech|associate|diploma|degree"
    r"|high school|a\.?\s?a\.?\s?s|ll\.?\s?[mb]|j\.?\s?d|m\.?\s?d|abitur|licen[cs]e)(?![\w])\.?",
    re.I)
_SCHOOL = re.compile(r"universit|college|institut|school|academy|polytechnic|conservator|école"
                     r"|hochschule|lyc[ée]e|gymnasium", re.I)
_SCORE = re.compile(r"\b(?:gpa|cgpa|grade|score)\b\s*[:=]?\s*([\d.,]+\s*(?:/\s*[\d.]+)?)", re.I)
_NAME_SPLIT = re.compile(r"^(?P<name>[^:–—|]{1,60}?)\s*(?::|\s[–—|-]\s)\s*(?P<rest>.+)$")
_KEYWORD_SPLIT = re.compile(r"\s*[,;•·|]\s*")


def _dates(header: Header, *, single_is_end: bool = False) -> dict[str, str]:
    if header.single:
        if single_is_end:
            return {"endDate": header.start}
        return {"startDate": header.start, "endDate": header.start}
    return {"startDate": header.start, "endDate": header.end}


def _join(*parts: Any) -> str:
    return " ".join(str(p) for p in parts if p).strip()


# Words that make a line a job title (singular only: "Atelier Partners" is a firm).
_ROLE = re.compile(
    r"\b(?:engineer|developer|programmer|intern|internship|manager|director|president|ceo|cto"
    r"|cfo|coo|vp|analyst|researcher|scientist|consultant|supervisor|teacher|tutor|designer"
    r"|officer|architect|founder|co-founder|assistant|associate|specialist|lead|head|member"
    r"|trainee|tester|administrator|coordinator|technician|editor|writer|reporter|fellow"
    r"|professor|lecturer|student|chair|owner|partner|advisor|adviser|clerk|cashier|nurse"
    r"|volunteer|contractor|freelancer|principal|staff|sre|devops|accountant|representative"
    r"|executive|instructor|mentor|chef|cook|server|barista|agent)\b", re.I)


def _org_and_role(texts: list[str]) -> tuple[str, str, list[str]]:
    """Organisation first, then role, unless the first line reads as a role and the second does
    not (Awesome-CV and many others put the position above the company)."""
    if len(texts) >= 2:
        if _ROLE.search(texts[0]) and not _ROLE.search(texts[1]):
            return texts[1], texts[0], texts[2:]
        return texts[0], texts[1], texts[2:]
    if texts:
        match = re.match(r"^(?P<role>.+?)\s+at\s+(?P<org>[A-Z].+)$", texts[0])
        if match:
            return match.group("org"), match.group("role"), []
        return texts[0], "", []
    return "", "", []


def _work(group: Group, header: Header) -> Work | None:
    name, position, rest = _org_and_role(header.texts)
    return Work(name=name, position=position, location=header.location,
                url=header.links[0] if header.links else "", **_dates(header),
                summary=_join(*rest, *group.paragraphs), highlights=group.bullets)


def _volunteer(group: Group, header: Header) -> Volunteer | None:
    name, position, rest = _org_and_role(header.texts)
    entry = Volunteer(organization=name, position=position, **_dates(header),
                      url=header.links[0] if header.links else "",
                      summary=_join(*rest, *group.paragraphs), highlights=group.bullets)
    if header.location:
        entry.extra["location"] = header.location
    return entry


def _split_degree(text: str) -> tuple[str, str]:
    """"B.S. in Computer Science" -> ("B.S.", "Computer Science")."""
    match = re.match(r"^(?P<type>.+?)\s+(?:in|of|on)\s+(?P<area>.+)$", text)
    if " in " in text:
        match = re.match(r"^(?P<type>.+?)\s+in\s+(?P<area>.+)$", text)
    if match and (_DEGREE.search(match.group("type")) or not _DEGREE.search(text)):
        return match.group("type").strip(" ,"), match.group("area").strip(" ,.")
    leading = _DEGREE.match(text)  # "M.Sc. Computer Science"
    if leading and text[leading.end():].strip(" ,.-–"):
        return leading.group(0).strip(), text[leading.end():].strip(" ,.-–")
    return text.strip(" ,."), ""


def _education(group: Group, header: Header) -> Education | None:
    segments = [s.strip() for t in header.texts for s in re.split(r"(?:,|;|\s\|)\s+(?![^()]*\))", t)
                if s.strip()]
    degree = next((s for s in segments if _DEGREE.search(s)), "")
    schools = [s for s in segments if s != degree and _SCHOOL.search(s)]
    if not degree and len(segments) >= 2:  # "Exchange semester in Distributed Systems"
        degree = next((s for s in segments[1:] if s not in schools and " in " in s), "")
    school = next((s for s in schools if re.search("universit", s, re.I)), schools[0] if schools
                  else next((s for s in segments if s != degree), ""))
    entry = Education(institution=school, url=header.links[0] if header.links else "",
                      **_dates(header, single_is_end=True))
    entry.studyType, entry.area = _split_degree(degree) if degree else ("", "")
    rest = [s for s in segments if s not in (degree, school)]
    for index, segment in enumerate(rest):
        score = _SCORE.search(segment)
        if score and not entry.score:
            entry.score = score.group(1).strip()
            rest[index] = segment.replace(score.group(0), "").strip(" ,;:")
    bullets = list(group.bullets)
    for bullet in bullets if not entry.score else []:  # "• GPA: 3.8/4.0" as the only bullet text
        score = _SCORE.fullmatch(bullet.strip(" .;"))
        if score:
            entry.score = score.group(1).strip()
            bullets.remove(bullet)
            break
    summary = _join(", ".join(s for s in rest if s), *group.paragraphs)
    if summary:
        entry.extra["summary"] = summary
    if header.location:
        entry.extra["location"] = header.location
    if bullets:
        entry.extra["highlights"] = bullets
    return entry


def _project(group: Group, header: Header) -> Project | None:
    texts = list(header.texts)
    keywords: list[str] = []
    if texts and " | " in texts[0]:  # "DormSwap | React, Node.js" (Jake's resume)
        texts[0], _, used = texts[0].partition(" | ")
        keywords = split_keywords(used) or [used.strip()]
    project = Project(name=texts[0] if texts else "", description=_join(*texts[1:], *group.paragraphs),
                      highlights=group.bullets, url=header.links[0] if header.links else "",
                      **_dates(header))
    project.keywords = keywords
    return project


def generic_nested(group: Group, header: Header) -> dict[str, Any]:
    """An entry of a section the schema does not define, in the shape of a work entry."""
    name, position, rest = _org_and_role(header.texts)
    entry = {"name": name, "position": position, "location": header.location, **_dates(header),
             "url": header.links[0] if header.links else "",
             "summary": _join(*rest, *group.paragraphs), "highlights": group.bullets}
    return {k: v for k, v in entry.items() if v}


def generic_flat(group: Group, header: Header) -> dict[str, Any]:
    texts = header.texts
    dates = {"date": header.start} if header.single else {"startDate": header.start,
                                                          "endDate": header.end}
    entry = {"name": texts[0] if texts else "", **dates, "location": header.location,
             "url": header.links[0] if header.links else "",
             "summary": _join(*texts[1:]), "highlights": group.bullets, "category": group.category}
    return {k: v for k, v in entry.items() if v}


# -- flat sections ------------------------------------------------------------------------------

Sorter = Callable[[list], "Header"]


def split_keywords(text: str) -> list[str] | None:
    """"AWS, Docker, Kubernetes" -> the list; None when the text reads as prose."""
    parts = [p.strip(" .") for p in _KEYWORD_SPLIT.split(text) if p.strip(" .")]
    if len(parts) >= 2 and all(len(p.split()) <= 5 for p in parts):
        return parts
    return None


def _name_and_rest(group: Group) -> tuple[str, str]:
    line = group.header[0]
    if len(line.cells) > 1:
        return line.cells[0].rstrip(":"), " ".join(line.cells[1:])
    match = _NAME_SPLIT.match(line.text)
    if match and len(match.group("name").split()) <= 8:
        return match.group("name").strip(), match.group("rest").strip()
    return "", line.text


def _skills(groups: list[Group], sort: Sorter) -> list[Skill]:
    skills: list[Skill] = []
    by_category: dict[str, Skill] = {}
    for group in groups:
        name, rest = _name_and_rest(group)
        words = split_keywords(rest)
        if name:
            skill = Skill(name=name, keywords=words or [])
            if not words:
                skill.extra["summary"] = rest
            skill.keywords += group.bullets
            skills.append(skill)
            continue
        items = (words or [rest]) + group.bullets
        if group.category or len(items) > 1:
            if group.category not in by_category:
                by_category[group.category] = Skill(name=group.category)
                skills.append(by_category[group.category])
            by_category[group.category].keywords += items
        else:
            skills.append(Skill(name=rest))
    return skills


def _languages(groups: list[Group], sort: Sorter) -> list[Language]:
    out: list[Language] = []
    for group in groups:
        text = group.header[0].text
        pieces = split_keywords(text) if "(" not in text or text.count("(") > 1 else None
        for piece in pieces or [text]:
            match = re.match(r"^(?P<lang>[^(:–—-]+?)\s*(?:\((?P<a>[^)]+)\)|[:–—-]\s*(?P<b>.+))?$",
                             piece)
            if match:
                out.append(Language(language=match.group("lang").strip(),
                                    fluency=(match.group("a") or match.group("b") or "").strip()))
            else:
                out.append(Language(language=piece))
    return out


def _interests(groups: list[Group], sort: Sorter) -> list[Interest]:
    out = []
    for group in groups:
        name, rest = _name_and_rest(group)
        words = split_keywords(rest)
        if name:
            out.append(Interest(name=name, keywords=words or [rest]))
        else:
            out.append(Interest(name=rest, keywords=group.bullets))
    return out


def _title_and_by(texts: list[str], *, last: bool) -> tuple[str, str]:
    """Split "Title, Awarder" (first comma) or "Name, Issuer" (``last`` comma) or at a dash."""
    text = " ".join(texts)
    if "," in text:
        head, _, tail = text.rpartition(",") if last else text.partition(",")
        if head.strip() and tail.strip() and len(tail.split()) <= 10:
            return head.strip(), tail.strip()
    for separator in (" — ", " – ", " | ", " - "):
        if separator in text:
            head, _, tail = text.partition(separator)
            return head.strip(), tail.strip()
    return text.strip(), ""


def _awards(groups: list[Group], sort: Sorter) -> list[Award]:
    out = []
    for group in groups:
        header = sort(group.header)
        title, awarder = _title_and_by(header.texts, last=False)
        award = Award(title=title, awarder=awarder, date=header.start,
                      summary=_join(*group.bullets))
        for key, value in (("location", header.location), ("category", group.category)):
            if value:
                award.extra[key] = value
        out.append(award)
    return out


def _certificates(groups: list[Group], sort: Sorter) -> list[Certificate]:
    out = []
    for group in groups:
        header = sort(group.header)
        name, issuer = _title_and_by(header.texts, last=True)
        cert = Certificate(name=name, issuer=issuer, date=header.start,
                           url=header.links[0] if header.links else "")
        for key, value in (("summary", _join(*group.bullets)), ("category", group.category)):
            if value:
                cert.extra[key] = value
        out.append(cert)
    return out


def _sentences(text: str) -> list[str]:
    """Split a citation at ". " except after initials ("D. Park") and inside parentheses."""
    parts = re.split(r"(?<=[^\s.A-Z]\.)\s+(?=[A-Z(“\"])|(?<=[a-z]{2}\.)\s+(?=[A-Z])", text)
    return [p.strip() for p in parts if p.strip()]


def _publications(groups: list[Group], sort: Sorter) -> list[Publication]:
    out = []
    for group in groups:
        line = group.header[0]
        text = line.text
        parts = _sentences(text)
        authors = ""
        if len(parts) >= 3 or (len(parts) == 2 and parts[0].count(",") >= 2):
            authors, parts = parts[0], parts[1:]
        name = parts[0].rstrip(".") if parts else text
        publisher = " ".join(parts[1:])
        years = find_all_ranges(publisher) if publisher else []
        date = years[-1].start if years else ""
        if years and publisher.rstrip(". ").endswith(years[-1].text):
            publisher = publisher.rstrip(". ")[: -len(years[-1].text)].rstrip(" ,;(")
        pub = Publication(name=name, publisher=publisher, releaseDate=date,
                          url=line.links[0] if line.links else "", summary=_join(*group.bullets))
        if authors:
            pub.extra["authors"] = authors.rstrip(". ")
        if group.category:
            pub.extra["category"] = group.category
        out.append(pub)
    return out


def _references(groups: list[Group], sort: Sorter) -> list[Reference]:
    out = []
    for group in groups:
        text = _join(group.header[0].text, *group.bullets)
        match = re.match(r"^(?P<name>[^:–—]{2,60}?)\s*[:–—]\s+(?P<text>.{20,})$", text)
        if match and len(match.group("name").split()) <= 6:
            out.append(Reference(name=match.group("name"), reference=match.group("text")))
        else:
            out.append(Reference(reference=text))
    return out


NESTED_BUILDERS: dict[str, Callable[[Any, Any], Any]] = {
    "work": _work, "volunteer": _volunteer, "education": _education, "projects": _project,
}
FLAT_BUILDERS: dict[str, Callable[[list, Sorter], list]] = {
    "skills": _skills, "languages": _languages, "interests": _interests, "awards": _awards,
    "certificates": _certificates, "publications": _publications, "references": _references,
}
