"""Instruction -> webpage without model weights, and the check of what an instruction asked for.

    plan = parse_instruction("A bakery called Sweet Crumbs with a dark green footer")
    page = compose_page(plan, images=[])          # -> ComposedPage(html, assets)
    report = check_compliance(instruction, html, base_dir)

Modules: ``parse`` (reading the words), ``build`` (the plan with invented copy and constraints),
``plan`` (the dataclasses and their JSON), ``colours`` (colour words and matching),
``compose`` + ``templates/`` (the component library), ``pictures`` (generated images),
``compliance`` (constraints -> checks on the rendered DOM).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .plan import Constraint, PagePlan

if TYPE_CHECKING:
    from pathlib import Path

    from .compose import ComposedPage

__all__ = ["Constraint", "PagePlan", "check_compliance", "compliance_probe", "compose_page", "parse_instruction"]


def parse_instruction(text: str) -> PagePlan:
    """Read an instruction into a page plan (InputError when it is empty or absurdly long)."""
    from .build import build_plan
    from .parse import read

    return build_plan(read(text))


def compose_page(plan: PagePlan, images: list[Any] | None = None) -> ComposedPage:
    """Build the page of a plan; ``images`` (PIL images) replace generated pictures in order."""
    from .compose import compose

    return compose(plan, images or [])


def check_compliance(instruction: str, html: str, base_dir: Path | None = None, *,
                     timeout: float | None = None, summary: dict | None = None) -> dict:
    """Render ``html`` and check every explicit constraint of ``instruction`` on its DOM.

    Returns {"satisfied", "passed", "total", "constraints": [...], "unsatisfied": [...], "page"};
    ``timeout`` (seconds) bounds each render (default: the setting, at least 30 s). ``summary``:
    the result of ``compliance_probe()`` from a render the caller already made (saves a render).
    """
    from .compliance import check

    return check(instruction, html, base_dir, timeout=timeout, summary=summary)


def compliance_probe() -> str:
    """The JS probe (for RenderOptions.evaluate) whose result check_compliance can reuse."""
    from .compliance import probe_source

    return probe_source()
