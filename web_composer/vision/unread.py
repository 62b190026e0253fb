"""Text the first OCR pass did not see at all: read where the pixels show text but no line is.

Tesseract's page analysis sometimes drops whole lines: a grey paragraph on a charcoal page loses
every second line, a light nav on a coloured bar is taken for a picture. The pixels still show
text there. Ink is found as each pixel's distance from the median grey around it (so light text
on dark counts as much as dark on light); ink blobs the size of glyphs centred in no line the
first pass read are joined into rows, and each row on a plain ground (not a photograph: the
engine's photo_text reads those) is cut out, turned into dark ink on white, enlarged when small,
and read with the others on one sheet (word_sheet). A row's reading is ADDED as a new line only
when it is sure, word-like and overlaps no line already read: the lines the first pass read well
keep their text and boxes, so the page built from them keeps its layout.

Tesseract also skips words inside a line it reads ("continually improve the website. Through
the continued use", the nav's "Log in or Create account Cart"): only the ink of the words it read
counts as read, so the ink in a line's gaps makes rows too. Such a row is cut at the words read,
must stand a space away from them (ink touching a word is the rest of that word), and its reading
is put into that line as words, in reading order; the line's box and score stay.

Next to a panel of another colour the median grey of the neighbourhood changes, so strips of the
panels along their edges pass for ink; a blob the colour of the ground around it is such an
edge and is left out (it joined a red nav item's letters to its neighbour's into one row).

    lines = read_unread(rgb, lines)     # an RGB array and the first pass's lines
"""

from __future__ import annotations

from typing import Any

WINDOW = 41  # px: the neighbourhood whose median grey is the local ground
INK = 40  # grey levels from the local ground that make a pixel ink
MIN_GLYPH, MAX_GLYPH = 5, 48  # px: heights of glyph blobs (and so of the rows read)
PLAIN = 0.6  # share of a row's non-ink pixels within GROUND_TOL of its ground: a plain ground
GROUND_TOL = 24
SMALL_ROW = 20  # px: rows lower than this are read enlarged 2x
SURE = 0.7  # mean word confidence a row's reading needs
SURE_WORD = 0.5  # a word read in a line's gap less sure than this is left out (an icon, "0)")
MAX_ROWS = 200
SPACE = 0.2  # row heights: a row in a line's gap nearer than this to a read word is part of it
NEAR_LINE = 0.3  # line heights: a row outside the lines nearer than this to one continues it
MARGIN = 4  # px around a row's crop, less where a read word is nearer (no piece of it read)
EDGE_TOL = 24  # a blob within this of the colour around it is a panel's edge, not ink


def read_unread(rgb: Any, lines: list[Any]) -> list[Any]:
    """``lines`` plus lines read where rows of text-like ink lie outside all of them, and with
    the words read in the gaps of a line that its first reading skipped (see the module)."""
    from .word_sheet import WordSheet

    rows = unread_rows(rgb, [line.box for line in lines], _word_boxes(lines))  # top to bottom
    if not rows:
        return lines
    sheet = WordSheet(rgb)
    slots = {}
    read = _word_boxes(lines)
    for row in rows[:MAX_ROWS]:
        owner = _owner(row, lines)
        slot = sheet.add(row, zoom=2 if row[3] - row[1] < SMALL_ROW else 1, margin=_margin(row, read))
        if slot is not None:
            slots[slot] = owner
    added: list[Any] = []
    filled: dict[int, list[tuple[Any, float]]] = {}
    for slot, words in sheet.read(psm=7 if len(slots) == 1 else 4).items():
        words = [w for w in words if w.text.strip()]
        if not words or slot not in slots:
            continue
        owner = slots[slot]
        if owner is not None:  # in a line's gap: only the sure words that lie on no word read
            words = [w for w in words if w.confidence >= SURE_WORD and not _icon_letter(w.text)
                     and not _overlaps(w.box, [v.box for v in lines[owner].words])]
            if not words:
                continue
        score = sum(w.confidence for w in words) / len(words)
        text = " ".join(w.text for w in words)
        box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
               max(w.box[2] for w in words), max(w.box[3] for w in words))
        if score < SURE or not _wordlike(text):
            continue
        if owner is None:
            if not _overlaps(box, [l.box for l in lines + added]):
                added.append(_line(words))
        elif not _overlaps(box, [w.box for w in lines[owner].words]):
            filled.setdefault(owner, []).extend(words)
    lines = [_filled(line, filled[k]) if k in filled else line for k, line in enumerate(lines)]
    return lines + added


def _word_boxes(lines: list[Any]) -> list[tuple]:
    """The boxes the first pass read ink in: its words, or a whole line where it has no words."""
    return [w.box for line in lines for w in line.words] + [l.box for l in lines if not l.words]


