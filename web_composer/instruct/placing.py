"""Putting what the instruction gave verbatim into the plan: quoted texts where they were said to
go, named items instead of invented ones, named links that go to their sections, named form
fields, table columns and rows, dates/prices/phones/e-mails; and the constraints that check them.

Invented copy only fills what the instruction left open: a count larger than the names given is
topped up, a name is never replaced.
"""

from __future__ import annotations

import re
from typing import Callable

from . import explicit
from .parse import Reading
from .plan import Constraint, Item, PagePlan, Section

CONTENT = ("hero", "about", "features", "gallery", "team", "pricing", "testimonials", "contact",
           "faq", "table", "map")
# link words -> the section kind they lead to (English and Chinese)
LINK_KINDS = {
    "about": r"about|story|mission|关于|简介|介绍",
    "contact": r"contact|reach|touch|book|reserv|register|sign[\s-]?up|join|联系|预约|报名|预订",
    "pricing": r"pric|plans?|tickets?|价格|套餐|票", "gallery": r"gallery|work|portfolio|photos?|"
    r"projects?|图库|作品|项目|图片", "team": r"team|people|speakers?|staff|团队|成员|讲者",
    "features": r"services?|menu|features?|products?|schedule|programme|菜单|服务|产品|特色|日程",
    "testimonials": r"reviews?|testimonials?|评价", "faq": r"faq|questions|常见问题|问答",
    "table": r"schedule|timetable|agenda|日程|议程", "map": r"map|directions|location|地图|位置",
}
HOME = r"home|start|top|首页|主页"


def slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:30].strip("-") or "section"
    if not base[0].isalpha():
        base = f"s-{base}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name


def apply(plan: PagePlan, reading: Reading, bank: dict, make: Callable[[str], Section]) -> None:
    """Every explicit finding of ``reading`` into ``plan`` (after the sections exist); ``make``
    builds a section of a kind, for a named link whose section the page lacks."""
    asked = {c["kind"]: c["value"] for c in reading.counts}
    for entry in reading.lists:
        _apply_list(plan, entry, bank, make, reading.bottom, asked.get(entry["kind"]))
    for quote in reading.quotes:
        _apply_quote(plan, quote)
    inside = " ".join(" ".join(e["items"] + e.get("prices", [])) for e in reading.lists)
    quoted = " ".join(q["text"] for q in reading.quotes)
    for fact in reading.facts:
        if fact["text"] in inside or fact["text"] in quoted:
            continue
        _home_of(plan, fact["kind"], fact["type"]).notes.append(fact["text"])
    for entry in reading.centred:
        section = plan.section(entry["kind"] or "") or _first_content(plan)
        if section is not None:
            section.align = "center"


def _first_content(plan: PagePlan) -> Section | None:
    return next((s for s in plan.sections if s.kind in CONTENT), None)


def _home_of(plan: PagePlan, kind: str | None, what: str) -> Section:
    """The section a verbatim text was said of, or the natural one for what it is."""
    section = plan.section(kind) if kind else None
    if section is None and what in ("phone", "email", "time"):
        section = plan.section("contact") or plan.section("footer")
    return section or plan.section("hero") or _first_content(plan) or plan.sections[-1]


def _apply_quote(plan: PagePlan, quote: dict) -> None:
    text, role, kind = quote["text"], quote["role"], quote["kind"]
    if role == "title":
        plan.page_title = text
        return
    if role == "banner":
        hero = plan.section("hero") or _first_content(plan)
        if hero is None:
            return
        if hero.kind == "hero" and hero.title == plan.name and not hero.notes:
            hero.title, hero.intro = text, hero.intro  # the banner's words are its headline
        else:
            hero.notes.append(text)
        return
    section = plan.section(kind) if kind else None
    if role == "button":
        section = section if section is not None and section.kind not in ("footer",) else \
            (plan.section("hero") or plan.section("nav"))
        if section is not None and section.cta:
            section.buttons.append(text)  # 'two buttons "Start free" and "Book a demo"'
        elif section is not None:
            section.cta = text
        return
    if role == "heading":
        section = section if section is not None and section.kind not in ("nav", "footer") else \
            _first_content(plan)
        if section is not None:
            if section.kind == "hero" and section.title != plan.name:
                section.notes.append(section.title)
            section.title = text
        return
    _home_of(plan, kind, "text").notes.append(text)


