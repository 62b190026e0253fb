"""The resume-coverage check: is every field of the resume shown on the page?

Every non-empty field a reader expects to see is listed with its path (``work[0].position``): the
name, label, contact details, location, profile links, and every field of every entry in every
section (extra sections included). A field counts as shown when its text is in the page's visible
text (script, style, head, ``hidden`` elements excluded), after Unicode and whitespace folding:

- dates are accepted in any common spelling of the same date ("2013-12", "Dec 2013", "12/2013");
- URLs are accepted as the target of a link or as visible text without the scheme;
- a URL with an unsafe scheme (``javascript:``…) is expected *not* to be a link, so it is skipped.

The photo (``basics.image``) and ``meta`` are not text a reader reads and are not checked.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

from .dates import date_spellings
from .model import DATE_FIELDS, Resume
from .safety import safe_url

_HIDDEN_TAGS = ("script", "style", "template", "noscript", "head", "title", "meta", "link")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "’": "'", "‘": "'",
                         "“": '"', "”": '"', "\u00a0": " ", "\u2007": " ", "\u202f": " "})
SKIPPED_KEYS = frozenset({"image", "meta", "category"})


def fold(text: str) -> str:
    """Text as the check compares it: NFKC, case-folded, one kind of dash and quote, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).casefold()
    return " ".join(text.split())


def visible_text(html: str) -> tuple[str, list[str]]:
    """The text a reader sees in ``html`` and the targets of its links."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_HIDDEN_TAGS):
        tag.decompose()
    for tag in soup.find_all(attrs={"hidden": True}):
        tag.decompose()
    for tag in soup.find_all(style=re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")):
        tag.decompose()
    hrefs = [str(a.get("href")) for a in soup.find_all("a") if a.get("href")]
    return soup.get_text(" "), hrefs


def _walk(value: Any, path: str) -> Iterable[tuple[str, str, str]]:
    """(path, key, text) for every text leaf of a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in SKIPPED_KEYS or str(key).startswith("$"):
                continue
            for leaf in _walk(item, f"{path}.{key}" if path else str(key)):
                yield leaf
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")
    elif value not in (None, ""):
        key = re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1]
        yield path, key, str(value)


def expected_fields(resume: Resume) -> list[tuple[str, str, str]]:
    """(path, kind, value) for every field a reader should find on the page."""
    data = resume.to_dict()
    data.pop("meta", None)
    out = []
    for path, key, value in _walk(data, ""):
        if key in DATE_FIELDS:
            kind = "date"
        elif key.lower() in ("url", "website") or path.endswith(".url"):
            if safe_url(value) is None:
                continue
            kind = "url"
        else:
            kind = "text"
        out.append((path, kind, value))
    return out


def _url_forms(url: str) -> list[str]:
    bare = re.sub(r"^[a-z][a-z0-9+.-]*:(//)?", "", url.strip(), flags=re.I).rstrip("/")
    return [url.strip().rstrip("/"), bare, bare.removeprefix("www.")]


def _shown(kind: str, value: str, text: str, hrefs: set[str]) -> bool:
    if kind == "date":
        return any(fold(form) in text for form in date_spellings(value))
    if kind == "url":
        forms = _url_forms(value)
        return forms[0] in hrefs or forms[0] + "/" in hrefs or any(fold(f) in text for f in forms)
    return fold(value) in text


def coverage_of_text(resume: Resume, text: str, hrefs: Iterable[str] = ()) -> dict[str, Any]:
    """Coverage against text already extracted (e.g. ``innerText`` from a real browser)."""
    folded = fold(text)
    links = {h.strip().rstrip("/") for h in hrefs} | {h.strip() for h in hrefs}
    fields = expected_fields(resume)
    missing = [{"field": path, "value": value} for path, kind, value in fields
               if not _shown(kind, value, folded, links)]
    shown = len(fields) - len(missing)
    return {"fields": len(fields), "shown": shown,
            "ratio": round(shown / len(fields), 4) if fields else 1.0, "missing": missing}


def check_coverage(resume: Resume, html: str) -> dict[str, Any]:
    """Which fields of ``resume`` the page ``html`` shows; ``missing`` lists the others."""
    text, hrefs = visible_text(html)
    return coverage_of_text(resume, text, hrefs)
