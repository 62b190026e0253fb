"""``--ray [ADDRESS]``, shared by `batch` and `bench design2code`: run the jobs on a Ray cluster.

The address is optional (``--ray`` alone starts a local Ray for the batch), which the command
line parser cannot express by itself, so ``RayCommand`` reads the word after ``--ray`` first: it
is the address only when it looks like one (``auto``, ``local``, ``ray://...``, ``host:port``);
otherwise ``--ray`` stands alone and that word is left for the command (e.g. the JOBS file).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperCommand

LOCAL = "local"  # the same word batch_ray uses for "a Ray started here"
_ADDRESS = re.compile(r"^(auto|local|ray://\S+|[\w.-]+:\d+)$")

RayAddress = Annotated[Optional[str], typer.Option(
    "--ray", metavar="[ADDRESS]", help=(
        "Run the jobs on a Ray cluster: 'auto', host:port or ray://host:port; alone, a local Ray "
        "on this machine. Needs `pip install 'webcompose[ray]'`."))]


def looks_like_address(word: str) -> bool:
    return bool(_ADDRESS.match(word))


class RayCommand(TyperCommand):
    """A command whose ``--ray`` may be given without an address."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        fixed = list(args)
        for index, word in enumerate(fixed):
            if word == "--":
                break
            if word == "--ray":
                following = fixed[index + 1] if index + 1 < len(fixed) else None
                if following is None or not looks_like_address(following):
                    fixed.insert(index + 1, LOCAL)
                break
        return super().parse_args(ctx, fixed)
