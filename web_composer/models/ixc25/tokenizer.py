"""The InternLM2 tokenizer of IXC-2.5 (sentencepiece ``tokenizer.model``) and the chat prompts.

Encoding follows the official HF tokenizer class: a BOS (1) is prepended unless asked not to, and the
literal strings ``<s>``, ``</s>`` and ``<unk>`` are the special ids 1, 2 and 0 (raw sentencepiece
would split them). ``[UNUSED_TOKEN_145/146]`` are sentencepiece user-defined pieces: single ids.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from web_composer.errors import BackendError, InputError, ModelNotFound

from .config import WEIGHTS_HINT

UNK_ID, BOS_ID, EOS_ID = 0, 1, 2
END_OF_TURN, START_OF_TURN = "[UNUSED_TOKEN_145]", "[UNUSED_TOKEN_146]"
END_OF_TURN_ID, START_OF_TURN_ID = 92542, 92543
IMAGE_PLACEHOLDER = "<ImageHere>"

# the user-turn texts of the official webpage functions (leading spaces included)
SCREENSHOT_INSTRUCTION = " Generate the HTML code of this web image with Tailwind CSS."
RESUME_INSTRUCTION = " Generate a personal page using the content in the resume:"
RESUME_JS_INSTRUCTION = " Generate JavaScript events for the html code:"
WEBPAGE_TASKS = ("screenshot", "instruct", "resume")

_SPECIAL_LITERALS = {"<unk>": UNK_ID, "<s>": BOS_ID, "</s>": EOS_ID}
_SPECIAL_RE = re.compile("(" + "|".join(re.escape(t) for t in _SPECIAL_LITERALS) + ")")


class IXCTokenizer:
    """sentencepiece BPE with IXC's BOS/EOS handling."""

    def __init__(self, model_file: Path):
        model_file = Path(model_file)
        if not model_file.is_file():
            raise ModelNotFound(f"tokenizer.model not found at {model_file}", hint=WEIGHTS_HINT)
        import sentencepiece as spm

        try:
            self.sp = spm.SentencePieceProcessor(model_file=str(model_file))
        except (OSError, RuntimeError) as exc:
            raise BackendError(f"cannot read {model_file}: {exc}") from exc
        self.vocab_size = self.sp.get_piece_size()

    def encode(self, text: str, add_bos: bool = True) -> list[int]:
        ids = [BOS_ID] if add_bos else []
        for chunk in _SPECIAL_RE.split(text):
            if chunk in _SPECIAL_LITERALS:
                ids.append(_SPECIAL_LITERALS[chunk])
            elif chunk:
                ids.extend(self.sp.encode(chunk))
        return ids

    def decode(self, ids: list[int], skip_special_tokens: bool = True) -> str:
        """With ``skip_special_tokens`` only ``<unk>``, ``<s>``, ``</s>`` are dropped (chat tokens stay)."""
        if skip_special_tokens:
            ids = [i for i in ids if i not in (UNK_ID, BOS_ID, EOS_ID)]
        return self.sp.decode(list(ids))


class TextStream:
    """Turns token ids into text chunks for a streaming callback.

    Decodes the tokens since the last newline (so the cost stays linear) and holds back a trailing
    incomplete UTF-8 sequence (sentencepiece shows it as U+FFFD) until it completes.
    """

    def __init__(self, decode: Callable[[list[int]], str], emit: Callable[[str], None]):
        self.decode, self.emit = decode, emit
        self.pending: list[int] = []
        self.sent = 0

    def __call__(self, ids: list[int]) -> None:
        self.pending.extend(ids)
        text = self.decode(self.pending)
        if text.endswith("\n"):
            self._send(text)
            self.pending, self.sent = [], 0
        elif not text.endswith("\ufffd"):
            self._send(text)

    def flush(self) -> None:
        """Send whatever is held back (call once generation has ended)."""
        if self.pending:
            self._send(self.decode(self.pending))
        self.pending, self.sent = [], 0

    def _send(self, text: str) -> None:
        if len(text) > self.sent:
            self.emit(text[self.sent:])
        self.sent = len(text)


def chat_prompt(query: str, history: list[tuple[str, str]] | None = None, meta: str | None = None) -> str:
    """The chat template: optional system turn, past turns, then the open assistant turn."""
    parts = []
    if meta:
        parts.append(f"{START_OF_TURN}system\n{meta}{END_OF_TURN}\n")
    for question, answer in history or []:
        parts.append(f"{START_OF_TURN}user\n{question}{END_OF_TURN}\n{START_OF_TURN}assistant\n{answer}{END_OF_TURN}\n")
    parts.append(f"{START_OF_TURN}user\n{query}{END_OF_TURN}\n{START_OF_TURN}assistant\n")
    return "".join(parts)


def webpage_query(task: str, text: str) -> str:
    """The user-turn text IXC's webpage functions send for a task (pass 1 for a resume)."""
    if task == "screenshot":
        return SCREENSHOT_INSTRUCTION  # the official function discards the caller's text
    if task == "instruct":
        return text
    if task == "resume":
        return RESUME_INSTRUCTION + text
    raise InputError(f"unknown webpage task {task!r}; expected one of {', '.join(WEBPAGE_TASKS)}")


def resume_js_query(page_html: str) -> str:
    """The user-turn text of the resume's second pass (JavaScript events for the page)."""
    return RESUME_JS_INSTRUCTION + page_html


def prompt_parts(prompt: str, n_images: int) -> list[tuple[str, bool] | int]:
    """Split a prompt around images as the official interleaving does.

    Returns text parts as ``(text, add_bos)`` and images as their index. With images and no
    ``<ImageHere>`` placeholder, one placeholder per image is put before the whole prompt. The first
    text part always gets the BOS (even when empty); later empty parts are dropped.
    """
    if n_images and IMAGE_PLACEHOLDER not in prompt:
        prompt = IMAGE_PLACEHOLDER * n_images + prompt
    texts = prompt.split(IMAGE_PLACEHOLDER)
    if len(texts) - 1 != n_images:
        raise InputError(f"the prompt has {len(texts) - 1} {IMAGE_PLACEHOLDER} placeholders for {n_images} images")
    parts: list[tuple[str, bool] | int] = []
    for index, text in enumerate(texts):
        if index == 0 or text:
            parts.append((text, index == 0))
        if index < n_images:
            parts.append(index)
    return parts
