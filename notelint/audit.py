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
import heapq
import io
import json
import os
import re
import sqlite3
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import safefile
from .findings import PATHWAY, WORDING
from .lexicon import Profile
from .readers import InputError, InputWarning, Record, ReadOptions, read_paths
from .readers.base import COLUMN_ROLES, role_fields

BATCH = 256
WARM_UP_NOTES = 5000
OUTPUTS = ("findings.csv", "findings.xlsx", "cases.csv", "teams.csv", "authors.csv", "summary.json",
           "report.html")
WORK_TABLE = "notelint-cases.sqlite"   # its temporary file: .notelint-cases.sqlite.<random>.notelint-tmp
FINDING_COLUMNS = ("case_id", "note_id", "date", "team", "kind", "code", "title", "severity", "phrase", "suggestion",
                   "snippet")
TOP_N = 25            # rows of a table in the report; the rest are in the CSV files beside it
TOP_PATHWAY_CASES = 50


@dataclass(frozen=True)
class AuditFields:
    """Columns of the export the audit reads besides the note: a name given on the command line,
    else the first of the common headers the export has (readers.base.COLUMN_ROLES)."""

    date: str | None = None
    team: str | None = None
    author: str | None = None
    names: str | None = None   # a column of people's names to redact (e.g. "Client name")

    CANDIDATES = {role: COLUMN_ROLES[role] for role in ("date", "team", "author", "names")}

    def read_fields(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return role_fields(date=self.date, team=self.team, author=self.author, names=self.names)


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
    from .redact import SNIPPET_REACH, RedactionWords, Redactor, redact_span, snippet

    words = RedactionWords.of(nlp.get_pipe("notelint").profile)  # the active profile's, not the default's
    out = []
    texts = [r.get("text") or "" for r in records]
    redactors: dict = {}  # one per names value in the batch, built only for notes with findings
    for rec, doc in zip(records, nlp.pipe(texts, batch_size=BATCH)):
        report = doc._.notelint
        spans = None
        if snippets and report.findings:
            names = rec.get("names") or ""
            base = redactors.get(names) or redactors.setdefault(names, Redactor([names], words=words))
            # identifiers are found once for all of a note's snippets, before any is cut from it: in the
            # stretches they show (and a margin), with the names the whole note shows to be names
            spans = base.for_note(report.text).spans_around(report.text, [(f.start, f.end) for f in report.findings],
                                                            SNIPPET_REACH)
        findings = []
        for f in report.findings:
            findings.append({
                "code": f.code, "kind": f.kind, "name": f.name, "title": f.title or f.name,
                "severity": f.severity,
                "phrase": redact_span(report.text, f.start, f.end, spans) if spans is not None else "",
                "suggestion": f.suggestions[0] if f.suggestions else "",
                "snippet": snippet(report.text, f.start, f.end, spans=spans) if spans is not None else "",
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
    """A stable code for a person's name within one audit (same name, same code).  Ten hex digits:
    with six, two of a council's few thousand officers shared a code about once in three audits,
    and the report merged their counts."""
    digest = hashlib.sha256((salt + "\0" + name.strip().lower()).encode()).hexdigest()
    return f"Author-{digest[:10].upper()}"


@dataclass
class Group:
    """Counts over notes, each kind apart: wording (NL), pathway alerts (PW), missing details (RF)."""

    notes: int = 0
    da_notes: int = 0
    wording: int = 0
    notes_with_wording: int = 0
    pathway_alerts: int = 0
    notes_with_pathway_alerts: int = 0
    missing: int = 0

    def add(self, r: dict) -> None:
        self.notes += 1
        self.da_notes += r["is_da"]
        wording = sum(1 for f in r["findings"] if f["kind"] == WORDING)
        pathway = sum(1 for f in r["findings"] if f["kind"] == PATHWAY)
        self.wording += wording
        self.notes_with_wording += wording > 0
        self.pathway_alerts += pathway
        self.notes_with_pathway_alerts += pathway > 0
        self.missing += len(r["missing"])

    def as_dict(self) -> dict:
        d = dict(self.__dict__)
        d["wording_per_100_notes"] = round(100 * self.wording / self.notes, 1) if self.notes else 0.0
        d["share_of_notes_with_wording"] = round(self.notes_with_wording / self.notes, 3) if self.notes else 0.0
        return d


class NoNotes(Exception):
    """The inputs held no note: no report is written."""


# Pathway alerts by severity, most urgent first: high risk with no MARAC referral, immediate danger
# with no police, children at risk with no MASH referral, a DASH score recorded as lower risk, shared
# without consent, children at standard risk with no Early Help.  A profile's own codes come after.
PATHWAY_ORDER = ("PW01", "PW04", "PW02", "PW05", "PW06", "PW03")


def pathway_rank(codes) -> tuple:
    ranks = sorted(PATHWAY_ORDER.index(c) if c in PATHWAY_ORDER else len(PATHWAY_ORDER) for c in codes)
    return tuple(ranks) or (len(PATHWAY_ORDER),)


def natural_key(value: str) -> tuple:
    """"HO-9" before "HO-10": numbers in a case reference compared as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                 for part in re.split(r"(\d+)", str(value)) if part)


@dataclass
class Audit:
    """Counters over NoteResults; writes findings.csv as results come, the rest at finish()."""

    out: Path
    profile: str
    fields: AuditFields
    pseudonymise_authors: bool = True
    xlsx: bool = False
    snippets: bool = True
    totals: Group = field(default_factory=Group)
    by_code: Counter = field(default_factory=Counter)
    severity: Counter = field(default_factory=Counter)
    phrases: Counter = field(default_factory=Counter)
    suggestion: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)
    kinds: dict = field(default_factory=dict)
    missing_notes: Counter = field(default_factory=Counter)
    months: dict = field(default_factory=lambda: defaultdict(Group))
    teams: dict = field(default_factory=lambda: defaultdict(Group))
    authors: dict = field(default_factory=lambda: defaultdict(Group))
    columns: dict = field(default_factory=dict)   # input -> {role: header} it was read with
    bad_rows: int = 0
    rulebook: Profile | None = None  # the active profile: labels in the report
    judge: object = None  # the notelint pipe whose checklist and pathways judge a case (cases.judge_case)

    def __post_init__(self):
        self.out.mkdir(parents=True, exist_ok=True)
        prepare_output(self.out)
        self.salt = os.urandom(8).hex()
        self.titles = self.rulebook.titles() if self.rulebook is not None else {}
        self._files: list[safefile.AtomicFile] = []
        self._csv_out = self._output("findings.csv")
        self._csv_file = io.TextIOWrapper(self._csv_out.file, encoding="utf-8", newline="")
        self._csv = csv.writer(self._csv_file)
        self._csv.writerow(FINDING_COLUMNS)
        self._xlsx = None
        if self.xlsx:
            import openpyxl

            self._xlsx_book = openpyxl.Workbook(write_only=True)
            self._xlsx = self._xlsx_book.create_sheet("findings")
            self._xlsx.append(FINDING_COLUMNS)
        # one row per note (ids and codes only, never text) for the per-case view, in a temporary
        # file of our own (created exclusively; SQLite told never to follow a link there)
        fd, self._db_path = safefile.new_temp(self.out / WORK_TABLE)
        os.close(fd)
        self._db = sqlite3.connect(f"{self._db_path.resolve().as_uri()}?nofollow=1", uri=True)
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE notes (seq INTEGER, case_id TEXT, note_id TEXT, is_da INTEGER, "
                         "findings INTEGER, codes TEXT, missing TEXT, pathways TEXT, facts TEXT)")
        self._seq = 0

    def title(self, code: str, fallback: str = "") -> str:
        return self.titles.get(code) or fallback or code

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
            title = self.title(f["code"], f.get("title") or f.get("name", ""))
            self.names[f["code"]] = title
            self.kinds[f["code"]] = f["kind"]
            if f["kind"] == WORDING and f["phrase"]:
                self.phrases[(f["code"], f["phrase"])] += 1
                self.suggestion[f["code"]] = f["suggestion"]
            row = (case, r.get("id") or "", r.get("date") or "", r.get("team") or "", f["kind"], f["code"], title,
                   f["severity"], f["phrase"], f["suggestion"], f["snippet"])
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

    def _output(self, name: str) -> safefile.AtomicFile:
        f = safefile.AtomicFile(self.out / name)
        self._files.append(f)
        return f

    def discard(self) -> None:
        """After a failure: remove every temporary file (the outputs of an earlier audit stay as they were)."""
        for f in self._files:
            f.discard()
        try:
            self._db.close()
        except Exception:
            pass
        try:
            os.unlink(self._db_path)
        except OSError:
            pass

    def _titled(self, codes: str, sep: str = ",") -> str:
        """ "RF05,RF10" -> "Children; DASH risk assessment outcome" (a manager's labels, not codes)."""
        return "; ".join(self.title(c) for c in codes.split(sep) if c)

    def finish(self, elapsed: float, inputs: list[str]) -> dict:
        if self.totals.notes == 0:  # nothing was read: no report (and no earlier audit's replaced)
            self.discard()
            raise NoNotes()
        self._csv_file.flush()
        self._csv_file.detach()
        if self._xlsx is not None:
            xlsx_out = self._output("findings.xlsx")
            self._xlsx_book.save(xlsx_out.file)
        self._db.commit()
        case_summary = {"cases": 0, "da_cases": 0, "cases_missing_details": 0, "cases_with_pathway_alerts": 0}
        missing_cases: Counter = Counter()
        pathway_cases: list = []   # a heap of the most urgent cases (bounded: memory stays flat)
        pathway_case_count: Counter = Counter()
        cases_out = self._output("cases.csv")
        fh = io.TextIOWrapper(cases_out.file, encoding="utf-8", newline="")
        w = None
        for seq, case in enumerate(self.cases()):
            row = {**case, "wording_titles": self._titled(re.sub(r"×\d+", "", case.get("top_wording", ""))
                                                          .replace(" ", "")),
                   "missing_titles": self._titled(case["missing_details"]),
                   "pathway_titles": self._titled(case["pathway_errors"])}
            if w is None:
                w = csv.DictWriter(fh, fieldnames=list(row))
                w.writeheader()
            w.writerow(row)
            case_summary["cases"] += 1
            case_summary["da_cases"] += case["da_notes"] > 0
            if case["missing_details"]:
                case_summary["cases_missing_details"] += 1
                missing_cases.update(case["missing_details"].split(","))
            if case["pathway_errors"]:
                case_summary["cases_with_pathway_alerts"] += 1
                codes = case["pathway_errors"].split(",")
                pathway_case_count.update(codes)
                # most urgent first, then by case reference: kept as a bounded max-heap of negated keys
                item = (_Reversed((pathway_rank(codes), natural_key(case["case_id"]), seq)), row)
                if len(pathway_cases) < TOP_PATHWAY_CASES:
                    heapq.heappush(pathway_cases, item)
                elif item[0] > pathway_cases[0][0]:
                    heapq.heapreplace(pathway_cases, item)
        if w is None:
            fh.write("case_id,notes,da_notes,wording_findings,top_wording,missing_details,pathway_errors,"
                     "pathway_notes,wording_titles,missing_titles,pathway_titles\n")
        fh.flush()
        fh.detach()
        self._db.close()
        os.unlink(self._db_path)
        pathway_cases = [row for _, row in sorted(pathway_cases, key=lambda item: item[0].key)]
        self._write_groups("authors.csv", "author", self.authors)
        self._write_groups("teams.csv", "team", self.teams)
        summary = self.summary(elapsed, inputs, case_summary, missing_cases, pathway_case_count)
        self._output("summary.json").write((json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode())
        from .reporters.audit_html import render_report

        self._output("report.html").write(render_report(summary, pathway_cases, self.rulebook).encode())
        for f in self._files:  # every output complete: each takes its name (replacing an earlier audit's)
            f.commit()
        return summary

    def _write_groups(self, name: str, label: str, groups: dict) -> None:
        out = self._output(name)
        fh = io.TextIOWrapper(out.file, encoding="utf-8", newline="")
        w = csv.writer(fh)
        cols = list(Group().as_dict())
        w.writerow([label, *cols])
        for key, g in sorted(groups.items(), key=lambda kv: (-kv[1].notes, kv[0])):
            d = g.as_dict()
            w.writerow([key, *(d[c] for c in cols)])
        fh.flush()
        fh.detach()

    def summary(self, elapsed, inputs, case_summary, missing_cases, pathway_case_count) -> dict:
        from . import __version__
        from .redact import file_id

        da = self.totals.da_notes
        authors = sorted(self.authors.items(), key=lambda kv: (-kv[1].notes, kv[0]))
        teams = sorted(self.teams.items(), key=lambda kv: (-kv[1].notes, kv[0]))
        return {
            "notelint": __version__, "profile": self.profile,
            "generated": datetime.now().strftime("%Y-%m-%d %H:%M"),
            "inputs": [file_id(p) for p in inputs],
            "columns": {file_id(src): cols for src, cols in self.columns.items()},
            "elapsed_seconds": round(elapsed, 2),
            "notes_per_second": round(self.totals.notes / elapsed, 1) if elapsed else None,
            "bad_rows": self.bad_rows,
            "totals": {**self.totals.as_dict(), **case_summary,
                       "pathway_alerts_by_case": sum(pathway_case_count.values())},
            "findings_by_code": [
                {"code": c, "kind": self.kinds.get(c, ""), "title": self.title(c, self.names.get(c, "")),
                 "count": n} for c, n in sorted(self.by_code.items(), key=lambda kv: (-kv[1], kv[0]))],
            "severity": dict(self.severity),
            "top_phrases": [
                {"code": c, "title": self.title(c, self.names.get(c, "")), "phrase": p, "count": n,
                 "suggestion": self.suggestion.get(c, "")}
                for (c, p), n in self.phrases.most_common(TOP_N)],
            "distinct_phrases": len(self.phrases),
            "missing_details": [
                {"code": c, "title": self.title(c), "da_notes_missing": n, "rate": round(n / da, 3) if da else 0.0,
                 "cases_missing": missing_cases.get(c, 0)}
                for c, n in sorted(self.missing_notes.items())],
            "pathway_alerts": [{"code": c, "title": self.title(c), "cases": n}
                               for c, n in sorted(pathway_case_count.items(),
                                                  key=lambda kv: (pathway_rank([kv[0]]), kv[0]))],
            "months": {m: g.as_dict() for m, g in sorted(self.months.items())},
            "teams": {t: g.as_dict() for t, g in teams[:TOP_N]},
            "teams_total": len(teams),
            "authors": {a: g.as_dict() for a, g in authors[:TOP_N]},
            "authors_total": len(authors),
            "authors_pseudonymised": self.pseudonymise_authors,
        }


class _Reversed:
    """A heap key in reverse order: heapq keeps the smallest, this keeps the largest at the top."""

    __slots__ = ("key",)

    def __init__(self, key):
        self.key = key

    def __lt__(self, other):
        return self.key > other.key

    def __gt__(self, other):
        return self.key < other.key

    def __eq__(self, other):
        return self.key == other.key


def prepare_output(out: Path) -> None:
    """Before writing: an output name that is a link (or a FIFO ...) is refused, never written
    through; temporary files an interrupted audit left are removed."""
    for name in OUTPUTS:
        try:
            safefile.check_writable_name(out / name)
        except safefile.SafeFileError as exc:
            raise safefile.SafeFileError(f"{out / name} {exc}") from None
    for name in (*OUTPUTS, WORK_TABLE):
        safefile.remove_leftovers(out / name)


# ---- running it --------------------------------------------------------------------------------

def plain_records(records: Iterable[Record], columns: dict | None = None) -> Iterator[dict]:
    """Plain dicts for check_batch.  A note id taken from a file name is redacted ("Jane Doe 07700
    900123.txt" names a person); the columns each table was read with go to `columns`."""
    from .redact import file_id

    for r in records:
        meta = r.meta or {}
        if columns is not None and meta.get("columns"):
            columns[r.source] = meta["columns"]
        yield {"id": r.id if r.id is not None else file_id(r.source), "text": r.text, "case": r.case,
               "date": meta.get("date"), "team": meta.get("team"), "author": meta.get("author"),
               "names": meta.get("names")}


def batches(items: Iterable[dict], size: int = BATCH) -> Iterator[list[dict]]:
    it = iter(items)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


class SchedulerError(Exception):
    """The Dask scheduler named with --scheduler cannot be used (one line)."""


def run_batches(chunks: Iterable[list[dict]], jobs: int, kwargs: dict,
                scheduler: str | None = None) -> Iterator[list[dict]]:
    """check_batch over the chunks, in order: in this process (jobs=1), a pool of `jobs` processes,
    or the workers of the Dask distributed cluster whose scheduler is at `scheduler`."""
    if scheduler:
        yield from _run_on_dask(chunks, scheduler, kwargs)
        return
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


def _run_on_dask(chunks: Iterable[list[dict]], address: str, kwargs: dict) -> Iterator[list[dict]]:
    """check_batch on a Dask cluster: a bounded window of batches in flight (memory stays flat on
    this machine), results taken back in order.  Only the named scheduler and its workers are
    contacted; notes go to them, and only redacted snippets, codes and counts come back."""
    from functools import partial

    try:
        from dask.distributed import Client
    except ImportError:
        raise SchedulerError("--scheduler needs Dask: pip install 'notelint[cluster]'") from None
    _reachable(address)
    try:
        client = Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address} "
                             f"({exc.__class__.__name__}: {' '.join(str(exc).split())[:160]})") from None
    try:
        workers = max(1, sum(client.nthreads().values()))
        window = workers * 3
        pending: deque = deque()
        work = partial(check_batch, **kwargs)
        for chunk in chunks:
            # pure=False: two batches with equal records are still two batches of the export
            pending.append(client.submit(work, chunk, pure=False))
            if len(pending) >= window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        client.close()


def _reachable(address: str) -> None:
    """Fail at once, in one line, when nothing listens at the scheduler's address (Dask itself
    would retry until its timeout)."""
    import socket

    m = re.fullmatch(r"(?:(?:tcp|tls)://)?\[?([^\[\]/]+?)\]?:(\d+)/?", address.strip())
    if not m:
        if "://" in address:
            return  # another transport (ucx://, inproc://): left to Dask
        raise SchedulerError(f"--scheduler {address!r}: expected an address such as tcp://10.0.0.5:8786")
    try:
        socket.create_connection((m.group(1), int(m.group(2))), timeout=10).close()
    except OSError as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address} "
                             f"({exc.strerror or exc.__class__.__name__})") from None


def _result(future) -> list[dict]:
    try:
        return future.result()
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"lost the Dask cluster ({exc.__class__.__name__})") from None


