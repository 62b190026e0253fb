"""The Typer application and the one place where errors become messages and exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from typing import Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from ..errors import WebComposeError

EXIT_INTERRUPTED = 130


class _State:
    debug = False


state = _State()


def fail(message: str, code: int) -> None:
    typer.echo(f"error: {message}", err=True)
    raise SystemExit(code)


class ErrorMappingGroup(TyperGroup):
    """Turns our exceptions into one line on stderr and the right exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except WebComposeError as exc:
            if state.debug:
                traceback.print_exc()
            fail(exc.one_line(), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted; nothing half-written was left behind", EXIT_INTERRUPTED)
        except TyperException as exc:
            if hasattr(exc, "format_message"):  # a usage error: bad flag or argument (exit 2)
                fail(" ".join(exc.format_message().split()), getattr(exc, "exit_code", 2))
            raise
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if state.debug:
                traceback.print_exc()
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            fail(f"internal error: {type(exc).__name__}: {detail} (rerun with --debug for details)", 1)


app = typer.Typer(
    cls=ErrorMappingGroup,
    name="webcompose",
    help="Turn a screenshot, an instruction or a resume into a working webpage, "
    "render it in a real browser, compare, and revise.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors."),
) -> None:
    state.debug = debug


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="webcompose")
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        _exit_now(EXIT_INTERRUPTED)
    except SystemExit as exc:
        if exc.code == EXIT_INTERRUPTED:
            _exit_now(EXIT_INTERRUPTED)
        raise


def _exit_now(code: int) -> None:
    """Leave at once after Ctrl-C. Results are already whole on disk; the interpreter's own
    shutdown could otherwise trip over browser-driver greenlets of workers the signal killed."""
    browser = sys.modules.get("web_composer.render.browser")
    if browser is not None:
        browser.close_browser()  # this thread's browser; workers closed their own
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
