"""A job's inputs and its finished folder as bytes, for workers that share no disk with the driver.

    parcel = pack_inputs(job)                      # on the driver: the Job plus its input files
    job, names = unpack_inputs(parcel, scratch)    # on a worker: the files under scratch/, a Job
    ...run_job(job)...                             #   that reads them and writes scratch/out/ID
    restore_names(folder, names)                   #   the report names the user's files again
    files = pack_folder(folder)                    #   the finished folder as {relative path: bytes}
    unpack_folder(files, out_root / job_id)        # on the driver: written whole or not at all

Why the names are put back: a job's report.json records the inputs as the user gave them
(``inputs.images``, ``inputs.resume_file``), and its error message names them; a worker's scratch
copies must not show through, so a folder is the same whichever runner made it.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .atomic import staged_dir, write_bytes
from .jobs import Job

REPORT = "report.json"


@dataclass
class InputParcel:
    job: Job  # as the driver built it: its paths are the driver's
    files: dict[str, bytes] = field(default_factory=dict)  # driver path -> contents
    settings: Any = None  # the driver's Settings, so a worker runs the job as the driver would


def _input_paths(job: Job) -> list[Path]:
    return [*job.images, *([job.resume_file] if job.resume_file else [])]


def pack_inputs(job: Job, settings: Any = None) -> InputParcel:
    """The job and the contents of each of its input files that exists here (a missing one stays a
    name, so the worker fails on it with the same message the local runner gives)."""
    files = {}
    for path in _input_paths(job):
        if Path(path).is_file():
            files[str(path)] = Path(path).read_bytes()
    return InputParcel(job, files, settings)


def unpack_inputs(parcel: InputParcel, scratch: Path) -> tuple[Job, dict[str, str]]:
    """Write the parcel's files under ``scratch/in/N/`` (each keeps its file name, which formats
    are told by) and return a Job reading them and writing ``scratch/out/ID``, with the map from
    each copy's path back to the name the user gave."""
    names: dict[str, str] = {}
    local: dict[str, Path] = {}
    for index, (original, data) in enumerate(sorted(parcel.files.items())):
        folder = scratch / "in" / str(index)
        folder.mkdir(parents=True, exist_ok=True)
        copy = folder / Path(original).name
        copy.write_bytes(data)
        local[original], names[str(copy)] = copy, original

    def here(path: Path | None) -> Path | None:
        return None if path is None else local.get(str(path), Path(path))

    job = parcel.job
    job = dataclasses.replace(job, out_dir=scratch / "out" / job.out_dir.name,
                              images=[here(p) for p in job.images],
                              resume_file=here(job.resume_file))
    return job, names


def restore_names(text: str, names: dict[str, str]) -> str:
    """``text`` (a message) with each scratch copy's path replaced by the user's name for it."""
    for copy, original in names.items():
        text = text.replace(copy, original)
    return text


def restore_report(folder: Path, names: dict[str, str]) -> None:
    """Put the user's input names back into ``folder/report.json`` (as JSON strings, so the file
    is byte for byte what the local runner writes)."""
    report = folder / REPORT
    if not names or not report.is_file():
        return
    text = report.read_text()
    for copy, original in names.items():
        text = text.replace(json.dumps(copy), json.dumps(original))
    write_bytes(report, text.encode("utf-8"))


def pack_folder(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` as {path relative to it (with /): bytes}."""
    files = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def unpack_folder(files: dict[str, bytes], final: Path) -> None:
    """Write a packed folder to ``final`` atomically: it replaces what was there whole, or (on any
    error or Ctrl-C) nothing changes."""
    with staged_dir(final) as folder:
        for relative, data in files.items():
            path = folder / relative
            if ".." in Path(relative).parts or Path(relative).is_absolute():
                raise ValueError(f"a parcel may not write outside its folder: {relative}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
