"""Words read in two overlapping pieces by two passes are read again whole (issue 23,
vision.word_pieces): on lines rendered by Chromium and read by tesseract."""

from __future__ import annotations

import numpy as np

from line_shot import line_shot
from web_composer.vision.ocr import _tesseract
from web_composer.vision.rescue import RescuedLine
from web_composer.vision.word_pieces import join_pieces


def _line(words):
    box = (min(b[0] for _t, b in words), min(b[1] for _t, b in words),
           max(b[2] for _t, b in words), max(b[3] for _t, b in words))
    return RescuedLine(" ".join(t for t, _b in words), box, 0.9, list(words))


def test_a_word_cut_between_two_passes_is_read_whole_in_the_longer_line() -> None:
    image = line_shot("<p>View Project</p><p>Contact us</p>")
    lines = _tesseract(image)
    words = [(w.text, tuple(w.box)) for line in lines for w in line.words]
    assert [t for t, _b in words] == ["View", "Project", "Contact", "us"], words
    (view, vbox), (_p, pbox), *rest = words
    cut = pbox[0] + 0.55 * (pbox[2] - pbox[0])
    # As the engine's passes leave it: the first pass stops inside the word ("View Proj"), the
    # rescue reads the rest from a crop grown by a few pixels, the neighbour's stroke with it.
    first = _line([(view, vbox), ("Proj", (pbox[0], pbox[1], cut, pbox[3]))])
    rescued = _line([("yject", (cut - 4, pbox[1], pbox[2], pbox[3]))])
    other = _line(rest)
    out = join_pieces(np.asarray(image), [first, rescued, other])
    assert [line.text for line in out] == ["View Project", "Contact us"]
    assert out[1] is other  # a line with no piece is not touched
    assert out[0].box[2] >= pbox[2] - 1


def test_words_a_space_apart_or_of_one_line_are_left_alone() -> None:
    image = line_shot("<p>Home About Services</p>")
    (line,) = _tesseract(image)
    words = [(w.text, tuple(w.box)) for w in line.words]
    assert [t for t, _b in words] == ["Home", "About", "Services"]
    # Two lines side by side, a word space apart: not pieces of one word.
    apart = [_line(words[:1]), _line(words[1:])]
    assert join_pieces(np.asarray(image), apart) == apart
    # Touching boxes inside one line (tesseract's own split) are not joined either.
    (h, hb), (a, ab), s = words
    touching = [_line([(h, hb), (a, (hb[2], ab[1], ab[2], ab[3])), s])]
    assert join_pieces(np.asarray(image), touching) == touching


def test_a_line_with_words_of_its_own_beside_its_piece_stays_a_line() -> None:
    """A bar's brand read with the menu's first letter ("Start Bootstrap Hi") and the menu read
    without it ("lome About"): the word is read whole in the menu, the brand stays its own text."""
    image = line_shot("<p>Start Bootstrap Home About Services</p>")
    words = [(w.text, tuple(w.box)) for line in _tesseract(image) for w in line.words]
    assert [t for t, _b in words] == ["Start", "Bootstrap", "Home", "About", "Services"], words
    start, boot, (_h, hbox), about, services = words
    cut = hbox[0] + 0.3 * (hbox[2] - hbox[0])
    brand = _line([start, boot, ("Hi", (hbox[0], hbox[1], cut + 3, hbox[3]))])
    menu = _line([("lome", (cut, hbox[1], hbox[2], hbox[3])), about, services])
    out = join_pieces(np.asarray(image), [brand, menu])
    assert [line.text for line in out] == ["Start Bootstrap", "Home About Services"], \
        [line.text for line in out]
