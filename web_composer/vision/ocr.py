"""OCR of screenshots: Tesseract 5 (default) or RapidOCR, both offline on the CPU.

    lines = ocr_lines(image)                       # PIL image, path or numpy array
    lines = ocr_lines(image, engine="rapidocr")
    for line in lines: line.text, line.box (x0, y0, x1, y1), line.score, line.words

Engines:
- "tesseract": the `tesseract` program (Debian package tesseract-ocr), run once per image with TSV
  output. Keeps the spaces between words and gives a box per word; ~1 s for a 1280 px page.
- "rapidocr": RapidOCR (PP-OCR models shipped in its wheel). Finds a little more stylised text but
  its English model drops the spaces between words, so word boxes are not available; 4-7 s a page.

The default is tesseract when the program is installed, else rapidocr; WEBCOMPOSE_OCR_ENGINE
overrides it. On the Design2Code dev pages tesseract's text is much closer to the DOM's
(benchmarks/RESULTS.md, "Scorer").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import BackendError, InputError

ENGINES = ("tesseract", "rapidocr")
TESSERACT_HINT = "install it: `apt-get install tesseract-ocr` (Debian/Ubuntu), or pass engine='rapidocr'"
TESSERACT_TIMEOUT = 120  # seconds
MIN_WORD_CONFIDENCE = 20  # tesseract's 0-100 confidence under which a "word" is noise

_lock = threading.Lock()


class OcrWord(NamedTuple):
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in image pixels


@dataclass(frozen=True)
class OcrLine:
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in image pixels
    score: float
    quad: tuple[tuple[float, float], ...] = ()  # the detector's four corners (rapidocr)
    words: tuple[OcrWord, ...] = ()  # word boxes, left to right (tesseract)
    confidences: tuple[float, ...] = ()  # each word's confidence, 0-1 (tesseract)

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]


def default_engine() -> str:
    """WEBCOMPOSE_OCR_ENGINE if set, else tesseract when installed, else rapidocr."""
    chosen = os.environ.get("WEBCOMPOSE_OCR_ENGINE", "").strip().lower()
    if chosen:
        if chosen not in ENGINES:
            raise InputError(f"WEBCOMPOSE_OCR_ENGINE={chosen} is not an OCR engine "
                             f"(choose one of: {', '.join(ENGINES)})")
        return chosen
    return "tesseract" if shutil.which("tesseract") else "rapidocr"


def load_image(source: Any):  # -> PIL.Image.Image (RGB)
    """Open a path or PIL image as RGB, with a clear error for anything that is not an image."""
    from PIL import Image, UnidentifiedImageError

    if isinstance(source, Image.Image):
        return source.convert("RGB")
    if hasattr(source, "shape"):  # a numpy array, height x width x 3 (RGB)
        return Image.fromarray(source).convert("RGB")
    path = Path(source)
    if not path.is_file():
        raise InputError(f"{path}: no such image file")
    try:
        with Image.open(path) as image:
            image.load()
            return image.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise InputError(f"{path} is not an image (PNG, JPEG or WebP expected)") from None


def ocr_lines(source: Any, *, min_score: float = 0.5, engine: str | None = None) -> list[OcrLine]:
    """Text lines found in an image, top to bottom, left to right."""
    engine = engine or default_engine()
    if engine not in ENGINES:
        raise InputError(f"unknown OCR engine {engine!r} (choose one of: {', '.join(ENGINES)})")
    image = load_image(source)
    if engine == "tesseract":
        from .second_look import second_look

        lines = second_look(image, _tesseract_tiled(image))
    else:
        lines = _rapidocr(image)
    lines = [line for line in lines if line.score >= min_score and line.text]
    lines.sort(key=lambda l: (round(l.box[1] / 4), l.box[0]))
    return lines


def read_many(read: Any, images: list[Any]) -> list[Any]:
    """``[read(image) for image in images]``, two at a time: tesseract runs in its own process,
    so on two cores a second reading costs no waiting (the engine's second passes and a tall
    page's bands are independent readings)."""
    if len(images) < 2:
        return [read(image) for image in images]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        return list(pool.map(read, images))


class OcrReader:
    """One job's OCR: each image is read once and the lines handed to whoever asks again.

    The built-in engine reads the target screenshot to build the page, and the scorer reads the
    same screenshot to score every candidate against it; one reader, made per job and passed to
    both (GenerationRequest.reader), reads it once. Images are told apart by a hash of their
    pixels, so a copy of the target loaded from its file again is the same image. Not a module
    global: nothing is shared between jobs.

        reader = OcrReader()            # or OcrReader("rapidocr")
        lines = reader(image)           # a PIL image, array or path, like ocr_lines
        reader.reads, reader.reused     # how many images were read, how many answers reused
    """

    def __init__(self, engine: str | None = None) -> None:
        self.engine = engine
        self.reads = 0
        self.reused = 0
        self._lines: dict[tuple, list[OcrLine]] = {}
        self._guard = threading.Lock()

    def __call__(self, source: Any) -> list[OcrLine]:
        import hashlib

        image = load_image(source)
        key = (hashlib.sha1(image.tobytes()).hexdigest(), image.size, self.engine)
        with self._guard:
            if key in self._lines:
                self.reused += 1
                return list(self._lines[key])
        lines = ocr_lines(image, engine=self.engine)
        with self._guard:
            self._lines[key] = lines
            self.reads += 1
        return list(lines)


@lru_cache(maxsize=1)
def _rapid_engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise BackendError("the OCR engine is not installed",
                           hint="pip install rapidocr-onnxruntime") from None
    return RapidOCR()


def _rapidocr(image) -> list[OcrLine]:
    import numpy as np

    array = np.asarray(image)[:, :, ::-1].copy()  # RapidOCR expects BGR like OpenCV
    with _lock:  # the ONNX sessions are shared; keep one caller at a time
        result, _ = _rapid_engine()(array)
    lines = []
    for quad, text, score in result or []:
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        lines.append(OcrLine(str(text).strip(), (min(xs), min(ys), max(xs), max(ys)), float(score),
                             tuple((float(p[0]), float(p[1])) for p in quad)))
    return lines


@lru_cache(maxsize=1)
def tesseract_languages() -> frozenset[str]:
    """The tesseract models installed (eng, Latin, osd, chi_sim, ...); empty without tesseract."""
    program = shutil.which("tesseract")
    if program is None:
        return frozenset()
    done = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30)
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:] if line.strip())


