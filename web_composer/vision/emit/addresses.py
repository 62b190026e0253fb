"""Addresses a reader clicks: an e-mail or web address set as a text of its own is a link.

A screenshot shows "hello@yourdomain.com" or "https://example.com/contact" as plain text; the
page it came from had a ``mailto:`` or web link there, and so should the page we write. A text
(or a run of its own look) that is one address is wrapped in an inline ``<a>``: the stylesheets
set ``a{color:inherit;text-decoration:inherit}``, so nothing on screen changes, and the text
keeps its one block. An address inside a sentence stays text: pages set those both ways (a
Design2Code page's pasted URL is plain), and a link there would cut the sentence's block in
three. Texts that are links or controls already are left alone.

    link_addresses(plan.root)
"""

from __future__ import annotations

import re

from .model import Element
from ..elements import walk

# a web address with its scheme or a leading www., or an e-mail address; the trailing
# punctuation of the sentence around it is not part of it
ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]"
                     r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
NOT_HERE = ("a", "button", "input", "textarea", "select", "label", "nav")


def link_addresses(root: Element) -> None:
    for el in walk(root):
        if el.kind != "text" or el.tag in NOT_HERE or not el.parts:
            continue
        el.parts = [piece for part in el.parts for piece in _linked(part)]


def _linked(part: object) -> list:
    """A text part, as a link when it is one address (surrounding spaces kept outside it)."""
    if isinstance(part, Element):  # a run in its own look ("write to <b>x@y.com</b>")
        if part.tag not in NOT_HERE and part.parts and all(isinstance(p, str) for p in part.parts):
            part.parts = [piece for p in part.parts for piece in _linked(p)]
        return [part]
    if not isinstance(part, str) or not ADDRESS.fullmatch(part.strip()):
        return [part]
    address = part.strip()
    href = address if "://" in address else (
        f"https://{address}" if address.startswith("www.") else f"mailto:{address}")
    lead, trail = part[:len(part) - len(part.lstrip())], part[len(part.rstrip()):]
    link = Element("a", "inline", "", parts=[address], attrs={"href": href})
    return [p for p in (lead, link, trail) if p]
