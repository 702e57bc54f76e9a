"""Properties that hold for any text: offsets are exact, nothing raises, results are stable."""
from hypothesis import HealthCheck, given, settings, strategies as st

import notelint

WORDS = ["she", "refused", "to", "engage", "claims", "the", "victim", '"', "'", "“", "”", "low", "risk",
         "\n", "DASH", "16", "children", "Ms", "Lee", "he", "hit", "her", ".", ",", "not", "abusive",
         "relationship", "I'm", "sure", "non-engagement", "let", "him", "back", "in", "é", "🙂", "\u0301"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)))
def test_every_finding_is_an_exact_span_of_the_text(text):
    report = notelint.check_text(text)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.text
    assert notelint.check_text(text).findings == report.findings


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([" ", "\n", "\t", "\u00a0", "x", "é"]), st.integers(0, 260)), max_size=8)
       .map(lambda runs: "".join(ch * n for ch, n in runs)))
def test_the_quick_long_run_test_agrees_with_the_regex(text):
    """The tokenizer's guard against runs of 200+ non-space characters finds exactly what the plain
    search finds (its windows only decide whether the search is worth running)."""
    from notelint.text import _LONG_RUN, _has_long_run

    assert _has_long_run(text) == bool(_LONG_RUN.search(text))
