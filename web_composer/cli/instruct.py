"""`webcompose instruct`: a text instruction -> a webpage, its plan, or a compliance check.

    webcompose instruct "TEXT" | --file PROMPT.txt [-o OUT] [--backend NAME] [--image IMG ...]
                        [--refine N] [--stack tailwind|css] [--force]
    webcompose instruct "TEXT" --plan              print the built-in composer's plan as JSON
    webcompose instruct --plan-file PLAN.json      build the page of an (edited) plan
    webcompose instruct --check PAGE.html "TEXT"   check any page against the instruction;
                                                   exit 0 when every constraint is satisfied,
                                                   1 when one is not, 2 on bad input
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any, List, Optional

import typer

from .app import app
from .options import AsJson, BackendSpec, Force, OutDir, Refine, Timeout, backend_options

CHECK_FAILED = 1  # --check: the page misses at least one constraint


def _read_text(text: Optional[str], file: Optional[Path], plan: Any) -> str:
    from ..errors import InputError

    if text is not None and file is not None:
        raise InputError("give the instruction either as TEXT or with --file, not both")
    if file is not None:
        if not file.is_file():
            raise InputError(f"{file}: no such file")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{file} is not a UTF-8 text file") from None
        except OSError as exc:
            raise InputError(f"{file}: cannot read ({exc.strerror})") from None
    if text is None and plan is not None:
        return plan.instruction.strip()  # may be empty: a plan written by hand asks for nothing
    if text is None:
        raise InputError("no instruction given",
                         hint='pass it as TEXT, e.g. webcompose instruct "A bakery called '
                              'Sweet Crumbs", or with --file PROMPT.txt')
    from ..instruct.parse import check_text

    return check_text(text)


def _read_plan(path: Optional[Path]) -> Any:
    if path is None:
        return None
    from ..errors import InputError
    from ..instruct.plan import PagePlan

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    return PagePlan.from_dict(data)


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40].strip("-")
    return slug or "instruct"


def _print_compliance(report: dict, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    for row in report["constraints"]:
        mark = "ok  " if row["satisfied"] else "MISS"
        typer.echo(f"{mark} {row['description']} - {row['found']}")
    typer.echo(f"compliance: {report['passed']}/{report['total']} constraint(s) satisfied")


@app.command()
@backend_options
def instruct(
    text: Annotated[Optional[str], typer.Argument(help="What the page should be.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the instruction from "
                                                 "a UTF-8 text file.")] = None,
    output: OutDir = None,
    image: Annotated[Optional[List[Path]], typer.Option(
        "--image", help="A picture for the page (the logo first when one is asked for); repeat.")] = None,
    refine: Refine = None,
    plan: Annotated[bool, typer.Option("--plan", help="Print the page plan as JSON; generate "
                                       "nothing.")] = False,
    plan_file: Annotated[Optional[Path], typer.Option("--plan-file", help="Build the page of this "
                                                      "(edited) plan JSON.")] = None,
    check: Annotated[Optional[Path], typer.Option("--check", metavar="PAGE.html", help="Only check "
                                                  "PAGE.html against the instruction; exit 0 when all "
                                                  "is satisfied, 1 when not.")] = None,
    timeout: Timeout = None,
    as_json: AsJson = False,
    force: Force = False,
    *,
    backend_spec: BackendSpec,
) -> None:
    """Text instruction -> webpage, with a check of every explicit demand (colours, placement,
    counts, columns, the site name) on the rendered page."""
    edited = _read_plan(plan_file)
    instruction = _read_text(text, file, edited)
    if check is not None:
        _check_page(check, instruction, as_json, timeout)
        return
    from ..instruct import parse_instruction

    page_plan = edited or parse_instruction(instruction)
    if plan:
        typer.echo(json.dumps(page_plan.to_dict(), indent=2, ensure_ascii=False))
        return
    _make_page(instruction, page_plan, edited is not None, output, backend_spec, image or [],
               refine, force, as_json)


def _check_page(page: Path, instruction: str, as_json: bool, timeout: Optional[float]) -> None:
    from ..instruct import check_compliance
    from ..render import check_html_file

    html = check_html_file(page)
    report = check_compliance(instruction, html, page.resolve().parent, timeout=timeout)
    _print_compliance(report, as_json)
    if not report["satisfied"]:
        raise typer.Exit(CHECK_FAILED)


def _make_page(instruction: str, page_plan: Any, edited: bool, output: Optional[Path],
               backend_spec: BackendSpec, images: list[Path], refine: Optional[int], force: bool,
               as_json: bool) -> None:
    from ..errors import InputError
    from ..jobs import Job
    from ..pipeline import run_job
    from .report import print_result

    for path in images:
        if not path.is_file():
            raise InputError(f"{path}: no such picture")
    fields = backend_spec.job_fields(plan=page_plan.to_dict() if edited else None)
    fields["text"] = instruction  # the instruction is the text of an instruct job
    job = Job(task="instruct", images=list(images), out_dir=output or Path("out") / _slug(page_plan.name),
              refine=refine, force=force, **fields)
    result = run_job(job)
    if as_json:
        typer.echo(json.dumps({"page": str(result.page_path), "report": result.report},
                              indent=2, ensure_ascii=False, default=str))
        return
    print_result(result)
    compliance = result.report.get("compliance")
    if compliance:
        typer.echo(f"compliance: {compliance['passed']}/{compliance['total']} constraint(s) "
                   "satisfied")
        for line in compliance.get("unsatisfied", []):
            typer.echo(f"  missed: {line}")
