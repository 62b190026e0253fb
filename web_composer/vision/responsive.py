"""One responsive page from screenshots of the same page at several widths.

The widest screenshot gives the page its DOM. Each narrower one is analysed on its own, and its
elements are matched to the wide page's:

- texts by their words (responsive_match.py): first whole elements whose texts are alike, in any
  order, then the rest word by word, so a paragraph the wide screenshot read as one block and the
  narrow one as two (or the other way) still finds its place;
- pictures in order, when their shapes agree.

Every matched wide element gets the narrow element's layout at that width (``Element.media``:
grid row and columns, the gap above it, font size, line height, alignment: responsive_rows.py;
emit/media.py writes it as one rule per width); containers step aside (``display: contents``); what the
narrow screenshot does not show is hidden there, and what only it shows is added to the page and
shown at that width alone. Where the narrow screenshot reads a matched text more fully (a line
or a word the wide reading missed), that width shows the narrow reading instead
(responsive_words.py). Texts the matching put in one place are set one under the other
(responsive_apart.py). The narrow screenshot's panels (cards, bars, borders) are drawn
behind its rows from its own analysis (responsive_panels.py), since the wide containers that
carried those looks step aside.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from .emit.model import Breakpoint, Element, Plan
from .responsive_apart import set_apart
from .responsive_match import match_texts, plain_text, words_of
from .responsive_panels import is_drawn_empty, narrow_panels, span_rows
from .responsive_rows import Slot, lines_of, placement, write_slots
from .responsive_words import groups_of, pictured_texts, richer_readings



def merge_breakpoints(plan: Plan, narrower: list[Any]) -> list[str]:
    """Add a breakpoint to ``plan`` for every narrower analysis (widest first)."""
    warnings: list[str] = []
    previous = plan.width
    for analysis in narrower:
        if analysis.width >= previous:
            warnings.append(f"two screenshots are {analysis.width} px wide; the second was ignored")
            continue
        narrow = analysis.plan
        point = Breakpoint(analysis.width, max(analysis.width, (analysis.width + previous) // 2),
                           height=analysis.height, background=_background(narrow))
        if plan.breakpoints:
            plan.breakpoints[-1].low = point.limit + 1
        shared = _apply(plan, narrow, point.width)
        plan.root.media[point.width] = {"grid": "1"}
        if shared < 0.3:
            warnings.append(f"the {analysis.width} px screenshot shares little text with the "
                            f"{plan.width} px one; is it the same page?")
        plan.breakpoints.append(point)
        previous = analysis.width
    return warnings


def _background(plan: Plan) -> str:
    from .emit.model import hex_colour

    return plan.root.look.get("background") or hex_colour(plan.background)


# --- the elements of a plan ------------------------------------------------------------------

def _leaves(root: Element) -> list[Element]:
    """Elements placed as a whole (texts, pictures, rules, empty panels), in document order."""
    out: list[Element] = []
    stack = list(reversed(root.children))
    while stack:
        el = stack.pop()
        if el.parts is not None or not el.children:
            out.append(el)
        else:
            stack.extend(reversed(el.children))
    return out


def _containers(root: Element) -> list[Element]:
    out, stack = [], list(root.children)
    while stack:
        el = stack.pop()
        if el.parts is None and el.children:
            out.append(el)
            stack.extend(el.children)
    return out


def _is_text(el: Element) -> bool:
    return bool(words_of(el))


def _is_picture(el: Element) -> bool:
    return el.tag == "img" and el.box is not None


# --- matching --------------------------------------------------------------------------------

def _visuals(root: Element, skip: set[int]) -> list[Element]:
    """Pictures, rules and small panels (a placeholder, a button, a badge: at most two texts),
    in document order: matched between widths by order and shape."""
    out, stack = [], list(reversed(root.children))
    while stack:
        el = stack.pop()
        if id(el) in skip or el.box is None:
            continue
        small_panel = el.kind == "panel" and len([t for t in _leaves(el) if _is_text(t)]) <= 2
        if el.tag == "img" or el.name == "rule" or (small_panel and el.tag != "input"):
            out.append(el)
        elif el.parts is None:
            stack.extend(reversed(el.children))
    return out


def _place_whole(el: Element, box: tuple, slots: list[Slot], whole: set[int],
                 width: int) -> list[Slot]:
    """Place ``el`` as one block at ``box``: what is inside it keeps the wide layout, with
    the narrow font sizes where its texts had a place of their own."""
    inner = _inside(el, width)
    out = []
    for slot in slots:
        if id(slot.el) in inner:
            slot.el.media[width] = {"in": "1", **{k: v for k, v in placement(
                slot, 0, 0, width).items() if k in ("fs", "lh")}}
        else:
            out.append(slot)
    whole |= inner | {id(el)}
    out.append(Slot(el, box, None))
    return out


def _inside(el: Element, width: int) -> set[int]:
    """Mark all that ``el`` holds as placed inside it at ``width`` (its wide margins and widths
    give way, so a button 800 px from the left edge of a wide banner stays inside the narrow
    one); returns their ids. Texts that had a place of their own add their font size later."""
    members = _leaves(el) + _containers(el)
    for x in members:
        x.media[width] = {"in": "1"}
    return {id(x) for x in members}


def _match_pictures(wide: list[Element], narrow: list[Element]) -> dict[int, int]:
    """Pictures in document order whose shapes agree (aspect ratios within 30%)."""
    out: dict[int, int] = {}
    start = 0
    for i, el in enumerate(wide):
        for j in range(start, min(len(narrow), start + 3)):
            if (el.name == "rule") != (narrow[j].name == "rule"):
                continue
            if el.name == "rule" or abs(_aspect(el) / _aspect(narrow[j]) - 1) <= 0.3:
                out[i], start = j, j + 1
                break
    return out


def _aspect(el: Element) -> float:
    x0, y0, x1, y1 = el.box or (0, 0, 1, 1)
    return max(1.0, x1 - x0) / max(1.0, y1 - y0)


# --- placing ---------------------------------------------------------------------------------

def _apply(plan: Plan, narrow_plan: Plan, width: int) -> float:
    """Write ``width``'s layout into ``plan``'s elements; returns the share of wide text
    elements found at that width."""
    wide, narrow = _leaves(plan.root), _leaves(narrow_plan.root)
    texts_w = [el for el in wide if _is_text(el)]
    texts_n = [el for el in narrow if _is_text(el)]
    takes, shares = match_texts(texts_w, texts_n)
    slots: list[Slot] = []
    for i, js in list(takes.items()):
        js = takes[i] = _together([j for j in js if texts_n[j].box], texts_n)
        boxes = [texts_n[j].box for j in js]
        if boxes:
            pieces = [texts_n[j] for j in js]
            source = max(pieces, key=lambda p: len(words_of(p)))  # its look: the longest piece's
            slots.append(Slot(texts_w[i], _union(boxes), source,
                               line_height=_stacked_line_height(pieces),
                               align=_centred(pieces)))
    for j, members in shares.items():
        slots += _share(texts_n[j], [texts_w[i] for i in members])
    homes: set[int] = set()  # narrow panels that took a wide one whole
    slots, whole = _whole_panels(plan.root, narrow_plan.root, slots, width, homes)
    pics_w = _visuals(plan.root, whole)
    pics_n = _visuals(narrow_plan.root, homes)
    pictures = _match_pictures(pics_w, pics_n)
    for i, j in pictures.items():
        slots = _place_whole(pics_w[i], pics_n[j].box, slots, whole, width)
    used_n = {id(texts_n[j]) for js in takes.values() for j in js} | {
        id(texts_n[j]) for j in shares} | {id(pics_n[j]) for j in pictures.values()}
    used_n |= {id(t) for j in pictures.values() for t in _leaves(pics_n[j])}
    used_n |= _widen(slots, [el for el in texts_n if id(el) not in used_n])
    used_n |= _covered(slots, [el for el in texts_n if id(el) not in used_n])
    slots = richer_readings(plan, slots, groups_of(takes, shares, texts_w, texts_n), width)
    used_n |= pictured_texts(slots, takes, texts_w, texts_n, narrow, used_n, width)
    slots = set_apart(slots, wide)
    extra = _narrow_only(plan, narrow_plan, narrow, used_n, width)
    panels = narrow_panels(plan, narrow_plan, homes | {id(pics_n[j]) for j in pictures.values()},
                           width)
    placed = {id(s.el) for s in slots} | whole
    for el in wide:
        if id(el) not in placed:
            el.media[width] = {"display": "none"}
    for el in _containers(plan.root):
        if id(el) not in whole:
            el.media[width] = {"display": "contents"}
    rows = write_slots(slots + extra, width)
    for slot in slots:  # shown at another narrow width alone, and here too: not hidden here
        if any(change.get("only") for w, change in slot.el.media.items() if w != width):
            slot.el.media[width]["only"] = "1"
    for panel in panels:
        span_rows(panel, rows, width)
    return len({id(s.el) for s in slots} & {id(e) for e in texts_w}) / max(1, len(texts_w))


def _whole_panels(wide: Element, narrow: Element, slots: list[Slot], width: int,
                  homes: set[int]) -> tuple[list[Slot], set[int]]:
    """A small panel (a button, a badge) whose text the narrow screenshot shows in a panel too
    is placed whole, at that panel's box (a panel about as tall as it: a button's, not a band
    holding it): it keeps its colour and its text stays inside. Its
    texts keep only their font size and line height from the narrow screenshot. Returns the
    slots and the ids of the panels (and everything inside them) placed whole."""
    parents = _parents(narrow)
    by_el = {id(s.el): s for s in slots}
    whole: set[int] = set()
    out = list(slots)
    for panel in _containers(wide):
        texts = _leaves(panel)
        if panel.kind != "panel" or not 1 <= len(texts) <= 2 or id(panel) in whole:
            continue
        found = [by_el.get(id(t)) for t in texts]
        if not all(found) or found[0].source is None:
            continue
        home = parents.get(id(found[0].source))
        if home is None or home.kind != "panel" or home.box is None or home.children is None:
            continue
        if panel.box is not None and _height(home.box) > 2 * _height(panel.box) + 24:
            continue  # no button's own panel: a band it sits in (new-age's dark section)
        whole |= {id(panel)} | _inside(panel, width)
        gaps = _gaps_inside(panel, home.box, found)
        for slot, text, gap in zip(found, texts, gaps):
            out.remove(slot)
            text.media[width] = {"in": "1", **{k: v for k, v in placement(
                slot, 0, 0, width).items() if k in ("fs", "lh")}, **gap}
        out.append(Slot(panel, home.box, None))
        homes.add(id(home))
    return out, whole


def _gaps_inside(panel: Element, home: tuple[float, float, float, float],
                 found: list[Slot]) -> list[dict[str, str]]:
    """The space above each text of a panel placed whole, as the narrow screenshot measured it:
    the first from the panel's top (less the panel's own top padding), each next from the one
    before. The wide margins inside a card (43 px above its title, 38 above its text) do not fit
    the card's narrow height, and a text pushed below its card is drawn over by the next one.
    Only for texts one under the other in the order the panel holds them; else none (the wide
    spacing stands)."""
    boxes = [slot.box for slot in found]
    if any(b[1] < a[3] - 2 for a, b in zip(boxes, boxes[1:])):
        return [{} for _ in found]  # side by side, or in another order
    padding = re.match(r"([\d.]+)px", panel.geom.get("padding-top", "") or "")
    above = home[1] + (float(padding.group(1)) if padding else 0.0)
    out = []
    for box in boxes:
        out.append({"gap": f"{max(0, round(box[1]) - round(above))}px"})
        above = box[3]
    return out


def _height(box: tuple[float, float, float, float]) -> float:
    return box[3] - box[1]


def _parents(root: Element) -> dict[int, Element]:
    out, stack = {}, [root]
    while stack:
        el = stack.pop()
        for child in el.children:
            out[id(child)] = el
            stack.append(child)
    return out


def _widen(slots: list[Slot], leftovers: list[Element]) -> set[int]:
    """A narrow text left over whose words all belong to a placed wide text (the narrow
    screenshot broke it off, say its last line) widens that text's box; returns their ids."""
    out = set()
    for el in leftovers:
        words = set(words_of(el))
        for slot in slots:
            if slot.source is not None and el.box and words <= set(words_of(slot.el)) \
                    and _near(el, slot.box, _line_px(slot.source)):
                slot.box = _union([slot.box, el.box])
                out.add(id(el))
                break
    return out


