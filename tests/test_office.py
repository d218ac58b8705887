"""Old Word (.doc) and RTF read through LibreOffice headless, within the reading limits."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from parsers.documents.errors import CorruptDocument, DocumentErrorReason, LimitExceeded
from parsers.documents.limits import DocumentLimits
from parsers.documents.office import DOC_MEDIA_TYPE, RTF_MEDIA_TYPE
from parsers.documents.read import read_document, sniff
from parsers.fields import extract_contracts
from tests.docfactory import docx_bytes

LIMITS = DocumentLimits()
ROWS = [
    ["Naam werkplaats", "De Ploeg vzw"],
    ["Naam onderneming", "Bakkerij Peeters NV"],
    ["Aard van de werkzaamheden", "verpakken van koekjes"],
    ["Plaats van tewerkstelling", "Industrieweg 12, 9000 Gent"],
    ["Aantal doelgroepwerknemers", "6"],
    ["Begindatum", "01/03/2024"],
    ["Duur", "onbepaalde duur"],
]

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice (libreoffice-writer-nogui) is not installed on this laptop",
)


def as_doc(docx: bytes) -> bytes:
    """The same document saved as old Word 97-2003 by LibreOffice."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.docx"
        src.write_bytes(docx)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={(Path(tmp) / 'p').as_uri()}",
                "--headless",
                "--convert-to",
                "doc:MS Word 97",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return (Path(tmp) / "in.doc").read_bytes()


RTF = (
    r"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}"
    r"\f0 ONDERNEMINGSCONTRACT\par Naam werkplaats: De Ploeg vzw\par "
    r"Naam onderneming: Bakkerij Peeters NV\par Aard van de werkzaamheden: groenonderhoud\par "
    r"Plaats van tewerkstelling: Kerkstraat 4, 2500 Lier\par "
    r"Aantal doelgroepwerknemers: vier (4)\par Begindatum: 1 maart 2024\par "
    r"Duur: onbepaalde duur\par}"
).encode("ascii")


@needs_soffice
def test_an_old_word_document_is_read_as_its_text() -> None:
    """A .doc made by an office suite reads like the DOCX it came from, fields and all."""
    data = as_doc(docx_bytes(["ONDERNEMINGSCONTRACT", *(f"{k}: {v}" for k, v in ROWS)]))
    assert sniff(data, "contract.doc", None) == DOC_MEDIA_TYPE
    doc = read_document(data, "contract.doc", None, LIMITS)
    assert doc.media_type == DOC_MEDIA_TYPE
    (contract,) = extract_contracts(doc)
    assert contract.value("counterpart_name") == "Bakkerij Peeters NV"
    assert contract.value("work_location") == "Industrieweg 12, 9000 Gent"
    assert contract.value("workers") == 6


@needs_soffice
def test_an_rtf_document_is_read() -> None:
    """RTF is sniffed by its magic and converted."""
    assert sniff(RTF, "x.bin", None) == RTF_MEDIA_TYPE
    (contract,) = extract_contracts(read_document(RTF, "contract.rtf", None, LIMITS))
    assert contract.value("work_location") == "Kerkstraat 4, 2500 Lier"
    assert contract.value("workers") == 4


@needs_soffice
def test_junk_with_an_ole_header_gives_no_contract() -> None:
    """An OLE header with nothing behind it: a typed error or an empty reading, never a crash."""
    try:
        doc = read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "oud.doc", None, LIMITS)
    except CorruptDocument:
        return
    assert extract_contracts(doc) == []


@needs_soffice
def test_a_slow_conversion_is_stopped() -> None:
    """The converter is killed at the time limit and the error says so."""
    with pytest.raises(LimitExceeded) as info:
        read_document(RTF, "contract.rtf", None, DocumentLimits(convert_timeout_s=0.01))
    assert info.value.reason is DocumentErrorReason.CONVERSION_TIMEOUT
