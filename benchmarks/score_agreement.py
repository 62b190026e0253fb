"""Agreement of `webcompose score` with the official Design2Code judge, both run on the same pairs.

    .venv/bin/python benchmarks/score_agreement.py --engine-dir OUT --work /tmp/agree
    .venv/bin/python benchmarks/score_agreement.py --groups model,ixc --skip-official  # cache only

Pairs (reference, candidate), all HTML references:
- engine: each of the 40 dev pages against the built-in engine's page for its screenshot
  (``webcompose batch ../shared/design2code/dev/screenshots -o OUT``; made here if --engine-dir is empty);
- perturbed: dev pages against themselves reworded, moved, recoloured, and against the next page;
- ixc: the IXC-2.5 example outputs against themselves, reworded and moved;
- model: pages written the way GPT-4V and WebSight write them (benchmarks/agreement_pages: Tailwind
  from the CDN, Bootstrap from the CDN, inline styles, placeholder pictures) against themselves and
  perturbed.

Official: ../shared/design2code/official/judge.py (the official metric code, CLIP skipped), its
screenshots given the same offline network as our renderer and its per-pixel loop done in numpy
(judge_fast.py: same pixels, checked with --check-pixels), one page at a time.
Its results are cached by the bytes of the pair (--cache), so a rerun only scores new pairs.
Ours: one `python -m web_composer score CAND --ref REF --json` process per pair, timed from start-up
to exit (wall seconds, and the CPU seconds of it and the processes it waited for). Prints per metric mean and max |ours - official|, the worst pairs, and both times.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
DEV = SHARED / "design2code" / "dev"
JUDGE = SHARED / "design2code" / "official"
IXC = SHARED / "ixc25" / "examples"
FOUR = ("block", "text", "position", "color")
GROUPS = ("engine", "perturbed", "ixc", "model")

sys.path.insert(0, str(HERE))
from score_bench import perturb  # noqa: E402


def dev_pages() -> list[Path]:
    return sorted((DEV / "pages").glob("*.html"), key=lambda p: int(p.stem))


def make_engine_outputs(engine_dir: Path) -> None:
    if engine_dir.is_dir() and any((engine_dir / p.stem / "index.html").exists() for p in dev_pages()):
        return
    subprocess.run([sys.executable, "-m", "web_composer", "batch", str(DEV / "screenshots"), "-o",
                    str(engine_dir), "--workers", "1"], check=True, cwd=REPO)


def pairs(groups: list[str], engine_dir: Path, every: int, only_pages: set[str] | None = None) -> list[dict]:
    """[{id, group, ref (html text), cand (html text), assets (folder or None)}]"""
    out = []
    pages = [p for p in dev_pages() if not only_pages or p.stem in only_pages]
    if "engine" in groups:
        for page in pages:
            cand = engine_dir / page.stem / "index.html"
            if cand.exists():
                out.append(dict(id=f"engine-{page.stem}", group="engine", ref=page.read_text(),
                                cand=cand.read_text(), assets=cand.parent))
    if "perturbed" in groups:
        for index in range(0, len(pages), every):
            html = pages[index].read_text()
            for kind in ("reworded", "moved", "recoloured"):
                out.append(dict(id=f"{kind}-{pages[index].stem}", group="perturbed", ref=html,
                                cand=perturb(html, kind), assets=None))
            out.append(dict(id=f"other-{pages[index].stem}", group="perturbed", ref=html,
                            cand=pages[(index + 1) % len(pages)].read_text(), assets=None))
    sources = []
    if "ixc" in groups:
        sources += [("ixc", p) for p in sorted(IXC.glob("*.html"))]
    if "model" in groups:
        sources += [("model", p) for p in sorted((HERE / "agreement_pages").glob("*.html"))]
    for group, page in sources:
        html = page.read_text()
        kinds = ("self", "reworded", "moved") + (("recoloured",) if group == "model" else ())
        for kind in kinds:
            out.append(dict(id=f"{group}-{page.stem}-{kind}", group=group, ref=html,
                            cand=html if kind == "self" else perturb(html, kind), assets=None))
    return out


def key(pair: dict) -> str:
    return hashlib.sha256((pair["ref"] + "\0" + pair["cand"]).encode()).hexdigest()[:20]


def lay_out(pair_list: list[dict], work: Path) -> None:
    """refs/ID.html and preds/ID/index.html (+ the engine's assets), rick.jpg beside both."""
    refs, preds = work / "refs", work / "preds"
    refs.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DEV / "pages" / "rick.jpg", refs / "rick.jpg")
    for pair in pair_list:
        folder = preds / pair["id"]
        folder.mkdir(parents=True, exist_ok=True)
        if pair["assets"] is not None:
            for item in pair["assets"].iterdir():
                if item.is_dir():
                    shutil.copytree(item, folder / item.name, dirs_exist_ok=True)
        (folder / "index.html").write_text(pair["cand"])
        shutil.copyfile(DEV / "pages" / "rick.jpg", folder / "rick.jpg")
        (refs / f"{pair['id']}.html").write_text(pair["ref"])


