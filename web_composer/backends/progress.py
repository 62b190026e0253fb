"""A live progress line while a model writes: tokens so far and elapsed time, on stderr.

    with ProgressDisplay("generating") as progress:
        backend.generate(request, progress=progress)

A backend calls ``progress(chunk)`` once per generated token (or streamed chunk, which OpenAI-style
servers send per token), so the count is the number of calls. The line is redrawn in place at most
every ``interval`` seconds, and only when the stream is a terminal: piped or redirected output
stays quiet. ``chunks`` keeps everything received, for callers that want the text.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO


def format_elapsed(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}:{seconds:02d}"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


class ProgressDisplay:
    """Callable progress sink; draws ``label: N tokens, elapsed (rate)`` on a terminal."""

    def __init__(self, label: str = "generating", stream: IO[str] | None = None, *,
                 enabled: bool | None = None, interval: float = 0.1,
                 clock: Callable[[], float] = time.monotonic):
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.interval = interval
        self.clock = clock
        self.started = clock()
        self.tokens = 0
        self.chunks: list[str] = []
        self._drawn_at: float | None = None
        self._width = 0

    def __call__(self, chunk: str) -> None:
        self.tokens += 1
        self.chunks.append(chunk)
        now = self.clock()
        if self.enabled and (self._drawn_at is None or now - self._drawn_at >= self.interval):
            self._draw(now)

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    def line(self, now: float | None = None) -> str:
        elapsed = (self.clock() if now is None else now) - self.started
        rate = f", {self.tokens / elapsed:.1f} tok/s" if elapsed >= 1 and self.tokens else ""
        return f"{self.label}: {self.tokens:,} tokens, {format_elapsed(elapsed)}{rate}"

    def _draw(self, now: float) -> None:
        text = self.line(now)
        padding = " " * max(0, self._width - len(text))
        self.stream.write("\r" + text + padding)
        self.stream.flush()
        self._width = len(text)
        self._drawn_at = now

    def close(self) -> None:
        """Draw the final count and end the line (only if anything was drawn)."""
        if self.enabled and self._drawn_at is not None:
            self._draw(self.clock())
            self.stream.write("\n")
            self.stream.flush()
            self._drawn_at = None

    def __enter__(self) -> ProgressDisplay:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
