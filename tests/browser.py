"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, for the report and the staff page."""
import os
import shutil

import pytest

CHROMIUM = os.environ.get("NOTELINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (apt install chromium)")


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
