"""PDF resumes (with a text layer) -> :class:`~.blocks.Document`, with pdfplumber.

What naive extraction gets wrong, and what this does about it:

- *tight word spacing* (LaTeX, Awesome-CV): a word break is any gap wider than a tenth of the font
  size (``x_tolerance_ratio``), not a fixed 3 pt, so "Seasoned SRE/DevOps leader" keeps its spaces;
- *columns*: a page with a vertical gutter whose two sides are independent text (not one row's
  right-aligned date or place: a column's rows start at one x and end ragged, date runs the
  opposite) is read header first, then the left column, then the right;
- *right-aligned cells*: a wide gap inside a row splits it into cells (organisation | place,
  position | dates), which :mod:`.entries` sorts into fields;
- *bullet glyphs and wrapped lines*: "•", "▪", "–"… mark items, and so do the small discs,
  squares and circles browsers draw as shapes for ``<ul>``; a row that continues the one above
  (same main font, hanging indent, its first word would not have fit above) is joined to it,
  undoing TeX hyphenation;
- *the name*: the biggest type on page 1, joined over wrapped rows in a narrow sidebar, and split
  from contacts set on its baseline ("Name ....... Email: …");
- *icons and page furniture*: icon-font glyphs are dropped, and footers/headers repeated on every
  page ("February 10, 2026 · Curriculum Vitae 3") are removed.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from ..errors import InputError
from .blocks import Document, Line, clean_text, strip_bullet
from .contact import is_place
from .dates import is_date_text
from .model import Resume

WORD_GAP_RATIO = 0.1  # a gap wider than this many ems separates words
CELL_GAP_EMS = 1.0  # a gap wider than this many ems separates cells
_SYMBOL_BULLETS = set("·•§Øüvlnqo\u2022\u25aa\u25cf\u27a2")  # as symbol fonts map them
_ICON_FONT = re.compile(r"awesome|icon|symbol|dingbat|wingding|material|glyph|octicon|academicons",
                        re.I)


@dataclass
class Row:
    words: list[dict[str, Any]]
    page: int
    cells: list[list[dict[str, Any]]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    side: str = ""  # "header", "left" or "right" on a page read as two columns

    @property
    def x0(self) -> float:
        return min(w["x0"] for w in self.words)

    @property
    def x1(self) -> float:
        return max(w["x1"] for w in self.words)

    @property
    def top(self) -> float:
        return min(w["top"] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w["bottom"] for w in self.words)

    @property
    def size(self) -> float:
        return max(w["size"] for w in self.words)

    @property
    def style(self) -> str:
        first = self.words[0] if len(self.words) == 1 or not _is_glyph(self.words[0]) else self.words[1]
        return f"{first['fontname'].split('+')[-1]}:{first['size']:.1f}"

    @property
    def body_style(self) -> str:
        """The font most of the row's letters are set in: a bullet that opens with a bold lead-in
        ("**Serving layer**: built…") is still a regular row, like its wrapped continuation."""
        weights: Counter = Counter()
        for word in self.words:
            if not _is_glyph(word):
                weights[f"{word['fontname'].split('+')[-1]}:{word['size']:.1f}"] += len(word["text"])
        return weights.most_common(1)[0][0] if weights else self.style

    def text(self) -> str:
        return " ".join(_join_words(cell) for cell in self.cells)


def _is_glyph(word: dict[str, Any]) -> bool:
    return strip_bullet(word["text"] + " x")[1]


def _join_words(words: list[dict[str, Any]]) -> str:
    out = ""
    previous = None
    for word in words:
        # small caps ("E" 13 pt + "XPERIENCE" 9 pt) are one word set in two sizes
        ratio = 0.08 if previous is None or previous["size"] == word["size"] else 0.15
        size = word["size"] if previous is None else max(word["size"], previous["size"])
        if previous is not None and word["x0"] - previous["x1"] > ratio * size:
            out += " "
        out += word["text"]
        previous = word
    return out


def _open(data: bytes, name: str) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # forces the page tree to be read
        return pdf
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for a broken file
        # pdfplumber wraps pdfminer's errors; look at the one inside
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(f"{name} is password-protected",
                             hint="save an unprotected copy and try again") from None
        raise InputError(f"{name} is not a readable PDF (it is corrupt: "
                         f"{type(inner).__name__})") from None


def _symbol_bullet(word: dict[str, Any]) -> dict[str, Any] | None:
    """Word's bullets are Symbol/Wingdings glyphs (often private-use code points): keep them as
    "•" so the item is still a list item; drop every other icon-font glyph."""
    text = word["text"].strip()
    if not re.search(r"symbol|wingding|dingbat", word["fontname"], re.I):
        return None
    if len(text) == 1 and (text in _SYMBOL_BULLETS or 0xF000 <= ord(text) <= 0xF0FF):
        return {**word, "text": "•"}
    return None


def _page_words(page: Any) -> list[dict[str, Any]]:
    words = page.extract_words(x_tolerance_ratio=WORD_GAP_RATIO, y_tolerance=2,
                               keep_blank_chars=False, extra_attrs=["size", "fontname"])
    kept = []
    for word in words:
        if not word["text"].strip():
            continue
        if _ICON_FONT.search(word["fontname"]):
            word = _symbol_bullet(word)
            if word is None:
                continue
        kept.append(word)
    return kept


def _bullet_shapes(page: Any) -> list[dict[str, Any]]:
    """Small filled squares and discs: the list markers browsers (Chromium's ``<ul>``) and some
    word processors draw as graphics, not text."""
    shapes = []
    for shape in list(page.curves) + list(page.rects):
        width, height = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
        if 1.0 <= width <= 7 and 1.0 <= height <= 7 and abs(width - height) < 1.5 and \
                (shape.get("fill") or shape.get("stroke")):  # discs, squares, circles (◦)
            shapes.append(shape)
    return shapes


def _add_drawn_bullets(rows: list[Row], shapes: list[dict[str, Any]]) -> None:
    """A drawn marker just left of a row's first word, at its height, becomes a "•" word."""
    for shape in shapes:
        middle = (shape["top"] + shape["bottom"]) / 2
        for row in rows:
            if not row.top - 1 <= middle <= row.bottom + 1:
                continue
            # the word the marker stands before (a row may hold a sidebar's text too)
            after = [i for i, w in enumerate(row.words) if w["x0"] >= shape["x1"]]
            if not after:
                continue
            first = row.words[after[0]]
            before = row.words[after[0] - 1] if after[0] else None
            if 0 <= first["x0"] - shape["x1"] <= 2.5 * first["size"] and not _is_glyph(first) \
                    and (before is None or shape["x0"] - before["x1"] > 0.5 * first["size"]):
                row.words.insert(after[0], {**first, "text": "•", "x0": shape["x0"],
                                            "x1": shape["x1"]})
                row.cells = _split_cells(row.words)
                break


def _rows(words: list[dict[str, Any]], page: int) -> list[Row]:
    """Words grouped by baseline (a superscript or a lowered comma joins its row)."""
    rows: list[Row] = []
    for word in sorted(words, key=lambda w: (w["bottom"], w["x0"])):
        tolerance = max(2.0, 0.3 * word["size"])
        if rows and abs(word["bottom"] - rows[-1].words[0]["bottom"]) <= tolerance:
            rows[-1].words.append(word)
        else:
            rows.append(Row([word], page))
    for row in rows:
        row.words.sort(key=lambda w: w["x0"])
        row.cells = _split_cells(row.words)
    return rows


def _split_cells(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    cells = [[words[0]]]
    for previous, word in zip(words, words[1:]):
        gap = word["x0"] - previous["x1"]
        ems = 0.5 if _is_glyph(word) else CELL_GAP_EMS  # a bullet after a wide gap starts a cell
        if gap > ems * max(previous["size"], word["size"]) and not _is_glyph(previous):
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells


def _gutter(rows: list[Row], width: float) -> float | None:
    """The x of a vertical gutter between two independent columns, or None."""
    segments = [(c[0]["x0"], c[-1]["x1"], row) for row in rows for c in row.cells]
    if len(rows) < 6:
        return None
    best = None
    for x in sorted({round(s[0]) - 2 for s in segments if 0.2 * width < s[0] < 0.8 * width}):
        crossing = sum(1 for x0, x1, _ in segments if x0 < x < x1)
        left = [s for s in segments if s[1] <= x]
        right = [s for s in segments if s[0] >= x]
        if crossing > 0.1 * len(rows) or len(left) < 3 or len(right) < 3:
            continue
        if not _independent(left, right):
            continue
        if best is None or crossing < best[1]:
            best = (x, crossing)
    return best[0] if best else None


def _independent(left: list, right: list) -> bool:
    """True when the right side is a column of its own, not the date/place cells of left rows."""
    left_rows = {id(s[2]) for s in left}
    shared = sum(1 for s in right if id(s[2]) in left_rows) / len(right)
    words = median(len(_join_words(s[2].words).split()) for s in right)
    starts = [s[0] for s in right]
    aligned_left = max(starts) - min(starts) < 6
    return shared < 0.6 or (aligned_left and words > 5) or _ragged_column(right)


def _ragged_column(segments: list) -> bool:
    """Most segments start at one x and their ends are ragged: a text column. Right-aligned
    place/date runs are the opposite (starts vary, ends line up on the margin)."""
    starts = Counter(round(s[0]) for s in segments)
    common = max(sum(n for x, n in starts.items() if abs(x - x0) <= 2) for x0 in starts)
    right_edge = max(s[1] for s in segments)
    flush_right = sum(1 for s in segments if right_edge - s[1] <= 2)
    return len(segments) >= 6 and common >= 0.5 * len(segments) and \
        flush_right < 0.5 * len(segments)


def _reading_order(rows: list[Row], width: float) -> list[Row]:
    x = _gutter(rows, width)
    if x is None:
        return rows
    # everything above the right column's first row is the page header (read whole, first)
    top_of_right = min(c[0]["top"] for r in rows for c in r.cells if c[0]["x0"] >= x)
    header = [r for r in rows if r.bottom <= top_of_right]
    left: list[Row] = []
    right: list[Row] = []
    for row in header:
        row.side = "header"
    for row in rows:
        if row in header:
            continue
        for side, keep, name in ((left, lambda c: c[-1]["x1"] <= x, "left"),
                                 (right, lambda c: c[0]["x0"] >= x, "right")):
            cells = [c for c in row.cells if keep(c)]
            if cells:
                side.append(Row([w for c in cells for w in c], row.page, cells, side=name))
        crossing = [c for c in row.cells if c[0]["x0"] < x < c[-1]["x1"]]
        if crossing:
            left.append(Row([w for c in crossing for w in c], row.page, crossing, side="left"))
    return header + left + right


def _drop_furniture(pages: list[list[Row]], heights: list[float]) -> list[list[Row]]:
    """Remove rows repeated at the top or bottom of several pages (footers, running heads)."""
    def key(row: Row) -> str:
        return re.sub(r"\d+", "#", row.text())

    def in_margin(row: Row, height: float) -> bool:
        return row.top > 0.92 * height or row.bottom < 0.06 * height

    counts = Counter(key(r) for rows, h in zip(pages, heights) for r in rows if in_margin(r, h))
    return [[r for r in rows if not (in_margin(r, h) and (counts[key(r)] > 1 or
                                                          re.fullmatch(r"[\d\s/|-]+", r.text())))]
            for rows, h in zip(pages, heights)]


def _attach_links(rows: list[Row], links: list[dict[str, Any]]) -> None:
    for link in links:
        uri = link.get("uri")
        if not uri:
            continue
        middle = (link["top"] + link["bottom"]) / 2
        for row in rows:
            if row.top - 2 <= middle <= row.bottom + 2 and row.x0 - 2 <= link["x1"] and \
                    link["x0"] <= row.x1 + 2:
                row.links.append(uri)
                break


def parse_pdf(data: bytes, name: str) -> Resume:
    from .structure import build_resume

    pdf = _open(data, name)
    with pdf:
        hyphenates = _hyphenates(pdf.metadata or {})
        pages, heights = [], []
        for number, page in enumerate(pdf.pages):
            try:
                words, links = _page_words(page), page.hyperlinks
            except Exception as exc:  # noqa: BLE001 - a broken content stream, font or image
                raise InputError(f"{name}: page {number + 1} cannot be read (the PDF is corrupt: "
                                 f"{type(exc).__name__})") from None
            rows = _rows(words, number)
            _add_drawn_bullets(rows, _bullet_shapes(page))
            rows = _reading_order(rows, float(page.width))
            _attach_links(rows, links)
            pages.append(rows)
            heights.append(float(page.height))
    if not any(pages):
        raise InputError(f"{name} has no text layer (a scanned image?)",
                         hint="use a PDF with selectable text, or a model backend that reads "
                              "images, e.g. --backend ixc")
    rows = [row for page_rows in _drop_furniture(pages, heights) for row in page_rows]
    return build_resume(_document(rows, name, hyphenates=hyphenates))


def _hyphenates(metadata: dict[str, Any]) -> bool:
    """Does the PDF's maker break words with hyphens at line ends? TeX and word processors do;
    browsers do not (without CSS ``hyphens: auto``), so a row of a Chromium PDF ending in "-"
    broke at a real hyphen ("hand-" / "written") and the hyphen stays."""
    maker = f"{metadata.get('Producer', '')} {metadata.get('Creator', '')}".lower()
    return not re.search(r"skia|chrom|webkit|gecko|firefox|wkhtmltopdf|weasyprint", maker)


def _document(rows: list[Row], name: str, *, hyphenates: bool = True) -> Document:
    sizes = Counter()
    for row in rows:
        for word in row.words:
            sizes[round(word["size"], 1)] += len(word["text"])
    body = sizes.most_common(1)[0][0]
    first_page = [r for r in rows if r.page == 0]
    title_row = max(first_page or rows, key=lambda r: r.size)
    if title_row.size >= 1.3 * body and len(title_row.cells) > 1:
        rows, title_row = _split_name_row(rows, title_row, 1.3 * body)
    title = title_row.text() if title_row.size >= 1.3 * body else ""
    title_rows = _title_rows(rows, title_row) if title else []
    title = ""
    for row in title_rows:  # "Moreau-" / "Lindqvist" is one hyphenated name
        title += row.text() if title.endswith("-") or not title else " " + row.text()
    heading_sizes = sorted({round(r.size, 1) for r in rows
                            if r not in title_rows and r.size >= 1.2 * body}, reverse=True)
    lines: list[Line] = []
    previous: Row | None = None
    indent = (0.0, 0.0)  # where the current line's text starts, and the least a continuation may
    for row in rows:
        if row in title_rows:
            continue
        if previous is not None and lines and _continues(previous, row, lines[-1], indent, rows):
            _append(lines[-1], row, previous, hyphenates)
        else:
            lines.append(_line(row, body, heading_sizes, previous))
            glyph = lines[-1].kind == "bullet" and len(row.words) > 1 and _is_glyph(row.words[0])
            indent = (row.words[1]["x0"], row.words[0]["x1"]) if glyph else (row.x0, row.x0 - 3)
        previous = row
    return Document(lines=lines, title=title, source=name)


def _split_name_row(rows: list[Row], title_row: Row, big: float) -> tuple[list[Row], Row]:
    """"Sourabh Bajaj ........ Email: s@x.com" on one baseline: the big cells are the name, the
    rest a header line of its own (else the email becomes part of the name)."""
    name = [c for c in title_row.cells if max(w["size"] for w in c) >= big]
    rest = [c for c in title_row.cells if max(w["size"] for w in c) < big]
    if not name or not rest:
        return rows, title_row
    name_row = Row([w for c in name for w in c], title_row.page, name, side=title_row.side)
    rest_row = Row([w for c in rest for w in c], title_row.page, rest, list(title_row.links),
                   side=title_row.side)
    index = rows.index(title_row)
    return rows[:index] + [name_row, rest_row] + rows[index + 1:], name_row


def _title_rows(rows: list[Row], title_row: Row) -> list[Row]:
    """The name's rows: a name set big in a narrow sidebar wraps ("Maya" / "Okonkwo")."""
    found = [title_row]
    index = rows.index(title_row)
    for row in rows[index + 1:index + 3]:
        last = found[-1]
        if round(row.size, 1) == round(title_row.size, 1) and row.page == last.page and \
                row.top - last.bottom < 0.8 * row.size and len(row.words) <= 3:
            found.append(row)
        else:
            break
    return found


def _line(row: Row, body: float, heading_sizes: list[float], previous: Row | None) -> Line:
    text = row.text()
    cells = [_join_words(c) for c in row.cells]
    gap = previous is not None and (row.page != previous.page or
                                    row.top - previous.bottom > 0.9 * row.size)
    is_heading = round(row.size, 1) in heading_sizes and len(text.split()) <= 8 and len(cells) == 1
    if is_heading:
        level = 2 + heading_sizes.index(round(row.size, 1)) if heading_sizes else 2
        return Line(text, kind="heading", level=min(level, 3), style=row.style, links=row.links,
                    gap=True)
    body_text, bullet = strip_bullet(text)
    if bullet:
        cells = [strip_bullet(cells[0])[0], *cells[1:]] if cells else cells
        if len(cells) > 1 and (is_date_text(cells[-1]) or is_place(cells[-1])):
            bullet = False  # "• Google ...... Mountain View, CA": an entry's header set in a list
    return Line(body_text, kind="bullet" if bullet else "text", cells=cells if len(cells) > 1 else [],
                aligned=len(cells) > 1, style=row.style, links=list(row.links), gap=gap)


_OPEN_END = re.compile(r"([,;:/&(\u2013\u2014-]|\b(?:and|or|of|the|to|in|for|with|a|an|on|at|by))$")


def _continues(previous: Row, row: Row, line: Line, indent: tuple[float, float],
               rows: list[Row]) -> bool:
    """Is ``row`` the wrapped continuation of ``previous`` (the last row of ``line``)?

    Same font, same indent, close below, and the break was forced by the margin: the next row's
    first word would not have fit on the row above. A short row followed by a capitalised one is
    a list of items, not a wrapped paragraph, unless the row above ends open ("and", ",").
    """
    if line.kind == "heading" or len(row.cells) > 1 or len(previous.cells) > 1:
        return False
    if row.page != previous.page or strip_bullet(row.text())[1]:
        return False
    if row.body_style != previous.body_style or row.top - previous.bottom > 0.8 * row.size:
        return False
    start, least = indent  # a wrapped item's rows start under its text, right of its bullet
    if not least < row.x0 <= start + (0.6 * row.size if line.kind == "bullet" else 3):
        return False
    column = [r for r in rows if r.page == row.page and r.side == row.side and
              abs(r.x0 - previous.x0) < 20]
    margin = max(r.x1 for r in column)
    first = row.words[0]
    if previous.x1 + 0.4 * row.size + (first["x1"] - first["x0"]) <= margin:
        return False  # the next word would have fit: the line was broken on purpose
    width = margin - min(r.x0 for r in column)
    text = clean_text(row.text())
    starts_upper = text[:1].isupper() or text[:1].isdigit()
    if starts_upper and not _OPEN_END.search(clean_text(previous.text())):
        # inside a bullet a capital is often a name ("Kubernetes"): a fuller row above is enough
        return previous.x1 - start >= (0.6 if line.kind == "bullet" else 0.8) * width
    return True


def _append(line: Line, row: Row, previous: Row, hyphenates: bool) -> None:
    """Join a wrapped row to its line; a hyphen at the break is dropped when it was the maker's
    (a soft hyphen, or a maker that hyphenates), kept when it is the word's ("3-location")."""
    text = clean_text(row.text())
    soft = previous.words[-1]["text"].endswith("\u00ad")
    if line.text.endswith("-") and text[:1].islower() and not line.text.endswith(" -") and (
            soft or (hyphenates and not line.text[-2:-1].isdigit())):
        line.text = line.text[:-1] + text
    elif line.text.endswith("-") and not line.text.endswith(" -") and text[:1].isalnum():
        line.text += text  # the word's own hyphen: "hand-" + "written"
    else:
        line.text = f"{line.text} {text}"
    line.cells = [line.text]
    line.links += row.links
