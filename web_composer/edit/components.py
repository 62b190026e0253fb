"""New parts for an existing page: sections (FAQ, cards, testimonials, contact form, pricing,
footer), and the small things put into one (a button, a paragraph, a link, a question).

A page the built-in composer made gets sections in its own markup (``band``, ``wrap``, ``grid``,
``card``, ``btn``), so they take its look; any other page gets the same structure with ``wc-``
classes, styled by the edit stylesheet (see styles.py) so nothing on the page changes. The copy of
invented items comes from the instruction reader's copy bank (instruct/copy.json) in the page's
language; FAQ questions, which that bank lacks, come from ``FAQ`` below.
"""

from __future__ import annotations

import html as htmlmod
from dataclasses import dataclass
from typing import Any

from ..instruct.build import copy_bank, fill
from .requests import Operation, UnsupportedEdit

# Generic questions a visitor asks of any site; {name} is the site's name.
FAQ = {
    "en": {"title": "Frequently asked questions", "items": [
        ("How do I get in touch with {name}?", "Use the contact details on this page; we answer "
         "every message within two working days."),
        ("Where can I find {name}?", "Our address and opening hours are listed at the bottom of "
         "this page."),
        ("How much does it cost?", "Prices are shown on this page; ask us for a quote when you need "
         "something special."),
        ("Can I change or cancel a booking?", "Yes. Tell us at least one day ahead and we change "
         "or cancel it free of charge."),
        ("Do you offer gift cards?", "Gift cards are available in any amount and are valid for a "
         "year."),
        ("Is my personal data safe?", "We keep only what we need to serve you and never sell it."),
        ("How do I pay?", "Card, bank transfer and cash are all welcome."),
        ("Do you deliver?", "We deliver nearby; ask us about your address."),
    ]},
    "zh": {"title": "常见问题", "items": [
        ("如何联系{name}？", "请使用本页的联系方式，我们会在两个工作日内回复每一条留言。"),
        ("{name}在哪里？", "地址和营业时间列在本页底部。"),
        ("费用是多少？", "价格见本页；如有特殊需求，欢迎向我们询价。"),
        ("可以更改或取消预约吗？", "可以。请至少提前一天告诉我们，更改或取消均免费。"),
        ("有礼品卡吗？", "礼品卡面额不限，有效期一年。"),
        ("我的个人信息安全吗？", "我们只保存为您服务所需的信息，绝不出售。"),
        ("如何付款？", "支持银行卡、转账和现金。"),
        ("可以送货吗？", "附近地区可以送货，请告诉我们您的地址。"),
    ]},
}
DEFAULT_COUNT = {"faq": 3, "features": 3, "testimonials": 2, "pricing": 3}
TITLES = {"en": {"features": "Highlights", "contact": "Contact us", "about": "About us"},
          "zh": {"features": "亮点", "contact": "联系我们", "about": "关于我们"}}


@dataclass
class PageInfo:
    """What a new part needs to know about the page it goes into."""

    name: str  # the site's name (for invented copy)
    language: str  # "en" or "zh"
    ours: bool  # made by the built-in composer: reuse its classes


def esc(text: str) -> str:
    return htmlmod.escape(text, quote=True)


def _cls(info: PageInfo, ours: str, theirs: str) -> str:
    return ours if info.ours else theirs


def _section(info: PageInfo, ident: str, title: str, inner: str, kind: str) -> str:
    band = _cls(info, "band", f"wc-band wc-{kind}")
    wrap = _cls(info, "wrap", "wc-wrap")
    return (f'<section class="{band}" id="{ident}" aria-labelledby="{ident}-title">'
            f'<div class="{wrap}"><h2 id="{ident}-title">{esc(title)}</h2>{inner}</div></section>')


def _names(operation: Operation, invented: list[str], default: int) -> list[str]:
    if operation.items:
        return operation.items
    count = operation.count or default
    return [invented[i % len(invented)] for i in range(count)]


