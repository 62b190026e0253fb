"""The finalize stage: a Generation becomes a Page ready to render and write."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..jobs import Generation
from .extract import extract_html
from .vendoring import vendor_assets


@dataclass
class Page:
    html: str
    assets: dict[str, bytes] = field(default_factory=dict)  # relative to assets/
    warnings: list[str] = field(default_factory=list)
    edits: list[dict[str, str]] = field(default_factory=list)  # a revision's named edits


def finalize(generation: Generation, *, vendor: bool = True) -> Page:
    """Extract (or take) the HTML, repair it if cut off, and vendor its offline assets."""
    if generation.html is not None:
        html, warnings = generation.html, []
    else:
        html, warnings = extract_html(generation.text)
    assets = dict(generation.assets)
    if vendor:
        html, vendored, vendor_warnings = vendor_assets(html)
        assets.update(vendored)
        warnings += vendor_warnings
    return Page(html=html, assets=assets, warnings=warnings + list(generation.warnings))
