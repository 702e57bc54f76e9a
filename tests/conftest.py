import os
import tempfile

import pytest

# The compiled-lexicon cache of this test run only (inherited by the CLI subprocesses): tables
# compiled by another checkout's code are never what a test sees.  The workers of one run (pytest -n 2)
# share it, so a profile one of them has compiled is not compiled again by the other.
_RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID")
if _RUN:
    _CACHE = os.path.join(tempfile.gettempdir(), f"notelint-test-cache-{_RUN}")
    os.makedirs(_CACHE, mode=0o700, exist_ok=True)
else:
    _CACHE = tempfile.mkdtemp(prefix="notelint-test-cache-")
os.environ["NOTELINT_CACHE_DIR"] = _CACHE

import notelint  # noqa: E402
from notelint.lexicon import LexiconError  # noqa: E402


@pytest.fixture(scope="session")
def check():
    """check(text, **kw) -> Report, with the default profile.  If the shipped lexicon does not load,
    every later use fails at once with the same error (instead of compiling it again for each of the
    ~1,000 tests that use this fixture, which took half an hour to report one typo)."""
    broken: list[str] = []

    def _check(text, **kw):
        if broken and kw.get("profile") is None:
            pytest.fail(broken[0], pytrace=False)
        try:
            return notelint.check_text(text, **kw)
        except LexiconError as exc:
            if kw.get("profile") is None:
                broken.append(f"the shipped lexicon does not load: {exc}")
            raise
    return _check


def cli(*args):
    """Run `notelint ARGS` in-process; arguments may be paths."""
    from click.testing import CliRunner

    from notelint.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def codes(report, prefix=""):
    return [f.code for f in report.findings if f.code.startswith(prefix)]


def flagged(report, code):
    return [f.text for f in report.findings if f.code == code]


# ---- tools some tests need: skipped on a developer's machine without them, a failure in CI -------

import os  # noqa: E402
import shutil  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(available, what: str) -> None:
    """Go on if `available`; else skip the test, or fail it in CI (CI=true), where .ci/run installs
    every tool a test needs, so that a test backing a claim in SECURITY.md is never skipped there."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is needed and missing in CI (.ci/run installs it)", pytrace=False)
    pytest.skip(f"{what} not installed", allow_module_level=True)


def need_module(name: str, what: str):
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        need(False, what)


def need_tool(name: str, what: str) -> str:
    path = shutil.which(name)
    need(path, what)
    return path


def as_unprivileged(fn, *args):
    """fn(*args) in a child process running as an unprivileged user (uid/gid 65534, nobody) when the
    tests run as root, where permission checks do not apply; in this process otherwise.  Returns what
    fn returns (it must pickle); an exception in the child fails the test with its message."""
    if os.geteuid() != 0:
        return fn(*args)
    import pickle
    import traceback

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root for good, run, report, exit without pytest's clean-up
        status = 0
        try:
            os.close(read_end)
            os.setgroups([])
            os.setresgid(65534, 65534, 65534)
            os.setresuid(65534, 65534, 65534)
            try:
                payload = ("ok", fn(*args))
            except BaseException as exc:  # noqa: BLE001 - reported to the parent
                payload = ("error", "".join(traceback.format_exception(exc))[-3000:])
            with os.fdopen(write_end, "wb") as fh:
                pickle.dump(payload, fh)
        except BaseException:  # noqa: BLE001
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    assert data, "the unprivileged child process died"
    kind, value = pickle.loads(data)
    if kind == "error":
        pytest.fail(f"in the unprivileged child:\n{value}", pytrace=False)
    return value


# ---- no network, ever: any connection that is not to this machine fails the test ---------------
# In this process by patching socket; in every Python process a test starts (the CLI, the server
# the browser talks to, pre-commit's hooks) by a sitecustomize.py on PYTHONPATH, which every child
# Python imports at start-up: it refuses the connection and records it in a log this file checks
# after each test.

import inspect  # noqa: E402
import ipaddress  # noqa: E402
import socket  # noqa: E402


def _local(address) -> bool:
    """Whether a socket address is this machine (the same test in this process and in every child)."""
    if not isinstance(address, tuple):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost", "testserver", "testclient"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


SITECUSTOMIZE = r'''
"""Written by notelint's tests/conftest.py: outbound connections are refused in this process too."""
import ipaddress
import os
import socket
import sys

_LOG = os.environ.get("NOTELINT_TEST_NETLOG")

{LOCAL}


def _refuse(what):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {' '.join(sys.argv)[:200]}: {what}\n")
    raise ConnectionRefusedError(f"notelint tests: outbound connection blocked: {what}")


_connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo


def connect(self, address):
    if not _local(address):
        _refuse(repr(address))
    return _connect(self, address)


def connect_ex(self, address):
    if not _local(address):
        _refuse(repr(address))
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if name not in (None, "", "localhost", "localhost.localdomain", "ip6-localhost") and not _local((name, 0)):
        _refuse(f"name lookup {name!r}")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo

# then any sitecustomize this one hides
_here = os.path.dirname(os.path.abspath(__file__))
try:
    from importlib.machinery import PathFinder

    _spec = PathFinder.find_spec("sitecustomize", [p for p in sys.path if os.path.abspath(p or ".") != _here])
    if _spec is not None and _spec.loader is not None:
        _module = type(sys)("_hidden_sitecustomize")
        _spec.loader.exec_module(_module)
except Exception:
    pass
'''.replace("{LOCAL}", inspect.getsource(_local))


class NetworkUsed(AssertionError):
    pass




@pytest.fixture(scope="session")
def _child_guard(tmp_path_factory):
    """The sitecustomize every child Python imports, and the log of what children tried."""
    folder = tmp_path_factory.mktemp("netguard")
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = folder / "blocked.log"
    old = {k: os.environ.get(k) for k in ("PYTHONPATH", "NOTELINT_TEST_NETLOG")}
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), old["PYTHONPATH"]]))
    os.environ["NOTELINT_TEST_NETLOG"] = str(log)
    yield log, old["PYTHONPATH"]
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(autouse=True)
def no_network(request, monkeypatch, _child_guard):
    """Outbound sockets are blocked in every test and in every Python process it starts (loopback
    allowed: the server tests use it).  A test that needs the network (pre-commit installing from
    PyPI) is marked `allow_network`."""
    log, outer_pythonpath = _child_guard
    if request.node.get_closest_marker("allow_network"):
        if outer_pythonpath is None:
            monkeypatch.delenv("PYTHONPATH", raising=False)
        else:
            monkeypatch.setenv("PYTHONPATH", outer_pythonpath)
        monkeypatch.delenv("NOTELINT_TEST_NETLOG", raising=False)
        yield
        return
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(self, address):
        if not _local(address):
            raise NetworkUsed(f"notelint tried to connect to {address!r}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if not _local(address):
            raise NetworkUsed(f"notelint tried to connect to {address!r}")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    seen = log.stat().st_size if log.exists() else 0
    yield
    if log.exists() and log.stat().st_size > seen:
        with log.open(encoding="utf-8") as fh:
            fh.seek(seen)
            tried = fh.read().strip()
        raise NetworkUsed(f"a process started by this test tried to use the network:\n{tried}")


def pytest_configure(config):
    config.addinivalue_line("markers", "allow_network: the test may use the network (pre-commit's own install)")
