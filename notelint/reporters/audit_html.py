"""The audit's report.html: one self-contained page (no scripts, no CDN) rendered with Jinja2."""
from __future__ import annotations

from .charts import columns, hbars


def _labels() -> tuple[dict[str, str], dict[str, str]]:
    """Plain names for codes, from the lexicon (what a manager reads instead of "RF05")."""
    from ..lexicon import load_profile

    prof = load_profile(None)
    names = {c: r.name.replace("-", " ") for c, r in prof.rules.items()}
    items = (prof.checklist.get("items") or {})
    missing = {c: str(i.get("name", c)).replace("-", " ") for c, i in items.items() if isinstance(i, dict)}
    for c, r in (prof.pathways.get("rules") or {}).items():
        if isinstance(r, dict):
            names[c] = str(r.get("summary") or r.get("name", c))
    return names, missing


def render_report(summary: dict, pathway_cases: list[dict]) -> str:
    """report.html's text (the audit writes it, as every output, through notelint.safefile)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("notelint", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    names, missing_names = _labels()
    t = summary["totals"]
    by_code = summary["findings_by_code"]
    charts = {
        "rules": hbars([(f'{f["code"]} {names.get(f["code"], f["name"])}', f["count"], f'{f["count"]:,}')
                        for f in by_code if not f["code"].startswith("PW")][:15],
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
