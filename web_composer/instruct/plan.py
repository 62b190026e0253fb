"""The page plan: what an instruction asks for, as plain dataclasses with a JSON round trip.

    PagePlan  name, kind, language, tagline, theme colours, sections, constraints
    Section   one block of the page (nav, hero, about, features, gallery, team, pricing,
              testimonials, contact, footer) with its title, copy, items, count, columns,
              layout and colours
    Item      one card, picture, person, plan or quote of a section
    Constraint one explicit demand of the instruction, checked on the rendered page

``plan.to_dict()`` is what ``webcompose instruct --plan`` prints; ``PagePlan.from_dict`` reads an
edited copy back (``--plan-file``) and says in one line what is wrong with a bad one.
"""

from __future__ import annotations

import builtins
import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..errors import InputError
from .colours import ColourSpec

PLAN_VERSION = 1
SECTION_KINDS = ("nav", "hero", "about", "features", "gallery", "team", "pricing", "testimonials",
                 "contact", "footer", "faq", "table", "map")
CONSTRAINT_KINDS = ("name", "colour", "position", "count", "columns", "section", "responsive",
                    "text", "items", "order", "centred")
LAYOUTS = ("image-left", "image-right")
MAX_ITEMS = 24


@dataclass
class Item:
    title: str
    text: str = ""
    meta: str = ""  # a price, a role, a time
    image: str | None = None  # picture file name under assets/
    alt: str = ""
    points: list[str] = field(default_factory=list)  # a pricing plan's inclusions


@dataclass
class Section:
    kind: str
    id: str
    title: str = ""
    intro: str = ""
    paragraphs: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    count: int | None = None  # items asked for
    columns: int | None = None  # grid columns on a wide screen
    layout: str | None = None  # "image-left" | "image-right" for a picture beside text
    image: str | None = None  # the section's own picture (a logo, a photo)
    image_alt: str = ""
    background: ColourSpec | None = None
    text_colour: ColourSpec | None = None
    subject: str | None = None  # what the section shows ("research projects")
    cta: str = ""  # the text of its button, when the instruction quotes one
    buttons: list[str] = field(default_factory=list)  # more quoted buttons after the first
    notes: list[str] = field(default_factory=list)  # verbatim texts: quotes, dates, phones, e-mails
    headers: list[str] = field(default_factory=list)  # a table's column headings
    rows: list[list[str]] = field(default_factory=list)  # a table's body rows
    fields: list[str] = field(default_factory=list)  # a form's fields, in order
    align: str | None = None  # "center" when the instruction centres its heading or text


@dataclass
class Constraint:
    """One explicit demand. ``kind`` says how it is checked:

    name        ``value`` (the site name) appears on the page
    colour      ``target``'s ``property`` (background | text) is ``value`` (a ColourSpec dict)
    position    ``target`` is ``relation`` (left_of | right_of | below | above | top) ``other``
    count       ``target`` (images | cards | rows) in the ``scope`` section numbers ``value``
                (at least ``value`` when ``at_least``)
    text        the quoted or verbatim ``value`` shows in its place: ``target`` banner | button |
                heading | title | text, ``scope`` the section it was said of
    items       one element per named item of ``value`` (a list) in the ``scope`` section;
                ``target`` items | links (each going to its section) | fields | columns
    order       the sections of ``value`` (kinds) come down the page in that order
    centred     the ``target`` (heading | text) of the ``scope`` section is centred
    columns     the ``scope`` section lays out ``value`` columns side by side
    section     a ``target`` section exists (nav, footer, contact, pricing, ...)
    responsive  no horizontal scrolling on a 390 px wide phone
    """

    kind: str
    target: str = ""
    value: Any = None
    property: str | None = None
    relation: str | None = None
    other: str | None = None
    scope: str | None = None
    hints: list[str] = field(default_factory=list)  # words that identify the scope section
    at_least: bool = False
    source: str = ""  # the words of the instruction it came from

    @builtins.property
    def id(self) -> str:
        parts = [self.kind, self.target or self.scope or ""]
        if self.kind in ("count", "items", "centred") and self.scope:
            parts.append(self.scope)
        if self.kind == "text":
            parts.append(str(self.value))
        if self.property:
            parts.append(self.property)
        if self.relation:
            parts += [self.relation, self.other or ""]
        return ":".join(p for p in parts if p)

    def describe(self) -> str:
        """The demand in words, for reports."""
        where = f" in the {self.scope} section" if self.scope else ""
        if self.kind == "name":
            return f'the site name "{self.value}" appears on the page'
        if self.kind == "colour":
            said = self.value.get("said") if isinstance(self.value, dict) else self.value
            what = "text" if self.property == "text" else "background"
            return f"the {_target_words(self.target)} {what} is {said}"
        if self.kind == "position":
            relation = (self.relation or "").replace("_", " ")
            if self.relation == "top":
                return f"the {_target_words(self.target)} is at the top of the page"
            return f"the {_target_words(self.target)} is {relation} the {_target_words(self.other)}"
        if self.kind == "count":
            amount = f"at least {self.value}" if self.at_least else f"exactly {self.value}"
            return f"{amount} {self.target}{where}"
        if self.kind == "columns":
            return f"{self.value} columns side by side{where}"
        if self.kind == "text":
            place = {"banner": "in the banner", "button": "on a button", "heading": "as a heading",
                     "title": "as the page title"}.get(self.target, "on the page")
            if self.target == "text" and self.scope in ("nav", "footer"):
                place = f"in the {_target_words(self.scope)}"
            return f'"{self.value}" shows {place}'
        if self.kind == "items":
            names = ", ".join(str(v) for v in self.value)
            what = {"links": "a link (to its section)", "fields": "a form field",
                    "columns": "a table column"}.get(self.target, "an element")
            return f"each of {names} is {what}{where}"
        if self.kind == "order":
            return "the sections come in the order " + " > ".join(
                _target_words(v) for v in self.value)
        if self.kind == "centred":
            return f"the {self.target}{where} is centred"
        if self.kind == "responsive":
            return "no horizontal scrolling on a 390 px wide phone"
        return f"the page has a {_target_words(self.target)} section"


