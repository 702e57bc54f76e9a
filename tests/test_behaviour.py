"""Behavioural suite by capability: the failure rate of each capability stays under its ratchet.

The cases (tests/behaviour/templates.py) are generated from templates and checked only
through the public API.  Run `python benchmarks/behaviour.py --show 5` for the full report.
"""
from __future__ import annotations

import pytest

from behaviour import suite
from behaviour.thresholds import THRESHOLDS


@pytest.fixture(scope="module")
def results():
    return suite.run()


def test_suite_is_large_and_covers_every_capability(results):
    caps = {r.case.capability for r in results}
    assert caps == set(suite.CAPABILITIES)
    assert len(results) >= 3000


@pytest.mark.parametrize("capability", suite.CAPABILITIES)
def test_failure_rate_within_threshold(results, capability):
    rate = suite.by_capability(results)[capability]
    assert rate <= THRESHOLDS[capability], (
        f"{capability} failure rate {rate:.1%} is above its threshold {THRESHOLDS[capability]:.1%}\n\n"
        + suite.summary(results, show=3))


def test_generation_is_deterministic():
    from behaviour.templates import generate

    a, b = generate(cap=3), generate(cap=3)
    assert [c.text for c in a] == [c.text for c in b]
