"""Load and validate the lexicon YAML and organisation profiles into typed records.

Every error names the file and line: `lexicon/language.yaml:42: NL103: unknown key 'agnet'`.
"""
from __future__ import annotations

import os
import re
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = (
    Path(__file__).with_name("lexicon")
    if Path(__file__).with_name("lexicon").is_dir()
    else Path(__file__).resolve().parent.parent / "lexicon"
)
BUILTIN_PROFILES = ("mansfield", "bassetlaw")
DEFAULT_PROFILE = "mansfield"

SEVERITIES = ("error", "warning", "info")
# ("name": someone named, before the note's people are told apart: asked alone, or with kinds other than
# survivor and perpetrator, which need them told apart)
AGENTS = ("survivor", "perpetrator", "writer", "institution", "thing", "passive", "unknown", "none", "other", "name")
_CONTACT_RE = re.compile(r"\{contact:([a-z_]+)\}")
CODE_RE = re.compile(r"^[A-Z]{2,4}\d{2,4}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9-]*$")


def humanise(name: str) -> str:
    """A title for a rule that has none: "refused-failed" -> "Refused failed"."""
    return name.replace("-", " ").capitalize()


class LexiconError(ValueError):
    """A lexicon or profile file that cannot be used; str() is one line with file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path, self.line = str(path), line
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


# --- YAML with line numbers -------------------------------------------------
class _Map(dict):
    line: int = 0
    key_lines: dict

class _Seq(list):
    line: int = 0
    item_lines: list


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_map(loader, node):
    loader.flatten_mapping(node)
    m = _Map()
    m.line = node.start_mark.line + 1
    m.key_lines = {}
    for knode, vnode in node.value:
        key = loader.construct_object(knode, deep=True)
        if key in m:
            raise LexiconError(loader.name, knode.start_mark.line + 1, f"duplicate key {key!r}")
        m[key] = loader.construct_object(vnode, deep=True)
        m.key_lines[key] = knode.start_mark.line + 1
    return m


def _construct_seq(loader, node):
    s = _Seq(loader.construct_object(v, deep=True) for v in node.value)
    s.line = node.start_mark.line + 1
    s.item_lines = [v.start_mark.line + 1 for v in node.value]
    return s


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(path, None, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(path, None, f"cannot read: {exc.__class__.__name__}") from None
    loader = _LineLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except LexiconError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise LexiconError(path, mark.line + 1 if mark else None, f"invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise LexiconError(path, None, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def _line(obj, key=None, index=None) -> int | None:
    if key is not None and isinstance(obj, _Map):
        return obj.key_lines.get(key, obj.line)
    if index is not None and isinstance(obj, _Seq) and index < len(obj.item_lines):
        return obj.item_lines[index]
    return getattr(obj, "line", None)


# --- typed records ----------------------------------------------------------
@dataclass(frozen=True)
class PatternSpec:
    text: str
    agent: frozenset[str] | None = None
    agent_not: frozenset[str] | None = None
    source: str = ""
    fix: str | None = None       # applicability of this pattern's replacements (default: the rule's)
    replace: tuple[str, ...] = ()  # words that stand in for exactly the reported span ({3-}: words of the match)
    scope: str | None = None     # overrides the rule's scope for what this pattern matches
    preceded_by: bool = True     # false: the rule's preceded_by does not apply (the pattern holds its own context)
    requires_before: tuple[str, ...] = ()  # as the rule's, for this pattern alone: one of these earlier in the sentence
    object: frozenset[str] | None = None  # who the match's last word must name (the person it is done to)
    sentence_subject: frozenset[str] | None = None  # who the match's sentence must open with (whom it is about)
    subject: frozenset[str] | None = None  # who the first word of the match that names someone must name ("so {he} snapped")
    requires_within: int = 0  # how many sentences before the match's own its requires_before may also be in


@dataclass(frozen=True)
class LanguageRule:
    code: str
    name: str
    message: str
    why: str = ""
    title: str = ""
    severity: str = "warning"
    advice: tuple[str, ...] = ()   # guidance shown to a person (preferred wording), never inserted
    patterns: tuple[PatternSpec, ...] = ()
    exceptions: tuple[str, ...] = ()
    agent: frozenset[str] | None = None
    agent_not: frozenset[str] | None = None
    scope: str = "all"
    requires_before: tuple[str, ...] = ()
    sentence_unless: tuple[str, ...] = ()
    negated: str = "flag"
    quoted: str = "skip"
    meta: str = "skip"
    reported: str = "flag"   # skip: words in someone's reported speech ("he said it is the drink") are theirs
    capitalised: str = "flag"
    once: str = "place"      # sentence / clause: one finding per sentence or clause (a label named by several words is one label)
    preceded_by: tuple[str, str, str, str] | None = None  # (class, skipping class, object class, subject class)
    supersedes: tuple[str, ...] = ()
    fix: str = "unsafe"   # default applicability of the patterns' replacements
    example: dict = field(default_factory=dict)
    enabled: bool = True
    source: str = ""

    @property
    def fix_availability(self) -> str:
        """ruff's FixAvailability: always / sometimes / never, from which patterns carry a replacement."""
        with_fix = sum(1 for p in self.patterns if p.replace)
        return "never" if not with_fix else ("always" if with_fix == len(self.patterns) else "sometimes")

    def applicabilities(self) -> set[str]:
        return {p.fix or self.fix for p in self.patterns if p.replace}


