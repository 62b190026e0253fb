"""The words an instruction gives verbatim: quoted texts and where they go, enumerations ("A, B
and C" -> one item each), and facts (dates, prices, phone numbers, e-mail addresses).

Nothing here invents: each finding keeps the exact characters written, so that the page can show
them and the compliance check can look for them. Which section a finding belongs to is decided
from the section words of its clause (``parse.find_mentions``), nearest first.

    quotes(clause, mentions)  -> [{"text", "role", "kind"}]   role: banner|button|heading|title|text
    lists(clause, mentions)   -> [{"items", "kind", "role"}]  role: items|links|fields|columns|rows
    facts(clause, mentions)   -> [{"text", "type", "kind"}]   type: date|price|phone|email
"""

from __future__ import annotations

import re
from typing import Any

QUOTE_RE = re.compile(r"\"(?P<a>[^\"\n]{1,120})\"|“(?P<b>[^”\n]{1,120})”|「(?P<c>[^」\n]{1,120})」"
                      r"|『(?P<d>[^』\n]{1,120})』|(?<![\w])'(?P<e>[^'\n]{2,80})'(?![\w])"
                      r"|‘(?P<f>[^’\n]{2,80})’")

# role -> words just before a quote ("a banner says", "a button labelled") or just after it
ROLE_BEFORE = [
    ("button", r"(?:button|call[\s-]to[\s-]action|cta|按钮)\s*(?:that\s+|which\s+)?(?:says|reads|"
               r"saying|reading|labell?ed|with\s+the\s+(?:text|label|words)|titled|写着|上写|文字为|"
               r"为|是|：|:)?\s*$"),
    ("banner", r"(?:banner|hero|headline|jumbotron|tagline|slogan|motto|横幅|标语|口号)\s*(?:\w+\s+)?"
               r"(?:that\s+|which\s+)?(?:says|reads|saying|reading|with\s+the\s+(?:text|words)|of|:|："
               r"|写着|上写|为|是)?\s*$"),
    ("title", r"(?:page|browser|tab|document)\s+title\s*(?:is|of|:|should\s+be)?\s*$|网页标题\s*(?:为|是)?\s*$"),
    ("heading", r"(?:heading|title|titled|header\s+text|headed|标题)\s*(?:that\s+)?(?:says|reads|of|is|"
                r"should\s+be|:|：|为|是)?\s*$"),
]
ROLE_AFTER = [
    ("button", r"^\s*(?:[\w-]+\s+)?(?:button|call[\s-]to[\s-]action|link\s+button)|^\s*的?按钮"),
    ("banner", r"^\s*(?:[\w-]+\s+)?(?:banner|headline|tagline|slogan)|^\s*的?(?:横幅|标语)"),
    ("heading", r"^\s*(?:heading|title)\b|^\s*的?标题"),
]
NAMING = re.compile(r"(?:called|named|titled|branded|name\s+is|name\s*:|名为|叫做?|名叫|称为|名字是|"
                    r"名称是|网站名称?(?:是|为))\s*$", re.I)
SAYS = re.compile(r"(?:says|reads|saying|reading|shows|showing|with\s+the\s+(?:text|words)|text|"
                  r"写着|显示)\s*:?\s*$", re.I)


def quotes(clause: str, mentions: list[Any], name: str | None = None) -> list[dict]:
    """Each quoted text of a clause with its role and the section it goes in (quotes enumerated
    together are items of a list instead: see ``lists``)."""
    out = []
    found = list(QUOTED_LIST_RE.finditer(clause))
    listed = [(m.start(), m.end()) for m in found if not _buttons_before(clause, m.start())]
    buttons = [(m.start(), m.end()) for m in found if _buttons_before(clause, m.start())]
    for match in QUOTE_RE.finditer(clause):
        if any(s <= match.start() < e for s, e in listed):
            continue
        text = next(g for g in match.groups() if g is not None).strip()
        if not text:
            continue
        before = clause[max(0, match.start() - 48):match.start()]
        after = clause[match.end():match.end() + 30]
        if NAMING.search(before) or (name and text == name):
            continue  # the site's name: a constraint of its own
        role = next((r for r, p in ROLE_BEFORE if re.search(p, before, re.I)), None) or \
            next((r for r, p in ROLE_AFTER if re.search(p, after, re.I)), None) or "text"
        if any(s <= match.start() < e for s, e in buttons):
            role = "button"  # 'two buttons "Start free" and "Book a demo"'
        kind = _owner(mentions, match.start(), match.end())
        if role == "banner":
            kind = "hero"
        elif role == "text" and kind == "hero" and SAYS.search(before):
            role = "banner"
        out.append({"text": text, "role": role, "kind": kind, "start": match.start(),
                    "end": match.end(), "says": bool(SAYS.search(before))})
    return out


