"""The language rule type: phrases from the lexicon, filtered by context.

A candidate becomes a finding unless one of the rule's declared conditions
says the words are not the writer's judgement of the survivor.  The order is
cheapest first, so most candidates are settled without finding the agent.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

from ..findings import WORDING, Finding, LineIndex, Replacement
from ..lexicon import LanguageRule, Profile
from .context import (AgentFinder, ClassIndex, People, Sentences, in_ranges, lower_words, merge_ranges, per_note,
                      quote_ranges, speaker_lines)
from .cues import HYPOTHETICAL, META, NEGATED, REPORTED, ContextCues, CueMarks
from .conditions import token_spans
from .matching import Hit, HitIndex, MatchTable


class NoteContext:
    """Per-note analyses, each computed at most once and only when asked for."""

    def __init__(self, doc: Doc, hits: dict[str, list[Hit]], classes: ClassIndex, lower: list[int] | None = None,
                 marks: list[int] | None = None, cues: ContextCues | None = None, words: list[str] | None = None,
                 cue_marks: CueMarks | None = None):
        """`lower`: the note's word hashes, `marks`: its sentence-ending punctuation, `words`: its
        lower-case words, `cue_marks`: the cue categories that may apply in it and where
        (ContextCues.note_masks), if found already (for a whole batch); `cues`: the profile's context cues."""
        self.cues = cues if cues is not None else ContextCues([], classes)
        self.doc = doc
        self._lower = lower
        self._marks = marks
        text = doc.user_data.get("notelint_text")  # as read, line breaks included
        self.text = doc.text if text is None else text
        self.hits = hits
        self.classes = classes
        self.is_da_note = False
        self.da_sentence = None  # the checklist's da_sentence condition (Checklist.da_sentence), if any
        self.memo: dict = {}
        self.cue_mask, self.cue_places = cue_marks if cue_marks is not None else (None, None)
        if words is not None:
            self.words = words  # (else computed when first read)
        self.note = 0  # this note's place among the notes judged together (see cases.py)

    def release(self) -> None:
        """Lets go of the note's analyses once its report is made.  They refer to each other (the
        who-is-who model reads the context that holds it), so without this each note's would wait for
        the garbage collector; dropped here, reference counting frees them at once."""
        self.__dict__.clear()

    # -- the leaves of checklist and pathway conditions (conditions.Leaf) --------------------------
    def leaf(self, cond) -> list[tuple[int, int, int]]:
        """Where a leaf condition holds in this note: (note, start char, end char), computed once."""
        hits = self.hits
        for group in cond.needs:  # (most leaves: a group with no matches at all settles it)
            if not hits.get(group):
                return []
        key = cond.memo_keys[0]
        ev = self.memo.get(key)
        if ev is None:
            ev = self.memo[key] = [(self.note, *self.char_span(s, e)) for s, e in cond.spans(self)]
        return ev

    def leaf_holds(self, cond) -> bool:
        hits = self.hits
        for group in cond.needs:
            if not hits.get(group):
                return False
        evidence, key = cond.memo_keys
        ev = self.memo.get(evidence)
        if ev is not None:
            return bool(ev)
        if not cond.stops_early:
            return bool(self.leaf(cond))
        held = self.memo.get(key)
        if held is None:
            held = self.memo[key] = bool(cond.spans(self, limit=1))
        return held

    @per_note
    def words(self) -> list[str]:
        """The note's tokens in lower case (read by index in every context scan)."""
        return lower_words(self.doc, self._lower)

    @per_note
    def sentences(self) -> Sentences:
        return Sentences(self.doc, self._marks, self.classes, self.words)

    @per_note
    def quotes(self) -> tuple[list[tuple[int, int]], list[int]]:
        r = quote_ranges(self.text)
        if ":" in self.text:  # a dialogue's lines of the other person's words count as quoted
            spoken = speaker_lines(self.doc, self.words, self.classes, self.text)
            if spoken:
                r = merge_ranges(r + spoken)
        return r, [a for a, _ in r]

    def quoted(self, start_char: int, end_char: int) -> bool:
        ranges, starts = self.quotes
        return bool(ranges) and in_ranges(ranges, starts, start_char, end_char)

    def quoted_from_writer(self, start_char: int) -> bool:
        """The quotation holding `start_char` gives the writer's own words: a verb of speech whose
        subject is the writer introduces it in the same sentence ('I asked her, "Why do you stay?"')."""
        ranges, starts = self.quotes
        k = bisect_right(starts, start_char) - 1
        if k < 0:
            return False
        opening = ranges[k][0] - 1  # the opening mark's character
        tok = bisect_right(self.token_starts, opening) - 1
        if tok < 0:
            return False
        lo, _ = self.sentences.bounds(tok)
        words = self.words
        for j in range(tok - 1, lo - 1, -1):
            if words[j] in self.classes.words["speech_verb"] or words[j] in self.classes.words["question_verb"]:
                return self.agents.find(j).kind == "writer"
        return False

    @per_note
    def token_starts(self) -> list[int]:
        return [t.idx for t in self.doc]

    @per_note
    def agents(self) -> AgentFinder:
        def people(finder: AgentFinder) -> People:
            cues = defaultdict(list)
            for h in self.hits.get("cue", ()):
                cues[h.key.owner].append((h.start, h.end))
            roles = [(role, cues.get(f"{role}_{side}_name", []), side == "before")
                     for role in ("perpetrator", "survivor", "other") for side in ("before", "after")]
            return People(self.doc, self.words, self.classes, cues.get("relation_noun", []),
                          cues.get("abuse_verb", []), finder, unsaid=self._unsaid,
                          perp_acts=cues.get("perpetrator_act", []), enquired=cues.get("enquired_of", []),
                          roles=roles)
        return AgentFinder(self.doc, self.words, self.classes, self.sentences, people)

    def _unsaid(self, s: int, e: int) -> bool:
        """The words at tokens [s, e) are someone's quoted words, are negated, or are a claim threatened
        or made up ("she will tell the police he hit her") (People's votes)."""
        return bool(self.quotes[0]) and self.quoted(*self.char_span(s, e)) or (
            self.cues.may_hold(self, NEGATED) and self.cues.holds(self, NEGATED, s, e)) or (
            self.cues.may_hold(self, HYPOTHETICAL) and self.cues.holds(self, HYPOTHETICAL, s, e))

    def add_hits(self, more: dict[str, list[Hit]]) -> None:
        """Hits of a second matching pass (the checklist's, on DA notes only)."""
        memo = self.memo
        for group, hits in more.items():
            self.hits.setdefault(group, []).extend(hits)
            # the indexes made from this group's hits are out of date (the rest of the memo holds)
            memo.pop(("cond_exc", group), None)
            memo.pop(("hits", group), None)

    def in_da_sentence(self, tok: int) -> bool:
        """Whether token `tok` is in a sentence that is about domestic abuse on its own words (the
        profile's da_sentence condition): a wording rule scoped to DA notes applies there too."""
        if self.da_sentence is None:
            return False
        found = self.memo.get("da sentences")
        if found is None:
            bounds = self.sentences.bounds
            found = self.memo["da sentences"] = {bounds(s) for s, _ in token_spans(self.da_sentence, self)}
        return bool(found) and self.sentences.bounds(tok) in found

    def cond_hits(self, owner: str) -> list[Hit]:
        """The hits of condition `owner`'s patterns (MatchTable lists them apart: Key.group)."""
        return self.hits.get(owner, ())

    def cond_exceptions(self, owner: str) -> HitIndex:
        key = ("cond_exc", owner)
        index = self.memo.get(key)
        if index is None:
            index = self.memo[key] = HitIndex.of(self.cond_hits(owner))
        return index

    @per_note
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def char_span(self, s: int, e: int) -> tuple[int, int]:
        doc = self.doc
        return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)

    def sentence_distance(self, a: int, b: int, limit: int = 1 << 30) -> int:
        """How many sentence ends lie between tokens a and b (a <= b), counting up to `limit`."""
        index = self.sentences.index()
        return min(max(index[b] - index[a], 0), limit)

    def hit_index(self, kind: str, owner: str) -> HitIndex:
        """The hits of `kind` whose key's owner is `owner`, indexed (the kind's hits are sorted out
        by owner in one pass, the first time one is asked for)."""
        by_owner = self.memo.get(("hits", kind))
        if by_owner is None:
            by_owner = self.memo[("hits", kind)] = {}
            for h in self.hits.get(kind, ()):
                found = by_owner.get(h.key.owner)
                if found is None:
                    by_owner[h.key.owner] = [h]
                else:
                    found.append(h)
        index = by_owner.get(owner)
        if index.__class__ is not HitIndex:  # (a list of hits not indexed yet, or none)
            index = by_owner[owner] = HitIndex.of(index)
        return index

    def sentence_hits(self, kind: str, owner: str, tok: int, before: int = 0) -> list[Hit]:
        """The hits in the sentence of token `tok` (and in the `before` sentences before it)."""
        lo, hi = self.sentences.bounds(tok)
        for _ in range(before):
            if lo == 0:
                break
            lo = self.sentences.bounds(lo - 1)[0]
        return self.hit_index(kind, owner).between(lo, hi)


