"""`notelint audit`: aggregation that adds up, per-case judgement, redaction, bad rows, outputs."""
import csv
import json
import re
from concurrent.futures import ProcessPoolExecutor
from functools import partial

import openpyxl
import pytest
from click.testing import CliRunner

from notelint.audit import check_batch, month_of, pseudonym
from notelint.cli import main
from notelint.redact import SNIPPET_REACH, Redactor, snippet
from conftest import cli as run

HEADER = ["Note ID", "Case Ref", "Date", "Team", "Officer", "Client name", "Case Note"]
ROWS = [
    ["N1", "C1", "2026-01-05", "North", "Amy Pond",  "Dara Quinn",
     "Ms Dara Quinn disclosed that her husband, Mark Quinn, hit her. DASH 16, high risk. She refused to engage "
     "with the police. Call her on 07700 900123."],
    ["N2", "C1", "2026-02-07", "North", "Amy Pond", "Dara Quinn",
     "Follow-up with Ms Quinn about the domestic abuse. MARAC referral made today."],
    ["N3", "C2", "2026-02-09", "South", "Rory Williams", "Lee Tran",
     "Lee Tran told me her partner controls the money. They have a volatile relationship. She has two "
     "children who live with her. DASH 15, high risk."],
    ["N4", "C3", "09/03/2026", "South", "Rory Williams", "",
     "Repairs: the boiler failed and the contractor refused the job."],
]


@pytest.fixture()
def export(tmp_path):
    p = tmp_path / "export.csv"
    with p.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(ROWS)
    return p


def _audit(export, out, *extra):
    r = run("audit", export, "-o", out, "--jobs", "1", "--case-field", "Case Ref", "--quiet", *extra)
    assert r.exit_code == 0, r.output
    summary = json.loads((out / "summary.json").read_text())
    findings = list(csv.DictReader((out / "findings.csv").open(encoding="utf-8")))
    cases = {c["case_id"]: c for c in csv.DictReader((out / "cases.csv").open(encoding="utf-8"))}
    return summary, findings, cases


def test_counts_in_the_report_equal_the_rows_of_findings_csv(export, tmp_path):
    summary, findings, _ = _audit(export, tmp_path / "out")
    t = summary["totals"]
    assert t["notes"] == 4 and t["wording"] + t["pathway_alerts"] == len(findings)
    assert t["wording"] == sum(1 for f in findings if f["kind"] == "wording")       # wording only
    assert t["pathway_alerts"] == sum(1 for f in findings if f["kind"] == "pathway") > 0
    assert t["wording_per_100_notes"] == round(100 * t["wording"] / 4, 1)
    by_code = {f["code"]: f["count"] for f in summary["findings_by_code"]}
    for code, n in by_code.items():
        assert n == sum(1 for f in findings if f["code"] == code)
    assert sum(g["wording"] for g in summary["months"].values()) == t["wording"]
    assert sum(g["notes"] for g in summary["months"].values()) == 4
    assert set(summary["months"]) == {"2026-01", "2026-02", "2026-03"}  # 09/03/2026 read the UK way
    assert summary["teams"]["North"]["notes"] == 2
    html = (tmp_path / "out" / "report.html").read_text()
    assert 'id="card-notes"><span class="n">4</span>' in html
    assert "<svg" in html and "<script" not in html and "http" not in html.split("</style>")[0]


def test_pathway_cases_most_urgent_first_then_by_case_reference(tmp_path):
    from notelint.audit import natural_key, pathway_rank

    cases = [("HO-10", "PW03"), ("HO-9", "PW03"), ("HO-11", "PW01"), ("HO-2", "PW02,PW06"), ("HO-100", "PW01")]
    order = sorted(cases, key=lambda c: (pathway_rank(c[1].split(",")), natural_key(c[0])))
    assert [c[0] for c in order] == ["HO-11", "HO-100", "HO-2", "HO-9", "HO-10"]


def test_per_case_pathway_gap_cancelled_by_a_later_note(export, tmp_path):
    _, findings, cases = _audit(export, tmp_path / "out")
    assert "PW01" in [f["code"] for f in findings if f["note_id"] == "N1"]   # the note on its own
    assert cases["C1"]["pathway_errors"] == ""                             # the case: MARAC made in N2
    assert "PW01" in cases["C2"]["pathway_errors"] and cases["C2"]["pathway_notes"] == "N3"
    assert "RF05" not in cases["C2"]["missing_details"]                   # children recorded
    assert cases["C3"]["da_notes"] == "0" and cases["C3"]["missing_details"] == ""


