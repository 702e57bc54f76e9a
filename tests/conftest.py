import os
import tempfile

import pytest

# The compiled-lexicon cache of this test run only (inherited by the CLI subprocesses): tables
# compiled by another checkout's code are never what a test sees.
os.environ["NOTELINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="notelint-test-cache-")

import notelint  # noqa: E402


@pytest.fixture(scope="session")
def check():
    """check(text, **kw) -> Report, with the default profile."""
    def _check(text, **kw):
        return notelint.check_text(text, **kw)
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


# ---- no network, ever: any connection that is not to this machine fails the test ---------------

import ipaddress  # noqa: E402
import socket  # noqa: E402


class NetworkUsed(AssertionError):
    pass


def _local(address) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost", "testserver", "testclient"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(request, monkeypatch):
    """Outbound sockets are blocked in every test (loopback allowed: the server tests use it).
    A test that needs the network (pre-commit installing from PyPI) is marked `allow_network`."""
    if request.node.get_closest_marker("allow_network"):
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
    yield


def pytest_configure(config):
    config.addinivalue_line("markers", "allow_network: the test may use the network (pre-commit's own install)")
