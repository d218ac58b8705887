"""The mail corpus is what it claims: parseable, delivered-looking, and faithful to its inputs."""

from __future__ import annotations

import base64
import datetime as dt
import email
import email.message
import email.policy
import hashlib
import io
import re
import time
import tracemalloc
import zipfile
import zlib

import mailparser
import pdfplumber
import pytest

from mailbox_ingest.domain.enums import Classification, QuarantineReason
from samples.corpus import mails as m
from samples.corpus.hostile import Expect, HostileCase, MiB, hostile_corpus, repeat_deflate
from samples.corpus.minipdf import contract_pdf

CORPUS = m.realistic_corpus()
SMALL = dict(huge_size=2 * MiB, bomb_size=64 * MiB, header_size=256 * 1024)


def parse(raw: bytes) -> email.message.EmailMessage:
    """Parse with the standard library's modern policy."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    return msg


def stdlib_files(raw: bytes) -> dict[str, bytes]:
    """Named non-image parts (NFC name to decoded bytes) as the standard library sees them."""
    return {
        m.nfc(p.get_filename() or ""): p.get_payload(decode=True)  # type: ignore[misc]
        for p in parse(raw).walk()
        if p.get_filename() and not p.get_content_type().startswith("image/")
    }


def mailparser_files(raw: bytes) -> dict[str, bytes]:
    """Named non-image attachments as mail-parser extracts them."""
    out = {}
    for att in mailparser.parse_from_bytes(raw).attachments:
        if att["mail_content_type"].startswith("image/") or not att["filename"]:
            continue
        data = att["payload"]
        out[m.nfc(att["filename"])] = base64.b64decode(data) if att["binary"] else data.encode()
    return out


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_corpus_mail_is_clean_rfc5322(case: m.CorpusMail) -> None:
    """Every line ends in CRLF, stays under 998 bytes, and no part has a parser defect."""
    assert b"\n" not in case.raw.replace(b"\r\n", b"")
    assert max(len(line) for line in case.raw.split(b"\r\n")) <= 998
    msg = parse(case.raw)
    assert [p.defects for p in msg.walk() if p.defects] == []
    for name in ("Return-Path", "Received", "Date", "Message-ID", "From", "To", "Subject"):
        assert msg.get(name) is not None, name
    assert mailparser.parse_from_bytes(case.raw).defects == []


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_corpus_mail_has_department_trace(case: m.CorpusMail) -> None:
    """The newest hop is the mailbox's LMTP, the next is the department's MX."""
    received = parse(case.raw).get_all("Received") or []
    assert f"by {m.MAILBOX_HOST} with LMTP" in received[0]
    assert f"by {m.DEPARTMENT_MX} (Postfix)" in received[1]


@pytest.mark.parametrize(
    "case", [c for c in CORPUS if c.attachments], ids=[c.name for c in CORPUS if c.attachments]
)
def test_contract_attachments_extract_identically(case: m.CorpusMail) -> None:
    """Both parsers give back each contract under its name, and the two agree byte for byte."""
    ours, theirs = stdlib_files(case.raw), mailparser_files(case.raw)
    for name in case.attachments:
        assert ours[name][:5] == b"%PDF-"
        assert theirs[name] == ours[name]


@pytest.mark.parametrize("style", list(m.Style))
@pytest.mark.parametrize("how", [None, *m.FilenameEncoding])
def test_attachment_roundtrip_per_style_and_encoding(
    style: m.Style, how: m.FilenameEncoding | None
) -> None:
    """The attached bytes and accented file name come back unchanged in both parsers."""
    pdf = contract_pdf(["Contract voor één enclave"])
    name = "ondernemingscontract_Bakkerij_Peeters_één_à_Liège_(2017).pdf"  # needs continuations
    raw = m.contract_mail(
        style=style, filename_encoding=how, attachments=[(name, pdf, "application/pdf")]
    )
    assert stdlib_files(raw) == {name: pdf}
    assert mailparser_files(raw) == {name: pdf}


def test_styles_write_their_clients_shapes() -> None:
    """Each style shows the markers of the client it imitates."""
    raw = {s: m.contract_mail(style=s) for s in m.Style}
    outlook = parse(raw[m.Style.OUTLOOK])
    assert outlook["X-MS-Has-Attach"] == "yes" and outlook["Content-Language"] == "nl-BE"
    assert outlook["Thread-Index"] and b"=?iso-8859-1?q?" in raw[m.Style.OUTLOOK]
    related = next(p for p in outlook.walk() if p.get_content_type() == "multipart/related")
    assert related.get_param("type") == "multipart/alternative"
    logo = next(p for p in outlook.walk() if p.get_filename() == "image001.png")
    assert logo["Content-ID"] and logo.get_content_disposition() == "inline"
    assert b"Content-Transfer-Encoding: quoted-printable" in raw[m.Style.OUTLOOK]
    gmail = parse(raw[m.Style.GMAIL])
    assert next(p.get_content_type() for p in gmail.iter_parts()) == "multipart/alternative"
    assert b"X-Attachment-Id: f_" in raw[m.Style.GMAIL]
    assert b"Content-Transfer-Encoding: 8bit" in raw[m.Style.THUNDERBIRD]
    assert b"filename*0*=UTF-8''" in raw[m.Style.THUNDERBIRD]
    assert b"filename*1*=" in raw[m.Style.THUNDERBIRD]
    apple = parse(raw[m.Style.APPLE])
    pdf = next(p for p in apple.walk() if p.get_content_type() == "application/pdf")
    assert pdf.get_content_disposition() == "inline"
    assert pdf.get_filename() != m.nfc(pdf.get_filename() or "")  # decomposed, as macOS sends
    scan = m.contract_mail(style=m.Style.PLAIN, subject="Scan", body="Scanned document")
    assert b'charset="us-ascii"' in scan and b"8bit" not in scan
    assert b"Content-Transfer-Encoding: 8bit" in raw[m.Style.PLAIN]  # accented body, unencoded


@pytest.mark.parametrize("style", list(m.Style))
def test_subject_and_sender_name_decode(style: m.Style) -> None:
    """RFC 2047 encoded Subject and From name decode to what was given."""
    subject = "Contract één – Bakkerij Peeters" if style is m.Style.GMAIL else "Contract één"
    msg = parse(m.contract_mail(style=style, subject=subject, sender_name="René Peeters"))
    assert msg["Subject"] == subject
    assert msg["From"].addresses[0].display_name == "René Peeters"
    assert (
        mailparser.parse_from_bytes(m.contract_mail(style=style, subject=subject)).subject
        == subject
    )


@pytest.mark.parametrize("auth", list(m.Auth))
def test_department_authentication_results(auth: m.Auth) -> None:
    """The department's MX states the verdict it was told to; None writes no header."""
    msg = parse(m.contract_mail(auth=auth))
    [result] = msg.get_all("Authentication-Results") or []
    assert str(result).startswith(m.DEPARTMENT_MX + ";")
    assert f"dmarc={auth.value}" in str(result) and "header.from=deploeg.be" in str(result)
    assert parse(m.contract_mail(auth=None)).get_all("Authentication-Results") is None


