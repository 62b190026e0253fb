"""The top bar of a page: a low band of short texts at the very top is the site's menu.

    top_menu(first_block, link_lists)    # True when it made the block's menu a <nav> of links

A page's first band, low (a bar, not a hero) and holding only short one-line texts (a brand,
tabs, "Welcome", "Menu", a button), is its header, whether or not OCR could tell its items'
colour: a developer writes it as a ``<header>`` holding a ``<nav>``. Up to two texts of the band
may be longer than a menu item ("Ship Globally Posted within 24 hours" and "Log in or Create
account" left of "Cart" and "Search"): a tagline, a notice, an account line beside the menu;
they stay paragraphs. Here the row of that band
holding the most short lines becomes the ``<nav>`` and its lines a list of links;
plan._landmarks then wraps the band in the ``<header>``, as it does for any first block holding
a nav. Only tags change: the row keeps its flex look, the lines theirs.
"""

from __future__ import annotations

from typing import Callable

from ..elements import walk
from .menus import _short_line
from .model import Element

BAR_HEIGHT = 120  # px: the highest band read as a bar
BAR_TOP = 60  # px: the bar starts this close to the top of the page
MIN_TEXTS = 3  # brand and two items, or two items and a button
NOTICE_WORDS, NOTICE_CHARS = 8, 60  # a longer line a bar may hold beside its menu
MAX_LONGER = 2  # such lines in one bar


def top_menu(block: Element, link_lists: Callable[[list[Element]], list[Element]]) -> bool:
    """``link_lists``: plan._link_lists, which puts a row's runs of links in a ``<ul>`` that is
    ``display: contents`` (the items stay the row's flex items)."""
    if block.box is None or block.box[1] > BAR_TOP or block.box[3] - block.box[1] > BAR_HEIGHT:
        return False
    texts = [el for el in walk(block) if el.kind == "text"]
    longer = [el for el in texts if not _item(el)]
    if len(texts) < MIN_TEXTS or len(longer) > MAX_LONGER or len(texts) - len(longer) < 2 \
            or not all(_notice(el) for el in longer):
        return False
    if any(el.tag in ("nav", "ul", "ol", "input", "textarea", "select") for el in walk(block)):
        return False  # read already, or a form
    rows = [el for el in walk(block) if el.kind in ("row", "wrap") and el.tag == "div"]
    best = max(rows, key=lambda r: len(_lines(r)), default=None)
    if best is None or len(_lines(best)) < 2:
        return False
    for item in _lines(best):
        item.tag, item.name = "a", "link"
        item.attrs["href"] = "#"
    best.tag = "nav"
    best.children = link_lists(best.children)
    return True


def _item(el: Element) -> bool:
    """A short one-line text, or a button's label."""
    if el.tag == "span":
        return el.nowrap
    return _short_line(el)


def _notice(el: Element) -> bool:
    """One line of a few more words than an item: a tagline or a shipping notice."""
    return _short_line(el, NOTICE_WORDS, NOTICE_CHARS)


def _lines(row: Element) -> list[Element]:
    return [c for c in row.children if c.kind == "text" and c.tag in ("p", "a") and _short_line(c)]
