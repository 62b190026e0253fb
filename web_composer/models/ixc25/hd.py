"""The HD transform of IXC-2.5: resize to a grid of 560-px crops, white padding, global view and tiles.

The resize is PIL's bilinear (antialiasing) resampler, as the official code does on PIL input: the
reference vectors pin its uint8 output exactly, and a tensor resize is not a substitute.
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

CROP = 560
CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)


def hd_scale(ratio: float, hd_num: int) -> int:
    """The largest s >= 1 with s * ceil(s / ratio) <= hd_num (0 if even s = 1 does not fit)."""
    scale = 1
    while scale * math.ceil(scale / ratio) <= hd_num:
        scale += 1
    return scale - 1


def hd_transform(image: Image.Image, hd_num: int) -> Image.Image:
    """Official ``Image_transform``: returns an RGB image whose sides are multiples of 560."""
    if hd_num < 1:
        raise ValueError(f"hd_num must be >= 1, got {hd_num}")
    image = image if image.mode == "RGB" else image.convert("RGB")
    width, height = image.size
    transposed = width < height
    if transposed:
        image = image.transpose(Image.Transpose.TRANSPOSE)
        width, height = image.size
    ratio = width / height
    scale = min(math.ceil(width / CROP), hd_scale(ratio, hd_num))
    new_w = CROP * scale
    new_h = int(new_w / ratio)
    image = image.resize((new_w, new_h), Image.Resampling.BILINEAR)
    padded_h = math.ceil(new_h / CROP) * CROP
    if padded_h != new_h:
        canvas = Image.new("RGB", (new_w, padded_h), (255, 255, 255))
        canvas.paste(image, (0, 0))
        image = canvas
    if transposed:
        image = image.transpose(Image.Transpose.TRANSPOSE)
    return image


def crop_grid(hd_image: Image.Image) -> tuple[int, int]:
    """(rows, cols) of 560-px tiles of an HD-transformed image."""
    width, height = hd_image.size
    return height // CROP, width // CROP


def n_image_tokens(rows: int, cols: int) -> int:
    """Token count of one image in the LLM sequence (separators included)."""
    return (rows * cols + 1) * 400 + 1 + (rows + 1) * 20


def normalize(hd_image: Image.Image) -> torch.Tensor:
    """uint8 RGB -> [1, 3, H, W] fp32: /255 then CLIP mean/std (ToTensor + Normalize)."""
    pixels = torch.from_numpy(np.array(hd_image, dtype=np.uint8)).permute(2, 0, 1).float().div(255)
    mean = torch.tensor(CLIP_MEAN, dtype=torch.float32)[:, None, None]
    std = torch.tensor(CLIP_STD, dtype=torch.float32)[:, None, None]
    return ((pixels - mean) / std).unsqueeze(0)


def global_view(x: torch.Tensor) -> torch.Tensor:
    """Bicubic (align_corners=False, no antialias) fp32 resize of the whole padded image to 560x560."""
    return F.interpolate(x.float(), size=(CROP, CROP), mode="bicubic", align_corners=False)


def tiles(x: torch.Tensor) -> torch.Tensor:
    """[1, 3, 560r, 560c] -> [r*c, 3, 560, 560], row-major."""
    _, channels, height, width = x.shape
    rows, cols = height // CROP, width // CROP
    t = x.view(channels, rows, CROP, cols, CROP).permute(1, 3, 0, 2, 4)
    return t.reshape(rows * cols, channels, CROP, CROP)


def vit_views(image: Image.Image, hd_num: int) -> tuple[torch.Tensor, int, int]:
    """The ViT batch of one image, [global, tile(0,0), ...] as [1 + r*c, 3, 560, 560] fp32, and (r, c)."""
    hd_image = hd_transform(image, hd_num)
    rows, cols = crop_grid(hd_image)
    x = normalize(hd_image)
    return torch.cat([global_view(x), tiles(x)], dim=0), rows, cols

