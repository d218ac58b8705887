"""Mail parsing: headers, bodies, attachments with nesting depth, safe names and limits."""

from __future__ import annotations

import email.message
import email.policy

import pytest

from mailbox_ingest.domain.enums import QuarantineReason
from parsers.mail import MailLimits, MailParseError, parse_mail, safe_filename
from samples.corpus import mails


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("contract.pdf", "contract.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\jan\\contract.pdf", "contract.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("a\x00b.pdf", "a_b.pdf"),
        ("contract\u202efdp.exe", "contractfdp.exe"),
        ("", "bijlage-3.pdf"),
        ("   ...  ", "bijlage-3.pdf"),
        ("ondernemingscontract_één.pdf", "ondernemingscontract_één.pdf"),
    ],
)
def test_safe_filename(raw: str, expected: str) -> None:
    """File names lose paths, controls, bidi overrides and reserved device names."""
    assert safe_filename(raw, 3, "application/pdf") == expected


def test_long_filename_is_cut_keeping_the_extension() -> None:
    """A 1,000-character name is cut to 150 characters and keeps `.pdf`."""
    name = safe_filename("x" * 1000 + ".pdf", 1, "application/pdf")
    assert len(name) == 150 and name.endswith(".pdf")


@pytest.mark.parametrize("style", list(mails.Style))
def test_each_client_style_gives_the_contract_attachment(style: mails.Style) -> None:
    """Outlook, Gmail, Thunderbird, Apple Mail and plain mails all yield the PDF, decoded."""
    pdf = mails.unique_pdf("Jacobs NV")
    raw = mails.contract_mail(
        style=style, attachments=[("één contract.pdf", pdf, "application/pdf")]
    )
    parsed = parse_mail(raw, MailLimits())
    pdfs = [a for a in parsed.attachments if a.media_type == "application/pdf"]
    assert [a.data for a in pdfs] == [pdf]
    assert pdfs[0].filename == "één contract.pdf"
    assert parsed.from_addr == mails.DEFAULT_SENDER
    assert parsed.subject.startswith("Ondernemingscontract")


def test_forwarded_message_attachments_have_depth_one() -> None:
    """A contract inside a forwarded message/rfc822 is found, one level deep."""
    inner = mails.contract_mail(sender="info@bakkerijpeeters.be")
    parsed = parse_mail(mails.forwarded_mail(inner), MailLimits())
    pdfs = [a for a in parsed.attachments if a.media_type == "application/pdf"]
    assert [a.depth for a in pdfs] == [1]
    assert parsed.forwarded and "bakkerijpeeters" in (parsed.forwarded[0][0] or "")


def _nested(depth: int) -> bytes:
    msg = email.message.EmailMessage()
    msg["From"] = "a@deploeg.be"
    msg.set_content("binnenste")
    for _ in range(depth):
        outer = email.message.EmailMessage()
        outer["From"] = "a@deploeg.be"
        outer.set_content("doorgestuurd")
        outer.add_attachment(msg)
        msg = outer
    return msg.as_bytes(policy=email.policy.SMTP)


def test_nesting_limit() -> None:
    """Forwarded mails nested deeper than max_nesting raise NESTING_TOO_DEEP."""
    parse_mail(_nested(3), MailLimits(max_nesting=3))
    with pytest.raises(MailParseError) as info:
        parse_mail(_nested(4), MailLimits(max_nesting=3))
    assert info.value.reason is QuarantineReason.NESTING_TOO_DEEP


def test_attachment_count_and_size_limits() -> None:
    """Too many or too large attachments raise their own reasons."""
    msg = email.message.EmailMessage()
    msg["From"] = "a@deploeg.be"
    msg.set_content("veel bijlagen")
    for i in range(5):
        msg.add_attachment(b"x" * 2000, maintype="application", subtype="pdf", filename=f"{i}.pdf")
    raw = msg.as_bytes(policy=email.policy.SMTP)
    with pytest.raises(MailParseError) as info:
        parse_mail(raw, MailLimits(max_attachments=4))
    assert info.value.reason is QuarantineReason.TOO_MANY_ATTACHMENTS
    with pytest.raises(MailParseError) as info:
        parse_mail(raw, MailLimits(max_attachment_bytes=1000))
    assert info.value.reason is QuarantineReason.ATTACHMENT_TOO_LARGE


@pytest.mark.parametrize("raw", [b"", b"\r\n\r\n", b"   "])
def test_empty_input_is_malformed(raw: bytes) -> None:
    """Empty bytes are not a mail."""
    with pytest.raises(MailParseError) as info:
        parse_mail(raw, MailLimits())
    assert info.value.reason is QuarantineReason.MALFORMED_MIME


def test_latin1_subject_and_html_only_body() -> None:
    """An ISO-8859-1 encoded subject decodes; an HTML-only body becomes text."""
    raw = (
        b"From: =?iso-8859-1?q?Jos=E9?= <jose@deploeg.be>\r\n"
        b"Subject: =?iso-8859-1?q?Be=EBindiging_enclave?=\r\n"
        b"Content-Type: text/html; charset=iso-8859-1\r\n\r\n"
        b"<p>Stopzetting van de enclave bij <b>Peeters&nbsp;NV</b></p>\r\n"
    )
    parsed = parse_mail(raw, MailLimits())
    assert parsed.subject == "Beëindiging enclave"
    assert parsed.from_name == "José"
    assert "Stopzetting van de enclave bij Peeters" in parsed.body_text.replace("\xa0", " ")