def _buttons_before(clause: str, start: int) -> bool:
    return bool(re.search(r"(?:buttons?|ctas?|按钮)\s*(?:labell?ed|saying|reading|:|：)?\s*$",
                          clause[max(0, start - 30):start], re.I))


def spans(clause: str, mentions: list[Any]) -> list[tuple[int, int]]:
    """Where the clause quotes or enumerates: section words there are items, not sections
    ("links Home, Menu and Contact" names no contact section)."""
    found = [(m.start(), m.end()) for m in QUOTE_RE.finditer(clause)]
    return found + [(e["start"], e["end"]) for e in lists(clause, mentions)]


def _owner(mentions: list[Any], start: int, end: int) -> str | None:
    """The section a thing at [start, end) belongs to: the last one named before it, else the
    first one named after it."""
    before = [m for m in mentions if m.end <= start]
    if before:
        return before[-1].kind
    after = [m for m in mentions if m.start >= end]
    return after[0].kind if after else None


# --- enumerations ---------------------------------------------------------------------------------

ITEM = r"(?:(?!\bwith\b|\bthat\b|\bwhich\b)(?:[^,，、;:：.!?()（）\n]|\.(?=\d)|\([^()\n]{1,30}\)|（[^（）\n]{1,30}）)){1,60}?"
LIST_BODY = rf"(?P<list>{ITEM}(?:\s*[,，、]\s*{ITEM})*\s*,?(?:\s+(?:and|or)\s+|\s*(?:&|和|及|与|以及|或)\s*){ITEM}" \
            rf"|{ITEM}(?:\s*、\s*{ITEM}){{2,}})(?=$|[.;!?。；！？,，]|\s+(?:with|in|on|at\s+the|below|above|" \
            rf"then|plus|each|all)\b|\s+and\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|the)\b)"
INTRO = (r"(?::|：|\b(?:such\s+as|including|includes|include|like|namely|e\.g\.)|包括|包含|分别是|分别为|有|为|是)"
         r"\s*")
NOUN_INTRO = (r"\b(?:links?|fields?|columns|tabs|rows|headers|options|inputs)\s+(?:(?:for|of|to|named|called|"
              r"labell?ed)\b)?\s*|\b(?:cards?|plans?|tiers?|packages|items|questions|pictures|photos|images|"
              r"sections|people|members|speakers|talks|entries|products|services|dishes|breads|courses|"
              r"features|testimonials|reviews|menu|line[\s-]?up|artists|performers|instructors|teachers)\s+(?:for|about|of|on|named|called|titled|labell?ed|"
              r"showing|show|with|featuring|listing|including|with\s+questions)\s+|\b(?:nav(?:igation)?(?:\s+bar)?|navbar|menu\s+bar|top\s+bar|header|footer)\s+(?:with|has|having|containing|that\s+has)\s+(?:(?:the\s+)?links?\s+(?:(?:to|for)\b)?\s*)?(?=(?-i:[A-Z\"“]))|\bforms?\s+(?:asking\s+for|that\s+asks\s+for|asks\s+for|collecting|requesting)\s+|\b(?:plans?|tiers?|packages|cards|items|sections|tabs)\s+(?=(?-i:[A-Z\"“]))|\b(?:services|products|dishes|breads|flavou?rs|courses|classes|treatments|teas|coffees|drinks|cakes)\s+(?=(?-i:[a-z]))|(?:链接|字段)(?:包括|包含|有|为|是|：)?|列(?:为|是|：|包括)")
LIST_RE = re.compile(rf"(?:{INTRO}|{NOUN_INTRO})(?:the\s+|our\s+)?{LIST_BODY}", re.I)
_Q = r"(?:\"[^\"\n]{1,120}\"|“[^”\n]{1,120}”|「[^」\n]{1,120}」|‘[^’\n]{1,80}’)"
QUOTED_LIST_RE = re.compile(rf"{_Q}(?:\s*[,，、]\s*{_Q})*\s*,?\s*(?:\band\b|\bor\b|&|和|及|与|以及|或)\s*{_Q}"
                            rf"|{_Q}(?:\s*[,，、]\s*{_Q}){{2,}}", re.I)
