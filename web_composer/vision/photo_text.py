"""Text printed over photographs and coloured areas: read where the page's OCR pass misses it.

The page pass binarises the whole screenshot with one threshold. Over a photograph (a hero image,
a banner) light text on a busy, varying ground falls on both sides of that threshold: a nav in
pale grey over a cloudy sky is lost, a spaced-out headline with a gradient fill comes back as
"Ae"; white text on a blue gradient hero of an otherwise white page is not seen at all. Those
areas (large pictures, bands where the background fades) are read once more on their own. In each the text is first made to stand out against its *local* ground:
a pixel's ink is its distance from the median of its neighbourhood, so a stroke counts where it
differs from what surrounds it, whatever the photo does further away. Three sheets are read, one
OCR call each, all pictures stacked: that ink; the same squeezed to half its width, so that
letter-spaced display type ("L A K E S I D E") reads as one word; and light strokes found by an
adaptive threshold. Where they disagree the surest reading wins, and it replaces the page pass's
lines under it when it is read with more confidence than they were.

    found = read_pictures(rgb, seg, ocr)    # needs the segmentation, not the page's lines
    lines = merge_over(lines, found)
"""

from __future__ import annotations

from typing import Any

from .elements import Box
from .ocr import read_many
from .rescue import RescuedLine
from .segmentation import Segmentation

MIN_W, MIN_H = 160, 60  # areas smaller than this carry no text worth a pass
WINDOW = 41  # px of the neighbourhood whose median is the local ground
GAIN = 3  # ink contrast: a 85-level difference is solid black
SURE = 0.8  # confidence a line read over a picture needs
PAD = 16
POLARITY = 40  # grey levels from the local ground that make a pixel a stroke
ONE_INK = 0.75  # share of a line's strokes on one side of the ground
MAX_SHEET = 16_000  # px of one sheet's height
DISPLAY = 28  # px: ink blobs this tall are display type, worth a squeezed reading
GLYPH = (6, 8 * DISPLAY)  # px: the heights of ink blobs that may be letters


def read_pictures(rgb: Any, seg: Segmentation, ocr: Any) -> list[RescuedLine]:
    """The sure lines the pictures' text reads as (for merge_over). It needs the segmentation
    only, not the page's lines, so the engine reads the pictures while it re-reads those."""
    boxes = _areas(rgb, seg)
    if not boxes:
        return []
    sheets = [(sheet, slots, 2 if variant == "squeezed" else 1)
              for variant, pieces in _pieces(rgb, boxes) for sheet, slots in _sheets(pieces)]
    found: list[RescuedLine] = []
    readings = read_many(_sheet_reader(ocr), [s[0] for s in sheets])
    for (_sheet, slots, stretch), read in zip(sheets, readings):
        found += [m for m in (_trimmed(_map_back(line, slots, stretch)) for line in read)
                  if m is not None and m.score >= SURE and _wordlike(m.text)
                  and _one_polarity(rgb, Box(*m.box))]
    return _best_of(found)


def merge_over(lines: list[Any], found: list[RescuedLine]) -> list[Any]:
    """``lines`` with the pictures' lines: new ones added, garbled ones replaced."""
    return _merge(lines, found) if found else lines


def _sheet_reader(ocr: Any) -> Any:
    """How the sheets are read. With tesseract: its reading, words split where the pixels show a
    space and accents restored, but not the page reading's other second looks. Photo texture on
    a sheet reads as junk, which the CJK look would take for Chinese and re-read with three more
    models, and as rows of unread ink, which the unread look would read one by one: together
    they more than doubled the sheets' cost, and what they found was thrown away here (SURE,
    _wordlike). Another engine, or a reader the caller made, reads the sheets as it is."""
    from .ocr import OcrReader, default_engine, ocr_lines

    if isinstance(ocr, OcrReader):
        engine = ocr.engine
    elif ocr is ocr_lines:
        engine = None
    else:
        return ocr
    return _read_sheet if (engine or default_engine()) == "tesseract" else ocr


