"""Take the README's screenshots, in Debian's Chromium (as the browser tests do): the exported
page at 1280 and 390 pixels wide, and a search page of `talenthub serve`:

    .venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))
from tests.web.conftest import CHROMIUM_ARGS as ARGS  # noqa: E402 (the tests' own flags)


def main() -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("no chromium on PATH (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "catalogue.html"
        subprocess.run(
            [sys.executable, "-m", "talenthub_cli", "export", "-o", str(page_file)], check=True
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            for width, height in ((1280, 900), (390, 844)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_file.as_uri() + "#q=nomad")
                page.locator("#all-materials").scroll_into_view_if_needed()
                page.evaluate("document.getElementById('all-materials').scrollIntoView()")
                page.screenshot(path=str(HERE / "images" / f"export-{width}.png"))
                page.close()
            server = subprocess.Popen(
                [sys.executable, "-m", "talenthub_cli", "serve", "--port", "0"],
                stdout=subprocess.PIPE,
                text=True,
            )
            try:
                assert server.stdout is not None
                url = server.stdout.readline().split(" at ")[1].split()[0]
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url + "?q=type%3Asurvey+OR+nomad")
                page.click("details.explain summary")
                page.screenshot(path=str(HERE / "images" / "serve-1280.png"))
            finally:
                server.terminate()
                server.wait()
            browser.close()


if __name__ == "__main__":
    main()