SPLIT_RE = re.compile(r"\s*(?:[,，、]\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|\s*&\s*|和|及|与|以及|或)\s*",
                      re.I)
STRUCTURE_WORDS = re.compile(r"\b(?:footer|header|nav(?:igation)?|navbar|banner|hero|section|form|"
                             r"gallery|background|page|layout)s?\b|页脚|导航|横幅|表单|背景", re.I)
LAYOUT_WORDS = re.compile(r"\b(?:left|right|above|below|top|bottom|side\s+by\s+side)\b|"
                          r"^\s+on\s+the\s+(?:left|right)|[左右]边|左侧|右侧|上方|下方", re.I)
COLUMN_WORDS = re.compile(r"columns?|列|[\d一二两三四五六]栏", re.I)
FIELD_WORDS = re.compile(r"fields?|inputs?|asks?\s+for|asking\s+for|collecting|requesting|字段|填写", re.I)
LINK_WORDS = re.compile(r"links?|tabs|menu\s+items|pages|链接", re.I)


def lists(clause: str, mentions: list[Any]) -> list[dict]:
    """Each enumeration of a clause: its items in order, the section and what they are there."""
    quoted = [m for m in QUOTED_LIST_RE.finditer(clause) if not _buttons_before(clause, m.start())]
    out = [_entry(clause, mentions, [next(g for g in q.groups() if g is not None).strip()
                                     for q in QUOTE_RE.finditer(m.group(0))], m.start(), m.end())
           for m in quoted]
    position = 0
    while (match := LIST_RE.search(clause, position)) is not None:
        items = _items_of(clause, match)
        if items is None or any(q.start() <= match.start("list") < q.end() for q in quoted):
            position = match.start() + 1  # a later, shorter enumeration may still start here
            continue
        out.append(_entry(clause, mentions, items, match.start("list"), match.end("list")))
        position = match.end()
    return sorted(out, key=lambda e: e["start"])


def _items_of(clause: str, match: re.Match) -> list[str] | None:
    """The items of an enumeration, or None when the words are not one ("a nav, a hero and a
    footer" are sections; "an image on the left and text on the right" is a layout)."""
    parts = [p.strip() for p in SPLIT_RE.split(match["list"]) if p.strip()]
    items = [i for i in (_clean_item(p) for p in parts) if i]
    if len(items) < 2 or any(len(i.split()) > 7 for i in items):
        return None
    if any(STRUCTURE_WORDS.search(p) for p in parts):
        return None  # "three cards with our breads and a dark green footer": the page's parts
    if all(re.match(r"(?i)(?:an?|the|some|our|my|their|\d+|one|two|three|four|five|six)\s+", p)
           and not re.search(r"\$|€|£", p) for p in parts):
        return None
    if any(re.search(r"(?i)\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+[a-z]", p)
           for p in parts):
        return None  # "4 photos of dogs and testimonials from 3 customers": parts of the page
    if any(LAYOUT_WORDS.search(p) for p in parts) or LAYOUT_WORDS.match(clause[match.end():]):
        return None
    return items


def _entry(clause: str, mentions: list[Any], items: list[str], start: int, end: int) -> dict:
    """A list's section (the last named before it) and the role of its items there."""
    lead = clause[max(0, start - 40):start]
    kind = _owner(mentions, start, end)
    role = "items"
    said = re.search(r"(?:^|[,.;]\s*)(?:(?:our|the)\s+)?(?P<label>[A-Za-z][\w' -]{2,24}|[\u4e00-\u9fff]{2,8})\s*[:：]\s*$",
                     lead)
    label = said["label"].strip() if said and not STRUCTURE_WORDS.search(said["label"]) and \
        not re.search(r"(?i)\b(?:links?|fields?|columns?|rows?|sections?|items?)\b|链接|字段",
                      said["label"]) else None
    if re.search(r"\bsections?\s*(?:called|named|titled|:)?\s*$|(?:部分|栏目|板块)(?:有|包括|为|：)?\s*$",
                 lead, re.I):
        return {"items": items, "kind": "sections", "role": "sections", "start": start, "end": end}
    if kind in ("nav", "footer") and not FIELD_WORDS.search(lead):
        role = "links"
    elif kind == "table" or COLUMN_WORDS.search(lead):
        role = "columns" if COLUMN_WORDS.search(lead) else "rows"
    elif FIELD_WORDS.search(lead) or kind == "contact":
        role, kind = "fields", "contact"
    elif LINK_WORDS.search(lead) or kind in ("nav", "footer"):
        role = "links"
        kind = kind if kind in ("nav", "footer") else "nav"
    return {"items": items, "kind": kind, "role": role, "start": start, "end": end,
            "label": label if role == "items" else None}


