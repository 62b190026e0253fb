"""The built-in resume themes, checked in real Chromium: coverage of every field, no horizontal
scroll at 390 px, axe-core (light and dark), headings and landmarks, the JavaScript behaviours,
print CSS, SEO/Open Graph/JSON-LD, and resume text with markup staying text."""

from __future__ import annotations

import io
import json
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pytest

from web_composer.backends.builtin.resume import generate
from web_composer.jobs import GenerationRequest
from web_composer.render import RenderOptions, render_html
from web_composer.resume import check_coverage, load_resume
from web_composer.resume.coverage import coverage_of_text
from web_composer.resume.model import Resume
from web_composer.resume.themes import THEMES, render_site

ORIGIN = "http://resume.test"


@pytest.fixture(scope="module")
def resumes(data_dir: Path) -> dict[str, Resume]:
    folder = data_dir / "resumes"
    return {path.name.split(".")[0]: load_resume(path) for path in sorted(folder.iterdir())
            if path.suffix in (".json", ".md", ".pdf") and path.name != "README.md"}


@pytest.fixture(scope="module")
def photo_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (900, 600), (40, 90, 160)).save(out, "PNG")
    return out.getvalue()


def _site(resume: Resume, theme: str, photo: bytes | None = None, tmp: Path | None = None):
    options = {"theme": theme}
    if photo is not None and tmp is not None:
        (tmp / "me.png").write_bytes(photo)
        options["photo"] = str(tmp / "me.png")
    return generate(GenerationRequest(task="resume", resume=resume, options=options))


@contextmanager
def live_page(html: str, assets: dict[str, bytes] | None = None, *, width: int = 1280,
              dark: bool = False, bypass_csp: bool = False):
    """A page served from a private origin in the renderer's browser; every other request fails."""
    from web_composer.render.browser import session

    files = {"/index.html": (html.encode(), "text/html")}
    files.update({f"/assets/{k}": (v, "image/jpeg") for k, v in (assets or {}).items()})

    def route(request_route):
        path = request_route.request.url.removeprefix(ORIGIN)
        if request_route.request.url.startswith(ORIGIN) and path in files:
            body, kind = files[path]
            request_route.fulfill(status=200, body=body, headers={"content-type": kind})
        else:
            request_route.abort("blockedbyclient")

    context = session().browser.new_context(
        viewport={"width": width, "height": 800}, color_scheme="dark" if dark else "light",
        bypass_csp=bypass_csp, reduced_motion="reduce")
    errors: list[str] = []
    try:
        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{ORIGIN}/index.html", wait_until="load")
        yield page, errors
    finally:
        context.close()


AXE = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text()
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def _serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_axe_finds_no_serious_violations_light_dark_and_print_hides_the_menu(
        theme, resumes, photo_png, tmp_path):
    site = _site(resumes["byungjin-park-cv"], theme, photo_png, tmp_path)
    for dark, width in ((False, 1280), (True, 390)):
        with live_page(site.html, site.assets, width=width, dark=dark, bypass_csp=True) as (page, _):
            page.add_script_tag(content=AXE)
            violations = page.evaluate(AXE_RUN)
            assert _serious(violations) == [], (theme, dark, violations)
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            brightness = sum(int(v) for v in background[4:-1].split(","))
            assert brightness < 150 if dark else brightness > 600, background  # dark mode works
            if not dark:
                page.emulate_media(media="print")
                assert page.evaluate("getComputedStyle(document.getElementById('site-nav'))"
                                     ".display") == "none"