def _apply_list(plan: PagePlan, entry: dict, bank: dict, make: Callable[[str], Section],
                bottom: list[str], asked: int | None = None) -> None:
    names, role, kind = entry["items"], entry["role"], entry["kind"]
    if role == "sections":
        _named_sections(plan, names, bank, make, bottom)
        return
    if role == "links":
        _links(plan, plan.section(kind) or plan.section("nav"), names, bank, make, bottom)
        return
    section = plan.section(kind)
    if section is None:
        return
    if role == "fields":
        section.fields = list(names)
    elif role == "columns":
        named_rows = section.subject == "named-rows"
        section.headers = ["", *names] if named_rows else list(names)
        section.rows = [_row(section.headers, r[0], i) if named_rows
                        else [_cell(h, i) for h in section.headers]
                        for i, r in enumerate(section.rows)]
    elif role == "rows" or kind == "table":
        section.rows = [_row(section.headers, n, i) for i, n in enumerate(names)]
        section.count = len(names)
        section.subject = "named-rows"
    else:
        _named_items(section, names, bank, asked)
        label = entry.get("label")
        if label and section.kind in ("features", "gallery", "team", "faq"):
            section.title = label[:1].upper() + label[1:]  # "Cocktails: A, B and C"
        for item, price in zip(section.items, entry.get("prices") or []):
            item.meta = price if section.kind != "pricing" else f"{price}|"


def _row(headers: list[str], first: str, index: int) -> list[str]:
    cells = [first or f"{index + 1}"]
    for header in headers[1:]:
        if not header:
            continue
        cells.append(_cell(header, index))
    return cells


def _cell(header: str, index: int) -> str:
    low = header.lower()
    if re.search(r"time|时间", low):
        return f"{9 + index:02d}:00"
    if re.search(r"date|day|日期", low):
        return f"Day {index + 1}"
    if re.search(r"price|cost|价格", low):
        return "—"
    return f"{header} {index + 1}"


def _named_items(section: Section, names: list[str], bank: dict, asked: int | None) -> None:
    """The named items replace the invented ones; a larger count asked for keeps invented ones
    after them ("five cards: ramen, gyoza and udon")."""
    wanted = max(asked or 0, len(names))
    old = section.items
    new: list[Item] = []
    for i, name in enumerate(names):
        base = old[i] if i < len(old) else Item(title=name)
        title, price = explicit.split_price(name) if section.kind == "pricing" else (name, "")
        item = Item(title=title, text="" if section.kind != "faq" else bank["labels"]["faq_answer"],
                    image=base.image, alt=title if base.image else "", points=list(base.points))
        if section.kind == "pricing":
            item.meta = f"{price}|" if price else base.meta  # a named price, as written
        elif section.kind == "testimonials":
            item = Item(title=name, text=base.text)
        new.append(item)
    new += old[len(names):wanted]
    section.items = new
    section.count = len(new)
    if section.columns:
        section.columns = min(section.columns, len(new)) if len(new) <= 4 else section.columns


def _links(plan: PagePlan, holder: Section | None, names: list[str], bank: dict,
           make: Callable[[str], Section], bottom: list[str] = ()) -> None:
    """Named links, each to the section it names (made when the page has none for it)."""
    if holder is None:
        return
    taken = {s.id for s in plan.sections}
    links = []
    for name in names:
        target = _target_of(plan, name)
        if target is None and holder.kind == "nav":
            target = _add_section(plan, name, taken, bank, make, bottom)
        links.append(Item(title=name, meta=f"#{target}" if target else "#main"))
    holder.items = links
    holder.subject = "named-links"


