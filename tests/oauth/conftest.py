"""Fixtures of the OAuth2 tests: the local authorisation server (token endpoints over TLS,
introspection over HTTP) and a Dovecot whose oauth2 passdb asks it about every token."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from testkit.servers.dovecot import DovecotServer
from testkit.servers.fixtures import require_server
from testkit.servers.oauth import OAuthServer
from tests.oauth.helpers import CLIENT, SECRET, SECRET_ENV


@pytest.fixture(scope="module")
def oauth() -> Iterator[OAuthServer]:
    """The local authorisation server, shared by the module."""
    directory = Path(tempfile.mkdtemp(prefix="mi-oauth-"))
    try:
        server = OAuthServer(directory)
        server.start()
    except OSError as exc:
        require_server("OAuth2", str(exc))
    server.add_client(CLIENT, SECRET)
    yield server
    server.stop()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def oauth_dovecot(oauth: OAuthServer) -> Iterator[DovecotServer]:
    """A Dovecot that accepts XOAUTH2 and OAUTHBEARER, checked by the local server."""
    directory = Path(tempfile.mkdtemp(prefix="mi-dovecot-oauth-"))
    directory.chmod(0o755)
    try:
        server = DovecotServer(directory, oauth2_introspection_url=oauth.introspection_url)
        server.start()
    except Exception as exc:  # noqa: BLE001 - fails in CI, skips on a laptop
        shutil.rmtree(directory, ignore_errors=True)
        require_server("Dovecot", str(exc))
    yield server
    server.stop()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(autouse=True)
def fresh_oauth_state(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no pending failures, one-hour tokens and the client secret set."""
    monkeypatch.setenv(SECRET_ENV, SECRET)
    if "oauth" in request.fixturenames:
        request.getfixturevalue("oauth").reset()
