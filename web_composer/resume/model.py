"""The JSON Resume model (jsonresume.org schema 1.x), validated, with dates normalised.

Every parser produces a :class:`Resume`; themes, the Markdown view and the coverage check read one.
Field names follow the schema exactly (``startDate``, ``studyType``…) so that ``to_dict`` is a valid
JSON Resume and ``from_dict`` reads one without a mapping table. Nothing is dropped:

- keys the schema does not define are kept in each entry's ``extra`` (and written back out);
- sections the schema does not define (``services``, ``community``…) are kept in
  ``Resume.extra`` in their original shape, and themes show them;
- the order of sections in the input is kept in ``Resume.order`` (a new graduate's resume puts
  education first, and the page does too);
- a date that cannot be read is kept as written, with a warning in ``Resume.warnings``.

Structural mistakes (a section that is not a list, an entry that is not an object, text where an
object belongs) raise :class:`InputError` naming the path, e.g. ``work[2].highlights``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..errors import InputError
from .dates import DateError, normalize_date


@dataclass
class Node:
    """Base of every object in the model: typed fields plus the unknown keys in ``extra``."""

    ALIASES: ClassVar[dict[str, str]] = {}  # older schema names -> current ones

    def to_dict(self) -> dict[str, Any]:
        """The schema's JSON shape, without empty fields."""
        out: dict[str, Any] = {}
        for spec in dataclasses.fields(self):
            if spec.name == "extra":
                continue
            value = getattr(self, spec.name)
            if isinstance(value, Node):
                value = value.to_dict()
            elif isinstance(value, list):
                value = [v.to_dict() if isinstance(v, Node) else v for v in value]
            if value not in ("", [], {}, None):
                out[spec.name] = value
        out.update(getattr(self, "extra", {}) or {})
        return out


@dataclass
class Location(Node):
    address: str = ""
    postalCode: str = ""
    city: str = ""
    countryCode: str = ""
    region: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Profile(Node):
    network: str = ""
    username: str = ""
    url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Basics(Node):
    ALIASES: ClassVar[dict[str, str]] = {"website": "url", "picture": "image"}
    name: str = ""
    label: str = ""
    image: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    summary: str = ""
    location: Location = field(default_factory=Location)
    profiles: list[Profile] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Work(Node):
    ALIASES: ClassVar[dict[str, str]] = {"company": "name", "website": "url"}
    name: str = ""
    location: str = ""
    description: str = ""
    position: str = ""
    url: str = ""
    startDate: str = ""
    endDate: str = ""
    summary: str = ""
    highlights: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Volunteer(Node):
    ALIASES: ClassVar[dict[str, str]] = {"website": "url"}
    organization: str = ""
    position: str = ""
    url: str = ""
    startDate: str = ""
    endDate: str = ""
    summary: str = ""
    highlights: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Education(Node):
    ALIASES: ClassVar[dict[str, str]] = {"gpa": "score", "website": "url"}
    institution: str = ""
    url: str = ""
    area: str = ""
    studyType: str = ""
    startDate: str = ""
    endDate: str = ""
    score: str = ""
    courses: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Award(Node):
    title: str = ""
    date: str = ""
    awarder: str = ""
    summary: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Certificate(Node):
    name: str = ""
    date: str = ""
    issuer: str = ""
    url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Publication(Node):
    ALIASES: ClassVar[dict[str, str]] = {"website": "url"}
    name: str = ""
    publisher: str = ""
    releaseDate: str = ""
    url: str = ""
    summary: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Skill(Node):
    name: str = ""
    level: str = ""
    keywords: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Language(Node):
    language: str = ""
    fluency: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Interest(Node):
    name: str = ""
    keywords: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Reference(Node):
    name: str = ""
    reference: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Project(Node):
    name: str = ""
    description: str = ""
    highlights: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    startDate: str = ""
    endDate: str = ""
    url: str = ""
    roles: list[str] = field(default_factory=list)
    entity: str = ""
    type: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# The schema's list sections, in the schema's order, and their entry types.
SECTIONS: dict[str, type[Node]] = {
    "work": Work, "volunteer": Volunteer, "education": Education, "awards": Award,
    "certificates": Certificate, "publications": Publication, "skills": Skill,
    "languages": Language, "interests": Interest, "references": Reference, "projects": Project,
}
SECTION_TITLES = {
    "work": "Experience", "volunteer": "Volunteering", "education": "Education",
    "awards": "Awards", "certificates": "Certificates", "publications": "Publications",
    "skills": "Skills", "languages": "Languages", "interests": "Interests",
    "references": "References", "projects": "Projects",
}
DATE_FIELDS = frozenset({"startDate", "endDate", "date", "releaseDate"})
_NESTED: dict[str, type[Node]] = {"Location": Location}  # field type -> class
_NESTED_LISTS: dict[str, type[Node]] = {"list[Profile]": Profile}


