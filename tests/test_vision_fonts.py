"""Text measurement on real Chromium renders: family, weight, size, colour, baseline, links."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pytest

from web_composer.render import RenderOptions, render_html
from web_composer.vision import fonts
from web_composer.vision.segmentation import Segmentation
from web_composer.vision.styles import measure_lines

CASES = [  # family, weight, size, colour, text
    ("sans", 400, 16, "#333333", "Managing a part of the developer tools team"),
    ("sans", 700, 24, "#111111", "Senior Web Development Engineer"),
    ("serif", 400, 18, "#1a5fb4", "The quick brown fox jumps over the lazy dog"),
    ("serif", 700, 32, "#000000", "Read more about our services"),
    ("mono", 400, 14, "#444444", "git commit --amend --no-edit"),
    ("sans", 400, 13, "#777777", "Privacy Policy and Terms of Service"),
    ("dejavu-sans", 400, 15, "#222222", "Welcome to the documentation portal"),
    ("serif", 400, 20, "#8b0000", "Contact the team today for a quote"),
    # a Bootstrap lead paragraph: weight 300, drawn with DejaVu's light face (setup.sh installs
    # it); fitted as regular or as a monospace, it was a wide, dark line of another face
    ("dejavu-sans", 300, 20, "#6c757d", "A single, lightweight helper class allows you"),
]


@dataclass
class FakeOcrLine:  # what vision.ocr gives: text and a loose box
    text: str
    box: tuple[float, float, float, float]
    score: float = 1.0


@pytest.fixture(scope="module")
def measured():
    if len(fonts.available_families()) < 4:
        pytest.skip("the Liberation and DejaVu fonts are not installed")
    rows = "".join(
        f'<div style="position:absolute;left:30px;top:{30 + i * 60}px;font:{w} {s}px '
        f'{fonts.css_stack(f)};color:{c};white-space:nowrap"><span>{t}</span></div>'
        for i, (f, w, s, c, t) in enumerate(CASES))
    js = ("() => Array.from(document.querySelectorAll('span')).map(s => {"
          "const r = s.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]})")
    shot = render_html(f"<body style='margin:0;background:#fff'>{rows}</body>",
                       options=RenderOptions(evaluate=js))
    ocr = [FakeOcrLine(case[4], tuple(box)) for case, box in zip(CASES, shot.data)]
    lines = measure_lines(np.asarray(shot.image()), ocr, Segmentation((255, 255, 255)))
    return lines, shot.data


def test_weight_size_and_colour_of_each_line(measured):
    lines, _boxes = measured
    assert len(lines) == len(CASES)
    for (family, weight, size, colour, _text), line in zip(CASES, lines):
        assert line.font.weight == weight, line
        assert abs(line.font.size - size) <= 0.6, line
        want = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert max(abs(a - b) for a, b in zip(line.color, want)) <= 12, line
        # one ink, one run: a light face's thin strokes reach their colour in some words only
        assert weight >= 350 or line.runs is None, line


def test_family_of_most_lines(measured):
    lines, _boxes = measured
    right = sum(line.font.family == case[0] for case, line in zip(CASES, lines))
    assert right >= len(CASES) - 1


def test_baseline_sits_where_the_browser_put_it(measured):
    lines, boxes = measured
    for (family, weight, size, *_rest), line, box in zip(CASES, lines, boxes):
        ascent, descent = fonts.vertical_metrics(family, weight)
        a, d = round(ascent * size), round(descent * size)
        line_box = box[3] - box[1]
        expected = box[1] + (line_box - (a + d)) / 2 + a
        assert abs(line.baseline - expected) <= 1.5, (line, expected)


def test_differently_coloured_words_become_runs():
    html = ("<body style='margin:0;background:#fff;font:16px Arial'><p style='margin:20px'>"
            "Read the <span style='color:#0a58ca'>documentation pages</span> before you start"
            "</p></body>")
    js = ("() => {const r = document.querySelector('p').getClientRects()[0];"
          " return [r.left, r.top, r.right, r.bottom]}")
    shot = render_html(html, options=RenderOptions(evaluate=js))
    text = "Read the documentation pages before you start"
    (line,) = measure_lines(np.asarray(shot.image()), [FakeOcrLine(text, tuple(shot.data))],
                            Segmentation((255, 255, 255)))
    assert line.runs is not None
    assert [t for t, _c in line.runs] == ["Read the", "documentation pages", "before you start"]
    assert max(abs(a - b) for a, b in zip(line.runs[1][1], (10, 88, 202))) <= 12


@pytest.mark.parametrize("size,tracking", [(72, 0.1), (40, 0.25), (14, 0.2)])
def test_letter_spaced_display_type_is_measured_as_tracked(size: int, tracking: float):
    """Headlines and small-caps labels are often tracked (letter-spacing .1-.3em): the size comes
    from the ink's height, the rest of its width is tracking, not a bigger font."""
    if len(fonts.available_families()) < 4:
        pytest.skip("the Liberation and DejaVu fonts are not installed")
    text = "LAKESIDE CABINS"
    html = (f"<body style='margin:0;background:#fff'><div style='position:absolute;left:30px;"
            f"top:30px;font:400 {size}px {fonts.css_stack('sans')};letter-spacing:{tracking}em;"
            f"color:#222;white-space:nowrap'><span>{text}</span></div></body>")
    js = "() => { const r = document.querySelector('span').getBoundingClientRect(); " \
         "return [r.left, r.top, r.right, r.bottom]; }"
    shot = render_html(html, options=RenderOptions(evaluate=js))
    [line] = measure_lines(np.asarray(shot.image()), [FakeOcrLine(text, tuple(shot.data))],
                           Segmentation((255, 255, 255)))
    assert abs(line.font.size - size) <= max(1.0, 0.06 * size), line  # from cap height
    assert abs(line.font.spacing - tracking * size) <= max(0.6, 0.2 * tracking * size), line


