"""Checking on the rendered page that each built-in edit took effect.

The editor writes what each operation should leave behind as a check (dom.py); one render with a
small probe reads the computed colours, the elements and their order, and every check is judged:

    colour   the region's computed background (or text colour) is the colour asked for
    count    a selector matches at least N elements (a FAQ's questions, a new section's cards)
    text     a text is on the page (a new title, button, paragraph)
    absent   a selector matches nothing, or a text is gone (what was removed)
    order    one element comes before another in the document (what was moved)

A page's own stylesheet could still win (a colour set inside a shadow root, say): the check says
so instead of the edit claiming success.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..instruct import colours

PROBE = """() => {
  const checks = __CHECKS__;
  const text = document.body ? document.body.innerText.replace(/\\s+/g, ' ') : '';
  const one = (s) => { try { return document.querySelector(s); } catch (e) { return null; } };
  const all = (s) => { try { return document.querySelectorAll(s).length; } catch (e) { return 0; } };
  return checks.map((c) => {
    if (c.kind === 'colour') {
      const el = one(c.selector);
      if (!el) return {found: null};
      const style = getComputedStyle(el);
      return {found: c.prop === 'text' ? style.color : style.backgroundColor};
    }
    if (c.kind === 'count') return {found: all(c.selector)};
    if (c.kind === 'text') return {found: text.includes(c.text.replace(/\\s+/g, ' '))};
    if (c.kind === 'absent') return {found: c.selector ? all(c.selector) : (text.includes(c.text) ? 1 : 0)};
    if (c.kind === 'order') {
      const a = one(c.first), b = one(c.second);
      if (!a || !b) return {found: null};
      return {found: !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)};
    }
    return {found: null};
  });
}"""


def _judge(check: dict, found: Any) -> tuple[bool, str]:
    kind = check["kind"]
    if kind == "colour":
        parsed = colours.parse_css_colour(found or "")
        if parsed is None:
            return False, "not found on the page"
        rgb = parsed[:3]
        spec = colours.ColourSpec.from_dict(check["spec"])
        return parsed[3] > 0.5 and colours.matches(spec, rgb), colours.describe(rgb)
    if kind == "count":
        return bool(found) and found >= check["min"], f"{found or 0} found"
    if kind == "text":
        return bool(found), "shown" if found else "not shown"
    if kind == "absent":
        return found == 0, "gone" if found == 0 else "still there"
    if kind == "order":
        return found is True, "in order" if found else "not in order"
    return False, "unknown check"


def verify(html: str, base_dir: Path, checks: list[dict], width: int = 1280,
           timeout: float | None = None) -> list[dict]:
    """Each check with ``satisfied`` and what was ``found`` on the rendered page."""
    if not checks:
        return []
    from ..render import RenderOptions, render_html

    probe = PROBE.replace("__CHECKS__", json.dumps(checks, ensure_ascii=False))
    shot = render_html(html, base_dir, RenderOptions(width=width, timeout=timeout, evaluate=probe))
    results = []
    for check, answer in zip(checks, shot.data or []):
        satisfied, found = _judge(check, (answer or {}).get("found"))
        results.append({"description": check["description"], "satisfied": satisfied, "found": found})
    return results
