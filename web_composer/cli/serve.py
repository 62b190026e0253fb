"""`webcompose serve`: preview results in a local gallery."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app


@app.command()
def serve(
    folder: Annotated[Path, typer.Argument(help="A results folder (one job's or a batch's).")],
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1.")] = 8765,
) -> None:
    """Serve a gallery of results on 127.0.0.1 that refreshes itself when results change."""
    from ..errors import InputError
    from ..preview import make_server

    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    try:
        server = make_server(folder, port)
    except OSError as exc:
        raise InputError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
    typer.echo(f"serving {folder} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        typer.echo("stopped")
    finally:
        server.server_close()