def _words(gaps, height=12, width=40):
    """OCR words (text, box) on one row, ``width`` wide, ``gaps`` px apart, ``height`` tall."""
    words, x = [], 100
    for k, gap in enumerate([0, *gaps]):
        x += gap
        words.append((f"Word{k}", (x, 20, x + width, 20 + height)))
        x += width
    return words


def test_a_row_of_one_word_items_is_cut_at_every_gap():
    # a Bootstrap navbar's "About Services Contact": no gap as narrow as a word space, items
    # 1.4 heights apart -> three pieces; the same row with word spaces of 1.2 heights (monospace
    # code, "key: value") stays one piece, and so does a row with a word space among its gaps
    from web_composer.vision.elements import Box
    from web_composer.vision.styles import _split_words

    def pieces(gaps):
        words = _words(gaps)
        text = " ".join(w for w, _b in words)
        return [p.text for p in _split_words(text, words, Box(100, 20, 400, 32), 0.9)]

    assert pieces([17, 17]) == ["Word0", "Word1", "Word2"]
    assert pieces([14, 14]) == ["Word0 Word1 Word2"]
    assert pieces([4, 17]) == ["Word0 Word1 Word2"]


def test_a_brand_before_its_navbar_items_does_not_hide_their_gaps():
    """"My Pivots" (26 px boxes) then "Forum", "Daily Notes", "Calculators" (12 px) 31 px apart:
    measured against the brand's height the gaps looked like word spaces and the bar came out
    as one squeezed line; the items' own height parts them. Tall words after the start of a
    line (an underlined answer in a sentence) leave it one line."""
    from web_composer.vision.elements import Box
    from web_composer.vision.styles import _split_words

    def row(spec):  # (text, width, height, gap before)
        words, x = [], 100
        for text, w, h, gap in spec:
            x += gap
            words.append((text, (x, 40 - h, x + w, 40)))
            x += w
        return [p.text for p in _split_words(" ".join(t for t, *_ in spec), words,
                                             Box(100, 10, x, 40), 0.9)]

    assert row([("My", 18, 26, 0), ("Pivots", 60, 26, 4), ("Forum", 40, 12, 31),
                ("Daily", 30, 13, 31), ("Notes", 36, 12, 5), ("Calculators", 83, 12, 31)]) \
        == ["My Pivots", "Forum", "Daily Notes", "Calculators"]
    assert row([("I", 6, 12, 0), ("felt", 26, 12, 5), ("so", 14, 12, 5),
                ("alive", 40, 26, 22), ("today", 36, 12, 5)]) == ["I felt so alive today"]


def test_both_stacks_write_a_light_weight():
    from web_composer.vision.emit.css import render_css
    from web_composer.vision.emit.model import Element, Plan
    from web_composer.vision.emit.tailwind import render_tailwind

    def plan():
        lead = Element("p", "text", "text", parts=["A single, lightweight helper class"],
                       nowrap=True, look={"font-size": "20px", "font-weight": "300"})
        return Plan(Element("div", "page", "backdrop", children=[lead]),
                    background=(255, 255, 255), width=800)

    assert "font-weight:300" in render_css(plan())
    assert re.search(r'<p class="[^"]*\bfont-light\b', render_tailwind(plan()))


def test_a_style_winning_by_a_hair_in_another_family_takes_the_pages():
    """A name in a table fits monospace bold 0.399 and the page's sans 0.381: set in the page's
    family, at the weight that family fits best; real code (a wide margin) keeps its family."""
    from web_composer.vision.fonts import FontFit
    from web_composer.vision.typography import _near_tie

    table = [[FontFit("mono", 700, 16, 0.399), FontFit("sans", 400, 16, 0.381),
              FontFit("sans", 700, 16, 0.191)],
             [FontFit("mono", 400, 14, 0.357), FontFit("sans", 400, 15, -0.412)]]
    out = [table[0][0], table[1][0]]
    _near_tie([0], table, out, "sans")
    _near_tie([1], table, out, "sans")
    assert (out[0].family, out[0].weight) == ("sans", 400)
    assert out[1].family == "mono"
