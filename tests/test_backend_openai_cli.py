"""The shared backend CLI options (cli/options.py) through typer's CliRunner, and the progress line."""

from __future__ import annotations

import io
import json
import os
import socket
from pathlib import Path

import pytest
import typer
from openai_server import OpenAIServer
from typer.testing import CliRunner

from web_composer.backends.progress import ProgressDisplay, format_elapsed
from web_composer.cli.app import ErrorMappingGroup
from web_composer.cli.options import BackendSpec, backend_options
from web_composer.jobs import GenerationRequest


def make_app() -> typer.Typer:
    """A command built like screenshot/instruct/resume: prints its spec, or generates with --run."""
    app = typer.Typer(cls=ErrorMappingGroup, pretty_exceptions_enable=False)

    @app.callback()
    def root() -> None:  # a group, like the real CLI, so errors go through ErrorMappingGroup
        pass

    @app.command()
    @backend_options
    def make(text: str, run: bool = typer.Option(False, "--run"), *, backend_spec: BackendSpec) -> None:
        if not run:
            typer.echo(json.dumps({"name": backend_spec.name, "stack": backend_spec.stack,
                                   "instruction": backend_spec.instruction,
                                   "options": {k: v if isinstance(v, (int, list)) else str(v)
                                               for k, v in backend_spec.options.items()}}))
            return
        request = GenerationRequest(task="instruct", text=text, instruction=backend_spec.instruction,
                                    stack=backend_spec.stack)
        typer.echo(backend_spec.build().generate(request).text)

    return app


@pytest.fixture
def invoke(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for name in list(os.environ):
        if name.startswith("WEBCOMPOSE_"):
            monkeypatch.delenv(name)
    app = make_app()

    def run(*args: str):
        return CliRunner().invoke(app, ["make", *(str(a) for a in args)])

    return run


def spec_of(result) -> dict:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def one_line_error(result, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_every_openai_flag_reaches_the_spec(invoke):
    spec = spec_of(invoke("hi", "--backend", "openai", "--base-url", "http://a:1/v1", "--base-url",
                          "http://b:2/v1", "--model", "qwen", "--api-key-env", "KEY",
                          "--max-new-tokens", "99", "--seed", "7", "--stack", "css", "--instruction",
                          "dark mode"))
    assert spec == {"name": "openai", "stack": "css", "instruction": "dark mode",
                    "options": {"base_url": ["http://a:1/v1", "http://b:2/v1"], "model": "qwen",
                                "api_key_env": "KEY", "max_new_tokens": 99, "seed": 7}}
    preset = spec_of(invoke("hi", "--backend", "openai", "--preset", "ollama"))
    assert preset["options"] == {"preset": "ollama"}


def test_hf_flags_and_defaults(invoke, tmp_path: Path):
    spec = spec_of(invoke("hi", "--backend", "hf", "--model-path", tmp_path / "m", "--lora", "web"))
    assert spec["options"] == {"model_path": str(tmp_path / "m"), "lora": "web"}
    assert spec_of(invoke("hi")) == {"name": "builtin", "stack": "tailwind", "instruction": None,
                                     "options": {}}


def test_the_backend_setting_is_the_default(invoke, tmp_path: Path, monkeypatch):
    (tmp_path / "webcompose.toml").write_text('backend = "hf"\n')
    assert spec_of(invoke("hi"))["name"] == "hf"
    monkeypatch.setenv("WEBCOMPOSE_BACKEND", "openai")
    assert spec_of(invoke("hi"))["name"] == "openai"
    assert spec_of(invoke("hi", "--backend", "ixc"))["name"] == "ixc"


@pytest.mark.parametrize("args, needle", [
    (["--backend", "openai", "--model-path", "m"], "--model-path is an option of the hf and ixc backends"),
    (["--backend", "hf", "--base-url", "http://x/v1"], "--base-url is an option of the openai backend"),
    (["--preset", "vllm"], "not of builtin"),
    (["--backend", "builtin", "--seed", "3"], "--seed is an option of the openai, hf and ixc backends"),
])
def test_options_of_another_backend_are_refused(invoke, args, needle):
    assert needle in one_line_error(invoke("hi", *args), 2)


@pytest.mark.parametrize("args", [["--stack", "bootstrap"], ["--preset", "tgi"], ["--backend", "gpt"],
                                  ["--max-new-tokens", "0"], ["--seed", "x"]])
def test_bad_values_are_usage_errors(args):
    # typer's own usage-error handling (the real CLI's ErrorMappingGroup must let these through)
    app = typer.Typer()

    @app.command()
    @backend_options
    def make(*, backend_spec: BackendSpec) -> None:
        pass

    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and "Invalid value" in result.output, result.output


def test_generating_through_the_flags(invoke):
    with OpenAIServer(models=["m"], text="<html><body>made</body></html>") as server:
        result = invoke("a page", "--run", "--backend", "openai", "--base-url", server.url, "--instruction",
                        "blue", "--max-new-tokens", "64", "--seed", "3")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.strip() == "<html><body>made</body></html>"
        body = server.chat_requests[0].body
    assert (body["max_tokens"], body["seed"], body["model"]) == (64, 3, "m")
    assert "a page" in body["messages"][1]["content"] and "blue" in body["messages"][1]["content"]


def test_backend_failures_are_one_line_exit_3(invoke, tmp_path: Path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    line = one_line_error(invoke("x", "--run", "--backend", "openai", "--base-url",
                                 f"http://127.0.0.1:{port}/v1", "--model", "m"), 3)
    assert "connection refused" in line
    line = one_line_error(invoke("x", "--run", "--backend", "hf", "--model-path", tmp_path / "nothing"), 3)
    assert "no model weights at" in line and "model/" in line
    line = one_line_error(invoke("x", "--run", "--backend", "openai", "--preset", "vllm", "--base-url",
                                 "http://x/v1"), 2)
    assert "not both" in line


def test_the_decorator_needs_the_spec_parameter():
    def command(text: str) -> None:
        pass

    with pytest.raises(TypeError, match="backend_spec"):
        backend_options(command)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_is_quiet_when_not_a_terminal():
    stream = io.StringIO()
    with ProgressDisplay(stream=stream) as progress:
        for chunk in ("<html>", "<body>"):
            progress(chunk)
    assert stream.getvalue() == "" and progress.tokens == 2 and progress.text == "<html><body>"


def test_progress_draws_tokens_and_elapsed_in_place():
    stream, clock = io.StringIO(), FakeClock()
    progress = ProgressDisplay("writing", stream=stream, enabled=True, interval=0.5, clock=clock)
    progress("a")
    clock.now += 0.1
    progress("b")  # within the interval: no redraw
    clock.now += 2.0
    progress("c")
    clock.now += 60.0
    progress.close()
    assert stream.getvalue().split("\r")[1:] == [
        "writing: 1 tokens, 0 s", "writing: 3 tokens, 2 s, 1.4 tok/s", "writing: 3 tokens, 1:02, 0.0 tok/s\n"]
    assert format_elapsed(3725) == "1:02:05"
