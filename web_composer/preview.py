"""`webcompose serve`: a local gallery of results, bound to 127.0.0.1, refreshing itself.

Serves the results folder as static files, plus ``/`` (the gallery: every result folder with its
render, scores and links to index.html, report.html and report.json) and ``/__state`` (a token that
changes whenever a result changes; the gallery polls it and reloads).
"""

from __future__ import annotations

import hashlib
import html
import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

POLL_MS = 1500


def result_folders(root: Path) -> list[Path]:
    """Folders under root (one level, or two for batch results) that hold a report.json."""
    found = []
    for report in sorted(root.glob("report.json")) + sorted(root.glob("*/report.json")) + sorted(
            root.glob("*/*/report.json")):
        if "iterations" not in report.parts and not report.parent.name.startswith("."):
            found.append(report.parent)
    return found


def state_token(root: Path) -> str:
    digest = hashlib.sha256()
    for folder in result_folders(root):
        for name in ("report.json", "render.png", "index.html"):
            path = folder / name
            if path.exists():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()[:16]


def _card(root: Path, folder: Path) -> str:
    rel = folder.relative_to(root).as_posix()
    link = quote(rel) + "/" if rel != "." else ""
    try:
        report: dict[str, Any] = json.loads((folder / "report.json").read_text())
    except (OSError, json.JSONDecodeError):
        report = {"status": "unreadable report.json"}
    scores = report.get("scores") or {}
    score_text = " · ".join(f"{k} {v:.2f}" for k, v in scores.items()
                            if isinstance(v, (int, float)) and k not in {"seconds", "matched"}
                            and not k.startswith("unmatched"))
    links = [f'<a href="{link}index.html">page</a>', f'<a href="{link}report.json">report.json</a>']
    if (folder / "report.html").exists():
        links.insert(1, f'<a href="{link}report.html">report</a>')
    image = (f'<img src="{link}render.png" alt="render of {html.escape(rel)}" loading="lazy">'
             if (folder / "render.png").exists() else "<p>no render</p>")
    return (f'<article><h2>{html.escape(rel)}</h2><a href="{link}index.html">{image}</a>'
            f'<p class="meta">{html.escape(str(report.get("task", "")))} · '
            f'{html.escape(str(report.get("backend", "")))} · {html.escape(str(report.get("status")))}'
            f'</p><p class="scores">{html.escape(score_text)}</p><p>{" · ".join(links)}</p></article>')


def gallery_html(root: Path) -> str:
    cards = "\n".join(_card(root, f) for f in result_folders(root)) or "<p>No results yet.</p>"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>webcompose results</title>
<style>
body {{ font: 15px/1.4 system-ui, sans-serif; margin: 0; background: #f1f5f9; color: #0f172a; }}
header {{ background: #1e3a8a; color: #fff; padding: 12px 24px; }}
main {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 16px; padding: 24px; }}
article {{ background: #fff; border-radius: 8px; padding: 12px; box-shadow: 0 1px 3px #0002; }}
article img {{ width: 100%; height: 220px; object-fit: cover; object-position: top; border: 1px solid #e2e8f0; }}
h2 {{ font-size: 16px; margin: 0 0 8px; word-break: break-all; }} .meta, .scores {{ color: #475569; margin: 4px 0; }}
a {{ color: #1d4ed8; }}
</style></head><body><header><h1>webcompose results: {html.escape(str(root))}</h1></header>
<main>{cards}</main>
<script>
let state = "{state_token(root)}";
setInterval(async () => {{
  try {{ const r = await fetch("/__state"); const s = await r.text(); if (s !== state) location.reload(); }}
  catch (e) {{}}
}}, {POLL_MS});
</script></body></html>"""


class _Handler(SimpleHTTPRequestHandler):
    root: Path

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path in ("/", "/__gallery"):
            return self._send(gallery_html(self.root), "text/html; charset=utf-8")
        if self.path == "/__state":
            return self._send(state_token(self.root), "text/plain")
        return super().do_GET()

    def _send(self, text: str, content_type: str) -> None:
        body = text.encode("utf-8")
        self.send_response(200)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        self.send_header("cache-control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def make_server(root: Path, port: int = 8765) -> ThreadingHTTPServer:
    """A server for ``root`` on 127.0.0.1 (port 0 picks a free one); call serve_forever()."""
    handler = type("PreviewHandler", (_Handler,), {"root": Path(root).resolve()})
    return ThreadingHTTPServer(("127.0.0.1", port),
                               partial(handler, directory=str(Path(root).resolve())))


def serve_in_thread(root: Path, port: int = 0) -> tuple[ThreadingHTTPServer, threading.Thread]:
    server = make_server(root, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread
