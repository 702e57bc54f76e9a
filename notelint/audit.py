"""`notelint audit`: a whole export checked in parallel, streamed to CSV, aggregated into a report.

    records --(batches)--> check_batch (pure; any process, any engine) --> NoteResult dicts
            --> Audit.add (order-independent counters; findings.csv row by row; one row per note
                in an on-disk SQLite table for the per-case view) --> Audit.finish (cases.csv,
                summary.json, report.html)

Memory stays flat: notes and findings are never held, only counters and the current batches.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .findings import PATHWAY, WORDING
from .lexicon import Profile
from .readers import InputError, InputWarning, Record, ReadOptions, read_paths

BATCH = 256
WARM_UP_NOTES = 5000
FINDING_COLUMNS = ("case_id", "note_id", "date", "team", "code", "severity", "name", "phrase", "suggestion",
                   "snippet")


@dataclass(frozen=True)
class AuditFields:
    """Columns of the export the audit reads besides the note: a name given on the command line,
    else the first of the common headers the export has."""

    date: str | None = None
    team: str | None = None
    author: str | None = None
    names: str | None = None   # a column of people's names to redact (e.g. "Client name")

    CANDIDATES = {
        "date": ("date", "note date", "created", "created date", "created on", "entry date", "contact date",
                 "date created", "datetime", "timestamp"),
        "team": ("team", "department", "service", "area", "team name", "office"),
        "author": ("author", "officer", "created by", "user", "staff", "staff member", "case officer",
                   "written by", "entered by"),
        "names": ("client name", "customer name", "name", "names", "tenant name", "applicant name",
                  "known names", "people"),
    }

    def read_fields(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((role, (getattr(self, role),) if getattr(self, role) else self.CANDIDATES[role])
                     for role in ("date", "team", "author", "names"))


# ---- the per-note work: a pure function over a batch of plain records --------------------------

_WORKER: dict = {}


def _worker_state(profile: str | None, checklist: str, select: tuple, ignore: tuple, facts: bool = False):
    key = (profile, checklist, select, ignore, facts)
    if _WORKER.get("key") != key:
        from .pipeline import build_nlp

        _WORKER["key"] = key
        _WORKER["nlp"] = build_nlp(profile, None, select, ignore, checklist, facts)
    return _WORKER["nlp"]


def check_batch(records: list[dict], profile: str | None = None, checklist: str = "auto",
                select: tuple = (), ignore: tuple = (), snippets: bool = True, facts: bool = False) -> list[dict]:
    """NoteResults for a batch of records `{"id", "text", "case", "date", "team", "author", "names"}`.

    Pure: the same records give the same results in any process, in any order, so it can run
    under a process pool, Dask (`bag.map_partitions`) or Spark (`rdd.mapPartitions`).  Snippets
    are redacted here, so note text never leaves this function.  `facts`: each result also
    carries the note's NoteFacts (as JSON), for judging the notes of a case together.
    """
    records = list(records)  # a partition may be an iterator (Dask, Spark)
    nlp = _worker_state(profile, checklist, tuple(select), tuple(ignore), facts)
    # Past the first notes, each batch runs in a spaCy memory zone: its new strings leave the
    # vocabulary afterwards, so memory stays flat.  The first notes run outside one, because a
    # zone does not fill the tokenizer's cache and a cold cache makes tokenising 4x slower.
    if _WORKER.get("warm", 0) < WARM_UP_NOTES:
        _WORKER["warm"] = _WORKER.get("warm", 0) + len(records)
        return _check(nlp, records, snippets)
    with nlp.memory_zone():
        return _check(nlp, records, snippets)


def _check(nlp, records: list[dict], snippets: bool) -> list[dict]:
    from .redact import Redactor, snippet

    out = []
    texts = [r.get("text") or "" for r in records]
    for rec, doc in zip(records, nlp.pipe(texts, batch_size=BATCH)):
        report = doc._.notelint
        redactor = Redactor([rec.get("names") or ""]).for_note(report.text) if snippets and report.findings else None
        findings = []
        for f in report.findings:
            findings.append({
                "code": f.code, "kind": f.kind, "name": f.name, "severity": f.severity,
                "phrase": redactor.redact(" ".join(f.text.split()).lower()) if redactor else "",
                "suggestion": f.suggestions[0] if f.suggestions else "",
                "snippet": snippet(report.text, f.start, f.end, redactor) if redactor else "",
            })
        out.append({
            "id": rec.get("id"), "case": rec.get("case"), "date": rec.get("date"), "team": rec.get("team"),
            "author": rec.get("author"), "is_da": report.is_da_note, "findings": findings,
            "missing": [m.code for m in report.missing],
            "facts": report.facts["note"].to_json() if "note" in report.facts else None,
        })
    return out


# ---- aggregation -------------------------------------------------------------------------------

def month_of(value) -> str | None:
    """"2026-03-02", "02/03/2026" (UK order), "2026-03-02 10:15:00" -> "2026-03"; None if unreadable."""
    if not value:
        return None
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{1,2})", s)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    m = re.match(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})", s)
    if m:
        year = int(m.group(3))
        year += 2000 if year < 100 else 0
        if 1 <= int(m.group(2)) <= 12:
            return f"{year}-{int(m.group(2)):02d}"
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y"):
        try:
            return datetime.strptime(s, fmt).strftime("%Y-%m")
        except ValueError:
            continue
    return None


def pseudonym(name: str, salt: str) -> str:
    """A stable code for a person's name within one audit (same name, same code)."""
    digest = hashlib.sha256((salt + "\0" + name.strip().lower()).encode()).hexdigest()
    return f"Author-{digest[:6].upper()}"


@dataclass
class Group:
    notes: int = 0
    da_notes: int = 0
    findings: int = 0
    notes_with_findings: int = 0
    missing: int = 0
    pathway_errors: int = 0

    def add(self, r: dict) -> None:
        self.notes += 1
        self.da_notes += r["is_da"]
        n = len(r["findings"])
        self.findings += n
        self.notes_with_findings += n > 0
        self.missing += len(r["missing"])
        self.pathway_errors += sum(1 for f in r["findings"] if f["kind"] == PATHWAY)

    def as_dict(self) -> dict:
        d = dict(self.__dict__)
        d["findings_per_100_notes"] = round(100 * self.findings / self.notes, 1) if self.notes else 0.0
        d["share_of_notes_with_findings"] = round(self.notes_with_findings / self.notes, 3) if self.notes else 0.0
        return d


@dataclass
class Audit:
    """Counters over NoteResults; writes findings.csv as results come, the rest at finish()."""

    out: Path
    profile: str
    fields: AuditFields
    pseudonymise_authors: bool = False
    xlsx: bool = False
    snippets: bool = True
    totals: Group = field(default_factory=Group)
    by_code: Counter = field(default_factory=Counter)
    severity: Counter = field(default_factory=Counter)
    phrases: Counter = field(default_factory=Counter)
    suggestion: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)
    missing_notes: Counter = field(default_factory=Counter)
    months: dict = field(default_factory=lambda: defaultdict(Group))
    teams: dict = field(default_factory=lambda: defaultdict(Group))
    authors: dict = field(default_factory=lambda: defaultdict(Group))
    bad_rows: int = 0
    rulebook: Profile | None = None  # the active profile: labels in the report
    judge: object = None  # the notelint pipe whose checklist and pathways judge a case (cases.judge_case)

    def __post_init__(self):
        self.out.mkdir(parents=True, exist_ok=True)
        self.salt = os.urandom(8).hex()
        self._csv_file = (self.out / "findings.csv").open("w", newline="", encoding="utf-8")
        self._csv = csv.writer(self._csv_file)
        self._csv.writerow(FINDING_COLUMNS)
        self._xlsx = None
        if self.xlsx:
            import openpyxl

            self._xlsx_book = openpyxl.Workbook(write_only=True)
            self._xlsx = self._xlsx_book.create_sheet("findings")
            self._xlsx.append(FINDING_COLUMNS)
        # one row per note (ids and codes only, never text) for the per-case view
        fd, self._db_path = tempfile.mkstemp(prefix=".notelint-cases-", suffix=".sqlite", dir=self.out)
        os.close(fd)
        self._db = sqlite3.connect(self._db_path)
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE notes (seq INTEGER, case_id TEXT, note_id TEXT, is_da INTEGER, "
                         "findings INTEGER, codes TEXT, missing TEXT, pathways TEXT, facts TEXT)")
        self._seq = 0

    def add_many(self, results: Iterable[dict]) -> int:
        rows, n = [], 0
        for r in results:
            n += 1
            self._seq += 1
            rows.append(self._add(r))
        self._db.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?)", rows)
        return n

    def _add(self, r: dict) -> tuple:
        if self.pseudonymise_authors and r.get("author"):
            r["author"] = pseudonym(r["author"], self.salt)
        self.totals.add(r)
        month = month_of(r.get("date"))
        if month:
            self.months[month].add(r)
        if r.get("team"):
            self.teams[str(r["team"])].add(r)
        if r.get("author"):
            self.authors[str(r["author"])].add(r)
        for code in r["missing"]:
            self.missing_notes[code] += 1
        case = r.get("case") if r.get("case") not in (None, "") else r.get("id") or f"#{self._seq}"
        for f in r["findings"]:
            self.by_code[f["code"]] += 1
            self.severity[f["severity"]] += 1
            self.names[f["code"]] = f["name"]
            if f["kind"] == WORDING and f["phrase"]:
                self.phrases[(f["code"], f["phrase"])] += 1
                self.suggestion[f["code"]] = f["suggestion"]
            row = (case, r.get("id") or "", r.get("date") or "", r.get("team") or "", f["code"], f["severity"],
                   f["name"], f["phrase"], f["suggestion"], f["snippet"])
            self._csv.writerow(row)
            if self._xlsx is not None:
                self._xlsx.append(row)
        codes = ",".join(f["code"] for f in r["findings"] if f["kind"] == WORDING)
        pathways = ",".join(sorted({f["code"] for f in r["findings"] if f["kind"] == PATHWAY}))
        facts = json.dumps(r["facts"], separators=(",", ":")) if r.get("facts") is not None else None
        return (self._seq, str(case), str(r.get("id") or ""), int(r["is_da"]), len(r["findings"]), codes,
                ",".join(r["missing"]), pathways, facts)

    # ---- the per-case view ----
    def cases(self) -> Iterator[dict]:
        """Per case, in first-seen order: its missing details and pathway errors as `judge_case`
        gives them from its notes' facts (the same judgement as `check --case-field`).  Without
        facts (no case column) each note is its own case, judged already when it was checked."""
        self._db.execute("CREATE INDEX IF NOT EXISTS by_case ON notes(case_id, seq)")
        cur = self._db.execute("SELECT n.case_id, n.note_id, n.is_da, n.findings, n.codes, n.missing, n.pathways, "
                               "n.facts FROM notes n JOIN (SELECT case_id, MIN(seq) AS first FROM notes GROUP BY "
                               "case_id) f USING (case_id) ORDER BY f.first, n.seq")
        current, rows = None, []
        for row in cur:
            if row[0] != current:
                if rows:
                    yield self._case(rows)
                current, rows = row[0], []
            rows.append(row)
        if rows:
            yield self._case(rows)

    def _case(self, rows: list[tuple]) -> dict:
        from .cases import NoteFacts, judge_case

        codes: Counter = Counter()
        for row in rows:
            codes.update(c for c in row[4].split(",") if c)
        note_ids = [row[1] for row in rows]
        if all(row[7] is not None for row in rows) and self.judge is not None:
            judgement = judge_case(self.judge, [NoteFacts.from_json(json.loads(row[7])) for row in rows])
            missing = [m.code for m in judgement.missing]
            pathways: dict[str, set] = {}
            for gap in judgement.gaps:
                pathways.setdefault(gap.rule.code, set()).add(note_ids[gap.note])
        else:  # one note, judged alone when it was checked
            missing = [c for row in rows if row[2] for c in row[5].split(",") if c]
            pathways = {}
            for row in rows:
                for c in filter(None, row[6].split(",")):
                    pathways.setdefault(c, set()).add(row[1])
        return {"case_id": rows[0][0], "notes": len(rows), "da_notes": sum(row[2] for row in rows),
                "wording_findings": sum(codes.values()),
                "top_wording": ", ".join(f"{c}×{n}" for c, n in codes.most_common(3)),
                "missing_details": ",".join(sorted(set(missing))),
                "pathway_errors": ",".join(sorted(pathways)),
                "pathway_notes": ";".join(sorted({n for v in pathways.values() for n in v}))}

    def finish(self, elapsed: float, inputs: list[str]) -> dict:
        self._csv_file.close()
        if self._xlsx is not None:
            self._xlsx_book.save(self.out / "findings.xlsx")
        self._db.commit()
        case_summary = {"cases": 0, "da_cases": 0, "cases_missing_details": 0, "cases_with_pathway_errors": 0}
        missing_cases: Counter = Counter()
        pathway_cases: list[dict] = []
        pathway_case_count: Counter = Counter()
        with (self.out / "cases.csv").open("w", newline="", encoding="utf-8") as fh:
            w = None
            for case in self.cases():
                if w is None:
                    w = csv.DictWriter(fh, fieldnames=list(case))
                    w.writeheader()
                w.writerow(case)
                case_summary["cases"] += 1
                case_summary["da_cases"] += case["da_notes"] > 0
                if case["missing_details"]:
                    case_summary["cases_missing_details"] += 1
                    missing_cases.update(case["missing_details"].split(","))
                if case["pathway_errors"]:
                    case_summary["cases_with_pathway_errors"] += 1
                    pathway_case_count.update(case["pathway_errors"].split(","))
                    if len(pathway_cases) < 500:
                        pathway_cases.append(case)
            if w is None:
                fh.write("case_id,notes,da_notes,wording_findings,top_wording,missing_details,pathway_errors,"
                         "pathway_notes\n")
        self._db.close()
        os.unlink(self._db_path)
        summary = self.summary(elapsed, inputs, case_summary, missing_cases, pathway_case_count)
        (self.out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
        from .reporters.audit_html import write_report

        write_report(self.out / "report.html", summary, pathway_cases, self.rulebook)
        return summary

    def summary(self, elapsed, inputs, case_summary, missing_cases, pathway_case_count) -> dict:
        from . import __version__

        da = self.totals.da_notes
        return {
            "notelint": __version__, "profile": self.profile,
            "generated": datetime.now().strftime("%Y-%m-%d %H:%M"),
            "inputs": [Path(p).name for p in inputs],
            "elapsed_seconds": round(elapsed, 2),
            "notes_per_second": round(self.totals.notes / elapsed, 1) if elapsed else None,
            "bad_rows": self.bad_rows,
            "totals": {**self.totals.as_dict(), **case_summary,
                       "pathway_errors_by_case": sum(pathway_case_count.values())},
            "findings_by_code": [
                {"code": c, "name": self.names.get(c, ""), "count": n} for c, n in sorted(
                    self.by_code.items(), key=lambda kv: (-kv[1], kv[0]))],
            "severity": dict(self.severity),
            "top_phrases": [
                {"code": c, "phrase": p, "count": n, "suggestion": self.suggestion.get(c, "")}
                for (c, p), n in self.phrases.most_common(25)],
            "missing_details": [
                {"code": c, "da_notes_missing": n, "rate": round(n / da, 3) if da else 0.0,
                 "cases_missing": missing_cases.get(c, 0)}
                for c, n in sorted(self.missing_notes.items())],
            "pathway_errors": [{"code": c, "cases": n} for c, n in sorted(pathway_case_count.items())],
            "months": {m: g.as_dict() for m, g in sorted(self.months.items())},
            "teams": {t: g.as_dict() for t, g in sorted(self.teams.items(), key=lambda kv: -kv[1].notes)},
            "authors": {a: g.as_dict() for a, g in sorted(self.authors.items(), key=lambda kv: -kv[1].notes)[:50]},
            "authors_pseudonymised": self.pseudonymise_authors,
        }


# ---- running it --------------------------------------------------------------------------------

def plain_records(records: Iterable[Record]) -> Iterator[dict]:
    for r in records:
        meta = r.meta or {}
        yield {"id": r.id if r.id is not None else Path(r.source).name, "text": r.text, "case": r.case,
               "date": meta.get("date"), "team": meta.get("team"), "author": meta.get("author"),
               "names": meta.get("names")}


def batches(items: Iterable[dict], size: int = BATCH) -> Iterator[list[dict]]:
    it = iter(items)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


def run_batches(chunks: Iterable[list[dict]], jobs: int, kwargs: dict) -> Iterator[list[dict]]:
    """check_batch over the chunks, in this process (jobs=1) or a pool of `jobs` processes."""
    if jobs <= 1:
        for chunk in chunks:
            yield check_batch(chunk, **kwargs)
        return
    import multiprocessing as mp
    from functools import partial

    # the pipeline is built once here and inherited by the workers (fork), not built per worker
    _worker_state(kwargs.get("profile"), kwargs.get("checklist", "auto"), tuple(kwargs.get("select", ())),
                  tuple(kwargs.get("ignore", ())), kwargs.get("facts", False))
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    work = partial(check_batch, **kwargs)
    window = jobs * 3  # batches in flight: enough to keep every worker busy, few enough to keep memory flat
    with mp.get_context(method).Pool(jobs) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(work, (chunk,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def count_records(paths: list[str], options: ReadOptions) -> int:
    return sum(1 for item in read_paths(paths, options) if isinstance(item, Record))


def run_audit(paths: list[str], out: Path, *, profile: str, options: ReadOptions, fields: AuditFields,
              jobs: int, checklist: str = "auto", select: tuple = (), ignore: tuple = (),
              pseudonymise_authors: bool = False, xlsx: bool = False, snippets: bool = True,
              on_error: Callable[[str], None] = print, progress=None) -> dict:
    """The whole audit. `progress(done)` is called after each batch."""
    from .lexicon import load_profile

    rulebook = load_profile(profile)  # a bad profile fails here, with its one-line message, before any work
    options = replace(options, extra_fields=fields.read_fields())
    audit = Audit(out, profile, fields, pseudonymise_authors, xlsx, snippets, rulebook=rulebook)
    start = time.perf_counter()

    def records() -> Iterator[Record]:
        for item in read_paths(paths, options):
            if isinstance(item, InputWarning):
                on_error(f"warning: {item}")
            elif isinstance(item, InputError):
                audit.bad_rows += 1
                on_error(f"error: {item} (skipped)")
            else:
                yield item

    kwargs = {"profile": profile, "checklist": checklist, "select": tuple(select), "ignore": tuple(ignore),
              "snippets": snippets, "facts": bool(options.case_field)}
    audit.judge = _worker_state(profile, checklist, tuple(select), tuple(ignore), kwargs["facts"]).get_pipe("notelint")
    done = 0
    for results in run_batches(batches(plain_records(records())), jobs, kwargs):
        done += audit.add_many(results)
        if progress:
            progress(done)
    return audit.finish(time.perf_counter() - start, paths)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


__all__ = ["AuditFields", "check_batch", "run_audit", "month_of", "pseudonym"]
