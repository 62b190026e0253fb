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
