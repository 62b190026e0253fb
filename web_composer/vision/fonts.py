"""Font families the engine can emit, their metrics, and fitting a font to a line of ink.

Each family is a CSS stack whose first installed member is a common metric-compatible free font
(Liberation = Arial/Times/Courier metrics; DejaVu = Verdana/Georgia-like). Metrics come from the
font files through Pillow when they are installed; otherwise from a table of typical values, so
the engine still works (with coarser family guesses) on a machine without them.

    fit = fit_font(ink, text, families)   # ink: float array of the line's ink, cropped tight
    fit.family, fit.size, fit.weight, fit.score
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

REF = 64  # size at which glyph metrics are measured (em fractions are size independent)
INK_GAIN = 1.12  # browser ink coverage / FreeType coverage (calibrated on Chromium renders)
HALO = 0.8  # px the thresholded ink box adds to the true glyph extent
TRACKING = 0.6  # widest letter spacing believed for headlines and capital labels, in em


@dataclass(frozen=True)
class Family:
    key: str
    css: str
    files: dict[int, str]  # weight -> font file name
    ascent: float  # typical hhea ascent/descent in em, used when the file is missing
    descent: float
    cap: float  # cap height and mean advance in em, for the fallback metrics
    advance: float


FAMILIES: dict[str, Family] = {
    "sans": Family("sans", "Arial, Helvetica, sans-serif",
                   {400: "LiberationSans-Regular.ttf", 700: "LiberationSans-Bold.ttf"},
                   0.905, 0.212, 0.716, 0.50),
    "serif": Family("serif", "'Times New Roman', Times, serif",
                    {400: "LiberationSerif-Regular.ttf", 700: "LiberationSerif-Bold.ttf"},
                    0.891, 0.216, 0.662, 0.45),
    "dejavu-sans": Family("dejavu-sans", "'DejaVu Sans', Verdana, sans-serif",
                          {300: "DejaVuSans-ExtraLight.ttf", 400: "DejaVuSans.ttf",
                           700: "DejaVuSans-Bold.ttf"},
                          0.928, 0.236, 0.729, 0.57),
    "dejavu-serif": Family("dejavu-serif", "'DejaVu Serif', Georgia, serif",
                           {400: "DejaVuSerif.ttf", 700: "DejaVuSerif-Bold.ttf"},
                           0.928, 0.236, 0.729, 0.58),
    "mono": Family("mono", "'Courier New', Courier, monospace",
                   {400: "LiberationMono-Regular.ttf", 700: "LiberationMono-Bold.ttf"},
                   0.833, 0.300, 0.66, 0.60),
}
DEFAULT_FAMILY = "sans"
# How common each face is on the web (Arial/Helvetica first): a small head start in the fit.
PRIOR = {"sans": 0.0, "serif": -0.03, "dejavu-sans": -0.1, "dejavu-serif": -0.12, "mono": -0.1}
# Light faces (CSS font-weight 300, a "lead" paragraph or display heading) are tried where the
# family's light file is installed (DejaVu's ExtraLight, which browsers also pick for 300); they
# are rarer than regular and bold, so they start a little behind.
LIGHT, LIGHT_PRIOR = 300, -0.05
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
             "/Library/Fonts", "~/Library/Fonts", "/System/Library/Fonts")


@lru_cache(maxsize=1)
def _font_files() -> dict[str, str]:
    found: dict[str, str] = {}
    wanted = {name for fam in FAMILIES.values() for name in fam.files.values()}
    for folder in FONT_DIRS:
        root = os.path.expanduser(folder)
        if not os.path.isdir(root):
            continue
        for dirpath, _dirs, names in os.walk(root):
            for name in names:
                if name in wanted and name not in found:
                    found[name] = os.path.join(dirpath, name)
    return found


@lru_cache(maxsize=1024)
def pil_font(family: str, weight: int = 400, size: int = REF) -> Any:
    """A Pillow FreeType font for the family, or None when its file is not installed."""
    from PIL import ImageFont

    path = _font_files().get(FAMILIES[family].files[_face(family, weight)])
    if path is None:
        return None
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


def _face(family: str, weight: int) -> int:
    """The weight of the family's file that draws ``weight``: bold from 600, light under 350
    where the family has a light file, else regular."""
    if weight >= 600:
        return 700
    return LIGHT if weight < 350 and LIGHT in FAMILIES[family].files else 400


def available_families() -> list[str]:
    return [key for key in FAMILIES if pil_font(key) is not None] or [DEFAULT_FAMILY]


@lru_cache(maxsize=None)
def weights(family: str) -> tuple[int, ...]:
    """The weights to try for ``family``: regular and bold, and light where its file is here."""
    light = LIGHT in FAMILIES[family].files and pil_font(family, LIGHT) is not None
    return (400, 700, LIGHT) if light else (400, 700)


@lru_cache(maxsize=32)
def vertical_metrics(family: str, weight: int = 400) -> tuple[float, float]:
    """(ascent, descent) in em: where the browser puts the baseline inside a line box."""
    font = pil_font(family, weight, 1000)
    if font is None:
        fam = FAMILIES[family]
        return fam.ascent, fam.descent
    ascent, descent = font.getmetrics()
    return ascent / 1000, descent / 1000


@lru_cache(maxsize=4096)
def _glyph(family: str, weight: int, char: str) -> tuple[float, float, float, float, float, float]:
    """(advance, ink left, top, right, bottom, coverage) of one character, in em."""
    font = pil_font(family, weight)
    if font is None:
        fam = FAMILIES[family]
        adv = fam.advance * (1.08 if weight >= 600 else 1.0)
        low = fam.descent * 0.9 if char in "gjpqy,;" else 0.0
        return adv, 0.02, -fam.cap, adv - 0.02, low, 0.0
    adv = font.getlength(char) / REF
    shape = _glyph_shape(family, weight, char)
    if shape is None:
        return adv, 0.0, 0.0, 0.0, 0.0, 0.0
    left, top, cols, rows = shape
    return (adv, left / REF, top / REF, (left + len(cols)) / REF, (top + len(rows)) / REF,
            float(cols.sum()) / (REF * REF))


@lru_cache(maxsize=4096)
def _glyph_shape(family: str, weight: int, char: str) -> tuple[int, int, Any, Any] | None:
    """(left, top, column ink profile, row ink profile) of a glyph at REF px (baseline y = 0)."""
    import numpy as np
    from PIL import Image, ImageDraw

    font = pil_font(family, weight)
    if font is None or not char.strip():
        return None
    left, top, right, bottom = font.getbbox(char, anchor="ls")
    if right <= left or bottom <= top:
        return None
    canvas = Image.new("L", (int(right - left), int(bottom - top)), 0)
    ImageDraw.Draw(canvas).text((-left, -top), char, fill=255, font=font, anchor="ls")
    array = np.asarray(canvas, dtype=np.float32) / 255.0
    return int(left), int(top), array.sum(axis=0), array.sum(axis=1)


def _profiles(family: str, weight: int, text: str, tracking: float = 0.0
              ) -> tuple[Any, Any] | None:
    """Column and row ink profiles of ``text`` at REF px, cropped to the ink; ``tracking`` em
    of letter spacing after each character."""
    import numpy as np

    placed = []
    x = 0.0
    for char in text:
        shape = _glyph_shape(family, weight, char)
        if shape is not None:
            placed.append((int(round(x * REF)) + shape[0], shape))
        x += _glyph(family, weight, char)[0] + tracking
    if not placed:
        return None
    x0 = min(p for p, _s in placed)
    x1 = max(p + len(s[2]) for p, s in placed)
    y0 = min(s[1] for _p, s in placed)
    y1 = max(s[1] + len(s[3]) for _p, s in placed)
    cols = np.zeros(x1 - x0, np.float32)
    rows = np.zeros(y1 - y0, np.float32)
    for p, (_l, top, c, r) in placed:
        cols[p - x0:p - x0 + len(c)] += c
        rows[top - y0:top - y0 + len(r)] += r
    return cols, rows


def _correlation(measured: Any, predicted: Any) -> float:
    """Pearson correlation after resampling ``predicted`` to the length of ``measured``."""
    import numpy as np

    n = len(measured)
    if n < 3 or len(predicted) < 3:
        return 0.0
    resampled = np.interp(np.linspace(0, len(predicted) - 1, n), np.arange(len(predicted)),
                          predicted)
    a = measured - measured.mean()
    b = resampled - resampled.mean()
    denom = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum()) / denom if denom else 0.0


@lru_cache(maxsize=8192)
def text_metrics(family: str, weight: int, text: str) -> tuple[float, float, float, float, float]:
    """(advance, ink left, ink top, ink right, ink bottom) in em; y relative to the baseline."""
    return _line_metrics(family, weight, text)[:5]


@lru_cache(maxsize=8192)
def _line_metrics(family: str, weight: int, text: str) -> tuple[float, ...]:
    """Like text_metrics plus the total ink coverage (em^2), built from per-glyph metrics."""
    x = 0.0
    left = right = None
    top = bottom = 0.0
    coverage = 0.0
    for char in text:
        adv, l, t, r, b, cov = _glyph(family, weight, char)
        if r > l:
            left = x + l if left is None else left
            right = x + r
            top, bottom = min(top, t), max(bottom, b)
            coverage += cov
        x += adv
    if left is None:
        return x, 0.0, 0.0, 0.0, 0.0, 0.0
    return x, left, top, right, bottom, coverage


def advance(family: str, weight: int, text: str, size: float) -> float:
    """Width in px of ``text`` set in the family at ``size`` px."""
    return text_metrics(family, weight, text)[0] * size


@dataclass
class FontFit:
    family: str
    weight: int
    size: float
    score: float  # higher is better (ink correlation minus penalties)
    spacing: float = 0.0  # letter-spacing in px when the ink says the text is tracked


def fit_font(ink: Any, text: str, families: list[str] | None = None) -> FontFit:
    """The family, weight and size whose rendering of ``text`` best matches ``ink``.

    ``ink`` is a float array (0 = background, 1 = full ink) cropped to the line's ink box.
    The size comes from the ink width (precise); the ink height checks the candidate.
    """
    h, w = ink.shape
    text = text.strip()
    best: FontFit | None = None
    for family in families or available_families():
        for weight in weights(family):
            fit = score_candidate(ink, text, family, weight, w, h)
            if best is None or fit.score > best.score:
                best = fit
    assert best is not None
    return best


def score_candidate(ink: Any, text: str, family: str, weight: int, w: int, h: int) -> FontFit:
    """How well ``text`` in this family and weight explains the ink. The size comes from the
    ink's width; for letter-spaced text (display headlines, small-caps labels) the height gives
    the size and the rest of the width is tracking, tried when the width says so or when the
    tracked reading matches the ink's columns clearly better."""
    import math

    _adv, left, top, right, bottom, coverage = _line_metrics(family, weight, text)
    em_w, em_h = max(right - left, 1e-3), max(bottom - top, 1e-3)
    w, h = w - HALO, h - HALO  # anti-aliased edges make the thresholded ink box ~1 px larger
    size_w, size_h = w / em_w, h / em_h
    mismatch = abs(math.log(size_w / size_h))
    plain = _scored(ink, text, family, weight, coverage, size_w, 0.0, 1.5 * mismatch)
    if len(text) < 5:
        return plain
    tracked = (w - em_w * size_h) / max(1, len(text) - 1)
    display = text.isupper() or size_h >= 28  # body text is tracked a little if at all
    if not -0.12 * size_h <= tracked <= (TRACKING if display else 0.12) * size_h:
        return plain
    if mismatch > 0.2:  # the width cannot be the plain text's: tracked, trust the height
        return _scored(ink, text, family, weight, coverage, size_h, tracked,
                       1.5 * (0.2 + mismatch * 0.5))
    if tracked < 0.08 * size_h or not display:
        return plain
    spaced = _scored(ink, text, family, weight, coverage, size_h, tracked, 0.15)
    return spaced if spaced.score > plain.score + 0.1 else plain


