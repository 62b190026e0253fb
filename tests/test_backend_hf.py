"""The hf backend on a tiny randomly initialised LLaVA (CLIP vision + Llama text) built here, offline,
with a byte-level tokenizer and a real PEFT LoRA adapter saved to a temp folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from web_composer.backends.base import get_backend
from web_composer.backends.hf import choose_device
from web_composer.config import Settings
from web_composer.errors import BackendError, InputError, ModelNotFound
from web_composer.jobs import GenerationRequest
from web_composer.prompts import build_messages, revise_messages

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
peft = pytest.importorskip("peft")

CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n"
    "{% if m['content'] is string %}{{ m['content'] }}{% else %}{% for c in m['content'] %}"
    "{% if c['type'] == 'image' %}<image>{% else %}{{ c['text'] }}{% endif %}{% endfor %}{% endif %}"
    "<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
NO_SYSTEM_TEMPLATE = ("{% if messages[0]['role'] == 'system' %}"
                      "{{ raise_exception('System role not supported') }}{% endif %}" + CHAT_TEMPLATE)


def byte_tokenizer():
    """A byte-level BPE tokenizer with no merges: every text encodes, every decode is exact."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    alphabet = sorted(pre_tokenizers.ByteLevel.alphabet())
    core = Tokenizer(models.BPE(vocab={ch: i for i, ch in enumerate(alphabet)}, merges=[]))
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    core.decoder = decoders.ByteLevel()
    core.add_special_tokens(["<pad>", "<s>", "</s>", "<image>", "<|im_start|>", "<|im_end|>"])
    return PreTrainedTokenizerFast(tokenizer_object=core, pad_token="<pad>", bos_token="<s>",
                                   eos_token="</s>")


def build_tiny_vlm(folder: Path) -> None:
    from transformers import (CLIPImageProcessorPil, CLIPVisionConfig, LlamaConfig, LlavaConfig,
                              LlavaForConditionalGeneration, LlavaProcessor)

    tokenizer = byte_tokenizer()
    images = CLIPImageProcessorPil(size={"shortest_edge": 28}, crop_size={"height": 28, "width": 28})
    processor = LlavaProcessor(image_processor=images, tokenizer=tokenizer, patch_size=14,
                               vision_feature_select_strategy="default", chat_template=CHAT_TEMPLATE,
                               image_token="<image>", num_additional_image_tokens=1)
    vision = CLIPVisionConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                              num_attention_heads=2, image_size=28, patch_size=14, projection_dim=16)
    text = LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                       num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=2048,
                       bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                       pad_token_id=tokenizer.pad_token_id)
    config = LlavaConfig(vision_config=vision, text_config=text,
                         image_token_index=tokenizer.convert_tokens_to_ids("<image>"),
                         vision_feature_select_strategy="default", vision_feature_layer=-1)
    torch.manual_seed(0)
    LlavaForConditionalGeneration(config).eval().save_pretrained(folder)
    processor.save_pretrained(folder)


def build_adapter(model_folder: Path, folder: Path) -> None:
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForImageTextToText

    base = AutoModelForImageTextToText.from_pretrained(model_folder)
    torch.manual_seed(1)
    config = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    get_peft_model(base, config).save_pretrained(folder)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hf")
    build_tiny_vlm(root / "tiny-vlm")
    build_adapter(root / "tiny-vlm", root / "loras" / "web")
    return {"model": root / "tiny-vlm", "lora": root / "loras" / "web", "root": root}


def hf(tiny, **options):
    options.setdefault("model_path", tiny["model"])
    options.setdefault("device", "cpu")
    return get_backend("hf", Settings(lora_dir=tiny["root"] / "loras"), **options)


def screenshot() -> GenerationRequest:
    image = Image.new("RGB", (60, 40), (240, 240, 240))
    image.paste((20, 90, 200), (5, 5, 30, 20))
    return GenerationRequest(task="screenshot", images=[image])


def reference_text(folder: Path, request: GenerationRequest, max_new_tokens: int) -> tuple[str, int]:
    """What transformers itself generates greedily for the chat prompt: (text, new tokens)."""
    from transformers import AutoModelForImageTextToText, AutoProcessor

    processor = AutoProcessor.from_pretrained(folder)
    model = AutoModelForImageTextToText.from_pretrained(folder).eval()
    messages = build_messages(request, "chat")
    plain = [{"role": m["role"], "content": [{"type": "image"} if p["type"] == "image" else p
                                             for p in m["content"]]} for m in messages]
    prompt = processor.apply_chat_template(plain, add_generation_prompt=True, tokenize=False)
    inputs = processor(text=prompt, images=request.images, return_tensors="pt")
    with torch.inference_mode():
        output = model.generate(**inputs, max_new_tokens=max_new_tokens, do_sample=False)
    new = output[0, inputs["input_ids"].shape[1]:]
    return processor.tokenizer.decode(new, skip_special_tokens=True), len(new)


def test_generates_greedily_and_streams_token_by_token(tiny):
    request = screenshot()
    chunks: list[str] = []
    backend = hf(tiny, max_new_tokens=12)
    result = backend.generate(request, chunks.append)
    expected, count = reference_text(tiny["model"], request, 12)
    assert result.text == expected and result.info["tokens"] == count
    assert "".join(chunks) == expected and len(chunks) >= count
    assert result.backend == "hf" and result.model == "tiny-vlm" and result.html is None
    assert (result.info["device"], result.info["dtype"], result.info["greedy"]) == ("cpu", "float32", True)
    limit_warning = ["the model stopped at the token limit (max_new_tokens=12); the output may be cut off"]
    assert result.warnings == (limit_warning if count == 12 else [])
    assert backend.generate(request).text == expected  # loaded once, same answer


