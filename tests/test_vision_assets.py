"""Cropped pictures: photographs as JPEG, flat graphics as PNG; the browser starts while a
screenshot is read."""

from __future__ import annotations

import io
import threading

import numpy as np
from PIL import Image

from web_composer.vision.assets import asset_name, encode_assets, is_photograph
from web_composer.vision.engine import screenshot_to_page


def _photo(h: int = 120, w: int = 200, grey: bool = False) -> np.ndarray:
    """Smooth random texture, like a photograph's: many tones, no flat ground."""
    rng = np.random.default_rng(3)
    small = rng.integers(0, 256, (h // 10 + 1, w // 10 + 1, 3)).astype(np.uint8)
    rgb = np.asarray(Image.fromarray(small).resize((w, h), Image.BICUBIC))
    if grey:
        rgb = np.repeat(rgb.mean(axis=2, keepdims=True).astype(np.uint8), 3, axis=2)
    return rgb


def _logo() -> np.ndarray:
    """A flat graphic: a red disc and a bar on white."""
    y, x = np.mgrid[0:120, 0:200]
    rgb = np.full((120, 200, 3), 255, np.uint8)
    rgb[(x - 60) ** 2 + (y - 60) ** 2 < 40 ** 2] = (200, 30, 40)
    rgb[50:70, 110:190] = (20, 20, 20)
    return rgb


def test_photographs_become_jpeg_and_graphics_stay_png():
    photo, grey, logo = _photo(), _photo(grey=True), _logo()
    assert is_photograph(photo) and is_photograph(grey)  # black-and-white photos too
    assert not is_photograph(logo)
    assert not is_photograph(_photo(30, 30))  # icon-sized: kept sharp
    see_through = np.dstack([photo, np.full(photo.shape[:2], 255, np.uint8)])
    see_through[:10, :10, 3] = 0
    assert not is_photograph(see_through)  # JPEG has no alpha
    names = [asset_name("img", 1, photo), asset_name("bg", 2, logo), asset_name("img", 3, None)]
    assert names == ["img-1.jpg", "bg-2.png", "img-3.png"]
    files = encode_assets({names[0]: photo, names[1]: logo})
    decoded = {name: Image.open(io.BytesIO(data)) for name, data in files.items()}
    assert decoded["img-1.jpg"].format == "JPEG" and decoded["bg-2.png"].format == "PNG"
    assert decoded["img-1.jpg"].size == (200, 120)
    back = np.asarray(decoded["img-1.jpg"].convert("RGB")).astype(int)
    assert np.abs(back - photo.astype(int)).mean() < 4  # quality kept
    assert np.array_equal(np.asarray(decoded["bg-2.png"].convert("RGB")), logo)  # lossless


def test_the_caller_works_while_the_screenshot_is_read():
    """``meanwhile`` (the backend starts the browser there) runs on the caller's thread while
    the OCR runs on another: the OCR waits for it, which only ends if the two overlap."""
    started, reading = threading.Event(), threading.Event()
    seen: dict[str, object] = {}

    def meanwhile() -> None:
        seen["caller"] = threading.get_ident()
        started.set()
        seen["saw_reading"] = reading.wait(timeout=10)

    def ocr(image):
        reading.set()
        seen.setdefault("overlapped", started.wait(timeout=10))
        seen.setdefault("reader", threading.get_ident())
        return []

    shot = Image.new("RGB", (640, 400), "white")
    page = screenshot_to_page([shot], ocr=ocr, meanwhile=meanwhile)
    assert seen["overlapped"] is True and seen["saw_reading"] is True
    assert seen["caller"] == threading.get_ident() != seen["reader"]
    assert "<html" in page.html.lower()


def test_a_failing_read_is_reported_after_the_caller_work():
    def ocr(image):
        raise ValueError("unreadable")

    done = []
    try:
        screenshot_to_page([Image.new("RGB", (640, 400), "white")], ocr=ocr,
                           meanwhile=lambda: done.append(1))
    except ValueError as exc:
        assert "unreadable" in str(exc)
    else:
        raise AssertionError("the reading's error was lost")
    assert done == [1]
