"""Reading an edit instruction into operations on a page, clause by clause.

    read_edits('make the footer dark green and add a FAQ with three questions')
    -> [Operation(action="recolour", target="footer", colour=<dark green>),
        Operation(action="add", kind="faq", count=3)]

A compound instruction is cut where a new request starts: at ". ; ," or "and"/"then" followed by
an edit verb, and at Chinese clause marks. Each clause must be understood whole: a clause that
asks for something this reader does not know raises ``UnsupportedEdit`` (an input error, exit 2),
so nothing is changed on a guess. Section names come from the instruction reader
(instruct.parse.SECTION_RE) plus the FAQ, which it does not name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from ..instruct import colours
from ..instruct.counts import NUMBERS, ZH_NUMBERS
from ..instruct.parse import SECTION_RE, check_text

VERBS = (r"make|turn|colou?r|recolou?r|paint|set|change|rename|replace|retitle|add|insert|append|"
         r"include|put|place|move|remove|delete|drop|hide|get\s+rid\s+of|swap|give|use")

# kinds the instruction reader does not name, checked first
EXTRA_KINDS: dict[str, re.Pattern] = {
    "faq": re.compile(r"\bfaqs?\b|frequently\s+asked\s+questions|\bq\s*&\s*a\b|常见问题|问答", re.I),
    "title": re.compile(r"\b(?:page\s+)?(?:title|main\s+heading|headline|heading)\b|标题", re.I),
    "button": re.compile(r"\bbuttons?\b|按钮", re.I),
    "page": re.compile(r"\b(?:page|site|website|body)\s+background\b|^\s*(?:the\s+)?background\b|"
                       r"\bbackground\s+of\s+the\s+(?:page|site|website)\b|页面背景|网页背景|背景", re.I),
}
# a quoted text: "…", “…”, 「…」, or '…' where the apostrophes are not inside words (Sam's)
QUOTED = re.compile(r"(?:(?<!\w)'|[\"“”„「『])([^\"“”„「」『』]{1,200}?)(?:'(?!\w)|[\"“”」』])")
COUNT = re.compile(rf"\b(?P<num>\d{{1,2}}|{'|'.join(sorted(NUMBERS, key=len, reverse=True))})\s+"
                   r"(?:[a-z-]+\s+)?(?P<noun>questions?|quotes?|testimonials?|reviews?|cards?|items?|"
                   r"features?|pictures?|photos?|images?|plans?|tiers?|fields?|links?)\b", re.I)
ZH_COUNT = re.compile(r"(?P<num>\d{1,2}|[一二两三四五六七八九十])\s*[个张条项位款]")
MAX_ITEMS = 12


class UnsupportedEdit(InputError):
    """An edit request the built-in editor does not understand (exit 2, nothing changed)."""


@dataclass
class Operation:
    """One change to make. ``action``: recolour, text, add, remove, move.

    target: where (a section kind like "footer", "title", "button", "page", or heading words);
    kind: what to add (faq, testimonials, contact, features, footer, button, paragraph, link, ...);
    text: a quoted text (new title, button label, paragraph), ``old``: the text it replaces;
    items: named items ("sourdough", "rye"); count: how many items; colour: the ColourSpec;
    prop: "background" or "text"; relation/other: placement ("above"/"below"/"top"/"bottom",
    and the region it is relative to).
    """

    action: str
    clause: str
    target: str | None = None
    kind: str | None = None
    text: str | None = None
    old: str | None = None
    items: list[str] = field(default_factory=list)
    count: int | None = None
    colour: colours.ColourSpec | None = None
    prop: str = "background"
    relation: str | None = None
    other: str | None = None

    def describe(self) -> str:
        """One short line for the report and the terminal."""
        target, other = _label(self.target), _label(self.other)
        where = f" {self.relation} {other}" if self.relation and self.other else \
            f" {'to' if self.action == 'move' else 'at'} the {self.relation}" if self.relation else ""
        if self.action == "recolour":
            what = "text" if self.prop == "text" else "background"
            return f"{target} {what} -> {self.colour.said if self.colour else '?'}"
        if self.action == "text":
            old = f'"{self.old}"' if self.old else f"the {target}"
            return f'{old} -> "{self.text}"'
        if self.action == "add":
            bits = [f"{self.count}" if self.count else "", self.kind or "",
                    f'"{self.text}"' if self.text else "",
                    f"({', '.join(self.items)})" if self.items else "",
                    f"in the {target}" if self.target else ""]
            return "add " + " ".join(b for b in bits if b) + where
        if self.action == "remove":
            return f'remove "{self.text}"' if self.text else f"remove the {target}"
        return f"move {'the ' if not target.startswith(chr(34)) else ''}{target}{where}"

    def __post_init__(self) -> None:
        self.clause = self.clause.strip()


def _label(target: str | None) -> str:
    """ "heading:Awards" -> '"Awards" section', "text:Rye" -> '"Rye"'."""
    if target is None:
        return ""
    if target.startswith("heading:"):
        return f'"{target.split(":", 1)[1]}" section'
    if target.startswith("text:"):
        return f'"{target.split(":", 1)[1]}"'
    return {"nav": "header", "faq": "FAQ", "page": "page"}.get(target, target)


def split_requests(text: str) -> list[str]:
    """Cut a compound instruction into one clause per request (quoted texts are never cut)."""
    quotes: list[str] = []

    def hide(match: re.Match) -> str:
        quotes.append(match.group(0))
        return f"\x00{len(quotes) - 1}\x00"

    masked = QUOTED.sub(hide, text)
    parts = re.split(r"[.;!?\n。；！？]+\s*", masked)
    clauses: list[str] = []
    for part in parts:
        pieces = re.split(rf"(?:,\s*|\s+)(?:and\s+|then\s+|and\s+then\s+|also\s+)?(?=(?:please\s+)?"
                          rf"(?:{VERBS})\b)", part, flags=re.I)
        for piece in _by_colour(pieces):
            for zh in re.split(r"，\s*(?:并且|然后|再|并)?|并且|然后|并(?=添加|增加|加上|删除|去掉|把|将|移)",
                               piece):
                zh = re.sub(r"\x00(\d+)\x00", lambda m: quotes[int(m.group(1))], zh).strip()
                zh = re.sub(r"^(?:(?:and|then|also|finally)\b[\s,]*)+", "", zh, flags=re.I).strip()
                if zh and re.search(r"[^\W\d_]", zh):
                    clauses.append(zh)
    return clauses


def _by_colour(pieces: list[str]) -> list[str]:
    """ "the footer dark green and the header navy": one clause per colour."""
    out: list[str] = []
    for piece in pieces:
        if len(colours.find_colours(piece)) > 1:
            out.extend(p for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+(?=the\b)", piece) if p)
        else:
            out.append(piece)
    return out


def read_edits(text: str) -> list[Operation]:
    """Every operation the instruction asks for, in order (UnsupportedEdit on any unknown clause)."""
    text = check_text(text)
    operations = [op for clause in split_requests(text) for op in _read_clause(clause)]
    if not operations:
        raise UnsupportedEdit("the instruction asks for no change")
    return operations


def _read_clause(clause: str) -> list[Operation]:
    for reader in (_read_move, _read_remove, _read_text_change, _read_add, _read_recolour):
        operation = reader(clause)
        if operation is not None:
            return operation if isinstance(operation, list) else [operation]
    raise UnsupportedEdit(f'cannot apply "{clause}" with the built-in editor',
                          hint="ask to recolour, change or add text, add, remove or move a section, "
                               "or use a model backend (--backend openai)")


# -- what a clause talks about ------------------------------------------------------------------

def region_of(words: str) -> str | None:
    """The section kind (or title/button/page) that ``words`` name, or None. A FAQ or a button
    wins; then a section ("the footer background" is the footer's); the title and the page
    background only when no section is named ("the title of the about section" is its heading)."""
    for kind in ("faq", "button"):
        if EXTRA_KINDS[kind].search(words):
            return kind
    best: tuple[int, str] | None = None
    for kind, pattern in SECTION_RE.items():
        match = pattern.search(words)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), kind)
    if best is not None:
        return best[1]
    for kind in ("title", "page"):
        if EXTRA_KINDS[kind].search(words):
            return kind
    return None


def _named(words: str) -> str | None:
    """A section named by kind, else by its heading words ("the awards section" -> "awards")."""
    words = words.strip().strip("\"“”'")
    kind = region_of(words)
    if kind is not None:
        return kind
    match = re.match(r"^(?:the\s+|our\s+|my\s+)?(?P<w>[\w' -]{2,40}?)(?:\s+(?:section|area|block|part))?$",
                     words, re.I)
    return f"heading:{match['w'].strip()}" if match else None


def _placement(clause: str) -> tuple[str | None, str | None]:
    match = re.search(r"\b(?P<rel>above|below|under|beneath|before|after)\s+(?P<o>.+)$", clause, re.I)
    if match:
        quoted = QUOTED.fullmatch(match["o"].strip())
        other = f"text:{quoted.group(1)}" if quoted else \
            _named(re.split(r"\s+(?:with|and)\s+", match["o"])[0])
        relation = "above" if match["rel"].lower() in ("above", "before") else "below"
        return relation, other
    if re.search(r"\b(?:at|to)\s+the\s+(?:very\s+)?top\b|\bfirst\b|顶部|最上", clause, re.I):
        return "top", None
    if re.search(r"\b(?:at|to)\s+the\s+(?:very\s+)?(?:bottom|end)\b|\blast\b|底部|最后", clause, re.I):
        return "bottom", None
    match = re.search(r"(?:在|到)(?P<o>.+?)(?P<rel>上方|上面|之上|前面|下方|下面|之下|后面)", clause)
    if match:
        return ("above" if match["rel"] in ("上方", "上面", "之上", "前面") else "below"), _named(match["o"])
    return None, None


def _count(clause: str) -> int | None:
    match = COUNT.search(clause)
    value = None
    if match:
        num = match["num"].lower()
        value = int(num) if num.isdigit() else NUMBERS.get(num)
    else:
        found = list(ZH_COUNT.finditer(clause))  # "添加一个包含三个问题": the last count counts
        zh = found[-1] if found else None
        if zh:
            value = int(zh["num"]) if zh["num"].isdigit() else ZH_NUMBERS.get(zh["num"])
    if value is not None and not 1 <= value <= MAX_ITEMS:
        raise UnsupportedEdit(f'"{clause}" asks for {value} items; 1 to {MAX_ITEMS} are possible')
    return value


def _enumeration(text: str) -> list[str]:
    """ "sourdough, baguette and rye" -> three names (quoted strings win when there are any)."""
    quoted = QUOTED.findall(text)
    if quoted:
        return [q.strip() for q in quoted if q.strip()]
    parts = re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|、|和|与", text.strip())
    return [p.strip(" .") for p in parts if p.strip(" .")]


# -- the readers, most specific first ----------------------------------------------------------

def _read_move(clause: str) -> Operation | None:
    match = re.match(r"^\s*(?:please\s+)?(?:move|put|place|swap)\s+(?P<what>.+?)\s+(?:to\s+)?(?=\b(?:above|"
                     r"below|under|beneath|before|after|at\s+the|to\s+the)\b)", clause, re.I)
    zh = re.match(r"^(?:请)?(?:把|将)(?P<what>.+?)(?:移|放|挪)(?:动|到|至)", clause)
    if not (match or zh):
        return None
    what = (match or zh)["what"]
    quoted = QUOTED.fullmatch(what.strip())
    target = f"text:{quoted.group(1)}" if quoted else _named(what)
    relation, other = _placement(clause)
    if target is None or relation is None:
        return None
    return Operation("move", clause, target=target, relation=relation, other=other)


def _read_remove(clause: str) -> Operation | None:
    match = re.match(r"^\s*(?:please\s+)?(?:remove|delete|drop|hide|get\s+rid\s+of)\s+(?P<what>.+)$",
                     clause, re.I)
    zh = re.match(r"^(?:请)?(?:删除|删掉|去掉|移除)(?P<what>.+)$", clause)
    if not (match or zh):
        return None
    what = (match or zh)["what"].strip()
    quoted = QUOTED.search(what)
    if quoted:
        return Operation("remove", clause, text=quoted.group(1).strip())
    target = _named(re.sub(r"^(?:the|a|an|all)\s+", "", what, flags=re.I))
    return Operation("remove", clause, target=target) if target else None


def _read_text_change(clause: str) -> Operation | None:
    quoted = QUOTED.findall(clause)
    if not quoted:
        return None
    replace = re.match(r"^\s*(?:please\s+)?(?:replace|change|swap)\s+[\"“'「]", clause, re.I)
    if replace and len(quoted) >= 2:  # replace "A" with "B", change "A" to "B"
        return Operation("text", clause, old=quoted[0].strip(), text=quoted[1].strip())
    match = re.match(r"^\s*(?:please\s+)?(?:change|set|rename|retitle|make)\s+(?P<what>.+?)\s+"
                     r"(?:to|into|as|so\s+it\s+says|to\s+say|to\s+read)\s+[\"“'「]", clause, re.I)
    zh = re.match(r"^(?:请)?(?:把|将)(?P<what>.+?)(?:改为|改成|修改为|更改为|换成)", clause)
    if not (match or zh):
        return None
    what = (match or zh)["what"]
    target = "brand" if re.search(r"\b(?:site|website|brand|company)(?:'s)?\s+name\b|\bname\b|网站名", what,
                                  re.I) else _named(re.sub(r"^(?:the|a)\s+", "", what, flags=re.I))
    if target is None:
        return None
    return Operation("text", clause, target=target, text=quoted[-1].strip())


ADDABLE: list[tuple[str, re.Pattern]] = [
    ("faq", EXTRA_KINDS["faq"]),
    ("button", re.compile(r"\bbutton\b|按钮", re.I)),
    ("link", re.compile(r"\blinks?\b|链接", re.I)),
    ("question", re.compile(r"\bquestions?\b|问题", re.I)),
    ("paragraph", re.compile(r"\b(?:paragraph|text|sentence|tagline|line|note)\b|文字|段落", re.I)),
    ("contact", re.compile(r"\bcontact\b|\bform\b|联系|表单", re.I)),
    ("testimonials", re.compile(r"\btestimonials?\b|\breviews?\b|\bquotes?\b|评价", re.I)),
    ("pricing", re.compile(r"\bpricing\b|\bplans?\b|\btiers?\b|价格|套餐", re.I)),
    ("gallery", re.compile(r"\bgallery\b|\bpictures\b|\bphotos\b|\bimages\b|图片|照片|相册", re.I)),
    ("features", re.compile(r"\bcards?\b|\bfeatures?\b|\bservices\b|\bitems?\b|卡片", re.I)),
    ("footer", re.compile(r"\bfooter\b|页脚", re.I)),
    ("about", re.compile(r"\babout\b|简介|关于", re.I)),
]


def _read_add(clause: str) -> Operation | None:
    match = re.match(r"^\s*(?:please\s+)?(?:add|insert|append|include|put|place|give\s+\w+)\s+(?P<what>.+)$",
                     clause, re.I)
    zh = re.match(r"^(?:请)?(?:在(?P<where>[^，,]+?)(?:里|中|内|上|下方|里面)?)?(?:添加|增加|加上|加入|加)"
                  r"(?P<what>.+)$", clause)
    if not (match or zh):
        return None
    what = (match or zh)["what"]
    head = re.split(r"\s+(?:with|in|to|into|on|inside|above|below|under|before|after|at|for|that|"
                    r"called|named|saying|about|of|listing|showing)\b|[\"“「]", what, maxsplit=1)[0]
    kind = next((k for k, pattern in ADDABLE if pattern.search(head)), None)
    if kind is None and zh:
        kind = next((k for k, pattern in ADDABLE if pattern.search(what)), None)
    if kind is None:
        return None
    operation = Operation("add", clause, kind=kind, count=_count(what))
    quoted = [q.strip() for q in QUOTED.findall(what) if q.strip()]
    if kind in ("button", "paragraph", "link", "question") and quoted:
        operation.text = quoted[0]
        operation.items = quoted[1:]
    elif quoted:
        operation.items = quoted
    else:
        listing = re.search(r"\b(?:for|with|listing|showing|called|named|of)\s+(?:the\s+)?(?:questions?|"
                            r"items?|cards?|links?|plans?|fields?)?\s*:?\s*(?P<l>[^\"“]+)$", what, re.I)
        if listing and (re.search(r",|\band\b", listing["l"]) and not COUNT.search(listing["l"])):
            listed = re.split(r"\s+(?:above|below|under|beneath|before|after|at\s+the|to\s+the|in\s+the)\b",
                              listing["l"], flags=re.I)[0]
            operation.items = _enumeration(re.sub(r"^(?:our|the)\s+", "", listed, flags=re.I))
    if operation.items and operation.count and operation.count != len(operation.items):
        raise UnsupportedEdit(f'"{clause}" asks for {operation.count} items but names {len(operation.items)}')
    into = re.search(r"\b(?:in|to|into|inside|on)\s+(?:the\s+)?(?P<t>[\w' -]+?)(?=\s+(?:above|below|"
                     r"under|before|after|at)\b|$)", re.sub(QUOTED, "", what), re.I)
    if kind in ("button", "paragraph", "link", "question") and into:
        operation.target = _named(into["t"])
    elif kind in ("features", "testimonials", "pricing", "gallery") and into and \
            re.search(r"\b(?:to|into)\s+(?:the\s+)?", what):
        operation.target = _named(into["t"])  # "add a card "Rye" to the breads": into a list
    elif zh and zh["where"] and kind in ("button", "paragraph", "link", "question"):
        operation.target = _named(zh["where"])  # "在页脚添加文字“…”"
    elif zh and kind in ("features", "testimonials", "pricing", "gallery") and zh["where"] and \
            region_of(zh["where"]) == kind:
        operation.target = kind  # "在卡片里添加“黑麦面包”": into the existing list
    operation.relation, operation.other = _placement(re.sub(QUOTED, "", what))
    return operation


def _read_recolour(clause: str) -> list[Operation] | None:
    # "make the background cream": a colour word at the end is a colour (the " colour" added is
    # the context the colour reader asks of words like cream, rose or sky)
    found = [f for f in colours.find_colours(clause + " colour") if f[1] <= len(clause)]
    if not found:
        return None
    words = clause
    for start, end, _ in found:
        words = words[:start] + " " * (end - start) + words[end:]
    words = re.sub(rf"^\s*(?:please\s+)?(?:{VERBS})\b", lambda m: " " * len(m.group(0)), words, flags=re.I)
    words = re.sub(r"^(?:请)?[把将]", lambda m: " " * len(m.group(0)), words)
    target = region_of(words)
    if target is None:
        named = re.match(r"^\s*(?:the\s+)?(?P<w>[\w' -]+?)(?:\s+(?:section|background|text))*\s+"
                         r"(?:to\s+|into\s+|in\s+|be\s+|is\s+)?$", words[:found[0][0]], re.I)
        target = f"heading:{named['w'].strip()}" if named and named["w"].strip() else None
    if target is None:
        return None
    operations = []
    for start, end, spec in found:
        prop = _colour_property(clause, start, end, whole=len(found) == 1)
        if target == "title":
            prop = "text"  # a heading is coloured by its letters
        operations.append(Operation("recolour", clause, target=target, colour=spec, prop=prop))
    return operations


def _colour_property(clause: str, start: int, end: int, whole: bool) -> str:
    """ "white text", "text in white", "文字为白色" -> text; else the background. With one colour
    in the clause, any word for text anywhere decides ("make the footer text white")."""
    after, before = clause[end:end + 16], clause[max(0, start - 16):start]
    near = re.match(r"\s*(?:colou?red\s+)?(?:text|font|letters|writing|lettering)\b|的?(?:文字|字体)", after, re.I) \
        or re.search(r"(?:text|font|letters|文字|字体)\s*(?:in|of|is|colou?r|为|是|用)?\s*$", before, re.I)
    if near:
        return "text"
    if whole and re.search(r"\b(?:text|font|letters|writing|words)\b|文字|字体", clause, re.I):
        return "text"
    return "background"
