"""The whole IXC-2.5 network: decoder + LM head + vision tower + projector + separators.

Attribute names follow the checkpoint (``model``, ``output``, ``vit``, ``vision_proj``,
``plora_glb_GN``, ``plora_sub_GN``), so ``state_dict()`` keys equal the published ones.
"""

from __future__ import annotations

import torch
from PIL import Image
from torch import nn

from .config import IXC25Config
from .decoder import EMBEDDED_BRANCHES, ForwardContext, InternLM2Model, KVCache, branch_ranks
from .hd import vit_views
from .vision import assemble_with_separators, build_projector, build_vit, merge_2x2, vit_features


class IXC25Model(nn.Module):
    """InternLM-XComposer-2.5. ``embedded_modes`` ("web", "write") builds the checkpoint's embedded
    mode LoRAs so ``infer_mode`` can select them natively; by default only the image LoRA exists and
    web mode comes from a PEFT adapter (``lora.py``)."""

    def __init__(self, cfg: IXC25Config, embedded_modes: tuple[str, ...] = ()):
        super().__init__()
        self.cfg = cfg
        self.embedded_modes = tuple(embedded_modes)
        self.ctx = ForwardContext()
        self.model = InternLM2Model(cfg, self.ctx, branch_ranks(cfg, self.embedded_modes))
        self.output = nn.Linear(cfg.hidden_size, cfg.vocab_size, bias=False)
        self.vit = build_vit(cfg.vision)
        self.vision_proj = build_projector(cfg)
        self.plora_glb_GN = nn.Parameter(torch.zeros(1, 1, cfg.separator_dim))
        self.plora_sub_GN = nn.Parameter(torch.zeros(1, 1, 1, cfg.separator_dim))

    @property
    def dtype(self) -> torch.dtype:
        return self.model.tok_embeddings.weight.dtype

    @property
    def device(self) -> torch.device:
        return self.model.tok_embeddings.weight.device

    def new_cache(self, capacity: int = 0) -> KVCache:
        return KVCache(self.cfg, capacity)

    def embed_tokens(self, ids: torch.Tensor) -> torch.Tensor:
        return self.model.tok_embeddings(ids.to(self.device))

    @torch.no_grad()
    def encode_image(self, image: Image.Image, hd_num: int) -> torch.Tensor:
        """One image -> [N_img, H] embeddings (HD transform, CLIP, merge, separators, projector)."""
        views, rows, cols = vit_views(image, hd_num)
        return self.encode_views(views, rows, cols)

    def encode_views(self, views: torch.Tensor, rows: int, cols: int) -> torch.Tensor:
        tower = self.vit.vision_tower.vision_model
        weight = tower.embeddings.patch_embedding.weight
        features = vit_features(tower, views.to(weight.device, weight.dtype))
        merged = merge_2x2(features, self.cfg.vision.grid)
        sequence = assemble_with_separators(merged, rows, cols, self.plora_glb_GN.to(merged.device),
                                            self.plora_sub_GN.to(merged.device))
        first = self.vision_proj[0].weight
        return self.vision_proj(sequence.to(first.device, first.dtype))

    def forward(self, input_ids: torch.Tensor | None = None, inputs_embeds: torch.Tensor | None = None,
                im_mask: torch.Tensor | None = None, cache: KVCache | None = None,
                infer_mode: str = "base", logits_to_keep: int = 0) -> torch.Tensor:
        """fp32 logits [B, T, V] (only the last ``logits_to_keep`` positions when > 0).

        With ``input_ids`` the image mask is ignored (all false), as in the official model; with
        ``inputs_embeds`` the bool/uint8 ``im_mask`` [B, T] marks the image positions.
        """
        if (input_ids is None) == (inputs_embeds is None):
            raise ValueError("pass exactly one of input_ids and inputs_embeds")
        if input_ids is not None:
            embeds, mask = self.embed_tokens(input_ids), None
        else:
            embeds, mask = inputs_embeds.to(self.device, self.dtype), im_mask
        self.ctx.mode = self._check_mode(infer_mode)
        self.ctx.set_mask(mask)
        try:
            hidden = self.model(embeds, cache)
        finally:
            self.ctx.set_mask(None)
        if logits_to_keep:
            hidden = hidden[:, -logits_to_keep:]
        return self.output(hidden.to(self.output.weight.device)).float()

    def _check_mode(self, mode: str) -> str:
        if mode not in EMBEDDED_BRANCHES:
            return "base"  # the official code treats every other string as base
        if mode not in self.embedded_modes:
            raise ValueError(f"infer_mode {mode!r} needs the embedded LoRA weights (build with "
                             f"embedded_modes=({mode!r},)) or an exported PEFT adapter used in base mode")
        return mode