CUE_CATEGORIES = ("negated", "undone", "unanswered", "pseudo", "meta", "generic", "reported", "hypothetical", "terminate")
CUE_DIRECTIONS = ("forward", "backward", "bidirectional")
CUE_KEYS = {"category", "direction", "scope", "terminated_by", "group", "phrases", "cancels"}


@dataclass(frozen=True)
class ContextCue:
    """A ConText-style cue: phrases that change the meaning of a match near them."""

    category: str                     # negated | undone | unanswered | pseudo | meta | generic | reported | hypothetical | terminate
    phrases: tuple[str, ...]
    direction: str = "forward"        # forward: before what it affects; backward: after; bidirectional
    scope: int = 8                    # words allowed between cue and match (within the sentence)
    terminated_by: tuple[str, ...] = ()  # terminator groups that end the scope
    group: str = ""                   # a terminator's group
    source: str = ""
    cancels: tuple[str, ...] = ()     # a pseudo cue's: the categories it cancels (none named: every one)

    @property
    def cls(self) -> str:
        """The synthetic word class its phrases are compiled as (matched like any class): named by where
        it is written and what it holds, not by the folder the lexicon is installed in, so that the compiled
        classes a cache holds serve a copy of the same lexicon elsewhere."""
        where = self.source.replace("\\", "/").rsplit("/", 1)[-1]
        return f"cue:{where}:{zlib.crc32(chr(0).join(self.phrases).encode()):08x}"


# The word classes the engine itself reads (context, agents, checklist): a profile must have each.
ENGINE_CLASSES = (
    "aux", "passive_aux", "irregular_participle", "clause_opener", "copula", "degree", "negation", "not_done",
    "form_no", "determiner", "possessive", "coordinator", "speech_verb", "relative", "aside_opener", "clause_break", "adverb_after_aux",
    "clause_mark", "title", "female_title", "male_title", "calendar", "anchor_stopwords", "writer_pronoun",
    "female_pronoun", "male_pronoun", "neutral_pronoun", "thing_pronoun", "survivor_noun", "perpetrator_noun",
    "relation_noun", "male_relation", "female_relation", "institution", "abuse_verb", "meta_cue", "verb_group",
    "plural_aux", "relative_noun", "officer_title", "not_a_name", "role_word", "object_pronoun", "preposition", "question_verb",
    "abbreviation", "sentence_goes_on", "speaker_writer", "speaker_other", "interjected", "place_word",
    "elapsed_time", "victim_preposition", "perpetrator_act", "article", "enquired_of", "perpetrator_before_name",
    "perpetrator_after_name", "survivor_before_name", "survivor_after_name", "other_before_name", "other_after_name",
    "gerund_verb", "gerund_preposition", "subject_to_verb", "object_to_verb", "thing_determiner", "light_verb", "male_word", "female_word",
    "addressee_pronoun", "animal", "injury_site", "answer_word", "spoken_stop", "counter_claim", "male_name", "female_name",
    "stance_verb",
)


