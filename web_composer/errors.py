"""The one exception tree of webcompose.

Library code raises these; only ``cli.py`` turns them into a one-line message and an exit code.

    WebComposeError            exit 1  internal error (a bug, or something unexpected)
    ├── InputError             exit 2  bad input: missing file, wrong format, refused output path
    ├── NotImplementedYet      exit 1  an engine lacks an ability (e.g. a built-in engine that cannot revise)
    ├── BackendError           exit 3  a backend or model is unavailable or failed
    │   └── ModelNotFound      exit 3  weights are missing (the hint says where they go)
    └── RenderError            exit 4  the browser could not render a page (timeout, crash, no browser)
        └── BrowserNotFound    exit 4  no usable Chromium (the hint says what to install)

Each error carries an optional ``hint``: the next thing the user should do.
"""

from __future__ import annotations


class WebComposeError(Exception):
    """Base class; ``exit_code`` says how the CLI exits when it is raised."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        """The message (and hint) on one line, as the CLI prints it."""
        text = " ".join(self.message.split())
        if self.hint:
            text += f" ({' '.join(self.hint.split())})"
        return text


class InputError(WebComposeError):
    exit_code = 2


class NotImplementedYet(WebComposeError):
    exit_code = 1


class BackendError(WebComposeError):
    exit_code = 3


class ModelNotFound(BackendError):
    pass


class RenderError(WebComposeError):
    exit_code = 4


class BrowserNotFound(RenderError):
    pass
