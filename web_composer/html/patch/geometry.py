"""The scorer's blocks in CSS pixels, and which matched pairs are safe to act on.

Block boxes are fractions of each page's own size; the candidate is measured on its render, the
target on its screenshot (which may be a 2x capture, or a different height). Both are turned into
CSS pixels of the candidate as rendered (its render's width), the target scaled to that width.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

MIN_SIMILARITY = 0.85  # text similarity for a pair to steer layout fixes
MIN_LETTERS = 3  # letters and digits a block needs to steer layout
MAX_DRIFT = 300.0  # px: pairs further apart vertically are matched to another copy
MAX_HEIGHT_RATIO = 1.6  # one-line boxes of the same text differing more in height are suspect
PREFIX = 10  # characters whose agreement shows the two blocks start on the same line


@dataclass
class PixelBlock:
    """A scorer block in CSS pixels of the candidate's render, with its line extents."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    lines: list[tuple[float, float]] = field(default_factory=list)  # (top, bottom) per line
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def pitch(self) -> float | None:
        """The distance between consecutive line centres (the line height), for 2+ lines."""
        if len(self.lines) < 2:
            return None
        centres = [(top + bottom) / 2 for top, bottom in self.lines]
        return (centres[-1] - centres[0]) / (len(centres) - 1)

    @property
    def line_box(self) -> float:
        """The typical height of one line's rectangle (word or line box)."""
        return statistics.median(bottom - top for top, bottom in self.lines) if self.lines else 0


def to_box(block: Any, width: float, height: float, scale: float = 1.0) -> PixelBlock:
    """A Block in CSS px: ``width`` x ``height`` is its page in image pixels, ``scale`` the CSS px
    per image pixel."""
    x, y, w, h = block.box
    rects = [tuple(v * scale for v in rect) for rect in block.rects]
    return PixelBlock(block.text, x * width * scale, y * height * scale, (x + w) * width * scale,
               (y + h) * height * scale, _lines(rects), tuple(block.color))


def _lines(rects: list[tuple[float, ...]]) -> list[tuple[float, float]]:
    """Rectangles grouped into text lines: a rectangle whose vertical centre falls inside a line
    joins it."""
    lines: list[list[float]] = []
    for x0, y0, x1, y1 in sorted(rects, key=lambda r: (r[1], r[0])):
        centre = (y0 + y1) / 2
        for line in lines:
            if line[0] <= centre <= line[1]:
                line[0], line[1] = min(line[0], y0), max(line[1], y1)
                break
        else:
            lines.append([y0, y1])
    return [(top, bottom) for top, bottom in sorted(lines)]


@dataclass
class Target:
    """The target screenshot: its pixels (RGB array), and CSS px per pixel at the candidate's
    width."""

    image: Any
    scale: float

    @property
    def size(self) -> tuple[int, int]:
        return int(self.image.shape[1]), int(self.image.shape[0])

    @classmethod
    def of(cls, picture: Any, scores: Any) -> Target | None:
        if picture is None:
            return None
        import numpy as np

        image = np.asarray(picture.convert("RGB") if hasattr(picture, "convert") else picture)
        cand = scores.candidate_image
        width = cand.shape[1] if cand is not None else image.shape[1]
        return cls(image, width / image.shape[1])


@dataclass
class Pair:
    cand_index: int
    ref_index: int
    similarity: float
    cand: PixelBlock
    ref: PixelBlock

    @property
    def dy(self) -> float:
        """How far the target has the block lower: by the centres of one-line blocks (the top of
        the ink depends on which letters rise), by the tops of longer ones (they may wrap
        differently)."""
        if len(self.cand.lines) == len(self.ref.lines) == 1:
            return (self.ref.y0 + self.ref.y1 - self.cand.y0 - self.cand.y1) / 2
        return self.ref.y0 - self.cand.y0

    @property
    def dx(self) -> float:
        return self.ref.x0 - self.cand.x0

    @property
    def same_start(self) -> bool:
        """Whether both texts begin with the same two characters: only then are their left edges
        comparable (a list marker OCR read into the text, or a first glyph it missed, moves the
        left edge of the ink without the block being anywhere else)."""
        first, second = (" ".join(b.text.split()).lower()[:2] for b in (self.cand, self.ref))
        return bool(first) and first == second


