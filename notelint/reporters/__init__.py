"""Reporters: each turns (record, report) pairs into one output format.

A reporter is an object with `start()`, `document(record, report)` and `finish(summary)`;
it writes as it goes, so a large export never has to be held in memory.
"""
from __future__ import annotations

from typing import IO

from .csv import CsvReporter
from .github import GithubReporter
from .json import JsonReporter
from .sarif import SarifReporter
from .text import TextReporter

REPORTERS = {"text": TextReporter, "json": JsonReporter, "csv": CsvReporter, "sarif": SarifReporter,
             "github": GithubReporter}


def make_reporter(fmt: str, out: IO[str], profile: str, color: bool = False):
    cls = REPORTERS[fmt]
    return cls(out, profile=profile, color=color)


__all__ = ["REPORTERS", "make_reporter"]