STRUCTURE = """() => {
  const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
  const count = sel => document.querySelectorAll(sel).length;
  const link = document.querySelector('main a, .contact a');
  link.focus();
  const focus = getComputedStyle(link);
  return {scrollWidth: document.documentElement.scrollWidth, headings,
          banner: count('header:not(article header):not(section header)'), nav: count('nav'),
          main: count('main'), footer: count('body > footer, .content > footer'),
          imagesWithoutAlt: [...document.images].filter(i => !i.getAttribute('alt')).length,
          focusOutline: focus.outlineStyle + ' ' + focus.outlineWidth,
          scripts: count('script:not([type="application/ld+json"])')};
}"""


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_phone_width_has_no_horizontal_scroll_and_the_outline_is_sound(theme, resumes):
    site = _site(resumes["byungjin-park-cv"], theme)
    shot = render_html(site.html, options=RenderOptions.mobile_profile(
        full_page=False, evaluate=STRUCTURE))
    data = shot.data
    assert data["scrollWidth"] <= 390, data
    headings = data["headings"]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(headings, headings[1:])), headings  # no skipped level
    assert (data["banner"], data["nav"], data["main"], data["footer"]) == (1, 1, 1, 1)
    assert data["imagesWithoutAlt"] == 0 and data["scripts"] == 1
    assert data["focusOutline"].startswith("solid") and not data["focusOutline"].endswith(" 0px")
    assert shot.errors == [] and shot.blocked == []


COVERAGE_JS = """() => ({text: document.body.innerText,
  hrefs: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))})"""


@pytest.mark.parametrize("name, theme", [
    ("richard-hendriks", "classic"), ("maya-okonkwo", "sidebar"), ("daniel-reyes", "timeline"),
    ("qidong-huang", "sidebar"), ("byungjin-park-cv", "classic")])
def test_every_field_is_visible_text_on_the_rendered_page(name, theme, resumes):
    resume = resumes[name]
    site = _site(resume, theme)
    shot = render_html(site.html, options=RenderOptions(full_page=False, evaluate=COVERAGE_JS))
    report = coverage_of_text(resume, shot.data["text"], shot.data["hrefs"])
    assert report["missing"] == [] and report["fields"] > 50, report
    for other in THEMES:  # the HTML check, as report.json has it, for every theme
        assert check_coverage(resume, render_site(resume, other))["missing"] == []


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_no_paragraph_is_shown_twice(theme, resumes):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(render_site(resumes["qidong-huang"], theme), "html.parser")
    for parent in {id(p.parent): p.parent for p in soup.find_all("p")}.values():
        texts = [p.get_text(" ", strip=True) for p in parent.find_all("p", recursive=False)]
        assert len(texts) == len(set(texts)), f"a paragraph appears twice: {texts}"


def test_coverage_lists_what_a_page_leaves_out(resumes):
    resume = resumes["richard-hendriks"]
    html = render_site(resume, "classic").replace("Pied Piper", "Pied P.")
    report = check_coverage(resume, html)
    assert report["ratio"] < 1
    assert {"field": "work[0].name", "value": "Pied Piper"} in report["missing"]


def test_the_page_behaviours_work_under_its_own_content_security_policy(resumes):
    site = _site(resumes["richard-hendriks"], "sidebar")
    with live_page(site.html, width=390) as (page, errors):
        toggle = page.locator(".nav-toggle")
        menu = page.locator("#site-nav-list")
        assert toggle.is_visible() and not menu.is_visible()  # the script ran: the menu folded
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
        page.evaluate("document.getElementById('education').scrollIntoView()")
        page.wait_for_function("document.querySelector('#site-nav a[href=\"#education\"]')"
                               ".getAttribute('aria-current') === 'location'")
        page.locator(".copy-btn").click()
        page.wait_for_function("document.getElementById('copy-status').textContent.length > 0")
        assert errors == []
    with live_page(site.html, width=1280) as (page, _):
        assert not page.locator(".nav-toggle").is_visible() and page.locator("#site-nav-list")\
            .is_visible()


def test_seo_open_graph_and_json_ld(resumes):
    from bs4 import BeautifulSoup

    resume = resumes["richard-hendriks"]
    soup = BeautifulSoup(render_site(resume, "timeline"), "html.parser")
    meta = {m.get("name") or m.get("property"): m.get("content") for m in soup.find_all("meta")}
    assert soup.title.string == "Richard Hendriks — Programmer"
    assert meta["description"].startswith("Richard hails from Tulsa.")
    assert len(meta["description"]) <= 160
    assert meta["og:title"] == soup.title.string and meta["og:type"] == "profile"
    assert meta["og:url"] == "http://richardhendricks.example.com"
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    person = json.loads(soup.find("script", type="application/ld+json").string)
    assert person["@type"] == "Person" and person["name"] == "Richard Hendriks"
    assert person["sameAs"] == ["https://www.twitter.com",
                                "https://soundcloud.example.com/dandymusicnl"]
    assert person["alumniOf"][0]["name"] == "University of Oklahoma"
    for tag in soup.find_all(["img", "script", "link", "iframe"]):
        source = tag.get("src") or tag.get("href") or ""
        assert not source.startswith(("http", "//")), tag  # nothing loads from elsewhere


