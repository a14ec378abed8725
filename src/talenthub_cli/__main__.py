"""`python -m talenthub_cli` runs the command line."""

from talenthub_cli.cli.start import run

run()
