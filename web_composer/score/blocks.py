"""Text blocks of a rendered page, read from its DOM in the same page state as the screenshot.

Design2Code's rule: the text-bearing elements below define blocks; every text node belongs to its
nearest such ancestor; a block's box is where its text is drawn, normalised by the page's own width
and height; its colour is the mean colour of its text pixels in the real screenshot; its text is
lower-cased; blocks with identical boxes merge.

The official code finds where text is drawn by painting every such element a unique colour and
diffing two renders. Here the browser's own geometry does it in one render: ``Range.getClientRects``
of each text node, clipped by the overflow boxes of its ancestors and dropped when invisible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Tags that own text (Design2Code's list); text nodes belong to the nearest one above them.
TEXT_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "a", "b", "li", "table",
             "td", "th", "button", "footer", "header", "figcaption")
MAX_RECTS = 64  # line rectangles kept per block (for the diff image)


@dataclass
class Block:
    """One text block: ``box`` is (x, y, w, h) as fractions of the page's width and height."""

    text: str
    box: tuple[float, float, float, float]
    color: tuple[float, float, float]
    rects: list[tuple[int, int, int, int]] = field(default_factory=list, repr=False)  # px x0,y0,x1,y1

    @property
    def area(self) -> float:
        return self.box[2] * self.box[3]

    @property
    def center(self) -> tuple[float, float]:
        x, y, w, h = self.box
        return x + w / 2, y + h / 2

    def pixel_box(self, width: int, height: int) -> tuple[int, int, int, int]:
        """The box in pixels of an image ``width`` x ``height``: x0, y0, x1, y1 (exclusive)."""
        x, y, w, h = self.box
        return (round(x * width), round(y * height), round((x + w) * width), round((y + h) * height))

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "box": [round(v, 5) for v in self.box],
                "color": [round(c, 1) for c in self.color]}


