"""No identifier survives an audit: notes with names, phones, emails, postcodes, dates of birth, NI and
NHS numbers in many formats, at random places next to judgemental wording, and none of them is in
findings.csv, findings.xlsx, cases.csv, summary.json or report.html."""
import re
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings, strategies as st

from notelint.audit import Audit, AuditFields, check_batch
from notelint.lexicon import load_profile

FIRST = ["Kieran", "Tamsin", "Declan", "Jolene", "Rhiannon", "Tariq", "Siobhan", "Lorcan", "Anwen", "Kacper",
         "Oksana", "Dean", "Kelly", "Grace"]
LAST = ["Blackwood", "Okafor", "Pryce", "Wojcik", "Achterberg", "Mbeki", "Quigley", "Haverford", "Nwosu",
        "Zielinski", "O'Neill", "Marsh"]
MONTHS = ["January", "March", "June", "September", "Nov", "Dec"]
FILLER = ["I visited her at home today.", "She told me he shouts at her most nights.",
          "We talked about the housing options open to her.", "The police attended last week.",
          "I explained how we store her information.", "She is worried about the children.",
          "We agreed to speak again soon."]
JUDGEMENTAL = ["She refused to engage with the outreach worker.", "She claims he pushed her.",
               "They have a volatile relationship.", "She has disengaged from support.",
               "She let him back in at the weekend."]
WRAP = ["Contact: {}.", "{}", "Her details: {}, confirmed today.", "She said {} is right.",
        "She refused to engage, see {}.", "{} - she claims this is correct."]

digits = lambda n: st.text("0123456789", min_size=n, max_size=n)  # noqa: E731
letters = st.sampled_from("ABCEGHJKLMNPRSTWXYZ")


@st.composite
def phone(draw):
    d = draw(digits(6))
    fmt = draw(st.sampled_from(["07700 {a}", "0044 7700 {a}", "+44 7700 {a}", "+44 (0)7700 {b} {c}", "07700.{b}.{c}",
                                "mob07700{a}", "7700 {a}", "(01623) {b} {c}", "01623 {a}", "07700-{b}-{c}",
                                "07700{a}", "tel:07700 {a}", "landline 0115 {b} {c}"]))
    return fmt.format(a=d, b=d[:3], c=d[3:]), [("digits", d)]


@st.composite
def name(draw):
    first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
    fmt = draw(st.sampled_from(["Perpetrator {F} {L}", "{f} {L}", "spoke to {f_} {l_}", "Ms {f} {l}",
                                "her partner {f_}", "her partner, {f} {l},", "{F}", "Mr {L}", "client {f_} {l_}"]))
    out = fmt.format(F=first.upper(), L=last.upper(), f=first, l=last, f_=first.lower(), l_=last.lower())
    secrets = []
    if "{F}" in fmt or "{f" in fmt:
        secrets.append(("name", first))
    if "{L}" in fmt or "{l" in fmt:
        secrets.append(("name", last))
    return out, secrets


@st.composite
def email(draw):
    first, last, d = draw(st.sampled_from(FIRST)).lower(), draw(st.sampled_from(LAST)).lower(), draw(digits(2))
    fmt = draw(st.sampled_from(["{f}.{l}{d}@example.co.uk", "{f} {l} at gmail dot com", "{f}{d} at hotmail dot co dot uk",
                                "{f}[at]outlook[dot]com", "{f}.{l} @ mail.com"]))
    out = fmt.format(f=first, l=last.replace("'", ""), d=d)
    return out, [("name", first)] + ([("name", last.replace("'", ""))] if "{l}" in fmt else [])


@st.composite
def ni(draw):
    a, b, d, s = draw(letters), draw(letters), draw(digits(6)), draw(st.sampled_from("ABCD"))
    fmt = draw(st.sampled_from(["{a}{b} {d1} {d2} {d3} {s}", "{a}{b}-{d1}-{d2}-{d3}-{s}", "{a}{b}{d}{s}",
                                "{al}{bl}{d}{sl}", "{a}{b}.{d1}.{d2}.{d3}.{s}", "NI number {a}{b} {d} {s}"]))
    out = fmt.format(a=a, b=b, d=d, s=s, d1=d[:2], d2=d[2:4], d3=d[4:], al=a.lower(), bl=b.lower(), sl=s.lower())
    return out, [("digits", d)]


@st.composite
def postcode(draw):
    a, b, d1, d2, d3, x, y = (draw(letters), draw(letters), draw(st.sampled_from("123456789")),
                              draw(st.sampled_from("0123456789")), draw(st.sampled_from("0123456789")),
                              draw(letters), draw(letters))
    code = f"{a}{b}{d1}{d2}", f"{d3}{x}{y}"
    sep = draw(st.sampled_from([" ", "-", "", "  "]))
    out = code[0] + sep + code[1]
    if draw(st.booleans()):
        out = out.lower()
    return out, [("alnum", code[0] + code[1])]


