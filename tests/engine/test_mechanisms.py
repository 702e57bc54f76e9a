"""The engine's generic mechanisms on a small synthetic lexicon (made-up words, not the shipped lexicon):
context cues in each direction, terminators, pseudo cues, scope; the phrase table's any-word; the
case view that judges several notes' facts as one."""
import numpy as np
import pytest
import spacy
from spacy.strings import hash_string

from notelint.cases import CaseView, NoteFacts
from notelint.lexicon import ContextCue, LexiconError
from notelint.patterns import WILDCARD
from notelint.rules.context import ClassIndex
from notelint.rules.cues import META, NEGATED, NOT_DONE, UNANSWERED, ContextCues
from notelint.rules.matching import MatchTable


def cue(category, phrases, direction="forward", scope=4, terminated_by=(), group="", n=[0]):
    n[0] += 1
    return ContextCue(category, tuple(phrases), direction, scope, tuple(terminated_by), group, f"synthetic:{n[0]}")


def engine(cues):
    classes = ClassIndex({c.cls: [p.split() for p in c.phrases] for c in cues})
    return ContextCues(cues, classes)


class Note:
    """What the cues read of a note: its lower-case words and sentence bounds (split at "."); with an
    engine, also what a batch's bit tables mark in it (ContextCues.note_masks), as a pipeline's note has."""

    def __init__(self, text, cues=None):
        self.memo = {}
        self.words = text.lower().split()
        if cues is not None:
            hashes = np.array([hash_string(w) for w in self.words], dtype=np.uint64)
            self.cue_mask, self.cue_places = cues.note_masks(hashes, [0, len(self.words)])[0]
        ends = [k for k, w in enumerate(self.words) if w == "."]

        class Sentences:
            @staticmethod
            def bounds(i):
                lo = max([e + 1 for e in ends if e < i], default=0)
                hi = min([e + 1 for e in ends if e >= i], default=len(self.words))
                return lo, hi
        self.sentences = Sentences()

    def span(self, phrase):
        w = phrase.split()
        for k in range(len(self.words)):
            if self.words[k:k + len(w)] == w:
                return k, k + len(w)
        raise AssertionError(phrase)


NEG = cue("negated", ["nix", "zorp blat"], scope=3, terminated_by=["stop"])
UNDONE = cue("undone", ["unfrobbed"], direction="backward", scope=2, terminated_by=["stop"])
PSEUDO = cue("pseudo", ["nix merely"])
META_CUE = cue("meta", ["wordy"], scope=2)
STOP = cue("terminate", ["whereas", ","], group="stop")
UNANSWERED_CUE = cue("unanswered", ["blorp"], direction="backward", scope=1, terminated_by=["stop"])
CUES = engine([NEG, UNDONE, PSEUDO, META_CUE, STOP, UNANSWERED_CUE])


def holds(text, phrase, categories=NEGATED, cues=CUES):
    """Whether a cue of `categories` applies to `phrase` in `text`, read as a batch's note is (with the
    tokens its bit tables mark), which must answer as the scan of every word around the match does."""
    marked, plain = Note(text, cues), Note(text)
    found = cues.holds(marked, categories, *marked.span(phrase))
    assert found == cues.holds(plain, categories, *plain.span(phrase))
    return found


def test_a_forward_cue_reaches_within_its_scope_only():
    assert holds("kim nix frobbed the gizmo", "frobbed")
    assert holds("kim nix quite very frobbed the gizmo", "frobbed")            # two words between: scope 3
    assert not holds("kim nix quite very truly frobbed the gizmo", "frobbed")  # four: out of scope


def test_a_cue_may_be_several_words():
    assert holds("kim zorp blat frobbed", "frobbed")
    assert not holds("kim zorp frobbed", "frobbed")


def test_a_terminator_ends_the_scope_and_a_sentence_always_does():
    assert not holds("kim nix whereas frobbed", "frobbed")
    assert not holds("kim nix , frobbed", "frobbed")
    assert not holds("kim nix . frobbed", "frobbed")


def test_a_terminator_may_hold_any_word_and_run_into_the_match():
    # a terminator that begins between the cue and the match ends the cue's reach even when its last words
    # are the match's first (a new subject and its verb after a comma)
    neg = cue("negated", ["nix"], scope=6, terminated_by=["newclause"])
    stop = cue("terminate", [f"gloop {WILDCARD} blent"], group="newclause")
    cues = engine([neg, stop])

    def negated(text, phrase):
        return holds(text, phrase, NEGATED, cues)
    assert not negated("nix gizmo gloop zib blent wumped", "zib blent wumped")
    assert not negated("nix gizmo gloop quux blent wumped", "blent wumped")   # any word stands for the *
    assert negated("nix gizmo gloop zib wumped", "zib wumped")                # not the terminator's words
    assert negated("nix gizmo zib blent wumped", "zib blent wumped")


