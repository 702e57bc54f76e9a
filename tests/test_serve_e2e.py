"""`notelint serve` for real (uvicorn, sockets): a LanguageTool client nobody here wrote, the limits a
server behind a proxy or a hostile page meets, the token's sources."""
import http.client
import json
import socket

import pytest

from conftest import cli, need_module
from serving import running_server

need_module("fastapi", "FastAPI (pip install '.[serve]')")
TOKEN = "e2e-token-0123456789abcdef"


@pytest.fixture(scope="module")
def server():
    with running_server("--header-timeout", "1", "--idle-timeout", "1", env={"NOTELINT_TOKEN": TOKEN}) as url:
        yield url


def _conn(url):
    host, port = url.split("//")[1].strip("/").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=30)


def request(url, method, path, body=None, headers=None):
    c = _conn(url)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    return r.status, r.getheaders(), r.read()


# ---- language_tool_python as the client -------------------------------------------------------------

def test_language_tool_python_checks_and_corrects(server):
    ltp = need_module("language_tool_python", "language_tool_python (pip install '.[test]')")
    tool = ltp.LanguageTool("en-GB", remote_server=server.rstrip("/"))
    try:
        text = "She refused to engage with Women's Aid."
        matches = tool.check(text)
        m = next(m for m in matches if m.rule_id == "NL103")
        assert text[m.offset:m.offset + m.error_length] == "refused to engage"
        assert m.replacements == ["did not engage"]
        assert tool.correct(text) == "She did not engage with Women's Aid."
        # where no words fit, the span is left alone (advice is never a replacement)
        assert tool.correct("She has refused to engage with Women's Aid.") == "She has refused to engage with Women's Aid."
        emoji = "Visit 😀: she refused to engage."
        assert tool.correct(emoji) == "Visit 😀: she did not engage."
    finally:
        tool.close()


def test_get_check_with_a_query_string(server):
    status, _, body = request(server, "GET", "/v2/check?text=She+refused+to+engage.&language=en-GB")
    assert status == 200 and json.loads(body)["matches"][0]["rule"]["id"] == "NL103"


# ---- Host, proxy headers, bodies, timeouts ----------------------------------------------------------

def test_a_foreign_host_name_is_refused(server):
    status, _, body = request(server, "POST", "/api/check", json.dumps({"text": "x"}),
                              {"Host": "evil.example", "Content-Type": "application/json"})
    assert status == 400 and b"evil" not in body


def test_x_forwarded_for_localhost_does_not_skip_the_token(server):
    h = {"Content-Type": "application/json", "X-Forwarded-For": "localhost"}
    assert request(server, "POST", "/api/check", json.dumps({"text": "x"}), h)[0] == 401
    h["Authorization"] = "Bearer " + TOKEN
    assert request(server, "POST", "/api/check", json.dumps({"text": "x"}), h)[0] == 200


def test_a_chunked_5_mb_body_is_413(server):
    c = _conn(server)
    c.request("POST", "/api/check", body=(b"x" * 65536 for _ in range(80)), encode_chunked=True,
              headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
    r = c.getresponse()
    assert r.status == 413 and b"over 256 KB" in r.read()


def test_a_client_that_never_finishes_its_headers_is_disconnected(server):
    host, port = server.split("//")[1].strip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # ... and nothing more
        assert s.recv(1024) == b""  # closed by the server (--header-timeout 1), not by our 30 s


def test_an_idle_kept_alive_connection_is_closed(server):
    host, port = server.split("//")[1].strip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(b"GET /api/profiles HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        data = b""
        while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
            data += s.recv(65536)
        assert data.startswith(b"HTTP/1.1 200")
        assert s.recv(1024) == b""  # then nothing: closed after --idle-timeout


# ---- the token's sources ----------------------------------------------------------------------------

@pytest.fixture()
def captured(monkeypatch):
    import notelint.server as server_mod

    seen = {}
    monkeypatch.setattr(server_mod, "serve", lambda host, port, config, **kw: seen.update(config=config, **kw))
    monkeypatch.delenv("NOTELINT_TOKEN", raising=False)
    return seen


def test_token_from_a_file_or_the_environment_and_a_warning_on_the_command_line(captured, tmp_path, monkeypatch):
    f = tmp_path / "token"
    f.write_text("from-a-file-0123456789\n")
    r = cli("serve", "--token-file", f)
    assert r.exit_code == 0 and captured["config"].token == "from-a-file-0123456789" and "warning" not in r.output
    monkeypatch.setenv("NOTELINT_TOKEN", "from-the-env-0123456789")
    r = cli("serve")
    assert captured["config"].token == "from-the-env-0123456789" and "warning" not in r.output
    monkeypatch.delenv("NOTELINT_TOKEN")
    r = cli("serve", "--token", "on-the-command-line-0123")
    assert captured["config"].token == "on-the-command-line-0123"
    assert "warning: a token on the command line shows in the process list" in r.output


def test_a_missing_token_file_is_one_clear_line(captured, tmp_path):
    r = cli("serve", "--token-file", tmp_path / "nope")
    assert r.exit_code == 2 and r.output.count("\n") == 1 and "cannot read the token file" in r.output
    assert "Traceback" not in r.output


def test_serve_options_reach_the_server(captured):
    cli("serve", "--host", "10.0.0.5", "--allow-host", "notes.council.local", "--trust-proxy",
        "--cors-origin", "moz-extension://*", "--header-timeout", "3", "--idle-timeout", "4")
    c = captured["config"]
    assert (c.host, c.allowed_hosts, c.trust_proxy, c.cors_origins) == ("10.0.0.5", ["notes.council.local"], True,
                                                                       ["moz-extension://*"])
    assert (captured["header_timeout"], captured["idle_timeout"]) == (3, 4)