SINGLE_FIELD_RE = re.compile(r"\b(?:an?|one|single)\s+(?P<f>[\w-]+(?:\s+address)?)\s+(?:field|input|box)\b", re.I)


def single_field(clause: str) -> str | None:
    """"an email field" -> "email": a form of one named field."""
    match = SINGLE_FIELD_RE.search(clause)
    return match["f"] if match else None


def _clean_item(raw: str) -> str:
    item = raw.strip().strip("\"“”「」『』'‘’ ")
    item = re.sub(r"^(?:(?:the|a|an|our|and|or|include|includes|including|are|is)\s+)+", "", item,
                  flags=re.I)
    item = re.sub(r"\s+(?:links?|fields?|tabs|buttons|items|pages)$", "", item, flags=re.I)
    item = re.sub(r"\s*(?:等)?[一二两三四五六七八九十\d]+\s*[个项条种]\s*(?:链接|字段|选项|栏目|部分|问题)$", "", item)
    return item.strip().rstrip(".")


def split_price(item: str) -> tuple[str, str]:
    """"Pro ($29/month)" / "Pro at $29" / "Pro for 29 €" -> ("Pro", "$29/month")."""
    match = PRICE_RE.search(item)
    if not match:
        return item, ""
    title = (item[:match.start()] + item[match.end():])
    title = re.sub(r"\s*(?:\(\s*\)|\bat\b|\bfor\b|[-–—:])\s*$", "", title.strip(), flags=re.I)
    return title.strip(" ()") or item, match.group(0).strip()


# --- facts ----------------------------------------------------------------------------------------

MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
DATE_RE = re.compile(
    rf"\b{MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*(?:{MONTHS}\.?\s+)?\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+{MONTHS}(?:\s+\d{{4}})?\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|(?:\d{4}年)?\d{1,2}月\d{1,2}日?(?:\s*[-–至到~]\s*(?:\d{1,2}月)?\d{1,2})?日")
PRICE_RE = re.compile(r"(?:[$€£¥]|US\$|CHF\s?)\s?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s*(?:/|per\s+)\s*\w+)?"
                      r"|(?<![\d.,])\d[\d,]*(?:\.\d+)?\s?(?:€|EUR|USD|GBP|dollars|euros|元|块)"
                      r"(?:\s*(?:/|per\s+)\s*(?:month|mo|year|yr|person|月|年))?", re.I)
PHONE_RE = re.compile(r"(?<![\w+])\+?\(?\d{1,4}\)?(?:[\s.-]?\(?\d{2,4}\)?){2,4}(?![\w])")
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
TIME_RE = re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\s*[-–]\s*\d{1,2}(?::\d{2})?\s?(?:am|pm)\b"
                     r"|\b\d{1,2}:\d{2}\s*[-–]\s*\d{1,2}:\d{2}\b", re.I)


def facts(clause: str, mentions: list[Any]) -> list[dict]:
    """Dates, prices, opening hours, phone numbers and e-mail addresses, verbatim."""
    out: list[dict] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in (("email", EMAIL_RE), ("date", DATE_RE), ("time", TIME_RE),
                          ("price", PRICE_RE), ("phone", PHONE_RE)):
        for match in pattern.finditer(clause):
            text = match.group(0).strip()
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            if kind == "phone" and (len(re.sub(r"\D", "", text)) < 7 or re.fullmatch(r"\d{4}", text)):
                continue
            taken.append((match.start(), match.end()))
            out.append({"text": text, "type": kind, "start": match.start(),
                        "kind": _owner(mentions, match.start(), match.end())})
    return sorted(out, key=lambda f: f["start"])
