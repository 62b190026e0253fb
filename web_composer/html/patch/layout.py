"""Layout fixes from matched blocks: font sizes and line heights, vertical gaps, left offsets.

All three read reliable pairs (geometry.reliable) in CSS px and return fixes (fixes.Fix) for the
fix store (styles.set_fix), which applies them only on the scored width's side of the engines'
breakpoint. They read the page as it was rendered: no fix is made before all are gathered.

- Font size: a one-line block of at least MIN_FONT_TEXT letters whose text is drawn wider or
  narrower than the target's by more than FONT_TOLERANCE (and MIN_FONT_CHANGE px), and taller or
  shorter by about as much, gets its font size, and a px line height, scaled by the width ratio;
  a ratio outside FONT_RANGE, or a height that does not follow the width, is taken for another
  wrap, font or grouping, not a size error. A block of MIN_PITCH_LINES or more lines, as
  many as the target's, whose line pitch differs gets the target's pitch as its line height.
- Gaps: what is wrong with a block's vertical place is the change of drift (target y - candidate
  y) from the block just above it, less what the fixes above already move. That correction goes
  to the outermost element that starts between the two blocks (the child of their common
  ancestor on the way to the block), as a change of its margin-top, if the blocks inside that
  element want the same move (else to the next element in); blocks entering the same element
  agree by their median, and what is left goes one element deeper. A block alone out of place
  (the block below it sits where it belongs) is taken for a measuring error. A margin never goes
  below zero.
- Offsets: top down through the page, each element takes the horizontal error most of its
  blocks share, less what moves around it already carry (its ancestors' and, in a row, the
  earlier items'), as a change of its margin-left; an element that cannot move (auto margins,
  centred text, no room, an inline box inside a line of text) leaves the move to the elements
  inside it. Only blocks whose texts start alike count: a list marker read into one text, or a
  first glyph missed, moves its left edge.
"""

from __future__ import annotations

import statistics
from typing import Any

from .fixes import Fix
from .geometry import Pair, above
from .locate import Located
from .styles import Styles, px

FONT_TOLERANCE = 0.05
FONT_RANGE = (0.8, 1.25)
MIN_FONT_WIDTH = 24.0  # px of text: narrower blocks give a noisy width ratio
MIN_INK_HEIGHT = 10.0  # px: smaller ink boxes cannot tell a size from a font
FONT_AGREE = 0.1  # the height ratio must agree with the width ratio this closely
MIN_FONT_CHANGE = 5.0  # px of width difference, the least worth a font change
MIN_FONT_TEXT = 8  # letters and digits: a shorter text's width says little about its size
MIN_PITCH_LINES = 3  # lines: the pitch of two OCR lines is too rough
MIN_PITCH_CHANGE = 1.5  # px
GAP_TOLERANCE = 8.0  # px: smaller drifts are within what OCR boxes can tell
MAX_SHIFT = 240.0  # px: a larger jump is taken for a wrong match, not a wrong gap
OFFSET_TOLERANCE = 12.0  # px: the left edge of the ink depends on the first glyph
OFFSET_AGREE = 4.0  # px: blocks within this of the shared x error agree with it
AGREE_SHARE = 0.6  # the share of an element's blocks that must agree before it moves
MAX_OFFSET = 160.0


def _label(text: str) -> str:
    return repr(text[:40])


def fix_fonts(pairs: list[Pair], located: list[Located | None], styles: Styles,
              fixes: list[Fix]) -> dict[int, float]:
    """Font sizes and line heights; returns the expected height change per fixed element id."""
    shifts: dict[int, float] = {}
    for pair in pairs:
        where = located[pair.cand_index]
        element = where.single if where else None
        if element is None or pair.similarity < 0.9:
            continue
        cand, ref = pair.cand, pair.ref
        fix = None
        if len(cand.lines) == len(ref.lines) == 1:
            fix = _font_change(pair, element, styles)
        elif len(cand.lines) == len(ref.lines) >= MIN_PITCH_LINES:
            fix = _pitch_change(pair, element, styles)
        if fix is not None:
            shifts[id(element)] = fix[1]
            fixes.append(fix[0])
    return shifts


