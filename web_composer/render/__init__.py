"""The renderer: real Chromium, one per process, pages sandboxed from the network.

    from web_composer.render import render_file, render_html, RenderOptions
    shot = render_file(Path("index.html"))          # full page at 1280 px
    shot.png, shot.width, shot.height, shot.blocked
"""

from .browser import close_browser, find_chromium
from .renderer import Render, RenderOptions, check_html_file, render_file, render_html

__all__ = ["Render", "RenderOptions", "check_html_file", "close_browser", "find_chromium",
           "render_file", "render_html"]
