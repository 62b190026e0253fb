"""The edit stylesheet: one ``<style id="webcompose-edits">`` at the end of <head>, holding every
colour an edit set, one rule per line, so that a later edit of the same region replaces the rule
instead of stacking another, and a reader of the page sees at a glance what was changed.

Colours are set with !important: the page's own rules (Tailwind classes, inline styles of a model's
page) must not win over what the user asked for. A recoloured region's text takes a readable
colour (WCAG contrast) unless the user named one, and its descendants inherit it, buttons aside.
"""

from __future__ import annotations

import re
from typing import Any

from ..instruct import colours

STYLE_ID = "webcompose-edits"
# The look of sections added to a page that is not the built-in composer's (``wc-`` classes).
BASE = """.wc-wrap{max-width:1120px;margin:0 auto;padding:0 24px}
.wc-band{padding:48px 0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,"Noto Sans CJK SC",sans-serif;line-height:1.6}
.wc-band h2{font-size:1.9rem;margin:0 0 .6em;line-height:1.2}
.wc-grid{display:grid;gap:24px;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));list-style:none;margin:0;padding:0}
.wc-card{border:1px solid #e5e7eb;border-radius:12px;margin:0 0 16px;background:#fff;color:#1f2937}
.wc-card-body{padding:18px}.wc-card-body h3{margin:0 0 .4em;font-size:1.1rem}.wc-card-body p{margin:0}
.wc-form{display:grid;gap:8px;max-width:560px}.wc-form input,.wc-form textarea{font:inherit;padding:8px;border:1px solid #9ca3af;border-radius:6px}
.wc-btn{display:inline-block;padding:12px 22px;border:0;border-radius:8px;background:#1d4ed8;color:#fff;font-weight:600;text-decoration:none}
.wc-footer{padding:32px 0;background:#1f2937;color:#fff}.wc-footer a{color:inherit}.wc-links{list-style:none;display:flex;gap:16px;padding:0}"""


class EditStyles:
    """The rules of the edit stylesheet, keyed by selector, read from and written to a soup."""

    def __init__(self, soup: Any) -> None:
        self.soup = soup
        self.rules: dict[str, str] = {}
        tag = soup.find("style", id=STYLE_ID)
        if tag is not None:
            for line in tag.get_text().splitlines():
                match = re.fullmatch(r"(?P<sel>[^{]+)\{(?P<decl>[^}]*)\}", line.strip())
                if match and not line.startswith(".wc-"):
                    self.rules[match["sel"].strip()] = match["decl"]

    def set(self, selector: str, declarations: str) -> None:
        """Add declarations to a selector's rule; a property set again takes the new value."""
        merged = dict(_declarations(self.rules.get(selector, "")))
        merged.update(_declarations(declarations))
        self.rules[selector] = ";".join(f"{prop}:{value}" for prop, value in merged.items())

    def write(self) -> None:
        """Put the stylesheet into the page (last in <head>, so it comes after the page's own)."""
        uses_base = self.soup.find(class_=re.compile(r"^wc-")) is not None
        if not self.rules and not uses_base:
            return
        lines = ([BASE] if uses_base else []) + [f"{sel}{{{decl}}}" for sel, decl in self.rules.items()]
        tag = self.soup.find("style", id=STYLE_ID)
        if tag is None:
            tag = self.soup.new_tag("style", id=STYLE_ID)
            head = self.soup.head
            if head is None:
                head = self.soup.new_tag("head")
                (self.soup.html or self.soup).insert(0, head)
            head.append(tag)
        tag.string = "\n" + "\n".join(lines) + "\n"


def _declarations(text: str) -> list[tuple[str, str]]:
    pairs = [part.split(":", 1) for part in text.split(";") if ":" in part]
    return [(prop.strip(), value.strip()) for prop, value in pairs]


def selector_for(soup: Any, tag: Any, hint: str) -> str:
    """A selector that picks ``tag`` alone: its id, given one (``hint``) when it has none."""
    if tag.name in ("body", "html"):
        return tag.name
    ident = tag.get("id")
    if not ident:
        base = re.sub(r"[^a-z0-9-]+", "-", hint.lower()).strip("-") or "region"
        ident, n = base, 2
        while soup.find(id=ident) is not None:
            ident, n = f"{base}-{n}", n + 1
        tag["id"] = ident
    return "#" + re.sub(r"([^\w-])", r"\\\1", ident)


def recolour(styles: EditStyles, selector: str, spec: colours.ColourSpec, prop: str) -> None:
    if prop == "text":
        styles.set(selector, f"color:{spec.hex}!important")
        styles.set(f"{selector} :not(.btn):not(button):not(.wc-btn)",
                   "color:inherit!important")
        return
    text = colours.readable_on(spec.hex)
    styles.set(selector, f"background:{spec.hex}!important;color:{text}!important;"
                         f"--sbg:{spec.hex};--sfg:{text};--slink:{text}")
    styles.set(f"{selector} :not(.btn):not(button):not(.wc-btn):not(.card):not(.wc-card):not(input)"
               ":not(textarea)", "color:inherit!important")


# Buttons: ours, form buttons, anything called a button, and a Tailwind link styled as one
BUTTONS = (".btn,.wc-btn,button,[type=submit],[class*=button],a[class*='bg-'][class*='py-'],"
           "a[class*='bg-'][class*='px-']")


def recolour_buttons(styles: EditStyles, spec: colours.ColourSpec, prop: str) -> None:
    selector = BUTTONS
    if prop == "text":
        styles.set(selector, f"color:{spec.hex}!important")
    else:
        styles.set(selector, f"background:{spec.hex}!important;color:{colours.readable_on(spec.hex)}"
                             "!important;border-color:transparent!important")
