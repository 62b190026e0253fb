"""Read many small pieces of a page in one OCR call: crops stacked on a white sheet.

The second looks of the reader (word gaps, accents, CJK lines) each need tesseract's reading of
a few dozen small crops. One tesseract process per crop would cost ~0.1 s of start-up each, so
the crops are cleaned (black ink on white, see ``ink``), optionally enlarged, stacked one under
the other with white between them and read at once; what is read is handed back per crop.

    sheet = WordSheet(image_rgb_array)
    slot = sheet.add(box, zoom=2, widen=[(x0, x1)])     # None when the crop does not fit
    readings = sheet.read(language="Latin")             # slot -> list of SheetWord
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PAD = 16  # px of white around each crop on the sheet
MAX_HEIGHT = 20_000  # px of sheet height (tesseract reads a sheet in time linear in its height)
MIN_INK = 40  # grey levels between ink and ground under which a crop holds no text


@dataclass(frozen=True)
class SheetWord:
    text: str
    box: tuple[float, float, float, float]  # in the page's pixels
    confidence: float  # 0-1


def ink(crop: Any) -> Any:
    """A text crop (RGB) as grey ink on white: the distance of each pixel from the ground (the
    median of the crop's border), stretched so the strongest ink is black. Light text on dark
    ground comes out dark on white, which is what OCR models read best."""
    import numpy as np

    pixels = crop.astype(np.int16)
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    ground = np.median(border, axis=0)
    distance = np.abs(pixels - ground).max(axis=2).astype(np.float32)
    top = max(float(np.percentile(distance, 99.5)), 1.0)
    return (255 * (1 - np.clip(distance / top * 1.15, 0, 1))).astype(np.uint8)


class WordSheet:
    """Crops of one page, read together; see the module's docstring."""

    def __init__(self, rgb: Any) -> None:
        self.rgb = rgb
        self._crops: list[tuple[Any, int]] = []  # (grey image, top on the sheet)
        self._slots: list[tuple[int, int, float, float, float, list]] = []
        self._height = PAD

    def __len__(self) -> int:
        return len(self._slots)

    def add(self, box: tuple[float, float, float, float], *, zoom: float = 1.0,
            widen: list[tuple[int, int]] = (), margin: int = 3) -> int | None:
        """Put the crop of ``box`` (page pixels, grown by ``margin``) on the sheet, enlarged
        ``zoom`` times; each (x0, x1) column range in ``widen`` (page pixels) is made three times
        wider, so that a narrow gap becomes a clear space. Returns the crop's slot number."""
        import numpy as np
        from PIL import Image

        height, width = self.rgb.shape[:2]
        x0, y0 = max(0, int(box[0]) - margin), max(0, int(box[1]) - margin)
        x1, y1 = min(width, int(box[2] + 0.999) + margin), min(height, int(box[3] + 0.999) + margin)
        if x1 - x0 < 4 or y1 - y0 < 4:
            return None
        grey = ink(self.rgb[y0:y1, x0:x1])
        if 255 - int(grey.min()) < MIN_INK:
            return None
        columns = []  # (sheet column start, page x start, step) pieces to map x back
        pieces, at = [], 0
        for g0, g1 in sorted(widen):
            g0, g1 = max(g0 - x0, at), min(g1 - x0, grey.shape[1])
            if g1 <= g0:
                continue
            pieces.append(grey[:, at:g0])
            pieces.append(np.full((grey.shape[0], 3 * (g1 - g0)), 255, np.uint8))
            columns.append((g0, g1))
            at = g1
        pieces.append(grey[:, at:])
        grey = np.concatenate(pieces, axis=1) if columns else grey
        image = Image.fromarray(grey)
        if zoom != 1:
            image = image.resize((round(image.size[0] * zoom), round(image.size[1] * zoom)),
                                 Image.LANCZOS)
        if self._height + image.size[1] + PAD > MAX_HEIGHT:
            return None
        self._crops.append((image, self._height))
        self._slots.append((self._height, self._height + image.size[1], x0, y0, zoom, columns))
        self._height += image.size[1] + 2 * PAD
        return len(self._slots) - 1

    def read(self, language: str = "eng", psm: int = 4) -> dict[int, list[SheetWord]]:
        """OCR the sheet once; the words read on each slot, left to right, in page pixels."""
        from PIL import Image

        from .ocr import _tesseract

        if not self._crops:
            return {}
        sheet = Image.new("L", (max(c.size[0] for c, _ in self._crops) + 2 * PAD, self._height), 255)
        for crop, top in self._crops:
            sheet.paste(crop, (PAD, top))
        found: dict[int, list[SheetWord]] = {}
        for line in _tesseract(sheet.convert("RGB"), language=language, psm=psm):
            for word, confidence in zip(line.words, line.confidences):
                cy = (word.box[1] + word.box[3]) / 2
                slot = next((i for i, s in enumerate(self._slots) if s[0] <= cy < s[1]), None)
                if slot is not None:
                    found.setdefault(slot, []).append(
                        SheetWord(word.text, self._back(slot, word.box), confidence))
        for words in found.values():
            words.sort(key=lambda w: w.box[0])
        return found

    def _back(self, slot: int, box: Any) -> tuple[float, float, float, float]:
        top, _bottom, x0, y0, zoom, columns = self._slots[slot]

        def x_back(x: float) -> float:
            x, shift = (x - PAD) / zoom, 0  # crop columns, widened; undo each widening in turn
            for g0, g1 in columns:
                start = g0 + shift
                if x < start:
                    break
                if x < start + 3 * (g1 - g0):
                    return x0 + g0 + (x - start) / 3
                shift += 2 * (g1 - g0)
            return x0 + x - shift

        return (x_back(box[0]), (box[1] - top) / zoom + y0, x_back(box[2]), (box[3] - top) / zoom + y0)
