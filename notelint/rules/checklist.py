"""Required details (RF): is this a DA note, and which details does it not record?"""
from __future__ import annotations

from dataclasses import dataclass

from ..findings import MissingDetail
from ..lexicon import Profile, humanise
from .conditions import Condition, ConditionCompiler, has_spans


@dataclass
class ChecklistItem:
    code: str
    name: str
    severity: str
    message: str
    why: str
    recorded_when: Condition
    applies_when: Condition | None = None
    title: str = ""

    def applies(self, ctx) -> bool:
        return self.applies_when is None or self.applies_when.holds(ctx)

    def recorded(self, ctx) -> bool:
        key = ("item", self.code)
        if key not in ctx.memo:
            ctx.memo[key] = self.recorded_when.holds(ctx)
        return ctx.memo[key]




class Checklist:
    def __init__(self, da_note: Condition | None, items: dict[str, ChecklistItem],
                 da_sentence: Condition | None = None):
        self.da_note = da_note
        self.da_sentence = da_sentence  # a sentence about abuse in a note that is not (as a whole) a DA note
        self.items = items

    @classmethod
    def compile(cls, profile: Profile, compiler: ConditionCompiler, enabled: set[str],
                detection_table=None) -> "Checklist":
        """`detection_table`: where the DA-note condition's patterns go (matched on every note);
        the items' patterns go to the compiler's table (matched on DA notes only)."""
        spec = profile.checklist
        lines = spec.get("__lines__", {})
        detected: dict[str, Condition] = {}
        if "writers" in spec:  # (first: any condition may leave the writer's own agency out)
            compiler.source = lines.get("writers", "checklist")
            compiler.compile_writers(spec["writers"], "checklist: writers")
        for key in ("da_note", "da_sentence"):  # matched on every note, so in the detection table
            if key in spec:
                compiler.source = lines.get(key, "checklist")
                items_table = compiler.table
                compiler.table = detection_table or items_table
                detected[key] = compiler.compile(spec[key], f"checklist: {key}")
                compiler.table = items_table
                if key == "da_sentence" and not has_spans(detected[key]):
                    compiler.fail(compiler.source, "da_sentence: expected patterns (any / together), not facts")
        items: dict[str, ChecklistItem] = {}
        # every item is compiled, those not selected too: a pathway's fact may refer to one (`applies: RF12`)
        # when the item itself is not reported (--ignore RF12)
        every = set(spec.get("items") or {}) if isinstance(spec.get("items"), dict) else enabled
        for code, raw, where in compiler.entries(spec.get("items") or {}, lines.get("items", "checklist"),
                                                 "checklist", ("recorded_when", "message"), every):
            items[code] = ChecklistItem(
                code=code, name=str(raw.get("name", code.lower())), severity=str(raw.get("severity", "warning")),
                message=" ".join(profile.fill_contacts(str(raw["message"])).split()), why=" ".join(str(raw.get("why", "")).split()),
                recorded_when=compiler.compile(raw["recorded_when"], where),
                applies_when=compiler.compile(raw["applies_when"], where) if "applies_when" in raw else None,
                title=str(raw.get("title") or humanise(str(raw.get("name", code.lower())))),
            )
        compiler.items.update(items)
        return cls(detected.get("da_note"), {c: i for c, i in items.items() if c in enabled}, detected.get("da_sentence"))

    def leaf_uses(self, uses: dict, seen: set) -> None:
        """The places its items read their leaves (Condition.leaf_uses); the DA-note conditions are
        not among them (a note's facts carry whether it is a DA note)."""
        for item in self.items.values():
            for cond in (item.applies_when, item.recorded_when):
                if cond is not None:
                    cond.leaf_uses(uses, seen)

    def is_da_note(self, ctx) -> bool:
        return bool(self.da_note and self.da_note.holds(ctx))

    def missing(self, ctx) -> list[MissingDetail]:
        out = []
        for item in self.items.values():
            if item.applies(ctx) and not item.recorded(ctx):
                out.append(MissingDetail(item.code, item.name, item.severity, item.message, item.why, item.title))
        return out
