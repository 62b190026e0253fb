"""The browser: finding Chromium, launching it once per process (per thread), and mapping its errors.

Resolution order for the executable: ``WEBCOMPOSE_CHROMIUM`` (or the ``chromium`` setting), then
Playwright's own Chromium when it is installed, then the system's Chromium (Debian's ``chromium``).
This is the one place that launches a browser and turns Playwright's failures into our errors.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass

from typing import Any

from ..config import load_settings
from ..errors import BrowserNotFound, RenderError

SYSTEM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "install Chromium: `apt-get install chromium` (Debian/Ubuntu, as root), or "
    "`python -m playwright install chromium`, or set WEBCOMPOSE_CHROMIUM to a Chromium executable"
)
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    # Defence in depth behind the request router: anything that escaped it would go to a dead proxy.
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
]


@dataclass(frozen=True)
class ChromiumInfo:
    path: str
    source: str  # "WEBCOMPOSE_CHROMIUM" | "setting" | "playwright" | "system"


def playwright_chromium(pw: Any = None) -> str | None:
    """Path of Playwright's own Chromium if it is installed, else None. ``pw``: a Playwright
    driver already started (asking it costs nothing; starting one only to ask costs 0.25 s)."""
    try:
        if pw is not None:
            path = pw.chromium.executable_path
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as pw:
                path = pw.chromium.executable_path
    except Exception:  # noqa: BLE001 - no package or any driver failure means "not available"
        return None
    return path if path and os.access(path, os.X_OK) else None


def find_chromium(pw: Any = None) -> ChromiumInfo:
    """The Chromium executable to use, or BrowserNotFound saying what to install.
    ``pw``: a Playwright driver already started, to ask for its own browser."""
    override = os.environ.get("WEBCOMPOSE_CHROMIUM") or load_settings().chromium
    if override:
        origin = "WEBCOMPOSE_CHROMIUM" if os.environ.get("WEBCOMPOSE_CHROMIUM") else "setting"
        path = shutil.which(override) or override
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            raise BrowserNotFound(f"{origin} points to {override}, which is not an executable",
                                  hint=INSTALL_HINT)
        return ChromiumInfo(path, origin)
    own = playwright_chromium(pw)
    if own:
        return ChromiumInfo(own, "playwright")
    for name in SYSTEM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return ChromiumInfo(path, "system")
    raise BrowserNotFound("no Chromium browser found", hint=INSTALL_HINT)


def chromium_version(path: str) -> str:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (out.stdout.strip() or out.stderr.strip() or "unknown").splitlines()[0]


class BrowserSession:
    """One Playwright driver and one Chromium, started lazily and restarted after a crash or hang."""

    def __init__(self) -> None:
        self._pw: Any = None
        self._browser: Any = None
        self.info: ChromiumInfo | None = None

    @property
    def browser(self) -> Any:
        if self._browser is None or not self._browser.is_connected():
            self._start()
        return self._browser

    def _start(self) -> None:
        self.close()
        try:
            from playwright.sync_api import Error as PlaywrightError
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise BrowserNotFound("the playwright package is not installed",
                                  hint="pip install playwright") from None
        self._pw = sync_playwright().start()
        try:
            self.info = find_chromium(self._pw)
        except BrowserNotFound:
            self.close()
            raise
        try:
            self._browser = self._pw.chromium.launch(
                executable_path=self.info.path, headless=True, args=LAUNCH_ARGS, timeout=60_000
            )
        except PlaywrightError as exc:
            self.close()
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise RenderError(f"Chromium at {self.info.path} failed to start: {first}",
                              hint=INSTALL_HINT) from None

    def restart(self) -> None:
        """Throw the browser away (after a hang); the next use starts a fresh one."""
        self.close()

    def close(self) -> None:
        browser, pw = self._browser, self._pw
        self._browser = self._pw = None
        if browser is not None:
            try:
                browser.close()
            except Exception:  # noqa: BLE001 - it may already be gone
                pass
        if pw is not None:
            try:
                pw.stop()
            except Exception:  # noqa: BLE001
                pass


_local = threading.local()
_sessions: list[BrowserSession] = []
_sessions_lock = threading.Lock()


def session() -> BrowserSession:
    """This thread's browser session (Playwright's sync API is bound to one thread)."""
    current = getattr(_local, "session", None)
    if current is None:
        current = BrowserSession()
        _local.session = current
        with _sessions_lock:
            _sessions.append(current)
    return current


def warm_up() -> None:
    """Start this thread's browser now (Chromium takes most of a second to start), so that a caller
    with other work to do meanwhile, such as reading a screenshot, does not wait for it later."""
    session().browser


def close_browser() -> None:
    """Close this thread's browser, if any (also done at exit)."""
    current = getattr(_local, "session", None)
    if current is not None:
        current.close()


@atexit.register
def _close_all() -> None:
    with _sessions_lock:
        for item in _sessions:
            item.close()


def install_browser(*, allow_apt: bool = True) -> ChromiumInfo:
    """Make a Chromium available: Playwright's own if installable, else Debian's via apt (root)."""
    try:
        return find_chromium()
    except BrowserNotFound:
        pass
    import sys

    try:
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"],
                       capture_output=True, timeout=300, check=False)
    except (OSError, subprocess.SubprocessError):
        pass
    if playwright_chromium() is None and allow_apt and shutil.which("apt-get") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "fonts-liberation"],
                       env=env, check=False)
    return find_chromium()


