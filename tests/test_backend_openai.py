"""The openai backend against a real OpenAI-compatible server on 127.0.0.1 (tests/openai_server.py)."""

from __future__ import annotations

import base64
import io
import socket
import threading
from pathlib import Path

import pytest
from openai_server import OpenAIServer, Reply
from PIL import Image, ImageChops

from web_composer.backends.base import get_backend
from web_composer.config import Settings
from web_composer.errors import BackendError, InputError
from web_composer.jobs import GenerationRequest

IXC_MODEL = "internlm-xcomposer2d5-7b"
SCREENSHOT_INSTRUCTION = " Generate the HTML code of this web image with Tailwind CSS."
RESUME_INSTRUCTION = " Generate a personal page using the content in the resume:"
SCRIPT_INSTRUCTION = " Generate JavaScript events for the html code:"


@pytest.fixture(scope="module")
def examples(data_dir: Path) -> dict[str, str]:
    folder = data_dir / "ixc25" / "examples"
    return {
        "screenshot": (folder / "Screenshot-to-Webpage.html").read_text(),
        "instruct": (folder / "Instruction-aware_Webpage_Generation.html").read_text(),
        "resume_md": (folder / "resume.md").read_text(),
    }


@pytest.fixture
def server(examples):
    with OpenAIServer(models=["test-vlm"], text=examples["screenshot"]) as srv:
        yield srv


def picture(width: int = 64, height: int = 40) -> Image.Image:
    image = Image.new("RGB", (width, height), (250, 250, 250))
    image.paste((200, 30, 30), (4, 4, 20, 16))
    return image


def backend(server_or_url, **options):
    url = server_or_url.url if isinstance(server_or_url, OpenAIServer) else server_or_url
    options.setdefault("backoff", 0.01)
    return get_backend("openai", Settings(), base_url=url, **options)


def user_parts(recorded) -> list[dict]:
    user = [m for m in recorded.body["messages"] if m["role"] == "user"][-1]
    content = user["content"]
    return [{"type": "text", "text": content}] if isinstance(content, str) else content


def text_of(recorded) -> str:
    return "".join(part["text"] for part in user_parts(recorded) if part["type"] == "text")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_screenshot_streams_the_model_text_with_the_image_as_a_data_url(server, examples):
    image = picture()
    chunks: list[str] = []
    result = backend(server).generate(GenerationRequest(task="screenshot", images=[image]), chunks.append)

    assert result.text == examples["screenshot"] and result.html is None
    assert "".join(chunks) == examples["screenshot"] and len(chunks) > 100
    assert result.backend == "openai" and result.model == "test-vlm"
    assert result.info["tokens"] == len(chunks) and result.info["base_url"] == server.url
    assert [r.path for r in server.requests] == ["/v1/models", "/v1/chat/completions"]
    request = server.chat_requests[0]
    assert "authorization" not in request.headers
    assert request.body["model"] == "test-vlm" and request.body["stream"] is True
    assert request.body["max_tokens"] == 4096 and "seed" not in request.body
    system = request.body["messages"][0]
    assert system["role"] == "system" and "```html" in system["content"]
    assert "tailwindcss@2.2.19" in system["content"]
    parts = user_parts(request)
    assert [p["type"] for p in parts] == ["image_url", "text"]
    url = parts[0]["image_url"]["url"]
    assert url.startswith("data:image/png;base64,")
    sent = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGB")
    assert sent.size == image.size and ImageChops.difference(sent, image).getbbox() is None
    assert "64×40 px" in parts[1]["text"] and "exactly" in parts[1]["text"]


def test_ixc_models_get_ixc_exact_prompt_and_options_reach_the_server(examples):
    with OpenAIServer(models=[IXC_MODEL], text=examples["screenshot"]) as srv:
        result = backend(srv, seed=202, temperature=0.0, max_new_tokens=4800).generate(
            GenerationRequest(task="screenshot", images=[picture()]))
        assert result.info["prompt_flavour"] == "ixc"
        body = srv.chat_requests[0].body
        assert [m["role"] for m in body["messages"]] == ["user"]
        assert [p["type"] for p in user_parts(srv.chat_requests[0])] == ["image_url", "text"]
        assert text_of(srv.chat_requests[0]) == SCREENSHOT_INSTRUCTION
        assert (body["seed"], body["temperature"], body["max_tokens"]) == (202, 0.0, 4800)