@dataclass
class LanguageChecker:
    rules: dict[str, LanguageRule]

    @classmethod
    def compile(cls, profile: Profile, table: MatchTable) -> "LanguageChecker":
        rules = {c: r for c, r in profile.rules.items() if r.enabled}
        for code, rule in rules.items():
            for i, spec in enumerate(rule.patterns):
                table.add("trigger", code, i, spec.text, spec.source)
                for j, pat in enumerate(spec.requires_before):  # (listed under the pattern's own owner)
                    table.add("requires_before", _pattern_owner(code, i), j, pat, spec.source)
            for i, pat in enumerate(rule.exceptions):
                table.add("exception", code, i, pat, rule.source)
            for i, pat in enumerate(rule.sentence_unless):
                table.add("sentence_unless", code, i, pat, rule.source)
            for i, pat in enumerate(rule.requires_before):
                table.add("requires_before", code, i, pat, rule.source)
            for phrase_class in (rule.preceded_by or ())[2:]:  # the object and subject classes are matched
                if phrase_class:                                 # in the walk (their * too)
                    table.add("cue", phrase_class, 0, f"@{phrase_class}", rule.source)
        return cls(rules)

    def check(self, ctx: NoteContext) -> list[Finding]:
        in_scope: list[tuple[LanguageRule, Hit]] = []
        out_of_scope: dict[str, list[Hit]] = defaultdict(list)
        for hit in ctx.hits.get("trigger", ()):
            rule = self.rules[hit.key.owner]
            if ((rule.patterns[hit.key.index].scope or rule.scope) == "da_note" and not ctx.is_da_note
                    and not ctx.in_da_sentence(hit.start)):
                out_of_scope[rule.code].append(Hit(hit.key, *hit.focus))
            else:
                in_scope.append((rule, hit))
        if out_of_scope:  # a pattern out of scope takes its words with it ("alleged" of "alleged perpetrator"),
            # not the same words matched by a pattern that holds everywhere
            spans = {code: HitIndex(hits) for code, hits in out_of_scope.items()}
            same = {(code, h.start, h.end) for code, hits in out_of_scope.items() for h in hits}
            in_scope = [(r, h) for r, h in in_scope if r.code not in spans or not spans[r.code].covers(*h.focus)
                        or (r.code, *h.focus) in same]
        # one finding per rule per place: the longest match wins.  The hits are judged in that order,
        # so a hit inside the words of one already kept for its rule is not judged at all.
        # (ties: the longer whole match, whose context is more specific; then a pattern with a safe fix,
        # so its replacement is the one offered)
        in_scope.sort(key=lambda rh: (rh[1].focus[0], -(rh[1].focus[1] - rh[1].focus[0]),
                                      -(rh[1].end - rh[1].start), _fix_of(rh[0], rh[1]) != "safe"))
        kept: list[tuple[LanguageRule, int, int, Hit]] = []
        last_end: dict[str, int] = {}
        for rule, hit in in_scope:
            s, e = hit.focus
            if s < last_end.get(rule.code, -1):
                continue
            if self._applies(rule, hit, ctx, ctx.hit_index("exception", rule.code)):
                kept.append((rule, s, e, hit))
                last_end[rule.code] = e
        return self._resolve(kept, ctx)

    def _applies(self, rule: LanguageRule, hit: Hit, ctx: NoteContext, exceptions) -> bool:
        doc = ctx.doc
        if exceptions.hits and exceptions.covers(hit.start, hit.end):
            return False
        fs, fe = hit.focus
        if rule.quoted == "skip" and ctx.quotes[0]:  # (most notes quote no one: no characters to find)
            cs, ce = ctx.char_span(fs, fe)
            if ctx.quoted(cs, ce) and not ctx.quoted_from_writer(cs):
                return False
        if rule.capitalised == "skip" and not _abbreviation(doc, fs, fe):
            # a capital inside a sentence makes the words a name or a title, not one after a label's
            # colon, a bullet or a line break ("Entry 17/08: Victim says ..."), nor an abbreviation
            # written in capitals ("S/U says", "DV victim")
            lo, _ = ctx.sentences.bounds(fs)
            words, opens = ctx.words, ctx.classes.words["clause_mark"]
            if any(doc[t].is_title for t in range(fs, fe) if t > lo and words[t] != "the"
                   and not (t == fs and (words[t - 1] in opens or "\n" in ctx.text[doc[t - 1].idx:doc[t].idx]))):
                return False
        # where the agent is looked for: the words' start, or their focus when they start with the mark before it
        # (". {Uncooperative} when": the one uncooperative, not the end of the sentence before), or when the
        # words open with whose it is ("Her {claim is that}": hers, whatever the sentence before was about)
        at = hit.start
        described = None  # or the person the words describe, named before them ("described her as")
        if hit.focus[0] > hit.start and (not doc[hit.start].is_alpha
                                         or ctx.words[hit.start] in ctx.classes.words["possessive"]):
            at = hit.focus[0]
            if doc[hit.start].is_alpha:  # ("going only on her {claim that}": the one the possessive names)
                described = ctx.agents.classify(hit.start).kind
        views: list[int] = []  # where a view phrase before the words starts ("No entry [described] her as")
        if described is None and rule.preceded_by and rule.patterns[hit.key.index].preceded_by:
            cls, skipping, obj, subject = rule.preceded_by
            described = _described(hit.start, ctx, obj, skipping, views) if obj else None
            if described is None:
                at = _preceded_by(doc, hit.start, ctx, cls, skipping, subject, views)
                if at < 0:
                    return False
        if rule.meta == "skip" and ctx.cues.holds(ctx, META, hit.start, hit.end):
            return False
        if rule.sentence_unless and ctx.sentence_hits("sentence_unless", rule.code, hit.start):
            return False
        if rule.requires_before and not any(
                h.end <= hit.start for h in ctx.sentence_hits("requires_before", rule.code, hit.start)):
            return False
        spec = rule.patterns[hit.key.index]
        if spec.requires_before and not any(h.end <= hit.start for h in ctx.sentence_hits(
                "requires_before", _pattern_owner(rule.code, hit.key.index), hit.start, spec.requires_within)):
            return False
        if rule.negated == "skip" and (ctx.cues.holds(ctx, NEGATED, hit.start, hit.end) or any(
                ctx.cues.holds(ctx, NEGATED, v, v + 1) for v in views)):  # a view denied is no view
            return False
        if rule.reported == "skip" and ctx.cues.holds(ctx, REPORTED, hit.start, hit.end):
            return False
        if spec.object is not None and ctx.agents.classify(hit.focus[1] - 1).kind not in spec.object:
            return False  # the person the words are done to, named last in what is reported ("leaving Tariq")
        if spec.sentence_subject is not None and ctx.agents.sentence_subject(hit.start).kind not in spec.sentence_subject:
            return False  # whom the sentence is about ("Kayleigh had been out, which is what set him off")
        if spec.subject is not None and _named_in(ctx, hit.start, hit.end) not in spec.subject:
            return False  # the doer named inside the words ("so he snapped": he, not the clause before's subject)
        allow = spec.agent if spec.agent is not None else rule.agent
        deny = spec.agent_not if spec.agent_not is not None else rule.agent_not
        if allow is not None or deny:
            agent = described if described is not None else ctx.agents.find(at).kind
            doer = ctx.agents.passive_doer(*hit.focus)  # a passive's doer named after it is the one acting
            if doer is not None:
                agent = doer.kind
            if allow is not None and agent not in allow:
                return False
            if deny and agent in deny:
                return False
        return True

    def _resolve(self, kept, ctx: NoteContext) -> list[Finding]:
        """The findings of the hits kept, one per rule per place (check)."""
        # a more specific rule drops the general one inside it (NL110 over NL102)
        spans: dict[str, list[tuple[int, int]]] = {}
        for rule, s, e, _ in kept:
            for code in rule.supersedes:
                spans.setdefault(code, []).append((s, e))
        out = []
        said: set[tuple[str, tuple[int, int]]] = set()  # (rule, sentence) of the rules with `once: sentence`
        for rule, s, e, hit in kept:
            covering = spans.get(rule.code)
            if covering:
                k = bisect_right(covering, (e, e)) - 1
                if any(os < e and s < oe for os, oe in covering[max(0, k - 3):k + 1]):
                    continue
            if rule.once != "place":
                where = (rule.code, ctx.sentences.bounds(s))
                if rule.once == "clause":  # (the sentence's clauses: split at its commas and its breaking marks)
                    lo = where[1][0]
                    breaks = ctx.classes.words["clause_break"]
                    where += (sum(1 for w in ctx.words[lo:s] if w == "," or (w in breaks and not w.isalpha())),)
                if where in said:
                    continue
                said.add(where)
            cs, ce = ctx.char_span(s, e)
            line, col = ctx.lines.locate(cs)
            words = ctx.text[cs:ce]
            out.append(Finding(
                code=rule.code, name=rule.name, severity=rule.severity, start=cs, end=ce, text=words,
                message=rule.message.replace("{text}", " ".join(words.split())), why=rule.why,
                kind=WORDING, title=rule.title, advice=rule.advice, line=line, column=col,
                replacements=_replacements(rule, hit, words, ctx, s, e),
            ))
        return out


