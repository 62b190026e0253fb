"""`webcompose resume`: a resume -> a personal homepage; `resume parse` shows what was read.

    webcompose resume FILE [-o OUT] [--theme NAME] [--photo IMG] [--backend NAME] [--refine N]
    webcompose resume parse FILE [--json | --markdown] [-o resume.json]
    webcompose resume --list-themes

``resume`` is a command group whose default command is ``build``: when the first word after
``resume`` is not a sub-command, ``build`` is implied, so ``webcompose resume cv.pdf`` and
``webcompose resume build cv.pdf`` are the same. (A resume file literally named "parse" or "build"
needs the explicit form: ``webcompose resume build parse``.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from .app import app
from .options import AsJson, BackendSpec, Force, OutDir, Refine, backend_options

_GROUP_ONLY = {"--help", "-h", "--list-themes"}


class ResumeGroup(TyperGroup):
    """A group that runs ``build`` when the first argument is not one of its commands."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not set(args) <= _GROUP_ONLY:
            args = ["build", *args]
        return super().parse_args(ctx, args)


resume_app = typer.Typer(cls=ResumeGroup, invoke_without_command=True, add_completion=False,
                         help="Resume -> personal homepage (JSON, YAML, Markdown, text, PDF, DOCX, "
                              "LinkedIn ZIP). `webcompose resume FILE` builds the site.")
app.add_typer(resume_app, name="resume")

ThemeOption = Annotated[Optional[str], typer.Option(
    "--theme", help="Built-in theme (see --list-themes); default classic.")]


@resume_app.callback()
def _resume(ctx: typer.Context,
            list_themes: Annotated[bool, typer.Option("--list-themes",
                                                      help="List the built-in themes.")] = False,
            ) -> None:
    if list_themes:
        from ..resume.themes import DEFAULT_THEME, THEMES

        for name, description in THEMES.items():
            mark = " (default)" if name == DEFAULT_THEME else ""
            typer.echo(f"{name:10}{description}{mark}")
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


def _default_out(file: Path) -> Path:
    stem = file.name.split(".")[0] or "resume"
    return Path("out") / stem


@resume_app.command("build")
@backend_options
def build(
    file: Annotated[Path, typer.Argument(help="The resume: .json .yaml .md .txt .pdf .docx or a "
                                              "LinkedIn export .zip.")],
    output: OutDir = None,
    theme: ThemeOption = None,
    photo: Annotated[Optional[Path], typer.Option(
        "--photo", help="A picture of you for the page (resized into assets/).")] = None,
    refine: Refine = None,
    force: Force = False,
    *,
    backend_spec: BackendSpec,
) -> None:
    """Build a personal homepage from FILE (default output folder: out/NAME)."""
    from ..errors import InputError
    from ..jobs import Job
    from ..pipeline import run_job
    from ..resume.themes import check_theme
    from .report import print_result

    theme = check_theme(theme)
    if photo is not None and not photo.is_file():
        raise InputError(f"photo {photo}: no such file")
    options: dict[str, Any] = {"theme": theme, "photo": str(photo) if photo else None,
                               "backend": dict(backend_spec.options)}
    job = Job(task="resume", resume_file=file, out_dir=output or _default_out(file),
              backend=backend_spec.name, stack=backend_spec.stack,  # type: ignore[arg-type]
              text=backend_spec.instruction, refine=refine, force=force, options=options)
    result = run_job(job)
    print_result(result)
    coverage = result.report.get("coverage") or {}
    if coverage:
        typer.echo(f"coverage: {coverage.get('shown')}/{coverage.get('fields')} resume fields "
                   "shown on the page")
        for item in coverage.get("missing", [])[:10]:
            typer.echo(f"missing: {item['field']} = {str(item['value'])[:70]!r}", err=True)


@resume_app.command("parse")
def parse(
    file: Annotated[Path, typer.Argument(help="The resume file to read.")],
    as_json: AsJson = False,
    as_markdown: Annotated[bool, typer.Option(
        "--markdown", help="Print the Markdown view (what model backends are fed).")] = False,
    output: Annotated[Optional[Path], typer.Option(
        "-o", "--output", help="Write the JSON Resume to this file instead of printing it.")] = None,
    force: Force = False,
) -> None:
    """Show what was read: a table of entries and fields (default), JSON Resume with --json (to
    correct and reuse), or Markdown with --markdown. Warns about fields a document did not yield."""
    from ..atomic import check_output_file, write_text
    from ..errors import InputError
    from ..resume import load_resume, resume_to_markdown
    from ..resume.load import FORMATS
    from ..resume.table import parse_table, unplaced

    if as_json and as_markdown:
        raise InputError("--json and --markdown cannot be used together")
    target = check_output_file(output, force=force) if output else None
    resume = load_resume(file)
    document = json.dumps(resume.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if target is not None:
        write_text(target, document)
        typer.echo(f"{target} ({len(resume.section_keys())} sections)")
    elif as_json:
        typer.echo(document, nl=False)
    elif as_markdown:
        typer.echo(resume_to_markdown(resume), nl=False)
    else:
        typer.echo(parse_table(resume), nl=False)
    for warning in resume.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if FORMATS.get(file.suffix.lower()) not in ("json", "yaml"):  # the layout was read, not given
        for warning in unplaced(resume):
            typer.echo(f"warning: {warning}", err=True)
