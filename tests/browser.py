"""Headless Debian Chromium for tests (Playwright driving /usr/bin/chromium; it never downloads a browser).

Reusable beyond the portal, e.g. for the Prefect UI::

    with launch_chromium() as browser:
        page = browser.new_page()
        page.goto(url)

``serve_directory`` serves static files on 127.0.0.1 from a thread for the length of a ``with``;
``screenshot_on_failure`` keeps a picture of the page when the block inside it fails.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = os.environ.get("POLICYFLOW_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_missing() -> str | None:
    """Why Chromium cannot be launched here, or None when it can."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM}: run scripts/install-system-deps (Debian chromium, fonts-noto-cjk)"
    return None


@contextmanager
def launch_chromium() -> Iterator[object]:
    """A Playwright ``Browser`` on the Debian Chromium; closed (and Playwright stopped) on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def screenshot_on_failure(page: Page, path: Path) -> Iterator[None]:
    """If the block fails, save a full-page screenshot to ``path`` and name it in the failure."""
    try:
        yield
    except Exception as exc:
        try:
            page.screenshot(path=str(path), full_page=True)
            exc.add_note(f"screenshot of the page when it failed: {path}")
        except Exception as problem:  # a crashed page cannot be pictured; keep the first failure
            exc.add_note(f"no screenshot could be taken: {problem}")
        raise


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep request lines out of the test output."""


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve ``root`` over HTTP on 127.0.0.1 (a free port); yields the base URL ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
