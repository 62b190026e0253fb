"""Checkpoint discovery, strict loading, dtype/device choice, config validation and model_info."""

from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file, save_file

from web_composer.errors import BackendError, InputError, ModelNotFound
from web_composer.models.ixc25 import export_lora, load_ixc25, model_info
from web_composer.models.ixc25 import loading
from web_composer.models.ixc25.config import IXC25Config
from web_composer.models.ixc25.loading import build_empty, load_model, select_dtype
from ixc_data import CHECKPOINT, TOKENIZER_MODEL

HINT = "huggingface-cli download internlm/internlm-xcomposer2d5-7b --local-dir model/internlm-xcomposer2d5-7b"
needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")

# the published 7B config.json (ARCHITECTURE.md 1.1): no tiny_harness, so the hard-coded 7B sizes apply
CONFIG_7B = {"architectures": ["InternLMXComposer2ForCausalLM"], "attn_implementation": "flash_attention_2",
             "bias": False, "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 2, "hidden_act": "silu",
             "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 14336, "max_length": 16384,
             "max_position_embeddings": 24576, "model_type": "internlm2", "num_attention_heads": 32,
             "num_hidden_layers": 32, "num_key_value_heads": 8, "rms_norm_eps": 1e-05,
             "rope_scaling": {"factor": 2.0, "type": "dynamic"}, "rope_theta": 1000000,
             "tie_word_embeddings": False, "torch_dtype": "bfloat16", "use_cache": False, "vocab_size": 92544}


