"""`webcompose doctor` and `webcompose setup`."""

from __future__ import annotations

import json

import typer

from .app import app
from .options import AsJson

EXIT_MISSING = 3


@app.command()
def doctor(as_json: AsJson = False) -> None:
    """Check the installation and show the effective settings (exit 3 if something required is missing)."""
    from ..config import load_settings
    from ..doctor import run_checks

    settings = load_settings()
    checks = run_checks(settings)
    missing = [c for c in checks if c.required and not c.ok]
    if as_json:
        typer.echo(json.dumps({
            "checks": [c.__dict__ for c in checks],
            "settings": {name: {"value": str(value), "source": source}
                         for name, value, source in settings.items()},
            "ok": not missing,
        }, indent=2))
    else:
        for c in checks:
            mark = "ok " if c.ok else ("MISSING" if c.required else "-- ")
            fix = f"  -> fix: {c.fix}" if c.fix and not c.ok else ""
            typer.echo(f"{mark:8}{c.name:34}{c.detail}{fix}")
        typer.echo("\nsettings (flag > env > webcompose.toml > default):")
        for name, value, source in settings.items():
            typer.echo(f"  {name:16}{str(value):40}[{source}]")
    if missing:
        raise typer.Exit(EXIT_MISSING)


@app.command()
def setup(
    no_apt: bool = typer.Option(False, "--no-apt", help="Never install Chromium with apt."),
) -> None:
    """Download what rendering needs: the offline CDN assets (npm registry) and a Chromium."""
    from ..render import vendor
    from ..render.browser import chromium_version, install_browser

    for folder in vendor.fetch_all():
        typer.echo(f"offline assets: {folder}")
    info = install_browser(allow_apt=not no_apt)
    typer.echo(f"browser: {chromium_version(info.path)} at {info.path} ({info.source})")
