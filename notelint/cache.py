"""The compiled lexicon kept between runs, so a one-note check starts quickly.

Only the lexicon's compiled phrase tables are stored (never note text), in
$NOTELINT_CACHE_DIR or ~/.cache/notelint, under a name that is a hash of the
lexicon and profile files, of notelint's own source code, and of spaCy's and
Python's versions: any edit to a YAML file or to the engine makes a new entry. NOTELINT_CACHE_DIR=off turns the cache off.
A cache that cannot be read or written is ignored.

The format is `marshal` (plain ints, strings, tuples, lists, dicts): it loads
a table of ~20,000 phrases in milliseconds, where JSON plus rebuilding took
half a second.  Unlike pickle it cannot name code to run; the folder is the
user's own (created 0700), so whoever could write to it could already run
code as the user.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
import tempfile
import zlib
from pathlib import Path


KEEP = 6


def cache_dir() -> Path | None:
    env = os.environ.get("NOTELINT_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "no") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "notelint"


@functools.lru_cache(maxsize=1)
def code_hash() -> str:
    """A hash of notelint's own Python files: tables compiled by other code are not reused."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for f in sorted(root.rglob("*.py")):
        try:
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
        except OSError:
            h.update(b"?\0")
    return h.hexdigest()


def cache_key(sources, *parts) -> str:
    import spacy

    from . import __version__

    h = hashlib.sha256()
    for part in (__version__, code_hash(), spacy.__version__, sys.version, *map(str, parts)):
        h.update(part.encode() + b"\0")
    for src in sources:
        try:
            h.update(Path(src).read_bytes() + b"\0")
        except OSError:
            h.update(b"?\0")
    return h.hexdigest()[:32]


def load(key: str):
    """What save(key, ...) stored, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = memoryview((folder / f"{key}.bin").read_bytes())
        # parts of an entry are unpacked only when a note needs them (MatchTable.classes), so a damaged
        # file must be caught here, whole, not half-way through a run: a checksum leads the data
        if len(data) < 4 or zlib.crc32(data[4:]) != int.from_bytes(data[:4], "little"):
            return None
        return marshal.loads(data[4:])
    except (OSError, ValueError, EOFError, TypeError):
        return None


def remember(key: str, kind: type, build):
    """The value stored under `key` if it is a `kind`, else build() (stored for the next run)."""
    value = load(key)
    if not isinstance(value, kind):
        value = build()
        save(key, value)
    return value


def save(key: str, data) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        payload = marshal.dumps(data)
        with os.fdopen(fd, "wb") as fh:
            fh.write(zlib.crc32(payload).to_bytes(4, "little") + payload)
        os.replace(tmp, folder / f"{key}.bin")
        # keep the few newest entries (one per lexicon version in use), drop the rest
        entries = sorted(folder.glob("*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:] + list(folder.glob("*.json")):  # (*.json: the format before 0.x)
            old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
