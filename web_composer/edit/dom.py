"""The built-in editor: operations (requests.py) applied to the page's DOM, all or nothing.

    html, done = apply_edits(html, operations)

Every operation must find what it names; one that cannot (no footer to recolour, no text "X" to
replace) raises UnsupportedEdit before anything is written, so a refused edit changes nothing.
Untouched parts of the page keep their markup: the page is parsed and written back with
BeautifulSoup's html.parser, which keeps attributes, text and comments as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .components import (PageInfo, button_html, faq_entry, faq_items, footer_html, gallery_html,
                         parse_fragment, section_html)
from .regions import find_region, find_text, item_of, section_of
from .requests import Operation, UnsupportedEdit
from .styles import BUTTONS, EditStyles, recolour, recolour_buttons, selector_for

SECTION_KINDS = ("faq", "features", "testimonials", "pricing", "contact", "about")
WHAT = {"nav": "header", "hero": "hero section", "title": "main heading", "brand": "site name",
        "main": "main content"}


def _words(target: str) -> str:
    if target.startswith("text:"):
        return f'text "{target.split(":", 1)[1]}"'
    if target.startswith("heading:"):
        return f'section "{target.split(":", 1)[1]}"'
    return WHAT.get(target, target if target in ("footer", "page") else f"{target} section")


def page_info(soup: Any) -> PageInfo:
    html = soup.find("html")
    lang = (html.get("lang") or "") if html is not None else ""
    text = soup.get_text(" ", strip=True)
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    language = "zh" if lang.lower().startswith("zh") or (not lang and cjk * 2 > len(text.split())) \
        else "en"
    brand = soup.find(class_="brand")
    title = soup.title.get_text(strip=True) if soup.title else ""
    name = brand.get_text(" ", strip=True) if brand else re.split(r"\s+[|–—-]\s+", title)[0] or "us"
    ours = soup.find(class_="band") is not None and soup.find(class_="wrap") is not None
    return PageInfo(name=name[:60], language=language, ours=ours)


@dataclass
class Work:
    """An edit in progress: the parsed page, its edit stylesheet, the checks of what was done
    (verify.py) and new pictures (file name under assets/ -> bytes)."""

    soup: Any
    styles: EditStyles
    checks: list[dict] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)


def apply_edits(html: str, operations: list[Operation]) -> tuple[str, list[str]]:
    """The edited page and one line per change made (UnsupportedEdit when one cannot be made)."""
    work, done = edit_page(html, operations)
    return serialise(work.soup), done


def edit_page(html: str, operations: list[Operation]) -> tuple[Work, list[str]]:
    """The finished edit (serialise(work.soup) is the page) and one line per change made."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    if soup.body is None:
        raise UnsupportedEdit("the page has no <body> to edit")
    work = Work(soup, EditStyles(soup))
    done = [_apply(work, op) for op in operations]
    work.styles.write()
    _restripe(soup)
    return work, done


def _restripe(soup: Any) -> None:
    """On the composer's pages, bands alternate plain/tinted; keep that after adds and moves."""
    main = soup.find("main")
    if main is None or not page_info(soup).ours:
        return
    for index, section in enumerate(main.find_all("section", recursive=False), 1):
        classes = section.get("class") or []
        if "band" not in classes or "hero" in classes:
            continue
        wanted = index % 2 == 0
        if wanted != ("alt" in classes):
            section["class"] = [c for c in classes if c != "alt"] + (["alt"] if wanted else [])


def serialise(soup: Any) -> str:
    """The page as text, attributes in their written order, void tags as HTML writes them."""
    from bs4.dammit import EntitySubstitution
    from bs4.formatter import HTMLFormatter

    class KeepOrder(HTMLFormatter):
        def attributes(self, tag: Any) -> list:
            return list(tag.attrs.items()) if tag.attrs else []

    return soup.decode(formatter=KeepOrder(entity_substitution=EntitySubstitution.substitute_xml,
                                           void_element_close_prefix=None))


def _apply(work: Work, op: Operation) -> str:
    handler = {"recolour": _recolour, "text": _change_text, "add": _add, "remove": _remove,
               "move": _move}[op.action]
    before = len(work.checks)
    handler(work, op)
    for check in work.checks[before:]:
        check.setdefault("description", op.describe())
    return op.describe()


def _need(soup: Any, target: str | None, op: Operation) -> Any:
    if target is None:
        raise UnsupportedEdit(f'"{op.clause}": say which part of the page to change')
    region = find_region(soup, target)
    if region is None:
        raise UnsupportedEdit(f'"{op.clause}": the page has no {_words(target)}')
    return region


