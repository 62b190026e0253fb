"""CJK text: Chinese and Japanese lines, which the English model reads as junk.

Tesseract's English model turns a line of Chinese into a few low-confidence "words" ("FAT BS
WOOF", 0.3) or drops it. So:

1. the junk lines (mean confidence under JUNK; the English model's boxes cover only parts of
   them, enough for this) are cut out and read together by the Chinese model
   (vision.word_sheet); if that reading finds at least MIN_CHARS CJK characters it is sure of,
   the page has CJK text (a photo or an icon read as junk yields none); the Japanese model then
   looks for kana on the same crops;
2. then the whole page is read again by the Chinese (or, where kana were seen, the Japanese)
   model together with the English one, and each of its lines that is mostly CJK replaces the
   English lines it covers (and fills in lines the English model dropped); other lines stay;
3. CJK text is kept unsplit: tesseract gives one "word" per character or two, so neighbouring
   CJK words are joined without a space into one word per run.

Needs the Debian packages tesseract-ocr-chi-sim and tesseract-ocr-jpn (setup.sh installs them);
without them pages are read as before.

    lines = read_cjk(image, lines)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

JUNK = 0.6  # an English line less sure than this may be CJK
MIN_CHARS = 3  # sure CJK characters that show the page has CJK text (kana: Japanese)
SURE = 0.7
MOSTLY = 0.5  # share of a line's letters that are CJK for the line to be taken
MAX_PROBE = 40  # junk lines probed


def is_cjk(char: str) -> bool:
    """Han, kana, hangul, and CJK punctuation and full-width forms."""
    code = ord(char)
    return (0x3000 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
            or 0xF900 <= code <= 0xFAFF or 0xAC00 <= code <= 0xD7AF or 0xFF00 <= code <= 0xFFEF)


def _kana(text: str) -> bool:
    return any(0x3040 <= ord(c) <= 0x30FF for c in text)


def read_cjk(image: Any, lines: list[Any]) -> list[Any]:
    import numpy as np

    from .ocr import _tesseract_tiled, tesseract_languages
    from .word_sheet import WordSheet

    installed = tesseract_languages()
    if not {"chi_sim", "jpn"} <= installed:
        return lines
    junk = sorted((line for line in lines if line.score < JUNK), key=lambda l: l.score)[:MAX_PROBE]
    if not junk:
        return lines
    sheet = WordSheet(np.asarray(image))
    for line in junk:
        sheet.add(line.box, margin=4)
    if _sure_cjk(sheet, "chi_sim") < MIN_CHARS:
        return lines
    language = "jpn+eng" if _sure_cjk(sheet, "jpn", kana=True) >= MIN_CHARS else "chi_sim+eng"
    found = [joined(line) for line in _tesseract_tiled(image, language=language)]
    cjk = [line for line in found if _mostly_cjk(line.text)]
    kept = [line for line in lines if not any(_covers(c.box, line.box) for c in cjk)]
    return kept + cjk


def _sure_cjk(sheet: Any, language: str, kana: bool = False) -> int:
    """How many CJK characters (or kana only) the model reads on the sheet with confidence."""
    words = [w for found in sheet.read(language=language, psm=4).values() for w in found]
    return sum(1 for w in words if w.confidence >= SURE for c in w.text
               if (_kana(c) if kana else is_cjk(c)))


def _mostly_cjk(text: str) -> bool:
    letters = [c for c in text if c.isalnum()]
    return bool(letters) and sum(is_cjk(c) for c in letters) >= MOSTLY * len(letters)


def _covers(cjk: tuple, other: tuple) -> bool:
    w = min(cjk[2], other[2]) - max(cjk[0], other[0])
    h = min(cjk[3], other[3]) - max(cjk[1], other[1])
    area = max(1.0, (other[2] - other[0]) * (other[3] - other[1]))
    return w > 0 and h > 0 and w * h >= 0.3 * area


def joined(line: Any) -> Any:
    """The line with neighbouring words that end and start with a CJK character made one word
    (no space between them): "欢迎 来 到" -> "欢迎来到"."""
    from .ocr import OcrWord

    words, confidences = [], []
    own = list(line.confidences) or [line.score] * len(line.words)
    for word, confidence in zip(line.words, own):
        if words and is_cjk(words[-1].text[-1]) and is_cjk(word.text[0]):
            last = words[-1]
            box = (last.box[0], min(last.box[1], word.box[1]), word.box[2],
                   max(last.box[3], word.box[3]))
            words[-1] = OcrWord(last.text + word.text, box)
            confidences[-1] = min(confidences[-1], confidence)
        else:
            words.append(word)
            confidences.append(confidence)
    if len(words) == len(line.words):
        return line
    text = " ".join(w.text for w in words)
    return replace(line, text=text, words=tuple(words), confidences=tuple(confidences))
