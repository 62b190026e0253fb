"""Where each element of a page is drawn: one render with a probe, mapped back to the soup.

    elements = probe_elements(soup, base_dir, width=1280)
    elements[0].node, elements[0].box, elements[0].font

Every element of the body gets a ``data-wc-id`` for the probe's render only (the attribute never
reaches the revised page); the probe returns each visible element's box in page pixels, whether
it draws text of its own, its computed font and background, so a pixel region can be traced to the
element that paints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

ID_ATTR = "data-wc-id"

PROBE_JS = r"""() => {
  const out = [];
  const sx = window.scrollX, sy = window.scrollY;
  for (const el of document.querySelectorAll('[data-wc-id]')) {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    let own = '';
    for (const n of el.childNodes) if (n.nodeType === 3) own += n.textContent;
    const text = el.innerText || '';
    out.push({id: +el.getAttribute('data-wc-id'), tag: el.tagName.toLowerCase(),
      box: [r.left + sx, r.top + sy, r.width, r.height], own: own.trim().length > 0,
      text: text.trim().slice(0, 400), children: el.children.length,
      family: cs.fontFamily, weight: cs.fontWeight, size: parseFloat(cs.fontSize),
      spacing: cs.letterSpacing, lineHeight: cs.lineHeight, whiteSpace: cs.whiteSpace,
      background: cs.backgroundColor, image: cs.backgroundImage !== 'none',
      color: cs.color, radius: cs.borderTopLeftRadius, border: cs.borderTopWidth});
  }
  return {width: document.documentElement.scrollWidth,
          height: document.documentElement.scrollHeight, elements: out};
}"""


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


def probe_elements(soup: Any, base_dir: Path | None, *, width: int) -> tuple[list[Element], Any]:
    """The page's visible elements (document order) and the probe's Render (its screenshot)."""
    from ...render import RenderOptions, render_html

    body = soup.body or soup
    nodes = [body, *body.find_all(True)]
    for index, node in enumerate(nodes):
        node[ID_ATTR] = str(index)
    try:
        shot = render_html(str(soup), base_dir, RenderOptions(width=width, evaluate=PROBE_JS))
    finally:
        for node in nodes:
            del node[ID_ATTR]
    elements = []
    for item in (shot.data or {}).get("elements", []):
        if not 0 <= item["id"] < len(nodes):
            continue
        font = {k: item[k] for k in ("family", "weight", "size", "spacing", "lineHeight",
                                     "whiteSpace", "color")}
        elements.append(Element(nodes[item["id"]], item["tag"], tuple(item["box"]), item["own"],
                                item["text"], item["children"], font, item["background"],
                                item["image"]))
    return elements, shot