def _abbreviation(doc: Doc, s: int, e: int) -> bool:
    """Tokens [s, e) are an abbreviation in capitals ("S/U", "DV", "SU"): every word of three letters
    at most and in upper case (not a name: "Hope", "Victoria")."""
    return all(t.is_upper and len(t) <= 3 or t.is_punct for t in doc[s:e]) and any(t.is_alpha for t in doc[s:e])


_NOT_SOMEONE = frozenset({"thing", "unknown", "none", "passive"})  # agent kinds that name no one


def _named_in(ctx: NoteContext, start: int, end: int) -> str | None:
    """Whom the first word of tokens [start, end) that names someone names (None: no such word)."""
    for k in range(start, end):
        kind = ctx.agents.classify(k).kind
        if kind not in _NOT_SOMEONE:
            return kind
    return None


def _pattern_owner(code: str, index: int) -> str:
    """Whose hits a pattern's own requires_before phrases are (a rule's are its code's)."""
    return f"{code}/{index}"


def _fix_of(rule: LanguageRule, hit: Hit) -> str | None:
    """The applicability of what this pattern matched, None if the pattern has no replacement."""
    spec = rule.patterns[hit.key.index]
    return (spec.fix or rule.fix) if spec.replace else None


def _replacements(rule: LanguageRule, hit: Hit, words: str, ctx: "NoteContext", s: int, e: int
                  ) -> tuple[Replacement, ...]:
    """The pattern's replacements that fit the words around the span (see `fits`)."""
    spec = rule.patterns[hit.key.index]
    if not spec.replace:
        return ()
    applicability = spec.fix or rule.fix
    before = _neighbour(ctx, s - 1, -1)
    after = _neighbour(ctx, e, 1)
    out = []
    for template in spec.replace:
        text = _match_case(_fill(template, words), words)
        if text != words and fits(text, before, after, ctx.classes):
            out.append(Replacement(text, applicability))
    return tuple(out)


