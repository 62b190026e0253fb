"""The pictures the engine crops from a screenshot: their file names and bytes.

A photograph (a hero image, a card's photo) is written as JPEG: it is a tenth of the PNG's size
and takes a twentieth of the time to encode, and a photograph shows no JPEG artefacts at quality
90. Flat graphics (logos, icons, placeholder boxes, screenshots of text) stay PNG, where JPEG
would blur their edges. The kind is decided from the pixels once, when the picture is named, and
the name's suffix says how its bytes are made.

    name = asset_name("img", 3, crop)      # "img-3.jpg" or "img-3.png"
    files = encode_assets({name: crop})    # {name: bytes}
"""

from __future__ import annotations

import io
from typing import Any

MIN_SIDE = 48  # px: smaller pictures are icons, kept sharp
MIN_COLOURS = 100  # distinct colours in a 64 x 64 thumbnail that make a photograph ...
MAX_FLAT = 0.2  # ... when no one colour covers more than this share of it
QUALITY = 90


def is_photograph(array: Any) -> bool:
    """Many colours (or, in a black-and-white photograph, grey levels), none of them a ground
    that covers much of the picture: a photograph or a gradient, not a flat graphic."""
    import numpy as np
    from PIL import Image

    height, width = array.shape[:2]
    if min(height, width) < MIN_SIDE:
        return False
    if array.ndim == 3 and array.shape[2] == 4 and array[..., 3].min() < 255:
        return False  # see-through parts: JPEG has no alpha
    thumbnail = np.asarray(Image.fromarray(np.ascontiguousarray(array[..., :3])).resize((64, 64)))
    colours = thumbnail.reshape(-1, 3).astype(np.int32)
    _values, counts = np.unique(colours[:, 0] << 16 | colours[:, 1] << 8 | colours[:, 2],
                                return_counts=True)
    return counts.size >= MIN_COLOURS and counts.max() <= MAX_FLAT * len(colours)


def asset_name(prefix: str, number: int, array: Any) -> str:
    """``prefix-number`` with the suffix of the format its pixels are best kept in."""
    suffix = "jpg" if array is not None and is_photograph(array) else "png"
    return f"{prefix}-{number}.{suffix}"


def encode_assets(crops: dict[str, Any]) -> dict[str, bytes]:
    """Each crop as the bytes its name's suffix says (JPEG for .jpg, else PNG)."""
    from PIL import Image

    out: dict[str, bytes] = {}
    for name, array in crops.items():
        image = Image.fromarray(array)
        buffer = io.BytesIO()
        if name.endswith(".jpg"):
            image.convert("RGB").save(buffer, format="JPEG", quality=QUALITY)
        else:
            image.save(buffer, format="PNG", optimize=False, compress_level=6)
        out[name] = buffer.getvalue()
    return out
