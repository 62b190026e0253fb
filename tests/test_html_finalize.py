"""Extracting, repairing and vendoring model output."""

from __future__ import annotations

import pytest

from web_composer.errors import BackendError
from web_composer.html import extract_html, vendor_assets


def test_fenced_block_is_extracted_exactly():
    text = "Sure! Here it is:\n```html\n<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>\n```\nEnjoy."
    html, warnings = extract_html(text)
    assert html == "<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>" and warnings == []


def test_bare_document_and_trailing_chatter():
    html, warnings = extract_html("<html><body>x</body></html>\nThis page shows x.")
    assert html == "<html><body>x</body></html>" and warnings == []


def test_ixc_real_output_is_taken_whole(data_dir):
    text = (data_dir / "ixc25/examples/Screenshot-to-Webpage.html").read_text()
    html, warnings = extract_html(text)
    assert warnings == [] and html.rstrip().lower().endswith("</html>")
    assert len(html) > 0.9 * len(text.strip())


def test_cut_off_output_is_repaired_with_a_warning():
    html, warnings = extract_html("```html\n<!DOCTYPE html><html><body><div><ul><li>one</li><li>tw")
    assert "cut off" in warnings[0]
    assert html.startswith("<!DOCTYPE html>") and html.endswith("</ul></div></body></html>")
    assert "<li>tw</li>" in html


def test_fragment_is_wrapped():
    html, warnings = extract_html("<div class='x'>hello</div>")
    assert "<body>\n<div class='x'>hello</div>\n</body>" in html and "fragment" in warnings[0]


def test_no_html_is_a_backend_error():
    with pytest.raises(BackendError, match="no HTML") as info:
        extract_html("I am sorry, I cannot help with that.")
    assert info.value.exit_code == 3


def test_vendoring_rewrites_cdn_and_placeholders_only():
    html = """<html><head>
    <link href="https://cdn.jsdelivr.net/npm/tailwindcss@2.2.19/dist/tailwind.min.css" rel="stylesheet">
    </head><body><img src="https://picsum.photos/200/100"><img src="https://picsum.photos/200/100">
    <a href="https://example.com/about">about</a><img src="https://example.com/logo.png">
    <div style="background-image: url('https://placehold.co/50x50')"></div></body></html>"""
    out, assets, warnings = vendor_assets(html)
    assert "cdn.jsdelivr.net" not in out and "picsum.photos" not in out and "placehold.co" not in out
    assert 'href="assets/vendor/tailwindcss-2.2.19-tailwind.min.css"' in out
    assert len(assets) == 3  # one stylesheet, two distinct pictures
    assert assets["vendor/tailwindcss-2.2.19-tailwind.min.css"].startswith(b"/*")
    assert "https://example.com/about" in out  # links are not fetched or rewritten
    assert not any("example.com/about" in w for w in warnings)
    assert any("example.com/logo.png" in w for w in warnings)
