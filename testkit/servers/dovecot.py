"""A private Dovecot IMAP server in a temporary directory, owned and stopped by the tests.

The server writes its own configuration (no includes), accepts plain IMAP with STARTTLS on
``port`` and implicit TLS on ``ssl_port``, and stores mail as Maildir owned by a ``vmail``
system user (mail access as root is refused by Dovecot).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import grp
import os
import pwd
import re
import shutil
import signal
import ssl
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

from imapclient import IMAPClient

from testkit.servers import (
    LOOPBACK,
    ServerUnavailable,
    free_ports,
    make_certificate,
    wait_for_port,
)

MAIL_USER = "vmail"
_APPENDUID = re.compile(rb"\[APPENDUID \d+ (\d+)\]")
_START_ATTEMPTS = 25


def _mail_identity() -> tuple[int, int, str]:
    """Return uid, gid and name that own the mail; as root, create ``vmail`` when missing."""
    if os.geteuid() != 0:
        entry = pwd.getpwuid(os.geteuid())
        return entry.pw_uid, entry.pw_gid, entry.pw_name
    try:
        entry = pwd.getpwnam(MAIL_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", MAIL_USER], check=True, capture_output=True)
        entry = pwd.getpwnam(MAIL_USER)
    return entry.pw_uid, entry.pw_gid, entry.pw_name


class DovecotServer:
    """One Dovecot instance with its own config, users, certificate and loopback ports."""

    def __init__(
        self,
        directory: Path | str,
        imap_capability: str | None = None,
        *,
        oauth2_introspection_url: str | None = None,
    ) -> None:
        """Prepare the server files in ``directory`` (traversable by the mail user).

        ``imap_capability`` replaces the capabilities announced after login (to test a
        client against a server without MOVE or UIDPLUS, say). With
        ``oauth2_introspection_url``, XOAUTH2 and OAUTHBEARER logins are accepted too,
        checked by an ``oauth2`` passdb that POSTs the token to that URL.
        """
        self.imap_capability = imap_capability
        self.oauth2_introspection_url = oauth2_introspection_url
        binary = shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/sbin")
        if binary is None:
            raise ServerUnavailable("the dovecot binary is not installed (dovecot-imapd)")
        self.binary = binary
        self.dir = Path(directory).resolve()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.dir.chmod(0o755)
        self.host = LOOPBACK
        self.port, self.ssl_port = free_ports(2)
        self.uid, self.gid, self.mail_user = _mail_identity()
        self.mail_dir = self.dir / "mail"
        self.mail_dir.mkdir(exist_ok=True)
        os.chown(self.mail_dir, self.uid, self.gid)
        self.users_dir = self.dir / "users"
        self.users_dir.mkdir(exist_ok=True)
        self.log_file = self.dir / "dovecot.log"
        self.cafile, self._keyfile = make_certificate(self.dir)
        self.config_file = self.dir / "dovecot.conf"
        self.config_file.write_text(self._config())
        self._passwords: dict[str, str] = {}
        self._process: subprocess.Popen[bytes] | None = None

    def _config(self) -> str:
        """Render the complete dovecot.conf text."""
        as_root = os.geteuid() == 0
        group = grp.getgrgid(self.gid).gr_name
        service_user, service_group = ("dovecot", "dovecot") if as_root else (self.mail_user, group)
        login_user = "dovenull" if as_root else self.mail_user
        chroot = "" if as_root else "  chroot =\n"
        return f"""\
