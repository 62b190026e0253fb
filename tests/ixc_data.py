"""Where the IXC-2.5 test data lives: the in-repository set, or another one named by the environment.

``tests/data/ixc25`` holds the official code's reference vectors on the tiny random ``dev`` checkpoint,
the real InternLM2 tokenizer and its reference cases (sources in ``tests/data/README.md``).
``WEBCOMPOSE_IXC_VECTORS`` points the tests at another vector set laid out the same way (a folder with
``cases.json``, ``cases.safetensors`` and ``checkpoint/``); its tokenizer and tokenizer cases are taken
from beside it (``../tokenizer_cases.json``, ``../../tokenizer/tokenizer.model``) when present.
"""

from __future__ import annotations

import os
from pathlib import Path

IXC_DATA = Path(__file__).resolve().parent / "data" / "ixc25"
VECTORS = Path(os.environ.get("WEBCOMPOSE_IXC_VECTORS") or IXC_DATA / "vectors" / "dev")
CHECKPOINT = VECTORS / "checkpoint"


def _beside_vectors(relative: str, default: Path) -> Path:
    candidate = VECTORS / relative
    return candidate if candidate.is_file() else default


TOKENIZER_MODEL = _beside_vectors("../../tokenizer/tokenizer.model", IXC_DATA / "tokenizer" / "tokenizer.model")
TOKENIZER_CASES = _beside_vectors("../tokenizer_cases.json", IXC_DATA / "vectors" / "tokenizer_cases.json")


class TinyTokenizer:
    """The real tokenizer with ids folded into the tiny checkpoint's vocabulary."""

    def __init__(self, vocab: int):
        from web_composer.models.ixc25.tokenizer import IXCTokenizer

        self.real, self.vocab = IXCTokenizer(TOKENIZER_MODEL), vocab

    def encode(self, text: str, add_bos: bool = True) -> list[int]:
        return [i % self.vocab for i in self.real.encode(text, add_bos=add_bos)]

    def decode(self, ids: list[int], skip_special_tokens: bool = True) -> str:
        return self.real.decode(ids, skip_special_tokens)
