"""The preview server: a real HTTP server on 127.0.0.1 listing results and signalling changes."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from web_composer.preview import serve_in_thread


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.status, response.read().decode("utf-8", "replace")


def _result(folder: Path, overall: float) -> None:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<p>page</p>")
    (folder / "render.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "report.json").write_text(json.dumps(
        {"status": "ok", "task": "screenshot", "backend": "builtin", "scores": {"overall": overall}}))


def test_gallery_lists_results_and_the_state_token_changes(tmp_path: Path):
    _result(tmp_path / "alpha", 0.91)
    server, _ = serve_in_thread(tmp_path)
    try:
        host, port = server.server_address
        assert host == "127.0.0.1"
        base = f"http://127.0.0.1:{port}"
        status, page = _get(base + "/")
        assert status == 200 and "alpha" in page and "overall 0.91" in page
        assert 'src="alpha/render.png"' in page
        assert _get(base + "/alpha/index.html")[1] == "<p>page</p>"
        before = _get(base + "/__state")[1]
        _result(tmp_path / "beta", 0.5)
        after = _get(base + "/__state")[1]
        assert before != after and "beta" in _get(base + "/")[1]
    finally:
        server.shutdown()
        server.server_close()


def test_serve_refuses_a_missing_folder(cli, tmp_path: Path):
    result = cli(["serve", tmp_path / "nope"])
    assert result.exit_code == 2 and "no such folder" in result.stderr