def faq_items(operation: Operation, info: PageInfo) -> list[tuple[str, str]]:
    bank = FAQ.get(info.language, FAQ["en"])
    if operation.items:
        answer = "Ask us and we will answer." if info.language == "en" else "欢迎向我们咨询。"
        return [(q, answer) for q in operation.items]
    count = operation.count or DEFAULT_COUNT["faq"]
    if count > len(bank["items"]):
        raise UnsupportedEdit(f"the built-in editor knows {len(bank['items'])} questions; name "
                              "the others in quotes")
    return [(fill(q, info.name), fill(a, info.name)) for q, a in bank["items"][:count]]


def faq_entry(question: str, answer: str, info: PageInfo) -> str:
    return (f'<div class="{_cls(info, "card faq-item", "wc-card faq-item")}"><div class="'
            f'{_cls(info, "card-body", "wc-card-body")}"><h3 class="faq-q">{esc(question)}</h3>'
            f'<p class="faq-a">{esc(answer)}</p></div></div>')


def section_html(operation: Operation, info: PageInfo, ident: str) -> str:
    """The HTML of a new section of ``operation.kind``."""
    kind = operation.kind
    bank = copy_bank(info.language, "generic")
    labels = bank["labels"]
    grid = _cls(info, "grid", "wc-grid")
    card, body = _cls(info, "card", "wc-card"), _cls(info, "card-body", "wc-card-body")
    if kind == "faq":
        entries = "".join(faq_entry(q, a, info) for q, a in faq_items(operation, info))
        title = FAQ.get(info.language, FAQ["en"])["title"]
        return _section(info, ident, title, f'<div class="faq-list" style="display:grid;gap:16px">{entries}</div>', "faq")
    if kind == "features":
        invented = [fill(t, info.name) for t, _ in bank["features"]]
        texts = {fill(t, info.name): fill(x, info.name) for t, x in bank["features"]}
        items = "".join(f'<li class="{card}"><div class="{body}"><h3 class="h3">{esc(n)}</h3>'
                        f'{"<p>" + esc(texts[n]) + "</p>" if n in texts else ""}</div></li>'
                        for n in _names(operation, invented, DEFAULT_COUNT["features"]))
        title = TITLES.get(info.language, TITLES["en"])["features"]
        return _section(info, ident, title, f'<ul class="{grid} features" role="list" '
                        f'style="--cols:3;--tcols:2">{items}</ul>', "features")
    if kind == "testimonials":
        quotes = [(fill(q, info.name), fill(w, info.name)) for q, w in bank["testimonials"]]
        chosen = [(q, "") for q in operation.items] if operation.items else \
            [quotes[i % len(quotes)] for i in range(operation.count or DEFAULT_COUNT["testimonials"])]
        items = "".join(f'<li class="{card}"><figure class="{body}"><blockquote><p>“{esc(q)}”</p>'
                        f'</blockquote>{"<figcaption>" + esc(w) + "</figcaption>" if w else ""}'
                        f"</figure></li>" for q, w in chosen)
        return _section(info, ident, fill(bank["testimonials_title"], info.name),
                        f'<ul class="{grid} testimonials" role="list" style="--cols:2;--tcols:2">'
                        f"{items}</ul>", "testimonials")
    if kind == "pricing":
        plans = bank["pricing"]
        names = operation.items or [p[0] for p in plans][:operation.count or DEFAULT_COUNT["pricing"]]
        items = "".join(f'<li class="{card}"><div class="{body}"><h3 class="h3">{esc(n)}</h3>'
                        f'<p class="price">{esc(plans[i % len(plans)][1])} '
                        f'<span>{esc(plans[i % len(plans)][2])}</span></p></div></li>'
                        for i, n in enumerate(names))
        return _section(info, ident, bank["pricing_title"], f'<ul class="{grid} pricing" '
                        f'role="list" style="--cols:{min(len(names), 4)};--tcols:2">{items}</ul>',
                        "pricing")
    if kind == "contact":
        return _section(info, ident, fill(bank["contact_title"], info.name),
                        contact_form(operation, info, labels), "contact")
    if kind == "about":
        text = operation.text or fill(bank["about"][0], info.name)
        return _section(info, ident, fill(bank["about_title"], info.name), f"<p>{esc(text)}</p>",
                        "about")
    raise UnsupportedEdit(f"the built-in editor cannot add a {kind} section")