def _recolour(work: Work, op: Operation) -> None:
    soup, styles, checks = work.soup, work.styles, work.checks
    if op.target == "button":
        if not soup.body.select(BUTTONS):
            raise UnsupportedEdit(f'"{op.clause}": the page has no buttons')
        recolour_buttons(styles, op.colour, op.prop)
        checks.append(_colour_check(BUTTONS, op))
        return
    region = soup.body if op.target == "page" else _need(soup, op.target, op)
    selector = selector_for(soup, region, op.target.split(":")[-1])
    recolour(styles, selector, op.colour, op.prop)
    checks.append(_colour_check(selector, op))


def _colour_check(selector: str, op: Operation) -> dict:
    return {"kind": "colour", "selector": selector, "prop": op.prop, "spec": op.colour.to_dict()}


def _shown_text(soup: Any, text: str, clause: str) -> Any:
    """The element showing ``text``; a request naming text the page lacks is refused."""
    tag = find_text(soup, text)
    if tag is None:
        raise UnsupportedEdit(f'"{clause}": the page has no text "{text}"')
    return tag


def _change_text(work: Work, op: Operation) -> None:
    soup, checks = work.soup, work.checks
    if op.old is not None:
        tag = _shown_text(soup, op.old, op.clause)
        _replace_in(tag, op.old, op.text)
        if soup.title is not None and op.old in soup.title.get_text():
            soup.title.string = soup.title.get_text().replace(op.old, op.text)
        checks.append({"kind": "text", "text": op.text})
        return
    region = _need(soup, op.target, op)
    if op.target in ("title", "brand") or region.name in ("h1", "h2", "h3", "h4", "a", "p"):
        heading = region
    else:
        heading = region.find(["h1", "h2", "h3", "h4"])
        if heading is None:
            raise UnsupportedEdit(f'"{op.clause}": the {_words(op.target)} has no heading')
    old = heading.get_text(" ", strip=True)
    heading.clear()
    heading.append(op.text)
    checks.append({"kind": "text", "text": op.text})
    if op.target == "brand":
        for other in soup.find_all(class_="brand"):
            if other.get_text(" ", strip=True) == old:
                other.clear()
                other.append(op.text)
    if op.target in ("title", "brand") and soup.title is not None:
        title = soup.title.get_text()
        soup.title.string = title.replace(old, op.text) if old and old in title else op.text


def _replace_in(tag: Any, old: str, new: str) -> None:
    """Replace ``old`` in the text nodes of ``tag`` (keeping its markup), else its whole text."""
    for node in tag.find_all(string=True):
        if old in node:
            node.replace_with(node.replace(old, new))
            return
    tag.clear()
    tag.append(new)


def _place(soup: Any, new: Any, op: Operation, default_parent: Any) -> None:
    if op.relation in ("above", "below") and op.other:
        anchor = _need(soup, op.other, op)
        if new.name in ("section", "footer", "header") and anchor.name in ("h1", "h2", "h3", "h4"):
            anchor = section_of(anchor)  # a section goes beside the section of that heading
        (anchor.insert_before if op.relation == "above" else anchor.insert_after)(new)
        return
    if op.relation == "top":
        main, header = find_region(soup, "main"), find_region(soup, "nav")
        if main is not None and default_parent is not header:
            main.insert(0, new)
        elif header is not None and default_parent is not header and header.parent is not None:
            header.insert_after(new)
        else:
            default_parent.insert(0, new)
        return
    default_parent.append(new)


def _content_parent(soup: Any) -> Any:
    """Where new sections go: the end of <main>, else just before the footer, else the body."""
    main = find_region(soup, "main")
    if main is not None:
        return main
    footer = find_region(soup, "footer")
    if footer is not None and footer.parent is not None:
        holder = soup.new_tag("div")
        footer.insert_before(holder)
        return holder
    return soup.body


def _add(work: Work, op: Operation) -> None:
    soup, checks = work.soup, work.checks
    info = page_info(soup)
    if op.kind in GRID_KINDS and op.target is not None:
        _add_items(work, op, info)
    elif op.kind == "gallery":
        ident = _free_id(soup, "gallery")
        markup, assets = gallery_html(op, info, ident, _accent(soup))
        work.assets.update(assets)
        new = parse_fragment(markup)
        _place_section(soup, new, op)
        checks.append({"kind": "count", "selector": f"#{ident} img", "min": len(assets)})
    elif op.kind in SECTION_KINDS:
        ident = _free_id(soup, op.kind)
        new = parse_fragment(section_html(op, info, ident))
        _place_section(soup, new, op)
        items = ITEM_SELECTORS[op.kind]
        checks.append({"kind": "count", "selector": f"#{ident} {items}", "min": len(new.select(items))})
        if op.relation in ("above", "below") and op.other:
            checks.append(_order_check(soup, new, op))
    elif op.kind == "footer":
        if find_region(soup, "footer") is not None:
            raise UnsupportedEdit(f'"{op.clause}": the page has a footer already')
        soup.body.append(parse_fragment(footer_html(op, info)))
        checks.append({"kind": "count", "selector": "footer", "min": 1})
    elif op.kind == "question":
        for question in _add_question(soup, op, info):
            checks.append({"kind": "text", "text": question})
    elif op.kind in ("button", "paragraph", "link"):
        _add_small(soup, op, info)
        checks.append({"kind": "text", "text": op.text})
    else:
        raise UnsupportedEdit(f'"{op.clause}": the built-in editor cannot add a {op.kind}')


