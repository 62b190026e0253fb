"""Words read in two pieces by two passes, joined and read again whole (issue 23).

The engine reads a page in passes: the first pass (tesseract on the whole page), the rescue of
text-like leftovers (rescue.rescue_text: ink the first pass left unexplained, cut out and read on
a sheet) and the re-read of doubtful lines. When the first pass stops inside a word ("View
Proj|ect" in a button), the rest of the word is a leftover, and the rescue reads it from a crop
grown by a few pixels, so it reads the neighbour's last stroke too: "Proj" + "yject",
"Repos" + "ssessiol", "H" + "lome". The two pieces come from different lines and their boxes
overlap or touch; two words of a text row a space apart never do (a space is 0.2 of the type's
height or more, and each pass's word boxes are tight to the ink they read).

So: words of *different* lines that sit on one row and whose boxes overlap or touch (at most
one pixel apart) are pieces of the same ink. The union of their boxes is read again, once, on
a word sheet; where that reading is sure (confidence >= MIN_CONFIDENCE) and close to the pieces
put together, and spans them end to end, it replaces them: "View Proj" + "yject" -> "View
Project". A line that was little more than its piece joins the line that takes the word; a line
with words of its own stays a line (a bar's brand "Start Bootstrap Hi" beside its menu "lome
About"). A reading that only repeats the pieces (two whole words of two lines that touch,
"Chevrolet" + "Camaro") changes nothing. Words of one line are left alone (tesseract's own word
boxes of one line may touch at punctuation: "NEW -Advertise").

    lines = join_pieces(rgb, lines)     # an RGB array and the engine's lines (all passes)
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator
from typing import Any

from .groups import connected_groups

ROW_OVERLAP = 0.6  # share of the lower piece's height the two must share to be on one row
TOUCH = 1  # px: boxes this far apart still touch
MIN_CONFIDENCE = 0.6
MIN_SIMILAR = 0.5  # difflib ratio between the whole reading and the pieces put together
MAX_CLUSTERS = 60
FRAGMENT_WORDS = 1  # a line with at most this many words beside its piece joins the owner's


def join_pieces(rgb: Any, lines: list[Any]) -> list[Any]:
    from .word_sheet import WordSheet

    words = [(k, j, w[0], tuple(w[1])) for k, line in enumerate(lines)
             for j, w in enumerate(getattr(line, "words", None) or ())]
    clusters = _clusters(words)[:MAX_CLUSTERS]
    if not clusters:
        return lines
    sheet = WordSheet(rgb)
    slots = {}
    for n, members in enumerate(clusters):
        box = _union([words[i][3] for i in members])
        slot = sheet.add(box, zoom=2 if box[3] - box[1] < 20 else 1, margin=2)
        if slot is not None:
            slots[slot] = n
    if not slots:
        return lines
    readings = sheet.read(psm=4)
    drop: set[tuple[int, int]] = set()  # (line, word) pieces taken out
    put: dict[tuple[int, int], list[tuple[str, tuple]]] = {}  # owner piece -> whole reading
    group: dict[int, int] = {}  # line -> a line it is joined with (union-find)
    for slot, n in slots.items():
        members = clusters[n]
        box = _union([words[i][3] for i in members])
        whole = [w for w in readings.get(slot, ()) if box[0] <= (w.box[0] + w.box[2]) / 2 <= box[2]]
        if not whole or min(w.confidence for w in whole) < MIN_CONFIDENCE:
            continue
        reach = 0.5 * (box[3] - box[1])  # the reading must span the pieces, end to end
        if whole[0].box[0] > box[0] + reach or whole[-1].box[2] < box[2] - reach:
            continue
        text = " ".join(w.text for w in whole)
        ordered = [words[i][2] for i in sorted(members, key=lambda i: words[i][3][0])]
        if text.lower() == " ".join(ordered).lower():
            continue  # whole words of two lines that touch: nothing to join
        pieces = "".join(ordered)
        if difflib.SequenceMatcher(None, text.lower(), pieces.lower()).ratio() < MIN_SIMILAR:
            continue
        owner = _owner(words, members)
        for i in members:
            drop.add(words[i][:2])
            if _fragment(lines, words[i][0], members, words):
                group[_root(group, words[i][0])] = _root(group, words[owner][0])
        put[words[owner][:2]] = [(w.text, _clip(w.box, box)) for w in whole]
    return _rebuilt(lines, drop, put, group)


def _fragment(lines: list[Any], k: int, members: list[int], words: list[tuple]) -> bool:
    """Line ``k`` is little more than its piece of the word ("A sin" + "gle, lightweight ..."),
    so it joins the owner's line. A line with words of its own beside the piece stays a line:
    a bar's "Start Bootstrap Hi" and its menu "lome About Services Contact" are two texts."""
    pieces = sum(1 for i in members if words[i][0] == k)
    return len(getattr(lines[k], "words", None) or ()) - pieces <= FRAGMENT_WORDS


