"""Reading an instruction: the site's name and kind, the sections it names, and the explicit
demands (colours, placements, counts, columns) in the order they were written.

The reading is deliberately literal: words are matched clause by clause (a clause ends at . ! ? ;
or a line break, and Chinese commas), each colour goes to the nearest section named in its
clause, each count to the noun it counts. What is not said is left to the composer's defaults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from . import colours, explicit
from .counts import MAX_COUNT, read_counts
from .names import find_name, split_clauses

MAX_CHARS = 4000

# section kind -> patterns naming it (English and Chinese); earlier kinds win overlaps
SECTION_PATTERNS: dict[str, list[str]] = {
    "nav": [r"navigation(?:\s+(?:bar|menu|links))?", r"nav[\s-]?bar", r"\bnav\b", r"menu[\s-]bar",
            r"top[\s-]bar", r"\bheader\b", r"导航栏?", r"页眉", r"顶栏", r"菜单栏"],
    "footer": [r"\bfooter\b", r"bottom[\s-]bar", r"页脚", r"底栏"],
    "hero": [r"\bhero(?:\s+(?:section|banner|image|area))?\b", r"\bbanner\b", r"\bjumbotron\b",
             r"\bsplash\b", r"横幅", r"首屏", r"大图"],
    "contact": [r"contact(?:\s+(?:form|us|section|details))?", r"get\s+in\s+touch",
                r"\bnewsletter(?:\s+(?:sign[\s-]?up|form|subscription))?\b", r"\bsign[\s-]?up\s+(?:page|section)\b",
                r"(?:booking|reservation|sign[\s-]?up|inquiry|enquiry|registration)\s+form",
                r"\bform\b", r"联系", r"表单", r"预约", r"报名"],
    "pricing": [r"\bpricing(?:\s+(?:section|table|plans|tiers|cards))?\b", r"\bprices\b",
                r"\bplans\b", r"\btiers\b", r"\bsubscriptions?\b", r"价格", r"定价", r"套餐"],
    "testimonials": [r"\btestimonials?\b", r"\breviews\b", r"\bquotes\b", r"customer\s+stories",
                     r"评价", r"口碑"],
    "team": [r"\bteam(?:\s+members)?\b", r"\bstaff\b", r"\bspeakers\b", r"\bmembers\b",
             r"\bline[\s-]?up\b", r"\bperformers\b", r"\binstructors\b", r"\bteachers\b",
             r"\bdoctors\b", r"\bcoaches\b", r"\btrainers\b", r"医生", r"教练", r"老师",
             r"\bchefs\b", r"\bbakers\b", r"\bpeople\b", r"团队", r"成员", r"讲者", r"嘉宾"],
    "gallery": [r"\bgallery\b", r"\bimages\b", r"\bphotos\b", r"\bphotographs\b", r"\bpictures\b",
                r"\bportfolio\b", r"\bshowcase\b", r"\bprojects\b", r"\bworks\b", r"图片",
                r"照片", r"相册", r"作品", r"图库", r"项目"],
    "features": [r"\bcards?\b", r"\bfeatures?\b", r"\bservices\b", r"\bbenefits\b",
                 r"\bmenu\b", r"\bschedule\b", r"\bagenda\b", r"\bproducts\b", r"\bdishes\b",
                 r"\bprogrammes?\b", r"\bprograms?\b", r"卡片", r"特色", r"服务", r"功能", r"菜单", r"日程",
                 r"产品"],
    "about": [r"\babout(?:\s+(?:us|section|me))?\b", r"\bmission\b", r"passage\s+of\s+text",
              r"\bintroduction\b", r"\bour\s+story\b", r"\bbiography\b", r"\bbio\b",
              r"简介", r"介绍", r"关于", r"使命"],
    "faq": [r"\bfaqs?\b", r"frequently[\s-]+asked\s+questions", r"\bq\s*&\s*a\b", r"常见问题", r"问答"],
    "map": [r"\bmap(?:\s+placeholder)?\b", r"地图"],
    "table": [r"\b(?:[a-z]+\s+)?tables?\b", r"\btimetable\b", r"表格", r"(?:日程|时间|课程|议程)表"],
}
SECTION_RE = {kind: re.compile("|".join(f"(?:{p})" for p in pats), re.I)
              for kind, pats in SECTION_PATTERNS.items()}

# site kind -> words that reveal it (first match in this order wins)
SITE_KINDS: list[tuple[str, str]] = [
    ("portfolio", r"portfolio|photographer|photography|illustrator|designer's|artist|摄影|作品集"),
    ("conference", r"conference|summit|symposium|meetup|workshop|festival|expo|会议|大会|峰会"),
    ("saas", r"\bsaas\b|software|\bapp\b|startup|platform|api\b|cloud|软件|应用"),
    ("bakery", r"bakery|bakeshop|patisserie|pastry|cake shop|面包|烘焙|蛋糕"),
    ("restaurant", r"restaurant|bistro|diner|eatery|caf[eé]|coffee|pizzeria|bar and grill|"
                   r"餐厅|饭店|餐馆|咖啡"),
    ("research", r"research|laborator|\blab\b|institut|研究|实验室"),
    ("school", r"school|academy|university|college|course|tutoring|学校|课程|培训|大学"),
    ("nonprofit", r"non-?profit|charity|foundation|\bngo\b|volunteer|公益|基金会|慈善"),
    ("shop", r"\bshop\b|\bstore\b|boutique|e-?commerce|online shop|商店|网店|商城"),
    ("agency", r"agency|studio|consult|law firm|firm\b|company|business|公司|工作室"),
]

SIDE_RE = re.compile(r"\b(?P<side>left|right)\b(?![\s-]*align)|(?P<zh>左|右)(?:边|侧|面|方)?", re.I)
THING_RE = re.compile(r"\b(?P<image>images?|pictures?|photos?|photographs?|logo|illustration|"
                      r"graphic)\b|\b(?P<text>text|passage|paragraphs?|description|copy|words)\b|"
                      r"(?P<zh_image>图片|图像|照片|标志|logo|徽标)|(?P<zh_text>文字|文本|段落|介绍|描述)",
                      re.I)
BELOW_START = re.compile(r"^\s*(?:and\s+|then\s+)?(?:below|under|beneath|underneath|下方|下面|下边)",
                         re.I)
RELATIVE_RE = re.compile(r"\b(?P<rel>below|under|beneath|underneath|above|over)\s+(?:the\s+|a\s+)?",
                         re.I)
RESPONSIVE_RE = re.compile(r"responsive|mobile[\s-]friendly|works\s+(?:well\s+)?on\s+(?:phones|mobile)"
                           r"|响应式|适配手机", re.I)


@dataclass
class Mention:
    kind: str
    start: int
    end: int
    words: str


@dataclass
class Clause:
    text: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Reading:
    """What the instruction says, before any defaults are filled in."""

    text: str
    language: str
    name: str | None
    kind: str
    clauses: list[Clause]
    order: list[str] = field(default_factory=list)  # section kinds in the order first named
    words: dict[str, str] = field(default_factory=dict)  # kind -> the first words naming it
    colours: list[dict] = field(default_factory=list)  # target, property, spec, source
    counts: list[dict] = field(default_factory=list)  # kind, what, value, at_least, source, subject
    columns: list[dict] = field(default_factory=list)  # kind, value, source
    sides: list[dict] = field(default_factory=list)  # thing, side, logo, source, kind
    relations: list[dict] = field(default_factory=list)  # target, relation, other, source
    responsive: str | None = None
    subjects: dict[str, str] = field(default_factory=dict)  # kind -> "research projects"
    quotes: list[dict] = field(default_factory=list)  # text, role, kind, source (explicit.quotes)
    lists: list[dict] = field(default_factory=list)  # items, kind, role, source (explicit.lists)
    facts: list[dict] = field(default_factory=list)  # text, type, kind, source (explicit.facts)
    centred: list[dict] = field(default_factory=list)  # target, source: "a centred heading"
    bottom: list[str] = field(default_factory=list)  # kinds said to come last ("at the bottom")


def check_text(text: str | None) -> str:
    """The instruction, stripped; InputError when empty or absurdly long."""
    text = (text or "").strip()
    if not text:
        raise InputError("the instruction is empty", hint="say what the page should be, e.g. "
                         '"A website for a bakery called Sweet Crumbs with three cards"')
    if len(text) > MAX_CHARS:
        raise InputError(f"the instruction is {len(text)} characters long; at most {MAX_CHARS} "
                         "are accepted", hint="describe the page in a few sentences")
    if not re.search(r"[^\W\d_]", text):
        raise InputError("the instruction has no words in it")
    return text


def detect_language(text: str) -> str:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    letters = len(re.findall(r"[A-Za-z]", text))
    return "zh" if cjk and cjk * 2 >= letters else "en"


def find_mentions(clause: str) -> list[Mention]:
    found: list[Mention] = []
    for kind, pattern in SECTION_RE.items():
        for match in pattern.finditer(clause):
            found.append(Mention(kind, match.start(), match.end(), match.group(0)))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if all(mention.start >= k.end or mention.end <= k.start for k in kept):
            kept.append(mention)
    kept = [m for m in kept if not _false_mention(clause, m)]
    if any(m.kind == "nav" for m in kept):  # "a header with the menu on the right": its links
        kept = [m for m in kept if not (m.kind == "features" and m.words.lower() == "menu"
                                        and SIDE_RE.search(clause))]
    return kept


def _false_mention(clause: str, mention: Mention) -> bool:
    """Words that name a section only in some places ("the people of Paris")."""
    before = clause[:mention.start].lower()
    if mention.kind == "gallery" and mention.words.lower() == "portfolio" and \
            re.match(r"\s+(?:for|of|by|website|site|page)\b", clause[mention.end:], re.I):
        return True  # "a portfolio for Ana": the kind of site, not a section
    if mention.kind == "gallery" and re.search(r"\b(?:an?|one|the|single)\s+$", before):
        return mention.words.lower() in ("images", "photos", "pictures")  # never plural after "a"
    if mention.kind in ("team", "gallery") and re.search(r"\bour\s+$|\bits\s+$", before) and \
            mention.words.lower() in ("people", "works"):
        return True
    return False


def find_kind(text: str) -> str:
    lowered = text.lower()
    for kind, pattern in SITE_KINDS:
        if re.search(pattern, lowered):
            return kind
    return "generic"


def read(text: str) -> Reading:
    """Read an instruction into a Reading (raises InputError for empty or overlong text)."""
    text = check_text(text)
    reading = Reading(text=text, language=detect_language(text), name=find_name(text),
                      kind=find_kind(text), clauses=[])
    previous: list[Mention] = []
    for raw in split_clauses(text):
        mentions = find_mentions(raw)
        spans = explicit.spans(raw, mentions)
        clause = Clause(raw, [m for m in mentions
                              if not any(s <= m.start and m.end <= e for s, e in spans)])
        reading.clauses.append(clause)
        for mention in clause.mentions:
            if mention.kind not in reading.order:
                reading.order.append(mention.kind)
                reading.words[mention.kind] = mention.words
        _read_colours(reading, clause, previous)
        read_counts(reading, clause)
        _read_sides(reading, clause)
        _read_relations(reading, clause, previous)
        _read_explicit(reading, clause, previous)
        if RESPONSIVE_RE.search(raw):
            reading.responsive = raw
        if clause.mentions:
            previous = clause.mentions
    _move_last(reading)
    _follow_relations(reading)
    if reading.name and re.fullmatch(r"(?i)(?:the\s+)?(?:site|website|page|lab)", reading.name):
        reading.name = None
    return reading


BOTTOM_RE = re.compile(r"\bat\s+the\s+(?:very\s+)?(?:bottom|end)\b|\b(?:comes?|goes|placed|put)\s+last\b"
                       r"|\bfinally\b|\blast(?:ly)?\s*,|最后|最底部|页面底部", re.I)


def _follow_relations(reading: Reading) -> None:
    """"Put the pricing below the testimonials": the written order follows what was said of
    two content sections, whichever was named first."""
    for entry in reading.relations:
        target, other = entry["target"], entry["other"]
        if target not in reading.order or other not in reading.order or target == other or \
                target in ("nav", "footer") or other in ("nav", "footer"):
            continue
        reading.order.remove(target)
        at = reading.order.index(other)
        reading.order.insert(at + 1 if entry["relation"] == "below" else at, target)


def _move_last(reading: Reading) -> None:
    """A content section said to be at the bottom ("a map at the bottom", "最后是…") comes last
    in the written order, whatever was written after it."""
    for clause in reading.clauses:
        match = BOTTOM_RE.search(clause.text)
        if not match:
            continue
        content = [m for m in clause.mentions if m.kind not in ("nav", "footer")]
        after = [m for m in content if m.start >= match.end() and m.start - match.end() < 40]
        before = [m for m in content if m.end <= match.start()]
        kinds = [m.kind for m in (after[:1] or before[-1:])]
        if kinds and kinds[0] in reading.order:
            reading.order.remove(kinds[0])
            reading.order.append(kinds[0])
            reading.bottom.append(kinds[0])


def _read_explicit(reading: Reading, clause: Clause, previous: list[Mention]) -> None:
    """Quoted texts, enumerations, facts and centring of a clause; a finding whose clause names
    no section belongs to the section of the clause before."""
    fallback = previous[-1].kind if previous else None
    text = clause.text
    for quote in explicit.quotes(text, clause.mentions, reading.name):
        quote.update(kind=quote["kind"] or fallback, source=text)
        if quote["role"] == "text" and quote["kind"] == "hero" and quote["says"]:
            quote["role"] = "banner"  # "横幅是橙色，写着“突破自我”"
        if quote["kind"] and quote["kind"] not in reading.order and quote["role"] != "title":
            reading.order.append(quote["kind"])
        reading.quotes.append(quote)
    lists = explicit.lists(text, clause.mentions)
    for entry in lists:
        if all(explicit.PRICE_RE.fullmatch(i) for i in entry["items"]) and reading.lists and \
                len(reading.lists[-1]["items"]) == len(entry["items"]):
            reading.lists[-1]["prices"] = entry["items"]  # "…, each with a price: $12, $11 and $10"
            continue
        # a Chinese clause ends at a comma, so its section may be named just before it
        continuing = reading.language == "zh" or re.search(r"(?i)\blinks?\b|\bfields?\b", text)
        entry.update(kind=entry["kind"] or (fallback if continuing else None) or "features",
                     source=text)
        if entry["role"] == "sections":
            reading.lists.append(entry)  # "with sections About, Experience and Contact"
            continue
        if len(entry["items"]) > MAX_COUNT:
            raise InputError(f"a list of {len(entry['items'])} items was given; at most {MAX_COUNT} "
                             "fit in one part of a page", hint="name fewer, or split them up")
        if entry["role"] == "items" and entry["kind"] in ("nav", "footer"):
            entry["role"] = "links"  # "…包含首页、菜单和联系我们" after "导航栏为棕色，"
        elif entry["role"] == "items" and entry["kind"] == "contact":
            entry["role"] = "fields"  # "联系表单，包含姓名、邮箱和预约日期"
        elif entry["role"] == "items" and entry["kind"] in ("hero", "about", "map"):
            entry["kind"] = "features"  # "a banner… Then show our programs: A, B and C": cards
            if "features" not in reading.order:
                reading.order.append("features")
        if entry["kind"] not in reading.order:
            reading.order.append(entry["kind"])
        reading.lists.append(entry)
    field_name = explicit.single_field(text)
    if field_name and not any(e["role"] == "fields" and e["source"] == text for e in reading.lists):
        if "contact" not in reading.order:
            reading.order.append("contact")
        reading.lists.append({"items": [field_name], "kind": "contact", "role": "fields",
                              "source": text, "start": 0, "end": 0})
    for fact in explicit.facts(text, clause.mentions):
        fact.update(kind=fact["kind"] or fallback, source=text)
        reading.facts.append(fact)
    for match in CENTRED_RE.finditer(text):
        target = "text" if re.search(r"\btext\b|\bparagraphs?\b|文字|段落", text, re.I) and not \
            re.search(r"heading|title|headline|标题", text, re.I) else "heading"
        owner = explicit._owner(clause.mentions, match.start(), match.end())
        owner = owner if owner not in ("nav", "footer") else None
        reading.centred.append({"target": target, "kind": owner, "source": text})


CENTRED_RE = re.compile(r"\bcent(?:ered|red)\b|\bcent(?:er|re)[\s-]aligned\b|\bin\s+the\s+(?:middle|cent(?:er|re))\b|居中", re.I)


def _nearest(text: str, mentions: list[Mention], start: int, end: int) -> tuple[Mention | None, float]:
    """The section a colour at [start, end) describes: the closest one, not across a comma."""
    best, best_distance = None, None
    for mention in mentions:
        if mention.start >= end:
            between = text[end:mention.start]
            distance = mention.start - end - 0.5  # a colour word usually comes before its noun
        else:
            between = text[mention.end:start]
            distance = max(0, start - mention.end)
        if re.search(r"[,，、]|\band\b|\bwhile\b", between):
            distance += 40
        if best_distance is None or distance < best_distance:
            best, best_distance = mention, distance
    return best, best_distance if best_distance is not None else float("inf")


def _read_colours(reading: Reading, clause: Clause, previous: list[Mention]) -> None:
    text = clause.text
    masked = text
    if reading.name:  # "Blue Note", "Golden Hour Studio": a name is not a colour
        masked = re.sub(re.escape(reading.name), lambda m: " " * len(m.group(0)), text, flags=re.I)
    for start, end, spec in colours.find_colours(masked):
        after = text[end:end + 20].lower()
        before = text[max(0, start - 16):start].lower()
        prop = "text" if re.match(r"(?:色)?\s*(?:colou?red\s+)?(?:text|font|letters|writing|文字|字)",
                                  after) or re.search(r"(?:text|font)\s+(?:is|in|of)?\s*$", before) \
            else "background"
        target: str | None = None
        if re.match(r"\s*(?:\"[^\"]{1,40}\"\s*|“[^”]{1,40}”\s*)?(?:[\w-]+\s+)?buttons?\b|\s*(?:call[\s-]to[\s-]action)"
                    r"|色?的?按钮", after):
            target = "button"
        elif re.search(r"buttons?\s+(?:is|are|in|should\s+be)?\s*$|按钮(?:是|为|用|都是)?\s*$", before):
            target = "button"
        if target is None:
            nearest, distance = _nearest(text, clause.mentions, start, end)
            if re.match(r"\s*(?:(?:for|as)\s+the\s+)?(?:page\s+|site\s+)?(?:colou?red\s+)?background|色?的?背景",
                        after) and distance >= 40:
                target = "page"  # "a cream background and a gallery"
            elif nearest is not None:
                target = nearest.kind
        if target is None:
            if re.search(r"theme|scheme|palette|accent|primary|brand\s+colou?r|主色|主题", text, re.I):
                target = "any"
            elif re.search(r"background|背景", text, re.I):
                target = "page"
            elif re.search(r"\b(?:page|site|website|body)\b|网站|页面", text, re.I):
                target = "any"  # "a blue website": the colour scheme
            elif previous:
                target = previous[-1].kind
            else:
                target = "any"
        if target == "any" and prop == "text":
            prop = "background"
        reading.colours.append({"target": target, "property": prop, "spec": spec, "source": text})


def _read_sides(reading: Reading, clause: Clause) -> None:
    text = clause.text
    sides = list(SIDE_RE.finditer(text))
    if not sides:
        return
    if clause.mentions and all(m.kind in ("nav", "footer") or m.words.lower() == "menu"
                               for m in clause.mentions):
        return  # "a header with the logo on the left and the menu on the right": a bar's layout
    splitter = re.compile(r"\s+(?:and|while|with|whereas)\s+|[,，、]\s*" if len(sides) > 1 else
                          r"\s+(?:and|while|whereas)\s+")
    cuts = [0, *[m.end() for m in splitter.finditer(text)], len(text) + 1]
    for start, end in zip(cuts, cuts[1:]):
        part = text[start:end]
        side_match = SIDE_RE.search(part)
        thing_match = THING_RE.search(part)
        if not side_match or not thing_match:
            continue
        named = [m for m in clause.mentions if m.start < end]
        if named and named[-1].kind == "nav":
            continue  # "a header with the logo on the left": the bar's own layout
        side = (side_match["side"] or ("left" if side_match["zh"] == "左" else "right")).lower()
        thing = "image" if (thing_match["image"] or thing_match["zh_image"]) else "text"
        logo = bool(re.search(r"logo|标志|徽标", part, re.I))
        # the section it belongs to: the last one named before the end of this part
        kinds = [m.kind for m in clause.mentions if m.start < end and m.kind not in ("nav", "footer")]
        reading.sides.append({"thing": thing, "side": side, "logo": logo, "source": text,
                              "kind": kinds[-1] if kinds else None})


def _subject_thing(clause: Clause, reading: Reading) -> str | None:
    for side in reversed(reading.sides):
        if side["source"] == clause.text:
            return "image:logo" if side["logo"] else side["thing"]
    kinds = [m.kind for m in clause.mentions]
    return kinds[0] if kinds else None


def _read_relations(reading: Reading, clause: Clause, previous: list[Mention]) -> None:
    text = clause.text
    if BELOW_START.match(text) and previous:
        subject = _subject_thing(clause, reading)
        other = previous[-1].kind
        if subject and subject != other:
            reading.relations.append({"target": subject, "relation": "below", "other": other,
                                      "source": text})
    for match in RELATIVE_RE.finditer(text):
        following = [m for m in clause.mentions if m.start == match.end()]
        if not following:
            continue
        others = [m.kind for m in clause.mentions if m is not following[0]]
        subject = others[0] if others else None
        if subject and subject != following[0].kind:
            relation = "below" if match["rel"].lower() in ("below", "under", "beneath",
                                                            "underneath") else "above"
            reading.relations.append({"target": subject, "relation": relation,
                                      "other": following[0].kind, "source": text})
    for mention in clause.mentions:
        if mention.kind == "nav" and (re.search(r"\btop[\s-]*$|顶部的?$", text[:mention.start], re.I)
                                      or re.search(r"at\s+the\s+top|位于顶部", text, re.I)):
            reading.relations.append({"target": "nav", "relation": "top", "other": None,
                                      "source": text})
