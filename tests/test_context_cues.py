"""Context cues are lexicon data: the shipped cues, and a profile's own, change results with no Python."""
import pytest

import notelint
from conftest import flagged

OPENING = "Ms Hart told me her partner hit her. "


@pytest.mark.parametrize("text,words", [
    ("She was not only hostile but rude to me.", "hostile"),        # pseudo-negation: still her demeanour
    ("There is no doubt she was aggressive towards me.", "aggressive"),
])
def test_a_pseudo_negation_is_not_a_negation(check, text, words):
    assert words in flagged(check(OPENING + text), "NL113")


@pytest.mark.parametrize("text", [
    "She was not hostile at any point.",
    "She has never refused our help.",
    "She refrained from being aggressive even when he shouted.",
    # a subject that is no one
    "None of the staff who met her found her rude.", "Nobody on the estate described her as aggressive.",
    "Nothing went on the ASB log about her report.",
])
def test_a_negation_removes_the_finding(check, text):
    report = check(OPENING + text)
    assert not [f for f in report.findings if f.kind == "wording"], [(f.code, f.text) for f in report.findings]


def test_no_one_as_subject_reaches_only_its_own_clause(check):
    report = check(OPENING + "Nobody answered the door at first; later she was rude to me.")
    assert [f.code for f in report.findings if f.kind == "wording"] == ["NL113"]


def test_a_negation_after_a_label_belongs_to_the_next_verb(check):
    assert flagged(check(OPENING + "The victim is not answering her phone."), "NL108") == ["The victim"]


def test_a_profile_adds_a_negation_and_a_pseudo_cue_without_python(tmp_path):
    profile = tmp_path / "our-council.yaml"
    profile.write_text(
        "name: our-council\nextends: mansfield\n"
        "context:\n"
        "  - {category: negated, direction: forward, scope: 3, terminated_by: [clause], phrases: [hardly]}\n"
        "  - {category: pseudo, phrases: [not simply]}\n", encoding="utf-8")
    hardly = OPENING + "She was hardly hostile when I called."
    simply = OPENING + "She was not simply hostile but abusive to staff."
    assert "hostile" in flagged(notelint.check_text(hardly), "NL113")
    assert flagged(notelint.check_text(hardly, profile=str(profile)), "NL113") == []
    assert "hostile" not in flagged(notelint.check_text(simply), "NL113")   # "not" negates "hostile"
    assert "hostile" in flagged(notelint.check_text(simply, profile=str(profile)), "NL113")


def test_a_pseudo_cue_cancels_only_the_categories_it_names(tmp_path):
    profile = tmp_path / "our-council.yaml"
    profile.write_text(
        "name: our-council\nextends: mansfield\n"
        "context:\n  - {category: pseudo, cancels: [meta], phrases: [not simply]}\n", encoding="utf-8")
    simply = OPENING + "She was not simply hostile but abusive to staff."
    assert "hostile" not in flagged(notelint.check_text(simply, profile=str(profile)), "NL113")  # still a negation


@pytest.mark.parametrize("cue,error", [
    ("{category: negated, cancels: [meta], phrases: [hardly]}", "only a pseudo cue cancels"),
    ("{category: pseudo, cancels: [sarcasm], phrases: [not simply]}", "'sarcasm' is not a category"),
])
def test_a_bad_cancels_is_a_load_error(tmp_path, cue, error):
    from notelint.lexicon import LexiconError, load_profile

    profile = tmp_path / "bad.yaml"
    profile.write_text(f"name: bad\ncontext:\n  - {cue}\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_profile(str(profile))
    assert error in str(err.value) and "bad.yaml:3" in str(err.value)


def test_a_cue_with_a_bad_key_is_one_line_naming_the_file_and_line(tmp_path):
    from notelint.lexicon import LexiconError, load_profile

    profile = tmp_path / "bad.yaml"
    profile.write_text("name: bad\ncontext:\n  - category: negated\n    phrases: [hardly]\n    scpoe: 3\n",
                       encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_profile(str(profile))
    assert str(err.value) == f"{profile}:5: context: unknown key 'scpoe' (expected cancels, category, direction, " \
                             "group, phrases, scope, terminated_by)"


def test_a_profile_without_a_class_the_engine_needs_is_a_load_error(tmp_path):
    from notelint import lexicon

    assert "negation" in lexicon.ENGINE_CLASSES
    profile = lexicon.Profile(name="x", rules={}, classes={}, sources=("x.yaml",))
    with pytest.raises(lexicon.LexiconError, match="needs the word class"):
        lexicon._check_references(profile)


def test_every_class_the_engine_reads_by_name_is_declared():
    """A class read in Python but not in ENGINE_CLASSES would be silently empty in a profile that lacks it."""
    import re
    from pathlib import Path

    from notelint import lexicon

    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(lexicon.__file__).parent.rglob("*.py"))
    read = set(re.findall(r'(?:words\[|ends_at\(|starts_at\(|phrases\(|phrases_from\()"([a-z_]+)"', source))
    assert read, "the pattern no longer finds the engine's class reads"
    assert sorted(read - set(lexicon.ENGINE_CLASSES)) == []


@pytest.mark.parametrize("label", ["NHS no 4857201934", "Flat no 3,", "Crime ref no 1123"])
def test_no_short_for_number_is_no_negation(check, label):
    assert "refused to engage" in flagged(check(f"{OPENING}{label} she refused to engage with outreach."), "NL103")
    assert flagged(check(f"{OPENING}She has no refused offers on file."), "NL103") == []


def test_a_profiles_longer_cue_counts_in_a_batch_of_notes(tmp_path):
    """A cue of several words is found wherever its note stands in a batch (the batch's cue masks; the
    words are no negation in English: the test is that the profile's cue is read, not what it says)."""
    from notelint.pipeline import build_nlp
    profile = tmp_path / "our-council.yaml"
    profile.write_text(
        "name: our-council\nextends: mansfield\n"
        "context:\n"
        "  - {category: negated, direction: forward, scope: 4, terminated_by: [clause], phrases: [all things considered]}\n",
        encoding="utf-8")
    plain = "Rent account reviewed with the tenant; arrears cleared."
    cued = OPENING + "All things considered she was hostile to me."
    nlp = build_nlp(str(profile))
    reports = [d._.notelint for d in nlp.pipe([plain, cued, plain, cued, plain], batch_size=3)]
    assert [flagged(r, "NL113") for r in reports] == [[]] * 5
    default = [d._.notelint for d in build_nlp("mansfield").pipe([plain, cued], batch_size=2)]
    assert "hostile" in flagged(default[1], "NL113")
