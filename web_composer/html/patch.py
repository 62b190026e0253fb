"""Deterministic page fixes from the scorer's block differences (the built-in reviser).

    html, applied = patch_from_scores(html, scores)

- a matched block whose text colour is wrong gets the target's colour (inline, on its element);
- a candidate block the target does not have is removed when its element holds nothing else;
- a target block the page lacks is inserted as a paragraph after the element of the nearest
  matched block above it (in flow, never absolutely positioned).
The refinement loop keeps a revision only when it scores better, so a fix that does not help is
dropped there.
"""

from __future__ import annotations

from typing import Any

COLOUR_LIMIT = 0.9  # colour similarity under which a matched block's colour is fixed


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _elements_with_text(soup: Any, text: str) -> list[Any]:
    """The innermost elements whose whole visible text is ``text`` (lower-cased, spaces folded)."""
    want = _norm(text)
    found = [el for el in soup.body.find_all(True) if el.name not in {"script", "style"}
             and _norm(el.get_text(" ")) == want] if soup.body else []
    return [el for el in found if not any(child in found for child in el.find_all(True))]


def _set_colour(element: Any, rgb: Any) -> None:
    r, g, b = (round(float(c)) for c in rgb)
    style = element.get("style", "").rstrip("; ")
    element["style"] = (style + "; " if style else "") + f"color: rgb({r}, {g}, {b})"


def patch_from_scores(html: str, scores: Any) -> tuple[str, list[str]]:
    from bs4 import BeautifulSoup

    from ..score.metrics import color_similarity

    soup = BeautifulSoup(html, "html.parser")
    applied: list[str] = []
    for i, j, _ in scores.matches:
        cand, ref = scores.candidate_blocks[i], scores.reference_blocks[j]
        if color_similarity(cand.color, ref.color) < COLOUR_LIMIT:
            for element in _elements_with_text(soup, cand.text):
                _set_colour(element, ref.color)
                applied.append(f"recoloured {cand.text[:40]!r}")
    for block in scores.unmatched_candidate_blocks:
        for element in _elements_with_text(soup, block.text):
            element.decompose()
            applied.append(f"removed {block.text[:40]!r}")
    for block in scores.unmatched_reference_blocks:
        anchor = _anchor_above(soup, scores, block)
        paragraph = soup.new_tag("p")
        paragraph.string = block.text[:1].upper() + block.text[1:]
        if anchor is not None:
            anchor.insert_after(paragraph)
        elif soup.body is not None:
            soup.body.append(paragraph)
        applied.append(f"inserted {block.text[:40]!r}")
    return str(soup), applied


def _anchor_above(soup: Any, scores: Any, block: Any) -> Any:
    """The element of the matched candidate block whose target sits nearest above ``block``."""
    best, best_y = None, -1.0
    for i, j, _ in scores.matches:
        ref_y = scores.reference_blocks[j].box[1]
        if best_y < ref_y <= block.box[1]:
            elements = _elements_with_text(soup, scores.candidate_blocks[i].text)
            if elements:
                best, best_y = elements[-1], ref_y
    return best
