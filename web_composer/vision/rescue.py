"""A second OCR pass for text the first one missed (light text on dark or coloured panels).

OCR engines read dark text on light ground best. Blobs that the segmentation could not explain
and that are shaped like text (a row of small blobs) are cut out, turned into black ink on white
(distance from the panel colour), enlarged 2x, stacked into one sheet and read in a single OCR
call. Lines found there are mapped back to screenshot coordinates.

    lines, graphics = rescue_text(rgb, seg, ocr)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .elements import Box, Graphic, Region
from .segmentation import Segmentation, surface_color

ZOOM = 2
PAD = 12
MAX_SHEET = 12_000  # px of sheet height (after zoom)
FILLED = 0.5  # share of a small picture in one colour that makes it a filled shape (a button)
FILL_TOL = 12  # channel difference still counted as the fill colour


@dataclass
class RescuedLine:
    text: str
    box: tuple[float, float, float, float]
    score: float
    words: list[tuple[str, tuple[float, float, float, float]]]


def rescue_text(rgb: Any, seg: Segmentation, ocr: Any) -> tuple[list[RescuedLine], list[Graphic]]:
    """OCR the text-like leftovers; return the new lines and the graphics still unexplained.

    A small picture mostly of one colour with text on it is a filled shape, a button: its text
    is read against its own fill, and when text is found the picture becomes a panel
    (``seg.regions`` gains it) so that the page gets a real button, not a picture of one."""
    pictures = [g for g in seg.graphics if g.kind == "picture"]
    groups = _text_like_groups([g.box for g in pictures])
    if not groups:
        return [], seg.graphics
    fills = {id(g): _fill(rgb, g.box, surface_color(seg.regions, seg.background, g.box))
             for g in pictures if g.box in groups}
    grounds = {g.box: fills[id(g)] for g in pictures if fills.get(id(g)) is not None}
    sheet, slots = _sheet(rgb, seg, groups, grounds)
    if sheet is None:
        return [], seg.graphics
    lines = [_map_back(line, slots) for line in ocr(sheet)]
    lines = [l for l in lines if l is not None and sum(c.isalnum() for c in l.text) >= 2]
    used = [Box(*l.box) for l in lines]
    kept = []
    for g in seg.graphics:
        inside = [b for b in used if g.kind == "picture" and b.intersection(g.box) > 0.5 * b.area]
        if fills.get(id(g)) is not None and inside:
            seg.regions.append(Region(g.box, fills[id(g)], radius=_radius(rgb, g.box, fills[id(g)])))
        elif g.kind != "picture" or not any(b.intersection(g.box) > 0.5 * g.box.area for b in used):
            kept.append(g)
    return lines, kept


def _fill(rgb: Any, box: Box, surface: tuple[int, int, int]) -> tuple[int, int, int] | None:
    """The colour filling most of a button-sized box, if one does and it is not the surface the
    box sits on (an outlined label on the bar's own colour is not a filled shape)."""
    import numpy as np

    if not (16 <= box.h <= 80 and 1.5 * box.h <= box.w <= 400):
        return None
    x0, y0, x1, y1 = box.ints()
    crop = rgb[y0:y1, x0:x1].reshape(-1, 3).astype(np.int16)
    colours, counts = np.unique(crop // 8, axis=0, return_counts=True)
    centre = colours[np.argmax(counts)] * 8 + 4
    share = float((np.abs(crop - centre).max(axis=1) <= FILL_TOL).mean())
    if share < FILLED:
        return None
    near = crop[np.abs(crop - centre).max(axis=1) <= FILL_TOL]
    fill = tuple(int(v) for v in np.median(near, axis=0))
    if max(abs(a - b) for a, b in zip(fill, surface)) <= 2 * FILL_TOL:
        return None
    return fill  # type: ignore[return-value]


def _radius(rgb: Any, box: Box, fill: tuple[int, int, int]) -> int:
    """Corner radius from the top-left corner: the diagonal run outside the fill is r(1 - 1/√2)."""
    import numpy as np

    x0, y0, _x1, _y1 = box.ints()
    steps = 0
    for d in range(min(int(box.h), int(box.w)) // 2):
        pixel = rgb[y0 + d, x0 + d].astype(np.int16)
        if np.abs(pixel - np.array(fill)).max() <= FILL_TOL:
            break
        steps += 1
    return int(round(steps / (1 - 2 ** -0.5))) if steps else 0


def _text_like_groups(boxes: list[Box]) -> list[Box]:
    """Rows of small blobs (letters, words) joined into line boxes."""
    small = sorted((b for b in boxes if 5 <= b.h <= 48 and b.w <= 30 * b.h), key=lambda b: b.x0)
    groups: list[Box] = []
    for box in small:
        for i, group in enumerate(groups):
            overlap = min(group.y1, box.y1) - max(group.y0, box.y0)
            near = box.x0 - group.x1 <= 3 * max(group.h, box.h)
            if overlap >= 0.5 * min(group.h, box.h) and near and box.h <= 2 * group.h + 4:
                groups[i] = group.union(box)
                break
        else:
            groups.append(box)
    return [g for g in groups if g.w >= 1.2 * g.h]


def _sheet(rgb: Any, seg: Segmentation, groups: list[Box],
           grounds: dict[Box, tuple[int, int, int]] | None = None) -> tuple[Any, list[tuple]]:
    """The groups' crops as black ink on white, enlarged, one under the other; ink is the
    distance from the ground (the surface under the group, or its own fill in ``grounds``)."""
    import numpy as np
    from PIL import Image

    crops, slots, y = [], [], PAD
    for group in sorted(groups, key=lambda g: (g.y0, g.x0)):
        own = (grounds or {}).get(group)
        x0, y0, x1, y1 = group.grow(-3 if own else 4).ints()  # a button: inside its edge only
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(rgb.shape[1], x1), min(rgb.shape[0], y1)
        crop = rgb[y0:y1, x0:x1].astype(np.int16)
        ground = own or surface_color(seg.regions, seg.background, group)
        bg = np.array(ground, np.int16)
        dist = np.abs(crop - bg).max(axis=2).astype(np.float32)
        ink = np.clip(dist / max(float(dist.max()), 1.0) * 1.3, 0, 1)
        grey = (255 * (1 - ink)).astype(np.uint8)
        image = Image.fromarray(grey).resize((grey.shape[1] * ZOOM, grey.shape[0] * ZOOM),
                                             Image.LANCZOS)
        if y + image.size[1] > MAX_SHEET:
            break
        crops.append((image, y))
        slots.append((y, y + image.size[1], x0, y0))
        y += image.size[1] + 2 * PAD
    if not crops:
        return None, []
    width = max(image.size[0] for image, _y in crops) + 2 * PAD
    sheet = Image.new("L", (width, y), 255)
    for image, top in crops:
        sheet.paste(image, (PAD, top))
    return sheet.convert("RGB"), slots


def _slot_of(line: Any, slots: list[tuple]) -> int | None:
    cy = (line.box[1] + line.box[3]) / 2
    return next((k for k, (top, bottom, *_rest) in enumerate(slots) if top <= cy < bottom), None)


def _map_back(line: Any, slots: list[tuple]) -> RescuedLine | None:
    cy = (line.box[1] + line.box[3]) / 2
    for top, bottom, x0, y0 in slots:
        if top <= cy < bottom:
            def back(box: Any) -> tuple[float, float, float, float]:
                return ((box[0] - PAD) / ZOOM + x0, (box[1] - top) / ZOOM + y0,
                        (box[2] - PAD) / ZOOM + x0, (box[3] - top) / ZOOM + y0)

            words = [(w[0], back(w[1])) for w in getattr(line, "words", ()) or ()]
            return RescuedLine(line.text, back(line.box), line.score, words)
    return None


DOUBT = 0.9  # OCR lines below this confidence are read again, enlarged
MAX_REREAD = 80


def reread_doubtful(rgb: Any, seg: Segmentation, lines: list[Any], ocr: Any) -> list[Any]:
    """Read low-confidence lines again from an enlarged, contrast-normalised sheet; keep the new
    reading where the engine is surer of it and it is recognisably the same line."""
    import difflib

    from .accents import keep_accents

    doubtful = sorted((l for l in lines if l.score < DOUBT), key=lambda l: l.score)[:MAX_REREAD]
    if not doubtful:
        return lines
    # In the sheet's own order (top to bottom, then left to right), so that slot k is line k.
    doubtful.sort(key=lambda l: (Box(*l.box).y0, Box(*l.box).x0))
    sheet, slots = _sheet(rgb, seg, [Box(*l.box) for l in doubtful])
    if sheet is None:
        return lines
    found: dict[int, list[RescuedLine]] = {}
    for read in ocr(sheet):
        slot = _slot_of(read, slots)
        mapped = _map_back(read, slots)
        if slot is not None and mapped is not None:
            found.setdefault(slot, []).append(mapped)
    better: dict[int, RescuedLine] = {}
    for k, line in enumerate(doubtful):
        # Only what was read on this line's own crop: a neighbour's crop that shows part of it
        # too would read that part twice ("privacy" -> "pri rivacy").
        box = Box(*line.box).grow(3)
        parts = sorted((m for m in found.get(k, []) if box.contains(Box(*m.box), 2)),
                       key=lambda m: m.box[0])
        if not parts:
            continue
        text = " ".join(m.text for m in parts)
        score = sum(m.score for m in parts) / len(parts)
        same = difflib.SequenceMatcher(None, text.lower(), line.text.lower()).ratio()
        if score > line.score + 0.03 and same >= 0.6:
            old_words = [(w[0], w[1]) for w in getattr(line, "words", ()) or ()]
            new_words = keep_accents(old_words, [w for m in parts for w in m.words])
            words = keep_unmatched(old_words, keep_spaces(old_words, new_words))
            text = " ".join(w[0] for w in words) if words else text
            better[id(line)] = RescuedLine(text, line.box, score, words)
    return [better.get(id(l), l) for l in lines]


def keep_spaces(old_words: list[Any], new_words: list[Any]) -> list[Any]:
    """``new_words`` with each word the first reading had as two or more words, the same
    letters with a space between, split as the first reading split it: the enlarged re-read
    runs table cells set close together into one word ("Francisco 59" -> "Francisco59")
    where the first pass, at the page's own scale, saw the gap. Only where the pieces spell
    the word exactly: a first pass that cut at a mark ("doudou, theme." for "doudou.theme.",
    "availability zones:" for "availability_zones:") is the one that slipped."""
    out = []
    for text, box in new_words:
        inside = [(t, b) for t, b in old_words if b[0] >= box[0] - 2 and b[2] <= box[2] + 2
                  and min(b[3], box[3]) > max(b[1], box[1])]
        if len(inside) >= 2 and "".join(t for t, _b in inside).lower() == text.lower():
            out += inside
        else:
            out.append((text, box))
    return out


def keep_unmatched(old_words: list[Any], new_words: list[Any]) -> list[Any]:
    """``new_words`` (a re-read of a line, (text, box) pairs) plus each word of the first reading
    that no re-read word lies over, in reading order. Tesseract skips words in the middle of a
    line it is otherwise surer of ("Amazon UK Amazon Germany Amazon Spain Amazon Italy" re-read as
    "Amazon UK Amazon Germany Amazon Italy", a table row losing its dates), so taking the re-read
    whole lost words the first pass had read. Marks of one character ("|", "_") are left to the
    re-read: those are what it usually drops rightly."""
    if not new_words:
        return new_words
    out = list(new_words)
    for text, box in old_words:
        if sum(c.isalnum() for c in text) < 2:
            continue
        width = box[2] - box[0]
        if any(min(box[2], b[2]) - max(box[0], b[0]) > 0.3 * min(width, b[2] - b[0])
               for _t, b in new_words):
            continue
        out.append((text, box))
    return sorted(out, key=lambda word: word[1][0])
