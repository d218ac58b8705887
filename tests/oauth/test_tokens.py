"""OAuth2 tokens: the renewing manager (margin, backoff, status), the settings, and the
providers (refresh-token grant, Microsoft client credentials through msal with a secret or a
certificate) against a local authorisation server."""

from __future__ import annotations

import logging
import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from mailbox_ingest.auth.providers import MicrosoftProvider, RefreshTokenProvider
from mailbox_ingest.auth.tokens import AccessToken, TokenManager
from mailbox_ingest.config import OAuth2Settings, settings_from_dict
from mailbox_ingest.domain.errors import ConfigError, TokenError
from testkit.servers.oauth import OAuthServer
from tests.oauth.helpers import (
    SECRET,
    SECRET_ENV,
    FakeProvider,
    microsoft,
    refresh,
)

# -- the manager --------------------------------------------------------------------------


def test_manager_renews_within_the_margin_only() -> None:
    """A token is reused until `margin_s` before expiry, then replaced by a new one."""
    clock = [1000.0]
    provider = FakeProvider(lifetime_s=600, clock=lambda: clock[0])
    manager = TokenManager("test", provider, margin_s=100, clock=lambda: clock[0])
    assert manager.token() == "token-1"
    clock[0] += 499
    assert manager.token() == "token-1"
    clock[0] += 2  # now 99 s before expiry: inside the margin
    assert manager.token() == "token-2"
    assert provider.calls == 2
    assert manager.status().ok and manager.status().expires_at == clock[0] + 600


def test_manager_backs_off_reports_and_recovers(caplog: pytest.LogCaptureFixture) -> None:
    """A failing renewal is one warning line, retried after a growing delay, then recovers."""
    clock = [0.0]
    provider = FakeProvider(lifetime_s=600, clock=lambda: clock[0])
    provider.failing = True
    manager = TokenManager(
        "mailbox.oauth2", provider, retry_base_s=10, retry_max_s=25, clock=lambda: clock[0]
    )
    with (
        caplog.at_level(logging.WARNING, "mailbox_ingest.auth.tokens"),
        pytest.raises(TokenError, match="endpoint down"),
    ):
        manager.token()
    assert [r.getMessage() for r in caplog.records] == [
        "OAuth2 token for mailbox.oauth2 could not be renewed: endpoint down; next try in 10 s"
    ]
    with pytest.raises(TokenError, match="next try in 5 s"):
        clock[0] = 5
        manager.token()  # within the backoff: the endpoint is not asked again
    assert provider.calls == 1
    clock[0] = 10
    with pytest.raises(TokenError):
        manager.token()
    assert manager.seconds_until_due() == 20  # doubled
    clock[0] = 30
    with pytest.raises(TokenError):
        manager.token()
    assert manager.seconds_until_due() == 25  # capped at retry_max_s
    status = manager.status()
    assert not status.ok and status.consecutive_failures == 3
    assert status.last_error == "endpoint down" and status.last_error_at == 30
    provider.failing = False
    clock[0] = 55
    assert manager.token() == "token-4"
    status = manager.status()
    assert status.ok and status.last_success == 55 and status.consecutive_failures == 0


def test_manager_keeps_a_valid_token_while_renewal_fails() -> None:
    """Inside the margin a failed renewal still hands out the token that has not expired."""
    clock = [0.0]
    provider = FakeProvider(lifetime_s=100, clock=lambda: clock[0])
    manager = TokenManager("t", provider, margin_s=50, clock=lambda: clock[0])
    assert manager.token() == "token-1"
    provider.failing = True
    clock[0] = 60
    assert manager.token() == "token-1"
    assert not manager.status().ok  # renewal is failing: health must show it
    clock[0] = 101
    with pytest.raises(TokenError):
        manager.token()


