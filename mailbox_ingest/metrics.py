"""Prometheus metrics and a small HTTP server for /healthz and /metrics."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, make_wsgi_app

REGISTRY = CollectorRegistry()
MESSAGES = Counter(
    "mailbox_ingest_messages_total",
    "Messages handled, by classification",
    ["classification"],
    registry=REGISTRY,
)
POLL_ERRORS = Counter(
    "mailbox_ingest_poll_errors_total", "Polls that failed (server down...)", registry=REGISTRY
)
POLL_SECONDS = Histogram("mailbox_ingest_poll_seconds", "Duration of one poll", registry=REGISTRY)
OUTBOX_SENT = Counter("mailbox_ingest_outbox_sent_total", "Automatic mails sent", registry=REGISTRY)
OUTBOX_FAILED = Counter(
    "mailbox_ingest_outbox_failed_total", "Automatic mails given up", registry=REGISTRY
)
OUTBOX_PAUSED = Gauge(
    "mailbox_ingest_outbox_paused", "1 while the outbox waits out an SMTP outage", registry=REGISTRY
)
LAST_POLL = Gauge(
    "mailbox_ingest_last_successful_poll_timestamp",
    "Unix time of the last successful poll",
    registry=REGISTRY,
)


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Access logs are not wanted in the daemon's log."""


def health_app(health: Callable[[], dict[str, Any]]) -> Callable[..., Iterable[bytes]]:
    """A WSGI app: /healthz (JSON, 503 when unhealthy) and /metrics (Prometheus)."""
    metrics = make_wsgi_app(REGISTRY)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        if path == "/metrics":
            served: Iterable[bytes] = metrics(environ, start_response)
            return served
        if path in ("/healthz", "/health"):
            state = health()
            body = json.dumps(state).encode()
            status = "200 OK" if state.get("ok") else "503 Service Unavailable"
            start_response(status, [("Content-Type", "application/json")])
            return [body]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found\n"]

    return app


def serve_in_thread(host: str, port: int, app: Callable[..., Iterable[bytes]]) -> WSGIServer:
    """Start a WSGI server in a daemon thread; returns it (call shutdown() to stop)."""
    server = make_server(host, port, app, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, name="http", daemon=True).start()
    return server
