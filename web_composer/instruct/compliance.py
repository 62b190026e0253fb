"""Does a page do what its instruction asked? Each explicit constraint becomes a check on the DOM
of the page rendered in Chromium at 1280 px (and at 390 px for "responsive").

It judges any page, the composer's or a model's: it looks for landmarks (nav/header, footer),
sections by their headings, ids and classes, pictures, text blocks, groups of look-alike siblings
(cards) and rows of side-by-side children (columns), and never for the composer's own markup.

    check(instruction, html, base_dir) -> {"satisfied": bool, "passed": n, "total": n,
        "constraints": [{"id", "kind", "description", "satisfied", "found", "detail", "source"}],
        "unsatisfied": ["<description>: <what was found>", ...]}
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from . import colours
from .build import constraints_of
from .colours import ColourSpec
from .parse import read
from .plan import Constraint
from .verbatim import check_centred, check_items, check_order, check_text

KEYWORDS: dict[str, tuple[str, ...]] = {
    "about": ("about", "mission", "story", "who we are", "introduction", "welcome", "关于", "简介",
              "使命", "介绍"),
    "features": ("feature", "service", "menu", "offer", "schedule", "agenda", "product", "benefit",
                 "what we", "特色", "服务", "功能", "菜单", "日程", "产品"),
    "gallery": ("gallery", "project", "portfolio", "work", "photo", "image", "showcase", "picture",
                "作品", "项目", "图库", "图片", "照片"),
    "team": ("team", "people", "staff", "speaker", "chef", "member", "researcher", "teacher",
             "baker", "团队", "成员", "讲者", "嘉宾"),
    "pricing": ("pricing", "price", "plan", "ticket", "tier", "价格", "套餐", "方案", "定价"),
    "testimonials": ("testimonial", "review", "what people", "say", "customer", "quote", "评价",
                     "口碑"),
    "contact": ("contact", "touch", "reach", "visit", "form", "联系", "预约"),
    "hero": ("hero", "banner", "jumbotron", "masthead"),
    "faq": ("faq", "question", "q&a", "常见问题", "问答"),
    "table": ("table", "schedule", "timetable", "agenda", "日程", "表"),
    "map": ("map", "find us", "location", "directions", "地图", "位置"),
}
MIN_PICTURE = 40  # px: smaller images are icons, not pictures
PHONE_WIDTH = 390  # px: RenderOptions.mobile_profile()


@lru_cache(maxsize=1)
def probe_source() -> str:
    return resources.files(__package__).joinpath("probe.js").read_text("utf-8")


MIN_TIMEOUT = 30.0  # s: a page that already rendered is not failed by a busy machine


def check(instruction: str, html: str, base_dir: Path | None = None, *,
          timeout: float | None = None, summary: dict | None = None) -> dict[str, Any]:
    """Render ``html`` and check each explicit constraint of ``instruction`` on it (an empty
    instruction, e.g. of a plan written by hand, asks for nothing and is trivially met)."""
    if not (instruction or "").strip():
        return {"instruction": "", "satisfied": True, "passed": 0, "total": 0, "constraints": [],
                "unsatisfied": [], "page": None}
    constraints = constraints_of(read(instruction))
    return check_constraints(constraints, html, base_dir, instruction=instruction,
                             timeout=timeout, summary=summary)


def check_constraints(constraints: list[Constraint], html: str, base_dir: Path | None = None,
                      instruction: str = "", timeout: float | None = None,
                      summary: dict | None = None) -> dict[str, Any]:
    from ..config import load_settings
    from ..render import RenderOptions, render_html

    if timeout is None:
        timeout = max(load_settings().render_timeout, MIN_TIMEOUT)
    blocked = None
    if summary is None:
        shot = render_html(html, base_dir, RenderOptions(full_page=False, evaluate=probe_source(),
                                                         timeout=timeout))
        summary, blocked = shot.data, len(shot.blocked)
    phone = None
    if any(c.kind == "responsive" for c in constraints):
        phone = render_html(html, base_dir, RenderOptions.mobile_profile(
            full_page=False, timeout=timeout,
            evaluate="() => ({width: window.innerWidth, "
                     "scrollWidth: document.documentElement.scrollWidth})")).data
    results = [judge(c, summary, phone) for c in constraints]
    passed = sum(r["satisfied"] for r in results)
    return {
        "instruction": instruction,
        "satisfied": passed == len(results),
        "passed": passed,
        "total": len(results),
        "constraints": results,
        "unsatisfied": [f"{r['description']}: {r['found']}" for r in results if not r["satisfied"]],
        "page": {"width": summary["width"], "height": summary["height"],
                 "blocked_requests": blocked},
    }


def judge(constraint: Constraint, summary: dict, phone: dict | None = None) -> dict[str, Any]:
    """One constraint against a page summary (the probe's output) -> a result row."""
    checker = {"name": _name, "colour": _colour, "position": _position, "count": _count,
               "columns": _columns, "section": _section, "text": check_text, "items": check_items,
               "order": check_order, "centred": check_centred,
               "responsive": lambda c, s: _responsive(phone)}[constraint.kind]
    satisfied, found, detail = checker(constraint, summary)
    return {"id": constraint.id, "kind": constraint.kind, "description": constraint.describe(),
            "satisfied": bool(satisfied), "found": found, "detail": detail,
            "source": constraint.source}


Outcome = tuple[bool, str, Any]


# --- finding things -------------------------------------------------------------------------------

def _content(items: list[dict]) -> list[dict]:
    return [i for i in items if not i["header"] and not i["footer"]]


def _matches(block: dict, words: list[str], with_text: bool) -> int:
    score = 0
    for word in words:
        word = word.lower()
        if not word:
            continue
        if word in block["heading"].lower():
            score += 3
        if word in block["words"]:
            score += 2
        if with_text and word in block["text"]:
            score += 1
    return score


def find_block(summary: dict, kind: str | None, hints: list[str] = (),
               need: str | None = None) -> tuple[int, dict] | None:
    """The section that best matches ``kind`` and ``hints``: the smallest of the best-scoring
    blocks, and among those one that holds what is needed ("images", "cards")."""
    if kind in ("nav", "footer", "hero"):
        return None
    words = [h for h in hints if h] + list(KEYWORDS.get(kind or "", ()))
    scored = []
    for index, block in enumerate(summary["blocks"]):
        if block["header"] or block["footer"]:
            continue
        score = _matches(block, words, with_text=kind == "about")
        if score and (need is None or _holds(summary, index, need)):
            scored.append((score, -block["box"][2] * block["box"][3], index))
    if not scored:
        return None
    scored.sort(reverse=True)
    index = scored[0][2]
    return index, summary["blocks"][index]


def _holds(summary: dict, index: int, need: str) -> bool:
    if need == "images":
        return any(index in i["blocks"] for i in _pictures(summary))
    return any(index in g["blocks"] for g in summary["groups"])


def _pictures(summary: dict) -> list[dict]:
    return [i for i in _content(summary["images"])
            if i["box"][2] >= MIN_PICTURE and i["box"][3] >= MIN_PICTURE]


def _landmark(summary: dict, target: str) -> dict | None:
    if target in ("nav", "footer", "hero"):
        return summary.get(target)
    if target == "page":
        return {"bg": summary["page"]["bg"], "fg": summary["page"]["fg"],
                "box": [0, 0, summary["width"], summary["height"]]}
    if target in ("table", "map"):
        things = summary.get("tables" if target == "table" else "maps") or []
        return {"box": things[0]["box"], "bg": [255, 255, 255], "fg": [0, 0, 0]} if things else None
    found = find_block(summary, target)
    return found[1] if found else None


def _logo(summary: dict, want_logo: bool, scope: str | None = None) -> dict | None:
    pictures = _pictures(summary)
    found = find_block(summary, scope, need="images") if scope else None
    if found:
        pictures = [p for p in pictures if found[0] in p["blocks"]]
    if want_logo:
        named = [p for p in pictures if "logo" in p["alt"] or "logo" in p["src"] or "logo" in p["words"]]
        if named:
            return named[0]
    return min(pictures, key=lambda p: (p["box"][1], p["box"][0]), default=None)


# --- the checks -----------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _name(constraint: Constraint, summary: dict) -> Outcome:
    name = _norm(str(constraint.value))
    places = [where for where, text in (("title", summary["title"]),
                                        ("navigation bar", (summary["nav"] or {}).get("text", "")),
                                        ("headings", " ".join(summary["headings"])),
                                        ("text", summary["text"])) if text and name in _norm(text)]
    if places:
        return True, f"found in the {', '.join(places)}", places
    return False, "the name is nowhere in the page text or title", []


def _colour(constraint: Constraint, summary: dict) -> Outcome:
    spec = ColourSpec.from_dict(constraint.value)
    if constraint.target == "button":
        return _button_colour(spec, summary)
    if constraint.target == "any":
        candidates = [summary["nav"], summary["hero"], summary["footer"], summary["page"],
                      *summary["blocks"], *summary["buttons"]]
        seen = [tuple(c["bg"]) for c in candidates if c]
        hits = [rgb for rgb in seen if colours.matches(spec, rgb)]
        found = f"{len(hits)} prominent area(s) in {spec.said}" if hits else \
            f"no prominent area in {spec.said}"
        return bool(hits), found, sorted({colours.describe(rgb) for rgb in seen})[:12]
    element = _landmark(summary, constraint.target)
    if element is None:
        return False, f"no {constraint.target} found on the page", None
    rgb = tuple(element["fg"] if constraint.property == "text" else element["bg"])
    ok = colours.matches(spec, rgb)
    return ok, colours.describe(rgb), {"wanted": spec.to_dict(), "box": element.get("box")}


def _button_colour(spec: ColourSpec, summary: dict) -> Outcome:
    buttons = summary["buttons"]
    if not buttons:
        return False, "no buttons found", []
    hits = [b for b in buttons if colours.matches(spec, tuple(b["bg"]))]
    ok = bool(hits) and len(hits) * 2 >= len(buttons)
    return ok, f"{len(hits)} of {len(buttons)} button(s) in {spec.said}", \
        [f"{b['text']}: {colours.describe(tuple(b['bg']))}" for b in buttons[:10]]


def _box_of(summary: dict, what: str | None, scope: str | None = None) -> dict | None:
    if what in ("image", "image:logo"):
        return _logo(summary, what == "image:logo", scope)
    if what == "text":
        return None  # resolved relative to the other element
    return _landmark(summary, what or "")


def _overlap(a: list, b: list, axis: int) -> float:
    start = max(a[axis], b[axis])
    end = min(a[axis] + a[axis + 2], b[axis] + b[axis + 2])
    return max(0.0, end - start) / max(1.0, min(a[axis + 2], b[axis + 2]))


def _side_by_side(a: list, b: list, relation: str) -> bool:
    if _overlap(a, b, 1) < 0.2 or _overlap(a, b, 0) > 0.5:
        return False
    ca, cb = a[0] + a[2] / 2, b[0] + b[2] / 2
    return ca < cb if relation == "left_of" else ca > cb


def _position(constraint: Constraint, summary: dict) -> Outcome:
    relation = constraint.relation or ""
    subject = _box_of(summary, constraint.target)
    if relation == "top":
        if subject is None:
            return False, f"no {constraint.target} found", None
        return subject["box"][1] <= 10, f"it starts {subject['box'][1]} px from the top", subject["box"]
    if constraint.target == "text" or constraint.other == "text":
        anchor_name = constraint.other if constraint.target == "text" else constraint.target
        anchor = _box_of(summary, anchor_name, constraint.scope)
        if anchor is None:
            return False, f"no {anchor_name.replace(':', ' ')} found", None
        flipped = relation if constraint.target != "text" else \
            {"left_of": "right_of", "right_of": "left_of"}.get(relation, relation)
        texts = [t for t in _content(summary["texts"]) if t["length"] >= 30]
        beside = [t for t in texts if _overlap(anchor["box"], t["box"], 1) >= 0.2]
        hits = [t for t in beside if _side_by_side(anchor["box"], t["box"], flipped)
                or (relation in ("below", "above") and _vertical(anchor["box"], t["box"], flipped))]
        where = ", ".join(f"{t['text'][:30]!r} at x={t['box'][0]}" for t in beside[:4]) or \
            "no text beside it"
        return bool(hits), f"{anchor_name} at x={anchor['box'][0]}; text: {where}", anchor["box"]
    other = _box_of(summary, constraint.other)
    if subject is None or other is None:
        missing = constraint.target if subject is None else constraint.other
        return False, f"no {str(missing).replace(':', ' ')} found", None
    if relation in ("left_of", "right_of"):
        ok = _side_by_side(subject["box"], other["box"], relation)
    else:
        ok = _vertical(subject["box"], other["box"], relation)
    return ok, f"{constraint.target} at {subject['box']}, {constraint.other} at {other['box']}", None


def _vertical(a: list, b: list, relation: str) -> bool:
    if relation == "below":
        return a[1] >= b[1] + b[3] - 4
    return a[1] + a[3] <= b[1] + 4


def _count(constraint: Constraint, summary: dict) -> Outcome:
    wanted, at_least = int(constraint.value), constraint.at_least
    if constraint.target == "rows":
        tables = summary.get("tables") or []
        counts = sorted({t["rows"] for t in tables}, reverse=True) or [0]
        ok = any(n >= wanted if at_least else n == wanted for n in counts)
        return ok, (f"table(s) with {' or '.join(map(str, counts))} row(s)" if tables
                    else "no table on the page"), counts
    need = "images" if constraint.target == "images" else "cards"
    found = find_block(summary, constraint.scope, constraint.hints, need)
    index = found[0] if found else None
    where = f"in the section {found[1]['heading'] or found[1]['words'] or found[1]['tag']!r}" \
        if found else "on the page (no matching section found)"
    if need == "images":
        pictures = [p for p in _pictures(summary) if index is None or index in p["blocks"]]
        if index is None:
            pictures = [p for p in pictures if "logo" not in p["alt"] + p["src"]]
        counts = [len(pictures)]
    else:
        groups = [g for g in _content(summary["groups"]) if g["boxed"]
                  and (index is None or index in g["blocks"])]
        counts = sorted({g["count"] for g in groups}, reverse=True) or [0]
    ok = any(n >= wanted if at_least else n == wanted for n in counts)
    what = "picture(s)" if need == "images" else "card(s) in a group"
    return ok, f"{' or '.join(map(str, counts))} {what} {where}", counts


def _columns(constraint: Constraint, summary: dict) -> Outcome:
    wanted = int(constraint.value)
    found = find_block(summary, constraint.scope, constraint.hints) if constraint.scope else None
    index = found[0] if found else None
    rows = [r for r in _content(summary["rows"]) if r["coverage"] >= 0.6
            and (index is None or index in r["blocks"])]
    counts = sorted({r["count"] for r in rows}, reverse=True)
    where = f"in {found[1]['heading']!r}" if found else "on the page"
    ok = wanted in counts
    return ok, f"rows of {', '.join(map(str, counts)) or 'no'} column(s) {where}", counts


def _section(constraint: Constraint, summary: dict) -> Outcome:
    kind = constraint.target
    if kind in ("nav", "footer", "hero"):
        element = summary.get(kind)
        return element is not None, f"a <{element['tag']}>" if element else f"no {kind}", None
    if kind == "table":
        tables = summary.get("tables") or []
        return bool(tables), (f"a table of {tables[0]['rows']} row(s)" if tables else "no table"), None
    if kind == "map":
        maps = summary.get("maps") or []
        return bool(maps), ("a map" if maps else "no map or map placeholder"), None
    if kind == "contact":
        forms = [f for f in summary["forms"] if f["inputs"] and f["buttons"]]
        if forms:
            return True, f"a form with {forms[0]['inputs']} field(s)", None
        found = find_block(summary, kind, constraint.hints)
        return False, ("a contact section without a form" if found else "no contact form"), None
    found = find_block(summary, kind, constraint.hints)
    if found:
        return True, f"section {found[1]['heading'] or found[1]['words']!r}", found[1]["box"]
    return False, f"no section that looks like {kind}", None


def _responsive(phone: dict | None) -> Outcome:
    if not phone:
        return False, "not rendered at phone width", None
    # a phone zooms out to show an overflowing page, so innerWidth can grow: use the profile's
    width = min(phone["width"], PHONE_WIDTH)
    ok = phone["scrollWidth"] <= width + 1
    return ok, f"page is {phone['scrollWidth']} px wide on a {width} px wide phone", phone
