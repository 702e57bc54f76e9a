"""Compiled patterns kept between runs, so a one-note check starts quickly.

Only the lexicon's compiled phrases are stored (never note text), in
$NOTELINT_CACHE_DIR or ~/.cache/notelint, under a name that is a hash of the
lexicon and profile files, notelint's and spaCy's versions: any edit to a YAML
file makes a new entry. NOTELINT_CACHE_DIR=off turns the cache off. A cache
that cannot be read or written is ignored.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


KEEP = 6


def cache_dir() -> Path | None:
    env = os.environ.get("NOTELINT_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "no") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "notelint"


def cache_key(sources, *parts) -> str:
    import spacy

    from . import __version__

    h = hashlib.sha256()
    for part in (__version__, spacy.__version__, *map(str, parts)):
        h.update(part.encode() + b"\0")
    for src in sources:
        try:
            h.update(Path(src).read_bytes() + b"\0")
        except OSError:
            h.update(b"?\0")
    return h.hexdigest()[:32]


def load(key: str) -> dict:
    folder = cache_dir()
    if folder is None:
        return {}
    try:
        with open(folder / f"{key}.json", encoding="utf-8") as fh:
            data = json.load(fh)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save(key: str, plans: dict) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(plans, fh, separators=(",", ":"))
        os.replace(tmp, folder / f"{key}.json")
        # keep the few newest entries (one per lexicon version in use), drop the rest
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
