"""The model backends' edit: one chat turn with the current page and the instruction.

    chat flavour   system prompt, then one user turn: the render, the current HTML, the edit
    ixc flavour    IXC-2.5's multi-turn chat: the request that made the page, the page as the
                   model's answer, then the edit as the next user turn (no image: the page is
                   in the conversation)

The answer goes through the same finalize stage as a generated page (extract, repair, offline
assets).
"""

from __future__ import annotations

from typing import Any

from ..html import Page, finalize
from ..prompts import render_prompt


FIRST_TURN = "Generate a webpage."  # the first turn of a page whose request was not text


def edit_messages(html: str, instruction: str, render: Any = None, *, stack: str = "tailwind",
                  width: int = 1280, flavour: str = "chat", asked: str | None = None) -> list[dict]:
    """The messages asking a model to edit ``html`` (HF chat format; images first in a turn).
    ``asked``: the request that made the page (the ixc flavour's first turn)."""
    if flavour == "ixc":
        return [_turn("user", asked or FIRST_TURN), _turn("assistant", html),
                _turn("user", instruction.strip())]
    text = render_prompt("chat", "edit", html=html, instruction=instruction.strip(),
                         render=render is not None, width=width)
    parts: list[dict] = [{"type": "image", "image": render}] if render is not None else []
    user = {"role": "user", "content": [*parts, {"type": "text", "text": text}]}
    system = {"role": "system", "content": [{"type": "text", "text": render_prompt("chat", "system",
                                                                                   stack=stack)}]}
    return [system, user]


def _turn(role: str, text: str) -> dict:
    return {"role": role, "content": [{"type": "text", "text": text}]}


def edit_with_model(backend: Any, folder: Any, instruction: str, *,
                    timeout: float | None = None) -> tuple[Page, str | None]:
    """The page ``backend`` answers for ``folder``'s page and ``instruction``; and its model."""
    render = None
    png = folder.path / "render.png"
    if png.is_file() and getattr(backend, "accepts_images", False):
        from PIL import Image

        with Image.open(png) as image:
            render = image.convert("RGB")
    inputs = folder.report.get("inputs") or {}
    stack = inputs.get("stack") or "tailwind"
    asked = inputs.get("text") if folder.task == "instruct" else None
    width = int((folder.report.get("render") or {}).get("width") or 1280)

    def messages(flavour: str) -> list[dict]:
        return edit_messages(folder.html, instruction, render, stack=stack, width=width, flavour=flavour,
                             asked=asked)

    generation = backend.chat(messages)
    return finalize(generation), generation.model