def _font_change(pair: Pair, element: Any, styles: Styles) -> tuple[Fix, float] | None:
    cand, ref = pair.cand, pair.ref
    if (cand.width < MIN_FONT_WIDTH or min(cand.height, ref.height) < MIN_INK_HEIGHT
            or sum(ch.isalnum() for ch in cand.text) < MIN_FONT_TEXT):
        return None  # glyphs this small, or this few, give no trustworthy width
    ratio = ref.width / cand.width
    if abs(ratio - 1) <= FONT_TOLERANCE or abs(ref.width - cand.width) < MIN_FONT_CHANGE:
        return None  # within what measuring glyph pixels can tell
    if not FONT_RANGE[0] <= ratio <= FONT_RANGE[1]:
        return None  # not the same text at another size: another wrap, font or grouping
    tall = ref.height / cand.height
    if (ratio - 1) * (tall - 1) <= 0 or abs(tall - ratio) > FONT_AGREE:
        return None  # wider but not taller (or the reverse): another font, not another size
    size = styles.font_size(element)
    if not size:
        return None
    new = round(size * ratio * 2) / 2
    if new == size:
        return None
    fix = Fix("font", f"{_label(cand.text)} {size:g}px -> {new:g}px", abs(ref.width - cand.width),
              [(element, "fs", px(new))])
    line = styles.line_height(element)
    if line:
        new_line = round(line * new / size)
        fix.values.append((element, "lh", px(new_line)))
        return fix, new_line - line
    return fix, (new - size) * 1.15


def _pitch_change(pair: Pair, element: Any, styles: Styles) -> tuple[Fix, float] | None:
    cand_pitch, ref_pitch = pair.cand.pitch, pair.ref.pitch
    if not cand_pitch or not ref_pitch or abs(ref_pitch - cand_pitch) < MIN_PITCH_CHANGE:
        return None
    if not 0.75 <= ref_pitch / cand_pitch <= 1.35:
        return None
    current = styles.line_height(element) or cand_pitch
    new = round(current * ref_pitch / cand_pitch * 2) / 2
    if abs(new - current) < 0.5:
        return None
    lines = len(pair.cand.lines)
    fix = Fix("line", f"{_label(pair.cand.text)} {current:g}px -> {new:g}px",
              abs(new - current) * lines, [(element, "lh", px(new))])
    return fix, (new - current) * lines


def _ancestors(element: Any) -> list[Any]:
    """The element and its ancestors up to <body> (excluded), nearest first."""
    out = []
    node = element
    while node is not None and node.name not in (None, "[document]", "body", "html"):
        out.append(node)
        node = node.parent
    return out


def path_below_common(first: Any | None, element: Any) -> list[Any]:
    """From the child of the common ancestor of ``first`` and ``element`` down to ``element``
    (the whole chain under <body> when ``first`` is None)."""
    chain = _ancestors(element)
    if first is not None:
        theirs = {id(node) for node in _ancestors(first)}
        cut = next((k for k, node in enumerate(chain) if id(node) in theirs), len(chain))
        chain = chain[:cut]
    return list(reversed(chain))


def fix_gaps(pairs: list[Pair], located: list[Located | None], styles: Styles,
             shifts: dict[int, float], fixes: list[Fix]) -> None:
    uppers = {id(pair): above(pair, pairs) for pair in pairs}
    entries: list[tuple[Pair, float, list[Any]]] = []
    for pair in pairs:
        where = located[pair.cand_index]
        upper = _steady_upper(pair, uppers)
        if upper is None:
            delta, path = pair.dy, path_below_common(None, where.first)
        else:
            upper_at = located[upper.cand_index]
            if pair.ref.y0 < upper.ref.y1 - 2:
                continue  # the target has them in another order: not a gap to fix
            delta = pair.dy - upper.dy - shifts.get(id(upper_at.first), 0.0)
            path = path_below_common(upper_at.first, where.first)
        if abs(delta) < GAP_TOLERANCE or abs(delta) > MAX_SHIFT:
            continue
        base = pair.dy - delta
        if any(uppers[id(lower)] is pair and abs(lower.dy - base) < GAP_TOLERANCE
               for lower in pairs):
            continue  # the block below is where it belongs: this one is measured wrong, alone
        path = [node for node in path if styles.takes_vertical_margin(node)
                and isinstance(styles.margin(node, "top"), float)]
        if path:
            entries.append((pair, delta, path))
    inside = _containment(pairs, located)
    decided: dict[int, float] = {}
    pending = entries
    while pending:
        groups: dict[int, tuple[Any, list[tuple[float, Any]]]] = {}
        for entry in pending:
            pair, residual, path = entry
            for node in path:
                if id(node) not in decided:
                    groups.setdefault(id(node), (node, []))[1].append((residual, entry))
                    break
                residual -= decided[id(node)]
        if not groups:
            break
        pending = []
        for key, (node, members) in groups.items():
            wanted = statistics.median(r for r, _ in members)
            base = statistics.median(entry[0].dy - r for r, entry in members)
            moved = [p.dy - base for p in inside.get(key, [])]
            agree = not moved or abs(statistics.median(moved) - wanted) <= max(
                GAP_TOLERANCE, 0.25 * abs(wanted))
            # an element moves only when the blocks inside it want the move too; else the
            # move belongs to an element further in
            decided[key] = (_move_top(node, wanted, styles, fixes, members[0][1][0])
                            if agree else 0.0)
            for residual, entry in members:
                if abs(residual - decided[key]) >= GAP_TOLERANCE:
                    pending.append(entry)


