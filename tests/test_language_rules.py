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


@pytest.mark.parametrize("someone, flagged", [
    ("A male caller", False), ("The gentleman at the door", False), ("A man in the car park", False),
    ("The lady", True), ("The customer", True),
])
def test_a_person_named_by_their_sex_is_whoever_that_pronoun_is(check, someone, flagged):
    """In a note where "he" abuses "her", a man described as hostile is not her (and a woman may be)."""
    report = check(f"Mrs Abara said her husband shoved her into the door. {someone} was hostile on Monday.")
    assert ("NL113" in [f.code for f in report.findings]) is flagged, someone


@pytest.mark.parametrize("text, flagged", [
    ("Victim K failed to attend the review meeting.", True),            # a review's pseudonym
    ("Perpetrator L failed to attend the review meeting.", False),
    ("She was a tenant who routinely refused support.", True),          # an adverb between subject and verb
    ("The landlord, who routinely refused repairs, was fined.", False),
])
def test_who_did_it_through_a_pseudonym_or_an_adverb(check, text, flagged):
    report = check(text, checklist="never")
    assert ("NL103" in [f.code for f in report.findings]) is flagged, text


@pytest.mark.parametrize("text, flagged", [
    ("Dear Ms Cole, we know your husband hurt you. You refused to engage with the plan.", True),
    ("Steps you will take: you said your ex grabbed you. You failed to attend on 3 May.", True),
    ("Hi Sam, you refused to engage the contractor, which is fine. Ms Cole's ex hit her.", False),  # a colleague
])
def test_you_is_the_one_abused_in_a_letter_that_says_so(check, text, flagged):
    report = check(text, checklist="never")
    assert ("NL103" in [f.code for f in report.findings]) is flagged, text


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


# A sentence about abuse in its own words, in a note that is not (as a whole) a DA note — a review's
# single sentence, an ASB note that mentions it: the wording rules scoped to DA notes apply inside it,
# and only inside it.
@pytest.mark.parametrize("text,code,words", [
    ("Records show the couple had got back together by the summer.", "NL111", "back together"),
    ("The panel heard their relationship was on and off and that the two had reconciled twice.", "NL111", "reconciled"),
    ("Neighbour at no. 2 made a report of abuse at no. 4; an ASB case was opened.", "NL201", "ASB case"),
])
def test_a_sentence_about_abuse_carries_the_da_rules(check, text, code, words):
    report = check(text)
    assert not report.is_da_note
    assert words in flagged(report, code)


@pytest.mark.parametrize("text", [
    "Rent account reconciled with UC in May.",
    "Mr Obi and his wife have reconciled the joint account with the bank.",
    "Neighbour at no. 4 shouted at him on the landing; ASB case opened.",     # neighbours, not partners
    "Flat 6 reported domestic noise at night; ASB case opened.",             # household noise
    "No domestic abuse disclosed at the visit. ASB case opened for the noise.",
])
def test_a_sentence_without_abuse_in_it_does_not(check, text):
    report = check(text)
    assert not report.is_da_note and not report.findings, [(f.code, f.text) for f in report.findings]


def test_a_profile_says_what_puts_a_sentence_about_abuse(tmp_path):
    import notelint

    profile = tmp_path / "ours.yaml"
    profile.write_text("name: ours\nextends: mansfield\nchecklist:\n  da_sentence:\n    - any: [zorblat]\n",
                       encoding="utf-8")
    text = "They reconciled in May and the flarn is fine. The zorblat pair reconciled in June."
    assert flagged(notelint.check_text(text), "NL111") == []
    found = [f for f in notelint.check_text(text, profile=str(profile)).findings if f.code == "NL111"]
    assert [text[f.start:f.end] for f in found] == ["reconciled"] and found[0].start > text.index("zorblat")


def test_a_note_in_capitals_is_read_like_any_other(check):
    text = ("MS KERR TOLD ME HER PARTNER DEAN HIT HER. SHE REFUSED TO ENGAGE WITH THE IDVA. "
            "CASE CLOSED DUE TO NON-ENGAGEMENT.")
    report = check(text)
    assert "REFUSED TO ENGAGE" in flagged(report, "NL103") and "NON-ENGAGEMENT" in flagged(report, "NL107")


@pytest.mark.parametrize("text", [
    "Ms Ivey said her husband Ray slapped her. She didn't refuse the refuge place, she couldn't go that night.",
    "Ms Ivey said her husband Ray slapped her. We aren't saying it's a volatile relationship.",
    "Ms Ivey said her husband Ray slapped her. She won't engage with the outreach worker.",
    "Ms Ivey said her husband Ray slapped her. I don't think she is a poor historian.",
])
def test_a_contraction_typed_in_capitals_reads_as_in_lower_case(check, text):
    """Invariance: the same note typed in capitals gives the same wording findings, its negations and
    contractions included ("DIDN'T", "WON'T" are split as "didn't" is)."""
    def codes(note):
        return sorted(f.code for f in check(note).findings if f.kind == "wording")
    assert codes(text.upper()) == codes(text)


