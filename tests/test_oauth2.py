"""OAuth2 login that stays valid: token providers against a local authorisation server, and
XOAUTH2 / OAUTHBEARER logins to a Dovecot whose oauth2 passdb asks that server about tokens.

The local server (tests/servers/oauth.py) serves msal's OIDC discovery and token endpoint over
TLS and Dovecot's introspection endpoint over HTTP; it issues tokens with a chosen lifetime
and can fail the next token requests.
"""

from __future__ import annotations

import json
import logging
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mailbox_ingest.app import build_app
from mailbox_ingest.auth.providers import MicrosoftProvider, RefreshTokenProvider
from mailbox_ingest.auth.tokens import AccessToken, TokenManager
from mailbox_ingest.config import OAuth2Settings, Settings, settings_from_dict
from mailbox_ingest.daemon import Daemon
from mailbox_ingest.errors import ConfigError, SourceError, TokenError
from mailbox_ingest.intake.imap import ImapSource
from tests.corpus.mails import question_mail
from tests.e2e_helpers import CLI, cli_env, log_text, wait_until, write_config
from tests.servers import free_ports
from tests.servers.dovecot import DovecotServer
from tests.servers.fixtures import require_server
from tests.servers.oauth import OAuthServer
from tests.servers.smtp_sink import SmtpSink

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


def imap_settings(server: DovecotServer, user: str, login: dict[str, Any],
                  tmp_path: Path, **outgoing: Any) -> Settings:
    """Settings for an IMAP mailbox on the OAuth Dovecot, SQLite under tmp_path."""
    return settings_from_dict({
        "database": {"url": f"sqlite:///{tmp_path}/store.sqlite3"},
        "mailbox": {"kind": "imap", "host": server.host, "port": server.port, "tls": "none",
                    "username": user, "oauth2": login},
        "outgoing": {"kind": "directory", "path": str(tmp_path / "outbox"), **outgoing},
        "answers": {"letter_dir": str(tmp_path / "letters")},
        "storage": {"smtp_journal": str(tmp_path / "journal.log")},
        "web": {"enabled": False},
    })


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
    manager = TokenManager("mailbox.oauth2", provider, retry_base_s=10, retry_max_s=25,
                           clock=lambda: clock[0])
    with caplog.at_level(logging.WARNING, "mailbox_ingest.auth.tokens"):
        with pytest.raises(TokenError, match="endpoint down"):
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


# -- configuration ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("oauth2", "key"),
    [
        ({"provider": "microsoft", "client_id": "c", "client_secret_env": "X"},
         "mailbox.oauth2.tenant_id"),
        ({"provider": "refresh_token", "token_url": "https://t", "client_id": "c"},
         "mailbox.oauth2.refresh_token_file"),
        ({"provider": "static"}, "mailbox.oauth2.token_env"),
        ({"provider": "google"}, "mailbox.oauth2.provider"),
    ],
)
def test_oauth2_config_errors_name_the_key(oauth2: dict[str, Any], key: str) -> None:
    """A missing or wrong OAuth2 setting is reported at its own key."""
    with pytest.raises(ConfigError) as info:
        settings_from_dict({"mailbox": {"kind": "imap", "username": "u", "oauth2": oauth2}})
    assert info.value.key == key


def test_static_token_config_still_works() -> None:
    """The old `[mailbox.oauth2] token_env = ...` form is the static provider."""
    s = settings_from_dict({"mailbox": {"kind": "imap", "username": "u",
                                        "oauth2": {"token_env": "TOKEN"}}})
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
    with pytest.raises(TokenError, match="refresh_token_file .* No such file"):
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


# -- logins against Dovecot ------------------------------------------------------------------


@pytest.mark.imap
@pytest.mark.parametrize("mechanism", ["xoauth2", "oauthbearer"])
def test_imap_login_with_a_fresh_token(
    oauth: OAuthServer, oauth_dovecot: DovecotServer, tmp_path: Path, mechanism: str
) -> None:
    """The IMAP source logs in with the token it just obtained, by either mechanism."""
    user = f"{mechanism}-box@example.test"
    oauth.state.app_subject = user
    settings = imap_settings(oauth_dovecot, user, microsoft(oauth, mechanism=mechanism),
                             tmp_path)
    source = ImapSource(settings.mailbox)
    source.connect()
    try:
        assert source.list_waiting() == []
    finally:
        source.close()
    assert oauth.state.introspected[-1] == oauth.tokens_for(user)[-1]
    assert f"user=<{user}>, method={mechanism.upper()}" in oauth_dovecot.log()


