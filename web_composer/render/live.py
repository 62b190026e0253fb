"""A page kept open between calls: loaded now, asked something later.

    page = LivePage(html)                     # loads in this thread's browser, sandboxed
    ...                                       # other work; the page stays loaded
    value = page.evaluate("() => document.title")
    page.close()

A render (renderer.render_html) loads, reads and closes in one go. Some work is better split: the
Tailwind compiler (html/tailwind.py) loads the Play script, which takes most of a second, while
the screenshot is still being read, and hands it the page's classes once they exist. The page
lives in its own browser context behind the same sandbox as a render (no network, shimmed CDN
files); each call has its own deadline, and any failure closes the page and raises RenderError.
A LivePage belongs to the thread that opened it (Playwright's sync API is per thread).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from ..config import load_settings
from ..errors import RenderError
from .browser import session
from .renderer import RenderOptions, _context_options, _discard, _evaluate, _load
from .sandbox import Sandbox


class LivePage:
    def __init__(self, html: str, base_dir: Path | None = None,
                 options: RenderOptions | None = None) -> None:
        options = options or RenderOptions(screenshot=False)
        self._timeout = options.timeout if options.timeout is not None \
            else load_settings().render_timeout
        self._session = session()
        self.errors: list[str] = []
        sandbox = Sandbox(base_dir=Path(base_dir) if base_dir else None,
                          document=html.encode("utf-8"))
        self._context = None
        self._context = self._guarded(
            lambda remaining: self._session.browser.new_context(**_context_options(options)))
        self._page = self._guarded(lambda remaining: _load(
            self._context, sandbox, sandbox.url_for(None), self.errors, remaining))

    def evaluate(self, function: str) -> Any:
        """Run ``function`` (a JS function of no arguments, may be async) in the page."""
        if self._page is None:
            raise RenderError("the page was closed")
        return self._guarded(lambda remaining: _evaluate(self._page, function, remaining))

    def close(self) -> None:
        if self._context is not None:
            _discard(self._context, self._session)
        self._context = self._page = None

    def _guarded(self, step: Any) -> Any:
        """``step(remaining_ms)`` within the deadline; a failure closes the page."""
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        deadline = time.monotonic() + self._timeout

        def remaining_ms() -> float:
            return max(1.0, (deadline - time.monotonic()) * 1000)

        try:
            return step(remaining_ms)
        except PlaywrightTimeout:
            self.close()
            raise RenderError(f"the page did not answer within {self._timeout:g} s") from None
        except PlaywrightError as exc:
            self.close()
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise RenderError(f"the browser failed: {first}") from None
        except BaseException:
            self.close()
            raise