def _target_words(target: str | None) -> str:
    words = {"nav": "navigation bar", "page": "page", "any": "page's colour scheme",
             "image:logo": "logo image", "image": "image", "text": "text passage",
             "contact": "contact form", "button": "buttons", "hero": "hero banner",
             "faq": "FAQ", "table": "table", "map": "map"}
    return words.get(target or "", (target or "").replace(":", " "))


@dataclass
class Theme:
    primary: ColourSpec  # buttons, links, accents
    background: ColourSpec | None = None  # the page background when the instruction names it
    button: ColourSpec | None = None


@dataclass
class PagePlan:
    instruction: str
    name: str
    kind: str
    language: str
    tagline: str
    theme: Theme
    sections: list[Section]
    constraints: list[Constraint] = field(default_factory=list)
    name_given: bool = True  # False when the instruction named no site and the name was invented
    page_title: str = ""  # the document title when the instruction quotes one
    version: int = PLAN_VERSION

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["constraints"] = [dict(asdict(c), id=c.id, description=c.describe())
                               for c in self.constraints]
        return data

    @classmethod
    def from_dict(cls, data: Any) -> PagePlan:
        """Read a plan (an edited ``--plan`` output); InputError says what is wrong."""
        try:
            return _plan_from_dict(data)
        except InputError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"the plan is not valid: {_reason(exc)}",
                             hint="start from the output of `webcompose instruct --plan`") from None


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return " ".join(str(exc).split()) or type(exc).__name__


def _known(cls: type, data: dict, what: str) -> dict:
    if not isinstance(data, dict):
        raise TypeError(f"{what} must be an object")
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - names - {"id", "description"})
    if unknown:
        raise ValueError(f"{what} has unknown field(s): {', '.join(unknown)}")
    return {k: v for k, v in data.items() if k in names}


def _colour(data: Any) -> ColourSpec | None:
    return None if data is None else ColourSpec.from_dict(data)


def _section(data: dict, index: int) -> Section:
    values = _known(Section, data, f"section {index + 1}")
    if values.get("kind") not in SECTION_KINDS:
        raise ValueError(f"section {index + 1} has kind {values.get('kind')!r}; "
                         f"one of {', '.join(SECTION_KINDS)} is needed")
    if not re.fullmatch(r"[a-z][a-z0-9-]{0,40}", str(values.get("id", ""))):
        raise ValueError(f"section {index + 1} needs an id of lower-case letters, digits and -")
    if values.get("layout") not in (None, *LAYOUTS):
        raise ValueError(f"section {index + 1} has layout {values['layout']!r}; "
                         f"use {' or '.join(LAYOUTS)} or null")
    for key in ("count", "columns"):
        if values.get(key) is not None and not (isinstance(values[key], int)
                                                 and 1 <= values[key] <= MAX_ITEMS):
            raise ValueError(f"section {index + 1} {key} must be a whole number 1-{MAX_ITEMS}")
    items = [Item(**_known(Item, item, f"an item of section {index + 1}"))
             for item in values.pop("items", [])]
    if len(items) > MAX_ITEMS:
        raise ValueError(f"section {index + 1} has more than {MAX_ITEMS} items")
    for key in ("background", "text_colour"):
        values[key] = _colour(values.get(key))
    return Section(**values, items=items)


def _plan_from_dict(data: Any) -> PagePlan:
    values = _known(PagePlan, data, "the plan")
    if values.get("version", PLAN_VERSION) != PLAN_VERSION:
        raise ValueError(f"version {values['version']} is not supported (this is {PLAN_VERSION})")
    if not str(values.get("name", "")).strip():
        raise ValueError("the site name is empty")
    sections = [_section(s, i) for i, s in enumerate(values.pop("sections"))]
    ids = [s.id for s in sections]
    if len(set(ids)) != len(ids):
        raise ValueError("two sections share an id")
    theme_data = _known(Theme, values.pop("theme"), "the theme")
    theme = Theme(primary=ColourSpec.from_dict(theme_data["primary"]),
                  background=_colour(theme_data.get("background")),
                  button=_colour(theme_data.get("button")))
    constraints = []
    for i, item in enumerate(values.pop("constraints", [])):
        constraint = Constraint(**_known(Constraint, item, f"constraint {i + 1}"))
        if constraint.kind not in CONSTRAINT_KINDS:
            raise ValueError(f"constraint {i + 1} has kind {constraint.kind!r}")
        constraints.append(constraint)
    for key in ("instruction", "name", "kind", "language", "tagline"):
        values[key] = str(values.get(key, ""))
    return PagePlan(**values, theme=theme, sections=sections, constraints=constraints)
