"""Text fixes from block differences: colours, extra text removed, missing text inserted.

The target's blocks come from OCR, which splits, merges and misreads text; a block the matcher
left unmatched is very often text both pages have, grouped another way, and OCR misses faint or
small text. So text is removed only when it is nowhere in the target's text and the target shows
other text in its place, and inserted only when it is nowhere in the page's text and reads as
words (both compared as letters and digits, allowing OCR slips). Colours are changed only for a
clear difference that the target's pixels confirm.
"""

from __future__ import annotations

import re
from typing import Any

from .fixes import Fix
from .geometry import Pair, PixelBlock
from .locate import Located, containment, page_text, squash
from .styles import Styles, px, set_fix

COLOUR_LIMIT = 0.8  # colour similarity under which a matched block's colour is fixed: OCR colours
# of small text are estimates, only a clear difference (CIEDE2000 > 20) is worth acting on
ABSENT = 0.5  # containment under which missing text counts as absent from the page
GONE = 0.35  # containment under which the page's text counts as absent from the target
COVERED = 0.6  # share of a block to remove that the target's other text must cover
MIN_INSERT = 6  # letters and digits a missing block needs to be worth inserting
MAX_INSERTS = 12  # per revision
PROSE_LETTERS = 0.6  # share of letters among the characters of text worth inserting
MEDIA = ("img", "input", "svg", "video", "iframe", "button", "select", "textarea", "picture",
         "canvas", "object", "embed")


def _label(text: str) -> str:
    return repr(text[:40])


def fix_colours(pairs: list[Pair], located: list[Located | None], blocks: list[Any],
                target: Any, fixes: list[Fix]) -> None:
    """Recolour matched blocks whose colour is clearly not the target's. With the target's pixels
    at hand, the colour is measured again where the candidate's own lines fall on the target
    (moved by the pair's offset), and the fix is made only when both measurements agree: an OCR
    block that takes in an icon or a neighbour's text gives a mixed colour."""
    from ...score.metrics import color_similarity

    for pair in pairs:
        where = located[pair.cand_index]
        element = where.single if where else None
        if element is None or pair.similarity < 0.8 or len(squash(pair.cand.text)) < 3:
            continue  # a glyph or two give no trustworthy colour
        colour = pair.ref.color
        if color_similarity(pair.cand.color, colour) >= COLOUR_LIMIT:
            continue
        if target is not None:
            again = _measure(target, blocks[pair.cand_index].rects, pair)
            if again is None or color_similarity(again, colour) < 0.9:
                continue
            colour = again
        r, g, b = (round(float(c)) for c in colour)
        fixes.append(Fix("colour", _label(pair.cand.text), 1.0,
                         [(element, "color", f"rgb({r}, {g}, {b})")]))


def _measure(target: Any, rects: list[tuple[int, int, int, int]], pair: Pair) -> Any:
    """The text colour in the target image where the candidate's line rectangles land."""
    from ...score.pixels import text_ink

    image = target.image
    scale = target.scale  # CSS px per target pixel
    height, width = image.shape[:2]
    moved = []
    for x0, y0, x1, y1 in rects:
        box = (round((x0 + pair.dx) / scale), round((y0 + pair.dy) / scale),
               round((x1 + pair.dx) / scale), round((y1 + pair.dy) / scale))
        box = (max(0, box[0]), max(0, box[1]), min(width, box[2]), min(height, box[3]))
        if box[2] > box[0] and box[3] > box[1]:
            moved.append(box)
    if not moved:
        return None
    ink = text_ink(image, moved)
    return ink.color if ink.box is not None else None


def remove_extra(blocks: list[PixelBlock], located: list[Located | None], unmatched: set[int],
                 reference: list[PixelBlock], fixes: list[Fix]) -> None:
    """Remove the text of unmatched candidate blocks that the target does not show at all, where
    the target shows other text instead (OCR that read something else there; where it read
    nothing, it may simply have missed faint or small text, so the text stays)."""
    haystack = squash(" ".join(box.text for box in reference))
    for index in sorted(unmatched):
        where = located[index]
        block = blocks[index]
        needle = squash(block.text)
        if where is None or not where.exact or len(needle) < 4:
            continue
        if containment(needle, haystack) >= GONE:
            continue
        if _covered(block, reference) < COVERED:
            continue
        fixes.append(Fix("remove", _label(block.text), 1.0, action=_remover(where)))


def _remover(where: Located):
    def remove() -> None:
        for owner in where.owners:
            for node in owner.nodes:
                node.extract()
            element = owner.element
            if not element.get_text().strip() and element.find(MEDIA) is None:
                element.decompose()

    return remove


