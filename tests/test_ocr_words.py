"""Word-level OCR accuracy (vision.ocr_check): DOM words vs OCR words by position, and the
classes of misreading; then the real reader on a rendered page (Chromium + tesseract)."""

from __future__ import annotations

import numpy as np

from web_composer.vision.ocr_check import Word, compare, dom_words


def test_compare_counts_each_class_of_misreading() -> None:
    truth = [Word("Our", (0, 0, 30, 20)), Word("story", (36, 0, 80, 20)),
             Word("Periñán", (100, 0, 170, 20)), Word("Shopify", (200, 0, 260, 20)),
             Word("Hello,", (300, 0, 350, 20)), Word("7am", (400, 0, 430, 12), small=True),
             Word("gone", (500, 0, 540, 20)), Word("same", (600, 0, 640, 20))]
    read = [Word("Ourstory", (1, 2, 79, 19)), Word("Perinan", (101, 2, 169, 19)),
            Word("Shop", (201, 2, 228, 19)), Word("ify", (231, 2, 259, 19)),
            Word("Hello.", (301, 2, 349, 19)), Word("7%", (401, 1, 415, 11)),
            Word("am", (417, 1, 429, 11)), Word("SAME", (601, 2, 639, 19)),
            Word("©", (700, 2, 712, 19)), Word("x", (800, 2, 810, 19))]
    report = compare(truth, read, icons=[(698, 0, 716, 20)])
    assert report.words == 8 and report.correct == 1  # "same" (case aside)
    assert report.counts == {"run_together": 2, "accents": 1, "split": 1, "punctuation": 1,
                             "small_light": 1, "missed": 1, "icons": 1, "extra": 1}
    assert report.accuracy == 1 / 8


def test_dom_words_drop_undrawn_words_and_glue_touching_ones() -> None:
    image = np.full((40, 300, 3), 255, np.uint8)
    image[10:30, 10:60:3] = 0  # "Hello" + "world" drawn as one run of strokes
    image[10:30, 100:140] = 250  # white-ish text on white: not drawn
    data = {"words": [
        {"text": "Hello", "size": 16, "color": "rgb(0, 0, 0)", "box": [10, 10, 35, 30]},
        {"text": "world", "size": 16, "color": "rgb(0, 0, 0)", "box": [35, 10, 60, 30]},
        {"text": "ghost", "size": 16, "color": "rgb(255, 255, 255)", "box": [100, 10, 140, 30]},
        {"text": "tiny", "size": 10, "color": "rgb(0, 0, 0)", "box": [200, 10, 240, 30]}]}
    image[10:30, 200:240:3] = 0
    words = dom_words(data, image)
    assert [w.text for w in words] == ["Helloworld", "tiny"]
    assert words[1].small and not words[0].small


def test_a_screenshot_job_reads_its_target_once(cli, tmp_path) -> None:
    """The engine's OCR of the target is the scorer's: one reading, reused (report.json says)."""
    import json

    from web_composer.render import RenderOptions, render_html
    from web_composer.vision.ocr import OcrReader

    shot = render_html("<h1>Fresh rolls</h1><p>Baked every morning at seven.</p>", None,
                       RenderOptions(width=640, height=300, full_page=False))
    target = tmp_path / "shot.png"
    target.write_bytes(shot.png)
    reader = OcrReader()
    first = reader(target)
    again = reader(np.asarray(shot.image()))  # the same pixels, loaded another way
    assert again == first and (reader.reads, reader.reused) == (1, 1)
    assert "Fresh rolls" in " ".join(line.text for line in first)

    result = cli(["screenshot", target, "-o", tmp_path / "out", "--refine", "1"])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["ocr"]["reused"] >= 1  # the scorer did not read the target again


def test_a_tall_page_is_read_in_bands_and_each_line_once() -> None:
    """Past 3300 px tesseract reads overlapping 3000 px bands; lines on a seam are kept once."""
    from web_composer.render import render_html
    from web_composer.vision import ocr

    rows = "".join(f"<p style='margin:0;height:300px;font:22px Arial'>Row number {i} of the list</p>"
                   for i in range(14))
    image = render_html(f"<body style='margin:0'>{rows}</body>").image()
    assert image.height == 4200
    lines = ocr.ocr_lines(image)
    texts = [line.text for line in lines]
    for i in range(14):
        assert texts.count(f"Row number {i} of the list") == 1, texts
    tops = [line.box[1] for line in lines]
    assert all(abs(top - 300 * i) <= 12 for i, top in enumerate(tops)), tops


def test_tesseract_reads_every_image_mode_alike(tmp_path, monkeypatch) -> None:
    """The pixels reach tesseract as a raw PPM/PGM file: grey, palette and RGBA pictures are read
    as their RGB copy is, and the temporary file is gone afterwards."""
    import tempfile

    from line_shot import line_shot

    from web_composer.vision.ocr import _tesseract

    image = line_shot("Seven quiet owls watched the harbour")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    read = {mode: " ".join(line.text for line in _tesseract(image.convert(mode)))
            for mode in ("RGB", "L", "P", "RGBA")}
    assert read["RGB"] == "Seven quiet owls watched the harbour"
    assert read["L"] == read["P"] == read["RGBA"] == read["RGB"]
    assert list(tmp_path.iterdir()) == []
