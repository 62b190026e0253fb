"""`webcompose doctor`: what this installation has, and the fix for what it lacks."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .config import Settings

# (distribution, required) for the packages the product is built on.
PACKAGES = [
    ("typer", True), ("jinja2", True), ("pillow", True), ("beautifulsoup4", True),
    ("playwright", True), ("numpy", True), ("scipy", True), ("httpx", True),
    ("rapidocr-onnxruntime", True), ("onnxruntime", True),
    ("torch", True), ("transformers", True), ("peft", True), ("safetensors", True),
    ("sentencepiece", True), ("accelerate", False), ("bitsandbytes", False),
]


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


def _package_checks() -> list[Check]:
    out = []
    for dist, required in PACKAGES:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out.append(Check(f"package {dist}", False, "not installed", f"pip install {dist}", required))
        else:
            out.append(Check(f"package {dist}", True, version, required=required))
    return out


def _browser_check() -> Check:
    from .errors import WebComposeError
    from .render.browser import chromium_version, find_chromium

    try:
        info = find_chromium()
    except WebComposeError as exc:
        return Check("browser", False, exc.message, exc.hint or "")
    return Check("browser", True, f"{chromium_version(info.path)} at {info.path} ({info.source})")


def _asset_checks() -> list[Check]:
    from .render import vendor

    return [
        Check(f"offline asset {pkg.name}@{pkg.version}", complete, str(folder),
              "" if complete else "webcompose setup")
        for pkg, complete, folder in vendor.status()
    ]


def _ocr_check() -> Check:
    import shutil
    import subprocess

    program = shutil.which("tesseract")
    if program is None:
        try:
            version = metadata.version("rapidocr-onnxruntime")
        except metadata.PackageNotFoundError:
            return Check("OCR engine", False, "neither tesseract nor rapidocr-onnxruntime",
                         "apt-get install tesseract-ocr (or: pip install rapidocr-onnxruntime)")
        return Check("OCR engine", False, f"tesseract missing; falling back to RapidOCR {version} "
                     "(slower, drops spaces between words)", "apt-get install tesseract-ocr",
                     required=False)
    try:
        out = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=20)
        version = (out.stdout or out.stderr).split("\n")[0].strip() or "unknown version"
        langs = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as exc:
        return Check("OCR engine", False, f"tesseract at {program} does not run: {exc}",
                     "apt-get install --reinstall tesseract-ocr")
    if "eng" not in (langs.stdout + langs.stderr).split():
        return Check("OCR engine", False, f"{version}: no English model", "apt-get install tesseract-ocr-eng")
    return Check("OCR engine", True, f"{version} at {program} (default; RapidOCR also available)")


# (script, a fontconfig language that needs it, the Debian package that brings a font for it)
SCRIPTS = [
    ("Latin", "en", "fonts-liberation"), ("Cyrillic and Greek", "ru", "fonts-dejavu-core"),
    ("Chinese", "zh-cn", "fonts-noto-cjk"), ("Japanese", "ja", "fonts-noto-cjk"),
    ("Korean", "ko", "fonts-noto-cjk"), ("Arabic", "ar", "fonts-dejavu-core"),
    ("Hebrew", "he", "fonts-dejavu-core"), ("Devanagari", "hi", "fonts-lohit-deva"),
    ("Thai", "th", "fonts-tlwg-garuda-ttf"),
]


def _font_families(pattern: str) -> list[str] | None:
    """Font families fontconfig matches for a pattern (e.g. ``:lang=ja``); None without fontconfig."""
    import shutil
    import subprocess

    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        out = subprocess.run([program, pattern, "family"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return sorted({line.split(",")[0].strip() for line in out.stdout.splitlines() if line.strip()})


def _font_checks() -> list[Check]:
    """One line a script: the fonts that render it, or the package that would (pages in that script
    otherwise show empty boxes)."""
    checks = []
    for script, lang, package in SCRIPTS:
        families = _font_families(f":lang={lang}")
        if families is None:
            return [Check("fonts", False, "fontconfig (fc-list) is missing", "apt-get install fontconfig")]
        detail = ", ".join(families[:3]) + (f" (+{len(families) - 3})" if len(families) > 3 else "")
        checks.append(Check(f"fonts: {script}", bool(families), detail or "no font",
                            "" if families else f"apt-get install {package}", required=script == "Latin"))
    emoji = [f for f in _font_families(":") or [] if "emoji" in f.lower()]
    checks.append(Check("fonts: emoji", bool(emoji), ", ".join(emoji) or "no font",
                        "" if emoji else "apt-get install fonts-noto-color-emoji", required=False))
    return checks


def _torch_check() -> Check:
    try:
        import torch
    except ImportError:
        return Check("torch device", False, "torch not installed", "pip install torch", required=False)
    if torch.cuda.is_available():
        device = f"cuda ({torch.cuda.get_device_name(0)})"
    elif getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        device = "mps"
    else:
        device = "cpu"
    return Check("torch device", True, f"{device}, torch {torch.__version__}", required=False)


def _folder_check(name: str, folder: Path, marker: str, fix: str) -> Check:
    found = sorted(p.name for p in folder.iterdir() if (p / marker).is_file()) if folder.is_dir() else []
    detail = ", ".join(found) if found else f"none in {folder}"
    return Check(name, bool(found), detail, "" if found else fix, required=False)


def run_checks(settings: Settings) -> list[Check]:
    checks = [Check("python", sys.version_info >= (3, 10),
                    f"{platform.python_version()} ({sys.executable})", "use Python 3.10 or newer")]
    checks += _package_checks()
    checks.append(_browser_check())
    checks += _asset_checks()
    checks += _font_checks()
    checks.append(_ocr_check())
    checks.append(_torch_check())
    checks.append(_folder_check("base models", settings.model_dir, "config.json",
                                "see model/README.md to download one (optional)"))
    checks.append(_folder_check("LoRA adapters", settings.lora_dir, "adapter_config.json",
                                "webcompose model export-lora (optional)"))
    return checks
