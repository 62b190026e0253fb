"""Resume dates: reading the ways people write them, normalising them to the JSON Resume formats.

The schema's dates are ISO 8601 prefixes: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. Resumes write
"Aug 2012", "Aug.2012", "08/2012", "2012.08", "August 10, 2012" or "Present"; ranges join two of
them with a dash, an en dash, "to" or "~". Month names and "present" are read in English, French,
German, Spanish, Portuguese and Italian; a season stands for its first month ("Summer 2012" ->
2012-06, "Summer 2012 and 2013" -> 2012-06 to 2013-06); "Exp. Jun 2017" is an expected end.
``normalize_date`` turns one into the schema's form;
``find_range`` finds a range (or a single date) inside a line of text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_name) if name})
MONTHS["sept"] = 9
# Month names in the other languages resumes are most often written in (full names, then the
# abbreviations that differ from English), in calendar order.
_OTHER_MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
          " janv févr fevrier avr juil aout déc decembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember"
          " jänner maerz mär okt dez",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre"
          " diciembre ene abr ago setiembre dic",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro"
          " dezembro fev marco mai set out dez",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre"
          " dicembre gen mag giu lug ott",
}
_EXTRA_NUMBERS = {"janv": 1, "févr": 2, "fevrier": 2, "avr": 4, "juil": 7, "aout": 8, "déc": 12,
                  "decembre": 12, "jänner": 1, "maerz": 3, "mär": 3, "okt": 10, "dez": 12,
                  "ene": 1, "abr": 4, "ago": 8, "setiembre": 9, "dic": 12, "fev": 2, "marco": 3,
                  "mai": 5, "set": 9, "out": 10, "gen": 1, "mag": 5, "giu": 6, "lug": 7, "ott": 10}
for _names in _OTHER_MONTHS.values():
    _words = _names.split()
    for _number, _name in enumerate(_words[:12], start=1):
        MONTHS.setdefault(_name, _number)
    for _name in _words[12:]:
        MONTHS.setdefault(_name, _EXTRA_NUMBERS[_name])
# Seasons stand for their first month ("Summer 2012" -> 2012-06).
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 1}
MONTHS.update(SEASONS)

_MONTH = "(?:" + "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True)) + ")"
_SEASON = "(?:" + "|".join(SEASONS) + ")"
_YEAR = r"(?:19|20)\d\d"
# One date, most specific forms first.
_DATE = (
    rf"(?:{_YEAR}[-/.](?:1[0-2]|0?[1-9])(?:[-/.](?:3[01]|[12]\d|0?[1-9]))?(?![\d/.-]?\d)"  # 2012-08(-01)
    rf"|(?:1[0-2]|0?[1-9])[/.-]{_YEAR}"  # 08/2012
    rf"|\b{_MONTH}\b\.?\s*(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?\s*)?,?\s*{_YEAR}"  # Aug 2012
    rf"|(?:3[01]|[12]\d|0?[1-9])\s+{_MONTH}\.?\s+{_YEAR}"  # 10 Aug 2012
    rf"|{_YEAR})(?!\d)"
)
PRESENT_WORDS = (r"(?:present|current(?:ly)?|now|today|ongoing|to date|till date|aujourd'hui"
                 r"|auj\.?|en cours|heute|jetzt|actualidad|actual|presente|atual|oggi|in corso)")
_SEP = r"\s*(?:-{1,2}|–|—|­|~|\bto\b|\buntil\b|\btill\b|\bau\b|\bbis\b|\ba\b|\bal\b)\s*"
_EXPECTED = r"(?:(?:exp(?:ected)?|anticipated|prévu)\.?\s*)?"  # "Mar 2016 – Exp. Jun 2017"
RANGE_RE = re.compile(
    rf"(?<![\w/.])(?P<season>{_SEASON})\s+(?P<first>{_YEAR})\s*(?:,|&|\band\b|\bet\b|\bund\b)"
    rf"\s*(?P<second>{_YEAR})(?!\d)"  # "Summer 2012 and 2013"
    rf"|(?<![\w/.])(?P<start>{_DATE}){_SEP}{_EXPECTED}(?P<end>{_DATE}|\b{PRESENT_WORDS}\b)"
    rf"|(?<![\w/.]){_EXPECTED}(?P<single>{_DATE})(?![\w])",
    re.IGNORECASE,
)
_PRESENT_ONLY = re.compile(rf"^\s*{PRESENT_WORDS}\s*$", re.IGNORECASE)


class DateError(ValueError):
    """A date that cannot be read."""


def _valid(year: int, month: int | None = None, day: int | None = None) -> str:
    if not 1000 <= year <= 9999:
        raise DateError(f"year {year} is out of range")
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise DateError(f"month {month} is out of range")
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DateError(f"day {day} is out of range")
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_present(text: str) -> bool:
    return bool(_PRESENT_ONLY.match(text or ""))


def normalize_date(value: object) -> str:
    """One date in the schema's form ("" for empty or "present"); DateError if unreadable."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return _valid(value)
    if hasattr(value, "year") and hasattr(value, "month"):  # date / datetime from YAML
        return _valid(value.year, value.month, getattr(value, "day", None))
    text = " ".join(str(value).replace("\u00ad", "-").split()).strip(" ,;")
    if not text or is_present(text):
        return ""
    iso = re.fullmatch(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:T[\d:.]+Z?)?", text)
    if iso:
        year, month, day = iso.groups()
        return _valid(int(year), int(month) if month else None, int(day) if day else None)
    numeric = re.fullmatch(r"(\d{1,2})[/.-](\d{4})", text)
    if numeric:
        return _valid(int(numeric.group(2)), int(numeric.group(1)))
    return _words_date(text)


