"""The staff page in a real browser: type a note, see the highlight, apply a suggestion, see the checklist."""
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from browser import launch, playwright_api


@pytest.fixture(scope="module")
def server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "notelint", "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            time.sleep(0.25)
    else:
        proc.kill()
        pytest.fail("server did not start: " + proc.stderr.read().decode()[-500:])
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_type_highlight_apply_and_checklist(server, tmp_path):
    with playwright_api().sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
        page.goto(server)
        page.get_by_role("textbox", name="Case note").click()
        page.keyboard.type("Ms Reid disclosed that her partner, Sam Cole, hit her. She is in a volatile relationship.")
        mark = page.locator("#highlights mark").first
        mark.wait_for(state="attached", timeout=10000)
        assert mark.inner_text() == "volatile relationship"
        box = mark.bounding_box()
        assert box and box["width"] > 20  # drawn where the words are
        missing = page.locator("#missing li")
        assert missing.count() > 0
        before = missing.count()
        page.locator("button.finding").first.focus()  # keyboard: focus the finding to see why
        assert "Why:" in page.inner_text("#detail")
        page.get_by_role("button", name="Use “relationship with an abuser”").first.click()
        assert page.input_value("#note").endswith("She is in a relationship with an abuser.")
        page.wait_for_function("document.querySelectorAll('#highlights mark').length === 0", timeout=10000)
        page.keyboard.press("End")
        page.keyboard.type(" She has no children. She is not pregnant.")
        page.wait_for_function(f"document.querySelectorAll('#missing li').length < {before}", timeout=10000)
        page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
        cookies = page.context.cookies()
        stored = page.evaluate("() => localStorage.length + sessionStorage.length")
        browser.close()
    assert outside == [] and cookies == [] and stored == 0
