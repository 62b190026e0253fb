"""How well OCR reads a rendered page: the words the DOM draws vs the words OCR reads, by position.

A page rendered from HTML knows every word it shows and where. ``WORDS_JS`` (a render probe)
returns each visible word with its box, font size and colour; ``compare`` pairs those words with
the OCR's words by overlap and counts, per DOM word, whether it was read exactly (case aside), and
what went wrong when not:

    accents        the same letters but for diacritics ("Periñán" read "Perinan")
    run_together   neighbouring words read as one ("Our story" -> "Ourstory")
    split          one word read as two ("Shopify" -> "Shop ify")
    small_light    any other misreading of a word under 13 px or of low contrast
    punctuation    the same letters and digits, other punctuation or quotes
    misread        any other misreading
    missed         no OCR word on it at all
and, among OCR words over no DOM word, ``icons``: the ones drawn over an icon (svg, icon font,
small picture), and ``extra`` the rest (text in pictures, noise).

    render = render_html(html, base, RenderOptions(evaluate=WORDS_JS))
    words = dom_words(render.data, image)
    report = compare(words, ocr_words(lines), render.data["icons"])
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .groups import connected_groups

SMALL_PX = 13  # font size under which a word counts as small
LOW_CONTRAST = 3.0  # WCAG contrast ratio under which a word counts as light
CLASSES = ("accents", "run_together", "split", "small_light", "punctuation", "misread", "missed")

# Visible words (text nodes split at white space) with their boxes in page pixels; words drawn in
# an icon font and words of invisible elements are left out; icon boxes come separately.
WORDS_JS = r"""() => {
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'TEXTAREA', 'SELECT',
                        'OPTION', 'HEAD']);
  const ICON_FONT = /icon|awesome|glyph|material|symbol|ionicons|feather/i;
  const range = document.createRange();
  const words = [], icons = [];
  const sx = window.scrollX, sy = window.scrollY;
  const walker = document.createTreeWalker(document.body || document.documentElement,
                                           NodeFilter.SHOW_TEXT);
  // Drawn: visible, not transparent, and inside every box that clips it (overflow, clip).
  const shown = (el, r) => { const cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.visibility === 'hidden' || s.display === 'none' || parseFloat(s.opacity) < 0.1) return false;
      const clips = s.overflow !== 'visible' || s.clip.startsWith('rect') || s.clipPath !== 'none';
      if (!clips) continue;
      const b = e.getBoundingClientRect();
      if (cx < b.left || cx > b.right || cy < b.top || cy > b.bottom || b.width < 3 || b.height < 3) return false;
    } return true; };
  const cased = (text, how) => how === 'uppercase' ? text.toUpperCase()
      : how === 'lowercase' ? text.toLowerCase()
      : how === 'capitalize' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || SKIP.has(el.tagName) || el.closest('svg')) continue;
    const style = getComputedStyle(el);
    if (ICON_FONT.test(style.fontFamily.split(",")[0])) continue;  // the first family draws
    const text = node.textContent, re = /\S+/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        if (!shown(el, r)) break;
        words.push({text: cased(m[0], style.textTransform), size: parseFloat(style.fontSize),
                    color: style.color,
                    box: [r.left + sx, r.top + sy, r.right + sx, r.bottom + sy]});
        break;  // a word broken over two lines keeps its first part's box
      }
    }
  }
  for (const el of document.querySelectorAll('svg, i, img, [class*="icon"], [class*="fa-"]')) {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.width > 96 || r.height > 96) continue;
    icons.push([r.left + sx, r.top + sy, r.right + sx, r.bottom + sy]);
  }
  return {words, icons};
}"""


@dataclass
class Word:
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 page pixels
    small: bool = False
    light: bool = False


@dataclass
class Report:
    words: int = 0  # DOM words
    correct: int = 0
    ocr_words: int = 0
    counts: Counter = field(default_factory=Counter)  # class -> DOM words (or OCR words: icons, extra)
    examples: dict[str, list[str]] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        return self.correct / self.words if self.words else 1.0

    def add(self, other: Report) -> None:
        self.words += other.words
        self.correct += other.correct
        self.ocr_words += other.ocr_words
        self.counts.update(other.counts)
        for name, items in other.examples.items():
            self.examples.setdefault(name, []).extend(items)

    def note(self, name: str, count: int, example: str) -> None:
        self.counts[name] += count
        self.examples.setdefault(name, []).append(example)


def dom_words(data: dict[str, Any], image: Any) -> list[Word]:
    """The probe's words that left ink in the screenshot (RGB array), glued to a neighbour they
    touch on the same line ("Hello<b>world</b>" is drawn as one word)."""
    import numpy as np

    height, width = image.shape[:2]
    words: list[Word] = []
    for item in data.get("words", []):
        x0, y0, x1, y1 = (int(round(v)) for v in item["box"])
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(width, x1), min(height, y1)
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        crop = image[y0:y1, x0:x1].astype(np.float32)
        luma = crop @ np.array([0.2126, 0.7152, 0.0722], np.float32)
        if float(np.ptp(crop, axis=(0, 1)).max()) < 24 or not _inked(crop, item.get("color", "")):
            continue  # nothing drawn there: clipped, covered or the ground's colour
        words.append(Word(item["text"], (x0, y0, x1, y1), item["size"] < SMALL_PX,
                          _contrast(luma) < LOW_CONTRAST))
    return _glue(words)


def _inked(crop: Any, color: str) -> bool:
    """Whether the text's own colour is drawn in its box and differs from the ground there."""
    import re

    import numpy as np

    values = [float(v) for v in re.findall(r"[\d.]+", color)]
    if len(values) < 3:
        return True
    pixels = crop.reshape(-1, 3)
    ground = np.median(pixels, axis=0)
    alpha = values[3] if len(values) > 3 else 1.0  # rgba(): drawn blended with the ground
    ink = alpha * np.array(values[:3], np.float32) + (1 - alpha) * ground
    if np.abs(ink - ground).max() < 24:
        return False
    return bool((np.abs(pixels - ink).max(axis=1) < 48).any())