@pytest.mark.parametrize("text", [
    "Ms Kerr told me her partner Dean Kerr hit her. The gas check at Plover Way failed on Monday.",
    "Ms Kerr told me her partner Dean Kerr hit her. The lift at 4 Dyer Court failed twice this week.",
])
def test_a_place_named_like_a_person_is_a_thing(check, text):
    assert flagged(check(text), "NL103") == []


def test_a_person_whose_surname_is_a_place_word_is_still_a_person(check):
    report = check("Ms Lane told me her ex-partner Rob Shipley hit her. Ms Lane alleges he follows her home.")
    assert flagged(report, "NL104") == ["alleges"]



@pytest.mark.parametrize("said, found", [
    ("The risk to Jo was judged to be minimal.", "risk to Jo was judged to be minimal"),  # a first name alone
    ("The risk to staff is low while two officers attend.", None),                           # not her risk
])
def test_a_low_risk_to_someone_named_by_first_name(check, said, found):
    report = check("Ms Jo Kerr told me her partner Dean Kerr hit her. " + said)
    assert flagged(report, "NL109") == ([found] if found else [])


def test_kept_on_the_asb_log_under_a_nuisance_heading_is_one_finding(check):
    report = check("Mr Dale told me his wife hits him. Incident logged on the ASB system as neighbour nuisance.")
    assert flagged(report, "NL201") == ["logged on the ASB system as neighbour nuisance"]


@pytest.mark.parametrize("text, found", [
    # the one asked the enquiry is the survivor: the other gender's pronoun is the abuser's
    ("Fire door check. Mrs Okafor's husband answered every question for her. I asked Mrs Okafor if she felt safe "
     "at home. He was hostile when I asked to see her alone.", []),
    ("Gas service visit. Mr Lund's wife answered every question for him. I asked Mr Lund if he felt safe "
     "at home. She was hostile when I asked to see him alone.", []),
    ("Fire door check. I asked Mrs Okafor if she felt safe at home. She was hostile when I asked about it.", ["hostile"]),
    # an abuser known by a name and by a title elsewhere: "he" is him
    ("Call from Mr Rory Dunn. Rory broke Kim's jaw in March. He was aggressive on the phone.", []),
    ("Call from Mr Ade Bello. Ade split Lou's lip at Easter. He was aggressive on the phone.", []),
])
def test_who_he_or_she_is_from_the_enquiry_or_a_named_abusers_title(check, text, found):
    assert flagged(check(text), "NL113") == found


@pytest.mark.parametrize("text, code, found", [
    ("Her partner Tom pushed her. Anger management would be the answer for him.", "NL202",
     ["Anger management would be the answer"]),
    ("Her partner Tom pushed her. His aunt said anger management is what he needs.", "NL202", []),  # her words
    ("Her son Liam pushed her down the stairs. Liam isn't fully responsible for what he does.", "NL206",
     ["isn't fully responsible for what he"]),
    ("Her son Liam pushed her down the stairs. She is not responsible for what he does.", "NL206", []),
    ("Her partner Tom hits her when he is stressed, which is why it has been happening.", "NL206",
     ["is why it has been happening"]),
    ("Her partner Tom hit her. The argument was provoked by Mia texting a friend.", "NL105",
     ["provoked by Mia texting"]),
])
def test_excuses_and_reasons_said_after_the_act(check, text, code, found):
    assert flagged(check(text), code) == found, text


@pytest.mark.parametrize("text, code, found", [
    # whose acts the reported clause tells, after "to tell me" as after "told me"
    ("Ms Rae phoned to tell me her boyfriend Kyle reads her texts, took her keys and slaps her. "
     "I have advised her to leave him.", "NL203", ["leave him"]),
    ("Ms Rae came in to say her boyfriend Kyle reads her texts, took her keys and slaps her. "
     "I have advised her to leave him.", "NL203", ["leave him"]),
    # "just" turns any act into a reproach
    ("Her ex Ross messages her all night. I asked why she didn't just switch her phone off.", "NL204",
     ["why she didn't just switch"]),
    ("Her ex Ross messages her all night. She asked why he didn't just leave her alone.", "NL204",
     ["why he didn't just leave"]),
])
def test_reported_acts_and_reproaches_in_other_words(check, text, code, found):
    assert flagged(check(text), code) == found, text


@pytest.mark.parametrize("text, code, found", [
    # the behaviour as "like this"
    ("Her husband Neil shoved her. He has money worries, which is why he acts like this.", "NL206",
     ["is why he acts like this"]),
    # the condition as the cause, nothing after it
    ("Her husband Neil shoved her. His gambling is the real cause; he owes thousands.", "NL206", ["cause"]),
    ("Her husband Neil shoved her. Her anxiety is the main reason she phoned us.", "NL206", []),
    ("Damp inspection. Condensation is the main cause.", "NL206", []),
    # a hyphenated label written with a space, as speech-to-text writes it
    ("She said it is a love hate relationship with Neil.", "NL114", ["love hate relationship"]),
    # both people said alike, not two things
    ("Neil pushed her and she threw a cup. They are as bad as each other.", "NL205", ["as bad as each other"]),
    ("Survey of flats 3 and 4: the two kitchens are as bad as each other.", "NL205", []),
])
def test_excuses_labels_and_mutuality_in_other_words(check, text, code, found):
    assert flagged(check(text), code) == found, text


