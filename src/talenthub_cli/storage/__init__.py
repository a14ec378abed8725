"""Storage: the only layer that touches files (catalogues, the config file, the index cache)."""
