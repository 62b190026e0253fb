"""Pictures the composer draws itself (no downloads): abstract scenes, portraits and a logo in the
site's colours, and the user's own pictures re-encoded for the output folder.

Everything is deterministic: the same name and colour give the same bytes.
"""

from __future__ import annotations

import io
import random
import zlib
from typing import Any

from .colours import mix, rgb_of

PHOTO_SIZE = (800, 600)
PORTRAIT_SIZE = (480, 480)
LOGO_SIZE = (400, 400)


def _rng(name: str) -> random.Random:
    return random.Random(zlib.crc32(name.encode("utf-8")))


def _encode(image: Any, name: str) -> bytes:
    buffer = io.BytesIO()
    if name.lower().endswith(".png"):
        image.save(buffer, "PNG", optimize=True)
    else:
        image.convert("RGB").save(buffer, "JPEG", quality=80, optimize=True, progressive=True)
    return buffer.getvalue()


def _gradient(size: tuple[int, int], top: str, bottom: str) -> Any:
    from PIL import Image

    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        column.putpixel((0, y), rgb_of(mix(top, bottom, y / max(1, height - 1))))
    return column.resize(size)


def photo(name: str, colour: str) -> bytes:
    """An abstract landscape: sky gradient, a sun, layered hills in shades of ``colour``."""
    from PIL import ImageDraw

    rng = _rng(name)
    width, height = PHOTO_SIZE
    image = _gradient(PHOTO_SIZE, mix(colour, "#ffffff", 0.82), mix(colour, "#ffffff", 0.45))
    draw = ImageDraw.Draw(image)
    cx, cy, r = rng.randint(120, width - 120), rng.randint(80, 220), rng.randint(40, 80)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=rgb_of(mix("#fde68a", colour, 0.15)))
    for layer in range(3):
        base = height * (0.5 + 0.15 * layer)
        shade = mix(colour, "#000000", 0.1 + 0.2 * layer)
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base - rng.randint(0, 120 - 30 * layer)))
        points.append((width, height))
        draw.polygon(points, fill=rgb_of(shade))
    return _encode(image, name)


def portrait(name: str, colour: str) -> bytes:
    """A neutral head-and-shoulders silhouette on a tint of ``colour``."""
    from PIL import ImageDraw

    rng = _rng(name)
    width, height = PORTRAIT_SIZE
    image = _gradient(PORTRAIT_SIZE, mix(colour, "#ffffff", 0.85), mix(colour, "#ffffff", 0.65))
    draw = ImageDraw.Draw(image)
    figure = rgb_of(mix(colour, "#1f2937", 0.4 + rng.random() * 0.3))
    draw.ellipse((width * 0.33, height * 0.2, width * 0.67, height * 0.54), fill=figure)
    draw.ellipse((width * 0.15, height * 0.6, width * 0.85, height * 1.25), fill=figure)
    return _encode(image, name)


def logo(name: str, site_name: str, colour: str) -> bytes:
    """A rounded badge in ``colour`` with the site's initials (a mark when they are not Latin)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGBA", LOGO_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    width, height = LOGO_SIZE
    draw.rounded_rectangle((10, 10, width - 10, height - 10), radius=80, fill=rgb_of(colour))
    initials = "".join(w[0] for w in site_name.split() if w[:1].isascii() and w[:1].isalnum())[:3]
    ink = (255, 255, 255)
    if initials:
        font = ImageFont.load_default(size=170 if len(initials) < 3 else 120)
        box = draw.textbbox((0, 0), initials.upper(), font=font)
        x = (width - (box[2] - box[0])) / 2 - box[0]
        y = (height - (box[3] - box[1])) / 2 - box[1]
        draw.text((x, y), initials.upper(), font=font, fill=ink)
    else:
        draw.ellipse((110, 110, 290, 290), outline=ink, width=24)
        draw.ellipse((175, 175, 225, 225), fill=ink)
    return _encode(image, name)


def from_user(image: Any, name: str, max_side: int = 1600) -> tuple[bytes, tuple[int, int]]:
    """A user's picture, scaled down to ``max_side`` and re-encoded: (bytes, size)."""
    from PIL import Image

    picture = image.copy()
    picture.thumbnail((max_side, max_side))
    if not name.lower().endswith(".png") and picture.mode not in ("RGB", "L"):
        rgba = picture.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        picture = flat
    return _encode(picture, name), picture.size


def size_of(name: str) -> tuple[int, int]:
    """The size a generated picture of this name is drawn at (for width/height attributes)."""
    if name.startswith("logo"):
        return LOGO_SIZE
    if name.startswith("team"):
        return PORTRAIT_SIZE
    return PHOTO_SIZE
