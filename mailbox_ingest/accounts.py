"""Staff accounts of the web UI: argon2 password hashes (pwdlib), add/edit users, logins.

Logins slow down and lock: from the third failed attempt in a row each further one waits a
little longer (the caller sleeps `delay`), and after `lock_after` the account is locked for
`lock_minutes`. A name that does not exist costs the same hash work as one that does.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from pwdlib import PasswordHash
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from mailbox_ingest.domain.enums import AuditAction, UserRole
from mailbox_ingest.domain.errors import MailboxIngestError
from store.models import AuditEntry, User, WebSession, utcnow

HASHER = PasswordHash.recommended()


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the name is unknown (same cost as a real check)."""
    return HASHER.hash("not a password anyone has")


MIN_PASSWORD = 10


class AccountError(MailboxIngestError):
    """An account command that cannot be applied (weak password, unknown user...)."""


@dataclass(frozen=True, slots=True)
class LoginResult:
    """The outcome of a login attempt: the user, or why not and how long to wait."""

    user: User | None
    locked: bool = False
    delay_s: float = 0.0


def _update_user(
    session: Session, user: User, role: UserRole, password: str | None, active: bool
) -> None:
    """Set role and active on an existing user and the password when given (which clears a
    lock); a new password or a deactivation ends the user's web sessions."""
    user.role, user.active = role.value, active
    if password is not None:
        user.password_hash, user.failed_logins, user.locked_until = (
            HASHER.hash(password),
            0,
            None,
        )
    if password is not None or not active:
        session.execute(delete(WebSession).where(WebSession.user_id == user.id))


def save_user(
    session: Session,
    name: str,
    role: UserRole,
    password: str | None,
    actor: str,
    *,
    active: bool = True,
) -> User:
    """Add a user or update one (role, active, and the password when given)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise AccountError("a user name is 1 to 100 characters")
    if password is not None and len(password) < MIN_PASSWORD:
        raise AccountError(f"a password has at least {MIN_PASSWORD} characters")
    user = session.execute(select(User).where(User.name == name)).scalar_one_or_none()
    if user is None:
        if password is None:
            raise AccountError("a new user needs a password")
        user = User(
            name=name,
            role=role.value,
            password_hash=HASHER.hash(password),
            active=active,
            failed_logins=0,
        )
        session.add(user)
    else:
        _update_user(session, user, role, password, active)
    session.add(
        AuditEntry(
            actor=actor,
            action=AuditAction.USER_SAVED.value,
            details={
                "user": name,
                "role": role.value,
                "active": str(active),
                "password_changed": str(password is not None),
            },
        )
    )
    session.flush()
    return user


def check_login(
    session: Session, name: str, password: str, *, lock_after: int, lock_minutes: int
) -> LoginResult:
    """Verify a login, counting failures; a locked or inactive account never gets in."""
    user = session.execute(select(User).where(User.name == name.strip())).scalar_one_or_none()
    if user is None:
        HASHER.verify(password, _dummy_hash())
        return LoginResult(None, delay_s=0.5)
    now = utcnow()
    if user.locked_until is not None and user.locked_until > now:
        return LoginResult(None, locked=True)
    ok, new_hash = HASHER.verify_and_update(password, user.password_hash)
    if ok and user.active:
        user.failed_logins, user.locked_until = 0, None
        if new_hash:
            user.password_hash = new_hash
        return LoginResult(user)
    user.failed_logins += 1
    if user.failed_logins >= lock_after:
        user.locked_until = now + dt.timedelta(minutes=lock_minutes)
        user.failed_logins = 0
        return LoginResult(None, locked=True)
    return LoginResult(
        None,
        delay_s=min(0.25 * 2 ** max(user.failed_logins - 2, 0), 4.0)
        if user.failed_logins >= 3
        else 0.0,
    )
