"""The built-in resume themes: jinja2 templates (autoescaped) + shared CSS and JavaScript.

    from web_composer.resume.themes import THEMES, render_site
    html = render_site(resume, "sidebar", photo="assets/photo.jpg")

Each theme is ``templates/NAME.html.j2`` (layout, extending ``base.html.j2`` and using
``macros.html.j2``) plus ``static/NAME.css`` on top of ``static/base.css``; ``static/site.js`` is
shared. The page is one self-contained HTML file: CSS and JS inline, no external requests, a
Content-Security-Policy that allows only the page's own script (by hash), the photo from assets/.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ...errors import InputError
from ..model import Resume
from ..safety import safe_url
from .view import COMPACT, Link, display_url, make_link, sections

THEMES: dict[str, str] = {
    "classic": "one centred column, serif type on warm paper, sticky menu bar",
    "sidebar": "dark navy side column with photo, contact and menu; content beside it",
    "timeline": "violet colour band, entries on a vertical timeline, skills as chip cards",
}
DEFAULT_THEME = "classic"


def check_theme(name: str | None) -> str:
    name = (name or DEFAULT_THEME).strip().lower()
    if name not in THEMES:
        raise InputError(f"unknown theme {name!r}", hint=f"choose one of: {', '.join(THEMES)}")
    return name


@lru_cache(maxsize=None)
def _static(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False, lstrip_blocks=False)
    env.globals["compact"] = COMPACT
    return env


@dataclass
class Profile:
    network: str
    text: str
    href: str | None


@dataclass
class Person:
    name: str
    label: str = ""
    photo: str | None = None
    email: str = ""
    email_href: str = ""
    phone: str = ""
    phone_href: str = ""
    website: Link | None = None
    website_text: str = ""
    location: str = ""
    profiles: list[Profile] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    quote: str = ""
    details: list[tuple[str, str]] = field(default_factory=list)


def _person(resume: Resume, photo: str | None) -> Person:
    from .view import label_of, paragraphs, texts

    b = resume.basics
    loc = b.location
    person = Person(name=b.name or "Resume", label=b.label, photo=photo, email=b.email,
                    phone=b.phone, website=make_link(b.url), summary=paragraphs(b.summary))
    person.email_href = safe_url(f"mailto:{b.email}") or "" if b.email else ""
    digits = "".join(ch for ch in b.phone if ch.isdigit() or ch == "+")
    person.phone_href = f"tel:{digits}" if len(digits) >= 5 else ""
    person.website_text = b.url if b.url and person.website is None else ""
    person.location = ", ".join(p for p in (loc.address, loc.city, loc.region, loc.postalCode,
                                            loc.countryCode) if p)
    for p in b.profiles:
        href = safe_url(p.url)
        text = p.username or (display_url(p.url) if p.url else p.network)
        person.profiles.append(Profile(p.network or "Profile", text, href))
    extra = dict(b.extra)
    person.quote = str(extra.pop("quote", "") or "")
    person.details = [(label_of(k), "; ".join(texts(v))) for k, v in extra.items() if texts(v)]
    person.details += [(label_of(k), "; ".join(texts(v))) for k, v in loc.extra.items() if texts(v)]
    return person


def json_ld(resume: Resume) -> str:
    """schema.org Person, safe to put inside <script> (no "<", ">" or "&" left unescaped)."""
    b = resume.basics
    loc = b.location
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person", "name": b.name}
    optional = {"jobTitle": b.label, "email": b.email, "telephone": b.phone,
                "url": safe_url(b.url) or "", "description": b.summary[:500]}
    data.update({k: v for k, v in optional.items() if v})
    address = {"@type": "PostalAddress", "streetAddress": loc.address,
               "addressLocality": loc.city, "addressRegion": loc.region,
               "postalCode": loc.postalCode, "addressCountry": loc.countryCode}
    if any(v for k, v in address.items() if k != "@type"):
        data["address"] = {k: v for k, v in address.items() if v}
    same_as = [u for u in (safe_url(p.url) for p in b.profiles) if u and u.startswith("http")]
    if same_as:
        data["sameAs"] = same_as
    schools = [{"@type": "EducationalOrganization", "name": e.institution}
               for e in resume.education if e.institution]
    if schools:
        data["alumniOf"] = schools
    skills = [s.name for s in resume.skills if s.name] + [k for s in resume.skills
                                                          for k in s.keywords]
    if skills:
        data["knowsAbout"] = list(dict.fromkeys(skills))[:30]
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _csp(js: str) -> str:
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; img-src 'self' data: file:; style-src 'unsafe-inline'; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")


def _description(resume: Resume) -> str:
    text = " ".join((resume.basics.summary or resume.basics.label or resume.basics.name).split())
    return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "…"


def render_site(resume: Resume, theme: str = DEFAULT_THEME, *, photo: str | None = None) -> str:
    """The personal homepage for ``resume`` in ``theme``; ``photo`` is the image's relative URL."""
    from markupsafe import Markup

    theme = check_theme(theme)
    person = _person(resume, photo)
    secs = sections(resume)
    nav = ([Link("about", "About")] if person.summary or person.quote or person.details else [])
    nav = [{"id": n.href, "title": n.text} for n in nav] + [{"id": s.id, "title": s.title}
                                                           for s in secs]
    js = _static("site.js")
    css = _static("base.css") + "\n" + _static(f"{theme}.css")
    names = person.name.split()
    title = f"{person.name} — {person.label}" if person.label else person.name
    canonical = safe_url(resume.basics.url) or ""
    context = {
        "theme": theme, "lang": str(resume.meta.get("language") or "en")[:12],
        "person": person, "sections": secs, "nav": nav, "page_title": title,
        "description": _description(resume),
        "canonical": canonical if canonical.startswith("http") else "",
        "first_name": names[0] if len(names) > 1 else "", "last_name": names[-1] if len(names) > 1
        else "", "initials": "".join(n[0] for n in names[:3]).upper() if names else "",
        "year": _dt.date.today().year, "json_ld": Markup(json_ld(resume)),
        "css": Markup(css), "js": Markup(js), "csp": _csp(js),
    }
    return _environment().get_template(f"{theme}.html.j2").render(**context)
