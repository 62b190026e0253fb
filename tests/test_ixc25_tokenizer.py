"""The IXC-2.5 tokenizer and webpage prompts against the real tokenizer's recorded ids."""

from __future__ import annotations

import hashlib
import json

import pytest

from web_composer.errors import InputError, ModelNotFound
from web_composer.models.ixc25.tokenizer import (IMAGE_PLACEHOLDER, RESUME_INSTRUCTION, IXCTokenizer, TextStream,
                                                 chat_prompt, prompt_parts, resume_js_query, webpage_query)
from ixc_data import TOKENIZER_CASES, TOKENIZER_MODEL


@pytest.fixture(scope="module")
def cases() -> dict:
    return json.loads(TOKENIZER_CASES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tok() -> IXCTokenizer:
    return IXCTokenizer(TOKENIZER_MODEL)


def test_model_file_is_the_recorded_one(cases, tok):
    data = TOKENIZER_MODEL.read_bytes()
    assert len(data) == cases["tokenizer_model"]["bytes"]
    assert hashlib.sha256(data).hexdigest() == cases["tokenizer_model"]["sha256"]
    assert tok.vocab_size == cases["vocab_size"]


def test_special_ids(cases, tok):
    special = cases["special"]
    assert tok.encode("<unk><s></s>", add_bos=False) == [special["unk"], special["bos"], special["eos"]]
    for name, value in special.items():
        if name.startswith("[UNUSED_TOKEN_"):
            assert tok.encode(name, add_bos=False) == [value]
    assert tok.sp.id_to_piece(special["byte_fallback_first"]["id"]) == special["byte_fallback_first"]["piece"]
    assert tok.sp.id_to_piece(special["byte_fallback_last"]["id"]) == special["byte_fallback_last"]["piece"]


def _query_for(name: str, query: str) -> str:
    """Rebuild each recorded query through our prompt functions (what the backend sends)."""
    if name == "screen_2_webpage":
        return webpage_query("screenshot", "any text: the official function discards it")
    if name.startswith("write_webpage"):
        return webpage_query("instruct", query)
    if name == "resume_2_webpage_pass1":
        return webpage_query("resume", query[len(RESUME_INSTRUCTION):])
    if name == "resume_2_webpage_pass2_js":
        return resume_js_query(query.split(":", 1)[1])
    raise AssertionError(f"unknown prompt case {name!r}")


@pytest.mark.parametrize("name", ["screen_2_webpage", "write_webpage_readme_example", "resume_2_webpage_pass1",
                                  "resume_2_webpage_pass2_js"])
def test_webpage_prompt_ids(cases, tok, name):
    case = cases["prompts"][name]
    query = _query_for(name, case["query"])
    assert query == case["query"]
    prompt = chat_prompt(query)
    assert IMAGE_PLACEHOLDER * case["n_images"] + prompt == case["full_prompt"]
    parts = prompt_parts(prompt, case["n_images"])
    assert len(parts) == len(case["parts"])
    for ours, recorded in zip(parts, case["parts"], strict=True):
        if recorded["kind"] == "image":
            assert isinstance(ours, int)
            continue
        text, add_bos = ours
        assert (text, add_bos) == (recorded["text"], recorded["add_special_tokens"])
        assert tok.encode(text, add_bos=add_bos) == recorded["ids"]


def test_every_recorded_prompt_is_checked(cases):
    assert set(cases["prompts"]) == {"screen_2_webpage", "write_webpage_readme_example", "resume_2_webpage_pass1",
                                     "resume_2_webpage_pass2_js"}


def test_edge_strings(cases, tok):
    for case in cases["strings"]:
        assert tok.encode(case["text"], add_bos=False) == case["hf_no_special"], case["text"]
        assert tok.encode(case["text"], add_bos=True) == case["hf_with_special"], case["text"]
        assert tok.sp.encode(case["text"]) == case["raw_sentencepiece"], case["text"]


def test_decode_skips_only_unk_bos_eos(cases, tok):
    for case in cases["decode"]:
        assert tok.decode(case["ids"], skip_special_tokens=True) == case["skip_special_tokens_true"]


def test_text_stream_equals_full_decode(tok):
    text = "<html>\n  <p>浦语·灵笔 𝔘nicode é</p>\n</html>\n tail"
    ids = tok.encode(text, add_bos=False)
    chunks: list[str] = []
    stream = TextStream(tok.decode, chunks.append)
    for token in ids:
        stream([token])
    stream.flush()
    assert "".join(chunks) == tok.decode(ids) == text
    assert all("\ufffd" not in chunk for chunk in chunks)


def test_prompt_parts_rules():
    assert prompt_parts("abc", 0) == [("abc", True)]
    assert prompt_parts("abc", 1) == [("", True), 0, ("abc", False)]
    assert prompt_parts("abc", 2) == [("", True), 0, 1, ("abc", False)]
    assert prompt_parts(f"x{IMAGE_PLACEHOLDER}y{IMAGE_PLACEHOLDER}", 2) == [("x", True), 0, ("y", False), 1]
    with pytest.raises(InputError):
        prompt_parts(f"{IMAGE_PLACEHOLDER}y", 2)
    with pytest.raises(InputError):
        webpage_query("poster", "x")


def test_missing_tokenizer_file(tmp_path):
    with pytest.raises(ModelNotFound) as info:
        IXCTokenizer(tmp_path / "tokenizer.model")
    assert "huggingface-cli download internlm/internlm-xcomposer2d5-7b" in info.value.hint
