"""Text blocks of a screenshot, from OCR, grouped the way the DOM method groups text.

The DOM method gives one block per text-bearing element: a wrapped paragraph is one block, and
items side by side on one row (menu links, a link inside a sentence) are separate blocks. From
pixels we approximate that in two steps:
1. cut each OCR line into pieces at wide gaps between words (more than GAP_LINE_HEIGHTS line heights)
   and where the text colour changes (a link in a sentence); the text on both sides of such a link
   stays one piece, as it is one element in the DOM;
2. stack pieces into paragraphs: a piece joins the block just above it when it has the same colour
   and size, starts at the same left edge or shares the same centre, the gap between them is less
   than PARAGRAPH_GAP line heights, and its first word would not have fitted on the line above
   (text wraps only then; short lines stacked up are list items).
Each block's box is the bounding box of its glyph cores, its colour their mean (see pixels.py).
Whatever this gets wrong in grouping, the matcher's merge step partly repairs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .blocks import Block
from .metrics import ciede2000, rgb_to_lab
from .pixels import fraction_box, text_ink

GAP_LINE_HEIGHTS = 1.2
PARAGRAPH_GAP = 0.9
SAME_COLOR = 12.0  # CIEDE2000
SAME_SIZE = 1.3  # height ratio
MIN_WRAP_WIDTH = 5.0  # line heights


@dataclass
class Piece:
    text: str
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 (exclusive), pixels
    color: tuple[float, float, float]
    parts: list[tuple[int, int, int, int]] = field(default_factory=list)
    first_width: int = 0  # width of its first word

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]


def blocks_from_ocr(image: np.ndarray, lines) -> list[Block]:
    """Blocks of an RGB screenshot (numpy, H x W x 3) from its OCR lines."""
    pieces = [piece for line in lines for piece in _cut_line(image, line)]
    groups = _stack(pieces)
    height, width = image.shape[:2]
    blocks = []
    for group in groups:
        rects = [part for piece in group for part in piece.parts]
        ink = text_ink(image, rects)
        if ink.box is None:
            x0, y0 = min(r[0] for r in rects), min(r[1] for r in rects)
            x1, y1 = max(r[2] for r in rects) - 1, max(r[3] for r in rects) - 1
        else:
            x0, y0, x1, y1 = ink.box
        text = " ".join(piece.text for piece in group).lower()
        blocks.append(Block(text, fraction_box(x0, y0, x1, y1, width, height), ink.color, rects))
    return blocks


def _clip(box, image: np.ndarray) -> tuple[int, int, int, int]:
    height, width = image.shape[:2]
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    return max(0, x0), max(0, y0), min(width, max(x1, x0 + 1)), min(height, max(y1, y0 + 1))


def _color_distance(first, second) -> float:
    return float(ciede2000(rgb_to_lab(first), rgb_to_lab(second)))


def _cut_line(image: np.ndarray, line) -> list[Piece]:
    """One OCR line -> pieces, cut at wide gaps and colour changes between words."""
    words = [w for w in (line.words or ()) if w.text.strip()]
    if not words:
        box = _clip(line.box, image)
        return [Piece(line.text, box, text_ink(image, [box]).color, [box], box[2] - box[0])]
    limit = GAP_LINE_HEIGHTS * max(1.0, line.box[3] - line.box[1])
    runs: list[list[Piece]] = []  # runs of pieces with no wide gap between them
    for word in words:
        box = _clip(word.box, image)
        piece = Piece(word.text, box, text_ink(image, [box]).color, [box], box[2] - box[0])
        if not runs or box[0] - runs[-1][-1].box[2] > limit:
            runs.append([piece])
        elif _color_distance(runs[-1][-1].color, piece.color) <= SAME_COLOR:
            _extend(runs[-1][-1], piece)
        else:
            runs[-1].append(piece)
    return [piece for run in runs for piece in _rejoin(run)]


def _extend(piece: Piece, other: Piece) -> None:
    piece.text += " " + other.text
    piece.box = (min(piece.box[0], other.box[0]), min(piece.box[1], other.box[1]),
                 max(piece.box[2], other.box[2]), max(piece.box[3], other.box[3]))
    piece.parts += other.parts


def _rejoin(run: list[Piece]) -> list[Piece]:
    """Text, link, text of one colour around it: one block for the text (the DOM's parent element),
    one for the link, as the DOM method gives."""
    out: list[Piece] = []
    for piece in run:
        earlier = next((p for p in out[:-1] if _color_distance(p.color, piece.color) <= SAME_COLOR),
                       None)
        if earlier is not None:
            _extend(earlier, piece)
        else:
            out.append(piece)
    return out


def _wrapped(group: list[Piece], below: Piece) -> bool:
    """Could ``below`` be text that wrapped from the group's last line?

    A line wraps only when the next word does not fit on it: the last line plus a space plus the
    first word of ``below`` must be wider than the widest line of the paragraph so far. Lines
    shorter than MIN_WRAP_WIDTH line heights are taken as items of a list, not wrapped text.
    """
    above = group[-1]
    width = above.box[2] - above.box[0]
    column = max(max(p.box[2] - p.box[0] for p in group), below.box[2] - below.box[0])
    space = 0.25 * above.height
    return width >= MIN_WRAP_WIDTH * above.height and width + space + below.first_width > column


def _continues(group: list[Piece], below: Piece) -> bool:
    """Is ``below`` the next line of the paragraph that ``group`` is?"""
    above = group[-1]
    size = max(above.height, below.height) / max(1, min(above.height, below.height))
    gap = below.box[1] - above.box[3]
    line = max(above.height, below.height)
    left_aligned = abs(below.box[0] - above.box[0]) <= line
    centred = abs((below.box[0] + below.box[2]) - (above.box[0] + above.box[2])) / 2 <= line
    return (size <= SAME_SIZE and -0.3 * line <= gap <= PARAGRAPH_GAP * line
            and (left_aligned or centred) and _wrapped(group, below)
            and _color_distance(above.color, below.color) <= SAME_COLOR)


def _stack(pieces: list[Piece]) -> list[list[Piece]]:
    """Group pieces into paragraphs, top to bottom; each group keeps reading order."""
    groups: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.box[1], p.box[0])):
        home = None
        for group in groups:
            if _continues(group, piece):
                home = group
                break
        if home is None:
            groups.append([piece])
        else:
            home.append(piece)
    groups.sort(key=lambda g: (g[0].box[1], g[0].box[0]))
    return groups