def _owner(row: tuple, lines: list[Any]) -> int | None:
    """The index of the line with words whose box holds the row's centre (a gap in that line)."""
    cx, cy = (row[0] + row[2]) / 2, (row[1] + row[3]) / 2
    for k, line in enumerate(lines):
        x0, y0, x1, y1 = line.box
        if line.words and x0 <= cx <= x1 and y0 <= cy <= y1:
            return k
    return None


def _line(words: list[Any]) -> Any:
    from .ocr import OcrLine, OcrWord

    box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
           max(w.box[2] for w in words), max(w.box[3] for w in words))
    return OcrLine(" ".join(w.text for w in words), box,
                   sum(w.confidence for w in words) / len(words),
                   words=tuple(OcrWord(w.text, w.box) for w in words),
                   confidences=tuple(w.confidence for w in words))


def _filled(line: Any, words: list[Any]) -> Any:
    """``line`` with ``words`` (read in its gaps) put in reading order; its box and score stay."""
    from dataclasses import replace

    from .ocr import OcrWord

    confidences = line.confidences or (line.score,) * len(line.words)
    pairs = sorted(list(zip(line.words, confidences))
                   + [(OcrWord(w.text, w.box), w.confidence) for w in words],
                   key=lambda pair: pair[0].box[0])
    return replace(line, text=" ".join(w.text for w, _c in pairs),
                   words=tuple(w for w, _c in pairs), confidences=tuple(c for _w, c in pairs))


def unread_rows(rgb: Any, read: list[tuple[float, float, float, float]],
                words: list[tuple] | None = None) -> list[tuple]:
    """Boxes (x0, y0, x1, y1) of rows of glyph-like ink on a plain ground, top to bottom, made
    of blobs centred in none of ``words`` (the boxes read: words, or ``read``, the line boxes,
    when not given). A row outside the lines must not continue one of them; a row inside a line
    (in a gap between its words) is cut at the words read and must stand a space away from them
    (else it is the rest of a word read in part)."""
    import cv2
    import numpy as np

    from .elements import Box
    from .rescue import _text_like_groups

    words = read if words is None else words
    grey = cv2.cvtColor(np.ascontiguousarray(rgb[:, :, :3]), cv2.COLOR_RGB2GRAY)
    ground = cv2.medianBlur(grey, WINDOW)
    mask = (np.abs(grey.astype(np.int16) - ground.astype(np.int16)) > INK).astype(np.uint8)
    taken = np.zeros_like(mask)
    height, width = mask.shape
    for x0, y0, x1, y1 in words:
        taken[max(0, int(y0) - 1):min(height, int(y1) + 2), max(0, int(x0) - 1):min(width, int(x1) + 2)] = 1
    count, labels, stats, centres = cv2.connectedComponentsWithStats(mask, connectivity=8)
    glyphs = []
    for k in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[k])
        # A blob centred in a read word is one of its glyphs (a tall letter of the line below
        # may reach into it: only its centre counts).
        if taken[int(centres[k][1]), int(centres[k][0])] or not MIN_GLYPH <= h <= MAX_GLYPH or w > 3 * h:
            continue
        if area > 0.85 * w * h and w > 4 and h > 4:
            continue  # a filled shape (a button, a square), not a glyph's strokes
        if _panel_edge(rgb, labels, k, (x, y, w, h)):
            continue
        glyphs.append(Box(x, y, x + w, y + h))
    rows = []
    for group in _text_like_groups(glyphs):
        members = [g for g in glyphs if group.contains(g, 0)]
        inside = any(Box(*line).contains(Box(*_centre(group)), 0) for line in read)
        parts = _cut_at_words(members, words) if inside else [members]
        for part in parts:
            row = Box(min(g.x0 for g in part), min(g.y0 for g in part),
                      max(g.x1 for g in part), max(g.y1 for g in part))
            if len(part) < 2 or not _plain(rgb, mask, row):
                continue
            if _touches(row, words) if inside else _touches(row, read, NEAR_LINE, True):
                continue
            rows.append((row.x0, row.y0, row.x1, row.y1))
    return sorted(rows, key=lambda b: (b[1], b[0]))


def _centre(box: Any) -> tuple:
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    return (cx, cy, cx, cy)


def _same_row(row: Any, box: tuple) -> bool:
    return min(row.y1, box[3]) - max(row.y0, box[1]) >= 0.5 * min(row.h, box[3] - box[1])


