"""Outlook's winmail.dat (TNEF): the contracts wrapped inside are found like any attachment."""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Callable
from pathlib import Path

from mailbox_ingest.config import Settings
from mailbox_ingest.pipeline.documents import process_attachments
from parsers.documents.limits import DocumentLimits
from parsers.documents.read import read_attachment
from parsers.mail import MailAttachment, PartRole
from parsers.types import Document
from samples.corpus import mails
from tests.pipeline_helpers import harness, write_registry


def _attribute(level: int, attr_id: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, attr_id, len(data)) + data + struct.pack("<H", checksum)


def winmail_dat(files: list[tuple[str, bytes]]) -> bytes:
    """A minimal TNEF stream holding the given files, as Outlook writes it for RTF mail."""
    out = struct.pack("<IH", 0x223E9F78, 0x0001)
    out += _attribute(1, 0x00089006, struct.pack("<I", 0x00010000))  # TNEF version
    for name, data in files:
        out += _attribute(2, 0x00069002, b"\x01\x00\x00\x00" + b"\x00" * 10)  # new attachment
        out += _attribute(2, 0x00018010, name.encode("latin-1") + b"\x00")  # its title
        out += _attribute(2, 0x0006800F, data)  # its bytes
    return out


def test_contract_inside_winmail_dat_is_extracted() -> None:
    """A PDF wrapped in winmail.dat yields its contract; the logo beside it is ignored."""
    pdf = mails.unique_pdf("Jacobs NV")
    blob = winmail_dat([("contract.pdf", pdf), ("image001.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50)])
    att = MailAttachment("winmail.dat", "application/ms-tnef", blob, 0, PartRole.ATTACHMENT)
    results = process_attachments([att], Settings().limits)
    found = [r for r in results if r.contracts]
    assert [r.filename for r in found] == ["winmail.dat/contract.pdf"]
    assert found[0].contracts[0].value("counterpart_name") == "Jacobs NV"


def test_garbage_winmail_dat_is_a_clear_failure() -> None:
    """A winmail.dat that is not TNEF is reported as unreadable, never a crash."""
    att = MailAttachment(
        "winmail.dat", "application/ms-tnef", b"not a tnef stream at all", 0, PartRole.ATTACHMENT
    )
    [res] = process_attachments([att], Settings().limits)
    assert res.error is not None and res.outcome.startswith("unreadable")


def test_winmail_mail_through_the_pipeline(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    """An Outlook RTF mail with winmail.dat is stored as a contract and acknowledged."""
    h = harness(make_settings(), write_registry(tmp_path / "r.csv"))
    when = dt.datetime(2023, 3, 1, 9, 0, tzinfo=dt.UTC)
    blob = winmail_dat([("ondernemingscontract.pdf", mails.unique_pdf("Mertens BV"))])
    h.deliver(
        mails.contract_mail(
            attachments=[("winmail.dat", blob, "application/ms-tnef")], date=when, received=when
        )
    )
    h.poll()
    [m] = h.messages()
    assert m["classification"] == "contract"
    [c] = h.contracts()
    assert c["attachment"] == "winmail.dat/ondernemingscontract.pdf"
    assert len(h.sent()) == 1
    h.app.close()


def test_read_attachment_unwraps_winmail_dat_like_the_pipeline() -> None:
    """The parsers' own reading path expands winmail.dat the way the pipeline does."""
    pdf = mails.unique_pdf("Jacobs NV")
    blob = winmail_dat([("contract.pdf", pdf), ("image001.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50)])
    results = read_attachment(blob, "winmail.dat", "application/ms-tnef", DocumentLimits())
    assert [name for name, _ in results] == ["contract.pdf"]
    assert isinstance(results[0][1], Document) and "Jacobs NV" in results[0][1].text