def _scored(ink: Any, text: str, family: str, weight: int, coverage: float, size: float,
            spacing: float, penalty: float) -> FontFit:
    import math

    score = -penalty + PRIOR.get(family, 0.0) + (LIGHT_PRIOR if weight < 350 else 0.0)
    tracking = round(spacing / size, 2) if spacing else 0.0
    profiles = _profiles(family, weight, text, tracking) if len(text) <= 160 else None
    if profiles is not None:
        score += 0.5 * _correlation(ink.sum(axis=0), profiles[0])
        score += 0.5 * _correlation(ink.sum(axis=1), profiles[1])
    if coverage > 0:
        measured = float(ink.sum())
        expected = coverage * size * size * INK_GAIN
        score -= 0.8 * abs(math.log(max(measured, 1e-3) / max(expected, 1e-3)))
    return FontFit(family, weight, snap_size(size), score, round(spacing, 2))


def snap_size(size: float) -> float:
    """Font sizes are usually whole pixels: snap when the measurement is that close."""
    whole = round(size)
    return float(whole) if abs(size - whole) <= 0.3 else round(size, 1)


def css_stack(family: str) -> str:
    return FAMILIES.get(family, FAMILIES[DEFAULT_FAMILY]).css


def font_path_exists(name: str) -> bool:
    return Path(_font_files().get(name, "")).is_file()
