"""Validated configuration of InternLM-XComposer-2.5, read from a checkpoint's ``config.json``.

The published 7B ``config.json`` only describes the language model; the official code hard-codes the
LoRA ranks, the vision tower and the projector sizes. Those come from the ``tiny_harness`` key when a
(test) checkpoint has one, and default to the 7B values otherwise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from web_composer.errors import BackendError, ModelNotFound


@dataclass(frozen=True)
class VisionConfig:
    """CLIP ViT-L/14 at 560 px (the ``internlm-xcomposer2d5-clip`` tower)."""

    image_size: int = 560
    patch_size: int = 14
    num_channels: int = 3
    hidden_size: int = 1024
    intermediate_size: int = 4096
    num_hidden_layers: int = 24
    num_attention_heads: int = 16
    hidden_act: str = "quick_gelu"
    layer_norm_eps: float = 1e-5
    projection_dim: int = 768

    def __post_init__(self) -> None:
        _positive(self, "image_size", "patch_size", "num_channels", "hidden_size",
                  "intermediate_size", "num_hidden_layers", "num_attention_heads")
        _require(self.image_size == 560 and self.patch_size == 14,
                 "the IXC-2.5 vision tower needs image_size 560 and patch_size 14 "
                 f"(got {self.image_size}/{self.patch_size})")
        _require(self.hidden_size % self.num_attention_heads == 0,
                 "vision hidden_size must be a multiple of num_attention_heads")
        _require(self.hidden_act in ("quick_gelu", "gelu"), f"unsupported hidden_act {self.hidden_act!r}")

    @property
    def grid(self) -> int:
        return self.image_size // self.patch_size


@dataclass(frozen=True)
class IXC25Config:
    """Every size the native model needs; 7B values by default."""

    vocab_size: int = 92544
    hidden_size: int = 4096
    intermediate_size: int = 14336
    num_hidden_layers: int = 32
    num_attention_heads: int = 32
    num_key_value_heads: int = 8
    hidden_act: str = "silu"
    rms_norm_eps: float = 1e-5
    rope_theta: float = 1_000_000.0
    rope_scaling: dict | None = field(default_factory=lambda: {"type": "dynamic", "factor": 2.0})
    max_position_embeddings: int = 24576
    max_length: int = 16384
    bias: bool = False
    bos_token_id: int = 1
    eos_token_id: int = 2
    pad_token_id: int = 2
    torch_dtype: str = "bfloat16"
    name_or_path: str = "internlm/internlm-xcomposer2d5-7b"
    # sizes the official code hard-codes (``tiny_harness`` in test checkpoints)
    plora_r: int = 256
    plora_alpha: int = 256
    lora_sft_r: int = 256
    lora_dpo_r: int = 256
    lora_web_r: int = 512
    vision: VisionConfig = field(default_factory=VisionConfig)
    proj_in: int = 4096
    proj_hidden: int = 4096
    proj_out: int = 4096
    separator_dim: int = 4096

    def __post_init__(self) -> None:
        _positive(self, "vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers",
                  "num_attention_heads", "num_key_value_heads", "max_position_embeddings",
                  "max_length", "plora_r", "plora_alpha", "lora_sft_r", "lora_dpo_r", "lora_web_r",
                  "proj_in", "proj_hidden", "proj_out", "separator_dim")
        _require(self.hidden_size % self.num_attention_heads == 0,
                 "hidden_size must be a multiple of num_attention_heads")
        _require(self.num_attention_heads % self.num_key_value_heads == 0,
                 "num_attention_heads must be a multiple of num_key_value_heads")
        _require(self.head_dim % 2 == 0, "head_dim must be even for rotary embeddings")
        _require(self.hidden_act == "silu", f"unsupported hidden_act {self.hidden_act!r}")
        _require(self.rope_theta > 0, "rope_theta must be positive")
        _require(self.rms_norm_eps > 0, "rms_norm_eps must be positive")
        if self.rope_scaling is not None:
            kind = self.rope_scaling.get("type", self.rope_scaling.get("rope_type"))
            factor = self.rope_scaling.get("factor")
            _require(kind in ("linear", "dynamic"), f"rope_scaling type must be linear or dynamic, got {kind!r}")
            _require(isinstance(factor, (int, float)) and not isinstance(factor, bool) and factor >= 1.0,
                     f"rope_scaling factor must be a number >= 1, got {factor!r}")
        _require(self.proj_in == 4 * self.vision.hidden_size,
                 "vision_proj in_features must be 4 x the vision hidden size")
        _require(self.separator_dim == self.proj_in, "separator_dim must equal vision_proj in_features")
        _require(self.proj_out == self.hidden_size, "vision_proj output must equal hidden_size")

    @property
    def head_dim(self) -> int:
        return self.hidden_size // self.num_attention_heads

    @property
    def kv_groups(self) -> int:
        return self.num_attention_heads // self.num_key_value_heads

    @property
    def rope_kind(self) -> str | None:
        if not self.rope_scaling:
            return None
        return self.rope_scaling.get("type", self.rope_scaling.get("rope_type"))

    @property
    def rope_factor(self) -> float:
        return float(self.rope_scaling["factor"]) if self.rope_scaling else 1.0

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> IXC25Config:
        """Build from a ``config.json`` mapping; raises ``BackendError`` on a malformed one."""
        if not isinstance(raw, dict):
            raise BackendError("config.json must hold a JSON object")
        model_type = raw.get("model_type", "internlm2")
        if model_type not in ("internlm2", "internlmxcomposer2"):
            raise BackendError(f"config.json has model_type {model_type!r}, not an InternLM-XComposer-2.5 model")
        known = {f.name for f in fields(cls)} - {"vision", "name_or_path"}
        kwargs: dict[str, Any] = {k: raw[k] for k in known if k in raw}
        kwargs["name_or_path"] = raw.get("_name_or_path") or cls.name_or_path
        for key in ("rope_theta", "rms_norm_eps"):
            if isinstance(kwargs.get(key), int) and not isinstance(kwargs.get(key), bool):
                kwargs[key] = float(kwargs[key])
        if "torch_dtype" in kwargs:
            kwargs["torch_dtype"] = str(kwargs["torch_dtype"])
        harness = raw.get("tiny_harness")
        try:
            if harness is not None:
                kwargs.update(_harness_sizes(harness, int(raw.get("hidden_size", cls.hidden_size))))
            return cls(**kwargs)
        except (TypeError, ValueError, KeyError) as exc:
            raise BackendError(f"config.json is not a valid IXC-2.5 config: {exc}") from exc

    @classmethod
    def from_file(cls, path: Path) -> IXC25Config:
        path = Path(path)
        if path.is_dir():
            path = path / "config.json"
        if not path.is_file():
            raise ModelNotFound(f"no config.json in {path.parent}", hint=WEIGHTS_HINT)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BackendError(f"cannot read {path}: {exc}") from exc
        return cls.from_dict(raw)


WEIGHTS_HINT = (
    "model weights go in model/; get them with "
    "`huggingface-cli download internlm/internlm-xcomposer2d5-7b --local-dir model/internlm-xcomposer2d5-7b`"
)


def _harness_sizes(harness: dict[str, Any], hidden: int) -> dict[str, Any]:
    vision_raw = dict(harness.get("vision_config", {}))
    vision_known = {f.name for f in fields(VisionConfig)}
    vision = VisionConfig(**{k: v for k, v in vision_raw.items() if k in vision_known})
    proj = harness.get("vision_proj", {})
    if proj.get("type", "mlp2x_gelu") != "mlp2x_gelu":
        raise ValueError(f"unsupported vision_proj type {proj.get('type')!r}")
    out = {"vision": vision, "proj_in": int(proj.get("in_features", 4 * vision.hidden_size)),
           "proj_hidden": int(proj.get("hidden", hidden)), "proj_out": int(proj.get("out", hidden)),
           "separator_dim": int(harness.get("separator_dim", 4 * vision.hidden_size))}
    for key in ("plora_r", "plora_alpha", "lora_sft_r", "lora_dpo_r", "lora_web_r"):
        if key in harness:
            out[key] = int(harness[key])
    return out


def _positive(obj: Any, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)