def _read_sheet(image: Any) -> list[Any]:
    import numpy as np

    from .accents import restore_accents
    from .ocr import _tesseract_tiled
    from .word_gaps import split_run_together

    rgb = np.asarray(image)
    return restore_accents(rgb, split_run_together(rgb, _tesseract_tiled(image)))


def _areas(rgb: Any, seg: Segmentation) -> list[Box]:
    """Where the page pass's single threshold fails: large pictures, and bands where the page's
    background fades (a gradient hero). Text on flat panels is left to rescue.py, which reads
    what differs from the panel's own colour."""
    height, width = rgb.shape[:2]
    boxes = [g.box for g in seg.graphics if g.kind == "picture"]
    boxes += [Box(0, b.top, width, b.bottom) for b in seg.bands if not b.flat]
    boxes = [b for b in boxes if b.w >= MIN_W and b.h >= MIN_H and b.area < 0.8 * width * height]
    return [b for i, b in enumerate(boxes)
            if not any(j != i and o.contains(b) and (o != b or j < i) for j, o in enumerate(boxes))]


def _wordlike(text: str) -> bool:
    """Not a texture read as letters: some letters, and not one or two repeated ("AAAA AAA")."""
    chars = [c.lower() for c in text if c.isalnum()]
    return len(chars) >= 2 and (len(chars) < 5 or len(set(chars)) >= 0.35 * len(chars))


def _one_polarity(rgb: Any, box: Box) -> bool:
    """Text is drawn in one ink: its strokes are all lighter than the ground around them, or all
    darker. Photo texture read as letters (foliage, waves) has strokes of both kinds."""
    import cv2
    import numpy as np

    x0, y0, x1, y1 = box.grow(WINDOW // 2).ints()
    x0, y0 = max(0, x0), max(0, y0)
    grey = cv2.cvtColor(np.ascontiguousarray(rgb[y0:y1, x0:x1]), cv2.COLOR_RGB2GRAY)
    if grey.size == 0:
        return False
    signed = grey.astype(np.int16) - cv2.medianBlur(grey, WINDOW).astype(np.int16)
    lighter, darker = int((signed > POLARITY).sum()), int((signed < -POLARITY).sum())
    return max(lighter, darker) >= ONE_INK * max(1, lighter + darker)


def ink_sheet(crop: Any) -> Any:
    """Black ink on white: each pixel's distance from the median colour around it."""
    import cv2
    import numpy as np

    ground = cv2.medianBlur(np.ascontiguousarray(crop), WINDOW)
    distance = np.abs(crop.astype(np.int16) - ground.astype(np.int16)).max(axis=2)
    return 255 - np.clip(distance * GAIN, 0, 255).astype(np.uint8)


def light_sheet(crop: Any) -> Any:
    """Light strokes as black on white, by a threshold that follows the local brightness."""
    import cv2
    import numpy as np

    grey = 255 - cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2GRAY)
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 51, 15)


