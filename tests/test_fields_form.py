"""Labelled forms: every layout of label and value, evidence boxes and confidences."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.fields.extract import extract_contracts
from parsers.fields.testing import COLUMN_X, lines_document, make_pdf, read_pdf
from parsers.types import Box, Document, ExtractedContract, TextSource, Word

FORM = [
    "ONDERNEMINGSCONTRACT ENCLAVEWERKING",
    "Gegevens van de werkplaats",
    "Naam werkplaats:\tBeschutte Werkplaats De Schakel vzw",
    "Ondernemingsnummer:\t0403.170.701",
    "Adres:\tNijverheidsstraat 4, 9000 Gent",
    "Gegevens van de onderneming/opdrachtgever",
    "Naam opdrachtgever:\tBakkerij Peeters NV",
    "Ondernemingsnummer:\tBE 0202.239.951",
    "Adres van de tewerkstelling:\tIndustrieweg 12",
    "\t2800 Mechelen",
    "Aard van de werkzaamheden:\tverpakken van broodproducten en",
    "\tetiketteren van dozen",
    "Aantal doelgroepwerknemers:\tzes (6)",
    "Begindatum:\t1 maart 2017",
    "Duur:\tonbepaalde duur",
    "Opgemaakt te Gent op 15/02/2017",
]
EXPECTED = {
    "workplace_name": "Beschutte Werkplaats De Schakel vzw",
    "workplace_enterprise_number": "0403.170.701",
    "counterpart_name": "Bakkerij Peeters NV",
    "counterpart_enterprise_number": "0202.239.951",
    "work_location": "Industrieweg 12, 2800 Mechelen",
    "nature_of_work": "verpakken van broodproducten en etiketteren van dozen",
    "workers": 6,
    "start_date": dt.date(2017, 3, 1),
    "indefinite_duration": True,
    "signed_date": dt.date(2017, 2, 15),
}


def only(doc: Document) -> ExtractedContract:
    """The one contract a document must hold."""
    contracts = extract_contracts(doc)
    assert len(contracts) == 1
    return contracts[0]


def values(contract: ExtractedContract) -> dict[str, object]:
    """The field values of a contract."""
    return {name: fv.value for name, fv in contract.fields.items()}


def test_two_column_form_with_colons() -> None:
    """A form with labels and values in two columns gives every field."""
    contract = only(lines_document([FORM]))
    assert values(contract) == EXPECTED
    assert contract.layout == "form"
    assert contract.problems == []


def test_two_columns_without_colons() -> None:
    """Without colons the column gap separates label and value."""
    rows = [line.replace(":", "") for line in FORM]
    assert values(only(lines_document([rows]))) == EXPECTED


def test_docx_lines_without_boxes() -> None:
    """DOCX rows arrive as `Label: Value` lines with no geometry; one-line values still read."""
    rows = [line.replace("\t", " ") for line in FORM if not line.startswith("\t")]
    contract = only(lines_document([rows], TextSource.DOCX, boxes=False))
    assert contract.layout == "docx_table"
    assert contract.value("work_location") == "Industrieweg 12"
    assert contract.value("counterpart_name") == "Bakkerij Peeters NV"
    assert contract.fields["workers"].evidence is not None
    assert contract.fields["workers"].evidence.box is None


def test_value_on_the_next_line() -> None:
    """A label alone on its line takes the line below as its value."""
    rows = []
    for line in FORM:
        label, _, value = line.partition("\t")
        rows.extend([label, value] if label and value else [line.replace("\t", "")])
    found = values(only(lines_document([rows])))
    assert found["workplace_name"] == EXPECTED["workplace_name"]
    assert found["start_date"] == EXPECTED["start_date"]
    assert found["workers"] == 6


def test_evidence_is_the_value_box_not_the_label() -> None:
    """Evidence boxes cover the value's words only, on the right page, with the value's text."""
    contract = only(lines_document([FORM]))
    evidence = contract.fields["counterpart_name"].evidence
    assert evidence is not None and evidence.box is not None
    assert evidence.page == 1
    assert evidence.box.x0 == COLUMN_X
    assert evidence.text == "Bakkerij Peeters NV"
    location = contract.fields["work_location"].evidence
    assert location is not None and location.box is not None
    assert location.box.bottom - location.box.top > 20  # both lines of the address


def test_text_layer_confidence_is_high() -> None:
    """An exact label on a text layer gives a confidence of at least 0.95."""
    contract = only(lines_document([FORM]))
    assert all(fv.confidence >= 0.9 for fv in contract.fields.values())
    assert contract.fields["start_date"].confidence >= 0.95


def test_ocr_slips_and_word_confidence() -> None:
    """OCR slips in labels and numbers are tolerated, and lower the confidence."""
    rows = [
        line.replace("Naam werkplaats", "Naarn werkplaats")
        .replace("0403.170.701", "O4O3.17O.7O1")
        .replace("Begindatum:\t1 maart 2017", "Begindaturn:\tl maart 2017")
        for line in FORM
    ]
    contract = only(lines_document([rows], TextSource.OCR, confidence=0.9))
    assert values(contract) == EXPECTED
    assert contract.layout == "scan_form"
    clean = only(lines_document([FORM]))
    for name in ("workplace_name", "workplace_enterprise_number", "start_date"):
        assert contract.fields[name].confidence < clean.fields[name].confidence
        assert contract.fields[name].confidence <= 0.85


def test_ocr_digit_repair() -> None:
    """One misread digit in a scanned number is repaired when only one number fits."""
    rows = [
        line.replace("BE 0202.239.951", "0202.239.95l").replace("0403.170.701", "0103.170.701")
        for line in FORM
    ]
    contract = only(lines_document([rows], TextSource.OCR, confidence=0.95))
    assert contract.value("workplace_enterprise_number") in ("0403.170.701", "0103.170.701")
    assert contract.value("counterpart_enterprise_number") == "0202.239.951"


def test_bad_check_digits_are_flagged() -> None:
    """A typed number that fails its check is kept as written and flagged."""
    rows = [line.replace("BE 0202.239.951", "0202.239.952") for line in FORM]
    contract = only(lines_document([rows]))
    assert contract.value("counterpart_enterprise_number") == "0202.239.952"
    assert "bad_check_digits:counterpart_enterprise_number" in contract.problems
    assert contract.fields["counterpart_enterprise_number"].confidence <= 0.5


def test_generic_labels_take_the_party_of_their_section() -> None:
    """`Naam` and `Ondernemingsnummer` belong to the section they stand in, in any order."""
    rows = [
        "Melding van een enclave",
        "Gegevens van de opdrachtgever",
        "Naam:\tGarage Vermeulen BV",
        "KBO-nummer:\t0202.239.951",
        "Gegevens van de werkplaats",
        "Naam:\tMaatwerkbedrijf De Ploeg vzw",
        "Ondernemingsnummer:\t0403.170.701",
        "Taken:\tschoonmaak van kantoren",
        "Aantal werknemers:\t4",
        "Startdatum:\t01-09-2019",
        "Einddatum:\t31-08-2020",
    ]
    found = values(only(lines_document([rows])))
    assert found["counterpart_name"] == "Garage Vermeulen BV"
    assert found["counterpart_enterprise_number"] == "0202.239.951"
    assert found["workplace_name"] == "Maatwerkbedrijf De Ploeg vzw"
    assert found["workplace_enterprise_number"] == "0403.170.701"
    assert found["end_date"] == dt.date(2020, 8, 31)
    assert found["indefinite_duration"] is False


def test_number_follows_the_nearest_name_label() -> None:
    """Without sections a number belongs to the name label above it."""
    rows = [
        "Naam maatwerkbedrijf: Maatwerkbedrijf De Ploeg vzw",
        "KBO-nummer: 0403.170.701",
        "Klant: Garage Vermeulen BV",
        "BTW nr: BE0202239951",
        "Aard van de opdracht: groenonderhoud",
        "Aantal doelgroepwerknemers: 3",
        "Ingangsdatum: 1 mrt. 2019",
    ]
    found = values(only(lines_document([rows], TextSource.DOCX, boxes=False)))
    assert found["workplace_enterprise_number"] == "0403.170.701"
    assert found["counterpart_enterprise_number"] == "0202.239.951"
    assert found["start_date"] == dt.date(2019, 3, 1)


@pytest.mark.parametrize(
    ("duration", "indefinite", "end"),
    [
        ("[X] onbepaalde duur    [ ] bepaalde duur, einddatum: ........", True, None),
        (
            "[ ] onbepaalde duur    [X] bepaalde duur, einddatum: 31/12/2020",
            False,
            dt.date(2020, 12, 31),
        ),
        ("bepaalde duur van 12 maanden", False, dt.date(2020, 2, 29)),
        ("tot en met 31/12/2020", False, dt.date(2020, 12, 31)),
        (
            "[ } onbepaalde duur [(X] bepaalde duur, einddatum: 8 dec, 2020",
            False,
            dt.date(2020, 12, 8),
        ),
        ("[X] onbepaalde duur [( } bepaalde duur, einddatum: /", True, None),
    ],
)
def test_duration_values(duration: str, indefinite: bool, end: dt.date | None) -> None:
    """Duration cells: ticked boxes, a length in months, an end date."""
    rows = [
        "Naam werkplaats: Maatwerkbedrijf De Ploeg vzw",
        "Naam opdrachtgever: Garage Vermeulen BV",
        "Aard van de opdracht: groenonderhoud",
        "Aantal doelgroepwerknemers: 3",
        "Begindatum: 01/03/2019",
        f"Duur: {duration}",
    ]
    contract = only(lines_document([rows], TextSource.DOCX, boxes=False))
    assert contract.value("indefinite_duration") is indefinite
    assert contract.value("end_date") == end


def test_two_fields_on_one_line() -> None:
    """`Begindatum: X   Einddatum: Y` on one line gives both dates."""
    rows = [
        "Naam werkplaats: Maatwerkbedrijf De Ploeg vzw",
        "Naam opdrachtgever: Garage Vermeulen BV",
        "Aard van de opdracht: groenonderhoud",
        "Aantal werknemers: 3",
        "Begindatum: 01/03/2019   Einddatum: 29/02/2020",
    ]
    contract = only(lines_document([rows], TextSource.DOCX, boxes=False))
    assert contract.value("start_date") == dt.date(2019, 3, 1)
    assert contract.value("end_date") == dt.date(2020, 2, 29)


def test_numbered_heading_is_not_half_of_the_label_below() -> None:
    """A heading `5.  Ondertekening` over `Datum ondertekening:  20 dec. 2023` leaves the date."""
    rows = [
        "Naam werkplaats:\tMaatwerkbedrijf De Ploeg vzw",
        "Naam opdrachtgever:\tGarage Vermeulen BV",
        "Aard van de opdracht:\tgroenonderhoud",
        "Aantal werknemers:\t3",
        "Begindatum:\t01/03/2019",
        "5.\tOndertekening",
        "Datum ondertekening:\t20 dec. 2023",
    ]
    contract = only(lines_document([rows], TextSource.OCR, confidence=0.9))
    assert contract.value("signed_date") == dt.date(2023, 12, 20)


def test_heading_is_not_half_of_the_label_below() -> None:
    """A heading `De   werkplaats` over `Naam werkplaats:` and the name below gives the name."""
    rows = [
        "De\twerkplaats",
        "Naam werkplaats:",
        "Maatwerkbedrijf Scheldeland vzw",
        "Naam opdrachtgever:\tGarage Vermeulen BV",
        "Aard van de opdracht:\tgroenonderhoud",
        "Aantal werknemers:\t3",
        "Begindatum:\t01/03/2019",
    ]
    contract = only(lines_document([rows], TextSource.OCR, confidence=0.9))
    assert contract.value("workplace_name") == "Maatwerkbedrijf Scheldeland vzw"


def test_scanned_value_wraps_onto_a_line_whose_box_overlaps() -> None:
    """A value's second line is joined though its OCR box reaches slightly above the first's."""
    rows = [
        "Naam werkplaats:\tMaatwerkbedrijf De Ploeg vzw",
        "Naam opdrachtgever:\tGarage Vermeulen BV",
        "Aard van de opdracht:\tkwaliteitscontrole en nabewerking van",
        "\tkunststof onderdelen",
        "Aantal werknemers:\t3",
        "Begindatum:\t01/03/2019",
    ]
    doc = lines_document([rows], TextSource.OCR, confidence=0.9)
    first, second = doc.pages[0].lines[2], doc.pages[0].lines[3]
    second.words[:] = [
        Word(w.text, Box(w.box.x0, w.box.top - 6.0, w.box.x1, w.box.bottom), 0.9)
        for w in second.words
        if w.box is not None
    ]
    assert first.box is not None and second.box is not None
    assert second.box.top < first.box.bottom
    contract = only(doc)
    assert contract.value("nature_of_work") == (
        "kwaliteitscontrole en nabewerking van kunststof onderdelen"
    )


def test_article_below_a_line_ending_in_a_colon_is_no_value() -> None:
    """`... van het maatwerkbedrijf:` over `Art 3. Duur. ...` gives no name from the article."""
    rows = [
        "Naam opdrachtgever:\tGarage Vermeulen BV",
        "Aard van de opdracht:\tgroenonderhoud",
        "Aantal werknemers:\t3",
        "Begindatum:\t01/03/2019",
        "maatwerkbedrijf:",
        "Art 3. Duur. De overeenkomst wordt gesloten voor onbepaalde duur.",
    ]
    contract = only(lines_document([rows], TextSource.OCR, confidence=0.9))
    assert "workplace_name" not in contract.fields


def test_label_with_a_colon_read_as_a_semicolon_takes_the_value_below() -> None:
    """`Ondernemingsnummer ;` over `0953,506.040` gives the number."""
    rows = [
        "Naam van de werkplaats:",
        "Maatwerkbedrijf 't Atelier vzw",
        "Ondernemingsnummer ;",
        "0953,506.040",
        "Naam opdrachtgever:\tGarage Vermeulen BV",
        "Aard van de opdracht:\tgroenonderhoud",
        "Aantal werknemers:\t3",
        "Begindatum:\t01/03/2019",
    ]
    contract = only(lines_document([rows], TextSource.OCR, confidence=0.9))
    assert contract.value("workplace_enterprise_number") == "0953.506.040"


def test_blank_fields_stay_missing() -> None:
    """Dotted or empty values are no values; the missing required field is reported."""
    rows = [
        "Naam werkplaats: Maatwerkbedrijf De Ploeg vzw",
        "Naam opdrachtgever: Garage Vermeulen BV",
        "Adres van de tewerkstelling: ..................",
        "Aard van de opdracht: groenonderhoud",
        "Aantal werknemers: 3",
        "Begindatum: …………",
    ]
    contract = only(lines_document([rows], TextSource.DOCX, boxes=False))
    assert "work_location" not in contract.fields
    assert "start_date" not in contract.fields
    assert "missing:start_date" in contract.problems


def test_reportlab_pdf_read_with_pdfplumber() -> None:
    """A real text PDF (two columns, wrapped values) gives the same fields."""
    doc = read_pdf(make_pdf([FORM]))
    contract = only(doc)
    assert values(contract) == EXPECTED
    evidence = contract.fields["nature_of_work"].evidence
    assert evidence is not None and evidence.box is not None
    assert evidence.box.x0 >= COLUMN_X - 1
