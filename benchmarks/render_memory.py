"""Memory over many renders in one process: no leak of pages or contexts.

    .venv/bin/python benchmarks/render_memory.py [--renders 300]

Renders a small Tailwind page (with placeholder pictures and a script) N times in one process and
samples the resident memory of this process plus every browser process it started, every 50
renders. Prints the samples and the growth from the first sample after warm-up to the last.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from web_composer.render import render_html

PAGE = """<html><head><link rel="stylesheet"
href="https://cdn.jsdelivr.net/npm/tailwindcss@2.2.19/dist/tailwind.min.css"></head>
<body class="p-8"><h1 class="text-3xl text-blue-900">Render {n}</h1>
<img src="https://picsum.photos/seed/{n}/400/200"><p class="mt-4">Paragraph {n}</p>
<script>document.body.dataset.n = "{n}"; setInterval(() => {{}}, 100);</script></body></html>"""


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat[1]) == pid:
            found.append(int(entry.name))
    return found


def tree_rss_mib(root: int) -> float:
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
        stack.extend(_children(pid))
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=300)
    args = parser.parse_args()
    samples = []
    for n in range(1, args.renders + 1):
        render_html(PAGE.format(n=n))
        if n == 10 or n % 50 == 0:
            samples.append((n, tree_rss_mib(os.getpid())))
            print(f"after {n:4d} renders: {samples[-1][1]:8.1f} MiB (process + browser)", flush=True)
    first, last = samples[0][1], samples[-1][1]
    print(f"growth from render 10 to {args.renders}: {last - first:+.1f} MiB "
          f"({(last - first) / first * 100:+.1f} %)")


if __name__ == "__main__":
    main()
