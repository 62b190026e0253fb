"""E-mail and web addresses in a page's text become links (vision/emit/addresses.py)."""

from __future__ import annotations

from web_composer.vision.emit.addresses import link_addresses
from web_composer.vision.emit.model import Element, Plan


def _text(*parts, tag="p"):
    return Element(tag, "text", "text", parts=list(parts), nowrap=True)


def _shape(el):
    return [p if isinstance(p, str) else (p.tag, p.attrs.get("href"), p.parts[0]) for p in el.parts]


def test_a_text_that_is_one_address_is_a_link():
    page = Element("div", "page", "", children=[
        _text("hello@yourdomain.com"),
        _text(" https://example.com/contact-forms "),
        _text("www.startbootstrap.com", tag="h3"),
        _text("Write to hello@yourdomain.com, or see https://example.com/contact."),
        _text("Built with Node.js 3.5 and jQuery"),
        _text("mail@site.org", tag="a"),
        _text("Reach us at ", Element("span", "inline", "", parts=["x.y+z@mail.co.uk"]))])
    link_addresses(page)
    mail, url, heading, sentence, plain, link, run = page.children
    assert _shape(mail) == [("a", "mailto:hello@yourdomain.com", "hello@yourdomain.com")]
    assert _shape(url) == [" ", ("a", "https://example.com/contact-forms",
                                 "https://example.com/contact-forms"), " "]
    assert _shape(heading) == [("a", "https://www.startbootstrap.com", "www.startbootstrap.com")]
    # inside a sentence an address stays text: a link would cut the sentence's block in three
    assert _shape(sentence) == ["Write to hello@yourdomain.com, or see https://example.com/contact."]
    assert _shape(plain) == ["Built with Node.js 3.5 and jQuery"]
    assert _shape(link) == ["mail@site.org"]  # a link already: no link inside a link
    assert _shape(run.parts[1]) == [("a", "mailto:x.y+z@mail.co.uk", "x.y+z@mail.co.uk")]


def test_the_written_page_links_the_address():
    from web_composer.vision.emit.css import render_css

    root = Element("div", "page", "backdrop", children=[
        _text("Contact: ", Element("span", "inline", "", parts=["team@example.com"],
                                   look={"color": "#07c"}))])
    link_addresses(root)
    html = render_css(Plan(root, background=(255, 255, 255), width=800))
    assert '<a href="mailto:team@example.com">team@example.com</a></span>' in html