@dataclass
class Profile:
    name: str
    rules: dict[str, LanguageRule]
    classes: dict[str, list[str]]
    checklist: dict[str, Any] = field(default_factory=dict)
    pathways: dict[str, Any] = field(default_factory=dict)
    contacts: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    cues: list[ContextCue] = field(default_factory=list)
    spellings: dict[str, str] = field(default_factory=dict)  # a word as written -> the word it is read as
    inflections: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a lemma -> forms `~lemma` adds
    # slips no list names, read as the lexicon word they are one slip from (typos.Misspellings): the
    # shortest word read so (0: off), and how common a word of the frequency table must be to be a word
    misspelling_min_length: int = 0
    misspelling_common_log_probability: float = -13.0

    def fill_contacts(self, message: str) -> str:
        """Put the profile's contact directory into a message ({contact:mash})."""
        return _CONTACT_RE.sub(lambda m: str(self.contacts.get(m.group(1), "")), message)

    def all_codes(self) -> list[str]:
        items = self.checklist.get("items") or {}
        rules = self.pathways.get("rules") or {}
        return [*self.rules, *items, *rules]

    def titles(self) -> dict[str, str]:
        """A short human label for every code, from the lexicon (what a manager reads, not "RF05")."""
        out = {c: r.title or humanise(r.name) for c, r in self.rules.items()}
        for section in (self.checklist.get("items") or {}, self.pathways.get("rules") or {}):
            for code, item in section.items():
                if isinstance(item, dict):
                    out[code] = str(item.get("title") or humanise(str(item.get("name", code.lower()))))
        return out

    def kind_of(self, code: str) -> str | None:
        """wording, missing or pathway: from the section that defines the code, never its letters."""
        if code in self.rules:
            return "wording"
        if code in (self.checklist.get("items") or {}):
            return "missing"
        if code in (self.pathways.get("rules") or {}):
            return "pathway"
        return None

    def code_of(self, code_or_name: str) -> str | None:
        """The code a user means by a code or a rule name (NL103 or refused-failed)."""
        key = code_or_name.strip()
        if key.upper() in self.all_codes():
            return key.upper()
        for section in (self.checklist.get("items") or {}, self.pathways.get("rules") or {}):
            for code, item in section.items():
                if isinstance(item, dict) and item.get("name") == key.lower():
                    return code
        rule = self.rule(key)
        return rule.code if rule else None

    def rule(self, code_or_name: str) -> LanguageRule | None:
        key = code_or_name.strip()
        if key.upper() in self.rules:
            return self.rules[key.upper()]
        for r in self.rules.values():
            if r.name == key.lower():
                return r
        return None


RULE_KEYS = {
    "code", "name", "title", "message", "why", "severity", "advice", "suggestions", "patterns", "exceptions",
    "agent", "agent_not", "scope", "requires_before", "sentence_unless", "negated", "quoted",
    "meta", "reported", "capitalised", "supersedes", "fix", "example", "enabled", "disable", "preceded_by",
    "once",
}
CHOICES = {
    "scope": ("all", "da_note"), "negated": ("skip", "flag"), "quoted": ("skip", "flag"),
    "meta": ("skip", "flag"), "reported": ("skip", "flag"), "capitalised": ("skip", "flag"), "fix": ("unsafe", "safe"),
    "once": ("place", "clause", "sentence"),
    "severity": SEVERITIES,
}