def _copy_config(dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy(CHECKPOINT / "config.json", dst / "config.json")


def _ids() -> torch.Tensor:
    return torch.tensor([[1, 5, 9, 200, 17, 300, 42, 8]])


@pytest.fixture(scope="module")
def fake_7b(tmp_path_factory) -> Path:
    """A header-only safetensors 7B checkpoint (names and shapes of every tensor, no data)."""
    root = tmp_path_factory.mktemp("ixc25-7b")
    (root / "config.json").write_text(json.dumps(CONFIG_7B))
    model = build_empty(IXC25Config.from_dict(CONFIG_7B), ("web", "write"))
    header, offset = {}, 0
    for name, param in model.named_parameters():
        size = param.numel() * 2
        header[name] = {"dtype": "BF16", "shape": list(param.shape), "data_offsets": [offset, offset + size]}
        offset += size
    blob = json.dumps(header).encode()
    (root / "model.safetensors").write_bytes(struct.pack("<Q", len(blob)) + blob)
    return root


def test_7b_defaults_without_harness():
    cfg = IXC25Config.from_dict(CONFIG_7B)
    assert (cfg.plora_r, cfg.plora_alpha, cfg.lora_sft_r, cfg.lora_dpo_r, cfg.lora_web_r) == (256, 256, 256, 256, 512)
    assert (cfg.vision.hidden_size, cfg.vision.num_hidden_layers, cfg.vision.num_attention_heads) == (1024, 24, 16)
    assert (cfg.proj_in, cfg.proj_hidden, cfg.proj_out, cfg.separator_dim) == (4096, 4096, 4096, 4096)
    assert cfg.head_dim == 128 and cfg.kv_groups == 4


def test_tiny_harness_sizes():
    cfg = IXC25Config.from_file(CHECKPOINT)
    harness = json.loads((CHECKPOINT / "config.json").read_text())["tiny_harness"]
    assert cfg.lora_web_r == harness["lora_web_r"] and cfg.plora_r == harness["plora_r"]
    assert cfg.vision.hidden_size == harness["vision_config"]["hidden_size"]
    assert cfg.proj_in == harness["vision_proj"]["in_features"]


@pytest.mark.parametrize("change", [{"num_key_value_heads": 5}, {"rope_scaling": {"type": "yarn", "factor": 2.0}},
                                    {"hidden_size": -1}, {"model_type": "llama"}, {"hidden_act": "gelu"}])
def test_invalid_config_is_a_backend_error(change):
    with pytest.raises(BackendError):
        IXC25Config.from_dict({**CONFIG_7B, **change})


def test_model_info_7b_without_loading(fake_7b):
    info = model_info(fake_7b)
    params = info["parameters"]
    assert params["total"] == 11_095_734_272  # pytorch_model.bin.index.json total_size / 2
    assert params["llm"] == 7_737_708_544 and params["plora"] == 603_979_776 and params["lora_web"] == 1_207_959_552
    assert params["vision"] == 304_556_032 and params["projector"] == 33_562_624 and params["separators"] == 8192
    assert info["dtype"] == "bfloat16" and info["format"] == "safetensors"
    branches = info["lora_branches"]
    assert branches["web"]["rank"] == 512 and branches["sft"]["rank"] == 256 and branches["dpo"]["rank"] == 256
    assert branches["image (Plora)"] == {"rank": 256, "modules": 160, "alpha": 256}
    memory = info["memory_gib"]
    assert 16 < memory["base"]["bf16"] < memory["with_web_lora"]["bf16"] < 20
    assert memory["base"]["4bit"] < memory["base"]["bf16"] / 2
    assert info["config"]["hidden_size"] == 4096 and info["config"]["vision"]["layers"] == 24


def test_model_info_tiny():
    info = model_info(CHECKPOINT)
    tensors = load_file(str(CHECKPOINT / "model.safetensors"))
    assert info["parameters"]["total"] == sum(t.numel() for t in tensors.values())
    assert info["dtype"] == "float32"
    cfg = IXC25Config.from_file(CHECKPOINT)
    assert info["lora_branches"]["web"]["rank"] == cfg.lora_web_r
    assert info["tokenizer"] is False
    json.dumps(info)  # JSON-able for the CLI


@pytest.fixture(scope="module")
def bin_checkpoint(tmp_path_factory) -> Path:
    """The tiny checkpoint re-saved the way the 7B is published: sharded .bin files plus an index."""
    root = tmp_path_factory.mktemp("ixc25-bin")
    _copy_config(root)
    tensors = load_file(str(CHECKPOINT / "model.safetensors"))
    names = sorted(tensors)
    shards = {"pytorch_model-00001-of-00002.bin": names[::2], "pytorch_model-00002-of-00002.bin": names[1::2]}
    weight_map = {}
    for shard, keys in shards.items():
        torch.save({k: tensors[k] for k in keys}, root / shard)
        weight_map.update({k: shard for k in keys})
    total = sum(t.numel() * t.element_size() for t in tensors.values())
    (root / "pytorch_model.bin.index.json").write_text(json.dumps({"metadata": {"total_size": total},
                                                                   "weight_map": weight_map}))
    return root


def test_sharded_bin_checkpoint_loads_identically(bin_checkpoint):
    a, files = load_model(bin_checkpoint, device="cpu", dtype="fp32")
    b, _ = load_model(CHECKPOINT, device="cpu", dtype="fp32")
    assert files.format == "bin" and len(files.weights) == 2
    with torch.no_grad():
        assert torch.equal(a(input_ids=_ids()), b(input_ids=_ids()))
    assert model_info(bin_checkpoint)["parameters"] == model_info(CHECKPOINT)["parameters"]


def test_missing_shard_listed_in_index(bin_checkpoint, tmp_path):
    root = tmp_path / "partial"
    shutil.copytree(bin_checkpoint, root)
    (root / "pytorch_model-00002-of-00002.bin").unlink()
    with pytest.raises(ModelNotFound) as info:
        load_model(root, device="cpu")
    assert HINT in info.value.hint


@pytest.mark.parametrize("problem", ["extra", "missing", "shape"])
def test_strict_key_names(tmp_path, problem):
    tensors = load_file(str(CHECKPOINT / "model.safetensors"))
    if problem == "extra":
        tensors["model.layers.0.attention.rotary_emb.inv_freq"] = torch.zeros(8)
    elif problem == "missing":
        del tensors["model.layers.1.feed_forward.w2.Plora_B.weight"]
    else:
        tensors["model.norm.weight"] = torch.zeros(3)
    _copy_config(tmp_path)
    save_file(tensors, str(tmp_path / "model.safetensors"))
    with pytest.raises(BackendError):
        load_model(tmp_path, device="cpu")


def test_missing_things_raise_model_not_found(tmp_path):
    for path in (tmp_path / "absent", tmp_path / "file.txt", tmp_path):
        if path.name == "file.txt":
            path.write_text("x")
        with pytest.raises(ModelNotFound) as info:
            load_model(path)
        assert HINT in info.value.hint and "model/" in info.value.hint
    _copy_config(tmp_path / "no-weights")
    with pytest.raises(ModelNotFound):
        load_model(tmp_path / "no-weights")


def test_dtype_choice():
    cfg_fp32, cfg_bf16 = IXC25Config.from_file(CHECKPOINT), IXC25Config.from_dict(CONFIG_7B)
    cpu = torch.device("cpu")
    assert select_dtype(None, cpu, cfg_fp32) == torch.float32
    assert select_dtype(None, cpu, cfg_bf16) == torch.bfloat16
    assert select_dtype("fp16", cpu, cfg_fp32) == torch.float16
    assert select_dtype("bf16", cpu, cfg_fp32) == torch.bfloat16
    assert select_dtype(None, torch.device("mps"), cfg_bf16) == torch.float16
    with pytest.raises(InputError):
        select_dtype("int3", cpu, cfg_fp32)


def test_bf16_on_cpu_runs():
    model, _ = load_model(CHECKPOINT, device="cpu", dtype="bf16")
    assert model.dtype == torch.bfloat16
    with torch.no_grad():
        ref, _ = load_model(CHECKPOINT, device="cpu", dtype="fp32")
        assert (model(input_ids=_ids()) - ref(input_ids=_ids())).abs().max() < 0.5


def test_device_map_auto_without_gpu_uses_one_device():
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU: see test_cuda_device_map_auto")
    model, _ = load_model(CHECKPOINT, dtype="fp32", device_map="auto")
    assert {p.device.type for p in model.parameters()} == {"cpu"}
    with pytest.raises(InputError):
        load_model(CHECKPOINT, dtype="fp32", device_map="balanced_low_0")


def test_4bit_needs_bitsandbytes_and_cuda():
    try:
        import bitsandbytes  # noqa: F401

        if torch.cuda.is_available():
            pytest.skip("bitsandbytes and CUDA present: covered by test_cuda_4bit")
    except ImportError:
        pass
    with pytest.raises(BackendError) as info:
        load_model(CHECKPOINT, load_in_4bit=True)
    assert info.value.hint


def test_load_ixc25_needs_a_matching_tokenizer(tmp_path, monkeypatch):
    _copy_config(tmp_path)
    shutil.copy(CHECKPOINT / "model.safetensors", tmp_path / "model.safetensors")
    with pytest.raises(ModelNotFound):
        load_ixc25(tmp_path, device="cpu", dtype="fp32")
    shutil.copy(TOKENIZER_MODEL, tmp_path / "tokenizer.model")
    with pytest.raises(BackendError, match="embeddings"):  # 92544 pieces, a tiny vocabulary
        load_ixc25(tmp_path, device="cpu", dtype="fp32")
    monkeypatch.setattr(loading, "check_vocab", lambda tokenizer, cfg: None)
    runner = load_ixc25(tmp_path, device="cpu", dtype="fp32")
    assert not runner.web_ready and runner.infer_mode == "base"
    assert load_ixc25(tmp_path, device="cpu", dtype="fp32", embedded_mode="web").web_ready
    adapter = export_lora(tmp_path, "web", tmp_path / "adapter")
    with_adapter = load_ixc25(tmp_path, lora=adapter, device="cpu", dtype="fp32", merge_lora=True)
    assert with_adapter.web_ready and with_adapter.infer_mode == "base" and with_adapter.adapter == adapter
    with pytest.raises(InputError):
        load_ixc25(tmp_path, lora=tmp_path, embedded_mode="web")


@needs_cuda
@pytest.mark.parametrize("dtype", ["bf16", "fp16"])
def test_cuda_half_precision(dtype):
    model, _ = load_model(CHECKPOINT, device="cuda", dtype=dtype)
    ref, _ = load_model(CHECKPOINT, device="cpu", dtype="fp32")
    with torch.no_grad():
        got = model(input_ids=_ids().cuda()).cpu()
        want = ref(input_ids=_ids())
    assert (got - want).abs().max() < 0.5


@needs_cuda
def test_cuda_device_map_auto():
    model, _ = load_model(CHECKPOINT, dtype="bf16", device_map="auto")
    with torch.no_grad():
        assert torch.isfinite(model(input_ids=_ids())).all()


@needs_cuda
def test_cuda_4bit():
    pytest.importorskip("bitsandbytes", reason="needs bitsandbytes")
    model, _ = load_model(CHECKPOINT, dtype="bf16", load_in_4bit=True)
    with torch.no_grad():
        assert torch.isfinite(model(input_ids=_ids().cuda())).all()
