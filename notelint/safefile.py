"""How notelint opens and writes files: the one place `fix`, `--annotate`, `audit` and the readers do it.

Reading (`open_regular`): only regular files are opened, and opening never blocks (a FIFO, a
device or a socket is refused with what it is, named in one line); a size limit is checked on
the opened file.

Writing (`AtomicFile`, `replace_file`): nothing is ever written through a symbolic link or into a
file that already exists.  New data goes to a temporary file `.NAME.<random>.notelint-tmp` beside
the destination, created exclusively (O_CREAT | O_EXCL | O_NOFOLLOW, mode 0600), written whole and
fsynced, then renamed over the destination (`os.replace`: a link there is replaced, not followed).
A backup is written the same way, whole and fsynced, and only then given its name (`NAME.bak`,
`.bak.1`, ...) by a hard link that fails if the name exists, so there is never a partial file
called a backup and never a write into a planted one.  A crash can leave only temporary files
(mode 0600, named as above); `leftovers` finds them and `remove_leftovers` removes them.

Windows has no O_NOFOLLOW: there the path is checked with lstat before it is opened and the
opened file's identity (device, inode) compared with the path's after, and a rename that must
not overwrite uses os.rename (which refuses an existing name there).
"""
from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from pathlib import Path
from typing import BinaryIO

TMP_SUFFIX = ".notelint-tmp"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
WINDOWS = os.name == "nt"


class SafeFileError(Exception):
    """A file notelint will not open or write; str() is the reason, for `PATH: reason`."""


class NotRegular(SafeFileError):
    """A FIFO, device, socket or folder where a file was expected."""

    def __init__(self, mode: int):
        super().__init__(f"not a regular file ({kind(mode)}); skipped")


class TooLarge(SafeFileError):
    def __init__(self, size: int, limit: int, what: str = "file"):
        self.size, self.limit = size, limit
        super().__init__(f"{what} is {size_text(size)}, over notelint's limit of {size_text(limit)}; not read")


def size_text(n: int) -> str:
    return f"{n / (1 << 20):,.1f} MB" if n >= 1 << 20 else f"{n:,} bytes"


# ---- what a path is, in words --------------------------------------------------------------------

def kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def describe(exc: OSError, path: str | os.PathLike | None = None) -> str:
    """An OSError in words for a one-line message (`PATH: ...`)."""
    code = exc.errno
    if code == errno.ELOOP:
        return "a symbolic link loop (the link never reaches a file)"
    if code == errno.ENOENT:
        if path is not None and os.path.islink(path):
            return "a symbolic link to a file that does not exist"
        return "no such file or folder"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.EISDIR:
        return "a folder"
    if code in (errno.ENXIO, errno.EOPNOTSUPP) and path is not None:
        try:
            return f"not a regular file ({kind(os.stat(path).st_mode)})"
        except OSError:
            pass
    return exc.strerror or exc.__class__.__name__


def missing(path: str | os.PathLike) -> str | None:
    """Why `path` cannot be read at all (no such file, a link loop ...), or None if it is there."""
    try:
        os.stat(path)
    except OSError as exc:
        return describe(exc, path)
    return None


# ---- reading ---------------------------------------------------------------------------------------

def open_regular(path: str | os.PathLike, limit: int | None = None, what: str = "file") -> BinaryIO:
    """The regular file at `path`, open for reading in binary; never blocks.

    A FIFO, device or socket raises SafeFileError naming what it is; a file over `limit` bytes
    raises TooLarge.  Symbolic links the caller named are followed (reading is what was asked).
    """
    if WINDOWS or not _NONBLOCK:  # no O_NONBLOCK: look first (Windows has no FIFOs in the file system)
        try:
            st = os.stat(path)
        except OSError as exc:
            raise SafeFileError(describe(exc, path)) from None
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(st.st_mode)
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY | _CLOEXEC)
    except OSError as exc:
        try:  # a socket (ENXIO) or a device with no driver: say what it is
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise NotRegular(mode) from None
        raise SafeFileError(describe(exc, path)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(st.st_mode)
        if limit is not None and st.st_size > limit:
            raise TooLarge(st.st_size, limit, what)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike, limit: int, what: str = "file") -> bytes:
    """The whole of a regular file of at most `limit` bytes (see open_regular)."""
    with open_regular(path, limit, what) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:  # it grew after it was measured
        raise TooLarge(len(data), limit, what)
    return data


# ---- writing ---------------------------------------------------------------------------------------

