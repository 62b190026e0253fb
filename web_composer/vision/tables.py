"""Tables: three or more rows of text cells whose columns line up, one under the other.

    mark_tables(root)   rows -> role "tr" (a filled bar holding a row: the bar is the row),
                        their texts -> "th" (a bold or filled first row) or "td"

A row of short texts alone looks like a menu (blocks._row_role calls it a nav); what tells a
table is the rows under it: the same number of cells, each starting (or, for numbers, ending)
where the cell above it does. Runs of fewer than three such rows are left alone.

Where the columns stand close, the reading may run two cells into one ("San Francisco 66") in
some rows and not in others, so rows of one table can have different numbers of cells. Such a
run is a table too when the rows start at one left edge, at least three column lines are shared
by half the rows, and every cell starts on a column line of more than one row.
"""

from __future__ import annotations

from .elements import Node, walk

ALIGN = 8.0  # px: cells of one column start (or end) this close to each other


def mark_tables(root: Node) -> None:
    for node in walk(root):
        if node.kind not in ("page", "stack", "panel"):
            continue
        kids = node.children
        i = 0
        while i < len(kids):
            first = _cells(kids[i])
            j = i + 1
            while first and j < len(kids) and _matches(first, _cells(kids[j])):
                j += 1
            if j - i < 3:
                j = _on_column_lines(kids, i)
            if j - i >= 3:
                _mark(kids[i:j])
                i = j
            else:
                i += 1


def _row_of(node: Node) -> Node | None:
    """The row of cells: the node itself, or the one row a filled bar holds."""
    if node.kind == "row":
        return node
    if node.kind == "panel" and len(node.children) == 1:
        inner = node.children[0]
        if inner.kind == "stack" and len(inner.children) == 1:
            inner = inner.children[0]
        return inner if inner.kind == "row" else None
    return None


def _cells(node: Node) -> list[Node] | None:
    row = _row_of(node)
    if row is None or len(row.children) < 2:
        return None
    if any(c.kind != "text" or len(c.lines) != 1 for c in row.children):
        return None
    return row.children


def _matches(first: list[Node], other: list[Node] | None) -> bool:
    if other is None or len(other) != len(first):
        return False
    return all(abs(a.box.x0 - b.box.x0) <= ALIGN or abs(a.box.x1 - b.box.x1) <= ALIGN
               for a, b in zip(first, other))


MIN_COLUMNS = 3
SHARED = 0.5  # share of the rows a column line must be found in


def _on_column_lines(kids: list[Node], i: int) -> int:
    """The end of the longest run from ``kids[i]`` whose rows' cells all start on shared column
    lines (``i + 1`` when there is none of three rows)."""
    rows: list[list[Node]] = []
    j = i
    while j < len(kids):
        cells = _cells(kids[j])
        if cells is None or rows and abs(cells[0].box.x0 - rows[0][0].box.x0) > ALIGN:
            break
        rows.append(cells)
        j += 1
    while len(rows) >= 3:
        if _share_columns(rows):
            return i + len(rows)
        rows.pop()
    return i + 1


def _share_columns(rows: list[list[Node]]) -> bool:
    starts = sorted(c.box.x0 for row in rows for c in row)
    lines: list[list[float]] = []
    for x in starts:
        if lines and x - lines[-1][-1] <= ALIGN:
            lines[-1].append(x)
        else:
            lines.append([x])
    if sum(len(group) >= SHARED * len(rows) for group in lines) < MIN_COLUMNS:
        return False
    seen = [(group[0], group[-1]) for group in lines if len(group) >= 2]  # not one row's own
    return all(any(a - ALIGN / 2 <= c.box.x0 <= b + ALIGN / 2 for a, b in seen)
               for row in rows for c in row)


def _mark(rows: list[Node]) -> None:
    head = rows[0].kind == "panel" and rows[1].kind != "panel" or (
        all(c.lines[0].font.weight >= 600 for c in _cells(rows[0]) or [])
        and not all(c.lines[0].font.weight >= 600 for c in _cells(rows[1]) or []))
    for k, node in enumerate(rows):
        node.role = "tr"
        row = _row_of(node)
        assert row is not None
        if row is not node:
            row.role = ""
        for cell in row.children:
            cell.role = "th" if head and k == 0 else "td"
