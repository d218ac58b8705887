"""An SMTP sink on a loopback port that keeps every message it receives, for tests.

It runs aiosmtpd in a background thread. A test can make the next DATA commands fail with a
temporary (4xx) or permanent (5xx) reply, make the next accepted message stall before its
reply (the client times out) or drop the connection instead of replying (in both cases the
message is kept: the server did take it), refuse every transaction at MAIL FROM (a server
that turns all mail away for a while, with a 4xx or a 5xx), or stop the sink to simulate a
server that is down and start it again on the same port.
"""

from __future__ import annotations

import asyncio
import base64
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from testkit.servers import LOOPBACK, free_ports


@dataclass(frozen=True)
class ReceivedMessage:
    """One message as the sink received it: envelope and content."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    message: EmailMessage


class _SinkHandler:
    """aiosmtpd handler that stores messages or answers DATA with a simulated failure."""

    def __init__(self, sink: SmtpSink) -> None:
        """Remember the sink that owns the received messages."""
        self._sink = sink

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        """XOAUTH2 (offered only when the sink checks bearer tokens)."""
        if len(args) > 1:
            blob: object = args[1].encode("ascii")
        else:
            blob = await server.challenge_auth("", encode_to_b64=False)
        if not isinstance(blob, bytes) or self._sink.bearer_check is None:
            return AuthResult(success=False, handled=False)
        try:
            text = base64.b64decode(blob).decode("utf-8")
        except ValueError:
            return AuthResult(success=False, handled=False)
        fields = dict(part.split("=", 1) for part in text.split("\x01") if "=" in part)
        user, token = fields.get("user", ""), fields.get("auth", "").removeprefix("Bearer ")
        ok = self._sink.bearer_check(user, token)
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

    async def handle_MAIL(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        mail_options: list[str],
    ) -> str:
        """Accept the sender, unless the sink refuses every transaction just now."""
        refusal = self._sink.refusing
        if refusal is not None:
            return refusal
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        """Store the message, or return the failure reply the test asked for."""
        failure = self._sink._take_failure()
        if failure is not None:
            return failure
        content = envelope.content
        raw = content if isinstance(content, bytes) else str(content).encode("utf-8")
        parsed = BytesParser(policy=default_policy).parsebytes(raw)
        assert isinstance(parsed, EmailMessage)
        self._sink._store(
            ReceivedMessage(
                mail_from=envelope.mail_from or "",
                rcpt_tos=tuple(envelope.rcpt_tos),
                raw=raw,
                message=parsed,
            )
        )
        trouble = self._sink._take_trouble()
        if trouble == "drop" and isinstance(server.transport, asyncio.Transport):
            server.transport.abort()  # the message is kept, the client never hears
        elif trouble is not None:
            await asyncio.sleep(float(trouble))
        return "250 2.0.0 Message accepted for delivery"


class SmtpSink:
    """A local SMTP server that accepts everything and lets tests inspect what arrived."""

    def __init__(
        self,
        host: str = LOOPBACK,
        port: int | None = None,
        *,
        logins: dict[str, str] | None = None,
        bearer_check: Callable[[str, str], bool] | None = None,
    ) -> None:
        """Choose the address; call ``start()`` (or use ``with``) to begin listening.

        With ``logins`` (user -> password) or ``bearer_check`` (user, token -> valid?) the
        sink offers AUTH (PLAIN and LOGIN, XOAUTH2) without TLS and requires nothing else.
        """
        self.logins = logins
        self.bearer_check = bearer_check
        self.host = host
        self.port = port if port is not None else free_ports(1, host)[0]
        self.messages: list[ReceivedMessage] = []
        self._condition = threading.Condition()
        self._failures: list[str] = []
        self._troubles: list[str] = []
        self._controller: Controller | None = None
        self.refusing: str | None = None  # the reply to every MAIL FROM while set

    def start(self) -> None:
        """Begin listening on the sink's port (the same port after a ``stop()``)."""
        if self._controller is not None:
            return
        controller = Controller(
            _SinkHandler(self),
            hostname=self.host,
            port=self.port,
            server_hostname="sink.example.test",
            enable_SMTPUTF8=True,
            ready_timeout=10,
            **self._auth_options(),
        )
        controller.start()
        self._controller = controller

    def _auth_options(self) -> dict[str, Any]:
        """Controller options for AUTH, when the sink checks logins or tokens."""
        if self.logins is None and self.bearer_check is None:
            return {}
        return {"authenticator": self._check_login, "auth_require_tls": False}

    def _check_login(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        """PLAIN and LOGIN against ``logins``."""
        if not isinstance(auth_data, LoginPassword) or self.logins is None:
            return AuthResult(success=False, handled=False)
        user = auth_data.login.decode("utf-8", "replace")
        ok = self.logins.get(user) == auth_data.password.decode("utf-8", "replace")
        return AuthResult(success=ok, handled=False)

    def stop(self) -> None:
        """Stop listening, so that connections are refused until ``start()``."""
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    @property
    def running(self) -> bool:
        """Tell whether the sink is listening."""
        return self._controller is not None

    def fail_next(self, count: int = 1, code: int = 451) -> None:
        """Answer the next ``count`` DATA commands with ``code`` instead of accepting them."""
        if not 400 <= code < 600:
            raise ValueError("a simulated failure needs a 4xx or 5xx code")
        status = "4.3.0 Temporary failure" if code < 500 else "5.7.1 Permanent failure"
        with self._condition:
            self._failures.extend([f"{code} {status} (simulated)"] * count)

    def refuse_all(self, code: int | None) -> None:
        """Answer every MAIL FROM with ``code`` (4xx or 5xx) until called with None."""
        if code is None:
            self.refusing = None
            return
        if not 400 <= code < 600:
            raise ValueError("a refusal needs a 4xx or 5xx code")
        status = "4.3.2 System not accepting mail" if code < 500 else "5.3.2 Service refused"
        self.refusing = f"{code} {status} (simulated)"

    def stall_next(self, seconds: float) -> None:
        """Keep the next message but wait ``seconds`` before replying to its data."""
        with self._condition:
            self._troubles.append(str(seconds))

    def drop_next(self) -> None:
        """Keep the next message but close the connection instead of replying to its data."""
        with self._condition:
            self._troubles.append("drop")

    def _take_trouble(self) -> str | None:
        """Pop the next stall or drop, if any."""
        with self._condition:
            return self._troubles.pop(0) if self._troubles else None

    def wait_for(self, count: int, timeout: float = 5.0) -> list[ReceivedMessage]:
        """Wait until at least ``count`` messages arrived; return them or raise TimeoutError."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while len(self.messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(
                        f"expected {count} message(s), received {len(self.messages)}"
                    )
                self._condition.wait(remaining)
            return list(self.messages)

    def clear(self) -> None:
        """Forget received messages and pending simulated failures."""
        with self._condition:
            self.messages.clear()
            self._failures.clear()
            self._troubles.clear()

    def _take_failure(self) -> str | None:
        """Pop the next simulated failure reply, if any."""
        with self._condition:
            return self._failures.pop(0) if self._failures else None

    def _store(self, received: ReceivedMessage) -> None:
        """Record a message and wake up waiters."""
        with self._condition:
            self.messages.append(received)
            self._condition.notify_all()

    def __enter__(self) -> SmtpSink:
        """Start the sink for a ``with`` block."""
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        """Stop the sink at the end of a ``with`` block."""
        self.stop()
