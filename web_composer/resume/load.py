"""``load_resume(path)``: any supported resume file -> a validated :class:`~.model.Resume`.

    .json                 JSON Resume
    .yaml .yml            the same shape in YAML
    .md .markdown         Markdown (headings are sections)
    .txt .text            plain text
    .pdf                  a PDF with a text layer
    .docx                 Word
    .zip                  a LinkedIn data export

Every failure a user can fix is an :class:`InputError` with one clear line: an empty file, an
unknown extension, malformed JSON/YAML (with line and column), a PDF without text (scanned) or
with a password, a ZIP that is no LinkedIn export.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from .model import Resume

MAX_BYTES = 50 * 1024 * 1024
FORMATS = {
    ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".md": "markdown", ".markdown": "markdown",
    ".txt": "text", ".text": "text", ".pdf": "pdf", ".docx": "docx", ".zip": "linkedin",
}


def _read(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a resume file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path} is too large for a resume ({size // (1024 * 1024)} MiB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{path} is empty")
    return data


def _decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:4096]:
        raise InputError(f"{path} is not a text file (it looks binary)")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def parse_json(text: str, name: str) -> Resume:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: malformed JSON at line {exc.lineno}, column {exc.colno}: "
                         f"{exc.msg}") from None
    return Resume.from_dict(data, source=name)


def parse_yaml(text: str, name: str) -> Resume:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise InputError(f"{name}: malformed YAML{where}: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: malformed YAML: {str(exc).splitlines()[0]}") from None
    return Resume.from_dict(data, source=name)


def _sniff(data: bytes, suffix: str) -> str | None:
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if suffix == ".docx" else "linkedin"
    return None


def load_resume(path: Path) -> Resume:
    """Parse the resume at ``path`` (format from its extension) into the validated model."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{path}: unsupported resume format {suffix or '(no extension)'!r}",
                         hint="use .json, .yaml, .md, .txt, .pdf, .docx or a LinkedIn export .zip")
    data = _read(path)
    kind = FORMATS[suffix]
    sniffed = _sniff(data, suffix)
    if kind in ("pdf", "docx", "linkedin") and sniffed != kind:
        raise InputError(f"{path} is not a valid {suffix[1:].upper()} file (it is corrupt or "
                         "has the wrong extension)")
    resume = _parse(kind, data, path)
    if resume.is_empty():
        raise InputError(f"{path}: no resume content found (no name and no sections)")
    return resume


def _parse(kind: str, data: bytes, path: Path) -> Resume:
    name = path.name
    if kind == "pdf":
        from .pdf import parse_pdf

        return parse_pdf(data, name)
    if kind == "docx":
        from .word import parse_docx

        return parse_docx(data, name)
    if kind == "linkedin":
        from .linkedin import parse_linkedin

        return parse_linkedin(data, name)
    text = _decode(data, path)
    if kind == "json":
        return parse_json(text, name)
    if kind == "yaml":
        return parse_yaml(text, name)
    from .structure import build_resume
    from .text import markdown_document, plain_document

    document = (markdown_document if kind == "markdown" else plain_document)(text, name)
    return build_resume(document)
