"""The dashboard application: ``create_app(db_path)`` assembles the FastAPI app: the shared state
(:mod:`.state`), security headers, error answers, static files and the routers of
:mod:`.routes_api` and :mod:`.routes_pages`.

The state classes are re-exported here (``ResultCache``, ``HeavyLimiter``, ``Overloaded``,
``WebState``, ``open_store``, ``web_state``), where they lived before.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import Response

from .. import __version__
from ..errors import BadDate, NonalignedError, StoreError, UnknownCountry
from . import routes_api, routes_claims, routes_pages
from .params import BadParameter, NotFound
from .state import HeavyLimiter, Overloaded, ResultCache, WebState, open_store, web_state
from .static_files import MemoryStatic

# Security headers on every answer. Vega compiles its expressions with `new Function`, hence
# 'unsafe-eval'; everything else (scripts, styles, data, geometry) must come from this server, so
# a page can never load anything from a CDN even by mistake.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


_RAW_HEADERS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every HTTP answer that does not set them itself.

    A plain ASGI middleware rather than ``@app.middleware("http")``: Starlette's
    ``BaseHTTPMiddleware`` wraps every response in a stream and costs about a third of the
    throughput of a cached endpoint.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                have = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in _RAW_HEADERS if k not in have]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _package_dir(package: str, sub: str) -> Path:
    return Path(str(resources.files(package) / sub))


def _validation_message(exc: RequestValidationError) -> str:
    """One readable sentence from pydantic's error list: where, and what is wrong."""
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        where = {"query": "query parameter", "path": "path parameter"}.get(
            str(err.get("loc", ("",))[0]), "parameter"
        )
        name = ".".join(loc) or "?"
        parts.append(f"{where} {name!r}: {err.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"


_TITLES = {
    400: "Cannot answer that",
    404: "Not found",
    422: "Invalid request",
    503: "Unavailable for now",
}


def _wants_json(request: Request) -> bool:
    """The API (and anything not a page) answers errors in JSON; pages answer in HTML."""
    path = request.url.path
    return path.startswith(("/api/", "/static/", "/openapi")) or path == "/api"


def _error(request: Request, status: int, detail: str, headers: Any = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    return routes_pages.page(
        request,
        "error.html",
        status_code=status,
        status=status,
        title=_TITLES.get(status, f"Error {status}"),
        detail=detail,
    )


def add_error_handlers(app: FastAPI) -> None:
    """Map the project's errors to 4xx answers carrying the same messages as the CLI."""

    @app.exception_handler(UnknownCountry)
    async def unknown_country(request: Request, exc: UnknownCountry) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(BadDate)
    async def bad_date(request: Request, exc: BadDate) -> Response:
        return _error(request, 422, str(exc))

    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, exc: BadParameter) -> Response:
        return _error(request, 422, str(exc))

    @app.exception_handler(Overloaded)
    async def overloaded(request: Request, exc: Overloaded) -> Response:
        return _error(request, 503, str(exc), {"Retry-After": str(exc.retry_after)})

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return _error(request, 503, str(exc))

    @app.exception_handler(NonalignedError)
    async def nonaligned_error(request: Request, exc: NonalignedError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), exc.headers)


def create_app(
    db_path: str | os.PathLike[str] | None = None,
    *,
    cache_size: int = 256,
    cache_ttl: float | None = 3600.0,
    cache_bytes: int = 128 * 2**20,
    allowed_hosts: list[str] | None = None,
    heavy_slots: int | None = None,
    heavy_queue: int = 8,
    heavy_timeout: float = 30.0,
) -> FastAPI:
    """The dashboard over the store at ``db_path`` (default: as the CLI resolves ``--db``).

    The store is opened here, so a missing or unbuilt store fails before a server starts. It stays
    open for the life of the app, not of one ASGI lifespan: test clients run a lifespan per
    client, and a server that closed its store on the first shutdown would answer nothing after.
    ``app.state.web.close()`` closes it (``nonaligned serve`` does when uvicorn returns).
    ``allowed_hosts`` (set by ``nonaligned serve`` on loopback) refuses requests whose Host header
    names another site, which blocks DNS-rebinding pages from reading the local API.
    ``heavy_*`` bound the profile, report and comparison computations (:class:`HeavyLimiter`);
    ``heavy_slots`` defaults to half the CPUs (at least 1, at most 4), leaving the rest to the
    cheap endpoints.
    """
    store = open_store(db_path)
    if heavy_slots is None:
        heavy_slots = max(1, min(4, (os.cpu_count() or 2) // 2))
    try:
        limiter = HeavyLimiter(heavy_slots, heavy_queue, heavy_timeout)
        state = WebState(store, ResultCache(cache_size, cache_ttl, cache_bytes), limiter)
    except BaseException:
        store.close()
        raise

    app = FastAPI(
        title="nonaligned dashboard",
        version=__version__,
        description="Read-only JSON API and pages over a nonaligned store: UN-vote alignment, "
        'bloc memberships, coded news events. Errors are `{"detail": message}`.',
        docs_url=None,  # the default docs pages load their scripts from a CDN
        redoc_url=None,
    )
    app.state.web = state
    add_error_handlers(app)

    app.add_middleware(SecurityHeaders)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    # The most specific mounts first: /static/vendor and /static/data before /static.
    app.mount(
        "/static/vendor",
        MemoryStatic(_package_dir("nonaligned.report", "vendor")),
        name="vendor",
    )
    app.mount("/static/data", MemoryStatic(_package_dir("nonaligned.web", "data")), name="data")
    app.mount("/static", MemoryStatic(_package_dir("nonaligned.web", "static")), name="static")
    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.include_router(routes_claims.router)  # issue 15: /api/check and /claims
    return app


__all__ = [
    "HeavyLimiter",
    "Overloaded",
    "ResultCache",
    "WebState",
    "add_error_handlers",
    "create_app",
    "open_store",
    "web_state",
]
