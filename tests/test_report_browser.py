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
        assert page.inner_text("#card-pathways .n") == str(summary["totals"]["cases_with_pathway_alerts"])
        bars = page.locator("svg.chart rect.bar")
        assert bars.count() >= 4
        box = bars.first.bounding_box()
        assert box and box["width"] > 2 and box["height"] > 2  # drawn, not just in the markup
        assert page.get_by_role("img", name="Judgemental wording by rule").is_visible()
        assert "How to read this" in page.inner_text("body")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()
    assert all(u.startswith("file://") for u in requests)  # nothing fetched from anywhere else


# ---- at scale: the page stays the same length, its labels readable ------------------------------

OVERLAPS = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const outer = svg.getBoundingClientRect();
    const boxes = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()])
                                                  .filter(([, b]) => b.width > 0);
    boxes.forEach(([ta, a], i) => {
      if (a.left < outer.left - 1 || a.right > outer.right + 1) out.push(`${ta} outside its chart`);
      boxes.slice(i + 1).forEach(([tb, b]) => {
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          out.push(`${ta} overlaps ${tb}`);
      });
    });
  }
  return out;
}"""


def _fake_audit(out, notes: int, seed: int = 3):
    """An audit of `notes` made-up note results (no pipeline: only the report's size is under test):
    400 authors, 30 teams, 36 months, 20 rules, many pathway cases."""
    import random

    from notelint.audit import Audit, AuditFields
    from notelint.lexicon import load_profile

    profile = load_profile("mansfield")
    titles = profile.titles()
    wording = sorted(c for c in titles if profile.kind_of(c) == "wording")
    pathway = sorted(c for c in titles if profile.kind_of(c) == "pathway")
    missing = sorted(c for c in titles if profile.kind_of(c) == "missing")
    rnd = random.Random(seed)
    audit = Audit(out, "mansfield", AuditFields(), rulebook=profile)
    audit.columns["export.csv"] = {"note": "Case Note", "id": "Note ID", "case": "Case Ref", "date": "Date",
                                   "team": "Team", "author": "Officer"}
    results = []
    for i in range(notes):
        found = [{"code": c, "kind": "wording", "name": c, "title": titles[c], "severity": "warning",
                  "phrase": f"phrase {rnd.randint(1, 400)}", "suggestion": "better words", "snippet": "…[NAME]…"}
                 for c in rnd.sample(wording, rnd.choice([0, 0, 1, 2]))]
        found += [{"code": c, "kind": "pathway", "name": c, "title": titles[c], "severity": "error", "phrase": "",
                   "suggestion": "", "snippet": ""} for c in rnd.sample(pathway, rnd.choice([0] * 12 + [1, 2]))]
        results.append({"id": f"N{i}", "case": f"HO-{rnd.randint(1, notes // 4)}",
                        "date": f"{2023 + i % 36 // 12}-{i % 12 + 1:02d}-01",
                        "team": f"Team {i % 30 + 1}", "author": f"Officer {i % 400 + 1}",
                        "is_da": True, "findings": found, "missing": rnd.sample(missing, rnd.randint(0, 4)),
                        "facts": None})
    audit.add_many(results)
    return audit.finish(10.0, ["export.csv"])


def test_report_length_is_bounded_and_labels_do_not_overlap(tmp_path):
    api = playwright_api()
    heights = {}
    with api.sync_playwright() as p:
        browser = launch(p)
        for n in (2_000, 20_000):
            summary = _fake_audit(tmp_path / str(n), n)
            assert summary["authors_total"] == 400 and summary["teams_total"] == 30 and len(summary["months"]) == 36
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto((tmp_path / str(n) / "report.html").as_uri())
            heights[n] = page.evaluate("document.documentElement.scrollHeight")
            assert page.evaluate(OVERLAPS) == []
            body = page.inner_text("body")
            assert "and 375 more authors — see authors.csv" in body and "and 5 more teams — see teams.csv" in body
            assert page.locator("#pathway-cases tbody tr").count() == 50 and "more — see cases.csv" in body
            months = page.locator("svg.months text.mon").all_text_contents()
            assert months and set(months) <= {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                              "Nov", "Dec"}  # "Jan", never "2026-012026-02…"
            captions = page.locator("figure figcaption").all_inner_texts()
            assert len(captions) == page.locator("svg.chart").count() >= 5
            assert all(any(u in c for u in ("per 100 notes", "count of", "Number of", "Percentage")) for c in captions)
            page.emulate_media(media="print")
            assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") \
                == "rgba(0, 0, 0, 0)"  # the print stylesheet applies
            page.close()
        browser.close()
    assert heights[20_000] < 16_000 and abs(heights[20_000] - heights[2_000]) < 0.15 * heights[2_000], heights