def _place_section(soup: Any, new: Any, op: Operation) -> None:
    parent = _content_parent(soup)
    _place(soup, new, op, parent)
    if parent.name == "div" and not parent.attrs and not parent.contents:
        parent.decompose()
    elif parent.name == "div" and not parent.attrs:
        parent.unwrap()  # the placeholder before the footer: keep the section, not the wrapper


def _free_id(soup: Any, base: str) -> str:
    ident, n = base, 2
    while soup.find(id=ident) is not None:
        ident, n = f"{base}-{n}", n + 1
    return ident


def _add_question(soup: Any, op: Operation, info: PageInfo) -> list[str]:
    faq = _need(soup, op.target or "faq", op)
    texts = [op.text, *op.items] if op.text else []
    count = len(texts) or op.count or 1
    holder = faq.find(class_="faq-list") or faq
    if texts:
        entries = [(q, "Ask us and we will answer." if info.language == "en" else "欢迎向我们咨询。")
                   for q in texts]
    else:
        have = {h.get_text(strip=True) for h in faq.find_all(["h3", "summary", "dt"])}
        entries = [e for e in faq_items(Operation("add", op.clause, count=8), info)
                   if e[0] not in have][:count]
    for question, answer in entries:
        holder.append(parse_fragment(faq_entry(question, answer, info)))
    return [question for question, _ in entries]


def _add_small(soup: Any, op: Operation, info: PageInfo) -> None:
    if not op.text:
        raise UnsupportedEdit(f'"{op.clause}": give the {op.kind} its text in quotes, e.g. '
                              f'add a {op.kind} "Book now"')
    if op.kind == "link":
        region = _need(soup, op.target or "nav", op)
        links = region.find("ul") or region.find("nav") or region
        sample = links.find("li")
        new = parse_fragment(f'<li><a href="#">{_esc(op.text)}</a></li>' if sample is not None
                             else f'<a href="#">{_esc(op.text)}</a>')
        links.append(new)
        return
    target = op.target or "hero"
    region = _need(soup, target, op)
    if op.kind == "button":
        contact = find_region(soup, "contact")
        href = f"#{contact['id']}" if contact is not None and contact.get("id") else "#"
        new = parse_fragment(button_html(op.text, info, href))
        sample = region.select_one(BUTTONS) or soup.body.select_one(BUTTONS)
        if sample is not None and sample.name == "a" and sample.get("class"):
            new["class"] = list(sample["class"])  # look like the page's own buttons
    else:
        new = parse_fragment(f"<p>{_esc(op.text)}</p>")
    if op.relation in ("above", "below") and op.other:
        _place(soup, new, op, region)
        return
    heading = region.find(["h1", "h2", "h3"])
    spot = heading.parent if heading is not None else region
    children = spot.find_all(True, recursive=False)
    if heading is None and len(children) == 1 and children[0].name == "div":
        spot = children[0]  # inside the region's one wrapper (its container), not beside it
    if op.kind == "paragraph" and heading is not None and op.relation != "bottom":
        last = heading
        for sibling in heading.find_next_siblings("p"):
            last = sibling
        last.insert_after(new)
    else:
        spot.append(new)


GRID_KINDS = ("features", "testimonials", "pricing", "gallery")


def _accent(soup: Any) -> str:
    """The page's main colour when the composer wrote it (--primary), else a calm blue."""
    style = soup.find("style")
    match = re.search(r"--primary:\s*(#[0-9a-fA-F]{6})", style.get_text()) if style else None
    return match.group(1) if match else "#1d4ed8"


