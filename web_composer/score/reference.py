"""What a page is scored against: another page (DOM blocks) or a screenshot (OCR blocks).

    reference = prepare_reference(Path("ref.html"))      # rendered once, blocks from its DOM
    reference = prepare_reference(Path("target.png"))    # OCR once, blocks grouped from text lines

A Reference is computed once and reused for every candidate (the refinement loop scores many).
"""

from __future__ import annotations

import json

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from .blocks import BLOCKS_JS, Block, blocks_from_dom, mark_owners

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DESKTOP_WIDTH = 1280  # Design2Code renders every page 1280 px wide
NARROW_SCREENSHOT = 1100  # a screenshot narrower than this was taken at its own width (phone, tablet)


@dataclass
class Reference:
    kind: str  # "html" | "image"
    image: np.ndarray = field(repr=False)  # RGB, height x width x 3
    blocks: list[Block]
    viewport_width: int  # the width candidates are rendered at
    path: Path | None = None
    ocr_engine: str | None = None
    seconds: float = 0.0
    # text similarities already computed against these blocks (matching.Similarity): the
    # refinement loop scores many candidates that share most texts (and merged texts) with the
    # last one, and a ratio is a pure function of its two texts, so the scores stay the same
    similarity: Any = field(default=None, repr=False, compare=False)

    def text_similarity(self) -> Any:
        """The reference's similarity cache (made on first use)."""
        if self.similarity is None:
            from .matching import Similarity

            self.similarity = Similarity()
        return self.similarity

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])


_KEPT: dict[tuple, tuple[np.ndarray, list[Block], Any]] = {}  # see render_page's ``keep``


def render_page(html: str, base_dir: Path | None, width: int = DESKTOP_WIDTH,
                timeout: float | None = None, extra: dict[str, str] | None = None,
                keep: bool = False) -> tuple[np.ndarray, list[Block], Any]:
    """Render once, full page: the screenshot (RGB array), its DOM blocks and the Render.
    ``extra``: more page functions run in the same page state, their results in the Render's
    ``data["extra"][NAME]`` (so that a caller needing more of the page needs no second render).

    ``keep``: hold this render for the next call with the same arguments, which takes it instead
    of rendering again (once). The pixel reviser's check render of a revised page is the render
    the loop's evaluation of that page would make next."""
    from ..render import RenderOptions, render_html

    key = (html, str(base_dir), width, timeout, tuple(sorted((extra or {}).items())))
    kept = _KEPT.pop(key, None)  # (get-and-remove in one step: safe with jobs in threads)
    if kept is not None:
        return kept
    _KEPT.clear()

    marked, texts = mark_owners(html)
    script = BLOCKS_JS
    if extra:
        calls = "".join(f"out.extra[{json.dumps(name)}] = await ({js})(); "
                        for name, js in extra.items())
        script = f"async () => {{ const out = await ({BLOCKS_JS})(); out.extra = {{}}; {calls}return out; }}"
    shot = render_html(marked, base_dir, RenderOptions(width=width, evaluate=script, timeout=timeout))
    image = np.asarray(shot.image())
    out = image, blocks_from_dom(shot.data or {}, image, texts), shot
    if keep:
        _KEPT[key] = out
    return out


def is_html_path(path: Path) -> bool:
    return Path(path).suffix.lower() in HTML_SUFFIXES


def prepare_reference(path: Path, *, ocr_engine: str | None = None, reader: Any = None,
                      timeout: float | None = None) -> Reference:
    """A reference from an HTML file (rendered, DOM blocks) or an image (OCR blocks, its pixels).
    ``reader`` (a vision.ocr.OcrReader) reuses a reading of the image made earlier in the job."""
    started = time.monotonic()
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a page or an image")
    if is_html_path(path):
        from ..render import check_html_file

        html = check_html_file(path)
        image, blocks, _ = render_page(html, path.resolve().parent, DESKTOP_WIDTH, timeout)
        return Reference("html", image, blocks, DESKTOP_WIDTH, path,
                         seconds=time.monotonic() - started)
    from ..vision.ocr import load_image

    picture = load_image(path)
    return reference_from_image(picture, ocr_engine=ocr_engine, path=path, started=started,
                                reader=reader)


def reference_from_image(picture: Any, *, ocr_engine: str | None = None, reader: Any = None,
                         path: Path | None = None,
                         started: float | None = None) -> Reference:
    """A reference from a screenshot (PIL image or RGB array): OCR lines grouped into blocks."""
    from ..vision.ocr import default_engine, load_image, ocr_lines
    from .ocr_blocks import blocks_from_ocr

    started = time.monotonic() if started is None else started
    image = np.asarray(load_image(picture))
    engine = ocr_engine or (reader.engine if reader is not None else None) or default_engine()
    lines = reader(image) if reader is not None else ocr_lines(image, engine=engine)
    blocks = blocks_from_ocr(image, lines)
    width = image.shape[1]
    viewport = DESKTOP_WIDTH if width >= NARROW_SCREENSHOT else max(320, width)
    return Reference("image", image, blocks, viewport, path, engine,
                     seconds=time.monotonic() - started)
