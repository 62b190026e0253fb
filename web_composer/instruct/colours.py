"""Colours: words ("blue", "dark green", "深绿色") and hex ("#336699") to a spec, and the test of
whether a rendered colour matches one.

A ``ColourSpec`` keeps what the user said, the hex the composer paints with, and how a rendered
colour is judged: a hex asks for that colour within a CIE76 distance; a word asks for a colour
family (hue range, or black/white/gray) and, with a modifier ("dark", "light"), a lightness band.
"""

from __future__ import annotations

import colorsys
import math
import re
from dataclasses import dataclass

HEX_TOLERANCE = 12.0  # CIE76 Delta-E: "the same colour" to the eye, allowing for rounding
CHROMA = 0.25  # HSL saturation below which a colour is a gray (Tailwind's bluish grays included)

# Chromatic families: hue range in degrees (may wrap), with some slack at both ends.
HUES: dict[str, tuple[float, float]] = {
    "red": (338, 18), "orange": (12, 45), "yellow": (40, 70), "green": (68, 168),
    "teal": (155, 200), "blue": (185, 258), "purple": (250, 295), "pink": (285, 355),
}
ACHROMATIC = ("black", "white", "gray")
# word -> (family, default lightness band or None, base hex, dark hex, light hex)
WORDS: dict[str, tuple[str, tuple[float, float] | None, str, str, str]] = {
    "red": ("red", None, "#b91c1c", "#7f1d1d", "#fecaca"),
    "crimson": ("red", None, "#b91c1c", "#7f1d1d", "#fecaca"),
    "maroon": ("red", (0.0, 0.4), "#7f1d1d", "#5b1414", "#991b1b"),
    "orange": ("orange", None, "#c2410c", "#7c2d12", "#fed7aa"),
    "coral": ("orange", None, "#fb7a55", "#c2410c", "#fed7aa"),
    "yellow": ("yellow", None, "#facc15", "#8a6d00", "#fef9c3"),
    "gold": ("yellow", None, "#ca8a04", "#8a6d00", "#fde68a"),
    "golden": ("yellow", None, "#ca8a04", "#8a6d00", "#fde68a"),
    "green": ("green", None, "#15803d", "#14532d", "#bbf7d0"),
    "lime": ("green", None, "#65a30d", "#3f6212", "#d9f99d"),
    "olive": ("green", (0.15, 0.5), "#4d5b16", "#3f4a12", "#6b7d22"),
    "mint": ("green", (0.6, 0.97), "#bbf7d0", "#86efac", "#dcfce7"),
    "emerald": ("green", None, "#047857", "#064e3b", "#a7f3d0"),
    "teal": ("teal", None, "#0f766e", "#134e4a", "#99f6e4"),
    "cyan": ("teal", None, "#0e7490", "#164e63", "#a5f3fc"),
    "turquoise": ("teal", None, "#0d9488", "#134e4a", "#99f6e4"),
    "blue": ("blue", None, "#1d4ed8", "#1e3a8a", "#bfdbfe"),
    "navy": ("blue", (0.0, 0.35), "#1e2a5a", "#141c3d", "#1e3a8a"),
    "sky": ("blue", None, "#0369a1", "#0c4a6e", "#bae6fd"),
    "azure": ("blue", None, "#0369a1", "#0c4a6e", "#bae6fd"),
    "indigo": ("blue", None, "#4338ca", "#312e81", "#c7d2fe"),
    "purple": ("purple", None, "#7e22ce", "#581c87", "#e9d5ff"),
    "violet": ("purple", None, "#6d28d9", "#4c1d95", "#ddd6fe"),
    "lavender": ("purple", (0.6, 0.97), "#ddd6fe", "#c4b5fd", "#ede9fe"),
    "pink": ("pink", None, "#db2777", "#831843", "#fbcfe8"),
    "magenta": ("pink", None, "#c026d3", "#701a75", "#f5d0fe"),
    "rose": ("pink", None, "#e11d48", "#881337", "#fecdd3"),
    "brown": ("brown", None, "#7c4a21", "#4a2c14", "#c8956a"),
    "chocolate": ("brown", None, "#6b3e1d", "#4a2c14", "#c8956a"),
    "beige": ("cream", None, "#f5ecd7", "#e7d8b5", "#faf5e9"),
    "cream": ("cream", None, "#fdf6e3", "#f3e6c4", "#fffbef"),
    "ivory": ("cream", None, "#fffbeb", "#f5ecd7", "#fffdf5"),
    "black": ("black", None, "#111111", "#000000", "#333333"),
    "white": ("white", None, "#ffffff", "#f1f5f9", "#ffffff"),
    "gray": ("gray", None, "#6b7280", "#374151", "#e5e7eb"),
    "grey": ("gray", None, "#6b7280", "#374151", "#e5e7eb"),
    "silver": ("gray", (0.6, 0.9), "#c0c4cc", "#9ca3af", "#d1d5db"),
    "charcoal": ("gray", (0.1, 0.35), "#36393f", "#2b2e33", "#4b5563"),
    "slate": ("gray", None, "#475569", "#33383f", "#d4d8de"),
}
MODIFIERS = {"dark": "dark", "deep": "dark", "light": "light", "pale": "light", "soft": "light",
             "bright": None, "vivid": None, "navy": None}
