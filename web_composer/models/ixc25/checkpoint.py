"""Reading a local IXC-2.5 checkpoint directory: its files, tensor names and shapes, tensors one by one.

Published layouts: ``pytorch_model-0000N-of-0000M.bin`` + ``pytorch_model.bin.index.json``, or
``*.safetensors`` (optionally with ``model.safetensors.index.json``); always ``config.json`` and
``tokenizer.model``. Nothing here touches the network.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from web_composer.errors import BackendError, ModelNotFound

from .config import WEIGHTS_HINT, IXC25Config

EMBEDDED_LORA_KEY = re.compile(r"\.lora_(sft|dpo|web)_[AB]\.weight$")
_SAFETENSORS_DTYPES = {"F32": "float32", "F16": "float16", "BF16": "bfloat16", "F64": "float64",
                       "I64": "int64", "I32": "int32", "U8": "uint8", "BOOL": "bool"}
_BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "float64": 8, "int64": 8, "int32": 4, "uint8": 1, "bool": 1}


@dataclass(frozen=True)
class TensorSpec:
    shape: tuple[int, ...]
    dtype: str  # torch dtype name without the "torch." prefix

    @property
    def numel(self) -> int:
        count = 1
        for size in self.shape:
            count *= size
        return count


@dataclass(frozen=True)
class CheckpointFiles:
    root: Path
    config: Path
    weights: tuple[Path, ...]
    format: str  # "safetensors" or "bin"
    tokenizer: Path | None


def find_checkpoint(path: Path | str) -> CheckpointFiles:
    """Locate config, weight shards and tokenizer; ``ModelNotFound`` (with a hint) when absent."""
    root = Path(path).expanduser()
    if not root.exists():
        raise ModelNotFound(f"model directory {root} does not exist", hint=WEIGHTS_HINT)
    if not root.is_dir():
        raise ModelNotFound(f"{root} is not a model directory", hint=WEIGHTS_HINT)
    config = root / "config.json"
    if not config.is_file():
        raise ModelNotFound(f"no config.json in {root}", hint=WEIGHTS_HINT)
    weights, fmt = _weight_files(root)
    tokenizer = root / "tokenizer.model"
    return CheckpointFiles(root, config, weights, fmt, tokenizer if tokenizer.is_file() else None)


def _weight_files(root: Path) -> tuple[tuple[Path, ...], str]:
    for index_name, fmt in (("model.safetensors.index.json", "safetensors"), ("pytorch_model.bin.index.json", "bin")):
        index = root / index_name
        if index.is_file():
            try:
                names = sorted(set(json.loads(index.read_text(encoding="utf-8"))["weight_map"].values()))
            except (OSError, ValueError, KeyError, AttributeError) as exc:
                raise BackendError(f"cannot read {index}: {exc}") from exc
            missing = [n for n in names if not (root / n).is_file()]
            if missing:
                raise ModelNotFound(f"{root} lacks checkpoint shard(s) {', '.join(missing)} listed in {index_name}",
                                    hint=WEIGHTS_HINT)
            return tuple(root / n for n in names), fmt
    shards = sorted(p for p in root.glob("*.safetensors") if p.name != "adapter_model.safetensors")
    if shards:
        return tuple(shards), "safetensors"
    shards = sorted(root.glob("pytorch_model*.bin"))
    if shards:
        return tuple(shards), "bin"
    raise ModelNotFound(f"no weights (*.safetensors or pytorch_model*.bin) in {root}", hint=WEIGHTS_HINT)


def read_safetensors_header(path: Path) -> dict[str, TensorSpec]:
    """Tensor names, shapes and dtypes from a safetensors header (the data is not read)."""
    try:
        with open(path, "rb") as handle:
            (size,) = struct.unpack("<Q", handle.read(8))
            header = json.loads(handle.read(size))
    except (OSError, ValueError, struct.error) as exc:
        raise BackendError(f"cannot read safetensors header of {path}: {exc}") from exc
    return {name: TensorSpec(tuple(meta["shape"]), _SAFETENSORS_DTYPES.get(meta["dtype"], meta["dtype"].lower()))
            for name, meta in header.items() if name != "__metadata__"}


def tensor_specs(files: CheckpointFiles) -> dict[str, TensorSpec]:
    """Every tensor's spec, without reading tensor data (safetensors headers / meta-device unpickling)."""
    specs: dict[str, TensorSpec] = {}
    for path in files.weights:
        if files.format == "safetensors":
            specs.update(read_safetensors_header(path))
        else:
            for name, tensor in _torch_load(path, "meta").items():
                specs[name] = TensorSpec(tuple(tensor.shape), str(tensor.dtype).removeprefix("torch."))
    return specs


def iter_tensors(files: CheckpointFiles, wanted: Callable[[str], bool] | None = None) -> Iterator[tuple[str, object]]:
    """Yield (name, CPU tensor) shard by shard; ``wanted`` filters names before any data is read."""
    for path in files.weights:
        if files.format == "safetensors":
            from safetensors import safe_open

            with safe_open(str(path), framework="pt") as handle:
                for name in handle.keys():
                    if wanted is None or wanted(name):
                        yield name, handle.get_tensor(name)
        else:
            state = _torch_load(path, "cpu")
            for name in list(state):
                if wanted is None or wanted(name):
                    yield name, state[name]
            del state


