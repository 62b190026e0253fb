"""The resume as the themes see it: every field placed in a small, uniform display shape.

Templates stay simple and all alike because each section's entries are turned into
:class:`Item` values here (title, subtitle, dates, place, link, paragraphs, bullets, keywords,
labelled details). Whatever field a builder does not place by name lands in ``details``, so a
theme that renders an Item whole shows every field of the resume.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..dates import display_date
from ..markdown import date_span
from ..model import Node, Resume
from ..safety import safe_url

COMPACT = frozenset({"skills", "languages", "interests"})  # shown as groups of chips


@dataclass
class Link:
    href: str
    text: str


@dataclass
class Item:
    title: str = ""
    subtitle: str = ""
    dates: str = ""
    place: str = ""
    link: Link | None = None
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)
    quote: bool = False
    category: str = ""


@dataclass
class Group:
    title: str  # "" when the section has no sub-groups
    items: list[Item]


@dataclass
class Section:
    id: str
    title: str
    kind: str
    groups: list[Group]


def label_of(key: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])|[_-]+", " ", key).strip().capitalize()


def texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [f"{label_of(k)}: {t}" if not isinstance(v, (dict, list)) else t
                for k, v in value.items() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return [str(value)] if value not in (None, "") else []


def display_url(url: str) -> str:
    bare = re.sub(r"^(https?:)?//", "", url).removeprefix("mailto:").removeprefix("tel:")
    return bare.rstrip("/")


def make_link(url: str) -> Link | None:
    href = safe_url(url)
    return Link(href, display_url(url)) if href else None


def paragraphs(*values: str) -> list[str]:
    return [p.strip() for v in values if v for p in re.split(r"\n\s*\n", v) if p.strip()]


def _details(extra: dict[str, Any], used: set[str]) -> list[tuple[str, str]]:
    return [(label_of(k), "; ".join(texts(v))) for k, v in extra.items()
            if k not in used and not k.startswith("$") and texts(v)]


_USED_EXTRA = {"summary", "location", "highlights", "category", "authors", "description"}


def _from_node(kind: str, d: dict[str, Any], extra: dict[str, Any]) -> Item:
    """Place one schema entry's fields (``d`` from to_dict) into an Item."""
    span = date_span(d.get("startDate", ""), d.get("endDate", ""))
    single = display_date(d.get("date", "") or d.get("releaseDate", ""))
    item = Item(dates=span or single, place=d.get("location", "") or extra.get("location", ""),
                link=make_link(d.get("url", "")), bullets=list(d.get("highlights", [])),
                keywords=list(d.get("keywords", [])), category=str(extra.get("category", "")))
    item.paragraphs = paragraphs(d.get("description", ""), d.get("summary", ""))
    item.bullets += texts(extra.get("highlights", []))
    if kind in ("work", "volunteer"):
        org = d.get("name") or d.get("organization", "")
        item.title, item.subtitle = (d["position"], org) if d.get("position") else (org, "")
    elif kind == "education":
        degree = " in ".join(p for p in (d.get("studyType", ""), d.get("area", "")) if p)
        item.title, item.subtitle = (degree, d.get("institution", "")) if degree else (
            d.get("institution", ""), "")
        if d.get("score"):
            item.details.append(("Score", d["score"]))
        if d.get("courses"):
            item.details.append(("Courses", ", ".join(d["courses"])))
    elif kind == "awards":
        item.title, item.subtitle = d.get("title", ""), d.get("awarder", "")
    elif kind == "certificates":
        item.title, item.subtitle = d.get("name", ""), d.get("issuer", "")
    elif kind == "publications":
        item.title, item.subtitle = d.get("name", ""), d.get("publisher", "")
        if extra.get("authors"):
            item.details.insert(0, ("Authors", "; ".join(texts(extra["authors"]))))
    elif kind == "languages":
        item.title, item.subtitle = d.get("language", ""), d.get("fluency", "")
    elif kind == "references":
        item.title, item.quote = d.get("name", ""), True
        item.paragraphs = paragraphs(d.get("reference", ""))
    elif kind == "projects":
        item.title, item.subtitle = d.get("name", ""), " · ".join(
            p for p in (d.get("entity", ""), d.get("type", "")) if p)
        if d.get("roles"):
            item.details.append(("Roles", ", ".join(d["roles"])))
    else:  # skills, interests
        item.title, item.subtitle = d.get("name", ""), d.get("level", "")
    item.paragraphs += paragraphs(*texts(extra.get("summary", "")),
                                   *texts(extra.get("description", "")))
    # a field can reach both ``d`` and ``extra`` (e.g. an education summary): show it once
    item.paragraphs = list(dict.fromkeys(item.paragraphs))
    item.bullets = list(dict.fromkeys(item.bullets))
    item.details += _details(extra, _USED_EXTRA)
    return item


def _from_dict(entry: Any) -> Item:
    """An entry of an extra section, whatever its shape."""
    if not isinstance(entry, dict):
        return Item(paragraphs=texts(entry))
    span = date_span(str(entry.get("startDate", "")), str(entry.get("endDate", "")))
    title = next((str(entry[k]) for k in ("name", "title", "organization") if entry.get(k)), "")
    used = {"name", "title", "organization", "position", "startDate", "endDate", "date",
            "location", "url", "summary", "description", "highlights", "keywords", "category"}
    return Item(title=title, subtitle=str(entry.get("position", "")),
                dates=span or display_date(str(entry.get("date", ""))),
                place=str(entry.get("location", "")), link=make_link(str(entry.get("url", ""))),
                paragraphs=paragraphs(*texts(entry.get("summary", "")),
                                       *texts(entry.get("description", ""))),
                bullets=texts(entry.get("highlights", [])),
                keywords=texts(entry.get("keywords", [])), category=str(entry.get("category", "")),
                details=_details(entry, used))


def _groups(items: list[Item]) -> list[Group]:
    groups: list[Group] = []
    for item in items:
        if not groups or groups[-1].title != item.category:
            groups.append(Group(item.category, []))
        groups[-1].items.append(item)
    return groups


def _anchor(key: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", label_of(key).lower()).strip("-") or "section"
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    taken.add(anchor)
    return anchor


def sections(resume: Resume) -> list[Section]:
    out: list[Section] = []
    taken = {"main", "about", "top", "site-nav", "contact"}
    for key in resume.section_keys():
        value = resume.section(key)
        entries = value if isinstance(value, list) else [value]
        items = [_from_node(key, e.to_dict(), e.extra) if isinstance(e, Node) else _from_dict(e)
                 for e in entries]
        kind = key if isinstance(entries[0], Node) else "extra"
        out.append(Section(_anchor(key, taken), resume.section_title(key), kind, _groups(items)))
    return out
