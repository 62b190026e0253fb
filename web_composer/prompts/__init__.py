"""Task and revision prompts, as jinja2 templates (``templates/<flavour>/<task>.j2``).

Two flavours:

    chat   for instruction-tuned chat models: a system prompt (one self-contained HTML document in a
           ```html block, in the chosen stack, <img> placeholders of the right size) and a user turn
           per task (screenshot, instruct, resume), plus ``script`` (the resume's JavaScript pass) and
           ``revise`` (the refinement loop).
    ixc    InternLM-XComposer-2.5's own fixed instructions, byte for byte as the model was trained on
           them; no system turn. ``--instruction`` wishes, when given, follow on a new line (without
           them the text is exact).

Messages are plain dicts in the Hugging Face chat format, images first in the user turn::

    [{"role": "system", "content": [{"type": "text", "text": "..."}]},
     {"role": "user", "content": [{"type": "image", "image": <PIL.Image>}, {"type": "text", "text": "..."}]}]

The ``openai`` backend turns image parts into data URLs; the ``hf`` backend feeds them to the
processor's chat template. ``script.py`` holds the helpers of the resume's second pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..errors import InputError
from .script import merge_script, page_of, script_of

FLAVOURS = ("chat", "ixc")
STACKS = ("tailwind", "css")
_IXC_MODEL = re.compile(r"xcomposer|(?:^|[^a-z])ixc", re.IGNORECASE)

Message = dict[str, Any]

__all__ = ["FLAVOURS", "STACKS", "build_messages", "flavour_for", "merge_script", "message_text",
           "page_of", "render_prompt", "revise_messages", "script_messages", "script_of"]


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("web_composer.prompts", "templates"),
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
        undefined=jinja2.StrictUndefined,
    )


def render_prompt(flavour: str, name: str, **context: Any) -> str:
    """Render ``templates/<flavour>/<name>.j2`` with ``context`` (ixc: byte-exact, no trimming)."""
    _check_flavour(flavour)
    text = _environment().get_template(f"{flavour}/{name}.j2").render(**context)
    return text if flavour == "ixc" else text.strip("\n")


def flavour_for(model: str | None, setting: str | None = "auto") -> str:
    """The prompt flavour for a model id: ``setting`` unless it is "auto"; ixc for XComposer models."""
    setting = (setting or "auto").lower()
    if setting != "auto":
        _check_flavour(setting)
        return setting
    return "ixc" if model and _IXC_MODEL.search(model) else "chat"


def build_messages(request: Any, flavour: str = "chat") -> list[Message]:
    """The messages that ask a model for the page of ``request`` (a GenerationRequest)."""
    _check_flavour(flavour)
    _check_request(request)
    images = list(request.images or [])
    wishes = (request.instruction or "").strip() or None
    widths = _widths(request, images)
    if flavour == "ixc":
        text = render_prompt("ixc", request.task, text=request.text or "", widths=widths)
        if wishes:
            text += "\n" + wishes
        return [_user(images, text)]
    sizes = [f"{image.width}×{image.height} px" for image in images]
    if request.task == "screenshot" and len(images) > 1:  # several widths: say which is which
        sizes = [f"{width} px wide ({size})" for width, size in zip(widths, sizes)]
    text = render_prompt("chat", request.task, text=request.text or "", sizes=sizes, instruction=wishes)
    return [_system(render_prompt("chat", "system", stack=request.stack)), _user(images, text)]


def _widths(request: Any, images: list[Any]) -> list[int]:
    """The CSS width of each screenshot (``phone.png@390``, or pixels / ``--scale``)."""
    from ..widths import target_widths

    options = getattr(request, "options", None) or {}
    scale = options.get("scale")
    return target_widths(images, options.get("widths"), float(scale) if scale else None)


def script_messages(page: str, flavour: str = "chat", images: Sequence[Any] = ()) -> list[Message]:
    """The resume's second pass: ask for the JavaScript events of ``page``.

    For ixc, ``page`` is the first pass's whole text (as IXC's own function does); for chat, the
    HTML document (see ``page_of``). Merge the answer with ``merge_script``.
    """
    return [_user(list(images), render_prompt(flavour, "script", page=page))]


def revise_messages(targets: Sequence[Any], render: Any, html: str, *, notes: Sequence[str] = (),
                    stack: str = "tailwind", instruction: str | None = None, width: int = 1280,
                    flavour: str = "chat", widths: Sequence[int] = ()) -> list[Message]:
    """Ask for a revised page: target screenshot(s), the current render (or None) and its HTML.

    ``notes`` are the differences the scorer found, one short sentence each. IXC has no revision
    instruction of its own, so the ixc flavour sends the same text without a system turn.
    """
    _check_stack(stack)
    text = render_prompt("chat", "revise", targets=len(targets), render=render is not None, width=width,
                         widths=list(widths),
                         html=html, notes=list(notes), instruction=(instruction or "").strip() or None)
    images = list(targets) + ([render] if render is not None else [])
    user = _user(images, text)
    if flavour == "ixc":
        return [user]
    _check_flavour(flavour)
    return [_system(render_prompt("chat", "system", stack=stack)), user]


def message_text(messages: Sequence[Message]) -> str:
    """All text parts of ``messages``, in order (for logs, reports and tests)."""
    return "\n".join(part["text"] for message in messages for part in message["content"]
                     if part["type"] == "text")


def _system(text: str) -> Message:
    return {"role": "system", "content": [{"type": "text", "text": text}]}


def _user(images: list[Any], text: str) -> Message:
    parts: list[dict[str, Any]] = [{"type": "image", "image": image} for image in images]
    parts.append({"type": "text", "text": text})
    return {"role": "user", "content": parts}


def _check_flavour(flavour: str) -> None:
    if flavour not in FLAVOURS:
        raise InputError(f"unknown prompt flavour {flavour!r}", hint=f"choose one of: {', '.join(FLAVOURS)}")


def _check_stack(stack: str) -> None:
    if stack not in STACKS:
        raise InputError(f"unknown stack {stack!r}", hint=f"choose one of: {', '.join(STACKS)}")


def _check_request(request: Any) -> None:
    _check_stack(request.stack)
    if request.task == "screenshot" and not request.images:
        raise InputError("the screenshot task needs at least one screenshot")
    if request.task in ("instruct", "resume") and not (request.text or "").strip():
        what = "an instruction" if request.task == "instruct" else "the resume's text"
        raise InputError(f"the {request.task} task needs {what}")
    if request.task not in ("screenshot", "instruct", "resume"):
        raise InputError(f"unknown task {request.task!r}")
