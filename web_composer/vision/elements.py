"""The small typed values the screenshot engine passes between its stages.

    segmentation  ->  Region (panels with a background), Graphic (pictures, icons, rules)
    styles        ->  TextLine (OCR text + measured font, colour and ink geometry)
    layout        ->  Node tree (stacks, rows, panels, leaves) -> emit

All coordinates are screenshot pixels at 1x (after any retina downscale), ``Box`` is half-open
``[x0, x1) x [y0, y1)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def w(self) -> float:
        return self.x1 - self.x0

    @property
    def h(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def area(self) -> float:
        return max(0.0, self.w) * max(0.0, self.h)

    def union(self, other: Box) -> Box:
        return Box(min(self.x0, other.x0), min(self.y0, other.y0),
                   max(self.x1, other.x1), max(self.y1, other.y1))

    def intersection(self, other: Box) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0

    def contains(self, other: Box, slack: float = 0.0) -> bool:
        return (other.x0 >= self.x0 - slack and other.y0 >= self.y0 - slack
                and other.x1 <= self.x1 + slack and other.y1 <= self.y1 + slack)

    def shift(self, dx: float, dy: float) -> Box:
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    def grow(self, d: float) -> Box:
        return Box(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)

    def ints(self) -> tuple[int, int, int, int]:
        return int(round(self.x0)), int(round(self.y0)), int(round(self.x1)), int(round(self.y1))


def walk(tree: Any):
    """Every node of a tree (a layout Node or an emitted Element: both hold ``children``),
    parent before children, depth first."""
    yield tree
    for child in tree.children:
        yield from walk(child)


def union_all(boxes: list[Box]) -> Box:
    out = boxes[0]
    for box in boxes[1:]:
        out = out.union(box)
    return out


@dataclass
class Font:
    family: str  # a key of fonts.FAMILIES: "sans", "serif", "dejavu-sans", "dejavu-serif", "mono"
    size: float  # CSS px
    weight: int = 400
    italic: bool = False
    spacing: float = 0.0  # letter-spacing in px


@dataclass
class TextLine:
    """One line of text: OCR text, its ink box and its measured style."""

    text: str
    box: Box  # tight ink box
    baseline: float  # y of the baseline
    font: Font
    color: RGB
    background: RGB
    score: float = 1.0
    underline: bool = False
    runs: list[tuple[str, RGB]] | None = None  # differently coloured stretches (inline links)
    marker: str = ""  # drawn left of the line (markers.py): disc, circle, square, checkbox:S:G

    @property
    def size(self) -> float:
        return self.font.size


@dataclass
class Region:
    """A rectangle with its own background: a bar, panel, card, button or a picture behind text."""

    box: Box
    color: RGB | None  # solid background colour; None when ``image`` paints it
    border: tuple[int, RGB] | None = None  # (width px, colour)
    radius: int = 0
    image: Any = None  # numpy crop (text inpainted) for a textured background
    depth: int = 0
    shadow: str | None = None  # CSS box-shadow measured outside the edges (surfaces.py)


@dataclass
class Graphic:
    """A non-text thing: a picture or icon (cropped into assets/) or a solid rule/shape."""

    box: Box
    kind: str  # "picture" | "rule" | "shape"
    color: RGB | None = None  # rules and shapes
    image: Any = None  # numpy crop for pictures


@dataclass
class Node:
    """The layout tree the emitters walk.

    kind: "page" | "stack" (children top to bottom) | "row" (children left to right) | "panel"
    (a Region with one child) | "text" (a paragraph: ``lines``) | "picture" | "rule" | "shape".
    """

    kind: str
    box: Box
    children: list[Node] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)
    region: Region | None = None
    graphic: Graphic | None = None
    role: str = ""  # semantic tag chosen by roles.py: h1..h6, p, li, a, button, nav, header, ...
    info: dict[str, Any] = field(default_factory=dict)  # emitter hints (asset name, alignment)
