"""One per-case judgement: `check --case-field`, `audit` and the Python API agree on every case."""
import csv
import json
import random

from notelint.cases import check_case
from notelint.pipeline import build_nlp
from conftest import cli as run

# Facts a case's notes may record, each in words unlike the lexicon's examples. A case is made of
# some of them spread over its notes in a random order.
OPENING = "Ms {name} told me on the phone that her ex-partner has been hitting her."
FRAGMENTS = [
    "Her daughter, aged 3, lives with her.",
    "There are no children in the household.",
    "Risk assessment today: DASH 17, so high risk.",
    "DASH completed, medium risk.",
    "A referral to MARAC was sent this afternoon.",
    "MASH referral submitted for the little one.",
    "She is not pregnant.",
    "Police were called last night and attended.",
    "She says she is in immediate danger tonight.",
    "Only ring her mobile after 6pm; no voicemail.",
    "He has done this for two years, most weekends.",
    "She has been referred to the IDVA service.",
    "Follow-up call: nothing new to add.",
]


def _cases(seed: int, n: int) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for k in range(n):
        picked = rng.sample(FRAGMENTS, rng.randint(1, 5))
        notes = [OPENING.format(name=rng.choice(["Hale", "Okafor", "Brennan", "Li"]))]
        for frag in picked:  # each fact in a note of its own, or joined to the one before
            if rng.random() < 0.5:
                notes.append(frag)
            else:
                notes[-1] += " " + frag
        rng.shuffle(notes)
        out.append(notes)
    return out


def _export(tmp_path, cases):
    p = tmp_path / "export.csv"
    with p.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Note ID", "Case Ref", "Case Note"])
        for c, notes in enumerate(cases):
            for k, text in enumerate(notes):
                w.writerow([f"N{c}-{k}", f"C{c:03d}", text])
    return p


def _check_by_case(export) -> dict[str, tuple[set, set]]:
    data = json.loads(run("check", "--format", "json", "--case-field", "Case Ref", export).output)
    out: dict[str, tuple[set, set]] = {}
    for doc in data["documents"]:
        missing, pathways = out.setdefault(doc["case"], (set(), set()))
        missing |= {m["code"] for m in doc["missing"]}
        pathways |= {f["code"] for f in doc["findings"] if f["kind"] == "pathway"}
    return out


def _audit_by_case(export, out_dir, *flags) -> dict[str, tuple[set, set]]:
    r = run("audit", *(flags or ("--case-field", "Case Ref")), "--jobs", "1", "-o", out_dir, export)
    assert r.exit_code == 0, r.output
    with (out_dir / "cases.csv").open(encoding="utf-8") as fh:
        return {row["case_id"]: (set(filter(None, row["missing_details"].split(","))),
                                 set(filter(None, row["pathway_errors"].split(","))))
                for row in csv.DictReader(fh)}


def test_children_in_one_note_and_high_risk_in_another_raise_pw02_in_check_and_audit(tmp_path):
    export = _export(tmp_path, [["Ms Hale told me her partner hit her. Her son is 4 and lives with her.",
                                 "DASH 16 today, high risk. MARAC referral made."]])
    assert "PW02" in _check_by_case(export)["C000"][1]
    assert "PW02" in _audit_by_case(export, tmp_path / "out")["C000"][1]


def test_a_later_referral_cancels_an_earlier_alert():
    nlp = build_nlp(None, None, (), (), "auto", True)
    alone = check_case(nlp, ["Ms Li disclosed that her husband hit her. DASH 18, high risk."])
    assert "PW01" in {f.code for f in alone[0].findings}
    both = check_case(nlp, ["Ms Li disclosed that her husband hit her. DASH 18, high risk.",
                            "Update: MARAC referral sent."])
    assert "PW01" not in {f.code for r in both for f in r.findings}


def test_a_pathway_finding_points_at_the_words_of_the_note_that_holds_them():
    nlp = build_nlp(None, None, (), (), "auto", True)
    notes = ["Ms Okafor said her ex-partner punched her.", "Her two boys, aged 5 and 7, live with her.",
             "DASH 15, high risk. MARAC referral sent."]
    reports = check_case(nlp, notes)
    gaps = [(k, f) for k, r in enumerate(reports) for f in r.findings if f.code == "PW02"]
    assert len(gaps) == 1
    k, f = gaps[0]
    assert notes[k][f.start:f.end] == f.text and f.text


def test_check_and_audit_agree_on_every_case(tmp_path):
    cases = _cases(seed=7, n=40)
    export = _export(tmp_path, cases)
    checked = _check_by_case(export)
    audited = _audit_by_case(export, tmp_path / "out")
    assert set(checked) == set(audited)
    differ = {c: (checked[c], audited[c]) for c in checked if checked[c] != audited[c]}
    assert not differ
    # the generator makes cases where notes must be combined
    assert any("PW02" in p or "PW01" in p for _, p in checked.values())


def test_a_case_ref_column_found_without_flags_judges_the_same_cases(tmp_path):
    """The "Case Ref" column is found from its header: check and audit with no column flags give the
    cases --case-field gives."""
    export = _export(tmp_path, _cases(seed=11, n=25))
    flagged = _audit_by_case(export, tmp_path / "flagged")
    found = _audit_by_case(export, tmp_path / "found", "--quiet")
    assert found == flagged and len(found) == 25
    data = json.loads(run("check", "--format", "json", export).output)
    assert all(d["case"] is not None and d.get("checklist_scope") == "case" for d in data["documents"])


def test_a_notes_facts_judged_as_they_are_asked_about_judge_as_the_facts_written_out():
    """A case is judged from its notes' leaves, each judged only when asked about; written out (pickled
    for a worker, JSON for the audit's store) every leaf is judged: the same case, the same judgement."""
    import pickle

    from notelint.cases import NoteFacts, judge_case

    nlp = build_nlp(facts=True)
    component = nlp.get_pipe("notelint")
    for notes in _cases(seed=3, n=15):
        asked = [doc._.notelint.facts["note"] for doc in nlp.pipe(notes)]
        first = judge_case(component, asked)
        for kind in ("pickle", "json"):
            written = [pickle.loads(pickle.dumps(f)) if kind == "pickle" else NoteFacts.from_json(f.to_json())
                       for f in asked]
            again = judge_case(component, written)
            assert [m.code for m in again.missing] == [m.code for m in first.missing]
            assert [(g.rule.code, g.note, g.start, g.end) for g in again.gaps] == \
                   [(g.rule.code, g.note, g.start, g.end) for g in first.gaps]
            assert all(type(f.leaves) is dict for f in written)
