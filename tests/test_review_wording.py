"""Judgemental wording in the third person of a review or a summarised record: the mechanisms (word
classes and phrase shapes) that find it in words the lexicon does not list, and what they leave alone."""
import pytest

from conftest import flagged

ABUSE = "Mrs Okafor told me her husband Tunde Okafor throws things at her and has broken her phone. "


def _words(text, code, check):
    return flagged(check(ABUSE + text, checklist="never"), code)


# --- a hedge on the abuse itself (@doubt_hedge @abuse_event, @doubt_adverb): NL104 -----------------
@pytest.mark.parametrize("text, words", [
    ("The purported beating was not followed up by the lettings team.", "purported beating"),
    ("A so-called domestic incident was logged in April.", "so-called domestic incident"),
    ("Mrs Okafor was supposedly strangled on the landing.", "supposedly"),
])
def test_a_hedge_on_the_abuse_is_disbelief(check, text, words):
    assert words in _words(text, "NL104", check)


@pytest.mark.parametrize("text", [
    'She wrote to us: "the so-called beating was real".',          # her words, quoted
    "Mrs Okafor was supposed to bring her tenancy agreement.",     # "supposed to": an obligation
    "It was not a purported beating: the photographs show it.",   # denied
    'Staff should avoid writing "purported beating" in the file.',  # about the wording
])
def test_a_hedge_in_a_quote_a_negation_or_about_wording_is_not(check, text):
    assert _words(text, "NL104", check) == []


# --- the relationship named as the problem (@abuse_quality / @relationship_judgement / metaphor) -----
@pytest.mark.parametrize("text, code, words", [
    ("She remained in a coercive partnership for years.", "NL102", "coercive partnership"),
    ("Their union was a powder keg by the summer.", "NL114", "a powder keg"),
    ("The officer called it a fiery union.", "NL114", "fiery union"),
])
def test_the_relationship_named_as_the_problem(check, text, code, words):
    assert words in _words(text, code, check)


@pytest.mark.parametrize("text, code", [
    ('She told me "our marriage was a battlefield".', "NL114"),          # her words, quoted
    ("Their union was never a powder keg; he was the danger.", "NL114"),  # denied
    ("Mr Okafor is coercive and the partnership has ended.", "NL102"),    # said of him, not the relationship
])
def test_the_relationship_words_quoted_denied_or_said_of_him_are_not(check, text, code):
    assert _words(text, code, check) == []


# --- a judgement reported through a record (preceded_by subject: @record_view): NL113 ----------------
@pytest.mark.parametrize("text, words", [
    ("Mrs Okafor was characterised throughout the surgery letters as belligerent.", ["belligerent"]),
    ("She was labelled at the housing panel as evasive and abrupt.", ["evasive", "abrupt"]),
    ("Mrs Okafor was thought to be manipulative.", ["manipulative"]),
])
def test_a_judgement_reported_through_a_record_is_the_writers(check, text, words):
    assert _words(text, "NL113", check) == words


@pytest.mark.parametrize("text", [
    "Mr Okafor was characterised throughout the surgery letters as belligerent.",  # the perpetrator
    "She was never labelled at the housing panel as evasive.",                     # denied
    "No letter characterised her as belligerent.",                                 # no record said it
    'Mrs Okafor was characterised in one letter as "belligerent".',                # the record's words, quoted
    "Her brother was labelled at the housing panel as abrupt.",                    # a relative
])
def test_a_record_of_someone_else_denied_or_quoted_is_not(check, text):
    assert _words(text, "NL113", check) == []


# --- risk minimised with its parties between (risk_party, risk_verdict, low_level): NL109 -----------
@pytest.mark.parametrize("text, start", [
    ("The duty officer graded the risk to Mrs Okafor from her husband as insignificant.", "risk to Mrs Okafor"),
    ("The risk from Mr Okafor had been very low according to the form.", "risk from Mr Okafor"),
])
def test_risk_minimised_with_whom_it_is_to_or_from(check, text, start):
    assert any(w.startswith(start) for w in _words(text, "NL109", check))


@pytest.mark.parametrize("text", [
    "The risk to Mrs Okafor from her husband was graded as high.",
    "The risk to her was not negligible.",
    'Her sister wrote "the risk to her is nil".',
])
def test_risk_raised_denied_or_quoted_is_not(check, text):
    assert _words(text, "NL109", check) == []


