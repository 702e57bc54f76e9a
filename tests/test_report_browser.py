"""report.html in a real browser: it opens offline, shows the headline figures and draws its charts."""
import json

from click.testing import CliRunner

from notelint.cli import main
from browser import launch, playwright_api


def test_report_renders_figures_and_charts(tmp_path):
    api = playwright_api()
    out = tmp_path / "audit"
    r = CliRunner().invoke(main, ["audit", "samples/export.csv", "-o", str(out), "--jobs", "1", "--quiet",
                                  "--case-field", "Case Ref", "--skip-status", "Draft"])
    assert r.exit_code == 0, r.output
    summary = json.loads((out / "summary.json").read_text())
    with api.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        requests = []
        page.on("request", lambda req: requests.append(req.url))
        page.goto((out / "report.html").as_uri())
        assert page.inner_text("#card-notes .n") == str(summary["totals"]["notes"])
        assert page.inner_text("#card-pathways .n") == str(summary["totals"]["cases_with_pathway_errors"])
        bars = page.locator("svg.chart rect.bar")
        assert bars.count() >= 4
        box = bars.first.bounding_box()
        assert box and box["width"] > 2 and box["height"] > 2  # drawn, not just in the markup
        assert page.get_by_role("img", name="Wording findings by rule").is_visible()
        assert "How to read this" in page.inner_text("body")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()
    assert all(u.startswith("file://") for u in requests)  # nothing fetched from anywhere else
