"""`python -m web_composer` runs the CLI."""

from .cli import main

main()
