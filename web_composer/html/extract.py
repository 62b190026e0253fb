"""Finding the HTML document in a model's reply, and repairing one that was cut off."""

from __future__ import annotations

import re

from ..errors import BackendError

_FENCE = re.compile(r"```[ \t]*([\w+-]*)[^\n]*\n(.*?)(?:```|\Z)", re.S)
_DOC_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.I)
_ANY_TAG = re.compile(r"<(?:body|head|div|section|header|main|nav|p|h[1-6]|table|style|ul|img)\b",
                      re.I)
_HTML_END = re.compile(r"</html\s*>", re.I)


def _fenced_candidates(text: str) -> list[str]:
    """Contents of ```html fences first, then of other fences that hold markup."""
    tagged, other = [], []
    for match in _FENCE.finditer(text):
        lang, body = match.group(1).lower(), match.group(2)
        if lang in {"html", "htm", "xml", "xhtml"}:
            tagged.append(body)
        elif _DOC_START.search(body) or _ANY_TAG.search(body):
            other.append(body)
    return tagged + other


def extract_html(text: str) -> tuple[str, list[str]]:
    """The HTML document in ``text`` and any warnings; BackendError (exit 3) if there is none.

    Accepts a fenced block (```html ... ```), a bare document, or a bare fragment (wrapped into a
    document). A document without its closing tags (the model hit its token limit) is repaired by
    closing the open elements, with a warning.
    """
    warnings: list[str] = []
    candidates = _fenced_candidates(text)
    body = max(candidates, key=len) if candidates else None
    if body is None:
        start = _DOC_START.search(text) or _ANY_TAG.search(text)
        if start is None:
            raise BackendError("the model's response contains no HTML",
                               hint="its raw text is kept in raw.txt")
        body = text[start.start():]
    end = _HTML_END.search(body)
    if end:
        body = body[: end.end()]
    body = body.strip()
    if not _DOC_START.search(body):
        body = f"<!DOCTYPE html>\n<html>\n<body>\n{body}\n</body>\n</html>"
        warnings.append("the model wrote a fragment; it was wrapped in a document")
    elif not end:
        body = repair_truncated(body)
        warnings.append("the model's output was cut off; open elements were closed")
    return body, warnings


def repair_truncated(html: str) -> str:
    """Close whatever a cut-off document left open (a partial tag at the end is dropped)."""
    from bs4 import BeautifulSoup

    html = re.sub(r"<[^<>]*\Z", "", html)  # an unfinished tag
    soup = BeautifulSoup(html, "html.parser")
    doctype = "<!DOCTYPE html>\n" if re.match(r"\s*<!doctype", html, re.I) else ""
    rendered = str(soup)
    rendered = re.sub(r"^\s*<!DOCTYPE[^>]*>\s*", "", rendered, flags=re.I)
    return doctype + rendered
