"""Typed settings: one object built from a TOML file and the environment, validated at start-up.

Every section has defaults that make up the embedded setup (SQLite under ./var, a local Maildir,
answers written as .eml files), so the daemon runs with no config at all. Secrets are never in
the file: the file names the environment variable that holds them (`password_env`).
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from mailbox_ingest.domain.enums import Regime
from mailbox_ingest.domain.errors import ConfigError

CONFIG_ENV = "MAILBOX_INGEST_CONFIG"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(_Section):
    """Where the store lives: any SQLAlchemy URL (SQLite or PostgreSQL)."""

    url: str = "sqlite:///var/mailbox-ingest.sqlite3"


MICROSOFT_SCOPE = "https://outlook.office365.com/.default"

# What each provider needs besides `provider`; a missing key is named in the error.
_OAUTH2_REQUIRED: dict[str, tuple[str, ...]] = {
    "static": ("token_env",),
    "microsoft": ("tenant_id", "client_id", "client_secret_env"),
    "refresh_token": ("token_url", "client_id", "refresh_token_file"),
}


class OAuth2Settings(_Section):
    """XOAUTH2 / OAUTHBEARER login with an access token that is renewed before it expires.

    `static`: the token is read from the environment variable `token_env` (it expires; for
    tests and short jobs). `microsoft`: client-credentials flow of the Microsoft identity
    platform (msal). `refresh_token`: a refresh-token grant against `token_url` (Google and
    other providers); a rotated refresh token is written back to `refresh_token_file`.
    """

    provider: Literal["static", "microsoft", "refresh_token"] = "static"
    token_env: str | None = Field(default=None, validate_default=True)
    tenant_id: str | None = Field(default=None, validate_default=True)
    client_id: str | None = Field(default=None, validate_default=True)
    # microsoft: a certificate instead of a secret (PEM file with private key and certificate)
    client_certificate_file: Path | None = None
    client_certificate_passphrase_env: str | None = None
    client_secret_env: str | None = Field(default=None, validate_default=True)
    token_url: str | None = Field(default=None, validate_default=True)
    refresh_token_file: Path | None = Field(default=None, validate_default=True)
    scopes: tuple[str, ...] = ()
    authority_host: str = "https://login.microsoftonline.com"
    cafile: Path | None = None  # CA for the token endpoint (private PKI, tests)
    mechanism: Literal["auto", "xoauth2", "oauthbearer"] = "auto"
    renew_margin_s: int = Field(default=300, ge=0)
    retry_max_s: int = Field(default=300, ge=1)
    timeout_s: float = Field(default=30.0, gt=0)

    @field_validator(
        "token_env",
        "tenant_id",
        "client_id",
        "client_secret_env",
        "token_url",
        "refresh_token_file",
    )
    @classmethod
    def _required_for_provider(cls, value: object, info: ValidationInfo) -> object:
        provider = info.data.get("provider", "static")
        if value in (None, "") and info.field_name in _OAUTH2_REQUIRED.get(provider, ()):
            if info.field_name == "client_secret_env" and info.data.get("client_certificate_file"):
                return value  # the certificate stands in for the secret
            raise ValueError(
                f"required for provider = '{provider}'"
                + (
                    " (or client_certificate_file)"
                    if info.field_name == "client_secret_env" and provider == "microsoft"
                    else ""
                )
            )
        return value

    @property
    def effective_scopes(self) -> tuple[str, ...]:
        """The scopes to ask for: the configured ones, or Exchange Online's for Microsoft."""
        if self.scopes or self.provider != "microsoft":
            return self.scopes
        return (MICROSOFT_SCOPE,)


class MailboxSettings(_Section):
    """The inbound mailbox: IMAP, or a local Maildir for the embedded setup."""

    kind: Literal["imap", "maildir"] = "maildir"
    path: Path = Path("var/maildir")
    host: str = "localhost"
    port: int | None = None
    tls: Literal["ssl", "starttls", "none"] = "ssl"
    cafile: Path | None = None
    username: str = ""
    password_env: str | None = None
    oauth2: OAuth2Settings | None = None
    account: str = ""
    folder: str = "INBOX"
    done_folder: str = "Verwerkt"
    quarantine_folder: str = "Quarantaine"
    batch_size: int = Field(default=50, ge=1, le=1000)
    idle: bool = True
    idle_timeout_s: int = Field(default=300, ge=5)
    timeout_s: float = Field(default=60.0, gt=0)

    @model_validator(mode="after")
    def _check_imap(self) -> MailboxSettings:
        if self.kind == "imap":
            if not self.username:
                raise ValueError("username is required for kind = 'imap'")
            if self.password_env is None and self.oauth2 is None:
                raise ValueError("set password_env or [mailbox.oauth2] for kind = 'imap'")
        return self

    @property
    def effective_port(self) -> int:
        """The port to connect to: the configured one, or the protocol default."""
        if self.port is not None:
            return self.port
        return 993 if self.tls == "ssl" else 143

    @property
    def key_account(self) -> str:
        """The account part of a message key."""
        if self.account:
            return self.account
        if self.kind == "imap":
            return f"{self.username}@{self.host}"
        return f"maildir:{self.path}"