def _add_items(work: Work, op: Operation, info: PageInfo) -> None:
    """New items in an existing list (cards, plans, quotes, pictures): copies of its last item,
    renamed; their other texts are dropped rather than repeated."""
    import copy

    region = _need(work.soup, op.target, op)
    items = [t for t in region.find_all(["li", "article"]) if t.find_parent(["li", "article"]) is None] or \
        region.find_all(class_=re.compile(r"card|item"))
    if not items:
        raise UnsupportedEdit(f'"{op.clause}": the {_words(op.target)} has no items to add to')
    names = op.items or ([op.text] if op.text else [])
    if not names:
        raise UnsupportedEdit(f'"{op.clause}": name the new items in quotes, e.g. add a card "Rye"')
    last = items[-1]
    for name in names:
        new = copy.copy(last)
        for tag in new.find_all(id=True):
            del tag["id"]
        title = new.find(["h2", "h3", "h4", "h5", "strong", "figcaption", "summary", "dt", "b"])
        for extra in new.find_all(["p", "blockquote", "ul"]):
            if title is None or (extra is not title and title not in extra.descendants):
                extra.decompose()
        holder = title or new
        holder.clear()
        holder.append(name)
        last.insert_after(new)
        last = new
        work.checks.append({"kind": "text", "text": name})


ITEM_SELECTORS = {"faq": ".faq-q", "features": "li", "testimonials": "li", "pricing": "li",
                  "contact": "label", "about": "p"}


def _css_id(ident: str) -> str:
    return re.sub(r"([^\w-])", r"\\\1", ident)


def _order_check(soup: Any, new: Any, op: Operation) -> dict:
    """The moved or added element comes just where it was asked, relative to the other one."""
    anchor = find_region(soup, op.other) if op.other else None
    if anchor is None or anchor is new:
        return {"kind": "count", "selector": "body", "min": 1}
    mine = selector_for(soup, new, op.kind or op.target.split(":")[-1])
    theirs = selector_for(soup, anchor, op.other.split(":")[-1])
    first, second = (mine, theirs) if op.relation == "above" else (theirs, mine)
    return {"kind": "order", "first": first, "second": second}


def _edge_check(soup: Any, moved: Any, op: Operation, checks: list[dict]) -> None:
    """Moved to the top or bottom: it comes before (after) the sections next to it now."""
    siblings = [t for t in moved.parent.find_all(True, recursive=False)
                if t is not moved and t.name not in ("script", "style", "header", "footer", "nav")]
    if not siblings:
        return
    other = siblings[0] if op.relation == "top" else siblings[-1]
    mine = selector_for(soup, moved, op.target.split(":")[-1])
    theirs = selector_for(soup, other, other.name)
    first, second = (mine, theirs) if op.relation == "top" else (theirs, mine)
    checks.append({"kind": "order", "first": first, "second": second})


def _esc(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def _remove(work: Work, op: Operation) -> None:
    soup, checks = work.soup, work.checks
    if op.text is not None:
        item_of(_shown_text(soup, op.text, op.clause)).decompose()
        checks.append({"kind": "absent", "selector": None, "text": op.text})
        return
    region = _need(soup, op.target, op)
    ident = region.get("id")
    heading = region.find(["h1", "h2", "h3"])
    if ident:
        checks.append({"kind": "absent", "selector": f"#{_css_id(ident)}"})
    elif heading is not None and heading.get_text(strip=True):
        checks.append({"kind": "absent", "selector": None, "text": heading.get_text(" ", strip=True)})
    region.decompose()
    if ident:  # the links that led to it would now lead nowhere
        for link in soup.find_all("a", href=f"#{ident}"):
            holder = link.parent if link.parent is not None and link.parent.name == "li" else link
            holder.decompose()


def _move(work: Work, op: Operation) -> None:
    soup, checks = work.soup, work.checks
    region = _need(soup, op.target, op)
    if op.other is not None:
        anchor = _need(soup, op.other, op)
        if anchor is region or region in anchor.parents or anchor in region.parents:
            raise UnsupportedEdit(f'"{op.clause}": cannot move a section relative to itself')
    if op.relation in ("above", "below") and op.other:
        selector_for(soup, region, op.target.split(":")[-1])
        selector_for(soup, anchor, op.other.split(":")[-1])
    moved = region.extract()
    if op.relation in ("above", "below") and op.other:
        _place(soup, moved, op, soup.body)
        checks.append(_order_check(soup, moved, op))
        return
    if op.relation == "bottom":
        parent = find_region(soup, "main") or soup.body
        footer = find_region(soup, "footer")
        if parent is soup.body and footer is not None and footer.parent is soup.body:
            footer.insert_before(moved)
        else:
            parent.append(moved)
    elif op.relation == "top":
        main = find_region(soup, "main")
        if main is not None:
            main.insert(0, moved)
        else:
            _place(soup, moved, op, soup.body)
    else:
        _place(soup, moved, op, soup.body)
        return
    _edge_check(soup, moved, op, checks)
