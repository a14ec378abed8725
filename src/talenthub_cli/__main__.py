"""`python -m talenthub_cli` runs the command line."""

from talenthub_cli.cli.app import main

main()