class OutgoingSettings(_Section):
    """How answers leave: SMTP, or .eml files in a folder for the embedded setup."""

    kind: Literal["smtp", "directory"] = "directory"
    path: Path = Path("var/outbox")
    host: str = "localhost"
    port: int | None = None
    tls: Literal["ssl", "starttls", "none"] = "starttls"
    cafile: Path | None = None
    username: str | None = None
    password_env: str | None = None
    oauth2: OAuth2Settings | None = None
    from_: str = Field(default="enclaves@wse.example", alias="from")
    from_name: str = "Departement Werk en Sociale Economie"
    reply_to: str | None = None
    max_attempts: int = Field(default=8, ge=1)
    retry_base_s: float = Field(default=60.0, gt=0)
    timeout_s: float = Field(default=30.0, gt=0)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _check_oauth2(self) -> OutgoingSettings:
        if self.kind == "smtp" and self.oauth2 is not None and not self.username:
            raise ValueError("username is required with [outgoing.oauth2]")
        return self

    @property
    def effective_port(self) -> int:
        """The port to connect to: the configured one, or the protocol default."""
        if self.port is not None:
            return self.port
        return {"ssl": 465, "starttls": 587, "none": 25}[self.tls]


class RegimePeriod(_Section):
    """One row of the regime table: from this received date on, this regime applies."""

    start: dt.date
    regime: Regime


DEFAULT_REGIMES: tuple[RegimePeriod, ...] = (
    RegimePeriod(start=dt.date(1900, 1, 1), regime=Regime.LEGACY),
    RegimePeriod(start=dt.date(2015, 4, 1), regime=Regime.MAATWERK),
    RegimePeriod(start=dt.date(2016, 2, 8), regime=Regime.LEGACY),
    RegimePeriod(start=dt.date(2019, 1, 1), regime=Regime.MAATWERK),
)


class RegimeSettings(_Section):
    """The regime table by received date (Europe/Brussels calendar days)."""

    periods: tuple[RegimePeriod, ...] = DEFAULT_REGIMES
    timezone: str = "Europe/Brussels"

    @model_validator(mode="after")
    def _check_order(self) -> RegimeSettings:
        starts = [p.start for p in self.periods]
        if not starts:
            raise ValueError("at least one period is required")
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            raise ValueError("periods must have strictly increasing start dates")
        return self


class AnswerSettings(_Section):
    """Rules for automatic answers."""

    authserv_id: str = "mx.wse.example"
    max_per_sender_per_day: int = Field(default=5, ge=0)
    max_per_domain_per_day: int | None = Field(default=None, ge=0)  # None: as per sender
    contact: str | None = None  # address named in answers; default: outgoing.from
    template_dir: Path | None = None
    letter_dir: Path = Path("var/letters")


class LimitSettings(_Section):
    """Limits on what one mail may cost; a mail over a limit is quarantined with the reason."""

    max_message_bytes: int = Field(default=40 * 1024 * 1024, ge=1024)
    max_attachments: int = Field(default=40, ge=1)
    max_attachment_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)
    max_nesting: int = Field(default=5, ge=1)
    max_decompressed_bytes: int = Field(default=50 * 1024 * 1024, ge=1024)
    max_pages: int = Field(default=50, ge=1)
    max_pixels_per_page: int = Field(default=40_000_000, ge=10_000)
    ocr_timeout_s: int = Field(default=60, ge=1)
    ocr_dpi: int = Field(default=300, ge=72, le=600)
    max_attempts: int = Field(default=3, ge=1)
    max_interruptions: int = Field(default=50, ge=1)
    max_parts: int = Field(default=1000, ge=10)
    mail_max_decompressed_bytes: int = Field(default=100 * 1024 * 1024, ge=1024)
    mail_max_pages: int = Field(default=100, ge=1)
    mail_max_read_s: int = Field(default=900, ge=1)
    isolate_readers: bool = True
    reader_memory_mib: int = Field(default=1024, ge=128)
    reader_timeout_s: int = Field(default=300, ge=1)
    reader_tasks_per_child: int = Field(default=20, ge=1)


class ReviewSettings(_Section):
    """Thresholds that send a contract to review."""

    min_confidence: float = Field(default=0.8, ge=0, le=1)
    min_notice_days: int = Field(default=1, ge=0)


