"""Finding the part of a page an edit names, on any page: ours, a model's, or one written by hand.

    find_region(soup, "footer")          <footer>, role=contentinfo, or id/class "footer"
    find_region(soup, "heading:Awards")  the section whose heading reads "Awards"
    find_text(soup, "Rye")               the smallest element whose whole text is "Rye"

A region is looked up by landmarks first (header, nav, footer, main), then by an id or class that
names its kind (faq, testimonials, pricing, ...), then by its heading's words (the instruction
reader's section words, so "reviews" finds a section headed "What our customers say" only when
its id or class says so). The result is the outermost element that holds the section and nothing
else, so that moving or removing it takes its heading along.
"""

from __future__ import annotations

import re
from typing import Any

from ..instruct.parse import SECTION_RE
from .requests import EXTRA_KINDS

SECTIONING = ("section", "article", "aside", "div", "header", "footer", "nav", "form", "main")
HEADINGS = ("h1", "h2", "h3", "h4")
# kind -> words that may appear in an id or class naming it
KIND_TOKENS: dict[str, tuple[str, ...]] = {
    "nav": ("site-header", "header", "navbar", "nav", "topbar", "masthead", "menu"),
    "footer": ("site-footer", "footer"),
    "hero": ("hero", "banner", "jumbotron", "splash", "masthead"),
    "faq": ("faq", "faqs", "questions"),
    "contact": ("contact", "form"),
    "pricing": ("pricing", "plans", "prices"),
    "testimonials": ("testimonials", "testimonial", "reviews", "quotes"),
    "team": ("team", "staff", "people", "speakers"),
    "gallery": ("gallery", "photos", "portfolio", "projects", "showcase"),
    "features": ("features", "cards", "services", "products", "menu", "schedule"),
    "about": ("about", "mission", "story", "intro"),
}


def _tokens(tag: Any) -> list[str]:
    words = [tag.get("id") or ""] + list(tag.get("class") or [])
    return [t for w in words for t in re.split(r"[-_\s]+", w.lower()) if t] + \
        [w.lower() for w in words if w]


def _landmark(soup: Any, kind: str) -> Any:
    body = soup.body or soup
    if kind == "footer":
        found = body.find("footer") or body.find(attrs={"role": "contentinfo"})
        return _outermost(found) if found else None
    if kind == "nav":
        header = body.find("header") or body.find(attrs={"role": "banner"})
        if header is not None and header.find_parent(["main", "article", "section"]) is None:
            return header
        nav = body.find("nav")
        return _outermost(nav) if nav else None
    if kind == "main":
        return body.find("main") or body.find(attrs={"role": "main"})
    return None


def _outermost(tag: Any) -> Any:
    """Climb while the parent holds nothing but this element (a wrapper of the same region)."""
    while tag.parent is not None and tag.parent.name in SECTIONING and tag.parent.name != "body":
        others = [c for c in tag.parent.find_all(recursive=False) if c is not tag
                  and c.name not in ("script", "style")]
        if others or tag.parent.name == "main":
            break
        tag = tag.parent
    return tag


def _by_token(soup: Any, kind: str) -> Any:
    tokens = KIND_TOKENS.get(kind, (kind,))
    body = soup.body or soup
    for tag in body.find_all(SECTIONING):
        mine = _tokens(tag)
        if any(t in mine for t in tokens):
            return tag
    return None


def _by_heading(soup: Any, matches: Any) -> Any:
    body = soup.body or soup
    for heading in body.find_all(HEADINGS):
        if matches(heading.get_text(" ", strip=True)):
            return section_of(heading)
    return None


def section_of(heading: Any) -> Any:
    """The section a heading heads: its nearest sectioning ancestor, or the heading itself."""
    parent = heading.find_parent(["section", "article", "aside", "footer", "header", "form"])
    if parent is not None:
        return parent
    holder = heading.parent
    if holder is not None and holder.name == "div" and holder.find(HEADINGS) is heading \
            and holder.name != "body":
        return holder
    return heading


def find_region(soup: Any, target: str) -> Any:
    """The element for ``target`` (a section kind, "title", "brand", "main", or "heading:WORDS")."""
    if target.startswith("text:"):  # an item named by its text: a card, a link, a row
        tag = find_text(soup, target.split(":", 1)[1])
        return item_of(tag) if tag is not None else None
    if target.startswith("heading:"):
        words = target.split(":", 1)[1].strip().lower()
        by_id = (soup.body or soup).find(id=re.compile(rf"^{re.escape(words.replace(' ', '-'))}$", re.I))
        return by_id or _by_heading(soup, lambda text: words in text.lower())
    if target == "title":
        body = soup.body or soup
        return body.find("h1") or body.find(HEADINGS)
    if target == "brand":
        body = soup.body or soup
        return body.find(class_="brand") or body.find("h1")
    if target in ("nav", "footer", "main"):
        found = _landmark(soup, target)
        if found is not None or target == "main":
            return found
    found = _by_token(soup, target)
    if found is not None:
        return found
    pattern = EXTRA_KINDS.get(target) or SECTION_RE.get(target)
    if pattern is not None:
        found = _by_heading(soup, lambda text: bool(pattern.search(text)))
        if found is not None:
            return found
    if target == "hero":  # the section that holds the page's h1, else the first section
        h1 = (soup.body or soup).find("h1")
        if h1 is not None and section_of(h1) is not h1:
            return section_of(h1)
        first = (soup.body or soup).find("section")
        return first if first is not None and first.find_parent(["header", "footer"]) is None else None
    return None


def find_text(soup: Any, text: str) -> Any:
    """The smallest element whose text is ``text`` (exactly, else the one that contains it)."""
    wanted = " ".join(text.split()).lower()
    body = soup.body or soup
    exact, partial = None, None
    for tag in body.find_all(True):
        if tag.name in ("script", "style"):
            continue
        own = " ".join(tag.get_text(" ", strip=True).split()).lower()
        if own == wanted:
            exact = tag  # keep going: a deeper element with the same text is smaller
        elif wanted in own and partial is None or (wanted in own and partial is not None
                                                   and partial in tag.parents):
            partial = tag
    return exact if exact is not None else partial


def item_of(tag: Any) -> Any:
    """The list item, card or link that holds ``tag`` (what "remove Rye" removes)."""
    for parent in [tag, *tag.parents]:
        if parent.name in ("li", "tr", "details", "figure", "article", "a", "button"):
            return parent
        if "card" in (parent.get("class") or []) or "faq-item" in (parent.get("class") or []):
            return parent
        if parent.name in ("section", "main", "body"):
            break
    return tag
