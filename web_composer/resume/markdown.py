"""``resume_to_markdown``: the parsed resume as Markdown, the form model backends are fed.

Headings are sections (as in IXC-2.5's resume prompts): ``# Name``, then ``## Experience``,
``### Position — Company`` with a dates line and bullets, and so on. Every non-empty field is
written, sections in the resume's own order, extra sections included.
"""

from __future__ import annotations

from typing import Any

from .dates import display_date
from .model import Node, Resume


def date_span(start: str, end: str, *, present: bool = True) -> str:
    """"Dec 2013 – Dec 2014", "Dec 2013 – Present", "2014"."""
    first, last = display_date(start), display_date(end)
    if first and last:
        return first if first == last else f"{first} – {last}"
    if first:
        return f"{first} – Present" if present else first
    return last


def _join(*parts: str, sep: str = " · ") -> str:
    return sep.join(p for p in parts if p)


def _basics(resume: Resume) -> list[str]:
    b = resume.basics
    out = [f"# {b.name or 'Resume'}", ""]
    if b.label:
        out += [b.label, ""]
    loc = b.location
    place = _join(loc.address, loc.city, loc.region, loc.postalCode, loc.countryCode, sep=", ")
    contact = [("Email", b.email), ("Phone", b.phone), ("Website", b.url), ("Location", place)]
    contact += [(p.network or "Profile", _join(p.username, p.url, sep=" — ")) for p in b.profiles]
    out += [f"- {label}: {value}" for label, value in contact if value]
    for key, value in b.extra.items():
        out += [f"- {key.capitalize()}: {v}" for v in _texts(value)]
    if b.summary:
        out += ["", "## About", "", b.summary]
    return out


def _texts(value: Any) -> list[str]:
    """Every text inside a JSON value, in order."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [str(value)] if value not in (None, "") else []


def _entry(title: str, subtitle: str, body: list[str], bullets: list[str]) -> list[str]:
    out = [f"### {title}" if title else "###"]
    if subtitle:
        out.append(f"*{subtitle}*")
    out += [b for b in body if b]
    out += [f"- {item}" for item in bullets if item]
    return out + [""]


def _dated(entry: Node) -> str:
    d = entry.to_dict()
    return date_span(d.get("startDate", ""), d.get("endDate", ""))


def _generic(entry: Any) -> list[str]:
    if not isinstance(entry, dict):
        return [f"- {t}" for t in _texts(entry)]
    title = _join(entry.get("name", ""), entry.get("position", ""), sep=" — ")
    dates = date_span(entry.get("startDate", ""), entry.get("endDate", "")) or display_date(
        entry.get("date", ""))
    known = {"name", "position", "startDate", "endDate", "date", "location", "url", "highlights"}
    body = [f"{k}: {v}" if k not in ("summary", "description") else v
            for k, v in entry.items() if k not in known for v in _texts(v)]
    return _entry(title, _join(dates, entry.get("location", ""), entry.get("url", "")), body,
                  _texts(entry.get("highlights", [])))


def _section(resume: Resume, key: str) -> list[str]:
    out = [f"## {resume.section_title(key)}", ""]
    for entry in resume.section(key) or []:
        if not isinstance(entry, Node):
            out += _generic(entry)
            continue
        d = entry.to_dict()
        extra = [t if k in ("summary", "description") else f"{k}: {t}"
                 for k, v in getattr(entry, "extra", {}).items() for t in _texts(v)]
        out += _ENTRY.get(key, _node_generic)(d, extra)
    return out


def _node_generic(d: dict[str, Any], extra: list[str]) -> list[str]:
    return _generic(d)


def _work(d: dict[str, Any], extra: list[str]) -> list[str]:
    org = d.get("name") or d.get("organization", "")
    return _entry(_join(d.get("position", ""), org, sep=" — "),
                  _join(date_span(d.get("startDate", ""), d.get("endDate", "")),
                        d.get("location", ""), d.get("url", "")),
                  [d.get("description", ""), d.get("summary", ""), *extra], d.get("highlights", []))


def _education(d: dict[str, Any], extra: list[str]) -> list[str]:
    degree = _join(d.get("studyType", ""), d.get("area", ""), sep=" in ")
    body = [f"Score: {d['score']}" if d.get("score") else "", *extra]
    if d.get("courses"):
        body.append("Courses: " + ", ".join(d["courses"]))
    return _entry(_join(degree, d.get("institution", ""), sep=" — "),
                  _join(date_span(d.get("startDate", ""), d.get("endDate", "")), d.get("url", "")),
                  body, [])


def _line(*parts: str) -> list[str]:
    text = _join(*parts, sep=" — ")
    return [f"- {text}"] if text else []


_ENTRY = {
    "work": _work, "volunteer": _work, "education": _education,
    "projects": lambda d, x: _entry(d.get("name", ""), _join(date_span(
        d.get("startDate", ""), d.get("endDate", "")), d.get("url", "")),
        [d.get("description", ""), *x, _join(*d.get("keywords", []), sep=", ")],
        d.get("highlights", [])),
    "skills": lambda d, x: _line(f"**{d['name']}**" if d.get("name") else "", d.get("level", ""),
                                 ", ".join(d.get("keywords", [])), *x),
    "languages": lambda d, x: _line(d.get("language", ""), d.get("fluency", ""), *x),
    "interests": lambda d, x: _line(d.get("name", ""), ", ".join(d.get("keywords", [])), *x),
    "awards": lambda d, x: _line(d.get("title", ""), d.get("awarder", ""),
                                 display_date(d.get("date", "")), d.get("summary", ""), *x),
    "certificates": lambda d, x: _line(d.get("name", ""), d.get("issuer", ""),
                                       display_date(d.get("date", "")), d.get("url", ""), *x),
    "publications": lambda d, x: _line(d.get("name", ""), d.get("publisher", ""),
                                       display_date(d.get("releaseDate", "")), d.get("url", ""),
                                       d.get("summary", ""), *x),
    "references": lambda d, x: _line(f"“{d['reference']}”" if d.get("reference") else "",
                                     d.get("name", ""), *x),
}


def resume_to_markdown(resume: Resume) -> str:
    """The whole resume as Markdown, headings as sections."""
    out = _basics(resume)
    for key in resume.section_keys():
        out += [""] + _section(resume, key)
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