@pytest.mark.imap
def test_expiring_token_is_renewed_before_the_next_login(
    oauth: OAuthServer, oauth_dovecot: DovecotServer, tmp_path: Path
) -> None:
    """A token inside the renewal margin is replaced before the next login uses it."""
    user = "expiring@example.test"
    token_file = tmp_path / "rt"
    token_file.write_text(oauth.add_refresh_token(user))
    oauth.state.lifetime_s = 3
    settings = imap_settings(oauth_dovecot, user, refresh(oauth, token_file, renew_margin_s=2),
                             tmp_path)
    source = ImapSource(settings.mailbox)
    source.connect()
    source.close()
    first = oauth.tokens_for(user)
    source.connect()
    source.close()
    assert oauth.tokens_for(user) == first  # still fresh: reused
    time.sleep(1.2)  # now less than 2 s before it expires
    source.connect()
    source.close()
    tokens = oauth.tokens_for(user)
    assert len(tokens) == 2 and oauth.state.introspected[-1] == tokens[-1]


@pytest.mark.imap
def test_failing_token_endpoint_is_retried_reported_then_recovers(
    oauth: OAuthServer, oauth_dovecot: DovecotServer, tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The poll fails while the token endpoint fails, health shows it; then mail flows."""
    user = "outage@example.test"
    oauth.state.app_subject = user
    oauth_dovecot.add_user(user, "pw")
    oauth_dovecot.append(user, "INBOX", question_mail(message_id="<q-oauth@x.test>"))
    app = build_app(imap_settings(oauth_dovecot, user, microsoft(oauth), tmp_path))
    daemon = Daemon(app)
    try:
        oauth.fail_next(1)
        requests_before = oauth.state.token_requests
        with caplog.at_level(logging.WARNING, "mailbox_ingest.auth.tokens"):
            with pytest.raises(SourceError, match="HTTP Error: 503"):
                app.ingestor.poll()
        assert len(caplog.records) == 1 and "mailbox.oauth2" in caplog.records[0].getMessage()
        health = daemon.health()
        assert not health["ok"]
        assert health["tokens"][0]["consecutive_failures"] == 1
        assert "503" in health["tokens"][0]["last_error"]
        with pytest.raises(SourceError, match="next try in"):
            app.ingestor.poll()  # backing off: the endpoint is not hammered
        assert oauth.state.token_requests == requests_before + 1
        time.sleep(2.1)
        report = app.ingestor.poll()
        assert report.processed == 1
        status = app.tokens.statuses()[0]
        assert status.ok and status.last_success is not None and status.expires_at
    finally:
        app.close()


@pytest.mark.smtp
@pytest.mark.imap
def test_imap_and_smtp_share_one_token(
    oauth: OAuthServer, oauth_dovecot: DovecotServer, tmp_path: Path
) -> None:
    """Equal oauth2 sections share one token manager; SMTP sends with XOAUTH2."""
    user = "shared@example.test"
    oauth.state.app_subject = user
    issued = set()

    def valid(login: str, token: str) -> bool:
        issued.update(oauth.tokens_for(user))
        return login == user and token in issued

    section = microsoft(oauth)
    with SmtpSink(bearer_check=valid) as sink:
        settings = imap_settings(
            oauth_dovecot, user, section, tmp_path, kind="smtp", host=sink.host,
            port=sink.port, tls="none", username=user, oauth2=section,
        )
        app = build_app(settings)
        try:
            app.source.connect()
            app.sender.send(1, user, "someone@example.test", b"Subject: t\r\n\r\nhello\r\n")
            assert len(app.tokens.managers()) == 1
            assert len(oauth.tokens_for(user)) == 1  # one token served both logins
        finally:
            app.close()
        assert sink.wait_for(1)[0].rcpt_tos == ("someone@example.test",)


def test_renewal_thread_renews_ahead_of_expiry() -> None:
    """The background renewal loop replaces a token before it expires, then stops."""
    provider = FakeProvider(lifetime_s=1.5, clock=time.time)
    manager = TokenManager("t", provider, margin_s=1.0)
    stop = threading.Event()
    thread = threading.Thread(target=manager.run_renewal, args=(stop,),
                              kwargs={"max_sleep_s": 0.2})
    thread.start()
    time.sleep(1.4)
    stop.set()
    thread.join(2)
    assert not thread.is_alive()
    assert 2 <= provider.calls <= 4  # fresh for 0.5 s each: renewed about every 0.5 s
    status = manager.status()
    assert status.ok and status.expires_at is not None and status.expires_at > time.time()


@pytest.mark.imap
def test_check_connect_reports_token_and_login(
    oauth: OAuthServer, oauth_dovecot: DovecotServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`check-config --connect` obtains the token and logs in with it; a bad secret fails both."""
    from mailbox_ingest.cli_check import run_checks

    user = "checked@example.test"
    oauth.state.app_subject = user
    settings = imap_settings(oauth_dovecot, user, microsoft(oauth), tmp_path)
    lines = [c.line() for c in run_checks(settings)]
    assert lines[1].startswith("ok   mailbox token: microsoft token obtained (valid for 35")
    assert lines[2].startswith(f"ok   mailbox: {user}@")
    monkeypatch.setenv(SECRET_ENV, "wrong")
    failed = [c.line() for c in run_checks(settings)]
    assert failed[1].startswith("FAIL mailbox token: OAuth2 token for mailbox.oauth2: ")
    assert "invalid_client" in failed[1] and "wrong" not in failed[1]
    assert failed[2].startswith("FAIL mailbox: ")


def test_microsoft_certificate_instead_of_a_secret(oauth: OAuthServer, tmp_path: Path) -> None:
    """With a certificate, msal signs a client assertion the token endpoint verifies."""
    from tests.servers import make_certificate

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


def _health(port: int) -> tuple[int, dict[str, Any]]:
    """The daemon's /healthz status and JSON (also for a 503)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
    except OSError:
        return 0, {}


@pytest.mark.slow
@pytest.mark.imap
def test_daemon_keeps_its_login_valid_through_a_token_outage(
    oauth: OAuthServer, oauth_dovecot: DovecotServer, tmp_path: Path
) -> None:
    """`run`: tokens renewed ahead of expiry; an outage turns /healthz red, then it recovers."""
    user = "daemon@example.test"
    oauth.state.app_subject = user
    oauth.state.lifetime_s = 4
    oauth_dovecot.add_user(user, "pw")
    oauth_dovecot.append(user, "INBOX", question_mail(message_id="<q-daemon@x.test>"))
    port = free_ports(1)[0]
    config = write_config(tmp_path / "config.toml", {
        "database": {"url": f"sqlite:///{tmp_path}/store.sqlite3"},
        "mailbox": {"kind": "imap", "host": oauth_dovecot.host, "port": oauth_dovecot.port,
                    "tls": "none", "username": user, "idle": False},
        "mailbox.oauth2": {**microsoft(oauth), "renew_margin_s": 2, "retry_max_s": 2},
        "outgoing": {"kind": "directory", "path": str(tmp_path / "outbox")},
        "answers": {"letter_dir": str(tmp_path / "letters")},
        "scheduler": {"poll_interval_s": 1},
        "web": {"host": "127.0.0.1", "port": port},
    })
    log = tmp_path / "daemon.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen([*CLI, "--config", str(config), "run"],
                                env=cli_env(**{SECRET_ENV: SECRET}), stdout=sink,
                                stderr=subprocess.STDOUT)
    try:
        assert wait_until(lambda: oauth_dovecot.list_messages(user) == [], 30), log_text(log)
        assert wait_until(lambda: len(oauth.tokens_for(user)) >= 3, 15), log_text(log)
        status, health = _health(port)
        assert status == 200 and health["tokens"][0]["ok"]
        assert health["tokens"][0]["expires_at"] > time.time()  # renewed before it expired
        oauth.fail_next(10_000)
        assert wait_until(lambda: _health(port)[0] == 503, 15), log_text(log)
        token = _health(port)[1]["tokens"][0]
        assert not token["ok"] and "503" in token["last_error"]
        assert "OAuth2 token for mailbox.oauth2 could not be renewed" in log_text(log)
        assert proc.poll() is None  # the daemon carries on
        oauth.reset()
        assert wait_until(lambda: _health(port)[0] == 200, 20), log_text(log)
        assert "renewed after" in log_text(log)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
