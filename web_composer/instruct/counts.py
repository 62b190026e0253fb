"""Counts in an instruction: how many cards, pictures, rows or columns a section is asked for.

    read_counts(reading, clause)   # appends to reading.counts and reading.columns

A count is a number (digits, English or Chinese number words, or a vague "several") before a
noun that says what is counted ("three pricing tiers", "a team of five", "六张图片", "4 per
row"); the noun decides the section, unless the clause named a section just before it ("a
pricing section with three cards"). Numbers above MAX_COUNT are refused: they do not fit a page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from .parse import Clause, Reading

MAX_COUNT = 24

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2,
           "a pair of": 2, "a dozen": 12, "double": 2, "single": 1}
VAGUE = {"several": 3, "multiple": 2, "a few": 2, "few": 2, "some": 2, "many": 4,
         "a number of": 3, "various": 3, "几": 3, "多": 2, "若干": 3}
ZH_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}
# counted noun -> (section kind, what is counted)
COUNT_NOUNS: list[tuple[str, str, str]] = [
    (r"columns?|cols", "", "columns"),
    (r"pricing\s+(?:tiers|plans|cards|options)|tiers|plans|packages|price\s+levels", "pricing",
     "cards"),
    (r"team\s+members|members|people|speakers|chefs|bakers|photographers|profiles|staff\s+cards|"
     r"instructors|teachers|doctors|coaches|trainers|performers|artists|lawyers|"
     r"team|staff", "team", "cards"),
    (r"testimonials|reviews|quotes|customer\s+quotes|customers|clients", "testimonials", "cards"),
    (r"questions|faqs|answers", "faq", "cards"),
    (r"rows|entries|lines", "table", "rows"),
    (r"images|photos|photographs|pictures|projects|works|shots|thumbnails", "gallery", "images"),
    (r"cards|features|services|benefits|products|dishes|items|boxes|sessions|talks|courses|"
     r"breads|cakes|events|workshops|lectures|classes|treatments|rooms|tours|offers|steps",
     "features", "cards"),
]
ZH_COUNT_NOUNS = [("列|栏", "", "columns"), ("套餐|价格方案|方案", "pricing", "cards"),
                  ("成员|讲者|嘉宾", "team", "cards"), ("评价", "testimonials", "cards"), ("问题|问答", "faq", "cards"),
                  ("图片|照片|作品|项目", "gallery", "images"), ("卡片|服务|产品|菜品|功能|演讲|讲座|课程|活动|面包", "features", "cards")]
_NUM_WORDS = "|".join(sorted((*NUMBERS, *[v for v in VAGUE if v.isascii()]), key=len, reverse=True))
COUNT_RE = re.compile(
    rf"\b(?P<num>\d{{1,4}}|{_NUM_WORDS})[\s-]+(?:[a-z'’-]+\s+){{0,2}}?"
    rf"(?P<noun>{'|'.join(f'(?:{n})' for n, _, _ in COUNT_NOUNS)})\b", re.I)
OF_COUNT_RE = re.compile(rf"\b(?P<noun>team|staff)\s+of\s+(?P<num>\d{{1,4}}|{_NUM_WORDS})\b(?!\s+\w+s\b)",
                         re.I)
ZH_COUNT_RE = re.compile(
    rf"(?P<num>\d{{1,4}}|[一二两三四五六七八九十几多]|若干)\s*[个张幅列栏款位条种项份]?"
    rf"(?:(?![一二两三四五六七八九十几多\d])[\u4e00-\u9fff]){{0,3}}?(?P<noun>{'|'.join(n for n, _, _ in ZH_COUNT_NOUNS)})")


def _count_value(num: str) -> tuple[int, bool]:
    num = num.lower()
    if num.isdigit():
        return int(num), False
    if num in NUMBERS:
        return NUMBERS[num], False
    if num in ZH_NUMBERS:
        return ZH_NUMBERS[num], False
    return VAGUE[num], True


def read_counts(reading: Reading, clause: Clause) -> None:
    """The clause's counts ("three pricing tiers", "a team of five", "4 per row") into
    ``reading.counts`` and ``reading.columns``."""
    text = clause.text
    hits = [(m, COUNT_NOUNS) for m in COUNT_RE.finditer(text)]
    hits += [(m, COUNT_NOUNS) for m in OF_COUNT_RE.finditer(text)]
    hits += [(m, ZH_COUNT_NOUNS) for m in ZH_COUNT_RE.finditer(text)]
    hits += [(m, [("行", "table", "rows")]) for m in ZH_ROWS_RE.finditer(text)]
    for match in PER_ROW_RE.finditer(text):  # "4 per row": columns of the section named before
        scope = [m.kind for m in clause.mentions if m.end <= match.start() and m.kind not in
                 ("nav", "footer")]
        reading.columns.append({"kind": scope[-1] if scope else None,
                                "value": _count_value(match["num"] or match["zh"])[0], "source": text})
    if not hits:
        _read_loose_count(reading, clause)
    for match, nouns in hits:
        value, at_least = _count_value(match["num"])
        kind, what = next((k, w) for n, k, w in nouns if re.fullmatch(n, match["noun"], re.I))
        if value < 1:
            continue
        if value > MAX_COUNT:
            raise InputError(f'"{match.group(0)}" asks for {value}; at most {MAX_COUNT} fit on a page')
        if what == "columns":
            scope = _columns_scope(clause, match)
            reading.columns.append({"kind": scope, "value": value, "source": text})
            continue
        if kind in ("features", "table") and what != "columns" and \
                any(m.kind == "table" for m in clause.mentions):
            kind, what = "table", "rows"  # "a schedule table with four talks"
        scoped = [m for m in clause.mentions if m.end <= match.start()
                  and m.kind in ("pricing", "team", "testimonials", "gallery", "faq")]
        if re.fullmatch(r"(?i)cards|items|boxes|questions", match["noun"]) and scoped and kind != "table":
            kind = scoped[-1].kind  # "a pricing section with three cards"
            what = "images" if kind == "gallery" else "cards"
        if kind not in reading.order:
            reading.order.append(kind)
            reading.words[kind] = match["noun"]
        subject = _subject_after(text[match.end():]) if kind == "gallery" else None
        if subject:
            reading.subjects.setdefault(kind, subject)
        reading.counts.append({"kind": kind, "what": what, "value": value, "at_least": at_least,
                               "source": text, "noun": match["noun"].lower()})


ZH_ROWS_RE = re.compile(r"(?P<num>\d{1,2}|[一二两三四五六七八九十])\s*(?P<noun>行)(?![业程李动政驶星人为走])")
PER_ROW_RE = re.compile(rf"\b(?P<num>\d{{1,2}}|{_NUM_WORDS})\s+(?:per|a|in\s+(?:a|each)|on\s+each)\s+row\b"
                        r"|每行\s*(?P<zh>[一二两三四五六\d])", re.I)
LOOSE_COUNT_RE = re.compile(rf"\b(?P<num>\d{{1,2}}|{_NUM_WORDS})\s+(?:[a-z'’-]+\s+)?(?P<noun>[a-z]{{3,}}s)\b",
                            re.I)


def _read_loose_count(reading: Reading, clause: Clause) -> None:
    """"a menu of five teas": a number before any plural counts the items of the one section the
    clause names before it."""
    for match in LOOSE_COUNT_RE.finditer(clause.text):
        before = [m for m in clause.mentions if m.end <= match.start()
                  and m.kind in ("features", "gallery", "team", "testimonials", "pricing", "faq")]
        if len(before) != 1 or match["noun"].lower() in ("years", "days", "hours", "minutes"):
            continue
        value, at_least = _count_value(match["num"])
        kind = before[0].kind
        if 1 <= value <= MAX_COUNT:
            reading.counts.append({"kind": kind, "what": "images" if kind == "gallery" else "cards",
                                   "value": value, "at_least": at_least, "source": clause.text,
                                   "noun": match["noun"].lower()})
            return


def _columns_scope(clause: Clause, match: re.Match) -> str | None:
    others = [m for m in clause.mentions if m.kind not in ("nav", "footer")
              and not (m.start >= match.start() and m.end <= match.end())]
    adjective = not match.group(0).lower().endswith("s")  # "a two-column about section"
    after = [m for m in others if adjective and 0 <= m.start - match.end() <= 3]
    before = [m for m in others if m.end <= match.start()]
    if after:
        return after[0].kind
    return before[-1].kind if before else (others[0].kind if others else None)


def _subject_after(rest: str) -> str | None:
    match = re.match(r"\s*(?:that\s+|which\s+)?(?:to\s+show(?:case)?|showing|show|of|from|for|about|"
                     r"displaying|featuring|presenting|highlighting)\s+(?:the\s+|our\s+|its\s+|their\s+|"
                     r"his\s+|her\s+|some\s+)?(?P<s>[\w'’ -]{3,40}?)(?=\s+(?:of|at|by|from|in|for|"
                     r"with|and)\b|[.,;:!?]|$)", rest, re.I)
    if not match:
        return None
    subject = match["s"].strip()
    return subject if subject and subject.lower() not in ("them", "it", "this", "that") else None
