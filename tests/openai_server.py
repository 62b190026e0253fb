"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests (no mocks, no network).

    from openai_server import OpenAIServer, Reply

    with OpenAIServer(models=["ixc-2.5"], text=page_html) as server:
        server.queue(Reply.failure(429, retry_after=0), Reply(text="<html>...</html>"))
        backend = get_backend("openai", settings, base_url=server.url)
        ...
        server.chat_requests[0].body["messages"]

It serves ``GET /v1/models`` and ``POST /v1/chat/completions`` (streamed as server-sent events
with chunked transfer encoding, or not streamed), like vLLM/LMDeploy/Ollama do. Each chat call
consumes the next queued ``Reply``; with none queued it answers ``text``. It answers 404 for a model
it does not serve and 401 when ``api_key`` is set and the request lacks it. Every request is
recorded (method, path, headers, JSON body). Thread-safe; many clients may call at once.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """How to answer one chat call."""

    text: str = ""
    status: int = 200
    error: str | None = None  # the JSON error message of a non-200 answer
    headers: dict[str, str] = field(default_factory=dict)
    finish_reason: str | None = "stop"
    chunk_size: int = 16  # characters per streamed chunk (roughly a token or a few)
    close_after: int | None = None  # cut the connection after this many chunks (stream only)
    send_done: bool = True  # end the stream with "data: [DONE]"
    hang_up: bool = False  # close the connection without answering at all
    hold: threading.Event | None = None  # wait for this event before answering

    @classmethod
    def failure(cls, status: int, error: str = "try again", retry_after: float | None = None) -> Reply:
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
        return cls(status=status, error=error, headers=headers)

    @classmethod
    def cut(cls, text: str, after: int) -> Reply:
        """Stream ``after`` chunks of ``text`` and then drop the connection."""
        return cls(text=text, close_after=after)


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


class OpenAIServer:
    def __init__(self, models: list[str] | tuple[str, ...] = ("test-model",), text: str = "",
                 api_key: str | None = None):
        self.models = list(models)
        self.text = text
        self.api_key = api_key
        self.models_status = 200  # set to 404 to play a server without /v1/models
        self.requests: list[Recorded] = []
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self.httpd = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self.port = self.httpd.server_address[1]
        self.root = f"http://127.0.0.1:{self.port}"
        self.url = self.root + "/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def queue(self, *replies: Reply | str) -> None:
        with self._lock:
            self._replies.extend(Reply(text=r) if isinstance(r, str) else r for r in replies)

    def next_reply(self) -> Reply:
        with self._lock:
            return self._replies.popleft() if self._replies else Reply(text=self.text)

    def record(self, entry: Recorded) -> None:
        with self._lock:
            self.requests.append(entry)

    @property
    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def __enter__(self) -> OpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up (timeouts, cut streams) is part of the tests, not news


def _handler_for(server: OpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            server.record(Recorded("GET", self.path, _lower(self.headers), None))
            if not self._authorised():
                return
            if self.path.rstrip("/") == "/v1/models" and server.models_status == 200:
                data = [{"id": m, "object": "model", "owned_by": "test"} for m in server.models]
                self._json(200, {"object": "list", "data": data})
            else:
                self._json(404, {"error": {"message": f"no route {self.path}"}})

        def do_POST(self) -> None:  # noqa: N802
            raw = self.rfile.read(int(self.headers.get("content-length") or 0))
            try:
                body = json.loads(raw or b"null")
            except json.JSONDecodeError:
                body = raw.decode("utf-8", "replace")
            server.record(Recorded("POST", self.path, _lower(self.headers), body))
            if not self._authorised():
                return
            if self.path != "/v1/chat/completions":
                self._json(404, {"error": {"message": f"no route {self.path}"}})
                return
            model = body.get("model") if isinstance(body, dict) else None
            if model not in server.models:
                self._json(404, {"error": {"message": f"The model `{model}` does not exist.",
                                           "type": "NotFoundError", "code": 404}})
                return
            reply = server.next_reply()
            if reply.hold is not None:
                reply.hold.wait(60)
            if reply.hang_up:
                self._drop()
            elif reply.status != 200:
                self._json(reply.status, {"error": {"message": reply.error or "error"}}, reply.headers)
            elif body.get("stream"):
                self._stream(model, reply)
            else:
                self._whole(model, reply)

        def _authorised(self) -> bool:
            if server.api_key is None or self.headers.get("authorization") == f"Bearer {server.api_key}":
                return True
            self._json(401, {"error": {"message": "Invalid API key", "type": "invalid_request_error"}})
            return False

        def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _whole(self, model: str, reply: Reply) -> None:
            self._json(200, {
                "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
                "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": reply.text},
                             "finish_reason": reply.finish_reason}],
                "usage": {"prompt_tokens": 10, "completion_tokens": _chunks(reply), "total_tokens": 0},
            })

        def _stream(self, model: str, reply: Reply) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("transfer-encoding", "chunked")
            self.end_headers()
            base = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "model": model}
            self._event({**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]})
            pieces = [reply.text[i:i + reply.chunk_size] for i in range(0, len(reply.text), reply.chunk_size)]
            for number, piece in enumerate(pieces):
                if reply.close_after is not None and number >= reply.close_after:
                    self._drop()
                    return
                self._event({**base, "choices": [{"index": 0, "delta": {"content": piece},
                                                  "finish_reason": None}]})
            finish = {"index": 0, "delta": {}, "finish_reason": reply.finish_reason}
            self._event({**base, "choices": [finish]})
            if reply.send_done:
                self._chunk(b"data: [DONE]\n\n")
            self._chunk(b"")

        def _event(self, payload: Any) -> None:
            self._chunk(b"data: " + json.dumps(payload).encode() + b"\n\n")

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def _drop(self) -> None:
            """Cut the connection mid-body (no final chunk), as a crashing server would."""
            self.wfile.flush()
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.close_connection = True

    return Handler


def _chunks(reply: Reply) -> int:
    return -(-len(reply.text) // reply.chunk_size) if reply.text else 0


def _lower(headers: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}
