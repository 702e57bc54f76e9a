"""Start a real `notelint serve` (uvicorn) on 127.0.0.1 and a free port, for end-to-end tests."""
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(*args, env=None):
    """Yields the base URL (http://127.0.0.1:PORT/) of `notelint serve ARGS`; stops it afterwards."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "notelint", "serve", "--port", str(port), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(240):
            if proc.poll() is not None:
                pytest.fail("server exited: " + proc.stderr.read().decode()[-500:])
            try:
                urllib.request.urlopen(url + "api/profiles", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("server did not start")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
