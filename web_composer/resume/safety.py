"""What resume text may become in a page: link targets with safe schemes only.

All resume text is escaped by jinja2's autoescaping; this module decides which strings may be
used as an ``href`` at all. Browsers ignore ASCII whitespace and control characters inside a URL
scheme ("java\\tscript:"), so those are removed before the scheme is read.
"""

from __future__ import annotations

import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is safe to link to (http, https, mailto, tel, or scheme-less), else None."""
    if not url:
        return None
    url = url.strip()
    squashed = _CONTROL.sub("", url)
    match = _SCHEME.match(squashed)
    if match:
        return url if match.group(1).lower() in SAFE_SCHEMES and not _CONTROL.search(url) else None
    if squashed.startswith(("//", "/", "\\")) or ":" in squashed.split("/")[0]:
        return None
    if re.match(r"^(www\.)?[\w-]+(\.[\w-]+)+(/|$)", squashed):
        return "https://" + squashed
    return None
