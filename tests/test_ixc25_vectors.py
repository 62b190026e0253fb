"""The native IXC-2.5 against the official code's reference vectors.

Every case listed in ``cases.json`` runs; an unknown case kind fails. The vector folder comes from
``WEBCOMPOSE_IXC_VECTORS`` (default: the in-repository set, ``tests/data/ixc25/vectors/dev``; see tests/ixc_data.py). Web and
write modes go through the PEFT adapters exported from the checkpoint and loaded with peft; the
checkpoint's embedded branches are checked natively as well.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from safetensors.torch import load_file

from web_composer.models.ixc25 import hd
from web_composer.models.ixc25.generation import GenerationSettings, generate
from web_composer.models.ixc25.interleave import interleave
from web_composer.models.ixc25.loading import load_model
from web_composer.models.ixc25.lora import attach_adapter, export_lora
from web_composer.models.ixc25.tokenizer import IXCTokenizer, chat_prompt
from web_composer.models.ixc25.vision import assemble_with_separators, merge_2x2, vit_features
from ixc_data import TOKENIZER_MODEL, VECTORS

ATOL = 1e-4  # fp32 logits, embeddings and ViT features (vectors/README.md)
SUM_RTOL = 1e-6  # float64 channel sums of the normalised image


def _case_names() -> list[str]:
    try:
        return list(json.loads((VECTORS / "cases.json").read_text(encoding="utf-8"))["cases"])
    except (OSError, ValueError, KeyError):
        return ["<cases.json missing or unreadable>"]


CASES = _case_names()


# ------------------------------------------------------------------------------------------ fixtures

@pytest.fixture(scope="module")
def meta() -> dict:
    return json.loads((VECTORS / "cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def tensors() -> dict:
    return load_file(str(VECTORS / "cases.safetensors"))


@pytest.fixture(scope="module")
def adapters(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("ixc25-adapters")
    return {task: export_lora(VECTORS / "checkpoint", task, out / task) for task in ("web", "write")}


@pytest.fixture(scope="module")
def tokenizer() -> IXCTokenizer:
    return IXCTokenizer(TOKENIZER_MODEL)


@pytest.fixture(scope="module")
def fresh(adapters):
    """fresh(mode, native=False) -> (model, infer_mode): a new model per call, as the vectors assume."""

    def build(mode: str, native: bool = False):
        if native and mode != "base":
            model, _ = load_model(VECTORS / "checkpoint", device="cpu", dtype="fp32", embedded_modes=(mode,))
            return model, mode
        model, _ = load_model(VECTORS / "checkpoint", device="cpu", dtype="fp32")
        if mode != "base":
            attach_adapter(model, adapters[mode])
        return model, "base"

    return build


class TinyIds:
    """The real tokenizer with ids folded into the tiny vocabulary (id mod V), as the vectors did."""

    def __init__(self, tokenizer: IXCTokenizer, vocab: int):
        self.tokenizer, self.vocab = tokenizer, vocab

    def encode(self, text: str, add_bos: bool = True) -> list[int]:
        return [i % self.vocab for i in self.tokenizer.encode(text, add_bos=add_bos)]


def close(label: str, got, want, atol: float = ATOL) -> None:
    got, want = torch.as_tensor(got).float(), torch.as_tensor(want).float()
    assert got.shape == want.shape, f"{label}: shape {tuple(got.shape)} != {tuple(want.shape)}"
    error = (got - want).abs().max().item() if got.numel() else 0.0
    print(f"{label}: max abs error {error:.3g}")
    assert error <= atol, f"{label}: max abs error {error} > {atol}"


def modes_of(names: list[str], prefix: str) -> list[tuple[str, str]]:
    return [(name, name.rsplit("_", 1)[1]) for name in names if name.startswith(prefix)]


# ------------------------------------------------------------------------------------------ checks

def check_text(case, meta, tensors, fresh, tokenizer):
    ids = tensors["text/input_ids"]
    for name, mode in modes_of(case["outputs"], "text/logits_"):
        for native in ((False, True) if mode != "base" else (False,)):
            model, infer = fresh(mode, native)
            close(f"{name}{' (native)' if native else ' (peft)' if mode != 'base' else ''}",
                  model(input_ids=ids, infer_mode=infer)[0], tensors[name])


def check_masked(case, meta, tensors, fresh, tokenizer):
    ids, mask = tensors["text/input_ids"], tensors["masked/im_mask"].bool()
    for name, mode in modes_of(case["outputs"], "masked/logits_"):
        for native in ((False, True) if mode != "base" else (False,)):
            model, infer = fresh(mode, native)
            got = model(inputs_embeds=model.embed_tokens(ids), im_mask=mask, infer_mode=infer)[0]
            close(f"{name}{' (native)' if native else ' (peft)' if mode != 'base' else ''}", got, tensors[name])
    model, _ = fresh("base")
    zero = model(inputs_embeds=model.embed_tokens(ids), im_mask=torch.zeros_like(mask))
    close("masked/zero_mask_vs_text_base", zero, model(input_ids=ids),
          atol=case.get("check_zero_mask_equals_text_base_maxabs", 0.0))


def check_masked_batch2(case, meta, tensors, fresh, tokenizer):
    ids, mask = tensors["masked_batch2/input_ids"], tensors["masked_batch2/im_mask"].bool()
    for name, mode in modes_of(case["outputs"], "masked_batch2/logits_"):
        model, infer = fresh(mode)
        close(f"{name} (peft)", model(inputs_embeds=model.embed_tokens(ids), im_mask=mask, infer_mode=infer),
              tensors[name])


def check_hd_table(case, meta, tensors, fresh, tokenizer):
    for row in case["rows"]:
        out = hd.hd_transform(Image.new("RGB", (row["in_w"], row["in_h"]), (10, 20, 30)), row["hd_num"])
        rows, cols = hd.crop_grid(out)
        got = (out.size, rows, cols, hd.n_image_tokens(rows, cols))
        want = ((row["out_w"], row["out_h"]), row["crop_rows"], row["crop_cols"], row["n_img_tokens"])
        assert got == want, f"hd_table {row}: got {got}"


def check_hd_image(spec: dict, prefix: str, image: Image.Image, hd_num: int, tensors: dict) -> torch.Tensor:
    """The HD-transformed uint8 image (exact) and its normalisation; returns the normalised tensor."""
    hd_image = hd.hd_transform(image, hd_num)
    pixels = np.asarray(hd_image, dtype=np.uint8)
    assert hd_image.size == (spec["hd_out_w"], spec["hd_out_h"])
    assert hd.crop_grid(hd_image) == (spec["crop_rows"], spec["crop_cols"])
    assert hd.n_image_tokens(spec["crop_rows"], spec["crop_cols"]) == spec["n_tokens"]
    assert hashlib.sha256(np.ascontiguousarray(pixels).tobytes()).hexdigest() == spec["hd_image_sha256"]
    if prefix + "hd_image_u8" in tensors:
        assert np.array_equal(pixels, tensors[prefix + "hd_image_u8"].numpy())
    if prefix + "hd_image_u8_stride4" in tensors:
        assert np.array_equal(pixels[::4, ::4], tensors[prefix + "hd_image_u8_stride4"].numpy())
    x = hd.normalize(hd_image)
    want_sum = tensors[prefix + "normalized_sum_per_channel"]
    rel = ((x[0].double().sum(dim=(1, 2)) - want_sum) / want_sum).abs().max().item()
    print(f"{prefix}normalized_sum_per_channel: max relative error {rel:.3g}")
    assert rel <= SUM_RTOL, f"{prefix}normalized_sum_per_channel: relative error {rel}"
    return x


def check_vision(case, meta, tensors, fresh, tokenizer):
    image = Image.fromarray(tensors["vision/image_u8"].numpy())
    assert image.size == (case["image"]["w"], case["image"]["h"])
    model, _ = fresh("base")
    tower = model.vit.vision_tower.vision_model
    for key in sorted(k for k in case if re.fullmatch(r"hd\d+", k)):
        prefix, hd_num = f"vision/{key}/", int(key[2:])
        x = check_hd_image(case[key], prefix, image, hd_num, tensors)
        want_global = tensors[prefix + "global_view_stride4"]
        close(prefix + "global_view_stride4", hd.global_view(x)[0][:, ::4, ::4], want_global)
        views, rows, cols = hd.vit_views(image, hd_num)
        features = vit_features(tower, views)
        close(prefix + "vit_features_global", features[0], tensors[prefix + "vit_features_global"])
        close(prefix + "vit_features_crop0", features[1], tensors[prefix + "vit_features_crop0"])
        if prefix + "merged_with_separators" in tensors:
            merged = assemble_with_separators(merge_2x2(features, model.cfg.vision.grid), rows, cols,
                                              model.plora_glb_GN, model.plora_sub_GN)
            close(prefix + "merged_with_separators", merged, tensors[prefix + "merged_with_separators"])
        close(prefix + "img_embeds", model.encode_image(image, hd_num), tensors[prefix + "img_embeds"])


def check_text_parts(parts: list[dict], tokenizer: IXCTokenizer, vocab: int) -> None:
    for part in parts:
        ids = tokenizer.encode(part["text"], add_bos=part["add_special_tokens"])
        assert ids == part["real_ids"], f"real ids of {part['text']!r}"
        assert [i % vocab for i in ids] == part["tiny_ids"], f"tiny ids of {part['text']!r}"


def mm_inputs(model, tokenizer, tensors, query: str, n_images: int):
    images = [Image.fromarray(tensors["mm/image_u8"].numpy())] if n_images else []
    return interleave(model, TinyIds(tokenizer, model.cfg.vocab_size), chat_prompt(query), images)


def check_mm(case, meta, tensors, fresh, tokenizer):
    base, _ = fresh("base")
    check_text_parts(case["text_parts"], tokenizer, base.cfg.vocab_size)
    embeds, mask = mm_inputs(base, tokenizer, tensors, case["query"], 1)
    assert embeds.shape[1] == case["seq_len"] == mask.shape[1]
    assert int(mask.sum()) == case["n_image_tokens"] and int(mask[0].nonzero()[0]) == case["image_start"]
    assert torch.equal(mask, tensors["mm/im_mask"].bool())
    close("mm/inputs_embeds", embeds[0], tensors["mm/inputs_embeds"])
    names = sorted(n for n in tensors if n.startswith("mm/logits_"))
    assert names, "no mm logits in the vectors"
    for mode in sorted({n.rsplit("_", 1)[1] for n in names}):
        model, infer = fresh(mode)
        logits = model(inputs_embeds=embeds, im_mask=mask, infer_mode=infer)[0]
        close(f"mm/logits_last_{mode}", logits[-1], tensors[f"mm/logits_last_{mode}"])
        tail = tensors[f"mm/logits_text_tail_{mode}"]
        close(f"mm/logits_text_tail_{mode}", logits[-tail.shape[0]:], tail)


def check_gen(case, meta, tensors, fresh, tokenizer):
    for run, spec in case["runs"].items():
        model, infer = fresh(spec["infer_mode"])
        check_text_parts(spec["text_parts"], tokenizer, model.cfg.vocab_size)
        embeds, mask = mm_inputs(model, tokenizer, tensors, spec["query"], spec["images"])
        assert embeds.shape[1] == spec["prompt_len"] and int(mask.sum()) == spec["n_image_tokens"]
        kwargs = dict(spec["generate_kwargs"])
        settings = GenerationSettings(eos_token_ids=(2,), **kwargs)
        out = generate(model, settings, inputs_embeds=embeds, im_mask=mask, infer_mode=infer, keep_scores=True)
        assert out.tokens == spec["tokens"] == tensors[f"gen/{run}/tokens"].tolist(), f"gen/{run} tokens"
        if f"gen/{run}/scores" in tensors:
            close(f"gen/{run}/scores", torch.stack(out.scores), tensors[f"gen/{run}/scores"])


def check_ntk(case, meta, tensors, fresh, tokenizer):
    ids = tensors["ntk/input_ids"]
    assert ids.shape[1] == case["prefill_len"]
    model, _ = fresh("base")
    assert ids.shape[1] > model.cfg.max_position_embeddings
    logits = model(input_ids=ids)[0]
    close("ntk/logits_first8", logits[:8], tensors["ntk/logits_first8"])
    close("ntk/logits_last8", logits[-8:], tensors["ntk/logits_last8"])
    model, _ = fresh("base")
    prompt = ids[:, : case["gen_prompt_len"]]
    out = generate(model, GenerationSettings(max_new_tokens=len(case["gen_tokens"])), input_ids=prompt,
                   keep_scores=True)
    assert out.tokens == case["gen_tokens"] == tensors["ntk/gen_tokens"].tolist()
    close("ntk/gen_scores", torch.stack(out.scores), tensors["ntk/gen_scores"])


CHECKS = {"text": check_text, "masked": check_masked, "masked_batch2": check_masked_batch2,
          "hd_table": check_hd_table, "vision": check_vision, "mm": check_mm, "gen": check_gen, "ntk": check_ntk}


@pytest.mark.parametrize("name", CASES)
def test_case(name, request):
    """Each case of cases.json against the official outputs; unknown kinds fail."""
    if not (VECTORS / "cases.json").is_file():
        pytest.fail(f"no vector set at {VECTORS} (set WEBCOMPOSE_IXC_VECTORS)")
    check = CHECKS.get(name)
    if check is None:
        pytest.fail(f"unknown vector case kind {name!r}: the port has no check for it")
    meta = request.getfixturevalue("meta")
    check(meta[name], meta, request.getfixturevalue("tensors"), request.getfixturevalue("fresh"),
          request.getfixturevalue("tokenizer"))


def test_every_tensor_group_has_a_check():
    """Each tensor of cases.safetensors belongs to a case kind that a check reads (no silent gaps)."""
    listed = json.loads((VECTORS / "cases.json").read_text(encoding="utf-8"))["tensors"]
    unknown = sorted(name for name in listed if name.split("/", 1)[0] not in CHECKS)
    assert not unknown, f"tensors of unknown case kinds: {unknown}"