def test_instruct_without_streaming(server, examples):
    server.queue(examples["instruct"])
    chunks: list[str] = []
    result = backend(server, model="test-vlm", stream=False).generate(
        GenerationRequest(task="instruct", text="A website for Shanghai AI lab.", instruction="dark theme"),
        chunks.append)
    assert result.text == examples["instruct"] and chunks == [examples["instruct"]]
    assert [r.path for r in server.requests] == ["/v1/chat/completions"]  # --model: no discovery
    request = server.chat_requests[0]
    assert request.body["stream"] is False and isinstance(request.body["messages"][1]["content"], str)
    assert "A website for Shanghai AI lab." in text_of(request) and "dark theme" in text_of(request)


def test_resume_runs_a_second_pass_for_javascript_and_merges_it(examples):
    page = examples["screenshot"]
    script = "document.querySelectorAll('a').forEach(a => a.dataset.ok = '1');"
    with OpenAIServer(models=[IXC_MODEL]) as srv:
        srv.queue(page, f"<script>\n{script}\n</script>")
        result = backend(srv).generate(GenerationRequest(task="resume", text=examples["resume_md"]))
        first, second = srv.chat_requests
        assert text_of(first) == RESUME_INSTRUCTION + examples["resume_md"]
        assert text_of(second) == SCRIPT_INSTRUCTION + page
    assert result.info["passes"] == 2
    assert result.text.count(script) == 1
    assert result.text.index(script) < result.text.rindex("</body>")
    assert result.text.replace(f"<script>\n{script}\n</script>\n", "") == page


def test_resume_second_pass_in_the_chat_flavour_sends_the_page_document(server, examples):
    page = examples["screenshot"]
    server.queue(f"Here it is:\n```html\n{page}\n```\nEnjoy.", "```javascript\nconsole.log('hi');\n```")
    result = backend(server).generate(GenerationRequest(task="resume", text=examples["resume_md"]))
    first, second = server.chat_requests
    assert "Qidong Huang" in text_of(first) and "```html" in first.body["messages"][0]["content"]
    assert page.strip() in text_of(second) and "javascript" in text_of(second)
    assert "<script>\nconsole.log('hi');\n</script>" in result.text
    assert result.text.startswith("Here it is:") and result.text.endswith("Enjoy.")


def test_a_reply_without_html_is_returned_as_is_and_ends_the_resume(server, examples):
    server.queue("I cannot help with that.")
    result = backend(server).generate(GenerationRequest(task="resume", text=examples["resume_md"]))
    assert result.text == "I cannot help with that." and result.info["passes"] == 1
    assert len(server.chat_requests) == 1


def test_chat_sends_ready_made_messages_in_the_model_s_flavour(examples):
    from web_composer.prompts import revise_messages

    target, render = picture(), picture(32, 20)
    with OpenAIServer(models=[IXC_MODEL], text=examples["instruct"]) as srv:
        made = backend(srv)
        result = made.chat(lambda flavour: revise_messages([target], render, "<p>old</p>", flavour=flavour))
        assert result.text == examples["instruct"] and result.model == IXC_MODEL
        request = srv.chat_requests[0]
    assert [m["role"] for m in request.body["messages"]] == ["user"]  # ixc: no system turn
    assert [p["type"] for p in user_parts(request)] == ["image_url", "image_url", "text"]
    assert "```html\n<p>old</p>\n```" in text_of(request)


def test_429_then_success_is_retried(server, examples):
    server.queue(Reply.failure(429, "slow down", retry_after=0), Reply.failure(502), examples["instruct"])
    result = backend(server, model="test-vlm").generate(GenerationRequest(task="instruct", text="a page"))
    assert result.text == examples["instruct"] and len(server.chat_requests) == 3


def test_reset_connections_are_retried(server, examples):
    server.queue(Reply(hang_up=True), Reply.cut(examples["instruct"], after=0), examples["instruct"])
    result = backend(server, model="test-vlm").generate(GenerationRequest(task="instruct", text="a page"))
    assert result.text == examples["instruct"] and len(server.chat_requests) == 3


