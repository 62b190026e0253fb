"""Field-level accuracy of the PDF resume reader, per layout and on a real CV.

    .venv/bin/python benchmarks/resume_pdf_bench.py [--layout NAME ...] [--keep DIR] [--verbose]

For every JSON Resume in ../shared/resumes (and the one written for this benchmark in
``resume_truth/``, kept out of development: long wrapped bullets, "Remote", two schools, a name
with accents) and every layout of ``resume_layouts.py``, print the
resume to PDF with the project's Chromium, read it back with ``load_resume`` and compare with the
JSON it came from; then do the same for the real LaTeX CV in ../shared/resumes against the
hand-made truth in ``benchmarks/resume_truth/``.

Fields compared: the name, email, phone and site; for every work entry its company, position,
place, start and end month, number of bullets and first bullet (whole); for every school its
institution, degree, field, GPA and dates; every project's name. A truth entry with no parsed
counterpart counts all its fields wrong. *Entry precision* is the share of parsed work and
education entries that are real ones (their name matches a truth entry). Prints a table and the
wrong fields (--verbose); JSON with --json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from resume_layouts import LAYOUTS, SHARED, layout_html, print_pdf  # noqa: E402

from web_composer.resume import load_resume  # noqa: E402

TRUTH = Path(__file__).resolve().parent / "resume_truth"
REAL = {"byungjin-park-cv.pdf": TRUTH / "byungjin-park-cv.json"}


def norm(value: Any) -> str:
    text = str(value or "").lower().replace("–", "-").replace("—", "-")
    text = re.sub(r"^https?://(www\.)?", "", text).rstrip("/")
    return " ".join(text.split()).strip(" .,;")


def month(value: str) -> str:
    return (value or "")[:7]


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value or "")


WORK_FIELDS = ("name", "position", "location", "startDate", "endDate", "bullets", "firstBullet")
EDU_FIELDS = ("institution", "studyType", "area", "score", "startDate", "endDate")


def _work_view(entry: dict[str, Any]) -> dict[str, str]:
    bullets = entry.get("highlights", [])
    return {"name": norm(entry.get("name")), "position": norm(entry.get("position")),
            "location": norm(entry.get("location")), "startDate": month(entry.get("startDate")),
            "endDate": month(entry.get("endDate")), "bullets": str(len(bullets)),
            "firstBullet": norm(bullets[0]) if bullets else ""}


def _edu_view(entry: dict[str, Any]) -> dict[str, str]:
    return {"institution": norm(entry.get("institution")), "studyType": norm(entry.get("studyType")),
            "area": norm(entry.get("area")), "score": norm(entry.get("score")),
            "startDate": month(entry.get("startDate")), "endDate": month(entry.get("endDate"))}


def _compare_entries(kind: str, truth: list[dict], got: list[dict], key: str, view, fields,
                     wrong: list[str]) -> tuple[int, int, int]:
    """(right fields, all fields, parsed entries that match a truth entry)."""
    got_views = [view(g) for g in got]
    right = total = 0
    used: set[int] = set()
    for index, entry in enumerate(truth):
        want = view(entry)
        match = next((i for i, g in enumerate(got_views) if i not in used and g[key] == want[key]),
                     None)
        if match is None:
            match = index if index < len(got_views) and index not in used else None
        have = got_views[match] if match is not None else {}
        if match is not None:
            used.add(match)
        for field in fields:
            if field == "score" and not want[field]:
                continue
            total += 1
            if have.get(field, None) == want[field]:
                right += 1
            else:
                wrong.append(f"{kind}[{index}].{field}: want {want[field]!r} got "
                             f"{have.get(field)!r}")
    truth_keys = {view(t)[key] for t in truth}
    real = sum(1 for g in got_views if g[key] in truth_keys)
    return right, total, real


def score(truth: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    wrong: list[str] = []
    right = total = 0
    tb, gb = truth["basics"], got.get("basics", {})
    for field in ("name", "email", "phone", "url"):
        if not tb.get(field):
            continue
        total += 1
        same = (_digits(tb[field]) == _digits(gb.get(field, "")) if field == "phone"
                else norm(tb[field]) == norm(gb.get(field)))
        right += same
        if not same:
            wrong.append(f"basics.{field}: want {tb[field]!r} got {gb.get(field)!r}")
    real = parsed = 0
    for kind, key, view, fields in (("work", "name", _work_view, WORK_FIELDS),
                                    ("education", "institution", _edu_view, EDU_FIELDS)):
        r, t, matched = _compare_entries(kind, truth.get(kind, []), got.get(kind, []), key, view,
                                         fields, wrong)
        right, total, real, parsed = right + r, total + t, real + matched, parsed + len(
            got.get(kind, []))
    names = {norm(p.get("name")) for p in got.get("projects", [])}
    for project in truth.get("projects", []):
        total += 1
        if norm(project["name"]) in names:
            right += 1
        else:
            wrong.append(f"projects: missing {project['name']!r}")
    return {"right": right, "fields": total, "entries_real": real, "entries_parsed": parsed,
            "wrong": wrong}


def _add(acc: dict[str, Any], result: dict[str, Any]) -> None:
    for key in ("right", "fields", "entries_real", "entries_parsed"):
        acc[key] = acc.get(key, 0) + result[key]


def _line(name: str, acc: dict[str, Any]) -> str:
    accuracy = acc["right"] / acc["fields"] if acc["fields"] else 0.0
    precision = acc["entries_real"] / acc["entries_parsed"] if acc["entries_parsed"] else 0.0
    return (f"| {name} | {acc['right']}/{acc['fields']} | {accuracy:.3f} | "
            f"{acc['entries_real']}/{acc['entries_parsed']} | {precision:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layout", action="append", choices=sorted(LAYOUTS))
    parser.add_argument("--keep", type=Path, help="keep the generated PDFs in this folder")
    parser.add_argument("--verbose", action="store_true", help="list every wrong field")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="resume-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    table: dict[str, dict[str, Any]] = {}
    details: dict[str, list[str]] = {}
    seconds: list[float] = []  # reading one PDF (load_resume), not printing it
    files = sorted(SHARED.glob("*.resume.json")) + sorted(TRUTH.glob("*.resume.json"))
    for file in files:
        truth = json.loads(file.read_text())
        for layout in args.layout or LAYOUTS:
            pdf = folder / f"{file.name.split('.')[0]}.{layout}.pdf"
            pdf.write_bytes(print_pdf(layout_html(truth, layout)))
            started = time.perf_counter()
            parsed = load_resume(pdf)
            seconds.append(time.perf_counter() - started)
            result = score(truth, parsed.to_dict())
            _add(table.setdefault(layout, {}), result)
            details[pdf.name] = result["wrong"]
    for pdf_name, truth_file in REAL.items():
        truth = json.loads(truth_file.read_text())
        started = time.perf_counter()
        parsed = load_resume(SHARED / pdf_name)
        seconds.append(time.perf_counter() - started)
        result = score(truth, parsed.to_dict())
        _add(table.setdefault(f"real: {pdf_name}", {}), result)
        details[pdf_name] = result["wrong"]
    if args.json:
        print(json.dumps({"table": table, "wrong": details, "median_read_s": median(seconds)},
                         indent=2))
        return
    print("| layout | fields right | field accuracy | real entries / parsed | entry precision |")
    print("|---|---|---|---|---|")
    for name, acc in table.items():
        print(_line(name, acc))
    print(f"\n{len(seconds)} PDFs read; median {median(seconds):.2f} s each (max "
          f"{max(seconds):.2f} s)")
    if args.verbose:
        for name, wrong in details.items():
            for item in wrong:
                print(f"{name}: {item}")


if __name__ == "__main__":
    main()
