"""The `ixc` backend: native InternLM-XComposer-2.5 in this process, with the web LoRA as a PEFT
adapter, IXC-2.5's exact task instructions and generation settings (see models/ixc25)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ModelNotFound
from ..jobs import Generation, GenerationRequest, RevisionRequest
from .base import Progress, register

DEFAULT_MODEL = Path("model/internlm-xcomposer2d5-7b")
DEFAULT_LORA = Path("lora_weights/ixc25-web")
_loaded: dict[tuple, Any] = {}  # one model per process and configuration


@register("ixc")
class IxcBackend:
    tasks = frozenset({"screenshot", "instruct", "resume"})
    accepts_images = True
    max_images = 8
    needs_weights = True

    def __init__(self, settings: Any = None, **options: Any) -> None:
        def pick(name: str, default: Any = None) -> Any:
            value = options.get(name)
            return value if value is not None else getattr(settings, name, None) or default

        self.model_path = Path(pick("model_path", DEFAULT_MODEL))
        lora = pick("lora")
        if lora is None and DEFAULT_LORA.is_dir():
            lora = DEFAULT_LORA
        self.lora = Path(lora) if lora else None
        self.device = pick("device")
        self.dtype = pick("dtype")
        self.load_in_4bit = bool(pick("load_in_4bit", False))
        self.max_new_tokens = int(pick("max_new_tokens", 4800))
        self.seed = int(pick("seed", 202))

    def _model(self) -> Any:
        if not self.model_path.is_dir():
            raise ModelNotFound(
                f"no IXC-2.5 checkpoint at {self.model_path}",
                hint="download it with `huggingface-cli download internlm/internlm-xcomposer2d5-7b "
                     "--local-dir model/internlm-xcomposer2d5-7b` (see model/README.md)")
        if self.lora is not None and not (self.lora / "adapter_config.json").is_file():
            raise ModelNotFound(f"no PEFT adapter at {self.lora}",
                                hint="webcompose model export-lora MODEL_DIR --task web "
                                     "-o lora_weights/ixc25-web")
        key = (str(self.model_path), str(self.lora), self.device, self.dtype, self.load_in_4bit)
        if key not in _loaded:
            from ..models.ixc25 import load_ixc25

            _loaded[key] = load_ixc25(self.model_path, lora=self.lora, device=self.device,
                                      dtype=self.dtype, load_in_4bit=self.load_in_4bit)
        return _loaded[key]

    def generate(self, request: GenerationRequest, progress: Progress | None = None) -> Generation:
        model = self._model()
        text = request.text or ""
        if request.instruction and request.task != "instruct":
            text = f"{text}\n{request.instruction}".strip()
        output = model.generate_webpage(request.task, text, list(request.images),
                                        max_new_tokens=self.max_new_tokens, seed=self.seed,
                                        stream=progress)
        name = self.model_path.name + (f" + {self.lora.name}" if self.lora else "")
        return Generation(text=output, backend="ixc", model=name)

    def chat(self, messages: Any, progress: Progress | None = None) -> Generation:
        """One multi-image turn with the web LoRA active (e.g. ``prompts.revise_messages``)."""
        from ..models.ixc25.webpage import webpage_settings

        turn = messages("ixc") if callable(messages) else messages
        history, text, images = conversation(turn)
        output = self._model().run(text, images, webpage_settings(self.max_new_tokens, {}),
                                   seed=self.seed, stream=progress, history=history or None)
        return Generation(text=output, backend="ixc", model=self.model_path.name)

    def revise(self, request: RevisionRequest, progress: Progress | None = None) -> Generation:
        from ..revision import revise_with_chat

        return revise_with_chat(self, request, progress)


def conversation(messages: list[dict]) -> tuple[list[tuple[str, str]], str, list[Any]]:
    """HF-style messages -> (earlier (user, assistant) turns, the last user text, the images).

    Without an assistant message, every text is one query (as a single turn always was); with
    one, each user text before an assistant answer forms a past turn (IXC-2.5's multi-turn chat).
    """
    def text_of(message: dict) -> str:
        return "\n".join(p["text"] for p in message["content"] if p["type"] == "text")

    images = [p["image"] for m in messages for p in m["content"] if p["type"] == "image"]
    if not any(m["role"] == "assistant" for m in messages):
        return [], "\n".join(text_of(m) for m in messages), images
    history: list[tuple[str, str]] = []
    asked: list[str] = []
    for message in messages:
        if message["role"] == "assistant":
            history.append(("\n".join(asked), text_of(message)))
            asked = []
        else:
            asked.append(text_of(message))
    return history, "\n".join(asked), images
