"""Options shared by several commands, declared once."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, List, Literal, Optional

import typer

from ..backends.base import BACKEND_MODULES
from ..errors import InputError

Force = Annotated[bool, typer.Option("--force", help="Overwrite an existing output.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
Timeout = Annotated[
    Optional[float],
    typer.Option("--timeout", help="Seconds before a page is abandoned (default 10).", min=0.1),
]
Width = Annotated[int, typer.Option("--width", help="Viewport width in CSS pixels.", min=100, max=8192)]
Height = Annotated[int, typer.Option("--height", help="Viewport height in CSS pixels.", min=100,
                                     max=8192)]
OutDir = Annotated[Optional[Path], typer.Option("-o", "--output", help="Output folder.")]


# -- the model backend options, declared once ----------------------------------------------------
#
#     @app.command()
#     @backend_options
#     def screenshot(images: ..., output: OutDir = None, *, backend_spec: BackendSpec) -> None:
#         job = Job(task="screenshot", ..., text=backend_spec.instruction, **backend_spec.job_fields())
#
# ``backend_options`` adds --backend, --preset, --base-url, --model, --api-key-env, --model-path,
# --lora, --max-new-tokens, --seed, --stack and --instruction to the command and hands it one
# ``BackendSpec`` (keyword ``backend_spec``) instead. The Annotated aliases below serve a command
# that wants to list them itself; ``resolve_backend`` then builds the spec from their values.

PANEL = "Model backend"


def _backend_option(*names: str, help: str, **kwargs: Any) -> Any:  # noqa: A002 - typer's name
    return typer.Option(*names, help=help, rich_help_panel=PANEL, **kwargs)


BackendName = Annotated[
    Optional[Literal[tuple(sorted(BACKEND_MODULES))]],  # type: ignore[misc]
    _backend_option("--backend", help="Model backend (default: the 'backend' setting, else builtin)."),
]
Preset = Annotated[Optional[Literal["lmdeploy", "vllm", "ollama"]], _backend_option(
    "--preset", help="openai: a local server's usual URL (lmdeploy :23333, vllm :8000, ollama :11434).")]
BaseUrl = Annotated[Optional[List[str]], _backend_option(
    "--base-url", help="openai: the server's URL, e.g. http://127.0.0.1:23333/v1; repeat for failover.")]
Model = Annotated[Optional[str], _backend_option(
    "--model", help="openai: model id (default: the only one served); hf: a folder under model/.")]
ApiKeyEnv = Annotated[Optional[str], _backend_option(
    "--api-key-env", metavar="VAR", help="openai: environment variable holding the API key (else none).")]
ModelPath = Annotated[Optional[Path], _backend_option(
    "--model-path", help="hf/ixc: the model folder (config.json + weights).")]
Lora = Annotated[Optional[Path], _backend_option(
    "--lora", metavar="DIR", help="hf/ixc: a PEFT LoRA adapter folder, or its name under lora_weights/.")]
MaxNewTokens = Annotated[Optional[int], _backend_option(
    "--max-new-tokens", min=1, help="Most tokens the model may write (default 4096; ixc 4800).")]
Seed = Annotated[Optional[int], _backend_option("--seed", help="Random seed, for reproducible sampling.")]
StackOption = Annotated[Optional[Literal["tailwind", "css"]], _backend_option(
    "--stack", help="Styling of the page: tailwind (default) or css.")]
Instruction = Annotated[Optional[str], _backend_option(
    "--instruction", help="Extra wishes for the page, added to the prompt.")]

# parameter name -> alias, in the order --help lists them
BACKEND_PARAMS: dict[str, Any] = {
    "backend": BackendName, "preset": Preset, "base_url": BaseUrl, "model": Model,
    "api_key_env": ApiKeyEnv, "model_path": ModelPath, "lora": Lora,
    "max_new_tokens": MaxNewTokens, "seed": Seed, "stack": StackOption, "instruction": Instruction,
}
# backend option -> the backends that use it (an option given to another backend is an input error)
OPTION_BACKENDS: dict[str, tuple[str, ...]] = {
    "preset": ("openai",), "base_url": ("openai",), "api_key_env": ("openai",),
    "model": ("openai", "hf"), "model_path": ("hf", "ixc"), "lora": ("hf", "ixc"),
    "max_new_tokens": ("openai", "hf", "ixc"), "seed": ("openai", "hf", "ixc"),
}


@dataclass(frozen=True)
class BackendSpec:
    """The backend a command runs, with the options given on its command line."""

    name: str
    options: dict[str, Any] = field(default_factory=dict)  # only flags actually given
    stack: str = "tailwind"
    instruction: Optional[str] = None

    def job_fields(self, **engine_options: Any) -> dict[str, Any]:
        """The Job fields this spec fills: backend, stack, text and options (the backend's own
        options go under options["backend"], beside the engine options given here)."""
        return {"backend": self.name, "stack": self.stack, "text": self.instruction,
                "options": {**engine_options, "backend": dict(self.options)}}

    def build(self, settings: Any = None) -> Any:
        """The backend itself (settings fill what the flags left out)."""
        from ..backends.base import get_backend

        return get_backend(self.name, settings, **self.options)


def resolve_backend(values: dict[str, Any], settings: Any = None) -> BackendSpec:
    """A BackendSpec from the options' values (None = not given); the name defaults to the setting."""
    name = values.get("backend")
    if name is None:
        if settings is None:
            from ..config import load_settings

            settings = load_settings()
        name = settings.backend
    options = {key: values[key] for key in OPTION_BACKENDS if values.get(key) not in (None, [], ())}
    for key in options:
        users = OPTION_BACKENDS[key]
        if name in BACKEND_MODULES and name not in users:
            flag = "--" + key.replace("_", "-")
            which = " and ".join([", ".join(users[:-1]), users[-1]] if len(users) > 1 else users)
            raise InputError(f"{flag} is an option of the {which} backend{'s' if len(users) > 1 else ''}, "
                             f"not of {name}", hint=f"add --backend {users[0]}, or drop {flag}")
    if "base_url" in options:
        options["base_url"] = list(options["base_url"])
    options = {key: str(value) if isinstance(value, Path) else value  # JSON-friendly, for report.json
               for key, value in options.items()}
    return BackendSpec(name=name, options=options, stack=values.get("stack") or "tailwind",
                       instruction=values.get("instruction") or None)


def backend_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator: add the backend options to a Typer command; it receives ``backend_spec``."""
    signature = inspect.signature(command, eval_str=True)
    kept = [p for p in signature.parameters.values() if p.name != "backend_spec"]
    if len(kept) == len(signature.parameters):
        raise TypeError(f"{command.__name__} must take a 'backend_spec' parameter")
    clash = sorted(set(BACKEND_PARAMS) & {p.name for p in kept})
    if clash:
        raise TypeError(f"{command.__name__} already has parameter(s) {', '.join(clash)}")
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=alias)
             for name, alias in BACKEND_PARAMS.items()]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name, None) for name in BACKEND_PARAMS}
        return command(*args, backend_spec=resolve_backend(values), **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[*kept, *added])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in [*kept, *added]}
    return wrapper


Refine = Annotated[Optional[int], typer.Option("--refine", min=0, help=(
    "Revision rounds after the draft (0 = draft only; default: 2 for builtin, 0 for model "
    "backends)."))]
