"""notelint as a spaCy component and as a Python API."""
import spacy

import notelint


def test_add_pipe_puts_findings_on_the_doc():
    nlp = spacy.blank("en")
    nlp.add_pipe("notelint", config={"profile": "bassetlaw"})
    doc = nlp("She has disengaged from support.")
    assert [(f.code, f.text) for f in doc._.notelint.findings] == [("NL107", "disengaged")]


def test_check_text_returns_typed_findings():
    report = notelint.check_text("Ms Lee alleges that he hit her.", profile="mansfield")
    f = report.findings[0]
    assert isinstance(f, notelint.Finding) and f.code == "NL104" and (f.start, f.end) == (7, 14)
