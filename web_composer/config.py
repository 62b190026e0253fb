"""Settings: flag > environment (``WEBCOMPOSE_*``) > ``webcompose.toml`` > default.

Every setting is a field of :class:`Settings`; :func:`load_settings` resolves each one and records
where its value came from, so ``webcompose doctor`` can show the effective settings.

``webcompose.toml`` is read from the working directory, then from the user config directory
(``$XDG_CONFIG_HOME/webcompose/webcompose.toml``); the first file that sets a key wins. Keys are the
field names below, at the top level of the file::

    backend = "openai"
    base_url = "http://127.0.0.1:23333/v1"
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import InputError

ENV_PREFIX = "WEBCOMPOSE_"
CONFIG_NAME = "webcompose.toml"


def user_config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "webcompose"


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "webcompose"


@dataclass
class Settings:
    """Effective settings. ``sources`` maps each field to flag/env/<toml path>/default."""

    backend: str = "builtin"
    model_dir: Path = Path("model")
    lora_dir: Path = Path("lora_weights")
    cache_dir: Path = field(default_factory=default_cache_dir)
    chromium: str | None = None
    render_timeout: float = 10.0
    # model backends (openai, hf); the CLI flags of the same names override these
    base_url: list[str] = field(default_factory=list)  # openai: one server, or several for failover
    preset: str | None = None  # openai: lmdeploy | vllm | ollama (fills base_url)
    model: str | None = None  # openai: model id (default: the only one served); hf: a folder in model_dir
    api_key_env: str | None = None  # openai: name of the environment variable holding the API key
    prompt_flavour: str = "auto"  # auto | chat | ixc (auto: ixc for InternLM-XComposer models)
    connect_timeout: float = 10.0  # openai: seconds to open a connection
    read_timeout: float = 600.0  # openai: seconds to wait for the next bytes of an answer
    retries: int = 3  # openai: retries on 429, 5xx and reset connections, per server
    model_path: Path | None = None  # hf: a transformers vision-language model folder
    lora: Path | None = None  # hf: a PEFT adapter folder (or a name in lora_dir)
    device: str = "auto"  # hf: auto | cpu | cuda | cuda:N | mps
    max_new_tokens: int | None = None  # None: the backend's own (openai/hf 4096, ixc 4800)
    temperature: float | None = None  # None: greedy (hf) / the server's default (openai)
    seed: int | None = None
    sources: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def items(self) -> list[tuple[str, Any, str]]:
        """(name, value, source) for every setting, in declaration order."""
        return [
            (f.name, getattr(self, f.name), self.sources.get(f.name, "default"))
            for f in fields(self)
            if f.name != "sources"
        ]


def _setting_fields() -> list[dataclasses.Field]:
    return [f for f in fields(Settings) if f.name != "sources"]


def _convert(name: str, raw: Any, kind: Any, origin: str) -> Any:
    """Coerce a raw value (str from env, anything from TOML) to the field's type."""
    text_kind = str(kind)
    try:
        if "Path" in text_kind:
            return Path(str(raw)).expanduser()
        if "float" in text_kind:
            return float(raw)
        if "int" in text_kind:
            return int(raw)
        if "bool" in text_kind:
            if isinstance(raw, bool):
                return raw
            return str(raw).strip().lower() in {"1", "true", "yes", "on"}
        if isinstance(raw, (list, tuple)) and "list" in text_kind:
            return [str(v) for v in raw]
        if "list" in text_kind:
            return [part.strip() for part in str(raw).split(",") if part.strip()]
        return str(raw)
    except (TypeError, ValueError):
        raise InputError(f"setting {name!r} from {origin} has an invalid value: {raw!r}") from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def config_files(cwd: Path | None = None) -> list[Path]:
    """The webcompose.toml files that exist, highest priority first."""
    candidates = [(cwd or Path.cwd()) / CONFIG_NAME, user_config_dir() / CONFIG_NAME]
    return [p for p in candidates if p.is_file()]


def load_settings(flags: dict[str, Any] | None = None, *, cwd: Path | None = None) -> Settings:
    """Resolve every setting; ``flags`` holds command-line values (None means "not given")."""
    flags = {k: v for k, v in (flags or {}).items() if v is not None}
    known = {f.name for f in _setting_fields()}
    tomls = [(path, _read_toml(path)) for path in config_files(cwd)]
    for path, data in tomls:
        unknown = sorted(set(data) - known)
        if unknown:
            raise InputError(f"{path}: unknown setting(s) {', '.join(unknown)}",
                             hint=f"known settings: {', '.join(sorted(known))}")
    settings = Settings()
    for f in _setting_fields():
        env_name = ENV_PREFIX + f.name.upper()
        if f.name in flags:
            value, source = flags[f.name], "flag"
            value = _convert(f.name, value, f.type, "flag") if isinstance(value, str) else value
        elif os.environ.get(env_name, "") != "":
            value = _convert(f.name, os.environ[env_name], f.type, env_name)
            source = f"env {env_name}"
        else:
            hit = next(((p, d[f.name]) for p, d in tomls if f.name in d), None)
            if hit is None:
                continue
            value, source = _convert(f.name, hit[1], f.type, str(hit[0])), str(hit[0])
        setattr(settings, f.name, value)
        settings.sources[f.name] = source
    return settings
