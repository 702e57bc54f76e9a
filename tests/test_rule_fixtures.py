"""Per-rule fixtures (tests/rules/CODE.yaml, in the manner of ruff's): what each rule must flag, with the
words it reports, and the look-alikes it must leave alone; and each rule's own documented example."""
from pathlib import Path

import pytest
import yaml

from conftest import flagged
from notelint.lexicon import load_profile

FIXTURES = sorted((Path(__file__).parent / "rules").glob("*.yaml"))


def _cases():
    for path in FIXTURES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        code = data["code"]
        for k, case in enumerate(data.get("flagged") or []):
            yield pytest.param(code, case["text"], case["words"], id=f"{code}-flagged-{k}")
        for k, text in enumerate(data.get("not_flagged") or []):
            yield pytest.param(code, text, None, id=f"{code}-not-flagged-{k}")


@pytest.mark.parametrize("code,text,words", list(_cases()))
def test_rule_fixture(check, code, text, words):
    found = flagged(check(text, checklist="never"), code)
    if words is None:
        assert found == [], f"{code} flagged {found} in: {text}"
    else:
        assert words in found, f"{code} should flag {words!r} in: {text} (flagged: {found})"


def test_every_wording_rule_has_a_fixture_file():
    codes = {p.stem for p in FIXTURES}
    assert set(load_profile(None).rules) <= codes


def _examples():
    for rule in load_profile(None).rules.values():
        if rule.example.get("bad"):
            yield pytest.param(rule.code, rule.example["bad"], True, id=f"{rule.code}-bad")
        if rule.example.get("good"):
            yield pytest.param(rule.code, rule.example["good"], False, id=f"{rule.code}-good")


@pytest.mark.parametrize("code,text,bad", list(_examples()))
def test_the_rules_own_example(check, code, text, bad):
    """What `notelint rules CODE` shows as the example is what the rule does."""
    found = flagged(check(text, checklist="never"), code)
    assert bool(found) == bad, (code, text, found)
