"""The built-in screenshot-to-code engine: OCR + segmentation + layout -> a flow-layout page.

    result = screenshot_to_page([image], stack="css")     # PIL images, widest first or any order
    result.html, result.assets (name -> PNG/JPEG bytes), result.info, result.warnings

One screenshot gives a desktop-first page; several screenshots of the same page at different
widths give one responsive page (the widest defines the structure, the narrower ones set the
font sizes of their media queries; see responsive.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from .assets import encode_assets
from .elements import Box

MAX_WIDTH = 4096  # wider screenshots are scaled down first (layout in CSS px)


@dataclass
class PageResult:
    html: str
    assets: dict[str, bytes] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Analysis:
    """One screenshot, analysed: the plan of its page plus what was measured on the way."""

    plan: Any  # emit.plan.Plan
    width: int
    height: int
    scale: float
    lines: list[Any]
    timings: dict[str, float]


OcrFunction = Callable[[Any], list[Any]]


def screenshot_to_page(images: list[Any], *, stack: str = "css", scale: int | None = None,
                       ocr: OcrFunction | None = None, title: str = "Page",
                       widths: list[int | None] | None = None,
                       meanwhile: Callable[[], Any] | None = None) -> PageResult:
    """``widths``: the CSS width of each image where the user gave it (None: from ``scale``,
    detected when that is None too). ``meanwhile``: work for this thread while the screenshots are
    read on another (the backend starts the browser that will render the page)."""
    if not images:
        raise InputError("no screenshot given")
    if stack not in ("css", "tailwind"):
        raise InputError(f"unknown stack {stack!r} (choose css or tailwind)")
    if scale not in (None, 1, 2, 3):
        raise InputError(f"unsupported scale {scale!r} (1, 2 or 3)")
    widths = list(widths or []) + [None] * (len(images) - len(widths or []))
    analyses = _analyse_all(images, widths, scale, ocr, meanwhile)
    in_order = [a.width for a in analyses]
    analyses.sort(key=lambda a: -a.width)
    main = analyses[0]
    warnings: list[str] = []
    if len(analyses) > 1:
        from .responsive import merge_breakpoints

        warnings += merge_breakpoints(main.plan, analyses[1:])
    html, stylesheet = _emit(main.plan, stack, title)
    assets = encode_assets(main.plan.assets)
    if stylesheet is not None:
        from ..html.tailwind import STYLESHEET

        assets[STYLESHEET] = stylesheet
    if not main.lines:
        warnings.append("no text was found in the screenshot")
    info = {
        "engine": "builtin-screenshot",
        "width": main.width,
        "height": main.height,
        "scale": main.scale,
        "widths": in_order,  # the CSS width of each screenshot, in the order given
        "text_lines": len(main.lines),
        "pictures": len(assets),
        "timings": {k: round(v, 3) for k, v in main.timings.items()},
        "breakpoints": [a.width for a in analyses[1:]],
    }
    return PageResult(html, assets, info, warnings)


def _analyse_all(images: list[Any], widths: list[int | None], scale: int | None,
                 ocr: OcrFunction | None, meanwhile: Callable[[], Any] | None) -> list[Analysis]:
    """Each screenshot read into a plan; ``meanwhile`` runs on this thread as they are read.
    The reading is OCR subprocesses and numpy, which leave the interpreter free."""
    def read_all() -> list[Analysis]:
        return [analyse(image, scale=image.size[0] / width if width else scale, ocr=ocr)
                for image, width in zip(images, widths)]

    if meanwhile is None:
        return read_all()
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        reading = pool.submit(read_all)
        try:
            meanwhile()
        finally:
            analyses = reading.result()  # the reading's error first: it is the user's input
    return analyses


def _emit(plan: Any, stack: str, title: str) -> tuple[str, bytes | None]:
    """The page in the chosen stack, and the compiled Tailwind stylesheet it links (or None)."""
    from .emit.components import find_components
    from .emit.media import needs_fallback
    from .emit.nesting import unnest_links
    from .emit.phone import mark_phone_panels
    from .emit.repeats import list_repeats

    unnest_links(plan.root)
    list_repeats(plan.root, find_components(plan.root))
    if needs_fallback(plan):
        mark_phone_panels(plan)
    if stack == "tailwind":
        from ..html.tailwind import compile_tailwind
        from .emit.tailwind import render_tailwind

        return compile_tailwind(render_tailwind(plan, title))
    from .emit.css import render_css

    return render_css(plan, title), None


def analyse(image: Any, *, scale: float | None = None,
            ocr: OcrFunction | None = None) -> Analysis:
    """Read one screenshot into a page plan (``scale``: pixels per CSS pixel; None: detect)."""
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np

    from .backdrops import make_backdrops
    from .blocks import assign_roles, merge_paragraphs
    from .emit.plan import plan_page
    from .icons import drop_icon_words
    from .images import detect_scale, to_rgb
    from .layout import build_layout
    from .markers import mark_bullets
    from .photo_text import merge_over, read_pictures
    from .rescue import reread_doubtful, rescue_text
    from .segmentation import segment
    from .word_pieces import join_pieces
    from .surfaces import split_across_panels
    from .styles import measure_lines

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    image = to_rgb(image)
    if ocr is None:
        from .ocr import ocr_lines as ocr
    raw = drop_icon_words(list(ocr(image)))
    timings["ocr"] = time.perf_counter() - t0
    if scale is None:
        scale = detect_scale(image, [line.box[3] - line.box[1] for line in raw])
    if scale != 1 or image.size[0] > MAX_WIDTH:
        factor = scale if scale != 1 else image.size[0] / MAX_WIDTH
        image, raw = _downscale(image, raw, factor)
    rgb = np.asarray(image)
    height, width = rgb.shape[:2]
    t = time.perf_counter()
    seg = segment(rgb, [Box(*line.box) for line in raw])
    raw = split_across_panels(raw, seg.regions)
    timings["segment"] = time.perf_counter() - t
    t = time.perf_counter()
    extra, seg.graphics = rescue_text(rgb, seg, ocr)
    with ThreadPoolExecutor(max_workers=1) as pool:  # OCR processes: the two share the cores
        over_pictures = pool.submit(read_pictures, rgb, seg, ocr)
        raw = join_pieces(rgb, reread_doubtful(rgb, seg, raw, ocr) + extra)
        raw = merge_over(raw, over_pictures.result())
    make_backdrops(rgb, seg, [Box(*line.box) for line in raw])
    timings["ocr2"] = time.perf_counter() - t
    t = time.perf_counter()
    lines = measure_lines(rgb, raw, seg)
    mark_bullets(rgb, lines)
    timings["text"] = time.perf_counter() - t
    t = time.perf_counter()
    root = build_layout(width, height, seg.background, seg.regions, seg.graphics, lines)
    merge_paragraphs(root)
    assign_roles(root, width)
    plan = plan_page(root, width, height, seg.bands)
    timings["layout"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    return Analysis(plan, width, height, round(scale, 2), lines, timings)


@dataclass
class _ScaledLine:
    text: str
    box: tuple[float, float, float, float]
    score: float
    words: list[tuple[str, tuple[float, float, float, float]]] | None = None


def _downscale(image: Any, raw: list[Any], factor: float) -> tuple[Any, list[Any]]:
    from PIL import Image

    w, h = image.size
    small = image.resize((max(1, round(w / factor)), max(1, round(h / factor))), Image.LANCZOS)

    def scaled(box: Any) -> tuple[float, float, float, float]:
        return tuple(v / factor for v in box)  # type: ignore[return-value]

    lines = []
    for line in raw:
        words = getattr(line, "words", None)
        lines.append(_ScaledLine(line.text, scaled(line.box), line.score,
                                 [(t, scaled(b)) for t, b in words] if words else None))
    return small, lines
