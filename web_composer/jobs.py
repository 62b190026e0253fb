"""The small typed values passed between pipeline stages.

    Job  ->  GenerationRequest  ->  Backend.generate  ->  Generation  ->  (finalize) Page

A ``Job`` is what the user asked for (inputs, output folder, options); a ``GenerationRequest`` is
what a backend needs to produce a draft; a ``Generation`` is what it produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Task = Literal["screenshot", "instruct", "resume"]
TASKS: tuple[str, ...] = ("screenshot", "instruct", "resume")
Stack = Literal["tailwind", "css"]


@dataclass
class Job:
    task: Task
    out_dir: Path
    images: list[Path] = field(default_factory=list)  # screenshots, or pictures for instruct
    text: str | None = None  # the instruction (instruct) or extra wishes (--instruction)
    resume_file: Path | None = None
    backend: str = "builtin"
    stack: Stack = "tailwind"
    refine: int | None = None  # revision rounds; None = the backend's default
    min_gain: float = 0.005  # stop after two revisions that gain less than this
    time_budget: float | None = None  # seconds for the whole refinement loop
    force: bool = False
    vendor: bool = True  # copy CDN files/placeholders into assets/ and rewrite links
    options: dict[str, Any] = field(default_factory=dict)  # backend and engine options
    meta: dict[str, Any] = field(default_factory=dict)  # copied into report.json (e.g. batch ids)


@dataclass
class GenerationRequest:
    task: Task
    images: list[Any] = field(default_factory=list)  # PIL images, in the order given
    text: str | None = None  # instruction text, or the resume rendered as Markdown
    instruction: str | None = None  # extra user wishes for any task
    stack: Stack = "tailwind"
    resume: Any = None  # the parsed resume model (resume task), for engines that use fields
    options: dict[str, Any] = field(default_factory=dict)
    reader: Any = None  # vision.ocr.OcrReader: the job's OCR, shared by the engine and the scorer


@dataclass
class Generation:
    text: str  # the raw output (model text, or the HTML the engine wrote); saved as raw.txt
    backend: str
    model: str | None = None
    html: str | None = None  # finished HTML when the backend writes it directly (no extraction)
    assets: dict[str, bytes] = field(default_factory=dict)  # relative path under assets/ -> bytes
    warnings: list[str] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)  # timings, token counts, plan, ...


@dataclass
class RevisionRequest:
    """What a backend needs to revise a page: the target, the current page and what is wrong."""

    task: Task
    html: str  # the current page
    render: Any  # PIL image of the current render
    feedback: list[str]  # what the evaluation found wrong, one short sentence each
    targets: list[Any] = field(default_factory=list)  # target screenshots (PIL), if any
    stack: Stack = "tailwind"
    instruction: str | None = None
    width: int = 1280  # the width the page is rendered at
    details: Any = None  # the evaluation's own data (e.g. the scorer's Scores), for engines
    options: dict[str, Any] = field(default_factory=dict)
    attempt: int = 0  # revisions of this same page asked for before (the loop dropped them)
    tried: list[str] = field(default_factory=list)  # their pages (HTML): not to be proposed again
    base_dir: Any = None  # folder the page's relative assets load from (for an engine's renders)
