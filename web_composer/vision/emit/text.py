"""Text elements: line height, wrap width and forced breaks, the look, inline runs.

A paragraph's CSS box is derived from its measured baselines (the font's ascent and descent, the
line pitch), and its width is chosen so the browser wraps it where the screenshot did.
"""

from __future__ import annotations

import re
from dataclasses import replace
from statistics import median
from typing import Any

from .. import fonts
from ..elements import Box, Node, TextLine
from .fields import tick_box
from .model import Element, em, font_size, hex_colour, px, type_size


def text_geometry(node: Node) -> None:
    """Line height, width, hard breaks and the CSS box of a text node (stored in ``info``)."""
    for line in node.lines:  # advances and wraps are computed at the size written
        line.font = replace(line.font, size=type_size(line.font.size))
    lines = node.lines
    font = lines[0].font
    size = font.size
    ascent, descent = fonts.vertical_metrics(font.family, font.weight)
    a, d = round(ascent * size), round(descent * size)
    if len(lines) > 1:
        pitch = median(b.baseline - a_.baseline for a_, b in zip(lines, lines[1:]))
        lh = float(round(pitch))
    else:
        lh = float(max(a + d, round(size * 1.15)))
    top = lines[0].baseline - (lh - (a + d)) / 2 - a
    advances = [_advance(line) for line in lines]
    width, breaks = _wrap_width(lines, advances)
    lefts = [line.box.x0 - _bearing(line) for line in lines]
    align = node.info.get("align", "left") if len(lines) > 1 else "left"
    if align == "center":
        left = median(l.box.cx for l in lines) - width / 2
    elif align == "right":
        left = max(l.box.x1 for l in lines) - width
    else:
        left = median(lefts) if len(lines) > 2 else min(lefts)
    node.info.update(css=Box(left, top, left + width, top + lh * len(lines)), lh=lh,
                     width=width, breaks=breaks, align=align)


def _advance(line: TextLine) -> float:
    f = line.font
    return fonts.advance(f.family, f.weight, line.text, f.size) + f.spacing * len(line.text)


def _bearing(line: TextLine) -> float:
    f = line.font
    return fonts.text_metrics(f.family, f.weight, line.text)[1] * f.size


def _wrap_width(lines: list[TextLine], advances: list[float]) -> tuple[float, list[int]]:
    """A width that wraps the paragraph where the screenshot did, and forced breaks (<br>)
    after lines that ended early (the next word would have fitted)."""
    low = max(advances) + 1.0
    breaks: list[int] = []
    highs: list[float] = []
    for i, line in enumerate(lines[:-1]):
        nxt = lines[i + 1].text.split()[0] if lines[i + 1].text.split() else ""
        f = line.font
        high = fonts.advance(f.family, f.weight, f"{line.text} {nxt}", f.size)
        if high <= low:
            breaks.append(i)
        else:
            highs.append(high)
    if highs:
        return low + min(8.0, (min(highs) - low) / 2), breaks
    return low + 2.0, breaks


TEXT_TAGS = {"h1", "h2", "h3", "h4", "p", "li", "a", "td", "th"}


def text_element(node: Node) -> Element:
    if "css" not in node.info:
        text_geometry(node)
    first = node.lines[0]
    font = first.font
    tag = node.role if node.role in TEXT_TAGS else "p"
    row_of_links = _row_of_links(node.lines, first.color)
    if tag == "a" and row_of_links:
        tag = "p"  # its items are the links
    name = {"a": "link", "li": "item", "p": "text", "td": "cell", "th": "head"}.get(
        tag, f"heading-{tag[1:]}")
    look = {
        "font-family": fonts.css_stack(font.family),
        "font-size": font_size(font.size),
        "font-weight": "700" if font.weight >= 600 else "300" if font.weight < 350 else "400",
        "line-height": px(node.info["lh"]),
        "color": hex_colour(first.color),
    }
    if font.spacing:
        look["letter-spacing"] = em(font.spacing / font.size)
    if first.underline or tag == "a":
        look["text-decoration"] = "underline" if first.underline else "none"
    el = Element(tag, "text", name, parts=_inline_parts(node, first.color, row_of_links),
                 look=look)
    if len(node.lines) > 1:
        el.geom["width"] = px(node.info["width"])
        if node.info.get("align") in ("center", "right"):
            el.geom["text-align"] = node.info["align"]
    if tag == "a":
        el.attrs["href"] = "#"
    if first.marker.startswith(("checkbox:", "radio:")):
        tick_box(el, first.marker)
    if tag == "li" and node.info.get("marker"):
        number = node.info.get("number")
        el.attrs["data-marker"] = node.info["marker"] + (f":{number}" if number else "")
    return el


LINK_HUE = 50  # max - min of a colour's channels above which it reads as a link colour


def _inline_parts(node: Node, colour: tuple[int, int, int], row_of_links: bool) -> list[Any]:
    """The paragraph's text: plain strings, "\n" for forced breaks, inline <a>/<span> runs.

    A run in another colour is a link when it is coloured or short. In text itself set in a link
    colour with plain-coloured runs in it ("Home / News / About", "Tagged: Travels"), its own
    runs are the links (a price in red is not) and the plain ones are text."""
    parts: list[Any] = []
    breaks = node.info.get("breaks", [])
    for i, line in enumerate(node.lines):
        if parts and parts[-1] != "\n":
            parts.append(" ")
        for j, (text, run_colour) in enumerate(line.runs or [(line.text, line.color)]):
            if j:
                parts.append(" ")
            if max(abs(a - b) for a, b in zip(run_colour, colour)) <= 30:
                link = row_of_links and line.runs and not NUMBER.fullmatch(text)
                parts.append(Element("a", "inline", "link", parts=[text], attrs={"href": "#"})
                             if link else text)
                continue
            link = not row_of_links and (_hued(run_colour) or len(text.split()) <= 3)
            parts.append(Element("a" if link else "span", "inline", "link" if link else "span",
                                 parts=[text], look={"color": hex_colour(run_colour)},
                                 attrs={"href": "#"} if link else {}))
        if i in breaks:
            parts.append("\n")
    return parts


NUMBER = re.compile(r"[\d\s.,:;$€£¥%+*/()-]+")  # a price or a count: set off by colour, not a link


ITEM_WORDS, LABEL_WORDS = 4, 3  # a link item ("Market Profile Generator"), a label ("Powered by")


def _row_of_links(lines: list[TextLine], colour: tuple[int, int, int]) -> bool:
    """Text set in a link colour with plain-coloured runs in it: "Home / News / About",
    "Tagged: Travels", "© 2016 Ann Lee. Powered by Jekyll". The coloured runs are the links.
    Runs of more words are prose set in a coloured body type, its plain runs emphasis."""
    runs = [(text, c) for line in lines for text, c in line.runs or []]
    return _hued(colour) and any(not _hued(c) for _, c in runs) and all(
        len(text.split()) <= (LABEL_WORDS if not _hued(c) else ITEM_WORDS) for text, c in runs)


def _hued(colour: tuple[int, int, int]) -> bool:
    return max(colour) - min(colour) > LINK_HUE

