"""The edit turn for IXC-2.5: a multi-turn conversation (the request, the page as the model's
answer, then the edit), turned into IXC's chat history by the ixc backend and run on the tiny
IXC-2.5 checkpoint of tests/data; and the same conversation sent to an OpenAI-compatible server
that serves an XComposer model (as LMDeploy does)."""

from __future__ import annotations

from ixc_data import VECTORS, TinyTokenizer

from web_composer.backends.ixc import conversation
from web_composer.edit.model import edit_messages

PAGE = "<!DOCTYPE html><html><body><h1>Sweet Crumbs</h1><footer>Bread daily</footer></body></html>"


def test_the_ixc_flavour_is_a_conversation_and_the_backend_reads_it_as_history():
    messages = edit_messages(PAGE, "make the footer dark green", flavour="ixc", asked="A bakery page.")
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    history, query, images = conversation(messages)
    assert history == [("A bakery page.", PAGE)] and query == "make the footer dark green" and images == []
    single = edit_messages(PAGE, "make the footer dark green", flavour="chat")
    assert [m["role"] for m in single] == ["system", "user"]
    assert conversation(single)[0] == [] and PAGE in conversation(single)[1]


def test_the_native_model_runs_the_edit_with_its_history():
    import torch

    from web_composer.models.ixc25.generation import GenerationSettings, generate
    from web_composer.models.ixc25.interleave import interleave
    from web_composer.models.ixc25.loading import load_model
    from web_composer.models.ixc25.tokenizer import chat_prompt
    from web_composer.models.ixc25.webpage import IXC25, clean_output

    model, _ = load_model(VECTORS / "checkpoint", device="cpu", dtype="fp32", embedded_modes=("web",))
    runner = IXC25(model, TinyTokenizer(model.cfg.vocab_size), infer_mode="web")
    history, query, _ = conversation(edit_messages(PAGE, "make the footer dark green", flavour="ixc",
                                                   asked="A bakery page."))
    settings = GenerationSettings(max_new_tokens=3)
    answer = runner.run(query, [], settings, history=history)
    embeds, mask = interleave(runner.model, runner.tokenizer, chat_prompt(query, history), [])
    with torch.no_grad():
        expected = generate(runner.model, settings, inputs_embeds=embeds, im_mask=mask, infer_mode="web")
    assert answer == clean_output(runner.tokenizer.decode(expected.tokens))
    alone, _ = interleave(runner.model, runner.tokenizer, chat_prompt(query), [])
    assert embeds.shape[1] > alone.shape[1] + 20  # the page is in the prompt


def test_an_xcomposer_model_behind_an_openai_server_gets_the_conversation(cli, tmp_path):
    from openai_server import OpenAIServer

    out = tmp_path / "page"
    out.mkdir()
    (out / "index.html").write_text(PAGE)
    edited = PAGE.replace("<footer>", '<footer style="background:#14532d">')
    with OpenAIServer(models=["internlm-xcomposer2d5-7b"], text=f"```html\n{edited}\n```") as server:
        result = cli(["edit", out, "make the footer dark green", "--backend", "openai", "--base-url", server.url])
        assert result.exit_code == 0, result.output
        messages = server.chat_requests[0].body["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert messages[1]["content"] == PAGE and messages[2]["content"] == "make the footer dark green"
    assert (out / "index.html").read_text() == edited
    assert (out / "history" / "01" / "index.html").read_text() == PAGE
