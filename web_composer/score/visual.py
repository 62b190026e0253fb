"""The fifth metric: how alike two screenshots look once their text is painted out.

Design2Code's CLIP score: inpaint every text block's box (OpenCV Telea, radius 3), squash each
screenshot to a square (side = its shorter side, Lanczos), embed both with CLIP ViT-B/32 and take the
cosine of the image embeddings. That needs weights: ``clip`` is a local checkpoint folder
(transformers CLIPModel, or an open_clip ViT-B-32 file when open_clip is installed).

Without weights we report ``visual_ssim`` instead, never under CLIP's name: the same inpainted,
square-squashed screenshots, downscaled to SSIM_SIDE x SSIM_SIDE grey images, compared with the
structural similarity index (Gaussian window, sigma 1.5; Wang et al. 2004), clipped to [0, 1].
To keep it fast the text is inpainted at that small size.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import BackendError, InputError
from .blocks import Block

SSIM_SIDE = 256
SSIM_NAME = "visual_ssim"
CLIP_NAME = "clip"


def text_mask(shape: tuple[int, int], blocks: list[Block]) -> np.ndarray:
    """uint8 mask (255 = text) of the blocks' boxes on an image of ``shape`` (height, width)."""
    height, width = shape
    mask = np.zeros((height, width), np.uint8)
    for block in blocks:
        x, y, w, h = block.box
        x0, y0 = int(x * width), int(y * height)
        mask[y0:y0 + int(h * height), x0:x0 + int(w * width)] = 255
    return mask


def inpaint_text(image: np.ndarray, blocks: list[Block]) -> np.ndarray:
    """The RGB image with its text boxes filled in from their surroundings (OpenCV Telea)."""
    import cv2

    if not blocks:
        return image
    mask = text_mask(image.shape[:2], blocks)
    bgr = np.ascontiguousarray(image[:, :, ::-1])
    return cv2.inpaint(bgr, mask, 3, cv2.INPAINT_TELEA)[:, :, ::-1]


def squash_square(image: np.ndarray, side: int | None = None, *, reducing_gap: float | None = None):
    """Resize to a square (default side: the shorter side), ignoring the aspect ratio; with
    ``reducing_gap`` a box reduction first (much faster for big shrinks, nearly the same pixels)."""
    from PIL import Image

    picture = Image.fromarray(np.ascontiguousarray(image))
    side = side or min(picture.size)
    return picture.resize((side, side), Image.LANCZOS, reducing_gap=reducing_gap)


def _small_inpainted_grey(image: np.ndarray, blocks: list[Block]) -> np.ndarray:
    import cv2

    small = np.asarray(squash_square(image, SSIM_SIDE, reducing_gap=3.0))
    if blocks:  # the boxes drawn straight onto the small square, every touched pixel covered
        mask = np.zeros((SSIM_SIDE, SSIM_SIDE), np.uint8)
        for block in blocks:
            x, y, w, h = block.box
            mask[int(y * SSIM_SIDE):math.ceil((y + h) * SSIM_SIDE),
                 int(x * SSIM_SIDE):math.ceil((x + w) * SSIM_SIDE)] = 255
        small = cv2.inpaint(np.ascontiguousarray(small[:, :, ::-1]), mask, 3,
                            cv2.INPAINT_TELEA)[:, :, ::-1]
    return small.astype(np.float64) @ np.array([0.299, 0.587, 0.114])


def ssim(first: np.ndarray, second: np.ndarray, sigma: float = 1.5) -> float:
    """Mean structural similarity of two grey images (0..255) of the same shape."""
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mu1, mu2 = gaussian_filter(first, sigma), gaussian_filter(second, sigma)
    var1 = gaussian_filter(first * first, sigma) - mu1 ** 2
    var2 = gaussian_filter(second * second, sigma) - mu2 ** 2
    cov = gaussian_filter(first * second, sigma) - mu1 * mu2
    index = ((2 * mu1 * mu2 + c1) * (2 * cov + c2)) / ((mu1 ** 2 + mu2 ** 2 + c1) * (var1 + var2 + c2))
    return float(index.mean())


