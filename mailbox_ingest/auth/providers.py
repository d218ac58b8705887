"""Where access tokens come from: the environment, Microsoft (msal), or a refresh-token grant.

- `StaticProvider`: a token an operator or a test put in an environment variable.
- `MicrosoftProvider`: the client-credentials flow of the Microsoft identity platform through
  msal (`acquire_token_for_client`, scope `https://outlook.office365.com/.default`), the way
  Exchange Online grants IMAP.AccessAsApp / SMTP.SendAsApp to a daemon.
- `RefreshTokenProvider`: an RFC 6749 section 6 refresh against `token_url` (Google and
  others) with requests; a rotated refresh token replaces the file (0600) before use.

Every failure becomes a TokenError with one line that names the cause and never a secret.
msal and requests are imported when a provider that needs them is built, so a daemon that
logs in with a password never loads them.
"""

from __future__ import annotations

import functools
import importlib
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mailbox_ingest.auth.secretfile import read_secret, write_secret
from mailbox_ingest.auth.tokens import AccessToken, TokenProvider
from mailbox_ingest.config import OAuth2Settings, secret_from_env
from mailbox_ingest.domain.errors import ConfigError, TokenError

if TYPE_CHECKING:
    import msal
    import msal.exceptions
    import requests
else:  # bound on first use by `_load`
    msal = requests = None

DEFAULT_LIFETIME_S = 3600


def _load() -> None:
    """Import msal and requests (once) for the providers that talk to a token endpoint."""
    global msal, requests
    if msal is None or requests is None:
        msal = importlib.import_module("msal")
        importlib.import_module("msal.exceptions")
        requests = importlib.import_module("requests")


def _expiry(payload: dict[str, Any]) -> float:
    """Unix time at which a token response's token expires (`expires_in`, else one hour)."""
    try:
        lifetime = float(payload.get("expires_in", DEFAULT_LIFETIME_S))
    except (TypeError, ValueError):
        lifetime = DEFAULT_LIFETIME_S
    return time.time() + lifetime


def _oauth_error(payload: dict[str, Any]) -> str:
    """`error: first line of error_description` from an OAuth2 error response."""
    error = str(payload.get("error") or "no access_token in the response")
    desc = str(payload.get("error_description") or "").strip().splitlines()
    return f"{error}: {desc[0]}" if desc else error


class StaticProvider:
    """The token in an environment variable (it is not renewed; its expiry is unknown)."""

    def __init__(self, settings: OAuth2Settings, key: str) -> None:
        self.settings = settings
        self.key = key

    def acquire(self) -> AccessToken:
        """Read the variable now."""
        try:
            value = secret_from_env(self.settings.token_env, f"{self.key}.token_env")
        except ConfigError as exc:
            raise TokenError(self.key, str(exc)) from exc
        return AccessToken(value, None)


class MicrosoftProvider:
    """Client credentials through msal; the msal app is built on first use."""

    def __init__(self, settings: OAuth2Settings, key: str) -> None:
        _load()
        self.settings = settings
        self.key = key
        self._app: msal.ConfidentialClientApplication | None = None

    @property
    def authority(self) -> str:
        """The tenant's authority URL."""
        return f"{self.settings.authority_host.rstrip('/')}/{self.settings.tenant_id}"

    def _credential(self) -> str | dict[str, str]:
        """The client secret, or the certificate (msal signs a client assertion with it)."""
        s = self.settings
        try:
            if s.client_certificate_file is None:
                return secret_from_env(s.client_secret_env, f"{self.key}.client_secret_env")
            pem = s.client_certificate_file.read_text(encoding="ascii")
            credential = {"private_key": pem, "public_certificate": pem}
            if s.client_certificate_passphrase_env:
                credential["passphrase"] = secret_from_env(
                    s.client_certificate_passphrase_env,
                    f"{self.key}.client_certificate_passphrase_env",
                )
            return credential
        except ConfigError as exc:
            raise TokenError(self.key, str(exc)) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise TokenError(
                self.key, f"client_certificate_file {s.client_certificate_file}: {exc}"
            ) from exc

    def _client(self) -> msal.ConfidentialClientApplication:
        if self._app is None:
            s = self.settings
            credential = self._credential()
            try:
                self._app = msal.ConfidentialClientApplication(
                    s.client_id,
                    client_credential=credential,
                    authority=self.authority,
                    instance_discovery=False,  # the authority is configured, not guessed
                    http_client=_session(s),
                )
            except (ValueError, requests.RequestException) as exc:
                raise TokenError(
                    self.key, f"authority {self.authority}: {_first_line(exc)}"
                ) from exc
        return self._app

    def acquire(self) -> AccessToken:
        """A new token for the configured scopes (msal's own cache is bypassed)."""
        app = self._client()
        app.token_cache = msal.TokenCache()  # our manager decides when to renew, not msal
        try:
            result = app.acquire_token_for_client(list(self.settings.effective_scopes))
        except (ValueError, requests.RequestException, msal.exceptions.MsalError) as exc:
            raise TokenError(self.key, f"{self.authority}: {_first_line(exc)}") from exc
        if not isinstance(result, dict) or "access_token" not in result:
            payload = result if isinstance(result, dict) else {}
            raise TokenError(self.key, f"{self.authority} refused: {_oauth_error(payload)}")
        return AccessToken(str(result["access_token"]), _expiry(result))


