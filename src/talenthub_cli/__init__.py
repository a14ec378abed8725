"""talenthub: a command-line catalogue of a project's materials, dates and contacts."""

__version__ = "0.1.0"
