"""Referral pathways (PW): facts a note states, and the action each combination requires."""
from __future__ import annotations

from dataclasses import dataclass

from ..findings import PATHWAY, Finding
from ..lexicon import Profile, humanise
from .conditions import Condition, ConditionCompiler



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
                                                 "pathways", ("when", "message"), enabled):
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

    def gaps(self, ctx) -> list[tuple[PathwayRule, tuple[int, int, int], str]]:
        """The rules whose facts hold and whose action is not recorded, each with the evidence its
        finding points at (note, start char, end char) and the risk level named in its message.
        `ctx` is one note's context or a case's view (cases.CaseView): judged the same way."""
        out = []
        high = self.facts.get("high_risk")
        for rule in self.rules.values():
            # whether the rule applies, each condition stopping at its first evidence; then the
            # evidence the finding points at, its first condition's
            if not all(c.holds(ctx) for c in rule.when) or any(c.holds(ctx) for c in rule.unless):
                continue
            real = [e for e in rule.when[0].evaluate(ctx) if e[0] >= 0 and e[2] > e[1]]
            where = min(real) if real else (0, 0, 0)
            level = "high" if high is not None and high.holds(ctx) else "medium"
            out.append((rule, where, level))
        return out

    def leaf_uses(self, uses: dict, seen: set) -> None:
        """The places its rules and facts read their leaves (Condition.leaf_uses)."""
        for rule in self.rules.values():
            for c in rule.when + rule.unless:
                c.leaf_uses(uses, seen)
        for fact in self.facts.values():  # (gaps() reads some facts by name: high_risk)
            fact.leaf_uses(uses, seen)

    def located_leaves(self) -> frozenset[int]:
        """The keys of the leaves whose places gaps() may point a finding at (the evidence of each
        rule's first condition): of the others it only asks whether they hold."""
        return frozenset(leaf.key for rule in self.rules.values() if rule.when
                         for leaf in rule.when[0].evidence_leaves())

    @staticmethod
    def finding(rule: PathwayRule, text: str, start: int, end: int, level: str, lines) -> Finding:
        """The finding of a gap, on the words of its evidence in `text` (`lines`: its LineIndex)."""
        if start == end and text:  # a fact with no words of its own: point at the note's first word
            end = start + (len(text[start:].split(None, 1)[0]) if text[start:].strip() else 1)
        line, col = lines.locate(start)
        return Finding(code=rule.code, name=rule.name, severity=rule.severity, start=start, end=end,
                       text=text[start:end], message=rule.message.replace("{level}", level), why=rule.why,
                       kind=PATHWAY, title=rule.title, line=line, column=col)
