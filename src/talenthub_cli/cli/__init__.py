"""The command line: thin Typer commands over the core, storage and render layers."""
