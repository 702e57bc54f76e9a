"""The spaCy pipeline: a tokenizer (blank English, or a trained pipeline) and the notelint component.

    nlp = build_nlp("mansfield")
    doc = nlp("She refused to engage.")
    doc._.notelint.findings

or, inside any spaCy pipeline:  nlp.add_pipe("notelint", config={"profile": "bassetlaw"}).
"""
from __future__ import annotations

import gc
import marshal
import threading
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import replace
from typing import Iterable, Iterator, NamedTuple

import numpy as np
import spacy
from spacy.attrs import LOWER, ORTH
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, minibatch

from . import cache
from .cases import CasePlan, NoteFacts
from .findings import Report
from .lexicon import Profile, load_profile
from .patterns import words_of
from .rules.checklist import Checklist
from .rules.conditions import ConditionCompiler
from .rules.cues import ContextCues, CueMarks
from .rules.context import ClassIndex, sentence_end_hashes, word_strings
from .rules.language import LanguageChecker, NoteContext
from .rules.matching import DIRECT_LIMIT, ClassPlans, MatchTable, split_places
from .rules.pathways import Pathways
from .text import SoftWrapTokenizer
from .typos import Misspellings, lexicon_words, real_words_near, targets

if not Doc.has_extension("notelint"):
    Doc.set_extension("notelint", default=None)