def _words_date(text: str) -> str:
    lowered = re.sub(r"^(?:exp(?:ected)?|anticipated|prévu)\.?\s*", "", text.lower())
    tokens = re.sub(r"\bde\b", " ", lowered.replace(",", " ").replace(".", " ")).split()
    month = next((MONTHS[t] for t in tokens if t in MONTHS), None)
    years = [int(t) for t in tokens if re.fullmatch(r"\d{4}", t)]
    days = [int(re.sub(r"(st|nd|rd|th)$", "", t)) for t in tokens
            if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", t)]
    known = sum(1 for t in tokens if t in MONTHS or re.fullmatch(r"\d{1,4}(st|nd|rd|th)?", t))
    if len(years) != 1 or known != len(tokens) or month is None and days:
        raise DateError(f"cannot read the date {text!r}")
    return _valid(years[0], month, days[0] if days and month else None)


@dataclass(frozen=True)
class DateRange:
    start: str  # normalised; "" when unknown
    end: str  # normalised; "" when open ("Present") or a single date
    present: bool  # the range ends with "present"
    span: tuple[int, int]  # where it was found in the text
    text: str  # the matched text


def find_range(text: str) -> DateRange | None:
    """The first date range (or single date) in ``text``, or None."""
    for match in RANGE_RE.finditer(text or ""):
        try:
            if match.group("season"):
                month = SEASONS[match.group("season").lower()]
                start = _valid(int(match.group("first")), month)
                end, present = _valid(int(match.group("second")), month), False
            elif match.group("single"):
                start, end, present = normalize_date(match.group("single")), "", False
            else:
                start = normalize_date(match.group("start"))
                present = is_present(match.group("end"))
                end = "" if present else normalize_date(match.group("end"))
        except DateError:
            continue
        return DateRange(start, end, present, match.span(), match.group(0))
    return None


def find_all_ranges(text: str) -> list[DateRange]:
    found, rest, offset = [], text or "", 0
    while True:
        hit = find_range(rest)
        if hit is None:
            return found
        span = (hit.span[0] + offset, hit.span[1] + offset)
        found.append(DateRange(hit.start, hit.end, hit.present, span, hit.text))
        offset += hit.span[1]
        rest = rest[hit.span[1]:]


def is_date_text(text: str) -> bool:
    """True when ``text`` is nothing but dates (and separators): a date column of a resume."""
    ranges = find_all_ranges(text)
    if not ranges:
        return is_present(text)
    rest = text
    for item in reversed(ranges):
        rest = rest[:item.span[0]] + rest[item.span[1]:]
    return len(re.sub(r"(?:[\s,;|·&]|\band\b)+", "", rest, flags=re.I)) <= 1


def display_date(value: str, style: str = "short") -> str:
    """"2012-08-01" -> "Aug 2012" (short) / "August 2012" (long); "2012" stays "2012"."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?", value or "")
    if not match:
        return value or ""
    year, month = match.groups()
    if not month:
        return year
    names = calendar.month_abbr if style == "short" else calendar.month_name
    return f"{names[int(month)]} {year}"


def date_spellings(value: str) -> list[str]:
    """Ways a page may show a normalised date (the coverage check accepts any of them)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if not match:
        return [value] if value else []
    year, month, _day = match.groups()
    if not month:
        return [year]
    number = int(month)
    return [display_date(value, "short"), display_date(value, "long"), f"{year}-{month}",
            f"{month}/{year}", f"{number}/{year}", f"{year}.{month}", f"{year}/{month}",
            f"{calendar.month_abbr[number]}. {year}"]
