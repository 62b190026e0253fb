"""Markdown and plain-text resumes -> :class:`~.blocks.Document`.

Markdown: ``#`` headings are sections (the first ``#`` heading that names no section is the name),
table rows and list items are entries, ``[text](url)`` links are kept as the line's links, inline
emphasis is dropped. Plain text: the first line is the name; a section heading is a known section
name alone on a line, an ALL-CAPS line, or a line underlined with ``===``/``---``; bullets are any
common bullet glyph; columns set apart by tabs or wide runs of spaces become cells.
"""

from __future__ import annotations

import re

from .blocks import Document, Line, strip_bullet

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"
                       r"|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])|`([^`]+)`")
_TAG = re.compile(r"</?(?:br|b|i|em|strong|span|u|sup|sub|small|p|div)\b[^>]*>", re.I)
_COLUMNS = re.compile(r"\t+|\s{3,}")


def inline(text: str) -> tuple[str, list[str]]:
    """Markdown inline markup -> plain text, and the link targets it carried."""
    links: list[str] = []

    def link(match: re.Match) -> str:
        if not match.group(0).startswith("!"):
            links.append(match.group(2))
        return match.group(1)

    text = _LINK.sub(link, text)
    text = _AUTOLINK.sub(lambda m: links.append(m.group(1)) or m.group(1).removeprefix("mailto:"),
                         text)
    for _ in range(2):  # nested emphasis
        text = _EMPHASIS.sub(lambda m: next(g for g in m.groups()[1:] if g is not None), text)
    text = _TAG.sub(" ", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text), links


def _table_cells(row: str) -> list[str]:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


def _continues(previous: Line | None, raw: str) -> bool:
    """An indented line (no list marker) under a list item continues it."""
    return (previous is not None and previous.kind == "bullet" and raw[:1] in (" ", "\t")
            and not _LIST.match(raw))


def _is_setext(previous: Line | None, raw: str, gap: bool) -> bool:
    """"Name" over "====": a heading. A long line over "---" is a paragraph and a rule (resumes
    put rules between blocks far more often than they write setext headings)."""
    return (previous is not None and previous.kind == "text" and not gap
            and bool(_UNDERLINE.match(raw)) and len(previous.text.split()) <= 6)


def markdown_document(text: str, source: str) -> Document:
    lines: list[Line] = []
    gap = False
    for raw in text.splitlines():
        stripped = raw.strip()
        previous = lines[-1] if lines else None
        if _is_setext(previous, raw, gap):
            previous.kind, previous.level = "heading", 1 if "=" in raw else 2
            continue
        if not stripped or _RULE.match(raw):
            gap = True
            continue
        if _TABLE_SEPARATOR.match(raw) and "|" in raw:
            continue
        body, links = inline(stripped.lstrip("> ").strip() if stripped.startswith(">") else stripped)
        heading = _HEADING.match(stripped)
        listed = _LIST.match(raw)
        if _continues(previous, raw) or (previous is not None and previous.kind == "bullet"
                                          and not gap and not listed and not heading
                                          and not stripped.startswith("|")):
            previous.text += " " + body
            previous.cells = [previous.text]
            previous.links += links
            continue
        if heading:
            text_, links = inline(heading.group(2))
            line = Line(text_, kind="heading", level=len(heading.group(1)), style=f"h{len(heading.group(1))}")
        elif stripped.startswith("|"):
            cells = [inline(c)[0] for c in _table_cells(stripped)]
            line = Line(" ".join(c for c in cells if c), kind="row", cells=cells, aligned=True)
        elif listed:
            line = Line(inline(listed.group(2))[0], kind="bullet")
        else:
            line = Line(body)
        line.links, line.gap = links, gap
        lines.append(line)
        gap = False
    return Document(lines=[ln for ln in lines if ln.text], source=source)


def _is_caps_heading(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return (len(letters) >= 3 and all(ch.isupper() for ch in letters) and len(text.split()) <= 5
            and not re.search(r"[\d@/]", text))


def _is_colon_heading(text: str) -> bool:
    """"Speaking:" alone on its line."""
    return (text.endswith(":") and len(text.split()) <= 4 and text[:1].isupper()
            and not re.search(r"[\d@/|.,]", text))


def plain_document(text: str, source: str) -> Document:
    raw_lines = text.splitlines()
    lines: list[Line] = []
    title = ""
    gap = False
    for index, raw in enumerate(raw_lines):
        stripped = raw.strip()
        if not stripped or _UNDERLINE.match(raw) or _RULE.match(raw):
            gap = True
            continue
        if not title:
            title = stripped
            continue
        following = raw_lines[index + 1] if index + 1 < len(raw_lines) else ""
        previous = lines[-1] if lines else None
        body, bullet = strip_bullet(stripped)
        if previous and previous.kind == "bullet" and not bullet and not gap and raw[:1] in " \t":
            previous.text += " " + stripped
            previous.cells = [previous.text]
            continue
        cells = [c for c in _COLUMNS.split(body) if c.strip()]
        if _UNDERLINE.match(following) or (len(cells) == 1 and (
                _is_caps_heading(stripped) or _is_colon_heading(stripped))):
            line = Line(stripped.rstrip(":"), kind="heading", level=2)
        else:
            line = Line(body, kind="bullet" if bullet else "text", cells=cells,
                        aligned=len(cells) > 1)
        line.gap = gap
        lines.append(line)
        gap = False
    return Document(lines=lines, title=title, source=source)
