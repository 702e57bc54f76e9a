"""`notelint serve`: the staff page and HTTP APIs (native and LanguageTool-compatible), on FastAPI.

Privacy by construction: the pipeline runs in this process; note text is never logged (the access
log is ours and records method, path, status and time only), never written to disk, and never
echoed in error messages.  Bound to 127.0.0.1 by default; requests from other machines need the
shared token, and without one they are refused.
"""
from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from . import __version__
from .lexicon import BUILTIN_PROFILES, DEFAULT_PROFILE, LexiconError, load_profile
from .text import without_surrogates

log = logging.getLogger("notelint.server")
MAX_BODY = 256 * 1024


LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")
PROXY_HEADERS = (b"forwarded", b"x-forwarded-for", b"x-forwarded-host", b"x-forwarded-proto", b"x-real-ip")


@dataclass
class ServerConfig:
    profile: str = DEFAULT_PROFILE
    token: str | None = None
    cors_origins: list[str] = field(default_factory=list)  # exact origins or patterns: chrome-extension://*
    max_body: int = MAX_BODY
    extra_profiles: dict[str, str] = field(default_factory=dict)  # label -> YAML path
    host: str = "127.0.0.1"                                     # what --host names is an allowed Host too
    allowed_hosts: list[str] = field(default_factory=list)     # more Host names (behind a proxy, a DNS name)
    trust_proxy: bool = False                                   # read X-Forwarded-For from a same-host proxy
    body_timeout: float = 30.0                                  # seconds for a request body to arrive

    def host_names(self) -> set[str]:
        names = {h.lower() for h in LOCAL_HOSTS}
        for h in [self.host, *self.allowed_hosts]:
            h = h.strip().lower()
            if h and h not in ("0.0.0.0", "::", "[::]"):
                names |= {h, f"[{h}]"} if ":" in h and not h.startswith("[") else {h}
        return names


def origin_pattern(origins: list[str]) -> str | None:
    """One regular expression for the allowed browser origins: exact ones, and patterns where `*`
    stands for one extension id or one label of a host name (no dots) (`chrome-extension://*`, `moz-extension://*`)."""
    parts = [re.escape(o.strip().rstrip("/")).replace(r"\*", r"[A-Za-z0-9-]+") for o in origins if o.strip()]
    return "(?:" + "|".join(parts) + ")" if parts else None


class CheckRequest(BaseModel):
    text: str = Field(description="The note to check.")
    profile: str | None = Field(default=None, description="A built-in profile name (default: the server's).")
    checklist: str = Field(default="auto", pattern="^(auto|always|never)$")


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


# ---- plumbing: body limit, who may call, our own access log --------------------------------------