@dataclass
class Frame:
    """Both pages' sizes: the candidate's render in CSS px, the target screenshot in pixels."""

    cand_w: float
    cand_h: float
    ref_w: float
    ref_h: float

    @property
    def scale(self) -> float:
        """CSS px per target pixel: the target is compared at the candidate's width."""
        return self.cand_w / self.ref_w

    @classmethod
    def of(cls, scores: Any, target_size: tuple[int, int] | None) -> Frame:
        image = scores.candidate_image
        cand_h, cand_w = (image.shape[0], image.shape[1]) if image is not None else (1000, 1280)
        ref_w, ref_h = target_size or _estimate_size(scores.reference_blocks, cand_w, cand_h)
        return cls(float(cand_w), float(cand_h), float(ref_w), float(ref_h))


def pixel_pairs(scores: Any, frame: Frame) -> list[Pair]:
    """Every matched pair in CSS px, in the candidate's document order."""
    pairs = []
    for i, j, sim in sorted(scores.matches):
        cand = to_box(scores.candidate_blocks[i], frame.cand_w, frame.cand_h)
        ref = to_box(scores.reference_blocks[j], frame.ref_w, frame.ref_h, frame.scale)
        pairs.append(Pair(i, j, sim, cand, ref))
    return pairs


def reference_boxes(scores: Any, frame: Frame) -> list[PixelBlock]:
    return [to_box(block, frame.ref_w, frame.ref_h, frame.scale)
            for block in scores.reference_blocks]


def candidate_boxes(scores: Any, frame: Frame) -> list[PixelBlock]:
    return [to_box(block, frame.cand_w, frame.cand_h) for block in scores.candidate_blocks]


def _estimate_size(blocks: list[Any], fallback_w: int, fallback_h: int) -> tuple[float, float]:
    """The target's size in pixels from its blocks (pixel rectangles against normalised boxes)."""
    widths, heights = [], []
    for block in blocks:
        if not block.rects:
            continue
        x, y, w, h = block.box
        cx = sum((r[0] + r[2]) / 2 for r in block.rects) / len(block.rects)
        cy = sum((r[1] + r[3]) / 2 for r in block.rects) / len(block.rects)
        if x + w / 2 > 0.05:
            widths.append(cx / (x + w / 2))
        if y + h / 2 > 0.05:
            heights.append(cy / (y + h / 2))
    return (statistics.median(widths) if widths else fallback_w,
            statistics.median(heights) if heights else fallback_h)


def _prefix_agrees(first: str, second: str) -> bool:
    a, b = first[:PREFIX], second[:PREFIX]
    if not a or not b:
        return False
    if a.startswith(b) or b.startswith(a):
        return True
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio() >= 0.7


def reliable(pairs: list[Pair], scores: Any) -> list[Pair]:
    """Pairs safe to steer layout: near-identical texts that start alike, texts that occur once on
    each side (a repeated label may be matched to the wrong copy), boxes within reach of each
    other and, for one-line blocks, boxes of about the same height."""
    from collections import Counter

    cand_counts = Counter(" ".join(b.text.split()) for b in scores.candidate_blocks)
    ref_counts = Counter(" ".join(b.text.split()) for b in scores.reference_blocks)
    out = []
    for pair in pairs:
        cand_text = " ".join(pair.cand.text.split())
        ref_text = " ".join(pair.ref.text.split())
        if pair.similarity < MIN_SIMILARITY or not _prefix_agrees(cand_text, ref_text):
            continue
        if sum(ch.isalnum() for ch in cand_text) < MIN_LETTERS:
            continue  # a number or a glyph: too easily matched to the wrong place
        if cand_counts[cand_text] > 1 or ref_counts[ref_text] > 1:
            continue
        if abs(pair.dx) > max(48.0, 0.5 * max(pair.cand.width, pair.ref.width)):
            continue
        if abs(pair.dy) > MAX_DRIFT:
            continue  # a copy of the text somewhere else on the page
        low, high = sorted((pair.cand.height, pair.ref.height))
        tall = high / max(1.0, low)
        if len(pair.cand.lines) == len(pair.ref.lines) == 1 and tall > MAX_HEIGHT_RATIO:
            continue  # one line each, yet one box far taller: it took in something else
        out.append(pair)
    return out


def above(pair: Pair, pairs: list[Pair]) -> Pair | None:
    """The pair whose candidate block sits nearest above this one's, overlapping it horizontally
    (what the block's vertical place follows in the page's flow); failing that, the nearest above
    anywhere across the page."""
    best, best_key = None, None
    for other in pairs:
        if other is pair:
            continue
        c, o = pair.cand, other.cand
        overlap = min(c.x1, o.x1) - max(c.x0, o.x0)
        key = (overlap > 0, o.y1)
        if o.y1 <= c.y0 + 2 and (best_key is None or key > best_key):
            best, best_key = other, key
    return best