def test_snippets_are_redacted_and_can_be_left_out(export, tmp_path):
    _, findings, _ = _audit(export, tmp_path / "out")
    text = (tmp_path / "out" / "findings.csv").read_text() + (tmp_path / "out" / "report.html").read_text()
    for secret in ("Dara", "Quinn", "Mark", "07700", "Lee Tran"):
        assert secret not in text
    assert any("[NAME]" in f["snippet"] for f in findings)
    _, findings, _ = _audit(export, tmp_path / "bare", "--no-snippets")
    assert all(f["snippet"] == "" for f in findings)


def test_a_councils_officers_each_get_their_own_code():
    # two officers sharing a code would have their counts merged in the report
    names = [f"Officer {i}" for i in range(20000)]
    assert len({pseudonym(n, "one audit's salt") for n in names}) == len(names)


def test_authors_pseudonymised_by_default(export, tmp_path):
    summary, _, _ = _audit(export, tmp_path / "out")
    assert all(re.fullmatch(r"Author-[0-9A-F]{10}", a) for a in summary["authors"])
    assert pseudonym("Amy Pond", "s") == pseudonym(" amy pond", "s") != pseudonym("Amy Pond", "t")
    assert not any("Amy" in a or "Rory" in a for a in summary["authors"])
    assert len(summary["authors"]) == 2 and summary["authors_pseudonymised"]
    for name in ("report.html", "authors.csv", "summary.json"):
        assert "Amy Pond" not in (tmp_path / "out" / name).read_text()
    old, _, _ = _audit(export, tmp_path / "old", "--pseudonymise-authors")  # the old flag: accepted, same result
    assert old["authors_pseudonymised"] and all(a.startswith("Author-") for a in old["authors"])
    shown, _, _ = _audit(export, tmp_path / "shown", "--author-names")
    assert set(shown["authors"]) == {"Amy Pond", "Rory Williams"} and not shown["authors_pseudonymised"]