def _root(parent: dict[int, int], k: int) -> int:
    while parent.get(k, k) != k:
        k = parent[k]
    return k


def _clusters(words: list[tuple]) -> list[list[int]]:
    """Groups of words (indices) joined by touching pairs from different lines."""
    def touching() -> Iterator[tuple[int, int]]:
        order = sorted(range(len(words)), key=lambda i: words[i][3][0])
        for a_at, a in enumerate(order):
            ka, _ja, _ta, ba = words[a]
            for b in order[a_at + 1:]:
                kb, _jb, _tb, bb = words[b]
                if bb[0] > ba[2] + TOUCH:
                    break
                if ka != kb and _same_row(ba, bb):
                    yield a, b

    return [g for g in connected_groups(len(words), touching())
            if len({words[i][0] for i in g}) > 1]


def _same_row(a: tuple, b: tuple) -> bool:
    ha, hb = a[3] - a[1], b[3] - b[1]
    shared = min(a[3], b[3]) - max(a[1], b[1])
    return min(ha, hb) > 0 and shared >= ROW_OVERLAP * min(ha, hb) and max(ha, hb) <= 2.5 * min(ha, hb)


def _owner(words: list[tuple], members: list[int]) -> int:
    """The piece whose line takes the whole word: the line of the most words (a rescued
    fragment is often a line of one word, "yject"), then the one holding the widest share."""
    count = Counter(w[0] for w in words)
    width: dict[int, float] = {}
    for i in members:
        box = words[i][3]
        width[words[i][0]] = width.get(words[i][0], 0.0) + box[2] - box[0]
    line = max(width, key=lambda k: (count[k], width[k]))
    return min((i for i in members if words[i][0] == line), key=lambda i: words[i][3][0])


def _rebuilt(lines: list[Any], drop: set, put: dict, group: dict) -> list[Any]:
    """The lines with the pieces joined. A fragment line that shared a word with the owner's
    becomes part of that line, in the place of the first (they lie on one row and touched
    through the word: the engine joined their pieces into one text line before, and should
    keep doing so); any other line only loses its piece."""
    from .rescue import RescuedLine

    members: dict[int, list[int]] = {}
    touched = {k for k, _j in drop} | {k for k, _j in put}
    for k in range(len(lines)):
        if k in touched or k in group or any(v == k for v in group.values()):
            members.setdefault(_root(group, k), []).append(k)
    first = {min(ks): ks for ks in members.values()}
    joined = {k for ks in members.values() for k in ks}
    out = []
    for k, line in enumerate(lines):
        if k not in joined:
            out.append(line)
            continue
        if k not in first:
            continue
        new = []
        for m in first[k]:
            for j, (text, box) in enumerate(list(getattr(lines[m], "words", None) or ())):
                if (m, j) in put:
                    new.extend(put[(m, j)])
                elif (m, j) not in drop:
                    new.append((text, tuple(box)))
        if not new:
            continue
        new.sort(key=lambda w: w[1][0])
        box = _union([b for _t, b in new] + [tuple(lines[m].box) for m in first[k]])
        score = min(lines[m].score for m in first[k])
        out.append(RescuedLine(" ".join(t for t, _b in new), box, score, new))
    return out


def _union(boxes: list[tuple]) -> tuple[float, float, float, float]:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _clip(box: tuple, to: tuple) -> tuple[float, float, float, float]:
    return (max(box[0], to[0]), max(box[1], to[1]), min(box[2], to[2]), min(box[3], to[3]))
