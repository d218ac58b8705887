"""Helpers of the OAuth2 tests: a fake provider, config sections for both flows, settings
for the OAuth Dovecot, and the daemon's health answer.

The local server (testkit/servers/oauth.py) serves msal's OIDC discovery and token endpoint over
TLS and Dovecot's introspection endpoint over HTTP; it issues tokens with a chosen lifetime
and can fail the next token requests.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mailbox_ingest.auth.tokens import AccessToken
from mailbox_ingest.config import Settings, settings_from_dict
from mailbox_ingest.domain.errors import TokenError
from testkit.servers.dovecot import DovecotServer
from testkit.servers.oauth import OAuthServer

SECRET_ENV = "MI_TEST_OAUTH_SECRET"
SECRET = "s3cret-client-value"
CLIENT = "mailbox-ingest-test"


class FakeProvider:
    """A provider that counts calls and fails while told to (for the manager's own logic)."""

    def __init__(self, lifetime_s: float, clock: Callable[[], float]) -> None:
        self.lifetime_s = lifetime_s
        self.clock = clock
        self.calls = 0
        self.failing = False

    def acquire(self) -> AccessToken:
        """A numbered token, or TokenError while failing."""
        self.calls += 1
        if self.failing:
            raise TokenError("test", "endpoint down")
        return AccessToken(f"token-{self.calls}", self.clock() + self.lifetime_s)


def microsoft(oauth: OAuthServer, **extra: Any) -> dict[str, Any]:
    """A `[*.oauth2]` section for the client-credentials flow against the local server."""
    return {
        "provider": "microsoft",
        "tenant_id": oauth.state.tenant,
        "client_id": CLIENT,
        "client_secret_env": SECRET_ENV,
        "authority_host": oauth.https_base,
        "cafile": str(oauth.cafile),
        **extra,
    }


def refresh(oauth: OAuthServer, token_file: Path, **extra: Any) -> dict[str, Any]:
    """A `[*.oauth2]` section for the refresh-token flow against the local server."""
    return {
        "provider": "refresh_token",
        "token_url": oauth.token_url,
        "client_id": CLIENT,
        "client_secret_env": SECRET_ENV,
        "refresh_token_file": str(token_file),
        "cafile": str(oauth.cafile),
        **extra,
    }


def imap_settings(
    server: DovecotServer, user: str, login: dict[str, Any], tmp_path: Path, **outgoing: Any
) -> Settings:
    """Settings for an IMAP mailbox on the OAuth Dovecot, SQLite under tmp_path."""
    return settings_from_dict(
        {
            "database": {"url": f"sqlite:///{tmp_path}/store.sqlite3"},
            "mailbox": {
                "kind": "imap",
                "host": server.host,
                "port": server.port,
                "tls": "none",
                "username": user,
                "oauth2": login,
            },
            "outgoing": {"kind": "directory", "path": str(tmp_path / "outbox"), **outgoing},
            "answers": {"letter_dir": str(tmp_path / "letters")},
            "web": {"enabled": False},
        }
    )


def health_of(port: int) -> tuple[int, dict[str, Any]]:
    """The daemon's /healthz status and JSON (also for a 503)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
    except OSError:
        return 0, {}
