"""OCR of screenshots with RapidOCR (PP-OCR models shipped in the wheel; runs offline on the CPU).

    lines = ocr_lines(image)            # PIL image, path or numpy array
    for line in lines: line.text, line.box (x0, y0, x1, y1), line.score

One engine per process, created on first use (a few hundred ms).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import BackendError, InputError

_lock = threading.Lock()


@dataclass(frozen=True)
class OcrLine:
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in image pixels
    score: float
    quad: tuple[tuple[float, float], ...] = ()  # the detector's four corners

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]


@lru_cache(maxsize=1)
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise BackendError("the OCR engine is not installed",
                           hint="pip install rapidocr-onnxruntime") from None
    return RapidOCR()


def load_image(source: Any):  # -> PIL.Image.Image (RGB)
    """Open a path or PIL image as RGB, with a clear error for anything that is not an image."""
    from PIL import Image, UnidentifiedImageError

    if isinstance(source, Image.Image):
        return source.convert("RGB")
    path = Path(source)
    if not path.is_file():
        raise InputError(f"{path}: no such image file")
    try:
        with Image.open(path) as image:
            image.load()
            return image.convert("RGB")
    except (UnidentifiedImageError, OSError):
        raise InputError(f"{path} is not an image (PNG, JPEG or WebP expected)") from None


def ocr_lines(source: Any, *, min_score: float = 0.5) -> list[OcrLine]:
    """Text lines found in an image, top to bottom, left to right."""
    import numpy as np

    image = load_image(source)
    array = np.asarray(image)[:, :, ::-1].copy()  # RapidOCR expects BGR like OpenCV
    with _lock:  # the ONNX sessions are shared; keep one caller at a time
        result, _ = _engine()(array)
    lines = []
    for quad, text, score in result or []:
        score = float(score)
        if score < min_score or not str(text).strip():
            continue
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        lines.append(OcrLine(str(text).strip(), (min(xs), min(ys), max(xs), max(ys)), score,
                             tuple((float(p[0]), float(p[1])) for p in quad)))
    lines.sort(key=lambda l: (round(l.box[1] / 4), l.box[0]))
    return lines
