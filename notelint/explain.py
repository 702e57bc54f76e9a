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


def explain(profile: Profile, code: str) -> str | None:
    rule = profile.rule(code)
    if rule is not None:
        out = [f"# {rule.code} ({rule.name})", "",
               f"Severity: {rule.severity}. Fix: {rule.fix}. Defined in {rule.source}.", "",
               "## What it does", _wrap(rule.message.replace('"{text}"', "This wording").replace("{text}", "this")), "",
               "## Why is this bad?", _wrap(rule.why), ""]
        if rule.example.get("bad"):
            out += ["## Example", f"    {rule.example['bad']}", ""]
        out += ["## Use instead"]
        if rule.example.get("good"):
            out += [f"    {rule.example['good']}", ""]
        out += [f"Preferred wording: {'; '.join(rule.suggestions)}", ""]
        out += ["## Fix safety",
                "A safe fix: `notelint fix` swaps the wording like for like." if rule.fix == "safe" else
                "Unsafe: the wording needs a person to rewrite the sentence (applied only with --unsafe-fixes)."]
        return "\n".join(out)
    key = code.upper()
    for section, label in ((profile.checklist.get("items") or {}, "Required detail"),
                           (profile.pathways.get("rules") or {}, "Referral pathway")):
        for c, item in section.items():
            if c == key or item.get("name") == code.lower():
                out = [f"# {c} ({item.get('name', '')})", "", f"{label}. Severity: {item.get('severity', 'warning')}.", "",
                       "## What it checks", _wrap(item.get("summary", "")), "",
                       "## Why it matters", _wrap(item.get("why", "")), ""]
                if item.get("example"):
                    out += ["## Example of a note that records it", f"    {item['example']}", ""]
                if item.get("message"):
                    out += ["## What notelint says when it is missing", _wrap(item["message"]), ""]
                return "\n".join(out)
    return None
