"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, for the report and the staff page.

Without Chromium or Playwright the browser tests are skipped on a developer's machine and fail in CI
(`conftest.need`): the privacy of the page and the report rests on them.
"""
import os
import shutil

from conftest import need, need_module

CHROMIUM = os.environ.get("NOTELINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def playwright_api():
    """playwright.sync_api, with Chromium present (or the test skipped / failed in CI)."""
    api = need_module("playwright.sync_api", "the playwright Python package (pip install '.[test]')")
    need(CHROMIUM, "Chromium (apt install chromium)")
    return api


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
