"""The catalogue on the web: the page that `export --format html` writes and the pages that
`serve` answers with, from one set of Jinja2 templates (`page.py`), and the ASGI app (`app.py`)."""
