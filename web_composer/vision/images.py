"""Loading screenshots safely: one clear InputError for anything that is not a usable picture.

    image = load_screenshot(path)        # PIL RGB image; raises InputError (exit 2)

Refused: missing or unreadable files, files that are not PNG/JPEG/WebP (GIF and BMP are accepted
too), empty (0x0) pictures, truncated files and decompression bombs (more than ``MAX_PIXELS``).
Transparent screenshots are flattened onto white, animated ones use their first frame.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from ..errors import InputError

MAX_PIXELS = 80_000_000  # a 1280 x 62,500 page; larger is refused as a likely decompression bomb
MAX_SIDE = 65_000
FORMATS = {"PNG", "JPEG", "WEBP", "GIF", "BMP", "MPO"}


def load_screenshot(path: str | Path, *, max_pixels: int = MAX_PIXELS) -> Any:
    """Open ``path`` as an RGB PIL image, refusing anything that is not a sound screenshot."""
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such image file")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not an image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                _check_header(path, image, max_pixels)
                image.load()
                return to_rgb(image)
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(f"{path} is too large to be a screenshot "
                         f"(over {max_pixels // 1_000_000} million pixels)") from None
    except UnidentifiedImageError:
        raise InputError(f"{path} is not an image (PNG, JPEG or WebP expected)") from None
    except PermissionError:
        raise InputError(f"{path}: cannot read (permission denied)") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        reason = str(exc).split("\n")[0] or type(exc).__name__
        raise InputError(f"{path} is damaged or truncated ({reason})") from None


def _check_header(path: Path, image: Any, max_pixels: int) -> None:
    if image.format not in FORMATS:
        raise InputError(f"{path} is a {image.format} file, not a screenshot "
                         "(PNG, JPEG or WebP expected)")
    width, height = image.size
    if width <= 0 or height <= 0:
        raise InputError(f"{path} is an empty image ({width}x{height})")
    if width * height > max_pixels or max(width, height) > MAX_SIDE:
        raise InputError(f"{path} is too large to be a screenshot ({width}x{height} pixels; "
                         f"the limit is {max_pixels // 1_000_000} million)")


def to_rgb(image: Any) -> Any:
    """An RGB copy of a PIL image; transparency is flattened onto white."""
    from PIL import Image

    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def detect_scale(image: Any, text_heights: list[float] | None = None) -> int:
    """Guess the device pixel ratio of a screenshot: 1, 2 or 3.

    ``text_heights`` are the heights of the OCR lines in pixels; their median is the body text,
    about 12-20 px on a 1x page. Retina desktop captures are 2400-3840 px wide; phone captures
    are 640-1300 px wide at 2x or 3x, with body text two or three times as tall.
    """
    width = image.size[0]
    body = _median(text_heights) if text_heights else None
    if width >= 2200:
        return 2 if body is None or body >= 17 else 1
    if body is None:
        return 1
    if 1000 <= width <= 1300 and body >= 38:
        return 3
    if width >= 1000:
        return 2 if body >= 30 else 1
    if width >= 600 and body >= 22:
        return 2
    return 1


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]
