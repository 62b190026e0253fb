"""A queue-able backend for pipeline tests (in the spirit of simonw/llm's fake model): it speaks
the real Backend protocol and replies with queued texts, so the pipeline's own behaviour can be
tested without a model. Model protocols themselves are tested against real servers and models."""

from __future__ import annotations

from web_composer.backends import register
from web_composer.jobs import Generation, GenerationRequest


@register("queue")
class QueueBackend:
    tasks = frozenset({"screenshot", "instruct", "resume"})
    accepts_images = True
    max_images = 4
    needs_weights = False
    replies: list[str] = []
    requests: list[GenerationRequest] = []

    def __init__(self, settings=None, **options):
        self.settings = settings

    def generate(self, request, progress=None):
        QueueBackend.requests.append(request)
        text = QueueBackend.replies.pop(0)
        if isinstance(text, BaseException):
            raise text
        if progress:
            progress(text)
        return Generation(text=text, backend="queue", model="queue-1")

    def revise(self, request, progress=None):
        return self.generate(request, progress)
