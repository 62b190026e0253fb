"""Starts the official judge with two measurement-only changes (nothing that alters a score).

1. Screenshots go through judge_screenshot.py (the same offline network as our renderer).
2. The official ``find_different_pixels`` (a Python loop over every pixel, most of the judge's
   time on a tall page) is replaced by the same test in numpy: a pixel counts when every channel of
   the second painted render is within 8 of the first one's value + 50 (mod 256). It returns the
   same set of (row, column) pairs, which the official code only intersects with others, so
   order does not matter; ``--check-pixels`` compares the two on every page and stops on a mismatch.

    python judge_fast.py [--check-pixels] JUDGE_ARGS...
"""

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
JUDGE = HERE.parent.parent / "shared" / "design2code" / "official"


def fast_different_pixels(path1, path2):
    import numpy as np
    from PIL import Image

    first, second = Image.open(path1), Image.open(path2)
    if first.size != second.size:
        print(f"[Warning] Images are not the same size, {path1}, {path2}")
        return None
    a = np.asarray(first.convert("RGB")).astype(np.int16)
    b = np.asarray(second.convert("RGB")).astype(np.int16)
    hit = (np.abs((a + 50) % 256 - b) <= 8).all(axis=2)
    rows, cols = np.nonzero(hit.T)  # the official loop runs x outer, y inner
    if len(rows) == 0:
        return None
    return np.stack([cols, rows], axis=1)


def main() -> int:
    sys.path.insert(0, str(JUDGE))
    import judge

    check = "--check-pixels" in sys.argv
    argv = [a for a in sys.argv[1:] if a != "--check-pixels"]
    runner = Path(tempfile.mkdtemp(prefix="judge_runner_"))
    (runner / "offline_screenshot.py").symlink_to(HERE / "judge_screenshot.py")
    judge.HERE = str(runner)
    original_init = judge._init_worker

    def init_worker(*args, **kwargs):
        original_init(*args, **kwargs)
        import numpy as np

        import Design2Code.metrics.ocr_free_utils as utils

        slow = utils.find_different_pixels

        def checked(path1, path2):
            fast = fast_different_pixels(path1, path2)
            if check:
                ref = slow(path1, path2)
                same = (ref is None and fast is None) or (
                    ref is not None and fast is not None
                    and {tuple(p) for p in ref.tolist()} == {tuple(p) for p in fast.tolist()})
                if not same:
                    raise SystemExit(f"pixel diff mismatch on {path1}")
                print("[judge_fast] pixel diff identical", file=sys.stderr)
            return fast

        utils.find_different_pixels = checked
        del np

    judge._init_worker = init_worker
    return judge.main(argv)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONPATH", str(HERE.parent))
    sys.exit(main())