base_dir = {self.dir}/run
state_dir = {self.dir}/state
log_path = {self.log_file}
listen = {self.host}
protocols = imap
default_internal_user = {service_user}
default_internal_group = {service_group}
default_login_user = {login_user}
first_valid_uid = {min(self.uid, 100) or 1}
first_valid_gid = {min(self.gid, 100) or 1}
disable_plaintext_auth = no
auth_mechanisms = plain login{self._oauth2_passdb()}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {self.users_dir}/%Lu
}}
userdb {{
  driver = static
  args = uid={self.uid} gid={group} home={self.mail_dir}/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
mail_max_userip_connections = 100
{f"imap_capability = {self.imap_capability}" if self.imap_capability else ""}
mailbox_idle_check_interval = 1 secs
mail_fsync = never
ssl = yes
ssl_cert = <{self.cafile}
ssl_key = <{self._keyfile}
service imap-login {{
  inet_listener imap {{
    port = {self.port}
  }}
  inet_listener imaps {{
    port = {self.ssl_port}
    ssl = yes
  }}
{chroot}}}
service anvil {{
{chroot}}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""

    def _oauth2_passdb(self) -> str:
        """The extra mechanisms and oauth2 passdb (with its args file), or nothing."""
        if not self.oauth2_introspection_url:
            return ""
        args = self.dir / "dovecot-oauth2.conf.ext"
        args.write_text(
            "introspection_mode = post\n"
            f"introspection_url = {self.oauth2_introspection_url}\n"
            "username_attribute = username\n"
            "active_attribute = active\n"
            "active_value = true\n"
            "force_introspection = yes\n"
        )
        return (
            " xoauth2 oauthbearer\npassdb {\n  driver = oauth2\n"
            f"  mechanisms = xoauth2 oauthbearer\n  args = {args}\n}}"
        )

    # -- process control ----------------------------------------------------------------

    def start(self) -> None:
        """Start Dovecot in the foreground and wait until both ports accept connections."""
        for _ in range(_START_ATTEMPTS):
            output = self.dir / "dovecot.out"
            with output.open("wb") as sink:
                process = subprocess.Popen(
                    [self.binary, "-F", "-c", str(self.config_file)],
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            deadline = time.monotonic() + 10
            while process.poll() is None and time.monotonic() < deadline:
                if wait_for_port(self.host, self.port, 0.05) and wait_for_port(
                    self.host, self.ssl_port, 0.05
                ):
                    self._process = process
                    return
            if process.poll() is None:
                process.kill()
                process.wait()
            text = output.read_text(errors="replace")
            if "already running" not in text:
                raise ServerUnavailable(f"dovecot did not start: {text.strip() or self.log()}")
            time.sleep(0.2)
        raise ServerUnavailable("dovecot stayed 'already running' after the previous stop")

    def stop(self) -> None:
        """Send SIGTERM, wait for Dovecot to exit, and end what is left of its children."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        # imap processes that outlive the master still serve their clients: a stopped server
        # drops every connection
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    def restart(self) -> None:
        """Stop and start again on the same ports (retries while Dovecot says it still runs)."""
        self.stop()
        self.start()

    @property
    def running(self) -> bool:
        """Tell whether the Dovecot master process is alive."""
        return self._process is not None and self._process.poll() is None

    def log(self) -> str:
        """Return the server log text (useful in assertion messages)."""
        return self.log_file.read_text(errors="replace") if self.log_file.exists() else ""

    def __enter__(self) -> DovecotServer:
        """Start the server for a ``with`` block."""
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop the server at the end of a ``with`` block."""
        self.stop()

    # -- users and mail -----------------------------------------------------------------

    def add_user(self, name: str, password: str) -> None:
        """Add a login (or change its password) in a passwd-file of its own.

        One file per user, because Dovecot checks a passwd-file for changes at most once a
        second: a user added to a shared file right after a lookup would be unknown.
        """
        if any(c in name + password for c in ":/\n") or name.startswith("."):
            raise ValueError("user names and passwords may not contain ':', '/' or newlines")
        self._passwords[name] = password
        entry = self.users_dir / name.lower()
        entry.write_text(f"{name.lower()}:{{PLAIN}}{password}\n")

    def ssl_context(self) -> ssl.SSLContext:
        """Return a client TLS context that trusts this server's certificate."""
        return ssl.create_default_context(cafile=str(self.cafile))

    def imap_client(self, user: str, *, tls: bool = False, starttls: bool = False) -> IMAPClient:
        """Return an ``IMAPClient`` logged in as ``user`` (plain, implicit TLS or STARTTLS)."""
        if tls:
            client = IMAPClient(
                self.host, self.ssl_port, ssl=True, ssl_context=self.ssl_context(), timeout=10
            )
        else:
            client = IMAPClient(self.host, self.port, ssl=False, timeout=10)
        try:
            if starttls and not tls:
                client.starttls(self.ssl_context())
            client.login(user, self._passwords[user])
        except BaseException:
            client.shutdown()
            raise
        return client

    def append(
        self,
        user: str,
        folder: str,
        raw: bytes,
        flags: Iterable[str | bytes] = (),
        msg_time: dt.datetime | None = None,
    ) -> int | None:
        """Append one message (creating the folder if needed); return its UID when known."""
        with self.imap_client(user) as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            response = client.append(folder, raw, flags=tuple(flags), msg_time=msg_time)
            return _appended_uid(response)

    def list_messages(self, user: str, folder: str = "INBOX") -> list[bytes]:
        """Return the raw bytes of every message in ``folder`` in UID order, leaving flags."""
        with self.imap_client(user) as client:
            client.select_folder(folder, readonly=True)
            uids = sorted(client.search("ALL"))
            if not uids:
                return []
            data = client.fetch(uids, ["BODY.PEEK[]"])
            return [data[uid][b"BODY[]"] for uid in uids]

    def folders(self, user: str) -> list[str]:
        """Return the names of the user's folders."""
        with self.imap_client(user) as client:
            return [name for _flags, _sep, name in client.list_folders()]

    def uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        """Return the folder's current UIDVALIDITY."""
        with self.imap_client(user) as client:
            return int(client.folder_status(folder, [b"UIDVALIDITY"])[b"UIDVALIDITY"])

    def change_uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        """Give ``folder`` a new UIDVALIDITY, keeping its messages; return the new value."""
        if folder.upper() == "INBOX":
            self._reset_inbox_indexes(user)
        else:
            self._recreate_folder(user, folder)
        return self.uidvalidity(user, folder)

    def _recreate_folder(self, user: str, folder: str) -> None:
        """Copy a folder's messages out, delete and recreate it, and put them back."""
        with self.imap_client(user) as client:
            client.select_folder(folder, readonly=True)
            uids = sorted(client.search("ALL"))
            data = client.fetch(uids, ["BODY.PEEK[]", "FLAGS", "INTERNALDATE"]) if uids else {}
            client.unselect_folder()
            client.delete_folder(folder)
            client.create_folder(folder)
            for uid in uids:
                item = data[uid]
                flags = [f for f in item[b"FLAGS"] if f != b"\\Recent"]
                client.append(folder, item[b"BODY[]"], flags=flags, msg_time=item[b"INTERNALDATE"])

    def _reset_inbox_indexes(self, user: str) -> None:
        """While stopped, delete the INBOX uidlist and indexes so Dovecot renumbers it."""
        self.stop()
        maildir = self.mail_dir / user.lower() / "Maildir"
        for pattern in ("dovecot-uidlist", "dovecot.index*", "dovecot.list.index*"):
            for path in maildir.glob(pattern):
                path.unlink()
        self.start()


def _appended_uid(response: bytes) -> int | None:
    """Read the UID out of an APPENDUID response code such as ``[APPENDUID 17 3]``."""
    found = _APPENDUID.search(response)
    return int(found.group(1)) if found else None
