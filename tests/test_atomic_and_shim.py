"""Atomic writes and the offline shim's URL rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from web_composer.atomic import check_output_dir, staged_dir, write_text
from web_composer.errors import InputError
from web_composer.render import shim


def test_staged_dir_leaves_nothing_on_failure(tmp_path: Path):
    final = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        with staged_dir(final) as tmp:
            (tmp / "index.html").write_text("half")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []
    with staged_dir(final) as tmp:
        (tmp / "index.html").write_text("whole")
    assert (final / "index.html").read_text() == "whole"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_output_dir_rules(tmp_path: Path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("user file")
    with pytest.raises(InputError, match="not empty"):
        check_output_dir(tmp_path / "full")
    assert check_output_dir(tmp_path / "full", force=True)
    (tmp_path / "file").write_text("")
    with pytest.raises(InputError, match="not a folder"):
        check_output_dir(tmp_path / "file")


def test_write_text_replaces_whole(tmp_path: Path):
    target = tmp_path / "a.txt"
    write_text(target, "one")
    write_text(target, "two")
    assert target.read_text() == "two" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.parametrize("url,size", [
    ("https://picsum.photos/640/480", (640, 480)),
    ("https://picsum.photos/300", (300, 300)),
    ("https://picsum.photos/seed/abc/120/80?grayscale", (120, 80)),
    ("https://picsum.photos/id/237/200/300.jpg", (200, 300)),
    ("https://placehold.co/600x400/png", (600, 400)),
    ("https://placehold.co/90", (90, 90)),
    ("https://via.placeholder.com/350x150", (350, 150)),
    ("https://source.unsplash.com/800x600/?nature", (800, 600)),
    ("https://source.unsplash.com/random/1600x900", (1600, 900)),
    ("https://picsum.photos/99999/10", (4096, 10)),
    ("https://example.com/photo.jpg", None),
])
def test_placeholder_sizes(url, size):
    assert shim.placeholder_size(url) == size


def test_shim_serves_tailwind_2_and_refuses_other_majors():
    assert shim.resolve("https://unpkg.com/tailwindcss@^2/dist/tailwind.min.css").kind == "tailwind-css"
    assert shim.resolve("https://cdnjs.cloudflare.com/ajax/libs/tailwindcss/2.2.19/tailwind.min.css")
    assert shim.resolve("https://cdn.jsdelivr.net/npm/tailwindcss@3.4.1/dist/tailwind.min.css") is None
    assert shim.resolve("https://cdn.tailwindcss.com/?plugins=forms").kind == "tailwind-play"
    assert shim.resolve("https://fonts.googleapis.com/css2?family=Inter") is None
