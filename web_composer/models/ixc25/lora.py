"""The checkpoint's embedded mode LoRAs as standard PEFT adapters, and attaching them with peft.

In the official code ``infer_mode='web'`` adds ``lora_web_B(lora_web_A(x))`` (scale 1, every token)
to each of the five linears of every layer; ``'write'`` adds the sft and dpo pairs. A PEFT LoRA with
``lora_alpha == r`` (scale 1) on the same modules computes exactly that, so:

* web:   lora_A = lora_web_A, lora_B = lora_web_B (r = 512 for the 7B);
* write: lora_A = [lora_sft_A; lora_dpo_A] stacked on the rank axis, lora_B = [lora_sft_B, lora_dpo_B]
  (r = 256 + 256), since B_s A_s x + B_d A_d x = [B_s B_d] [A_s; A_d] x.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from web_composer.errors import BackendError, InputError, ModelNotFound

from .checkpoint import find_checkpoint, iter_tensors, read_safetensors_header
from .config import IXC25Config

TARGET_MODULES = ["wqkv", "wo", "w1", "w2", "w3"]
TASK_BRANCHES = {"web": ("web",), "write": ("sft", "dpo")}
ADAPTER_FILES = ("adapter_config.json", "adapter_model.safetensors")
_BRANCH_KEY = re.compile(r"^(?P<module>.+)\.lora_(?P<branch>sft|dpo|web)_(?P<ab>[AB])\.weight$")
EXPORT_HINT = ("export it with `webcompose model export-lora model/internlm-xcomposer2d5-7b --task web "
               "-o lora_weights/ixc25-web`")


def export_lora(checkpoint_dir: Path | str, task: str = "web", out_dir: Path | str | None = None, *,
                force: bool = False) -> Path:
    """Write the checkpoint's ``task`` LoRA ("web" or "write") as a PEFT adapter directory.

    Refuses a non-empty ``out_dir`` unless ``force``; writes into a temporary sibling directory and
    renames it into place. Returns the adapter directory.
    """
    if task not in TASK_BRANCHES:
        raise InputError(f"unknown LoRA task {task!r}; use web or write")
    files = find_checkpoint(checkpoint_dir)
    cfg = IXC25Config.from_file(files.config)
    out = Path(out_dir) if out_dir is not None else Path("lora_weights") / f"ixc25-{task}"
    _check_out_dir(out, force)
    branches = TASK_BRANCHES[task]
    found: dict[tuple[str, str, str], object] = {}
    for name, tensor in iter_tensors(files, lambda n: _branch_of(n) in branches):
        match = _BRANCH_KEY.match(name)
        found[(match["module"], match["branch"], match["ab"])] = tensor
    if not found:
        raise BackendError(f"{files.root} has no embedded lora_{'/'.join(branches)} weights to export",
                           hint="IXC-2.5 checkpoints embed them; is this the internlm-xcomposer2d5-7b download?")
    tensors, rank = _adapter_tensors(found, branches)
    _write_adapter(out, tensors, rank, cfg.name_or_path, task, force)
    return out


def _branch_of(name: str) -> str | None:
    match = _BRANCH_KEY.match(name)
    return match["branch"] if match else None


def _adapter_tensors(found: dict, branches: tuple[str, ...]) -> tuple[dict, int]:
    import torch

    modules = sorted({module for module, _, _ in found})
    tensors, ranks = {}, set()
    for module in modules:
        try:
            a = torch.cat([found[(module, b, "A")] for b in branches], dim=0)
            b = torch.cat([found[(module, b, "B")] for b in branches], dim=1)
        except KeyError as exc:
            raise BackendError(f"checkpoint lacks {module}.lora_{exc.args[0][1]}_{exc.args[0][2]}.weight") from exc
        ranks.add(a.shape[0])
        prefix = f"base_model.model.{module}"
        tensors[f"{prefix}.lora_A.weight"] = a.contiguous()
        tensors[f"{prefix}.lora_B.weight"] = b.contiguous()
    if len(ranks) != 1:
        raise BackendError(f"embedded LoRA ranks differ between modules: {sorted(ranks)}")
    return tensors, ranks.pop()


def _check_out_dir(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise InputError(f"{out} is not empty", hint="choose another -o directory or pass --force to replace it")


def _write_adapter(out: Path, tensors: dict, rank: int, base_name: str, task: str, force: bool) -> None:
    from peft import LoraConfig
    from safetensors.torch import save_file

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        save_file(tensors, str(staging / "adapter_model.safetensors"), metadata={"format": "pt"})
        config = LoraConfig(r=rank, lora_alpha=rank, target_modules=list(TARGET_MODULES), lora_dropout=0.0,
                            bias="none", base_model_name_or_path=base_name, inference_mode=True)
        config.save_pretrained(str(staging))
        (staging / "README.md").write_text(
            f"# IXC-2.5 '{task}' LoRA as a PEFT adapter\n\nExported by webcompose from the embedded "
            f"lora_{'/'.join(TASK_BRANCHES[task])} weights of {base_name} (r = lora_alpha = {rank}).\n"
            "Load it on webcompose's native IXC-2.5 model (base mode) to get the official "
            f"'{task}' mode.\n", encoding="utf-8")
        _replace_dir(staging, out, force)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _replace_dir(staging: Path, out: Path, force: bool) -> None:
    if out.exists():
        _check_out_dir(out, force)  # re-check: something may have appeared meanwhile
        trash = out.parent / f"{staging.name}.old"
        out.rename(trash)
        staging.rename(out)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        staging.rename(out)


def check_adapter(model, lora_dir: Path) -> dict:
    """Validate an adapter directory against the model before peft loads it; returns its config."""
    missing = [name for name in ADAPTER_FILES if not (lora_dir / name).is_file()]
    if missing:
        raise ModelNotFound(f"{lora_dir} is not a LoRA adapter directory (no {', '.join(missing)})", hint=EXPORT_HINT)
    try:
        config = json.loads((lora_dir / "adapter_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackendError(f"cannot read {lora_dir / 'adapter_config.json'}: {exc}") from exc
    if config.get("peft_type") != "LORA":
        raise BackendError(f"{lora_dir} holds a {config.get('peft_type')} adapter, not a LoRA")
    modules = dict(model.named_modules())
    for key, spec in read_safetensors_header(lora_dir / "adapter_model.safetensors").items():
        match = re.match(r"^base_model\.model\.(?P<module>.+)\.lora_(?P<ab>[AB])\.weight$", key)
        module = modules.get(match["module"]) if match else None
        if module is None:
            raise BackendError(f"adapter tensor {key} matches no module of IXC-2.5", hint=EXPORT_HINT)
        expected = (config["r"], module.in_features) if match["ab"] == "A" else (module.out_features, config["r"])
        if spec.shape != expected:
            raise BackendError(f"adapter tensor {key} has shape {spec.shape}, expected {expected}",
                               hint="the adapter was exported from another model size")
    return config


def attach_adapter(model, lora_dir: Path, *, merge: bool = False):
    """Inject a PEFT LoRA adapter into ``model`` in place (optionally merged); returns ``model``.

    Run the model in base mode afterwards: the adapter supplies the web (or write) branch.
    """
    lora_dir = Path(lora_dir)
    if not lora_dir.is_dir():
        raise ModelNotFound(f"LoRA adapter directory {lora_dir} does not exist", hint=EXPORT_HINT)
    check_adapter(model, lora_dir)
    from peft import PeftModel

    # autocast_adapter_dtype=False keeps the adapter in the model's dtype (peft would upcast bf16 to fp32)
    wrapped = PeftModel.from_pretrained(model, str(lora_dir), is_trainable=False, autocast_adapter_dtype=False)
    if merge:
        wrapped.merge_and_unload()
    return model
