"""Tables whose rows drift: the rows' pitch re-fitted to where the target draws them, once.

    edits = refit_rows(soup, elements, target, render, drifts)

A data table drawn with each row a few px shorter or taller than the target's puts its last row
tens of px off, and every row below the first few is then compared with the target's row beside
it: the whole table differs, and no region is any one element. What the rows should be is read
from the target: the matched texts of each row say how much lower the target draws that row
(``drifts``), so the target's row tops are known; the table's horizontal rule lines, when the
target draws them (a dark 1 px line across the table at each row's top), are read from its
pixels. The rows' own heights are kept (a row of three lines stays three lines); what changes is
the space between them, written once for all rows in one rule on the table:

    .wc-rows-1 > * {margin-bottom: 0 !important; padding-top: 3px; padding-bottom: 4px;
                    border-top: 1px solid #c8c8c8}
    .wc-rows-1 > * + * {margin-top: 0 !important}

(the first row keeps its own top margin, so the table starts where it did). Nothing is
positioned; rows drawn as real table rows (whose padding the table layout ignores) are left to
the check render, which undoes an edit that does not bring the table closer to the target.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .edits import Edit, selector_of
from .probe import Element
from .surfaces import corners, hex_colour

MIN_ROWS = 6
KNOWN = 0.6  # share of the rows whose matched texts must say where the target draws them
MAX_ROW = 160  # px: a taller child is a section, not a table row
CELL_GAP = 40  # px between the left edges of two texts of one row for them to be two cells
MIN_GAIN = 1.0  # px the rows' mean distance from the target's must shrink by
RULED = 0.6  # share of the row tops at which the target must draw a rule line
CLASS = "wc-rows"

Drift = tuple[float, float, float, float, float]


def _parents(elements: list[Element]) -> dict[int, list[Element]]:
    """The visible children of each visible element (by its nearest visible ancestor: a
    ``display: contents`` wrapper between them is not drawn, so it is not probed)."""
    probed = {id(e.node): e for e in elements}
    children: dict[int, list[Element]] = {}
    for element in elements:
        for parent in element.node.parents:
            if id(parent) in probed:
                children.setdefault(id(parent), []).append(element)
                break
    return children


def _cells(row: Element, children: dict[int, list[Element]]) -> int:
    """How many texts side by side the row draws (distinct left edges CELL_GAP px apart)."""
    lefts, todo = [], [row]
    while todo:  # the row and its visible descendants
        element = todo.pop()
        if element.own_text:
            lefts.append(element.box[0])
        todo.extend(children.get(id(element.node), []))
    count, last = 0, -1e9
    for left in sorted(lefts):
        if left - last >= CELL_GAP:
            count, last = count + 1, left
    return count


def table_rows(elements: list[Element]) -> list[tuple[Element, list[Element]]]:
    """(container, rows) for each element whose visible children are MIN_ROWS or more rows of
    side-by-side texts stacked one under the other (a data table, however it is drawn)."""
    children = _parents(elements)
    found = []
    for element in elements:
        rows = children.get(id(element.node), [])
        if len(rows) < MIN_ROWS or element.tag in ("html", "body"):
            continue
        stacked = all(b.box[1] >= a.box[1] + a.box[3] - 1 for a, b in zip(rows, rows[1:]))
        if not stacked or max(r.box[3] for r in rows) > MAX_ROW:
            continue
        if sum(_cells(r, children) >= 2 for r in rows) < 0.7 * len(rows):
            continue
        found.append((element, rows))
    return found


def _row_drift(row: Element, drifts: list[Drift]) -> float | None:
    x0, y0, x1, y1 = corners(row)
    inside = [d[4] for d in drifts if x0 <= (d[0] + d[2]) / 2 <= x1 and y0 <= (d[1] + d[3]) / 2 <= y1]
    return float(np.median(inside)) if inside else None


def rule_lines(target: np.ndarray, box: tuple[int, int, int, int]) -> list[tuple[int, np.ndarray]]:
    """The rows of pixels inside ``box`` where the target draws a horizontal rule: a line darker
    than the rows just above and below it along most of the box's width, of one colour. Returns
    (y, colour) for the first row of each such line."""
    x0, y0, x1, y1 = box
    y0, y1 = max(1, y0), min(target.shape[0] - 1, y1)
    if x1 - x0 < 60 or y1 <= y0:
        return []
    strip = target[y0 - 1:y1 + 1, x0 + 4:x1 - 4].astype(np.int16)
    grey = strip.sum(axis=2)
    darker = (grey[1:-1] < grey[:-2] - 60) & (grey[1:-1] < grey[2:] - 60)  # a 1 px line
    thick = (grey[1:-1] < grey[:-2] - 60)  # the first row of a thicker line
    lines = []
    for index in range(grey.shape[0] - 2):
        along = darker[index] if darker[index].mean() >= 0.8 else thick[index]
        if along.mean() < 0.8:
            continue
        colours = strip[index + 1][along]
        colour = np.median(colours, axis=0)
        if (np.abs(colours - colour).sum(axis=1) < 30).mean() < 0.9:
            continue
        if lines and y0 + index - lines[-1][0] <= 2:
            continue
        lines.append((y0 + index, colour))
    return lines


def refit_rows(soup: Any, elements: list[Element], target: np.ndarray, render: np.ndarray,
               drifts: list[Drift] | None, *, width: int) -> list[Edit]:
    """One edit per drifting table (see the module docstring)."""
    edits: list[Edit] = []
    for number, (table, rows) in enumerate(table_rows(elements), start=1):
        if CLASS in " ".join(table.node.get("class") or []):
            continue  # refitted before: its rows follow the target's already
        tops = [r.box[1] for r in rows]
        heights = [r.box[3] for r in rows]
        known = [_row_drift(r, drifts or []) for r in rows]
        if sum(k is not None for k in known) < KNOWN * len(rows):
            continue
        wanted = [top + k if k is not None else None for top, k in zip(tops, known)]
        # the space the target leaves per row besides the row's own height
        spaces = [b - a - h for a, b, h in zip(wanted, wanted[1:], heights)
                  if a is not None and b is not None]
        if len(spaces) < MIN_ROWS - 1:
            continue
        space = max(0.0, float(np.median(spaces)))
        placed = tops[0] + np.concatenate([[0.0], np.cumsum(np.array(heights[:-1]) + space)])
        offsets = [w - p for w, p in zip(wanted, placed) if w is not None]
        above = float(np.clip(np.median(offsets), 0.0, space))
        # medians: a text matched to the wrong row of a table of similar rows is far off
        before = float(np.median([abs(k) for k in known if k is not None]))
        after = float(np.median([abs(w - p - above) for w, p in zip(wanted, placed) if w is not None]))
        if after > before - MIN_GAIN:
            continue
        x0, y0, x1, y1 = corners(table)
        ruled = rule_lines(target, (x0, y0, x1, y1 + round(max(known, key=lambda k: k or 0) or 0)))
        values = {"margin-top": "0 !important", "margin-bottom": "0 !important"}
        rule = ""
        line_ys = [y for y, _ in ruled]
        hits = sum(any(abs(y - w) <= 6 for y in line_ys) for w in wanted if w is not None)
        if ruled and hits >= RULED * sum(w is not None for w in wanted) and space >= 1:
            colour = np.median([c for _, c in ruled], axis=0)
            rule = f"1px solid {hex_colour(colour)}"
            space -= 1
            above = max(0.0, above - 1)
        values["padding-top"] = f"{round(above, 1):g}px"
        values["padding-bottom"] = f"{round(max(0.0, space - above), 1):g}px"
        if rule:
            values["border-top"] = rule
        name = f"{CLASS}-{number}"
        edits.append(_add_rule(soup, table.node, name, values,
                               why=(f"the {len(rows)} rows of this table are {before:.0f} px from "
                                    f"where the target draws them (median); with "
                                    f"{space + (1 if rule else 0):.1f} px between rows "
                                    f"{after:.0f} px" + ("; the target rules them" if rule else ""))))
        edits[-1].area = (0, round(tops[0]), width, target.shape[0])
    return edits


def _add_rule(soup: Any, table: Any, name: str, values: dict[str, str], *, why: str) -> Edit:
    """Give ``table`` the class ``name`` and its rows one rule in a <style> of the page's head;
    the first row keeps its own top margin, so the table starts where it did. The edit can be
    undone."""
    own = {k: v for k, v in values.items() if k != "margin-top"}
    declarations = "; ".join(f"{k}: {v}" for k, v in own.items())
    css = (f".{name} > * {{{declarations}}}\n"
           f".{name} > * + * {{margin-top: {values['margin-top']}}}\n"
           f".{name} {{row-gap: 0 !important}}\n")
    style = soup.new_tag("style")
    style.string = css
    (soup.head or soup).append(style)
    old = table.get("class")
    table["class"] = list(old or []) + [name]

    def undo() -> None:
        style.decompose()
        if old is None:
            del table["class"]
        else:
            table["class"] = old

    return Edit("rows", selector_of(table), "(each row as drawn)", css.strip(), why, undo=undo)
