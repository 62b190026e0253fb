"""The four block metrics of Design2Code, and the colour science they need (numpy only).

Given matched pairs (candidate block, reference block, text similarity):
- Block    = sum of matched pairs' areas (both blocks) / (that + areas of all unmatched blocks)
- Text     = mean similarity of the matched pairs
- Position = mean of 1 - max(|dx|, |dy|) between the pairs' normalised box centres
- Color    = mean of max(0, 1 - CIEDE2000 / 100) between the pairs' text colours (sRGB, D65)
No blocks or no matched pair: all four are 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .matching import Matching

D65_WHITE = np.array([0.95047, 1.0, 1.08883])
SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])


def rgb_to_lab(rgb) -> np.ndarray:
    """sRGB in 0..255 (shape ..., 3) -> CIE L*a*b* under D65."""
    c = np.asarray(rgb, dtype=float) / 255.0
    linear = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
    xyz = linear @ SRGB_TO_XYZ.T / D65_WHITE
    eps, kappa = 216 / 24389, 24389 / 27
    f = np.where(xyz > eps, np.cbrt(xyz), (kappa * xyz + 16) / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]),
                     200 * (f[..., 1] - f[..., 2])], axis=-1)


def ciede2000(lab1, lab2) -> np.ndarray:
    """CIEDE2000 colour difference (kL = kC = kH = 1) of L*a*b* arrays of shape (..., 3)."""
    L1, a1, b1 = np.moveaxis(np.asarray(lab1, dtype=float), -1, 0)
    L2, a2, b2 = np.moveaxis(np.asarray(lab2, dtype=float), -1, 0)
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean ** 7 / (c_mean ** 7 + 25.0 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    chroma_zero = (c1p * c2p) == 0

    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(chroma_zero, 0.0, dh)
    d_l, d_c = L2 - L1, c2p - c1p
    d_h = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh) / 2)

    l_mean, cp_mean = (L1 + L2) / 2, (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_mean = np.where(np.abs(h1p - h2p) <= 180, h_sum / 2,
                      np.where(h_sum < 360, (h_sum + 360) / 2, (h_sum - 360) / 2))
    h_mean = np.where(chroma_zero, h_sum, h_mean)

    t = (1 - 0.17 * np.cos(np.radians(h_mean - 30)) + 0.24 * np.cos(np.radians(2 * h_mean))
         + 0.32 * np.cos(np.radians(3 * h_mean + 6)) - 0.20 * np.cos(np.radians(4 * h_mean - 63)))
    d_theta = 30 * np.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25.0 ** 7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    return np.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2
                   + r_t * (d_c / s_c) * (d_h / s_h))


def color_similarity(rgb1, rgb2) -> float:
    """max(0, 1 - CIEDE2000 / 100) of two sRGB colours (0..255)."""
    return max(0.0, 1.0 - float(ciede2000(rgb_to_lab(rgb1), rgb_to_lab(rgb2))) / 100.0)


@dataclass
class BlockMetrics:
    block: float
    text: float
    position: float
    color: float
    matched: int
    unmatched_candidate: int
    unmatched_reference: int


def block_metrics(matching: Matching) -> BlockMetrics:
    """Block, Text, Position and Color of a matching (see the module docstring)."""
    cand, ref, pairs = matching.candidate, matching.reference, matching.pairs
    used_c = {i for i, _, _ in pairs}
    used_r = {j for _, j, _ in pairs}
    unmatched_c = len(cand) - len(used_c)
    unmatched_r = len(ref) - len(used_r)
    if not pairs:
        return BlockMetrics(0.0, 0.0, 0.0, 0.0, 0, unmatched_c, unmatched_r)
    unmatched_area = (sum(b.area for k, b in enumerate(cand) if k not in used_c)
                      + sum(b.area for k, b in enumerate(ref) if k not in used_r))
    matched_area = sum(cand[i].area + ref[j].area for i, j, _ in pairs)
    total = matched_area + unmatched_area
    positions, colors = [], []
    for i, j, _ in pairs:
        (cx, cy), (rx, ry) = cand[i].center, ref[j].center
        positions.append(1 - max(abs(cx - rx), abs(cy - ry)))
    lab_c = rgb_to_lab([cand[i].color for i, _, _ in pairs])
    lab_r = rgb_to_lab([ref[j].color for _, j, _ in pairs])
    colors = np.maximum(0.0, 1 - ciede2000(lab_c, lab_r) / 100)
    return BlockMetrics(
        block=float(matched_area / total) if total > 0 else 0.0,
        text=float(np.mean([s for _, _, s in pairs])),
        position=float(np.mean(positions)),
        color=float(np.mean(colors)),
        matched=len(pairs), unmatched_candidate=unmatched_c, unmatched_reference=unmatched_r,
    )