def test_renewal_thread_renews_ahead_of_expiry() -> None:
    """The background renewal loop replaces a token before it expires, then stops."""
    provider = FakeProvider(lifetime_s=1.5, clock=time.time)
    manager = TokenManager("t", provider, margin_s=1.0)
    stop = threading.Event()
    thread = threading.Thread(target=manager.run_renewal, args=(stop,), kwargs={"max_sleep_s": 0.2})
    thread.start()
    time.sleep(1.4)
    stop.set()
    thread.join(2)
    assert not thread.is_alive()
    assert 2 <= provider.calls <= 4  # fresh for 0.5 s each: renewed about every 0.5 s
    status = manager.status()
    assert status.ok and status.expires_at is not None and status.expires_at > time.time()


class SlowProvider:
    """A provider that blocks until released (a token endpoint that hangs)."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.calls = 0

    def acquire(self) -> AccessToken:
        """Wait for the test, then hand out a one-hour token."""
        self.calls += 1
        self.entered.set()
        assert self.release.wait(10)
        return AccessToken("slow", time.time() + 3600)


def test_status_answers_while_a_renewal_hangs() -> None:
    """Health can read the status during a slow request; concurrent callers share one renewal."""
    provider = SlowProvider()
    manager = TokenManager("t", provider)
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(manager.token())) for _ in range(3)]
    for t in threads:
        t.start()
    assert provider.entered.wait(5)
    started = time.monotonic()
    status = manager.status()
    assert time.monotonic() - started < 0.5 and status.last_success is None
    provider.release.set()
    for t in threads:
        t.join(5)
    assert results == ["slow"] * 3 and provider.calls == 1


# -- configuration ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("oauth2", "key"),
    [
        (
            {"provider": "microsoft", "client_id": "c", "client_secret_env": "X"},
            "mailbox.oauth2.tenant_id",
        ),
        (
            {"provider": "refresh_token", "token_url": "https://t", "client_id": "c"},
            "mailbox.oauth2.refresh_token_file",
        ),
        ({"provider": "static"}, "mailbox.oauth2.token_env"),
        ({"provider": "google"}, "mailbox.oauth2.provider"),
    ],
)
def test_oauth2_config_errors_name_the_key(oauth2: dict[str, Any], key: str) -> None:
    """A missing or wrong OAuth2 setting is reported at its own key."""
    with pytest.raises(ConfigError) as info:
        settings_from_dict({"mailbox": {"kind": "imap", "username": "u", "oauth2": oauth2}})
    assert info.value.key == key


def test_smtp_oauth2_needs_a_username() -> None:
    """XOAUTH2 names the mailbox, so [outgoing.oauth2] without a username is refused."""
    with pytest.raises(ConfigError, match="outgoing: username is required with"):
        settings_from_dict({"outgoing": {"kind": "smtp", "oauth2": {"token_env": "T"}}})


def test_static_token_config_still_works() -> None:
    """The old `[mailbox.oauth2] token_env = ...` form is the static provider."""
    s = settings_from_dict(
        {"mailbox": {"kind": "imap", "username": "u", "oauth2": {"token_env": "TOKEN"}}}
    )
    assert s.mailbox.oauth2 is not None and s.mailbox.oauth2.provider == "static"


# -- providers against the local server ----------------------------------------------------


def test_refresh_token_rotated_and_stored_private(oauth: OAuthServer, tmp_path: Path) -> None:
    """A rotated refresh token replaces the file (mode 0600); the next renewal uses it."""
    token_file = tmp_path / "secrets" / "refresh-token"
    token_file.parent.mkdir()
    first = oauth.add_refresh_token("someone@example.test")
    token_file.write_text(first + "\n")
    settings = OAuth2Settings.model_validate(refresh(oauth, token_file, scopes=["mail"]))
    provider = RefreshTokenProvider(settings, "mailbox.oauth2")
    token = provider.acquire()
    assert token.value == oauth.tokens_for("someone@example.test")[-1]
    assert token.expires_at is not None and token.expires_at > time.time() + 3000
    second = token_file.read_text().strip()
    assert second != first and second in oauth.state.refresh_tokens
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert oauth.state.token_forms[-1]["scope"] == "mail"
    assert provider.acquire().value == oauth.tokens_for("someone@example.test")[-1]
    assert [p.name for p in token_file.parent.iterdir()] == ["refresh-token"]  # no temp left


def test_refused_refresh_token_is_one_line_without_secrets(
    oauth: OAuthServer, tmp_path: Path
) -> None:
    """A revoked refresh token gives the endpoint's reason, and never the token itself."""
    token_file = tmp_path / "refresh-token"
    token_file.write_text("rt-revoked-value\n")
    provider = RefreshTokenProvider(
        OAuth2Settings.model_validate(refresh(oauth, token_file)), "outgoing.oauth2"
    )
    with pytest.raises(TokenError) as info:
        provider.acquire()
    text = str(info.value)
    assert "400: invalid_grant: Token has been expired or revoked." in text
    assert "\n" not in text and "rt-revoked-value" not in text and SECRET not in text
    token_file.unlink()
    with pytest.raises(TokenError, match=r"refresh_token_file .* No such file"):
        provider.acquire()


