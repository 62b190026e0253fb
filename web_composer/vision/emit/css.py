"""The plain-CSS stack: one stylesheet of readable, reusable classes plus measured geometry.

Looks (font, colour, background, border) become classes named after their role (``heading-1``,
``text-2``, ``link``, ``panel-3``, ``button``); every element's own measured numbers (margins,
widths, heights) stay on the element, so the stylesheet stays short and free of near-identical
rules. One media query turns rows into columns and drops fixed offsets below 768 px.
"""

from __future__ import annotations

import html as htmlmod
from collections import Counter

from .components import shared_geometry
from .media import hooks, media_css, needs_fallback
from .palette import palette_variables
from .model import Element, Plan, hex_colour

BREAKPOINT = 768
VOID = {"img", "hr", "input", "br"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def render_css(plan: Plan, title: str = "Page") -> str:
    """The page with a stylesheet of shared classes; if the official Design2Code cleaning would
    cut it (too many near-identical rules), the looks move onto the elements instead."""
    from ..pagecheck import judge_cut

    page = _document(plan, title, inline=False)
    if judge_cut(page) is not None:
        page = _document(plan, title, inline=True)
    return page


def _document(plan: Plan, title: str, inline: bool) -> str:
    defaults = _page_defaults(plan.root)
    classes = {} if inline else _look_classes(plan.root, defaults)
    shared = {} if inline else shared_geometry(plan.root)
    body = _render(plan.root, (classes, shared), defaults, 2)
    rules = [f".{name}{{{_decls(dict(look))}}}" for look, name in classes.items()]
    rules += [f".{name}{{{_decls(geom)}}}" for name, geom in shared.items() if geom]
    fallback = _mobile_css() if needs_fallback(plan) else []
    css = "\n".join(_base_css(plan, defaults) + rules + fallback + media_css(plan))
    css, body = palette_variables(css, body, page=hex_colour(plan.background),
                                  text=defaults.get("color"))
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{htmlmod.escape(title)}</title>\n<style>\n{css}\n</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")


def _page_defaults(root: Element) -> dict[str, str]:
    """The most used font family and text colour: set once on <body>, inherited everywhere."""
    counts: dict[str, Counter[str]] = {"font-family": Counter(), "color": Counter()}
    stack = [root]
    while stack:
        el = stack.pop()
        for prop, counter in counts.items():
            if prop in el.look and el.kind == "text":
                counter[el.look[prop]] += sum(len(p) for p in el.parts or [] if isinstance(p, str))
        stack.extend(el.children)
    return {prop: c.most_common(1)[0][0] for prop, c in counts.items() if c}


def _shared_look(el: Element, defaults: dict[str, str]) -> dict[str, str]:
    """The part of an element's look worth a class: inherited defaults and line height left out."""
    look = {k: v for k, v in el.look.items() if k != "line-height" and defaults.get(k) != v}
    if look.get("font-weight") == "400" and el.kind == "text" and el.tag not in HEADINGS:
        del look["font-weight"]
    return look


def _base_css(plan: Plan, defaults: dict[str, str]) -> list[str]:
    body = {"background": hex_colour(plan.background), **defaults}
    return [
        "*{box-sizing:border-box;margin:0;padding:0}",
        f"body{{{_decls(body)}}}",
        f".page{{max-width:{plan.width}px;margin:0 auto;display:flex;flex-direction:column}}",
        ".stack,.panel{display:flex;flex-direction:column}",
        ".row,.wrap{display:flex;align-items:flex-start}",
        ".contents{display:contents}",
        # a menu line's list (menus.inline_items): inline, and not isolated as the browser
        # isolates a list's text (an isolated run is shaped apart: its glyphs move sub-pixels)
        ".inline-list{display:inline;unicode-bidi:normal}",
        ".nowrap{white-space:nowrap}",
        "img{display:block;max-width:100%;height:auto}",
        "hr{border:0}",
        "th{text-align:inherit;font-weight:inherit}",
        "ul{list-style:none}",
        "a{color:inherit;text-decoration:inherit}",
        "button,input,select,textarea{font:inherit;color:inherit;border:0;text-align:inherit}",
        "input{min-width:0;max-width:100%}",
        "::placeholder{color:inherit;opacity:1}",
    ]


def _mobile_css() -> list[str]:
    return [
        f"@media (max-width:{BREAKPOINT}px){{",
        ".page{padding:0 12px;overflow-wrap:anywhere;background:none}",
        ".row{flex-direction:column;row-gap:12px}",
        ".row>*,.row>.contents>*,.wrap>*,.wrap>.contents>*,.row>.contents>.contents>*"
        "{margin-top:0!important}",
        ".wrap{flex-wrap:wrap;column-gap:16px}",
        ".page *{margin-left:0!important;margin-right:0!important;max-width:100%}",
        ".page :not(img){width:auto!important}",
        ".nowrap{white-space:normal}",
        # full-width bands reach over the gutter, text panels keep it inside (phone.py)
        ".page .bleed{margin-left:-12px!important;margin-right:-12px!important;max-width:none;"
        "padding-left:12px;padding-right:12px}",
        ".page .inset{padding-left:12px;padding-right:12px}",
        ".row>.inset{align-self:stretch}",
        ".inset>img{width:100%!important}",
        "}",
    ]


def _walk(root: Element):
    queue = [root]
    while queue:
        el = queue.pop()
        yield el
        queue.extend(el.children)


def _decls(props: dict[str, str]) -> str:
    return ";".join(f"{k}:{v}" for k, v in props.items())


def _look_classes(root: Element, defaults: dict[str, str]) -> dict[tuple, str]:
    """One class per distinct look, named after the first role that uses it."""
    names: dict[tuple, str] = {}
    counts: dict[str, int] = {}
    queue = [root]
    while queue:
        el = queue.pop(0)
        look = _shared_look(el, defaults)
        if look:
            key = tuple(look.items())
            if key not in names:
                counts[el.name] = counts.get(el.name, 0) + 1
                n = counts[el.name]
                names[key] = el.name if n == 1 else f"{el.name}-{n}"
        queue.extend(el.children)
        queue.extend(p for p in el.parts or [] if isinstance(p, Element))
    return names


def _style(el: Element, known: tuple[dict, dict], defaults: dict[str, str]
           ) -> tuple[str, dict[str, str]]:
    """The element's class list and its inline declarations (``known``: the look classes, and
    each component class's shared geometry)."""
    classes, shared = known
    names = []
    if el.kind in ("page", "stack", "row", "wrap", "panel", "contents", "inline-list"):
        names.append(el.kind)
    inline: dict[str, str] = {}
    look = _shared_look(el, defaults)
    if look and tuple(look.items()) in classes:
        names.append(classes[tuple(look.items())])
    else:
        inline.update(look)
    if "line-height" in el.look and "line-height" not in shared.get(el.component, {}):
        inline["line-height"] = el.look["line-height"]
    if el.nowrap:
        names.append("nowrap")
    if el.phone:
        names.append(el.phone)
    common = shared.get(el.component)
    if common is not None:
        names.append(el.component)
    inline.update({k: v for k, v in el.geom.items() if common is None or k not in common})
    if el.media:
        extra, props = hooks(el)
        names += extra
        inline.update(props)
    return " ".join(names), inline


def _inline(parts: list, classes: tuple[dict, dict], defaults: dict[str, str]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Element):
            out.append(_render(part, classes, defaults, 0))
        elif part == "\n":
            out.append("<br>")
        else:
            out.append(htmlmod.escape(part, quote=False))
    return "".join(out)


def _render(el: Element, classes: tuple[dict, dict], defaults: dict[str, str], depth: int) -> str:
    pad = " " * depth
    attrs = []
    cls, inline = _style(el, classes, defaults)
    if cls:
        attrs.append(f'class="{cls}"')
    for key, value in el.attrs.items():
        attrs.append(f'{key}="{htmlmod.escape(value, quote=True)}"')
    if inline:
        attrs.append(f'style="{_decls(inline)}"')
    open_tag = f"<{el.tag}{' ' if attrs else ''}{' '.join(attrs)}>"
    if el.tag in VOID:
        return pad + open_tag
    if el.parts is not None:
        return f"{pad}{open_tag}{_inline(el.parts, classes, defaults)}</{el.tag}>"
    inner = "\n".join(_render(c, classes, defaults, depth + 1) for c in el.children)
    return f"{pad}{open_tag}\n{inner}\n{pad}</{el.tag}>" if inner else f"{pad}{open_tag}</{el.tag}>"