def gaussian_filter(image: np.ndarray, sigma: float) -> np.ndarray:
    """scipy.ndimage.gaussian_filter (kernel radius int(4 sigma + 0.5), mirrored edges) through
    OpenCV's separable filter, already loaded for the inpainting: same values to 1e-9, without
    scipy.ndimage's 0.2-0.6 s import at every `webcompose score` start."""
    import cv2

    radius = int(4.0 * sigma + 0.5)
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    kernel = np.exp(-0.5 * (x / sigma) ** 2)
    kernel /= kernel.sum()
    return cv2.sepFilter2D(np.asarray(image, np.float64), cv2.CV_64F, kernel, kernel,
                           borderType=cv2.BORDER_REFLECT)


def visual_ssim(candidate: np.ndarray, cand_blocks: list[Block], reference: np.ndarray,
                ref_blocks: list[Block]) -> float:
    value = ssim(_small_inpainted_grey(candidate, cand_blocks),
                 _small_inpainted_grey(reference, ref_blocks))
    return min(1.0, max(0.0, value))


@lru_cache(maxsize=2)
def load_clip(path: str) -> tuple[Any, Any]:
    """(embed function: PIL image -> unit vector, model name) for a local CLIP checkpoint."""
    folder = Path(path).expanduser()
    if not folder.exists():
        raise InputError(f"--clip {path}: no such file or folder")
    if (folder / "config.json").is_file():
        return _transformers_clip(folder)
    try:
        import open_clip  # noqa: F401
    except ImportError:
        raise InputError(f"--clip {path} is not a transformers CLIP folder (no config.json)",
                         hint="pass a folder saved by CLIPModel.save_pretrained, or install "
                              "open_clip_torch for open_clip checkpoints") from None
    return _open_clip(folder)


def _transformers_clip(folder: Path):
    import torch
    from transformers import CLIPImageProcessor, CLIPModel

    try:
        model = CLIPModel.from_pretrained(folder).eval()
        processor = CLIPImageProcessor.from_pretrained(folder)
    except (OSError, ValueError, KeyError) as exc:
        raise BackendError(f"cannot load CLIP from {folder}: {str(exc).splitlines()[0]}") from None

    def embed(picture) -> np.ndarray:
        with torch.no_grad():
            pixels = processor(images=picture, return_tensors="pt")["pixel_values"]
            pooled = model.vision_model(pixel_values=pixels).pooler_output
            features = model.visual_projection(pooled)  # = get_image_features, on every version
        features = features / features.norm(dim=-1, keepdim=True)
        return features[0].float().numpy()

    return embed, "transformers"


def _open_clip(folder: Path):
    import open_clip
    import torch

    weights = folder if folder.is_file() else next(
        (p for p in sorted(folder.iterdir()) if p.suffix in {".bin", ".pt", ".safetensors"}), None)
    if weights is None:
        raise InputError(f"--clip {folder}: no open_clip weights (.bin, .pt, .safetensors) found")
    model, _, preprocess = open_clip.create_model_and_transforms("ViT-B-32", pretrained=str(weights))
    model.eval()

    def embed(picture) -> np.ndarray:
        with torch.no_grad():
            features = model.encode_image(preprocess(picture).unsqueeze(0))
        features = features / features.norm(dim=-1, keepdim=True)
        return features[0].float().numpy()

    return embed, "open_clip"


def clip_score(clip: str | Path, candidate: np.ndarray, cand_blocks: list[Block],
               reference: np.ndarray, ref_blocks: list[Block]) -> float:
    """Design2Code's CLIP similarity of the two text-inpainted, square-squashed screenshots."""
    embed, _ = load_clip(str(clip))
    first = embed(squash_square(inpaint_text(candidate, cand_blocks)))
    second = embed(squash_square(inpaint_text(reference, ref_blocks)))
    return float(np.dot(first, second))


def visual_score(candidate: np.ndarray, cand_blocks: list[Block], reference: np.ndarray,
                 ref_blocks: list[Block], clip: str | Path | None = None) -> tuple[str, float]:
    """(name, value) of the fifth metric: CLIP with a checkpoint, else visual_ssim."""
    if clip:
        return CLIP_NAME, clip_score(clip, candidate, cand_blocks, reference, ref_blocks)
    return SSIM_NAME, visual_ssim(candidate, cand_blocks, reference, ref_blocks)