def test_microsoft_client_credentials_through_msal(oauth: OAuthServer) -> None:
    """msal discovers the local tenant and gets a token for Exchange Online's scope."""
    oauth.state.app_subject = "app@example.test"
    provider = MicrosoftProvider(OAuth2Settings.model_validate(microsoft(oauth)), "mailbox.oauth2")
    first = provider.acquire()
    form = oauth.state.token_forms[-1]
    assert form["grant_type"] == "client_credentials"
    assert "https://outlook.office365.com/.default" in form["scope"]
    assert first.value == oauth.tokens_for("app@example.test")[-1]
    second = provider.acquire()  # msal's own cache does not hide a renewal from us
    assert second.value != first.value


def test_microsoft_wrong_secret_and_dead_authority(
    oauth: OAuthServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrong client secret and an unreachable authority each give a one-line TokenError."""
    monkeypatch.setenv(SECRET_ENV, "wrong")
    provider = MicrosoftProvider(OAuth2Settings.model_validate(microsoft(oauth)), "mailbox.oauth2")
    with pytest.raises(TokenError, match="invalid_client: AADSTS7000215"):
        provider.acquire()
    dead = MicrosoftProvider(
        OAuth2Settings.model_validate(microsoft(oauth, authority_host="https://127.0.0.1:9")),
        "mailbox.oauth2",
    )
    with pytest.raises(TokenError) as info:
        dead.acquire()
    assert "\n" not in str(info.value) and "127.0.0.1:9" in str(info.value)


def test_microsoft_certificate_instead_of_a_secret(oauth: OAuthServer, tmp_path: Path) -> None:
    """With a certificate, msal signs a client assertion the token endpoint verifies."""
    from testkit.servers import make_certificate

    cert, key = make_certificate(tmp_path)
    pem = tmp_path / "app.pem"
    pem.write_bytes(key.read_bytes() + cert.read_bytes())
    oauth.add_certificate_client("cert-app", cert.read_bytes())
    oauth.state.app_subject = "cert@example.test"
    section = microsoft(oauth, client_id="cert-app", client_certificate_file=str(pem))
    del section["client_secret_env"]
    provider = MicrosoftProvider(OAuth2Settings.model_validate(section), "mailbox.oauth2")
    assert provider.acquire().value == oauth.tokens_for("cert@example.test")[-1]
    assert "client_secret" not in oauth.state.token_forms[-1]
    (tmp_path / "other").mkdir()
    other, _ = make_certificate(tmp_path / "other")
    oauth.add_certificate_client("cert-app", other.read_bytes())  # key no longer matches
    with pytest.raises(TokenError, match="AADSTS700027"):
        MicrosoftProvider(OAuth2Settings.model_validate(section), "mailbox.oauth2").acquire()
