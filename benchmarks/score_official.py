"""The official Design2Code block detection, reimplemented as a slow reference for the benchmark.

How the paper's code finds text blocks (described in the paper and in ../shared/DESIGN.md):
1. parse the page with BeautifulSoup, make every element's background transparent, and give every
   text-bearing element a unique text colour (inline style, !important);
2. render it twice, with two different colour assignments; the pixels that differ between the two
   renders are text pixels, and a pixel's colour in the first render names its element;
3. every text node belongs to the nearest coloured element above it; its block's box is the bounding
   box of that element's text pixels (pixels of exactly its colour), normalised by the page size;
   its colour is the mean colour of those pixels in the real screenshot; blocks with identical boxes
   merge (texts joined with a space).

Used only by score_bench.py to check that the fast, geometry-based blocks agree with it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from web_composer.render import RenderOptions, render_html
from web_composer.score.blocks import TEXT_TAGS, Block, merge_identical_boxes


def _colour(index: int, second: bool) -> tuple[int, int, int]:
    code = ((index + 1) * 40503) % (1 << 24)  # spread the codes over the colour cube
    if second:
        code ^= 0x808080  # every channel differs from the first render's
    return code >> 16, (code >> 8) & 255, code & 255


def painted_html(html: str, second: bool) -> tuple[str, list[tuple[str, int]]]:
    """The page with transparent backgrounds and one text colour per text-bearing element.

    Returns the HTML and the page's text items: (stripped text, colour index of its owner).
    """
    from bs4 import BeautifulSoup, Comment, NavigableString

    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        _add_style(element, "background-color", "rgba(255, 255, 255, 0.0)")
    owners = {}
    for index, element in enumerate(soup.find_all(list(TEXT_TAGS))):
        r, g, b = _colour(index, second)
        _add_style(element, "color", f"rgb({r}, {g}, {b})")
        owners[id(element)] = index
    items = []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            continue
        text = node.strip()
        parents = list(node.parents)
        if not text or any(p.name in ("script", "style", "head", "title") for p in parents):
            continue
        owner = next((owners[id(p)] for p in parents if id(p) in owners), None)
        if owner is not None:
            items.append((text, owner))
    return str(soup), items


def _add_style(element, name: str, value: str) -> None:
    styles = [s for s in element.attrs.get("style", "").split(";")
              if s.strip() and not s.strip().startswith(name)]
    styles.append(f"{name}: {value} !important")
    element["style"] = "; ".join(styles)


def official_blocks(html: str, base_dir: Path, real: np.ndarray | None = None,
                    width: int = 1280) -> list[Block]:
    """Blocks of a page the official way (two extra renders, a pixel diff)."""
    options = RenderOptions(width=width)
    first_html, items = painted_html(html, second=False)
    second_html, _ = painted_html(html, second=True)
    first = np.asarray(render_html(first_html, base_dir, options).image()).astype(np.int32)
    second = np.asarray(render_html(second_html, base_dir, options).image()).astype(np.int32)
    if real is None:
        real = np.asarray(render_html(html, base_dir, options).image())
    height = min(first.shape[0], second.shape[0], real.shape[0])
    first, second, real = first[:height], second[:height], real[:height]
    page_w = first.shape[1]
    changed = np.any(first != second, axis=2)
    ys, xs = np.nonzero(changed)
    codes = (first[ys, xs, 0] << 16) | (first[ys, xs, 1] << 8) | first[ys, xs, 2]
    blocks = []
    for text, owner in items:
        r, g, b = _colour(owner, False)
        hit = codes == ((r << 16) | (g << 8) | b)
        if not hit.any():
            continue
        px, py = xs[hit], ys[hit]
        x0, x1, y0, y1 = px.min(), px.max(), py.min(), py.max()
        color = real[py, px].mean(axis=0)
        box = (x0 / page_w, y0 / height, (x1 - x0) / page_w, (y1 - y0) / height)
        blocks.append(Block(text.lower(), box, tuple(float(c) for c in color),
                            [(int(x0), int(y0), int(x1) + 1, int(y1) + 1)]))
    return merge_identical_boxes(blocks)
