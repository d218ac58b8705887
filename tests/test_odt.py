"""OpenDocument text (.odt) contracts are read like DOCX ones: paragraphs and table rows."""

from __future__ import annotations

import io
import zipfile

import pytest

from parsers.documents.errors import CorruptDocument
from parsers.documents.kinds import MediaType
from parsers.documents.limits import DocumentLimits
from parsers.documents.read import is_document_candidate, read_document, sniff
from parsers.fields.extract import extract_contracts

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


def odt(body: str, mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    """A minimal .odt package with the given office:text body."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def row(label: str, value: str) -> str:
    """A two-cell table row."""
    return (
        f"<table:table-row><table:table-cell><text:p>{label}</text:p></table:table-cell>"
        f"<table:table-cell><text:p>{value}</text:p></table:table-cell></table:table-row>"
    )


FORM = (
    "<text:h>Ondernemingscontract enclavewerking</text:h>"
    "<text:p>Gegevens van de werkplaats</text:p>"
    f"<table:table>{row('Naam werkplaats', 'De Ploeg vzw')}"
    f"{row('Ondernemingsnummer', '0456.789.034')}</table:table>"
    "<text:p>Gegevens van de onderneming</text:p>"
    f"<table:table>{row('Naam onderneming', 'Bakkerij <text:span>Peeters</text:span> NV')}"
    f"{row('Ondernemingsnummer', '0123.456.749')}"
    f"{row('Adres van de tewerkstelling', 'Industrieweg 12, 9000 Gent')}"
    f"{row('Aard van de werkzaamheden', 'verpakken van broodproducten')}"
    f"{row('Aantal doelgroepwerknemers', 'zes (6)')}"
    f"{row('Begindatum', '1 maart 2017')}{row('Einddatum', 'onbepaalde duur')}</table:table>"
    "<text:p>Opgemaakt te Gent op<text:s/>15/02/2017</text:p>"
)


def test_odt_form_is_read_and_extracted() -> None:
    """Every field of a LibreOffice form comes out, spans and spaces flattened."""
    data = odt(FORM)
    assert sniff(data, "contract.odt", "application/octet-stream") == MediaType.ODT
    assert is_document_candidate("contract.odt", MediaType.ODT, len(data))
    doc = read_document(data, "contract.odt", None, DocumentLimits())
    [c] = extract_contracts(doc)
    assert c.value("counterpart_name") == "Bakkerij Peeters NV"
    assert c.value("workers") == 6
    assert str(c.value("start_date")) == "2017-03-01"
    assert c.value("indefinite_duration") is True


@pytest.mark.parametrize(
    "data",
    [
        odt("<text:p>"),  # not well-formed
        odt(""),  # no text
    ],
)
def test_broken_odt_is_a_clear_error(data: bytes) -> None:
    """A broken or empty .odt raises CorruptDocument, never a crash."""
    with pytest.raises(CorruptDocument):
        read_document(data, "c.odt", None, DocumentLimits())


def test_spreadsheet_is_not_taken_for_a_text() -> None:
    """An OpenDocument spreadsheet is recognised as such, not read as a contract."""
    data = odt("", mimetype="application/vnd.oasis.opendocument.spreadsheet")
    assert sniff(data, "lijst.ods", None) == "application/vnd.oasis.opendocument.spreadsheet"
