"""The built-in resume engine: the parsed resume through a jinja2 theme, no model involved.

Options (``request.options``): ``theme`` (see ``webcompose resume --list-themes``) and ``photo``
(a path to a picture; it is checked, resized to at most 512 px and written as assets/photo.jpg).
A ``basics.image`` that is a local file is used the same way; a remote one is not fetched (the
page makes no external requests) and a warning says so.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ...errors import InputError
from ...jobs import Generation, GenerationRequest

PHOTO_NAME = "photo.jpg"
PHOTO_MAX = 512


def load_photo(path: Path) -> bytes:
    """The picture at ``path`` as a JPEG of at most 512x512 (EXIF rotation applied)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    path = Path(path).expanduser()
    if not path.is_file():
        raise InputError(f"photo {path}: no such file")
    try:
        with Image.open(path) as image:
            image.load()
            picture = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise InputError(f"photo {path} is not a readable image ({type(exc).__name__})") from None
    picture.thumbnail((PHOTO_MAX, PHOTO_MAX))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()


def _photo(resume: Any, options: dict[str, Any], warnings: list[str]) -> bytes | None:
    if options.get("photo"):
        return load_photo(Path(options["photo"]))
    image = (resume.basics.image or "").strip()
    if not image:
        return None
    if image.lower().startswith(("http://", "https://", "//", "data:")):
        warnings.append("basics.image is a remote picture and was not fetched (the page makes no "
                        "external requests); pass --photo with a local file")
        return None
    if Path(image).expanduser().is_file():
        return load_photo(Path(image))
    warnings.append(f"basics.image {image!r} was not found; the page has no photo")
    return None


def generate(request: GenerationRequest) -> Generation:
    from ...resume import Resume
    from ...resume.themes import check_theme, render_site

    resume = request.resume
    if isinstance(resume, dict):
        resume = Resume.from_dict(resume)
    if not isinstance(resume, Resume):
        raise InputError("the built-in resume engine needs a parsed resume (request.resume)")
    theme = check_theme(request.options.get("theme"))
    warnings = list(resume.warnings)
    assets: dict[str, bytes] = {}
    photo = _photo(resume, request.options, warnings)
    if photo is not None:
        assets[PHOTO_NAME] = photo
    html = render_site(resume, theme, photo=f"assets/{PHOTO_NAME}" if photo else None)
    return Generation(text=html, backend="builtin", model=None, html=html, assets=assets,
                      warnings=warnings, info={"engine": "resume-themes", "theme": theme})
