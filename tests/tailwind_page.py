"""A page plan written in the Tailwind stack with its compiled stylesheet beside it, as the
engine ships it: for tests that render the tailwind output of a plan they built."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def tailwind_page(plan: Any, folder: Path) -> str:
    """The plan's Tailwind HTML; ``folder/assets/tailwind.css`` holds the compiled styles."""
    from web_composer.html.tailwind import compile_tailwind
    from web_composer.vision.emit.tailwind import render_tailwind

    html, css = compile_tailwind(render_tailwind(plan))
    assert css, "the Tailwind stylesheet was compiled"
    (folder / "assets").mkdir(exist_ok=True)
    (folder / "assets" / "tailwind.css").write_bytes(css)
    return html


def titled_page(middle: Any, title: str, body: str, width: int) -> Any:
    """A plan of a 32 px title, ``middle`` (an element, or a list of them in a row 12 px
    below), then a paragraph: the surroundings a role step's output is rendered in."""
    from web_composer.vision.emit.model import Element, Plan

    if isinstance(middle, list):
        middle = Element("div", "row", "row", children=middle, geom={"margin-top": "12px"})
    root = Element("div", "page", "backdrop", children=[
        Element("h1", "text", "heading-1", parts=[title], nowrap=True,
                look={"font-size": "32px", "color": "#222"}), middle,
        Element("p", "text", "text", parts=[body], look={"font-size": "16px", "color": "#222"})])
    return Plan(root, width=width)


def assert_same_pixels(before: Any, after: Any, folder: Path, width: int, height: int) -> None:
    """Both plans render to the same pixels in both stacks (real Chromium), and draw something:
    a step that changes only roles must not change the page."""
    import numpy as np

    from web_composer.render import RenderOptions, render_html
    from web_composer.vision.emit.css import render_css

    options = RenderOptions(width=width, height=height)
    for write in (render_css, lambda plan: tailwind_page(plan, folder)):
        shots = [np.asarray(render_html(write(plan), folder, options).image())
                 for plan in (before, after)]
        assert shots[0].shape == shots[1].shape and (shots[0] == shots[1]).all(), width
        assert (shots[0] != shots[0][0, 0]).any()  # something was drawn
