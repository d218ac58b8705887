"""Mail senders: SMTP (with the send journal in the database) and a folder of .eml files.

Each sender can tell after a crash whether a mail was delivered: the folder sender by the
file's presence (written by fsync + rename, so it exists whole or not at all), the SMTP
sender by the send journal (`store/journal.py`), which records `begin` before DATA and `done`
after the server's 250.

Failures are sorted by what they mean for the row:
- the server cannot be reached, refuses our login, says 421 (closing) or refuses our own
  sender address at MAIL FROM (4xx or 5xx: it then turns every mail away, whichever it is):
  SmtpUnavailable, the outbox pauses and no row is charged;
- RCPT TO refused: this row's failure (4xx retried, 5xx permanent);
- after `begin`, a timeout or a dropped connection: `uncertain`, the data may be delivered;
  an explicit 4xx/5xx reply to the data is the server's word that it did not take the mail.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from pathlib import Path
from typing import Protocol

from mailbox_ingest.auth.broker import TokenBroker
from mailbox_ingest.auth.sasl import smtp_login, smtp_token
from mailbox_ingest.config import OutgoingSettings, secret_from_env
from mailbox_ingest.domain.enums import JournalEvent
from mailbox_ingest.domain.errors import (
    ClaimLost,
    ConfigError,
    SendError,
    SmtpUnavailable,
    TokenError,
)
from store.journal import SendJournal

SERVICE_CLOSING = 421


class Sender(Protocol):
    """Hands one mail to the next hop."""

    def send(self, outbox_id: int, sender: str, recipient: str, raw: bytes) -> None:
        """Deliver or raise SendError (permanent or not)."""

    def delivered(self, outbox_id: int) -> bool | None:
        """After a crash: True delivered, False surely not, None cannot tell."""


def _crlf(raw: bytes) -> bytes:
    """The mail with CRLF line ends, as SMTP requires (smtplib sends bytes unchanged)."""
    return re.sub(rb"\r?\n", b"\r\n", raw)


class DirectorySender:
    """Write each mail as `<outbox id>.eml` in a folder."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _final(self, outbox_id: int) -> Path:
        return self.path / f"{outbox_id:08d}.eml"

    def send(self, outbox_id: int, sender: str, recipient: str, raw: bytes) -> None:
        """Write atomically: temp file, fsync, rename."""
        self.path.mkdir(parents=True, exist_ok=True)
        final = self._final(outbox_id)
        tmp = final.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)  # noqa: PTH105 - the atomic publish of a written .eml file

    def delivered(self, outbox_id: int) -> bool | None:
        """The file exists exactly when the mail was delivered."""
        return self._final(outbox_id).exists()