class WebSettings(_Section):
    """The review web UI and the health/metrics endpoints."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    enabled: bool = True
    session_hours: float = Field(default=8.0, gt=0)  # a session ends this long after login
    secure_cookies: Literal["auto", "always", "never"] = "auto"  # auto: when https/proxy says
    trust_proxy_headers: bool = False  # believe X-Forwarded-Proto from a reverse proxy
    soft_lock_minutes: int = Field(default=10, ge=1)
    login_lock_after: int = Field(default=10, ge=2)  # failed logins before the account locks
    login_lock_minutes: int = Field(default=15, ge=1)
    image_dpi: int = Field(default=110, ge=36, le=300)
    image_cache_dir: Path = Path("var/page-cache")
    render_timeout_s: float = Field(default=10.0, gt=0)
    render_memory_mb: int = Field(default=1024, ge=64)
    page_size: int = Field(default=50, ge=5, le=500)
    counts_ttl_s: float = Field(default=5.0, ge=0)  # queue badges may lag the pipeline this long


class SchedulerSettings(_Section):
    """How often the jobs run."""

    poll_interval_s: int = Field(default=60, ge=1)
    outbox_interval_s: int = Field(default=15, ge=1)
    # on SIGTERM: the running jobs end after the message in hand; past this the process
    # exits anyway (code 1, every thread's stack on stderr) rather than hang
    stop_timeout_s: float = Field(default=8.0, gt=0)


class QueueSettings(_Section):
    """Where the slow per-message work runs: in the polling process, or as procrastinate jobs
    on worker processes (`mailbox-ingest worker`) that share the PostgreSQL database."""

    kind: Literal["inprocess", "procrastinate"] = "inprocess"
    concurrency: int = Field(default=1, ge=1, le=64)  # jobs at once per worker process
    queue_name: str = Field(default="mailbox-ingest", min_length=1, max_length=100)


class LoggingSettings(_Section):
    """Log level and format."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["json", "text"] = "text"


class Settings(_Section):
    """All settings; build with `load_settings`."""

    database: DatabaseSettings = DatabaseSettings()
    mailbox: MailboxSettings = MailboxSettings()
    outgoing: OutgoingSettings = OutgoingSettings()
    regimes: RegimeSettings = RegimeSettings()
    answers: AnswerSettings = AnswerSettings()
    limits: LimitSettings = LimitSettings()
    review: ReviewSettings = ReviewSettings()
    web: WebSettings = WebSettings()
    scheduler: SchedulerSettings = SchedulerSettings()
    logging: LoggingSettings = LoggingSettings()
    queue: QueueSettings = QueueSettings()


def _resolve_paths(data: dict[str, object], base: Path) -> None:
    """Make relative paths in the file relative to the file's own folder."""
    for section, keys in {
        "mailbox": ("path", "cafile"),
        "outgoing": ("path", "cafile"),
        "mailbox.oauth2": ("refresh_token_file", "cafile", "client_certificate_file"),
        "outgoing.oauth2": ("refresh_token_file", "cafile", "client_certificate_file"),
        "answers": ("template_dir", "letter_dir"),
        "web": ("image_cache_dir",),
    }.items():
        sec: object = data
        for part in section.split("."):
            sec = sec.get(part) if isinstance(sec, dict) else None
        if isinstance(sec, dict):
            for key in keys:
                val = sec.get(key)
                if isinstance(val, str) and val and not Path(val).is_absolute():
                    sec[key] = str(base / val)
    db = data.get("database")
    if isinstance(db, dict):
        url = db.get("url")
        prefix = "sqlite:///"
        if isinstance(url, str) and url.startswith(prefix) and not url.startswith(prefix + "/"):
            rel = url[len(prefix) :]
            if rel and rel != ":memory:":
                db["url"] = prefix + str(base / rel)


def settings_from_dict(data: dict[str, object]) -> Settings:
    """Validate a settings mapping; raise ConfigError naming the first bad key."""
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown setting"
        raise ConfigError(key, msg) from exc
    if settings.queue.kind == "procrastinate" and not settings.database.url.startswith(
        "postgresql"
    ):
        raise ConfigError("queue.kind", "procrastinate needs a PostgreSQL database.url")
    return settings


def load_settings(path: Path | str | None = None) -> Settings:
    """Read the TOML file (argument, then $MAILBOX_INGEST_CONFIG, else defaults) and validate."""
    if path is None:
        env = os.environ.get(CONFIG_ENV)
        path = Path(env) if env else None
    if path is None:
        return Settings()
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError("--config", f"file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"not valid TOML: {exc}") from exc
    _resolve_paths(data, path.resolve().parent)
    return settings_from_dict(data)


def secret_from_env(var: str | None, key: str) -> str:
    """The secret held by environment variable `var`; ConfigError naming `key` if unset."""
    if not var:
        raise ConfigError(key, "no environment variable named")
    value = os.environ.get(var)
    if value is None:
        raise ConfigError(key, f"environment variable {var} is not set")
    return value