def run_official(pair_list: list[dict], work: Path, cache: dict, cache_path: Path, jobs: int,
                 check_pixels: bool = False) -> None:
    todo = [p for p in pair_list if key(p) not in cache]
    if not todo:
        return
    ids = work / "official_ids.txt"
    ids.write_text("".join(p["id"] + "\n" for p in todo))
    out = work / f"official-{os.getpid()}.json"
    # The pairs this run scores, by the bytes of each: absorb_partial adopts a result only for them.
    out.with_suffix(".keys.json").write_text(json.dumps({p["id"]: key(p) for p in todo}, indent=1))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    print(f"official: {len(todo)} pairs", file=sys.stderr, flush=True)
    try:
        subprocess.run([sys.executable, str(HERE / "judge_fast.py"), *(["--check-pixels"] if check_pixels else []),
                        "--ref-dir", str(work / "refs"), "--pred-dir", str(work / "preds"),
                        "--pred-layout", "folder", "--ids-file", str(ids), "--out", str(out),
                        "--jobs", str(jobs), "--official-dir", str(work / "official_code")], env=env)
    finally:  # keep what was scored, even when interrupted
        results = json.loads(out.read_text())["pages"] if out.exists() else {}
        for pair in todo:
            rec = results.get(pair["id"])
            if rec and rec.get("status") not in (None, "missing_pred"):
                cache[key(pair)] = {k: rec.get(k) for k in (*FOUR, "seconds", "status", "n_pred_blocks",
                                                             "n_ref_blocks", "pred_repetition_truncated")}
                cache[key(pair)]["jobs"] = jobs
        cache_path.write_text(json.dumps(cache, indent=1, sort_keys=True))


def absorb_partial(pair_list: list[dict], folder: Path, cache: dict) -> None:
    """Adopt results of a judge run still in progress (or interrupted) from FOLDER/official-*.json,
    only for pairs whose bytes are the ones that run scored (its official-*.keys.json). An id alone
    does not name a pair: engine-689 is another page for every engine version, and adopting by id
    once gave ten engine pairs the official scores of an older engine's pages."""
    by_id = {p["id"]: p for p in pair_list}
    for path in sorted(folder.glob("official-*.json")):
        if path.name.endswith(".keys.json"):
            continue
        try:
            pages = json.loads(path.read_text())["pages"]
            scored = json.loads(path.with_suffix(".keys.json").read_text())
        except (OSError, ValueError, KeyError):
            continue
        for pid, rec in pages.items():
            pair = by_id.get(pid)
            if (pair and scored.get(pid) == key(pair) and key(pair) not in cache
                    and rec.get("status") not in (None, "missing_pred", "error")):
                cache[key(pair)] = {k: rec.get(k) for k in (*FOUR, "seconds", "status", "n_pred_blocks",
                                                             "n_ref_blocks", "pred_repetition_truncated")}


