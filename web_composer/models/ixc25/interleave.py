"""Interleaving text and images into one embedding sequence with its image-token mask."""

from __future__ import annotations

from typing import Protocol, Sequence

import torch
from PIL import Image

from .modeling import IXC25Model
from .tokenizer import prompt_parts


class Encoder(Protocol):
    def encode(self, text: str, add_bos: bool = True) -> list[int]: ...


def default_hd_num(n_images: int) -> int:
    """24 for a single image, 6 when a prompt has several (the official rule)."""
    return 6 if n_images > 1 else 24


@torch.no_grad()
def interleave(model: IXC25Model, tokenizer: Encoder, prompt: str, images: Sequence[Image.Image],
               hd_num: int | None = None, max_length: int | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Embeddings [1, L, H] and bool image mask [1, L] for a prompt with ``<ImageHere>`` slots.

    Text parts go through the token embeddings (mask False); each image's tokens, separators
    included, are marked True. The sequence is cut to ``max_length`` (the config's, 16384 for the 7B).
    """
    hd_num = hd_num or default_hd_num(len(images))
    max_length = max_length or model.cfg.max_length
    pieces: list[torch.Tensor] = []
    masks: list[torch.Tensor] = []
    length = 0
    for part in prompt_parts(prompt, len(images)):
        if length > max_length:
            break
        if isinstance(part, int):
            embeds = model.encode_image(images[part], hd_num).to(model.device, model.dtype)
            flag = True
        else:
            text, add_bos = part
            ids = tokenizer.encode(text, add_bos=add_bos)
            if not ids:
                continue
            embeds = model.embed_tokens(torch.tensor(ids, dtype=torch.long))
            flag = False
        pieces.append(embeds)
        masks.append(torch.full((embeds.shape[0],), flag, dtype=torch.bool, device=embeds.device))
        length += embeds.shape[0]
    inputs_embeds = torch.cat(pieces, dim=0)[:max_length].unsqueeze(0)
    im_mask = torch.cat(masks, dim=0)[:max_length].unsqueeze(0)
    return inputs_embeds, im_mask
