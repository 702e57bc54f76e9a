"""The audit's report.html: one self-contained page (no scripts, no CDN) rendered with Jinja2.

Its length is bounded whatever the size of the export: every table shows its first rows and says
how many more are in the CSV files beside the report."""
from __future__ import annotations

from .charts import columns, hbars

MONTHS_SHOWN = 24


def render_report(summary: dict, pathway_cases: list[dict], profile) -> str:
    """report.html's text (the audit writes it, as every output, through notelint.safefile).
    `profile`: the active Profile, whose titles label every code."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("notelint", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    names = dict(profile.titles()) if profile is not None else {}
    for row in (*summary.get("findings_by_code", ()), *summary.get("missing_details", ()),
                *summary.get("pathway_alerts", ())):
        names.setdefault(row["code"], row.get("title") or row["code"])
    t = summary["totals"]
    by_code = summary["findings_by_code"]
    wording_rules = [f for f in by_code if f.get("kind") == "wording"]
    months = list(summary["months"].items())[-MONTHS_SHOWN:]
    charts = {
        "rules": hbars([(names.get(f["code"], f["code"]), f["count"], f'{f["count"]:,}') for f in wording_rules[:15]],
                       "Judgemental wording by rule"),
        "missing": hbars([(names.get(m["code"], m["code"]), 100 * m["rate"], f'{100 * m["rate"]:.0f}%')
                          for m in sorted(summary["missing_details"], key=lambda m: -m["rate"])],
                         "Share of domestic-abuse notes missing each detail"),
        "pathways": hbars([(names.get(p["code"], p["code"]), p["cases"], f'{p["cases"]:,}')
                           for p in summary.get("pathway_alerts", [])], "Cases with each pathway alert"),
        "months": columns([(m, g["wording_per_100_notes"], f'{g["wording_per_100_notes"]:.0f}') for m, g in months],
                          "Judgemental wording per 100 notes, by month"),
        "teams": hbars([(team, g["wording_per_100_notes"], f'{g["wording_per_100_notes"]:.0f}')
                        for team, g in list(summary["teams"].items())[:20]],
                       "Judgemental wording per 100 notes, by team"),
    }
    return env.get_template("report.html.j2").render(
        s=summary, t=t, charts=charts, names=names, pathway_cases=pathway_cases, months=months,
        wording_rules=len(wording_rules), months_total=len(summary["months"]))
