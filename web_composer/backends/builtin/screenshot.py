"""The built-in screenshot engine as a backend task: GenerationRequest -> Generation.

The work happens in ``web_composer.vision.engine``; this module only maps the request's fields
and options (``scale``: 1, 2 or None to detect; ``ocr``: an OCR engine name passed through to
``vision.ocr``) and packs the result.
"""

from __future__ import annotations

from typing import Any

from ...errors import InputError
from ...jobs import Generation, GenerationRequest, RevisionRequest


def generate(request: GenerationRequest) -> Generation:
    from ...vision.engine import screenshot_to_page

    if not request.images:
        raise InputError("the screenshot task needs at least one image")
    options = request.options or {}
    result = screenshot_to_page(list(request.images), stack=request.stack,
                                scale=_scale(options.get("scale")), ocr=_ocr(options.get("ocr")),
                                title=options.get("title") or "Page")
    if request.instruction:
        result.warnings.append("the built-in screenshot engine ignores --instruction")
    return Generation(text=result.html, backend="builtin", model="builtin-screenshot",
                      html=result.html, assets=result.assets, warnings=result.warnings,
                      info=result.info)


def _scale(value: Any) -> int | None:
    if value in (None, "", "auto", 0):
        return None
    try:
        scale = int(value)
    except (TypeError, ValueError):
        raise InputError(f"--scale must be 1, 2 or 3, not {value!r}") from None
    if scale not in (1, 2, 3):
        raise InputError(f"--scale must be 1, 2 or 3, not {scale}")
    return scale


def _ocr(engine: Any):
    """An OCR callable for the named engine, or None for vision.ocr's default."""
    if not engine:
        return None
    from ...vision.ocr import ocr_lines

    def run(image: Any) -> list[Any]:
        return ocr_lines(image, engine=engine)

    return run


def revise(request: RevisionRequest) -> Generation:
    """A deterministic revision from the scorer's block differences (see html/patch/).

    The loop asks again about the same page only when it dropped the last revision, so each
    further request (``request.attempt``) makes fewer, surer fixes."""
    from ...html.patch import patch_from_scores

    scores = request.details
    if scores is None or not hasattr(scores, "matches"):
        raise InputError("the built-in screenshot engine revises only against a scored target")
    html, applied = patch_from_scores(request.html, scores, width=request.width,
                                      target=request.targets[0] if request.targets else None,
                                      attempt=request.attempt)
    return Generation(text=html, backend="builtin", model="builtin-screenshot", html=html,
                      info={"fixes": applied})
