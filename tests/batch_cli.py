"""Running `webcompose batch` as a user does in a terminal, and pressing Ctrl-C on it.

Shared by the local runner's and the Ray runner's tests: the command runs in its own process
group with SIGINT's default disposition (a suite started in the background ignores SIGINT, and its
children would inherit that), tagged through the environment so that every process it leaves
behind can be found.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path


def processes_with(tag: str) -> list[int]:
    """Processes (other than this one) whose environment holds ``tag``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if tag.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_batch(args: list[str], prefix: str = "webcompose-test") -> tuple[subprocess.Popen, str]:
    """`python -m web_composer batch ARGS` as from a terminal; returns it and its process tag."""
    tag = f"{prefix}-{uuid.uuid4()}"
    proc = subprocess.Popen([sys.executable, "-m", "web_composer", "batch", *args],
                            env={**os.environ, "WEBCOMPOSE_TEST_TAG": tag}, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_as_in_a_terminal)
    return proc, tag


def ctrl_c_after_two_jobs(proc: subprocess.Popen, out: Path, wait: float) -> list[Path]:
    """Press Ctrl-C (SIGINT to the whole process group) once two jobs have finished; check the
    command says so in one line and exits 130, and return OUT's folders, each a whole job."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and len(list(out.glob("job-*/report.json"))) >= 2:
            break
        time.sleep(0.2)
    assert proc.poll() is None, proc.communicate()
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    folders = [p for p in out.iterdir() if p.is_dir()]
    for folder in folders:
        assert not folder.name.startswith("."), f"half-written folder {folder.name}"
        assert json.loads((folder / "report.json").read_text())["status"] == "ok"
    return folders


def no_process_left(tag: str, wait: float = 30) -> bool:
    deadline = time.monotonic() + wait
    while processes_with(tag) and time.monotonic() < deadline:
        time.sleep(0.2)
    return processes_with(tag) == []
