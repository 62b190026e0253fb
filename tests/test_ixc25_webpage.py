"""The webpage functions on the native IXC-2.5: settings, streaming, resume's script splice."""

from __future__ import annotations


import pytest
import torch
from PIL import Image

from web_composer.errors import InputError
from web_composer.models.ixc25.generation import GenerationSettings, generate
from web_composer.models.ixc25.interleave import interleave
from web_composer.models.ixc25.loading import load_model
from web_composer.models.ixc25.tokenizer import chat_prompt
from web_composer.models.ixc25.webpage import (IXC25, WEBPAGE_SETTINGS, clean_output, extract_javascript,
                                               insert_script, webpage_settings)
from ixc_data import VECTORS, TinyTokenizer



@pytest.fixture(scope="module")
def runner() -> IXC25:
    model, _ = load_model(VECTORS / "checkpoint", device="cpu", dtype="fp32", embedded_modes=("web",))
    return IXC25(model, TinyTokenizer(model.cfg.vocab_size), infer_mode="web")


@pytest.fixture(scope="module")
def screenshot() -> Image.Image:
    image = Image.new("RGBA", (300, 500), (240, 240, 255, 255))
    image.paste((20, 90, 200, 255), (0, 0, 300, 60))
    return image


def test_official_settings():
    settings = webpage_settings(4800, {})
    assert (settings.do_sample, settings.num_beams, settings.temperature, settings.top_k, settings.top_p) == \
        (True, 2, 1.0, 50, 1.0)
    assert settings.repetition_penalty == 3.0 and settings.max_new_tokens == 4800
    assert 2 in settings.eos_token_ids and WEBPAGE_SETTINGS["num_beams"] == 2
    with pytest.raises(InputError):
        webpage_settings(10, {"beams": 3})
    with pytest.raises(InputError):
        webpage_settings(10, {"top_p": 0.0})


def test_screenshot_is_seeded_and_streamed(runner, screenshot):
    chunks: list[str] = []
    first = runner.generate_webpage("screenshot", "ignored", [screenshot], max_new_tokens=6, stream=chunks.append)
    second = runner.generate_webpage("screenshot", "other text", [screenshot], max_new_tokens=6)
    assert first == second and first
    assert clean_output("".join(chunks)) == first
    third = runner.generate_webpage("screenshot", "", [screenshot], max_new_tokens=6, seed=7)
    assert isinstance(third, str)


def test_greedy_override_matches_generate(runner, screenshot):
    page = runner.generate_webpage("screenshot", "", [screenshot], max_new_tokens=5, do_sample=False, num_beams=1,
                                   repetition_penalty=1.0)
    embeds, mask = interleave(runner.model, runner.tokenizer,
                              chat_prompt(" Generate the HTML code of this web image with Tailwind CSS."),
                              [screenshot.convert("RGB")])
    out = generate(runner.model, GenerationSettings(max_new_tokens=5), inputs_embeds=embeds, im_mask=mask,
                   infer_mode="web")
    assert page == clean_output(runner.tokenizer.decode(out.tokens))


def test_beam_stream_equals_result(runner):
    streamed: list[int] = []
    embeds, mask = interleave(runner.model, runner.tokenizer, chat_prompt(" Write a tiny page."), [])
    settings = GenerationSettings(max_new_tokens=10, num_beams=3, do_sample=True, repetition_penalty=3.0)
    torch.manual_seed(3)
    out = generate(runner.model, settings, inputs_embeds=embeds, im_mask=mask, infer_mode="web",
                   on_tokens=streamed.extend)
    assert streamed == out.tokens and len(out.tokens) == 10


def test_min_new_tokens_blocks_eos(runner):
    embeds, mask = interleave(runner.model, runner.tokenizer, chat_prompt(" Write a tiny page."), [])
    greedy = generate(runner.model, GenerationSettings(max_new_tokens=4), inputs_embeds=embeds, im_mask=mask,
                      infer_mode="web")
    stop_at = greedy.tokens[1]
    early = generate(runner.model, GenerationSettings(max_new_tokens=4, eos_token_ids=(stop_at,)),
                     inputs_embeds=embeds, im_mask=mask, infer_mode="web")
    assert early.tokens == greedy.tokens[:2]
    forced = generate(runner.model, GenerationSettings(max_new_tokens=4, min_new_tokens=4, eos_token_ids=(stop_at,)),
                      inputs_embeds=embeds, im_mask=mask, infer_mode="web")
    assert len(forced.tokens) == 4 and stop_at not in forced.tokens