def _line_px(el: Element) -> float:
    """One line's height of a text element: its line height, else its box's height."""
    match = re.match(r"([\d.]+)px", el.look.get("line-height", ""))
    if match:
        return float(match.group(1))
    return (el.box[3] - el.box[1]) if el.box else 0.0


def _near(a: Element, b: tuple[float, float, float, float], line: float) -> bool:
    """Whether the text ``a`` lies close enough below, above or beside box ``b`` to be the
    next piece of the same text: at most one and a half lines apart."""
    assert a.box is not None
    gap = max(a.box[1] - b[3], b[1] - a.box[3], 0.0)
    return gap <= 1.5 * max(line, _line_px(a)) + 4


def _together(js: list[int], narrow: list[Element]) -> list[int]:
    """Of the narrow pieces a wide text was matched to, those that lie together: the pieces,
    top to bottom, fall into runs where each starts within a line and a half of the run
    before; the run holding most words is kept. A word or two that also occur far away (the
    "a" of a later sentence, a name repeated in the footer) must not stretch the text's box
    over half the page. The pieces left out stay free for the rest of the matching."""
    if len(js) < 2:
        return js
    runs: list[list[int]] = []
    box: tuple[float, float, float, float] = (0, 0, 0, 0)
    for j in sorted(js, key=lambda j: narrow[j].box[1]):  # type: ignore[index]
        line = max((_line_px(narrow[k]) for k in runs[-1]), default=0.0) if runs else 0.0
        if runs and _near(narrow[j], box, line):
            runs[-1].append(j)
            box = _union([box, narrow[j].box])  # type: ignore[list-item]
        else:
            runs.append([j])
            box = narrow[j].box  # type: ignore[assignment]
    best = max(runs, key=lambda run: sum(len(words_of(narrow[j])) for j in run))
    return [j for j in js if j in best]


