"""Exporting the embedded IXC-2.5 LoRAs as PEFT adapters and loading them back with peft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file, save_file

from web_composer.errors import BackendError, InputError, ModelNotFound
from web_composer.models.ixc25.checkpoint import read_safetensors_header
from web_composer.models.ixc25.loading import load_model
from web_composer.models.ixc25.lora import TARGET_MODULES, attach_adapter, export_lora
from ixc_data import CHECKPOINT



@pytest.fixture(scope="module")
def ranks() -> dict[str, int]:
    header = read_safetensors_header(CHECKPOINT / "model.safetensors")
    spec = {name: header[f"model.layers.0.attention.wqkv.lora_{name}_A.weight"].shape[0]
            for name in ("web", "sft", "dpo")}
    return spec


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("lora")
    return {task: export_lora(CHECKPOINT, task, root / f"ixc25-{task}") for task in ("web", "write")}


@pytest.fixture(scope="module")
def inputs() -> dict[str, torch.Tensor]:
    torch.manual_seed(0)
    ids = torch.randint(3, 500, (1, 20))
    ids[0, 0] = 1
    mask = torch.zeros(1, 20, dtype=torch.bool)
    mask[0, 2:9] = True
    return {"ids": ids, "mask": mask}


def _logits(model, inputs, mode: str = "base") -> tuple[torch.Tensor, torch.Tensor]:
    ids, mask = inputs["ids"], inputs["mask"]
    with torch.no_grad():
        return (model(input_ids=ids, infer_mode=mode),
                model(inputs_embeds=model.embed_tokens(ids), im_mask=mask, infer_mode=mode))


def test_adapter_files_and_config(exported, ranks):
    expected_r = {"web": ranks["web"], "write": ranks["sft"] + ranks["dpo"]}
    layers = json.loads((CHECKPOINT / "config.json").read_text())["num_hidden_layers"]
    for task, path in exported.items():
        assert sorted(p.name for p in path.iterdir()) == ["README.md", "adapter_config.json",
                                                          "adapter_model.safetensors"]
        config = json.loads((path / "adapter_config.json").read_text())
        assert config["peft_type"] == "LORA"
        assert config["r"] == config["lora_alpha"] == expected_r[task]
        assert sorted(config["target_modules"]) == sorted(TARGET_MODULES)
        assert config["lora_dropout"] == 0.0 and config["bias"] == "none" and not config["use_rslora"]
        header = read_safetensors_header(path / "adapter_model.safetensors")
        assert len(header) == 2 * len(TARGET_MODULES) * layers
        assert header["base_model.model.model.layers.0.attention.wqkv.lora_A.weight"].shape[0] == expected_r[task]
    assert not [p for p in exported["web"].parent.iterdir() if p.name.startswith(".")], "staging dir left behind"


def test_write_adapter_stacks_sft_and_dpo(exported):
    adapter = load_file(str(exported["write"] / "adapter_model.safetensors"))
    checkpoint = load_file(str(CHECKPOINT / "model.safetensors"))
    prefix = "model.layers.1.feed_forward.w2"
    a, b = adapter[f"base_model.model.{prefix}.lora_A.weight"], adapter[f"base_model.model.{prefix}.lora_B.weight"]
    expected = (checkpoint[f"{prefix}.lora_sft_B.weight"] @ checkpoint[f"{prefix}.lora_sft_A.weight"]
                + checkpoint[f"{prefix}.lora_dpo_B.weight"] @ checkpoint[f"{prefix}.lora_dpo_A.weight"])
    torch.testing.assert_close(b @ a, expected, rtol=0, atol=1e-5)


@pytest.mark.parametrize("task", ["web", "write"])
@pytest.mark.parametrize("merge", [False, True])
def test_base_plus_adapter_equals_official_mode(exported, inputs, task, merge):
    native, _ = load_model(CHECKPOINT, device="cpu", dtype="fp32", embedded_modes=(task,))
    want_text, want_masked = _logits(native, inputs, task)
    base, _ = load_model(CHECKPOINT, device="cpu", dtype="fp32")
    base_text, _ = _logits(base, inputs)
    attach_adapter(base, exported[task], merge=merge)
    got_text, got_masked = _logits(base, inputs)
    assert (base_text - want_text).abs().max() > 1e-2, "the LoRA must change the outputs"
    torch.testing.assert_close(got_text, want_text, rtol=0, atol=1e-4)
    torch.testing.assert_close(got_masked, want_masked, rtol=0, atol=1e-4)


def test_adapter_loads_through_plain_peft(exported, inputs):
    from peft import PeftModel

    native, _ = load_model(CHECKPOINT, device="cpu", dtype="fp32", embedded_modes=("web",))
    want, _ = _logits(native, inputs, "web")
    base, _ = load_model(CHECKPOINT, device="cpu", dtype="fp32")
    peft_model = PeftModel.from_pretrained(base, str(exported["web"]))
    with torch.no_grad():
        got = peft_model(input_ids=inputs["ids"])
    torch.testing.assert_close(got, want, rtol=0, atol=1e-4)


def test_refuses_non_empty_out_dir_unless_forced(tmp_path):
    out = tmp_path / "adapter"
    out.mkdir()
    (out / "keep.txt").write_text("user data")
    with pytest.raises(InputError) as info:
        export_lora(CHECKPOINT, "web", out)
    assert "--force" in info.value.hint
    assert (out / "keep.txt").exists()
    assert export_lora(CHECKPOINT, "web", out, force=True) == out
    assert not (out / "keep.txt").exists() and (out / "adapter_model.safetensors").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adapter"]


def test_empty_out_dir_is_fine(tmp_path):
    (tmp_path / "empty").mkdir()
    assert (export_lora(CHECKPOINT, "web", tmp_path / "empty") / "adapter_config.json").is_file()


def test_bad_task_and_missing_checkpoint(tmp_path):
    with pytest.raises(InputError):
        export_lora(CHECKPOINT, "chat", tmp_path / "x")
    with pytest.raises(ModelNotFound) as info:
        export_lora(tmp_path / "nowhere", "web", tmp_path / "x")
    assert "model/" in info.value.hint and "huggingface-cli download" in info.value.hint


def test_attach_rejects_missing_or_mismatched_adapter(tmp_path, exported):
    model, _ = load_model(CHECKPOINT, device="cpu", dtype="fp32")
    with pytest.raises(ModelNotFound):
        attach_adapter(model, tmp_path / "missing")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "adapter_config.json").write_text((exported["web"] / "adapter_config.json").read_text())
    tensors = load_file(str(exported["web"] / "adapter_model.safetensors"))
    key = "base_model.model.model.layers.0.attention.wo.lora_A.weight"
    tensors[key] = torch.zeros(tensors[key].shape[0], tensors[key].shape[1] + 1)
    save_file(tensors, str(bad / "adapter_model.safetensors"))
    with pytest.raises(BackendError):
        attach_adapter(model, bad)
