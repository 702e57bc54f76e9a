"""Each Appendix 4 rule: wording it flags and look-alikes it must leave alone."""
import pytest

from conftest import flagged


def test_non_da_note_gets_no_asb_or_risk_findings(check):
    report = check("Noise complaint: I opened an ASB case and sent diary sheets. Risk is low risk.")
    assert not report.is_da_note
    assert flagged(report, "NL201") == [] and flagged(report, "NL109") == []


def test_finding_carries_replacement_advice_and_why(check):
    f = check("She refused to engage.").findings[0]
    assert f.code == "NL103" and f.name == "refused-failed" and f.severity == "warning" and f.kind == "wording"
    assert [r.text for r in f.replacements] == ["did not engage"]   # fits the span exactly
    assert "was unable to" in f.advice                                # shown, never inserted
    assert "obstructive" in f.message and f.why
    assert (f.start, f.end, f.line, f.column) == (4, 21, 1, 5)


def test_more_specific_rule_supersedes_the_general_one(check):
    report = check("She has a history of abusive relationships.")
    assert [f.code for f in report.findings] == ["NL110"]


@pytest.mark.parametrize("text", [
    "The CPS refused to charge him.",
    "Her GP refused to prescribe sleeping tablets.",
    "The refuge refused her because of her son's age.",
    "Police have not been able to trace him; the investigation continues.",
    "I spoke to the victim support worker at the hospital.",
    "Her partner, Lee Todd, hit her. Mr Todd alleges that she attacked him first.",
    "The IDVA was difficult to reach. Her situation is difficult.",
])
def test_institutions_perpetrators_and_things_are_not_the_survivor(check, text):
    assert [f.code for f in check(text, checklist="never").findings] == []


def test_a_document_that_claims_is_not_disbelieving_anyone(check):
    assert flagged(check("The electrician's report claims the consumer unit is sound."), "NL104") == []


@pytest.mark.parametrize("code,text", [
    ("NL108", "She was the victim of a burglary last year."),
    ("NL109", "Domestic abuse disclosed. Housing risk of eviction: low risk."),
    ("NL103", "The refuge was full; the referral failed."),
    ("NL104", "Mr Ali's solicitor claims the tenancy is joint."),
])
def test_other_senses_in_a_da_note(check, code, text):
    assert flagged(check(text, checklist="never"), code) == []


@pytest.mark.parametrize("code,text,words", [
    ("NL104", "She alledged he hit her.", "alledged"),
    ("NL108", "The s/u asked for a call back.", "s/u"),
    ("NL111", "Ex-partner hit her in March. She is back with him since May.", "is back with him"),
])
def test_crm_spellings_and_shorthand(check, code, text, words):
    assert words in flagged(check(text, checklist="never"), code)
