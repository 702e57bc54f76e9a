"""`notelint serve`: the staff page and HTTP APIs (native and LanguageTool-compatible), on FastAPI.

Privacy by construction: the pipeline runs in this process; note text is never logged (the access
log is ours and records method, path, status and time only), never written to disk, and never
echoed in error messages.  Bound to 127.0.0.1 by default; requests from other machines need the
shared token, and without one they are refused.
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import time
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from . import __version__
from .lexicon import BUILTIN_PROFILES, DEFAULT_PROFILE, LexiconError, load_profile
from .text import without_surrogates

log = logging.getLogger("notelint.server")
MAX_BODY = 256 * 1024


@dataclass
class ServerConfig:
    profile: str = DEFAULT_PROFILE
    token: str | None = None
    cors_origins: list[str] = field(default_factory=list)
    max_body: int = MAX_BODY
    extra_profiles: dict[str, str] = field(default_factory=dict)  # label -> YAML path


class CheckRequest(BaseModel):
    text: str = Field(description="The note to check.")
    profile: str | None = Field(default=None, description="A built-in profile name (default: the server's).")
    checklist: str = Field(default="auto", pattern="^(auto|always|never)$")


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


# ---- plumbing: body limit, who may call, our own access log --------------------------------------

class Guard:
    """ASGI middleware: body size limit, non-local requests need the token, access log without text."""

    def __init__(self, app, config: ServerConfig):
        self.app, self.config = app, config

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
            received = 0

            async def limited_receive():
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > self.config.max_body:
                        raise _TooLarge()
                return message

            try:
                await self.app(scope, limited_receive, send_logged)
            except _TooLarge:
                await _plain_json(send_logged, 413, self._too_large())
        finally:
            # method, path (no query string: a client might put text there), status, time: never the note
            log.info("%s %s %s %.1fms", scope.get("method"), scope.get("path"), status["code"],
                     1000 * (time.perf_counter() - start))

    def _too_large(self) -> str:
        return f"request body over {self.config.max_body // 1024} KB: check one note at a time"

    def _refuse(self, scope) -> tuple[int, str] | None:
        client = (scope.get("client") or ("", 0))[0]
        if _is_local(client):
            return None
        token = self.config.token
        if not token:
            return 403, "requests from other machines need a token: start the server with --token"
        headers = dict(scope.get("headers") or ())
        given = headers.get(b"authorization", b"").decode("latin-1").removeprefix("Bearer ").strip()
        given = given or headers.get(b"x-notelint-token", b"").decode("latin-1").strip()
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            return 401, "missing or wrong token (send 'Authorization: Bearer <token>')"
        return None


class _TooLarge(Exception):
    pass


async def _plain_json(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _is_local(host: str) -> bool:
    if host == "localhost":
        return True
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
    default_nlp("Warm-up: she refused to engage. DASH 14.")

    app = FastAPI(title="notelint", version=__version__,
                  description="Checks domestic-abuse case notes for judgemental wording, missing details and "
                              "missed referral pathways. Nothing sent here is stored or logged.")

    def nlp_for(profile: str | None, checklist: str = "auto"):
        name = profile or config.profile
        if name not in profiles:
            raise ApiError(400, f"unknown profile {name!r} (available: {', '.join(profiles)})")
        try:
            return build_nlp(profiles[name], None, (), (), checklist)
        except LexiconError as exc:
            raise ApiError(500, str(exc)) from None

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
        report = nlp_for(body.profile, body.checklist)(without_surrogates(body.text))._.notelint
        return {"source": "api", "id": None, "profile": body.profile or config.profile, **report.to_dict()}

    @app.get("/api/profiles", summary="Profiles this server offers")
    def api_profiles() -> dict:
        return {"default": config.profile, "profiles": list(profiles)}

    @app.post("/v2/check", summary="LanguageTool-compatible check (form fields text or data)")
    async def lt_check(request: Request) -> dict:
        from .languagetool import check_form

        try:
            form = await request.form()
        except Exception:
            raise ApiError(400, "expected a form body (application/x-www-form-urlencoded or multipart)") from None
        return check_form(dict(form), lambda: nlp_for(None))

    @app.get("/v2/languages", summary="LanguageTool-compatible list of languages")
    def lt_languages() -> list[dict[str, Any]]:
        return [{"name": "English (GB)", "code": "en", "longCode": "en-GB"},
                {"name": "English", "code": "en", "longCode": "en"}]

    static = resources.files("notelint") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> Response:
        return FileResponse(str(static / "index.html"), headers={"Cache-Control": "no-store"})

    if config.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=config.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type", "X-Notelint-Token"])
    app.add_middleware(Guard, config=config)
    return app


def serve(host: str, port: int, config: ServerConfig) -> None:
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app(config)
    # uvicorn's own access log is off: ours (Guard) never writes query strings or bodies
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning", server_header=False)
