"""Links inside links: HTML cannot nest an <a> in another.

A text that became a link as a whole (a menu entry, a line of a footer) may hold a word that was
a link of its own (read in another colour). Written as ``<a>..<a>..</a>..</a>``, the browser's
parser closes the outer link where the inner one opens: the inner link and the words after it
fall out of their element and float in its container. In a flow layout that breaks a line ("file."
alone under its sentence); where a narrower screenshot lays the page out as a grid (responsive.py)
they become grid items no rule places, squeezed into one pixel's column and stretching a row
hundreds of pixels tall. The inner link is therefore written as a <span> of the same look:
the outer link's colour and underline already reach it (the stylesheet sets ``a{color:inherit}``).
"""

from __future__ import annotations

from .model import Element


def unnest_links(root: Element) -> None:
    """Turn every <a> inside an <a> into a <span> with the same classes and look."""
    stack = [(root, False)]
    while stack:
        el, in_link = stack.pop()
        inside = in_link or el.tag == "a"
        for part in [p for p in el.parts or [] if isinstance(p, Element)] + el.children:
            if inside and part.tag == "a":
                part.tag = "span"
                part.attrs.pop("href", None)
            stack.append((part, inside))