class RefreshTokenProvider:
    """The refresh-token grant; the refresh token lives in `refresh_token_file`."""

    def __init__(self, settings: OAuth2Settings, key: str) -> None:
        _load()
        self.settings = settings
        self.key = key
        assert settings.refresh_token_file is not None and settings.token_url is not None
        self.path: Path = settings.refresh_token_file
        self.url: str = settings.token_url

    def _form(self, refresh_token: str) -> dict[str, str]:
        s = self.settings
        form = {
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": s.client_id or "",
        }
        if s.client_secret_env:
            try:
                form["client_secret"] = secret_from_env(
                    s.client_secret_env, f"{self.key}.client_secret_env"
                )
            except ConfigError as exc:
                raise TokenError(self.key, str(exc)) from exc
        if s.scopes:
            form["scope"] = " ".join(s.scopes)
        return form

    def acquire(self) -> AccessToken:
        """POST the grant; store a rotated refresh token before returning the access token."""
        try:
            refresh_token = read_secret(self.path)
        except OSError as exc:
            raise TokenError(
                self.key, f"refresh_token_file {self.path}: {exc.strerror or exc}"
            ) from exc
        if not refresh_token:
            raise TokenError(self.key, f"refresh_token_file {self.path} is empty")
        cafile = self.settings.cafile
        try:
            response = requests.post(
                self.url,
                data=self._form(refresh_token),
                headers={"Accept": "application/json"},
                timeout=self.settings.timeout_s,
                verify=str(cafile) if cafile else True,
            )
        except requests.RequestException as exc:
            raise TokenError(self.key, f"{self.url}: {_first_line(exc)}") from exc
        try:
            payload = response.json()
        except ValueError:
            payload = {}
        if not isinstance(payload, dict):
            payload = {}
        if response.status_code != 200 or "access_token" not in payload:
            raise TokenError(
                self.key, f"{self.url} answered {response.status_code}: {_oauth_error(payload)}"
            )
        rotated = payload.get("refresh_token")
        if isinstance(rotated, str) and rotated and rotated != refresh_token:
            try:
                write_secret(self.path, rotated)
            except OSError as exc:
                raise TokenError(
                    self.key,
                    f"cannot store the rotated refresh token in {self.path}: {exc.strerror or exc}",
                ) from exc
        return AccessToken(str(payload["access_token"]), _expiry(payload))


def _session(settings: OAuth2Settings) -> requests.Session:
    """An HTTP session whose every request carries the timeout and the CA to trust.

    `verify` is given per request because requests lets $REQUESTS_CA_BUNDLE override a
    session-wide setting, which would silently ignore a configured `cafile`.
    """
    session = requests.Session()
    session.request = functools.partial(  # type: ignore[method-assign]
        session.request,
        timeout=settings.timeout_s,
        verify=str(settings.cafile) if settings.cafile else True,
    )
    return session


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def make_provider(settings: OAuth2Settings, key: str) -> TokenProvider:
    """The provider the settings name; `key` (e.g. `mailbox.oauth2`) is used in errors."""
    if settings.provider == "microsoft":
        return MicrosoftProvider(settings, key)
    if settings.provider == "refresh_token":
        return RefreshTokenProvider(settings, key)
    return StaticProvider(settings, key)