def _tesseract(image, language: str = "eng", psm: int = 3) -> list[OcrLine]:
    program = shutil.which("tesseract")
    if program is None:
        raise BackendError("the tesseract OCR program is not installed", hint=TESSERACT_HINT)
    # One thread: tesseract's OpenMP threads only fight each other on a busy machine.
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    # The pixels go in a PPM file, not a PNG on stdin: compressing a 1280 x 3300 band took longer
    # (0.13-0.3 s) than writing it raw, and tesseract reads a large stdin slowly. Same reading.
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    with tempfile.NamedTemporaryFile(suffix=".ppm" if image.mode == "RGB" else ".pgm") as sheet:
        image.save(sheet, format="PPM")
        sheet.flush()
        try:
            done = subprocess.run(
                [program, sheet.name, "stdout", "--psm", str(psm), "-l", language, "tsv"],
                capture_output=True, env=env, timeout=TESSERACT_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise BackendError(f"tesseract took more than {TESSERACT_TIMEOUT} s") from None
    if done.returncode != 0:
        detail = (done.stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
        raise BackendError(f"tesseract failed: {detail}")
    return parse_tesseract_tsv(done.stdout.decode("utf-8", errors="replace"))


TILE = 3000  # px: taller images are read in bands this high ...
OVERLAP = 300  # ... overlapping by this much (more than any line is high)


def _tesseract_tiled(image, language: str = "eng") -> list[OcrLine]:
    """Tesseract's page analysis takes more than linear time in the page's height (a 12000 px
    page costs 3.7x a 6000 px one): a tall page is read in overlapping bands (two at a time), and
    a line is kept from the band where its centre lies away from the seams (each line once)."""
    width, height = image.size
    if height <= TILE + OVERLAP:
        return _tesseract(image, language)
    bands = [(top, min(height, top + TILE + OVERLAP)) for top in range(0, height - OVERLAP, TILE)]
    readings = read_many(lambda band: _tesseract(band, language),
                         [image.crop((0, top, width, bottom)) for top, bottom in bands])
    lines: list[OcrLine] = []
    for (top, bottom), band_lines in zip(bands, readings):
        own_top = top + OVERLAP / 2 if top > 0 else 0
        own_bottom = bottom - OVERLAP / 2 if bottom < height else height
        for line in band_lines:
            moved = _shifted(line, top)
            if own_top <= (moved.box[1] + moved.box[3]) / 2 < own_bottom:
                lines.append(moved)
    return lines


def _shifted(line: OcrLine, dy: float) -> OcrLine:
    from dataclasses import replace

    def move(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return (box[0], box[1] + dy, box[2], box[3] + dy)

    return replace(line, box=move(line.box),
                   words=tuple(OcrWord(w.text, move(w.box)) for w in line.words),
                   confidences=line.confidences)


def parse_tesseract_tsv(tsv: str) -> list[OcrLine]:
    """Tesseract's TSV (one row per word, with block/paragraph/line numbers) -> lines of words."""
    grouped: dict[tuple[str, str, str], list[tuple[OcrWord, float]]] = {}
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) != 12 or fields[0] != "5":
            continue
        text, confidence = fields[11].strip(), float(fields[10])
        if not text or confidence < MIN_WORD_CONFIDENCE:
            continue
        left, top, width, height = (float(v) for v in fields[6:10])
        word = OcrWord(text, (left, top, left + width, top + height))
        grouped.setdefault((fields[2], fields[3], fields[4]), []).append((word, confidence))
    lines = []
    for items in grouped.values():
        items.sort(key=lambda item: item[0].box[0])
        words = tuple(w for w, _ in items)
        box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
               max(w.box[2] for w in words), max(w.box[3] for w in words))
        score = sum(c for _, c in items) / len(items) / 100
        lines.append(OcrLine(" ".join(w.text for w in words), box, score, words=words,
                             confidences=tuple(c / 100 for _, c in items)))
    return lines
