"""Offline copies of the CDN files that model-written pages load.

They come from the npm registry (``webcompose setup`` fetches them, with ``npm pack`` when npm is
installed and a plain HTTPS download of the same tarball otherwise) and live in the cache folder,
never in git. The renderer's offline shim and the output-folder vendoring read them from here.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_bytes
from ..config import load_settings
from ..errors import WebComposeError

NPM_REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class VendoredPackage:
    name: str  # npm package name
    version: str
    files: dict[str, str]  # local file name -> path inside the npm tarball

    @property
    def folder(self) -> str:
        return f"{self.name.replace('/', '__')}@{self.version}"

    def tarball_url(self) -> str:
        return f"{NPM_REGISTRY}/{self.name}/-/{self.name.split('/')[-1]}-{self.version}.tgz"


TAILWIND2 = VendoredPackage(
    "tailwindcss",
    "2.2.19",
    {
        name: f"package/dist/{name}"
        for name in (
            "tailwind.min.css",
            "base.min.css",
            "components.min.css",
            "utilities.min.css",
            "tailwind-dark.min.css",
        )
    },
)
# The script behind https://cdn.tailwindcss.com (Tailwind 3.4 in the browser, all plugins).
TAILWIND_PLAY = VendoredPackage(
    "tailwindcss-cdn",
    "3.4.10",
    {"tailwindcss.js": "package/tailwindcss-with-all-plugins.js"},
)
PACKAGES = (TAILWIND2, TAILWIND_PLAY)


def vendor_dir() -> Path:
    return load_settings().cache_dir / "vendor"


def asset_path(package: VendoredPackage, name: str) -> Path | None:
    """Path of a vendored file, or None when it has not been fetched."""
    path = vendor_dir() / package.folder / name
    return path if path.is_file() else None


def status() -> list[tuple[VendoredPackage, bool, Path]]:
    """(package, complete, folder) for every vendored package."""
    out = []
    for package in PACKAGES:
        folder = vendor_dir() / package.folder
        out.append((package, all((folder / n).is_file() for n in package.files), folder))
    return out


def _download_tarball(package: VendoredPackage, workdir: Path) -> bytes:
    npm = shutil.which("npm")
    if npm:
        spec = f"{package.name}@{package.version}"
        proc = subprocess.run(
            [npm, "pack", spec, "--silent", "--pack-destination", str(workdir)],
            capture_output=True, text=True, timeout=300,
        )
        tgz = sorted(workdir.glob("*.tgz"))
        if proc.returncode == 0 and tgz:
            return tgz[0].read_bytes()
    with urllib.request.urlopen(package.tarball_url(), timeout=120) as response:  # noqa: S310
        return response.read()


def fetch(package: VendoredPackage, *, force: bool = False) -> Path:
    """Download one package's files into the vendor folder (idempotent)."""
    folder = vendor_dir() / package.folder
    if not force and all((folder / n).is_file() for n in package.files):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            data = _download_tarball(package, Path(tmp))
        except (OSError, subprocess.SubprocessError) as exc:
            raise WebComposeError(
                f"could not download {package.name}@{package.version} from the npm registry: {exc}",
                hint="check the connection to the npm registry and run `webcompose setup` again",
            ) from None
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for local, member in package.files.items():
            handle = archive.extractfile(member)
            if handle is None:
                raise WebComposeError(f"{package.name}@{package.version} has no {member}")
            write_bytes(folder / local, handle.read())
    manifest = {"name": package.name, "version": package.version, "files": sorted(package.files)}
    write_bytes(folder / "manifest.json", json.dumps(manifest, indent=2).encode())
    return folder


def fetch_all(*, force: bool = False) -> list[Path]:
    return [fetch(p, force=force) for p in PACKAGES]
