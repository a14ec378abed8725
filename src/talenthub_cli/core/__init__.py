"""The domain core: model, dates, validation and queries. No I/O, no Typer, no Rich."""
