"""The `webcompose` command line: parsing and printing only; the work lives in the library.

One module per command family registers its commands on the shared Typer ``app``.
Heavy libraries (torch, transformers, peft, playwright, OCR) are imported inside commands.
"""

from . import batch, bench, doctor, instruct, model, refine, render, resume, score, screenshot, serve  # noqa: F401  (registers the commands)
from . import edit  # noqa: F401  (registers `webcompose edit`)
from .app import app, main

__all__ = ["app", "main"]
