"""`webcompose resume`: build a site through the pipeline, `parse`, `--list-themes`, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _one_line_error(result, needle: str) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert needle in lines[0], lines[0]
    assert "Traceback" not in result.stdout + result.stderr
    return lines[0]


def test_resume_file_builds_the_site_through_the_pipeline(cli, data_dir, tmp_path):
    from PIL import Image

    photo = tmp_path / "me.png"
    Image.new("RGB", (640, 800), (200, 120, 60)).save(photo)
    out = tmp_path / "site"
    source = data_dir / "resumes" / "qidong-huang.md"
    result = cli(["resume", source, "-o", out, "--theme", "timeline", "--photo", photo])
    assert result.exit_code == 0, result.stderr
    assert f"page:    {out / 'index.html'}" in result.stdout
    assert "coverage: 60/60 resume fields shown" in result.stdout
    html = (out / "index.html").read_text()
    assert 'class="theme-timeline"' in html and 'src="assets/photo.jpg"' in html
    assert Image.open(out / "assets" / "photo.jpg").size == (410, 512)
    report = json.loads((out / "report.json").read_text())
    assert report["coverage"]["missing"] == [] and report["coverage"]["ratio"] == 1.0
    assert report["render"]["blocked"] == [] and report["render"]["page_errors"] == []
    assert (out / "render.png").stat().st_size > 10_000
    again = cli(["resume", "build", source, "-o", out])  # the explicit form; the folder exists
    _one_line_error(again, "is not empty")


def test_parse_prints_json_resume_or_markdown_and_writes_a_file(cli, data_dir, tmp_path):
    from web_composer.resume import load_resume

    source = data_dir / "resumes" / "byungjin-park-cv.pdf"
    result = cli(["resume", "parse", source, "--json"])
    assert result.exit_code == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["basics"]["name"] == "Claud D. Park" and len(parsed["work"]) == 12
    target = tmp_path / "park.json"
    written = cli(["resume", "parse", source, "-o", target])
    assert written.exit_code == 0 and json.loads(target.read_text()) == parsed
    reparsed = cli(["resume", "parse", target, "--json"])  # the output is valid input
    assert json.loads(reparsed.stdout) == parsed == load_resume(target).to_dict()
    markdown = cli(["resume", "parse", data_dir / "resumes" / "qidong-huang.md", "--markdown"])
    assert markdown.stdout.startswith("# Qidong Huang\n") and "## Education" in markdown.stdout


def test_list_themes_and_bare_group_help(cli):
    result = cli(["resume", "--list-themes"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["classic", "sidebar",
                                                                       "timeline"]
    bare = cli(["resume"])
    assert bare.exit_code == 0 and "build" in bare.stdout and "parse" in bare.stdout


def _encrypted_pdf() -> bytes:
    """A PDF protected by a user password (standard security handler, RC4 40-bit)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
               b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32
               + b"> /P -4 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1, b"11" * 16, b"11" * 16)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _scanned_pdf(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (850, 1100), "white")
    ImageDraw.Draw(image).text((80, 80), "Jane Doe - Curriculum Vitae", fill="black")
    image.save(path, "PDF")


BAD_INPUTS = [
    ("empty.json", b"", "is empty"),
    ("bad.json", b'{"basics": {"name": "A",}}', "malformed JSON at line 1, column 25"),
    ("bad.yaml", b"basics:\n  name: [unclosed\nwork: 1\n", "malformed YAML at line 3, column 5"),
    ("cv.rtf", b"{\\rtf1 hello}", "unsupported resume format '.rtf'"),
    ("locked.pdf", _encrypted_pdf(), "is password-protected"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable Word document"),
    ("fake.pdf", b"hello, I am text", "not a valid PDF file"),
    ("list.json", b"[1, 2]", "the top level must be an object"),
]


@pytest.mark.parametrize("name, data, needle", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(cli, tmp_path, name, data, needle):
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "out"
    _one_line_error(cli(["resume", source, "-o", out]), needle)
    assert not out.exists()
    _one_line_error(cli(["resume", "parse", source]), needle)


def test_scanned_pdf_says_so_and_suggests_a_model_backend(cli, tmp_path):
    source = tmp_path / "scan.pdf"
    _scanned_pdf(source)
    out = tmp_path / "out"
    line = _one_line_error(cli(["resume", source, "-o", out]), "has no text layer")
    assert "--backend" in line and not out.exists()


def test_unknown_theme_and_missing_photo_are_refused_before_any_work(cli, data_dir, tmp_path):
    source = data_dir / "resumes" / "maya-okonkwo.resume.json"
    out = tmp_path / "out"
    _one_line_error(cli(["resume", source, "-o", out, "--theme", "neon"]), "unknown theme 'neon'")
    _one_line_error(cli(["resume", source, "-o", out, "--photo", tmp_path / "nope.jpg"]),
                    "no such file")
    assert not out.exists()
