"""The re-read of doubtful lines (vision.rescue.reread_doubtful) keeps the words the first pass
read and the re-read skipped (issue 23): on a line rendered by Chromium and read by tesseract."""

from __future__ import annotations

from line_shot import line_shot

from web_composer.vision.ocr import _tesseract
from web_composer.vision.rescue import keep_unmatched


def _shot(text: str):
    return line_shot(f"<p>{text}</p>")


def test_words_the_re_read_skipped_are_kept_in_place_and_its_own_spellings_win() -> None:
    image = _shot("Amazon UK | Amazon Germany | Amazon Spain | Amazon Italy")
    (line,) = _tesseract(image)
    first = [(w.text, w.box) for w in line.words]
    texts = [t for t, _b in first]
    assert texts.count("Amazon") == 4 and "Spain" in texts and "|" in texts, texts
    spain = texts.index("Spain")
    # A re-read the way tesseract gives it on the enlarged sheet: the middle pair and the bars
    # skipped, one word spelled another way.
    reread = [(t if t != "Italy" else "ltaly", b) for k, (t, b) in enumerate(first)
              if k not in (spain - 1, spain) and t != "|"]
    words = keep_unmatched(first, reread)
    assert [t for t, _b in words] == ["Amazon", "UK", "Amazon", "Germany", "Amazon", "Spain",
                                      "Amazon", "ltaly"]
    assert [b[0] for _t, b in words] == sorted(b[0] for _t, b in words)
    assert keep_unmatched(first, []) == []


def test_the_re_read_keeps_the_first_pass_space_between_cells_set_close() -> None:
    """The enlarged re-read runs two table cells into one word ("Francisco59"); the first
    pass's two words spell it exactly, so they stay. A first pass that cut at a mark
    ("doudou," "theme." for "doudou.theme.") does not overrule the re-read."""
    from web_composer.vision.rescue import keep_spaces

    image = _shot("San Francisco 59 and doudou.theme.")
    (line,) = _tesseract(image)
    first = [(w.text, w.box) for w in line.words]
    texts = [t for t, _b in first]
    assert texts[:3] == ["San", "Francisco", "59"], texts
    b0, b1 = first[1][1], first[2][1]
    joined = ("Francisco59", (b0[0], b0[1], b1[2], b1[3]))
    assert keep_spaces(first, [first[0], joined] + first[3:]) == first
    last = first[-1]
    cut = first[:-1] + [("doudou,", (last[1][0], last[1][1], last[1][0] + 5, last[1][3])),
                        ("theme.", (last[1][0] + 8, last[1][1], last[1][2], last[1][3]))]
    assert keep_spaces(cut, first) == first