# Runs in the page after load (RenderOptions.evaluate), before the screenshot. Returns the page size
# and, per block owner in document order: its text parts, the line rectangles (page pixels) of the
# text drawn in its own colour, and that colour. Which text is drawn in the owner's colour is asked
# of the browser the way the official code asks the pixels: every owner gets a unique colour for a
# moment (transitions off) and we look at which text nodes inherit it; then everything is restored.
BLOCKS_JS = r"""() => {
  const TAGS = %TAGS%.map(t => t.toUpperCase());
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'TEXTAREA', 'SELECT',
                        'OPTION', 'SVG', 'HEAD']);
  const NO_CLIP = new Set(['inline', 'contents', 'table-row', 'table-row-group', 'table-column',
                           'table-column-group', 'table-header-group', 'table-footer-group']);
  const strip = s => s.replace(/^[\t\n\v\f\r \u001c-\u001f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u001c-\u001f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');
  const root = document.body || document.documentElement;
  const ownerSet = new Set(root.querySelectorAll(TAGS.join(',')));
  if (TAGS.includes(root.tagName)) ownerSet.add(root);

  // 1. Text nodes, their owners, and which owner's colour each is drawn in. An owner is keyed by
  // its data-wc-owner mark (mark_owners: the official html.parser tree's numbering, shared by the
  // copies a browser makes of mis-nested tags) or, unmarked, by itself.
  const owners = [...ownerSet];
  const keyOf = new Map(owners.map((el, i) => [el, el.dataset.wcOwner ?? ('e' + i)]));
  const keys = [...new Set(keyOf.values())];
  const firstOf = new Map();
  owners.forEach(el => { if (!firstOf.has(keyOf.get(el))) firstOf.set(keyOf.get(el), el); });
  const sentinel = i => { const c = (i * 40503 + 0x5a3c17) % 16777216;  // unique per owner
    return `rgb(${(c >> 16) & 255}, ${(c >> 8) & 255}, ${c & 255})`; };
  const keyBySentinel = new Map(keys.map((k, i) => [sentinel(i + 1), k]));
  const sentinelOf = new Map(keys.map((k, i) => [k, sentinel(i + 1)]));
  const guard = document.createElement('style');
  guard.textContent = '*, *::before, *::after { transition: none !important; }';
  document.documentElement.appendChild(guard);
  const saved = owners.map(el => el.getAttribute('style'));
  owners.forEach(el => el.style.setProperty('color', sentinelOf.get(keyOf.get(el)), 'important'));
  const nodes = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = strip(node.data);
    if (!text) continue;
    let owner = null, foreign = false, skip = false;
    for (let e = node.parentElement; e; e = e.parentElement) {
      if (SKIP.has(e.tagName.toUpperCase())) { skip = true; break; }
      if (!owner && !foreign && ownerSet.has(e)) owner = e;
      else if (!owner && e.style.color) foreign = true;  // a nearer inline colour: no owner's text
    }
    if (skip) continue;
    // The owner whose colour the text is drawn in: what the official pixel match finds it under.
    const painter = keyBySentinel.get(getComputedStyle(node.parentElement).color);
    nodes.push([node, owner ? keyOf.get(owner) : null, text, painter]);
  }
  owners.forEach((el, i) => saved[i] === null ? el.removeAttribute('style') : el.setAttribute('style', saved[i]));
  getComputedStyle(root).color;  // restyle with transitions still off, then drop the guard
  guard.remove();

  // 2. Where the owner-coloured text is drawn, clipped by overflow, skipping invisible text.
  const sx = window.scrollX, sy = window.scrollY;
  const clips = new Map();
  const clipOf = (el) => {
    if (!el || el.nodeType !== 1) return [-1e9, -1e9, 1e9, 1e9];
    if (clips.has(el)) return clips.get(el);
    const c = clipOf(el.parentElement).slice();
    const cs = getComputedStyle(el);
    const positioned = cs.position === 'absolute' || cs.position === 'fixed';
    if ((cs.clipPath || '').match(/inset\((50|100)%/)) { c[2] = c[0]; c[3] = c[1]; }
    const rect = positioned && cs.clip.match(/^rect\((.*)\)$/);
    if (rect) {  // clip: rect(top, right, bottom, left), relative to the border box
      const r = el.getBoundingClientRect();
      const [t, rt, b, l] = rect[1].split(/[ ,]+/).map(v => v === 'auto' ? null : parseFloat(v));
      c[0] = Math.max(c[0], r.left + sx + (l ?? 0)); c[2] = Math.min(c[2], r.left + sx + (rt ?? r.width));
      c[1] = Math.max(c[1], r.top + sy + (t ?? 0)); c[3] = Math.min(c[3], r.top + sy + (b ?? r.height));
    }
    const clipping = !NO_CLIP.has(cs.display) && el !== document.documentElement && el !== document.body;
    if (clipping && (cs.overflowX !== 'visible' || cs.overflowY !== 'visible')) {
      const r = el.getBoundingClientRect();
      const left = r.left + sx + (parseFloat(cs.borderLeftWidth) || 0);
      const top = r.top + sy + (parseFloat(cs.borderTopWidth) || 0);
      if (cs.overflowX !== 'visible') { c[0] = Math.max(c[0], left); c[2] = Math.min(c[2], left + el.clientWidth); }
      if (cs.overflowY !== 'visible') { c[1] = Math.max(c[1], top); c[3] = Math.min(c[3], top + el.clientHeight); }
    }
    clips.set(el, c);
    return c;
  };
  // [as drawn, as the official painted render draws it]: that render sets opacity 1 on every
  // owner, so only the opacity of other elements hides text from its pixel match.
  const opacities = new Map();
  const opacityOf = (el) => {
    if (!el || el.nodeType !== 1) return [1, 1];
    if (!opacities.has(el)) {
      const own = parseFloat(getComputedStyle(el).opacity), up = opacityOf(el.parentElement);
      opacities.set(el, [own * up[0], (ownerSet.has(el) ? 1 : own) * up[1]]);
    }
    return opacities.get(el);
  };
  const entries = new Map();
  const order = [];
  const entryOf = (key) => {
    if (!entries.has(key)) {
      const el = firstOf.get(key);
      entries.set(key, {key, tag: el.tagName.toLowerCase(), texts: [], rects: [], color: getComputedStyle(el).color});
      order.push(entries.get(key));
    }
    return entries.get(key);
  };
  const range = document.createRange();
  for (const [node, owner, text, painter] of nodes) {
    if (owner !== null) entryOf(owner).texts.push(text);
    if (painter === undefined) continue;
    const entry = entryOf(painter);
    const parent = node.parentElement;
    // Text translucent in the painted render never shows its colour, so the official match misses
    // it; text translucent only through its owners' opacity is found there, its colour blended.
    const [drawn, painted] = opacityOf(parent);
    if (getComputedStyle(parent).visibility !== 'visible' || painted < 1) continue;
    if (drawn < 1) entry.translucent = true;
    const clip = clipOf(parent);
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      const x0 = Math.max(r.left + sx, clip[0]), y0 = Math.max(r.top + sy, clip[1]);
      const x1 = Math.min(r.right + sx, clip[2]), y1 = Math.min(r.bottom + sy, clip[3]);
      if (x1 - x0 >= 1 && y1 - y0 >= 1) entry.rects.push([x0, y0, x1, y1]);
    }
  }
  // A list item's marker ("1.", a bullet) is drawn in the item's colour, so the official match
  // counts its pixels too: the strip left of the item's first line, from 4 em outside the item.
  for (const entry of order) {
    const el = firstOf.get(entry.key), first = entry.rects[0];
    if (!first || !el) continue;
    const cs = getComputedStyle(el);
    if (cs.display !== 'list-item' || (cs.listStyleType === 'none' && cs.listStyleImage === 'none')) continue;
    const clip = clipOf(el), left = el.getBoundingClientRect().left + sx;
    const x0 = Math.max(left - 4 * parseFloat(cs.fontSize), clip[0]), x1 = Math.min(first[0], clip[2]);
    if (x1 - x0 >= 1) entry.rects.push([x0, first[1], x1, first[3]]);
  }
  const doc = document.documentElement;
  return {width: Math.max(doc.scrollWidth, document.body ? document.body.scrollWidth : 0),
          height: Math.max(doc.scrollHeight, document.body ? document.body.scrollHeight : 0),
          blocks: order.filter(e => e.rects.length)};
}""".replace("%TAGS%", repr(list(TEXT_TAGS)))