def _neighbour(ctx: "NoteContext", k: int, step: int) -> str:
    """The nearest word at or beyond token k in direction `step` (lower case; "" at the note's edge)."""
    words = ctx.words
    while 0 <= k < len(words):
        if not words[k].isspace():
            return words[k]
        k += step
    return ""


def fits(replacement: str, before: str, after: str, classes: ClassIndex) -> bool:
    """Whether the replacement reads on with the words either side: no word doubled at a join
    ("to to"), an article that agrees ("an record"), and no two verb groups meeting ("has did
    not", "will does not": the class @verb_group)."""
    parts = replacement.lower().split()
    if not parts:
        return False
    if parts[0] == before or parts[-1] == after or (after and after in parts[1:]):
        return False  # a word doubled where it joins ("to to", "with an abuser with Mr Tate")
    if before in ("a", "an") and (before == "an") != (parts[0][0] in "aeiou"):
        return False
    if before in classes.words["verb_group"] and parts[0] in classes.words["verb_group"]:
        return False
    return True


_WORD_REF = re.compile(r"\{(\d+)(-?)\}")


def _fill(template: str, words: str) -> str:
    """`did not {3-}` with "refused to turn up" -> "did not turn up" ({3}: the 3rd word, {3-}: from it on)."""
    parts = words.split()

    def word(m: re.Match) -> str:
        k = int(m.group(1)) - 1
        return " ".join(parts[k:]) if m.group(2) else (parts[k] if k < len(parts) else "")
    return _WORD_REF.sub(word, template)