class NotelintComponent:
    """Finds judgemental wording (and, with a checklist, missing details and pathway gaps)."""

    def __init__(self, nlp: Language, name: str, profile: str | None, select: list[str], ignore: list[str],
                 checklist: str, facts: bool = False):
        """`facts`: also record each note's NoteFacts (report.facts["note"]), so that the notes of
        a case can be judged together (cases.judge_case)."""
        if checklist not in ("auto", "always", "never"):
            raise ValueError(f"checklist must be auto, always or never, not {checklist!r}")
        self.name = name
        self.vocab = nlp.vocab
        self.profile: Profile = load_profile(profile)
        self.checklist_mode = checklist
        # shorthand and misspellings (the profile's spellings): each written form's word hash and the one
        # it is read as, sorted for a vectorised lookup over a batch's words
        strings = nlp.vocab.strings
        pairs = sorted((strings.add(w), strings.add(r)) for w, r in self.profile.spellings.items())
        self._spelt = np.array([a for a, _ in pairs], dtype=np.uint64)
        self._read_as = np.array([b for _, b in pairs], dtype=np.uint64)
        self._misspellings = None  # (built with the first batch: typos.Misspellings)
        self._lexicon_words = None
        self._near = None  # the real words beside the lexicon's (typos.real_words_near): compiled and cached
        key = cache.cache_key(self.profile.sources, DIRECT_LIMIT, sorted(select), sorted(ignore))
        saved = _saved_tables(cache.load(key))
        self.table = MatchTable(nlp, self.profile.classes, plans=saved["classes"] if saved else None,
                                spellings=self.profile.spellings, inflections=self.profile.inflections)
        if saved:  # the lexicon as compiled by an earlier run: the add() calls below are no-ops
            self.table.restore(saved["tables"][0])
            near, words = saved.get("near"), saved.get("words")
            self._near = near if isinstance(near, frozenset) else None
            self._lexicon_words = words if isinstance(words, frozenset) else None
        else:
            self._near_words()  # (now, while little else is held: the dictionary it reads is freed before the tables grow)
        self.table.common_words = words_of(self.table.classes("anchor_stopwords"))
        for cls in ("relation_noun", "abuse_verb", "perpetrator_act", "enquired_of", "perpetrator_before_name",
                    "perpetrator_after_name", "survivor_before_name", "survivor_after_name",
                    "other_before_name", "other_after_name"):  # read by the People model
            self.table.add("cue", cls, 0, f"@{cls}", cls)
        enabled = _selected(self.profile, select, ignore)
        self.language = LanguageChecker.compile(
            _only(self.profile, enabled), self.table)
        # The checklist's and pathways' phrases are matched in a second pass, on DA notes only.
        self.checks = MatchTable(nlp, self.profile.classes, share=self.table)
        if saved:
            self.checks.restore(saved["tables"][1])
        compiler = ConditionCompiler(self.checks, "lexicon")
        self.checklist = Checklist.compile(self.profile, compiler, enabled, detection_table=self.table)
        self.pathways = Pathways.compile(self.profile, compiler, enabled)
        # what a note's NoteFacts record for its case's judgement
        self.case_plan = CasePlan.of(self.checklist, self.pathways, {leaf.key: leaf for leaf in compiler.leaves})
        self.classes = ClassIndex(ClassPlans(self.table, self.profile.classes))
        if saved and isinstance(saved.get("class_index"), dict):
            self.classes.restore_index(saved["class_index"])
        self.cues = ContextCues(self.profile.cues, self.classes)
        if saved and isinstance(saved.get("cue_masks"), tuple):
            self.cues.restore_masks(saved["cue_masks"])
        self.enabled = enabled
        self.facts = facts
        self._frozen_at = 0  # the tables' unpacked count when the collector was last told to leave them
        if not saved:
            # (sealed first: the tables' tries are let go before the classes are expanded, so that a compile's
            # peak holds only one of them)
            self.table.seal()
            self.checks.seal()
            # every word class expanded now, so that a later run's first note expands none (the context
            # reads classes the tables never matched; expanding one needs the lemma table, 0.2 s to read),
            # and a class with a bad member is a load error, not one raised by the first note that reads it
            for name in self.profile.classes:
                self.table.classes(name)
            if cache.cache_dir() is not None:  # (the saved form is built only to be saved)
                classes = {k: v if v.__class__ is bytes else marshal.dumps(v)  # (unpacked when read: MatchTable.classes)
                           for k, v in self.table.plans.items() if k.startswith("class ")}
                cache.save(key, {"classes": classes, "tables": [self.table.state(), self.checks.state()],
                                 "near": self._near_words(), "words": self._words(),
                                 "cue_masks": self.cues.masks_state(), "class_index": self.classes.index_state()})

    def __call__(self, doc: Doc, prepared: Prepared | None = None) -> Doc:
        """`prepared`: what `pipe` has found for this note along with the rest of its batch."""
        if prepared is None:
            prepared = next(self._prepare([doc]))
        lower = prepared.lower
        ctx = NoteContext(doc, self.table(doc, prepared.found), self.classes, lower, prepared.marks,
                          self.cues, prepared.words, prepared.cue_marks)
        ctx.is_da_note = self.checklist.is_da_note(ctx)
        ctx.da_sentence = self.checklist.da_sentence
        report = Report(text=ctx.text, is_da_note=ctx.is_da_note)
        report.findings = self.language.check(ctx)
        judged = self.checklist_mode == "always" or (self.checklist_mode == "auto" and ctx.is_da_note)
        if judged or self.facts:
            ctx.add_hits(self.checks(doc, prepared.check_found))
        if self.facts:  # a later note of the case may make this one's facts count (cases.py)
            report.facts["note"] = NoteFacts.of(ctx, self.case_plan)
        if judged:
            report.missing = self.checklist.missing(ctx)
            report.findings += [self.pathways.finding(rule, ctx.text, s, e, level, ctx.lines)
                                for rule, (_, s, e), level in self.pathways.gaps(ctx)]
        report.findings.sort(key=lambda f: (f.start, f.end, f.code))
        doc._.notelint = report
        if not self.facts:  # (the note's facts hold its context until they are settled or closed: cases.LazyLeaves)
            ctx.release()
        self._freeze_unpacked()
        return doc

    def preload(self) -> None:
        """Unpacks the whole compiled lexicon now (a long-running process: no request pays for it later)."""
        self.table.preload()
        self.checks.preload()
        self._freeze_unpacked()

    def _freeze_unpacked(self) -> None:
        """Word classes unpacked from the cache while checking a note (MatchTable.classes) are put out
        of the garbage collector's reach, as the rest was at start-up (build_nlp): a
        full collection would otherwise walk them all again every few hundred notes."""
        unpacked = self.table.unpacked + self.checks.unpacked
        if unpacked != self._frozen_at:
            self._frozen_at = unpacked
            gc.freeze()

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """As __call__, with the vectorised part of the work done once per batch."""
        for batch in minibatch(docs, batch_size):
            for doc, prepared in zip(batch, self._prepare(batch)):
                yield self(doc, prepared)

    def _prepare(self, batch: list[Doc]) -> Iterator[Prepared]:
        """The batch's word hashes as one array: each table's phrases in each note and where
        sentence-ending punctuation is, found with a few numpy operations for all the notes."""
        arrays = [doc.to_array(LOWER) for doc in batch]
        bounds = [0]
        for a in arrays:
            bounds.append(bounds[-1] + len(a))
        words = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.uint64)
        if len(self._spelt) and len(words):  # "bk" read as "back", "volitile" as "volatile"
            at = np.minimum(np.searchsorted(self._spelt, words), len(self._spelt) - 1)
            words = np.where(self._spelt[at] == words, self._read_as[at], words)
        if self.profile.misspelling_min_length and len(words):
            words = self._read_slips(batch, words, bounds)
        lower = words.tolist()
        found = self.table.match(words, bounds)
        check_found = self.checks.match(words, bounds)
        marks = split_places(np.flatnonzero(np.isin(words, sentence_end_hashes(self.vocab.strings))), bounds)
        if next((doc.has_annotation("SENT_START") for doc in batch if len(doc) > 1), False):
            marks = [None] * len(batch)  # the pipeline sets sentences (a parser, a senter): use its
        strings = word_strings(self.vocab.strings, words)
        cue_marks = self.cues.note_masks(words, bounds)
        for k in range(len(batch)):
            a, b = bounds[k], bounds[k + 1]
            yield Prepared(lower[a:b], found[k], check_found[k], marks[k], strings[a:b], cue_marks[k])

    def _words(self) -> frozenset[str]:
        if self._lexicon_words is None:
            self._lexicon_words = lexicon_words(self.profile)
        return self._lexicon_words

    def _near_words(self) -> frozenset[str]:
        """The real words one slip from the lexicon's (none when slips are not read: min_length 0)."""
        if self._near is None:
            n = self.profile.misspelling_min_length
            self._near = real_words_near(targets(self._words(), n), self.profile.misspelling_common_log_probability) \
                if n else frozenset()
        return self._near

    def _read_slips(self, batch: list[Doc], words: np.ndarray, bounds: list[int]) -> np.ndarray:
        """The batch's words with each slip of a lexicon word, written in lower case, read as that word
        ("beleive" as "believe"): each distinct word is looked at once (typos.Misspellings remembers it)."""
        slips = self._misspellings
        if slips is None:
            slips = self._misspellings = Misspellings(self._words(), self.profile.misspelling_min_length,
                                                      self._near_words())
        strings = self.vocab.strings
        unknown = {}  # words no dictionary or lexicon has (names, numbers, slips): most notes have a few
        for h in np.unique(words).tolist():
            word = strings[h] if h in strings else None
            if word is not None and slips.unknown(word):
                unknown[h] = word
        if not unknown:
            return words
        out = None
        for p in np.flatnonzero(np.isin(words, np.array(list(unknown), dtype=np.uint64))).tolist():
            k = bisect_right(bounds, p) - 1
            if not batch[k][p - bounds[k]].is_lower:
                continue  # (a name: "Belive" at a sentence's start may be one; only lower case is read as a slip)
            target = slips.correct(unknown[int(words[p])])
            if target is not None:
                if out is None:
                    out = words.copy()
                out[p] = strings.add(target)
        return words if out is None else out


