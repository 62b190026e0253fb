"""Making an output folder self-contained: the CDN files and placeholder pictures a page
references are copied into ``assets/`` (from the renderer's offline shim) and the links rewritten,
so ``index.html`` opens correctly offline in any browser."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..render import shim

_CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)["']?\s*\)""", re.I)
# Elements whose attributes load resources (links in <a href> are navigation, not resources).
_RESOURCE_ATTRS = {"link": ("href",), "script": ("src",), "img": ("src", "srcset", "data-src"),
                   "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
                   "iframe": ("src",), "embed": ("src",), "input": ("src",)}


def _resource_urls(html: str) -> list[str]:
    """Resource URLs the page loads (attributes and CSS url()), in order, without duplicates."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    urls: list[str] = []
    for tag in soup.find_all(list(_RESOURCE_ATTRS)):
        for attr in _RESOURCE_ATTRS[tag.name]:
            value = tag.get(attr)
            if not value:
                continue
            if attr == "srcset":
                urls += [part.strip().split(" ")[0] for part in value.split(",")]
            else:
                urls.append(value.strip())
    urls += [m.group(1) for m in _CSS_URL.finditer(html)]
    return list(dict.fromkeys(u for u in urls if u))


# An attribute value or url() that starts like an external address: a page without one (every
# page the built-in engine writes) need not be parsed at all.
_MAYBE_EXTERNAL = re.compile(r"""(?:=|,|url\()\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def _external_urls(html: str) -> list[str]:
    if not _MAYBE_EXTERNAL.search(html):
        return []
    return [u for u in _resource_urls(html) if u.startswith(("http://", "https://", "//"))]


def _local_name(url: str, kind: str, content_type: str) -> str:
    digest = hashlib.sha256(url.encode()).hexdigest()[:10]
    if kind == "tailwind-css":
        stem = re.sub(r"[^\w.-]", "", url.rsplit("/", 1)[-1]) or "tailwind.min.css"
        return f"vendor/tailwindcss-2.2.19-{stem}"
    if kind == "tailwind-play":
        return "vendor/tailwindcss-play-3.4.10.js"
    extension = {"image/png": "png", "image/jpeg": "jpg"}.get(content_type, "bin")
    return f"placeholders/{digest}.{extension}"


def vendor_assets(html: str) -> tuple[str, dict[str, bytes], list[str]]:
    """Rewrite external references the shim can serve to ``assets/...`` files.

    Returns the new HTML, the files to write under assets/ (relative path -> bytes) and warnings
    for external references that cannot work offline (left as written).
    """
    assets: dict[str, bytes] = {}
    warnings: list[str] = []
    for url in _external_urls(html):
        absolute = "https:" + url if url.startswith("//") else url
        hit = shim.resolve(absolute)
        if hit is None:
            warnings.append(f"external reference left as written (needs the network): {url}")
            continue
        name = _local_name(absolute, hit.kind, hit.content_type)
        assets[name] = hit.body
        html = html.replace(url, f"assets/{name}")
        if "&" in url:
            html = html.replace(url.replace("&", "&amp;"), f"assets/{name}")
    return html, assets, warnings


def collect_local_assets(html: str, base_dir: Path) -> tuple[str, dict[str, bytes], list[str]]:
    """Files an existing page loads from its own folder, as assets/ entries with links rewritten.

    Used when improving a page the user wrote: its pictures and stylesheets move with it.
    """
    assets: dict[str, bytes] = {}
    warnings: list[str] = []
    base = base_dir.resolve()
    for url in _resource_urls(html):
        if re.match(r"^(?:[a-z][\w+.-]*:|//|#)", url, re.I):
            continue  # absolute URLs, data: and the like
        relative = url.split("#")[0].split("?")[0]
        target = (base / relative).resolve()
        if base not in target.parents or not target.is_file():
            warnings.append(f"the page refers to {url}, which is not a file in its folder")
            continue
        name = target.relative_to(base).as_posix()
        name = name[len("assets/"):] if name.startswith("assets/") else name
        assets[name] = target.read_bytes()
        html = html.replace(f'"{url}"', f'"assets/{name}"').replace(f"'{url}'", f"'assets/{name}'")
    return html, assets, warnings
