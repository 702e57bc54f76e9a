"""The staff page in a real browser (Debian's Chromium): type a note, see highlights, see the advice
beside the note, apply a replacement, all by keyboard too; desktop and phone widths, screenshotted."""
import os
from pathlib import Path

import pytest

from browser import launch, playwright_api
from conftest import need_module
from serving import running_server

need_module("fastapi", "FastAPI (pip install '.[serve]')")

NOTE = ("Ms Reid disclosed that her partner, Sam Cole, hit her and threatened her with a knife. "
        "DASH 16, high risk. She refused to engage with Women's Aid. She was hostile when I asked about the "
        "children. She is in a volatile relationship.")
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server():
    with running_server() as url:
        yield url


@pytest.fixture()
def shots(tmp_path):
    """Where screenshots go: NOTELINT_SCREENSHOTS to keep them for a person to look at, else tmp."""
    folder = Path(os.environ.get("NOTELINT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture()
def open_page(server):
    with playwright_api().sync_playwright() as p:
        browser = launch(p)
        pages = []

        def _open(viewport):
            page = browser.new_page(viewport=viewport)
            page.outside = []
            page.on("request", lambda r: page.outside.append(r.url) if not r.url.startswith(server) else None)
            page.goto(server)
            page.wait_for_function("document.querySelectorAll('#profile option').length > 0")
            pages.append(page)
            return page
        yield _open
        for page in pages:
            assert page.outside == [] and page.context.cookies() == []
            assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0
        browser.close()


def wait_marks(page, n=1):
    page.wait_for_function(f"document.querySelectorAll('#highlights mark').length >= {n}", timeout=15000)


def caret_to(page, phrase):
    """Put the caret inside `phrase` in the note with the keyboard (Ctrl+Home, then arrows)."""
    text = page.input_value("#note")
    page.keyboard.press("Control+Home")
    for _ in range(text.index(phrase) + 2):
        page.keyboard.press("ArrowRight")


def test_type_see_highlights_and_advice_beside_the_note_then_apply(open_page, shots):
    page = open_page(DESKTOP)
    page.get_by_role("textbox", name="Case note").click()
    page.keyboard.type(NOTE)
    wait_marks(page, 4)
    marks = page.locator("#highlights mark").all_inner_texts()
    assert {"refused to engage", "hostile", "volatile relationship"} <= set(marks)
    box = page.locator("#highlights mark", has_text="refused to engage").bounding_box()
    assert box and box["width"] > 40  # drawn where the words are
    caret_to(page, "refused to engage")
    detail = page.locator("#detail")
    page.wait_for_function("document.querySelector('#detail h3') !== null")
    assert "Refused" in detail.locator("h3").inner_text()
    assert "was unable to" in detail.locator(".advice").inner_text()  # advice: text, not a button
    assert detail.get_by_role("button", name="Use “was unable to”").count() == 0
    # beside the note at desktop width
    note_box, detail_box = page.locator("#note").bounding_box(), detail.bounding_box()
    assert detail_box["x"] >= note_box["x"] + note_box["width"] and detail_box["y"] < note_box["y"] + 100
    page.screenshot(path=str(shots / "page-desktop.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollHeight") < 1800  # compact: no 3,900 px side panel
    detail.get_by_role("button", name="Use “did not engage”").click()
    assert "She did not engage with Women's Aid." in page.input_value("#note")
    page.wait_for_function("!document.querySelector('#highlights').textContent.includes('refused')", timeout=15000)
    assert page.locator("#missing li").count() > 0
    assert [o.strip() for o in page.locator("#profile option").all_inner_texts()] == [
        "Mansfield District Council", "Bassetlaw District Council"]


def test_keyboard_only(open_page):
    page = open_page(DESKTOP)
    for _ in range(6):  # Tab from the top of the page to the note
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "note":
            break
    assert page.evaluate("document.activeElement.id") == "note"
    page.keyboard.type(NOTE)
    wait_marks(page, 4)
    caret_to(page, "refused to engage")
    page.wait_for_function("document.querySelector('#detail button.apply') !== null")
    page.keyboard.press("Tab")  # from the note straight to the replacement beside it
    assert page.evaluate("document.activeElement.textContent") == "Use “did not engage”"
    page.keyboard.press("Enter")
    assert "She did not engage with Women's Aid." in page.input_value("#note")
    assert page.evaluate("document.activeElement.id") == "note"  # back in the note to carry on typing
    # a finding chosen from the list with the keyboard is shown beside the note and selected in it
    page.wait_for_function("document.getElementById('status').textContent.includes('wording issue')", timeout=15000)
    page.locator("#findings button.finding").first.focus()
    page.keyboard.press("Enter")
    selected = page.evaluate("(() => { const n = document.getElementById('note'); "
                             "return n.value.slice(n.selectionStart, n.selectionEnd); })()")
    assert selected and selected in page.locator("#detail").inner_text() + page.input_value("#note")
    assert page.locator("#detail h3").count() == 1


def test_phone_width_keeps_the_advice_under_the_note(open_page, shots):
    page = open_page(PHONE)
    page.get_by_role("textbox", name="Case note").click()
    page.keyboard.type(NOTE)
    wait_marks(page, 4)
    caret_to(page, "hostile")
    page.wait_for_function("document.querySelector('#detail h3') !== null")
    note_box, detail_box = page.locator("#note").bounding_box(), page.locator("#detail").bounding_box()
    assert 0 <= detail_box["y"] - (note_box["y"] + note_box["height"]) < 160  # right under the note
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing off the side
    page.screenshot(path=str(shots / "page-phone.png"), full_page=True)
    page.locator("#detail").get_by_role("button", name="Use “upset”").click()
    assert "She was upset when I asked" in page.input_value("#note")
