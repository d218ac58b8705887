"""The web application: FastAPI with Jinja2 pages, htmx from our own static files.

FastAPI (on Starlette) for typed form parameters and dependencies (who is signed in, CSRF),
Jinja2 for server-rendered, auto-escaped pages, htmx for partial updates without a script
framework. Every response carries a strict Content-Security-Policy (only our own scripts
and styles, no inline script, no other origin), `nosniff` and no framing. `/healthz` and
`/metrics` (the daemon's, same paths and metric names) are served here as well.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from mailbox_ingest import metrics
from mailbox_ingest.config import Settings
from mailbox_ingest.web import (
    auth,
    routes_admin,
    routes_contract,
    routes_documents,
    routes_lists,
    routes_quarantine,
    routes_queue,
    routes_report,
    routes_terminations,
)
from mailbox_ingest.web.context import HERE, WebContext
from mailbox_ingest.web.counts import CountCache
from mailbox_ingest.web.render import Renderer
from mailbox_ingest.web.view import register_filters
from store.db import Database

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
PUBLIC_PATHS = ("/login", "/healthz", "/health", "/readyz", "/metrics", "/static/")
ROUTERS = (
    auth.router,
    routes_queue.router,
    routes_contract.router,
    routes_documents.router,
    routes_lists.router,
    routes_admin.router,
    routes_quarantine.router,
    routes_report.router,
    routes_terminations.router,
)


def route_table(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path template) the app serves, for the route-security test and docs."""
    routes = [r for r in app.router.routes if isinstance(r, APIRoute)]
    routes += [r for router in ROUTERS for r in router.routes if isinstance(r, APIRoute)]
    return sorted({(m, r.path) for r in routes for m in (r.methods or ())})


def _ok() -> dict[str, Any]:
    return {"ok": True}


async def security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Middleware: the security headers on every response, no caching outside /static, and
    the cached counts dropped after any request that may have written."""
    response = await call_next(request)
    if request.method not in ("GET", "HEAD"):
        request.app.state.ctx.counts.clear()
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.url.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


async def not_signed_in(request: Request, _exc: Exception) -> Response:
    """A page read sends the visitor to the login form (htmx by header); a write gets 401."""
    if request.method in ("GET", "HEAD"):
        response: Response = RedirectResponse("/login", status_code=303)
        if request.headers.get("hx-request"):
            response = Response(status_code=401, headers={"HX-Redirect": "/login"})
        return response
    return PlainTextResponse("niet aangemeld\n", status_code=401)


async def forbidden(_request: Request, exc: Exception) -> Response:
    """A signed-in user without the role gets 403 with the reason."""
    return PlainTextResponse(f"geweigerd: {exc}\n", status_code=403)


def healthz(request: Request) -> Response:
    """The daemon's health as JSON, 503 when it is not ok."""
    state = request.app.state.ctx.health()
    return JSONResponse(json.loads(json.dumps(state)), status_code=200 if state.get("ok") else 503)


def readyz(request: Request) -> Response:
    """The daemon's readiness as JSON, 503 when it is not ready."""
    state = request.app.state.readiness()
    return JSONResponse(
        json.loads(json.dumps(state, default=str)), status_code=200 if state.get("ok") else 503
    )


def prometheus() -> Response:
    """The process's metrics in the Prometheus text format."""
    return Response(generate_latest(metrics.REGISTRY), media_type=CONTENT_TYPE_LATEST)


def _web_context(
    settings: Settings,
    db: Database,
    health: Callable[[], dict[str, Any]] | None,
    renderer: Renderer | None,
) -> WebContext:
    """What every page reads: settings, database, templates, page renderer, probe, counts."""
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    register_filters(templates.env, settings)
    web = settings.web
    return WebContext(
        settings,
        db,
        templates,
        renderer
        or Renderer(
            web.image_cache_dir,
            timeout_s=web.render_timeout_s,
            memory_mb=web.render_memory_mb,
            max_pixels=settings.limits.max_pixels_per_page,
        ),
        health or _ok,
        CountCache(web.counts_ttl_s),
    )


def _add_probes(app: FastAPI) -> None:
    """Health, readiness and metrics, outside the schema and without sign-in."""
    app.get("/health", include_in_schema=False)(healthz)
    app.get("/healthz", include_in_schema=False)(healthz)
    app.get("/readyz", include_in_schema=False)(readyz)
    app.get("/metrics", include_in_schema=False)(prometheus)


def create_app(
    settings: Settings,
    db: Database,
    health: Callable[[], dict[str, Any]] | None = None,
    renderer: Renderer | None = None,
    *,
    readiness: Callable[[], Mapping[str, Any]] | None = None,
) -> FastAPI:
    """Build the app over a database; `health` and `readiness` are the daemon's probes
    (default: always ok, and readiness as health)."""
    app = FastAPI(title="mailbox-ingest review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.ctx = _web_context(settings, db, health, renderer)
    app.state.readiness = readiness or app.state.ctx.health
    app.middleware("http")(security_headers)
    app.add_exception_handler(auth.NotSignedIn, not_signed_in)
    app.add_exception_handler(auth.Forbidden, forbidden)
    _add_probes(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app
