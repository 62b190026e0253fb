"""Checks of what the instruction gave verbatim, on the probe's summary of a rendered page: a quoted
text in its place (banner, button, heading, title, a region), one element per named item, named
links that go to a section of the page, named form fields, table columns, the sections' order, and
centring. Each returns (satisfied, what was found in words, detail) like the other checks.

Matching ignores case and runs of white space (CSS may upper-case a button), nothing else: a text
that is reworded is not the text that was asked for.
"""

from __future__ import annotations

import re
from typing import Any

from .plan import Constraint

Outcome = tuple[bool, str, Any]
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def norm(text: str) -> str:
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


def _within(summary: dict, scope: str | None) -> list[dict]:
    """The short texts of a region: nav, footer, banner or a content section (all when unknown)."""
    elements = summary.get("elements") or []
    if scope == "nav":
        return [e for e in elements if e["header"]]
    if scope == "footer":
        return [e for e in elements if e["footer"]]
    if scope == "hero":
        return [e for e in elements if e["hero"]]
    return elements


def check_text(constraint: Constraint, summary: dict) -> Outcome:
    want = norm(str(constraint.value))
    elements = summary.get("elements") or []
    containing = [e for e in elements if want in norm(e["text"])]
    role = constraint.target
    on_page = want in norm(summary.get("text", "")) or want in norm(summary.get("title", ""))
    if role == "title":
        ok = want in norm(summary.get("title", "")) or any(
            e["tag"] == "h1" for e in containing)
        return ok, ("in the page title" if ok else f"the title is {summary.get('title', '')!r}"), None
    if role == "banner":
        hits = [e for e in containing if e["hero"] or e["tag"] == "h1"]
        place = "the banner"
    elif role == "button":
        hits = [e for e in containing if e["button"]]
        hits += [b for b in summary.get("buttons") or [] if want in norm(b["text"])]
        place = "a button"
    elif role == "heading":
        hits = [e for e in containing if e["tag"] in HEADINGS]
        place = "a heading"
    elif constraint.scope in ("nav", "footer"):
        hits = [e for e in _within(summary, constraint.scope) if want in norm(e["text"])]
        place = "the navigation bar" if constraint.scope == "nav" else "the footer"
    else:
        hits = containing if containing else ([True] if on_page else [])
        place = "the page"
    if hits:
        return True, f"shown in {place}", None
    if on_page:
        return False, f"on the page, but not in {place}", None
    return False, "nowhere on the page", None


def _named(elements: list[dict], name: str) -> list[dict]:
    """Elements whose whole text is ``name`` (or starts with it, then a separator: "Pro - $29")."""
    want = norm(name)
    pattern = re.compile(rf"{re.escape(want)}(?:$|\s*[-–—:|(,/]|\s+[$€£¥\d])")
    return [e for e in elements if norm(e["text"]) == want or pattern.match(norm(e["text"]))]


def check_items(constraint: Constraint, summary: dict) -> Outcome:
    names = [str(v) for v in constraint.value or []]
    if constraint.target == "links":
        return _links(names, constraint.scope or "nav", summary)
    if constraint.target == "fields":
        controls = summary.get("controls") or []
        missing = [n for n in names if not any(_field_match(n, c["label"]) for c in controls)]
        return not missing, (f"a field for each of the {len(names)}" if not missing else
                             "no field for " + ", ".join(missing)), [c["label"] for c in controls]
    if constraint.target == "columns":
        headers = [norm(h) for t in summary.get("tables") or [] for h in t["headers"]]
        missing = [n for n in names if norm(n) not in headers]
        return not missing, ("each is a column heading" if not missing else
                             "no column headed " + ", ".join(missing)), headers
    elements = _scoped(summary, constraint)
    missing = [n for n in names if not _named(elements, n)]
    if not missing:
        return True, f"each of the {len(names)} has an element of its own", None
    text = norm(summary.get("text", ""))
    loose = [n for n in missing if norm(n) in text]
    found = "missing: " + ", ".join(missing)
    if loose:
        found += f" ({', '.join(loose)} only inside other text)"
    return False, found, None


def _scoped(summary: dict, constraint: Constraint) -> list[dict]:
    if constraint.scope in ("nav", "footer", "hero"):
        return _within(summary, constraint.scope)
    from .compliance import find_block

    found = find_block(summary, constraint.scope, constraint.hints)
    elements = summary.get("elements") or []
    if found is None:
        return [e for e in elements if not e["header"] and not e["footer"]]
    return [e for e in elements if found[0] in e["blocks"]]


def _field_match(name: str, label: str) -> bool:
    want, label = norm(name), norm(label)
    if want in label:
        return True
    words = [w for w in re.split(r"\W+", want) if len(w) > 2]
    return bool(words) and all(w in label for w in words)


def _links(names: list[str], scope: str, summary: dict) -> Outcome:
    anchors = [a for a in summary.get("links") or []
               if (a["footer"] if scope == "footer" else a["header"])]
    missing, broken = [], []
    for name in names:
        hits = [a for a in anchors if norm(a["text"]) == norm(name)]
        if not hits:
            missing.append(name)
            continue
        link = hits[0]
        href = link["href"].strip()
        if href in ("", "#") or link["target"] is False or href.lower().startswith("javascript:"):
            broken.append(f"{name} ({href or 'no href'})")
    where = "navigation bar" if scope != "footer" else "footer"
    if not missing and not broken:
        return True, f"each is a link in the {where} that leads to its section or page", None
    parts = []
    if missing:
        parts.append(f"no link in the {where} for " + ", ".join(missing))
    if broken:
        parts.append("links that go nowhere: " + ", ".join(broken))
    return False, "; ".join(parts), [a["text"] for a in anchors]


def _top_of(summary: dict, kind: str) -> float | None:
    from .compliance import find_block

    if kind == "hero":
        hero = summary.get("hero")
        return hero["box"][1] if hero else None
    if kind == "table" and summary.get("tables"):
        return summary["tables"][0]["box"][1]
    if kind == "map" and summary.get("maps"):
        return summary["maps"][0]["box"][1]
    if kind == "contact" and summary.get("forms"):
        return summary["forms"][0]["box"][1]
    found = find_block(summary, kind)
    return found[1]["box"][1] if found else None


def check_order(constraint: Constraint, summary: dict) -> Outcome:
    kinds = [str(k) for k in constraint.value or []]
    tops = {k: _top_of(summary, k) for k in kinds}
    missing = [k for k, y in tops.items() if y is None]
    if missing:
        return False, "not found: " + ", ".join(missing), tops
    ys = [tops[k] for k in kinds]
    ok = all(a < b for a, b in zip(ys, ys[1:]))
    actual = " > ".join(k for k, _ in sorted(tops.items(), key=lambda kv: kv[1]))
    return ok, f"on the page: {actual}", tops


def check_centred(constraint: Constraint, summary: dict) -> Outcome:
    elements = _scoped(summary, constraint) if constraint.scope else summary.get("elements") or []
    want_heading = constraint.target == "heading"
    candidates = [e for e in elements if (e["tag"] in HEADINGS) == want_heading
                  and (want_heading or e["tag"] == "p")]
    if not candidates:
        return False, f"no {constraint.target} found", None
    first = candidates[0]
    width = summary.get("width", 1280)
    centre = first["box"][0] + first["box"][2] / 2
    ok = first.get("align") == "center" or (abs(centre - width / 2) < width * 0.05
                                              and first["box"][2] < width * 0.8)
    return ok, f"{first['text'][:40]!r} is aligned {first.get('align')}", first["box"]
