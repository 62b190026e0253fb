"""Accents: the words the English model cannot spell, re-read by tesseract's Latin-script model.

Tesseract's English model reads "Muñoz" as "Munoz" and "Peñaranda" as "Pefaranda"; its
Latin-script model (Debian: tesseract-ocr-script-latn) spells them, but reading the whole page
with it changes the lines' geometry, which the engine's layout is built from (the `ocr` branch
tried: Design2Code Block fell). So only words are re-read, and only their text is taken:

1. candidates, on a page where the English model already spelled some accented word ("José": a
   Spanish page): every word of three letters or more it was less sure of than SURE; on other
   pages: words that spell an "ñ" the English way ("ii") and it was unsure of (under DOUBT);
2. their crops are read together by the Latin model (vision.word_sheet);
3. a word takes the Latin reading's accented letters only when that reading differs from the
   English one only there (a letter or two of the English reading in place of each accented
   letter; punctuation stays the English reading's): "Pefaranda" -> "Peñaranda", never a
   different word. The crops are enlarged twice: an accent on an "i" is a few pixels.

    lines = restore_accents(rgb, lines)
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import replace
from typing import Any

LATIN = "Latin"
DOUBT = 0.8  # words the English model is less sure of than this are re-read ...
SURE = 0.99  # ... and on a page with accents, words it is less sure of than this
ZOOM = 2  # the crops are read enlarged: an accent on an "i" is a few pixels
MIN_CONFIDENCE = 0.5  # of the Latin reading
MAX_WORDS = 400  # per page


def restore_accents(rgb: Any, lines: list[Any]) -> list[Any]:
    from .ocr import tesseract_languages
    from .word_sheet import WordSheet

    if LATIN not in tesseract_languages():
        return lines
    accented_page = any(_accented(w.text) for line in lines for w in line.words)
    if not accented_page and not any("ii" in w.text for line in lines for w in line.words):
        return lines  # loading the Latin model alone costs 0.3 s: only where accents show
    sheet, asks = WordSheet(rgb), {}
    for li, line in enumerate(lines):
        confidences = list(line.confidences) or [1.0] * len(line.words)
        for wi, (word, confidence) in enumerate(zip(line.words, confidences)):
            if len(asks) < MAX_WORDS and _candidate(word.text, confidence, accented_page):
                slot = sheet.add(word.box, margin=2, zoom=ZOOM)
                if slot is not None:
                    asks[slot] = (li, wi)
    if not asks:
        return lines
    readings = sheet.read(language=LATIN, psm=4)
    changed: dict[int, dict[int, str]] = {}
    for slot, (li, wi) in asks.items():
        reading = readings.get(slot, [])
        if len(reading) != 1 or reading[0].confidence < MIN_CONFIDENCE:
            continue
        merged = with_accents(reading[0].text, lines[li].words[wi].text)
        if merged:
            changed.setdefault(li, {})[wi] = merged
    return [_respelled(line, changed[i]) if i in changed else line for i, line in enumerate(lines)]


def _candidate(text: str, confidence: float, accented_page: bool) -> bool:
    letters = sum(c.isalpha() and ord(c) < 0x2E80 for c in text)  # Latin, Greek, ...: not CJK
    if letters < 3 or _accented(text):
        return False
    return confidence < (SURE if accented_page else DOUBT) and (accented_page or "ii" in text)


def _accented(text: str) -> bool:
    return any(c.isalpha() and fold(c) != c for c in text)


def fold(text: str) -> str:
    """Without diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def with_accents(accented: str, plain: str) -> str | None:
    """``plain`` with the accented letters of ``accented`` in place of one or two of its letters
    each ("ñ" for "n", "f" or "ii"), or None when the two differ in any other letter; where they
    differ only in punctuation, ``plain``'s is kept."""
    if not _accented(accented):
        return None
    out = []
    matcher = difflib.SequenceMatcher(None, accented, plain, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        new, old = accented[a0:a1], plain[b0:b1]
        if op == "equal" or not any(c.isalnum() for c in new + old):
            out.append(old)  # the same, or punctuation only: the English reading's
        elif (op == "replace" and all(_accented(c) for c in new) and old.isalpha()
              and len(new) <= len(old) <= 2 * len(new)):
            out.append(new)
        else:
            return None
    merged = "".join(out)
    return merged if merged != plain else None


def _respelled(line: Any, texts: dict[int, str]) -> Any:
    from .ocr import OcrWord

    words = [OcrWord(texts[i], w.box) if i in texts else w for i, w in enumerate(line.words)]
    return replace(line, text=" ".join(w.text for w in words), words=tuple(words))


def keep_accents(old_words: list[Any], new_words: list[Any]) -> list[Any]:
    """``new_words`` (a later reading of the same line, as (text, box) pairs) with the accents
    that the earlier reading's word at the same place had ("Muñoz" stays "Muñoz")."""
    out = []
    for text, box in new_words:
        cx = (box[0] + box[2]) / 2
        for old_text, old_box in old_words:
            if old_box[0] <= cx <= old_box[2]:
                text = with_accents(old_text, text) or text
                break
        out.append((text, box))
    return out
