"""An edit of an output folder, start to finish:

    read OUT (index.html, report.json)  ->  the edited page (built-in editor or a model's chat turn)
      -> render and evaluate it as its job did (screenshot: scores against target.png; instruct:
         compliance with the original instruction; resume: coverage of the resume)
      -> keep the previous version in OUT/history/NN/ (built whole, then renamed into place)
      -> replace render.png, diff.png, report.html, report.json and, last, index.html, each atomically

Everything that can fail (reading the request, applying it, the model, the render) happens before
the first write, so a refused or failed edit leaves OUT exactly as it was.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import staged_dir, write_bytes, write_text
from ..errors import InputError
from ..html import Page

HISTORY = "history"
CHANGING = ("index.html", "render.png", "diff.png", "report.json", "report.html")


@dataclass
class Folder:
    path: Path
    html: str
    report: dict[str, Any]

    @property
    def task(self) -> str | None:
        return self.report.get("task")


@dataclass
class EditResult:
    out_dir: Path
    history: Path  # where the previous version now is
    changes: list[str]
    report: dict[str, Any]
    checks: list[dict] = field(default_factory=list)  # verify.verify's results (built-in edits)
    warnings: list[str] = field(default_factory=list)


def read_folder(path: Path) -> Folder:
    """An output folder of screenshot, instruct or resume (InputError when it is not one)."""
    path = Path(path).expanduser()
    if path.is_file() and path.name == "index.html":
        path = path.parent  # the page itself was named: its folder is meant
    if not path.is_dir():
        raise InputError(f"{path}: no such output folder" if not path.exists() else
                         f"{path} is not a folder", hint="give the folder a webcompose command wrote (-o)")
    page = path / "index.html"
    if not page.is_file():
        raise InputError(f"{path} has no index.html", hint="give the folder a webcompose command wrote (-o)")
    try:
        html = page.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as exc:
        raise InputError(f"{page}: cannot read ({exc})") from None
    report: dict[str, Any] = {}
    if (path / "report.json").is_file():
        try:
            report = json.loads((path / "report.json").read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError, OSError):
            raise InputError(f"{path / 'report.json'} is not valid JSON") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise InputError(f"{path} is not writable; nothing was changed")
    if report.get("status") == "failed":
        raise InputError(f"{path} holds a failed job (no page to edit)")
    return Folder(path=path, html=html, report=report)


def next_history(folder: Path) -> Path:
    numbers = [int(p.name) for p in (folder / HISTORY).glob("[0-9][0-9]*") if p.name.isdigit()]
    return folder / HISTORY / f"{max(numbers, default=0) + 1:02d}"


def edit_folder(path: Path, instruction: str, backend: Any = None, *,
                timeout: float | None = None) -> EditResult:
    """Apply ``instruction`` to the page in ``path``; ``backend``: None (built-in) or a model backend."""
    from ..instruct.parse import check_text

    started = time.monotonic()
    folder = read_folder(path)
    instruction = check_text(instruction)
    checks: list[dict] = []
    if backend is None:
        from .dom import edit_page, serialise
        from .requests import read_edits

        work, changes = edit_page(folder.html, read_edits(instruction))
        page, used, model = Page(html=serialise(work.soup), assets=work.assets), "builtin", None
        checks = work.checks
    else:
        from .model import edit_with_model

        page, model = edit_with_model(backend, folder, instruction, timeout=timeout)
        changes, used = [f"the {backend.name} backend rewrote the page"], backend.name
    if page.html == folder.html:
        raise InputError("the edit left the page unchanged; nothing was written")
    evaluation = evaluate(folder, page, timeout)
    from .verify import verify

    verified = verify(page.html, folder.path, checks, evaluation.render.width, timeout)
    history = next_history(folder.path)
    entry = {"number": len(folder.report.get("edits", [])) + 1, "instruction": instruction,
             "backend": used, "model": model, "changes": changes, "checks": verified,
             "previous": f"{HISTORY}/{history.name}", "seconds": round(time.monotonic() - started, 3)}
    report = _new_report(folder, evaluation, page, entry)
    _keep_previous(folder.path, history)
    _write(folder.path, page, evaluation, report)
    return EditResult(out_dir=folder.path, history=history, changes=changes, report=report,
                      checks=verified, warnings=list(page.warnings))


# -- evaluating the edited page as its job would -------------------------------------------------

def _job(folder: Folder) -> Any:
    from ..jobs import Job

    inputs = folder.report.get("inputs") or {}
    task = folder.task
    job = Job(task=task, out_dir=folder.path, text=inputs.get("text"), stack=inputs.get("stack") or "tailwind")
    if task == "screenshot":
        targets = sorted(folder.path.glob("target.*"))
        if not targets:
            return None
        job.images = [targets[0]]
    elif task == "resume":
        resume = Path(inputs.get("resume_file") or "")
        if not resume.is_file():
            return None
        job.resume_file = resume
    elif task != "instruct" or not job.text:
        return None
    return job


def evaluate(folder: Folder, page: Page, timeout: float | None) -> Any:
    """The edited page's evaluation (a refine.Evaluation); a plain render when the job's inputs
    (target screenshot, resume file) are gone."""
    from ..evaluate import make_evaluator
    from ..pipeline import build_request
    from ..refine import Evaluation
    from ..render import RenderOptions, render_html

    width = int((folder.report.get("render") or {}).get("width") or 1280)
    job = _job(folder)
    if job is not None:
        return make_evaluator(job, build_request(job), folder.path, width)(page)
    shot = render_html(page.html, folder.path, RenderOptions(width=width, timeout=timeout))
    return Evaluation(1.0, {}, [], shot)


# -- writing -------------------------------------------------------------------------------------

def _new_report(folder: Folder, evaluation: Any, page: Page, entry: dict) -> dict[str, Any]:
    from ..evaluate import summary_of

    report = dict(folder.report)
    for key in ("scores", "compliance", "coverage"):
        report.pop(key, None)
    report.update(summary_of(evaluation) if evaluation.metrics else {})
    report["render"] = evaluation.render.summary()
    report["warnings"] = list(page.warnings) or report.get("warnings", [])
    report["edits"] = [*folder.report.get("edits", []), entry]
    return report


def _keep_previous(folder: Path, history: Path) -> None:
    """Copy the files an edit replaces into history/NN, byte for byte (built whole, then renamed)."""
    (folder / HISTORY).mkdir(exist_ok=True)
    with staged_dir(history) as staging:
        for name in CHANGING:
            if (folder / name).is_file():
                shutil.copyfile(folder / name, staging / name)


def _report_html(evaluation: Any, page: Page, report: dict, folder: Path) -> str:
    import html as htmlmod

    from ..output import report_html
    from ..refine import Iteration, Outcome

    target = next((p.name for p in sorted(folder.glob("target.*"))), None)
    outcome = Outcome(iterations=[Iteration(0, page, evaluation)], best=0, stop_reason="edited")
    text = report_html(outcome, report, target, False)
    rows = "".join(
        f"<li>{htmlmod.escape(e['instruction'])} ({htmlmod.escape(e['backend'])}): "
        f"{htmlmod.escape('; '.join(e['changes']))}. Previous page: "
        f'<a href="{e["previous"]}/index.html">{e["previous"]}</a></li>' for e in report["edits"])
    return re.sub(r"</body>", lambda m: f"<section><h2>Edits</h2><ol>{rows}</ol></section></body>", text,
                  count=1)


def _write(folder: Path, page: Page, evaluation: Any, report: dict) -> None:
    from ..evaluate import install_assets

    install_assets(folder, page)
    write_bytes(folder / "render.png", evaluation.render.png)
    if evaluation.diff_png():
        write_bytes(folder / "diff.png", evaluation.diff_png())
    write_text(folder / "report.html", _report_html(evaluation, page, report, folder))
    write_text(folder / "report.json", json.dumps(report, indent=2, ensure_ascii=False, default=str))
    write_text(folder / "index.html", page.html)