def test_spoof_variants() -> None:
    """Spoofed mails carry a fail, a foreign pass, or a forged pass below the real fail."""

    def results(variant: m.Spoof) -> list[str]:
        found = parse(m.spoofed(variant=variant)).get_all("Authentication-Results") or []
        return [str(v) for v in found]

    assert (
        results(m.Spoof.AUTH_FAIL)[0].startswith(m.DEPARTMENT_MX)
        and "dmarc=fail" in results(m.Spoof.AUTH_FAIL)[0]
    )
    foreign = results(m.Spoof.FOREIGN_PASS)
    assert len(foreign) == 1 and foreign[0].startswith("mx.deploeg.be;")
    assert "dmarc=pass" in foreign[0]
    forged = results(m.Spoof.FORGED_ID)
    assert [r.split(";")[0] for r in forged] == [m.DEPARTMENT_MX] * 2
    assert "dmarc=fail" in forged[0] and "dmarc=pass" in forged[1]
    raw = m.spoofed(variant=m.Spoof.FORGED_ID)
    assert raw.index(b"dmarc=pass") > raw.index(f"by {m.DEPARTMENT_MX} (Postfix)".encode())


def test_forwarded_mail_keeps_original_verbatim() -> None:
    """The original travels as message/rfc822 and its PDF is still extractable."""
    pdf = contract_pdf(["Doorgestuurd"])
    original = m.contract_mail(
        sender="info@bakkerijpeeters.be", attachments=[("getekend.pdf", pdf, "application/pdf")]
    )
    raw = m.forwarded_mail(original, forwarder="secretariaat@deploeg.be")
    assert original in raw
    inner = next(p for p in parse(raw).walk() if p.get_content_type() == "message/rfc822")
    assert inner.get_content_disposition() == "attachment"
    assert stdlib_files(raw)["getekend.pdf"] == pdf
    assert parse(raw)["Subject"].startswith("FW: Ondernemingscontract")