# --- disbelief said of the person (@discredit): NL104 ---------------------------------------------------
def test_calling_her_an_unreliable_narrator_is_disbelief(check):
    assert _words("The surgery letter called her an unreliable narrator.", "NL104", check) == [
        "an unreliable narrator"]


@pytest.mark.parametrize("text", [
    "Mr Okafor was an unreliable narrator of the night.",            # the perpetrator
    "The surgery letter did not call her an unreliable narrator.",  # denied
])
def test_discrediting_the_perpetrator_or_denied_is_not(check, text):
    assert _words(text, "NL104", check) == []


# --- a hedge that is no casework term holds in any note; disbelief said of the person -----------------
def test_a_hedge_other_than_alleged_is_disbelief_even_outside_a_da_note(check):
    text = "Repairs log: the purported attack in the hallway was given as the cause of the broken banister."
    report = check(text)
    assert not report.is_da_note and "purported attack" in flagged(report, "NL104")
    assert flagged(check("Noise log: alleged assault on the stairs by a visitor to flat 3."), "NL104") == []


# --- a service's own record speaks for the service; someone's own message reports them -----------------
def test_a_record_stating_a_judgement_is_the_services_own_words(check):
    judged = "The tenancy file stated that the row was triggered by Mrs Okafor going out."
    reported = "Her email said the row was triggered by her going out."
    assert _words(judged, "NL105", check) != []
    assert _words(reported, "NL105", check) == []


# --- admin and formal-process senses, correct practice and reassurance are not judgements -------------
@pytest.mark.parametrize("text, code", [
    ("The coroner's inquest investigation is still open.", "NL101"),
    ("Her stage 2 complaint investigation found in her favour.", "NL101"),
    ("There is an investigation into her disrepair complaint.", "NL101"),
    ("She has claimed PIP since March.", "NL104"),
    ("The keys were claimed by a neighbour on Tuesday.", "NL104"),
    ("I reassured her that it was not her fault.", "NL206"),
    ("The noise log was closed and the case passed to the domestic abuse lead.", "NL201"),
    # the excuse frames without an excuse
    ("The damp is the problem in the back bedroom.", "NL206"),       # no condition of his
    ("Stress is the reason she rang us today.", "NL206"),            # her reason for calling
    ("He refused to be put down as a joint tenant.", "NL206"),
])
def test_formal_processes_admin_words_and_good_practice_are_not_flagged(check, text, code):
    assert _words(text, code, check) == []


def test_the_same_words_as_an_excuse_or_a_writers_investigation_still_are(check):
    assert _words("It is not his fault, he is under pressure at work.", "NL206", check) != []
    assert _words("As part of my investigation I rang her GP.", "NL101", check) != []


# --- excuses and blame in more shapes: a hedged "why", the condition as the cause with no possessive,
# outbursts put down to a condition, the other's act as what sets the abuser off, "a bit of both";
# disbelief said of the person, reconciliation in the future tense ------------------------------------
@pytest.mark.parametrize("text, code, words", [
    ("That is likely why he flipped.", "NL206", "is likely why he flipped"),
    ("He has been out of work a year, which is why he takes it out on Mrs Okafor.", "NL206", "why he takes it out on"),
    ("Alcohol is to blame, in my view.", "NL206", "Alcohol is to blame"),
    ("The worker attributed Tunde's violence to his depression.", "NL206", "violence to his depression"),
    ("I asked her why she keeps taking him back.", "NL204", "why she keeps taking him back"),
    ("It winds him up whenever she sees her sister.", "NL105", "winds him up whenever she"),
    ("To be honest it is a bit of both.", "NL205", "a bit of both"),
    ("In my view Mrs Okafor is not a credible witness.", "NL104", "not a credible witness"),
    ("I fear she will be back with her husband by the summer.", "NL111", "be back with her husband"),
    ("The row was set off by Mrs Okafor visiting her sister.", "NL105", "set off by Mrs Okafor visiting"),
])
def test_excuses_disbelief_reconciliation_and_blame_in_more_shapes(check, text, code, words):
    assert words in _words(text, code, check)