def test_retries_wait_as_retry_after_says_else_back_off(server, examples):
    server.queue(Reply.failure(429, retry_after=7), Reply.failure(503, retry_after=3600), Reply.failure(500),
                 Reply.failure(502), examples["instruct"])
    made = backend(server, model="test-vlm", retries=4, backoff=0.5)
    waits: list[float] = []
    made.sleep = waits.append
    assert made.generate(GenerationRequest(task="instruct", text="x")).text == examples["instruct"]
    assert waits == [7.0, 60.0, 2.0, 4.0]  # Retry-After, capped at 60 s; then 0.5 * 2**attempt


def test_a_failed_javascript_pass_keeps_the_page(server, examples):
    server.queue(examples["screenshot"], Reply.failure(401, "expired"))
    result = backend(server).generate(GenerationRequest(task="resume", text=examples["resume_md"]))
    assert result.text == examples["screenshot"] and result.info["passes"] == 1
    assert len(result.warnings) == 1 and result.warnings[0].startswith("the JavaScript pass failed")


def test_a_server_that_keeps_failing_gives_up_after_the_retries(server):
    server.queue(*[Reply.failure(503, "overloaded")] * 5)
    with pytest.raises(BackendError) as caught:
        backend(server, model="test-vlm", retries=2).generate(GenerationRequest(task="instruct", text="x"))
    assert len(server.chat_requests) == 3
    assert "HTTP 503" in caught.value.message and "3 attempts" in caught.value.message
    assert caught.value.exit_code == 3


def test_401_is_a_clear_error_and_the_key_is_sent_only_when_named(examples, monkeypatch):
    with OpenAIServer(models=["test-vlm"], text=examples["instruct"], api_key="sekret") as srv:
        request = GenerationRequest(task="instruct", text="a page")
        with pytest.raises(BackendError) as caught:
            backend(srv, model="test-vlm").generate(request)
        assert "HTTP 401" in caught.value.message and "Invalid API key" in caught.value.message
        assert "--api-key-env" in caught.value.hint and len(srv.chat_requests) == 1
        monkeypatch.setenv("MY_KEY", "sekret")
        assert backend(srv, api_key_env="MY_KEY").generate(request).text == examples["instruct"]
        assert srv.requests[-1].headers["authorization"] == "Bearer sekret"
        monkeypatch.setenv("MY_KEY", "wrong")
        with pytest.raises(BackendError, match="HTTP 401") as caught:
            backend(srv, model="test-vlm", api_key_env="MY_KEY").generate(request)
        assert "$MY_KEY" in caught.value.hint and "wrong" not in caught.value.one_line()
    monkeypatch.delenv("MY_KEY")
    with pytest.raises(InputError, match="MY_KEY"):
        backend(srv, api_key_env="MY_KEY")


def test_an_unknown_model_is_named_with_the_served_ones(server):
    with pytest.raises(BackendError) as caught:
        backend(server, model="gpt-9").generate(GenerationRequest(task="instruct", text="x"))
    assert caught.value.message == f"the server at {server.url} has no model 'gpt-9'"
    assert "test-vlm" in caught.value.hint and len(server.chat_requests) == 1


def test_the_model_must_be_named_when_the_server_lists_several_or_none(examples):
    request = GenerationRequest(task="instruct", text="x")
    with OpenAIServer(models=["a", "b"]) as srv:
        with pytest.raises(BackendError, match=r"several models \(a, b\)") as caught:
            backend(srv).generate(request)
        assert "--model" in caught.value.hint and srv.chat_requests == []
        srv.models = []
        with pytest.raises(BackendError, match="lists no models"):
            backend(srv).generate(request)
        srv.models_status = 404
        with pytest.raises(BackendError, match="no OpenAI-compatible API"):
            backend(srv.root).generate(request)


def test_connection_refused_is_one_clear_line():
    url = f"http://127.0.0.1:{free_port()}/v1"
    with pytest.raises(BackendError) as caught:
        get_backend("openai", Settings(), base_url=url, model="m").generate(
            GenerationRequest(task="instruct", text="x"))
    assert caught.value.message == f"cannot connect to {url}: connection refused"
    assert "running" in caught.value.hint and caught.value.exit_code == 3