def _match_case(replacement: str, original: str) -> str:
    """Keep a capital at the start of a sentence ("Low risk" -> "Standard risk")."""
    if original[:1].isupper() and not original.isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _word_before(i: int, ctx: NoteContext, skipping: str) -> tuple[int, int]:
    """(first token of token i's sentence, the word before i once words of class `skipping` are passed)."""
    lo, _ = ctx.sentences.bounds(i)
    j = i - 1
    C, words = ctx.classes, ctx.words
    while j >= lo and skipping and C.ends_at(skipping, words, j):
        j -= C.ends_at(skipping, words, j)
    return lo, j


def _phrase_ending_at(ctx: NoteContext, cls: str, lo: int, j: int) -> int:
    """Where the longest phrase of class `cls` (matched in the walk) that ends at token j and starts at
    or after token lo starts; -1 if none does."""
    return min((h.start for h in ctx.hit_index("cue", cls).between(lo, j + 1) if h.end == j + 1), default=-1)


def _in_list(j: int, lo: int, ctx: NoteContext) -> bool:
    """Token j joins an item of a list to the one before it ("rude, hostile", "rude and hostile")."""
    words = ctx.words
    return j - 1 > lo and (words[j] == "," or words[j] in ctx.classes.words["coordinator"]) and ctx.doc[j - 1].is_alpha


