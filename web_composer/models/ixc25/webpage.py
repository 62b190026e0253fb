"""IXC-2.5's three webpage functions (screenshot, instruction, resume) on the native model.

Prompts, settings and post-processing follow the official ``screen_2_webpage``, ``write_webpage``
and ``resume_2_webpage``, with two deliberate differences:
* the resume's JavaScript pass is spliced in as a real ``<script>`` element before ``</body>``
  (the official code inserts a Python list's text before every ``</script>``);
* generation also stops at the end-of-turn token ``[UNUSED_TOKEN_145]`` (the official web functions
  stop only at ``</s>``, so anything the model wrote after its turn ended would land in the page).
"""

from __future__ import annotations

import random
import re
import warnings
from dataclasses import fields
from pathlib import Path
from typing import Callable, Sequence

from PIL import Image

from web_composer.errors import InputError

from .tokenizer import (END_OF_TURN, END_OF_TURN_ID, EOS_ID, START_OF_TURN, WEBPAGE_TASKS, TextStream,
                        chat_prompt, resume_js_query, webpage_query)

# the official webpage settings: beam sampling with 2 beams, HF's default top_k 50 / top_p 1.0
WEBPAGE_SETTINGS = {"do_sample": True, "num_beams": 2, "temperature": 1.0, "top_k": 50, "top_p": 1.0,
                    "repetition_penalty": 3.0, "eos_token_ids": (EOS_ID, END_OF_TURN_ID)}
_UNSPLASH = re.compile(r"https://source\.unsplash\.com/random/(\d+)x(\d+)/\?[^\"']*")
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_FENCE = re.compile(r"```(?:javascript|js)?\s*\n(.*?)```", re.IGNORECASE | re.DOTALL)


class IXC25:
    """A loaded IXC-2.5 (model + tokenizer) that writes webpages. Built by ``load_ixc25``.

    One generation at a time: the model keeps per-forward state (the image mask), so calls from
    several threads must be serialised by the caller.
    """

    def __init__(self, model, tokenizer, *, infer_mode: str = "base", adapter: Path | None = None,
                 model_path: Path | None = None):
        self.model, self.tokenizer = model, tokenizer
        self.infer_mode, self.adapter, self.model_path = infer_mode, adapter, model_path

    @property
    def web_ready(self) -> bool:
        """True when the web LoRA is active (PEFT adapter or the embedded web mode)."""
        return self.adapter is not None or self.infer_mode == "web"

    def generate_webpage(self, task: str, text: str, images: Sequence[Image.Image] = (), *,
                         max_new_tokens: int = 4800, seed: int | None = 202, hd_num: int | None = None,
                         stream: Callable[[str], None] | None = None, **sampling) -> str:
        """The page (HTML text) for ``task`` in {"screenshot", "instruct", "resume"}.

        ``text``: the instruction, or the resume's text; ignored for screenshots (IXC's instruction
        is fixed). ``sampling`` overrides the official settings (do_sample, num_beams, temperature,
        top_k, top_p, repetition_penalty, min_new_tokens, length_penalty, eos_token_ids).
        ``stream`` receives text as it becomes final (both passes of a resume).
        """
        if task not in WEBPAGE_TASKS:
            raise InputError(f"unknown webpage task {task!r}; expected one of {', '.join(WEBPAGE_TASKS)}")
        images = [_rgb(image) for image in images]
        if task == "screenshot" and len(images) != 1:
            raise InputError(f"the screenshot task takes exactly one image, got {len(images)}")
        if task != "screenshot" and not text.strip():
            raise InputError(f"the {task} task needs a non-empty text")
        if not self.web_ready:
            warnings.warn("IXC-2.5 runs in base mode: no web LoRA is loaded (pass the exported adapter)",
                          stacklevel=2)
        settings = webpage_settings(max_new_tokens, sampling)
        page = self.run(webpage_query(task, text), images, settings, seed=seed, hd_num=hd_num, stream=stream)
        if task == "resume":
            script = self.run(resume_js_query(page), images, settings, seed=seed, hd_num=hd_num, stream=stream)
            page = insert_script(page, script)
        return page

    def run(self, query: str, images: Sequence[Image.Image], settings, *, seed: int | None = None,
            hd_num: int | None = None, stream: Callable[[str], None] | None = None,
            history: list[tuple[str, str]] | None = None) -> str:
        """One chat turn with IXC's webpage post-processing; returns the cleaned text.

        ``history``: earlier (user, assistant) turns of the conversation, e.g. the request that
        made a page and the page itself, before a follow-up edit (``webcompose edit``)."""
        from .generation import generate
        from .interleave import interleave

        if seed is not None and seed != -1:
            seed_everything(seed)
        embeds, mask = interleave(self.model, self.tokenizer, chat_prompt(query, history), images, hd_num)
        streamer = None
        if stream is not None:
            streamer = TextStream(lambda ids: strip_chat_tokens(self.tokenizer.decode(ids)), stream)
        output = generate(self.model, settings, inputs_embeds=embeds, im_mask=mask, infer_mode=self.infer_mode,
                          on_tokens=streamer)
        if streamer is not None:
            streamer.flush()
        return clean_output(self.tokenizer.decode(output.tokens))


def webpage_settings(max_new_tokens: int, overrides: dict):
    from .generation import GenerationSettings

    known = {f.name for f in fields(GenerationSettings)} - {"max_new_tokens"}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise InputError(f"unknown generation setting(s): {', '.join(unknown)}")
    values = {**WEBPAGE_SETTINGS, **overrides, "max_new_tokens": max_new_tokens}
    if "eos_token_ids" in overrides:
        values["eos_token_ids"] = tuple(overrides["eos_token_ids"])
    try:
        return GenerationSettings(**values)
    except (TypeError, ValueError) as exc:
        raise InputError(f"bad generation settings: {exc}") from exc


def seed_everything(seed: int) -> None:
    """Seed torch (every device), numpy and random, as the official functions do."""
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def strip_chat_tokens(text: str) -> str:
    return text.replace(END_OF_TURN, "").replace(START_OF_TURN, "")


def clean_output(text: str) -> str:
    """Official per-pass clean-up: drop the chat tokens' text, unsplash URLs -> picsum.photos."""
    return _UNSPLASH.sub(lambda m: f"https://picsum.photos/{m[1]}/{m[2]}", strip_chat_tokens(text))


def extract_javascript(text: str) -> str:
    """The JavaScript of the resume's second pass: its <script> bodies, else fenced code, else the text."""
    bodies = [body.strip() for body in _SCRIPT.findall(text) if body.strip()]
    if not bodies:
        bodies = [body.strip() for body in _FENCE.findall(text) if body.strip()]
    if not bodies and not _SCRIPT.search(text):
        stripped = text.strip()
        bodies = [stripped] if stripped and "<" not in stripped[:1] else []
    return "\n\n".join(bodies)


def insert_script(page: str, js_output: str) -> str:
    """Add the generated JavaScript to the page as one ``<script>`` element before ``</body>``
    (see prompts.script.merge_script). IXC's second pass may answer with bare JavaScript, which
    is accepted here. Plain string splicing: backslashes survive."""
    from ...prompts.script import merge_script

    script = extract_javascript(js_output)
    return merge_script(page, f"<script>\n{script}\n</script>") if script else page


def _rgb(image: Image.Image) -> Image.Image:
    if not isinstance(image, Image.Image):
        raise InputError(f"expected a PIL image, got {type(image).__name__}")
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        return background
    return image.convert("RGB")
