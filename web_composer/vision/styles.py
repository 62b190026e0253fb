"""Measuring text lines: ink box, colour, background, font family, size, weight and baseline.

    lines = measure_lines(rgb, ocr_lines, segmentation)    # -> list[TextLine]

An OCR line that spans a wide gap (a nav bar read as one line) is split at the gap first, so
each item becomes its own element. The font is fitted to the ink (fonts.score_candidate), and
lines of one style settle on one family and size together (typography.choose_fonts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from . import fonts
from .elements import RGB, Box, Font, TextLine
from .segmentation import Segmentation, surface_color
from .typography import choose_fonts, unify_colours

INK = 40  # channel difference from the background that counts as ink
_JUNK = re.compile(r"^(?:[\W_]{2,}|[|_~=])$")  # OCR noise "words": rules, icons, separators
# An icon before a label comes out of OCR as a stray token ("+ About us", "0 Home", "fl Search").
_ICON_LEAD = re.compile(r"^(?:[+©®*@#¢=<>|—°]|[0oe]|fl|88)\s+(?=[A-Za-z])")
_TRAIL = re.compile(r"\s+[—|»›\-–]$")
_BLANKS = re.compile(r"__+|(?<![\w])_+|_+(?![\w])")  # fill-in underlines read as underscores


@dataclass
class _Piece:
    text: str
    box: Box  # OCR box (loose)
    score: float


def measure_lines(rgb: Any, ocr_lines: list[Any], seg: Segmentation) -> list[TextLine]:
    pieces = _join_touching([p for line in ocr_lines for p in split_line(rgb, line, seg)])
    pieces = [_Piece(clean_text(p.text), p.box, p.score) for p in pieces]
    pieces = [p for p in pieces if p.text]
    measured = [m for m in (_measure_ink(rgb, p, seg) for p in pieces) if m is not None]
    fits = choose_fonts([replace(m, ink=collapse_gaps(m.ink)) for m in measured],
                        fonts.available_families())
    lines = [_to_line(m, fit) for m, fit in zip(measured, fits)]
    unify_colours(lines)
    return lines


@dataclass
class _Measured:
    text: str
    box: Box  # tight ink box (underline excluded)
    ink: Any  # float array over box
    color: RGB
    background: RGB
    score: float
    underline: bool
    runs: list[tuple[str, RGB]] | None = None


WIDE_GAP = 0.9  # an empty run wider than this many ink heights is no word space ...
SPACE = 0.3  # ... and is fitted as a space of this many heights


def collapse_gaps(ink: Any) -> Any:
    """The ink with every gap far wider than a word space (table cells read as one line, a
    label and its value) narrowed to a space. The font is fitted to what the text's own
    spaces explain; wide gaps would make a wide face (a monospace) look right."""
    import numpy as np

    h = ink.shape[0]
    inked = np.flatnonzero((ink > 0.2).any(axis=0))
    if len(inked) < 2:
        return ink
    keep = np.ones(ink.shape[1], bool)
    for a, b in zip(inked, inked[1:]):
        if b - a - 1 > WIDE_GAP * h:
            keep[a + 1 + max(1, round(SPACE * h)):b] = False
    return ink if keep.all() else ink[:, keep]


def _join_touching(pieces: list[_Piece]) -> list[_Piece]:
    """Join pieces of one row that touch or overlap (an OCR line read in two parts)."""
    pieces = sorted(pieces, key=lambda p: p.box.x0)
    out: list[_Piece] = []
    for piece in pieces:
        for i, other in enumerate(out):
            a, b = other.box, piece.box
            overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
            if overlap >= 0.6 * min(a.h, b.h) and b.x0 - a.x1 < 0.3 * min(a.h, b.h):
                out[i] = _Piece(f"{other.text} {piece.text}", a.union(b),
                                min(other.score, piece.score))
                break
        else:
            out.append(piece)
    return sorted(out, key=lambda p: (p.box.y0, p.box.x0))


SPACED_ITEMS = 1.3  # line heights: the gap between one-word items in a row without word spaces


def split_line(rgb: Any, line: Any, seg: Segmentation) -> list[_Piece]:
    """Cut an OCR line at gaps wider than ~1.6 line heights (separate items on one row)."""
    box = Box(*line.box)
    words = getattr(line, "words", None)
    if words:
        return _split_words(line.text, words, box, line.score)
    return _split_ink(rgb, line.text, box, line.score, seg)


def _split_words(text: str, words: list[tuple[str, Any]], box: Box, score: float) -> list[_Piece]:
    """Cut where the gap between two words is far wider than the line's other gaps (separate
    items on one row); evenly wide gaps are justified text and stay one line."""
    words = [(w, Box(*b)) for w, b in words if not _JUNK.match(w)] or \
        [(w, Box(*b)) for w, b in words]
    height = _word_height([b.h for _w, b in words])
    gaps = [b.x0 - a.x1 for (_w, a), (_v, b) in zip(words, words[1:])]
    # the narrowest gap is a word space, unless even it is too wide for one in a short row (of
    # one-word items such as "Menu  Story  Visit"): then a space is what the height makes likely
    short = len(words) <= 6
    spaced = bool(gaps) and short and min(gaps) >= 0.8 * height
    plain = 0.35 * height if spaced else min(gaps or [0])
    usual = max(plain, 0.25 * height) if len(gaps) >= 2 else height * 0.4
    # In a short row with no gap as narrow as a word space, the words' own spaces measure up to
    # 1.2 heights (monospace code, "Art Direction:"), a menu's item gaps from 1.3 on (a Bootstrap
    # navbar's "About Services Contact": 1.4); on the dev pages and designs, nothing else lies
    # between 1.3 and 1.5
    limit = max(SPACED_ITEMS * height if spaced else 1.5 * height, 3.0 * usual)
    groups: list[list[tuple[str, Box]]] = [[words[0]]]
    for gap, word in zip(gaps, words[1:]):
        if gap > limit or gap >= 2.2 * height:
            groups.append([])
        groups[-1].append(word)
    if len(groups) == 1:
        return [_piece_of(groups[0], score)]
    # a part set much smaller than the line (a nav beside a big logo) is cut again at its own
    # scale of gaps
    return [piece for group in groups
            for piece in (_split_words(" ".join(w for w, _b in group),
                                       [(w, (b.x0, b.y0, b.x1, b.y1)) for w, b in group],
                                       box, score)
                          if len(group) > 1 and max(b.h for _w, b in group) < 0.75 * height
                          else [_piece_of(group, score)])]


MIXED_SIZES = 1.5  # a line whose tallest word is this many times its usual one mixes sizes


def _word_height(heights: list[float]) -> float:
    """The height gaps are measured against: the tallest word's, unless the line starts with
    words set much bigger than the rest (a brand name before its navbar's row of small items):
    then the usual word's, so that the items' gaps, wide for their size, still part them.
    Tall words elsewhere in a line (underlined answers, a bold run) change nothing."""
    usual = sorted(heights)[len(heights) // 2]
    tall = [h > MIXED_SIZES * usual for h in heights]
    lead = tall.index(False) if False in tall else len(tall)
    return usual if lead and not any(tall[lead:]) else max(heights)


def clean_text(text: str) -> str:
    """Drop OCR noise that is never page text: icon tokens before a label, a trailing separator,
    runs of underscores where the page had underlined blanks."""
    text = _BLANKS.sub(" ", text)
    text = _ICON_LEAD.sub("", text.strip())
    text = _TRAIL.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def _piece_of(group: list[tuple[str, Box]], score: float) -> _Piece:
    if len(group) > 1 and _ICON_LEAD.match(f"{group[0][0]} {group[1][0]}"):
        group = group[1:]  # the icon's box goes with its token
    box = group[0][1]
    for _w, b in group[1:]:
        box = box.union(b)
    return _Piece(" ".join(w for w, _b in group), box, score)


def _split_ink(rgb: Any, text: str, box: Box, score: float, seg: Segmentation) -> list[_Piece]:
    import numpy as np

    x0, y0, x1, y1 = _clip(box, rgb.shape)
    crop = rgb[y0:y1, x0:x1].astype(np.int16)
    if crop.size == 0 or " " not in text:
        return [_Piece(text, box, score)]
    bg = np.array(surface_color(seg.regions, seg.background, box), np.int16)
    cols = np.nonzero((np.abs(crop - bg).max(axis=2) > INK).any(axis=0))[0]
    if len(cols) < 2:
        return [_Piece(text, box, score)]
    gaps = np.diff(cols)
    cuts = [i for i in np.nonzero(gaps > 1.6 * box.h)[0]]
    if not cuts:
        return [_Piece(text, box, score)]
    return _cut_text(text, box, score, [(x0 + cols[i] + 1, x0 + cols[i + 1]) for i in cuts],
                     x0 + cols[0], x0 + cols[-1] + 1)


def _cut_text(text: str, box: Box, score: float, gaps: list[tuple[int, int]], left: int,
              right: int) -> list[_Piece]:
    """Divide ``text`` at the spaces whose predicted x (by font advance) falls in each gap."""
    total = fonts.advance(fonts.DEFAULT_FAMILY, 400, text, 1.0) or 1.0
    scale = (right - left) / total
    spaces = [i for i, c in enumerate(text) if c == " "]
    pieces, start, prev_x = [], 0, left
    for g0, g1 in gaps:
        mid = (g0 + g1) / 2
        best = min(spaces, key=lambda i: abs(left + fonts.advance(fonts.DEFAULT_FAMILY, 400,
                                                                  text[:i], 1.0) * scale - mid))
        if best <= start:
            continue
        pieces.append(_Piece(text[start:best].strip(), Box(prev_x, box.y0, g0, box.y1), score))
        start, prev_x = best + 1, g1
    pieces.append(_Piece(text[start:].strip(), Box(prev_x, box.y0, right, box.y1), score))
    return [p for p in pieces if p.text]


def _clip(box: Box, shape: tuple[int, ...], grow: int = 0) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box.grow(grow).ints()
    return max(0, x0), max(0, y0), min(shape[1], x1), min(shape[0], y1)


def _measure_ink(rgb: Any, piece: _Piece, seg: Segmentation) -> _Measured | None:
    import numpy as np

    x0, y0, x1, y1 = _clip(Box(piece.box.x0 - 3, piece.box.y0 - 1, piece.box.x1 + 3,
                               piece.box.y1 + 1), rgb.shape)
    crop = rgb[y0:y1, x0:x1].astype(np.int16)
    if crop.shape[0] < 3 or crop.shape[1] < 3:
        return None
    ground = _picture_ground(seg, (x0, y0, x1, y1))
    if ground is not None:  # text over a picture: ink is what differs from the picture itself
        bg = tuple(int(v) for v in np.median(ground.reshape(-1, 3), axis=0))
        dist = np.abs(crop - ground).max(axis=2)
    else:
        bg = _local_background(crop, surface_color(seg.regions, seg.background, piece.box))
        dist = np.abs(crop - np.array(bg, np.int16)).max(axis=2)
    band = _main_band(dist > INK)
    if band is None:
        return None
    r0, r1, c0, c1 = band
    crop, dist = crop[r0:r1, c0:c1], dist[r0:r1, c0:c1]
    spans = _colour_spans(crop, dist)
    ink = np.zeros(dist.shape, np.float32)
    for a, b, colour in spans:
        reach = float(np.abs(np.array(colour) - np.array(bg)).max()) or 1.0
        ink[:, a:b] = np.clip(dist[:, a:b] / reach, 0, 1)
    ink, underline = _strip_underline(ink)
    h, w = ink.shape
    box = Box(x0 + c0, y0 + r0, x0 + c0 + w, y0 + r0 + h)
    runs = _runs(piece.text, spans, w) if len(spans) > 1 else None
    if runs:
        colour = max(runs, key=lambda r: len(r[0]))[1]
    else:
        colour = _text_colour(crop, dist)
    return _Measured(piece.text, box, ink, colour, bg, piece.score, underline, runs=runs)


def _picture_ground(seg: Segmentation, window: tuple[int, int, int, int]) -> Any:
    """Under a text crop that lies on a picture backdrop: that picture with its text painted out
    (the backdrop's own pixels), as int16; else None."""
    import numpy as np

    x0, y0, x1, y1 = window
    box = Box(x0, y0, x1, y1)
    holders = [r for r in seg.regions if r.image is not None and r.box.contains(box, 2)]
    if not holders:
        return None
    region = min(holders, key=lambda r: r.box.area)
    if any(r.color is not None and r.box.contains(box, 2) and region.box.contains(r.box)
           for r in seg.regions):
        return None  # on a solid panel that itself sits on the picture
    rx, ry = int(region.box.x0), int(region.box.y0)
    patch = region.image[max(0, y0 - ry):y1 - ry, max(0, x0 - rx):x1 - rx]
    if patch.shape[:2] != (y1 - y0, x1 - x0):
        return None
    return patch.astype(np.int16)


def _colour_spans(crop: Any, dist: Any) -> list[tuple[int, int, RGB]]:
    """Column spans of one text colour: words are cut at gaps, neighbours of one colour joined."""
    cols = (dist > INK).any(axis=0)
    gap = max(3, int(dist.shape[0] * 0.25))
    words, start, empty = [], None, 0
    for i, on in enumerate(list(cols) + [False] * gap):
        if on:
            if start is None:
                start = i
            empty = 0
        elif start is not None:
            empty += 1
            if empty >= gap:
                words.append((start, i - empty + 1))
                start, empty = None, 0
    spans: list[tuple[int, int, RGB]] = []
    for a, b in words:
        colour = _text_colour(crop[:, a:b], dist[:, a:b])
        if spans and max(abs(p - q) for p, q in zip(spans[-1][2], colour)) <= 48:
            spans[-1] = (spans[-1][0], b, spans[-1][2])
        else:
            spans.append((a, b, colour))
    return spans or [(0, dist.shape[1], _text_colour(crop, dist))]


def _runs(text: str, spans: list[tuple[int, int, RGB]], width: int
          ) -> list[tuple[str, RGB]] | None:
    """Split ``text`` where the colour changes (at the space nearest each colour boundary)."""
    words = text.split(" ")
    if len(words) < 2:
        return None
    cuts = [(spans[i][1] + spans[i + 1][0]) / 2 / width for i in range(len(spans) - 1)]
    total = fonts.advance(fonts.DEFAULT_FAMILY, 400, text, 1.0) or 1.0
    starts, pos = [], 0
    for word in words:
        starts.append(fonts.advance(fonts.DEFAULT_FAMILY, 400, text[:pos], 1.0) / total)
        pos += len(word) + 1
    bounds = sorted({min(range(1, len(words)), key=lambda k: abs(starts[k] - c)) for c in cuts})
    runs, prev = [], 0
    for k, (a, b, colour) in zip(bounds + [len(words)], spans):
        if k > prev:
            runs.append((" ".join(words[prev:k]), colour))
        prev = k
    merged: list[tuple[str, RGB]] = []
    for part, colour in runs:
        if merged and max(abs(p - q) for p, q in zip(merged[-1][1], colour)) <= 48:
            merged[-1] = (merged[-1][0] + " " + part, merged[-1][1])
        else:
            merged.append((part, colour))
    return merged if len(merged) > 1 else None


def _main_band(mask: Any) -> tuple[int, int, int, int] | None:
    """Rows and columns of the line's ink: the tallest run of inked rows, plus small detached
    runs right next to it (dots of i, accents); ink of neighbouring lines is cut off."""
    import numpy as np

    rows = mask.any(axis=1)
    if mask.sum() < 4:
        return None
    runs, start = [], None
    for i, on in enumerate(list(rows) + [False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            runs.append((start, i, int(mask[start:i].sum())))
            start = None
    main = max(runs, key=lambda r: r[2])
    r0, r1 = main[0], main[1]
    for a, b, n in runs:
        small = (b - a) <= 0.45 * (main[1] - main[0])
        if small and 0 < main[0] - b <= 2:
            r0 = min(r0, a)
        if small and 0 < a - main[1] <= 2:
            r1 = max(r1, b)
    cols = np.nonzero(mask[r0:r1].any(axis=0))[0]
    return r0, r1, int(cols[0]), int(cols[-1]) + 1


def _text_colour(crop: Any, dist: Any) -> RGB:
    """The colour of the glyph cores: the pixels farthest from the background."""
    import numpy as np

    top = float(np.percentile(dist, 99.5))
    core = dist >= 0.9 * top
    return tuple(int(round(v)) for v in np.median(crop[core], axis=0))  # type: ignore[return-value]


def _local_background(crop: Any, fallback: RGB) -> RGB:
    """The most common colour on the crop's edge (text over pictures has no panel colour)."""
    import numpy as np

    edge = np.concatenate([crop[0], crop[-1], crop[:, 0], crop[:, -1]])
    keys = (edge[:, 0] // 8) * 1024 + (edge[:, 1] // 8) * 32 + edge[:, 2] // 8
    values, counts = np.unique(keys, return_counts=True)
    if counts.max() < 0.5 * len(edge):
        return fallback
    chosen = edge[keys == values[np.argmax(counts)]]
    return tuple(int(v) for v in np.median(chosen, axis=0))  # type: ignore[return-value]


def _strip_underline(ink: Any) -> tuple[Any, bool]:
    """Remove a full-width line of ink at the bottom (an underline); say whether there was one."""
    h = ink.shape[0]
    if h < 6:
        return ink, False
    rows = (ink > 0.5).mean(axis=1)
    bottom = h - 1
    while bottom > h * 0.6 and rows[bottom] >= 0.85:
        bottom -= 1
    if bottom == h - 1:
        return ink, False
    gap = bottom
    while gap > h * 0.5 and rows[gap] < 0.02:
        gap -= 1
    return ink[:gap + 1], True


def _to_line(m: _Measured, fit: fonts.FontFit) -> TextLine:
    _adv, _left, _top, _right, bottom = fonts.text_metrics(fit.family, fit.weight, m.text)
    baseline = m.box.y1 - bottom * fit.size
    font = Font(fit.family, fit.size, fit.weight, spacing=fit.spacing)
    colour, runs = m.color, m.runs
    if runs and fit.weight < 350 and _one_ink(runs, m.background):
        colour, runs = _darkest(runs, m.background), None
    return TextLine(m.text, m.box, baseline, font, colour, m.background, m.score, m.underline,
                    runs)


def _one_ink(runs: list[tuple[str, RGB]], ground: RGB) -> bool:
    """A light face's thin strokes never reach their full colour, and how far they get differs
    from word to word: its runs are one ink when each is the darkest one blended with the
    ground (on the line between the two colours), not another hue."""
    import numpy as np

    ink = np.array(_darkest(runs, ground), float)
    away = ink - np.array(ground, float)
    reach = float((away * away).sum())
    if reach < 1:
        return False
    for _text, colour in runs:
        off = np.array(colour, float) - np.array(ground, float)
        t = float((off * away).sum()) / reach  # how far along from the ground to the ink
        if not 0.3 <= t <= 1.05 or float(np.abs(off - t * away).max()) > 16:
            return False
    return True


def _darkest(runs: list[tuple[str, RGB]], ground: RGB) -> RGB:
    """The run colour farthest from the ground."""
    return max((c for _t, c in runs), key=lambda c: sum(abs(a - b) for a, b in zip(c, ground)))
