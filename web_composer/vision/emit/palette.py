"""The CSS stack's colours as a small palette of custom properties.

    css, body = palette_variables(css, body, page="#f9fafb", text="#1f2937")

Every colour the stylesheet and the elements' style attributes use is named once in ``:root``
(``--page``, ``--text``, then ``--color-1``, ``--color-2`` ... by how often they are used) and
written as ``var(--name)`` wherever it appears, so a person recolouring the page edits one line.
Text content is never touched: only the stylesheet and ``style="..."`` attributes are rewritten.
"""

from __future__ import annotations

import re
from collections import Counter

HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
STYLE_ATTR = re.compile(r'style="([^"]*)"')


def palette_variables(css: str, body: str, *, page: str | None = None,
                      text: str | None = None) -> tuple[str, str]:
    """``css`` and ``body`` with their colours as variables, ``:root`` first in the css."""
    used: Counter[str] = Counter(m.group(0).lower() for m in HEX.finditer(css))
    for attr in STYLE_ATTR.finditer(body):
        used.update(m.group(0).lower() for m in HEX.finditer(attr.group(1)))
    if not used:
        return css, body
    names: dict[str, str] = {}
    for colour, name in ((page, "page"), (text, "text")):
        if colour and colour.lower() in used:
            names[colour.lower()] = name
    count = 0
    for colour, _n in used.most_common():
        if colour not in names:
            count += 1
            names[colour] = f"color-{count}"

    def to_var(match: re.Match) -> str:
        return f"var(--{names[match.group(0).lower()]})"

    declarations = ";".join(f"--{name}:{colour}" for colour, name in names.items())
    css = f":root{{{declarations}}}\n" + HEX.sub(to_var, css)
    body = STYLE_ATTR.sub(lambda m: f'style="{HEX.sub(to_var, m.group(1))}"', body)
    return css, body


ROOT = re.compile(r":root\{([^}]*)\}")
VAR = re.compile(r"var\(--([\w-]+)\)")


def inline_variables(html: str) -> str:
    """``html`` with every ``var(--name)`` of its ``:root`` palette written as the colour itself.

    The inverse of :func:`palette_variables`, for readers (and tests) that want literal colours.
    """
    root = ROOT.search(html)
    if not root:
        return html
    values = dict(part.split(":", 1) for part in root.group(1).split(";") if ":" in part)
    values = {name.strip().removeprefix("--"): value.strip() for name, value in values.items()}
    return VAR.sub(lambda m: values.get(m.group(1), m.group(0)), html)
