"""Token generation with a KV cache: greedy, sampling, beam search and beam sampling.

The semantics follow transformers 4.40's ``generate`` as the official code uses it:
* repetition penalty: a previous token's score s becomes s*p if s < 0 else s/p; when generation starts
  from embeddings the "previous tokens" are the generated ones only;
* sampling warpers after the processors: temperature, top-k, top-p;
* beam search scores log-softmax + repetition penalty + the beam's running score; beam sampling draws
  ``2 * num_beams`` candidates from the top-k-warped running scores; finished hypotheses are ranked by
  score / length ** length_penalty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import torch

from .modeling import IXC25Model

TokenCallback = Callable[[list[int]], None]


@dataclass(frozen=True)
class GenerationSettings:
    max_new_tokens: int = 4800
    min_new_tokens: int = 0
    do_sample: bool = False
    num_beams: int = 1
    temperature: float = 1.0
    top_k: int = 50
    top_p: float = 1.0
    repetition_penalty: float = 1.0
    length_penalty: float = 1.0
    eos_token_ids: tuple[int, ...] = (2,)

    def __post_init__(self) -> None:
        if self.max_new_tokens < 1 or self.min_new_tokens < 0 or self.num_beams < 1:
            raise ValueError("max_new_tokens and num_beams must be >= 1, min_new_tokens >= 0")
        if self.temperature <= 0 or not 0 < self.top_p <= 1 or self.top_k < 0 or self.repetition_penalty <= 0:
            raise ValueError("temperature and repetition_penalty must be > 0, top_p in (0, 1], top_k >= 0")


@dataclass
class GenerationOutput:
    tokens: list[int]
    scores: list[torch.Tensor] = field(default_factory=list)  # processed [V] scores (single-beam runs)


def process_scores(scores: torch.Tensor, previous: torch.Tensor, step: int, s: GenerationSettings) -> torch.Tensor:
    """Repetition penalty over ``previous`` [B, n] ids, then min_new_tokens (EOS masked)."""
    if s.repetition_penalty != 1.0 and previous.shape[1] > 0:
        picked = torch.gather(scores, 1, previous)
        picked = torch.where(picked < 0, picked * s.repetition_penalty, picked / s.repetition_penalty)
        scores = scores.scatter(1, previous, picked)
    if step < s.min_new_tokens:
        scores = scores.clone()
        scores[:, list(s.eos_token_ids)] = -float("inf")
    return scores


def warp_scores(scores: torch.Tensor, s: GenerationSettings, min_keep: int = 1) -> torch.Tensor:
    """Temperature, top-k and top-p, as transformers' logits warpers."""
    if s.temperature != 1.0:
        scores = scores / s.temperature
    if s.top_k:
        k = min(max(s.top_k, min_keep), scores.shape[-1])
        threshold = torch.topk(scores, k)[0][..., -1, None]
        scores = scores.masked_fill(scores < threshold, -float("inf"))
    if s.top_p < 1.0:
        ordered, order = torch.sort(scores, descending=False)
        cumulative = ordered.softmax(dim=-1).cumsum(dim=-1)
        remove = cumulative <= (1 - s.top_p)
        remove[..., -min_keep:] = False
        scores = scores.masked_fill(remove.scatter(1, order, remove), -float("inf"))
    return scores


@torch.no_grad()
def generate(model: IXC25Model, settings: GenerationSettings, *, input_ids: torch.Tensor | None = None,
             inputs_embeds: torch.Tensor | None = None, im_mask: torch.Tensor | None = None,
             infer_mode: str = "base", on_tokens: TokenCallback | None = None,
             keep_scores: bool = False) -> GenerationOutput:
    """Generate for one prompt (batch 1). Returns only the new tokens.

    ``on_tokens`` receives token ids as soon as they are final: every token in single-beam runs; in
    beam runs the growing prefix common to every hypothesis that can still win.
    """
    prompt = input_ids if input_ids is not None else inputs_embeds
    if prompt.shape[0] != 1:
        raise ValueError("generate() takes one prompt (batch size 1)")
    cache = model.new_cache(capacity=prompt.shape[1] + settings.max_new_tokens)
    logits = model(input_ids=input_ids, inputs_embeds=inputs_embeds, im_mask=im_mask, cache=cache,
                   infer_mode=infer_mode, logits_to_keep=1)[:, -1]
    # from embeddings the penalty sees only generated ids; from ids it sees the prompt too (HF)
    context = input_ids.to(logits.device) if input_ids is not None else logits.new_zeros((1, 0), dtype=torch.long)

    def step_fn(ids: torch.Tensor) -> torch.Tensor:
        return model(input_ids=ids[:, None], cache=cache, infer_mode=infer_mode, logits_to_keep=1)[:, -1]

    if settings.num_beams == 1:
        return _single(logits, context, step_fn, settings, on_tokens, keep_scores)
    return _beams(logits, context, step_fn, cache, settings, on_tokens)


