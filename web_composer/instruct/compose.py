"""The component library at work: a PagePlan -> one self-contained HTML page and its pictures.

The page is plain HTML and one compact stylesheet (CSS custom properties carry the colours), for
both stacks: the builtin composer needs no Tailwind, and its pages make no external requests.
Colours the instruction did not fix are chosen for contrast (WCAG AA) with the ones it did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from . import colours, pictures
from .build import copy_bank
from .plan import PagePlan, Section

TEXT = "#1f2937"


@dataclass
class ComposedPage:
    html: str
    assets: dict[str, bytes] = field(default_factory=dict)  # file name under assets/ -> bytes
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"), autoescape=True,
        trim_blocks=False, lstrip_blocks=False, undefined=jinja2.StrictUndefined)


@lru_cache(maxsize=1)
def _stylesheet() -> str:
    return resources.files(__package__).joinpath("templates", "page.css").read_text("utf-8").strip()


def compose(plan: PagePlan, images: list[Any]) -> ComposedPage:
    """Build the page of ``plan``; user ``images`` (PIL) take the first picture slots."""
    from markupsafe import Markup

    assets, sizes, warnings = _pictures(plan, images)
    root = _root_vars(plan)
    labels = copy_bank(plan.language, plan.kind)["labels"]
    content = [s for s in plan.sections if s.kind not in ("nav", "footer")]
    hero = plan.section("hero")
    contact = plan.section("contact")
    first = content[0].id if content else "main"
    ctx = {
        "styles": {s.id: _section_colours(s, plan, root) for s in plan.sections
                   if _section_colours(s, plan, root)},
        "sizes": sizes,
        "labels": labels,
        "h1": hero.id if hero else first,
        "cta": copy_bank(plan.language, plan.kind)["cta"],
        "cta_href": f"#{contact.id}" if contact else f"#{content[1].id}" if len(content) > 1
        else "#main",
        "contact_href": f"#{contact.id}" if contact else "#main",
    }
    html = _environment().get_template("page.html.j2").render(
        plan=plan, ctx=ctx, labels=labels, root_vars=root, css=Markup(_stylesheet()),
        lang="zh-Hans" if plan.language == "zh" else "en")
    return ComposedPage(html=html, assets=assets, warnings=warnings)


def _root_vars(plan: PagePlan) -> dict[str, str]:
    theme = plan.theme
    primary = theme.primary.hex
    bg = theme.background.hex if theme.background else "#ffffff"
    fg = colours.readable_on(bg) if theme.background else TEXT
    fg = TEXT if fg == "#111827" else fg
    button = theme.button.hex if theme.button else primary
    surface = bg if theme.background else colours.mix(primary, "#ffffff", 0.94)
    return {
        "bg": bg, "fg": fg, "primary": primary, "surface": surface,
        "link": colours.accessible_accent(primary, bg) if not theme.background else fg,
        "muted": colours.accessible_accent(colours.mix(fg, bg, 0.3), bg, 5.0),
        "btn": button, "on-btn": colours.readable_on(button),
    }


def _section_colours(section: Section, plan: PagePlan, root: dict[str, str]) -> dict | None:
    """The background and text colour of a section: asked for, or chosen to suit the theme."""
    background = section.background.hex if section.background else None
    text = section.text_colour.hex if section.text_colour else None
    if background is None and text is not None:
        candidates = [plan.theme.primary.hex, "#111827", "#ffffff", root["bg"]]
        background = max(candidates, key=lambda c: colours.contrast(colours.rgb_of(c),
                                                                    colours.rgb_of(text)))
    if background is None:
        primary = plan.theme.primary.hex
        hero = plan.section("hero")
        same = hero is not None and hero.background is not None and hero.background.hex == primary
        defaults = {"nav": colours.mix(primary, "#000000", 0.45) if same else primary,
                    "footer": colours.mix(primary, "#000000", 0.6)}
        if section.kind == "hero" and not plan.theme.background:
            defaults["hero"] = colours.mix(primary, "#ffffff", 0.88)
        background = defaults.get(section.kind)
    if background is None:
        return None
    style = {"bg": background, "fg": text or colours.readable_on(background), "btn": None,
             "on_btn": None}
    button = root["btn"]
    if plan.theme.button is None and colours.contrast(colours.rgb_of(button),
                                                      colours.rgb_of(background)) < 3:
        style["btn"], style["on_btn"] = style["fg"], background  # a button that stands out
    return style


def _picture_slots(plan: PagePlan) -> list[tuple[str, str]]:
    """(file name, what it shows) of every picture the page uses, logo first."""
    slots: list[tuple[str, str]] = []
    for section in plan.sections:
        if section.image:
            slots.append((section.image, "logo" if section.image.startswith("logo") else "photo"))
        for item in section.items:
            if item.image:
                slots.append((item.image, "portrait" if section.kind == "team" else "photo"))
    slots.sort(key=lambda slot: slot[1] != "logo")
    seen: set[str] = set()
    return [s for s in slots if not (s[0] in seen or seen.add(s[0]))]


def _pictures(plan: PagePlan, images: list[Any]) -> tuple[dict[str, bytes], dict, list[str]]:
    assets: dict[str, bytes] = {}
    sizes: dict[str, tuple[int, int]] = {}
    warnings: list[str] = []
    slots = _picture_slots(plan)
    colour = plan.theme.primary.hex
    for index, (name, role) in enumerate(slots):
        if index < len(images):
            image = images[index]
            assets[name], sizes[name] = pictures.from_user(image, name)
            continue
        if role == "logo":
            assets[name] = pictures.logo(name, plan.name, colour)
        elif role == "portrait":
            assets[name] = pictures.portrait(name, colour)
        else:
            assets[name] = pictures.photo(name, colour)
        sizes[name] = pictures.size_of(name)
    if len(images) > len(slots):
        warnings.append(f"{len(images) - len(slots)} of the {len(images)} pictures given were not "
                        f"used: the page has {len(slots)} picture slot(s)")
    return assets, sizes, warnings
