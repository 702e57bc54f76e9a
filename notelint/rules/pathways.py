"""Referral pathways (PW): facts a note states, and the action each combination requires."""
from __future__ import annotations

from dataclasses import dataclass

from ..findings import PATHWAY, Finding
from ..lexicon import Profile, humanise
from .conditions import Condition, ConditionCompiler

RULE_KEYS = {"name", "title", "summary", "why", "message", "severity", "when", "unless", "enabled", "example"}


@dataclass
class PathwayRule:
    code: str
    name: str
    severity: str
    message: str
    why: str
    when: list[Condition]
    unless: list[Condition]
    title: str = ""


class Pathways:
    def __init__(self, rules: dict[str, PathwayRule], facts: dict[str, Condition]):
        self.rules = rules
        self.facts = facts

    @classmethod
    def compile(cls, profile: Profile, compiler: ConditionCompiler, enabled: set[str]) -> "Pathways":
        spec = profile.pathways
        lines = spec.get("__lines__", {})
        compiler.source = lines.get("facts", "pathways")
        facts = compiler.compile_facts(dict(spec.get("facts") or {}), "pathways: facts")
        rules = {}
        for code, raw, where in compiler.entries(spec.get("rules") or {}, lines.get("rules", "pathways"),
                                                 "pathways", RULE_KEYS, ("when", "message"), enabled):
            for name in [x for x in raw["when"] + (raw.get("unless") or []) if isinstance(x, str)]:
                if name not in facts:
                    compiler.fail(where, f"unknown fact {name!r} (defined: {', '.join(sorted(facts))})")
            message = profile.fill_contacts(str(raw["message"]))
            rules[code] = PathwayRule(
                code=code, name=str(raw.get("name", code.lower())), severity=str(raw.get("severity", "error")),
                message=" ".join(message.split()), why=" ".join(str(raw.get("why", "")).split()),
                when=[compiler.compile(c, where) for c in raw["when"]],
                unless=[compiler.compile(c, where) for c in raw.get("unless") or []],
                title=str(raw.get("title") or humanise(str(raw.get("name", code.lower())))),
            )
        return cls(rules, facts)

    def met(self, ctx) -> list[str]:
        """Codes whose required action this note records (a case-level view cancels their gaps)."""
        return [code for code, rule in self.rules.items() if rule.unless and any(c.holds(ctx) for c in rule.unless)]

    def check(self, ctx) -> list[Finding]:
        out = []
        for rule in self.rules.values():
            evidence = []
            for cond in rule.when:
                ev = cond.evaluate(ctx)
                if not ev:
                    break
                evidence.append(ev)
            else:
                if any(c.holds(ctx) for c in rule.unless):
                    continue
                out.append(self._finding(rule, evidence[0], ctx))
        return out

    def _finding(self, rule: PathwayRule, spans, ctx) -> Finding:
        real = [s for s in spans if s[1] > s[0]]
        s, e = min(real) if real else (0, min(1, len(ctx.doc)))
        if len(ctx.doc) == 0:
            cs = ce = 0
        else:
            cs, ce = ctx.char_span(s, e)
        line, col = ctx.lines.locate(cs)
        level = "high" if ctx.memo.get(("fact", "high_risk")) else "medium"
        return Finding(code=rule.code, name=rule.name, severity=rule.severity, start=cs, end=ce,
                       text=ctx.text[cs:ce], message=rule.message.replace("{level}", level), why=rule.why,
                       kind=PATHWAY, title=rule.title, line=line, column=col)
