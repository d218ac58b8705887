"""What every request handler of the web UI needs, built once and kept on `app.state`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates

from mailbox_ingest.config import Settings
from mailbox_ingest.web.counts import CountCache
from mailbox_ingest.web.render import Renderer
from store.db import Database

HERE = Path(__file__).resolve().parent


@dataclass(slots=True)
class WebContext:
    """Settings, database, templates, the page renderer and the daemon's health probe."""

    settings: Settings
    db: Database
    templates: Jinja2Templates
    renderer: Renderer
    health: Callable[[], dict[str, Any]]
    counts: CountCache


def ctx(request: Request) -> WebContext:
    """The context of the app serving this request."""
    context: WebContext = request.app.state.ctx
    return context
