"""The layout-free document every text-like parser produces (Markdown, plain text, PDF, DOCX).

A parser's job ends at a list of :class:`Line` values in reading order, with continuation lines
already joined; :mod:`.structure` turns that into a :class:`~.model.Resume`. Keeping the two apart
means the resume heuristics (which heading is which section, where an entry starts, which cell is a
date) are written once and tested once for every format.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

LineKind = Literal["heading", "bullet", "text", "row"]

# Characters that start a list item in the wild (Awesome-CV, Word, plain text).
BULLET_GLYPHS = "•·‣◦▪▫■□●○◆◇►▸▹▶➢➤✓✔❖⁃∙*+-–—"
_BULLET = re.compile(rf"^\s*(?:[{re.escape(BULLET_GLYPHS)}]|\d{{1,2}}[.)]|[a-z][.)])\s+")


@dataclass
class Line:
    text: str
    kind: LineKind = "text"
    level: int = 0  # headings: 1 = the name/title, 2 = a section, 3+ = a sub-heading
    cells: list[str] = field(default_factory=list)  # pieces set apart by wide gaps, tabs or a table
    aligned: bool = False  # cells came from layout (a right-aligned column), not punctuation
    style: str = ""  # a signature of how the line is set (font and size, Word style, "h3")
    links: list[str] = field(default_factory=list)  # URLs attached to the line
    gap: bool = False  # a paragraph break comes before this line

    def __post_init__(self) -> None:
        self.text = clean_text(self.text)
        self.cells = [c for c in (clean_text(c) for c in self.cells) if c] or [self.text]


@dataclass
class Document:
    lines: list[Line]
    title: str = ""  # the name, when the format marks it (a Markdown h1, a Word Title, big type)
    source: str = "resume"


def clean_text(text: str) -> str:
    """NFC, soft hyphens as hyphens, no private-use icon glyphs, single spaces."""
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\u00ad", "-").replace("\u00a0", " ").replace("\u200b", "")
    text = "".join(ch for ch in text if not _is_icon(ch))
    return " ".join(text.split())


def _is_icon(ch: str) -> bool:
    code = ord(ch)
    return (0xE000 <= code <= 0xF8FF or 0xF0000 <= code  # private use: icon fonts
            or unicodedata.category(ch) in ("Co", "Cc", "Cs")
            or 0x1F300 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF and ch not in BULLET_GLYPHS)


def strip_bullet(text: str) -> tuple[str, bool]:
    """("Did things", True) for "• Did things"; (text, False) when it is no list item."""
    match = _BULLET.match(text)
    if match and len(text) > match.end():
        return text[match.end():].strip(), True
    return text, False
