"""Native InternLM-XComposer-2.5 (IXC-2.5): the official checkpoint on current torch, no remote code.

Public API (imported lazily, so ``import web_composer.models.ixc25`` stays cheap; torch, peft and
sentencepiece load on first use):

    load_ixc25(model_path, lora=None, device=None, dtype=None, device_map=None, load_in_4bit=False)
        -> IXC25, whose generate_webpage(task, text, images, ...) writes a page
    export_lora(checkpoint_dir, task="web", out_dir=..., force=False) -> Path   (PEFT adapter dir)
    model_info(path) -> dict                                                    (reads headers only)

Building blocks: IXC25Config, IXC25Model, IXCTokenizer, load_model, generate, GenerationSettings,
interleave, hd_transform, attach_adapter, insert_script.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "load_ixc25": "loading", "load_model": "loading", "select_device": "loading", "select_dtype": "loading",
    "export_lora": "lora", "attach_adapter": "lora",
    "model_info": "checkpoint", "find_checkpoint": "checkpoint",
    "IXC25Config": "config", "VisionConfig": "config",
    "IXC25Model": "modeling",
    "IXCTokenizer": "tokenizer", "chat_prompt": "tokenizer", "webpage_query": "tokenizer",
    "generate": "generation", "GenerationSettings": "generation",
    "interleave": "interleave",
    "hd_transform": "hd",
    "IXC25": "webpage", "insert_script": "webpage", "WEBPAGE_SETTINGS": "webpage",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