def mark_owners(html: str) -> tuple[str, dict[str, list[str]] | None]:
    """The page as the official judge reads its text, and each text-owning element's texts.

    The official code takes a block's text from BeautifulSoup's html.parser tree, which nests
    mis-nested markup as written (``<a>Tags: <a>x</a> y</a>``: " y" is the outer link's), while the
    browser repairs it (" y" is drawn in the enclosing element's colour). The official block of an
    owner is its html.parser texts at the pixels drawn in its colour, so text the two trees place
    differently is lost. Each owner gets a ``data-wc-owner`` number here (BLOCKS_JS groups drawn
    text by it); the texts follow the official walk: from <body>, comments skipped, an element
    with its own colour in its style attribute (other than a text tag) taking its text out of its
    owner's. Returns the re-serialised page and {number: texts}; no texts without a <body>, where
    the official code finds no block at all; None for the texts when the page is unparsable.
    """
    from bs4 import BeautifulSoup, Comment, NavigableString

    try:
        soup = BeautifulSoup(html, "html.parser")
    except Exception:  # html.parser gives up on some broken markup; read the browser's tree then
        return html, None
    for number, element in enumerate(soup.find_all(list(TEXT_TAGS))):
        element["data-wc-owner"] = str(number)
    texts: dict[str, list[str]] = {}
    stack = [(soup.body, None)] if soup.body is not None else []
    while stack:
        node, owner = stack.pop()
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            text = node.strip()
            if text and owner is not None:
                texts.setdefault(owner, []).append(text)
            continue
        if node.get("data-wc-owner") is not None:
            owner = node["data-wc-owner"]
        elif _own_color(node.get("style")):
            owner = None
        stack.extend((child, owner) for child in reversed(node.contents))
    return str(soup), texts


