"""The network sandbox of a rendered page.

The page is served from a private origin (``http://webcompose.page/``) that exists only inside the
browser: its files come from the page's base folder, CDN files and placeholder pictures come from
the offline shim, and every other request is aborted and recorded. Nothing reaches the network.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from . import shim

ORIGIN = "http://webcompose.page"
DOCUMENT_PATH = "/__webcompose_document__.html"


@dataclass
class Sandbox:
    """Routes one page's requests; ``blocked`` and ``shimmed`` list what happened."""

    base_dir: Path | None
    document: bytes | None = None  # in-memory HTML served at DOCUMENT_PATH
    blocked: list[str] = field(default_factory=list)
    shimmed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # local files the page asked for but lacks

    def url_for(self, relative: str | None) -> str:
        return ORIGIN + (DOCUMENT_PATH if relative is None else "/" + relative.lstrip("/"))

    def handle(self, route: Any) -> None:
        url = route.request.url
        try:
            response = self._respond(url)
        except OSError:
            response = None
        if response is None:
            self.blocked.append(url)
            route.abort("blockedbyclient")
            return
        content_type, body, status = response
        route.fulfill(status=status, body=body, headers={"content-type": content_type,
                                                          "access-control-allow-origin": "*",
                                                          "cache-control": "no-store"})

    def handle_websocket(self, ws: Any) -> None:
        self.blocked.append(ws.url)
        ws.close()

    def _respond(self, url: str) -> tuple[str, bytes, int] | None:
        if url.startswith(ORIGIN + "/"):
            return self._local(urlsplit(url).path)
        hit = shim.resolve(url)
        if hit is None:
            return None
        self.shimmed.append(url)
        return hit.content_type, hit.body, 200

    def _local(self, path: str) -> tuple[str, bytes, int] | None:
        if path == DOCUMENT_PATH and self.document is not None:
            return "text/html; charset=utf-8", self.document, 200
        if self.base_dir is None:
            return None
        base = self.base_dir.resolve()
        target = (base / unquote(path).lstrip("/")).resolve()
        if base not in target.parents and target != base:
            return None  # outside the page's folder
        if not target.is_file():
            self.missing.append(path)
            return "text/plain", b"not found", 404
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in {"application/javascript", "image/svg+xml"}:
            kind += "; charset=utf-8"
        return kind, target.read_bytes(), 200
