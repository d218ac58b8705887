"""Mail senders: SMTP (with a local journal) and a folder of .eml files (embedded default).

Each sender can tell after a crash whether a mail was delivered: the folder sender by the
file's presence (written by fsync + rename, so it exists whole or not at all), the SMTP
sender by its journal, which records `begin` before DATA and `done` after the server's 250.
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
from mailbox_ingest.errors import SendError


class Sender(Protocol):
    """Hands one mail to the next hop."""

    def send(self, outbox_id: int, sender: str, recipient: str, raw: bytes) -> None:
        """Deliver or raise SendError (permanent or not)."""

    def delivered(self, outbox_id: int) -> bool | None:
        """After a crash: True delivered, False surely not, None cannot tell."""


def _fsync_append(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="ascii") as fh:
        fh.write(line + "\n")
        fh.flush()
        os.fsync(fh.fileno())


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
        os.replace(tmp, final)

    def delivered(self, outbox_id: int) -> bool | None:
        """The file exists exactly when the mail was delivered."""
        return self._final(outbox_id).exists()


class SmtpSender:
    """Send through an SMTP server (SSL, STARTTLS or plain), one connection per mail."""

    def __init__(
        self, settings: OutgoingSettings, journal: Path, tokens: TokenBroker | None = None
    ) -> None:
        self.settings = settings
        self.tokens = tokens if tokens is not None else TokenBroker()
        self.journal = Path(journal)
        self._ctx: ssl.SSLContext | None = None

    def _context(self) -> ssl.SSLContext:
        """The TLS context, built once (loading the CA store costs ~20 ms)."""
        if self._ctx is None:
            cafile = self.settings.cafile
            self._ctx = ssl.create_default_context(cafile=str(cafile) if cafile else None)
        return self._ctx

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        token = None
        if s.username and s.oauth2 is not None:  # before connecting, so nothing is left open
            token = smtp_token(self.tokens.manager(s.oauth2, "outgoing.oauth2"))
        if s.tls == "ssl":
            conn: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.effective_port, timeout=s.timeout_s, context=self._context()
            )
        else:
            conn = smtplib.SMTP(s.host, s.effective_port, timeout=s.timeout_s)
            if s.tls == "starttls":
                conn.starttls(context=self._context())
        conn.ehlo_or_helo_if_needed()  # mail() does not greet, and STARTTLS forgets the EHLO
        if s.username and s.oauth2 is not None and token is not None:
            smtp_login(conn, s.username, token, s.oauth2.mechanism, s.host, s.effective_port)
        elif s.username:
            conn.login(s.username, secret_from_env(s.password_env, "outgoing.password_env"))
        return conn

    def check(self) -> None:
        """Connect and log in, then leave (for `check-config --connect`); SendError if not."""
        try:
            self._connect().quit()
        except (OSError, smtplib.SMTPException) as exc:
            raise SendError(f"SMTP {self.settings.host}:{self.settings.effective_port}: "
                            f"{exc}") from exc

    def send(self, outbox_id: int, sender: str, recipient: str, raw: bytes) -> None:
        """Deliver; 5xx is permanent, anything else is retried later."""
        try:
            conn = self._connect()
        except (OSError, smtplib.SMTPException) as exc:
            raise SendError(f"cannot reach SMTP {self.settings.host}: {exc}") from exc
        try:
            code, msg = conn.mail(sender)
            if code != 250:
                raise SendError(f"MAIL FROM refused: {code} {msg!r}", permanent=code >= 500)
            code, msg = conn.rcpt(recipient)
            if code not in (250, 251):
                raise SendError(f"RCPT TO refused: {code} {msg!r}", permanent=code >= 500)
            _fsync_append(self.journal, f"begin {outbox_id}")
            code, msg = conn.data(_crlf(raw))
            if code != 250:
                raise SendError(f"DATA refused: {code} {msg!r}", permanent=code >= 500)
            _fsync_append(self.journal, f"done {outbox_id}")
        except smtplib.SMTPResponseException as exc:
            raise SendError(
                f"SMTP {exc.smtp_code} {exc.smtp_error!r}", permanent=exc.smtp_code >= 500
            ) from exc
        except (TimeoutError, OSError, smtplib.SMTPException) as exc:
            raise SendError(f"SMTP failed: {exc}") from exc
        finally:
            try:
                conn.quit()
            except (OSError, smtplib.SMTPException):
                conn.close()

    def delivered(self, outbox_id: int) -> bool | None:
        """From the journal: done -> True, begin only -> None, nothing -> False."""
        if not self.journal.exists():
            return False
        seen: set[str] = set()
        with self.journal.open(encoding="ascii", errors="replace") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) == 2 and parts[1] == str(outbox_id):
                    seen.add(parts[0])
        if "done" in seen:
            return True
        return None if "begin" in seen else False


def make_sender(
    settings: OutgoingSettings, journal: Path, tokens: TokenBroker | None = None
) -> Sender:
    """The sender the settings ask for."""
    if settings.kind == "smtp":
        return SmtpSender(settings, journal, tokens)
    return DirectorySender(settings.path)
