import pytest

import notelint


@pytest.fixture(scope="session")
def check():
    """check(text, **kw) -> Report, with the default profile."""
    def _check(text, **kw):
        return notelint.check_text(text, **kw)
    return _check


def codes(report, prefix=""):
    return [f.code for f in report.findings if f.code.startswith(prefix)]


def flagged(report, code):
    return [f.text for f in report.findings if f.code == code]
