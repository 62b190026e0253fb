"""A LinkedIn data export (.zip of CSV files) -> :class:`~.model.Resume`.

The export ("Settings → Data privacy → Get a copy of your data") holds Profile.csv, Positions.csv,
Education.csv, Skills.csv, Languages.csv, Certifications.csv, Projects.csv, Publications.csv,
Honors.csv, Volunteering.csv, Courses.csv, Email Addresses.csv, PhoneNumbers.csv,
Recommendations_Received.csv and many files that are no part of a resume (messages, connections,
ad targeting). The resume files are mapped to the schema; profile sections the schema lacks
(Courses, Organizations, Patents, Test Scores) are kept as extra sections; the rest is not read.
The archive is read in memory, one bounded CSV at a time; nothing is extracted to disk.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from ..errors import InputError
from .model import Resume

MAX_CSV_BYTES = 20 * 1024 * 1024
EXTRA_SECTIONS = {"courses.csv": "courses", "organizations.csv": "organizations",
                  "patents.csv": "patents", "test scores.csv": "testScores"}


def _open_zip(data: bytes, name: str) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        raise InputError(f"{name} is not a readable ZIP file (it is corrupt)") from None
    files = {info.filename.rsplit("/", 1)[-1].lower(): info for info in archive.infolist()
             if not info.is_dir() and info.filename.lower().endswith(".csv")}
    if "profile.csv" not in files and "positions.csv" not in files:
        raise InputError(f"{name} is not a LinkedIn data export (no Profile.csv or Positions.csv "
                         "in it)")
    return archive, files


def _rows(archive: zipfile.ZipFile, files: dict[str, zipfile.ZipInfo], key: str,
          name: str) -> list[dict[str, str]]:
    info = files.get(key)
    if info is None:
        return []
    if info.file_size > MAX_CSV_BYTES:
        raise InputError(f"{name}: {info.filename} is too large to be part of a resume")
    try:
        text = archive.read(info).decode("utf-8-sig", errors="replace")
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise InputError(f"{name}: cannot read {info.filename} ({exc})") from None
    lines = text.splitlines()
    while lines and lines[0].lower().startswith("notes:"):  # some files start with a preamble
        lines = lines[1:]
        while lines and lines[0].strip() and "," not in lines[0]:
            lines = lines[1:]
        while lines and not lines[0].strip():
            lines = lines[1:]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]


def _description(text: str) -> tuple[str, list[str]]:
    """LinkedIn descriptions: prose lines -> summary, bullet lines -> highlights."""
    summary, bullets = [], []
    for line in text.splitlines():
        match = re.match(r"^\s*[•\-*–·▪]\s+(.*)", line)
        if match:
            bullets.append(match.group(1).strip())
        elif line.strip():
            summary.append(line.strip())
    return " ".join(summary), bullets


def _websites(value: str) -> list[str]:
    """"[PERSONAL:https://a.dev,BLOG:https://b.dev]" -> the URLs."""
    return re.findall(r"https?://[^\s,\]]+", value or "")


def _basics(profile: dict[str, str], emails: list[dict], phones: list[dict]) -> dict[str, Any]:
    from .contact import absolute_url, profile_for

    name = " ".join(p for p in (profile.get("First Name"), profile.get("Last Name")) if p)
    primary = sorted(emails, key=lambda r: r.get("Primary", "").lower() != "yes")
    basics: dict[str, Any] = {
        "name": name, "label": profile.get("Headline", ""), "summary": profile.get("Summary", ""),
        "email": primary[0].get("Email Address", "") if primary else "",
        "phone": phones[0].get("Number", "") if phones else "",
        "location": {"city": profile.get("Geo Location", ""),
                     "postalCode": profile.get("Zip Code", ""),
                     "address": profile.get("Address", "")},
        "profiles": [],
    }
    for url in _websites(profile.get("Websites", "")):
        known = profile_for(url)
        if known:
            basics["profiles"].append(known.to_dict())
        elif not basics.get("url"):
            basics["url"] = absolute_url(url)
    for handle in re.findall(r"[\w]+", profile.get("Twitter Handles", "")):
        basics["profiles"].append({"network": "Twitter", "username": handle,
                                   "url": f"https://twitter.com/{handle}"})
    return basics


def _work(row: dict[str, str]) -> dict[str, Any]:
    summary, bullets = _description(row.get("Description", ""))
    return {"name": row.get("Company Name", ""), "position": row.get("Title", ""),
            "location": row.get("Location", ""), "startDate": row.get("Started On", ""),
            "endDate": row.get("Finished On", ""), "summary": summary, "highlights": bullets}


def _education(row: dict[str, str]) -> dict[str, Any]:
    entry = {"institution": row.get("School Name", ""), "studyType": row.get("Degree Name", ""),
             "startDate": row.get("Start Date", ""), "endDate": row.get("End Date", "")}
    if row.get("Notes"):
        entry["summary"] = row["Notes"]
    if row.get("Activities"):
        entry["activities"] = row["Activities"]
    return entry


def _volunteer(row: dict[str, str]) -> dict[str, Any]:
    summary, bullets = _description(row.get("Description", ""))
    entry = {"organization": row.get("Company Name", ""), "position": row.get("Role", ""),
             "startDate": row.get("Started On", ""), "endDate": row.get("Finished On", ""),
             "summary": summary, "highlights": bullets}
    if row.get("Cause"):
        entry["cause"] = row["Cause"]
    return entry


def _reference(row: dict[str, str]) -> dict[str, Any] | None:
    if row.get("Status", "").upper() in ("HIDDEN", "PENDING"):
        return None
    who = " ".join(p for p in (row.get("First Name"), row.get("Last Name")) if p)
    role = " at ".join(p for p in (row.get("Job Title"), row.get("Company")) if p)
    return {"name": ", ".join(p for p in (who, role) if p), "reference": row.get("Text", "")}


_SECTIONS = {
    "positions.csv": ("work", _work),
    "education.csv": ("education", _education),
    "volunteering.csv": ("volunteer", _volunteer),
    "skills.csv": ("skills", lambda r: {"name": r.get("Name", "")}),
    "languages.csv": ("languages", lambda r: {"language": r.get("Name", ""),
                                              "fluency": r.get("Proficiency", "")}),
    "certifications.csv": ("certificates", lambda r: {
        "name": r.get("Name", ""), "issuer": r.get("Authority", ""),
        "date": r.get("Started On", ""), "url": r.get("Url", ""),
        **({"licenseNumber": r["License Number"]} if r.get("License Number") else {})}),
    "projects.csv": ("projects", lambda r: {
        "name": r.get("Title", ""), "description": r.get("Description", ""),
        "url": r.get("Url", ""), "startDate": r.get("Started On", ""),
        "endDate": r.get("Finished On", "")}),
    "publications.csv": ("publications", lambda r: {
        "name": r.get("Name", ""), "publisher": r.get("Publisher", ""),
        "releaseDate": r.get("Published On", ""), "summary": r.get("Description", ""),
        "url": r.get("Url", "")}),
    "honors.csv": ("awards", lambda r: {"title": r.get("Title", ""),
                                        "summary": r.get("Description", ""),
                                        "date": r.get("Issued On", "")}),
    "recommendations_received.csv": ("references", _reference),
}


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v not in ("", [], {}, None)}
    return value


def parse_linkedin(data: bytes, name: str) -> Resume:
    archive, files = _open_zip(data, name)
    with archive:
        read = lambda key: _rows(archive, files, key, name)  # noqa: E731
        profiles = read("profile.csv")
        document: dict[str, Any] = {"basics": _basics(profiles[0] if profiles else {},
                                                      read("email addresses.csv"),
                                                      read("phonenumbers.csv"))}
        for filename, (section, convert) in _SECTIONS.items():
            entries = [_clean(e) for e in map(convert, read(filename)) if e]
            if any(entries):
                document[section] = [e for e in entries if e]
        for filename, section in EXTRA_SECTIONS.items():
            rows = [_clean(row) for row in read(filename)]
            if any(rows):
                document[section] = [r for r in rows if r]
    resume = Resume.from_dict(_clean(document), source=name)
    used = {"profile.csv", "email addresses.csv", "phonenumbers.csv", *_SECTIONS, *EXTRA_SECTIONS}
    skipped = sorted(files[k].filename for k in files if k not in used)
    if skipped:
        resume.warnings.append(f"not resume data, not read: {', '.join(skipped)}")
    return resume
