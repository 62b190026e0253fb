"""The refinement loop: render, compare with the target, revise, keep the best.

    outcome = refine(draft, evaluate, revise, iterations=3)
    outcome.best_iteration.page      # never worse than the draft

``evaluate(page) -> Evaluation`` renders and scores a candidate (against a target screenshot, an
instruction's constraints or a resume's fields); ``revise(iteration) -> Page`` asks the backend for
a better page given the best candidate so far and what the evaluation found wrong. A revision
becomes the new best when it does not lower the evaluation's ``guard`` (for a screenshot target,
the mean of the four block metrics: the loop does not buy pixel similarity with text or layout;
there a change must exceed the estimate's noise, see ``better``)
and raises its ``visual`` score (for a screenshot target, SSIM of the render against it, text
included); an evaluation without a visual score must raise the overall score instead. The loop
stops
after ``iterations`` revisions, when the overall score has not improved by at least ``min_gain``
for two revisions in a row, when ``time_budget`` seconds are spent, or on Ctrl-C (the best page so
far is kept and written by the caller).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .html import Page
from .render import Render

PATIENCE = 2  # revisions without enough gain before stopping
PERFECT = 1.0 - 1e-9
UNCHANGED = 1e-9  # a guard this close to the best's is the same score (the same blocks)


class StopRefinement(Exception):
    """Raised by a reviser that cannot go on (the backend cannot revise, or a revision failed);
    the loop ends and keeps the best page so far. The message is the stop reason."""


@dataclass
class Evaluation:
    overall: float  # 0..1, higher is better
    metrics: dict[str, Any]  # written to scores.json
    feedback: list[str]  # what is wrong, in words a reviser (model or engine) can act on
    render: Render
    details: Any = None  # e.g. the scorer's Scores, for an engine that revises from blocks
    # PNG: target | render | difference, where there is a target; or a function that draws it,
    # so that only the candidates written out pay for the drawing (a PNG encode of a tall page)
    diff: bytes | Callable[[], bytes] | None = None
    guard: float | None = None  # a second score that a new best must not lower
    visual: float | None = None  # how alike the render looks (SSIM), which a new best must raise
    guard_noise: float = 0.0  # how far a guard difference can be off the benchmark's (see better)
    # several target widths: width -> (guard, visual) there, neither of which a new best may
    # lower at any width; and the render (PNG) at each width but the main one
    widths: dict[int, tuple[float | None, float | None]] = field(default_factory=dict)
    renders: dict[int, bytes] = field(default_factory=dict)

    def diff_png(self) -> bytes | None:
        """The difference picture, drawn on first use."""
        if callable(self.diff):
            self.diff = self.diff()
        return self.diff


def better(candidate: Evaluation, best: Evaluation) -> bool:
    """Whether ``candidate`` replaces ``best``: a higher visual score (a higher overall score
    where there is none) and no lower guard; against screenshots at several widths, also no
    width whose guard or visual score went down.

    Against a screenshot the guard is an estimate (OCR blocks, not the reference page's DOM), and
    a difference of two estimates can disagree with the difference the HTML-referenced benchmark
    would measure by up to ``guard_noise`` (score/uncertainty.py: SCREENSHOT_GUARD_NOISE). There
    a changed guard must rise by more than that noise, so that no revision is kept on a gain the
    benchmark could read as a loss. An unchanged guard is still accepted: the revision left what
    the block metrics measure as it was (its pictures or panels changed), and on the dev pages an
    unchanged estimate went with an unchanged HTML-referenced score.
    """
    if candidate.visual is not None and best.visual is not None:
        if candidate.visual <= best.visual:
            return False
    elif candidate.overall <= best.overall:
        return False
    if not _guard_holds(candidate, best):
        return False
    return all(_no_worse(candidate.widths[w], before) for w, before in best.widths.items()
               if w in candidate.widths)


def _guard_holds(candidate: Evaluation, best: Evaluation) -> bool:
    if candidate.guard is None or best.guard is None:
        return True
    noise = max(candidate.guard_noise, best.guard_noise)
    gain = candidate.guard - best.guard
    if noise > 0:
        return gain > noise or abs(gain) <= UNCHANGED
    return gain >= 0


def _no_worse(after: tuple[float | None, float | None],
              before: tuple[float | None, float | None]) -> bool:
    """At one width: neither the guard nor the visual score went down."""
    return all(a is None or b is None or a >= b for a, b in zip(after, before))


@dataclass
class Iteration:
    index: int  # 0 = the draft
    page: Page
    evaluation: Evaluation
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class Outcome:
    iterations: list[Iteration]
    best: int
    stop_reason: str

    @property
    def best_iteration(self) -> Iteration:
        return self.iterations[self.best]

    def summary(self) -> dict[str, Any]:
        return {
            "best": self.best,
            "stop_reason": self.stop_reason,
            "iterations": [
                {"index": it.index, "overall": round(it.evaluation.overall, 4),
                 "metrics": it.evaluation.metrics, "feedback": it.evaluation.feedback[:20],
                 "seconds": {k: round(v, 3) for k, v in it.seconds.items()}}
                for it in self.iterations
            ],
        }


Evaluate = Callable[[Page], Evaluation]
Revise = Callable[[Iteration], Page]
OnIteration = Callable[[Iteration, Iteration], None]  # (this one, the best before it)


def _timed(label: str, seconds: dict[str, float], fn: Callable[[], Any]) -> Any:
    started = time.monotonic()
    try:
        return fn()
    finally:
        seconds[label] = time.monotonic() - started


def refine(draft: Page, evaluate: Evaluate, revise: Revise, *, iterations: int,
           min_gain: float = 0.005, time_budget: float | None = None,
           on_iteration: OnIteration | None = None) -> Outcome:
    """Run the loop; the returned outcome's best iteration is never worse than the draft."""
    started = time.monotonic()
    seconds: dict[str, float] = {}
    first = Iteration(0, draft, _timed("evaluate", seconds, lambda: evaluate(draft)), seconds)
    history, best, stale = [first], 0, 0
    if on_iteration:
        on_iteration(first, first)
    reason = "iterations done" if iterations > 0 else "no refinement asked"
    try:
        for index in range(1, iterations + 1):
            if time_budget is not None and time.monotonic() - started >= time_budget:
                reason = "time budget spent"
                break
            if history[best].evaluation.overall >= PERFECT:
                reason = "nothing left to improve"
                break
            seconds = {}
            base = history[best]
            page = _timed("revise", seconds, lambda: revise(base))
            if page.html == base.page.html:
                reason = "the reviser found nothing more to change"
                break
            if any(page.html == earlier.page.html for earlier in history):
                reason = "the revision repeats an earlier candidate"
                break
            evaluation = _timed("evaluate", seconds, lambda: evaluate(page))
            current = Iteration(index, page, evaluation, seconds)
            history.append(current)
            previous_best = history[best]
            gain = evaluation.overall - previous_best.evaluation.overall
            if evaluation.visual is not None and previous_best.evaluation.visual is not None:
                gain = max(gain, evaluation.visual - previous_best.evaluation.visual)
            kept = better(evaluation, previous_best.evaluation)
            if kept:
                best = index
            stale = 0 if kept and gain >= min_gain else stale + 1
            if on_iteration:
                on_iteration(current, previous_best)
            if stale >= PATIENCE:
                reason = f"no gain of {min_gain} for {PATIENCE} revisions"
                break
    except StopRefinement as exc:
        reason = str(exc)
    except KeyboardInterrupt:
        reason = "interrupted"
    return Outcome(history, best, reason)