DARK_BAND = (0.0, 0.42)
LIGHT_BAND = (0.58, 1.0)
# Chinese colour words (with or without the 色 suffix) and modifiers
ZH_WORDS = {"红": "red", "橙": "orange", "黄": "yellow", "金": "gold", "绿": "green", "青": "teal",
            "蓝": "blue", "藍": "blue", "紫": "purple", "粉": "pink", "黑": "black", "白": "white",
            "灰": "gray", "棕": "brown", "褐": "brown", "咖啡": "brown", "米": "beige"}
ZH_WORDS.update({"藏青": "navy", "海军蓝": "navy", "天蓝": "sky", "墨绿": "emerald", "酒红": "maroon",
                 "玫红": "rose", "橘": "orange", "银": "silver", "湖蓝": "azure", "绛紫": "purple"})
ZH_MODIFIERS = {"深": "dark", "浅": "light", "淡": "light", "亮": None}

_HEX = r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b"
_EN_WORD = "|".join(sorted(WORDS, key=len, reverse=True))
_EN_MOD = "|".join(MODIFIERS)
EN_PATTERN = re.compile(
    rf"(?P<hex>{_HEX})|\b(?:(?P<mod>{_EN_MOD})[\s-]+)?(?P<word>{_EN_WORD})(?:ish)?\b", re.I)
ZH_PATTERN = re.compile(
    rf"(?P<mod>[{''.join(ZH_MODIFIERS)}])?(?:(?P<word>咖啡|藏青|天蓝|墨绿|酒红|玫红|湖蓝|绛紫|"
    rf"[{''.join(k for k in ZH_WORDS if len(k) == 1)}])色|(?P<word2>海军蓝|藏青|天蓝|墨绿|酒红|湖蓝))")


@dataclass(frozen=True)
class ColourSpec:
    said: str  # the words as written: "dark green", "#336699"
    hex: str  # what the composer paints with
    family: str | None = None  # None for a hex spec
    band: tuple[float, float] | None = None  # HSL lightness band a word spec asks for

    def to_dict(self) -> dict:
        return {"said": self.said, "hex": self.hex, "family": self.family,
                "band": list(self.band) if self.band else None}

    @classmethod
    def from_dict(cls, data: dict) -> ColourSpec:
        band = data.get("band")
        return cls(said=str(data["said"]), hex=normalise_hex(str(data["hex"])),
                   family=data.get("family"), band=tuple(band) if band else None)


