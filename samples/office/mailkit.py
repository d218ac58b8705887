"""E-mails as a workplace's office sends them, with fixed dates, ids and MIME boundaries.

Built with the standard library's `EmailMessage`; only the boundary and the Message-ID are
chosen here, from the caller's seeded generator, so one seed gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
MAILBOX = ("Enclaves WSE", "enclaves@wse.example")


def mail(
    rng: random.Random,
    sender: tuple[str, str],
    recipient: tuple[str, str],
    subject: str,
    body: str,
    when: dt.date,
    attachment: tuple[str, bytes] | None = None,
    cc: tuple[str, str] | None = None,
) -> bytes:
    """One message as RFC 5322 bytes (CRLF line ends), with a DOCX attached when given."""
    msg = EmailMessage()
    msg["From"] = formataddr(sender)
    msg["To"] = formataddr(recipient)
    if cc:
        msg["Cc"] = formataddr(cc)
    msg["Subject"] = subject
    sent = dt.datetime(
        when.year,
        when.month,
        when.day,
        rng.randint(8, 17),
        rng.randint(0, 59),
        rng.randint(0, 59),
        tzinfo=dt.timezone(dt.timedelta(hours=1)),
    )
    msg["Date"] = format_datetime(sent)
    host = sender[1].rpartition("@")[2]
    msg["Message-ID"] = f"<{rng.getrandbits(64):016x}.{rng.getrandbits(32):08x}@{host}>"
    msg["X-Mailer"] = rng.choice(
        ("Microsoft Outlook 16.0", "Microsoft Outlook 16.0", "Thunderbird 115.6")
    )
    msg.set_content(body)
    if attachment is not None:
        name, data = attachment
        msg.add_attachment(data, maintype=DOCX_TYPE[0], subtype=DOCX_TYPE[1], filename=name)
        msg.set_boundary(f"----=_NextPart_{rng.getrandbits(48):012X}")
    return msg.as_bytes(policy=policy.SMTP)
