"""Word (.docx) resumes -> :class:`~.blocks.Document`, with python-docx.

Paragraph styles carry the structure: ``Title`` is the name, ``Heading N`` a heading of level N,
list styles (or numbering) are bullets. Tabs set cells apart ("Company<TAB>2019 – 2021"). Tables
are read in body order: a table whose cells hold one paragraph each is data (one row = one entry);
a table whose cells hold several paragraphs is page layout, read cell by cell. Hyperlinks are kept
with their paragraph, and the page header (where contact details often live) is read first.
"""

from __future__ import annotations

import io
import re
from typing import Any, Iterator

from ..errors import InputError
from .blocks import Document, Line, strip_bullet
from .model import Resume

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)


def _is_list(paragraph: Any) -> bool:
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    ppr = paragraph._p.pPr  # noqa: SLF001 - numbering is only visible on the XML element
    return "list" in style.lower() or (ppr is not None and ppr.numPr is not None)


def _all_bold(paragraph: Any) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold or (r.style is not None and r.style.font.bold) for r in runs)


def _paragraph_line(paragraph: Any) -> Line | None:
    text = paragraph.text or ""
    if not text.strip():
        return None
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    links = [h.url for h in paragraph.hyperlinks if h.url]
    heading = _HEADING_STYLE.match(style)
    if style.lower() == "title":
        return Line(text, kind="heading", level=1, style="Title", links=links)
    if heading:
        return Line(text, kind="heading", level=int(heading.group(1)), style=style, links=links)
    cells = [c for c in text.split("\t") if c.strip()]
    body, bullet = strip_bullet(text)
    kind = "bullet" if _is_list(paragraph) or bullet else "text"
    if kind == "bullet" and bullet:
        cells = [c for c in body.split("\t") if c.strip()]
    signature = f"{style}{'+bold' if _all_bold(paragraph) else ''}"
    return Line(body if bullet else text.replace("\t", " "), kind=kind, cells=cells,
                aligned=len(cells) > 1, style=signature, links=links)


def _unique_cells(row: Any) -> list[Any]:
    seen: list[Any] = []
    for cell in row.cells:  # a merged cell is returned once per grid column it spans
        if not any(cell._tc is other._tc for other in seen):  # noqa: SLF001
            seen.append(cell)
    return seen


def _table_lines(table: Any) -> Iterator[Line]:
    rows = [_unique_cells(row) for row in table.rows]
    layout = any(len([p for p in cell.paragraphs if p.text.strip()]) > 1 or cell.tables
                 for cells in rows for cell in cells)
    if layout:
        for cells in rows:
            for cell in cells:
                yield from _blocks(cell)
        return
    for cells in rows:
        texts = [cell.text.strip() for cell in cells]
        if any(texts):
            links = [h.url for cell in cells for p in cell.paragraphs for h in p.hyperlinks
                     if h.url]
            yield Line(" ".join(t for t in texts if t), kind="row", cells=texts, aligned=True,
                       links=links)


def _blocks(container: Any) -> Iterator[Line]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            line = _paragraph_line(item)
            if line is not None:
                yield line
        elif isinstance(item, Table):
            yield from _table_lines(item)


def parse_docx(data: bytes, name: str) -> Resume:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from .structure import build_resume

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(f"{name} is not a readable Word document ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - a broken package fails in many ways
        raise InputError(f"{name} is not a readable Word document (it is corrupt: "
                         f"{type(exc).__name__})") from None
    lines: list[Line] = []
    header = document.sections[0].header if document.sections else None
    if header is not None and not header.is_linked_to_previous:
        lines += list(_blocks(header))
    lines += list(_blocks(document))
    titles = [ln for ln in lines if ln.style == "Title"]
    if titles:
        lines.remove(titles[0])
    return build_resume(Document(lines=lines, title=titles[0].text if titles else "", source=name))
