"""Every replacement the tool offers, substituted into a generated corpus of notes: the sentence must
read on (no "to to", "an record", "has did not") and the rule must no longer fire there.

The shapes this corpus once found broken (fixed in the lexicon or the grammar check) are kept below as
tests of their own; the corpus test lets nothing through.
"""
import pytest

from notelint.pipeline import build_nlp
from replacement_corpus import RULE_SENTENCES, corpus, problems

# problems known and not yet fixed in the lexicon (code, kind of problem): none now
KNOWN_ENGINE_PROBLEMS: set[tuple[str, str]] = set()


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(None, None, (), (), "auto")


def _known(code: str, problem: str) -> bool:
    return any(code == c and tag in problem for c, tag in KNOWN_ENGINE_PROBLEMS)


def substitutions(nlp, note: str):
    """(finding, replacement, new note, problems where the words meet, wording findings over the new words)."""
    for f in nlp(note)._.notelint.findings:
        for r in f.replacements:
            new = note[:f.start] + r.text + note[f.end:]
            lo, hi = f.start, f.start + len(r.text)
            again = [g for g in nlp(new)._.notelint.findings if g.kind == "wording" and g.start < hi and g.end > lo]
            yield f, r, new, problems(note[:f.start], r.text, note[f.end:]), again


@pytest.mark.parametrize("rule", sorted(RULE_SENTENCES))
def test_every_replacement_reads_on_and_the_rule_no_longer_fires(nlp, rule):
    offered, failures = 0, []
    for note in corpus(rule):
        for f, r, new, trips, again in substitutions(nlp, note):
            offered += 1
            for p in trips:
                if not _known(f.code, p):
                    failures.append(f"{f.code} {f.text!r} -> {r.text!r}: {p}\n    {new!r}")
            for g in again:
                if g.code == f.code or not _known(f.code, g.code):
                    failures.append(f"{f.code} {f.text!r} -> {r.text!r}: {g.code} fires on {g.text!r}\n    {new!r}")
    assert offered > 0, f"the corpus offers no replacement for {rule}"
    assert not failures, f"{len(failures)} broken substitutions, e.g.:\n" + "\n".join(failures[:15])


@pytest.mark.parametrize("note, broken", [
    ("Ms Baxter was very hostile when I asked about the children.", "very record what was said"),
    ("She refused to give their ages.", "unable to to"),
    ("Mr Tate hit her because he has been drinking.", "without a cause"),
    ("I opened an ASB case and will manage this under the ASB policy.", "an record"),
    ("She refused to engage with Women's Aid.", "was unable to with"),
    ("They have a volatile relationship.", "relationship with an abuser"),
])
def test_the_clicks_reported_in_issue_15_give_grammatical_notes(nlp, note, broken):
    for f, r, new, trips, _ in substitutions(nlp, note):
        assert broken not in new and not trips, (f.code, r.text, new, trips)


def _offers(nlp, note):
    return [(f.code, r.text, note[:f.start] + r.text + note[f.end:], problems(note[:f.start], r.text, note[f.end:]))
            for f in nlp(note)._.notelint.findings for r in f.replacements]


def _every_offer_reads_on(nlp, note):
    assert nlp(note)._.notelint.findings, "the rule should still flag the words"
    return all(not trips for *_, trips in _offers(nlp, note))


# ---- shapes the corpus once found broken, each fixed in the lexicon or the grammar check -----------

def test_engine_nl113_no_emotion_word_where_the_adjective_takes_a_complement(nlp):
    for note in ["She was hostile towards staff.", "She was rude to me on the phone."]:
        assert _every_offer_reads_on(nlp, note)


def test_engine_nl114_no_second_with(nlp):
    assert _every_offer_reads_on(nlp, "She is in a toxic relationship with Mr Tate.")


def test_engine_nl114_no_replacement_when_the_couple_is_the_subject(nlp):
    for note in ["They are in a volatile relationship.", "Ms Baxter and Mr Tate are in a toxic relationship."]:
        assert _offers(nlp, note) == []


def test_engine_nl109_no_standard_risk_after_a_degree_word(nlp):
    assert _every_offer_reads_on(nlp, "Ms Baxter disclosed that her partner hit her. I think it is very low risk.")


def test_engine_nl102_no_abusive_partner_after_got_out_of(nlp):
    assert _every_offer_reads_on(nlp, "She got out of an abusive relationship.")


def test_engine_nl103_replacement_is_not_flagged_by_nl107(nlp):
    (_, _, new, _), = _offers(nlp, "She refused to engage with Women's Aid.")
    assert [f.code for f in nlp(new)._.notelint.findings] == []
