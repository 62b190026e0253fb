"""Small-type word gaps and the pronoun "I" read as a bar (issue 23, fourth pass): the nav item
"Our story" beside a large logo, and "and | managed" on pages rendered by Chromium and read by
the real tesseract."""

from __future__ import annotations

import numpy as np

from glyphs import bars
from web_composer.vision.ocr import OcrLine, OcrWord, _tesseract
from web_composer.vision.pronoun_i import bars_to_i
from web_composer.vision.word_gaps import candidate_gaps, usual_word_gap


def test_a_four_pixel_space_in_small_type_beside_a_large_logo_is_a_candidate() -> None:
    strip = bars([3, 3, 6, 2, 3])  # small type: a space only twice the glyph gaps
    word = OcrWord("Ourstory", (4, 0, strip.shape[1] - 4, 16))
    logo = [OcrWord(t, (x, -24, x + 60, 16)) for t, x in (("Harbor", -400), ("Lane", -330),
                                                         ("Bakery", -260))]
    line = OcrLine("Harbor Lane Bakery Menu Ourstory", (-400, -24, strip.shape[1], 16), 0.9,
                   words=(*logo, OcrWord("Menu", (-60, 0, -30, 16)), word))
    space = usual_word_gap(line, word)
    assert space <= 8  # the nav's own height, not the logo's, bounds the usual word gap
    assert candidate_gaps(strip, word, space) == [(19, 25)]
    even = bars([3, 3, 3, 3, 3])  # evenly spaced letters stay whole
    assert candidate_gaps(even, OcrWord("MENU", (4, 0, even.shape[1] - 4, 16)), space) == []


def test_the_pronoun_i_read_as_a_bar_becomes_i_and_a_separator_stays_a_bar() -> None:
    from web_composer.render import RenderOptions, render_html

    body = "".join(f"<p style=\"font: 16px '{font}'\">and I know where Login | Create</p>"
                   for font in ("Liberation Sans", "DejaVu Sans"))
    image = render_html(f"<!doctype html><html><body>{body}</body></html>", None,
                        RenderOptions(width=600, height=160, full_page=False)).image()
    rgb = np.asarray(image.convert("RGB"))
    first = _tesseract(image.convert("RGB"))
    assert any(line.text.startswith("and |") for line in first), [l.text for l in first]
    lines = bars_to_i(rgb, first)
    texts = [line.text for line in lines]
    assert sum(t.startswith("and I know") for t in texts) == sum(
        t.startswith(("and | know", "and I know")) for t in (l.text for l in first)), texts
    assert all("Login | Create" in t for t in texts if "Login" in t), texts  # separators stay
    assert [line.box for line in lines] == [line.box for line in first]  # geometry unchanged


def test_a_bar_whose_box_misses_its_stroke_is_still_measured() -> None:
    """Tesseract's box for a bar is 1-2 px wide and can lie beside the stroke ("Midkiff. |
    earned" on a dev page: its box held no ink); the stroke is looked for in the whole gap
    between the neighbours, so the I is still told from a bar."""
    from web_composer.render import RenderOptions, render_html

    image = render_html("<!doctype html><html><body><p style=\"font: 16px 'Liberation Sans'\">"
                        "Samuel Midkiff. I earned my degree</p></body></html>", None,
                        RenderOptions(width=600, height=80, full_page=False)).image()
    rgb = np.asarray(image.convert("RGB"))
    (line,) = _tesseract(image.convert("RGB"))
    words = list(line.words)
    k = next(i for i, w in enumerate(words) if w.text in ("I", "|"))
    x0, y0, x1, y1 = words[k].box
    columns = np.flatnonzero((rgb[int(y0):int(y1), :, :].min(axis=2) < 128).any(axis=0))
    stroke = [c for c in columns if words[k - 1].box[2] < c < words[k + 1].box[0]]
    assert stroke, words[k]
    beside = max(stroke) + 2  # a 1 px box just right of the stroke: no ink in it
    assert beside < words[k + 1].box[0]
    words[k] = OcrWord("|", (beside, y0, beside + 1, y1))
    barred = OcrLine(" ".join(w.text for w in words), line.box, line.score, words=tuple(words))
    (fixed,) = bars_to_i(rgb, [barred])
    assert fixed.text == line.text.replace("|", "I"), fixed.text