def _torch_load(path: Path, location: str) -> dict:
    import torch

    try:
        return torch.load(str(path), map_location=location, mmap=True, weights_only=True)
    except Exception as exc:  # torch raises many types for a corrupt or foreign file
        raise BackendError(f"cannot read checkpoint shard {path}: {exc}") from exc


# --------------------------------------------------------------------------------------------------
# model info (no weights are loaded)

_GROUPS = (("plora", re.compile(r"\.Plora_[AB]\.weight$")), ("lora_sft", re.compile(r"\.lora_sft_[AB]\.weight$")),
           ("lora_dpo", re.compile(r"\.lora_dpo_[AB]\.weight$")), ("lora_web", re.compile(r"\.lora_web_[AB]\.weight$")),
           ("vision", re.compile(r"^vit\.")), ("projector", re.compile(r"^vision_proj\.")),
           ("separators", re.compile(r"^plora_(glb|sub)_GN$")))
_BIG_LINEAR = re.compile(r"^model\.layers\.\d+\.(attention\.(wqkv|wo)|feed_forward\.w[123])\.weight$")


def model_info(path: Path | str) -> dict:
    """Parameters, dtype, LoRA branches with ranks, memory estimates and a config summary.

    Reads only config.json and the tensor headers (safetensors) or meta-device unpickling (.bin).
    Keys: ``path``, ``format``, ``files``, ``tokenizer`` (bool), ``dtype``, ``parameters`` (total and
    per group: llm, plora, lora_sft, lora_dpo, lora_web, vision, projector, separators),
    ``checkpoint_gib``, ``lora_branches`` ({name: {rank, modules[, alpha]}}), ``memory_gib``
    ({"base" | "with_web_lora": {"bf16", "fp16", "4bit"}}, weights only) and ``config``.
    """
    files = find_checkpoint(path)
    cfg = IXC25Config.from_file(files.config)
    specs = tensor_specs(files)
    groups = {"llm": 0} | {name: 0 for name, _ in _GROUPS}
    for key, spec in specs.items():
        group = next((name for name, pattern in _GROUPS if pattern.search(key)), "llm")
        groups[group] += spec.numel
    dtypes = sorted({spec.dtype for spec in specs.values()})
    stored = sum(spec.numel * _BYTES.get(spec.dtype, 2) for spec in specs.values())
    runtime = groups["llm"] + groups["plora"] + groups["vision"] + groups["projector"] + groups["separators"]
    quantizable = sum(spec.numel for key, spec in specs.items() if _BIG_LINEAR.match(key))
    return {
        "path": str(files.root),
        "format": files.format,
        "files": [p.name for p in files.weights],
        "tokenizer": files.tokenizer is not None,
        "dtype": dtypes[0] if len(dtypes) == 1 else dtypes,
        "parameters": {"total": sum(groups.values()), **groups},
        "checkpoint_gib": round(stored / 2**30, 2),
        "lora_branches": _lora_branches(specs, cfg),
        "memory_gib": _memory(runtime, quantizable, groups["lora_web"]),
        "config": _config_summary(cfg),
    }


def _lora_branches(specs: dict[str, TensorSpec], cfg: IXC25Config) -> dict[str, dict]:
    out = {}
    for label, prefix in (("image (Plora)", "Plora"), ("web", "lora_web"), ("sft", "lora_sft"), ("dpo", "lora_dpo")):
        ranks = {spec.shape[0] for key, spec in specs.items() if key.endswith(f".{prefix}_A.weight")}
        if ranks:
            entry: dict = {"rank": ranks.pop() if len(ranks) == 1 else sorted(ranks),
                           "modules": sum(1 for key in specs if key.endswith(f".{prefix}_A.weight"))}
            if prefix == "Plora":
                entry["alpha"] = cfg.plora_alpha
            out[label] = entry
    return out


def _memory(runtime: int, quantizable: int, web: int) -> dict[str, dict[str, float]]:
    """Weights only (KV cache and activations come on top): base model, and with the web adapter."""
    def gib(count: float) -> float:
        return round(count / 2**30, 2)

    four_bit = (runtime - quantizable) * 2 + quantizable * 0.5 * (1 + 1 / 64)  # nf4 + absmax per 64 values
    return {"base": {"bf16": gib(runtime * 2), "fp16": gib(runtime * 2), "4bit": gib(four_bit)},
            "with_web_lora": {"bf16": gib((runtime + web) * 2), "fp16": gib((runtime + web) * 2),
                              "4bit": gib(four_bit + web * 2)}}


def _config_summary(cfg: IXC25Config) -> dict:
    return {"hidden_size": cfg.hidden_size, "layers": cfg.num_hidden_layers, "heads": cfg.num_attention_heads,
            "kv_heads": cfg.num_key_value_heads, "intermediate_size": cfg.intermediate_size,
            "vocab_size": cfg.vocab_size, "max_position_embeddings": cfg.max_position_embeddings,
            "max_length": cfg.max_length, "rope_theta": cfg.rope_theta, "rope_scaling": cfg.rope_scaling,
            "vision": {"hidden_size": cfg.vision.hidden_size, "layers": cfg.vision.num_hidden_layers,
                       "image_size": cfg.vision.image_size, "patch_size": cfg.vision.patch_size}}
