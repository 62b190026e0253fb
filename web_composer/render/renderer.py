"""Rendering a page to a screenshot (and, optionally, data read from its DOM) in the sandbox.

Each render gets a fresh browser context (no shared cookies, storage or cache) in the process's one
browser. Every step is bounded by one deadline; a page that never finishes is abandoned, the
browser is restarted if it does not let go, and the caller gets a RenderError.
"""

from __future__ import annotations

import base64
import json
import math
import re
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import load_settings
from ..errors import InputError, RenderError
from .browser import session
from .sandbox import Sandbox

DESKTOP = (1280, 720)
MOBILE = (390, 844)
MOBILE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
# A full-page screenshot shows everything, so lazy pictures load at once (else they never finish).
_EAGER = """document.addEventListener("DOMContentLoaded", () => {
  for (const el of document.querySelectorAll('img[loading="lazy"], iframe[loading="lazy"]')) {
    el.loading = "eager";
  }
});"""
# Starts a (possibly async) probe function without blocking; its outcome lands on window, as
# one JSON text where it can be: Playwright hands a structured value over as a tree of typed
# nodes that its Python side checks node by node (about 0.3 s of CPU for the thousands of
# element boxes a scoring render returns), a string is one node. Undefined becomes null and a
# number JSON cannot hold (NaN, Infinity) a marked object, so the value reads back as Playwright
# would give it; what JSON cannot write at all (a cycle, a BigInt) goes over the structured way.
_KICKOFF = """() => {
  window.__webcomposeResult = undefined;
  Promise.resolve().then(() => (__FUNCTION__)()).then(
    (value) => {
      value = value === undefined ? null : value;
      let odd = false;
      try {
        const json = JSON.stringify(value, (key, v) => {
          if (v === undefined) return null;
          if (typeof v === 'number' && !Number.isFinite(v)) { odd = true; return {__wcNumber: String(v)}; }
          return v;
        });
        window.__webcomposeResult = {json: json, odd: odd};
      } catch (error) {
        window.__webcomposeResult = {value: value};
      }
    },
    (error) => { window.__webcomposeResult = {error: String(error && error.message || error)}; });
}"""
# Before the picture: animations and transitions finished, infinite ones cancelled back to their
# start, also those that start while the capture enlarges the viewport; no text caret. What
# Playwright's animations="disabled" and caret="hide" do (the context is thrown away afterwards).
_STILL = """() => {
  const still = () => {
    for (const animation of document.getAnimations()) {
      if (!animation.effect || animation.playbackRate === 0) continue;
      const end = animation.effect.getComputedTiming().endTime;
      try { Number.isFinite(end) ? animation.finish() : animation.cancel(); } catch (error) {}
    }
  };
  still();
  document.addEventListener('transitionrun', still);
  document.addEventListener('animationstart', still);
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { caret-color: transparent !important; }';
  (document.head || document.documentElement).appendChild(style);
}"""
# Ready when web fonts are settled and every <img> has finished (loaded or failed).
_SETTLED = "() => document.fonts.status === 'loaded' && Array.from(document.images).every(i => i.complete)"


@dataclass(frozen=True)
class RenderOptions:
    width: int = DESKTOP[0]
    height: int = DESKTOP[1]
    full_page: bool = True
    mobile: bool = False
    timeout: float | None = None  # seconds; None -> the render_timeout setting (10 s)
    evaluate: str | None = None  # JS function "() => value" (may be async) run after load -> .data
    screenshot: bool = True  # False: only load and evaluate (png is empty)

    @classmethod
    def mobile_profile(cls, **overrides: Any) -> RenderOptions:
        return cls(**{"width": MOBILE[0], "height": MOBILE[1], "mobile": True, **overrides})


@dataclass
class Render:
    png: bytes
    width: int
    height: int
    blocked: list[str] = field(default_factory=list)
    shimmed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # uncaught page errors
    timings: dict[str, float] = field(default_factory=dict)
    data: Any = None
    _decoded: Any = field(default=None, init=False, repr=False, compare=False)

    def image(self):  # -> PIL.Image.Image
        """The screenshot as an RGB picture (a copy: the caller may change it). The PNG is
        decoded once: the refinement loop asks for a tall page's picture several times."""
        import io

        from PIL import Image

        if self._decoded is None or self._decoded[0] is not self.png:
            self._decoded = (self.png, Image.open(io.BytesIO(self.png)).convert("RGB"))
        return self._decoded[1].copy()

    def __getstate__(self) -> dict[str, Any]:  # a pickled render carries its PNG, not its picture
        return {**self.__dict__, "_decoded": None}

    def summary(self) -> dict[str, Any]:
        return {
            "width": self.width,
            "height": self.height,
            "blocked": self.blocked,
            "shimmed": self.shimmed,
            "missing": self.missing,
            "page_errors": self.errors,
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
        }


def render_html(html: str, base_dir: Path | None = None,
                options: RenderOptions | None = None) -> Render:
    """Render HTML text; relative URLs load from ``base_dir``."""
    sandbox = Sandbox(base_dir=Path(base_dir) if base_dir else None, document=html.encode("utf-8"))
    return _render(sandbox, sandbox.url_for(None), options or RenderOptions())


def render_file(path: Path, options: RenderOptions | None = None) -> Render:
    """Render an HTML file; its folder is the base for relative URLs."""
    path = Path(path)
    check_html_file(path)
    sandbox = Sandbox(base_dir=path.resolve().parent)
    return _render(sandbox, sandbox.url_for(path.name), options or RenderOptions())


