"""Prompts: IXC-2.5's instructions byte for byte, the chat prompts, the resume's script merge."""

from __future__ import annotations

import pytest
from PIL import Image

from web_composer.errors import InputError
from web_composer.jobs import GenerationRequest
from web_composer.prompts import (build_messages, flavour_for, merge_script, message_text, page_of,
                                  revise_messages, script_messages, script_of)

# ../shared/ixc25/ARCHITECTURE.md, section 5.5 (the leading space is part of the data)
IXC = {
    "screenshot": " Generate the HTML code of this web image with Tailwind CSS.",
    "resume": " Generate a personal page using the content in the resume:",
    "script": " Generate JavaScript events for the html code:",
}
DESKTOP, MOBILE = Image.new("RGB", (1280, 900)), Image.new("RGB", (390, 1600))


def request(task: str, **fields) -> GenerationRequest:
    return GenerationRequest(task=task, **fields)


def test_ixc_flavour_is_byte_exact():
    screenshot = build_messages(request("screenshot", images=[DESKTOP], text="ignored"), "ixc")
    assert screenshot == [{"role": "user", "content": [{"type": "image", "image": DESKTOP},
                                                      {"type": "text", "text": IXC["screenshot"]}]}]
    resume_md = "# Jane Doe\n\nBuilding No.7\n\n"
    resume = build_messages(request("resume", text=resume_md), "ixc")
    assert message_text(resume) == IXC["resume"] + resume_md
    instruction = "A website for Research institutions. The name is Shanghai AI lab.\n"
    assert message_text(build_messages(request("instruct", text=instruction), "ixc")) == instruction
    page = "<html>\n<body>x</body>\n</html>\n"
    assert message_text(script_messages(page, "ixc")) == IXC["script"] + page


def test_ixc_flavour_appends_wishes_on_a_new_line():
    messages = build_messages(request("screenshot", images=[DESKTOP], instruction="  dark mode "), "ixc")
    assert message_text(messages) == IXC["screenshot"] + "\ndark mode"


def test_chat_system_prompt_follows_the_stack():
    tailwind = build_messages(request("screenshot", images=[DESKTOP]))[0]
    assert tailwind["role"] == "system"
    text = tailwind["content"][0]["text"]
    assert "```html" in text and "self-contained" in text and "picsum.photos/W/H" in text
    assert '<link href="https://cdn.jsdelivr.net/npm/tailwindcss@2.2.19/dist/tailwind.min.css"' in text
    css = message_text(build_messages(request("screenshot", images=[DESKTOP], stack="css"))[:1])
    assert "tailwind" not in css.lower() and "<style>" in css
    with pytest.raises(InputError, match="unknown stack"):
        build_messages(request("screenshot", images=[DESKTOP], stack="bootstrap"))


def test_chat_screenshot_prompt_one_and_several_images():
    one = build_messages(request("screenshot", images=[DESKTOP]))
    assert [p["type"] for p in one[1]["content"]] == ["image", "text"]
    text = message_text(one[1:])
    assert "1280×900 px" in text and "exactly" in text and "responsive" not in text
    assert "wishes" not in text
    several = build_messages(request("screenshot", images=[DESKTOP, MOBILE], instruction="Use a red logo."))
    assert [p["image"] for p in several[1]["content"][:2]] == [DESKTOP, MOBILE]
    text = message_text(several[1:])
    assert ("same web page at different widths (1280 px wide (1280×900 px), "
            "390 px wide (390×1600 px))") in text
    assert "one responsive page" in text and text.endswith("Use a red logo.")


def test_chat_instruct_and_resume_prompts_carry_the_text():
    instruct = message_text(build_messages(request("instruct", text="A bakery page.", images=[MOBILE]))[1:])
    assert "A bakery page." in instruct and "390×1600 px" in instruct
    resume = message_text(build_messages(request("resume", text="# Jane Doe\n- Python"))[1:])
    assert resume.endswith("The resume, as Markdown:\n\n# Jane Doe\n- Python")
    assert "navigation" in resume


@pytest.mark.parametrize("task, fields, needle", [
    ("screenshot", {}, "at least one screenshot"),
    ("instruct", {"text": "  "}, "needs an instruction"),
    ("resume", {}, "resume's text"),
])
def test_incomplete_requests_are_input_errors(task, fields, needle):
    with pytest.raises(InputError, match=needle):
        build_messages(request(task, **fields))


def test_flavour_choice():
    assert flavour_for("internlm-xcomposer2d5-7b") == "ixc"
    assert flavour_for("InternLM/internlm-xcomposer2d5-7b-4bit") == "ixc"
    assert flavour_for("ixc-web") == "ixc"
    assert flavour_for("qwen2-vl-7b-instruct") == "chat" and flavour_for(None) == "chat"
    assert flavour_for("mixcoder") == "chat"
    assert flavour_for("qwen2-vl", "ixc") == "ixc" and flavour_for("internlm-xcomposer2d5", "chat") == "chat"
    with pytest.raises(InputError, match="unknown prompt flavour"):
        flavour_for("x", "gpt")


def test_revise_prompt():
    render = Image.new("RGB", (1280, 700))
    messages = revise_messages([DESKTOP], render, "<html>old</html>",
                               notes=["the title is 4 px too low", "the footer is missing"])
    assert messages[0]["role"] == "system"
    assert [p.get("image") for p in messages[1]["content"][:2]] == [DESKTOP, render]
    text = message_text(messages[1:])
    assert "first image shows the target" in text and "rendered at 1280 px" in text
    assert "```html\n<html>old</html>\n```" in text
    assert "- the title is 4 px too low\n- the footer is missing" in text
    without_render = message_text(revise_messages([DESKTOP, MOBILE], None, "<p/>")[1:])
    assert "first 2 images" in without_render and "last image" not in without_render


def test_page_of_finds_the_document():
    assert page_of("Sure!\n```html\n<html><body>x</body></html>\n```\nBye") == "<html><body>x</body></html>"
    assert page_of("Here:\n<!DOCTYPE html>\n<html></html>") == "<!DOCTYPE html>\n<html></html>"
    assert page_of("```html\n<html><body>cut off") == "<html><body>cut off"
    assert page_of("I cannot do that.") is None


def test_script_of_takes_scripts_then_fences():
    assert script_of('<script src="x.js"></script><script>\nlet a = 1;\n</script>') == "let a = 1;"
    assert script_of("Here:\n```javascript\nlet b = 2;\n```\n") == "let b = 2;"
    assert script_of("```js\nlet c;\n```\n```\nlet d;\n```") == "let c;\n\nlet d;"
    assert script_of("document.title = 'x';") == ""  # bare text could be prose: never run
    assert script_of("<div>no script</div>") == ""


def test_merge_script_places_one_script_element():
    page = "<html><body><p>x</p></body></html>"
    merged = merge_script(page, "```js\nlet a = '\\d';\n```")
    assert merged == "<html><body><p>x</p><script>\nlet a = '\\d';\n</script>\n</body></html>"
    assert merge_script(merged, "```js\nlet a = '\\d';\n```") == merged  # already there
    assert merge_script(page, "no code here <b>") == page
    go = "<script>go();</script>"
    assert merge_script("<html><p>x</p></html>", go).startswith("<html><p>x</p><script>\ngo();")
    fenced = merge_script("```html\n<div>cut\n```\nDone.", go)
    assert fenced == "```html\n<div>cut\n<script>\ngo();\n</script>\n```\nDone."
    assert merge_script("<div>cut", go) == "<div>cut\n<script>\ngo();\n</script>\n"
