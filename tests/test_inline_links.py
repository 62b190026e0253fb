"""Links inside a line of text, told by their colour (issue 17): a word set in a link colour in
a plain paragraph is a link; a row of link-coloured items between plain separators ("Home /
News / About us", an old site's footer) has the items as links, not the separators. Real
Chromium renders the target, the built-in engine (tesseract) reads it."""

from __future__ import annotations

from bs4 import BeautifulSoup

from web_composer.backends.base import get_backend
from web_composer.jobs import GenerationRequest
from web_composer.render import RenderOptions, render_html

PAGE = """<!doctype html><html><body style="margin:0;background:#fff;font:16px 'Liberation Sans'">
<p style="margin:40px;color:#222">Read the <span style="color:#0a58ca">documentation pages</span>
before you start with the kit.</p>
<p style="margin:120px 40px 40px;color:#2a6fb8">Home <span style="color:#333">/</span> Latest news
<span style="color:#333">/</span> About us <span style="color:#333">/</span> Contact
<span style="color:#333">/</span> Privacy policy</p>
<p style="margin:30px 40px;color:#2e8b57"><span style="color:#808080">Tagged:</span> Mountain travels</p>
<p style="margin:30px 40px;color:#cd0000"><span style="color:#111">price:</span> $27,500.00</p>
<p style="margin:30px 40px;color:#8a4b2a">A talk given by Kristin Anger, <span style="color:#4a5b64">Are
You Ready For The New Law</span> a webinar with the city of Seattle</p>
</body></html>"""


def test_coloured_words_and_rows_of_links_become_links() -> None:
    shot = render_html(PAGE, options=RenderOptions(width=900, height=480, full_page=False))
    request = GenerationRequest(task="screenshot", images=[shot.image().convert("RGB")],
                                stack="css")
    soup = BeautifulSoup(get_backend("builtin").generate(request).html, "html.parser")
    links = [" ".join(a.get_text().split()) for a in soup.find_all("a")]
    assert "documentation pages" in links
    row = [t for t in links if t in ("Home", "Latest news", "About us", "Contact", "Privacy policy")]
    assert len(row) >= 4, links
    assert not any(t.strip() in ("/", "!", "|", "") for t in links), links
    # the separators are there, as plain text of the row's paragraph
    footer = next(p for p in soup.find_all("p") if "Contact" in p.get_text())
    assert footer.get_text().count("/") >= 3
    assert "Mountain travels" in links
    assert not any("27" in t or "price" in t.lower() for t in links), links
    # prose set in a coloured body type, a title in grey inside it: no links
    assert not any("Kristin" in t or "webinar" in t or "Ready" in t for t in links), links
