"""The ``hf`` backend: a local transformers vision-language model, optionally with a PEFT LoRA.

    model_path      a model folder (config.json, weights, processor files); or ``model``: a folder
                    name under ``model_dir`` (default ``model/``)
    lora            a PEFT adapter folder (adapter_config.json), or a folder name under ``lora_dir``
    device          auto (cuda > mps > cpu) | cpu | cuda | cuda:N | mps; the dtype follows: bf16 on
                    GPUs that support it, else fp16 on GPUs, fp32 on the CPU
    max_new_tokens, seed, temperature (None or 0: greedy)

Loaded with AutoProcessor + AutoModelForImageTextToText (no remote code) on the first call, once
per process and configuration (model, adapter, device): every job of a batch worker (a thread,
or a Ray actor holding a GPU) reuses it instead of loading the weights again. The prompt (always the chat flavour: IXC-2.5 needs its own ``ixc``
backend) goes through the processor's chat template; generation streams token by token to
``progress``. Missing weights raise ``ModelNotFound`` (exit 3) saying
where weights go.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BackendError, InputError, ModelNotFound
from ..jobs import Generation, GenerationRequest, RevisionRequest, TASKS
from ..prompts import build_messages, merge_script, page_of, script_messages
from .base import Progress, check_request, register

WEIGHT_PATTERNS = ("*.safetensors", "*.bin", "*.safetensors.index.json", "*.bin.index.json")
EXAMPLE = "Qwen/Qwen2-VL-2B-Instruct"
DEFAULT_MAX_NEW_TOKENS = 4096
_loaded_models: dict[tuple, Any] = {}  # (model, adapter, device) -> Loaded, one per process


@dataclass
class Loaded:
    """A loaded model: what ``inputs`` and ``generate`` use."""

    model: Any
    processor: Any
    tokenizer: Any
    device: str
    dtype: Any


@dataclass
class _Output:
    text: str
    tokens: int
    hit_limit: bool


def choose_device(requested: str, *, cuda: bool, mps: bool, bf16: bool) -> tuple[str, str]:
    """(device, dtype name) for a requested device and what the machine has."""
    requested = (requested or "auto").lower()
    if requested == "auto":
        requested = "cuda" if cuda else "mps" if mps else "cpu"
    if requested.startswith("cuda"):
        if not cuda:
            raise BackendError(f"device {requested!r} was asked for, but torch sees no CUDA GPU",
                               hint="use --device auto or cpu, or install a CUDA build of torch")
        return requested, "bfloat16" if bf16 else "float16"
    if requested == "mps":
        if not mps:
            raise BackendError("device 'mps' was asked for, but torch has no MPS support here")
        return "mps", "float16"
    if requested == "cpu":
        return "cpu", "float32"
    raise InputError(f"unknown device {requested!r}", hint="choose auto, cpu, cuda, cuda:N or mps")


def resolve_model_path(model_path: Path | str | None, model: str | None, model_dir: Path) -> Path:
    """The model folder, checked: it exists and holds config.json and weights."""
    hint = (f"weights go in {model_dir}/ (one folder per model, with config.json and the weights), e.g. "
            f"`huggingface-cli download {EXAMPLE} --local-dir {model_dir}/{EXAMPLE.split('/')[1]}`, "
            f"then pass --model-path {model_dir}/{EXAMPLE.split('/')[1]}")
    if model_path is None and not model:
        raise ModelNotFound("the hf backend needs a model folder", hint=hint)
    path = Path(model_path).expanduser() if model_path is not None else Path(model_dir) / str(model)
    if not path.is_dir():
        raise ModelNotFound(f"no model weights at {path}", hint=hint)
    if not (path / "config.json").is_file():
        raise ModelNotFound(f"{path} is not a transformers model folder (no config.json)", hint=hint)
    if not any(next(path.glob(pattern), None) for pattern in WEIGHT_PATTERNS):
        raise ModelNotFound(f"{path} holds no weights (*.safetensors or *.bin)", hint=hint)
    return path


def resolve_lora(lora: Path | str | None, lora_dir: Path) -> Path | None:
    """The adapter folder: a path, or a folder name under ``lora_dir``; checked for adapter_config.json."""
    if lora is None or str(lora) == "":
        return None
    path = Path(lora).expanduser()
    if not path.exists() and (Path(lora_dir) / str(lora)).exists():
        path = Path(lora_dir) / str(lora)
    if not (path / "adapter_config.json").is_file():
        raise ModelNotFound(f"no PEFT adapter at {path} (adapter_config.json missing)",
                            hint=f"adapters go in {lora_dir}/ (see {lora_dir}/README.md); "
                                 "`webcompose model export-lora` writes IXC-2.5's")
    return path


@register("hf")
class HFBackend:
    tasks = frozenset(TASKS)
    accepts_images = True
    max_images = 4
    needs_weights = True

    def __init__(self, settings: Any = None, *, model_path: Path | str | None = None,
                 model: str | None = None, lora: Path | str | None = None, device: str | None = None,
                 max_new_tokens: int | None = None, seed: int | None = None,
                 temperature: float | None = None, **unknown: Any):
        if unknown:
            raise InputError(f"the hf backend has no option(s) {', '.join(sorted(unknown))}")
        if settings is None:
            from ..config import load_settings

            settings = load_settings()

        def pick(value: Any, name: str) -> Any:
            return value if value is not None else getattr(settings, name)

        explicit_path = model_path if model_path is not None else (None if model else settings.model_path)
        self.model_path = resolve_model_path(explicit_path, pick(model, "model"), settings.model_dir)
        self.lora = resolve_lora(pick(lora, "lora"), settings.lora_dir)
        self.device = pick(device, "device")
        self.max_new_tokens = int(pick(max_new_tokens, "max_new_tokens") or DEFAULT_MAX_NEW_TOKENS)
        self.seed = pick(seed, "seed")
        self.temperature = pick(temperature, "temperature")
        self._loaded: Loaded | None = None

    @property
    def name_of_model(self) -> str:
        return self.model_path.name + (f"+{self.lora.name}" if self.lora else "")

    # -- loading ----------------------------------------------------------------------------------

    def load(self) -> Loaded:
        """Load processor, model and adapter (once)."""
        if self._loaded is not None:
            return self._loaded
        key = (str(self.model_path), str(self.lora), self.device)
        if key in _loaded_models:
            self._loaded = _loaded_models[key]
            return self._loaded
        import torch

        mps = getattr(torch.backends, "mps", None)
        device, dtype_name = choose_device(
            self.device, cuda=torch.cuda.is_available(), mps=bool(mps and mps.is_available()),
            bf16=torch.cuda.is_available() and torch.cuda.is_bf16_supported())
        dtype = getattr(torch, dtype_name)
        processor, model = self._load_model(device, dtype)
        if self.lora is not None:
            model = self._load_adapter(model)
        model.eval()
        tokenizer = getattr(processor, "tokenizer", processor)
        self._loaded = Loaded(model=model, processor=processor, tokenizer=tokenizer, device=device,
                              dtype=dtype)
        _loaded_models[key] = self._loaded
        return self._loaded

    def _load_model(self, device: str, dtype: Any) -> tuple[Any, Any]:
        import transformers
        from transformers import AutoModelForImageTextToText, AutoProcessor

        path = self.model_path
        try:
            processor = AutoProcessor.from_pretrained(path)
            kwargs: dict[str, Any] = {"dtype": dtype}
            if device.startswith("cuda"):
                kwargs["device_map"] = device
            model = AutoModelForImageTextToText.from_pretrained(path, **kwargs)
        except ValueError as exc:
            raise BackendError(f"{path} is not an image-text-to-text model that transformers "
                               f"{transformers.__version__} can load ({_first_line(exc)})",
                               hint="the hf backend takes vision-language models such as Qwen2-VL, "
                                    "LLaVA or Idefics3; IXC-2.5 has its own backend (ixc)") from None
        except OSError as exc:
            raise ModelNotFound(f"cannot load the model at {path}: {_first_line(exc)}",
                                hint="the folder needs the model's config, weights and processor "
                                     "files") from None
        if not device.startswith("cuda"):
            model = model.to(device)
        return processor, model

    def _load_adapter(self, model: Any) -> Any:
        try:
            from peft import PeftModel
        except ImportError:
            raise BackendError("--lora needs the package 'peft'", hint="pip install peft") from None
        try:
            return PeftModel.from_pretrained(model, str(self.lora))
        except (ValueError, KeyError, RuntimeError, OSError) as exc:
            raise BackendError(f"the adapter at {self.lora} does not fit the model at {self.model_path} "
                               f"({_first_line(exc)})") from None

    # -- prompting and generating -------------------------------------------------------------------

    def inputs(self, messages: list[dict]) -> dict[str, Any]:
        """The model inputs (tensors on the model's device, floats in its dtype) for ``messages``."""
        loaded = self.load()
        images = [part["image"].convert("RGB") for message in messages for part in message["content"]
                  if part["type"] == "image"]
        prompt = _chat_text(loaded.processor, messages, self.model_path)
        batch = loaded.processor(text=prompt, images=images or None, return_tensors="pt")
        return {key: _to(value, loaded) for key, value in dict(batch).items()}

    def generate(self, request: GenerationRequest, progress: Progress | None = None) -> Generation:
        check_request(self, request)
        started = time.monotonic()
        outputs = [self._run(build_messages(request, "chat"), progress)]
        text = outputs[0].text
        page = page_of(text)
        if request.task == "resume" and page is not None:
            outputs.append(self._run(script_messages(page, "chat"), progress))
            text = merge_script(text, outputs[1].text)
        loaded = self.load()
        warnings = self._limit_warning(outputs[0])
        info = {"model_path": str(self.model_path), "lora": str(self.lora) if self.lora else None,
                "device": loaded.device, "dtype": str(loaded.dtype).replace("torch.", ""),
                "passes": len(outputs), "tokens": sum(o.tokens for o in outputs), "seed": self.seed,
                "greedy": not self._sampling, "elapsed_s": round(time.monotonic() - started, 3)}
        return Generation(text=text, backend="hf", model=self.name_of_model, warnings=warnings, info=info)

    def revise(self, request: RevisionRequest, progress: Progress | None = None) -> Generation:
        """A revision turn: target(s), current render and HTML, and what is wrong (see revision.py)."""
        from ..revision import revise_with_chat

        return revise_with_chat(self, request, progress)

    def chat(self, messages: list[dict] | Callable[[str], list[dict]],
             progress: Progress | None = None) -> Generation:
        """One call with ready-made messages (e.g. ``prompts.revise_messages``); no second pass.
        ``messages`` may be a function of the prompt flavour (always "chat" here)."""
        started = time.monotonic()
        output = self._run(messages("chat") if callable(messages) else messages, progress)
        return Generation(text=output.text, backend="hf", model=self.name_of_model,
                          warnings=self._limit_warning(output),
                          info={"tokens": output.tokens, "elapsed_s": round(time.monotonic() - started, 3)})

    def _limit_warning(self, output: _Output) -> list[str]:
        if not output.hit_limit:
            return []
        return [f"the model stopped at the token limit (max_new_tokens={self.max_new_tokens}); "
                "the output may be cut off"]

    @property
    def _sampling(self) -> bool:
        return bool(self.temperature and self.temperature > 0)

    def _run(self, messages: list[dict], progress: Progress | None) -> _Output:
        import torch

        loaded = self.load()
        inputs = self.inputs(messages)
        if self.seed is not None:
            from transformers import set_seed

            set_seed(int(self.seed))
        options: dict[str, Any] = {"max_new_tokens": self.max_new_tokens, "do_sample": self._sampling}
        if self._sampling:
            options["temperature"] = float(self.temperature)
        if progress is not None:
            options["streamer"] = TokenStream(loaded.tokenizer, progress)
        with torch.inference_mode():
            output = loaded.model.generate(**inputs, **options)
        new = output[0, inputs["input_ids"].shape[1]:].tolist()
        text = loaded.tokenizer.decode(new, skip_special_tokens=True)
        eos = _eos_ids(loaded.model)
        hit_limit = len(new) >= self.max_new_tokens and not (new and new[-1] in eos)
        return _Output(text=text, tokens=len(new), hit_limit=hit_limit)


class TokenStream:
    """A transformers streamer that hands ``progress`` the new text once per generated token.

    Text is decoded from the start of the current line, so multi-byte characters split across
    tokens come out whole; a trailing U+FFFD (an incomplete character) waits for the next token.
    """

    def __init__(self, tokenizer: Any, progress: Progress):
        self.tokenizer, self.progress = tokenizer, progress
        self._prompt_seen = False
        self._line: list[int] = []
        self._shown = 0

    def put(self, value: Any) -> None:
        if not self._prompt_seen:  # generate() first passes the prompt
            self._prompt_seen = True
            return
        for token in value.reshape(-1).tolist():
            self._line.append(token)
            self.progress(self._new_text(final=False))

    def end(self) -> None:
        rest = self._new_text(final=True)
        if rest:
            self.progress(rest)

    def _new_text(self, *, final: bool) -> str:
        text = self.tokenizer.decode(self._line, skip_special_tokens=True)
        if final or text.endswith("\n"):
            chunk = text[self._shown:]
            self._line, self._shown = [], 0
            return chunk
        stable = text.rstrip("\ufffd")
        chunk = stable[self._shown:]
        self._shown = max(self._shown, len(stable))
        return chunk


def _chat_text(processor: Any, messages: list[dict], path: Path) -> str:
    """The prompt text from the processor's chat template; a system turn the template refuses is
    folded into the user turn."""
    import jinja2

    plain = [{"role": m["role"], "content": [{"type": "image"} if p["type"] == "image" else p
                                             for p in m["content"]]} for m in messages]
    try:
        try:
            return processor.apply_chat_template(plain, add_generation_prompt=True, tokenize=False)
        except jinja2.TemplateError:
            if plain[0]["role"] != "system":
                raise
            return processor.apply_chat_template(_fold_system(plain), add_generation_prompt=True,
                                                 tokenize=False)
    except ValueError as exc:
        raise BackendError(f"the model at {path} has no chat template ({_first_line(exc)})",
                           hint="the hf backend needs an instruction-tuned (chat) model") from None
    except jinja2.TemplateError as exc:
        raise BackendError(f"the chat template of the model at {path} failed: {_first_line(exc)}") from None


def _fold_system(messages: list[dict]) -> list[dict]:
    """The system turn's text put in front of the (single) user turn's text."""
    system, user = messages[0], messages[1]
    images = [p for p in user["content"] if p["type"] == "image"]
    text = _text_of(system) + "\n\n" + _text_of(user)
    return [{"role": "user", "content": [*images, {"type": "text", "text": text}]}, *messages[2:]]


def _text_of(message: dict) -> str:
    return "\n".join(p["text"] for p in message["content"] if p["type"] == "text")


def _to(value: Any, loaded: Loaded) -> Any:
    if not hasattr(value, "to"):
        return value
    if value.is_floating_point():
        return value.to(loaded.device, dtype=loaded.dtype)
    return value.to(loaded.device)


def _eos_ids(model: Any) -> set[int]:
    eos = getattr(getattr(model, "generation_config", None), "eos_token_id", None)
    if eos is None:
        return set()
    return set(eos) if isinstance(eos, (list, tuple)) else {int(eos)}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
