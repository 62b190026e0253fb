"""From model text to a finished page: extract, repair, vendor offline assets.

    page = finalize(generation)     # -> Page(html, assets, warnings)
"""

from .extract import extract_html
from .finalize import Page, finalize
from .vendoring import vendor_assets

__all__ = ["Page", "extract_html", "finalize", "vendor_assets"]
