"""IMAP mailbox source with imapclient: TLS or STARTTLS, password or XOAUTH2, batched fetch.

Messages are read with BODY.PEEK[] (nothing is marked seen) and moved with MOVE where the
server has it, otherwise COPY + \\Deleted + UID EXPUNGE. Without UIDPLUS there is no way to
expunge only our message (a bare EXPUNGE would also remove mail other clients marked
\\Deleted), so the copied message is left flagged \\Deleted; the inbox listing skips
\\Deleted mail. The header of a mail too large to fetch is read only up to HEAD_LIMIT bytes.

A NO to one message's MOVE/COPY is raised as MessageRefused (that message stays and is tried
again next poll); every other imapclient or socket error is raised as SourceError so the
caller can back off and reconnect.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from collections.abc import Callable
from functools import partial
from typing import Any

import imapclient
import imapclient.exceptions

from mailbox_ingest.auth.broker import TokenBroker
from mailbox_ingest.auth.sasl import imap_login, imap_token
from mailbox_ingest.config import MailboxSettings, secret_from_env
from mailbox_ingest.domain.errors import MessageRefused, SourceError
from mailbox_ingest.intake.base import InboundMessage, MessageKey, RemoteRef

HEAD_LIMIT = 64 * 1024
GONE = ("[EXPUNGEISSUED]", "[NONEXISTENT]")  # RFC 5530: the message is no longer there

IMAP_ERRORS: tuple[type[BaseException], ...] = (
    imapclient.exceptions.IMAPClientError,
    socket.error,
    ssl.SSLError,
    EOFError,
)


def ssl_context(cafile: str | None) -> ssl.SSLContext:
    """A verifying TLS context, trusting `cafile` when given."""
    ctx = ssl.create_default_context(cafile=cafile)
    return ctx


class ImapSource:
    """One IMAP folder; reconnects lazily after a connection error."""

    def __init__(self, settings: MailboxSettings, tokens: TokenBroker | None = None) -> None:
        self.settings = settings
        self.tokens = tokens if tokens is not None else TokenBroker()
        self.account = settings.key_account
        self.folder = settings.folder
        self._client: imapclient.IMAPClient | None = None
        self._uidvalidity = 0
        self._folders: set[str] = set()

    # connection -----------------------------------------------------------------------
    def _new_client(self) -> imapclient.IMAPClient:
        s = self.settings
        token = None
        if s.oauth2 is not None:  # before connecting: no socket left open when it fails
            token = imap_token(self.tokens.manager(s.oauth2, "mailbox.oauth2"))
        cafile = str(s.cafile) if s.cafile else None
        use_ssl = s.tls == "ssl"
        client = imapclient.IMAPClient(
            s.host,
            port=s.effective_port,
            ssl=use_ssl,
            ssl_context=ssl_context(cafile) if use_ssl else None,
            timeout=s.timeout_s,
        )
        client.normalise_times = False
        if s.tls == "starttls":
            client.starttls(ssl_context(cafile))
        if s.oauth2 is not None and token is not None:
            imap_login(client, s.username, token, s.oauth2.mechanism)
        else:
            password = secret_from_env(s.password_env, "mailbox.password_env")
            client.login(s.username, password)
        return client

    def connect(self) -> None:
        """Log in and select the folder; raise SourceError when the server is unreachable.

        A connection kept from an earlier poll is checked with a NOOP first: after the server
        restarted it is dead, which is no reason to fail this poll.
        """
        if self._client is not None:
            try:
                self._client.noop()
                return
            except IMAP_ERRORS:
                self.close()
        self._open()

    def _open(self) -> None:
        """Log in and select the folder unless connected."""
        if self._client is not None:
            return
        try:
            client = self._new_client()
            info = client.select_folder(self.folder)
            self._uidvalidity = int(info.get(b"UIDVALIDITY", 0))
            self._folders = {str(f[2]) for f in client.list_folders()}
        except IMAP_ERRORS as exc:
            raise SourceError(f"IMAP {self.account}: {exc}") from exc
        self._client = client

    def close(self) -> None:
        """Log out, ignoring a connection that is already gone."""
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # noqa: BLE001 - a dead connection needs no clean logout
            try:  # noqa: SIM105 - a failed shutdown of a dead connection changes nothing
                client.shutdown()
            except Exception:  # noqa: BLE001, S110
                pass

    def _call(self, fn: Callable[[imapclient.IMAPClient], Any]) -> Any:
        self._open()
        assert self._client is not None
        try:
            return fn(self._client)
        except IMAP_ERRORS as exc:
            self.close()
            raise SourceError(f"IMAP {self.account}: {exc}") from exc

    # protocol ---------------------------------------------------------------------------
    def uidvalidity(self) -> int:
        """The UIDVALIDITY of the selected folder (re-read on each call)."""

        def get(c: imapclient.IMAPClient) -> int:
            status = c.folder_status(self.folder, [b"UIDVALIDITY"])
            return int(status[b"UIDVALIDITY"])

        self._uidvalidity = self._call(get)
        return self._uidvalidity

    def list_waiting(self) -> list[RemoteRef]:
        """UIDs, sizes and INTERNALDATEs of every message in the folder, oldest UID first."""

        def run(c: imapclient.IMAPClient) -> list[RemoteRef]:
            c.noop()
            uids = sorted(c.search(["UNDELETED"]))
            refs: list[RemoteRef] = []
            batch = self.settings.batch_size * 10
            for i in range(0, len(uids), batch):
                chunk = uids[i : i + batch]
                data = c.fetch(chunk, [b"RFC822.SIZE", b"INTERNALDATE"])
                for uid in chunk:
                    item = data.get(uid)
                    if item is None:
                        continue  # expunged meanwhile
                    refs.append(
                        RemoteRef(
                            MessageKey(self.account, self.folder, self._uidvalidity, str(uid)),
                            int(item.get(b"RFC822.SIZE", 0)),
                            _aware(item.get(b"INTERNALDATE")),
                        )
                    )
            return refs

        self.uidvalidity()
        refs: list[RemoteRef] = self._call(run)
        return refs

    def fetch(self, refs: list[RemoteRef], max_bytes: int) -> list[InboundMessage]:
        """BODY.PEEK[] for the messages within max_bytes, in batches; raw None for the rest."""
        small = [int(r.key.uid) for r in refs if r.size <= max_bytes]
        bodies: dict[int, bytes] = {}
        step = self.settings.batch_size
        for i in range(0, len(small), step):
            chunk = small[i : i + step]
            data = self._call(partial(_fetch_bodies, uids=chunk))
            for uid, item in data.items():
                body = item.get(b"BODY[]")
                if body is not None:
                    bodies[int(uid)] = bytes(body)
        large = [int(r.key.uid) for r in refs if r.size > max_bytes]
        heads: dict[int, bytes] = {}
        if large:
            part = f"BODY.PEEK[HEADER]<0.{HEAD_LIMIT}>".encode()
            data = self._call(lambda c: c.fetch(large, [part]))
            for uid, item in data.items():
                head = item.get(b"BODY[HEADER]<0>", item.get(b"BODY[HEADER]"))
                if head is not None:
                    heads[int(uid)] = bytes(head)[:HEAD_LIMIT]
        out: list[InboundMessage] = []
        for ref in refs:
            uid = int(ref.key.uid)
            if ref.size <= max_bytes and uid not in bodies:
                continue  # vanished between list and fetch
            out.append(
                InboundMessage(ref.key, bodies.get(uid), ref.size, ref.received_at, heads.get(uid))
            )
        return out

    def move(self, key: MessageKey, target_folder: str) -> None:
        """Move one message to the target folder (created if missing)."""

        def run(c: imapclient.IMAPClient) -> None:
            if target_folder not in self._folders:
                if not c.folder_exists(target_folder):
                    c.create_folder(target_folder)
                self._folders.add(target_folder)
            uid = int(key.uid)
            try:
                if c.has_capability("MOVE"):
                    c.move([uid], target_folder)
                    return
                c.copy([uid], target_folder)
            except imapclient.exceptions.IMAPClientAbortError:
                raise  # the connection, not the message
            except imapclient.exceptions.IMAPClientError as exc:
                if any(code in str(exc) for code in GONE):
                    return  # another client (a second daemon) moved it already
                raise MessageRefused(
                    f"{key}: move to {target_folder} refused: {exc}", message_key=str(key)
                ) from exc
            c.delete_messages([uid])
            if c.has_capability("UIDPLUS"):
                c.uid_expunge([uid])
            # else: left flagged \\Deleted; a bare EXPUNGE would take other clients' mail too

        if key.uidvalidity != self._uidvalidity:
            return  # the UID no longer names this message; it will be listed again
        self._call(run)

    def idle_wait(self, timeout_s: int) -> bool:
        """Block in IDLE up to timeout_s; True when the server announced a change."""

        def run(c: imapclient.IMAPClient) -> bool:
            # mail delivered while we were out of IDLE is announced to the next command
            responses: list[Any] = list(c.noop()[1])
            if _announces_mail(responses):
                return True
            c.idle()
            try:
                responses += c.idle_check(timeout=timeout_s)
            finally:
                # a mail delivered while leaving IDLE is announced in DONE's responses
                responses += c.idle_done()[1]
            return _announces_mail(responses)

        return bool(self._call(run))

    def supports_idle(self) -> bool:
        """Whether the server offers IDLE."""
        return bool(self._call(lambda c: c.has_capability("IDLE")))


def _announces_mail(responses: list[Any]) -> bool:
    """EXISTS with a count above zero: new mail (RECENT and EXPUNGE follow our own moves)."""
    return any(
        isinstance(r, tuple) and len(r) > 1 and r[1] == b"EXISTS" and int(r[0]) > 0
        for r in responses
    )


def _fetch_bodies(c: imapclient.IMAPClient, uids: list[int]) -> Any:
    return c.fetch(uids, [b"BODY.PEEK[]"])


def _aware(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            # imapclient returns naive local time unless normalise_times is off; treat as local
            return value.astimezone(dt.UTC)
        return value.astimezone(dt.UTC)
    return dt.datetime.now(dt.UTC)
