"""An instruction's clauses and the site's name in it.

    split_clauses('A site for Lotus Flow. Header in "navy; bold".')  # a quote is never cut
    find_name('A yoga studio website called Lotus Flow')              # -> "Lotus Flow"

The name is what the instruction says the site is called ("called X", "named X", "X's website",
"for my studio, X", a quoted name up front, 名为X), cut where the name plainly ends.
"""

from __future__ import annotations

import re

from . import explicit

ABBREVIATIONS = re.compile(r"\b(Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr|Inc|Co|Ltd)\.")


def split_clauses(text: str) -> list[str]:
    """Sentences and Chinese comma-separated parts; a quoted text is never cut ("Can I cancel?")."""
    text = ABBREVIATIONS.sub(lambda m: m.group(1) + "\x00", text)
    guarded = explicit.QUOTE_RE.sub(lambda m: re.sub(r"[.!?;。！？；，]", lambda c: _GUARD[c.group(0)],
                                                     m.group(0)), text)
    parts = re.split(r"(?<!\b[A-Z])\.(?=\s|[A-Z]|$)|[!?;\n。！？；，]+", guarded)
    return [_unguard(p.strip()).replace("\x00", ".") for p in parts if p and p.strip()]


_GUARD = {c: chr(0xE000 + i) for i, c in enumerate(".!?;。！？；，")}


def _unguard(text: str) -> str:
    for char, stand_in in _GUARD.items():
        text = text.replace(stand_in, char)
    return text


NAME_WORD = r"[A-Z0-9][\w&'’.+-]*"
NAME_RUN = re.compile(rf"{NAME_WORD}(?:\s+(?:(?:of|the|and|&|de|la|le|du|von|van|del)\s+)?{NAME_WORD})*")


def find_name(text: str) -> str | None:
    """The site's name as the instruction gives it, or None."""
    patterns = [
        (r"(?:the\s+)?(?:site|website|company|brand|business|lab|shop|restaurant)?\s*name\s+"
         r"(?:is|should\s+be|will\s+be)\s*:?\s*(?P<n>.+)", False),
        (r"\bname\s*:\s*(?P<n>.+)", False),
        (r"\b(?:called|named|titled|branded)\s+(?P<n>.+)", True),
        (r"(?:名字|名称|名叫|网站名称?|站名)(?:是|为|叫|：|:)\s*(?P<n>.+)", False),
        (r"(?:叫做?|名为|称为)\s*(?P<n>.+)", False),
    ]
    for pattern, capitals in patterns:
        match = re.search(pattern, text, re.I)
        if match:
            name = _clean_name(match["n"], capitals)
            if name:
                return name
    match = re.search(rf"\b(?P<n>(?:{NAME_WORD}\s+){{0,3}}{NAME_WORD})['’]s\s+(?:[\w-]+\s+){{0,2}}?"
                      r"(?:website|site|portfolio|homepage|page|blog|shop|store)", text)
    if match and match["n"].split()[0].lower() not in ("a", "an", "the", "our", "my"):
        return _clean_name(match["n"])
    match = re.search(rf"\b(?:for|of|by)\s+(?:my|our|a|an|the)\s+[a-z\s'’-]{{2,40}}?,\s+(?P<n>[A-Z][\w&'’.+-]*(?:\s+(?:(?:of|the|and|&|de)\s+)?{NAME_WORD})*)",
                      text)
    if match and match["n"].split()[0].lower() not in ("a", "an", "the", "with", "and", "then"):
        return _clean_name(match["n"], True)  # "for my yoga studio, Lotus Flow"
    match = re.search(rf"\b(?:for|of|by)\s+(?:the\s+)?(?:[a-z]+\s+){{0,2}}?(?P<n>[A-Z][\w&'’.+-]*(?:\s+(?:(?:of|the|and|&|de|la|le|du|von|van|del)\s+)?{NAME_WORD})*)",
                      text)
    if match and (not re.fullmatch(r"(?i)research|science|a|an|the|then|below|above|at|in|on|"
                                   r"this|our|my|your|each|every|all", match["n"].split()[0])
                  or (match["n"].startswith("The ") and len(match["n"].split()) > 1)):
        return _clean_name(match["n"], True)
    first = split_clauses(text)[0] if split_clauses(text) else text
    for quote in explicit.quotes(first, []):
        lead = first[:quote["start"]]
        if quote["role"] == "text" and (len(lead) < 4 or re.search(
                r"(?i)\b(?:for|of|by|an?|the)\s+$|(?:site|website|page|homepage)\s*:?\s*$"
                r"|(?:网站|网页|主页|为|给)\s*$", lead)):
            return _clean_name(quote["text"])  # 'A "Sweet Crumbs" bakery site'
    return None


def _clean_name(raw: str, capitals: bool = False) -> str | None:
    raw = raw.strip().strip("“”\"'「」『』 ")
    if capitals and raw[:1].isascii():
        run = NAME_RUN.match(raw)
        if run:
            raw = run.group(0).rstrip(".")
    raw = ABBREVIATIONS.sub(lambda m: m.group(1) + "\x00", raw)
    raw = re.split(r"(?<![A-Z])\.(?=\s|[A-Z]|$)|[,;!?\n。，；！？:：()（）]|[”\"」』]"
                   r"|\s+(?:and|with|that|which|who|where|for|in|on|it|its|whose|featuring)\b"
                   r"|的", raw)[0]
    raw = re.sub(r"\s+(?:website|site|homepage|web\s*page|page)$", "", raw.strip(), flags=re.I)
    words = raw.replace("\x00", ".").split()
    if not words or len(raw) > 60 or len(words) > 8:
        return None
    return " ".join(words)
