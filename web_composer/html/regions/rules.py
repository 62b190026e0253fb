"""Rule lines the target draws and the render lacks: the 1 px lines between a table's rows, an
<hr> under a heading. Too thin to make a tile differ, they are looked for directly.

    edits = draw_rules(elements, target, render)

A rule is a run of at least MIN_RULE px along one row of pixels that is darker than the rows just
above and below it, of one colour. The target's rules that the render does not draw (no rule
within SLACK px of the same row over most of its length) are grouped by the innermost element
holding them, and that element gets them as background layers (a 1 px gradient each, at the
target's offsets inside the box): nothing moves, the element's own colour stays under them.
Where the element's children paint over its background, the check render sees no gain and
undoes the edit. A rule that would pass through a text the render draws there (the page has
drifted) is left out: the block metrics read a text's colour from its pixels and background, and
a line under it would change that. A rule in the lower half of a one-line text's box is that
text's underline, not a rule, and is left alone too: drawn as an underline it moved the block
metrics' estimate a little (the loop's guard then drops the whole revision, 3110), drawn as a
rule it would be a line that follows no text.
"""

from __future__ import annotations

import numpy as np

from .edits import Edit, set_style
from .probe import Element
from .surfaces import corners, hex_colour

MIN_RULE = 160  # px
STEP = 40  # sum of channel differences from the rows above and below
SLACK = 2  # px
MAX_RULES = 40  # per element
MAX_EDITS = 6
TEXT_CLEARANCE = 0  # px
INLINE = ("a", "span", "u", "label", "b", "strong", "em", "i")
UNDER = 16  # px an underline may stick out of its text's box

Rule = tuple[int, int, int, np.ndarray]  # y, x0, x1, colour


def find_rules(image: np.ndarray) -> list[Rule]:
    """The rules ``image`` draws (see the module docstring), top to bottom."""
    grey = image.astype(np.int16).sum(axis=2)
    if grey.shape[0] < 3:
        return []
    middle = grey[1:-1]
    line = (middle <= grey[:-2] - STEP) & (middle <= grey[2:] - STEP)
    rules = []
    for index in np.flatnonzero(line.sum(axis=1) >= MIN_RULE):
        row = np.concatenate([[False], line[index], [False]])
        edges = np.flatnonzero(np.diff(row.astype(np.int8)))
        for x0, x1 in zip(edges[::2], edges[1::2]):
            if x1 - x0 < MIN_RULE:
                continue
            pixels = image[index + 1, x0:x1].astype(np.int16)
            colour = np.median(pixels, axis=0)
            if (np.abs(pixels - colour).sum(axis=1) < 30).mean() >= 0.9:
                rules.append((int(index + 1), int(x0), int(x1), colour))
    return rules


def _drawn(rule: Rule, rules: list[Rule]) -> bool:
    y, x0, x1, _ = rule
    return any(abs(y - other[0]) <= SLACK and min(x1, other[2]) - max(x0, other[1]) >= 0.8 * (x1 - x0)
               for other in rules)


def _holder(rule: Rule, elements: list[Element]) -> Element | None:
    """The innermost element whose box holds the whole rule and may take a background."""
    y, x0, x1, _ = rule
    found = None
    for element in elements:
        if element.tag in ("img", "hr") or element.own_text:
            continue  # a text's background would sit under its own letters only
        bx0, by0, bx1, by1 = corners(element)
        if bx0 <= x0 + 1 and bx1 >= x1 - 1 and by0 <= y < by1:
            found = element  # later in document order = deeper
    if found is None or found.tag in ("html", "body") or found.has_image:
        return None
    return found


def _underlined(rule: Rule, elements: list[Element]) -> Element | None:
    """The text the rule underlines: one whose box holds the rule's length (a block's box may be
    wider than its words) in the lower half of its line."""
    y, x0, x1, _ = rule
    found = None
    for element in elements:
        if not element.own_text:
            continue
        bx0, by0, bx1, by1 = corners(element)
        if bx0 <= x0 + UNDER and bx1 >= x1 - UNDER and (by0 + by1) / 2 < y <= by1 + 2 and \
                by1 - by0 <= 40 and (element.tag in INLINE or x1 - x0 < 0.9 * (bx1 - bx0)):
            found = element  # later in document order = deeper (a rule as long as a block's
            #                  box is the block's border, not its words' underline)
    return found


def _framed(rule: Rule, frames: list[tuple[int, int, int, int]]) -> bool:
    """Whether the rule is the top or bottom side of a frame drawn in this revision."""
    y, x0, x1, _ = rule
    return any(fx0 - 2 * SLACK <= x0 and x1 <= fx1 + 2 * SLACK and
               min(abs(y - fy0), abs(y - fy1)) <= 2 * SLACK for fx0, fy0, fx1, fy1 in frames)


def _crosses_text(rule: Rule, elements: list[Element]) -> bool:
    """Whether the rule would pass within TEXT_CLEARANCE px of a text the render draws."""
    y, x0, x1, _ = rule
    for element in elements:
        if element.own_text:
            bx0, by0, bx1, by1 = corners(element)
            if bx0 < x1 and bx1 > x0 and by0 - TEXT_CLEARANCE <= y < by1 + TEXT_CLEARANCE:
                return True
    return False


def draw_rules(elements: list[Element], target: np.ndarray, render: np.ndarray,
               frames: list[tuple[int, int, int, int]] = ()) -> list[Edit]:
    """One edit per element that holds rules the target draws and the render lacks (less the
    sides of ``frames``, the boxes framed in this revision, and the underlines of texts)."""
    height = min(target.shape[0], render.shape[0])
    drawn = find_rules(render[:height])
    groups: dict[int, tuple[Element, list[Rule]]] = {}
    edits: list[Edit] = []
    for rule in find_rules(target[:height]):
        if _drawn(rule, drawn) or _framed(rule, frames):
            continue  # the render has it, or a frame of this revision draws it
        if _underlined(rule, elements) is not None:
            continue  # a text's underline: not a rule (see the module docstring)
        if _crosses_text(rule, elements):
            continue  # drawn under a text of the render it would change the colour its letters
            #           are read with (the block metrics' colour), for a line the page drifted off
        holder = _holder(rule, elements)
        if holder is not None:
            groups.setdefault(id(holder.node), (holder, []))[1].append(rule)
    for holder, rules in list(groups.values())[:MAX_EDITS]:
        rules = rules[:MAX_RULES]
        bx0, by0, bx1, by1 = corners(holder)
        images = ", ".join(f"linear-gradient({hex_colour(c)}, {hex_colour(c)})" for *_, c in rules)
        sizes = ", ".join(f"{x1 - x0}px 1px" for _, x0, x1, _ in rules)
        places = ", ".join(f"{x0 - bx0}px {y - by0}px" for y, x0, _, _ in rules)
        edit = set_style(holder.node, {"background-image": images, "background-size": sizes,
                                       "background-position": places,
                                       "background-repeat": "no-repeat"}, name="rules",
                         why=(f"the target draws {len(rules)} rule line(s) across this box that "
                              "the render lacks"))
        edit.area = (min(r[1] for r in rules), max(0, min(r[0] for r in rules) - SLACK),
                     max(r[2] for r in rules), max(r[0] for r in rules) + SLACK + 1)
        edits.append(edit)
    return edits