def _covered(slots: list[Slot], leftovers: list[Element]) -> set[int]:
    """A narrow text left over that lies inside the box of a text placed there (mostly: 70%
    of its area) is a piece of that text the narrow reading garbled ("grays scale is op" for
    "Grayscale is open"): the placed text already shows it, a copy on top would only draw the
    words twice. Returns their ids."""
    out = set()
    texts = [s.box for s in slots if s.source is not None]
    for el in leftovers:
        if el.box is None or _area(el.box) <= 0:
            continue
        if any(_overlap(el.box, box) >= 0.7 * _area(el.box) for box in texts):
            out.add(id(el))
    return out


def _area(box: tuple[float, float, float, float]) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def _stacked_line_height(pieces: list[Element]) -> float:
    """The line height of a text the narrow screenshot read as several pieces one under the
    other (its lines, each an element of its own): the spacing of the pieces' lines, not the
    one-line height each was measured with. 0 for one piece or pieces side by side."""
    pieces = sorted((p for p in pieces if p.box), key=lambda p: p.box[1])
    boxes = [p.box for p in pieces]
    if len(boxes) < 2 or any(b[1] < a[3] - 2 for a, b in zip(boxes, boxes[1:])):
        return 0.0
    if any(lines_of(p) > 1 for p in pieces):
        return 0.0  # a piece of several lines measured its own line height: better than tops
    return float(round((boxes[-1][1] - boxes[0][1]) / (len(pieces) - 1)))


