"""`notelint rules`: the documentation of each rule, printed from the lexicon so docs and rules never drift."""
from __future__ import annotations

import textwrap

from .lexicon import Profile


def _entries(profile: Profile):
    for rule in profile.rules.values():
        yield rule.code, rule.name, rule.severity, rule.message.replace('"{text}"', "").strip(" :"), rule
    for code, item in sorted((profile.checklist.get("items") or {}).items()):
        yield code, item.get("name", ""), item.get("severity", "warning"), item.get("summary", ""), item
    for code, item in sorted((profile.pathways.get("rules") or {}).items()):
        yield code, item.get("name", ""), item.get("severity", "error"), item.get("summary", ""), item


def listing(profile: Profile) -> str:
    rows = [f"{'code':<7} {'name':<34} {'severity':<8} what it flags",
            f"{'-' * 7} {'-' * 34} {'-' * 8} {'-' * 40}"]
    for code, name, severity, summary, _ in _entries(profile):
        rows.append(f"{code:<7} {name:<34} {severity:<8} {summary}")
    rows.append(f"\nProfile: {profile.name}. `notelint rules CODE` explains one rule.")
    return "\n".join(rows)


def _wrap(text: str) -> str:
    return "\n".join(textwrap.fill(p, 88) for p in text.split("\n"))


def _fix_safety(rule) -> str:
    """What `fix` and a click can do for this rule, read from the same patterns the engine uses."""
    availability = rule.fix_availability
    if availability == "never":
        return "No automatic fix: the sentence needs a person to reword it. The advice above is shown, never inserted."
    kinds = rule.applicabilities()
    how = ("A safe fix is available: `notelint fix` applies it by default (meaning and grammar kept)."
           if kinds == {"safe"} else
           "An unsafe fix is available: applied only with `notelint fix --unsafe-fixes` (read the result)."
           if kinds == {"unsafe"} else
           "Safe and unsafe fixes are available: safe ones are applied by default, unsafe ones with --unsafe-fixes.")
    when = ("for every pattern of this rule" if availability == "always" else
            "for some wordings only (where replacement words fit the flagged span exactly)")
    return f"Fix availability: {availability}, {when}. {how}"


def _fill_placeholders(profile: Profile, text: str) -> str:
    """A message as a person reads it: contacts filled in, the risk level named in general."""
    return profile.fill_contacts(text).replace("{level}", "high or medium")


def explain(profile: Profile, code: str) -> str | None:
    rule = profile.rule(code)
    if rule is not None:
        out = [f"# {rule.code} ({rule.name}): {rule.title}", "",
               f"Kind: wording. Severity: {rule.severity}. Fix: {rule.fix_availability}. Defined in {rule.source}.", "",
               "## What it does", _wrap(rule.message.replace('"{text}"', "This wording").replace("{text}", "this")), "",
               "## Why is this bad?", _wrap(rule.why), ""]
        if rule.example.get("bad"):
            out += ["## Example", f"    {rule.example['bad']}", ""]
        out += ["## Use instead"]
        if rule.example.get("good"):
            out += [f"    {rule.example['good']}", ""]
        if rule.advice:
            out += [f"Advice: {'; '.join(rule.advice)}", ""]
        out += ["## Fix safety", _wrap(_fix_safety(rule))]
        return "\n".join(out)
    key = code.upper()
    titles = profile.titles()
    for section, label, default_severity in ((profile.checklist.get("items") or {}, "Required detail (kind: missing)", "warning"),
                                             (profile.pathways.get("rules") or {}, "Referral pathway (kind: pathway)", "error")):
        for c, item in section.items():
            if not isinstance(item, dict):
                continue
            if c == key or item.get("name") == code.lower():
                severity = item.get("severity", default_severity)
                out = [f"# {c} ({item.get('name', '')}): {titles.get(c, '')}", "",
                       f"{label}. Severity: {severity}. Fix: never (a person records it).", "",
                       "## What it checks", _wrap(_fill_placeholders(profile, str(item.get("summary", "")))), "",
                       "## Why it matters", _wrap(_fill_placeholders(profile, str(item.get("why", "")))), ""]
                if item.get("example"):
                    out += ["## Example of a note that records it", f"    {item['example']}", ""]
                if item.get("message"):
                    out += ["## What notelint says", _wrap(_fill_placeholders(profile, str(item["message"]))), ""]
                return "\n".join(out)
    return None