def test_inline_forward_quotes_and_reattaches() -> None:
    """The quoted original is in the text and its attachment rides along."""
    raw = m.inline_forward(style=m.Style.THUNDERBIRD)
    text = parse(raw).get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "-------- Doorgestuurd bericht --------" in text and "Van: \t" in text
    assert m.nfc(m.DEFAULT_PDF_NAME) in stdlib_files(raw)


@pytest.mark.parametrize("wording", range(len(m.TERMINATION_WORDINGS)))
def test_termination_wordings(wording: int) -> None:
    """Every wording names the company and the end date in some Dutch form, with no file."""
    raw = m.termination_mail(wording=wording, company="Drukkerij Claes BV", end=dt.date(2018, 3, 1))
    text = mailparser.parse_from_bytes(raw).text_plain[0]
    assert "Drukkerij Claes BV" in text
    assert re.search(r"1 maart 2018|01/03/2018|1-3-2018|01\.03\.2018", text)
    assert stdlib_files(raw) == {}


@pytest.mark.parametrize("kind", list(m.AutoReply))
def test_out_of_office_markers(kind: m.AutoReply) -> None:
    """Each auto-reply kind carries exactly the markers its real counterpart does."""
    msg = parse(m.out_of_office(kind=kind))
    expected = {
        m.AutoReply.EXCHANGE: ("auto-replied", None, "All"),
        m.AutoReply.GMAIL: ("auto-replied", "bulk", None),
        m.AutoReply.AFWEZIG: (None, None, None),
    }[kind]
    assert (msg["Auto-Submitted"], msg["Precedence"], msg["X-Auto-Response-Suppress"]) == expected
    assert (msg["X-Autoreply"] == "yes") is (kind is m.AutoReply.AFWEZIG)
    assert msg["Subject"].startswith(
        {
            m.AutoReply.EXCHANGE: "Automatisch antwoord:",
            m.AutoReply.GMAIL: "Met verlof",
            m.AutoReply.AFWEZIG: "Afwezig",
        }[kind]
    )


def test_dsn_bounce_is_a_delivery_report() -> None:
    """The DSN is multipart/report from MAILER-DAEMON with a null path and the original headers."""
    raw = m.bounce()
    msg = parse(raw)
    assert msg.get_content_type() == "multipart/report"
    assert msg.get_param("report-type") == "delivery-status"
    assert msg["Return-Path"] == "<>" and msg["From"].startswith("MAILER-DAEMON@")
    types = [p.get_content_type() for p in msg.walk()]
    assert "message/delivery-status" in types and "text/rfc822-headers" in types
    assert m.ACK_MESSAGE_ID.encode() in raw and b"Status: 5.1.1" in raw


@pytest.mark.parametrize(
    ("language", "prefix"), [("nl", "Onbestelbaar: "), ("en", "Undeliverable: ")]
)
def test_exchange_ndr(language: str, prefix: str) -> None:
    """Exchange's NDR is plain multipart/mixed with the original attached and no report part."""
    msg = parse(m.bounce(kind=m.BounceKind.EXCHANGE_NDR, language=language))
    assert msg["Subject"].startswith(prefix) and msg["Return-Path"] == "<>"
    assert msg["Auto-Submitted"] is None
    assert "message/rfc822" in [p.get_content_type() for p in msg.walk()]


def test_newsletter_is_bulk() -> None:
    """A newsletter carries list headers, Precedence: bulk and an HTML body."""
    msg = parse(m.newsletter())
    assert msg["List-Id"] and "mailto:" in msg["List-Unsubscribe"]
    assert msg["Precedence"] == "bulk"
    assert msg.get_body(preferencelist=("html",)) is not None


def test_builders_are_deterministic() -> None:
    """Same arguments, same bytes; another date gives another Message-ID."""
    assert m.contract_mail() == m.contract_mail()
    later = m.contract_mail(date=m.DEFAULT_DATE + dt.timedelta(days=1))
    assert parse(later)["Message-ID"] != parse(m.contract_mail())["Message-ID"]


