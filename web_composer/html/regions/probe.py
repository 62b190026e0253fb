"""Where each element of a page is drawn: one render with a probe, mapped back to the soup.

    elements = probe_elements(soup, base_dir, width=1280)
    elements[0].node, elements[0].box, elements[0].font

Every element of the body gets a ``data-wc-id`` for the probe's render only (the attribute never
reaches the revised page); the probe returns each visible element's box in page pixels, whether
it draws text of its own, its computed font and background, so a pixel region can be traced to the
element that paints it.

The render that scored the page can carry the probe too (ORDER_PROBE_JS, through
score_against's ``extra``): it numbers the elements by document order instead of by attribute,
and its numbers are used only when the browser's elements, tag by tag, are the soup's (a parser
that repaired the markup differently would shift them); then the reviser needs no render of its
own to see the page it revises.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

ID_ATTR = "data-wc-id"

PROBE_BODY = r"""
  const out = [];
  const sx = window.scrollX, sy = window.scrollY;
  for (const [id, el] of numbered) {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    let own = '';
    for (const n of el.childNodes) if (n.nodeType === 3) own += n.textContent;
    const text = el.innerText || '';
    out.push({id: id, tag: el.tagName.toLowerCase(),
      box: [r.left + sx, r.top + sy, r.width, r.height], own: own.trim().length > 0,
      text: text.trim().slice(0, 400), children: el.children.length,
      family: cs.fontFamily, weight: cs.fontWeight, size: parseFloat(cs.fontSize),
      spacing: cs.letterSpacing, lineHeight: cs.lineHeight, whiteSpace: cs.whiteSpace,
      background: cs.backgroundColor, image: cs.backgroundImage !== 'none',
      color: cs.color, radius: cs.borderTopLeftRadius, border: cs.borderTopWidth});
  }
  return {width: document.documentElement.scrollWidth,
          height: document.documentElement.scrollHeight, elements: out, tags: tags};
"""
PROBE_JS = ("() => { const numbered = [...document.querySelectorAll('[data-wc-id]')]"
            ".map(el => [+el.getAttribute('data-wc-id'), el]); const tags = null;"
            + PROBE_BODY + "}")
ORDER_PROBE_JS = ("() => { const all = document.body ? [document.body, "
                  "...document.body.querySelectorAll('*')] : []; const numbered = all.map((el, i) => "
                  "[i, el]); const tags = all.map(el => el.tagName.toLowerCase());"
                  + PROBE_BODY + "}")


@dataclass
class Element:
    node: Any  # the bs4 Tag in the soup being revised
    tag: str
    box: tuple[float, float, float, float]  # x, y, w, h in CSS px of the page
    own_text: bool  # draws text nodes of its own (not only through children)
    text: str
    children: int
    font: dict[str, Any]  # family, weight, size, spacing, lineHeight, whiteSpace, color
    background: str
    has_image: bool

    @property
    def area(self) -> float:
        return self.box[2] * self.box[3]


def probe_elements(soup: Any, base_dir: Path | None, *, width: int,
                   probed: tuple[dict[str, Any], Any] | None = None) -> tuple[list[Element], Any]:
    """The page's visible elements (document order) and the image they were read from (RGB
    array). ``probed``: ORDER_PROBE_JS's result and the screenshot of a render of this same
    page, used when its elements are the soup's; otherwise the page is rendered with the probe."""
    import numpy as np

    from ...render import RenderOptions, render_html

    body = soup.body or soup
    nodes = [body, *body.find_all(True)]
    if probed is not None and probed[0] and probed[0].get("tags") == [n.name for n in nodes]:
        data, image = probed
    else:
        for index, node in enumerate(nodes):
            node[ID_ATTR] = str(index)
        try:
            shot = render_html(str(soup), base_dir, RenderOptions(width=width, evaluate=PROBE_JS))
        finally:
            for node in nodes:
                del node[ID_ATTR]
        data, image = shot.data or {}, np.asarray(shot.image())
    elements = []
    for item in data.get("elements", []):
        if not 0 <= item["id"] < len(nodes):
            continue
        font = {k: item[k] for k in ("family", "weight", "size", "spacing", "lineHeight",
                                     "whiteSpace", "color")}
        elements.append(Element(nodes[item["id"]], item["tag"], tuple(item["box"]), item["own"],
                                item["text"], item["children"], font, item["background"],
                                item["image"]))
    return elements, image