@dataclass
class Resume:
    basics: Basics = field(default_factory=Basics)
    work: list[Work] = field(default_factory=list)
    volunteer: list[Volunteer] = field(default_factory=list)
    education: list[Education] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    languages: list[Language] = field(default_factory=list)
    interests: list[Interest] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # sections the schema does not define
    order: list[str] = field(default_factory=list)  # section keys in the input's order
    warnings: list[str] = field(default_factory=list)  # not part of the JSON

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "resume") -> Resume:
        """Validate a JSON Resume document (already parsed from JSON/YAML) into the model."""
        if not isinstance(data, dict):
            raise InputError(f"{source}: the top level must be an object with 'basics', 'work'…, "
                             f"not {_kind(data)}")
        resume = cls()
        for key, value in data.items():
            key = str(key)
            if key == "basics":
                resume.basics = _build(Basics, value, "basics", resume.warnings, source)
            elif key in SECTIONS:
                setattr(resume, key, _build_list(SECTIONS[key], value, key, resume.warnings, source))
            elif key == "meta":
                resume.meta = value if isinstance(value, dict) else {"value": value}
            else:
                resume.extra[key] = value
            if key not in resume.order:
                resume.order.append(key)
        return resume

    def to_dict(self) -> dict[str, Any]:
        """The JSON Resume document; sections in the input's order, empty ones left out."""
        out: dict[str, Any] = {}
        keys = [k for k in self.order if k.startswith("$")] + ["basics"]
        keys += [k for k in self.order if k not in keys]
        keys += [k for k in [*SECTIONS, "meta", *self.extra] if k not in keys]
        for key in keys:
            if key == "basics":
                value: Any = self.basics.to_dict()
            elif key in SECTIONS:
                value = [entry.to_dict() for entry in getattr(self, key)]
            elif key == "meta":
                value = self.meta
            else:
                value = self.extra.get(key)
            if value not in (None, "", [], {}):
                out[key] = value
        return out

    def section_keys(self) -> list[str]:
        """The non-empty sections (schema and extra), in display order."""
        keys = [k for k in self.order if k not in ("basics", "meta") and not k.startswith("$")]
        keys += [k for k in [*SECTIONS, *self.extra] if k not in keys and not k.startswith("$")]
        return [k for k in keys if self.section(k)]

    def section(self, key: str) -> Any:
        if key in SECTIONS:
            return getattr(self, key)
        return self.extra.get(key)

    def section_title(self, key: str) -> str:
        """The heading to show: the schema's, the one written in the input, or the key spelt out."""
        if key in SECTION_TITLES:
            return SECTION_TITLES[key]
        titles = self.meta.get("sectionTitles") if isinstance(self.meta, dict) else None
        if isinstance(titles, dict) and isinstance(titles.get(key), str):
            return titles[key]
        return re.sub(r"(?<=[a-z])(?=[A-Z])|[_-]+", " ", key).strip().capitalize() or key

    def is_empty(self) -> bool:
        basics = self.basics.to_dict()
        return not basics and not self.section_keys()


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return f"{type(value).__name__} {str(value)[:40]!r}"


def _text(value: Any, path: str, source: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if hasattr(value, "isoformat"):  # a YAML date
        return value.isoformat()
    raise InputError(f"{source}: {path} must be text, not {_kind(value)}")


def _texts(value: Any, path: str, source: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    texts = [_text(item, f"{path}[{i}]", source) for i, item in enumerate(value)]
    return [t for t in texts if t]


def _date(value: Any, path: str, warnings: list[str], source: str) -> str:
    try:
        return normalize_date(value)
    except DateError as exc:
        text = _text(value, path, source)
        warnings.append(f"{path}: {exc}; kept as written")
        return text


def _build(cls: type[Node], data: Any, path: str, warnings: list[str], source: str) -> Any:
    if data is None:
        return cls()
    if not isinstance(data, dict):
        raise InputError(f"{source}: {path} must be an object, not {_kind(data)}")
    names = {f.name: f.type for f in dataclasses.fields(cls) if f.name != "extra"}
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        target = key if key in names else cls.ALIASES.get(key)
        if target is None or target in values or (target != key and target in data):
            extra[key] = value
            continue
        where = f"{path}.{key}"
        kind = names[target]
        if kind in _NESTED:
            values[target] = _build(_NESTED[kind], value, where, warnings, source)
        elif kind in _NESTED_LISTS:
            values[target] = _build_list(_NESTED_LISTS[kind], value, where, warnings, source)
        elif kind == "list[str]":
            values[target] = _texts(value, where, source)
        elif target in DATE_FIELDS:
            values[target] = _date(value, where, warnings, source)
        else:
            values[target] = _text(value, where, source)
    return cls(**values, extra=extra)


def _build_list(cls: type[Node], data: Any, path: str, warnings: list[str], source: str) -> list:
    if data is None:
        return []
    if isinstance(data, dict):  # one entry given without the list around it
        data = [data]
    if not isinstance(data, list):
        raise InputError(f"{source}: {path} must be a list of objects, not {_kind(data)}")
    first = dataclasses.fields(cls)[0].name  # "skills: [Python, Go]" means their names
    data = [{first: item} if isinstance(item, (str, int, float)) and not isinstance(item, bool)
            else item for item in data]
    entries = [_build(cls, item, f"{path}[{i}]", warnings, source) for i, item in enumerate(data)]
    return [e for e in entries if e.to_dict()]
