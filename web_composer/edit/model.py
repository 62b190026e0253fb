"""The model backends' edit: one chat turn with the current page and the instruction.

The turn is a conversation, as IXC-2.5 and chat models hold them: the page (its render, and its
HTML as the previous answer) and then the user's edit; for the ixc flavour, which has no edit
instruction of its own, the same text as one user turn. The answer goes through the same finalize
stage as a generated page (extract, repair, offline assets).
"""

from __future__ import annotations

from typing import Any

from ..html import Page, finalize
from ..prompts import render_prompt


def edit_messages(html: str, instruction: str, render: Any = None, *, stack: str = "tailwind",
                  width: int = 1280, flavour: str = "chat") -> list[dict]:
    """The messages asking a model to edit ``html`` (HF chat format; images first in a turn)."""
    text = render_prompt("chat", "edit", html=html, instruction=instruction.strip(),
                         render=render is not None, width=width)
    parts: list[dict] = [{"type": "image", "image": render}] if render is not None else []
    user = {"role": "user", "content": [*parts, {"type": "text", "text": text}]}
    if flavour == "ixc":
        return [user]
    system = {"role": "system", "content": [{"type": "text", "text": render_prompt("chat", "system",
                                                                                   stack=stack)}]}
    return [system, user]


def edit_with_model(backend: Any, folder: Any, instruction: str, *,
                    timeout: float | None = None) -> tuple[Page, str | None]:
    """The page ``backend`` answers for ``folder``'s page and ``instruction``; and its model."""
    render = None
    png = folder.path / "render.png"
    if png.is_file() and getattr(backend, "accepts_images", False):
        from PIL import Image

        with Image.open(png) as image:
            render = image.convert("RGB")
    stack = (folder.report.get("inputs") or {}).get("stack") or "tailwind"
    width = int((folder.report.get("render") or {}).get("width") or 1280)

    def messages(flavour: str) -> list[dict]:
        return edit_messages(folder.html, instruction, render, stack=stack, width=width, flavour=flavour)

    generation = backend.chat(messages)
    return finalize(generation), generation.model