def _cut_at_words(members: list[Any], words: list[tuple]) -> list[list[Any]]:
    """The blobs of a row, left to right, cut into runs wherever a read word on the same text
    row lies between two of them (a row inside a line must not span a word read already)."""
    members = sorted(members, key=lambda g: g.x0)
    parts = [[members[0]]]
    for blob in members[1:]:
        left = parts[-1][-1].x1
        if any(left <= (b[0] + b[2]) / 2 <= blob.x0 and _same_row(blob, b) for b in words):
            parts.append([blob])
        else:
            parts[-1].append(blob)
    return parts


def _touches(row: Any, boxes: list[tuple], share: float = SPACE, theirs: bool = False) -> bool:
    """Whether a read word (or line) on the row's text row lies nearer than a space, ``share``
    of the row's height (or of the taller of the two): the row is then the rest of that word
    ("y" + "ours right", "Ef" + "ficient"), whose reading alone would be a piece of a word. A
    space is about 0.3 em, the gap between letters under 0.1 em; display type's letters stand
    further apart against a line's height ("Su" + "bscribe": 0.25), so a row beside a line (not
    in its gaps) needs more ("Brumalia" + "Tholus", 0.36; a nav's "Rover" + "About", 0.39)."""
    return any(_same_row(row, box)
               and _gap(row, box) < share * (max(row.h, box[3] - box[1]) if theirs else row.h)
               for box in boxes)


def _gap(row: Any, box: tuple) -> float:
    return max(box[0] - row.x1, row.x0 - box[2])


def _margin(row: tuple, words: list[tuple]) -> int:
    """White kept around a row's crop: MARGIN px, less than the gap to a read word on its text
    row (a crop reaching into the next word reads a piece of it, "ipen source")."""
    from .elements import Box

    box = Box(*row)
    gaps = [_gap(box, w) for w in words if _same_row(box, w) and _gap(box, w) >= 0]
    return int(max(1, min([MARGIN] + [g - 1 for g in gaps])))


def _panel_edge(rgb: Any, labels: Any, k: int, blob: tuple) -> bool:
    """Whether blob ``k`` is the edge of a panel, not ink: next to a panel of another colour
    the median grey of the neighbourhood changes, so a strip along the edge differs from it
    though its pixels are the colour of the ground they lie on (an L along a red nav item's
    edge, 40 px tall, which joined the item's letters and its neighbour into one row). A glyph's
    pixels differ from the colour around them."""
    import numpy as np

    x, y, w, h = blob
    height, width = labels.shape
    x0, y0, x1, y1 = max(0, x - 2), max(0, y - 2), min(width, x + w + 2), min(height, y + h + 2)
    pixels = rgb[y0:y1, x0:x1, :3].astype(np.int16)
    own = labels[y0:y1, x0:x1] == k
    around = np.median(pixels.reshape(-1, 3), axis=0)
    return float(np.abs(np.median(pixels[own], axis=0) - around).max()) <= EDGE_TOL


def _plain(rgb: Any, mask: Any, box: Any) -> bool:
    """Whether the row lies on one flat colour (its non-ink pixels mostly one colour)."""
    import numpy as np

    x0, y0, x1, y1 = box.grow(3).ints()
    x0, y0 = max(0, x0), max(0, y0)
    pixels = rgb[y0:y1, x0:x1].astype(np.int16)
    ground_pixels = pixels[mask[y0:y1, x0:x1] == 0]
    if len(ground_pixels) < 10:
        return False
    colour = np.median(ground_pixels, axis=0)
    return float((np.abs(ground_pixels - colour).max(axis=1) <= GROUND_TOL).mean()) >= PLAIN


def _wordlike(text: str) -> bool:
    """Some letters or digits, mostly letters, digits and ordinary punctuation; not one or two
    characters repeated (a texture or a row of icons read as "AAAA", "ooo")."""
    chars = [c.lower() for c in text if c.isalnum()]
    if len(chars) < 2 or len(chars) < 0.6 * len(text.replace(" ", "")):
        return False
    return len(chars) < 5 or len(set(chars)) >= min(0.35 * len(chars), 10)


def _icon_letter(text: str) -> bool:
    """One Latin letter that is no word of its own: in a line's gaps that is an icon read as a
    letter (a search glass as "s" before "Search", a user as "a" is kept: "a" and "I" are
    words)."""
    text = text.strip()
    return len(text) == 1 and text.isascii() and text.isalpha() and text not in "aAI"


def _overlaps(box: tuple, others: list[tuple]) -> bool:
    """Whether ``box`` shares more than a sliver with any of ``others``: ascenders and
    descenders of neighbouring lines may overlap by a few pixels, a line read twice by more."""
    for other in others:
        w = min(box[2], other[2]) - max(box[0], other[0])
        h = min(box[3], other[3]) - max(box[1], other[1])
        if w > 0 and h > 0.3 * min(box[3] - box[1], other[3] - other[1]):
            return True
    return False
