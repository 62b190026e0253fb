"""Code measures: is the page one a front-end developer would keep, judged against its reference HTML?

    measures = code_measures(candidate_html, reference_html)
    measures.to_json()   # {"links": 0.9, "fields": 1.0, ..., "css_bytes_per_element": 41.2}

The Design2Code metrics judge the picture; these judge the markup under it. Each *recall* is the
share of the reference's items found again in the candidate with the same role (texts compared
casefolded, whitespace and edge punctuation ignored, near-equal texts accepted so that one misread
letter does not turn a link into a paragraph):

- ``links``: links and buttons with text (``<a>``, ``<button>``, button-type ``<input>``);
- ``fields``: form fields by kind (text-like input, textarea, select, checkbox/radio);
- ``headings``: ``h1``-``h3`` texts found as ``h1``-``h3``;
- ``list_items``: ``li`` texts found as ``li``;
- ``landmarks``: ``header``, ``nav``, ``main``, ``footer`` (element or ARIA role) present;
- ``words``: the reference's words present as text in the candidate (not only inside a
  picture); from the rendered pages' visible texts when the caller has them, else from the markup.

A recall is ``None`` when the reference has nothing of that kind. Two measures of the candidate
alone describe its CSS: ``fractional_px``, the share of its px lengths that are not whole pixels
(style sheets, style attributes and Tailwind arbitrary values such as ``mt-[17.8px]``), and
``css_bytes_per_element``, the bytes of style the page carries itself (``<style>`` elements,
``style`` and ``class`` attributes; vendored framework files are not counted) per element in its
body. The markup is read statically: what scripts would add is not seen.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from typing import Any

RECALLS = ("links", "fields", "headings", "list_items", "landmarks", "words")
MEASURES = (*RECALLS, "fractional_px", "css_bytes_per_element")
LANDMARKS = ("header", "nav", "main", "footer")
NEAR = 0.8  # texts at least this similar are the same item (one OCR slip in a short label)
HIDDEN_TAGS = ("script", "style", "noscript", "template", "head", "title", "svg")
BUTTON_INPUTS = {"submit", "button", "reset"}
NOT_FIELDS = BUTTON_INPUTS | {"hidden", "image"}
PX = re.compile(r"(?<![\w.])(-?\d*\.?\d+)px\b")


@dataclass
class CodeMeasures:
    links: float | None
    fields: float | None
    headings: float | None
    list_items: float | None
    landmarks: float | None
    words: float | None
    fractional_px: float
    css_bytes_per_element: float

    def to_json(self) -> dict[str, Any]:
        return {k: (None if v is None else round(v, 4)) for k, v in asdict(self).items()}


def code_measures(candidate_html: str, reference_html: str,
                  visible: tuple[list[str], list[str]] | None = None) -> CodeMeasures:
    """The code measures of ``candidate_html`` against ``reference_html`` (see the module doc).
    ``visible``: the texts the browser showed of each page (candidate, reference), e.g. the
    scorer's blocks; words are then counted from them, so hidden menus and skip links do not
    count as words the candidate lost."""
    cand, ref = _soup(candidate_html), _soup(reference_html)
    if visible is not None:
        words = _count_recall(Counter(_split(visible[1])), Counter(_split(visible[0])))
    else:
        words = _count_recall(Counter(_words(ref)), Counter(_words(cand)))
    return CodeMeasures(
        links=_text_recall(_link_texts(ref), _link_texts(cand)),
        fields=_count_recall(_field_kinds(ref), _field_kinds(cand)),
        headings=_text_recall(_texts(ref, ("h1", "h2", "h3")), _texts(cand, ("h1", "h2", "h3"))),
        list_items=_text_recall(_texts(ref, ("li",)), _texts(cand, ("li",))),
        landmarks=_count_recall(Counter(set(_landmarks(ref))), Counter(set(_landmarks(cand)))),
        words=words,
        fractional_px=fractional_px_share(candidate_html),
        css_bytes_per_element=css_bytes_per_element(cand),
    )


# --- reading the markup ------------------------------------------------------------------------

def _soup(html: str) -> Any:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def normalise(text: str) -> str:
    """Casefolded, single-spaced, without punctuation at either end."""
    return " ".join(text.split()).casefold().strip(" .,:;!?·•|»«›‹→←-–—*\"'()[]")


def _text(element: Any) -> str:
    return normalise(element.get_text(" "))


HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _shown(element: Any) -> bool:
    """False for what the markup itself hides (hidden, aria-hidden, display:none inline, on the
    element or an ancestor); what a stylesheet hides cannot be told without a browser."""
    for e in [element, *element.parents]:
        if getattr(e, "attrs", None) is None:
            continue
        if e.has_attr("hidden") or e.get("aria-hidden") == "true" \
                or HIDDEN_STYLE.search(e.get("style") or ""):
            return False
    return True


def _texts(soup: Any, tags: tuple[str, ...]) -> list[str]:
    return [t for t in (_text(e) for e in soup.find_all(tags) if _shown(e)) if t]


def _link_texts(soup: Any) -> list[str]:
    texts = _texts(soup, ("a", "button"))
    for element in soup.find_all("input"):
        if (element.get("type") or "").lower() in BUTTON_INPUTS and element.get("value") \
                and _shown(element):
            texts.append(normalise(element["value"]))
    return [t for t in texts if t]


def _field_kinds(soup: Any) -> Counter:
    kinds: Counter = Counter()
    for element in soup.find_all(("input", "textarea", "select")):
        kind = (element.get("type") or "text").lower() if element.name == "input" else element.name
        if kind in NOT_FIELDS or not _shown(element) or element.get("tabindex") == "-1":
            continue  # tabindex -1: a spam trap or a control the page drives itself
        kinds["check" if kind in ("checkbox", "radio") else
              kind if kind in ("textarea", "select") else "input"] += 1
    return kinds


def _landmarks(soup: Any) -> list[str]:
    found = [e.name for e in soup.find_all(LANDMARKS) if _shown(e)]
    roles = {"banner": "header", "navigation": "nav", "main": "main", "contentinfo": "footer"}
    found += [roles[e["role"]] for e in soup.find_all(attrs={"role": True}) if e["role"] in roles]
    return found


def _split(texts: list[str]) -> list[str]:
    return [w for text in texts for w in (normalise(w) for w in text.split()) if w]


def _words(soup: Any) -> list[str]:
    from bs4 import Comment

    body = soup.body or soup
    strings = (s for s in body.find_all(string=True) if not isinstance(s, Comment)
               and not any(p.name in HIDDEN_TAGS for p in s.parents))
    return [w for s in strings for w in (normalise(w) for w in s.split()) if w]


# --- recalls -----------------------------------------------------------------------------------

def _count_recall(reference: Counter, candidate: Counter) -> float | None:
    total = sum(reference.values())
    if not total:
        return None
    return sum(min(n, candidate[key]) for key, n in reference.items()) / total


def _text_recall(reference: list[str], candidate: list[str]) -> float | None:
    """Share of reference texts found among the candidate's, each candidate text used once."""
    if not reference:
        return None
    left = Counter(candidate)
    found = 0
    for text in reference:
        if left[text] > 0:
            left[text] -= 1
            found += 1
    unmatched = [t for t in reference if t not in candidate]
    pool = [t for t, n in left.items() for _ in range(n)]
    for text in unmatched:  # near-equal texts: a misread letter or a dropped space
        best = max(pool, key=lambda c: SequenceMatcher(None, text, c).ratio(), default=None)
        if best is not None and SequenceMatcher(None, text, best).ratio() >= NEAR:
            pool.remove(best)
            found += 1
    return min(found, len(reference)) / len(reference)


# --- the candidate's CSS -----------------------------------------------------------------------

def _own_css(soup: Any) -> list[str]:
    """The style text the page carries itself: style elements, style and class attributes."""
    parts = [s.get_text() for s in soup.find_all("style")]
    for element in soup.find_all(True):
        for name in ("style", "class"):
            value = element.get(name)
            if value:
                parts.append(" ".join(value) if isinstance(value, list) else value)
    return parts


def fractional_px_share(html: str) -> float:
    """Share of px lengths in the page's own CSS that are not whole pixels (0 when there are none)."""
    values = [float(v) for part in _own_css(_soup(html)) for v in PX.findall(part)]
    if not values:
        return 0.0
    return sum(1 for v in values if abs(v - round(v)) > 1e-6) / len(values)


def css_bytes_per_element(soup: Any) -> float:
    body = soup.body or soup
    elements = len(body.find_all(True)) or 1
    return sum(len(p.encode("utf-8")) for p in _own_css(soup)) / elements