def _single(logits, context, step_fn, s: GenerationSettings, on_tokens, keep_scores) -> GenerationOutput:
    out = GenerationOutput(tokens=[])
    for step in range(s.max_new_tokens):
        scores = process_scores(logits, context, step, s)
        if keep_scores:
            out.scores.append(scores[0].detach().cpu())
        if s.do_sample:
            probs = torch.softmax(warp_scores(scores, s), dim=-1)
            token = torch.multinomial(probs, num_samples=1)[:, 0]
        else:
            token = torch.argmax(scores, dim=-1)
        value = int(token[0])
        out.tokens.append(value)
        context = torch.cat([context, token[:, None]], dim=1)
        if on_tokens is not None:
            on_tokens([value])
        if value in s.eos_token_ids or step + 1 == s.max_new_tokens:
            break
        logits = step_fn(token)
    return out


class _Hypotheses:
    """Finished beam hypotheses (transformers' BeamHypotheses, early_stopping=False)."""

    def __init__(self, num_beams: int, length_penalty: float):
        self.num_beams, self.length_penalty = num_beams, length_penalty
        self.beams: list[tuple[float, list[int]]] = []
        self.worst = 1e9

    def add(self, tokens: list[int], score_sum: float, length: int) -> None:
        score = score_sum / (length ** self.length_penalty)
        if len(self.beams) < self.num_beams or score > self.worst:
            self.beams.append((score, tokens))
            if len(self.beams) > self.num_beams:
                ranked = sorted((s, i) for i, (s, _) in enumerate(self.beams))
                del self.beams[ranked[0][1]]
                self.worst = ranked[1][0]
            else:
                self.worst = min(score, self.worst)

    def done(self, best_score_sum: float, length: int) -> bool:
        if len(self.beams) < self.num_beams:
            return False
        return self.worst >= best_score_sum / (length ** self.length_penalty)

    def best(self) -> list[int]:
        return sorted(self.beams, key=lambda item: item[0])[-1][1]


def _beams(logits, context, step_fn, cache, s: GenerationSettings, on_tokens) -> GenerationOutput:
    nb, vocab = s.num_beams, logits.shape[-1]
    cache.reorder(torch.zeros(nb, dtype=torch.long))
    logits = logits.expand(nb, vocab)
    context = context.expand(nb, context.shape[1])
    seqs: list[list[int]] = [[] for _ in range(nb)]
    beam_scores = torch.full((nb,), -1e9, device=logits.device)
    beam_scores[0] = 0.0
    hyps = _Hypotheses(nb, s.length_penalty)
    streamed, done = 0, False
    for step in range(s.max_new_tokens):
        scores = process_scores(torch.log_softmax(logits.float(), dim=-1), context, step, s)
        values, flat = _candidates(scores + beam_scores[:, None], s, nb)
        chosen = _select(values, flat, vocab, seqs, hyps, s, nb, step + 1)
        if hyps.done(float(values.max()), step + 1):
            done = True
            break
        sources = torch.tensor([c[1] for c in chosen], device=logits.device)
        tokens = torch.tensor([c[2] for c in chosen], device=logits.device)
        beam_scores = torch.tensor([c[0] for c in chosen], device=logits.device)
        seqs = [seqs[c[1]] + [c[2]] for c in chosen]
        context = torch.cat([context.index_select(0, sources), tokens[:, None]], dim=1)
        if on_tokens is not None:
            streamed = _stream_stable(seqs, hyps, streamed, on_tokens)
        if step + 1 == s.max_new_tokens:
            break
        cache.reorder(sources)
        logits = step_fn(tokens)
    if not done:  # the live beams compete with the finished hypotheses
        for score, seq in zip(beam_scores.tolist(), seqs, strict=True):
            hyps.add(seq, score, len(seq))
    best = hyps.best()
    if on_tokens is not None and len(best) > streamed:
        on_tokens(best[streamed:])
    return GenerationOutput(tokens=best)


def _candidates(scores: torch.Tensor, s: GenerationSettings, nb: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Top candidates over all beams: [k] running scores (descending) and flat indices beam*V + token."""
    if not s.do_sample:
        keep = max(2, 1 + len(s.eos_token_ids)) * nb
        return torch.topk(scores.view(-1), keep, largest=True, sorted=True)
    warped = warp_scores(scores, s, min_keep=2).view(-1)
    flat = torch.multinomial(torch.softmax(warped, dim=-1), num_samples=max(2, 1 + len(s.eos_token_ids)) * nb)
    values = warped.gather(0, flat)
    values, order = torch.sort(values, descending=True)
    return values, flat.gather(0, order)


def _select(values, flat, vocab, seqs, hyps: _Hypotheses, s: GenerationSettings, nb: int, length: int):
    """Walk the candidates: EOS among the top ``nb`` finishes a hypothesis, others fill the next beams."""
    chosen: list[tuple[float, int, int]] = []
    for rank, (value, index) in enumerate(zip(values.tolist(), flat.tolist(), strict=True)):
        source, token = divmod(index, vocab)
        if token in s.eos_token_ids:
            if rank < nb:
                hyps.add(seqs[source] + [token], value, length)
            continue
        chosen.append((value, source, token))
        if len(chosen) == nb:
            break
    return chosen


def _stream_stable(seqs: list[list[int]], hyps: _Hypotheses, streamed: int, on_tokens: TokenCallback) -> int:
    candidates = seqs + [tokens for _, tokens in hyps.beams]
    shortest = min(len(c) for c in candidates)
    stable = streamed
    while stable < shortest and all(c[stable] == candidates[0][stable] for c in candidates):
        stable += 1
    if stable > streamed:
        on_tokens(candidates[0][streamed:stable])
    return stable
