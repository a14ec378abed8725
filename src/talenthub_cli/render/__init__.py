"""Output: each format is a module with one renderer; `registry` lists them for `--format`."""