def _contrast(luma: Any) -> float:
    """WCAG contrast ratio between the ground (median) and the ink (farthest) in a word's box."""
    import numpy as np

    def relative(v: float) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    ground = float(np.median(luma))
    ink = float(luma.min() if abs(luma.min() - ground) > abs(luma.max() - ground) else luma.max())
    a, b = sorted((relative(ground), relative(ink)))
    return (b + 0.05) / (a + 0.05)


def _glue(words: list[Word]) -> list[Word]:
    out: list[Word] = []
    for word in words:
        last = out[-1] if out else None
        if last is not None:
            h = min(last.box[3] - last.box[1], word.box[3] - word.box[1])
            same_line = min(last.box[3], word.box[3]) - max(last.box[1], word.box[1]) > 0.5 * h
            if same_line and 0 <= word.box[0] - last.box[2] <= 0.08 * h:
                last.text += word.text
                last.box = (last.box[0], min(last.box[1], word.box[1]), word.box[2],
                            max(last.box[3], word.box[3]))
                last.small, last.light = last.small or word.small, last.light or word.light
                continue
        out.append(word)
    return out


def ocr_words(lines: list[Any]) -> list[Word]:
    """OCR lines -> words with boxes (a line without word boxes is one word)."""
    out = []
    for line in lines:
        words = list(getattr(line, "words", None) or ())
        if not words:
            out.append(Word(line.text, tuple(line.box)))
        for word in words:
            text, box = (word.text, word.box) if hasattr(word, "text") else word
            out.append(Word(text, tuple(box)))
    return out


def normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def _fold(text: str) -> str:
    """Without diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _core(text: str) -> str:
    return "".join(c for c in _fold(text) if c.isalnum())


def _overlap(a: tuple, b: tuple) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, w) * max(0.0, h)


def _area(box: tuple) -> float:
    return max(1.0, (box[2] - box[0]) * (box[3] - box[1]))


def _inside(point: tuple[float, float], box: tuple, margin: float = 1.0) -> bool:
    return box[0] - margin <= point[0] <= box[2] + margin and box[1] - margin <= point[1] <= box[3] + margin


def _centre(box: tuple) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _belongs(read: tuple, dom: tuple) -> bool:
    """An OCR word mostly over a DOM word (or a thin one centred on it, like a comma)."""
    shared = _overlap(read, dom)
    if shared >= 0.4 * _area(read) or shared >= 0.6 * _area(dom):
        return True
    return shared > 0 and (_inside(_centre(read), dom) or _inside(_centre(dom), read))


def compare(truth: list[Word], read: list[Word], icons: list[Any] = (), page: str = "") -> Report:
    """Score OCR words against DOM words; an OCR word belongs to the DOM words it mostly covers."""
    report = Report(words=len(truth), ocr_words=len(read))
    # DOM words are indices 0 .. len(truth)-1, OCR words follow them
    links = ((len(truth) + j, i) for j, word in enumerate(read) for i, dom in enumerate(truth)
             if _belongs(word.box, dom.box))
    groups = [([i for i in g if i < len(truth)], [i - len(truth) for i in g if i >= len(truth)])
              for g in connected_groups(len(truth) + len(read), links)]
    for doms, reads in groups:
        if not doms:
            _stray([read[j] for j in reads], icons, report, page)
        else:
            _judge(_reading_order([truth[i] for i in doms]),
                   _reading_order([read[j] for j in reads]), report, page)
    return report


def _reading_order(words: list[Word]) -> list[Word]:
    """Rows (centres within half a word's height) top to bottom, each left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: _centre(w.box)[1]):
        height = word.box[3] - word.box[1]
        if rows and abs(_centre(word.box)[1] - _centre(rows[-1][0].box)[1]) <= 0.5 * height:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [word for row in rows for word in sorted(row, key=lambda w: w.box[0])]


def _stray(words: list[Word], icons: list[Any], report: Report, page: str) -> None:
    for word in words:
        on_icon = any(_overlap(word.box, tuple(icon)) >= 0.3 * _area(word.box) for icon in icons)
        report.note("icons" if on_icon else "extra", 1, f"{page}: {word.text!r}")


def _judge(doms: list[Word], reads: list[Word], report: Report, page: str) -> None:
    want = [normal(w.text) for w in doms]
    got = [normal(w.text) for w in reads]
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    for op, i0, i1, j0, j1 in matcher.get_opcodes():
        if op == "equal":
            report.correct += i1 - i0
            continue
        if op == "insert":
            report.note("extra", j1 - j0, f"{page}: {' '.join(got[j0:j1])!r}")
            continue
        left, right = " ".join(want[i0:i1]), " ".join(got[j0:j1])
        example = f"{page}: {left!r} -> {right!r}"
        if op == "delete":
            name = "missed"
        elif "".join(want[i0:i1]) == "".join(got[j0:j1]):
            name = "run_together" if j1 - j0 < i1 - i0 else "split"
        elif _fold(left) != left:  # an accented word misread in any way
            name = "accents"
        elif any(w.small or w.light for w in doms[i0:i1]):
            name = "small_light"
        elif _core(left) == _core(right):
            name = "punctuation"
        else:
            name = "misread"
        report.note(name, i1 - i0, example)
