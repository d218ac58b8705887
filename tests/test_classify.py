"""Machine-mail recognition and RFC 3834 answer suppression, as tables of headers -> verdict."""

from __future__ import annotations

import pytest

from mailbox_ingest.domain.enums import Classification
from mailbox_ingest.pipeline.automatic import machine_kind, must_not_answer
from mailbox_ingest.pipeline.decisions import Decisions
from parsers.mail import ParsedMail


def mail(
    subject: str = "Contract",
    from_addr: str = "jan@deploeg.be",
    content_type: str = "multipart/mixed",
    **headers: str,
) -> ParsedMail:
    """A parsed mail with the given headers (underscores in names become dashes)."""
    hs = [(k.replace("_", "-").lower(), v) for k, v in headers.items()]
    hs.append(("content-type", content_type))
    return ParsedMail(
        message_id="<a@b>",
        from_addr=from_addr,
        from_name=None,
        reply_to=None,
        subject=subject,
        date=None,
        in_reply_to=None,
        references=None,
        headers=hs,
        body_text="",
        content_type=content_type,
    )


@pytest.mark.parametrize(
    ("m", "kind"),
    [
        (mail(), None),
        (mail(Auto_Submitted="auto-replied"), Classification.AUTO_REPLY),
        (mail(Auto_Submitted="auto-replied (vacation)"), Classification.AUTO_REPLY),
        (mail(X_Autoreply="yes", subject="Afwezig"), Classification.AUTO_REPLY),
        (mail(subject="Automatisch antwoord: Contract"), Classification.AUTO_REPLY),
        (mail(subject="Out of Office: contract"), Classification.AUTO_REPLY),
        (
            mail(
                content_type="multipart/report",
                Return_Path="<>",
                Content_Type="multipart/report; report-type=delivery-status; boundary=x",
            ),
            Classification.BOUNCE,
        ),
        (
            mail(subject="Onbestelbaar: Ontvangstbevestiging", from_addr="postmaster@deploeg.be"),
            Classification.BOUNCE,
        ),
        (mail(subject="Undeliverable: test", Return_Path="<>"), Classification.BOUNCE),
        (mail(Precedence="bulk"), Classification.BULK),
        (mail(List_Unsubscribe="<mailto:u@x>"), Classification.BULK),
        (mail(List_Id="<news.example>"), Classification.BULK),
        (mail(subject="Vakantieplanning enclave"), None),
        (mail(subject="Contract afwezigheidsregeling"), None),
    ],
)
def test_machine_kind(m: ParsedMail, kind: Classification | None) -> None:
    """Bounces, auto-replies and bulk mail are recognised; people's mail is not."""
    assert machine_kind(m, Decisions()) is kind


@pytest.mark.parametrize(
    ("m", "suppress"),
    [
        (mail(), False),
        (mail(Auto_Submitted="no"), False),
        (mail(Auto_Submitted="auto-generated"), True),
        (mail(Precedence="list"), True),
        (mail(Precedence="junk"), True),
        (mail(List_Post="<mailto:l@x>"), True),
        (mail(X_Auto_Response_Suppress="All"), True),
        (mail(Return_Path="<>"), True),
        (mail(Return_Path="<MAILER-DAEMON@mx.example>"), True),
        (mail(from_addr="noreply@scanner.deploeg.be"), True),
        (mail(Return_Path="<jan@deploeg.be>"), False),
    ],
)
def test_must_not_answer(m: ParsedMail, suppress: bool) -> None:
    """Any RFC 3834 signal, or a daemon sender, forbids an automatic answer."""
    d = Decisions()
    assert must_not_answer(m, d) is suppress
    assert d.hits("answer") if suppress else not d.hits("answer")