class _Validator:
    def __init__(self, path: Path):
        self.path = path

    def fail(self, line, msg):
        raise LexiconError(self.path, line, msg)

    def str_list(self, value, where, line) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            self.fail(line, f"{where}: expected a list of strings")
        for i, v in enumerate(value):
            if isinstance(v, bool):
                self.fail(_line(value, index=i) or line,
                          f"{where}: {str(v).lower()!r} was read as a yes/no value; quote it (\"no\", \"on\")")
        return tuple(str(v) for v in value)

    def agents(self, value, where, line) -> frozenset[str]:
        vals = self.str_list(value, where, line)
        bad = [v for v in vals if v not in AGENTS]
        if bad:
            self.fail(line, f"{where}: unknown agent {bad[0]!r} (expected one of {', '.join(AGENTS)})")
        return frozenset(vals)

    def rule_fields(self, raw: _Map, code: str, defaults: dict, partial: bool) -> dict:
        """Validate one rule mapping; return constructor kwargs."""
        out: dict[str, Any] = {}
        for key, value in raw.items():
            line = _line(raw, key)
            where = f"{code}: {key}"
            if key not in RULE_KEYS:
                self.fail(line, f"{code}: unknown key {key!r}")
            if key in ("code",):
                continue
            if key == "name":
                if not isinstance(value, str) or not NAME_RE.match(value):
                    self.fail(line, f"{where}: expected a kebab-case name")
                out[key] = value
            elif key in ("message", "why", "title"):
                if not isinstance(value, str) or not value.strip():
                    self.fail(line, f"{where}: expected text")
                out[key] = " ".join(value.split())
            elif key in CHOICES:
                if value not in CHOICES[key]:
                    self.fail(line, f"{where}: expected one of {', '.join(CHOICES[key])}, got {value!r}")
                out[key] = value
            elif key in ("advice", "suggestions"):  # (suggestions: the old name of advice)
                out["advice"] = self.str_list(value, where, line)
            elif key in ("exceptions", "requires_before", "sentence_unless"):
                out[key] = self.str_list(value, where, line)
            elif key == "supersedes":
                vals = self.str_list(value, where, line)
                out[key] = tuple(v.upper() for v in vals)
            elif key in ("agent", "agent_not"):
                out[key] = self.agents(value, where, line)
            elif key == "patterns":
                out[key] = self.patterns(value, code, line)
            elif key == "preceded_by":
                if not isinstance(value, dict) or "class" not in value or \
                        set(value) - {"class", "skipping", "object", "subject"}:
                    self.fail(line, f"{where}: expected a mapping with 'class' (and optional 'skipping', 'object', "
                                    "'subject')")
                out[key] = (str(value["class"]), str(value.get("skipping", "")), str(value.get("object", "")),
                            str(value.get("subject", "")))
            elif key == "example":
                if not isinstance(value, dict) or set(value) - {"bad", "good"}:
                    self.fail(line, f"{where}: expected a mapping with 'bad' and 'good'")
                out[key] = {k: str(v) for k, v in value.items()}
            elif key in ("enabled", "disable"):
                if not isinstance(value, bool):
                    self.fail(line, f"{where}: expected true or false")
                out["enabled"] = value if key == "enabled" else not value
        if not partial:
            for req in ("name", "message", "patterns"):
                if req not in out:
                    self.fail(raw.line, f"{code}: missing required key {req!r}")
            for k, v in defaults.items():
                out.setdefault(k, v)
        return out

    def patterns(self, value, code, line) -> tuple[PatternSpec, ...]:
        if not isinstance(value, list) or not value:
            self.fail(line, f"{code}: patterns: expected a non-empty list")
        specs = []
        for i, item in enumerate(value):
            pline = _line(value, index=i) or line
            src = f"{self.path}:{pline}"
            if isinstance(item, str):
                specs.append(PatternSpec(item, source=src))
            elif isinstance(item, dict):
                extra = set(item) - {"pattern", "agent", "agent_not", "fix", "replace", "scope", "preceded_by",
                                     "requires_before", "requires_within", "object", "sentence_subject", "subject"}
                if extra or "pattern" not in item:
                    self.fail(pline, f"{code}: a pattern mapping takes 'pattern', 'agent', 'agent_not', "
                                     "'fix', 'replace', 'scope', 'preceded_by', 'requires_before', 'requires_within', "
                                     "'object', 'sentence_subject', 'subject'")
                within = item.get("requires_within", 0)
                if not isinstance(within, int) or isinstance(within, bool) or not 0 <= within <= 5 \
                        or within and "requires_before" not in item:
                    self.fail(pline, f"{code}: requires_within: expected a number of sentences from 0 to 5, "
                                     "with requires_before")
                if "preceded_by" in item and item["preceded_by"] is not False:
                    self.fail(pline, f"{code}: preceded_by: a pattern may only set false (the rule's does not apply)")
                if "fix" in item and item["fix"] not in CHOICES["fix"]:
                    self.fail(pline, f"{code}: fix: expected unsafe or safe, got {item['fix']!r}")
                if "fix" in item and "replace" not in item:
                    self.fail(pline, f"{code}: fix: a pattern with a fix needs 'replace' (the words that "
                                     "stand in for exactly what it reports)")
                if "scope" in item and item["scope"] not in CHOICES["scope"]:
                    self.fail(pline, f"{code}: scope: expected all or da_note, got {item['scope']!r}")
                replace_with = self.str_list(item["replace"], f"{code}: replace", pline) if "replace" in item else ()
                before = self.str_list(item["requires_before"], f"{code}: requires_before", pline) \
                    if "requires_before" in item else ()
                specs.append(PatternSpec(
                    str(item["pattern"]),
                    self.agents(item["agent"], f"{code}: agent", pline) if "agent" in item else None,
                    self.agents(item["agent_not"], f"{code}: agent_not", pline) if "agent_not" in item else None,
                    src, item.get("fix"), replace_with, item.get("scope"), item.get("preceded_by", True), before,
                    self.agents(item["object"], f"{code}: object", pline) if "object" in item else None,
                    self.agents(item["sentence_subject"], f"{code}: sentence_subject", pline)
                    if "sentence_subject" in item else None,
                    self.agents(item["subject"], f"{code}: subject", pline) if "subject" in item else None,
                    within,
                ))
            else:
                self.fail(pline, f"{code}: patterns: expected a string or mapping")
        return tuple(specs)


