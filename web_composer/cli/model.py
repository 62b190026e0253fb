"""`webcompose model info` and `webcompose model export-lora`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .options import AsJson, Force

model_app = typer.Typer(help="Inspect model checkpoints and export LoRA adapters.",
                        no_args_is_help=True)
app.add_typer(model_app, name="model")


@model_app.command("info")
def info(
    path: Annotated[Path, typer.Argument(help="A checkpoint folder (config.json + weights).")],
    as_json: AsJson = False,
) -> None:
    """Parameters, dtype, LoRA branches and memory needs of an IXC-2.5 checkpoint (weights not loaded)."""
    from ..models.ixc25 import model_info

    facts = model_info(path)
    if as_json:
        typer.echo(json.dumps(facts, indent=2, default=str))
        return
    for key, value in facts.items():
        if isinstance(value, dict):
            typer.echo(f"{key}:")
            for sub, item in value.items():
                typer.echo(f"  {sub}: {item}")
        else:
            typer.echo(f"{key}: {value}")


@model_app.command("export-lora")
def export_lora(
    path: Annotated[Path, typer.Argument(help="The IXC-2.5 checkpoint folder.")],
    task: Annotated[str, typer.Option("--task", help="web (webpage LoRA) or write (article LoRAs).")] = "web",
    output: Annotated[Path, typer.Option("-o", "--output", help="Adapter folder to write.")] = Path(
        "lora_weights/ixc25-web"),
    force: Force = False,
) -> None:
    """Write the checkpoint's embedded LoRA as a standard PEFT adapter folder."""
    from ..errors import InputError
    from ..models.ixc25 import export_lora as export

    if task not in {"web", "write"}:
        raise InputError(f"--task must be web or write, not {task!r}")
    folder = export(path, task=task, out_dir=output, force=force)
    typer.echo(f"adapter: {folder}")