def test_the_notes_end_stands_for_a_line_break():
    # a cue that ends in a line break ("Label:" then the next line) also matches when the note ends there
    blank = ContextCue("unanswered", ("zap",), "backward", 2, (), "", "synthetic:blank")
    cues = ContextCues([blank], ClassIndex({blank.cls: [["zap", "\n"]]}))

    def unanswered(text, phrase):
        return holds(text, phrase, UNANSWERED, cues)
    assert unanswered("kim frob zap", "frob")
    assert not unanswered("kim frob zap quux", "frob")   # something follows: not the note's end
    assert not unanswered("kim frob quux", "frob")


def test_a_batchs_cue_mask_finds_a_cue_whose_last_words_include_any_word():
    # the mask that lets a note skip a category it holds no cue of must still see a cue ending "* * :"
    gap = cue("unanswered", [f"zonk {WILDCARD} {WILDCARD} :"], scope=6)
    cues = engine([gap])
    texts = ["kim zonk in this : frob", "kim zonk : frob", "kim frob : quux"]
    words = [w for t in texts for w in t.split()]
    bounds = [0]
    for t in texts:
        bounds.append(bounds[-1] + len(t.split()))
    marks = cues.note_masks(np.array([hash_string(w) for w in words], dtype=np.uint64), bounds)
    assert [bool(m.mask) for m in marks] == [True, True, False]
    assert [bool(m.places) for m in marks] == [True, True, False]


def test_a_cue_is_found_from_the_words_a_batch_marks_however_far_its_end_lies_from_them():
    # a batch marks the run of a cue's words with no * in it ("zonk" of "zonk * * :"), which may lie words
    # before the cue's end; a backward cue's marked words are its last, words after its first
    opener = cue("negated", [f"zonk {WILDCARD} {WILDCARD} :"], scope=2)
    closer = cue("undone", ["blorp wibble wob"], direction="backward", scope=1)
    cues = engine([opener, closer])
    assert holds("kim zonk in this : frobbed", "frobbed", NEGATED, cues)
    assert not holds("kim zonk in this : very much frobbed", "frobbed", NEGATED, cues)
    assert holds("kim frobbed blorp wibble wob", "frobbed", NOT_DONE, cues)
    assert not holds("kim frobbed gizmo blorp wibble wob", "frobbed", NOT_DONE, cues)


def test_a_pseudo_cue_overlapping_the_cue_cancels_it():
    assert not holds("kim nix merely frobbed", "frobbed")


def test_a_backward_cue_comes_after_and_counts_only_for_its_category():
    assert holds("the frobbing unfrobbed", "frobbing", NOT_DONE)
    assert not holds("the frobbing unfrobbed", "frobbing", NEGATED)   # undone is not a negation
    assert not holds("the frobbing whereas unfrobbed", "frobbing", NOT_DONE)
    assert not holds("unfrobbed the frobbing", "frobbing", NOT_DONE)  # a backward cue does not look ahead


def test_a_field_left_unanswered_is_its_own_category():
    assert holds("gizmo frobbed blorp", "frobbed", UNANSWERED)
    assert not holds("gizmo frobbed blorp", "frobbed", NOT_DONE)       # not a negation, nor undone
    assert not holds("gizmo frobbed quite blorp", "frobbed", UNANSWERED)  # out of its scope of one word
    assert not holds("gizmo unfrobbed frobbed", "gizmo", UNANSWERED)


def test_a_backward_cue_may_begin_on_the_matchs_closing_mark():
    # "Label ~ qux": the mark (@clause_mark) ends the label and starts what follows it
    blank = cue("unanswered", ["~ qux"], direction="backward", scope=2, terminated_by=["stop"])
    cues = [blank, cue("pseudo", ["~ qux zap"]), cue("terminate", ["whereas"], group="stop")]
    classes = ClassIndex({**{c.cls: [p.split() for p in c.phrases] for c in cues}, "clause_mark": [["~"]]})
    engine_ = ContextCues(cues, classes)

    def blank_after(text, phrase):
        return holds(text, phrase, UNANSWERED, engine_)
    assert blank_after("frob ~ qux gizmo", "frob ~")          # the mark is the match's last word
    assert blank_after("frob ~ qux gizmo", "frob")            # or the cue's first, after the match
    assert not blank_after("frob ~ qux zap", "frob ~")        # a pseudo cue overlapping it still cancels it
    assert not blank_after("frob ~ gizmo qux", "frob ~")      # the cue must run on from the mark
    assert not blank_after("frob gizmo ~ qux", "frob gizmo ~ qux")  # nothing after the match


def test_text_about_wording_is_its_own_category():
    assert holds("avoid wordy frobbed", "frobbed", META)
    assert not holds("avoid wordy frobbed", "frobbed", NEGATED)