def _merge_rules(path: Path, data: _Map, rules: dict[str, LanguageRule], builtin: bool) -> None:
    v = _Validator(path)
    defaults = {}
    if "defaults" in data:
        d = data["defaults"]
        if not isinstance(d, dict):
            v.fail(_line(data, "defaults"), "defaults: expected a mapping")
        defaults = v.rule_fields(d, "defaults", {}, partial=True)
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        v.fail(_line(data, "rules"), "rules: expected a list")
    seen: set[str] = set()
    for i, raw in enumerate(raw_rules):
        line = _line(raw_rules, index=i)
        if not isinstance(raw, dict):
            v.fail(line, "each rule must be a mapping")
        code = str(raw.get("code", "")).upper()
        if not CODE_RE.match(code):
            v.fail(line, f"rule without a valid code (got {raw.get('code')!r})")
        if code in seen:
            v.fail(line, f"{code}: duplicate code")
        seen.add(code)
        if code in rules and not builtin:
            fields = v.rule_fields(raw, code, {}, partial=True)
            if "patterns" in fields:  # a profile's patterns add to the built-in ones
                fields["patterns"] = rules[code].patterns + fields["patterns"]
            if "exceptions" in fields:
                fields["exceptions"] = rules[code].exceptions + fields["exceptions"]
            rules[code] = replace(rules[code], **fields)
        elif code in rules:
            v.fail(line, f"{code}: duplicate code (already defined in {rules[code].source})")
        else:
            if not builtin and set(raw) <= {"code", "disable", "enabled", "severity", "message", "title",
                                            "why", "advice", "suggestions", "exceptions", "name"} and "patterns" not in raw:
                v.fail(line, f"{code}: unknown rule code (to add a rule give name, message and patterns)")
            fields = v.rule_fields(raw, code, defaults, partial=False)
            fields.setdefault("title", humanise(fields["name"]))
            rules[code] = LanguageRule(code=code, source=f"{path}:{line}", **fields)


def _merge_classes(path: Path, data: _Map, classes: dict[str, list[str]]) -> None:
    raw = data.get("classes", {})
    if not isinstance(raw, dict):
        raise LexiconError(path, _line(data, "classes"), "classes: expected a mapping of name to list")
    for name, words in raw.items():
        line = _line(raw, name)
        if not isinstance(words, list) or not all(isinstance(w, (str, int)) for w in words):
            raise LexiconError(path, line, f"classes: {name}: expected a list of words or phrases")
        for i, w in enumerate(words):
            if isinstance(w, bool):
                raise LexiconError(path, _line(words, index=i) or line,
                                   f"classes: {name}: a word was read as a yes/no value; quote it (\"no\", \"on\")")
        classes.setdefault(str(name), [])
        classes[str(name)] = classes[str(name)] + [str(w) for w in words]


def _mapping_section(path: Path, data: _Map, key: str, expected: str) -> dict | None:
    """A profile's top-level `key` if it is there (None if not), which must be a mapping: else one line naming it."""
    raw = data.get(key)
    if raw is not None and not isinstance(raw, dict):
        raise LexiconError(path, _line(data, key), f"{key}: expected {expected}")
    return raw


def _merge_misspellings(path: Path, data: _Map, profile: "Profile") -> None:
    """`misspellings: {min_length: N, common_log_probability: X}`: words of N letters or more (and slips of them, one
    shorter) are read through slips no list names (typos.py); 0 turns it off.  A profile's setting replaces
    its parent's."""
    raw = _mapping_section(path, data, "misspellings", "a mapping (min_length)")
    if raw is None:
        return
    for key, value in raw.items():
        line = _line(raw, key)
        if key == "min_length":
            if isinstance(value, bool) or not isinstance(value, int) or not (value == 0 or 5 <= value <= 30):
                raise LexiconError(path, line, "misspellings: min_length: expected 0 (off) or a whole number from 5 to 30")
            profile.misspelling_min_length = value
        elif key == "common_log_probability":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not -30 <= value <= 0:
                raise LexiconError(path, line, "misspellings: common_log_probability: expected a number from -30 to 0")
            profile.misspelling_common_log_probability = float(value)
        else:
            raise LexiconError(path, line, f"misspellings: unknown key {key!r} (expected min_length or common_log_probability)")


