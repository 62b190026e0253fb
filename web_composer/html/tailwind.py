"""Compiling a Tailwind page: the stylesheet for the classes it uses, so it needs no script.

    html, css = compile_tailwind(html)     # css: bytes for assets/tailwind.css

A page written with Tailwind classes and the Play CDN script gets its styles only when that
script runs in the browser. The built-in engine already has a browser at hand: it loads the page
once (offline, the script served by the renderer's shim), reads the stylesheet the script
generated for exactly the classes on the page, and links it (``assets/tailwind.css``) in place of
the script. The classes stay on the elements for the person who edits the page; a comment says
how to bring the script back when they add new ones. The stylesheet is a file of its own, as a
Tailwind build writes it, rather than 10-15 KB of generated rules in the page's head.
"""

from __future__ import annotations

import re

from ..errors import RenderError

PLAY_SCRIPT = re.compile(r'<script src="https://cdn\.tailwindcss\.com[^"]*"></script>\n?')
_GENERATED = ("() => Array.from(document.querySelectorAll('style'))"
              ".map(s => s.textContent).filter(t => t.includes('tailwindcss')).join('\\n')")
STYLESHEET = "tailwind.css"  # under assets/
NOTE = ("<!-- Tailwind CSS for the classes below, compiled when the page was made. After adding "
        "classes, put <script src=\"https://cdn.tailwindcss.com\"></script> back here. -->")


def compile_tailwind(html: str, timeout: float | None = None) -> tuple[str, bytes | None]:
    """``html`` with its Play CDN script replaced by a link to the stylesheet it generates, and
    that stylesheet; unchanged (and None) when the page has no such script."""
    match = PLAY_SCRIPT.search(html)
    if match is None:
        return html, None
    from ..render import RenderOptions, render_html

    shot = render_html(html, None, RenderOptions(screenshot=False, evaluate=_GENERATED,
                                                 timeout=timeout))
    css = (shot.data or "").strip()
    if not css:
        raise RenderError("Tailwind generated no stylesheet for the page"
                          + (" (its offline script is missing)" if shot.missing else ""),
                          hint="`webcompose setup` fetches the offline Tailwind script; "
                               "or use --stack css")
    # The page names its pictures from where it stands (assets/x.png); the stylesheet stands
    # in assets/ itself, so there the same pictures are x.png.
    css = re.sub(r"""url\((['"]?)assets/""", r"url(\1", css)
    link = f'{NOTE}\n<link rel="stylesheet" href="assets/{STYLESHEET}">\n'
    return html[:match.start()] + link + html[match.end():], (css + "\n").encode("utf-8")