def _pieces(rgb: Any, boxes: list[Box]):
    """(variant, [(x0, y0, sheet part)]) for each way of reading the areas. The squeezed reading
    only covers the rows where display type stands (ink blobs 28 px tall or more)."""
    import cv2

    local, squeezed, light = [], [], []
    for box in sorted(boxes, key=lambda b: (b.y0, b.x0)):
        x0, y0, x1, y1 = box.ints()
        crop = rgb[y0:y1, x0:x1]
        ink, pale = ink_sheet(crop), light_sheet(crop)
        for top, bottom in text_rows(ink):  # the adaptive threshold's sheet is all blobs
            local.append((x0, y0 + top, ink[top:bottom]))
            light.append((x0, y0 + top, pale[top:bottom]))
        for top, bottom in _display_rows(ink):
            part = ink[top:bottom]
            squeezed.append((x0, y0 + top, cv2.resize(part, (max(1, part.shape[1] // 2),
                                                              part.shape[0]),
                                                      interpolation=cv2.INTER_AREA)))
    return [("local", local), ("squeezed", squeezed), ("light", light)]


def text_rows(sheet: Any) -> list[tuple[int, int]]:
    """Row spans of a sheet (black ink on white) where something like a line of text stands:
    two or more glyph-sized blobs side by side with a common band of rows, or one blob as wide
    as a word, with a line's height of room above and below. A photograph's ink sheet is mostly
    texture (specks, and long ragged blobs along its contours); reading those rows costs
    tesseract most of its time over pictures and finds nothing, so only these rows are read."""
    import cv2
    import numpy as np

    dark = (sheet < 128).astype(np.uint8)
    _n, _cc, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    blobs = [(int(x), int(y), int(w), int(h)) for x, y, w, h, _a in stats[1:]
             if GLYPH[0] <= h <= GLYPH[1] and w <= 30 * h]
    rows: list[list[int]] = []  # [x0, y0, x1, y1, blobs]
    for x, y, w, h in sorted(blobs):
        for row in rows:
            shared = min(row[3], y + h) - max(row[1], y)
            if shared >= 0.5 * min(row[3] - row[1], h) and x - row[2] <= 3 * max(row[3] - row[1], h) \
                    and h <= 2 * (row[3] - row[1]) + 4:
                row[0], row[1] = min(row[0], x), min(row[1], y)
                row[2], row[3], row[4] = max(row[2], x + w), max(row[3], y + h), row[4] + 1
                break
        else:
            rows.append([x, y, x + w, y + h, 1])
    spans = [(max(0, y0 - (y1 - y0)), min(sheet.shape[0], y1 + (y1 - y0)))
             for x0, y0, x1, y1, count in rows if count >= 2 or x1 - x0 >= 1.2 * (y1 - y0)]
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for top, bottom in sorted(spans):
        if out and top <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], bottom))
        else:
            out.append((top, bottom))
    return out


def _display_rows(ink: Any) -> list[tuple[int, int]]:
    """Row spans holding glyph-shaped ink blobs at least DISPLAY px tall, with a glyph's height
    of room above and below."""
    import cv2
    import numpy as np

    dark = (ink < 128).astype(np.uint8)
    _n, _cc, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    tall = stats[1:][(stats[1:, 3] >= DISPLAY) & (stats[1:, 3] <= 8 * DISPLAY)
                     & (stats[1:, 2] <= 1.5 * stats[1:, 3])]
    spans: list[tuple[int, int]] = []
    for top, height in sorted((int(t), int(h)) for t, h in zip(tall[:, 1], tall[:, 3])):
        a, b = max(0, top - height), min(ink.shape[0], top + 2 * height)  # OCR wants room
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], b))
        else:
            spans.append((a, b))
    return spans


def _sheets(pieces: list[tuple[int, int, Any]]):
    """The pieces stacked in sheets under MAX_SHEET px, with where each came from."""
    parts, slots, y = [], [], PAD
    for x0, y0, ink in pieces:
        if parts and y + ink.shape[0] > MAX_SHEET:
            yield _stack(parts, y), slots
            parts, slots, y = [], [], PAD
        parts.append((ink, y))
        slots.append((y, y + ink.shape[0], x0, y0))
        y += ink.shape[0] + 2 * PAD
    if parts:
        yield _stack(parts, y), slots


def _stack(parts: list[tuple[Any, int]], height: int) -> Any:
    import numpy as np
    from PIL import Image

    width = max(ink.shape[1] for ink, _y in parts) + 2 * PAD
    sheet = np.full((height, width), 255, np.uint8)
    for ink, top in parts:
        sheet[top:top + ink.shape[0], PAD:PAD + ink.shape[1]] = ink
    return Image.fromarray(sheet).convert("RGB")


