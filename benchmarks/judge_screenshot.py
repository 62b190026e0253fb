#!/usr/bin/env python3
"""Screenshot runner for the official Design2Code judge, with webcompose's offline network.

The judge (../shared/design2code/official/judge.py) runs the official ``screenshot_single.py``
through a runner that aborts every http(s) request. Our renderer instead answers CDN and
placeholder-picture URLs from local copies (web_composer.render.shim). To compare the two scorers on
the same page, this runner gives the official script that same network: shim answers fulfilled,
everything else on http(s) aborted. Nothing of the official script is changed; it runs unchanged
via runpy, only Playwright's launch (local Chromium, offline flags) and new_page (the route) are
wrapped.

    python judge_screenshot.py /path/to/screenshot_single.py --html X.html --png X.png
"""

import os
import runpy
import shutil
import sys

from playwright.sync_api._generated import Browser, BrowserType

from web_composer.render.shim import resolve

CHROMIUM = os.environ.get("JUDGE_CHROMIUM") or shutil.which("chromium") or "chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
_launch, _new_page = BrowserType.launch, Browser.new_page


def launch(self, *args, **kwargs):
    kwargs.setdefault("executable_path", CHROMIUM)
    kwargs["args"] = list(kwargs.get("args") or []) + FLAGS
    return _launch(self, *args, **kwargs)


def route(request_route):
    url = request_route.request.url
    if not url.lower().startswith(("http:", "https:", "ws:", "wss:", "ftp:")):
        request_route.continue_()
        return
    local = resolve(url)
    if local is None:
        request_route.abort()
    else:
        request_route.fulfill(status=200, content_type=local.content_type, body=local.body)


def new_page(self, *args, **kwargs):
    page = _new_page(self, *args, **kwargs)
    page.route("**/*", route)
    return page


if __name__ == "__main__":
    BrowserType.launch, Browser.new_page = launch, new_page
    script = os.path.abspath(sys.argv[1])
    sys.argv = [script] + sys.argv[2:]
    sys.path.insert(0, os.path.dirname(script))
    runpy.run_path(script, run_name="__main__")