def test_a_process_loads_a_model_once_for_every_backend_made_on_it(tiny):
    """A batch worker (a thread, or a Ray actor holding a GPU) builds a backend per job; the
    weights stay loaded between them."""
    first, second = hf(tiny, max_new_tokens=4), hf(tiny, max_new_tokens=6)
    assert second.load() is first.load()
    tuned = hf(tiny, lora="web")
    assert tuned.load().model is not first.load().model  # another adapter is another model


def test_seeded_sampling_is_reproducible(tiny):
    request = GenerationRequest(task="instruct", text="A bakery page.")
    five, six = (hf(tiny, max_new_tokens=8, temperature=1.0, seed=seed) for seed in (5, 6))
    first = five.generate(request).text
    assert five.generate(request).text == first and six.generate(request).text != first


def test_the_lora_adapter_changes_the_logits(tiny):
    from peft import PeftModel
    from transformers import AutoModelForImageTextToText

    messages = build_messages(screenshot(), "chat")
    base, tuned = hf(tiny), hf(tiny, lora="web", max_new_tokens=4)  # the adapter by its name under lora_dir
    assert tuned.lora == tiny["lora"] and tuned.name_of_model == "tiny-vlm+web"
    inputs = base.inputs(messages)
    with torch.inference_mode():
        base_logits = base.load().model(**inputs).logits
        tuned_logits = tuned.load().model(**tuned.inputs(messages)).logits
        manual = PeftModel.from_pretrained(AutoModelForImageTextToText.from_pretrained(tiny["model"]),
                                           str(tiny["lora"])).eval()
        manual_logits = manual(**inputs).logits
    assert base_logits.shape == tuned_logits.shape
    assert (base_logits - tuned_logits).abs().max() > 1e-3
    assert torch.allclose(tuned_logits, manual_logits, atol=1e-5)
    result = tuned.generate(screenshot())
    assert result.model == "tiny-vlm+web" and result.info["lora"] == str(tiny["lora"])


def test_missing_weights_say_where_weights_go(tiny, tmp_path: Path):
    for path in (tmp_path / "nothing", tmp_path):
        with pytest.raises(ModelNotFound) as caught:
            hf(tiny, model_path=path)
        assert caught.value.exit_code == 3 and "huggingface-cli download" in caught.value.hint
    assert "no config.json" in str(caught.value)
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelNotFound, match="holds no weights"):
        hf(tiny, model_path=tmp_path)
    with pytest.raises(ModelNotFound, match="needs a model folder") as caught:
        get_backend("hf", Settings(model_dir=Path("model")))
    assert "model/" in caught.value.hint
    named = get_backend("hf", Settings(model_dir=tiny["root"]), model="tiny-vlm")
    assert named.model_path == tiny["model"]
    with pytest.raises(ModelNotFound, match="no PEFT adapter") as caught:
        hf(tiny, lora=tmp_path)
    assert "loras" in caught.value.hint


def test_a_template_without_a_system_role_gets_the_system_text_in_the_user_turn(tiny, tmp_path: Path):
    folder = tmp_path / "no-system"
    shutil.copytree(tiny["model"], folder)
    (folder / "chat_template.jinja").write_text(NO_SYSTEM_TEMPLATE)
    backend = hf(tiny, model_path=folder, max_new_tokens=4)
    ids = backend.inputs(build_messages(screenshot(), "chat"))["input_ids"][0]
    prompt = backend.load().tokenizer.decode(ids)
    assert prompt.startswith("<|im_start|>user\n<image>") and "<|im_start|>system" not in prompt
    assert "You are an expert front-end developer" in prompt
    assert backend.generate(screenshot()).info["tokens"] <= 4
    revised = backend.chat(lambda flavour: revise_messages([screenshot().images[0]], None, "<p/>",
                                                           flavour=flavour))
    assert revised.backend == "hf" and revised.info["tokens"] <= 4


def test_a_model_that_is_not_a_vision_language_model_is_refused(tiny, tmp_path: Path):
    from transformers import LlamaConfig, LlamaForCausalLM

    tokenizer = byte_tokenizer()
    LlamaForCausalLM(LlamaConfig(vocab_size=len(tokenizer), hidden_size=16, intermediate_size=32,
                                 num_hidden_layers=1, num_attention_heads=2)).save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    with pytest.raises(BackendError, match="not an image-text-to-text model"):
        hf(tiny, model_path=tmp_path).generate(GenerationRequest(task="instruct", text="x"))


def test_device_and_dtype_choice():
    assert choose_device("auto", cuda=True, mps=True, bf16=True) == ("cuda", "bfloat16")
    assert choose_device("auto", cuda=True, mps=False, bf16=False) == ("cuda", "float16")
    assert choose_device("auto", cuda=False, mps=True, bf16=False) == ("mps", "float16")
    assert choose_device("auto", cuda=False, mps=False, bf16=False) == ("cpu", "float32")
    assert choose_device("cuda:1", cuda=True, mps=False, bf16=True) == ("cuda:1", "bfloat16")
    assert choose_device("cpu", cuda=True, mps=True, bf16=True) == ("cpu", "float32")
    with pytest.raises(BackendError, match="no CUDA GPU"):
        choose_device("cuda", cuda=False, mps=False, bf16=False)
    with pytest.raises(InputError, match="unknown device"):
        choose_device("tpu", cuda=False, mps=False, bf16=False)
