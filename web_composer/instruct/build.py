"""From a Reading of the instruction to a full PagePlan: sections in order, invented copy that
names the site, colours put where they were asked for, and the list of explicit constraints."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from . import colours, placing
from .colours import ColourSpec
from .parse import Reading
from .plan import Constraint, Item, PagePlan, Section, Theme

CONTENT_ORDER = ("hero", "about", "features", "gallery", "team", "pricing", "testimonials",
                 "contact", "faq", "table", "map")
DEFAULT_COUNTS = {"features": 3, "gallery": 6, "team": 4, "pricing": 3, "testimonials": 3, "faq": 3}
TABLE_ROWS = 4
FEATURE_TITLES = {"services": "Services", "menu": "Menu", "schedule": "Schedule",
                  "agenda": "Agenda", "products": "Products", "benefits": "Benefits",
                  "dishes": "Dishes", "programme": "Programme", "program": "Program",
                  "sessions": "Sessions", "courses": "Courses"}


@lru_cache(maxsize=1)
def _copy() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("copy.json").read_text("utf-8"))


def copy_bank(language: str, kind: str) -> dict[str, Any]:
    """The invented copy for a site kind in a language, falling back to the generic copy."""
    data = _copy()[language if language in _copy() else "en"]
    return {**data["generic"], **data["kinds"].get(kind, {}), "labels": data["labels"]}


def fill(template: str, name: str, **extra: str) -> str:
    return template.replace("{name}", name).format_map({**extra}) if extra else \
        template.replace("{name}", name)


def build_plan(reading: Reading) -> PagePlan:
    bank = copy_bank(reading.language, reading.kind)
    name = reading.name or bank["label"]
    kinds = _section_kinds(reading, bank)
    sections = [_make_section(kind, reading, bank, name) for kind in kinds]
    plan = PagePlan(instruction=reading.text, name=name, kind=reading.kind,
                    language=reading.language, tagline=fill(bank["tagline"], name),
                    theme=Theme(primary=colours.from_hex(bank["primary"])), sections=sections,
                    name_given=reading.name is not None)
    _apply_sides(plan, reading)
    _apply_columns(plan, reading)
    _apply_colours(plan, reading)
    _link_nav(plan, bank)
    placing.apply(plan, reading, bank, lambda kind: _make_section(kind, reading, bank, name))
    if plan.section("nav") is not None and plan.section("nav").subject != "named-links":
        _link_nav(plan, bank)  # again: named items may have retitled a section
    if plan.theme.button and not any(s.kind in ("hero", "pricing", "contact") or s.cta
                                     for s in plan.sections):
        plan.sections[0].cta = bank["cta"]  # buttons of a colour were asked for: show one
    plan.constraints = constraints_of(reading)
    return plan


def _section_kinds(reading: Reading, bank: dict) -> list[str]:
    content = [k for k in reading.order if k in CONTENT_ORDER]
    if reading.sides and not any(s["kind"] for s in reading.sides) and "about" not in content:
        content.insert(1 if content[:1] == ["hero"] else 0, "about")
    if not content:
        content = list(bank["defaults"])
    return ["nav", *content, "footer"]  # in the order written: a hero asked for last comes last


def _title_case(words: str) -> str:
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in words.split()) \
        if words.isascii() else words


def _items(entries: list, count: int, name: str) -> list[list]:
    out = []
    for i in range(count):
        entry = list(entries[i % len(entries)])
        if i >= len(entries):
            entry[0] = f"{entry[0]} {i // len(entries) + 1}"
        out.append([fill(x, name) if isinstance(x, str) else x for x in entry])
    return out


def _count_for(reading: Reading, kind: str) -> int | None:
    for count in reading.counts:
        if count["kind"] == kind:
            return count["value"]
    return None


def _make_section(kind: str, reading: Reading, bank: dict, name: str) -> Section:
    labels = bank["labels"]
    section = Section(kind=kind, id={"nav": "site-nav", "footer": "site-footer"}.get(kind, kind))
    count = _count_for(reading, kind)
    if kind in DEFAULT_COUNTS:
        section.count = count or (6 if (kind, reading.kind) == ("features", "restaurant")
                                  else DEFAULT_COUNTS[kind])
        section.columns = _default_columns(section.count)
        section.title = fill(bank.get(f"{kind}_title", labels[kind]), name)
    subject = reading.subjects.get(kind)
    if kind == "hero":
        section.title, section.intro = name, fill(bank["tagline"], name)
    elif kind == "about":
        section.title = fill(bank["about_title"], name)
        section.paragraphs = [fill(p, name) for p in bank["about"]]
        section.layout, section.image = "image-right", "about.jpg"
        section.image_alt = fill(labels["picture"], name, title=section.title)
    elif kind == "features":
        word = reading.words.get("features", "").lower()
        if word in FEATURE_TITLES and reading.language == "en":
            section.title = FEATURE_TITLES[word]
        section.items = [Item(title=t, text=x) for t, x in _items(bank["features"], section.count,
                                                                   name)]
    elif kind == "gallery":
        if subject and subject.casefold() != name.casefold():
            section.title, section.subject = _title_case(subject), subject
        section.items = [Item(title=t, text=x, image=f"gallery-{i + 1}.jpg", alt=t)
                         for i, (t, x) in enumerate(_items(bank["gallery"], section.count, name))]
    elif kind == "team":
        word = reading.words.get("team", "").lower()
        if reading.language == "en" and word in ("lineup", "line-up", "line up", "performers",
                                                  "instructors", "teachers", "doctors", "coaches",
                                                  "trainers"):
            section.title = _title_case(word.replace(" ", "-"))
        section.items = [Item(title=t, text=x, image=f"team-{i + 1}.jpg",
                              alt=fill(labels["portrait"], name, title=t))
                         for i, (t, x) in enumerate(_items(bank["team"], section.count, name))]
    elif kind == "pricing":
        section.items = [Item(title=t, meta=f"{price}|{period}", points=list(points))
                         for t, price, period, points in _items(bank["pricing"], section.count,
                                                                name)]
    elif kind == "testimonials":
        section.items = [Item(title=who, text=quote)
                         for quote, who in _items(bank["testimonials"], section.count, name)]
    elif kind == "contact":
        section.title = fill(bank["contact_title"], name)
        section.intro = fill(bank["contact_intro"], name)
    elif kind == "faq":
        section.columns = 1
        section.items = [Item(title=q, text=a) for q, a in _items(bank["faq"], section.count, name)]
    elif kind == "table":
        section.title = fill(bank.get("table_title", labels["table"]), name)
        said = re.sub(r"(?i)^(?:an?|the|our)\s+|\s*tables?$|表格?$", "", reading.words.get("table", ""))
        if said.strip() and reading.language == "en" and said.lower() != "time":
            section.title = _title_case(said.strip())  # "a comparison table" -> "Comparison"
        section.count = count or TABLE_ROWS
        section.headers = list(bank["table_headers"])
        section.rows = [[fill(c, name).replace("{n}", str(i + 1)) for c in row]
                        for i, row in enumerate(_items(bank["table_rows"], section.count, name))]
    elif kind == "map":
        section.title = fill(bank.get("map_title", labels["map"]), name)
        section.image_alt = fill(labels["map_alt"], name)
    elif kind == "footer":
        section.title = name
        section.intro = labels["rights"]
    return section


def _default_columns(count: int) -> int:
    if count <= 4:
        return count
    return 4 if count % 4 == 0 and count % 3 else 3


def _apply_sides(plan: PagePlan, reading: Reading) -> None:
    if not reading.sides:
        return
    kind = next((s["kind"] for s in reading.sides if s["kind"]), None) or "about"
    section = plan.section(kind) or plan.section("about")
    if section is None:
        return
    image_side = next((s["side"] for s in reading.sides if s["thing"] == "image"), None)
    if image_side is None:
        text_side = next(s["side"] for s in reading.sides)
        image_side = "left" if text_side == "right" else "right"
    section.layout = f"image-{image_side}"
    if any(s["logo"] for s in reading.sides):
        section.image = "logo.png"
        section.image_alt = fill(copy_bank(plan.language, plan.kind)["labels"]["logo"], plan.name)
    elif section.image is None:
        section.image = f"{section.id}.jpg"
        section.image_alt = section.title
    if section.kind == "about":
        section.columns = 2


def _apply_columns(plan: PagePlan, reading: Reading) -> None:
    for entry in reading.columns:
        kind = entry["kind"]
        section = plan.section(kind) if kind else None
        if section is None:
            grids = [s for s in plan.sections if s.kind in DEFAULT_COUNTS]
            section = plan.section("about") if entry["value"] == 2 and plan.section("about") \
                else (grids[0] if grids else plan.section("about"))
        if section is None:
            continue
        entry["kind"] = section.kind  # so the constraint names the section that got them
        section.columns = entry["value"]
        if section.kind == "about":
            section.layout = section.layout or "image-right"
            section.image = section.image or "about.jpg"


def _apply_colours(plan: PagePlan, reading: Reading) -> None:
    for entry in reading.colours:
        spec: ColourSpec = entry["spec"]
        target, prop = entry["target"], entry["property"]
        if target == "page":
            plan.theme.background = spec
        elif target == "button":
            plan.theme.button = spec
        elif target == "any":
            plan.theme.primary = spec
        else:
            section = plan.section(target)
            if section is None:
                continue
            if prop == "text":
                section.text_colour = spec
            else:
                section.background = spec
    if not any(e["target"] == "any" for e in reading.colours):
        for kind in ("nav", "hero", "footer"):
            section = plan.section(kind)
            if section and section.background:
                plan.theme.primary = section.background
                break


def _link_nav(plan: PagePlan, bank: dict) -> None:
    labels = bank["labels"]
    nav = plan.section("nav")
    links = [Item(title=labels["home"], meta="#main")]
    for section in plan.sections:
        if section.kind in ("nav", "footer", "hero"):
            continue
        label = labels[section.kind]
        if section.kind in ("features", "gallery", "team", "table") and plan.language == "en" and \
                len(section.title.split()) <= 2:
            label = section.title
        links.append(Item(title=label, meta=f"#{section.id}"))
    if nav is not None:
        nav.title = plan.name
        nav.items = links[:6]


# --- constraints ---------------------------------------------------------------------------------

def constraints_of(reading: Reading) -> list[Constraint]:
    """Every explicit demand of the instruction, as checks on the rendered page."""
    out: list[Constraint] = []
    if reading.name:
        out.append(Constraint("name", target="page", value=reading.name, source=reading.name))
    for entry in reading.colours:
        out.append(Constraint("colour", target=entry["target"], value=entry["spec"].to_dict(),
                              property=entry["property"], source=entry["source"]))
    out += _position_constraints(reading)
    for entry in reading.counts:
        hints = [w for w in re.split(r"\W+", entry.get("noun", "") + " " +
                                     reading.subjects.get(entry["kind"], "")) if len(w) > 2]
        out.append(Constraint("count", target=entry["what"], value=entry["value"],
                              scope=entry["kind"], hints=hints, at_least=entry["at_least"],
                              source=entry["source"]))
    for entry in reading.columns:
        out.append(Constraint("columns", value=entry["value"], scope=entry["kind"],
                              source=entry["source"]))
    covered = {c.scope or c.target for c in out if c.kind in ("count", "columns", "colour")}
    covered |= {"about"} if reading.sides else set()
    out += placing.constraints(reading)
    covered |= {c.scope for c in out if c.kind == "items"}
    for kind in reading.order:
        if kind not in covered:
            out.append(Constraint("section", target=kind, hints=[reading.words.get(kind, "")],
                                  source=reading.words.get(kind, "")))
    if reading.responsive:
        out.append(Constraint("responsive", target="page", source=reading.responsive))
    return _unique(out)


def _position_constraints(reading: Reading) -> list[Constraint]:
    out = []
    images = [s for s in reading.sides if s["thing"] == "image"]
    texts = [s for s in reading.sides if s["thing"] == "text"]
    scope = next((s["kind"] for s in reading.sides if s["kind"]), "about")
    if images:
        image = images[0]
        relation = "left_of" if image["side"] == "left" else "right_of"
        out.append(Constraint("position", target="image:logo" if image["logo"] else "image",
                              relation=relation, other="text", scope=scope,
                              source=image["source"]))
    elif texts:
        text = texts[0]
        relation = "left_of" if text["side"] == "left" else "right_of"
        out.append(Constraint("position", target="text", relation=relation, other="image",
                              scope=scope, source=text["source"]))
    for entry in reading.relations:
        out.append(Constraint("position", target=entry["target"], relation=entry["relation"],
                              other=entry["other"], source=entry["source"]))
    return out


def _unique(constraints: list[Constraint]) -> list[Constraint]:
    seen: set[str] = set()
    out = []
    for constraint in constraints:
        key = f"{constraint.id}:{json.dumps(constraint.value, sort_keys=True, default=str)}"
        if key not in seen:
            seen.add(key)
            out.append(constraint)
    return out
