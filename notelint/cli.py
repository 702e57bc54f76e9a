"""The `notelint` command line (thin: parse options, call the library, pick a reporter)."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Iterator

import click

from . import __version__
from .config import ConfigError, find_config, load_config
from .lexicon import BUILTIN_PROFILES, DEFAULT_PROFILE, LexiconError, load_profile
from .readers import InputError, InputWarning, Record, ReadOptions, read_paths
from .readers.base import role_fields

FORMATS = ("text", "json", "csv", "sarif", "github")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Fail(click.ClickException):
    """A one-line error and exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"notelint: error: {self.format_message()}", err=True)


def _split(values: tuple[str, ...] | list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or ():
        out += [x.strip() for x in str(v).split(",") if x.strip()]
    return out


def _settings(config_path: str | None) -> dict:
    try:
        if config_path:
            return load_config(Path(config_path))
        return find_config()[1]
    except ConfigError as exc:
        raise Fail(str(exc)) from None


def _build(profile, model, select, ignore, checklist, facts=False):
    from .pipeline import build_nlp

    try:
        return build_nlp(profile, model, tuple(select), tuple(ignore), checklist, facts)
    except LexiconError as exc:
        raise Fail(str(exc)) from None
    except ValueError as exc:  # unknown code in --select/--ignore
        raise Fail(str(exc).splitlines()[0]) from None
    except OSError:  # a --model that is not installed
        if model:
            raise Fail(f"cannot load spaCy pipeline {model!r}: is it installed? "
                       f"(python -m spacy download {model})") from None
        raise


def rule_options(f):
    """--profile, --select, --ignore, --checklist, --model, --config: which rules, shared by every command."""
    for opt in reversed([
        click.option("--profile", default=None,
                     help=f"Organisation profile: {', '.join(BUILTIN_PROFILES)} or a YAML file."),
        click.option("--select", multiple=True, help="Only these rule codes, names or prefixes (comma-separated)."),
        click.option("--ignore", multiple=True, help="Skip these rule codes, names or prefixes (comma-separated)."),
        click.option("--checklist", type=click.Choice(["auto", "always", "never"]), default=None,
                     help="Required-details checks: on DA notes (auto), on every note, or off."),
        click.option("--model", default=None, help="A trained spaCy pipeline to use, e.g. en_core_web_sm (optional)."),
        click.option("--config", "config_path", default=None, type=click.Path(dir_okay=False),
                     help="Settings file (default: notelint.yaml or [tool.notelint] in pyproject.toml)."),
    ]):
        f = opt(f)
    return f


def input_options(f):
    """Where the note, id, case and status are in exports (JSONL, CSV, XLSX)."""
    for opt in reversed([
        click.option("--text-field", default=None, help="Field or column holding the note (JSONL: text; CSV: detected)."),
        click.option("--id-field", default=None, help="Field or column holding the record id (JSONL: id; CSV: detected)."),
        click.option("--case-field", default=None,
                     help="Field holding the case id; notes of a case are checked together."),
        click.option("--status-field", default=None, help="Column holding the note's status (default: detected)."),
        click.option("--skip-status", multiple=True,
                     help="Skip rows with this status, e.g. --skip-status Draft,Deleted."),
    ]):
        f = opt(f)
    return f


class Settings:
    """Command-line flags over the config file over defaults."""

    def __init__(self, config_path, profile=None, select=(), ignore=(), checklist=None, model=None, **fields):
        self.cfg = cfg = _settings(config_path)
        self.profile = profile or cfg.get("profile") or DEFAULT_PROFILE
        self.select = _split(select) or _split(cfg.get("select"))
        self.ignore = _split(ignore) or _split(cfg.get("ignore"))
        self.checklist = checklist or cfg.get("checklist", "auto")
        self.model = model or cfg.get("model")
        self.read = ReadOptions(
            id_field=fields.get("id_field") or cfg.get("id-field"),
            text_field=fields.get("text_field") or cfg.get("text-field"),
            case_field=fields.get("case_field") or cfg.get("case-field"),
            status_field=fields.get("status_field") or cfg.get("status-field"),
            skip_status=tuple(_split(fields.get("skip_status")) or _split(cfg.get("skip-status"))),
            extra_fields=role_fields(),  # date, team, author and names columns found from their headers
        )

    def nlp(self, facts: bool = False):
        """The pipeline; `facts`: each note's NoteFacts recorded, for judging a case's notes together."""
        return _build(self.profile, self.model, self.select, self.ignore, self.checklist, facts)


def read_records(paths, options: ReadOptions, on_error, on_columns=None) -> Iterator[Record]:
    """Records from PATHS; a bad file or row goes to on_error(message) and the rest is still read.
    on_columns(source, {role: header}) is told the columns each table was read with."""
    for item in read_paths(paths, options):
        if isinstance(item, InputWarning):
            click.echo(f"notelint: warning: {item}", err=True)
        elif isinstance(item, InputError):
            on_error(str(item))
        else:
            if on_columns and item.meta and item.meta.get("columns"):
                on_columns(item.source, item.meta["columns"])
            yield item


ROLE_FLAGS = {"note": "--text-field", "id": "--id-field", "case": "--case-field", "date": "--date-field",
              "team": "--team-field", "author": "--author-field", "names": "--names-field"}


def columns_line(source: str, used: dict) -> str:
    """One line saying which columns a table was read with, and what was not found."""
    from .redact import file_id

    found = ", ".join(f'{role} "{header}"' for role, header in used.items())
    line = f"notelint: {file_id(source)}: columns used: {found}"
    if "case" not in used:
        line += " (no case column: each note is its own case; name one with --case-field)"
    return line


def no_notes_message(errors: int) -> str:
    if errors:
        return "no notes were read: nothing in the inputs could be read (see the errors above)"
    return "no notes found in the inputs (empty files, or no file notelint can read)"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="notelint")
