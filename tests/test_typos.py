"""Slips no list names (notelint/typos.py): read as the one lexicon word they are a slip of, in lower case
only; real words beside the lexicon's, and names, stay as written."""
import textwrap

import pytest

from notelint.lexicon import LexiconError, load_profile
from notelint.typos import one_slip


def codes(report):
    return {f.code for f in report.findings}


@pytest.mark.parametrize("text,code,words", [
    # slips of a judgement word in the lexicon, none of them in its spelling list
    ("Mrs Kaye said her husband Tom hit her. At the counter she was very manipulitive.", "NL113", "manipulitive"),
    ("Mrs Kaye said her husband Tom hit her. She has been uncoperative since Monday.", "NL113", "uncoperative"),
    ("Mrs Kaye said her husband Tom strangeld her on Sunday.", None, None),  # read as the abuse: a DA note
])
def test_a_slip_of_a_lexicon_word_is_read_as_that_word(check, text, code, words):
    report = check(text)
    assert report.is_da_note
    if code:
        assert [f.text for f in report.findings if f.code == code] == [words]  # the note's own letters reported


@pytest.mark.parametrize("text", [
    "Mr Cole was vaping on the landing again; the smoke alarm went off.",    # not "raping"
    "The tenant feels hopeless about the damp and the mould in the bathroom.",  # not "homeless"
    "The kitchen window frame is rotten and the electrics need testing.",
])
def test_real_words_beside_the_lexicons_stay_as_written(check, text):
    report = check(text)
    assert not report.is_da_note and codes(report) == set()


def test_a_capitalised_word_is_not_read_as_a_slip(check):
    # (a name: "Strangeld" is nobody's slip at the start of a line of a name list)
    assert not check("Visitors: Ms Ann Strangeld, Mr Paul Strangeld.").is_da_note


@pytest.mark.parametrize("a,b,expected", [
    ("beleive", "believe", True), ("agressive", "aggressive", True), ("hostle", "hostile", True),
    ("volitile", "volatile", True), ("hostel", "hostile", False), ("abc", "abc", False), ("ab", "abcd", False),
])
def test_one_slip_is_one_letter_added_dropped_changed_or_two_swapped(a, b, expected):
    assert one_slip(a, b) is expected and one_slip(b, a) is expected


@pytest.mark.parametrize("setting,error", [
    ("min_length: 3", "min_length: expected 0 (off) or a whole number from 5 to 30"),
    ("min_length: six", "min_length: expected 0 (off) or a whole number from 5 to 30"),
    ("common_log_probability: 2", "common_log_probability: expected a number from -30 to 0"),
    ("max_edits: 2", "unknown key 'max_edits'"),
])
def test_a_bad_misspellings_setting_is_one_line_naming_the_key(tmp_path, setting, error):
    path = tmp_path / "org.yaml"
    path.write_text(textwrap.dedent(f"""\
        name: org
        extends: mansfield
        misspellings:
          {setting}
        """))
    with pytest.raises(LexiconError) as exc:
        load_profile(str(path))
    assert error in str(exc.value) and "org.yaml:4" in str(exc.value)
