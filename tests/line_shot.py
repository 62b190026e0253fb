"""A short line of body text, rendered by Chromium in Liberation Sans 16 px on an 800 x 80
viewport: what the OCR tests read with tesseract."""

from __future__ import annotations

from typing import Any


def line_shot(body: str) -> Any:
    """The RGB screenshot of ``body`` (HTML) in a 20 px margin."""
    from web_composer.render import RenderOptions, render_html

    page = ("<!doctype html><html><head><meta charset='utf-8'></head>"
            "<body style=\"margin:20px;font:16px 'Liberation Sans'\">"
            f"{body}</body></html>")
    return render_html(page, None, RenderOptions(width=800, height=80,
                                                 full_page=False)).image().convert("RGB")