def _described(i: int, ctx: NoteContext, obj: str, skipping: str, views: list[int] | None = None,
               hops: int = 2) -> str | None:
    """Who the words at token i describe when a phrase of class `obj` comes just before them (after
    words of `skipping`), and names its person ("described her as", "found Ms Reid"): the kind of
    the last person word in that phrase; None if no such phrase or no person in it.  Where the phrase
    starts is added to `views`."""
    lo, j = _word_before(i, ctx, skipping)
    start = _phrase_ending_at(ctx, obj, lo, j)
    n = j + 1 - start if start >= 0 else 0
    for k in range(j, j - n, -1):
        kind = ctx.agents.classify(k).kind
        if kind in ("survivor", "perpetrator", "other"):
            if views is not None:
                views.append(j + 1 - n)
            return kind
    if not n and hops and _in_list(j, lo, ctx):
        return _described(j - 1, ctx, obj, skipping, views, hops - 1)  # "described her as rude and hostile"
    return None


def _preceded_by(doc: Doc, i: int, ctx: NoteContext, cls: str, skipping: str, subject: str = "",
                 views: list[int] | None = None, hops: int = 2) -> int:
    """Where the word before token i (skipping words of class `skipping`) is of class `cls` — or, in
    a list ("she was chaotic and difficult", "rude, hostile"), the word before the list's first item
    is; -1 if not.  The agent of the phrase is then the agent of that word ("she" of "she was").
    `subject`: a class of phrases (matched in the walk, `*` allowed) that may stand there instead, whose
    words describe their clause's subject ("was described in the tenancy file as"): the agent is found
    where the phrase's verb group starts (its @aux words before it, as for a copula's "was"), and where
    the phrase itself starts is added to `views`."""
    lo, j = _word_before(i, ctx, skipping)
    words = ctx.words
    n = ctx.classes.ends_at(cls, words, j) if j >= lo else 0
    if n:
        return j - n + 1  # "tends to be hostile": the agent of "tends"
    if subject and j >= lo:
        start = _phrase_ending_at(ctx, subject, lo, j)
        if start >= 0:
            if views is not None:
                views.append(start)
            while start > lo and words[start - 1] in ctx.classes.words["aux"]:
                start -= 1
            return start
    if hops and _in_list(j, lo, ctx):
        return _preceded_by(doc, j - 1, ctx, cls, skipping, subject, views, hops - 1)
    # a sentence that is the description alone, said of the one the note was just about ("Cust refused
    # NWA. Very hostile on phone."): the words open it and stand as a predicate (a preposition, a
    # coordinator or the sentence's end after them; not "Aggressive damp in the bathroom")
    if j < lo and _predicative(i, ctx):
        return i
    # note style with no verb ("Mr H aggressive when asked", "Cust hostile on phone", "Tnt - hostile")
    if j > lo and words[j] in ctx.classes.words["clause_mark"] and words[j] not in (";", "."):
        j -= 1
    if j >= lo and _names_clause_subject(doc, j, lo, ctx):
        return j + 1
    return -1


