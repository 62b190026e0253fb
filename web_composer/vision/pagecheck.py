"""Is it a real webpage? Flow share, fit at 390 px, text collisions, and SSIM to the screenshot.

    quality = page_quality(html, base_dir)           # renders at 1280 px and at 390 px
    quality.absolute_share, quality.overflow_390, quality.collisions_390
    ssim(render_image, screenshot_image)             # grey, quarter scale, shorter side padded

The DOM checks run inside the page (RenderOptions.evaluate). A "text element" is an element with
a visible, non-blank text node of its own. It counts as absolutely positioned when it or any
ancestor has ``position: absolute`` or ``fixed``. Two text elements collide when the boxes of their
own text overlap by more than 20 % of the smaller one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

PHONE_WIDTH = 390  # the "does it fit a phone" viewport, in CSS px (a plain 390 px window)
QUALITY_JS = r"""() => {
  const own = el => Array.from(el.childNodes).filter(n => n.nodeType === 3 && n.data.trim());
  const rects = [];
  let total = 0, positioned = 0;
  const range = document.createRange();
  for (const el of document.body.querySelectorAll('*')) {
    const texts = own(el);
    if (!texts.length) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    let box = null;
    for (const t of texts) {
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        box = box ? [Math.min(box[0], r.left), Math.min(box[1], r.top), Math.max(box[2], r.right),
                     Math.max(box[3], r.bottom)] : [r.left, r.top, r.right, r.bottom];
        rects.push([rects.length, el, r.left + scrollX, r.top + scrollY,
                    r.right + scrollX, r.bottom + scrollY]);
      }
    }
    if (!box) continue;
    total += 1;
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const p = getComputedStyle(e).position;
      if (p === 'absolute' || p === 'fixed') { positioned += 1; break; }
    }
  }
  let collisions = 0;
  for (let i = 0; i < rects.length; i++) {
    const a = rects[i];
    for (let j = i + 1; j < rects.length; j++) {
      const b = rects[j];
      if (a[1] === b[1] || a[1].contains(b[1]) || b[1].contains(a[1])) continue;
      const w = Math.min(a[4], b[4]) - Math.max(a[2], b[2]);
      const h = Math.min(a[5], b[5]) - Math.max(a[3], b[3]);
      if (w <= 0 || h <= 0) continue;
      const small = Math.min((a[4] - a[2]) * (a[5] - a[3]), (b[4] - b[2]) * (b[5] - b[3]));
      if (w * h > 0.2 * small) collisions += 1;
    }
  }
  const doc = document.documentElement;
  return {text_elements: total, positioned: positioned,
          scroll_width: Math.max(doc.scrollWidth, document.body.scrollWidth),
          viewport_width: window.innerWidth, collisions: collisions};
}"""


@dataclass
class PageQuality:
    text_elements: int
    absolute_share: float  # share of text elements laid out with position absolute/fixed
    overflow_390: bool  # wider than a 390 px viewport
    scroll_width_390: int
    collisions_390: int  # pairs of text elements whose text overlaps at 390 px

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def page_quality(html: str, base_dir: Path | None = None) -> PageQuality:
    from ..render import RenderOptions, render_html

    desktop = render_html(html, base_dir, RenderOptions(evaluate=QUALITY_JS, full_page=False))
    narrow = render_html(html, base_dir, RenderOptions(width=PHONE_WIDTH, height=844,
                                                       evaluate=QUALITY_JS, full_page=False))
    d, m = desktop.data or {}, narrow.data or {}
    total = int(d.get("text_elements", 0))
    share = (d.get("positioned", 0) / total) if total else 0.0
    scroll = int(m.get("scroll_width", 0))
    return PageQuality(total, round(share, 4), scroll > PHONE_WIDTH + 1, scroll,
                       int(m.get("collisions", 0)))


def ssim(image_a: Any, image_b: Any, *, scale: float = 0.25) -> float:
    """Structural similarity of two screenshots: grey, downscaled, the shorter padded with white.

    Gaussian-weighted SSIM (sigma 1.5, K1 0.01, K2 0.03) averaged over the image.
    """
    import numpy as np
    from PIL import Image

    from ..score.visual import gaussian_filter  # scipy's filter without scipy's import

    width = max(image_a.size[0], image_b.size[0])
    height = max(image_a.size[1], image_b.size[1])
    arrays = []
    for image in (image_a, image_b):
        canvas = Image.new("L", (width, height), 255)
        canvas.paste(image.convert("L"), (0, 0))
        small = canvas.resize((max(1, round(width * scale)), max(1, round(height * scale))),
                              Image.BILINEAR)
        arrays.append(np.asarray(small, dtype=np.float64))
    x, y = arrays
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mx, my = gaussian_filter(x, 1.5), gaussian_filter(y, 1.5)
    sxx = gaussian_filter(x * x, 1.5) - mx * mx
    syy = gaussian_filter(y * y, 1.5) - my * my
    sxy = gaussian_filter(x * y, 1.5) - mx * my
    num = (2 * mx * my + c1) * (2 * sxy + c2)
    den = (mx * mx + my * my + c1) * (sxx + syy + c2)
    return float((num / den).mean())


def judge_cut(html: str, *, chunk: int = 100, ratio: float = 0.8, copies: int = 4) -> float | None:
    """Where the official Design2Code cleaning would cut this page, as a share of its text.

    The official evaluation strips the tags (the text of <style> blocks stays), cuts the rest into
    ``chunk``-character pieces and truncates the page at the first piece that has ``copies`` or
    more near-duplicates (difflib ratio >= ``ratio``). None means nothing is cut.
    """
    import difflib
    import re

    text = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    pieces = [text[i:i + chunk] for i in range(0, len(text), chunk)]
    for i, piece in enumerate(pieces):
        matcher = difflib.SequenceMatcher(None, "", piece, autojunk=False)
        found = 0
        for j, other in enumerate(pieces):
            if i == j:
                continue
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() >= ratio and matcher.quick_ratio() >= ratio \
                    and matcher.ratio() >= ratio:
                found += 1
                if found >= copies:
                    return i / max(1, len(pieces))
    return None