class Guard:
    """ASGI middleware: Host allow-list, who may call (token for non-local), body size limit (chunked
    bodies too) and time limit, and our own access log without text."""

    def __init__(self, app, config: ServerConfig):
        self.app, self.config = app, config
        self.hosts = config.host_names()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.perf_counter()
        status = {"code": 0}

        async def send_logged(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            refusal = self._refuse(scope)
            if refusal:
                return await _plain_json(send_logged, *refusal)
            length = dict(scope.get("headers") or ()).get(b"content-length")
            if length is not None and length.isdigit() and int(length) > self.config.max_body:
                return await _plain_json(send_logged, 413, self._too_large())
            # the whole body is read here, whatever its framing (Content-Length or chunked), before any
            # of the app sees it: over the limit is 413, too slow is 408
            chunks, received = [], 0
            while True:
                try:
                    message = await asyncio.wait_for(receive(), self.config.body_timeout)
                except asyncio.TimeoutError:
                    return await _plain_json(send_logged, 408, "the request body did not arrive in time")
                if message["type"] != "http.request":
                    return  # the client went away
                received += len(message.get("body", b""))
                if received > self.config.max_body:
                    return await _plain_json(send_logged, 413, self._too_large())
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    break
            body, replayed = b"".join(chunks), False

            async def replay():
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()  # after the body: the disconnect, when it comes

            await self.app(scope, replay, send_logged)
        finally:
            # method, path (no query string: a client might put text there), status, time: never the note
            log.info("%s %s %s %.1fms", scope.get("method"), scope.get("path"), status["code"],
                     1000 * (time.perf_counter() - start))

    def _too_large(self) -> str:
        return f"request body over {self.config.max_body // 1024} KB: check one note at a time"

    def _refuse(self, scope) -> tuple[int, str] | None:
        headers = dict(scope.get("headers") or ())
        # DNS rebinding: a page on another site that resolves its own name to 127.0.0.1 sends its Host
        host = headers.get(b"host", b"").decode("latin-1").strip().lower()
        name = host if host.startswith("[") and host.endswith("]") else (
            host.rsplit(":", 1)[0] if host.count(":") == 1 or (host.startswith("[") and "]:" in host) else host)
        if name not in self.hosts:
            return 400, "this server does not answer to that Host name (add it with --allow-host)"
        if _is_local(self._client(scope, headers)):
            return None
        token = self.config.token
        if not token:
            return 403, "requests from other machines need a token: start the server with a token (NOTELINT_TOKEN)"
        given = headers.get(b"authorization", b"").decode("latin-1").removeprefix("Bearer ").strip()
        given = given or headers.get(b"x-notelint-token", b"").decode("latin-1").strip()
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            return 401, "missing or wrong token (send 'Authorization: Bearer <token>')"
        return None

    def _client(self, scope, headers: dict) -> str:
        """Who is asking.  A request that came through a proxy is not local (the proxy's own address is
        loopback, the person is elsewhere); a proxy's headers are read only when the operator trusts it,
        and then only the address the proxy itself appended, never one the client wrote."""
        peer = (scope.get("client") or ("", 0))[0]
        proxied = any(h in headers for h in PROXY_HEADERS)
        if not proxied:
            return peer
        if not (self.config.trust_proxy and _is_local(peer)):
            return ""
        forwarded = headers.get(b"x-forwarded-for", b"").decode("latin-1").split(",")[-1].strip()
        return forwarded if _is_ip(forwarded) else ""


async def _plain_json(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def _is_local(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# ---- the app ------------------------------------------------------------------------------------

def create_app(config: ServerConfig | None = None) -> FastAPI:
    from .pipeline import build_nlp

    config = config or ServerConfig()
    profiles = {name: name for name in BUILTIN_PROFILES} | dict(config.extra_profiles)
    if config.profile not in profiles:
        profiles[config.profile] = config.profile
    load_profile(profiles[config.profile])  # a bad profile stops the server at start-up, not at a request
    default_nlp = build_nlp(profiles[config.profile], None, (), (), "auto")  # loaded once, reused
    default_nlp.get_pipe("notelint").preload()  # all of it now: no early request pays for unpacking
    default_nlp("Warm-up: she refused to engage. DASH 14.")

    # no Swagger UI or ReDoc: they load scripts and a favicon from elsewhere; /docs is our own page
    app = FastAPI(title="notelint", version=__version__, docs_url=None, redoc_url=None,
                  description="Checks domestic-abuse case notes for judgemental wording, missing details and "
                              "missed referral pathways. Nothing sent here is stored or logged.")

    def nlp_for(profile: str | None, checklist: str = "auto"):
        name = profile or config.profile
        if name not in profiles:
            raise ApiError(400, f"unknown profile (available: {', '.join(profiles)})")  # never echo what was sent
        try:
            return build_nlp(profiles[name], None, (), (), checklist)
        except LexiconError as exc:
            raise ApiError(500, str(exc)) from None

    zone = threading.Lock()

    def lint(text: str, profile: str | None = None, checklist: str = "auto"):
        """The note's Report.  Each request's words live in a spaCy memory zone, dropped when it is
        done, so the server's memory stays flat however many different notes it sees; a zone is
        the vocabulary's state, so one request at a time is inside one (the work holds the GIL
        anyway)."""
        nlp = nlp_for(profile, checklist)
        with zone, nlp.memory_zone():
            return nlp(text)._.notelint

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        # say what is wrong, never echo the body back (it may be a note)
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: {e.get('msg')}"
                    for e in exc.errors()]
        return JSONResponse({"error": "invalid request: " + "; ".join(problems)}, status_code=422)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception):
        log.error("internal error %s on %s", exc.__class__.__name__, request.url.path)
        return JSONResponse({"error": "internal error"}, status_code=500)

    @app.post("/api/check", summary="Check one note (INTERFACES.md document object)")
    def api_check(body: CheckRequest) -> dict:
        report = lint(without_surrogates(body.text), body.profile, body.checklist)
        return {"source": "api", "id": None, "profile": body.profile or config.profile, **report.to_dict()}

    titles = {label: profile_title(path) for label, path in profiles.items()}

    @app.get("/api/profiles", summary="Profiles this server offers")
    def api_profiles() -> dict:
        return {"default": config.profile, "profiles": list(profiles), "titles": titles}

    @app.get("/v2/check", operation_id="lt_check_get", summary="LanguageTool-compatible check (query string)")
    @app.post("/v2/check", operation_id="lt_check_post",
              summary="LanguageTool-compatible check (form: text or data; language; mode)")
    async def lt_check(request: Request) -> Response:
        from .languagetool import FormError, check_form

        fields = dict(request.query_params)
        if request.method == "POST":
            try:
                fields |= dict(await request.form())
            except Exception:
                return _lt_error("expected a form body (application/x-www-form-urlencoded or multipart)")
        try:
            return JSONResponse(check_form(fields, lint))
        except FormError as exc:
            return _lt_error(str(exc))

    @app.get("/v2/languages", summary="LanguageTool-compatible list of languages")
    def lt_languages() -> list[dict[str, Any]]:
        from .languagetool import LANGUAGES

        return LANGUAGES

    static = resources.files("notelint") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def page() -> Response:
        return FileResponse(str(static / "index.html"), headers={"Cache-Control": "no-store"})

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
    def docs() -> Response:
        return FileResponse(str(static / "docs.html"))

    @app.api_route("/favicon.ico", methods=["GET", "HEAD"], include_in_schema=False)
    def favicon() -> Response:
        return FileResponse(str(static / "favicon.ico"), media_type="image/x-icon",
                            headers={"Cache-Control": "max-age=86400"})

    # browsers (a CRM page, the LanguageTool extension) may call only from the origins configured;
    # a preflight (OPTIONS) from any other origin is answered 400, never with an Allow-Origin
    from fastapi.middleware.cors import CORSMiddleware

    app.add_middleware(CORSMiddleware, allow_origin_regex=origin_pattern(config.cors_origins) or r"(?!)",
                       allow_methods=["GET", "POST"], max_age=600,
                       allow_headers=["Authorization", "Content-Type", "X-Notelint-Token"])
    app.add_middleware(Guard, config=config)
    return app


def _lt_error(message: str) -> Response:
    """An error as LanguageTool's server gives it (400, plain text "Error: …"), which its clients show."""
    return PlainTextResponse(f"Error: {message}", status_code=400)


def profile_title(path: str) -> str:
    """A profile's human name: its `title`, else its description up to the first comma or colon."""
    from .lexicon import LEXICON_DIR, read_yaml

    file = LEXICON_DIR / "profiles" / f"{path}.yaml" if path in BUILTIN_PROFILES else Path(path)
    try:
        data = read_yaml(file)
    except LexiconError:
        data = None
    data = data if isinstance(data, dict) else {}
    title = str(data.get("title") or "").strip()
    if not title:
        title = re.split(r"[,:;.]", str(data.get("description") or ""), maxsplit=1)[0].strip()
    return title or Path(path).stem


def serve(host: str, port: int, config: ServerConfig, header_timeout: float = 10.0,
          idle_timeout: float = 5.0) -> None:
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app(config)
    # uvicorn's own access log is off: ours (Guard) never writes query strings or bodies.
    # proxy_headers off: uvicorn would otherwise take the client address from X-Forwarded-For
    # (Guard reads it itself, and only when the operator trusts the proxy).
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning", server_header=False,
                proxy_headers=False, timeout_keep_alive=idle_timeout, http=_timed_protocol(header_timeout),
                h11_max_incomplete_event_size=32 * 1024)


def _timed_protocol(header_timeout: float):
    """uvicorn's h11 protocol, closing a connection whose request line and headers have not all
    arrived within `header_timeout` seconds (a slow client cannot hold a connection open)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class TimedH11(H11Protocol):
        _header_timer = None

        def connection_made(self, transport):
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            if self._header_timer is None and (self.cycle is None or self.cycle.response_complete):
                self._arm()  # the first bytes of the next request on a kept-alive connection
            super().data_received(data)

        def handle_events(self) -> None:
            before = self.cycle
            super().handle_events()
            if self.cycle is not before:
                self._disarm()  # the headers are in

        def connection_lost(self, exc):
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._header_timer = self.loop.call_later(header_timeout, self._expired)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _expired(self) -> None:
            self._header_timer = None
            if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
                self.transport.close()

    return TimedH11
