"""The built-in screenshot engine as a backend task: GenerationRequest -> Generation.

The work happens in ``web_composer.vision.engine``; this module only maps the request's fields
and options (``scale``: 1, 2 or None to detect; ``ocr``: an OCR engine name passed through to
``vision.ocr``) and packs the result.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...errors import InputError
from ...jobs import Generation, GenerationRequest, RevisionRequest


def generate(request: GenerationRequest) -> Generation:
    from ...vision.engine import screenshot_to_page

    if not request.images:
        raise InputError("the screenshot task needs at least one image")
    from ...html.tailwind import release_compiler

    options = request.options or {}
    try:
        result = screenshot_to_page(list(request.images), stack=request.stack,
                                    scale=_scale(options.get("scale")),
                                    ocr=request.reader or _ocr(options.get("ocr")),
                                    title=options.get("title") or "Page",
                                    widths=options.get("widths"),
                                    meanwhile=lambda: _start_browser(request.stack))
    finally:
        release_compiler()  # a compile takes the primed page; an error may have left it
    if request.instruction:
        result.warnings.append("the built-in screenshot engine ignores --instruction")
    return Generation(text=result.html, backend="builtin", model="builtin-screenshot",
                      html=result.html, assets=result.assets, warnings=result.warnings,
                      info=result.info)


def _start_browser(stack: str) -> None:
    """Every page generated here is rendered next (the Tailwind stylesheet, the evaluation): the
    browser starts while the screenshot is read, and loads the Tailwind compiler for a page of
    that stack (html/tailwind.py). A browser that cannot start is reported by the render that
    needs it, where the user expects that error."""
    from ...errors import RenderError
    from ...html.tailwind import prime_compiler
    from ...render.browser import warm_up

    try:
        warm_up()
    except RenderError:
        return
    if stack == "tailwind":
        prime_compiler()


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


# What the n-th revision of the same page tries (the loop asks again only when it dropped the
# last one, and stops after two dropped in a row): every pixel edit first, then a table's rows
# and the surfaces, then the surfaces alone (pictures, panels, frames: they move no text, so the
# block metrics stay; on a page without a table the second is this one), then the block fixes,
# then the font families without sizes (a size changes line heights and moves all below), the
# sizes, and fewer, surer block fixes.
PROPOSALS = (("pixels", ("rows", "surfaces", "families", "sizes")), ("pixels", ("rows", "surfaces")),
             ("pixels", ("surfaces",)),
             ("blocks", 0), ("pixels", ("surfaces", "families")), ("pixels", ("families",)),
             ("blocks", 1), ("pixels", ("sizes",)), ("blocks", 2), ("blocks", 3))


def revise(request: RevisionRequest) -> Generation:
    """A deterministic revision: edits from the pixel difference (html/regions/) or fixes from
    the scorer's block differences (html/patch/), whichever PROPOSALS[attempt] names; when that
    one changes nothing, the next one that does."""
    scores = request.details
    if scores is None or not hasattr(scores, "matches"):
        raise InputError("the built-in screenshot engine revises only against a scored target")
    made = set(request.tried)  # never propose a dropped revision again: the loop would stop
    barren: set[str] = set()  # pixel edit kinds that found nothing at all to propose here
    searched: set[tuple[str, ...]] = set()  # the pixel searches made here (same page, same result)
    for kind, how in PROPOSALS[request.attempt:]:
        if kind == "pixels" and request.targets:
            how = tuple(k for k in how if k not in barren)  # a barren kind finds nothing again
            if not how or how in searched:
                continue
            searched.add(how)
            html, assets, edits, proposed = _pixel_revision(request, scores, how)
            if not proposed or (len(how) == 1 and html == request.html):
                # nothing found, or one kind alone all undone by the check render: that kind
                # alone would be searched and rendered again for nothing
                barren |= set(how)
        elif kind == "blocks":
            html, assets, edits = _block_revision(request, scores, how)
        else:
            continue
        if html != request.html and html not in made:
            return Generation(text=html, backend="builtin", model="builtin-screenshot", html=html,
                              assets=assets, info={"fixes": [e["why"] for e in edits],
                                                   "edits": edits, "reviser": kind})
    return Generation(text=request.html, backend="builtin", model="builtin-screenshot",
                      html=request.html, info={"fixes": [], "edits": []})


def _pixel_revision(request: RevisionRequest, scores: Any, kinds: tuple[str, ...]):
    from ...html.regions import revise_from_pixels, target_pixels
    from ...html.regions.fonts import same_text

    goal = target_pixels(request.targets[0], request.width)
    height, width = goal.shape[:2]
    boxes = [(x * width, y * height, (x + w) * width, (y + h) * height)
             for x, y, w, h in (block.box for block in scores.reference_blocks)]
    # a text the page shows twice (a brand in the nav and as the headline) could be refitted to
    # the other one's glyphs: such texts are left out
    shown = Counter(same_text(block.text) for block in scores.candidate_blocks)
    matched = {same_text(scores.candidate_blocks[i].text): tuple(round(v) for v in boxes[j])
               for i, j, sim in scores.matches
               if sim >= 0.9 and shown[same_text(scores.candidate_blocks[i].text)] == 1}
    revision = revise_from_pixels(request.html, goal, width=request.width,
                                  base_dir=request.base_dir, text_boxes=boxes, matched=matched,
                                  kinds=kinds, drifts=_drifts(scores, boxes),
                                  probed=_probed(scores, request.width))
    return (revision.html, revision.assets, [edit.to_json() for edit in revision.edits],
            revision.proposed)


def _probed(scores: Any, width: int) -> tuple[dict, Any] | None:
    """What the evaluation's render read of the page's elements (evaluate.py asks it for the
    probe), with its screenshot; None when it did not, or rendered at another width."""
    data = getattr(scores.render, "data", None) or {}
    probe = (data.get("extra") or {}).get("probe")
    image = scores.candidate_image
    if not probe or image is None or image.shape[1] < width:
        return None
    return probe, image


def _drifts(scores: Any, boxes: list[tuple[float, float, float, float]]
            ) -> list[tuple[float, float, float, float, float]]:
    """Each surely matched text's box in the render (px) and how much lower the target draws it."""
    if scores.candidate_image is None:
        return []
    height, width = scores.candidate_image.shape[:2]
    out = []
    for i, j, sim in scores.matches:
        if sim < 0.9:
            continue
        x, y, w, h = scores.candidate_blocks[i].box
        top = y * height
        out.append((x * width, top, (x + w) * width, top + h * height, boxes[j][1] - top))
    return out


def _block_revision(request: RevisionRequest, scores: Any, attempt: int):
    from ...html.patch import patch_from_scores

    html, applied = patch_from_scores(request.html, scores, width=request.width,
                                      target=request.targets[0] if request.targets else None,
                                      attempt=attempt)
    edits = [{"name": label.split(":", 1)[0], "selector": "", "before": "", "after": "",
              "why": label} for label in applied]
    return html, {}, edits