def _centred(pieces: list[Element]) -> str:
    """"center" when the narrow screenshot read a text as lines one under the other that start
    and end at different places but share their middle (a centred quote or intro, which each line's
    own analysis, too short to tell, set left); "left" when they share the left edge and not
    the right one (a full line alone looks centred); else "" (the source's alignment stands)."""
    boxes = sorted((p.box for p in pieces if p.box), key=lambda b: b[1])
    if len(boxes) < 2 or any(b[1] < a[3] - 2 for a, b in zip(boxes, boxes[1:])):
        return ""
    lefts, rights = [b[0] for b in boxes], [b[2] for b in boxes]
    middles = [(b[0] + b[2]) / 2 for b in boxes]
    ragged = min(max(lefts) - min(lefts), max(rights) - min(rights)) > 8  # neither edge shared
    if ragged and max(middles) - min(middles) <= 8:
        return "center"
    if max(rights) - min(rights) > 8 and max(middles) - min(middles) > 8 \
            and max(lefts) - min(lefts) <= 12:
        return "left"  # a ragged right edge under a shared left one: whatever one line looked like
    return ""


def _share(narrow: Element, members: list[Element]) -> list[Slot]:
    """Wide elements that the narrow screenshot read as one block: side by side in its box
    when it is one line (a nav read as one text), else stacked; each as wide or as tall as its
    share of the characters, in the order their words come in the narrow text (the wide
    analysis may hold them in another order, say two columns read right one first)."""
    x0, y0, x1, y1 = narrow.box or (0, 0, 0, 0)
    order = words_of(narrow)

    def where(el: Element) -> int:
        matcher = difflib.SequenceMatcher(None, order, words_of(el), autojunk=False)
        return next((a for a, _, size in matcher.get_matching_blocks() if size), len(order))

    members = sorted(members, key=where)
    sizes = [len(" ".join(words_of(el))) + 1 for el in members]
    total = sum(sizes)
    across = lines_of(narrow) == 1
    out, start = [], x0 if across else y0
    for el, size in zip(members, sizes):
        step = ((x1 - x0) if across else (y1 - y0)) * size / total
        box = (start, y0, start + step, y1) if across else (x0, start, x1, start + step)
        out.append(Slot(el, box, narrow, exact=across))
        start += step
    return out


def _narrow_only(plan: Plan, narrow_plan: Plan, narrow: list[Element], used: set[int],
                 width: int) -> list[Slot]:
    """What only the narrow screenshot shows (a menu button, a shortened title): added to the
    page, shown at that width alone."""
    out = []
    for el in narrow:
        if id(el) in used or el.box is None or el.parts is None and el.children:
            continue
        if is_drawn_empty(el):
            continue  # drawn behind the rows (responsive_panels.py)
        if el.parts is not None and len(plain_text(el).strip()) < 2:
            continue  # a stray letter read in an icon
        if _is_picture(el):
            name = el.attrs["src"].rsplit("/", 1)[-1]
            renamed = f"at{width}-{name}"
            if name in narrow_plan.assets:
                plan.assets[renamed] = narrow_plan.assets[name]
            el.attrs["src"] = f"assets/{renamed}"
        el.geom = {}
        el.media[width] = {"only": "1"}
        plan.root.children.append(el)
        out.append(Slot(el, el.box, None))
    return out


def _union(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))

