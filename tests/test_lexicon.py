"""The lexicon is data: validated on load, with one-line errors naming file and line."""
import textwrap

import pytest

import notelint
from notelint.lexicon import LexiconError, load_profile


def write(tmp_path, text, name="org.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text))
    return p


def error_of(path):
    with pytest.raises(LexiconError) as exc:
        notelint.check_text("x", profile=str(path))
    msg = str(exc.value)
    assert "\n" not in msg
    return msg


def test_builtin_profiles_load():
    for name in ("mansfield", "bassetlaw"):
        p = load_profile(name)
        assert {"NL101", "NL207"} <= set(p.rules) and "RF14" in p.all_codes() and "PW06" in p.all_codes()


def test_unknown_key_names_file_and_line(tmp_path):
    p = write(tmp_path, """\
        rules:
          - code: NL103
            severty: error
        """)
    assert error_of(p) == f"{p}:3: NL103: unknown key 'severty'"


def test_bad_severity(tmp_path):
    p = write(tmp_path, "rules:\n  - code: NL103\n    severity: loud\n")
    assert "org.yaml:3: NL103: severity: expected one of error, warning, info" in error_of(p)


def test_bad_pattern(tmp_path):
    p = write(tmp_path, """\
        rules:
          - code: NL901
            name: my-rule
            message: m
            patterns: ["(unclosed"]
        """)
    assert f"{p}:5: NL901: bad pattern" in error_of(p)


def test_unknown_word_class(tmp_path):
    p = write(tmp_path, "rules:\n  - code: NL901\n    name: r\n    message: m\n    patterns: ['@nosuchclass x']\n")
    assert "unknown word class @nosuchclass" in error_of(p)


def test_duplicate_code_in_one_file(tmp_path):
    p = write(tmp_path, """\
        rules:
          - {code: NL901, name: a, message: m, patterns: [x]}
          - {code: NL901, name: b, message: m, patterns: [y]}
        """)
    assert f"{p}:3: NL901: duplicate code" in error_of(p)


def test_override_of_unknown_code(tmp_path):
    p = write(tmp_path, "rules:\n  - code: NL999\n    severity: info\n")
    assert f"{p}:2: NL999: unknown rule code" in error_of(p)


def test_yes_no_words_must_be_quoted(tmp_path):
    p = write(tmp_path, "classes:\n  negation: [not, no]\n")
    assert "read as a yes/no value" in error_of(p)


def test_invalid_yaml(tmp_path):
    p = write(tmp_path, "rules: [\n")
    assert error_of(p).startswith(f"{p}:")


def test_disable_and_reword_without_python(tmp_path):
    p = write(tmp_path, """\
        rules:
          - code: NL103
            disable: true
          - code: NL104
            suggestions: [said]
        """)
    report = notelint.check_text("She refused to engage. She claims he hit her.", profile=str(p))
    assert [f.code for f in report.findings] == ["NL104"]
    assert report.findings[0].suggestions == ("said",)


def test_profile_adds_a_pathway_rule_without_python(tmp_path):
    p = write(tmp_path, """\
        pathways:
          rules:
            PW901:
              name: weapon-no-police
              summary: A weapon was used but the police were not contacted.
              why: Our policy.
              message: A weapon was used; contact the police.
              when: [{any: [knife, weapon]}]
              unless: [police_contacted]
        """)
    text = "Ms Cole disclosed that her partner held a knife to her throat. No DASH was done."
    codes = [f.code for f in notelint.check_text(text, profile=str(p)).findings]
    assert "PW901" in codes
    assert "PW901" not in [f.code for f in notelint.check_text(text).findings]
    text2 = text + " I called the police on 999."
    assert "PW901" not in [f.code for f in notelint.check_text(text2, profile=str(p)).findings]


def test_bad_type(tmp_path):
    p = write(tmp_path, "rules:\n  - code: NL901\n    name: r\n    message: m\n    patterns: 42\n")
    assert error_of(p) == f"{p}:5: NL901: patterns: expected a non-empty list"


def test_bad_pattern_fix_value(tmp_path):
    p = write(tmp_path, "rules:\n  - code: NL901\n    name: r\n    message: m\n"
                        "    patterns:\n      - {pattern: low risk, fix: maybe}\n")
    assert f"{p}:6: NL901: fix: expected unsafe or safe, got 'maybe'" == error_of(p)


def test_bad_pattern_scope_value(tmp_path):
    p = write(tmp_path, "rules:\n  - code: NL901\n    name: r\n    message: m\n"
                        "    patterns:\n      - {pattern: low risk, scope: da}\n")
    assert f"{p}:6: NL901: scope: expected all or da_note, got 'da'" == error_of(p)


def test_a_broken_profile_is_one_line_and_exit_2_on_every_command(tmp_path):
    from click.testing import CliRunner

    from notelint.cli import main

    p = write(tmp_path, "rules:\n  - code: NL103\n    severty: error\n")
    note = tmp_path / "n.txt"
    note.write_text("x")
    for args in (["check", str(note)], ["fix", str(note)], ["audit", str(note), "-o", str(tmp_path / "o")],
                 ["rules"]):
        r = CliRunner().invoke(main, [*args, "--profile", str(p)])
        assert r.exit_code == 2, args
        assert r.output.strip() == f"notelint: error: {p}:3: NL103: unknown key 'severty'", args


@pytest.mark.parametrize("body,line,message", [
    ("checklist:\n  items:\n    RF21:\n      name: pets\n      mesage: Record pets.\n", 5,
     "checklist: items: RF21: unknown key 'mesage' (expected one of applies_when, enabled, example, message, "
     "name, recorded_when, severity, summary, title, why)"),
    ("checklist:\n  items:\n    RF21:\n      name: pets\n      severity: loud\n", 5,
     "checklist: items: RF21: severity: expected one of error, warning, info, got 'loud'"),
    ("checklist:\n  items:\n    RF21:\n      name: pets\n      message: Record pets.\n", 3,
     "checklist: items: RF21: missing required key 'recorded_when'"),
    ("pathways:\n  rules:\n    PW21:\n      message: Refer.\n      when: children\n      enabled: sometimes\n", 6,
     "pathways: rules: PW21: enabled: expected true or false"),
])
def test_checklist_items_and_pathway_rules_are_checked_key_by_key(tmp_path, body, line, message):
    p = tmp_path / "p.yaml"
    p.write_text("name: p\nextends: mansfield\n" + body)
    assert error_of(p) == f"{p}:{line + 2}: {message}"


def test_a_bad_checklist_pattern_is_reported_at_its_own_line(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text("name: p\nextends: mansfield\nchecklist:\n  items:\n    RF21:\n      name: pets\n"
                 "      message: Record pets.\n      recorded_when:\n        - any:\n            - pets\n"
                 "            - (unclosed\n")
    assert error_of(p).startswith(f"{p}:11: ")


def _gadget_rule(tmp_path, patterns: str):
    """A profile with one rule, NL901, of the given patterns (YAML list items); what it finds in a text."""
    p = write(tmp_path, """\
        name: p
        extends: mansfield
        rules:
          - code: NL901
            name: gadget-blame
            message: '"{text}" blames the gadget.'
            patterns:
""" + textwrap.indent(textwrap.dedent(patterns), " " * 14))

    def found(text):
        return [f.text for f in notelint.check_text(text, profile=str(p)).findings if f.code == "NL901"]
    return found


def test_a_patterns_own_requires_before_holds_for_it_alone(tmp_path):
    """A profile rule with two patterns, one of which needs a word earlier in its sentence: the other does not."""
    found = _gadget_rule(tmp_path, """\
        - pattern: thanks to the gizmo
          requires_before: [~break]
        - blame the widget
        """)
    assert found("The kettle broke thanks to the gizmo.") == ["thanks to the gizmo"]
    assert found("We won the raffle thanks to the gizmo.") == []
    assert found("Thanks to the gizmo the kettle broke.") == []
    assert found("They blame the widget for everything.") == ["blame the widget"]


def test_a_patterns_requires_before_may_reach_back_a_set_number_of_sentences(tmp_path):
    """requires_within: 1 lets the word stand in the sentence before; two sentences back is too far."""
    found = _gadget_rule(tmp_path, """\
        - pattern: thanks to the gizmo
          requires_before: [~break]
          requires_within: 1
        """)
    assert found("The kettle broke. All thanks to the gizmo.") == ["thanks to the gizmo"]
    assert found("The kettle broke. We sat down. All thanks to the gizmo.") == []
    assert found("We won the raffle. All thanks to the gizmo.") == []


@pytest.mark.parametrize("extra", ["requires_within: 9", "requires_within: one", "requires_within: true"])
def test_requires_within_is_a_small_number_with_requires_before(tmp_path, extra):
    p = write(tmp_path, "rules:\n  - code: NL901\n    name: r\n    message: m\n"
                        f"    patterns:\n      - {{pattern: low risk, requires_before: [now], {extra}}}\n")
    assert error_of(p) == f"{p}:6: NL901: requires_within: expected a number of sentences from 0 to 5, with requires_before"
    p = write(tmp_path, "rules:\n  - code: NL901\n    name: r\n    message: m\n"
                        "    patterns:\n      - {pattern: low risk, requires_within: 1}\n")
    assert "requires_within" in error_of(p)


def test_a_pattern_may_name_whom_the_words_are_done_to_and_whom_the_sentence_is_about(tmp_path):
    """`object`: the match's last word must name a person of that role; `sentence_subject`: the sentence
    must open with one, before the match.  The roles come from the note's own words (who hit whom)."""
    p = write(tmp_path, """\
        name: p
        extends: mansfield
        rules:
          - code: NL901
            name: ditching
            message: '"{text}" tells her to ditch him.'
            patterns:
              - {pattern: "ditch *", object: [perpetrator]}
          - code: NL902
            name: her-doing
            message: '"{text}" makes it her doing.'
            patterns:
              - {pattern: "which wound him up", sentence_subject: [survivor], agent_not: []}
        """)
    def found(code, text):
        return [f.text for f in notelint.check_text(text, profile=str(p)).findings if f.code == code]
    told = "Mrs Ilic said her husband Goran kicked her shin. "
    assert found("NL901", told + "I said she should ditch Goran.") == ["ditch Goran"]
    assert found("NL901", told + "I said she should ditch Thursday's appointment.") == []
    assert found("NL901", told + "Her sister Vesna wants to ditch Vesna's old car.") == []
    assert found("NL902", told + "Mrs Ilic had sold the van, which wound him up.") == ["which wound him up"]
    assert found("NL902", told + "The heat in the flat, which wound him up, was unbearable.") == []
    assert found("NL902", told + "Goran lost his wallet, which wound him up.") == []


def test_a_pattern_may_name_who_does_it_inside_its_own_words(tmp_path):
    """`subject`: the first word of the match that names someone must name a person of that role (the
    doer inside the words, not the subject of the clause before them)."""
    p = write(tmp_path, """\
        name: p
        extends: mansfield
        rules:
          - code: NL901
            name: so-he-did
            message: '"{text}" makes it a consequence.'
            patterns:
              - {pattern: "so (he|she) sulked", subject: [perpetrator]}
        """)
    def found(text):
        return [f.text for f in notelint.check_text(text, profile=str(p)).findings if f.code == "NL901"]
    told = "Mrs Ilic said her husband Goran kicked her shin. "
    assert found(told + "She was tired, so he sulked.") == ["so he sulked"]
    assert found(told + "Goran was tired, so she sulked.") == []
    assert found(told + "He said the rent was late so he sulked all day.") == ["so he sulked"]


def test_an_unknown_role_in_a_pattern_is_one_line(tmp_path):
    p = write(tmp_path, "rules:\n  - code: NL901\n    name: r\n    message: m\n"
                        "    patterns:\n      - {pattern: ditch *, object: [abuser]}\n")
    assert error_of(p).startswith(f"{p}:6: NL901: object: unknown agent 'abuser'")


def test_a_pathway_fact_may_refer_only_to_an_item_the_profile_has(tmp_path):
    p = write(tmp_path, """\
        name: p
        extends: mansfield
        pathways:
          facts:
            pets_noted:
              applies: RF77
        """)
    assert "RF77 is no checklist item" in error_of(p)


def test_a_profiles_spellings_read_a_written_word_as_another_everywhere(tmp_path):
    """A spelling is applied before any matching: the rules, the checklist and the who-is-who model all
    read the written word as the one it stands for; the offsets and the words reported stay the note's."""
    p = write(tmp_path, """\
        name: p
        extends: mansfield
        spellings:
          hubbie: husband
          beated: hit
        """)
    text = "Ms Iqbal told me her hubbie beated her on Sunday. She has been refusing to engage."
    report = notelint.check_text(text, profile=str(p))
    assert report.is_da_note
    assert "NL103" in [f.code for f in report.findings]
    assert "RF03" not in [m.code for m in report.missing]  # "her hubbie": the perpetrator named
    assert not notelint.check_text(text).is_da_note  # (the core lexicon has neither word)


@pytest.mark.parametrize("entry", ["Bk: back", "bk: two words", "bk: [back]"])
def test_a_spelling_is_one_lower_case_word_for_another(tmp_path, entry):
    p = write(tmp_path, f"spellings:\n  {entry}\n")
    assert "spellings:" in error_of(p) and "one lower-case word" in error_of(p)


def test_a_profiles_inflections_add_forms_the_lemma_table_lacks(tmp_path):
    """`~lemma` matches every form the lookup table knows, and the forms a profile adds (in every pattern,
    class and cue): a form the table lacks is data, not Python."""
    text = "Mrs Oduya said her son Tayo shoved her. Tayo whatsapped her 30 times a night since she changed the locks."
    assert "RF07" in [m.code for m in notelint.check_text(text).missing]
    p = write(tmp_path, """\
        name: p
        extends: mansfield
        inflections:
          whatsapp: [whatsapped, whatsapping]
        classes:
          contact_verb: ["~whatsapp (her|him)"]
        checklist:
          items:
            RF07:
              recorded_when:
                - together: [["@contact_verb"], ["@duration"]]
        """)
    assert "RF07" not in [m.code for m in notelint.check_text(text, profile=str(p)).missing]


@pytest.mark.parametrize("entry", ["Text: [texted]", "text: texted", "text: [two words]", "text: []"])
def test_an_inflection_is_a_lower_case_lemma_and_a_list_of_its_forms(tmp_path, entry):
    p = write(tmp_path, f"inflections:\n  {entry}\n")
    assert "inflections:" in error_of(p)


def test_a_condition_pattern_may_ask_for_a_capitalised_word(tmp_path):
    """`capitalised: n`: the match's n-th word must begin with a capital (a name), in data, no Python."""
    profile = """\
        name: p
        extends: mansfield
        checklist:
          items:
            RF21:
              name: pets
              message: Record the pets.
              recorded_when:
                - any: [{{pattern: "the dog *", capitalised: {place}}}]
        """
    p = write(tmp_path, profile.format(place=3))

    def missing(text):
        return [m.code for m in notelint.check_text("Her partner Sam hit her. " + text, profile=str(p)).missing]
    assert "RF21" not in missing("She has the dog Biscuit at home.")
    assert "RF21" in missing("She has the dog basket at home.")
    bad = write(tmp_path, profile.format(place="first"), name="bad.yaml")
    assert "capitalised: the place of a word in the pattern" in error_of(bad)


def test_a_bad_member_of_a_word_class_is_a_load_error(tmp_path):
    """A class the engine reads only for some notes (here the words set between a subject and its verb)
    is checked when the profile loads: not an internal error at the first note that reads it."""
    p = write(tmp_path, "extends: mansfield\nclasses:\n  interjected: ['(by accident']\n")
    msg = error_of(p)
    assert "@interjected" in msg and "missing ')'" in msg


def test_a_number_conditions_misspelt_key_is_a_load_error(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text("name: p\nextends: mansfield\npathways:\n  facts:\n    big_score:\n"
                 "      - number_after: [points]\n        at_leest: 30\n")
    assert "unknown key 'at_leest' beside 'number_after'" in error_of(p)


@pytest.mark.parametrize("profile", ["mansfield", "bassetlaw"])
def test_no_context_cue_makes_a_common_word_pair_compare_thousands_of_phrases(profile):
    """A cue phrase is found by its last (or first) two words, then compared whole: a cue written as a product of
    alternatives ("(~ask|...) [her|him|@title *] [directly|...] (whether|if) (anyone|any partner ...)") puts
    thousands of phrases under one pair ("any partner"), and every note with that pair compares them all (one
    such cue doubled the wording rules' time). Split the cue, or end it where its words stop varying."""
    from notelint.pipeline import build_nlp

    comp = build_nlp(profile).get_pipe("notelint")
    C = comp.cues.classes
    names = {p for p, _ in comp.cues.pseudo}
    for scans in comp.cues.scans.values():
        for scan in scans:
            names.update(scan.classes, scan.stops)
    worst = max((*C.widest_pair(name), name) for name in names)
    assert worst[0] <= 1100, worst
