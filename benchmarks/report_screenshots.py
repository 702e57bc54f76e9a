"""The audit report in Chromium at a given size of export: page height, overlapping labels, a screenshot.

    python3 benchmarks/report_screenshots.py --notes 3000 100000 --kind da-team --out /tmp/shots

For each size: builds an export (benchmarks/audit.py), audits it with no column flags, opens
report.html in headless Chromium (Debian's /usr/bin/chromium) at 1100 px wide, prints the page
height and any overlapping chart labels, and saves a full-page screenshot and a print PDF.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))
from audit import build_export  # noqa: E402

OVERLAPS = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const boxes = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect()).filter(b => b.width > 0);
    const outer = svg.getBoundingClientRect();
    boxes.forEach((a, i) => {
      if (a.left < outer.left - 1 || a.right > outer.right + 1) out.push([svg.getAttribute('aria-label'), 'outside']);
      boxes.slice(i + 1).forEach(b => {
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          out.push([svg.getAttribute('aria-label'), 'overlap']);
      });
    });
  }
  return out;
}"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, nargs="+", default=[3000, 100_000])
    ap.add_argument("--kind", choices=("mixed", "da-team"), default="da-team")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "notelint-report-shots")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from browser import launch

    args.out.mkdir(parents=True, exist_ok=True)
    for n in args.notes:
        export = args.out / f"export-{n}.csv"
        if not export.exists():
            build_export(export, n, kind=args.kind)
        out = args.out / f"audit-{n}"
        for f in out.glob("*") if out.exists() else ():
            f.unlink()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "notelint", "audit", str(export), "-o", str(out), "--jobs",
                        str(args.jobs), "--quiet"], cwd=ROOT, check=False, env={**os.environ})
        took = time.perf_counter() - start
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto((out / "report.html").as_uri())
            height = page.evaluate("document.documentElement.scrollHeight")
            problems = page.evaluate(OVERLAPS)
            page.screenshot(path=str(args.out / f"report-{n}.png"), full_page=True)
            page.pdf(path=str(args.out / f"report-{n}.pdf"), format="A4")
            browser.close()
        print(f"{n:,} notes ({args.kind}): audit {took:.0f} s, report {(out / 'report.html').stat().st_size / 1024:.0f} KiB, "
              f"page height {height:,} px, overlapping labels: {problems or 'none'}; "
              f"screenshot {args.out / f'report-{n}.png'}")


if __name__ == "__main__":
    main()