def _merge_spellings(path: Path, data: _Map, spellings: dict[str, str]) -> None:
    """Shorthand and misspellings read as the word they stand for ("bk" back, "volitile" volatile): one
    word for one word, so that every pattern, class and cue reads the note's word as that one."""
    raw = _mapping_section(path, data, "spellings", "a mapping of a word to the word it is read as")
    if raw is None:
        return
    for written, word in raw.items():
        line = _line(raw, written)
        if not all(isinstance(w, str) and w and w == w.lower() and not any(c.isspace() for c in w)
                   for w in (written, word)):
            raise LexiconError(path, line, f"spellings: {written}: expected one lower-case word read as another "
                                           "(quote a word YAML reads otherwise)")
        spellings[written] = word


def _merge_inflections(path: Path, data: _Map, inflections: dict[str, tuple[str, ...]]) -> None:
    """`inflections: {text: [texted, texting]}`: forms of a lemma that spaCy's lookup table lacks, which
    `~lemma` in every pattern, class and cue then matches as well."""
    raw = _mapping_section(path, data, "inflections", "a mapping of a lemma to its forms")
    if raw is None:
        return
    for lemma, forms in raw.items():
        line = _line(raw, lemma)
        if not (isinstance(lemma, str) and lemma == lemma.lower() and lemma.strip() == lemma and lemma
                and isinstance(forms, list) and forms
                and all(isinstance(f, str) and f and f == f.lower() and not any(c.isspace() for c in f) for f in forms)):
            raise LexiconError(path, line, f"inflections: {lemma}: expected a lower-case lemma and a list of its "
                                           "lower-case forms, one word each")
        inflections[lemma] = tuple(dict.fromkeys((*inflections.get(lemma, ()), *forms)))


# The typed records of the checklist (RF items) and pathways (PW rules): each key and what it holds.
# Checked on load, key by key, with the line of the offending key; the conditions themselves are
# compiled (and checked) by rules/conditions.py.
_TEXT, _CONDITION, _BOOL = "text", "condition", "true or false"
CHECKLIST_ITEM_SCHEMA = {"name": _TEXT, "title": _TEXT, "summary": _TEXT, "why": _TEXT, "message": _TEXT,
                         "severity": SEVERITIES, "recorded_when": _CONDITION, "applies_when": _CONDITION,
                         "enabled": _BOOL, "example": _TEXT}
PATHWAY_RULE_SCHEMA = {"name": _TEXT, "title": _TEXT, "summary": _TEXT, "why": _TEXT, "message": _TEXT,
                       "severity": SEVERITIES, "when": _CONDITION, "unless": _CONDITION, "enabled": _BOOL,
                       "example": _TEXT}
_REQUIRED = {"items": ("message", "recorded_when"), "rules": ("message", "when")}


def _validate_entries(path: Path, label: str, raw: Any, schema: dict, required: tuple[str, ...],
                      existing: dict) -> None:
    """One line naming the file and the line of the key for an unknown key, a wrong type or a
    missing field of a checklist item or pathway rule (a profile may change some fields of one
    that exists already, but a new one needs its required fields)."""
    if not isinstance(raw, dict):
        raise LexiconError(path, getattr(raw, "line", None), f"{label}: expected a mapping of codes")
    for code, entry in raw.items():
        where = f"{label}: {code}"
        line = _line(raw, code)
        if not CODE_RE.match(str(code)):
            raise LexiconError(path, line, f"{where}: not a rule code (two to four capitals and digits, e.g. RF21)")
        if not isinstance(entry, dict):
            raise LexiconError(path, line, f"{where}: expected a mapping")
        for key, value in entry.items():
            kline = _line(entry, key) or line
            kind = schema.get(key)
            if kind is None:
                raise LexiconError(path, kline, f"{where}: unknown key {key!r} (expected one of "
                                                f"{', '.join(sorted(schema))})")
            if kind == _TEXT and not (isinstance(value, str) and value.strip()):
                raise LexiconError(path, kline, f"{where}: {key}: expected text")
            if kind == _BOOL and not isinstance(value, bool):
                raise LexiconError(path, kline, f"{where}: {key}: expected true or false")
            if isinstance(kind, tuple) and value not in kind:
                raise LexiconError(path, kline, f"{where}: {key}: expected one of {', '.join(kind)}, got {value!r}")
            if kind == _CONDITION and not isinstance(value, (str, list, dict)):
                raise LexiconError(path, kline, f"{where}: {key}: expected a condition (a list of patterns "
                                                "or a mapping)")
        if code not in existing and entry.get("enabled", True) is not False:
            missing = [k for k in required if k not in entry]
            if missing:
                raise LexiconError(path, line, f"{where}: missing required key {missing[0]!r}")