def run_ours(pair: dict, work: Path) -> dict:
    cand = work / "preds" / pair["id"] / "index.html"
    ref = work / "refs" / f"{pair['id']}.html"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "web_composer", "score", str(cand), "--ref", str(ref),
                           "--json", "--timeout", "120"], capture_output=True, text=True, env=env)  # a loaded machine
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the call and the processes it waited for (Python, Playwright's driver and the
    # browsers it reaped): on a machine shared with other work, the part of the time that is ours.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:], "seconds": seconds, "cpu": cpu}
    data = json.loads(done.stdout)
    return {**{k: data[k] for k in FOUR}, "seconds": seconds, "cpu": cpu}


def summarise(rows: list[dict]) -> list[str]:
    lines = ["| pairs | n | " + " | ".join(f"{m} mean / max" for m in FOUR)
             + " | pairs off > 0.05 | ours s/call (median) | ours CPU s/call (median) | official s/pair (median) |",
             "|---|---|" + "---|" * (len(FOUR) + 4)]
    for group in ("all",) + GROUPS:
        chosen = [r for r in rows if group in ("all", r["group"])]
        if not chosen:
            continue
        cells = []
        for m in FOUR:
            diffs = [abs(r["ours"][m] - r["official"][m]) for r in chosen]
            cells.append(f"{statistics.fmean(diffs):.4f} / {max(diffs):.3f}")
        off = sum(any(abs(r["ours"][m] - r["official"][m]) > 0.05 for m in FOUR) for r in chosen)
        ours_s = statistics.median(r["ours"]["seconds"] for r in chosen)
        cpu = [r["ours"]["cpu"] for r in chosen if r["ours"].get("cpu") is not None]
        off_s = [r["official"]["seconds"] for r in chosen if r["official"].get("seconds")]
        lines.append(f"| {group} | {len(chosen)} | " + " | ".join(cells) + f" | {off} | {ours_s:.2f} | "
                     + (f"{statistics.median(cpu):.2f}" if cpu else "-") + " | "
                     + (f"{statistics.median(off_s):.1f}" if off_s else "-") + " |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "score_agreement")
    ap.add_argument("--engine-dir", type=Path, default=None, help="webcompose batch output for the dev "
                    "screenshots (default: WORK/engine, made when missing)")
    ap.add_argument("--groups", default=",".join(GROUPS))
    ap.add_argument("--every", type=int, default=5, help="perturbed: every Nth dev page (default 5)")
    ap.add_argument("--cache", type=Path, default=None, help="official results by pair (default WORK/official_cache.json)")
    ap.add_argument("--jobs", type=int, default=1, help="official judge processes")
    ap.add_argument("--skip-official", action="store_true", help="only pairs already in the cache")
    ap.add_argument("--check-pixels", action="store_true", help="also run the official per-pixel loop "
                    "and stop if the numpy pixel diff differs (slow)")
    ap.add_argument("--only", default=None, help="comma-separated pair ids")
    ap.add_argument("--pages", default=None, help="comma-separated dev page ids for the engine and "
                    "perturbed groups (default: all 40)")
    ap.add_argument("--json", type=Path, default=None, help="write every pair's numbers here")
    args = ap.parse_args()

    groups = [g for g in args.groups.split(",") if g]
    work = args.work
    engine_dir = args.engine_dir or work / "engine"
    if "engine" in groups:
        make_engine_outputs(engine_dir)
    pair_list = pairs(groups, engine_dir, args.every,
                      set(args.pages.split(",")) if args.pages else None)
    if args.only:
        wanted = set(args.only.split(","))
        pair_list = [p for p in pair_list if p["id"] in wanted]
    lay_out(pair_list, work)
    cache_path = args.cache or work / "official_cache.json"
    cache = json.loads(cache_path.read_text()) if cache_path.exists() else {}
    absorb_partial(pair_list, cache_path.parent, cache)
    if not args.skip_official:
        run_official(pair_list, work, cache, cache_path, args.jobs, args.check_pixels)
    rows = []
    for pair in pair_list:
        official = cache.get(key(pair))
        if official is None:
            continue
        ours = run_ours(pair, work)
        if "error" in ours:
            print(f"{pair['id']}: ours failed: {ours['error']}", file=sys.stderr)
            continue
        rows.append({"id": pair["id"], "group": pair["group"], "ours": ours, "official": official})
        worst = max(FOUR, key=lambda m: abs(ours[m] - official[m]))
        print(f"{pair['id']}: " + " ".join(f"{m} {ours[m]:.3f}/{official[m]:.3f}" for m in FOUR)
              + f"  worst {worst} {abs(ours[worst] - official[worst]):.3f}  ({ours['seconds']:.2f} s)",
              file=sys.stderr, flush=True)
    if not rows:
        sys.exit("no pair with an official result")
    print(f"load average {os.getloadavg()[0]:.1f}; {len(rows)} pairs\n")
    print("\n".join(summarise(rows)))
    worst = sorted(rows, key=lambda r: -max(abs(r["ours"][m] - r["official"][m]) for m in FOUR))[:8]
    print("\nworst pairs: " + ", ".join(
        f"{r['id']} ({max(abs(r['ours'][m] - r['official'][m]) for m in FOUR):.3f})" for r in worst))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
