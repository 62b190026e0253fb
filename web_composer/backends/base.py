"""The Backend protocol and the registry of backends.

A backend is one small class with one job: turn a GenerationRequest into a Generation. It declares
what it can do as class attributes, and the pipeline asks those instead of testing type names:

    tasks           the tasks it handles ("screenshot", "instruct", "resume")
    accepts_images  whether requests may carry images
    max_images      how many images one request may carry
    needs_weights   whether it loads model weights (so it may be slow to start, or missing)

Backends register themselves with ``@register("name")``; ``get_backend(name, settings)`` builds one.
Each backend module is imported only when its backend is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, ClassVar, Protocol

from ..errors import BackendError, InputError
from ..jobs import Generation, GenerationRequest

# name -> module that defines and registers it (imported lazily)
BACKEND_MODULES = {
    "builtin": "web_composer.backends.builtin",
    "openai": "web_composer.backends.openai",
    "hf": "web_composer.backends.hf",
    "ixc": "web_composer.backends.ixc",
}
_registry: dict[str, type] = {}

Progress = Callable[[str], None]  # receives text chunks as they are produced


class Backend(Protocol):
    name: ClassVar[str]
    tasks: ClassVar[frozenset[str]]
    accepts_images: ClassVar[bool]
    max_images: ClassVar[int]
    needs_weights: ClassVar[bool]

    def generate(self, request: GenerationRequest, progress: Progress | None = None) -> Generation:
        ...


def register(name: str) -> Callable[[type], type]:
    def decorate(cls: type) -> type:
        cls.name = name
        _registry[name] = cls
        return cls

    return decorate


def backend_class(name: str) -> type:
    if name in _registry:
        return _registry[name]
    if name not in BACKEND_MODULES:
        raise InputError(f"unknown backend {name!r}",
                         hint=f"choose one of: {', '.join(sorted(BACKEND_MODULES))}")
    if name not in _registry:
        try:
            importlib.import_module(BACKEND_MODULES[name])
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("web_composer"):
                raise BackendError(f"the {name!r} backend is not implemented yet") from None
            raise BackendError(f"the {name!r} backend needs the package {exc.name!r}",
                               hint=f"pip install {exc.name}") from None
    return _registry[name]


def get_backend(name: str, settings: Any = None, **options: Any) -> Any:
    """Build the backend called ``name``; ``settings``/``options`` configure it."""
    cls = backend_class(name)
    return cls(settings=settings, **options)


def check_request(backend: Any, request: GenerationRequest) -> None:
    """Refuse a request the backend cannot serve, with a one-line reason."""
    if request.task not in backend.tasks:
        raise InputError(f"the {backend.name} backend cannot do {request.task!r}",
                         hint=f"it does: {', '.join(sorted(backend.tasks))}")
    if request.images and not backend.accepts_images:
        raise InputError(f"the {backend.name} backend does not accept images")
    if len(request.images) > backend.max_images:
        raise InputError(f"the {backend.name} backend takes at most {backend.max_images} image(s), "
                         f"got {len(request.images)}")
