"""`webcompose model info` and `model export-lora` on the tiny IXC-2.5 checkpoint, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ixc_data import CHECKPOINT


@pytest.fixture(scope="module")
def checkpoint() -> Path:
    return CHECKPOINT


def test_model_info_json(cli, checkpoint: Path):
    result = cli(["model", "info", checkpoint, "--json"])
    assert result.exit_code == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["lora_branches"]["web"]["rank"] == 16
    assert info["parameters"]["total"] == sum(v for k, v in info["parameters"].items() if k != "total")


def test_export_lora_writes_a_peft_adapter_and_refuses_to_overwrite(cli, checkpoint: Path, tmp_path: Path):
    out = tmp_path / "ixc25-web"
    result = cli(["model", "export-lora", checkpoint, "--task", "web", "-o", out])
    assert result.exit_code == 0, result.stderr
    config = json.loads((out / "adapter_config.json").read_text())
    assert config["r"] == 16 and (out / "adapter_model.safetensors").is_file()
    again = cli(["model", "export-lora", checkpoint, "-o", out])
    assert again.exit_code == 2 and len(again.stderr.strip().splitlines()) == 1


def test_missing_checkpoint_exits_3_with_where_weights_go(cli, tmp_path: Path):
    result = cli(["model", "info", tmp_path / "nothing"])
    assert result.exit_code == 3
    assert "model/" in result.stderr and len(result.stderr.strip().splitlines()) == 1