def normalise_hex(value: str) -> str:
    value = value.strip().lower()
    if not re.fullmatch(r"#(?:[0-9a-f]{3}|[0-9a-f]{6})", value):
        raise ValueError(f"not a hex colour: {value!r}")
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    return value


def from_word(word: str, modifier: str | None = None) -> ColourSpec:
    """The spec of a colour word with an optional modifier ("dark", "light", or None)."""
    family, band, base, dark, light = WORDS[word.lower()]
    said = f"{modifier} {word}" if modifier else word
    if family in ("black", "white", "cream"):
        hexed = {"dark": dark, "light": light}.get(modifier or "", base)
        return ColourSpec(said.lower(), hexed, family, band)
    if modifier == "dark":
        return ColourSpec(said.lower(), dark, family, DARK_BAND if band is None else band)
    if modifier == "light":
        return ColourSpec(said.lower(), light, family, LIGHT_BAND if band is None else band)
    return ColourSpec(said.lower(), base, family, band)


def from_hex(value: str) -> ColourSpec:
    value = normalise_hex(value)
    return ColourSpec(value, value)


def find_colours(text: str) -> list[tuple[int, int, ColourSpec]]:
    """Every colour mentioned in ``text`` as (start, end, spec), in order."""
    found: list[tuple[int, int, ColourSpec]] = []
    for match in EN_PATTERN.finditer(text):
        if match["hex"]:
            found.append((match.start(), match.end(), from_hex(match["hex"])))
            continue
        word = match["word"].lower()
        if word in ("rose", "sky", "slate", "olive", "gold", "cream", "mint") and not _colour_context(
                text, match):
            continue  # "rose garden", "sky is the limit": only a colour next to a colour noun
        if match["mod"] and match["mod"].lower() == "navy":
            found.append((match.start(), match.end(), from_word("navy")))  # "navy blue"
            continue
        modifier = MODIFIERS.get(match["mod"].lower()) if match["mod"] else None
        found.append((match.start(), match.end(), from_word(word, modifier)))
    for match in ZH_PATTERN.finditer(text):
        modifier = ZH_MODIFIERS.get(match["mod"]) if match["mod"] else None
        word = ZH_WORDS[match["word"] or match["word2"]]
        spec = from_word(word, modifier)
        found.append((match.start(), match.end(), ColourSpec(match.group(0), spec.hex, spec.family,
                                                             spec.band)))
    found.sort(key=lambda item: item[0])
    merged: list[tuple[int, int, ColourSpec]] = []
    for start, end, spec in found:  # "olive green", "sky blue": one colour, said in two words
        if merged and 0 <= start - merged[-1][1] <= 1 and merged[-1][2].family and spec.family \
                and text[merged[-1][1]:start] in (" ", "-", ""):
            first = merged[-1][2]
            merged[-1] = (merged[-1][0], end, ColourSpec(f"{first.said} {spec.said}", first.hex,
                                                          first.family, first.band))
            continue
        merged.append((start, end, spec))
    return merged


def _colour_context(text: str, match: re.Match) -> bool:
    after = text[match.end():match.end() + 24].lower()
    before = text[max(0, match.start() - 12):match.start()].lower()
    return bool(re.match(r"(?:ish)?[\s-]*(?:colou?r|background|text|header|footer|nav|bar|theme|"
                         r"button|section|and\b|,|(?:for|as)\s+the\s+|green|blue|gr[ae]y|pink)", after) or re.search(r"(?:is|in|are)\s+$", before))


# --- judging rendered colours -------------------------------------------------------------------