def _predicative(i: int, ctx: NoteContext) -> bool:
    """The word at token i stands as a predicate: the sentence ends after it, or a preposition, a
    coordinator or a clause's mark follows it."""
    _, hi = ctx.sentences.bounds(i)
    if i + 1 >= hi or ctx.doc[i + 1].is_punct:
        return True
    C, nxt = ctx.classes, ctx.words[i + 1]
    return nxt in C.words["preposition"] or nxt in C.words["coordinator"] or nxt in C.words["clause_mark"] \
        or nxt in C.words["clause_break"]


def _names_clause_subject(doc: Doc, j: int, lo: int, ctx: NoteContext) -> bool:
    """Token j ends a mention of a person (a name, with or without a title; a role word) that opens
    its clause: the sentence's first words, or the first after a bullet, a dash, a label's colon or a
    comma ("visited, Chantelle hostile and swearing")."""
    C, words = ctx.classes, ctx.words
    if not doc[j].is_alpha or words[j] in C.words["possessive"] or words[j] in C.words["object_pronoun"]:
        return False  # "Her abusive ex-partner": her ex-partner is described, not her
    if ctx.agents.classify(j).kind not in ("survivor", "perpetrator"):
        return False
    k = j
    while k > lo and k > j - 3 and doc[k - 1].is_alpha and (doc[k - 1].is_title or doc[k - 1].is_upper) \
            and words[k] not in C.words["title"]:
        k -= 1
    return k == lo or words[k - 1] in C.words["clause_mark"] or words[k - 1] == ","  # (", Chantelle hostile")
