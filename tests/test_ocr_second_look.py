"""The reader's second look at words (vision.second_look): word gaps measured on the pixels,
accents from the Latin-script model, CJK lines; on pages rendered by Chromium and read by the
real tesseract, compared with what tesseract's first pass alone reads."""

from __future__ import annotations

from glyphs import bars
from web_composer.vision.ocr import OcrWord, _tesseract, ocr_lines
from web_composer.vision.word_gaps import candidate_gaps

NAV = ["Home", "Contact Us", "About us", "Our story", "Terms of Service"]


def _shot(html: str, width: int = 1000, height: int = 200):
    from web_composer.render import RenderOptions, render_html

    page = f"<!doctype html><html><head><meta charset='utf-8'></head><body>{html}</body></html>"
    return render_html(page, None, RenderOptions(width=width, height=height, full_page=False)).image()


def test_a_gap_much_wider_than_the_glyph_gaps_is_a_space_and_even_spacing_is_not() -> None:
    spaced = bars([1, 2, 1, 5, 1, 2])  # "Our story": one gap of a space among glyph gaps
    box = (4, 0, spaced.shape[1] - 4, 16)
    assert candidate_gaps(spaced, OcrWord("Ourstory", box), space=6) == [(4 + 3 * 4 + 4, 4 + 3 * 4 + 9)]
    tracked = bars([4, 5, 4, 4, 5, 4])  # letter-spaced capitals: every gap alike
    box = (4, 0, tracked.shape[1] - 4, 16)
    assert candidate_gaps(tracked, OcrWord("DIRECTION", box), space=6) == []


def test_nav_items_run_together_by_the_first_pass_are_split_where_the_pixels_show_a_gap() -> None:
    links = "".join(f"<a style='margin-right:24px'>{t}</a>" for t in NAV)
    image = _shot(f"<div style=\"font: 12px 'Liberation Sans'; color: #555\">{links}</div>"
                  "<p style=\"font: 14px 'Liberation Sans'; letter-spacing: 5px\">PERFORMANCE"
                  " DIRECTION</p>").convert("RGB")
    first = " ".join(line.text for line in _tesseract(image))
    joined = [t for t in NAV if t.replace(" ", "") in first.split()]
    assert len(joined) >= 2, first  # the first pass runs them together
    lines = ocr_lines(image)
    text = " ".join(line.text for line in lines)
    for item in joined:
        assert item in text, text
    assert "PERFORMANCE DIRECTION" in text  # evenly spaced letters are not split
    raw_boxes = sorted(line.box for line in _tesseract(image))
    assert sorted(line.box for line in lines) == raw_boxes  # the lines' geometry is unchanged


def test_accented_letters_replace_only_the_letters_the_english_model_put_there() -> None:
    from web_composer.vision.accents import with_accents

    assert with_accents("Peñaranda", "Pefaranda") == "Peñaranda"
    assert with_accents("España", "Espaiia") == "España"
    assert with_accents("'Evaluación", '"Evaluacion') == '"Evaluación'  # its own quote kept
    assert with_accents("Martínez", "Martinez") == "Martínez"
    assert with_accents("Hemández", "Hernandez") is None  # another letter differs too
    assert with_accents("Garcia", "Garcia") is None


def test_spanish_names_keep_their_accents_and_the_lines_their_boxes() -> None:
    names = ("José María Fernández y Joaquín Peñaranda Muñoz con Carlos Periñán-Pascual y Pedro"
             " García")
    image = _shot(f"<p style=\"font: 15px 'DejaVu Sans'; color: #333\">{names}</p>"
                  "<p style=\"font: 15px 'DejaVu Sans'\">Delivery is free for orders over 25"
                  " euros.</p>").convert("RGB")
    first = _tesseract(image)
    lines = ocr_lines(image)
    want = set(names.split())
    before = want & set(" ".join(line.text for line in first).split())
    after = want & set(" ".join(line.text for line in lines).split())
    assert len(want - before) >= 3, before  # the English model drops accents ...
    assert len(want - after) <= 1, after  # ... which the Latin re-read of its words restores
    assert [line.box for line in lines] == [line.box for line in first]
    assert lines[-1].text == "Delivery is free for orders over 25 euros."


CHINESE = ["欢迎来到我们的咖啡店", "我们每天早上七点开门，提供新鲜烘焙的面包和手冲咖啡。",
           "地址：北京市朝阳区建国路八十八号"]