def _named_sections(plan: PagePlan, names: list[str], bank: dict,
                    make: Callable[[str], Section], bottom: list[str]) -> None:
    """"Sections About, Experience, Skills and Contact, in that order": one section each, titled
    as named, in that order, each linked from the navigation bar."""
    taken = {s.id for s in plan.sections}
    kept = [s for s in plan.sections if s.kind in ("nav", "footer") or s.kind in bottom
            or s.title in names]
    plan.sections[:] = [s for s in plan.sections if s in kept]
    nav = plan.section("nav")
    links = [Item(title=bank["labels"]["home"], meta="#main")]
    for name in names:
        target = _target_of(plan, name)
        if target in (None, "main"):
            target = _add_section(plan, name, taken, bank, make, bottom)
        links.append(Item(title=name, meta=f"#{target}"))
    if nav is not None and nav.subject != "named-links":
        nav.items, nav.subject = links[:8], "named-links"


def _target_of(plan: PagePlan, name: str) -> str | None:
    low = name.casefold()
    if re.fullmatch(rf"(?:{HOME})", low):
        return "main"
    for section in plan.sections:
        if section.kind in ("nav", "footer"):
            continue
        if section.title and section.title.casefold() == low:
            return section.id
    for kind, pattern in LINK_KINDS.items():
        if re.search(pattern, low):
            section = plan.section(kind)
            if section is not None:
                return section.id
    return None


def _add_section(plan: PagePlan, name: str, taken: set[str], bank: dict,
                 make: Callable[[str], Section], bottom: list[str]) -> str:
    """A section for a link the page had nothing for, placed before the footer: of the kind the
    link names ("Contact us" -> a contact form), else a short text section titled by the link."""
    kind = next((k for k, p in LINK_KINDS.items() if re.search(p, name.casefold())), None)
    if kind and plan.section(kind) is None:
        section = make(kind)
        section.title = name
    else:
        section = Section(kind="about", id=slug(name, taken), title=name,
                          paragraphs=[p.replace("{name}", plan.name) for p in bank["about"][:1]])
    taken.add(section.id)
    ends = [i for i, s in enumerate(plan.sections) if s.kind == "footer" or s.kind in bottom]
    plan.sections.insert(ends[0] if ends else len(plan.sections), section)
    return section.id


# --- constraints ---------------------------------------------------------------------------------

def constraints(reading: Reading) -> list[Constraint]:
    """Checks for every quoted text, named item, verbatim fact, centring and the written order."""
    out: list[Constraint] = []
    for quote in reading.quotes:
        out.append(Constraint("text", target=quote["role"], value=quote["text"],
                              scope=quote["kind"], source=quote["source"]))
    for entry in reading.lists:
        if entry["role"] == "sections":
            out += [Constraint("text", target="heading", value=n, source=entry["source"])
                    for n in entry["items"]]
            continue
        names = [explicit.split_price(n)[0] if entry["kind"] == "pricing" else n
                 for n in entry["items"]]
        target = {"links": "links", "fields": "fields", "columns": "columns"}.get(entry["role"],
                                                                                "items")
        out.append(Constraint("items", target=target, value=names, scope=entry["kind"],
                              hints=names, source=entry["source"]))
    for entry in reading.lists:
        out += [Constraint("text", target="text", value=p, scope=entry["kind"],
                           source=entry["source"]) for p in entry.get("prices") or []]
    for fact in reading.facts:
        out.append(Constraint("text", target="text", value=fact["text"], scope=fact["kind"],
                              source=fact["source"]))
    for entry in reading.centred:
        out.append(Constraint("centred", target=entry["target"], scope=entry["kind"],
                              source=entry["source"]))
    written = [k for k in reading.order if k in CONTENT]
    if len(written) >= 2:
        out.append(Constraint("order", target="sections", value=written,
                              source=" > ".join(reading.words.get(k, k) for k in written)))
    return out