def create_exclusive(path: Path, mode: int = 0o600) -> int:
    """A new file at `path`, open for writing: never an existing file, never through a symbolic link."""
    if not _NOFOLLOW:  # Windows: look before, compare after
        try:
            os.lstat(path)
        except FileNotFoundError:
            pass
        else:
            raise FileExistsError(errno.EEXIST, "File exists", str(path))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY | _CLOEXEC, mode)
    if not _NOFOLLOW:
        try:
            _same_file(fd, path)
        except BaseException:
            os.close(fd)
            raise
    return fd


def _same_file(fd: int, path: Path) -> None:
    """`path` is still the file open as `fd` (not a link or another file put there meanwhile)."""
    st = os.fstat(fd)
    try:
        now = os.lstat(path)
    except OSError as exc:
        raise SafeFileError(f"{Path(path).name} was removed while being written ({describe(exc)})") from None
    if stat.S_ISLNK(now.st_mode) or (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
        raise SafeFileError(f"{Path(path).name} was replaced by another file while being written")


def _tmp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}{TMP_SUFFIX}")


def new_temp(dest: Path) -> tuple[int, Path]:
    """A new temporary file `.NAME.<random>.notelint-tmp` beside `dest`, created exclusively (0600)."""
    for _ in range(100):
        tmp = _tmp_name(dest)
        try:
            return create_exclusive(tmp), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(dest))  # pragma: no cover


def _leftover_pattern(target: Path) -> re.Pattern:
    return re.compile(re.escape(f".{target.name}.") + r"[0-9a-z_]+" + re.escape(TMP_SUFFIX))


def leftovers(target: Path) -> list[Path]:
    """Temporary files an interrupted notelint left beside `target` (`.NAME.*.notelint-tmp`)."""
    pattern = _leftover_pattern(target)
    try:
        with os.scandir(target.parent) as it:
            return sorted(target.with_name(e.name) for e in it if pattern.fullmatch(e.name))
    except OSError:
        return []