class SmtpSender:
    """Send through an SMTP server (SSL, STARTTLS or plain), one connection per mail."""

    def __init__(
        self,
        settings: OutgoingSettings,
        journal: SendJournal | None,
        tokens: TokenBroker | None = None,
    ) -> None:
        """A sender that journals every send; with no journal it can only `check()`."""
        self.settings = settings
        self._journal = journal
        self.tokens = tokens if tokens is not None else TokenBroker()
        self._ctx: ssl.SSLContext | None = None

    def _context(self) -> ssl.SSLContext:
        """The TLS context, built once (loading the CA store costs ~20 ms)."""
        if self._ctx is None:
            cafile = self.settings.cafile
            self._ctx = ssl.create_default_context(cafile=str(cafile) if cafile else None)
        return self._ctx

    @property
    def journal(self) -> SendJournal:
        """The send journal; a sender built only to check the connection has none."""
        if self._journal is None:
            raise SendError("this SMTP sender has no send journal: it only checks", permanent=True)
        return self._journal

    def _connect(self) -> smtplib.SMTP:
        """Connect, greet, log in; any failure here is the server's, not a message's."""
        s = self.settings
        conn: smtplib.SMTP | None = None
        try:
            token = None
            if s.username and s.oauth2 is not None:  # before connecting: nothing left open
                token = smtp_token(self.tokens.manager(s.oauth2, "outgoing.oauth2"))
            if s.tls == "ssl":
                conn = smtplib.SMTP_SSL(
                    s.host, s.effective_port, timeout=s.timeout_s, context=self._context()
                )
            else:
                conn = smtplib.SMTP(s.host, s.effective_port, timeout=s.timeout_s)
                if s.tls == "starttls":
                    conn.starttls(context=self._context())
            conn.ehlo_or_helo_if_needed()  # mail() does not greet; STARTTLS forgets the EHLO
            if s.username and s.oauth2 is not None and token is not None:
                smtp_login(conn, s.username, token, s.oauth2.mechanism, s.host, s.effective_port)
            elif s.username:
                conn.login(s.username, secret_from_env(s.password_env, "outgoing.password_env"))
        except (OSError, smtplib.SMTPException, ConfigError, TokenError) as exc:
            if conn is not None:
                conn.close()
            raise SmtpUnavailable(f"cannot use SMTP {s.host}:{s.effective_port}: {exc}") from exc
        return conn

    def check(self) -> None:
        """Connect and log in, then leave (for `check-config --connect`); SendError if not."""
        try:
            self._connect().quit()
        except (OSError, smtplib.SMTPException, SmtpUnavailable) as exc:
            cause = exc.__cause__ if isinstance(exc, SmtpUnavailable) and exc.__cause__ else exc
            raise SendError(
                f"SMTP {self.settings.host}:{self.settings.effective_port}: {cause}"
            ) from exc

    def send(self, outbox_id: int, sender: str, recipient: str, raw: bytes) -> None:
        """Deliver, or raise SendError saying whose failure it is and whether it may be out."""
        conn = self._connect()
        try:
            self._envelope(conn, sender, recipient)
            if not self.journal.begin(outbox_id):
                raise ClaimLost(f"outbox {outbox_id} is no longer claimed by this process")
            self._data(conn, outbox_id, raw)
        finally:
            try:
                conn.quit()
            except (OSError, smtplib.SMTPException):
                conn.close()

    def _envelope(self, conn: smtplib.SMTP, sender: str, recipient: str) -> None:
        """MAIL FROM and RCPT TO; nothing of the message has left yet."""
        try:
            code, msg = conn.mail(sender)
            if code != 250:  # our own sender refused: the server's state, not this mail's
                raise SmtpUnavailable(f"MAIL FROM refused: {code} {msg!r}")
            code, msg = conn.rcpt(recipient)
            if code == SERVICE_CLOSING:
                raise SmtpUnavailable(f"RCPT TO: {code} {msg!r}")
            if code not in (250, 251):
                raise SendError(f"RCPT TO refused: {code} {msg!r}", permanent=code >= 500)
        except (OSError, smtplib.SMTPException) as exc:
            raise SmtpUnavailable(f"SMTP failed before the data: {exc}") from exc

    def _data(self, conn: smtplib.SMTP, outbox_id: int, raw: bytes) -> None:
        """DATA, after the journal's begin: only an explicit reply proves the outcome."""
        try:
            code, msg = conn.data(_crlf(raw))
        except smtplib.SMTPDataError as exc:  # DATA itself refused: no data was sent
            self.journal.record(outbox_id, JournalEvent.REFUSED)
            raise SendError(
                f"DATA refused: {exc.smtp_code} {exc.smtp_error!r}", permanent=exc.smtp_code >= 500
            ) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise SendError(
                f"SMTP failed after the data was handed over ({exc or type(exc).__name__}); "
                "it may have been delivered",
                uncertain=True,
            ) from exc
        if code != 250:
            self.journal.record(outbox_id, JournalEvent.REFUSED)
            raise SendError(f"data refused: {code} {msg!r}", permanent=code >= 500)
        try:
            self.journal.record(outbox_id, JournalEvent.DONE)
        except Exception as exc:
            raise SendError(f"delivered, but the journal failed: {exc}", uncertain=True) from exc

    def delivered(self, outbox_id: int) -> bool | None:
        """From the journal: done -> True, begin only -> None, nothing -> False."""
        return self.journal.delivered(outbox_id)


def make_sender(
    settings: OutgoingSettings, journal: SendJournal, tokens: TokenBroker | None = None
) -> Sender:
    """The sender the settings ask for."""
    if settings.kind == "smtp":
        return SmtpSender(settings, journal, tokens)
    return DirectorySender(settings.path)
