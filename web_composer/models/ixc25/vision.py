"""The vision side of IXC-2.5: a CLIP ViT-L/14 tower at 560 px, the 2x2 merge, separators, projector.

The CLIP modules are written here (a few dozen lines) rather than taken from transformers, whose
``CLIPVisionModel`` layout changed between 4.x and 5.x; the parameter names are CLIP's, so the
checkpoint's ``vit.vision_tower.vision_model.*`` keys load unchanged.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from .config import IXC25Config, VisionConfig


class CLIPEmbeddings(nn.Module):
    def __init__(self, cfg: VisionConfig):
        super().__init__()
        self.class_embedding = nn.Parameter(torch.zeros(cfg.hidden_size))
        self.patch_embedding = nn.Conv2d(cfg.num_channels, cfg.hidden_size, kernel_size=cfg.patch_size,
                                         stride=cfg.patch_size, bias=False)
        self.position_embedding = nn.Embedding(cfg.grid * cfg.grid + 1, cfg.hidden_size)

    def forward(self, pixels: torch.Tensor) -> torch.Tensor:
        patches = self.patch_embedding(pixels.to(self.patch_embedding.weight.dtype))
        patches = patches.flatten(2).transpose(1, 2)  # raster order: patch (a, b) -> a * grid + b
        cls = self.class_embedding.to(patches.dtype).expand(patches.shape[0], 1, -1)
        return torch.cat([cls, patches], dim=1) + self.position_embedding.weight.to(patches.dtype)


class CLIPAttention(nn.Module):
    def __init__(self, cfg: VisionConfig):
        super().__init__()
        self.heads = cfg.num_attention_heads
        size = cfg.hidden_size
        self.q_proj, self.k_proj = nn.Linear(size, size), nn.Linear(size, size)
        self.v_proj, self.out_proj = nn.Linear(size, size), nn.Linear(size, size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, seq, size = x.shape

        def heads(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, seq, self.heads, size // self.heads).transpose(1, 2)

        out = F.scaled_dot_product_attention(heads(self.q_proj(x)), heads(self.k_proj(x)), heads(self.v_proj(x)))
        return self.out_proj(out.transpose(1, 2).reshape(batch, seq, size))


class CLIPMLP(nn.Module):
    def __init__(self, cfg: VisionConfig):
        super().__init__()
        self.fc1 = nn.Linear(cfg.hidden_size, cfg.intermediate_size)
        self.fc2 = nn.Linear(cfg.intermediate_size, cfg.hidden_size)
        self.act = cfg.hidden_act

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.fc1(x)
        h = h * torch.sigmoid(1.702 * h) if self.act == "quick_gelu" else F.gelu(h)
        return self.fc2(h)


class CLIPEncoderLayer(nn.Module):
    def __init__(self, cfg: VisionConfig):
        super().__init__()
        self.layer_norm1 = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.self_attn = CLIPAttention(cfg)
        self.layer_norm2 = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.mlp = CLIPMLP(cfg)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.self_attn(self.layer_norm1(x))
        return x + self.mlp(self.layer_norm2(x))


class CLIPEncoder(nn.Module):
    def __init__(self, cfg: VisionConfig):
        super().__init__()
        self.layers = nn.ModuleList(CLIPEncoderLayer(cfg) for _ in range(cfg.num_hidden_layers))


class CLIPVisionTransformer(nn.Module):
    """Stock CLIP vision forward; returns the last encoder layer's output (no post-layernorm)."""

    def __init__(self, cfg: VisionConfig):
        super().__init__()
        self.embeddings = CLIPEmbeddings(cfg)
        self.pre_layrnorm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)  # sic, CLIP's name
        self.encoder = CLIPEncoder(cfg)
        self.post_layernorm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)  # in the checkpoint, unused

    def forward(self, pixels: torch.Tensor) -> torch.Tensor:
        h = self.pre_layrnorm(self.embeddings(pixels))
        for layer in self.encoder.layers:
            h = layer(h)
        return h


class _Holder(nn.Module):
    """Only gives the checkpoint's ``vit.vision_tower.vision_model`` path its attribute names."""


def build_vit(cfg: VisionConfig) -> nn.Module:
    vit, tower = _Holder(), _Holder()
    tower.vision_model = CLIPVisionTransformer(cfg)
    vit.vision_tower = tower
    return vit


def build_projector(cfg: IXC25Config) -> nn.Sequential:
    """``mlp2x_gelu``: Linear(4C -> hidden), exact GELU, Linear(hidden -> H); keys vision_proj.0 / .2."""
    return nn.Sequential(nn.Linear(cfg.proj_in, cfg.proj_hidden), nn.GELU(), nn.Linear(cfg.proj_hidden, cfg.proj_out))


def vit_features(tower: CLIPVisionTransformer, views: torch.Tensor) -> torch.Tensor:
    """[n_views, 3, 560, 560] -> [n_views, 1600, C]: last encoder layer, CLS dropped."""
    return tower(views)[:, 1:]


def merge_2x2(features: torch.Tensor, grid: int) -> torch.Tensor:
    """[n, grid*grid, C] -> [n, grid/2, grid/2, 4C], concatenating (2r,2c),(2r,2c+1),(2r+1,2c),(2r+1,2c+1)."""
    n, _, width = features.shape
    half = grid // 2
    x = features.view(n, half, 2, half, 2, width).permute(0, 1, 3, 2, 4, 5)
    return x.reshape(n, half, half, 4 * width)


def assemble_with_separators(merged: torch.Tensor, rows: int, cols: int,
                             glb: torch.Tensor, sub: torch.Tensor) -> torch.Tensor:
    """Global view rows + ``sub`` each, one ``glb``, then the stitched crop grid rows + ``sub`` each.

    ``merged`` is [1 + rows*cols, g, g, D] (global view first, tiles row-major). Returns [N_img, D].
    """
    _, g, _, dim = merged.shape
    sub_token = sub.reshape(1, 1, dim).to(merged.dtype)
    glb_token = glb.reshape(1, dim).to(merged.dtype)
    global_view = merged[0]
    global_rows = torch.cat([global_view, sub_token.expand(g, 1, dim)], dim=1).reshape(-1, dim)
    tiles = merged[1:].view(rows, cols, g, g, dim).permute(0, 2, 1, 3, 4).reshape(rows * g, cols * g, dim)
    tile_rows = torch.cat([tiles, sub_token.expand(rows * g, 1, dim)], dim=1).reshape(-1, dim)
    return torch.cat([global_rows, glb_token, tile_rows], dim=0)

