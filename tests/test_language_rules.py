"""Each Appendix 4 rule: wording it flags and look-alikes it must leave alone."""
import pytest

from conftest import flagged

POSITIVE = [
    ("NL101", "She disclosed domestic abuse. As part of our investigation I visited her at home.", "investigation"),
    ("NL101", "Her partner hit her. We are investigating her report of abuse.", "investigating"),
    ("NL102", "She has been in an abusive relationship with him for years.", "abusive relationship"),
    ("NL103", "She refused to engage with the outreach worker.", "refused to engage"),
    ("NL103", "Ms Kaur has failed to provide her bank statements.", "failed to provide"),
    ("NL103", "Tenant refuses support from the specialist service.", "refuses"),
    ("NL103", "Tenant refussed support from the specialist service.", "refussed"),   # as typed in a CRM
    # note style with the subject dropped: the person the note is about
    ("NL103", "Home visit. Refused to engage with the IDVA.", "Refused to engage"),
    ("NL103", "Outcome of call: failed to attend the appointment again.", "failed to attend"),
    ("NL103", "Offered a sanctuary scheme - refused to engage.", "refused to engage"),
    # a male survivor: "Mr" is the survivor's title here, not the abuser's
    ("NL103", "Mr Doyle told me his wife hits him. Mr Doyle refused to engage with the IDVA.", "refused to engage"),
    ("NL103", "Ms Osei came in at 10. Failed to bring her ID.", "Failed to bring"),
    ("NL104", "Ms Kaur claims that her husband took her wages.", "claims"),
    ("NL104", "She alleges he locked her in the bedroom.", "alleges"),
    ("NL104", "The alleged assault happened on Friday.", "alleged assault"),
    ("NL104", "He allegedly pushed her down the stairs.", "allegedly"),
    ("NL104", "Ms Fox said her partner hit her. The alleged perpetrator is Mr Fox.", "alleged perpetrator"),
    ("NL105", "The trigger was her going out with her sister.", "The trigger was"),
    ("NL105", "She provoked him by coming home late.", "provoked him"),
    ("NL105", "He hit her because she was late home.", "hit her because she was"),
    ("NL105", "He was provoked by her texting another man.", "was provoked by her"),
    ("NL106", "I strongly believe she is hiding something.", "I strongly believe"),
    ("NL106", "I'm sure she will go back to him.", "I'm sure"),
    ("NL107", "She has disengaged from support since June.", "disengaged"),
    ("NL107", "Case closed due to non-engagement.", "non-engagement"),
    ("NL107", "The tenant is not engaging with us.", "not engaging"),
    ("NL108", "The victim asked us to change the locks.", "The victim"),
    ("NL108", "I spoke to the service user on the phone.", "service user"),
    ("NL108", "She is a victim of domestic abuse and needs a move.", "a victim of domestic"),
    ("NL109", "After a DASH I consider this low risk.", "low risk"),
    ("NL109", "Domestic abuse case closed as no risk.", "no risk"),
    ("NL109", "DASH done after she disclosed abuse; risk has been assessed as low.", "risk has been assessed as low"),
    ("NL109", "Domestic abuse disclosed. Risk level: low.", "Risk level: low"),
    ("NL110", "She has a history of abusive relationships.", "history of abusive relationships"),
    ("NL111", "She told me her husband hit her and they have reconciled.", "reconciled"),
    ("NL111", "Domestic abuse disclosed. They are back together since Easter.", "back together"),
    ("NL112", "She let him back in on Saturday night.", "let him back in"),
    ("NL113", "Ms Kaur was hostile when I asked for details.", "hostile"),
    ("NL113", "She became very aggressive on the phone.", "aggressive"),
    ("NL114", "They have a volatile relationship.", "volatile relationship"),
    ("NL114", "It is an on-off relationship.", "on-off relationship"),
    ("NL201", "Domestic abuse disclosed; I opened an ASB case for the incident.", "ASB case"),
    ("NL202", "I suggested he attends an anger management course.", "anger management course"),
    ("NL202", "Her partner should do an anger management course.", "anger management course"),
    ("NL203", "I advised her to leave him as soon as possible.", "leave him"),
    ("NL204", "I asked her why she doesn't just leave him.", "why she doesn't just leave"),
    ("NL205", "In my view this is mutual abuse.", "mutual abuse"),
    ("NL205", "They are as bad as each other.", "as bad as each other"),
    ("NL205", "Police said the couple hit each other.", "hit each other"),
    ("NL206", "He only gets violent when he has been drinking.", "only gets violent when"),
    ("NL206", "The stress of his job has made him lash out.", "made him lash out"),
    ("NL206", "His drinking is the reason for the violence.", "His drinking is the reason for"),
    ("NL207", "He rang the office and I passed on his message to her.", "passed on his message"),
    ("NL111", "Her ex-partner, Mr Cox, punched her in May. She has now resumed her relationship with Mr Cox.", "resumed her relationship"),
    ("NL112", "Her ex was let back into the house on Friday.", "was let back into"),
]


