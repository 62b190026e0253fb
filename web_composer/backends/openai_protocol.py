"""The OpenAI chat-completions wire format, as the ``openai`` backend speaks it.

Requests: Hugging Face style messages -> OpenAI messages, images as base64 PNG data URLs.
Answers: server-sent events (``data: {...}`` lines ending with ``data: [DONE]``) or one JSON body;
error bodies (``{"error": {"message": ...}}`` and variants) and ``Retry-After`` headers.

Internal signals between this module and the backend:

    Retry          this attempt failed in a way worth trying again on the same server
    Unreachable    this server cannot answer now; the next one (if any) may
"""

from __future__ import annotations

import base64
import email.utils
import io
import json
import time
from dataclasses import dataclass, field
from typing import Any

from ..errors import BackendError
from .base import Progress

MAX_RETRY_AFTER = 60.0  # seconds: the longest wait a Retry-After header gets


class Retry(Exception):
    """This attempt failed in a way worth trying again on the same server."""

    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.reason, self.wait = reason, wait


class Unreachable(Exception):
    """This server cannot answer now; the next one (if any) may."""

    def __init__(self, error: BackendError):
        super().__init__(error.message)
        self.error = error


@dataclass
class Reply:
    text: str
    url: str
    model: str
    finish_reason: str | None = None
    chunks: int = 0
    usage: dict[str, Any] = field(default_factory=dict)


def to_openai(messages: list[dict]) -> list[dict]:
    """Hugging Face style messages -> OpenAI ones (images as base64 data URLs)."""
    converted = []
    for message in messages:
        parts = message["content"]
        if all(part["type"] == "text" for part in parts):
            content: Any = "\n".join(part["text"] for part in parts)
        else:
            content = [{"type": "image_url", "image_url": {"url": data_url(part["image"])}}
                       if part["type"] == "image" else {"type": "text", "text": part["text"]}
                       for part in parts]
        converted.append({"role": message["role"], "content": content})
    return converted


def data_url(image: Any) -> str:
    """A PIL image as a ``data:image/png;base64,...`` URL (lossless: text stays sharp)."""
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "transparency" in image.info or image.mode in ("P", "PA") else "RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def read_stream(response: Any, reply: Reply, progress: Progress | None) -> Reply:
    """Read a server-sent-events answer into ``reply``, passing each chunk of text to ``progress``."""
    import httpx

    parts: list[str] = []
    done = False
    try:
        for line in response.iter_lines():
            data = _sse_data(line)
            if data is None:
                continue
            if data == "[DONE]":
                done = True
                break
            _take_event(_json_text(data, reply.url), reply, parts, progress)
    except httpx.TimeoutException:
        raise BackendError(f"the server at {reply.url} stopped sending mid-way (read timeout), after "
                           f"{reply.chunks} chunks", hint="raise read_timeout, or check the server") from None
    except httpx.TransportError as exc:
        if not parts:
            raise Retry(f"connection reset ({type(exc).__name__})") from None
        raise _cut_off(reply) from None
    reply.text = "".join(parts)
    if not done and reply.finish_reason is None:
        raise _cut_off(reply)
    return reply


def _cut_off(reply: Reply) -> BackendError:
    return BackendError(f"the server at {reply.url} closed the stream mid-way, after {reply.chunks} chunks",
                        hint="the answer is incomplete; check the server's log and try again")


def _take_event(payload: Any, reply: Reply, parts: list[str], progress: Progress | None) -> None:
    if not isinstance(payload, dict):
        return
    if payload.get("error"):
        raise BackendError(f"the server at {reply.url} failed mid-stream: {_error_text(payload)}")
    for choice in payload.get("choices") or []:
        text = (choice.get("delta") or {}).get("content") or ""
        if text:
            parts.append(text)
            reply.chunks += 1
            if progress is not None:
                progress(text)
        reply.finish_reason = choice.get("finish_reason") or reply.finish_reason
    if isinstance(payload.get("usage"), dict):
        reply.usage = payload["usage"]


def read_whole(response: Any, reply: Reply, progress: Progress | None) -> Reply:
    payload = json_body(response, reply.url)
    try:
        choice = payload["choices"][0]
        reply.text = choice["message"].get("content") or ""
    except (KeyError, IndexError, TypeError, AttributeError):
        raise BackendError(f"the server at {reply.url} sent an answer that is not OpenAI-style") from None
    reply.finish_reason = choice.get("finish_reason")
    reply.usage = payload.get("usage") if isinstance(payload.get("usage"), dict) else {}
    reply.chunks = 1 if reply.text else 0
    if progress is not None and reply.text:
        progress(reply.text)
    return reply


def _sse_data(line: str) -> str | None:
    """The data of one server-sent-events line; None for comments, other fields and blank lines."""
    if not line.startswith("data:"):
        return None
    data = line[5:]
    return data[1:] if data.startswith(" ") else data


def _json_text(text: str, url: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise BackendError(f"the server at {url} sent a stream event that is not JSON: "
                           f"{text[:80]!r}") from None


def json_body(response: Any, url: str) -> Any:
    try:
        return json.loads(response.read())
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BackendError(f"the server at {url} sent an answer that is not JSON") from None


def _error_text(payload: Any) -> str:
    if isinstance(payload, dict):
        for key in ("error", "message", "detail"):
            value = payload.get(key)
            if isinstance(value, dict):
                return _error_text(value)
            if value:
                return str(value)
    return str(payload)


def server_message(response: Any) -> str:
    """A short reason from an error response: its JSON error message, else its first line of text."""
    try:
        text = response.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - a reason is a nicety; the status code says enough
        text = ""
    try:
        message = _error_text(json.loads(text))
    except json.JSONDecodeError:
        message = text.strip().splitlines()[0] if text.strip() else ""
    message = " ".join(message.split())[:200]
    return message or response.reason_phrase or f"HTTP {response.status_code}"


def retry_after(response: Any) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None when absent."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def refused(exc: BaseException) -> bool:
    """Whether a connect error was caused by a refused connection (walks the exception chain)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