def main() -> None:
    """Check domestic-abuse case notes for judgemental wording, missing details and missed referrals."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format (default text).")
@rule_options
@input_options
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a finding is at least this severe (default warning).")
@click.option("--annotate", "annotate_to", default=None, type=click.Path(dir_okay=False),
              help="With one .docx: write a copy with a Word comment on each finding.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal).")
def check(paths, fmt, fail_on, annotate_to, color, config_path, **kw) -> None:
    """Check notes in PATHS (files, folders, or - for stdin)."""
    opts = Settings(config_path, **kw)
    cfg = opts.cfg
    fmt = fmt or cfg.get("format", "text")
    if fmt not in FORMATS:
        raise Fail(f"unknown format {fmt!r} in config (choose from {', '.join(FORMATS)})")
    fail_on = fail_on or cfg.get("fail-on", "warning")
    if annotate_to and (len(paths) != 1 or not paths[0].lower().endswith(".docx")):
        raise Fail("--annotate needs exactly one .docx file to check")
    opts.nlp()  # a bad profile, model or rule code fails here, before any input is read

    from .reporters import make_reporter

    if color is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    reporter = make_reporter(fmt, sys.stdout, profile=_profile_label(opts.profile), color=color)
    errors = 0

    def error(message: str) -> None:
        nonlocal errors
        errors += 1
        click.echo(f"notelint: error: {message}", err=True)

    def columns(source: str, used: dict) -> None:
        if fmt == "text":
            click.echo(columns_line(source, used), err=True)

    read = iter(read_records(paths, opts.read, error, columns))
    first = next(read, None)
    # notes of a case are judged together when a case column was named or found
    by_case = bool(opts.read.case_field) or (first is not None and first.case is not None)
    nlp = opts.nlp(facts=by_case)
    records = _chain(first, read)
    reporter.start()
    docs = wording = pathway = missing = 0
    worst = -1
    for record, report in _checked(nlp, records, by_case=by_case):
        reporter.document(record, report)
        docs += 1
        wording += len(report.wording)
        pathway += len(report.pathway)
        missing += len(report.missing)
        for item in (*report.findings, *report.missing):
            worst = max(worst, SEVERITY_RANK.get(item.severity, 0))
        if annotate_to:
            _annotate(Path(record.source), report, Path(annotate_to))
    reporter.finish({"documents": docs, "wording": wording, "pathway": pathway, "missing": missing,
                     "errors": errors})
    sys.stdout.flush()
    if not docs and not errors:  # (when nothing could be read, the errors above have said so)
        click.echo(f"notelint: error: {no_notes_message(errors)}", err=True)
        sys.exit(2)
    if errors:
        sys.exit(2)
    if fail_on != "never" and worst >= SEVERITY_RANK[fail_on]:
        sys.exit(1)


def _chain(first, rest):
    if first is not None:
        yield first.text, first
    for r in rest:
        yield r.text, r


def _annotate(source: Path, report, out: Path) -> None:
    from .annotate import annotate
    from .safefile import SafeFileError

    if os.path.realpath(out) == os.path.realpath(source):
        raise Fail("--annotate writes a copy: give a different file name")
    try:
        n, backup = annotate(source, report, out)
    except InputError as exc:
        raise Fail(str(exc)) from None
    except SafeFileError as exc:
        raise Fail(f"{out}: {exc}") from None
    kept = f" (the file that was there kept as {backup.name})" if backup else ""
    click.echo(f"notelint: wrote {out} with {n} comment{'s' if n != 1 else ''}{kept}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@rule_options
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that change more than the words flagged "
                                                   "(read the result).")
@click.option("--diff", is_flag=True, help="Show the changes as a unified diff; change nothing.")
@click.option("--no-backup", is_flag=True, help="Do not keep FILE.bak.")
def fix(paths, unsafe_fixes, diff, no_backup, config_path, **kw) -> None:
    """Rewrite judgemental wording in text, Markdown and Word files (safe fixes only by default)."""
    from .fix import FIXABLE, FixError, fix_path

    opts = Settings(config_path, **kw)
    nlp = opts.nlp()
    errors = changed = applied = remaining = unsafe_left = 0
    for target in _fixable_files(paths, FIXABLE):
        if isinstance(target, str):
            errors += 1
            click.echo(f"notelint: error: {target}", err=True)
            continue
        try:
            result = fix_path(target, nlp, unsafe=unsafe_fixes, write=not diff, backup=not no_backup)
        except FixError as exc:
            errors += 1
            click.echo(f"notelint: error: {exc}", err=True)
            continue
        for p in result.leftovers:
            click.echo(f"notelint: removed {_shown(p)}, a temporary file left by an interrupted run", err=True)
        for p in result.leftovers_kept:
            click.echo(f"notelint: warning: {_shown(p)} is a temporary file left by an interrupted run "
                       f"({'`notelint fix` without --diff removes it' if diff else 'not ours: not removed'})",
                       err=True)
        remaining += len(result.remaining)
        unsafe_left += sum(1 for f in result.remaining if f.replacement(unsafe=True) and not f.replacement())
        if not result.changed:
            continue
        changed += 1
        applied += len(result.applied)
        if diff:
            click.echo(result.diff(), nl=False)
        else:
            kept = f" (backup: {_shown(result.backup)})" if result.backup else ""
            n = len(result.applied)
            click.echo(f"Fixed {n} issue{'s' if n != 1 else ''} in {target}{kept}")
    verb = "Would fix" if diff else "Fixed"
    summary = f"{verb} {applied} issue{'s' if applied != 1 else ''} in {changed} file{'s' if changed != 1 else ''}."
    if remaining:
        summary += f" {remaining} left for a person to reword"
        if unsafe_left and not unsafe_fixes:
            summary += f" ({unsafe_left} with a suggestion: --unsafe-fixes applies it)"
        summary += "."
    click.echo(summary, err=True)
    if errors:
        sys.exit(2)
    if (diff and changed) or remaining:
        sys.exit(1)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _fixable_files(paths, fixable) -> Iterator[Path | str]:
    """The files to fix: those named (a link named is followed to its target), and in folders the
    regular files with a fixable extension (links, FIFOs and devices in a folder are skipped, with a
    warning: fix writes only what it was given)."""
    import stat

    from .safefile import describe, kind

    for raw in paths:
        path = Path(raw)
        if raw == "-":
            yield "fix needs files, not stdin (use `notelint check -` to check text)"
            continue
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            yield f"{path}: {describe(exc, path)}"
            continue
        if not stat.S_ISDIR(mode):
            yield path
            continue
        for p in sorted(path.rglob("*")):
            rel = p.relative_to(path).parts
            if (p.suffix.lower() not in fixable or any(part.startswith(".") for part in rel)
                    or p.name.startswith("~$")):
                continue
            try:
                st = os.lstat(p)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                yield p
            elif not stat.S_ISDIR(st.st_mode):
                click.echo(f"notelint: warning: {p}: {kind(st.st_mode)}, skipped (fix rewrites only regular "
                           "files in a folder; name a link to fix its target)", err=True)


def _checked(nlp, records, by_case: bool):
    """(record, report) pairs; with a case field, the notes of a case are judged together."""
    if not by_case:
        for doc, record in nlp.pipe(records, as_tuples=True, batch_size=64):
            yield record, doc._.notelint
        return
    from .cases import judge_reports

    cases: dict[str, list[Record]] = {}
    for _, record in records:  # a case's notes may be anywhere in the export
        cases.setdefault(record.case if record.case is not None else f"\0{len(cases)}", []).append(record)
    # the notes in one stream, case after case (batches as large as without cases), each case judged as
    # its last note comes out
    component = nlp.get_pipe("notelint")
    stream = ((r.text, (notes, k)) for notes in cases.values() for k, r in enumerate(notes))
    reports: list = []
    for doc, (notes, k) in nlp.pipe(stream, as_tuples=True, batch_size=64):
        reports.append(doc._.notelint)
        if k == len(notes) - 1:
            yield from zip(notes, judge_reports(component, [r.text for r in notes], reports))
            reports = []


def _profile_label(profile: str) -> str:
    return profile if profile in BUILTIN_PROFILES else Path(profile).stem


@main.command()
@click.argument("exports", nargs=-1, required=True)
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for report.html, findings.csv, cases.csv and summary.json.")
@rule_options
@input_options
@click.option("--date-field", default=None, help="Column with the note's date (default: detected).")
@click.option("--team-field", default=None, help="Column with the team (default: detected).")
@click.option("--author-field", default=None, help="Column with the note's author (default: detected).")
@click.option("--names-field", default=None, help="Column of people's names to redact (default: detected).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes (default: all cores).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run the per-note work on a Dask cluster, e.g. tcp://10.0.0.5:8786 (needs notelint[cluster]).")
@click.option("--author-names", is_flag=True, help="Show authors' names (default: stable codes such as Author-3F2A1C09B7).")
@click.option("--pseudonymise-authors", is_flag=True, hidden=True, help="Accepted for old scripts: the default now.")
@click.option("--xlsx", is_flag=True, help="Also write findings.xlsx.")
@click.option("--no-snippets", is_flag=True, help="Leave snippets out of findings.csv entirely.")
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
def audit(exports, out, config_path, date_field, team_field, author_field, names_field, jobs, scheduler,
          author_names, pseudonymise_authors, xlsx, no_snippets, quiet, **kw) -> None:
    """Audit whole exports (CSV, TSV, XLSX, JSONL, folders): a report for managers in OUTPUT."""
    from .audit import AuditFields, NoNotes, SchedulerError, default_jobs
    from .safefile import SafeFileError, describe

    opts = Settings(config_path, **kw)
    if opts.profile not in BUILTIN_PROFILES and not Path(opts.profile).is_file():
        raise Fail(f"no such profile {opts.profile!r} (built in: {', '.join(BUILTIN_PROFILES)})")
    try:
        load_profile(opts.profile)
    except LexiconError as exc:
        raise Fail(str(exc)) from None
    out_dir = Path(out)
    if (out_dir.exists() and any(not p.name.endswith(".notelint-tmp") for p in out_dir.iterdir())
            and not (out_dir / "summary.json").exists()):  # an interrupted audit's temporary files aside
        raise Fail(f"{out_dir} is not empty and holds no earlier audit; choose an empty folder")
    from .safefile import missing

    for p in exports:
        why = missing(p) if p != "-" else None
        if why:
            raise Fail(f"{p}: {why}")
    if author_names and pseudonymise_authors:
        raise Fail("--author-names and --pseudonymise-authors contradict each other: choose one")
    fields = AuditFields(date=date_field, team=team_field, author=author_field, names=names_field)
    errors = 0

    def on_error(message: str) -> None:
        nonlocal errors
        errors += message.startswith("error")
        click.echo(f"notelint: {message}", err=True)

    jobs = jobs or default_jobs()
    kwargs = dict(profile=opts.profile, options=opts.read, fields=fields, jobs=jobs, checklist=opts.checklist,
                  select=tuple(opts.select), ignore=tuple(opts.ignore), pseudonymise_authors=not author_names,
                  xlsx=xlsx, snippets=not no_snippets, on_error=on_error, scheduler=scheduler)
    try:
        summary = _run_audit(exports, out_dir, quiet, kwargs, opts)
    except NoNotes:
        raise Fail(no_notes_message(errors) + "; no report written") from None
    except SchedulerError as exc:
        raise Fail(str(exc)) from None
    except SafeFileError as exc:
        raise Fail(str(exc)) from None
    except OSError as exc:
        raise Fail(f"{out_dir}: cannot write the audit: {describe(exc)}") from None
    t = summary["totals"]
    if not quiet:
        for source, used in summary["columns"].items():
            click.echo(columns_line(source, used), err=True)
        click.echo(f"Audited {t['notes']:,} notes ({t['da_notes']:,} about domestic abuse) in "
                   f"{summary['elapsed_seconds']:.1f} s: {t['wording']:,} pieces of judgemental wording "
                   f"({t['wording_per_100_notes']} per 100 notes); "
                   f"{t['cases_with_pathway_alerts']:,} of {t['cases']:,} cases with a pathway alert; "
                   f"{t['cases_missing_details']:,} of {t['da_cases']:,} domestic-abuse cases missing a detail. "
                   f"Report: {out_dir / 'report.html'}", err=True)
    if errors:
        click.echo(f"notelint: error: {errors} file{'s' if errors != 1 else ''} or row{'s' if errors != 1 else ''} "
                   "could not be read and {} left out of the report".format("was" if errors == 1 else "were"),
                   err=True)
        sys.exit(2)


def _run_audit(exports, out_dir: Path, quiet: bool, kwargs: dict, opts) -> dict:
    """run_audit with progress: a bar on a terminal, a line every 5 s otherwise, nothing with --quiet."""
    from .audit import count_records, run_audit

    if quiet:
        return run_audit(exports, out_dir, **kwargs)
    tty = sys.stderr.isatty()
    if tty:
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        total = count_records(exports, opts.read)
        columns = (TextColumn("[bold]Auditing"), BarColumn(), MofNCompleteColumn(), TextColumn("notes"),
                   TextColumn("{task.fields[rate]} notes/s"), TimeElapsedColumn(), TextColumn("ETA"),
                   TimeRemainingColumn())
        with Progress(*columns, transient=False) as bar:
            task = bar.add_task("audit", total=total, rate="–")
            started = time.perf_counter()

            def progress(done: int) -> None:
                rate = done / max(time.perf_counter() - started, 1e-6)
                bar.update(task, completed=done, rate=f"{rate:,.0f}")
            return run_audit(exports, out_dir, progress=progress, **kwargs)
    started = time.perf_counter()
    last = [started]

    def progress(done: int) -> None:
        now = time.perf_counter()
        if now - last[0] >= 5:
            last[0] = now
            click.echo(f"notelint: audited {done:,} notes ({done / (now - started):,.0f} notes/s)", err=True)
    return run_audit(exports, out_dir, progress=progress, **kwargs)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback lets other machines in: they need the token.")
@click.option("--port", default=8081, show_default=True, type=click.IntRange(1, 65535))
@click.option("--profile", default=None, help=f"Default profile: {', '.join(BUILTIN_PROFILES)} or a YAML file.")
@click.option("--token", default=None,
              help="Shared token other machines must send (Authorization: Bearer …). Prefer NOTELINT_TOKEN or "
                   "--token-file: a command line shows in the process list.")
@click.option("--token-file", default=None, type=click.Path(dir_okay=False),
              help="Read the shared token from this file (first line).")
@click.option("--cors-origin", "cors", multiple=True,
              help="A browser origin allowed to call the API: a CRM (https://crm.example.gov.uk) or an extension "
                   "(chrome-extension://ID, moz-extension://UUID); `*` stands for one name: moz-extension://*.")
@click.option("--allow-host", "allow_hosts", multiple=True,
              help="Another Host name the server answers to (a DNS name in front of it); localhost, 127.0.0.1, "
                   "[::1] and --host always are.")
@click.option("--trust-proxy", is_flag=True, default=None,
              help="A reverse proxy on this machine sets X-Forwarded-For: read the client's address from it. "
                   "Without this, a request carrying proxy headers counts as from another machine.")
@click.option("--max-body-kb", default=256, show_default=True, type=click.IntRange(1, 10240),
              help="Largest request accepted.")
@click.option("--header-timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds a client has to send a request's headers.")
@click.option("--idle-timeout", default=5.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds a kept-alive connection may sit idle.")
@click.option("--config", "config_path", default=None, type=click.Path(dir_okay=False))
@click.pass_context
def serve(ctx, host, port, profile, token, token_file, cors, allow_hosts, trust_proxy, max_body_kb, header_timeout,
          idle_timeout, config_path) -> None:
    """The staff page and HTTP APIs (native and LanguageTool-compatible) on this computer."""
    try:
        from .server import ServerConfig, serve as run_server
    except ImportError:
        raise Fail("serve needs FastAPI and uvicorn: pip install 'notelint[serve]'") from None
    cfg = _settings(config_path)
    profile = profile or cfg.get("profile") or DEFAULT_PROFILE
    try:
        load_profile(profile)
    except LexiconError as exc:
        raise Fail(str(exc)) from None
    token = _serve_token(ctx, token, token_file or cfg.get("token-file"))
    origins = list(cors) or _split(cfg.get("cors-origins"))
    hosts = list(allow_hosts) or _split(cfg.get("allowed-hosts"))
    if trust_proxy is None:
        trust_proxy = bool(cfg.get("trust-proxy", False))
    extra = {} if profile in BUILTIN_PROFILES else {_profile_label(profile): profile}
    config = ServerConfig(profile=_profile_label(profile) if extra else profile, token=token,
                          cors_origins=origins, max_body=max_body_kb * 1024, extra_profiles=extra,
                          host=host, allowed_hosts=hosts, trust_proxy=trust_proxy)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"notelint: warning: listening on {host}: other machines can reach this server. "
                   + ("They must send the token." if token else "Without a token they are refused."), err=True)
    click.echo(f"notelint: serving on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
               "(Ctrl+C to stop)", err=True)
    try:
        run_server(host, port, config, header_timeout=header_timeout, idle_timeout=idle_timeout)
    except OSError as exc:
        raise Fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def _serve_token(ctx, token: str | None, token_file: str | None) -> str | None:
    """The shared token: --token-file, NOTELINT_TOKEN, or (with a warning) --token."""
    if token is not None:
        source = ctx.get_parameter_source("token")
        if source == click.core.ParameterSource.COMMANDLINE:
            click.echo("notelint: warning: a token on the command line shows in the process list; "
                       "use NOTELINT_TOKEN or --token-file", err=True)
    if token_file:
        try:
            lines = Path(token_file).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise Fail(f"cannot read the token file {token_file}: "
                       f"{getattr(exc, 'strerror', None) or exc.__class__.__name__}") from None
        token = lines[0].strip() if lines else ""
        if not token:
            raise Fail(f"the token file {token_file} is empty")
    elif token is None:
        token = os.environ.get("NOTELINT_TOKEN") or None
    return token


@main.command()
@click.argument("code", required=False)
@click.option("--profile", default=None, help="Organisation profile whose rules to show.")
def rules(code, profile) -> None:
    """List every rule, or explain one (e.g. `notelint rules NL103`)."""
    cfg = _settings(None)
    try:
        prof = load_profile(profile or cfg.get("profile") or DEFAULT_PROFILE)
    except LexiconError as exc:
        raise Fail(str(exc)) from None
    from .explain import explain, listing

    if code is None:
        click.echo(listing(prof))
        return
    text = explain(prof, code)
    if text is None:
        raise Fail(f"unknown rule {code!r} (see `notelint rules`)")
    click.echo(text)


def run() -> None:
    try:
        main(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("notelint: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: one line, no note text, exit 2 (NOTELINT_DEBUG=1 shows the traceback)
        if os.environ.get("NOTELINT_DEBUG"):
            raise
        click.echo(f"notelint: internal error: {exc.__class__.__name__} (run with NOTELINT_DEBUG=1 for details)",
                   err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    run()
