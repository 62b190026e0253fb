"""Building IXC-2.5 from a local checkpoint: strict key check, dtype/device choice, device_map, 4-bit.

The network is built on the meta device and every parameter is assigned straight from the checkpoint
(converted to the target dtype and device), so no memory goes to random initialisation and a 7B
model needs its size in memory once. The checkpoint's embedded mode LoRAs (``lora_sft/dpo/web``) are
skipped unless a native mode is asked for; web mode normally comes from an exported PEFT adapter.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import torch
from torch import nn

from web_composer.errors import BackendError, InputError, ModelNotFound

from .checkpoint import EMBEDDED_LORA_KEY, CheckpointFiles, find_checkpoint, iter_tensors, tensor_specs
from .config import WEIGHTS_HINT, IXC25Config
from .decoder import EMBEDDED_BRANCHES
from .modeling import IXC25Model

_DTYPES = {"bf16": torch.bfloat16, "bfloat16": torch.bfloat16, "fp16": torch.float16, "float16": torch.float16,
           "half": torch.float16, "fp32": torch.float32, "float32": torch.float32, "float": torch.float32}
_BIG_LINEAR = re.compile(r"^model\.layers\.\d+\.(attention\.(wqkv|wo)|feed_forward\.w[123])\.weight$")
_NO_SPLIT = ["DecoderLayer", "CLIPEncoderLayer"]


def select_device(device: str | None) -> torch.device:
    """The requested device, else cuda > mps > cpu."""
    if device and device != "auto":
        try:
            chosen = torch.device(device)
        except RuntimeError as exc:
            raise InputError(f"unknown device {device!r}") from exc
        if chosen.type == "cuda" and not torch.cuda.is_available():
            raise BackendError("device 'cuda' was asked for but no CUDA GPU is available")
        if chosen.type == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
            raise BackendError("device 'mps' was asked for but Apple's MPS backend is not available")
        return chosen
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def select_dtype(dtype: str | torch.dtype | None, device: torch.device, cfg: IXC25Config) -> torch.dtype:
    """The requested dtype, else bf16 on CUDA where supported (fp16 otherwise), fp16 on MPS, and on
    CPU the checkpoint's own dtype (bf16 for the published 7B, fp32 for fp32 checkpoints)."""
    if isinstance(dtype, torch.dtype):
        return dtype
    if dtype and dtype != "auto":
        if dtype not in _DTYPES:
            raise InputError(f"unknown dtype {dtype!r}; use one of bf16, fp16, fp32")
        return _DTYPES[dtype]
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.type == "mps":
        return torch.float16
    return torch.float32 if cfg.torch_dtype in ("float32", "torch.float32") else torch.bfloat16


def build_empty(cfg: IXC25Config, embedded_modes: tuple[str, ...] = ()) -> IXC25Model:
    """The network with parameters on the meta device (no memory, no random init)."""
    with torch.device("meta"):
        return IXC25Model(cfg, embedded_modes)


def check_keys(model: nn.Module, files: CheckpointFiles) -> None:
    """Strict name and shape check against the checkpoint, before any tensor data is read."""
    expected = {name: tuple(p.shape) for name, p in model.named_parameters()}
    specs = tensor_specs(files)
    unexpected = [k for k in specs if k not in expected and not EMBEDDED_LORA_KEY.search(k)]
    missing = [k for k in expected if k not in specs]
    wrong = [f"{k} {specs[k].shape} != {expected[k]}" for k in expected if k in specs and specs[k].shape != expected[k]]
    problems = []
    for label, keys in (("unexpected keys", unexpected), ("missing keys", missing), ("wrong shapes", wrong)):
        if keys:
            problems.append(f"{len(keys)} {label} (e.g. {', '.join(keys[:3])})")
    if problems:
        raise BackendError(f"{files.root} does not match the IXC-2.5 layout of its config.json: "
                           + "; ".join(problems), hint="point --model-path at an unmodified "
                           "internlm-xcomposer2d5-7b download")


def load_model(model_path: Path | str, *, device: str | None = None, dtype: str | torch.dtype | None = None,
               device_map: str | None = None, load_in_4bit: bool = False,
               embedded_modes: tuple[str, ...] = ()) -> tuple[IXC25Model, CheckpointFiles]:
    """Load the network (eval mode, no grad) from a checkpoint directory."""
    files = find_checkpoint(model_path)
    cfg = IXC25Config.from_file(files.config)
    for mode in embedded_modes:
        if mode not in EMBEDDED_BRANCHES:
            raise InputError(f"unknown embedded LoRA mode {mode!r}; use web or write")
    model = build_empty(cfg, tuple(embedded_modes))
    check_keys(model, files)
    target = select_device(device)
    torch_dtype = select_dtype(dtype, target, cfg)
    mapping = _device_map(model, device_map, torch_dtype)
    quantize = _quantizer(torch_dtype) if load_in_4bit else None
    wanted = set(dict(model.named_parameters()))
    for name, tensor in iter_tensors(files, wanted.__contains__):
        place = _device_of(name, mapping) if mapping else target
        _assign(model, name, tensor, place, torch_dtype,
                quantize if quantize is not None and _BIG_LINEAR.match(name) else None)
    model.eval().requires_grad_(False)
    if mapping:
        from accelerate import dispatch_model

        dispatch_model(model, device_map=mapping)
    return model, files