class Prepared(NamedTuple):
    lower: list[int]         # the note's lower-case word hashes
    found: list[int]         # the main table's phrases in the note (MatchTable.match)
    check_found: list[int]   # the checklist's table's
    marks: list[int] | None  # tokens that are sentence-ending punctuation (None: the doc's sentences)
    words: list[str] | None = None  # the lower-case words
    cue_marks: CueMarks | None = None  # the context cues' categories that may apply in it, and where (ContextCues.note_masks)


def _saved_tables(data: dict | None) -> dict | None:
    """A cache entry in the expected shape, else None (then the lexicon is compiled afresh)."""
    if (isinstance(data, dict) and isinstance(data.get("classes"), dict) and isinstance(data.get("tables"), list)
            and len(data["tables"]) == 2 and all(isinstance(t, tuple) and len(t) == 3 for t in data["tables"])):
        return data
    return None


def _selected(profile: Profile, select: list[str], ignore: list[str]) -> set[str]:
    def codes(items: list[str]) -> set[str]:
        out = set()
        for item in items:
            item = item.strip()
            if not item:
                continue
            code = profile.code_of(item)
            if code is not None:
                out.add(code)
            else:  # a prefix such as NL1 or NL
                matched = {c for c in profile.all_codes() if c.startswith(item.upper())}
                if not matched:
                    raise ValueError(f"unknown rule code or name: {item}")
                out |= matched
        return out

    chosen = codes(select) if select else set(profile.all_codes())
    return chosen - codes(ignore)


