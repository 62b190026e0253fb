"""IXC-2.5 on a CUDA GPU at the real 7B shape, with random weights: placement, dtype and speed.

    python benchmarks/ixc_cuda_bench.py --json out.json            # needs a CUDA GPU
    python benchmarks/ixc_cuda_bench.py --new-tokens 512 --height 3000

No checkpoint is needed (none can be downloaded here): the network is built from the 7B config on
the meta device, materialised on the GPU in bf16 and filled with small random numbers. What it
measures is what does not depend on the weights' values: that every parameter sits on the GPU in
the asked dtype, the memory the model and its cache take, how long the vision tower takes on a
webpage screenshot at the webpage task's HD setting (24 crops), the prefill of that image plus a
prompt, and greedy decoding speed (tokens per second) in base mode and with the embedded web LoRA
branch. Tokens are forced to the full length (random weights would stop anywhere). A cold process
decodes its first timed mode slowly (clocks and kernel choices settle): repeat the modes
(``--modes base,web,base,web``) and read the later ones.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import torch
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from web_composer.models.ixc25.config import IXC25Config  # noqa: E402
from web_composer.models.ixc25.generation import GenerationSettings, generate  # noqa: E402
from web_composer.models.ixc25.loading import build_empty  # noqa: E402


def random_model(dtype: torch.dtype, cfg: IXC25Config | None = None,
                 device: str = "cuda") -> torch.nn.Module:
    model = build_empty(cfg or IXC25Config(), embedded_modes=("web",))
    model.to_empty(device=device)
    with torch.no_grad():
        for name, param in model.named_parameters():
            if param.dim() == 1 and ("norm" in name or "layer_norm" in name or name.endswith("weight")):
                param.fill_(1.0)
            else:
                param.normal_(0.0, 0.02)
    model.to(dtype)
    return model.eval().requires_grad_(False)


def screenshot(height: int) -> Image.Image:
    """A page-like picture: bands, boxes and lines of dark marks on white."""
    image = Image.new("RGB", (1280, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1280, 64), fill=(30, 58, 138))
    for top in range(120, height - 60, 180):
        draw.rectangle((150, top, 620, top + 150), fill=(220, 226, 235))
        for line in range(5):
            draw.rectangle((660, top + 10 + 28 * line, 1100 - 40 * line, top + 24 + 28 * line),
                           fill=(40, 40, 40))
    return image


def timed(fn, repeats: int = 3) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeats):
        torch.cuda.synchronize()
        start = time.perf_counter()
        out = fn()
        torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dtype", default="bf16", choices=["bf16", "fp16"])
    ap.add_argument("--height", type=int, default=2400, help="screenshot height in px (1280 wide)")
    ap.add_argument("--prompt-tokens", type=int, default=64)
    ap.add_argument("--new-tokens", type=int, default=256)
    ap.add_argument("--modes", default="base,web", help="infer modes, in the order measured")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    if not torch.cuda.is_available():
        print("needs a CUDA GPU", file=sys.stderr)
        return 2
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}[args.dtype]
    result: dict = {"gpu": torch.cuda.get_device_name(), "torch": torch.__version__, "dtype": args.dtype}

    start = time.perf_counter()
    model = random_model(dtype)
    torch.cuda.synchronize()
    result["build_s"] = round(time.perf_counter() - start, 2)
    params = list(model.parameters())
    result["parameters_b"] = round(sum(p.numel() for p in params) / 1e9, 3)
    result["all_on_gpu"] = all(p.device.type == "cuda" for p in params)
    result["all_in_dtype"] = all(p.dtype == dtype for p in params)
    result["weights_gib"] = round(torch.cuda.memory_allocated() / 2**30, 2)

    image = screenshot(args.height)
    encode_s, embeds = timed(lambda: model.encode_image(image, 24))
    result["image_tokens"] = int(embeds.shape[0])
    result["encode_image_s"] = round(encode_s, 3)

    text = model.embed_tokens(torch.randint(3, 90000, (args.prompt_tokens,), device="cuda"))
    inputs = torch.cat([text[:8], embeds.to(dtype), text[8:]]).unsqueeze(0)
    mask = torch.zeros(inputs.shape[:2], dtype=torch.bool, device="cuda")
    mask[0, 8:8 + embeds.shape[0]] = True
    result["prompt_length"] = int(inputs.shape[1])

    def prefill(mode: str):
        cache = model.new_cache(capacity=inputs.shape[1] + 1)
        with torch.no_grad():
            return model(inputs_embeds=inputs, im_mask=mask, cache=cache, infer_mode=mode,
                         logits_to_keep=1)

    for mode in args.modes.split(","):
        prefill_s, logits = timed(lambda: prefill(mode))
        result[f"{mode}_prefill_s"] = round(prefill_s, 3)
        result[f"{mode}_logits_finite"] = bool(torch.isfinite(logits).all())
        settings = GenerationSettings(max_new_tokens=args.new_tokens, min_new_tokens=args.new_tokens)
        warm = GenerationSettings(max_new_tokens=64, min_new_tokens=64)
        with torch.no_grad():  # the first decode steps pay one-off kernel and allocator set-up
            generate(model, warm, inputs_embeds=inputs, im_mask=mask, infer_mode=mode)
        torch.cuda.reset_peak_memory_stats()
        with torch.no_grad():
            decode_s, out = timed(lambda: generate(model, settings, inputs_embeds=inputs,
                                                   im_mask=mask, infer_mode=mode), repeats=1)
        tokens = len(out.tokens) if hasattr(out, "tokens") else int(out.sequences.shape[-1])
        result[f"{mode}_new_tokens"] = tokens
        result[f"{mode}_generate_s"] = round(decode_s, 2)
        result[f"{mode}_tokens_per_s"] = round(tokens / max(1e-9, decode_s - prefill_s), 1)
        result[f"{mode}_peak_gib"] = round(torch.cuda.max_memory_allocated() / 2**30, 2)
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
