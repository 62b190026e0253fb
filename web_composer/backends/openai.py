"""The ``openai`` backend: any OpenAI-compatible chat-completions server.

LMDeploy (how InternLM serves IXC-2.5), vLLM, Ollama, or a hosted API. Options (each falls back to
the setting of the same name, see ``config.Settings``):

    base_url        one URL or a list; with several, calls start round-robin and fail over to the next
                    server when one is unreachable or keeps failing
    preset          lmdeploy | vllm | ollama: the usual local URL, when no base_url is given
    model           the model id; default: the only model the server lists at /models
    api_key_env     name of the environment variable holding the key (no key is sent otherwise)
    max_new_tokens, temperature, seed     sent as max_tokens, temperature, seed
    prompt_flavour  auto | chat | ixc (auto: ixc for InternLM-XComposer model ids)
    connect_timeout, read_timeout, retries
    stream          stream the answer (default True); backoff: first retry delay in seconds

Errors: 401/403, an unknown model, connection refused, a server that keeps failing (429/5xx, reset
connections, retried with exponential backoff honouring Retry-After) and a stream cut off mid-way
all raise ``BackendError`` (exit 3) with one line saying what to do.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import BackendError, InputError
from ..jobs import Generation, GenerationRequest, RevisionRequest, TASKS
from ..prompts import build_messages, flavour_for, merge_script, page_of, script_messages
from .base import Progress, check_request, register
from .openai_protocol import (MAX_RETRY_AFTER, Reply, Retry, Unreachable, json_body, read_stream,
                              read_whole, refused, retry_after, server_message, to_openai)

PRESETS = {
    "lmdeploy": "http://127.0.0.1:23333/v1",
    "vllm": "http://127.0.0.1:8000/v1",
    "ollama": "http://127.0.0.1:11434/v1",
}
DEFAULT_MAX_NEW_TOKENS = 4096  # always sent: some servers (LMDeploy) default to a few hundred
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
START_HINTS = {
    "lmdeploy": "start it with `lmdeploy serve api_server MODEL --server-port 23333`",
    "vllm": "start it with `vllm serve MODEL --port 8000`",
    "ollama": "start it with `ollama serve`",
}


_ROTATIONS: dict[tuple[str, ...], "itertools.count[int]"] = {}

@register("openai")
class OpenAIBackend:
    tasks = frozenset(TASKS)
    accepts_images = True
    max_images = 8
    needs_weights = False

    def __init__(self, settings: Any = None, *, base_url: str | list[str] | None = None,
                 preset: str | None = None, model: str | None = None, api_key_env: str | None = None,
                 max_new_tokens: int | None = None, temperature: float | None = None,
                 seed: int | None = None, prompt_flavour: str | None = None,
                 connect_timeout: float | None = None, read_timeout: float | None = None,
                 retries: int | None = None, stream: bool = True, backoff: float = 1.0, **unknown: Any):
        if unknown:
            raise InputError(f"the openai backend has no option(s) {', '.join(sorted(unknown))}")
        if settings is None:
            from ..config import load_settings

            settings = load_settings()

        def pick(value: Any, name: str) -> Any:
            return value if value is not None else getattr(settings, name)

        self.preset = preset or (None if base_url or settings.base_url else settings.preset)
        self.urls = server_urls(base_url, preset, settings.base_url, settings.preset)
        self.model = pick(model, "model")
        self.api_key_env = pick(api_key_env, "api_key_env")
        self.headers = auth_headers(self.api_key_env)
        self.max_new_tokens = int(pick(max_new_tokens, "max_new_tokens") or DEFAULT_MAX_NEW_TOKENS)
        self.temperature, self.seed = pick(temperature, "temperature"), pick(seed, "seed")
        self.prompt_flavour = pick(prompt_flavour, "prompt_flavour")
        self.timeouts = (float(pick(connect_timeout, "connect_timeout")),
                         float(pick(read_timeout, "read_timeout")))
        self.retries = max(0, int(pick(retries, "retries")))
        self.stream, self.backoff = stream, backoff
        self.sleep: Callable[[float], None] = time.sleep  # how retries wait (replaceable in tests)
        self._models: dict[str, str] = {}
        # one rotation per list of servers, shared by every backend of the process (batch jobs)
        self._turn = _ROTATIONS.setdefault(tuple(self.urls), itertools.count())
        self._client: Any = None

    # -- the one method ---------------------------------------------------------------------------

    def generate(self, request: GenerationRequest, progress: Progress | None = None) -> Generation:
        check_request(self, request)
        started = time.monotonic()
        first = self._chat(lambda model: build_messages(request, self.flavour(model)), progress)
        replies, text, warnings = [first], first.text, []
        page = page_of(first.text)
        if request.task == "resume" and page is not None:
            flavour = self.flavour(first.model)
            page_input = first.text if flavour == "ixc" else page
            try:
                second = self._chat(lambda model: script_messages(page_input, flavour), progress,
                                    prefer=first.url)
            except BackendError as exc:  # the page stands without its scripts
                warnings.append(f"the JavaScript pass failed, the page has no scripts: {exc.one_line()}")
            else:
                replies.append(second)
                text = merge_script(first.text, second.text)
        return Generation(text=text, backend="openai", model=first.model,
                          warnings=self._warnings(replies) + warnings, info=self._info(replies, started))

    def revise(self, request: RevisionRequest, progress: Progress | None = None) -> Generation:
        """A revision turn: target(s), current render and HTML, and what is wrong (see revision.py)."""
        from ..revision import revise_with_chat

        return revise_with_chat(self, request, progress)

    def chat(self, messages: list[dict] | Callable[[str], list[dict]],
             progress: Progress | None = None) -> Generation:
        """One call with ready-made messages (e.g. ``prompts.revise_messages``); no second pass.

        ``messages`` may be a function of the prompt flavour ("chat" or "ixc"), which depends on
        the model the server turns out to serve.
        """
        started = time.monotonic()
        build = messages if callable(messages) else (lambda flavour: messages)
        reply = self._chat(lambda model: build(self.flavour(model)), progress)
        return Generation(text=reply.text, backend="openai", model=reply.model,
                          warnings=self._warnings([reply]), info=self._info([reply], started))

    def flavour(self, model: str) -> str:
        return flavour_for(model, self.prompt_flavour)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    # -- one chat call, with failover across servers ------------------------------------------------

    def _chat(self, messages_for: Callable[[str], list[dict]], progress: Progress | None,
              prefer: str | None = None) -> Reply:
        failures: list[tuple[str, BackendError]] = []
        for url in self._server_order(prefer):
            try:
                model = self._model_at(url)
                body = self._body(model, messages_for(model))
                return self._attempts(url, lambda: self._post_chat(url, body, progress))
            except Unreachable as exc:
                failures.append((url, exc.error))
        if len(failures) == 1:
            raise failures[0][1]
        detail = "; ".join(f"{url}: {error.message}" for url, error in failures)
        raise BackendError(f"no server could answer ({detail})", hint=failures[0][1].hint)

    def _server_order(self, prefer: str | None) -> list[str]:
        if prefer in self.urls:
            start = self.urls.index(prefer)
        else:
            start = next(self._turn) % len(self.urls)
        return self.urls[start:] + self.urls[:start]

    def _body(self, model: str, messages: list[dict]) -> dict[str, Any]:
        body: dict[str, Any] = {"model": model, "messages": to_openai(messages),
                                "max_tokens": self.max_new_tokens, "stream": self.stream}
        if self.temperature is not None:
            body["temperature"] = self.temperature
        if self.seed is not None:
            body["seed"] = self.seed
        return body

    def _attempts(self, url: str, attempt: Callable[[], Any]) -> Any:
        """Run ``attempt`` until it succeeds, retrying ``Retry`` failures with backoff."""
        for number in itertools.count():
            try:
                return attempt()
            except Retry as exc:
                if number >= self.retries:
                    tries = f"{number + 1} attempt{'s' if number else ''}"
                    raise Unreachable(BackendError(f"the server at {url} keeps failing: {exc.reason} "
                                                    f"({tries})", hint="try again later")) from None
                wait = exc.wait if exc.wait is not None else self.backoff * 2 ** number
                self.sleep(min(max(wait, 0.0), MAX_RETRY_AFTER))
        raise AssertionError("unreachable")  # pragma: no cover

    # -- requests -------------------------------------------------------------------------------

    def _model_at(self, url: str) -> str:
        if self.model:
            return self.model
        if url not in self._models:
            ids = self._attempts(url, lambda: self._list_models(url))
            if len(ids) != 1:
                what = "lists no models" if not ids else f"serves several models ({', '.join(ids)})"
                raise BackendError(f"the server at {url} {what}; cannot pick one",
                                   hint="name the model with --model")
            self._models[url] = ids[0]
        return self._models[url]

    def _list_models(self, url: str) -> list[str]:
        with self._open("GET", url, "/models") as response:
            if response.status_code == 404:
                raise BackendError(f"no OpenAI-compatible API at {url} (GET /models: HTTP 404)",
                                   hint="the base URL usually ends in /v1, e.g. http://127.0.0.1:23333/v1")
            payload = json_body(response, url)
        models = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(models, list):
            raise BackendError(f"the server at {url} sent a /models answer that is not OpenAI-style")
        return [str(item.get("id")) for item in models if isinstance(item, dict) and item.get("id")]

    def _post_chat(self, url: str, body: dict[str, Any], progress: Progress | None) -> Reply:
        with self._open("POST", url, "/chat/completions", json=body) as response:
            if response.status_code == 404:
                raise self._not_found(url, body["model"], response)
            if body["stream"]:
                return read_stream(response, Reply("", url, body["model"]), progress)
            return read_whole(response, Reply("", url, body["model"]), progress)

    def _not_found(self, url: str, model: str, response: Any) -> BackendError:
        try:
            ids = self._list_models(url)
        except (BackendError, Retry, Unreachable):
            ids = None
        if ids is not None and model not in ids:
            served = f"it serves: {', '.join(ids)}; " if ids else ""
            return BackendError(f"the server at {url} has no model {model!r}",
                                hint=f"{served}pick one with --model")
        return BackendError(f"{url}/chat/completions: not found (HTTP 404: {server_message(response)})",
                            hint="check the base URL; it usually ends in /v1")

    @contextmanager
    def _open(self, method: str, url: str, path: str, **kwargs: Any) -> Iterator[Any]:
        """Send one request; yield the response once its status is OK (or 404, for the caller)."""
        import httpx

        try:
            with self._http().stream(method, url + path, headers=self.headers, **kwargs) as response:
                if response.status_code >= 400:
                    response.read()
                self._check_status(url, response)
                yield response
        except httpx.ConnectTimeout:
            raise Unreachable(BackendError(f"cannot connect to {url}: no answer within "
                                            f"{self.timeouts[0]:g} s", hint=self._start_hint())) from None
        except httpx.ConnectError as exc:
            reason = "connection refused" if refused(exc) else f"connection failed ({exc})"
            raise Unreachable(BackendError(f"cannot connect to {url}: {reason}",
                                            hint=self._start_hint())) from None
        except httpx.TimeoutException:
            raise Unreachable(BackendError(f"the server at {url} sent nothing for {self.timeouts[1]:g} s "
                                           "(read timeout)", hint="raise read_timeout, or check the server")
                              ) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise Retry(f"connection reset ({type(exc).__name__})") from None

    def _check_status(self, url: str, response: Any) -> None:
        status = response.status_code
        if status < 400 or status == 404:
            return
        if status in RETRY_STATUS:
            raise Retry(f"HTTP {status} ({server_message(response)})", retry_after(response))
        hint = None
        if status in (401, 403):
            hint = (f"check the key in ${self.api_key_env}" if self.api_key_env
                    else "put the key in an environment variable and pass --api-key-env VAR")
        elif status == 400:
            hint = "a smaller --max-new-tokens helps when the prompt and answer exceed the model's context"
        raise BackendError(f"the server at {url} refused the request: HTTP {status} "
                           f"({server_message(response)})", hint=hint)

    def _http(self) -> Any:
        if self._client is None:
            import httpx

            connect, read = self.timeouts
            self._client = httpx.Client(timeout=httpx.Timeout(read, connect=connect, pool=connect))
        return self._client

    def _start_hint(self) -> str:
        if self.preset in START_HINTS:
            return f"is the {self.preset} server running? {START_HINTS[self.preset]}"
        return "is the server running? start it, or pass the right --base-url / --preset"

    # -- results ----------------------------------------------------------------------------------

    def _warnings(self, replies: list[Reply]) -> list[str]:
        warnings = []
        for number, reply in enumerate(replies, 1):
            if reply.finish_reason == "length":
                which = "" if len(replies) == 1 else f" in pass {number}"
                warnings.append(f"the model stopped at the token limit{which} (max_new_tokens="
                                f"{self.max_new_tokens}); the output may be cut off")
        return warnings

    def _info(self, replies: list[Reply], started: float) -> dict[str, Any]:
        tokens = sum(int(r.usage.get("completion_tokens") or r.chunks) for r in replies)
        return {"base_url": replies[0].url, "model": replies[0].model, "passes": len(replies),
                "prompt_flavour": self.flavour(replies[0].model), "tokens": tokens,
                "finish_reason": replies[-1].finish_reason, "stream": self.stream,
                "elapsed_s": round(time.monotonic() - started, 3)}


# -- helpers (module level: plain functions of their inputs) -------------------------------------


def server_urls(base_url: str | list[str] | None, preset: str | None,
                setting_urls: list[str] | None = None, setting_preset: str | None = None) -> list[str]:
    """The server URLs: flag/option base_url or preset, then the settings' base_url or preset."""
    if base_url and preset:
        raise InputError("give --base-url or --preset, not both")
    if isinstance(base_url, str):
        base_url = [base_url]
    urls = list(base_url or [])
    if not urls and preset:
        urls = [_preset_url(preset)]
    if not urls:
        urls = list(setting_urls or []) or ([_preset_url(setting_preset)] if setting_preset else [])
    if not urls:
        raise InputError("the openai backend needs a server",
                         hint="pass --base-url URL or --preset lmdeploy|vllm|ollama")
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise InputError(f"not an http(s) URL: {url!r}", hint="e.g. --base-url http://127.0.0.1:23333/v1")
    return list(dict.fromkeys(url.rstrip("/") for url in urls))


def _preset_url(preset: str) -> str:
    if preset not in PRESETS:
        raise InputError(f"unknown preset {preset!r}", hint=f"choose one of: {', '.join(PRESETS)}")
    return PRESETS[preset]


def auth_headers(api_key_env: str | None) -> dict[str, str]:
    """The Authorization header from the variable named ``api_key_env`` (none when not named)."""
    if not api_key_env:
        return {}
    key = os.environ.get(api_key_env, "").strip()
    if not key:
        raise InputError(f"the environment variable {api_key_env} (named by --api-key-env) "
                         "is not set or empty")
    return {"Authorization": f"Bearer {key}"}
