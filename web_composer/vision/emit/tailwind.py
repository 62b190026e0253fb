"""The Tailwind stack: the same page plan written as Tailwind 3 utility classes.

Scale classes are used where a value sits exactly on Tailwind's scale (``mt-4`` for 16 px),
arbitrary values elsewhere (``mt-[13px]``, ``text-[#333]``). The page loads Tailwind's Play CDN
script (served offline by the renderer's shim and vendored by the pipeline). Desktop values are
the base classes; ``max-md:`` variants stack rows and drop fixed offsets on small screens.
"""

from __future__ import annotations

import html as htmlmod
from collections import Counter

from .model import Element, Plan, hex_colour

PLAY_CDN = "https://cdn.tailwindcss.com"
VOID = {"img", "hr", "input", "br"}
SPACING = {0: "0", 1: "px", 2: "0.5", 4: "1", 6: "1.5", 8: "2", 10: "2.5", 12: "3", 14: "3.5",
           16: "4", 20: "5", 24: "6", 28: "7", 32: "8", 36: "9", 40: "10", 44: "11", 48: "12",
           56: "14", 64: "16", 80: "20", 96: "24", 112: "28", 128: "32", 144: "36", 160: "40",
           176: "44", 192: "48", 208: "52", 224: "56", 240: "60", 256: "64", 288: "72",
           320: "80", 384: "96"}
KIND = {
    "page": ["flex", "flex-col", "mx-auto", "max-md:px-3", "max-md:[overflow-wrap:anywhere]",
             "max-md:!bg-none", "max-md:[&_*]:max-w-full"],
    "stack": ["flex", "flex-col"],
    "panel": ["flex", "flex-col"],
    "row": ["flex", "items-start", "max-md:flex-col", "max-md:gap-y-3", "max-md:[&>*]:!mt-0"],
    "wrap": ["flex", "items-start", "max-md:flex-wrap", "max-md:gap-x-4", "max-md:[&>*]:!mt-0"],
    "field": ["min-w-0", "max-w-full"],
}


def render_tailwind(plan: Plan, title: str = "Page") -> str:
    family = _main_family(plan.root)
    body_classes = [f"bg-[{hex_colour(plan.background)}]"] + ([_family(family)] if family else [])
    body = _render(plan.root, 2, family, plan.width)
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{htmlmod.escape(title)}</title>\n<script src=\"{PLAY_CDN}\"></script>\n"
            f"</head>\n<body class=\"{' '.join(body_classes)}\">\n{body}\n</body>\n</html>\n")


def _main_family(root: Element) -> str | None:
    counts: Counter[str] = Counter()
    stack = [root]
    while stack:
        el = stack.pop()
        if "font-family" in el.look:
            counts[el.look["font-family"]] += 1
        stack.extend(el.children)
    return counts.most_common(1)[0][0] if counts else None


def _arbitrary(value: str) -> str:
    return value.replace(" ", "_")


def _family(stack: str) -> str:
    return f"font-[{_arbitrary(stack.replace(', ', ','))}]"


def _size(value: str) -> str:
    """A font-size class; ``length:`` tells Tailwind that min(...) is a size, not a colour."""
    return f"text-[{value}]" if value.endswith("px") else f"text-[length:{value}]"


def _space(prefix: str, value: str) -> str:
    if value == "auto":
        return f"{prefix}-auto"
    if value.endswith("px"):
        number = float(value[:-2])
        if number == int(number) and int(number) in SPACING:
            return f"{prefix}-{SPACING[int(number)]}"
    return f"{prefix}-[{value}]"


def _look_classes(look: dict[str, str], family: str | None) -> list[str]:
    out = []
    for prop, value in look.items():
        if prop == "font-family":
            if value != family:
                out.append(_family(value))
        elif prop == "font-size":
            out.append(_size(value))
        elif prop == "font-weight":
            out.append("font-bold" if value == "700" else "font-normal")
        elif prop == "line-height":
            out.append(f"leading-[{value}]")
        elif prop == "color":
            out.append(f"text-[{value}]")
        elif prop == "letter-spacing":
            out.append(f"tracking-[{value}]")
        elif prop == "text-decoration":
            out.append("underline" if value == "underline" else "no-underline")
        elif prop == "background":
            out.append(f"bg-[{_arbitrary(value)}]")
        elif prop == "border":
            width, _style, colour = value.split(" ", 2)
            out += [f"border-[{width}]", f"border-[{colour}]"]
        elif prop == "border-radius":
            out.append(f"rounded-[{value}]")
        elif prop == "list-style":
            out.append({"decimal": "list-decimal", "disc": "list-disc"}.get(
                value.split()[0], f"list-[{value.split()[0]}]"))
    return out


def _geom_classes(el: Element) -> list[str]:
    out = []
    geom = el.geom
    for prop, prefix in (("margin-top", "mt"), ("margin-left", "ml"), ("margin-right", "mr")):
        if prop in geom:
            out.append(_space(prefix, geom[prop]))
    if "width" in geom:
        out.append(f"w-[{geom['width']}]")
    if "height" in geom:
        out.append(f"h-[{geom['height']}]")
    if "min-height" in geom:
        out.append(f"min-h-[{geom['min-height']}]")
    if "text-align" in geom:
        out.append(f"text-{geom['text-align']}")
    if "margin-left" in geom or "margin-right" in geom:
        out += ["max-md:ml-0", "max-md:mr-0"]
    if "width" in geom and el.tag != "img":
        out.append("max-md:w-auto")
    return out


def _classes(el: Element, family: str | None, width: int) -> list[str]:
    out = list(KIND.get(el.kind, []))
    if el.kind == "page":
        out.append(f"max-w-[{width}px]")
    out += _look_classes(el.look, family)
    out += _geom_classes(el)
    if el.nowrap:
        out += ["whitespace-nowrap", "max-md:whitespace-normal"]
    if el.tag == "hr":
        out.append("border-0")
    for limit, change in sorted(el.media.items(), reverse=True):
        prefix = f"max-[{limit}px]:"
        for prop, value in change.items():
            if prop == "display":
                out.append(prefix + "hidden")
            elif prop == "font-size":
                out.append(prefix + _size(value))
            elif prop == "line-height":
                out.append(f"{prefix}leading-[{value}]")
    return out


def _render(el: Element, depth: int, family: str | None, width: int) -> str:
    pad = " " * depth
    attrs = []
    classes = _classes(el, family, width)
    if classes:
        attrs.append(f'class="{" ".join(classes)}"')
    for key, value in el.attrs.items():
        attrs.append(f'{key}="{htmlmod.escape(value, quote=True)}"')
    open_tag = f"<{el.tag}{' ' if attrs else ''}{' '.join(attrs)}>"
    if el.tag in VOID:
        return pad + open_tag
    if el.parts is not None:
        inner = "".join(_render(p, 0, family, width) if isinstance(p, Element)
                        else "<br>" if p == "\n" else htmlmod.escape(p, quote=False)
                        for p in el.parts)
        return f"{pad}{open_tag}{inner}</{el.tag}>"
    inner = "\n".join(_render(c, depth + 1, family, width) for c in el.children)
    return f"{pad}{open_tag}\n{inner}\n{pad}</{el.tag}>" if inner else f"{pad}{open_tag}</{el.tag}>"
