"""Loading screenshots: good files open as RGB, bad ones give one clear InputError (exit 2)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from web_composer.errors import InputError
from web_composer.vision.images import MAX_PIXELS, detect_scale, load_screenshot


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose IHDR declares ``width`` x ``height`` (and one empty, valid IDAT)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b""))
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_common_formats_load_as_rgb(tmp_path: Path, fmt: str):
    path = tmp_path / f"shot.{fmt.lower()}"
    Image.new("RGB", (64, 40), (10, 120, 200)).save(path, format=fmt)
    image = load_screenshot(path)
    assert image.mode == "RGB" and image.size == (64, 40)
    r, g, b = image.getpixel((10, 10))
    assert abs(r - 10) < 8 and abs(g - 120) < 8 and abs(b - 200) < 8


def test_transparency_is_flattened_onto_white(tmp_path: Path):
    path = tmp_path / "alpha.png"
    Image.new("RGBA", (20, 20), (255, 0, 0, 0)).save(path)
    assert load_screenshot(path).getpixel((5, 5)) == (255, 255, 255)


@pytest.mark.parametrize("name, content, words", [
    ("notes.png", b"just some text, not a picture", "not an image"),
    ("empty.png", b"", "not an image"),
])
def test_not_an_image(tmp_path: Path, name: str, content: bytes, words: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=words) as info:
        load_screenshot(path)
    assert info.value.exit_code == 2 and "\n" not in info.value.one_line()


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(InputError, match="no such image"):
        load_screenshot(tmp_path / "nope.png")
    with pytest.raises(InputError, match="directory"):
        load_screenshot(tmp_path)


def test_truncated_file(tmp_path: Path):
    path = tmp_path / "cut.png"
    Image.effect_noise((300, 300), 60).convert("RGB").save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="damaged or truncated"):
        load_screenshot(path)


def test_zero_by_zero(tmp_path: Path):
    path = tmp_path / "zero.png"
    path.write_bytes(_png_header(0, 0))
    with pytest.raises(InputError) as info:
        load_screenshot(path)
    assert info.value.exit_code == 2


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path):
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header(60_000, 60_000))
    with pytest.raises(InputError, match="too large"):
        load_screenshot(path)
    path.write_bytes(_png_header(1280, MAX_PIXELS // 1280 + 10))
    with pytest.raises(InputError, match="too large"):
        load_screenshot(path)


def test_retina_detection():
    desktop = Image.new("RGB", (1280, 900))
    retina = Image.new("RGB", (2560, 1800))
    assert detect_scale(desktop, [14, 15, 15, 30]) == 1
    assert detect_scale(retina, [28, 30, 31, 60]) == 2
    assert detect_scale(Image.new("RGB", (780, 1600)), [30, 31, 29]) == 2
    assert detect_scale(Image.new("RGB", (390, 800)), [14, 15]) == 1
