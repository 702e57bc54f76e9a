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
BASE = "http://127.0.0.1:8081"  # the Host a browser on this computer sends


def client_for(app, peer=LOCAL, base_url=BASE):
    return TestClient(app, client=peer, base_url=base_url)


@pytest.fixture(scope="module")
def app():
    return create_app(ServerConfig())


@pytest.fixture()
def client(app):
    return client_for(app)


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
    assert r.status_code == 400 and "unknown profile" in r.json()["error"]
    assert "nowhere" not in r.text  # what was sent is never echoed


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
    remote = client_for(app, REMOTE)
    assert remote.post("/api/check", json={"text": "x"}).status_code == 401
    assert remote.post("/api/check", json={"text": "x"}, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert remote.post("/api/check", json={"text": "x"}, headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert client_for(app).post("/api/check", json={"text": "x"}).status_code == 200


def test_remote_requests_refused_without_a_token(app):
    r = client_for(app, REMOTE).get("/")
    assert r.status_code == 403 and "token" in r.json()["error"]


def test_cors_only_for_configured_origins():
    app = create_app(ServerConfig(cors_origins=["https://crm.example.gov.uk"]))
    c = client_for(app)
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


# ---- LanguageTool clients: the two-request split, GET, languages, fields in UTF-16 ------------------

EXTENSION = "chrome-extension://mlpdlgkgjdbgljgfplfedmfmcgpmnbjb"


def lt(client, method="post", **fields):
    if method == "get":
        return client.get("/v2/check", params=fields)
    return client.post("/v2/check", data=fields)


def test_mode_splits_findings_into_disjoint_sets(client):
    def matches(**kw):
        return {(m["rule"]["id"], m["offset"], m["length"]) for m in lt(client, text=NOTE, **kw).json()["matches"]}
    text_level, rest, everything = matches(mode="textLevelOnly"), matches(mode="allButTextLevelOnly"), matches()
    assert text_level and rest and not text_level & rest
    assert text_level | rest == everything == matches(mode="all")
    assert {c[:2] for c, *_ in text_level} == {"PW", "RF"} and {c[:2] for c, *_ in rest} == {"NL"}


def test_the_extensions_request_pair_shows_each_finding_once(client):
    """The LanguageTool browser extension checks a field with two requests, one per mode (fields as it sends
    them: annotated `data`, language=auto, preferredVariants, level, its own ids); together, no duplicates."""
    parts = [{"text": "Ms Reid disclosed that her partner, Sam Cole, hit her."}, {"markup": "<br>", "interpretAs": "\n"},
             {"text": "She refused to engage. DASH 16, high risk. She was hostile."}]
    common = {"data": json.dumps({"annotation": parts}), "language": "auto", "preferredVariants": "en-GB,de-DE",
              "level": "picky", "enableHiddenRules": "true", "allowIncompleteResults": "true",
              "useragent": "webextension-chrome-ng", "textSessionId": "1234:567", "instanceId": "abc",
              "noopLanguages": "en"}
    seen = []
    for mode in ("textLevelOnly", "allButTextLevelOnly"):
        r = client.post("/v2/check", data={**common, "mode": mode}, headers={"Origin": EXTENSION})
        assert r.status_code == 200
        seen += [(m["rule"]["id"], m["offset"], m["length"]) for m in r.json()["matches"]]
    assert len(seen) == len(set(seen)) and {"NL103", "NL113", "PW01"} <= {c for c, *_ in seen}


def test_get_with_a_query_string_works_like_post(client):
    r = lt(client, "get", text=NOTE, language="en-GB")
    assert r.status_code == 200
    assert r.json()["matches"] == lt(client, text=NOTE, language="en-GB").json()["matches"]


def test_a_language_notelint_does_not_check_is_refused_as_languagetool_does(client):
    r = lt(client, text="Elle a refusé.", language="fr")
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/plain")
    assert r.text.startswith("Error: 'fr' is not a language code known to LanguageTool. Supported language codes are:")
    odd = lt(client, text="x", language="<b>zebedee</b>")
    assert odd.status_code == 400 and "zebedee" not in odd.text  # not a language code: not echoed
    for ok in ("en-GB", "en", "en-US", "auto"):
        assert lt(client, text="x", language=ok).status_code == 200
    assert lt(client, text=NOTE, language="auto").json()["language"]["code"] == "en-GB"


def test_sentence_keeps_the_first_character_of_the_note(client):
    m, = lt(client, text="he refused to engage.").json()["matches"]
    assert m["sentence"] == "he refused to engage."
    m = next(m for m in lt(client, text=NOTE).json()["matches"] if m["rule"]["id"] == "NL103")
    assert m["sentence"] == "She refused to engage."


@pytest.mark.parametrize("text", ["Update 😀😀: she refused to engage.", "😀 she refused to engage 😀 today.",
                                  "Note ✅👍🏽 from the visit. 🙂 She refused to engage."])
def test_offset_context_and_sentence_agree_in_utf16_after_emoji(client, text):
    def units(s, a, n):
        return s.encode("utf-16-le")[2 * a:2 * (a + n)].decode("utf-16-le")
    m = next(m for m in lt(client, text=text).json()["matches"] if m["rule"]["id"] == "NL103")
    assert units(text, m["offset"], m["length"]) == "refused to engage"
    assert units(m["context"]["text"], m["context"]["offset"], m["context"]["length"]) == "refused to engage"
    assert "refused to engage" in m["sentence"] and m["sentence"] in text


def test_short_message_and_rule_description_are_titles_not_slugs(client):
    for m in lt(client, text=NOTE).json()["matches"]:
        assert m["shortMessage"] == m["rule"]["description"]
        assert "-" not in m["shortMessage"] and m["shortMessage"] != m["shortMessage"].lower()


def test_missing_details_sit_on_the_first_word_without_replacements(client):
    ms = [m for m in lt(client, text=NOTE, mode="textLevelOnly").json()["matches"] if m["rule"]["id"].startswith("RF")]
    assert ms and all((m["offset"], m["length"], m["replacements"]) == (0, 2, []) for m in ms)  # "Ms"


def test_head_and_favicon(client):
    assert client.head("/").status_code == 200
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/x-icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO file, from the package
    assert client.head("/favicon.ico").status_code == 200


# ---- browser extensions and CRM pages: CORS -------------------------------------------------------

@pytest.mark.parametrize("allowed, origin, ok", [
    (["chrome-extension://mlpdlgkgjdbgljgfplfedmfmcgpmnbjb"], EXTENSION, True),
    (["chrome-extension://mlpdlgkgjdbgljgfplfedmfmcgpmnbjb"], "chrome-extension://otherextensionid", False),
    (["moz-extension://*"], "moz-extension://2f8c1a3e-5b7d-4e21-9a0c-6d1f2e3b4a5c", True),
    (["moz-extension://*"], "moz-extension://x.evil.example", False),
    (["https://*.council.gov.uk"], "https://crm.council.gov.uk", True),
    (["https://*.council.gov.uk"], "https://evil.example/.council.gov.uk", False),
    (["moz-extension://*"], "https://evil.example", False),
    (["https://crm.example.gov.uk"], "https://crm.example.gov.uk.evil.example", False),
    ([], EXTENSION, False),
])
def test_extension_origins_by_id_or_pattern_with_the_preflight_answered(allowed, origin, ok):
    c = client_for(create_app(ServerConfig(cors_origins=allowed)))
    pre = c.options("/v2/check", headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                           "Access-Control-Request-Headers": "content-type"})
    post = c.post("/v2/check", data={"text": "She refused to engage."}, headers={"Origin": origin})
    assert post.status_code == 200
    if ok:
        assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == origin
        assert "POST" in pre.headers["access-control-allow-methods"]
        assert post.headers["access-control-allow-origin"] == origin
    else:
        assert pre.status_code == 400 and "access-control-allow-origin" not in pre.headers
        assert "access-control-allow-origin" not in post.headers


# ---- nothing from elsewhere -------------------------------------------------------------------------

def test_page_docs_and_static_files_reference_no_external_url(client):
    from importlib import resources
    import re

    external = re.compile(rb"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}|https?://", re.I)
    bodies = {path: client.get(path) for path in ("/", "/docs", "/openapi.json")}
    for f in (resources.files("notelint") / "static").iterdir():
        bodies["/static/" + f.name] = client.get("/static/" + f.name)
    assert {p: r.status_code for p, r in bodies.items()} == {p: 200 for p in bodies}
    assert "/static/docs.js" in bodies and "/static/favicon.ico" in bodies
    found = {p: external.findall(r.content) for p, r in bodies.items() if external.search(r.content)}
    assert found == {}
    assert "swagger" not in bodies["/docs"].text.lower() and "/openapi.json" in bodies["/docs"].text


# ---- Host names, proxies, bodies, errors ------------------------------------------------------------

@pytest.mark.parametrize("host, ok", [("127.0.0.1:8081", True), ("localhost:8081", True), ("[::1]:8081", True),
                                      ("localhost", True), ("evil.example", False), ("evil.example:8081", False),
                                      ("127.0.0.1.evil.example", False), ("", False)])
def test_host_allow_list_refuses_other_names(app, host, ok):
    r = client_for(app).post("/api/check", json={"text": "x"}, headers={"Host": host})
    assert r.status_code == (200 if ok else 400)
    if not ok:
        assert "Host" in r.json()["error"] and (not host or host.split(":")[0] not in r.text)


def test_host_names_from_the_operator():
    app = create_app(ServerConfig(host="10.0.0.5", allowed_hosts=["notes.council.local"]))
    c = client_for(app)
    for host in ("10.0.0.5:8081", "notes.council.local", "NOTES.council.local:443"):
        assert c.get("/api/profiles", headers={"Host": host}).status_code == 200
    assert c.get("/api/profiles", headers={"Host": "other.council.local"}).status_code == 400


@pytest.mark.parametrize("header", [{"X-Forwarded-For": "localhost"}, {"X-Forwarded-For": "127.0.0.1"},
                                    {"Forwarded": "for=127.0.0.1"}, {"X-Real-IP": "::1"}])
def test_proxy_headers_never_make_a_request_local(header):
    app = create_app(ServerConfig(token="s3cret-s3cret-s3cret"))
    c = client_for(app)  # a same-host reverse proxy: the peer is loopback
    assert c.post("/api/check", json={"text": "x"}, headers=header).status_code == 401
    ok = c.post("/api/check", json={"text": "x"}, headers={**header, "Authorization": "Bearer s3cret-s3cret-s3cret"})
    assert ok.status_code == 200
    assert client_for(create_app(ServerConfig())).post("/api/check", json={"text": "x"},
                                                        headers=header).status_code == 403


def test_a_trusted_proxy_is_read_for_the_address_it_appended_only():
    c = client_for(create_app(ServerConfig(token="s3cret-s3cret-s3cret", trust_proxy=True)))
    # the client wrote "localhost"; the proxy appended the real address
    assert c.post("/api/check", json={"text": "x"},
                  headers={"X-Forwarded-For": "localhost, 203.0.113.7"}).status_code == 401
    assert c.post("/api/check", json={"text": "x"}, headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 200
    remote = client_for(create_app(ServerConfig(token="s3cret-s3cret-s3cret", trust_proxy=True)), REMOTE)
    assert remote.post("/api/check", json={"text": "x"}, headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 401


def test_chunked_body_over_the_limit_is_413(client):
    def chunks():
        for _ in range(80):
            yield b"x" * 65536  # 5 MB, no Content-Length
    r = client.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and "over 256 KB" in r.json()["error"]
    r = client.post("/v2/check", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413


def test_the_words_of_each_request_are_forgotten_after_it(client):
    """A server sees endless new words (names, dates, references): each request's live in a spaCy
    memory zone, so the vocabulary does not grow with the number of different notes checked."""
    from notelint.pipeline import build_nlp

    strings = build_nlp("mansfield", None, (), (), "auto").vocab.strings

    def note(i: int) -> str:
        return f"Ms Quorvanth{i} rang on {i % 28 + 1}/0{i % 9 + 1}/2026 from 07700 9{i:05d}; ref QX{i * 7919}. " \
               "She said her ex-partner refused to leave and she is frightened."

    client.post("/api/check", json={"text": note(0)})
    client.post("/v2/check", data={"text": note(1), "language": "en-GB"})
    before = len(strings)
    for i in range(2, 40):
        assert client.post("/api/check", json={"text": note(i)}).status_code == 200
        r = client.post("/v2/check", data={"text": note(i + 1000), "language": "en-GB"})
        assert r.status_code == 200 and r.json()["matches"]
    assert len(strings) == before
