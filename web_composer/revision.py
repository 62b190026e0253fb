"""Revising a page: what the evaluation found wrong, in words, and the model backends' revision turn.

Model backends revise with a multi-image chat turn (target screenshot(s), the current render, the
current HTML and the list of differences); the built-in engines revise deterministically from the
evaluation's own data (see backends/builtin).
"""

from __future__ import annotations

from typing import Any

from .jobs import Generation, RevisionRequest

MAX_NOTES = 15
MOVE_THRESHOLD = 0.03  # of the page's width/height
COLOUR_THRESHOLD = 0.85  # colour similarity below which a colour is called wrong


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"\"{text[:limit]}{'…' if len(text) > limit else ''}\""


def _where(box: tuple[float, float, float, float]) -> str:
    x, y, w, h = box
    return f"{round(100 * (x + w / 2))}% across, {round(100 * (y + h / 2))}% down"


def _rgb(colour: Any) -> str:
    r, g, b = (round(float(c)) for c in colour)
    return f"rgb({r}, {g}, {b})"


def feedback_from_scores(scores: Any) -> list[str]:
    """Short sentences a reviser can act on, from the scorer's matched and unmatched blocks."""
    from .score.metrics import color_similarity

    notes: list[tuple[float, str]] = []
    for block in scores.unmatched_reference_blocks:
        notes.append((block.area, f"missing text {_quote(block.text)} (the target has it at "
                                  f"{_where(block.box)})"))
    for block in scores.unmatched_candidate_blocks:
        notes.append((block.area * 0.8, f"extra text not in the target: {_quote(block.text)}"))
    for i, j, _ in scores.matches:
        cand, ref = scores.candidate_blocks[i], scores.reference_blocks[j]
        (cx, cy), (rx, ry) = cand.center, ref.center
        if max(abs(cx - rx), abs(cy - ry)) > MOVE_THRESHOLD:
            notes.append((ref.area * 0.6, f"{_quote(ref.text, 40)} is at {_where(cand.box)} but "
                                          f"should be at {_where(ref.box)}"))
        if color_similarity(cand.color, ref.color) < COLOUR_THRESHOLD:
            notes.append((ref.area * 0.4, f"{_quote(ref.text, 40)} is coloured {_rgb(cand.color)} "
                                          f"but should be {_rgb(ref.color)}"))
    notes.sort(key=lambda item: -item[0])
    return [text for _, text in notes[:MAX_NOTES]]


def revise_with_chat(backend: Any, request: RevisionRequest, progress: Any = None) -> Generation:
    """One revision turn of a chat-capable backend (openai, hf, ixc)."""
    from .prompts import revise_messages

    def messages(flavour: str) -> list[dict]:
        return revise_messages(request.targets, request.render, request.html, notes=request.feedback,
                               stack=request.stack, instruction=request.instruction,
                               width=request.width, flavour=flavour,
                               widths=request.options.get("target_widths") or ())

    return backend.chat(messages, progress)