def remove_leftovers(target: Path) -> tuple[list[Path], list[Path]]:
    """Remove the temporary files of an interrupted run beside `target`: (removed, left because not ours).

    Ours are regular files (or links: removing a link touches nothing else) owned by this user;
    another user's file of that name is reported, not removed.
    """
    removed, kept = [], []
    uid = os.getuid() if hasattr(os, "getuid") else None
    for p in leftovers(target):
        try:
            st = os.lstat(p)
            ours = stat.S_ISLNK(st.st_mode) or (stat.S_ISREG(st.st_mode) and (uid is None or st.st_uid == uid))
            if ours:
                os.unlink(p)
                removed.append(p)
            else:
                kept.append(p)
        except OSError:
            kept.append(p)
    return removed, kept


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _fsync_folder(folder: Path) -> None:
    if WINDOWS:
        return
    try:
        fd = os.open(folder, os.O_RDONLY | _CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _publish_new(tmp: Path, dest: Path) -> None:
    """Give the complete file `tmp` the name `dest`, which must not exist (FileExistsError if it does)."""
    if WINDOWS:
        os.rename(tmp, dest)  # refuses an existing name on Windows
        return
    try:
        os.link(tmp, dest, follow_symlinks=False)  # fails if dest exists, a dangling link included
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # a file system without hard links: look, then rename (the narrow race is the best it allows)
        if os.path.lexists(dest):
            raise FileExistsError(errno.EEXIST, "File exists", str(dest)) from None
        os.rename(tmp, dest)
        return
    os.unlink(tmp)


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class AtomicFile:
    """A file written under a temporary name beside `dest` and renamed to `dest` only when complete.

        with AtomicFile(out / "findings.csv") as f:
            f.file.write(...)
        # renamed on success; on an exception the temporary file is removed

    `replace=True` replaces whatever is at `dest` (a link there is replaced, never written through);
    `replace=False` gives the name only if nothing has it.  `mode` is the final file's mode (default:
    what the umask allows a new file); until then the file is 0600.
    """

    def __init__(self, dest: Path, replace: bool = True, mode: int | None = None):
        self.dest, self.replace, self.mode = Path(dest), replace, mode
        self.fd, self.tmp = new_temp(self.dest)
        self.file = os.fdopen(self.fd, "wb", closefd=False)

    def write(self, data: bytes) -> None:
        self.file.flush()
        write_all(self.fd, data)

    def commit(self, owner: tuple[int, int] | None = None) -> None:
        """fsync, then rename into place (FileExistsError, temporary file kept, if replace=False and
        the name is taken); then the file gets its mode (and, as root, the owner given)."""
        self.file.flush()
        os.fsync(self.fd)
        _same_file(self.fd, self.tmp)  # nobody swapped our temporary file for a link
        if WINDOWS:  # Windows renames no file that is open
            self._close()
        if self.replace:
            os.replace(self.tmp, self.dest)
        else:
            _publish_new(self.tmp, self.dest)
        self.tmp = None
        self._finish_mode(owner)
        _fsync_folder(self.dest.parent)
        self.discard()

    def _finish_mode(self, owner) -> None:
        mode = _default_mode() if self.mode is None else self.mode
        if owner is not None and self.file is not None and hasattr(os, "fchown"):
            try:
                os.fchown(self.fd, *owner)
            except OSError:
                pass
        try:
            if self.file is not None and hasattr(os, "fchmod"):
                os.fchmod(self.fd, mode)  # the open file, not whatever the name points at now
            else:
                os.chmod(self.dest, mode)
        except OSError:
            pass

    def _close(self) -> None:
        if self.file is not None:
            try:
                self.file.close()
            finally:
                self.file = None
                os.close(self.fd)

    def discard(self) -> None:
        self._close()
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.commit()
        finally:
            self.discard()


def check_writable_name(path: Path) -> None:
    """Refuse to write `path` if it is a symbolic link or not a regular file (nothing there is fine)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SafeFileError(describe(exc, path)) from None
    if stat.S_ISLNK(st.st_mode):
        raise SafeFileError("is a symbolic link; notelint does not write through links (remove it)")
    if not stat.S_ISREG(st.st_mode):
        raise SafeFileError(f"{kind(st.st_mode)}, not a regular file; not written")


def write_backup(target: Path, data: bytes, mode: int = 0o600) -> Path:
    """`data` kept as TARGET.bak (or .bak.1, ... if that name is taken): written whole and fsynced first."""
    out = AtomicFile(target.with_name(target.name + ".bak"), replace=False, mode=mode)
    try:
        out.write(data)
        for n in range(10_000):
            out.dest = target.with_name(target.name + (".bak" if n == 0 else f".bak.{n}"))
            try:
                out.commit()
                return out.dest
            except FileExistsError:
                continue
        raise FileExistsError(errno.EEXIST, "every backup name is taken", str(target))
    finally:
        out.discard()


def lock(fh) -> None:
    """Hold an exclusive lock on the open file (released when it is closed), or SafeFileError if
    another process holds one: two notelints never rewrite one file at once.  (No-op on Windows.)"""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SafeFileError("being rewritten by another notelint; not changed") from None
    except OSError:
        pass  # a file system without locks: the check that the file is unchanged still holds


def replace_file(path: Path, data: bytes, original: bytes | None, backup: bool,
                 changed: str = "changed on disk meanwhile; not changed (run again)") -> Path | None:
    """Write `data` to `path` without ever losing what it held or writing anywhere else.

    `original` is what the file held when it was read (None: the file must not exist yet, and if
    something takes the name meanwhile nothing is overwritten).  The file must be a regular file
    with one name (not a link, not hard-linked), writable, and still hold `original`; else
    SafeFileError and nothing changes.  With `backup`, the original is kept first (see
    write_backup).  Returns the backup's path.
    """
    st = None
    if original is not None:
        try:
            st = os.lstat(path)
        except OSError as exc:
            raise SafeFileError(describe(exc, path)) from None
        if stat.S_ISLNK(st.st_mode):
            raise SafeFileError("is a symbolic link; not changed")
        if not stat.S_ISREG(st.st_mode):
            raise SafeFileError(f"{kind(st.st_mode)}, not a regular file; not changed")
        if st.st_nlink > 1:
            raise SafeFileError(f"has {st.st_nlink} hard links: rewriting it would leave the other "
                                f"{st.st_nlink - 1} with the old text; not changed")
        if not os.access(path, os.W_OK):
            raise SafeFileError("read-only; not changed")
    else:
        check_writable_name(path)
        if os.path.lexists(path):
            raise SafeFileError("exists; not overwritten")
    out = AtomicFile(path, replace=original is not None,
                     mode=None if st is None else stat.S_IMODE(st.st_mode))
    bak = None
    try:
        out.write(data)
        if original is not None:
            with open_regular(path) as fh:
                now, now_st = fh.read(len(original) + 1), os.fstat(fh.fileno())
            if now != original or (now_st.st_dev, now_st.st_ino) != (st.st_dev, st.st_ino):
                raise SafeFileError(changed)
            if backup:
                bak = write_backup(path, original)
        out.commit(owner=None if st is None else (st.st_uid, st.st_gid))
    except FileExistsError:
        raise SafeFileError("exists; not overwritten") from None
    except OSError as exc:
        raise SafeFileError(f"not changed: {describe(exc)}") from None
    finally:
        out.discard()
    return bak