def _only(profile: Profile, enabled: set[str]) -> Profile:
    return replace(profile, rules={c: r for c, r in profile.rules.items() if c in enabled})


@Language.factory(
    "notelint",
    default_config={"profile": None, "select": [], "ignore": [], "checklist": "auto", "facts": False},
)
def make_notelint(nlp: Language, name: str, profile: str | None, select: list[str], ignore: list[str],
                  checklist: str, facts: bool) -> NotelintComponent:
    return NotelintComponent(nlp, name, profile, list(select), list(ignore), checklist, facts)


# A form's label run into its value ("DASH=9", "Score:15", "DASH-14"): split where a word meets a
# number, as spaCy already splits "risk=high" (the patterns are tokenised the same way).
_LABEL_VALUE_INFIXES = (r"(?<=[A-Za-z])[=:](?=[0-9])", r"(?<=[A-Za-z]{2})-(?=[0-9])")


def _in_capitals(exceptions: dict) -> dict:
    """spaCy's special cases and each contraction in capitals, split as in lower case ("DIDN'T" as "DID"
    "N'T", as "didn't" is): a note typed in capitals keeps its negations (spaCy lists only the lower-case
    and title-case forms)."""
    return exceptions | {k.upper(): [{**piece, ORTH: piece[ORTH].upper()} for piece in v]
                         for k, v in exceptions.items()
                         if ("'" in k or "’" in k) and k.upper() != k and k.upper() not in exceptions}


class _NoteDefaults(English.Defaults):
    infixes = [*English.Defaults.infixes, *_LABEL_VALUE_INFIXES]
    # spaCy keeps a few faces made of a digit and a bracket or a colon as one token ("8)", ":3"): in a case note
    # "(8)" is a child's age and "Score:3" a score, so they are split like any other number; and a face of
    # brackets and punctuation alone ("):", ":(") is a closing bracket before a label's colon ("notes (KM): ...")
    # (and each in capitals: _in_capitals)
    tokenizer_exceptions = _in_capitals({k: v for k, v in English.Defaults.tokenizer_exceptions.items()
                                         if not (any(c.isdigit() for c in k) and any(c in "():=" for c in k))
                                         and not (any(c in "()" for c in k) and not any(c.isalnum() for c in k))})