HOSTILE = {
    "basics": {
        "name": "Eve <script>window.__pwned = 1</script>",
        "label": "\"><img src=x onerror=\"window.__pwned=2\">",
        "email": "eve@example.com",
        "url": "javascript:window.__pwned=3",
        "summary": "</script><script>window.__pwned=4</script> & <b>bold</b>",
        "profiles": [{"network": "GitHub", "username": "eve", "url": "java\tscript:alert(1)"},
                     {"network": "Site", "username": "eve-site", "url": "https://eve.example"}],
    },
    "work": [{"name": "<iframe src=javascript:alert(5)>", "position": "Red Team",
              "url": " JavaScript:alert(6)", "highlights": ["<svg onload=alert(7)>"]}],
}
HOSTILE_JS = """() => ({
  pwned: window.__pwned === undefined ? null : window.__pwned,
  scripts: document.querySelectorAll('script:not([type="application/ld+json"])').length,
  handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes]
      .some(a => a.name.startsWith('on'))).length,
  frames: document.querySelectorAll('iframe, svg, b').length,
  hrefs: [...document.querySelectorAll('[href]')].map(a => a.getAttribute('href')),
  text: document.body.innerText})"""


@pytest.mark.parametrize("theme", ["classic"])
def test_markup_in_the_resume_is_shown_as_text_and_never_runs(theme):
    resume = Resume.from_dict(HOSTILE)
    html = render_site(resume, theme)
    shot = render_html(html, options=RenderOptions(full_page=False, evaluate=HOSTILE_JS))
    data = shot.data
    assert data["pwned"] is None and data["scripts"] == 1 and data["handlers"] == 0
    assert data["frames"] == 0
    assert not [h for h in data["hrefs"] if "script" in h.lower().replace("\t", "")]
    assert "https://eve.example" in data["hrefs"]
    for text in ("Eve <script>window.__pwned = 1</script>", "<svg onload=alert(7)>",
                 "\"><img src=x onerror=\"window.__pwned=2\">", "& <b>bold</b>"):
        assert text in data["text"]
    assert "</script><script>window" not in html  # not even inside the JSON-LD
    assert check_coverage(resume, html)["missing"] == []


def test_engine_writes_the_photo_as_an_asset_and_skips_remote_images(resumes, photo_png,
                                                                     tmp_path):
    from PIL import Image

    site = _site(resumes["maya-okonkwo"], "timeline", photo_png, tmp_path)
    picture = Image.open(io.BytesIO(site.assets["photo.jpg"]))
    assert picture.format == "JPEG" and max(picture.size) == 512
    assert 'src="assets/photo.jpg" alt="Photo of Maya Okonkwo"' in site.html
    assert site.html == site.text and site.info["theme"] == "timeline"
    remote = Resume.from_dict({"basics": {"name": "R", "image": "https://x.example/me.jpg"}})
    generation = generate(GenerationRequest(task="resume", resume=remote, options={}))
    assert generation.assets == {} and "<img" not in generation.html
    assert any("not fetched" in w for w in generation.warnings)


def test_themes_look_different(resumes):
    from PIL import ImageChops

    site = {t: _site(resumes["daniel-reyes"], t).html for t in THEMES}
    shots = {t: render_html(h, options=RenderOptions(full_page=False)).image() for t, h in site.items()}
    names = sorted(shots)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            diff = ImageChops.difference(shots[a], shots[b]).convert("L").point(lambda v: v > 40 and 255)
            changed = sum(diff.histogram()[255:]) / (1280 * 720)
            assert changed > 0.25, (a, b, changed)