def test_resume_runs_two_passes_and_inserts_a_script(runner, monkeypatch):
    calls: list[str] = []
    outputs = iter(['<html><body><button id="b">Hi</button></body></html>',
                    '<script>\ndocument.getElementById("b").onclick = () => alert("a\\nb");\n</script>'])

    def fake_run(query, images, settings, **kwargs):
        calls.append(query)
        return next(outputs)

    monkeypatch.setattr(runner, "run", fake_run)
    page = runner.generate_webpage("resume", "# Jane Doe\n", [])
    assert calls[0] == " Generate a personal page using the content in the resume:# Jane Doe\n"
    assert calls[1].startswith(" Generate JavaScript events for the html code:<html>")
    assert page == ('<html><body><button id="b">Hi</button><script>\ndocument.getElementById("b").onclick = '
                    '() => alert("a\\nb");\n</script>\n</body></html>')


def test_input_errors(runner, screenshot):
    with pytest.raises(InputError):
        runner.generate_webpage("screenshot", "", [])
    with pytest.raises(InputError):
        runner.generate_webpage("poster", "x", [])
    with pytest.raises(InputError):
        runner.generate_webpage("instruct", "x", [], warp=1)


def test_base_mode_warns(runner):
    base = IXC25(runner.model, runner.tokenizer, infer_mode="base")
    with pytest.warns(UserWarning, match="base mode"):
        base.generate_webpage("instruct", "A page.", [], max_new_tokens=2)


def test_clean_output():
    text = ('<img src="https://source.unsplash.com/random/400x300/?nature,water">[UNUSED_TOKEN_145]'
            "[UNUSED_TOKEN_146]")
    assert clean_output(text) == '<img src="https://picsum.photos/400/300">'


@pytest.mark.parametrize("page, js, expected", [
    ("<html><body><p>x</p></body></html>", "<script>let a = '\\\\d';</script>",
     "<html><body><p>x</p><script>\nlet a = '\\\\d';\n</script>\n</body></html>"),
    ("<html><p>x</p></html>", "```javascript\nrun();\n```", "<html><p>x</p><script>\nrun();\n</script>\n</html>"),
    ("<p>x</p>", "run();", "<p>x</p>\n<script>\nrun();\n</script>\n"),
    ("<html><body></body></html>", "<html><body>no script here</body></html>", "<html><body></body></html>"),
    ("<HTML><BODY><script>keep()</script></BODY></HTML>", "<script>a()</script><script>b()</script>",
     "<HTML><BODY><script>keep()</script><script>\na()\n\nb()\n</script>\n</BODY></HTML>"),
])
def test_insert_script(page, js, expected):
    assert insert_script(page, js) == expected
    assert "['" not in insert_script(page, js)  # never a Python list's text


def test_extract_javascript_prefers_script_bodies():
    assert extract_javascript("intro\n<script type='text/javascript'> f() </script>\n") == "f()"
    assert extract_javascript("") == ""


def test_chunked_prefill_and_cache_growth_match_one_pass(runner):
    model = runner.model
    ids = torch.randint(3, model.cfg.vocab_size, (1, 40), generator=torch.Generator().manual_seed(1))
    cache = model.new_cache(capacity=0)  # forces the buffers to grow
    with torch.no_grad():
        parts = [model(input_ids=ids[:, a:b], cache=cache) for a, b in ((0, 17), (17, 18), (18, 40))]
        full = model(input_ids=ids)
    torch.testing.assert_close(torch.cat(parts, dim=1), full, rtol=0, atol=1e-5)


def test_processors_follow_transformers():
    from web_composer.models.ixc25.generation import process_scores, warp_scores

    scores = torch.tensor([[-2.0, 3.0, 1.0, 0.5]])
    penalised = process_scores(scores, torch.tensor([[0, 1, 1]]), 0, GenerationSettings(repetition_penalty=2.0))
    assert penalised.tolist() == [[-4.0, 1.5, 1.0, 0.5]]
    blocked = process_scores(scores, torch.zeros(1, 0, dtype=torch.long), 0,
                             GenerationSettings(min_new_tokens=1, eos_token_ids=(2,)))
    assert blocked[0, 2] == -float("inf") and blocked[0, 1] == 3.0
    top2 = warp_scores(scores, GenerationSettings(top_k=2))
    assert torch.isinf(top2).tolist() == [[True, False, False, True]]
    nucleus = warp_scores(scores, GenerationSettings(top_k=0, top_p=0.5))  # 3.0 alone holds > 50%
    assert torch.isinf(nucleus).tolist() == [[True, False, True, True]]
