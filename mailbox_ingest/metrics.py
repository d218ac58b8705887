"""Prometheus metrics of the daemon (served at /metrics by the web app, `web/app.py`)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

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
