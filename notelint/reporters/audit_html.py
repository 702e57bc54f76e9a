"""The audit's report.html: one self-contained page (no scripts, no CDN) rendered with Jinja2."""
from __future__ import annotations

from .charts import columns, hbars


def render_report(summary: dict, pathway_cases: list[dict], profile) -> str:
    """report.html's text (the audit writes it, as every output, through notelint.safefile).
    `profile`: the active Profile, whose titles label every code."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("notelint", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    names = profile.titles()
    missing_names = names
    t = summary["totals"]
    by_code = summary["findings_by_code"]
    charts = {
        "rules": hbars([(f'{f["code"]} {names.get(f["code"], f["name"])}', f["count"], f'{f["count"]:,}')
                        for f in by_code if profile.kind_of(f["code"]) == "wording"][:15],
                       "Wording findings by rule"),
        "missing": hbars([(f'{m["code"]} {missing_names.get(m["code"], "")}', 100 * m["rate"],
                           f'{100 * m["rate"]:.0f}%') for m in sorted(summary["missing_details"],
                                                                      key=lambda m: -m["rate"])],
                         "Share of domestic-abuse notes missing each detail"),
        "months": columns([(m, g["findings_per_100_notes"], f'{g["findings_per_100_notes"]:.0f}')
                           for m, g in summary["months"].items()][-24:],
                          "Wording findings per 100 notes, by month"),
        "teams": hbars([(team, g["findings_per_100_notes"], f'{g["findings_per_100_notes"]:.0f}')
                        for team, g in list(summary["teams"].items())[:20]],
                       "Wording findings per 100 notes, by team"),
    }
    return env.get_template("report.html.j2").render(
        s=summary, t=t, charts=charts, names=names, missing_names=missing_names, pathway_cases=pathway_cases)