def _assign(model: nn.Module, name: str, tensor: torch.Tensor, device: torch.device, dtype: torch.dtype,
            quantize: Callable[[torch.Tensor, torch.device], nn.Parameter] | None) -> None:
    owner_name, _, leaf = name.rpartition(".")
    owner = model.get_submodule(owner_name) if owner_name else model
    value = tensor.to(dtype) if tensor.is_floating_point() else tensor
    if quantize is not None:
        setattr(owner, leaf, quantize(value, device))
    else:
        setattr(owner, leaf, nn.Parameter(value.to(device), requires_grad=False))


def _device_map(model: IXC25Model, device_map: str | None, dtype: torch.dtype) -> dict[str, int] | None:
    """``device_map="auto"``: module prefix -> CUDA GPU index, spread by accelerate; None otherwise.

    Without CUDA, "auto" means the single selected device (CPU or MPS).
    """
    if device_map not in (None, "auto"):
        raise InputError(f"unsupported device_map {device_map!r}; use 'auto'")
    if device_map is None or not torch.cuda.is_available():
        return None
    from accelerate import infer_auto_device_map
    from accelerate.utils import get_balanced_memory

    gpus = {i: torch.cuda.mem_get_info(i)[0] for i in range(torch.cuda.device_count())}
    memory = get_balanced_memory(model, max_memory=gpus, no_split_module_classes=_NO_SPLIT, dtype=dtype)
    mapping = infer_auto_device_map(model, max_memory=memory, no_split_module_classes=_NO_SPLIT, dtype=dtype)
    if any(not isinstance(d, int) for d in mapping.values()):
        raise BackendError("the model does not fit in the GPUs' free memory",
                           hint="free GPU memory, or load it in 4 bits (needs bitsandbytes)")
    return mapping


def _device_of(name: str, mapping: dict[str, int]) -> torch.device:
    best = max((p for p in mapping if p == "" or name == p or name.startswith(p + ".")), key=len)
    return torch.device("cuda", mapping[best])


def _quantizer(dtype: torch.dtype) -> Callable[[torch.Tensor, torch.device], nn.Parameter]:
    """NF4 weights for the five big linears of every layer (bitsandbytes, CUDA only)."""
    try:
        import bitsandbytes as bnb
    except ImportError as exc:
        raise BackendError("4-bit loading needs the bitsandbytes package",
                           hint="pip install bitsandbytes (CUDA GPUs only), or load in bf16") from exc
    if not torch.cuda.is_available():
        raise BackendError("4-bit loading needs a CUDA GPU", hint="load in bf16/fp32 instead")

    def quantize(weight: torch.Tensor, device: torch.device) -> nn.Parameter:
        if device.type != "cuda":
            raise BackendError("4-bit weights must live on a CUDA GPU")
        param = bnb.nn.Params4bit(weight.to(dtype), requires_grad=False, quant_type="nf4", compress_statistics=True)
        return param.to(device)

    return quantize


def load_tokenizer(files: CheckpointFiles):
    from .tokenizer import IXCTokenizer

    if files.tokenizer is None:
        raise ModelNotFound(f"no tokenizer.model in {files.root}", hint=WEIGHTS_HINT)
    return IXCTokenizer(files.tokenizer)


def check_vocab(tokenizer, cfg: IXC25Config) -> None:
    if tokenizer.vocab_size > cfg.vocab_size:
        raise BackendError(f"tokenizer.model has {tokenizer.vocab_size} pieces but the model only "
                           f"{cfg.vocab_size} embeddings", hint="use the tokenizer.model of this checkpoint")


def load_ixc25(model_path: Path | str, lora: Path | str | None = None, device: str | None = None,
               dtype: str | None = None, device_map: str | None = None, load_in_4bit: bool = False, *,
               embedded_mode: str | None = None, merge_lora: bool = False):
    """Load IXC-2.5 for webpage generation; returns an :class:`~.webpage.IXC25` runner.

    ``lora``: a PEFT adapter directory (``export_lora``'s output); base+web adapter is the official
    web mode. Without it the model runs the official base mode, unless ``embedded_mode`` ("web" or
    "write") selects the checkpoint's own embedded LoRA natively. ``merge_lora`` folds the adapter
    into the weights (faster; not with 4-bit).
    """
    from .lora import attach_adapter
    from .webpage import IXC25

    if lora is not None and embedded_mode is not None:
        raise InputError("use either a LoRA adapter or an embedded mode, not both")
    modes = (embedded_mode,) if embedded_mode else ()
    model, files = load_model(model_path, device=device, dtype=dtype, device_map=device_map,
                              load_in_4bit=load_in_4bit, embedded_modes=modes)
    tokenizer = load_tokenizer(files)
    check_vocab(tokenizer, model.cfg)
    if lora is not None:
        if merge_lora and load_in_4bit:
            raise InputError("a LoRA cannot be merged into 4-bit weights")
        attach_adapter(model, Path(lora), merge=merge_lora)
    return IXC25(model, tokenizer, infer_mode=embedded_mode or "base", adapter=Path(lora) if lora else None,
                 model_path=files.root)
