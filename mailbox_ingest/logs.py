"""Logging set-up: JSON or text lines, every line of a message's handling carrying its key."""

from __future__ import annotations

import contextvars
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_KEY: contextvars.ContextVar[str | None] = contextvars.ContextVar("message_key", default=None)

DISPOSITION = logging.getLogger("mailbox_ingest.disposition")


@contextmanager
def message_context(key: str) -> Iterator[None]:
    """Within this block every log line carries `key`."""
    token = _KEY.set(key)
    try:
        yield
    finally:
        _KEY.reset(token)


class _KeyFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.message_key = _KEY.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message key, message, extras."""

    _SKIP = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "message_key"}

    def format(self, record: logging.LogRecord) -> str:
        """Render the record as JSON."""
        out = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "key": getattr(record, "message_key", None),
            "msg": record.getMessage(),
        }
        for k, v in record.__dict__.items():
            if k not in self._SKIP and not k.startswith("_"):
                out[k] = v if isinstance(v, (str, int, float, bool, type(None))) else str(v)
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Plain lines with the message key in brackets."""

    def format(self, record: logging.LogRecord) -> str:
        """Render the record as one text line."""
        key = getattr(record, "message_key", None)
        record.keypart = f" [{key}]" if key else ""
        return super().format(record)


def setup_logging(level: str = "INFO", fmt: str = "text") -> None:
    """Configure the root logger once (called by the CLI)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_KeyFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            TextFormatter("%(asctime)s %(levelname)s %(name)s%(keypart)s: %(message)s")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("mailparser").setLevel(logging.ERROR)
    for noisy in (
        "pdfminer",
        "apscheduler.executors",
        "imapclient",
        "PIL",
        "mailparser",
        "pdfplumber",
        "alembic",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
