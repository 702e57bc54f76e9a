"""notelint serve: the native API, the LanguageTool-compatible API, limits, token, bad requests."""
import json
import logging

import pytest

from conftest import IN_CI

if not IN_CI:  # in CI a missing FastAPI fails the run (the server's claims in SECURITY.md rest on it)
    pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from notelint.server import ServerConfig, create_app  # noqa: E402

NOTE = "Ms Reid disclosed that her partner, Sam Cole, hit her. She refused to engage. DASH 16, high risk."
LOCAL, REMOTE = ("127.0.0.1", 50000), ("203.0.113.7", 50000)


@pytest.fixture(scope="module")
def app():
    return create_app(ServerConfig())


@pytest.fixture()
def client(app):
    return TestClient(app, client=LOCAL)


def test_api_check_returns_the_document_object(client):
    r = client.post("/api/check", json={"text": NOTE})
    assert r.status_code == 200
    doc = r.json()
    assert doc["is_da_note"] is True
    nl = next(f for f in doc["findings"] if f["code"] == "NL103")
    assert NOTE[nl["start"]:nl["end"]] == nl["text"] == "refused to engage"
    assert "PW01" in [f["code"] for f in doc["findings"]]
    assert "RF05" in [m["code"] for m in doc["missing"]]


def test_api_check_with_another_profile(client):
    doc = client.post("/api/check", json={"text": NOTE, "profile": "bassetlaw"}).json()
    assert "RF15" in [m["code"] for m in doc["missing"]]
    r = client.post("/api/check", json={"text": NOTE, "profile": "nowhere"})
    assert r.status_code == 400 and "unknown profile 'nowhere'" in r.json()["error"]


@pytest.mark.parametrize("body, status, says", [
    ('{"text": ', 422, "invalid request"),
    ('{"txt": "She refused to engage."}', 422, "text: Field required"),
    ('{"text": 42}', 422, "text"),
    ('[1, 2]', 422, "invalid request"),
])
def test_bad_json_is_a_clear_4xx_and_never_echoes_the_body(client, body, status, says):
    r = client.post("/api/check", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status and says in r.json()["error"]
    assert "refused" not in r.text


def test_body_limit_is_413(client):
    r = client.post("/api/check", json={"text": "word " * 60000})
    assert r.status_code == 413 and "over 256 KB" in r.json()["error"]


def test_languagetool_shape(client):
    r = client.post("/v2/check", data={"text": NOTE, "language": "en-GB"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"software", "language", "matches", "warnings"}
    assert body["software"]["name"] == "notelint" and "apiVersion" in body["software"]
    m = next(m for m in body["matches"] if m["rule"]["id"] == "NL103")
    assert set(m) >= {"message", "shortMessage", "replacements", "offset", "length", "context", "sentence", "type",
                      "rule"}
    assert NOTE[m["offset"]:m["offset"] + m["length"]] == "refused to engage"
    assert m["replacements"] == [{"value": "did not engage"}]  # replacements only: advice is not clickable
    assert m["context"]["text"][m["context"]["offset"]:][:m["context"]["length"]] == "refused to engage"
    assert m["sentence"] == "She refused to engage."
    assert m["type"] == {"typeName": "Hint"}
    assert set(m["rule"]) >= {"id", "description", "issueType", "category"} and set(m["rule"]["category"]) == {"id", "name"}


def test_languagetool_offsets_are_utf16_code_units(client):
    text = "Update 😀😀: she refused to engage."
    m = client.post("/v2/check", data={"text": text}).json()["matches"][0]
    utf16 = text.encode("utf-16-le")
    assert utf16[2 * m["offset"]:2 * (m["offset"] + m["length"])].decode("utf-16-le") == "refused to engage"


def test_languagetool_annotated_data_counts_markup(client):
    parts = [{"markup": "<p>"}, {"text": "She "}, {"markup": "<b>"}, {"text": "refused"}, {"markup": "</b>"},
             {"text": " to engage."}, {"markup": "</p>", "interpretAs": "\n\n"}]
    original = "".join(p.get("text", p.get("markup")) for p in parts)
    m = client.post("/v2/check", data={"data": json.dumps({"annotation": parts})}).json()["matches"][0]
    assert original[m["offset"]:m["offset"] + m["length"]] == "refused</b> to engage"


def test_languagetool_rule_filters(client):
    codes = lambda **kw: {m["rule"]["id"] for m in client.post("/v2/check", data={"text": NOTE, **kw}).json()["matches"]}
    assert "NL103" not in codes(disabledRules="NL103")
    assert codes(enabledRules="PW01", enabledOnly="true") == {"PW01"}
    r = client.post("/v2/check", data={"enabledOnly": "true", "text": NOTE})
    assert r.status_code == 400


def test_languagetool_bad_requests(client):
    assert client.post("/v2/check", data={"language": "en"}).status_code == 400
    assert client.post("/v2/check", data={"data": "{oops"}).status_code == 400
    assert client.post("/v2/check", content=b"\xff\xfe", headers={"content-type": "text/plain"}).status_code == 400
    langs = client.get("/v2/languages").json()
    assert {"name", "code", "longCode"} <= set(langs[0])


def test_remote_requests_need_the_token():
    app = create_app(ServerConfig(token="s3cret"))
    remote = TestClient(app, client=REMOTE)
    assert remote.post("/api/check", json={"text": "x"}).status_code == 401
    assert remote.post("/api/check", json={"text": "x"}, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert remote.post("/api/check", json={"text": "x"}, headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert TestClient(app, client=LOCAL).post("/api/check", json={"text": "x"}).status_code == 200


def test_remote_requests_refused_without_a_token(app):
    r = TestClient(app, client=REMOTE).get("/")
    assert r.status_code == 403 and "--token" in r.json()["error"]


def test_cors_only_for_configured_origins():
    app = create_app(ServerConfig(cors_origins=["https://crm.example.gov.uk"]))
    c = TestClient(app, client=LOCAL)
    ok = c.options("/api/check", headers={"Origin": "https://crm.example.gov.uk", "Access-Control-Request-Method": "POST"})
    assert ok.headers.get("access-control-allow-origin") == "https://crm.example.gov.uk"
    bad = c.post("/api/check", json={"text": "x"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in bad.headers


def test_logs_never_contain_note_text(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.post("/api/check", json={"text": "Zebedee-Secret refused to engage."})
    client.post("/v2/check?text=Zebedee-Secret", data={"text": "Zebedee-Secret refused."})
    client.post("/api/check", content='{"text": "Zebedee-Secret', headers={"content-type": "application/json"})
    server_logs = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("httpx"))
    assert "POST /api/check 200" in server_logs  # (httpx's lines are the test client's own, not the server's)
    assert "Zebedee" not in server_logs


def test_page_and_static_files_are_served_with_no_external_resources(client):
    page = client.get("/")
    assert page.status_code == 200 and 'id="note"' in page.text
    assert "http://" not in page.text and "https://" not in page.text
    js = client.get("/static/app.js").text
    assert "localStorage" not in js.replace("no localStorage", "") and "document.cookie" not in js
    assert client.get("/docs").status_code == 200


def test_lone_surrogates_in_json_are_not_a_500(client):
    r = client.post("/api/check", content='{"text": "She refused \\ud800 to engage."}',
                    headers={"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["findings"][0]["text"] == "refused"
