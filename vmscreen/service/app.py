"""The HTTP service's application: FastAPI routes over one Screener per worker process.

A request passes, in order: its API key (401), the screener being loaded (503), room among
the screens running and waiting (429), the upload's size (413), then waits for a free screener
(504 after ``timeout_s``). Every error is a JSON object ``{"error": {"status", "code",
"message"}}``. Bad media is not an error: it is screened and comes back ``unscreened``. Nothing
about an upload is logged but its route, status and time: no name, no content, no finding.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import mimetypes
import shutil
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import anyio
import numpy as np
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from PIL import Image, ImageDraw, ImageFont
from starlette.exceptions import HTTPException as StarletteHTTPException

from vmscreen._version import __version__
from vmscreen.engine.batch import BatchSettings, one_malloc_arena
from vmscreen.engine.redaction import Redaction
from vmscreen.engine.registry import catalogue
from vmscreen.engine.screener import Screener
from vmscreen.findings import CodeInfo
from vmscreen.policy import Policy, default_policy, load_policy
from vmscreen.result import Result
from vmscreen.service.keys import ApiKeys, presented_key
from vmscreen.service.metrics import ServiceMetrics
from vmscreen.service.settings import ServiceSettings
from vmscreen.service.uploads import Upload, UploadError, received
from vmscreen.zones import load_zones

log = logging.getLogger("vmscreen.service")
T = TypeVar("T")

RETRY_AFTER_S = {429: "1", 503: "5"}
UPLOAD_BODY = {
    "content": {
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary"}}}},
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
    },
    "required": True,
}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"description": why} for status, why in (
        (400, "the body is not an upload"), (401, "a valid API key is required"),
        (413, "the upload is too large"), (429, "too many requests waiting"),
        (503, "the screener is still loading"), (504, "no screener was free in time"))}


class ServiceError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str) -> JSONResponse:
    headers = {"Retry-After": RETRY_AFTER_S[status]} if status in RETRY_AFTER_S else {}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse({"error": {"status": status, "code": code, "message": message}},
                        status_code=status, headers=headers)


def warm_up_image() -> np.ndarray:
    """A small photo-like picture with a line of print: screening it loads the models a
    photo needs (faces, people and objects, the classifiers, the text detector and
    recogniser), so the first real request does not pay for them."""
    rng = np.random.default_rng(0)
    base = rng.normal(128, 30, (480, 640, 3)).clip(0, 255).astype(np.uint8)
    picture = Image.fromarray(base)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((60, 150, 580, 330), fill=(245, 245, 240))
    font = ImageFont.load_default(size=40)
    for row, text in enumerate(("WARM UP 2026", "vmscreen service")):
        draw.text((80, 170 + 70 * row), text, fill=(20, 20, 20), font=font)
    return np.asarray(picture)


class Service:
    """One worker's state: its settings, keys, metrics, the screener (built in the background
    at start-up) and the gate that bounds the screens running and waiting."""

    def __init__(self, settings: ServiceSettings, screener: Screener | None = None) -> None:
        self.settings = settings
        self.keys = ApiKeys.load(settings.api_keys_file)
        self.metrics = ServiceMetrics()
        self.policy: Policy = load_policy(settings.policy) if settings.policy else \
            default_policy()
        self.zones = load_zones(settings.zones) if settings.zones else ()
        self.screener = screener
        self.ready = threading.Event()
        self.failure: str | None = None
        self.folder: Path | None = None
        self._gate: asyncio.Semaphore | None = None
        self._admitted = 0

    def load(self) -> None:
        """Build the screener (unless one was given) and screen the warm-up picture."""
        try:
            if self.screener is None:
                settings = self.settings
                batch = BatchSettings(self.policy, self.zones, settings.limits, settings.ocr,
                                      settings.faces,
                                      banks=Path(settings.banks) if settings.banks else None)
                self.screener = batch.screener(settings.threads)
            self.screener.screen(warm_up_image(), name="warm-up")
            self.ready.set()
        except Exception as exc:  # noqa: BLE001 - reported by /readyz, never a crash loop
            self.failure = f"{type(exc).__name__}: {exc}"
            log.error("the screener could not be loaded: %s", self.failure)

    def admit(self) -> None:
        """Count a request in, or refuse it: not loaded yet (503), no room to wait (429)."""
        if not self.ready.is_set():
            why = self.failure or "the screener is loading its models"
            raise ServiceError(503, "not-ready", why)
        if self._admitted >= self.settings.concurrency + self.settings.queue:
            raise ServiceError(429, "busy", "too many requests are being screened or waiting")
        self._admitted += 1

    def leave(self) -> None:
        self._admitted -= 1

    @asynccontextmanager
    async def slot(self, deadline: float) -> AsyncIterator[Screener]:
        """A free screener, waited for until ``deadline`` (504 after it)."""
        if self._gate is None:
            self._gate = asyncio.Semaphore(self.settings.concurrency)
        try:
            await asyncio.wait_for(self._gate.acquire(), max(0.0, deadline - time.monotonic()))
        except TimeoutError as exc:
            raise ServiceError(504, "timeout", "no screener became free within "
                               f"{self.settings.timeout_s:g} s") from exc
        try:
            assert self.screener is not None
            yield self.screener
        finally:
            self._gate.release()

    async def run(self, request: Request, work: Callable[[Screener, Upload], T]) -> T:
        """Admit the request, read its upload, wait for a screener and run ``work`` on it in
        a thread (the screen is CPU work: the event loop keeps answering meanwhile)."""
        deadline = time.monotonic() + self.settings.timeout_s
        self.admit()
        try:
            assert self.folder is not None
            async with received(request, self.folder, self.settings.max_bytes) as upload, \
                    self.slot(deadline) as screener:
                return await anyio.to_thread.run_sync(work, screener, upload)
        finally:
            self.leave()

    def code_entry(self, info: CodeInfo, full: bool) -> dict[str, Any]:
        entry: dict[str, Any] = {"code": info.code, "name": info.name,
                                 "category": info.category.value, "summary": info.summary}
        if full:
            decision, rule, remedy = self.policy.outcome_of_code(info)
            entry.update(explanation=info.explanation, cover=info.cover.value,
                         cover_accepted=info.cover_accepted,
                         policy_outcome={"score": 1.0, "decision": decision.value,
                                         "rule": rule, "remedy": remedy})
        return entry


def _route_of(request: Request) -> str:
    route = request.scope.get("route")
    return getattr(route, "path", "other")


def _copy_answer(redaction: Redaction, name: str) -> dict[str, Any]:
    if redaction.output is None or redaction.record is None:
        return {"copy": None, "skipped": redaction.skipped,
                "result": redaction.result.to_dict()}
    data = Path(redaction.output).read_bytes()
    record = json.loads(Path(redaction.record).read_text(encoding="ascii"))
    filename = Path(name).stem + Path(redaction.output).suffix
    record["copy"]["path"] = filename  # the service's own temporary path means nothing outside
    return {"copy": {"filename": filename,
                     "media_type": mimetypes.guess_type(filename)[0] or "application/octet-stream",
                     "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                     "base64": base64.b64encode(data).decode("ascii")},
            "record": record}


def create_app(settings: ServiceSettings | None = None, *,
               screener: Screener | None = None) -> FastAPI:
    """The service's application. ``screener``: one already built (a test's, or a library
    user's own detectors); by default one is built from ``settings`` at start-up."""
    service = Service(settings or ServiceSettings(), screener)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.folder = Path(tempfile.mkdtemp(prefix="vmscreen-serve-"))
        threading.Thread(target=service.load, name="vmscreen-load", daemon=True).start()
        try:
            yield
        finally:
            shutil.rmtree(service.folder, ignore_errors=True)

    app = FastAPI(title="vmscreen", version=__version__, lifespan=lifespan,
                  description="Screens photos, videos and audio before they are uploaded to a "
                              "data collection: accept, review or reject, with reasons.",
                  docs_url=None, redoc_url=None)  # their pages load scripts from a CDN
    app.state.service = service

    @app.middleware("http")
    async def guard(request: Request,
                    call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        start = time.perf_counter()
        path = request.url.path
        if (path.startswith("/v1/") or path == "/metrics") and \
                not service.keys.allows(presented_key(request.headers)):
            response: Response = _error(401, "unauthorised", "a valid API key is required")
        else:
            try:
                response = await call_next(request)
            except Exception as exc:  # noqa: BLE001 - a bug must still answer in JSON
                log.error("request failed: %s", type(exc).__name__)
                response = _error(500, "internal-error", "the service failed on this request")
        seconds = time.perf_counter() - start
        route = _route_of(request)
        service.metrics.answered(route, response.status_code, seconds)
        log.info("%s %s %d %.0f ms", request.method, route, response.status_code,
                 seconds * 1000)
        return response

    @app.exception_handler(ServiceError)
    async def service_error(_: Request, exc: ServiceError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(UploadError)
    async def upload_error(_: Request, exc: UploadError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        return _error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        where = ", ".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors())
        return _error(422, "invalid-request", f"invalid parameters: {where}")

    def screen(screener: Screener, upload: Upload) -> Result:
        result = screener.screen(upload.source, name=upload.name)
        service.metrics.screened(result)
        return result

    def redact(fill: bool, screener: Screener, upload: Upload) -> dict[str, Any]:
        assert service.folder is not None
        folder = Path(tempfile.mkdtemp(dir=service.folder, prefix="copy-"))
        try:
            redaction = screener.redact(upload.source, folder / (Path(upload.name).stem or "copy"),
                                        fill=fill, name=upload.name)
            service.metrics.screened(redaction.result)
            return _copy_answer(redaction, upload.name)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @app.post("/v1/screen", tags=["screening"], responses=ERROR_RESPONSES,
              openapi_extra={"requestBody": UPLOAD_BODY})
    async def screen_file(request: Request, name: str | None = None) -> JSONResponse:
        """Screen one file, sent as the ``file`` field of a multipart form or as the raw body.
        Answers the object `vmscreen scan` writes for a file; ``name`` (or the form's file
        name) becomes its ``path``."""
        result = await service.run(request, screen)
        return JSONResponse(result.to_dict())

    @app.post("/v1/redact", tags=["screening"], responses=ERROR_RESPONSES,
              openapi_extra={"requestBody": UPLOAD_BODY})
    async def redact_file(request: Request, name: str | None = None,
                          fill: bool = False) -> JSONResponse:
        """A sanitised copy of one file, as `vmscreen redact` writes it: ``copy`` (its bytes in
        base64, its name, type and sha256) and ``record``. A file that could not be screened
        completely is not copied: ``copy`` is null, with ``skipped`` and the ``result``."""
        return JSONResponse(await service.run(request, partial(redact, fill)))

    @app.get("/v1/codes", tags=["reference"])
    async def codes() -> list[dict[str, Any]]:
        """Every finding code: code, name, category, summary."""
        return [service.code_entry(info, full=False) for info in catalogue().values()]

    @app.get("/v1/codes/{code}", tags=["reference"],
             responses={404: {"description": "no such code"}})
    async def code(code: str) -> dict[str, Any]:
        """What a code means, why it matters, how a copy covers it, and the service policy's
        outcome for a finding of it at score 1.0."""
        info = catalogue().get(code.upper())
        if info is None:
            raise ServiceError(404, "unknown-code", "no such code; GET /v1/codes lists them")
        return service.code_entry(info, full=True)

    @app.get("/v1/policy", tags=["reference"])
    async def policy() -> dict[str, Any]:
        """The policy this service decides with; ``zones`` counts its own restricted zones and
        the service's (--zones)."""
        described = service.policy.describe()
        described["zones"] += len(service.zones)
        return described

    @app.get("/healthz", tags=["operations"])
    async def healthz() -> dict[str, Any]:
        """The process answers."""
        return {"alive": True, "vmscreen": __version__}

    @app.get("/readyz", tags=["operations"], responses={503: {"description": "not ready"}})
    async def readyz() -> JSONResponse:
        """The screener is loaded and has screened its warm-up picture."""
        if service.ready.is_set():
            return JSONResponse({"ready": True})
        why = service.failure or "the screener is loading its models"
        return _error(503, "not-ready", why)

    @app.get("/metrics", tags=["operations"])
    async def metrics() -> Response:
        """Prometheus metrics: requests, decisions, unscreened files, latency."""
        return Response(service.metrics.render(),
                        media_type="text/plain; version=0.0.4; charset=utf-8")

    return app


def app_from_environment() -> FastAPI:
    """The application of one worker process of ``vmscreen serve`` (uvicorn's factory), which
    logs each request's route, status and time to stderr. Screens run on the threads of a
    pool, and glibc would give each thread a heap of its own: one heap, as batch workers keep
    (vmscreen.engine.batch.one_malloc_arena)."""
    one_malloc_arena()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    return create_app(ServiceSettings.from_environment())
