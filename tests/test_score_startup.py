"""`webcompose score` start-up: the heavy scipy packages stay unimported, with the same numbers.

scipy.optimize (0.35 s of imports) is replaced by its compiled assignment solver loaded alone, and
scipy.ndimage's gaussian_filter by OpenCV's separable filter; both must give scipy's results.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np


def test_assignment_is_scipys_linear_sum_assignment():
    from scipy.optimize import linear_sum_assignment

    from web_composer.score.matching import assignment

    rng = np.random.default_rng(7)
    for shape in [(1, 1), (3, 5), (6, 4), (12, 12)]:
        cost = rng.integers(0, 4, size=shape).astype(float)  # many ties: the tie-break must agree
        mine, theirs = assignment(cost), linear_sum_assignment(cost)
        assert [a.tolist() for a in mine] == [a.tolist() for a in theirs]


def test_gaussian_filter_is_scipys():
    from scipy.ndimage import gaussian_filter as scipy_filter

    from web_composer.score.visual import gaussian_filter

    rng = np.random.default_rng(3)
    for shape in [(64, 48), (5, 90), (2, 2)]:
        image = rng.random(shape) * 255
        assert np.abs(gaussian_filter(image, 1.5) - scipy_filter(image, 1.5)).max() < 1e-9


def test_scoring_a_page_imports_neither_scipy_optimize_nor_ndimage(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><h1>Hello</h1><p>Two words</p><p>and more</p></body></html>")
    code = ("import sys; from web_composer.cli import main; sys.argv = ['webcompose', 'score', "
            f"{str(page)!r}, '--ref', {str(page)!r}, '--json']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m in ('scipy.optimize', 'scipy.ndimage')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert '"block": 1.0' in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"
