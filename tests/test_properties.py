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