def test_the_other_persons_lines_of_a_written_out_dialogue_are_their_own_words(check):
    """A Q/A interview or web chat without quotation marks: the answers are the customer's words, the
    questions the writer's."""
    chat = ("Web chat 14:02\nAgent: Are you safe to talk?\nCustomer: yes. its six of one, we are as bad as "
            "each other really\nAgent: Why didn't you just leave him?\n")
    assert [f.code for f in check(chat).findings if f.code.startswith("NL")] == ["NL204"]
    # a form's field label alone is no dialogue: the writer's words after it are the writer's
    assert flagged(check("Client: Ms Lia Storr. She refused to engage with outreach.\n"), "NL103") == [
        "refused to engage"]


@pytest.mark.parametrize("text, code, found", [
    # who is who: a partner named with "is"; words set between a subject and its verb
    ("Ms Ito said her partner hits her. Her partner is Callum Rhodes. Callum was aggressive at the door.",
     "NL113", []),
    ("Mr Ito punched his wife. Mr Ito was calm; Mrs Ito by contrast was very rude to me.", "NL113", ["rude"]),
    # reproaches for what she has not done to stop him, and letting it go on
    ("Her ex Marek smashed the door. I asked why she hadn't blocked his number.", "NL204",
     ["why she hadn't blocked"]),
    ("Her ex Marek smashed the door. How could you let things go on this long?", "NL204",
     ["How could you let things go on this long"]),
    ("Her ex Marek smashed the door. Why did you ring us today?", "NL204", []),
    ("Form help. Why don't you ask your dad to help with the forms?", "NL204", []),
    # a strong opinion, mutuality concluded from an account, and denied
    ("Her ex Marek smashed the door. We feel really strongly that she must move.", "NL106",
     ["We feel really strongly that"]),
    ("Her ex Marek hit her. From what she told me it goes both ways between them.", "NL205", ["it goes both ways"]),
    ("Her ex Marek hit her. I don't see it as mutual abuse.", "NL205", []),
    ("Dispute over the fence. It is six of one and half a dozen of the other between the two households.",
     "NL205", []),
    # the writer's own earlier record, quoted to correct it
    ('Correction to my note of 02/03. Earlier I wrote that she "claims" he hit her; that was wrong.', "NL104", []),
    # a condition as the source of the abuse
    ("Her husband Amir hits her. I think this comes from his upbringing.", "NL206",
     ["this comes from his upbringing"]),
    ("Her husband Amir hits her. Her income comes from her job.", "NL206", []),
    # a resumed couple in a review's sentence
    ("Six weeks after the attack the victim reconciled with Mr Oduya.", "NL111", ["reconciled"]),
])
def test_who_says_what_about_whom_in_other_words(check, text, code, found):
    assert flagged(check(text), code) == found, text


def test_both_people_said_alike_through_a_linking_verb(check):
    text = "Darren said his wife threw a pan at him. From what he says they sound as bad as each other."
    assert flagged(check(text), "NL205") == ["as bad as each other"]


@pytest.mark.parametrize("text, found", [
    ("Her husband Callum pushed her. What set it off was her visiting her sister.", ["What set it off was her"]),
    ("Complaint about the rent. What triggered it was the rent increase.", []),     # no act of hers
])
def test_her_act_as_the_trigger_in_a_cleft(check, text, found):
    assert flagged(check(text), "NL105") == found, text


@pytest.mark.parametrize("text, found", [
    ("Mr Patel said his wife hit him. She has had money worries since June, so it is understandable.",
     ["it is understandable"]),
    ("Mr Patel said his wife hit him. She is on new medication; no wonder she snaps.", ["no wonder she snaps"]),
    ("Mr Patel said his wife hit him. His anger about the repairs is understandable.", []),   # no condition as cause
])
def test_a_condition_then_the_abuse_called_understandable(check, text, found):
    assert flagged(check(text), "NL206") == found, text


@pytest.mark.parametrize("second, count", [(" and sent an ASB warning letter", 1),
                                           (", warning letter re noise nuisance to be sent", 2)])
def test_a_rule_said_once_per_clause_reports_one_finding_there(check, second, count):
    # NL201 has `once: clause`: filing the abuse as ASB is one act however many words name it; another clause
    # names another act
    text = ("Ms Rowe said her ex hit her. I kept it on the ASB system as a noise nuisance case" + second
            + ". Next week the ASB team will lead.")
    found = [f for f in check(text).findings if f.code == "NL201"]
    assert len(found) == count + 1   # and one in the last sentence
