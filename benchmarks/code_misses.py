"""Why a generated page misses the reference's links, list items and headings (issue 17).

    python benchmarks/code_misses.py OUT PAGES [PAGE ...]        # OUT: a `bench design2code -o` folder

For each page, every reference link/button, ``li`` and h1-h3 that score/code.py does not find
again in ``OUT/PAGE/index.html`` is listed with one of four reasons:

- *not read*: its text is nowhere in the generated page (hidden menus, icons, OCR missed it);
- *wrong role*: the same text (0.8 similar, as the measure matches) is there, as another element;
- *merged*: its text is inside a longer text of the page (a menu read as one line);
- *duplicate*: the reference has the same text twice (a hidden mobile copy) and the page once.

The reference is ``PAGES/PAGE.html`` (Design2Code) or ``PAGES/PAGE/index.html`` (designs).
``--counts`` prints one line per page with the number of misses per measure and reason.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from web_composer.score import code  # noqa: E402

MEASURES = (("links", None), ("headings", ("h1", "h2", "h3")), ("li", ("li",)))


def _texts(soup, tags) -> list[str]:
    return code._link_texts(soup) if tags is None else code._texts(soup, tags)


def _blocks(soup) -> list[tuple[str, str]]:
    """(text, tag) of the generated page's text-holding elements."""
    out = []
    for el in soup.body.find_all(True):
        if el.find(True, recursive=False) is None or el.name in (
                "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "li", "span", "nav"):
            text = code._text(el)
            if text:
                out.append((text, el.name))
    return out


def _reason(text: str, blocks: list[tuple[str, str]]) -> str:
    for other, tag in blocks:
        if other == text or SequenceMatcher(None, text, other).ratio() >= code.NEAR:
            return f"wrong role ({tag})"
    for other, tag in blocks:
        if text in other and len(other) > len(text):
            return f"merged ({tag}: {other[:50]!r})"
    return "not read"


def misses(reference: Path, page: Path) -> list[tuple[str, str, str]]:
    """(measure, reference text, reason) for each miss."""
    ref, cand = code._soup(reference.read_text()), code._soup(page.read_text())
    blocks = _blocks(cand)
    out = []
    for name, tags in MEASURES:
        wanted, found = _texts(ref, tags), _texts(cand, tags)
        left = list(found)
        for i, text in enumerate(wanted):
            match = next((c for c in left if c == text), None) or next(
                (c for c in left if SequenceMatcher(None, text, c).ratio() >= code.NEAR), None)
            if match is not None:
                left.remove(match)
            elif text in wanted[:i] and text in found:
                out.append((name, text, "duplicate"))
            else:
                out.append((name, text, _reason(text, blocks)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a bench design2code output folder")
    parser.add_argument("pages", type=Path, help="the reference pages' folder")
    parser.add_argument("names", nargs="+", help="page names (folder names under OUT)")
    parser.add_argument("--counts", action="store_true", help="one line of counts per page")
    args = parser.parse_args()
    status = 0
    for name in args.names:
        reference = args.pages / f"{name}.html"
        if not reference.exists():
            reference = args.pages / name / "index.html"
        generated = args.out / name / "index.html"
        if not reference.exists() or not generated.exists():
            print(f"{name}: no reference or no generated page", file=sys.stderr)
            status = 1
            continue
        found = misses(reference, generated)
        if args.counts:
            counts = Counter((m, reason.split(" (")[0]) for m, _text, reason in found)
            print(name, " ".join(f"{m}:{r.replace(' ', '-')}={n}"
                                 for (m, r), n in sorted(counts.items())))
            continue
        print(f"== {name}")
        for measure, text, reason in found:
            print(f"  {measure:8s} {text[:50]!r:54s} {reason}")
    return status


if __name__ == "__main__":
    sys.exit(main())
