"""`webcompose render`: one page to one PNG."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app
from .options import AsJson, Force, Height, Timeout, Width


@app.command()
def render(
    page: Annotated[Path, typer.Argument(help="The HTML file to render.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output",
                                                  help="PNG to write (default: PAGE with .png).")] = None,
    width: Width = 1280,
    height: Height = 720,
    viewport_only: Annotated[bool, typer.Option("--viewport-only",
                                                help="Capture the viewport, not the full page.")] = False,
    mobile: Annotated[bool, typer.Option("--mobile", help="Phone profile, 390x844.")] = False,
    timeout: Timeout = None,
    as_json: AsJson = False,
    force: Force = False,
) -> None:
    """Render PAGE in sandboxed Chromium (no network) and write a screenshot."""
    from ..atomic import check_output_file, write_bytes
    from ..render import RenderOptions, check_html_file, render_file

    check_html_file(page)
    target = check_output_file(output or page.with_suffix(".png"), force=force)
    if mobile:
        options = RenderOptions.mobile_profile(full_page=not viewport_only, timeout=timeout)
    else:
        options = RenderOptions(width=width, height=height, full_page=not viewport_only,
                                timeout=timeout)
    shot = render_file(page, options)
    write_bytes(target, shot.png)
    if as_json:
        typer.echo(json.dumps({"output": str(target), **shot.summary()}, indent=2))
    else:
        blocked = f", {len(shot.blocked)} request(s) blocked" if shot.blocked else ""
        typer.echo(f"{target} ({shot.width}x{shot.height}{blocked})")
