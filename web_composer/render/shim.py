"""The offline shim: what a rendered page gets instead of the CDN files and placeholder pictures.

:func:`resolve` maps a URL to a local response (Tailwind 2.x CSS, the Tailwind Play CDN script, or
a generated placeholder picture of the size the URL asks for) or to None, meaning "block it".
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

from . import vendor


@dataclass(frozen=True)
class ShimResponse:
    content_type: str
    body: bytes
    kind: str  # "tailwind-css" | "tailwind-play" | "placeholder"


_TAILWIND2_CSS = re.compile(
    r"^https?://(?:cdn\.jsdelivr\.net/npm|unpkg\.com)/tailwindcss(?:@(?P<v>[^/]+))?/dist/"
    r"(?P<file>[\w-]+?)(?:\.min)?\.css$"
    r"|^https?://cdnjs\.cloudflare\.com/ajax/libs/tailwindcss/(?P<v2>[^/]+)/"
    r"(?P<file2>[\w-]+?)(?:\.min)?\.css$"
)
_PLAY_CDN = re.compile(r"^https?://cdn\.tailwindcss\.com(?:/[\d.]*)?/?(?:\?.*)?$")
MAX_PLACEHOLDER_SIDE = 4096


def resolve(url: str) -> ShimResponse | None:
    """The local stand-in for ``url``, or None when the request must be blocked."""
    match = _TAILWIND2_CSS.match(url)
    if match:
        version = match.group("v") or match.group("v2") or "2"
        name = match.group("file") or match.group("file2")
        if not version.lstrip("^~").startswith("2"):
            return None
        path = vendor.asset_path(vendor.TAILWIND2, f"{name}.min.css")
        if path is None:
            return None
        return ShimResponse("text/css; charset=utf-8", path.read_bytes(), "tailwind-css")
    if _PLAY_CDN.match(url):
        path = vendor.asset_path(vendor.TAILWIND_PLAY, "tailwindcss.js")
        if path is None:
            return None
        return ShimResponse("application/javascript", path.read_bytes(), "tailwind-play")
    size = placeholder_size(url)
    if size is not None:
        return ShimResponse("image/png", placeholder_png(*size, seed=url), "placeholder")
    return None


def _wh(text: str) -> tuple[int, int] | None:
    """'600x400', '600X400' or '600' (square) -> (w, h)."""
    m = re.fullmatch(r"(\d{1,5})(?:[xX×](\d{1,5}))?", text)
    if not m:
        return None
    w = int(m.group(1))
    return w, int(m.group(2) or w)


def placeholder_size(url: str) -> tuple[int, int] | None:
    """The picture size a placeholder-service URL asks for, or None if it is not one."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    segs = [s for s in parts.path.split("/") if s]
    size: tuple[int, int] | None = None
    if host in {"picsum.photos", "i.picsum.photos"}:
        if segs[:1] == ["seed"] and len(segs) >= 2:
            segs = segs[2:]
        elif segs[:1] == ["id"] and len(segs) >= 2:
            segs = segs[2:]
        nums = [int(re.sub(r"\.\w+$", "", s)) for s in segs[:2] if re.fullmatch(r"\d+(\.\w+)?", s)]
        if nums:
            size = (nums[0], nums[1] if len(nums) > 1 else nums[0])
        else:
            size = (800, 600)
    elif host in {"placehold.co", "via.placeholder.com", "placeholder.com", "dummyimage.com"}:
        first = re.sub(r"\.\w+$", "", segs[0]) if segs else ""
        size = _wh(first) or (300, 150)
    elif host == "source.unsplash.com":
        found = next((_wh(s) for s in segs if _wh(s)), None)
        size = found or (1080, 720)
    elif host == "placekitten.com" or host == "loremflickr.com":
        nums = [int(s) for s in segs if s.isdigit()]
        size = (nums[0], nums[1] if len(nums) > 1 else nums[0]) if nums else (400, 300)
    else:
        query = parse_qs(parts.query)
        if host == "images.unsplash.com" and "w" in query:
            w = int(query["w"][0]) if query["w"][0].isdigit() else 1080
            h = int(query["h"][0]) if "h" in query and query["h"][0].isdigit() else w * 2 // 3
            size = (w, h)
        elif host == "images.unsplash.com":
            size = (1080, 720)
    if size is None:
        return None
    w, h = (max(1, min(MAX_PLACEHOLDER_SIDE, v)) for v in size)
    return w, h


@lru_cache(maxsize=256)
def placeholder_png(width: int, height: int, seed: str = "") -> bytes:
    """A neutral picture of the requested size: a soft two-tone landscape with its size written on it."""
    from PIL import Image, ImageDraw

    digest = hashlib.sha256(seed.encode()).digest()
    hue_shift = digest[0] % 40
    sky = (203 - hue_shift // 2, 213 - hue_shift // 4, 225)
    land = (148 - hue_shift // 2, 163, 184 - hue_shift // 2)
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.62)
    draw.polygon([(0, height), (0, horizon), (width * 0.35, height * 0.42), (width * 0.6, horizon),
                  (width * 0.8, height * 0.5), (width, horizon), (width, height)], fill=land)
    r = max(2, min(width, height) // 10)
    draw.ellipse([width * 0.72 - r, height * 0.22 - r, width * 0.72 + r, height * 0.22 + r],
                 fill=(241, 245, 249))
    if width >= 40 and height >= 16:
        label = f"{width}x{height}"
        draw.text((6, 4), label, fill=(71, 85, 105))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=1)
    return buffer.getvalue()
