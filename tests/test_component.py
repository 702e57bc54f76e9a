"""notelint as a spaCy component and as a Python API."""
from pathlib import Path

import spacy

import notelint
import notelint.pipeline  # noqa: F401  registers the factory (installed, an entry point does it too)


def test_add_pipe_puts_findings_on_the_doc():
    nlp = spacy.blank("en")
    nlp.add_pipe("notelint", config={"profile": "bassetlaw"})
    doc = nlp("She has disengaged from support.")
    assert [(f.code, f.text) for f in doc._.notelint.findings] == [("NL107", "disengaged")]


def test_check_text_returns_typed_findings():
    report = notelint.check_text("Ms Lee alleges that he hit her.", profile="mansfield")
    f = report.findings[0]
    assert isinstance(f, notelint.Finding) and f.code == "NL104" and (f.start, f.end) == (7, 14)


def test_compiled_patterns_are_cached_and_give_the_same_findings(tmp_path, monkeypatch):
    from notelint.pipeline import NotelintComponent

    monkeypatch.setenv("NOTELINT_CACHE_DIR", str(tmp_path))
    text = "Ms Lee disclosed that her partner hit her. I asked her why she doesn't just leave him. DASH 16."

    def run():
        nlp = spacy.blank("en")
        comp = NotelintComponent(nlp, "notelint", None, [], [], "auto")
        return comp, comp(nlp.make_doc(text))._.notelint

    cold, first = run()
    files = list(tmp_path.glob("*.bin"))
    assert not cold.table.frozen and len(files) == 1
    assert not any(b"Ms Lee" in p.read_bytes() for p in tmp_path.iterdir())  # lexicon only, never note text
    warm, second = run()
    assert warm.table.frozen and warm.checks.frozen  # the tables came from the cache
    # and so did what the context cues read (their bit tables, their classes' phrase indexes), the same
    assert warm.cues._mask_tables is not None
    assert all((a == b).all() for a, b in zip(warm.cues._mask_tables, cold.cues._mask_tables))
    cue_class = next(c for c in warm.profile.classes if c.startswith("cue:"))
    assert warm.classes.phrases(cue_class) == cold.classes.phrases(cue_class)
    # an entry serves the same lexicon wherever it is installed: no class is named by its folder
    assert not any(str(Path(notelint.__file__).parent.parent) in name for name in warm.profile.classes)
    assert second.findings == first.findings and second.missing == first.missing
    assert {"NL204", "PW01"} <= {f.code for f in second.findings}

    files[0].write_bytes(b"\x00 not marshal data")  # a damaged entry is ignored and rewritten
    again, third = run()
    assert not again.table.frozen and third.findings == first.findings

    # parts of the table are unpacked only when a note reaches them: damage deep inside the file is
    # caught when it is loaded, not half-way through a run
    data = bytearray(files[0].read_bytes())
    data[len(data) // 2] ^= 0xFF
    files[0].write_bytes(bytes(data))
    fourth_comp, fourth = run()
    assert not fourth_comp.table.frozen and fourth.findings == first.findings


def test_a_batch_gives_each_note_what_it_gets_alone():
    """pipe() finds phrase starts and sentence ends for a whole batch at once (one array of word
    hashes, cut at the notes' bounds): no note may gain or lose a finding from its neighbours."""
    from notelint.pipeline import build_nlp

    notes = [
        "She refused to engage.",                           # ends on a sentence mark: the next note begins
        "volatile",                                          # one word, a phrase alone
        "relationship. Ms K alleges he hit her. DASH 15\nno MARAC referral",
        "",
        "The council refused the application. Low",          # 'low' ends the note: no pair across notes
        "risk assessment done. She claims that he hit her.",
    ]
    nlp = build_nlp("mansfield")
    alone = [nlp(t)._.notelint for t in notes]
    together = [d._.notelint for d in nlp.pipe(notes, batch_size=4)]
    assert [[(f.code, f.start, f.end) for f in r.findings] for r in together] == \
        [[(f.code, f.start, f.end) for f in r.findings] for r in alone]
    assert [r.missing for r in together] == [r.missing for r in alone]
    codes = [[f.code for f in r.findings] for r in together]
    assert codes[0] == ["NL103"] and codes[1] == [] and "NL104" in codes[2] and codes[4] == []


def test_pipelines_let_go_from_the_cache_of_built_ones_are_freed():
    """Only the last eight pipelines are kept (each holds ~100 MB of tables that are frozen out of the
    garbage collector's reach): those let go must not stay in memory for the life of the process (they
    are freed together, once as many have been let go as are kept)."""
    import weakref

    from notelint.pipeline import build_nlp

    ref = weakref.ref(build_nlp("mansfield", None, (), (), "never", True))
    configurations = [(profile, checklist, facts) for profile in ("mansfield", "bassetlaw")
                      for checklist in ("auto", "always", "never") for facts in (False, True)]
    for profile, checklist, facts in configurations * 2:  # 12 configurations, 8 kept: 16 let go
        if (profile, checklist, facts) != ("mansfield", "never", True):
            build_nlp(profile, None, (), (), checklist, facts)
    assert ref() is None


def test_a_pipeline_being_built_keeps_waiting_only_those_who_asked_for_it(monkeypatch):
    """`notelint serve`: the first request for another profile compiles it for seconds; requests for a
    pipeline already built are answered meanwhile."""
    import threading

    from notelint import pipeline

    built = pipeline.build_nlp("mansfield")
    started, release = threading.Event(), threading.Event()
    real = pipeline._build_nlp

    def slow(*args):
        started.set()
        assert release.wait(30)
        return real(*args)

    monkeypatch.setattr(pipeline, "_build_nlp", slow)
    # (a configuration no other test asks for: it is built here, slowly)
    other = threading.Thread(target=pipeline.build_nlp, args=("mansfield", None, ("NL101",), ("NL102",), "never", True))
    other.start()
    try:
        assert started.wait(30)
        answered = []
        ask = threading.Thread(target=lambda: answered.append(pipeline.build_nlp("mansfield")))
        ask.start()
        ask.join(10)
        assert answered == [built]
    finally:
        release.set()
        other.join(60)
