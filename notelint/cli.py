"""The `notelint` command line (thin: parse options, call the library, pick a reporter)."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

import click

from . import __version__
from .config import ConfigError, find_config, load_config
from .lexicon import BUILTIN_PROFILES, DEFAULT_PROFILE, LexiconError, load_profile
from .readers import InputError, Record, ReadOptions, read_paths

FORMATS = ("text", "json")
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


def _build(profile, model, select, ignore, checklist):
    from .pipeline import build_nlp

    try:
        return build_nlp(profile, model, tuple(select), tuple(ignore), checklist)
    except LexiconError as exc:
        raise Fail(str(exc)) from None
    except ValueError as exc:  # unknown code in --select/--ignore
        raise Fail(str(exc).splitlines()[0]) from None
    except OSError:  # a --model that is not installed
        if model:
            raise Fail(f"cannot load spaCy pipeline {model!r}: is it installed? "
                       f"(python -m spacy download {model})") from None
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="notelint")
def main() -> None:
    """Check domestic-abuse case notes for judgemental wording, missing details and missed referrals."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format (default text).")
@click.option("--profile", default=None, help=f"Organisation profile: {', '.join(BUILTIN_PROFILES)} or a YAML file.")
@click.option("--select", multiple=True, help="Only these rule codes, names or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule codes, names or prefixes (comma-separated).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a finding is at least this severe (default warning).")
@click.option("--checklist", type=click.Choice(["auto", "always", "never"]), default=None,
              help="Required-details checks: on DA notes (auto), on every note, or off.")
@click.option("--text-field", default=None, help="Field or column holding the note (JSONL: text; CSV: detected).")
@click.option("--id-field", default=None, help="Field or column holding the record id (JSONL: id; CSV: detected).")
@click.option("--case-field", default=None, help="Field holding the case id; notes of a case are checked together.")
@click.option("--model", default=None, help="A trained spaCy pipeline to use, e.g. en_core_web_sm (optional).")
@click.option("--config", "config_path", default=None, type=click.Path(dir_okay=False),
              help="Settings file (default: notelint.yaml or [tool.notelint] in pyproject.toml).")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal).")
def check(paths, fmt, profile, select, ignore, fail_on, checklist, text_field, id_field, case_field, model,
          config_path, color) -> None:
    """Check notes in PATHS (files, folders, or - for stdin)."""
    cfg = _settings(config_path)
    fmt = fmt or cfg.get("format", "text")
    if fmt not in FORMATS:
        raise Fail(f"unknown format {fmt!r} in config (choose from {', '.join(FORMATS)})")
    profile = profile or cfg.get("profile") or DEFAULT_PROFILE
    select = _split(select) or _split(cfg.get("select"))
    ignore = _split(ignore) or _split(cfg.get("ignore"))
    fail_on = fail_on or cfg.get("fail-on", "warning")
    checklist = checklist or cfg.get("checklist", "auto")
    options = ReadOptions(id_field=id_field or cfg.get("id-field"),
                          text_field=text_field or cfg.get("text-field"),
                          case_field=case_field or cfg.get("case-field"))
    nlp = _build(profile, model or cfg.get("model"), select, ignore, checklist)

    from .reporters import make_reporter

    if color is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    reporter = make_reporter(fmt, sys.stdout, profile=_profile_label(profile), color=color)
    errors = 0

    def records() -> Iterator[tuple[str, Record]]:
        nonlocal errors
        for item in read_paths(paths, options):
            if isinstance(item, InputError):
                errors += 1
                click.echo(f"notelint: error: {item}", err=True)
                continue
            yield item.text, item

    reporter.start()
    docs = findings = missing = 0
    worst = -1
    for record, report in _checked(nlp, records(), by_case=bool(options.case_field)):
        reporter.document(record, report)
        docs += 1
        findings += len(report.findings)
        missing += len(report.missing)
        for item in (*report.findings, *report.missing):
            worst = max(worst, SEVERITY_RANK.get(item.severity, 0))
    reporter.finish({"documents": docs, "findings": findings, "missing": missing})
    sys.stdout.flush()
    if errors:
        sys.exit(2)
    if fail_on != "never" and worst >= SEVERITY_RANK[fail_on]:
        sys.exit(1)


def _checked(nlp, records, by_case: bool):
    """(record, report) pairs; with a case field, the notes of a case are judged together."""
    if not by_case:
        for doc, record in nlp.pipe(records, as_tuples=True, batch_size=64):
            yield record, doc._.notelint
        return
    from .cases import check_case

    cases: dict[str, list[Record]] = {}
    for _, record in records:  # a case's notes may be anywhere in the export
        cases.setdefault(record.case if record.case is not None else f"\0{len(cases)}", []).append(record)
    for notes in cases.values():
        for record, report in zip(notes, check_case(nlp, [r.text for r in notes])):
            yield record, report


def _profile_label(profile: str) -> str:
    return profile if profile in BUILTIN_PROFILES else Path(profile).stem


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
