"""The built-in backend: no model weights. One engine module per task:

    screenshot.py  OCR + layout analysis -> HTML/CSS           (the built-in screenshot engine)
    instruct.py    instruction -> page plan -> component library (the built-in composer)
    resume.py      parsed resume -> jinja2 theme                (the built-in resume themes)

Each engine module exposes ``generate(request: GenerationRequest) -> Generation``.
"""

from __future__ import annotations

import importlib
from typing import Any

from ...errors import NotImplementedYet
from ...jobs import Generation, GenerationRequest
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

    def generate(self, request: GenerationRequest, progress: Progress | None = None) -> Generation:
        try:
            engine = importlib.import_module(f"{__name__}.{ENGINES[request.task]}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{ENGINES[request.task]}":
                raise NotImplementedYet(
                    f"the built-in {request.task} engine is not implemented yet") from None
            raise
        generation = engine.generate(request)
        generation.backend = "builtin"
        return generation
