"""The top of a resume: name, label, contact details, location and profile links -> ``basics``."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .blocks import Line
from .model import Basics, Profile

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)[^\s|,<>\"')]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|me|"
                 r"ai|co|app|page|site|info|edu|xyz)(?:/[^\s|,<>\"')]*)?(?![\w@])", re.I)
PHONE = re.compile(r"(?<![\w@])\+?\(?\+?\d[\d\s().-]{5,}\d(?![\w@])")
SEPARATORS = re.compile(r"\s+[|·•◦⋅/]\s+|\s*[|·•]\s*|\t|\s{3,}")
NETWORKS = {
    "github.com": "GitHub", "gitlab.com": "GitLab", "linkedin.com": "LinkedIn",
    "twitter.com": "Twitter", "x.com": "X", "stackoverflow.com": "Stack Overflow",
    "medium.com": "Medium", "scholar.google.com": "Google Scholar", "orcid.org": "ORCID",
    "researchgate.net": "ResearchGate", "kaggle.com": "Kaggle", "behance.net": "Behance",
    "dribbble.com": "Dribbble", "youtube.com": "YouTube", "instagram.com": "Instagram",
    "facebook.com": "Facebook", "bitbucket.org": "Bitbucket", "soundcloud.com": "SoundCloud",
    "dev.to": "DEV", "huggingface.co": "Hugging Face", "mastodon.social": "Mastodon",
}


def absolute_url(url: str) -> str:
    url = url.strip().rstrip(".")
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
        return url
    return "https://" + url.lstrip("/")


def profile_for(url: str) -> Profile | None:
    """A Profile when ``url`` is on a known network, else None (a personal site)."""
    parts = urlsplit(absolute_url(url))
    host = (parts.hostname or "").lower().removeprefix("www.")
    network = NETWORKS.get(host) or next(
        (name for domain, name in NETWORKS.items() if host.endswith("." + domain)), None)
    if network is None:
        return None
    path = [p for p in parts.path.split("/") if p and p not in ("in", "pub", "u", "user", "users")]
    username = path[-1].lstrip("@") if path and "?" not in path[-1] else ""
    return Profile(network=network, username=username, url=absolute_url(url))


def is_place(text: str) -> bool:
    """"Seoul, S.Korea", "Palo Alto, CA", "Mapo-gu, Seoul, Republic of Korea": short, comma-joined
    capitalised parts; or an address (digits and commas)."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) < 2 or len(text) > 90 or any(not p for p in parts):
        return text.strip().lower() in ("remote", "online", "hybrid")
    if re.search(r"\d", text) and not EMAIL.search(text):
        return bool(re.match(r"\d", text)) or len(parts) >= 3
    return all(len(p.split()) <= 3 and p[:1].isupper() for p in parts)


def _add_link(basics: Basics, url: str) -> None:
    lowered = url.lower()
    if lowered.startswith("mailto:"):
        basics.email = basics.email or url[7:].split("?")[0]
    elif lowered.startswith("tel:"):
        basics.phone = basics.phone or url[4:]
    else:
        profile = profile_for(url)
        if profile is None:
            basics.url = basics.url or absolute_url(url)
        elif not any(p.url.rstrip("/") == profile.url.rstrip("/") for p in basics.profiles):
            basics.profiles.append(profile)


def _take_contacts(part: str, basics: Basics) -> str:
    """Record the email/URL/phone in ``part``; return what is left of it."""
    for pattern, kind in ((EMAIL, "email"), (URL, "url"), (PHONE, "phone")):
        for match in pattern.finditer(part):
            value = match.group(0).strip()
            if kind == "email":
                basics.email = basics.email or value
            elif kind == "url":
                _add_link(basics, value)
            elif sum(ch.isdigit() for ch in value) >= 7:
                basics.phone = basics.phone or value
            else:
                continue
            part = part.replace(match.group(0), " ")
    return " ".join(part.split())


_CONTACT_LABELS = {"email", "e-mail", "mail", "phone", "tel", "mobile", "cell", "website", "web",
                   "homepage", "site", "portfolio", "blog", "address", "location"}


def _is_leftover_noise(text: str, basics: Basics) -> bool:
    """Icon letters left beside contact details ("H", "B"), or usernames already in profiles."""
    if len(text) <= 2 or text.lower().rstrip(":") in _CONTACT_LABELS:
        return True
    return any(text in (p.username, p.network) for p in basics.profiles)


def _header_texts(lines: list[Line], basics: Basics, *, always_split: bool = False) -> list[str]:
    """Take contact details out of the header lines; the rest, in order, as texts."""
    texts: list[str] = []
    for line in lines:
        for url in line.links:
            _add_link(basics, url)
    for line in lines:
        has_contact = always_split or bool(line.links) or any(
            p.search(line.text) for p in (EMAIL, URL, PHONE))
        parts = SEPARATORS.split(line.text) if has_contact or len(line.cells) > 1 else [line.text]
        for part in parts:
            rest = _take_contacts(part, basics) if has_contact else part.strip()
            if rest and not (has_contact and _is_leftover_noise(rest, basics)):
                texts.append(rest)
    return texts


def build_basics(title: str, lines: list[Line]) -> Basics:
    """Basics from the lines above the first section (``title`` is the name when known)."""
    basics = Basics(name=title)
    texts = _header_texts(lines, basics)
    if not basics.name and texts:
        basics.name = texts.pop(0)
    _place_texts(basics, texts)
    return basics


def add_contact(basics: Basics, lines: list[Line]) -> None:
    """A "Contact" section (sidebars have one): its details join the header's."""
    _place_texts(basics, _header_texts(lines, basics, always_split=True))


def _place_texts(basics: Basics, texts: list[str]) -> None:
    details: list[str] = list(basics.extra.get("details", []))
    for text in texts:
        parts = re.split(r"\s+[·|—–]\s+", text)
        places = [p for p in parts if is_place(p)] if len(parts) > 1 else []
        if places and not basics.location.address:  # "Senior Engineer · Berlin, Germany"
            basics.location.address = places[0]
            text = " · ".join(p for p in parts if p != places[0])
        quote = re.fullmatch(r"[\"“”'‘](.+)[\"“”'’]", text)
        if quote:
            basics.extra.setdefault("quote", quote.group(1).strip())
        elif is_place(text) and not basics.location.address:
            basics.location.address = text
        elif not basics.label and not re.search(r"\d{3}", text) and len(text.split()) <= 14:
            basics.label = text
        elif text != basics.name:
            details.append(text)
    if details:
        basics.extra["details"] = details
