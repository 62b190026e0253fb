"""The InternLM2 decoder of IXC-2.5: PLoRA linears, RMSNorm, dynamic-NTK rope, SDPA attention, KV cache.

Module and parameter names mirror the official checkpoint (``model.layers.N.attention.wqkv`` ...), so
the published state_dict loads unchanged and a PEFT adapter can target ``wqkv/wo/w1/w2/w3`` by name.

The image-token mask does not travel through ``forward`` arguments: the top-level model writes it into
a shared :class:`ForwardContext` that every :class:`PLoRALinear` reads. That keeps each linear a plain
``nn.Linear`` (``forward(x)``), which is what PEFT's LoRA layer wraps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from .config import IXC25Config

EMBEDDED_BRANCHES = {"web": ("web",), "write": ("sft", "dpo")}
_SDPA_HAS_GQA = tuple(int(p) for p in torch.__version__.split("+")[0].split(".")[:2]) >= (2, 5)


class ForwardContext:
    """Per-forward state shared by all PLoRA linears: the image mask and the embedded-LoRA mode."""

    def __init__(self) -> None:
        self.mode = "base"
        self._mask: torch.Tensor | None = None
        self._all = False
        self._by_device: dict[torch.device, torch.Tensor] = {}

    def set_mask(self, mask: torch.Tensor | None) -> None:
        """``mask``: bool [B, T] (True = image token) or None (no image token in this forward)."""
        self._by_device = {}
        if mask is None or not bool(mask.any()):
            self._mask, self._all = None, False
        else:
            self._mask, self._all = mask.bool(), bool(mask.all())

    def mask_for(self, x: torch.Tensor) -> torch.Tensor | bool | None:
        """None: no image token; True: every token is an image token; else the bool mask on x's device."""
        if self._mask is None:
            return None
        if self._all:
            return True
        cached = self._by_device.get(x.device)
        if cached is None:
            cached = self._by_device[x.device] = self._mask.to(x.device)
        return cached


