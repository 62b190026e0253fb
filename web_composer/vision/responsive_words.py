"""Which reading of a text a narrower width shows: the wide screenshot's or its own.

    slots = richer_readings(plan, slots, groups, width)

Each screenshot is read on its own, and OCR seldom reads a text the same way twice: one reading
misses a line of a paragraph, a button's second word ("View" at 1280 px, "View Project" at 390)
or a word in a low-contrast line that the other one has. A wide text placed at a narrow width
shows the wide reading. Where the narrow reading of the same text holds words the wide reading
lacks and lacks none of the wide reading's words, the narrow screenshot shows
more of the text than the wide element holds: at that width the wide element is hidden and the
narrow reading takes its slot (the same box, look, line height and alignment), shown at that
width alone. The wide page is untouched, so the widest layout stays what the widest screenshot
alone gives.

A group is what the matching tied together (responsive_match.py): one wide text and the narrow
pieces that show it, or one narrow block and the wide texts it holds. Two readings that differ
by a letter ("gkrelim" and "gkrellm": one word each way) keep the wide one: nothing says which
is right, and the wide page's element keeps its links and inline styles.
"""

from __future__ import annotations

import difflib
from collections import Counter

from .emit.model import Element, Plan
from .responsive_match import plain_text, words_of
from .responsive_rows import Slot

ALIKE = 0.6  # difflib ratio of a word and its misreading

Group = tuple[list[Element], list[Element]]  # (wide texts, narrow pieces) read as one text


def groups_of(takes: dict[int, list[int]], shares: dict[int, list[int]],
              wide: list[Element], narrow: list[Element]) -> list[Group]:
    """The matched texts as groups: each wide text with the narrow pieces it takes the place
    of, each narrow block with the wide texts sharing it; ties that share an element are one
    group (a narrow block one wide text takes whole while two others share it)."""
    ties = [({i}, set(js)) for i, js in takes.items() if js]
    ties += [(set(members), {j}) for j, members in shares.items()]
    merged: list[tuple[set[int], set[int]]] = []
    for w, n in ties:
        for other in [g for g in merged if g[0] & w or g[1] & n]:
            merged.remove(other)
            w, n = w | other[0], n | other[1]
        merged.append((w, n))
    return [([wide[i] for i in sorted(w)], [narrow[j] for j in sorted(n)]) for w, n in merged]


def is_richer(narrow: list[Element], wide: list[Element]) -> bool:
    """Whether the narrow reading holds words the wide one lacks and lacks none it has. Words
    that are misreadings of each other ("vasket" in one, "basket" in the other: alike by
    difflib's ratio) and stray letters ("y", "bi": a reading's noise) count neither way."""
    got, had = Counter(), Counter()
    for el in narrow:
        got.update(words_of(el))
    for el in wide:
        had.update(words_of(el))
    gained, lost = _real(got - had, had - got), _real(had - got, got - had)
    return gained >= 1 and lost == 0


def _real(words: Counter, other: Counter) -> int:
    """How many of ``words`` are words of their own: three letters or more, no misreading of
    a word in ``other``."""
    return sum(n for word, n in words.items() if len(word) >= 3 and not any(
        difflib.SequenceMatcher(None, word, o).ratio() >= ALIKE for o in other))


def richer_readings(plan: Plan, slots: list[Slot], groups: list[Group],
                    width: int) -> list[Slot]:
    """``slots`` with every group the narrow screenshot reads more fully shown in its narrow
    reading at ``width``: the wide texts lose their slots (so they are hidden there) and one
    narrow element, added to the page and shown at ``width`` alone, takes their place."""
    by_el = {id(s.el): s for s in slots}
    for wide, narrow in groups:
        placed = [by_el.get(id(el)) for el in wide]
        if not all(placed) or any(s.source is None for s in placed) \
                or not all(el.parts for el in wide + narrow) or not is_richer(narrow, wide):
            continue  # a text placed inside a box placed whole keeps its wide reading
        pieces = sorted((p for p in narrow if p.box), key=lambda p: (p.box[1], p.box[0]))
        reading = _reading(pieces)
        first = placed[0]
        box = (min(s.box[0] for s in placed), min(s.box[1] for s in placed),
               max(s.box[2] for s in placed), max(s.box[3] for s in placed))
        for slot in placed:
            slots.remove(slot)
        reading.media[width] = {"only": "1"}
        plan.root.children.append(reading)
        slots.append(Slot(reading, box, first.source if len(placed) == 1 else reading,
                          exact=first.exact and len(placed) == 1,
                          line_height=first.line_height if len(placed) == 1 else 0.0,
                          align=first.align if len(placed) == 1 else ""))
    return slots


def _reading(pieces: list[Element]) -> Element:
    """One element of the narrow pieces, top to bottom: the longest piece's tag and look, all
    the pieces' words."""
    source = max(pieces, key=lambda p: len(words_of(p)))
    text = " ".join(" ".join(plain_text(p).split()) for p in pieces)
    return Element(source.tag, source.kind, source.name, parts=[text], look=dict(source.look),
                   attrs={k: v for k, v in source.attrs.items() if k != "id"},
                   box=_union([p.box for p in pieces]))


def _union(boxes: list) -> tuple[float, float, float, float]:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def pictured_texts(slots: list[Slot], takes: dict[int, list[int]], wide: list[Element],
                   narrow: list[Element], leaves: list[Element], used: set[int],
                   width: int) -> set[int]:
    """Wide texts the narrow analysis cut out as pictures (a small heading on a dark bar, read
    at 1280 and taken for a picture at 390): without this the wide text is hidden at that width
    and the picture shows its words as pixels. A leftover narrow picture shaped like a line of
    text (at most 48 px tall, twice as wide as tall or more) whose next text in reading order is
    matched to a wide text, and whose shape agrees (within 35%) with the wide text just before
    that one, left without a place, is that text: it is placed at the picture's box, its font
    scaled by the heights, and the picture is not added. Returns the ids of the pictures used."""
    placed = {id(s.el) for s in slots}
    shown_by = {j: i for i, js in takes.items() for j in js}
    index_n = {id(el): j for j, el in enumerate(narrow)}
    out: set[int] = set()
    for k, pic in enumerate(leaves):
        if id(pic) in used or pic.tag != "img" or pic.box is None or not _line_shaped(pic.box):
            continue
        after = next((el for el in leaves[k + 1:] if id(el) in index_n), None)
        i = shown_by.get(index_n[id(after)]) if after is not None else None
        if i is None or i == 0 or after.box[1] - pic.box[3] > 2 * (pic.box[3] - pic.box[1]) + 8:
            continue
        text = wide[i - 1]
        if id(text) in placed or text.box is None or not text.parts \
                or abs(_aspect(text.box) / _aspect(pic.box) - 1) > 0.35:
            continue
        scale = (pic.box[3] - pic.box[1]) / max(1.0, text.box[3] - text.box[1])
        size = text.look.get("font-size", "")
        text.media[width] = {"fs": f"{round(float(size[:-2]) * scale)}px"} \
            if size.endswith("px") else {}
        slots.append(Slot(text, pic.box, None))
        placed.add(id(text))
        out.add(id(pic))
    return out


def _line_shaped(box: tuple[float, float, float, float]) -> bool:
    return box[3] - box[1] <= 48 and _aspect(box) >= 2


def _aspect(box: tuple[float, float, float, float]) -> float:
    return max(1.0, box[2] - box[0]) / max(1.0, box[3] - box[1])