def test_a_chinese_page_is_read_by_the_cjk_model_and_kept_unsplit() -> None:
    """Needs tesseract-ocr-chi-sim and -jpn (setup.sh installs them) and a CJK font (Noto CJK)."""
    import difflib

    from web_composer.vision.cjk import is_cjk

    body = (f"<h1>{CHINESE[0]}</h1><p style='font-size:18px'>{CHINESE[1]}</p>"
            f"<p style='font-size:16px'>Opening hours: 7am to 9pm</p>"
            f"<p style='font-size:16px'>{CHINESE[2]}</p>")
    image = _shot(f"<div lang='zh' style=\"font-family: 'Noto Sans CJK SC'\">{body}</div>",
                  width=900, height=300).convert("RGB")
    want = "".join(CHINESE)

    def accuracy(lines: list) -> float:
        got = "".join(c for line in lines for c in line.text if is_cjk(c))
        return difflib.SequenceMatcher(None, want, got, autojunk=False).ratio()

    assert accuracy(_tesseract(image)) < 0.5  # the English model reads junk
    lines = ocr_lines(image)
    assert accuracy(lines) >= 0.95, [line.text for line in lines]
    texts = [line.text for line in lines]
    assert "Opening hours: 7am to 9pm" in texts
    assert any(CHINESE[0] in t for t in texts)  # no spaces between the characters


def test_a_later_reading_of_a_line_keeps_the_accents_of_the_first() -> None:
    from web_composer.vision.accents import keep_accents

    first = [("Pedro", (0, 0, 40, 12)), ("Muñoz", (46, 0, 90, 12))]
    later = [("Pedro", (0, 0, 41, 12)), ("Munoz,", (46, 0, 94, 12)), ("Madrid", (100, 0, 150, 12))]
    assert [t for t, _ in keep_accents(first, later)] == ["Pedro", "Muñoz,", "Madrid"]


def test_a_widened_reading_is_trusted_only_for_a_lone_letter_or_where_letters_meet_digits() -> None:
    from web_composer.vision.word_gaps import _kind_changes, _lone_letter_first
    from web_composer.vision.word_sheet import SheetWord

    def reading(*texts: str, confidence: float = 0.9) -> list:
        return [SheetWord(t, (10.0 * i, 0, 10.0 * i + 8, 10), confidence) for i, t in enumerate(texts)]

    assert _lone_letter_first(reading("A", "year"))
    assert not _lone_letter_first(reading("G", "ifts"))  # widening any gap makes a space
    assert not _lone_letter_first(reading("A", "year", confidence=0.5))
    assert _kind_changes(reading("Francisco", "66"))
    assert _kind_changes(reading("2010/09/20", "$85,600"))
    assert not _kind_changes(reading("Pe", "rformance"))


def test_punctuation_is_never_split_off_a_word() -> None:
    from web_composer.vision.word_gaps import _confirmed
    from web_composer.vision.word_sheet import SheetWord

    word = OcrWord("educational.", (0, 0, 100, 12))
    read = [SheetWord("educational", (0, 0, 90, 12), 0.95), SheetWord(".", (96, 0, 100, 12), 0.9)]
    assert _confirmed(word, read, [(92, 95)]) is None
    word = OcrWord("forthe", (0, 0, 40, 12))
    read = [SheetWord("for", (0, 0, 18, 12), 0.95), SheetWord("the", (24, 0, 40, 12), 0.9)]
    assert [p.text for p in _confirmed(word, read, [(19, 23)])] == ["for", "the"]


def test_table_cells_set_close_are_split_where_letters_meet_digits() -> None:
    """"San Francisco" and "59" in two cells set close (DejaVu Sans 16 px, 1 px apart plus the
    glyphs' own sides, as sb-admin's table draws them), which tesseract reads as one word: the
    gap where letters meet digits is a candidate space even though it is barely wider than the
    glyph gaps, and the widened reading confirms it; words whose letters and digits touch
    ("html5", "mp3") are left whole."""
    import numpy as np
    from line_shot import line_shot

    from web_composer.vision.word_gaps import split_run_together

    image = line_shot("<span style=\"font:16px 'DejaVu Sans'\">San Francisco</span>"
                      "<span style=\"font:16px 'DejaVu Sans';margin-left:1px\">59</span>"
                      "<span style=\"font:16px 'DejaVu Sans';margin-left:40px\">html5 and mp3</span>")
    lines = _tesseract(image)
    read = [w.text for line in lines for w in line.words]
    assert "Francisco59" in read, read
    fixed = split_run_together(np.asarray(image), lines)
    at = read.index("Francisco59")
    assert [w.text for line in fixed for w in line.words] == read[:at] + ["Francisco", "59"] + read[at + 1:]