def test_several_servers_fail_over_and_take_turns(examples):
    dead = f"http://127.0.0.1:{free_port()}/v1"
    request = GenerationRequest(task="instruct", text="x")
    with OpenAIServer(text="<p>one</p>") as one, OpenAIServer(text="<p>two</p>") as two:
        assert backend([dead, one.url]).generate(request).info["base_url"] == one.url
        shared = backend([one.url, two.url])
        texts = sorted(shared.generate(request).text for _ in range(4))
        assert texts == ["<p>one</p>", "<p>one</p>", "<p>two</p>", "<p>two</p>"]
        one.queue(*[Reply.failure(500)] * 2)
        result = backend([one.url, two.url], retries=1).generate(request)
        assert result.text == "<p>two</p>"
    with pytest.raises(BackendError) as caught:
        backend([dead, dead.replace("/v1", "/w1")], model="m").generate(request)
    assert caught.value.message.startswith("no server could answer")
    assert caught.value.message.count("connection refused") == 2


def test_a_stream_cut_mid_way_is_an_error(server, examples):
    server.queue(Reply.cut(examples["screenshot"], after=5))
    chunks: list[str] = []
    with pytest.raises(BackendError, match="closed the stream mid-way, after 5 chunks"):
        backend(server).generate(GenerationRequest(task="screenshot", images=[picture()]), chunks.append)
    assert len(chunks) == 5 and len(server.chat_requests) == 1  # not retried: output was under way


def test_a_stream_that_ends_without_finishing_is_an_error(server, examples):
    server.queue(Reply(text=examples["screenshot"], finish_reason=None, send_done=False))
    with pytest.raises(BackendError, match="mid-way"):
        backend(server).generate(GenerationRequest(task="screenshot", images=[picture()]))


def test_a_silent_server_hits_the_read_timeout(server):
    release = threading.Event()
    server.queue(Reply(text="<p>late</p>", hold=release))
    try:
        with pytest.raises(BackendError, match="read timeout"):
            backend(server, model="test-vlm", read_timeout=0.3).generate(
                GenerationRequest(task="instruct", text="x"))
    finally:
        release.set()


def test_a_bad_request_is_not_retried_and_quotes_the_server(server):
    server.queue(Reply.failure(400, "maximum context length is 4096 tokens"))
    with pytest.raises(BackendError, match="HTTP 400 .maximum context length") as caught:
        backend(server, model="test-vlm").generate(GenerationRequest(task="instruct", text="x"))
    assert "--max-new-tokens" in caught.value.hint and len(server.chat_requests) == 1


def test_hitting_the_token_limit_is_a_warning(server, examples):
    server.queue(Reply(text=examples["screenshot"][:500], finish_reason="length"))
    request = GenerationRequest(task="screenshot", images=[picture()])
    result = backend(server, max_new_tokens=30).generate(request)
    assert result.warnings == ["the model stopped at the token limit (max_new_tokens=30); "
                               "the output may be cut off"]


def test_presets_settings_and_bad_urls():
    from web_composer.backends.openai import PRESETS, server_urls

    assert server_urls(None, "lmdeploy") == ["http://127.0.0.1:23333/v1"]
    assert PRESETS["vllm"].endswith(":8000/v1") and PRESETS["ollama"].endswith(":11434/v1")
    assert server_urls(None, None, ["http://a/v1/", "http://b/v1"]) == ["http://a/v1", "http://b/v1"]
    assert server_urls(None, None, [], "ollama") == [PRESETS["ollama"]]
    assert server_urls("http://x/v1", None, [], "ollama") == ["http://x/v1"]
    with pytest.raises(InputError, match="not both"):
        server_urls("http://x/v1", "vllm")
    with pytest.raises(InputError, match="needs a server") as caught:
        server_urls(None, None)
    assert "--preset" in caught.value.hint
    with pytest.raises(InputError, match="not an http"):
        server_urls("127.0.0.1:8000", None)
    with pytest.raises(InputError, match="no option"):
        get_backend("openai", Settings(), base_url="http://x/v1", lora="y")
    settings = Settings(base_url=["http://s/v1"], model="from-settings", retries=7)
    made = get_backend("openai", settings, preset="vllm")
    assert made.urls == [PRESETS["vllm"]] and made.model == "from-settings" and made.retries == 7

