"""The page plan the emitters write: elements with a look (shared) and a geometry (their own).

    Plan(root=Element(...), assets={name: numpy crop}, background, width, breakpoints)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Element:
    tag: str
    kind: str  # page | stack | row | wrap | contents | text | inline | img | hr | panel | ...
    name: str = ""  # class-name stem of the look: heading-1, text, link, panel, button, ...
    parts: list[Any] | None = None  # text content: str, "\n" (a <br>) or inline Elements
    children: list[Element] = field(default_factory=list)
    look: dict[str, str] = field(default_factory=dict)
    geom: dict[str, str] = field(default_factory=dict)
    attrs: dict[str, str] = field(default_factory=dict)
    nowrap: bool = False
    media: dict[int, dict[str, str]] = field(default_factory=dict)  # screenshot width -> layout
    box: tuple[float, float, float, float] | None = None  # where it was measured (x0, y0, x1, y1)
    component: str = ""  # class of a repeated structure or its part: card, card-title (components.py)
    phone: str = ""  # bleed | inset: how the phone fallback pads this panel (phone.py)


@dataclass
class Breakpoint:
    """A narrower screenshot's media query: its layout applies from ``low`` to ``limit`` px."""

    width: int  # the screenshot's CSS width
    limit: int  # max-width of the media query (half way to the next wider screenshot)
    low: int | None = None  # min-width, where a narrower layout takes over
    height: int = 0  # the page's height at that width
    background: str = "#fff"  # the page's background at that width (colour or gradient)


@dataclass
class Plan:
    root: Element
    assets: dict[str, Any] = field(default_factory=dict)  # name -> numpy RGB crop
    background: tuple[int, int, int] = (255, 255, 255)
    width: int = 1280
    breakpoints: list[Breakpoint] = field(default_factory=list)  # narrower screenshots


def bands_gradient(bands: list[Any]) -> str | None:
    """A linear gradient for a page background that changes down the page: hard stops between
    flat bands, straight ramps where the screenshot's colour slides (segmentation.Band). Each
    band's last colour holds until the next band begins (rows between them were not measured)."""
    if len({c for band in bands for c in (band.colour, band.end)}) < 2:
        return None
    stops = []
    for i, band in enumerate(bands):
        until = f" {bands[i + 1].top}px" if i + 1 < len(bands) else ""
        if band.flat:
            stops.append(f"{hex_colour(band.colour)} {band.top if i else 0}px{until}")
            continue
        stops.append(f"{hex_colour(band.colour)} {band.top}px")
        held = until if until and bands[i + 1].top > band.bottom else ""
        stops.append(f"{hex_colour(band.end)} {band.bottom}px{held}")
    return f"linear-gradient({','.join(stops)})"


def px(value: float) -> str:
    """A CSS length in whole pixels (a person editing the page expects 18px, not 17.8px)."""
    return f"{int(round(value))}px"


def px_of(length: str | None) -> float | None:
    """16.0 for "16px" (px's inverse); None for anything else ("auto", "1rem", None)."""
    match = re.fullmatch(r"(-?\d+(?:\.\d+)?)px", length or "")
    return float(match.group(1)) if match else None


def em(value: float) -> str:
    """A length relative to the font size, two decimals (letter spacing: 0.05em)."""
    return f"{round(value, 2):g}em"


SCALE = (0, 1, 2, 4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 36, 40, 44, 48, 56, 64, 80, 96, 112,
         128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 384)  # Tailwind's spacing, in px


def snap(value: float) -> int:
    """A gap on the spacing scale when it is within a pixel of it (at most a tenth of the gap),
    otherwise the whole pixel; the flow carries the difference to the next gap. (Two pixels of
    snapping cost visible shifts: SSIM fell by .006 on the Design2Code dev pages.)"""
    nearest = min(SCALE, key=lambda s: abs(s - value))
    return nearest if abs(nearest - value) <= min(1.0, 0.1 * value) else int(round(value))


REM_STEP = 0.05  # rem: 0.8 px


def type_size(size: float) -> float:
    """The size a measured font size is written at: whole pixels, or a twentieth of a rem when
    that is closer (14.4 px is 0.9rem, as the page most likely said: rounding it to 14 px would
    make a 600 px line 17 px shorter and move what follows it)."""
    whole = float(round(size))
    rem = round(size / 16 / REM_STEP) * REM_STEP * 16
    return whole if abs(whole - size) <= abs(rem - size) + 0.1 else round(rem, 2)


def _size_css(size: float) -> str:
    return px(size) if size == int(size) else f"{round(size / 16, 2):g}rem"


def font_size(size: float) -> str:
    """Large type shrinks with narrow screens (9vw is 115 px at 1280, 35 px at 390)."""
    return f"min({_size_css(size)},9vw)" if size >= 36 else _size_css(size)


def hex_colour(rgb: tuple[int, int, int]) -> str:
    r, g, b = (min(255, max(0, int(v))) for v in rgb)  # a measured mean can round past 255
    if r % 17 == 0 and g % 17 == 0 and b % 17 == 0:
        return f"#{r // 17:x}{g // 17:x}{b // 17:x}"
    return f"#{r:02x}{g:02x}{b:02x}"



def rgb_of(colour: str) -> tuple[int, int, int] | None:
    """(r, g, b) of "#rgb" or "#rrggbb" (hex_colour's inverse); None for anything else (a
    gradient, a variable, a name)."""
    if re.fullmatch(r"#[0-9a-fA-F]{3}", colour):
        colour = "#" + "".join(c * 2 for c in colour[1:])
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        return None
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)