def check_html_file(path: Path) -> str:
    """Validate that ``path`` is a readable HTML text file; return its text."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not an HTML file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    head = data[:4096]
    if b"\x00" in head or re.match(rb"\x89PNG|\xff\xd8\xff|GIF8|%PDF|PK\x03\x04|RIFF", head):
        raise InputError(f"{path} is not an HTML file (it looks binary)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def _context_options(options: RenderOptions) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if options.mobile:
        extra = {"is_mobile": True, "has_touch": True, "user_agent": MOBILE_UA}
    return {
        "viewport": {"width": options.width, "height": options.height},
        "device_scale_factor": 1,
        "service_workers": "block",
        "color_scheme": "light",
        "reduced_motion": "reduce",
        **extra,
    }


def _render(sandbox: Sandbox, url: str, options: RenderOptions) -> Render:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    timeout = options.timeout if options.timeout is not None else load_settings().render_timeout
    if timeout <= 0:
        raise InputError("the render timeout must be positive")
    browser_session = session()
    started = time.monotonic()
    browser = browser_session.browser  # starting the browser does not count against the page
    timings = {"browser": time.monotonic() - started}
    deadline = time.monotonic() + timeout

    def remaining_ms() -> float:
        return max(1.0, (deadline - time.monotonic()) * 1000)

    context = browser.new_context(**_context_options(options))
    errors: list[str] = []
    try:
        t0 = time.monotonic()
        page = _load(context, sandbox, url, errors, remaining_ms)
        timings["load"] = time.monotonic() - t0
        data = None
        if options.evaluate:
            t0 = time.monotonic()
            data = _evaluate(page, options.evaluate, remaining_ms)
            timings["evaluate"] = time.monotonic() - t0
        png = b""
        if options.screenshot:
            t0 = time.monotonic()
            png = _screenshot(context, page, options, remaining_ms)
            timings["screenshot"] = time.monotonic() - t0
    except PlaywrightTimeout:
        _discard(context, browser_session)
        raise RenderError(f"the page did not finish rendering within {timeout:g} s",
                          hint="it may loop forever or wait on something; --timeout raises the limit"
                          ) from None
    except PlaywrightError as exc:
        _discard(context, browser_session)
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise RenderError(f"the browser failed while rendering: {first}") from None
    except BaseException:
        _discard(context, browser_session)
        raise
    _discard(context, browser_session)
    timings["total"] = time.monotonic() - started
    width, height = png_size(png) if png else (0, 0)
    return Render(png=png, width=width, height=height, blocked=sandbox.blocked,
                  shimmed=sandbox.shimmed, missing=sandbox.missing, errors=errors,
                  timings=timings, data=data)


def _load(context: Any, sandbox: Sandbox, url: str, errors: list[str], remaining_ms: Any) -> Any:
    """Open ``url`` in a new page of ``context`` behind the sandbox and wait until it has loaded,
    its fonts and pictures included; the page's uncaught errors are appended to ``errors``."""
    context.route("**/*", sandbox.handle)
    context.route_web_socket(re.compile(r".*"), sandbox.handle_websocket)
    context.add_init_script(_EAGER)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc).splitlines()[0][:300]))
    page.goto(url, wait_until="load", timeout=remaining_ms())
    page.wait_for_function(_SETTLED, timeout=remaining_ms())
    return page


def _screenshot(context: Any, page: Any, options: RenderOptions, remaining_ms: Any) -> bytes:
    """The PNG of the page. A full page goes through Chromium's own capture with its fast PNG
    encoder (optimizeForSpeed: same pixels, bigger file, half the time of page.screenshot)."""
    if not options.full_page:
        return page.screenshot(full_page=False, timeout=remaining_ms(), animations="disabled",
                               caret="hide", type="png")
    page.evaluate(_STILL)
    cdp = context.new_cdp_session(page)
    try:
        size = cdp.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": max(1, math.ceil(size["width"])),
                "height": max(1, math.ceil(size["height"])), "scale": 1}
        params = {"format": "png", "clip": clip, "captureBeyondViewport": True,
                  "optimizeForSpeed": True}
        try:
            shot = cdp.send("Page.captureScreenshot", params)
        except Exception as exc:  # noqa: BLE001 - only the compositor's transient refusal is retried
            if "Unable to capture screenshot" not in str(exc):
                raise
            # A busy machine sometimes has no frame ready; one painted frame later it has.
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")
            shot = cdp.send("Page.captureScreenshot", params)
    finally:
        cdp.detach()
    return base64.b64decode(shot["data"])


def _evaluate(page: Any, function: str, remaining_ms: Any) -> Any:
    """Run ``function`` (sync or async) in the page, bounded by the render's deadline."""
    page.evaluate(_KICKOFF.replace("__FUNCTION__", function))
    outcome = page.wait_for_function("() => window.__webcomposeResult",
                                     timeout=remaining_ms()).json_value()
    if "error" in outcome:
        raise RenderError(f"the page probe failed: {outcome['error']}")
    if "json" in outcome:
        return json.loads(outcome["json"], object_hook=_odd_number if outcome.get("odd") else None)
    return outcome.get("value")


def _odd_number(item: dict) -> Any:
    """A number JSON cannot write (NaN, Infinity, -Infinity), marked by _KICKOFF, as a float."""
    if len(item) == 1 and "__wcNumber" in item:
        return float(item["__wcNumber"])
    return item


def _discard(context: Any, browser_session: Any) -> None:
    """Close a render's context; if the browser will not let go, throw the browser away."""
    try:
        context.close()
    except Exception:  # noqa: BLE001 - a wedged browser is replaced, whatever the error
        browser_session.restart()