def test_a_bad_row_is_reported_and_skipped(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "1", "text": "She refused to engage."}\n{not json\n{"id": "3", "text": "Fine."}\n')
    r = CliRunner().invoke(main, ["audit", str(p), "-o", str(tmp_path / "out"), "--jobs", "1", "--quiet"])
    assert r.exit_code == 2 and "bad.jsonl:2: malformed JSON" in r.output and "(skipped)" in r.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["totals"]["notes"] == 2 and summary["bad_rows"] == 1
    assert "could not be read" in r.output


def test_parallel_audit_gives_the_same_figures(export, tmp_path):
    one, f1, c1 = _audit(export, tmp_path / "one")
    r = run("audit", export, "-o", tmp_path / "two", "--jobs", "2", "--case-field", "Case Ref", "--quiet")
    assert r.exit_code == 0
    two = json.loads((tmp_path / "two" / "summary.json").read_text())
    for key in ("totals", "findings_by_code", "missing_details", "months", "teams"):
        assert one[key] == two[key], key


def test_xlsx_output(export, tmp_path):
    _, findings, _ = _audit(export, tmp_path / "out", "--xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "out" / "findings.xlsx").active.values)
    assert rows[0][:7] == ("case_id", "note_id", "date", "team", "kind", "code", "title")
    assert len(rows) == len(findings) + 1


def test_labels_are_the_rules_titles_never_slugs(export, tmp_path):
    from notelint.lexicon import load_profile

    titles = load_profile(None).titles()
    _, findings, cases = _audit(export, tmp_path / "out", "--xlsx")
    assert findings and all(f["title"] == titles[f["code"]] for f in findings)
    rows = list(openpyxl.load_workbook(tmp_path / "out" / "findings.xlsx").active.values)[1:]
    assert all(r[6] == titles[r[5]] for r in rows)
    assert cases["C2"]["pathway_titles"].split("; ")[0] == titles["PW01"]
    html = (tmp_path / "out" / "report.html").read_text()
    text = (tmp_path / "out" / "findings.csv").read_text() + html + (tmp_path / "out" / "cases.csv").read_text()
    for slug in ("hostile survivor", "refused failed", "dash outcome", "NL103 "):
        assert slug not in text
    assert "High risk, no MARAC referral" in html


def test_case_and_other_columns_found_from_the_headers_without_flags(export, tmp_path):
    flagged, f1, c1 = _audit(export, tmp_path / "flagged")
    r = run("audit", export, "-o", tmp_path / "plain", "--jobs", "1")
    assert r.exit_code == 0, r.output
    assert 'columns used: note "Case Note", id "Note ID", case "Case Ref", date "Date", team "Team", ' \
           'author "Officer", names "Client name"' in r.output
    plain = json.loads((tmp_path / "plain" / "summary.json").read_text())
    cases = list(csv.DictReader((tmp_path / "plain" / "cases.csv").open(encoding="utf-8")))
    assert [c["case_id"] for c in cases] == list(c1) == ["C1", "C2", "C3"]
    assert {c["case_id"]: c for c in cases} == c1
    assert plain["totals"] == flagged["totals"] and plain["columns"]["export.csv"]["case"] == "Case Ref"
    assert "column “Case Ref”" in (tmp_path / "plain" / "report.html").read_text()


@pytest.mark.parametrize("header", ["Case Reference", "Case No", "Case ID", "case_ref", "Case No."])
def test_common_case_headers(tmp_path, header):
    src = tmp_path / "e.csv"
    src.write_text(f"{header},Created,Created By,Tenant Name,Notes\nA1,2026-01-02,Jo,Kim Lee,She refused to engage.\n"
                   "A1,2026-01-03,Jo,Kim Lee,Kim said it happened again.\n", encoding="utf-8")
    r = run("audit", src, "-o", tmp_path / "out", "--jobs", "1")
    assert r.exit_code == 0, r.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["totals"]["cases"] == 1 and set(summary["months"]) == {"2026-01"}
    assert summary["columns"]["e.csv"] == {"note": "Notes", "id": header, "case": header, "date": "Created",
                                           "author": "Created By", "names": "Tenant Name"}


def test_check_finds_the_case_column_too(tmp_path):
    src = tmp_path / "e.csv"
    src.write_text("Case Ref,Note\nC1,\"Ms Lee disclosed her partner hit her. DASH 16, high risk.\"\n"
                   "C1,MARAC referral made today for the domestic abuse.\n", encoding="utf-8")
    r = run("check", src, "--format", "json")
    doc = json.loads(r.output[r.output.index("{"):])
    assert all(d.get("checklist_scope") == "case" for d in doc["documents"])   # judged as one case
    assert not [f for d in doc["documents"] for f in d["findings"] if f["code"] == "PW01"]
    text = run("check", src)
    assert 'columns used: note "Note", id "Case Ref", case "Case Ref"' in text.output


def test_check_batch_is_a_pure_function_on_a_local_engine():
    records = [{"id": str(i), "text": row[-1], "case": row[1], "names": row[5]} for i, row in enumerate(ROWS)]
    with ProcessPoolExecutor(2) as pool:  # as Dask's bag.map_partitions or Spark's mapPartitions would
        parts = list(pool.map(partial(check_batch, profile="mansfield"), [records[:2], records[2:]]))
    assert [r for part in parts for r in part] == check_batch(records, profile="mansfield")


@pytest.mark.parametrize("value, month", [("2026-03-02", "2026-03"), ("02/03/2026", "2026-03"),
                                          ("2026-03-02 10:15:00", "2026-03"), ("2 March 2026", "2026-03"),
                                          ("soon", None), ("", None)])
def test_month_of(value, month):
    assert month_of(value) == month


NAMES = ["Siobhán Ní Bhriain", "Zoë Okonkwo-Adeyemi", "Nguyễn Thị Lan", "Mohammed Al-Hassan", "O'Connor",
         "Kerry-Ann McDonald", "Björn Åberg", "Priya Venkataraman", "Dean Marsh", "Rose Hill"]


@pytest.mark.parametrize("text, secret", [
    ("Ms Jo Baxter said it happened again.", "Baxter"),
    ("mrs o'brien phoned.", "o'brien"),
    ("Dr Aisha Rahman at the surgery saw her.", "Rahman"),
    ("Her partner, Ross Tate, came round.", "Ross Tate"),
    ("her partner Dean was arrested", "Dean"),
    ("Call 07700 900123 or (01623) 463 463 or +44 7700 900 124.", "900123"),
    ("Call (01623) 463 463.", "463 463"),
    ("Email jo.baxter+1@example.co.uk today.", "example.co.uk"),
    ("She lives at 14 Larkspur Close, NG18 2AB.", "Larkspur"),
    ("She lives at 14 Larkspur Close, NG18 2AB.", "NG18"),
    ("Flat 3, 22 Mill Lane.", "Mill Lane"),
    ("DOB: 12/03/1988.", "1988"),
    ("Born on 4th March 1990.", "1990"),
    ("NI number QQ 12 34 56 C.", "56 C"),
    ("NI: AB123456D", "AB123456D"),
    # formats councils' exports hold (issue 16)
    ("Perpetrator KIERAN BLACKWOOD came to the door.", "KIERAN"),
    ("Perpetrator KIERAN BLACKWOOD came to the door.", "BLACKWOOD"),
    ("Dean MARSH was arrested.", "MARSH"),
    ("Dean MARSH was arrested.", "Dean"),
    ("I spoke to kelly o'neill about the lock.", "kelly"),
    ("I spoke to kelly o'neill about the lock.", "o'neill"),
    ("her partner dean hit her", "dean"),
    ("Call 0044 7700 900789 now.", "900789"),
    ("Call 07700.900.321 now.", "900.321"),
    ("Call mob07700900654 now.", "900654"),
    ("Call 7700 900111 now.", "900111"),
    ("Call +44 (0)7700 900 124 now.", "900 124"),
    ("NI QQ-65-43-21-A.", "65-43-21"),
    ("NI qq654321a.", "654321"),
    ("Lives at NG18-2CD.", "2CD"),
    ("Lives at ng182cd.", "ng182cd"),
    ("She was born in March 1985.", "1985"),
    ("She was born in Leeds in 1985.", "1985"),
    ("Email jane doe at gmail dot com.", "gmail"),
    ("Email jane doe at gmail dot com.", "doe"),
    ("Email jo[at]mail[dot]co[dot]uk.", "mail[dot]"),
    ("NHS number 943 476 5919.", "5919"),
    ("NHS no 9434765919.", "9434765919"),
    ("Her NHS no. is 943-476-5919.", "476"),
    ("DOB 12.3.85", "12.3.85"),
    ("d.o.b. 4 March 1990", "1990"),
])
def test_redaction(text, secret):
    assert secret not in Redactor().redact(text)


@pytest.mark.parametrize("name", NAMES)
def test_known_names_are_redacted_wherever_they_appear(name):
    text = f"I spoke to {name.lower()} and then to {name.upper()} and {name}."
    out = Redactor([name]).redact(text)
    for part in name.replace("'", " ").split():
        if len(part) > 1:
            assert part.lower() not in out.lower(), out


def test_redaction_keeps_what_happened_in_capitals_too():
    text = "DASH completed: 16, HIGH RISK. URGENT: MARAC and MASH referrals made; IDVA allocated. Meeting 2026-03-02 10:15."
    assert Redactor().redact(text) == text


def test_a_number_at_a_snippets_edge_is_hidden_whole():
    from notelint.redact import snippet

    note = "She refused to engage and I will ring her on 07700 900123 tomorrow morning, said the officer."
    i = note.index("refused")
    for width in range(20, 60):
        out = snippet(note, i, i + 7, Redactor(), width=width)
        assert "900" not in out and "077" not in out, out


def test_redaction_keeps_what_happened():
    out = Redactor().redact("Referred to Women's Aid and MARAC on Friday. She refused to engage with the police.")
    assert out == "Referred to Women's Aid and MARAC on Friday. She refused to engage with the police."


def test_an_ordinary_word_the_note_uses_as_a_name_is_hidden_at_the_start_of_a_sentence_too():
    note = ("I spoke to Rose on the phone about the garden. Rose said he hit her again. "
            "Neighbours called the police. The rose bush was damaged.")
    plain, learnt = Redactor(), Redactor().for_note(note)
    second = note.index("Rose said")
    assert "Rose said" in plain.redact(note[second:second + 30])  # on its own, a sentence's first word stays
    out = learnt.redact(note)
    assert "Rose" not in out and "[NAME] said he hit her" in out
    assert "Neighbours called the police" in out and "The rose bush" in out  # not names; lower case kept


def test_an_ordinary_word_that_only_starts_sentences_is_hidden_when_it_speaks():
    note = "Rose said he hit her again. Rose is scared of him. Tenant said the lock is broken. Mum told me."
    out = Redactor().for_note(note).redact(note)
    assert "Rose" not in out and out.startswith("[NAME] said he hit her again. [NAME] is scared")
    assert "Tenant said the lock" in out and "Mum told me" in out  # roles, not names


def test_a_name_the_note_gives_anywhere_is_hidden_in_every_snippet_in_each_of_its_forms():
    """The note's names are looked up where a snippet meets a capitalised ordinary word: a surname
    before a verb of speech, a possessive, a name after a comma, far from the snippet."""
    filler = " Repairs were booked for the boiler and the bathroom extractor fan." * 12
    note = ("Summer Black told me he took her bank card." + filler + " Black came to the office at noon."
            + filler + " I met Grace's sister, Grace's neighbour and, Hope." + filler
            + " Grace's flat was damaged. Hope is staying with friends. Fern was not present.")
    red = Redactor().for_note(note)
    spans = red.spans_around(note, [(note.index("Black came"), note.index(" came to")),
                                    (note.index("Grace's flat"), note.index(" flat was"))], SNIPPET_REACH)
    for word in ("Black came", "Grace's flat", "Hope is staying"):
        s = note.index(word)
        assert word.split()[0] not in snippet(note, s, s + len(word), spans=spans)
    s = note.index("Fern was")
    assert "Fern was not present" in snippet(note, s, s + 4, spans=spans)  # never a name in this note


def test_ids_from_file_names_are_redacted(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "Jane Doe 07700 900123.txt").write_text("She refused to engage with the outreach worker.", encoding="utf-8")
    (folder / "kieran blackwood.txt").write_text("He has refused to engage with the police.", encoding="utf-8")
    (folder / "note-0001.txt").write_text("She has disengaged from support.", encoding="utf-8")
    r = run("audit", folder, "-o", tmp_path / "out", "--jobs", "1", "--xlsx")
    assert r.exit_code == 0, r.output
    out = "".join((tmp_path / "out" / n).read_text(encoding="utf-8") for n in
                  ("findings.csv", "cases.csv", "summary.json", "report.html"))
    out += str(list(openpyxl.load_workbook(tmp_path / "out" / "findings.xlsx").active.values))
    for secret in ("Jane", "Doe", "07700", "900123", "kieran", "blackwood"):
        assert secret.lower() not in out.lower()
    cases = [c["case_id"] for c in csv.DictReader((tmp_path / "out" / "cases.csv").open(encoding="utf-8"))]
    assert len(set(cases)) == 3 and "note-0001.txt" in cases  # still three notes apart; a plain name stays


def test_audit_snippets_hide_a_name_the_note_gives_as_an_ordinary_word(tmp_path):
    src = tmp_path / "notes.csv"
    src.write_text("id,case,text\n1,C1,\"Visit with Grace today. Grace has refused to engage with the "
                   "support worker.\"\n", encoding="utf-8")
    r = run("audit", src, "-o", tmp_path / "out", "--jobs", "1", "--quiet")
    assert r.exit_code in (0, 1), r.output
    findings = (tmp_path / "out" / "findings.csv").read_text(encoding="utf-8")
    assert "NL1" in findings and "Grace" not in findings


def test_a_bassetlaw_audit_labels_every_code_it_reports_with_bassetlaw_titles(export, tmp_path):
    from notelint.lexicon import load_profile

    titles = load_profile("bassetlaw").titles()
    r = run("audit", export, "-o", tmp_path / "b", "--profile", "bassetlaw", "--jobs", "1")
    assert r.exit_code == 0, r.output
    summary = json.loads((tmp_path / "b" / "summary.json").read_text())
    reported = {m["code"] for m in summary["missing_details"]}
    assert {"RF15", "RF17", "RF19"} & reported
    html = (tmp_path / "b" / "report.html").read_text()
    for code in reported:
        assert titles[code] in html, code


def test_redaction_keeps_the_active_profiles_own_agencies(tmp_path):
    from notelint.lexicon import load_profile
    from notelint.redact import RedactionWords, Redactor

    profile = tmp_path / "ours.yaml"
    profile.write_text("name: ours\nextends: mansfield\nclasses:\n  institution: [Bridgeway]\n", encoding="utf-8")
    text = "Referred her to Bridgeway for outreach support."
    assert "Bridgeway" not in Redactor().redact(text)          # the default profile does not know it
    ours = Redactor(words=RedactionWords.of(load_profile(str(profile))))
    assert "Bridgeway" in ours.redact(text)