@st.composite
def dob(draw):
    day, month, year = draw(st.integers(1, 28)), draw(st.integers(1, 12)), draw(st.integers(1940, 2008))
    mname = draw(st.sampled_from(MONTHS))
    fmt = draw(st.sampled_from(["born in {M} {y}", "DOB {d}/{m}/{y}", "date of birth: {d} {M} {y}",
                                "born on {d}th {M} {y}", "d.o.b. {d}.{m}.{y}", "born in Leeds in {y}"]))
    return fmt.format(M=mname, y=year, d=day, m=month), [("word", str(year))]


@st.composite
def nhs(draw):
    d = draw(digits(10))
    fmt = draw(st.sampled_from(["{a} {b} {c}", "NHS no {d}", "NHS number: {a}-{b}-{c}", "{a}-{b}-{c}"]))
    return fmt.format(a=d[:3], b=d[3:6], c=d[6:], d=d), [("digits", d[:3] + d[3:6]), ("digits", d[6:] + "x")]


identifier = st.one_of(phone(), name(), email(), ni(), postcode(), dob(), nhs())


@st.composite
def note(draw):
    ids = draw(st.lists(identifier, min_size=1, max_size=4))
    parts = [draw(st.sampled_from(WRAP)).format(text) for text, _ in ids]
    parts += draw(st.lists(st.sampled_from(JUDGEMENTAL), min_size=1, max_size=3))
    parts += draw(st.lists(st.sampled_from(FILLER), max_size=3))
    parts = draw(st.permutations(parts))
    return " ".join(parts), [s for _, secrets in ids for s in secrets]


def _leaks(fields: list[str], whole: str, secrets) -> list:
    """The secrets found in the snippet-like fields (projected: digits only, letters and digits only)
    or, written as they were, anywhere in the output."""
    found = []
    for kind, value in secrets:
        if kind == "name":
            if re.search(r"(?<![^\W\d_])" + re.escape(value) + r"(?![^\W\d_])", whole, re.IGNORECASE):
                found.append(value)
        elif kind == "digits":
            core = value.rstrip("x")
            if any(core in re.sub(r"\D", "", f) for f in fields):
                found.append(value)
        elif kind == "alnum":
            if any(value in re.sub(r"[^A-Z0-9]", "", f.upper()) for f in fields):
                found.append(value)
        elif kind == "word":
            if any(re.search(r"\b" + value + r"\b", f) for f in fields):
                found.append(value)
    return found


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(note(), min_size=1, max_size=4))
def test_no_identifier_survives_in_any_output(notes):
    records = [{"id": f"N{i}", "text": text, "case": f"C{i % 2}", "date": "2026-03-02", "team": "North",
                "author": "Kieran Blackwood", "names": ""} for i, (text, _) in enumerate(notes)]
    secrets = [s for _, secret in notes for s in secret] + [("name", "Kieran"), ("name", "Blackwood")]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        audit = Audit(out, "mansfield", AuditFields(), xlsx=True, rulebook=load_profile("mansfield"))
        audit.add_many(check_batch(records, profile="mansfield"))
        audit.finish(1.0, ["export.csv"])
        import csv

        rows = list(csv.DictReader((out / "findings.csv").open(encoding="utf-8")))
        assert rows, "every note has judgemental wording, so there are snippets to check"
        fields = [r["snippet"] for r in rows] + [r["phrase"] for r in rows]
        cells = [str(c) for row in openpyxl.load_workbook(out / "findings.xlsx").active.values for c in row if c]
        whole = "\n".join((out / n).read_text(encoding="utf-8") for n in
                          ("findings.csv", "cases.csv", "summary.json", "report.html", "authors.csv", "teams.csv"))
        whole += "\n".join(cells)
        leaks = _leaks(fields + cells, whole, secrets)
        assert not leaks, (leaks, [r["snippet"] for r in rows])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note(), st.integers(40, 100))
def test_snippets_cut_from_the_stretches_searched_are_those_of_the_whole_note(case, gap):
    """An audit looks for identifiers only near its findings (Redactor.spans_around): every snippet
    and flagged phrase is the same as when the whole note is searched, with an identifier at the
    snippet's edge (a finding `gap` characters before or after it) hidden whole."""
    from notelint.redact import RedactionWords, Redactor, SNIPPET_REACH, redact_span, snippet

    text, _ = case
    text = " ".join([text] * 3)  # long enough that a snippet is a part of it
    red = Redactor(words=RedactionWords.of(load_profile(None))).for_note(text)
    whole = red.spans(text)
    for start, end, _ in whole:
        for s, e in ((start - gap - 5, start - gap), (end + gap, end + gap + 5)):
            if 0 <= s and e <= len(text):
                near = red.spans_around(text, [(s, e)], SNIPPET_REACH)
                assert snippet(text, s, e, spans=near) == snippet(text, s, e, spans=whole)
                assert redact_span(text, s, e, near) == redact_span(text, s, e, whole)