class PLoRALinear(nn.Linear):
    """``y = W x (+ b) + mode branch(x) + [image token] * (alpha/r) * B_P A_P x``.

    ``Plora_A/B`` is the image-token LoRA. The embedded ``lora_sft/dpo/web`` pairs exist only when
    requested (``branches``); the published way to get web mode is a PEFT adapter instead.
    """

    def __init__(self, in_features: int, out_features: int, *, bias: bool, ctx: ForwardContext,
                 plora_r: int, plora_alpha: int, branches: dict[str, int] | None = None):
        super().__init__(in_features, out_features, bias=bias)
        self.Plora_A = nn.Linear(in_features, plora_r, bias=False)
        self.Plora_B = nn.Linear(plora_r, out_features, bias=False)
        self.plora_scale = plora_alpha / plora_r
        for name, rank in (branches or {}).items():
            setattr(self, f"lora_{name}_A", nn.Linear(in_features, rank, bias=False))
            setattr(self, f"lora_{name}_B", nn.Linear(rank, out_features, bias=False))
        self._ctx = ctx

    def base_linear(self, x: torch.Tensor) -> torch.Tensor:
        weight = self.weight
        if getattr(weight, "quant_state", None) is not None:  # bitsandbytes 4-bit (see loading.py)
            import bitsandbytes as bnb

            return bnb.matmul_4bit(x, weight.t(), bias=self.bias, quant_state=weight.quant_state)
        return F.linear(x, weight, self.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.base_linear(x)
        for name in EMBEDDED_BRANCHES.get(self._ctx.mode, ()):
            y = y + getattr(self, f"lora_{name}_B")(getattr(self, f"lora_{name}_A")(x))
        mask = self._ctx.mask_for(x)
        if mask is None:
            return y
        if mask is True:
            return y + self._image_branch(x)
        y[mask] += self._image_branch(x[mask])  # y is this call's own output tensor
        return y

    def _image_branch(self, x: torch.Tensor) -> torch.Tensor:
        out = self.Plora_B(self.Plora_A(x))
        return out if self.plora_scale == 1.0 else out * self.plora_scale


class RMSNorm(nn.Module):
    def __init__(self, size: int, eps: float):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        dtype = x.dtype
        h = x.float()
        h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * h.to(dtype)


@dataclass
class RopeState:
    """Dynamic-NTK state of one sequence: the longest length seen so far and the base in use."""

    seen_len: int
    base: float


def rope_tables(cfg: IXC25Config, state: RopeState, start: int, length: int,
                device: torch.device, dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
    """cos/sin [length, head_dim] for positions start..start+length-1 (fp32 math, cast to dtype)."""
    total = start + length
    dim = cfg.head_dim
    if total > state.seen_len:
        state.seen_len = total
        if cfg.rope_kind == "dynamic" and total > cfg.max_position_embeddings:
            f = cfg.rope_factor
            ratio = f * total / cfg.max_position_embeddings - (f - 1)
            state.base = cfg.rope_theta * ratio ** (dim / (dim - 2))
    inv_freq = 1.0 / (state.base ** (torch.arange(0, dim, 2, device=device).float() / dim))
    t = torch.arange(start, total, device=device, dtype=inv_freq.dtype)
    if cfg.rope_kind == "linear":
        t = t / cfg.rope_factor
    freqs = torch.outer(t, inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos().to(dtype), emb.sin().to(dtype)


def _apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    rotated = torch.cat((-x[..., half:], x[..., :half]), dim=-1)
    return x * cos + rotated * sin


class LayerCache:
    """Pre-allocated K/V buffers of one layer: [batch, n_kv, capacity, head_dim], grown on demand."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.length = 0
        self.k: torch.Tensor | None = None
        self.v: torch.Tensor | None = None

    def update(self, k: torch.Tensor, v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        new_len = self.length + k.shape[2]
        if self.k is None or new_len > self.k.shape[2]:
            self._grow(k, v, max(new_len, self.capacity, 2 * (self.k.shape[2] if self.k is not None else 0)))
        self.k[:, :, self.length:new_len] = k
        self.v[:, :, self.length:new_len] = v
        self.length = new_len
        return self.k[:, :, :new_len], self.v[:, :, :new_len]

    def _grow(self, k: torch.Tensor, v: torch.Tensor, size: int) -> None:
        shape = (k.shape[0], k.shape[1], size, k.shape[3])
        new_k, new_v = k.new_empty(shape), v.new_empty(shape)
        if self.k is not None:
            new_k[:, :, :self.length] = self.k[:, :, :self.length]
            new_v[:, :, :self.length] = self.v[:, :, :self.length]
        self.k, self.v = new_k, new_v

    def reorder(self, index: torch.Tensor) -> None:
        if self.k is None:
            return
        idx = index.to(self.k.device)
        if self.k.shape[0] != idx.shape[0]:  # expanding a batch (e.g. one prompt -> beams)
            self.k, self.v = self.k.index_select(0, idx), self.v.index_select(0, idx)
            return
        n = self.length
        self.k[:, :, :n] = self.k[:, :, :n].index_select(0, idx)
        self.v[:, :, :n] = self.v[:, :, :n].index_select(0, idx)


class KVCache:
    """The cache of one generation: a LayerCache per layer plus the sequence's rope state."""

    def __init__(self, cfg: IXC25Config, capacity: int = 0):
        self.layers = [LayerCache(capacity) for _ in range(cfg.num_hidden_layers)]
        self.rope = RopeState(seen_len=cfg.max_position_embeddings, base=cfg.rope_theta)
        self.length = 0

    def reorder(self, index: torch.Tensor) -> None:
        """Select (or repeat) batch rows, as beam search needs; a no-op for the identity."""
        current = self.layers[0].k
        if current is not None and current.shape[0] == index.shape[0] and \
                torch.equal(index.cpu(), torch.arange(index.shape[0])):
            return
        for layer in self.layers:
            layer.reorder(index)


class Attention(nn.Module):
    def __init__(self, cfg: IXC25Config, ctx: ForwardContext, branches: dict[str, int]):
        super().__init__()
        self.n_heads, self.n_kv, self.head_dim = cfg.num_attention_heads, cfg.num_key_value_heads, cfg.head_dim
        self.groups = cfg.kv_groups
        width = (self.n_heads + 2 * self.n_kv) * self.head_dim
        common = dict(ctx=ctx, plora_r=cfg.plora_r, plora_alpha=cfg.plora_alpha, bias=cfg.bias)
        self.wqkv = PLoRALinear(cfg.hidden_size, width, branches=branches, **common)
        self.wo = PLoRALinear(self.n_heads * self.head_dim, cfg.hidden_size, branches=branches, **common)

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor,
                cache: LayerCache | None) -> torch.Tensor:
        batch, seq, _ = x.shape
        qkv = self.wqkv(x).view(batch, seq, self.n_kv, self.groups + 2, self.head_dim)
        q = qkv[:, :, :, : self.groups].reshape(batch, seq, self.n_heads, self.head_dim).transpose(1, 2)
        k = qkv[:, :, :, self.groups].transpose(1, 2)
        v = qkv[:, :, :, self.groups + 1].transpose(1, 2)
        q, k = _apply_rope(q, cos, sin), _apply_rope(k, cos, sin)
        past = 0
        if cache is not None:
            past = cache.length
            k, v = cache.update(k, v)
        out = _sdpa(q, k, v, past, self.groups)
        return self.wo(out.transpose(1, 2).reshape(batch, seq, self.n_heads * self.head_dim))


def _sdpa(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, past: int, groups: int) -> torch.Tensor:
    seq = q.shape[2]
    mask, causal = None, False
    if seq > 1 and past == 0:
        causal = True
    elif seq > 1:
        rows = torch.arange(seq, device=q.device)[:, None] + past
        mask = torch.arange(past + seq, device=q.device)[None, :] <= rows
    if groups > 1 and not _SDPA_HAS_GQA:
        k, v = k.repeat_interleave(groups, dim=1), v.repeat_interleave(groups, dim=1)
    kwargs = {"enable_gqa": True} if groups > 1 and _SDPA_HAS_GQA else {}
    return F.scaled_dot_product_attention(q, k, v, attn_mask=mask, is_causal=causal,
                                          scale=1.0 / math.sqrt(q.shape[-1]), **kwargs)


class FeedForward(nn.Module):
    def __init__(self, cfg: IXC25Config, ctx: ForwardContext, branches: dict[str, int]):
        super().__init__()
        common = dict(ctx=ctx, plora_r=cfg.plora_r, plora_alpha=cfg.plora_alpha, bias=False, branches=branches)
        self.w1 = PLoRALinear(cfg.hidden_size, cfg.intermediate_size, **common)
        self.w3 = PLoRALinear(cfg.hidden_size, cfg.intermediate_size, **common)
        self.w2 = PLoRALinear(cfg.intermediate_size, cfg.hidden_size, **common)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.w2(F.silu(self.w1(x)) * self.w3(x))


class DecoderLayer(nn.Module):
    def __init__(self, cfg: IXC25Config, ctx: ForwardContext, branches: dict[str, int]):
        super().__init__()
        self.attention_norm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.attention = Attention(cfg, ctx, branches)
        self.ffn_norm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.feed_forward = FeedForward(cfg, ctx, branches)

    def forward(self, h: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor,
                cache: LayerCache | None = None) -> torch.Tensor:
        h = h + self.attention(self.attention_norm(h), cos, sin, cache)
        return h + self.feed_forward(self.ffn_norm(h))


class InternLM2Model(nn.Module):
    """``model.*`` of the checkpoint: token embeddings, decoder layers, final norm."""

    def __init__(self, cfg: IXC25Config, ctx: ForwardContext, branches: dict[str, int] | None = None):
        super().__init__()
        self.cfg = cfg
        self.tok_embeddings = nn.Embedding(cfg.vocab_size, cfg.hidden_size, padding_idx=cfg.pad_token_id)
        self.layers = nn.ModuleList(DecoderLayer(cfg, ctx, branches or {}) for _ in range(cfg.num_hidden_layers))
        self.norm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)

    def forward(self, embeds: torch.Tensor, cache: KVCache | None = None) -> torch.Tensor:
        start = cache.length if cache is not None else 0
        rope = cache.rope if cache is not None else RopeState(self.cfg.max_position_embeddings, self.cfg.rope_theta)
        cos, sin = rope_tables(self.cfg, rope, start, embeds.shape[1], embeds.device, embeds.dtype)
        h = embeds
        for index, layer in enumerate(self.layers):
            h = layer(h, cos, sin, cache.layers[index] if cache is not None else None)
        if cache is not None:
            cache.length += embeds.shape[1]
        return self.norm(h)


def branch_ranks(cfg: IXC25Config, modes: tuple[str, ...]) -> dict[str, int]:
    """The embedded LoRA pairs needed for the given native modes ("web", "write")."""
    ranks = {"web": cfg.lora_web_r, "sft": cfg.lora_sft_r, "dpo": cfg.lora_dpo_r}
    out: dict[str, int] = {}
    for mode in modes:
        if mode not in EMBEDDED_BRANCHES:
            raise ValueError(f"unknown embedded LoRA mode {mode!r} (web or write)")
        out.update({name: ranks[name] for name in EMBEDDED_BRANCHES[mode]})
    return out