def _steady_upper(pair: Pair, uppers: dict[int, Pair | None]) -> Pair | None:
    """The block above, or the one above that when the block above is alone out of place (its
    drift differs from both its neighbours', which agree)."""
    upper = uppers[id(pair)]
    if upper is None:
        return None
    second = uppers[id(upper)]
    if (second is not None and abs(pair.dy - second.dy) < GAP_TOLERANCE
            and abs(upper.dy - second.dy) >= GAP_TOLERANCE):
        return second
    return upper


def _containment(pairs: list[Pair], located: list[Located | None]) -> dict[int, list[Pair]]:
    """For each element (by id), the pairs whose located element is it or inside it."""
    out: dict[int, list[Pair]] = {}
    for pair in pairs:
        node = located[pair.cand_index].first
        while node is not None and node.name not in (None, "[document]"):
            out.setdefault(id(node), []).append(pair)
            node = node.parent
    return out


def _move_top(node: Any, wanted: float, styles: Styles, fixes: list[Fix], pair: Pair) -> float:
    if abs(wanted) < GAP_TOLERANCE:
        return 0.0
    current = styles.margin(node, "top")
    assert isinstance(current, float)
    step = max(wanted, -current)  # a margin never goes below zero
    if abs(step) < GAP_TOLERANCE:
        return 0.0
    fixes.append(Fix("gap", f"{step:+.0f}px before {_label(pair.cand.text)}", abs(step),
                     [(node, "mt", px(current + step))]))
    return step


def fix_offsets(pairs: list[Pair], located: list[Located | None], styles: Styles,
                fixes: list[Fix]) -> None:
    pairs = [pair for pair in pairs if pair.same_start]
    inside = _containment(pairs, located)
    if pairs:
        root = located[pairs[0].cand_index].first.find_parent("body")
        if root is not None:
            _offset_walk(root, 0.0, inside, styles, fixes)


def _offset_walk(element: Any, moved: float, inside: dict[int, list[Pair]], styles: Styles,
                 fixes: list[Fix]) -> None:
    """Top down: each element holding blocks takes the x error its blocks share, less what the
    moves around it already carry (its ancestors', and in a row the earlier items')."""
    row = styles.is_row(element)
    carried = 0.0
    for child in element.find_all(True, recursive=False):
        blocks = inside.get(id(child))
        if not blocks:
            continue
        here = moved + carried
        shared = statistics.median(pair.dx for pair in blocks)
        need = shared - here
        step = 0.0
        if abs(need) >= OFFSET_TOLERANCE and _agree(blocks, shared):
            step = _move_left(child, need, styles, fixes, blocks[0])
        _offset_walk(child, here + step, inside, styles, fixes)
        if row:
            carried += step


def _agree(blocks: list[Pair], shared: float) -> bool:
    """Do most of the blocks need the same horizontal move?"""
    close = sum(abs(pair.dx - shared) <= OFFSET_AGREE for pair in blocks)
    return close >= AGREE_SHARE * len(blocks)


def _move_left(element: Any, need: float, styles: Styles, fixes: list[Fix], pair: Pair) -> float:
    if not styles.takes_vertical_margin(element):
        return 0.0  # a link or a span inside a line of text: its margin would push the line
    current = styles.margin(element, "left")
    if (not isinstance(current, float) or current + need < 0 or abs(need) > MAX_OFFSET
            or styles.text_align(element) not in ("left", "start")):
        return 0.0  # an auto margin, centred text, or no room: the move goes further in
    fixes.append(Fix("offset", f"{need:+.0f}px on {_label(pair.cand.text)}", abs(need),
                     [(element, "ml", px(current + need))]))
    return need
