"""The CSS width of each screenshot: the viewport width the page had when it was taken.

A screenshot's CSS width is its pixel width divided by the device pixel ratio (``--scale``, or
the one the engine detects), unless the user names it: ``phone.png@390`` means "this picture is
the page at 390 CSS pixels", whatever its pixel size (a 1170 px phone capture is 390 at 3x).
The widest screenshot is the base layout; the others become media queries (vision/responsive.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import InputError

MIN_WIDTH, MAX_WIDTH = 200, 4096
_SUFFIX = re.compile(r"^(?P<path>.+)@(?P<width>[^@./\\]*)$")


def split_width(argument: str) -> tuple[Path, int | None]:
    """``"phone.png@390"`` -> (Path("phone.png"), 390); a plain path -> (path, None).

    A name that merely contains "@" (``shot@2x.png``) is a plain path: only an ending ``@WORD``
    without a dot is read as a width, and an existing file of that exact name wins."""
    match = _SUFFIX.match(argument)
    if match is None or Path(argument).exists():
        return Path(argument), None
    text = match.group("width")
    if not text.isdigit() or not MIN_WIDTH <= int(text) <= MAX_WIDTH:
        raise InputError(f"{argument}: expected IMAGE@WIDTH with WIDTH a whole number of CSS "
                         f"pixels from {MIN_WIDTH} to {MAX_WIDTH} (e.g. phone.png@390)")
    return Path(match.group("path")), int(text)


def css_width(pixel_width: int, width: int | None, scale: float | None) -> int | None:
    """The CSS width of one screenshot: the given one, else pixels / scale (None: unknown until
    the engine detects the scale)."""
    if width is not None:
        return width
    if scale:
        return max(1, round(pixel_width / scale))
    return None


def target_widths(images: list, widths: list[int | None] | None, scale: float | None) -> list[int]:
    """Every screenshot's CSS width for a model's prompt or a scorer: given, else pixels / scale
    (a scale not given counts as 1: models see the pixels as they are)."""
    widths = list(widths or []) + [None] * (len(images) - len(widths or []))
    return [css_width(image.width, width, scale) or image.width
            for image, width in zip(images, widths)]