def _map_back(line: Any, slots: list[tuple[int, int, int, int]], stretch: int
              ) -> RescuedLine | None:
    """A sheet line in screenshot coordinates (x times ``stretch`` for a squeezed sheet)."""
    cy = (line.box[1] + line.box[3]) / 2
    for top, bottom, x0, y0 in slots:
        if top <= cy < bottom:
            def back(box: Any) -> tuple[float, float, float, float]:
                return ((box[0] - PAD) * stretch + x0, box[1] - top + y0,
                        (box[2] - PAD) * stretch + x0, box[3] - top + y0)

            words = [(w[0], back(w[1])) for w in getattr(line, "words", ()) or ()]
            return RescuedLine(line.text, back(line.box), line.score, words)
    return None


def _trimmed(line: RescuedLine | None) -> RescuedLine | None:
    """The line without a lone mark at either end standing far from the words ("i LEARN MORE |":
    a speck of the photo and an edge read as letters): one character, more than a line's
    height away from its neighbour."""
    if line is None or len(line.words) < 2:
        return line
    words = list(line.words)
    height = line.box[3] - line.box[1]

    def lone(word: tuple[str, Any], neighbour: tuple[str, Any], gap: float) -> bool:
        return len(word[0]) == 1 and len(neighbour[0]) > 1 and gap > height

    while len(words) >= 2 and lone(words[0], words[1], words[1][1][0] - words[0][1][2]):
        words.pop(0)
    while len(words) >= 2 and lone(words[-1], words[-2], words[-1][1][0] - words[-2][1][2]):
        words.pop()
    if len(words) == len(line.words):
        return line
    box = (min(b[0] for _t, b in words), min(b[1] for _t, b in words),
           max(b[2] for _t, b in words), max(b[3] for _t, b in words))
    return RescuedLine(" ".join(t for t, _b in words), box, line.score, words)


def _overlap(a: Box, b: Box) -> float:
    """How much of the smaller box the two share."""
    return a.intersection(b) / max(1.0, min(a.area, b.area))


def _best_of(found: list[RescuedLine]) -> list[RescuedLine]:
    """One reading per place: of the sheets' readings, the surest, or one nearly as sure that
    has a word more."""
    kept: list[RescuedLine] = []
    for line in sorted(found, key=lambda m: (-m.score, -len(m.text))):
        rivals = [k for k in kept if _overlap(Box(*line.box), Box(*k.box)) > 0.5]
        if not rivals:
            kept.append(line)
        elif len(rivals) == 1 and line.score >= rivals[0].score - 0.05 \
                and _says_more(line.text, [rivals[0].text]):
            kept[kept.index(rivals[0])] = line  # nearly as sure, and a word more
    return kept


def _merge(lines: list[Any], found: list[RescuedLine]) -> list[Any]:
    """The page pass's lines, with each picture line added where the page pass read nothing, or
    in place of the lines it covers when it is read with more confidence than all of them."""
    out = list(lines)
    for line in found:
        box = Box(*line.box)
        under = [l for l in out if _overlap(box, Box(*l.box)) > 0.5]
        if not under and sum(c.isalnum() for c in line.text) < 3:
            continue  # two letters alone on a picture are more often a shape than a word
        if any(Box(*u.box).h > 1.5 * box.h + 4 for u in under):
            continue  # the page pass read rows as one: the picture line is a part of it
        taller = under and box.h > 1.5 * max(Box(*u.box).h for u in under) + 4
        if under and max(l.score for l in under) >= line.score \
                and (taller or not _says_more(line.text, [u.text for u in under])):
            continue
        out = [l for l in out if not any(l is u for u in under)] + [line]
    return out


def _says_more(text: str, others: list[str]) -> bool:
    """``text`` has every word of ``others`` and more (the page pass dropped a word it doubted:
    "Northwind Trips" where the picture pass reads "Northwind About Trips")."""
    def words(t: str) -> list[str]:
        return [w for w in ("".join(c for c in part if c.isalnum()) for part in t.lower().split())
                if w]

    mine, theirs = words(text), [w for t in others for w in words(t)]
    return len(mine) > len(theirs) and all(w in mine for w in theirs)