def gallery_html(operation: Operation, info: PageInfo, ident: str, colour: str) -> tuple[str, dict[str, bytes]]:
    """A gallery of generated pictures (or of the named subjects' placeholders) and their files."""
    import hashlib

    from ..instruct import pictures

    bank = copy_bank(info.language, "generic")
    invented = [fill(t, info.name) for t, _ in bank["gallery"]]
    names = _names(operation, invented, 4)
    assets: dict[str, bytes] = {}
    figures = []
    for index, name in enumerate(names, 1):
        data = pictures.photo(f"{ident}-{index}-{name}.jpg", colour)
        file = f"edit-{hashlib.sha1(data).hexdigest()[:12]}.jpg"  # same name, same bytes
        assets[file] = data
        width, height = pictures.size_of("photo.jpg")
        figures.append(f'<li><figure><img src="assets/{file}" alt="{esc(name)}" width="{width}" '
                       f'height="{height}" style="width:100%;height:auto;border-radius:12px">'
                       f"<figcaption>{esc(name)}</figcaption></figure></li>")
    title = bank["gallery_title"] if info.language == "en" else "图库"
    markup = _section(info, ident, fill(title, info.name), f'<ul class="{_cls(info, "grid", "wc-grid")} '
                      f'gallery" role="list" style="--cols:{min(len(names), 4)};--tcols:2">'
                      f'{"".join(figures)}</ul>', "gallery")
    return markup, assets


def contact_form(operation: Operation, info: PageInfo, labels: dict[str, str]) -> str:
    fields = operation.items or [labels["name_field"], labels["email_field"], labels["message_field"]]
    parts = []
    for index, label in enumerate(fields, 1):
        ident = f"edit-field-{index}"
        kind = "email" if "mail" in label.lower() or "邮" in label else \
            "tel" if "phone" in label.lower() or "电话" in label else "text"
        control = f'<textarea id="{ident}" name="{ident}" rows="4"></textarea>' if \
            label in (labels["message_field"], "Message", "message") else \
            f'<input id="{ident}" name="{ident}" type="{kind}">'
        parts.append(f'<label for="{ident}">{esc(label)}</label>{control}')
    button = f'<div><button class="{_cls(info, "btn", "wc-btn")}" type="submit">{esc(labels["send"])}' \
             "</button></div>"
    return f'<form class="{_cls(info, "form", "wc-form")}" action="#" method="post">' \
           f'{"".join(parts)}{button}</form>'


def footer_html(operation: Operation, info: PageInfo) -> str:
    links = "".join(f'<li><a href="#">{esc(name)}</a></li>' for name in operation.items)
    nav = f'<ul class="wc-links">{links}</ul>' if links else ""
    wrap = _cls(info, "wrap", "wc-wrap")
    rights = copy_bank(info.language, "generic")["labels"]["rights"]
    return (f'<footer class="{_cls(info, "site-footer", "wc-footer")}" id="site-footer">'
            f'<div class="{wrap}"><p class="brand">{esc(info.name)}</p>{nav}'
            f"<p>© {esc(info.name)}. {esc(rights)}</p></div></footer>")


def button_html(text: str, info: PageInfo, href: str = "#") -> str:
    return f'<a class="{_cls(info, "btn", "wc-btn")}" href="{esc(href)}">{esc(text)}</a>'


def parse_fragment(markup: str) -> Any:
    from bs4 import BeautifulSoup

    fragment = BeautifulSoup(markup, "html.parser")
    return next(iter(fragment.find_all(True, recursive=False)))