def test_realistic_corpus_expectations() -> None:
    """Names are unique, every non-quarantine class is present, and only one PDF repeats."""
    assert len({c.name for c in CORPUS}) == len(CORPUS)
    assert {c.expect for c in CORPUS} == set(Classification) - {Classification.QUARANTINED}
    digests = [
        hashlib.sha256(data).hexdigest()
        for c in CORPUS
        if c.expect in (Classification.CONTRACT, Classification.DUPLICATE)
        for data in stdlib_files(c.raw).values()
    ]
    assert len(digests) - len(set(digests)) == 1


def test_hostile_corpus_is_built_in_bounded_memory_and_time() -> None:
    """The scaled-down corpus builds in under 10 s with a traced peak under 48 MiB."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        cases = hostile_corpus(**SMALL)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - start < 10
    assert peak < 48 * MiB
    assert len({c.name for c in cases}) == len(cases) >= 40
    for case in cases:
        assert isinstance(case, HostileCase) and case.expect in set(Expect) and case.note
        assert case.reasons <= set(QuarantineReason)
        assert case.expect is Expect.QUARANTINED or case.expect is Expect.ANY or not case.reasons


HOSTILE = {c.name: c for c in hostile_corpus(**SMALL)}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_parsers_survive_hostile_case(name: str) -> None:
    """Both parsers return without raising on every case (what the pipeline builds on)."""
    raw = HOSTILE[name].raw
    list(parse(raw).walk())
    mailparser.parse_from_bytes(raw)


def test_bombs_declare_more_than_they_weigh() -> None:
    """The zip bomb's members declare the full size while the mail stays small."""
    case = HOSTILE["zip_bomb"]
    data = stdlib_files(case.raw)["contracten.zip"]
    declared = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert declared >= SMALL["bomb_size"] and len(data) * 500 < declared
    pdf = stdlib_files(HOSTILE["pdf_flate_bomb"].raw)["contract.pdf"]
    start = pdf.index(b"stream\n") + 7
    inflated = zlib.decompressobj().decompress(pdf[start:], 8 * MiB)
    assert len(inflated) == 8 * MiB  # still going at the cap


def test_repeat_deflate_checksums_are_right() -> None:
    """A small repeated stream inflates to exactly the described bytes and checksums."""
    d = repeat_deflate(b"kop", b"ab" * 1000, 5, b"staart")
    out = zlib.decompress(d.data, -15)
    assert out == b"kop" + b"ab" * 5000 + b"staart" and d.size == len(out)
    assert d.crc32 == zlib.crc32(out) and d.adler32 == zlib.adler32(out)


def test_document_cases_are_what_they_say() -> None:
    """Encrypted, owner-protected, truncated and bomb DOCX attachments behave as described."""

    def pdf_of(name: str) -> bytes:
        return stdlib_files(HOSTILE[name].raw)["contract.pdf"]

    with pytest.raises(Exception):  # noqa: B017 - pdfplumber wraps pdfminer's own errors
        pdfplumber.open(io.BytesIO(pdf_of("encrypted_pdf"))).pages[0].extract_text()
    with pdfplumber.open(io.BytesIO(pdf_of("owner_password_pdf"))) as pdf:
        assert "ONDERNEMINGSCONTRACT" in (pdf.pages[0].extract_text() or "")
    with pytest.raises(Exception):  # noqa: B017
        pdfplumber.open(io.BytesIO(pdf_of("truncated_pdf"))).pages[0].extract_text()
    docx = stdlib_files(HOSTILE["docx_bomb"].raw)["contract.docx"]
    info = zipfile.ZipFile(io.BytesIO(docx)).getinfo("word/document.xml")
    assert info.file_size >= SMALL["bomb_size"]


def test_huge_attachment_decodes_to_its_size() -> None:
    """The huge attachment really decodes to at least the requested number of bytes."""
    data = stdlib_files(HOSTILE["huge_attachment"].raw)["scan.pdf"]
    assert len(data) >= SMALL["huge_size"] - 57 * 1024 and data.startswith(b"%PDF-")


@pytest.mark.slow
def test_default_hostile_corpus_is_bounded() -> None:
    """With the real sizes (30 MiB attachment, 2 GiB bombs) the build stays under 160 MiB."""
    tracemalloc.start()
    try:
        cases = hostile_corpus()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    huge = next(c for c in cases if c.name == "huge_attachment")
    assert len(huge.raw) > 30 * MiB and peak < 160 * MiB
