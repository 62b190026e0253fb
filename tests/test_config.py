"""Settings precedence: flag > environment > webcompose.toml (cwd, then user) > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from web_composer.config import load_settings
from web_composer.errors import InputError


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for name in ("WEBCOMPOSE_BACKEND", "WEBCOMPOSE_RENDER_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    work = tmp_path / "work"
    work.mkdir()
    return work


def test_precedence_and_sources(isolated: Path, monkeypatch):
    user = isolated.parent / "xdg" / "webcompose"
    user.mkdir(parents=True)
    (user / "webcompose.toml").write_text('backend = "hf"\nrender_timeout = 7\n')
    settings = load_settings(cwd=isolated)
    assert settings.backend == "hf" and settings.render_timeout == 7.0
    assert settings.sources["backend"].endswith("xdg/webcompose/webcompose.toml")

    (isolated / "webcompose.toml").write_text('backend = "openai"\n')
    settings = load_settings(cwd=isolated)
    assert settings.backend == "openai" and settings.render_timeout == 7.0
    assert settings.sources["backend"] == str(isolated / "webcompose.toml")

    monkeypatch.setenv("WEBCOMPOSE_BACKEND", "ixc")
    settings = load_settings(cwd=isolated)
    assert (settings.backend, settings.sources["backend"]) == ("ixc", "env WEBCOMPOSE_BACKEND")

    settings = load_settings({"backend": "builtin", "render_timeout": None}, cwd=isolated)
    assert (settings.backend, settings.sources["backend"]) == ("builtin", "flag")
    assert settings.render_timeout == 7.0


def test_defaults(isolated: Path):
    settings = load_settings(cwd=isolated)
    assert settings.backend == "builtin" and settings.sources == {}
    assert ("backend", "builtin", "default") in settings.items()


def test_bad_files_and_values_are_input_errors(isolated: Path, monkeypatch):
    (isolated / "webcompose.toml").write_text("backend = \n")
    with pytest.raises(InputError, match="not valid TOML"):
        load_settings(cwd=isolated)
    (isolated / "webcompose.toml").write_text('backnd = "x"\n')
    with pytest.raises(InputError, match="unknown setting"):
        load_settings(cwd=isolated)
    (isolated / "webcompose.toml").write_text("")
    monkeypatch.setenv("WEBCOMPOSE_RENDER_TIMEOUT", "soon")
    with pytest.raises(InputError, match="WEBCOMPOSE_RENDER_TIMEOUT"):
        load_settings(cwd=isolated)