def parse_css_colour(value: str) -> tuple[int, int, int, float] | None:
    """``rgb(1, 2, 3)`` / ``rgba(1, 2, 3, 0.5)`` / ``#abc`` -> (r, g, b, alpha), else None."""
    value = (value or "").strip().lower()
    if value.startswith("#"):
        try:
            hexed = normalise_hex(value)
        except ValueError:
            return None
        return int(hexed[1:3], 16), int(hexed[3:5], 16), int(hexed[5:7], 16), 1.0
    match = re.match(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?", value)
    if not match:
        return None
    alpha_text = match.group(4)
    alpha = 1.0
    if alpha_text:
        alpha = float(alpha_text[:-1]) / 100 if alpha_text.endswith("%") else float(alpha_text)
    r, g, b = (round(float(match.group(i))) for i in (1, 2, 3))
    return r, g, b, alpha


def rgb_of(hex_value: str) -> tuple[int, int, int]:
    value = normalise_hex(hex_value)
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def to_hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """CIE76 distance between two sRGB colours."""
    return math.dist(_lab(a), _lab(b))


def family_of(rgb: tuple[int, int, int]) -> set[str]:
    """The colour families a rendered colour belongs to (boundaries may give two)."""
    hue, light, sat = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    hue *= 360
    families: set[str] = set()
    if light <= 0.16 or (sat < 0.2 and light < 0.3):
        families.add("black")
    if light >= 0.94 or (sat < CHROMA and light >= 0.88):
        families.add("white")
    if sat < CHROMA and 0.15 <= light <= 0.93:
        families.add("gray")
    if light >= 0.78 and 20 <= hue <= 65 and sat >= 0.3:
        families.add("cream")
    if sat >= CHROMA and 0.08 < light < 0.97:
        for name, (low, high) in HUES.items():
            inside = low <= hue <= high if low <= high else (hue >= low or hue <= high)
            if inside:
                families.add(name)
        if (hue <= 45 or hue >= 350) and light <= 0.62 and sat <= 0.85:
            families.add("brown")
    return families


def lightness(rgb: tuple[int, int, int]) -> float:
    return colorsys.rgb_to_hls(*(c / 255 for c in rgb))[1]


def describe(rgb: tuple[int, int, int]) -> str:
    """A short name for a rendered colour, for reports: "#1e3a8a (dark blue)"."""
    families = family_of(rgb)
    chromatic = [f for f in HUES if f in families] + (["brown"] if "brown" in families else [])
    name = (chromatic or sorted(families) or ["unnamed"])[0]
    if chromatic:
        light = lightness(rgb)
        name = ("dark " if light <= DARK_BAND[1] else "light " if light >= LIGHT_BAND[0] else "") + name
    return f"{to_hex(rgb)} ({name})"


def matches(spec: ColourSpec, rgb: tuple[int, int, int]) -> bool:
    """Whether a rendered colour satisfies a spec."""
    if spec.family is None:
        return delta_e(rgb_of(spec.hex), rgb) <= HEX_TOLERANCE
    if spec.family not in family_of(rgb):
        return False
    if spec.band is not None:
        low, high = spec.band
        return low <= lightness(rgb) <= high
    return True


# --- choosing colours that read well ------------------------------------------------------------

def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(background_hex: str) -> str:
    """White or near-black text, whichever contrasts more with the background."""
    bg = rgb_of(background_hex)
    return "#ffffff" if contrast(bg, (255, 255, 255)) >= contrast(bg, (17, 24, 39)) else "#111827"


def mix(hex_a: str, hex_b: str, share_b: float) -> str:
    a, b = rgb_of(hex_a), rgb_of(hex_b)
    return to_hex(tuple(round(x + (y - x) * share_b) for x, y in zip(a, b)))  # type: ignore[arg-type]


def accessible_accent(hex_value: str, background_hex: str = "#ffffff", ratio: float = 4.6) -> str:
    """``hex_value`` darkened or lightened until text in it reads on ``background_hex``."""
    bg = rgb_of(background_hex)
    toward = "#000000" if luminance(bg) > 0.4 else "#ffffff"
    colour = hex_value
    for step in range(1, 11):
        if contrast(rgb_of(colour), bg) >= ratio:
            return colour
        colour = mix(hex_value, toward, step / 10)
    return toward
