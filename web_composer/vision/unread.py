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
MAX_ROWS = 200
NEAR_LINE = 0.8  # row heights: a row nearer than this to a read line on its row continues it


def read_unread(rgb: Any, lines: list[Any]) -> list[Any]:
    """``lines`` (unchanged, same objects) plus lines read where rows of text-like ink lie
    outside all of them (see the module)."""
    from .ocr import OcrLine, OcrWord
    from .word_sheet import WordSheet

    rows = unread_rows(rgb, [line.box for line in lines])
    if not rows:
        return lines
    sheet = WordSheet(rgb)
    slots = {}
    for row in rows[:MAX_ROWS]:
        slot = sheet.add(row, zoom=2 if row[3] - row[1] < SMALL_ROW else 1, margin=4)
        if slot is not None:
            slots[slot] = row
    added: list[Any] = []
    for slot, words in sheet.read(psm=7 if len(slots) == 1 else 4).items():
        words = [w for w in words if w.text.strip()]
        if not words or slot not in slots:
            continue
        score = sum(w.confidence for w in words) / len(words)
        text = " ".join(w.text for w in words)
        box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
               max(w.box[2] for w in words), max(w.box[3] for w in words))
        if score < SURE or not _wordlike(text) or _overlaps(box, [l.box for l in lines + added]):
            continue
        added.append(OcrLine(text, box, score, words=tuple(OcrWord(w.text, w.box) for w in words),
                             confidences=tuple(w.confidence for w in words)))
    return lines + added


def unread_rows(rgb: Any, read: list[tuple[float, float, float, float]]) -> list[tuple]:
    """Boxes (x0, y0, x1, y1) of rows of glyph-like ink on a plain ground, made of blobs centred
    in no box of ``read`` and not continuing one of them, top to bottom."""
    import cv2
    import numpy as np

    from .elements import Box
    from .rescue import _text_like_groups

    grey = cv2.cvtColor(np.ascontiguousarray(rgb[:, :, :3]), cv2.COLOR_RGB2GRAY)
    ground = cv2.medianBlur(grey, WINDOW)
    mask = (np.abs(grey.astype(np.int16) - ground.astype(np.int16)) > INK).astype(np.uint8)
    taken = np.zeros_like(mask)
    height, width = mask.shape
    for x0, y0, x1, y1 in read:
        taken[max(0, int(y0) - 1):min(height, int(y1) + 2), max(0, int(x0) - 1):min(width, int(x1) + 2)] = 1
    count, _labels, stats, centres = cv2.connectedComponentsWithStats(mask, connectivity=8)
    glyphs = []
    for k in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[k])
        # A blob centred in a read line is one of its glyphs (a tall letter of the line below
        # may reach into it: only its centre counts).
        if taken[int(centres[k][1]), int(centres[k][0])] or not MIN_GLYPH <= h <= MAX_GLYPH or w > 3 * h:
            continue
        if area > 0.85 * w * h and w > 4 and h > 4:
            continue  # a filled shape (a button, a square), not a glyph's strokes
        glyphs.append(Box(x, y, x + w, y + h))
    rows = []
    for group in _text_like_groups(glyphs):
        members = [g for g in glyphs if group.contains(g, 0)]
        if len(members) < 2 or _continues(group, read) or not _plain(rgb, mask, group):
            continue
        rows.append((group.x0, group.y0, group.x1, group.y1))
    return sorted(rows, key=lambda b: (b[1], b[0]))


def _continues(row: Any, read: list[tuple]) -> bool:
    """Whether the row starts or ends closer to a read line on the same text row than a wide
    word space: the rest of a word the first pass read in part ("y" + "ours right"), whose
    reading alone would be a piece of a word."""
    for x0, y0, x1, y1 in read:
        shared = min(row.y1, y1) - max(row.y0, y0)
        if shared < 0.5 * min(row.h, y1 - y0):
            continue
        if max(x0 - row.x1, row.x0 - x1) < NEAR_LINE * max(row.h, y1 - y0):
            return True
    return False


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


def _overlaps(box: tuple, others: list[tuple]) -> bool:
    """Whether ``box`` shares more than a sliver with any of ``others``: ascenders and
    descenders of neighbouring lines may overlap by a few pixels, a line read twice by more."""
    for other in others:
        w = min(box[2], other[2]) - max(box[0], other[0])
        h = min(box[3], other[3]) - max(box[1], other[1])
        if w > 0 and h > 0.3 * min(box[3] - box[1], other[3] - other[1]):
            return True
    return False