@pytest.mark.parametrize("code,text,words", POSITIVE)
def test_rule_flags_judgemental_wording(check, code, text, words):
    report = check(text, checklist="never")
    assert words in flagged(report, code), [(f.code, f.text) for f in report.findings]


NEGATIVE = [
    ("NL101", "The police investigation is ongoing."),
    ("NL101", "He was released under investigation."),
    ("NL101", "The contractor investigated the leak and fixed it."),
    ("NL102", "Her abusive partner still lives at the address."),
    ("NL103", "Her application was refused by the panel."),
    ("NL103", "The landlord refused to repair the damp."),
    ("NL103", "The boiler failed overnight."),
    ("NL103", "Agencies have failed her in the past."),
    ("NL103", "The refuse collection was missed again."),
    ("NL103", "Her partner, Dean Hale, punched her. Mr Hale refused to leave the property."),
    ("NL103", "The perpetrator, Jordan, refused to leave when asked by officers."),  # named in apposition
    ("NL103", "Housing Options refused the application last week."),                 # a council service
    # a dropped subject carries on the last sentence's, when that names someone else
    ("NL103", "Gas engineer booked for Monday. Failed to attend."),
    ("NL103", "Her ex-partner was at the door when I arrived. Refused to cooperate with officers."),
    ("NL103", "I tried her mobile twice. Failed to contact her."),   # the writer's own attempt
    ("NL103", "Was refused a transfer in May."),                      # passive
    ("NL104", "Her Universal Credit claim is in payment."),
    ("NL104", "I gave her the claim reference for the insurer."),
    ("NL104", "She has made a new claim for housing benefit."),
    ("NL105", "The reasons for referral are set out below."),
    ("NL105", "The smoke alarm was triggered by cooking."),
    ("NL106", "Mr Lee feels strongly that the lights should be on a timer."),
    ("NL107", "She has engaged with the specialist service."),
    ("NL108", "I referred him to Victim Support."),
    ("NL109", "The fire risk assessment rated the block low risk."),
    ("NL109", "She asked about a low-risk savings account."),
    ("NL109", "Domestic abuse disclosed. The fire risk is low as the alarms work."),
    ("NL109", "Domestic abuse disclosed; DASH completed and the risk is high."),
    ("NL110", "Her ex-partner has a history of violence."),
    ("NL111", "The rent account reconciliation is due in May."),
    ("NL112", "The locksmith let us in and changed the locks."),
    ("NL113", "This was a difficult decision for the panel."),
    ("NL113", "It is difficult for her to travel to the office."),
    ("NL113", "Her partner, Sam Reed, hit her. Mr Reed was aggressive at the counter."),
    ("NL114", "Energy prices were volatile last winter."),
    ("NL202", "I explained that we do not recommend anger management for abusive behaviour."),
    ("NL203", "I advised her to call 999 if she is ever in danger."),
    ("NL204", "I asked her what would help her feel safer at home."),
    ("NL204", 'Her friends keep asking her, "Why did you go back?"'),
    ("NL205", "Her ex-partner asked mutual friends where she is living."),
    ("NL205", "We sought advice, as mutual abuse is very rare."),
    ("NL104", "Noise complaint from no. 9 about no. 11. The alleged perpetrator is the tenant's son."),  # ASB casework
    ("NL107", "Tenant disengaged the smoke alarm because it went off while she was cooking."),
    ("NL113", "Ms Hart said her partner hit her. She was calm and not aggressive at all."),   # negated
    ("NL113", "Ms Hart said her partner hit her. She said he was aggressive and rude."),     # his demeanour
    # guidance text: a list after "judgemental language:" is about the words, however long
    ("NL111", "Judgemental language: claims, alleges, reasons, triggers, low risk, disengaged, reconciled."),
    ("NL104", "Judgemental language: claims, alleges, reasons, triggers, low risk, disengaged, reconciled."),
    ("NL111", "Domestic abuse disclosed. I asked her why she keeps going back to him."),  # the question is the finding
    # a titled name of the abuser's gender, in a note where the survivor is known to be the other
    ("NL113", "Ms Hart disclosed that her partner hit her. Mr Hart was aggressive towards officers."),
    ("NL206", "He uses cocaine and drinks heavily, which we recorded on the DASH."),
    ("NL207", "We never confirm a customer's whereabouts or pass on messages."),
]


@pytest.mark.parametrize("code,text", NEGATIVE)
def test_rule_leaves_look_alikes_alone(check, code, text):
    report = check(text, checklist="never")
    assert flagged(report, code) == []


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
