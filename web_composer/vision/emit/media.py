"""The media queries of a page made from several screenshots (both stacks write the same CSS).

At a narrower screenshot's width the page is laid out as that screenshot shows it: the page
becomes a grid one column per CSS pixel of that screenshot, the wide layout's containers step
aside (``display: contents``) and every element it showed is placed in the grid where it was
measured (row, columns, gap above, font size, line height, alignment); what the narrow screenshot
did not show is hidden, and what only it showed is added and shown there alone.

From the screenshot's width up, every placed element is exactly as tall as its row was measured
(``height``, not ``min-height``): a line the browser wraps one word later than the screenshot
(another font, a few pixels less room) then overflows its own row instead of pushing everything
below it down; on a phone page such a push of 20 px costs more likeness than all the rest. Below
the screenshot's width rows grow with their text again (``min-height``), so nothing overlaps on a
smaller phone. Pictures take the narrow screenshot's height and are cropped to it
(``object-fit: cover``), as a responsive page's pictures usually are.

The per-element numbers live on the element as custom properties (``--at390-row: 4``), so the
stylesheet has one rule per job and width, never one per element (the official Design2Code
clean-up cuts a page whose stylesheet repeats near-identical rules):

    @media (max-width:835px){
    .responsive{display:grid;grid-template-columns:repeat(390,minmax(0,1fr));...}
    .flat-at390{display:contents!important}
    .responsive [style*="--at390-row"]{grid-row:var(--at390-row);...}
    }
"""

from __future__ import annotations

from .model import Breakpoint, Element, Plan

FALLBACK = 768  # the generic small-screen rules' max-width (emit/css.py, emit/tailwind.py)
PLACED = ("row", "col", "top", "end", "h", "mh", "fs", "lh", "align", "color", "gap")  # an element's numbers at one width


def needs_fallback(plan: Plan) -> bool:
    """The generic small-screen rules stay unless a screenshot says how small screens look."""
    return not plan.breakpoints or min(b.width for b in plan.breakpoints) > FALLBACK


def hooks(el: Element) -> tuple[list[str], dict[str, str]]:
    """The classes and custom properties that tie ``el`` to the media rules."""
    classes: list[str] = []
    props: dict[str, str] = {}
    if any(change.get("grid") for change in el.media.values()):
        classes.append("responsive")  # the page: a grid at every narrower width
    for width, change in sorted(el.media.items(), reverse=True):
        if change.get("display") == "none":
            classes.append(f"hide-at{width}")
        elif change.get("display") == "contents":
            classes.append(f"flat-at{width}")
        if change.get("in"):
            classes.append(f"in-at{width}")
        if change.get("only"):
            classes.append(f"only-at{width}")
        props.update({f"--at{width}-{k}": v for k, v in change.items() if k in PLACED})
    return classes, props


def media_css(plan: Plan) -> list[str]:
    """The stylesheet lines for every breakpoint (empty for a one-screenshot page)."""
    if not plan.breakpoints:
        return []
    lines = [f".only-at{b.width}{{display:none}}" for b in plan.breakpoints]
    narrowest = min(b.width for b in plan.breakpoints)
    for b in plan.breakpoints:
        low = b.low if b.low is not None else (FALLBACK + 1 if b.width == narrowest
                                               and needs_fallback(plan) else None)
        query = f"(max-width:{b.limit}px)" + (f" and (min-width:{low}px)" if low else "")
        lines.append(f"@media {query}{{\n" + "\n".join(_rules(b)) + "\n}")
        lines.append(f"@media (min-width:{b.width}px) and (max-width:{b.limit}px){{"
                     f".responsive [style*=\"--at{b.width}-mh\"]{{height:var(--at{b.width}-mh)!important}}}}")
    return lines


def _rules(b: Breakpoint) -> list[str]:
    at = f"at{b.width}"
    v = f"--{at}-"
    return [
        f"body{{background:{b.background}}}",
        f".responsive{{display:grid!important;grid-template-columns:repeat({b.width},"
        f"minmax(0,1fr));align-items:start;align-content:start;min-height:{b.height}px!important;padding:0!important;"
        f"background:{b.background}!important;overflow-wrap:anywhere}}",
        f".flat-{at}{{display:contents!important}}",
        f".hide-{at}{{display:none!important}}",
        f".only-{at}{{display:block}}",
        f".in-{at}{{margin-left:auto!important;margin-right:auto!important;width:auto!important;"
        f"max-width:100%!important;white-space:normal!important}}",
        f".in-{at}[style*=\"{v}gap\"]{{margin-top:var({v}gap)!important}}",
        f".responsive [style*=\"{v}row\"]{{grid-row:var({v}row);grid-column:var({v}col);"
        f"margin:var({v}top) 0 0!important;width:100%!important;max-width:none!important;"
        f"height:var({v}h,auto)!important;min-height:var({v}mh,0px)!important;white-space:normal!important;"
        f"text-align:var({v}align,left)!important;padding-left:0!important}}",
        f".responsive img[style*=\"{v}h\"]{{object-fit:cover}}",
        f".responsive [style*=\"{v}end\"]{{align-self:stretch;height:auto!important;"
        f"margin-bottom:var({v}end)!important}}",
        f".responsive [style*=\"{v}fs\"]{{font-size:var({v}fs)!important}}",
        f".responsive [style*=\"{v}lh\"]{{line-height:var({v}lh)!important}}",
        f".responsive [style*=\"{v}color\"]{{color:var({v}color)!important}}",
    ]