PROFILE_KEYS = {"name", "title", "extends", "description", "rules", "classes", "checklist", "pathways",
                "contacts", "settings", "defaults", "context", "spellings", "misspellings", "inflections"}


def _merge_cues(path: Path, data: _Map, cues: list[ContextCue]) -> None:
    """Context cues: each a typed record, checked key by key; a profile's cues add to the core's."""
    raw = data.get("context")
    if raw is None:
        return
    v = _Validator(path)
    if not isinstance(raw, list):
        v.fail(_line(data, "context"), "context: expected a list of cues")
    for i, item in enumerate(raw):
        line = _line(raw, index=i)
        if not isinstance(item, dict):
            v.fail(line, "context: each cue must be a mapping")
        for key in item:
            if key not in CUE_KEYS:
                v.fail(_line(item, key), f"context: unknown key {key!r} (expected {', '.join(sorted(CUE_KEYS))})")
        category = item.get("category")
        if category not in CUE_CATEGORIES:
            v.fail(_line(item, "category"), f"context: category: expected one of {', '.join(CUE_CATEGORIES)}, "
                                            f"got {category!r}")
        if "phrases" not in item:
            v.fail(line, "context: a cue needs 'phrases'")
        phrases = v.str_list(item["phrases"], "context: phrases", _line(item, "phrases"))
        direction = item.get("direction", "forward")
        if direction not in CUE_DIRECTIONS:
            v.fail(_line(item, "direction"), f"context: direction: expected one of {', '.join(CUE_DIRECTIONS)}, "
                                             f"got {direction!r}")
        scope = item.get("scope", 8)
        if isinstance(scope, bool) or not isinstance(scope, int) or not 0 < scope <= 200:
            v.fail(_line(item, "scope"), f"context: scope: expected a number of words from 1 to 200, got {scope!r}")
        terminated_by = v.str_list(item.get("terminated_by", []), "context: terminated_by",
                                   _line(item, "terminated_by"))
        group = item.get("group", "")
        if category == "terminate" and not group:
            v.fail(line, "context: a terminate cue needs 'group' (the name cues list in terminated_by)")
        cancels = v.str_list(item.get("cancels", []), "context: cancels", _line(item, "cancels"))
        bad = [c for c in cancels if c not in CUE_CATEGORIES or c in ("pseudo", "terminate")]
        if bad:
            v.fail(_line(item, "cancels"), f"context: cancels: {bad[0]!r} is not a category a pseudo cue can cancel")
        if cancels and category != "pseudo":
            v.fail(_line(item, "cancels"), "context: cancels: only a pseudo cue cancels other cues")
        cues.append(ContextCue(category, phrases, direction, scope, terminated_by, str(group), f"{path}:{line}",
                               tuple(cancels)))


def _apply_profile_file(path: Path, profile: Profile, builtin: bool, data: Any = None) -> None:
    """Merge one YAML file (parsed already, or read here) into the profile."""
    if data is None:
        data = read_yaml(path)
    if data is None:
        return
    if not isinstance(data, _Map):
        raise LexiconError(path, getattr(data, "line", 1), "expected a mapping at the top level")
    for key in data:
        if key not in PROFILE_KEYS:
            raise LexiconError(path, _line(data, key), f"unknown top-level key {key!r}")
    _merge_classes(path, data, profile.classes)
    _merge_spellings(path, data, profile.spellings)
    _merge_inflections(path, data, profile.inflections)
    _merge_misspellings(path, data, profile)
    _merge_cues(path, data, profile.cues)
    _merge_rules(path, data, profile.rules, builtin)
    for section in ("checklist", "pathways", "contacts", "settings"):
        if section in data:
            value = data[section]
            if not isinstance(value, dict):
                raise LexiconError(path, _line(data, section), f"{section}: expected a mapping")
            target = getattr(profile, section)
            typed = {"checklist": ("items", CHECKLIST_ITEM_SCHEMA), "pathways": ("rules", PATHWAY_RULE_SCHEMA)}
            if section in typed and typed[section][0] in value:
                k, schema = typed[section]
                _validate_entries(path, f"{section}: {k}", value[k], schema, _REQUIRED[k], target.get(k) or {})
            for k, v in value.items():
                if isinstance(v, dict) and isinstance(target.get(k), dict):
                    # items / rules / facts: add new codes, update the fields of existing ones
                    merged = dict(target[k])
                    for code, entry in v.items():
                        if isinstance(entry, dict) and isinstance(merged.get(code), dict):
                            merged[code] = {**merged[code], **entry}
                        else:
                            merged[code] = entry
                    target[k] = merged
                else:
                    target[k] = v
            getattr(profile, section).setdefault("__lines__", {}).update(
                {k: f"{path}:{_line(value, k)}" for k in value})
    profile.sources = profile.sources + (str(path),)