def insert_missing(soup: Any, missing: list[PixelBlock], pairs: list[Pair],
                   located: list[Located | None], styles: Styles,
                   fixes: list[Fix]) -> dict[int, float]:
    """Insert target blocks the page lacks, in flow after the element of the matched block
    nearest above them in the target. Returns how far each insertion pushes what follows, by the
    id of the anchor block's element (for the gap fixes, which must not move it twice)."""
    pushed: dict[int, float] = {}
    present = squash(page_text(soup))
    after: dict[int, Any] = {}  # host element id -> the last element inserted after it
    count = 0
    for box in sorted(missing, key=lambda b: (b.y0, b.x0)):
        needle = squash(box.text)
        if (len(needle) < MIN_INSERT or not _prose(box.text)
                or containment(needle, present) >= ABSENT):
            continue
        anchor = _anchor(box, pairs, located)
        if anchor is None:
            continue
        pair, element = anchor
        host = _host(element, styles)
        paragraph, height = _paragraph(soup, box, pair, host, styles)
        fixes.append(Fix("insert", _label(box.text), 1.0, action=_inserter(host, paragraph, after)))
        key = id(located[pair.cand_index].first)
        pushed[key] = pushed.get(key, 0.0) + height
        count += 1
        if count >= MAX_INSERTS:
            break
    return pushed


def _prose(text: str) -> bool:
    """Words rather than code, numbers or OCR noise: two words of three letters or more, and
    mostly letters."""
    words = re.findall(r"[^\W\d_]{3,}", text)
    chars = [ch for ch in text if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in chars)
    return len(words) >= 2 and letters >= PROSE_LETTERS * len(chars)


def _inserter(host: Any, paragraph: Any, after: dict[int, Any]):
    def insert() -> None:
        previous = after.get(id(host), host)
        previous.insert_after(paragraph)
        after[id(host)] = paragraph

    return insert


def _anchor(box: PixelBlock, pairs: list[Pair], located: list[Located | None]
            ) -> tuple[Pair, Any] | None:
    """The matched pair nearest above ``box`` in the target, preferring one in its column."""
    best, best_key = None, None
    for pair in pairs:
        where = located[pair.cand_index]
        if where is None or pair.ref.y1 > box.y0 + 2:
            continue
        overlap = min(box.x1, pair.ref.x1) - max(box.x0, pair.ref.x0)
        key = (overlap > 0, pair.ref.y1)
        if best_key is None or key > best_key:
            best, best_key = (pair, where.owners[-1].element), key
    return best


def _host(element: Any, styles: Styles) -> Any:
    """The element to insert after: block-level, and not an item of a row."""
    node = styles.block_level(element)
    while node.parent is not None and node.parent.name not in ("body", "[document]", "html") \
            and styles.is_row(node.parent):
        node = styles.block_level(node.parent)
    return node


def _paragraph(soup: Any, box: PixelBlock, pair: Pair, host: Any, styles: Styles
               ) -> tuple[Any, float]:
    """The paragraph to insert (size from the target's line height, its colour, its gap and
    indent as layout fixes) and the height it adds to the page."""
    pitch = box.pitch
    size = pitch / 1.25 if pitch else box.line_box / 0.9 if box.line_box else 16.0
    size = min(max(round(size), 10), 72)
    r, g, b = (round(float(c)) for c in box.color)
    paragraph = soup.new_tag("p")
    paragraph.string = box.text[:1].upper() + box.text[1:]
    line = round(pitch) if pitch else round(size * 1.25)
    paragraph["style"] = f"font-size: {size}px; line-height: {line}px; color: rgb({r}, {g}, {b})"
    gap = max(0.0, box.y0 - pair.ref.y1 - 0.5 * size)
    set_fix(paragraph, "mt", px(gap))
    own = styles.margin(host, "left")
    left = pair.cand.x0 - (own if isinstance(own, float) else 0.0)
    if box.x0 - left >= 2:
        set_fix(paragraph, "ml", px(box.x0 - left))
    return paragraph, gap + line * max(1, len(box.lines))


def _covered(block: PixelBlock, reference: list[PixelBlock]) -> float:
    """The share of the block's area that the target's text boxes cover."""
    area = block.width * block.height
    if area <= 0:
        return 0.0
    total = 0.0
    for box in reference:
        w = min(block.x1, box.x1) - max(block.x0, box.x0)
        h = min(block.y1, box.y1) - max(block.y0, box.y0)
        if w > 0 and h > 0:
            total += w * h
    return min(1.0, total / area)