def count_records(paths: list[str], options: ReadOptions) -> int:
    return sum(1 for item in read_paths(paths, options) if isinstance(item, Record))


def run_audit(paths: list[str], out: Path, *, profile: str, options: ReadOptions, fields: AuditFields,
              jobs: int, checklist: str = "auto", select: tuple = (), ignore: tuple = (),
              pseudonymise_authors: bool = True, xlsx: bool = False, snippets: bool = True,
              on_error: Callable[[str], None] = print, progress=None, scheduler: str | None = None) -> dict:
    """The whole audit. `progress(done)` is called after each batch.  Raises NoNotes when the inputs
    held no note (nothing is written), SchedulerError when the Dask cluster cannot be used."""
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

    stream = records()
    first = next(stream, None)  # a case column named, or found in the headers: a case's notes judged together
    facts = bool(options.case_field) or (first is not None and first.case is not None)

    def all_records() -> Iterator[Record]:
        if first is not None:
            yield first
        yield from stream

    kwargs = {"profile": profile, "checklist": checklist, "select": tuple(select), "ignore": tuple(ignore),
              "snippets": snippets, "facts": facts}
    audit.judge = _worker_state(profile, checklist, tuple(select), tuple(ignore), facts).get_pipe("notelint")
    done = 0
    try:
        for results in run_batches(batches(plain_records(all_records(), audit.columns)), jobs, kwargs, scheduler):
            done += audit.add_many(results)
            if progress:
                progress(done)
        return audit.finish(time.perf_counter() - start, paths)
    except BaseException:
        audit.discard()
        raise


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


__all__ = ["AuditFields", "NoNotes", "SchedulerError", "check_batch", "run_audit", "month_of", "pseudonym"]
