"""The built-in backend: no model weights. One engine module per task:

    screenshot.py  OCR + layout analysis -> HTML/CSS           (the built-in screenshot engine)
    instruct.py    instruction -> page plan -> component library (the built-in composer)
    resume.py      parsed resume -> jinja2 theme                (the built-in resume themes)

Each engine module exposes ``generate(request: GenerationRequest) -> Generation`` and may expose
``revise(request: RevisionRequest) -> Generation`` (a deterministic revision from the evaluation).
"""

from __future__ import annotations

import importlib
from typing import Any

from ...errors import NotImplementedYet
from ...jobs import Generation, GenerationRequest, RevisionRequest
from ..base import Progress, register

ENGINES = {"screenshot": "screenshot", "instruct": "instruct", "resume": "resume"}


@register("builtin")
class BuiltinBackend:
    tasks = frozenset(ENGINES)
    accepts_images = True
    max_images = 8
    needs_weights = False

    def __init__(self, settings: Any = None, **options: Any) -> None:
        self.settings = settings
        self.options = options

    @staticmethod
    def _engine(task: str) -> Any:
        try:
            return importlib.import_module(f"{__name__}.{ENGINES[task]}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{ENGINES[task]}":
                raise NotImplementedYet(f"the built-in {task} engine is not implemented yet") from None
            raise

    def generate(self, request: GenerationRequest, progress: Progress | None = None) -> Generation:
        generation = self._engine(request.task).generate(request)
        generation.backend = "builtin"
        return generation

    def revise(self, request: RevisionRequest, progress: Progress | None = None) -> Generation:
        engine = self._engine(request.task)
        if not hasattr(engine, "revise"):
            raise NotImplementedYet(f"the built-in {request.task} engine does not revise pages")
        generation = engine.revise(request)
        generation.backend = "builtin"
        return generation
