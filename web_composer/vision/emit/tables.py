"""Tables in the page plan: runs of "tr" rows (vision/tables.py) -> <table><tbody><tr><td>.

    group_tables(elements)    consecutive <tr> siblings -> one <table> (a lone one goes back)
    row_from_bar(panel, x1)   a filled bar holding one row of cells -> that row, as a <tr>

The table keeps the flow layout of the rows it replaces: the <table> and <tbody> are flex
columns and each <tr> a flex row (a real table layout would size the columns itself and shift
cells by a few pixels). Each cell but the last is as wide as the distance to the next cell's
start, so a cell set a little wider or narrower than the screenshot's does not push the rest of
its row along. The markup is a valid table, so the browser's parser keeps it as written.
"""

from __future__ import annotations

from ..elements import walk
from .model import Element, px, px_of


def _length(value: str | None) -> float | None:
    """A length that is not set is 0."""
    return px_of(value or "0px")


def row_from_bar(panel: Element, right_edge: float) -> Element:
    """The bar becomes the <tr>: its cells move up a level and take the inner row's offsets."""
    row = panel.children[0] if len(panel.children) == 1 else None
    if row is None or row.kind != "row":
        return _undone(panel)
    top, left = _length(row.geom.get("margin-top")), _length(row.geom.get("margin-left"))
    if top is None or left is None:  # a centred row: its cells' offsets are not fixed
        return _undone(panel)
    panel.tag, panel.kind, panel.children = "tr", "row", row.children
    last = row.children[-1]
    if last.geom.get("margin-left") == "auto" and last.box:
        # the last cell was pushed to the inner row's right end: keep that end
        border = _length(panel.look.get("border", "0px").split(" ")[0]) or 0
        right = right_edge - border - last.box[2]
        if right >= 0.5:
            panel.geom["padding-right"] = px(right)
    for k, cell in enumerate(panel.children):
        shift = top + (_length(cell.geom.get("margin-top")) or 0)
        if shift:
            cell.geom["margin-top"] = px(shift)
        if k == 0 and left:
            cell.geom["margin-left"] = px(left + (_length(cell.geom.get("margin-left")) or 0))
    return panel


def _undone(el: Element) -> Element:
    """Not a row after all: plain boxes and paragraphs again."""
    for part in walk(el):
        if part.tag == "tr":
            part.tag = "div"
        elif part.tag in ("td", "th"):
            part.tag = "p"
    return el


def group_tables(elements: list[Element]) -> list[Element]:
    out: list[Element] = []
    run: list[Element] = []
    for el in elements + [Element("end", "end")]:
        if el.tag == "tr":
            run.append(el)
            continue
        if len(run) >= 2:
            for row in run:
                _column_widths(row)
            body = Element("tbody", "stack", "table", children=run)
            table = Element("table", "stack", "table", children=[body])
            if "margin-top" in run[0].geom:
                table.geom["margin-top"] = run[0].geom.pop("margin-top")
            out.append(table)
        else:
            out.extend(_undone(r) for r in run)
        run = []
        if el.tag != "end":
            out.append(el)
    return out


def _column_widths(row: Element) -> None:
    """Each cell as wide as the step to the next one's start; the next one starts right there."""
    cells = row.children
    for cell, following in zip(cells, cells[1:]):
        if cell.box is None or following.box is None or "width" in cell.geom:
            return
        step = following.box[0] - cell.box[0]
        if step <= 0:
            return
    for cell, following in zip(cells, cells[1:]):
        cell.geom["width"] = px(following.box[0] - cell.box[0])
        following.geom.pop("margin-left", None)