def _core_files() -> list[Path]:
    return [LEXICON_DIR / name for name in ("classes.yaml", "context.yaml", "language.yaml", "checklist.yaml",
                                            "pathways.yaml")
            if (LEXICON_DIR / name).exists()]


def _resolve(name_or_path: str) -> tuple[str, Path, bool]:
    if name_or_path in BUILTIN_PROFILES:
        return name_or_path, LEXICON_DIR / "profiles" / f"{name_or_path}.yaml", True
    path = Path(name_or_path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise LexiconError(path, None, f"unknown profile {name_or_path!r} "
                           f"(built in: {', '.join(BUILTIN_PROFILES)}; or a .yaml file)")
    return path.stem, path, False


_CACHE: dict[str, tuple[tuple, Profile]] = {}  # profile path -> (stamps of every file it was built from, profile)


def _stamps(files) -> tuple:
    out = []
    for f in files:
        try:
            st = os.stat(f)
            out.append((str(f), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(f), None, None))
    return tuple(out)


def load_profile(name_or_path: str | None = None) -> Profile:
    """The core lexicon with one organisation profile (built-in name or YAML path) applied.  Kept
    while no file it was built from (core lexicon, the profile, what it extends) has changed."""
    name_or_path = name_or_path or DEFAULT_PROFILE
    name, path, builtin = _resolve(name_or_path)
    cached = _CACHE.get(str(path))
    if cached and _stamps(cached[1].sources) == cached[0]:
        return cached[1]
    profile = Profile(name=name, rules={}, classes={})
    for core in _core_files():
        _apply_profile_file(core, profile, builtin=True)
    chain: list[tuple[Path, Any]] = []  # (file, parsed YAML), the profile first, what it extends after
    seen = set()
    cur_path, cur_builtin = path, builtin
    while True:
        if str(cur_path) in seen:
            raise LexiconError(cur_path, None, "profile extends itself")
        seen.add(str(cur_path))
        if not cur_path.exists():
            raise LexiconError(cur_path, None, "profile file not found")
        data = read_yaml(cur_path)
        chain.append((cur_path, data))
        parent = data.get("extends") if isinstance(data, dict) else None
        if not parent:
            if not cur_builtin:  # a user profile always sits on a built-in one
                default = LEXICON_DIR / "profiles" / f"{DEFAULT_PROFILE}.yaml"
                chain.append((default, read_yaml(default)))
            break
        if str(parent) not in BUILTIN_PROFILES:
            parent_path = (cur_path.parent / str(parent))
            if parent_path.suffix.lower() not in (".yaml", ".yml"):
                raise LexiconError(cur_path, _line(data, "extends"),
                                   f"extends: unknown profile {parent!r} (built in: {', '.join(BUILTIN_PROFILES)})")
            cur_path, cur_builtin = parent_path, False
        else:
            cur_path, cur_builtin = LEXICON_DIR / "profiles" / f"{parent}.yaml", True
    for p, data in reversed(chain):
        _apply_profile_file(p, profile, builtin=False, data=data)
    for cue in profile.cues:  # a cue's phrases are matched as a word class of its own
        profile.classes[cue.cls] = list(cue.phrases)
    _check_references(profile)
    profile.name = name
    _CACHE[str(path)] = (_stamps(profile.sources), profile)
    return profile


def _check_references(profile: Profile) -> None:
    missing = [c for c in ENGINE_CLASSES if c not in profile.classes]
    if missing:
        raise LexiconError(profile.sources[-1] if profile.sources else "profile", None,
                           f"classes: the engine needs the word class {missing[0]!r}, which no file defines")
    groups = {c.group for c in profile.cues if c.category == "terminate"}
    for cue in profile.cues:
        for g in cue.terminated_by:
            if g not in groups:
                path, _, line = cue.source.rpartition(":")
                raise LexiconError(path, int(line) if line.isdigit() else None,
                                   f"context: terminated_by: no terminate cue has group {g!r}")
    for rule in profile.rules.values():
        for code in rule.supersedes:
            if code not in profile.rules:
                path, _, line = rule.source.rpartition(":")
                raise LexiconError(path, int(line) if line.isdigit() else None,
                                   f"{rule.code}: supersedes unknown code {code}")