def table_hits(*patterns):
    """The words each match of `patterns` (a table of their own, no word classes) covers in a text."""
    nlp = spacy.blank("en")
    table = MatchTable(nlp, {})
    for i, pattern in enumerate(patterns):
        table.add("trigger", "X1", i, pattern)

    def hits(text):
        doc = nlp(text)
        return sorted(doc[h.start:h.end].text for h in table(doc).get("trigger", ()))
    return hits


def test_the_phrase_language_any_word_matches_one_word_but_not_across_a_sentence_end():
    hits = table_hits("glim * back in", "glim * [*] away")
    assert hits("she glimmed glim Sean back in today") == ["glim Sean back in"]
    assert hits("glim the dog away") == ["glim the dog away"]
    assert hits("glim Sean away") == ["glim Sean away"]
    assert hits("glim . back in") == []
    assert hits("glim back in") == []   # * is exactly one word


def test_a_literal_quotation_mark_matches_and_an_unclosed_one_is_an_error():
    """A straight quotation mark is written inside a literal ("\\""); left bare, it once vanished from the
    pattern without a word, so "[\"|“] a one-off" matched only the curly one."""
    hits = table_hits('zorp [("\\""|“)] a blim')
    assert hits('it was zorp "a blim" then') == ['zorp "a blim']
    assert hits("it was zorp “a blim” then") == ["zorp “a blim"]
    assert hits("it was zorp a blim then") == ["zorp a blim"]
    with pytest.raises(LexiconError, match="quotation mark"):
        table_hits('zorp ["|“] a blim')


def test_a_word_the_tokenizer_splits_in_lower_case_only_matches_in_capitals_too():
    """spaCy splits "id" (as "I'd") and "cant" in lower case but not in capitals: a pattern's word
    matches however a note's case makes the tokenizer split it."""
    hits = table_hits("lost her id", "~cant go")
    assert hits("he lost her ID today") == ["lost her ID"]
    assert hits("he lost her id today") == ["lost her id"]
    assert hits("I CANT GO OUT") == ["CANT GO"]
    assert hits("i cant go out") == ["cant go"]


def test_the_walk_finds_every_phrase_at_every_place_and_none_across_notes():
    """The batch walk against a reading of each phrase at each place by hand (a * is any one word
    but a sentence's end): the same hits, and a batch of notes gives each note what it gives alone."""
    import random
    nlp = spacy.blank("en")
    table = MatchTable(nlp, {})
    vocab = [f"z{a}{b}" for a in "aeiou" for b in "bdgkmptv"]
    rnd = random.Random(7)
    phrases = {}
    for i in range(150):
        words = [rnd.choice(vocab[:12] + ["*"]) if k else rnd.choice(vocab[:12]) for k in range(rnd.randint(1, 5))]
        phrases[f"X{i}"] = words
        table.add("trigger", f"X{i}", 0, " ".join(words))

    def by_hand(doc):
        toks = [t.lower_ for t in doc]
        return sorted((owner, s, s + len(words)) for owner, words in phrases.items() for s in range(len(toks))
                      if s + len(words) <= len(toks) and all(
                          w == t or (w == "*" and t != "." and k) for k, (w, t) in enumerate(zip(words, toks[s:]))))

    docs = [nlp(" ".join(rnd.choice(vocab[:12] + ["."]) for _ in range(rnd.randint(1, 40)))) for _ in range(300)]
    arrays = [doc.to_array("LOWER") for doc in docs]
    bounds = [0]
    for a in arrays:
        bounds.append(bounds[-1] + len(a))
    batch = table.match(np.concatenate(arrays), bounds)
    found = 0
    for doc, part in zip(docs, batch):
        expected = by_hand(doc)
        found += len(expected)
        for hits in (table(doc), table(doc, part)):
            assert sorted((h.key.owner, h.start, h.end) for h in hits.get("trigger", ())) == expected
    assert found > 300  # (the notes do hold phrases)


class Leaf:
    def __init__(self, key):
        self.key = key


def test_a_case_holds_a_leaf_where_any_of_its_notes_holds_it():
    a, b = Leaf(0), Leaf(1)
    notes = [NoteFacts(True, {0: [(3, 9)]}), NoteFacts(False, {1: [(0, 4), (10, 12)]})]
    view = CaseView(notes)
    assert view.is_da_note
    assert view.leaf_holds(a) and view.leaf_holds(b)
    assert view.leaf(b) == [(1, 0, 4), (1, 10, 12)]          # evidence keeps the note it is in
    assert not CaseView([NoteFacts(False, {})]).leaf_holds(a)


def test_note_facts_survive_a_round_trip_as_json():
    facts = NoteFacts(True, {4: [(1, 2)], 7: [(5, 9), (11, 12)]})
    assert NoteFacts.from_json(facts.to_json()) == facts
