"""Exports: the selected materials written in the formats other programs read, one module each."""
