"""A second look at tesseract's first reading of a page, word by word (issue 23).

The first pass (English model, whole page) gives the lines and their geometry, which the engine
builds the page's layout from; the second looks change only the text of words, never a line's
box or how words are grouped into lines:

- word_gaps: words run together where the pixels show a space ("Ourstory" -> "Our story");
- accents: words the English model cannot spell, re-read by the Latin-script model
  ("Munoz" -> "Muñoz");
- cjk: lines of Chinese or Japanese, which the English model reads as junk, read by the CJK
  models; these lines alone take the CJK reading's geometry (the English one had none worth
  keeping);
- underlines: the underline of a link read as underscores ("is__in" -> "is in");
- pronoun_i: the capital I read as a bar ("and | managed" -> "and I managed"), told apart by
  where its stroke ends (a bar reaches below the baseline);
- end_marks: a closing period, comma or colon dropped or misread ("elit" -> "elit."), spelled
  from the glyph after the word's last letter;
- open_quotes: an opening quote read before a word that has none ("About" -> "‘About"), or
  with the wrong count of strokes, checked against the pieces of ink before the first letter;
- dots_dashes: a middle dot read as "-", a bullet as "«", an en dash as an em dash, spelled
  from the blob's size and shape against the line's type size; and such a mark tesseract left
  out between two words ("2013 - Present" read "2013 Present") put back from the gap's ink;
- unread: rows of text-like ink that no line covers (a paragraph's dropped lines), read on their
  own and added as new lines; no line already read is changed.

    lines = second_look(image, lines)      # a PIL image and its first-pass lines
"""

from __future__ import annotations

from typing import Any


def second_look(image: Any, lines: list[Any]) -> list[Any]:
    import numpy as np

    from .accents import restore_accents
    from .cjk import read_cjk
    from .dots_dashes import add_dropped_marks, spell_dots_and_dashes
    from .end_marks import spell_end_marks
    from .open_quotes import check_open_quotes
    from .pronoun_i import bars_to_i
    from .underlines import drop_underlines
    from .unread import read_unread
    from .word_gaps import split_run_together

    if not lines:
        return lines
    rgb = np.asarray(image)
    lines = drop_underlines(rgb, read_cjk(image, lines))
    lines = bars_to_i(rgb, read_unread(rgb, restore_accents(rgb, split_run_together(rgb, lines))))
    lines = spell_dots_and_dashes(rgb, check_open_quotes(rgb, spell_end_marks(rgb, lines)))
    return add_dropped_marks(rgb, lines)
