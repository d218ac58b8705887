"""One error tree: every error the project raises on purpose has the project's root."""

from __future__ import annotations

import pytest

from mailbox_ingest.domain.enums import QuarantineReason
from mailbox_ingest.domain.errors import MailboxIngestError, MessageRefused
from parsers.documents.errors import CorruptDocument, DocumentError
from parsers.mail import MailLimits, MailParseError, parse_mail


def test_parser_errors_are_project_errors() -> None:
    """Mail and document errors are caught by one `except MailboxIngestError`."""
    assert issubclass(MailParseError, MailboxIngestError)
    assert issubclass(DocumentError, MailboxIngestError)
    with pytest.raises(MailboxIngestError, match="corrupt"):
        raise CorruptDocument("a.pdf", "no xref table")


def test_a_mail_that_cannot_be_parsed_raises_a_project_error() -> None:
    """Too many attachments raises a `MailParseError` with its quarantine reason."""
    parts = "".join(
        f"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; "
        f"filename=a{i}.pdf\r\n\r\n%PDF-1.4\r\n"
        for i in range(5)
    )
    raw = ("Content-Type: multipart/mixed; boundary=b\r\n\r\n" + parts + "--b--\r\n").encode()
    with pytest.raises(MailboxIngestError) as info:
        parse_mail(raw, MailLimits(2, 10_000, 5))
    assert isinstance(info.value, MailParseError)
    assert info.value.reason is QuarantineReason.TOO_MANY_ATTACHMENTS


def test_errors_carry_the_message_key_when_given() -> None:
    """The key given is kept; without one the error says it has none."""
    err = MessageRefused("move refused", message_key="imap:a/INBOX/7/42")
    assert err.message_key == "imap:a/INBOX/7/42"
    assert str(err) == "move refused"
    assert MessageRefused("x").message_key is None
