"""Compiling a Tailwind page: the stylesheet for the classes it uses, so it needs no script.

    html, css = compile_tailwind(html)     # css: bytes for assets/tailwind.css

A page written with Tailwind classes and the Play CDN script gets its styles only when that
script runs in the browser. The built-in engine already has a browser at hand: it loads the page
once (offline, the script served by the renderer's shim), reads the stylesheet the script
generated for exactly the classes on the page, and links it (``assets/tailwind.css``) in place of
the script. The classes stay on the elements for the person who edits the page; a comment says
how to bring the script back when they add new ones. The stylesheet is a file of its own, as a
Tailwind build writes it, rather than 10-15 KB of generated rules in the page's head.

Loading the script is most of the work (about 0.5 s of a 0.9 s compile), and it needs no page:
``prime_compiler()`` loads it into an empty page ahead of time (the engine does so while the
screenshot is read), and the next compile on that thread hands that page the classes. The script
builds its stylesheet from the set of classes in the document, whatever their elements, so the
stylesheet is the same as from the whole page; a page of its own configuration (an inline
``tailwind.config`` or ``text/tailwindcss`` style) is compiled the whole way.
"""

from __future__ import annotations

import json
import re
import threading
from html.parser import HTMLParser

from ..errors import RenderError

PLAY_SCRIPT = re.compile(r'<script src="https://cdn\.tailwindcss\.com[^"]*"></script>\n?')
_GENERATED = ("() => Array.from(document.querySelectorAll('style'))"
              ".map(s => s.textContent).filter(t => t.includes('tailwindcss')).join('\\n')")
STYLESHEET = "tailwind.css"  # under assets/
NOTE = ("<!-- Tailwind CSS for the classes below, compiled when the page was made. After adding "
        "classes, put <script src=\"https://cdn.tailwindcss.com\"></script> back here. -->")


_EMPTY = ('<!DOCTYPE html>\n<html>\n<head>\n<script src="https://cdn.tailwindcss.com"></script>\n'
          '</head>\n<body></body>\n</html>\n')
# the primed page's stylesheet once the classes are in: the script rebuilds it when it sees new
# classes and sets the <style>'s text, which the observer hears even when the text is the same
_FEED = """() => new Promise((resolve, reject) => {
  const style = Array.from(document.querySelectorAll('style'))
    .find(s => s.textContent.includes('tailwindcss'));
  if (!style) { reject(new Error('the Tailwind script built no stylesheet')); return; }
  const lists = __LISTS__;
  if (!lists.length) { resolve(style.textContent); return; }
  new MutationObserver((_, seen) => { seen.disconnect(); resolve(style.textContent); })
    .observe(style, {childList: true, characterData: true, subtree: true});
  const holder = document.createElement('div');
  for (const list of lists) {
    const item = document.createElement('i');
    item.className = list;
    holder.appendChild(item);
  }
  document.body.appendChild(holder);
})"""
# waits (up to 5 s) for the script's first stylesheet, built after the page has loaded
_BUILT = """async () => {
  for (let tries = 0; tries < 500; tries++) {
    if (Array.from(document.querySelectorAll('style')).some(s => s.textContent.includes('tailwindcss')))
      return true;
    await new Promise(r => setTimeout(r, 10));
  }
  return false;
}"""
_primed = threading.local()


def prime_compiler() -> None:
    """Load the Tailwind script into an empty page on this thread's browser, for the next
    compile_tailwind on this thread. A browser that fails here, or an offline script never
    fetched, is reported by that compile (nothing is loaded or waited for here)."""
    from ..render import vendor
    from ..render.live import LivePage

    release_compiler()
    if vendor.asset_path(vendor.TAILWIND_PLAY, "tailwindcss.js") is None:
        return
    try:
        page = LivePage(_EMPTY)
    except RenderError:
        return
    try:
        built = page.evaluate(_BUILT)  # no stylesheet: the offline script is missing
    except RenderError:
        built = False
    if built:
        _primed.page = page
    else:
        page.close()


def release_compiler() -> None:
    """Close this thread's primed page, if any (a compile takes it; an error may leave it)."""
    page = getattr(_primed, "page", None)
    _primed.page = None
    if page is not None:
        page.close()


def compile_tailwind(html: str, timeout: float | None = None) -> tuple[str, bytes | None]:
    """``html`` with its Play CDN script replaced by a link to the stylesheet it generates, and
    that stylesheet; unchanged (and None) when the page has no such script."""
    match = PLAY_SCRIPT.search(html)
    if match is None:
        release_compiler()
        return html, None
    css = _from_primed(html, match.group(0))
    if css is None:
        from ..render import RenderOptions, render_html

        shot = render_html(html, None, RenderOptions(screenshot=False, evaluate=_GENERATED,
                                                     timeout=timeout))
        css = (shot.data or "").strip()
        if not css:
            from ..render import vendor

            fetched = vendor.asset_path(vendor.TAILWIND_PLAY, "tailwindcss.js") is not None
            raise RenderError("Tailwind generated no stylesheet for the page"
                              + ("" if fetched else " (its offline script is missing)"),
                              hint="`webcompose setup` fetches the offline Tailwind script; "
                                   "or use --stack css")
    # The page names its pictures from where it stands (assets/x.png); the stylesheet stands
    # in assets/ itself, so there the same pictures are x.png.
    css = re.sub(r"""url\((['"]?)assets/""", r"url(\1", css)
    link = f'{NOTE}\n<link rel="stylesheet" href="assets/{STYLESHEET}">\n'
    return html[:match.start()] + link + html[match.end():], (css + "\n").encode("utf-8")


def _from_primed(html: str, script: str) -> str | None:
    """The stylesheet from this thread's primed page (taken and closed), or None: no primed
    page, a page with a configuration of its own (or another script: plugins, a version), or a
    page that failed."""
    page = getattr(_primed, "page", None)
    _primed.page = None
    if page is None:
        return None
    try:
        if script.strip() not in _EMPTY or "tailwind.config" in html \
                or "text/tailwindcss" in html:
            return None
        lists = json.dumps(_class_lists(html))
        return (page.evaluate(_FEED.replace("__LISTS__", lists)) or "").strip() or None
    except RenderError:
        return None
    finally:
        page.close()


class _Classes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lists: dict[str, None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "class" and value and value.strip():
                self.lists[value] = None


def _class_lists(html: str) -> list[str]:
    """Every distinct class attribute of the page, in order, as the browser reads it."""
    parser = _Classes()
    parser.feed(html)
    parser.close()
    return list(parser.lists)