def _own_color(style: str | None) -> bool:
    """Whether the official colour reading finds a colour of its own in a style attribute: the last
    declaration containing "color" (but not "background-color"), when its value is a #hex, a plain
    rgb(r, g, b) or a colour name (anything else falls back to the parent's colour)."""
    from PIL import ImageColor

    parts = [s for s in (style or "").split(";") if "color" in s and "background-color" not in s]
    if not parts:
        return False
    value = parts[-1].split(":")[1].strip().replace(" !important", "") if ":" in parts[-1] else ""
    if value.startswith("#"):
        return True
    try:
        if value.startswith("rgb"):
            tuple(map(int, value[4:-1].split(",")))
        else:
            ImageColor.getrgb(value)
    except ValueError:
        return False
    return True


def blocks_from_dom(data: dict[str, Any], image, texts: dict[str, list[str]] | None = None) -> list[Block]:
    """Blocks from BLOCKS_JS's result and the screenshot taken in the same page state.

    ``image`` is the screenshot as an RGB numpy array (height x width x 3). A block's box is the
    bounding box of its glyph cores inside the line rectangles of the text drawn in its owner's
    colour (the pixels the official pixel diff would find), both end pixels counted, normalised by
    the image size; its colour is their mean colour. ``texts`` (from mark_owners) gives each owner's text; without it the
    browser's tree does.
    """
    from .pixels import fraction_box, painted_color, text_ink

    height, width = image.shape[:2]
    blocks: list[Block] = []
    entries = data.get("blocks") or []
    if texts is not None:  # the official order: by each owner's first text in the document
        first = {owner: k for k, owner in enumerate(texts)}
        entries = sorted((e for e in entries if e.get("key") in texts), key=lambda e: first[e["key"]])
    for entry in entries:
        words = texts[entry["key"]] if texts is not None else entry.get("texts")
        rects = _clip_rects(entry.get("rects") or [], width, height)
        if not rects or not words:
            continue
        # Translucent text shows no pixel of its CSS colour: estimate its blended colour instead.
        key = str(entry.get("key"))
        painted = painted_color(int(key)) if key.isdigit() else None
        ink = text_ink(image, rects, css_color=None if entry.get("translucent") else entry.get("color"),
                       painted=painted)
        if ink.box is None:  # no pixel shows its colour: the official pixel diff finds no block
            continue
        box = fraction_box(*ink.box, width, height)
        color = tuple(float(int(c)) for c in ink.color)  # the official mean colour is truncated
        blocks.append(Block(" ".join(words).lower(), box, color, rects[:MAX_RECTS]))  # type: ignore[arg-type]
    return merge_identical_boxes(blocks)


def _clip_rects(rects: list[list[float]], width: int, height: int) -> list[tuple[int, int, int, int]]:
    out = []
    for x0, y0, x1, y1 in rects:
        box = (max(0, round(x0)), max(0, round(y0)), min(width, round(x1)), min(height, round(y1)))
        if box[2] > box[0] and box[3] > box[1]:
            out.append(box)
    return out


def merge_identical_boxes(blocks: list[Block]) -> list[Block]:
    """Blocks with the same box become one (texts joined by a space, colour the mean of the kept
    one's and the new one's, as officially), in first-seen order."""
    merged: dict[tuple[float, ...], Block] = {}
    for block in blocks:
        key = tuple(round(v, 6) for v in block.box)
        if key in merged:
            merged[key].text += " " + block.text
            merged[key].color = tuple((a + b) / 2 for a, b in zip(merged[key].color, block.color))  # type: ignore[assignment]
        else:
            merged[key] = block
    return list(merged.values())