class NoteEnglish(English):
    """Blank English with the label/value infixes in its defaults, so that the tokenizer is built
    once with them (setting `infix_finditer` afterwards re-tokenises every special case: a sixth of
    a one-note check's start-up)."""
    Defaults = _NoteDefaults


# Pipelines built so far, the most recently used last: a process that asks for many configurations keeps
# only the last few (each holds ~100 MB of compiled tables).
_BUILT: OrderedDict[tuple, Language] = OrderedDict()
_KEEP = 8
_BUILDING = threading.Lock()  # guards _BUILT, _PENDING and _let_go (held for moments, never for a build)
_PENDING: dict[tuple, threading.Lock] = {}  # a lock per configuration being built: built once, others not kept waiting
_let_go = 0  # pipelines let go since the last collection that freed them (see build_nlp)


def build_nlp(profile: str | None = None, model: str | None = None, select: tuple[str, ...] = (),
              ignore: tuple[str, ...] = (), checklist: str = "auto", facts: bool = False) -> Language:
    """Tokenizer + notelint. A trained pipeline (e.g. en_core_web_sm) may be named with `model`.
    The same arguments give the same pipeline, built once (the last eight are kept).  A build (seconds,
    the first time a configuration is asked for) keeps waiting only those who asked for the same one."""
    global _let_go
    key = (profile, model, tuple(select), tuple(ignore), checklist, facts)
    with _BUILDING:
        nlp = _BUILT.get(key)
        if nlp is not None:
            _BUILT.move_to_end(key)
            return nlp
        pending = _PENDING.setdefault(key, threading.Lock())
    with pending:
        with _BUILDING:
            nlp = _BUILT.get(key)  # (built by another thread while this one waited)
            if nlp is not None:
                _BUILT.move_to_end(key)
                return nlp
        try:
            nlp = _build_nlp(profile, model, tuple(select), tuple(ignore), checklist, facts)
        except BaseException:
            with _BUILDING:
                _PENDING.pop(key, None)  # (a profile that fails to load is tried afresh next time)
            raise
        with _BUILDING:
            _BUILT[key] = nlp
            _PENDING.pop(key, None)  # (with the insertion: no one finds neither)
            if len(_BUILT) > _KEEP:
                _BUILT.popitem(last=False)
                _let_go += 1
                if _let_go >= _KEEP:
                    # what gc.freeze() set aside is never collected, and a pipeline is full of reference
                    # cycles: those let go are freed by one full collection with everything frozen put back
                    # in reach first.  It walks every pipeline kept too (about two seconds), so it waits until
                    # as many have been let go as are kept: memory stays bounded, a process that keeps
                    # switching between a few more configurations than are kept does not pay it at every switch.
                    _let_go = 0
                    gc.unfreeze()
                    gc.collect()
            # The compiled tables (a million containers) live as long as the pipeline: out of the garbage
            # collector's reach, so that its full collections, which come every few hundred notes, do not
            # walk through them again each time (gc.freeze: the objects that exist now are left alone;
            # reference counting still frees them when they go).
            gc.freeze()
        return nlp


def _build_nlp(profile: str | None, model: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
               checklist: str, facts: bool) -> Language:
    if model:
        nlp = spacy.load(model, exclude=["ner", "textcat"])
        nlp.tokenizer.infix_finditer = compile_infix_regex(
            [*nlp.Defaults.infixes, *_LABEL_VALUE_INFIXES]).finditer
    else:
        nlp = NoteEnglish()
        nlp.max_length = 10**9  # no parser: a long note costs time in proportion, not memory
    nlp.tokenizer = SoftWrapTokenizer(nlp.tokenizer)
    nlp.add_pipe("notelint", config={"profile": profile, "select": list(select), "ignore": list(ignore),
                                     "checklist": checklist, "facts": facts})
    return nlp


def check_texts(texts: Iterable[str], nlp: Language, batch_size: int = 256) -> Iterator[Report]:
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield doc._.notelint
