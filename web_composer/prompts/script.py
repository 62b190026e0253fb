"""The resume's second pass: find the page in the first answer, the script in the second, merge them.

IXC-2.5 writes a resume page in two passes (the page, then " Generate JavaScript events for the html
code:" + the page); the backends do both passes and return the merged text. Unlike IXC's own code,
which inserts a Python list's text before every ``</script>``, the merge adds one ``<script>``
element before ``</body>``.
"""

from __future__ import annotations

import re

_HTML_FENCE = re.compile(r"```[ \t]*html[^\n]*\n(.*?)(?:\n[ \t]*```|\Z)", re.IGNORECASE | re.DOTALL)
_CODE_FENCE = re.compile(r"```[ \t]*(javascript|js|)[ \t]*\n(.*?)(?:\n[ \t]*```|\Z)",
                         re.IGNORECASE | re.DOTALL)
_DOCUMENT_START = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


def page_of(text: str) -> str | None:
    """The HTML document in a model's answer: a ```html block, else the text from the document's
    start (``<!DOCTYPE``, ``<html``, ``<head`` or ``<body``); None when there is no HTML."""
    fenced = _HTML_FENCE.search(text)
    if fenced and fenced.group(1).strip():
        return fenced.group(1).strip()
    start = _DOCUMENT_START.search(text)
    return text[start.start():].strip() if start else None


def script_of(text: str) -> str:
    """The JavaScript in the second pass's answer: its inline ``<script>`` bodies, else its fenced
    javascript/js (or unlabelled) blocks; "" when it has neither (bare prose is never run)."""
    bodies = [body.strip() for attrs, body in _SCRIPT.findall(text)
              if body.strip() and "src=" not in attrs.lower()]
    if not bodies:
        bodies = [body.strip() for _, body in _CODE_FENCE.findall(text) if body.strip()]
    return "\n\n".join(bodies)


def merge_script(page_text: str, js_text: str) -> str:
    """``page_text`` with the script of ``js_text`` added as one ``<script>`` element.

    It goes before the last ``</body>``, else before the last ``</html>``, else at the end of the
    page's ```html block, else at the end. Nothing changes when there is no script, or when the page
    already holds it.
    """
    script = script_of(js_text)
    if not script or script in page_text:
        return page_text
    element = f"<script>\n{script}\n</script>\n"
    lower = page_text.lower()
    for closing in ("</body>", "</html>"):
        at = lower.rfind(closing)
        if at != -1:
            return page_text[:at] + element + page_text[at:]
    fenced = _HTML_FENCE.search(page_text)
    if fenced and fenced.end(1) < len(page_text):
        at = fenced.end(1)
        return page_text[:at] + "\n" + element.rstrip("\n") + page_text[at:]
    return page_text.rstrip("\n") + "\n" + element
