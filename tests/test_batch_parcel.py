"""Parcels: a job's inputs out to a worker with no shared disk, its finished folder back (no Ray
needed: these are the bytes Ray carries)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from web_composer.batch_parcel import (pack_folder, pack_inputs, restore_names, restore_report,
                                       unpack_folder, unpack_inputs)
from web_composer.jobs import Job


def test_inputs_travel_as_bytes_and_the_report_names_the_users_files(tmp_path: Path):
    shot = tmp_path / "user" / "shot.png"
    shot.parent.mkdir()
    shot.write_bytes(b"\x89PNG pretend")
    job = Job(task="screenshot", out_dir=tmp_path / "OUT" / "a", images=[shot, tmp_path / "gone.png"])
    parcel = pack_inputs(job)
    assert parcel.files == {str(shot): b"\x89PNG pretend"}  # a missing file stays a name
    shot.unlink()  # the worker must not need the driver's disk
    worker, names = unpack_inputs(parcel, tmp_path / "worker")
    copy = worker.images[0]
    assert copy.read_bytes() == b"\x89PNG pretend" and copy.name == "shot.png" and copy != shot
    assert worker.images[1] == tmp_path / "gone.png"
    assert worker.out_dir == tmp_path / "worker" / "out" / "a" and job.out_dir.name == "a"
    worker.out_dir.mkdir(parents=True)
    report = {"inputs": {"images": [str(p) for p in worker.images]}, "status": "ok"}
    (worker.out_dir / "report.json").write_text(json.dumps(report, indent=2))
    restore_report(worker.out_dir, names)
    restored = json.loads((worker.out_dir / "report.json").read_text())
    assert restored["inputs"]["images"] == [str(shot), str(tmp_path / "gone.png")]
    assert restore_names(f"{copy}: not an image", names) == f"{shot}: not an image"


def test_a_folder_comes_back_whole_and_replaces_the_old_one(tmp_path: Path):
    made = tmp_path / "made"
    (made / "assets").mkdir(parents=True)
    (made / "index.html").write_text("<h1>new</h1>")
    (made / "assets" / "a.png").write_bytes(b"png")
    final = tmp_path / "OUT" / "job"
    final.mkdir(parents=True)
    (final / "stale.txt").write_text("from an earlier run")
    unpack_folder(pack_folder(made), final)
    assert sorted(p.relative_to(final).as_posix() for p in final.rglob("*") if p.is_file()) == \
        ["assets/a.png", "index.html"]
    with pytest.raises(ValueError, match="outside its folder"):
        unpack_folder({"../escape.txt": b"x"}, final)
    assert (final / "index.html").read_text() == "<h1>new</h1>"  # a refused parcel changes nothing
    assert not (tmp_path / "OUT" / "escape.txt").exists()
    assert [p.name for p in (tmp_path / "OUT").iterdir()] == ["job"]
