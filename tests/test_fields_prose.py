"""Contracts in articles: parties, the field sentences, distractors and evidence boxes."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.fields.extract import extract_contracts
from parsers.fields.testing import lines_document, make_pdf, read_pdf
from parsers.types import ExtractedContract, TextSource

PARTIES = [
    "ENCLAVEOVEREENKOMST",
    "Tussen enerzijds:",
    "Beschutte Werkplaats De Schakel vzw, met zetel te Nijverheidsstraat 4, 9000 Gent,",
    "ondernemingsnummer 0403.170.701, hierna 'de werkplaats' genoemd,",
    "en anderzijds:",
    "Bakkerij Peeters NV, met maatschappelijke zetel te Kerkstraat 1, 2000 Antwerpen,",
    "ondernemingsnummer BE 0202.239.951, hierna 'de onderneming' genoemd,",
    "wordt overeengekomen wat volgt:",
]
ARTICLES = [
    "Artikel 1 - Voorwerp",
    "De werkzaamheden bestaan uit verpakken en etiketteren van voedingsproducten.",
    "Artikel 2 - Plaats",
    "De werkzaamheden worden uitgevoerd op de site van de onderneming te Industrieweg 12,",
    "2800 Mechelen.",
    "Artikel 3 - Doelgroepwerknemers",
    "De werkplaats stelt zes (6) doelgroepwerknemers ter beschikking.",
    "Artikel 4 - Duur",
    "Deze overeenkomst gaat in op 1 maart 2017 en wordt gesloten voor onbepaalde duur.",
    "Artikel 5 - Prijs",
    "Facturen zijn betaalbaar binnen 30 dagen. Het tarief wordt vanaf 1 januari 2018",
    "geïndexeerd. Een opzegtermijn van 3 maanden geldt. De refter biedt plaats aan maximaal",
    "20 personen. De vorige overeenkomst werd stopgezet met ingang van 1 februari 2017.",
    "Opgemaakt in tweevoud te Gent op 15 februari 2017.",
]
EXPECTED = {
    "workplace_name": "Beschutte Werkplaats De Schakel vzw",
    "workplace_enterprise_number": "0403.170.701",
    "counterpart_name": "Bakkerij Peeters NV",
    "counterpart_enterprise_number": "0202.239.951",
    "work_location": "Industrieweg 12, 2800 Mechelen",
    "nature_of_work": "verpakken en etiketteren van voedingsproducten",
    "workers": 6,
    "start_date": dt.date(2017, 3, 1),
    "indefinite_duration": True,
    "signed_date": dt.date(2017, 2, 15),
}


def only(lines: list[str], **kwargs: object) -> ExtractedContract:
    """The one contract in a one-page document of these lines."""
    contracts = extract_contracts(lines_document([lines], **kwargs))  # type: ignore[arg-type]
    assert len(contracts) == 1
    return contracts[0]


def test_articles_contract() -> None:
    """Every field is read from its sentence, and the distractors are left alone."""
    contract = only(PARTIES + ARTICLES)
    assert {n: fv.value for n, fv in contract.fields.items()} == EXPECTED
    assert contract.layout == "prose"
    assert contract.problems == []


def test_roles_come_from_the_hierna_clause() -> None:
    """When the counterpart is named first, the "hierna" clause still assigns the roles."""
    swapped = [
        "ENCLAVEOVEREENKOMST",
        "Tussen enerzijds:",
        "Bakkerij Peeters NV, ondernemingsnummer 0202.239.951, hierna 'de klant' genoemd,",
        "en anderzijds:",
        "Maatwerkbedrijf De Ploeg vzw, ondernemingsnummer 0403.170.701, hierna 'het",
        "maatwerkbedrijf' genoemd,",
    ]
    contract = only(swapped + ARTICLES)
    assert contract.value("workplace_name") == "Maatwerkbedrijf De Ploeg vzw"
    assert contract.value("counterpart_name") == "Bakkerij Peeters NV"
    assert contract.value("workplace_enterprise_number") == "0403.170.701"


@pytest.mark.parametrize(
    "parties",
    [
        [
            "Deze overeenkomst wordt gesloten tussen Maatwerkbedrijf De Ploeg vzw,",
            "ondernemingsnummer 0403.170.701, gevestigd te Kerkstraat 2, 9000 Gent, en Garage",
            "Vermeulen BV, ondernemingsnummer 0202.239.951, gevestigd te Rijksweg 3, 8000 Brugge,",
            "hierna respectievelijk 'de werkplaats' en 'de opdrachtgever' genoemd.",
        ],
        [
            "DE ONDERGETEKENDEN:",
            "1. Maatwerkbedrijf De Ploeg vzw (KBO 0403.170.701), gevestigd Kerkstraat 2, 9000",
            "Gent, hierna genoemd 'de werkplaats';",
            "2. Garage Vermeulen BV (KBO 0202.239.951), gevestigd Rijksweg 3, 8000 Brugge,",
            "hierna genoemd 'de opdrachtgever';",
            "komen het volgende overeen.",
        ],
        [
            "Partijen",
            "Werkplaats: Maatwerkbedrijf De Ploeg vzw",
            "Ondernemingsnummer: 0403.170.701",
            "hierna 'de werkplaats',",
            "Opdrachtgever: Garage Vermeulen BV",
            "Ondernemingsnummer: 0202.239.951",
            "hierna 'de opdrachtgever'.",
        ],
    ],
)
def test_party_wordings(parties: list[str]) -> None:
    """Parties introduced by "gesloten tussen", "de ondergetekenden" or labelled lines."""
    contract = only(["OVEREENKOMST ENCLAVEWERKING", *parties, *ARTICLES])
    assert contract.value("workplace_name") == "Maatwerkbedrijf De Ploeg vzw"
    assert contract.value("workplace_enterprise_number") == "0403.170.701"
    assert contract.value("counterpart_name") == "Garage Vermeulen BV"
    assert contract.value("counterpart_enterprise_number") == "0202.239.951"


@pytest.mark.parametrize(
    ("sentence", "field", "value"),
    [
        (
            "Het voorwerp van deze overeenkomst is: groenonderhoud, uitgevoerd door een enclave.",
            "nature_of_work",
            "groenonderhoud",
        ),
        (
            "De opdrachtgever vertrouwt de uitvoering toe van volgende werkzaamheden: "
            "schoonmaak van kantoren.",
            "nature_of_work",
            "schoonmaak van kantoren",
        ),
        (
            "De werkplaats staat in voor het volgende: montage van fietsonderdelen.",
            "nature_of_work",
            "montage van fietsonderdelen",
        ),
        (
            "Een enclave met als opdracht het sorteren van retourgoederen.",
            "nature_of_work",
            "sorteren van retourgoederen",
        ),
        (
            "De enclave wordt ingezet op het volgende adres: Kerkstraat 5, 9000 Gent.",
            "work_location",
            "Kerkstraat 5, 9000 Gent",
        ),
        (
            "De doelgroepwerknemers worden tewerkgesteld in de vestiging van de klant, gelegen te "
            "Rijksweg 3, 8000 Brugge.",
            "work_location",
            "Rijksweg 3, 8000 Brugge",
        ),
        ("De enclave bestaat uit 7 doelgroepwerknemers en twee begeleider(s).", "workers", 7),
        (
            "Het aantal ingezette doelgroepwerknemers bedraagt negen (9). Dit aantal kan worden "
            "verhoogd met maximaal 2 werknemers.",
            "workers",
            9,
        ),
        ("Er worden 4 werknemers van de werkplaats ingezet.", "workers", 4),
        ("Een enclave van 5 werknemers gaat aan de slag.", "workers", 5),
        (
            "De overeenkomst wordt aangegaan voor onbepaalde duur met ingang van 01.04.2019.",
            "start_date",
            dt.date(2019, 4, 1),
        ),
        (
            "Deze overeenkomst loopt van 1-4-2019 tot en met 31-3-2020.",
            "end_date",
            dt.date(2020, 3, 31),
        ),
        (
            "De enclavewerking start op 2 mei 2019 en eindigt op 1 mei 2020.",
            "end_date",
            dt.date(2020, 5, 1),
        ),
        (
            "Deze overeenkomst geldt voor de periode van 01/06/2019 tot 31/05/2020.",
            "start_date",
            dt.date(2019, 6, 1),
        ),
        (
            "Zij eindigt van rechtswege op 30/06/2020, zonder opzegging.",
            "end_date",
            dt.date(2020, 6, 30),
        ),
        (
            "De overeenkomst gaat in op 1 juli 2019 voor een bepaalde duur van 12 maanden.",
            "end_date",
            dt.date(2020, 6, 30),
        ),
        (
            "Getekend te Gent, op 3 jun. 2019, in evenveel exemplaren.",
            "signed_date",
            dt.date(2019, 6, 3),
        ),
        ("Aldus opgemaakt in tweevoud te Brugge, 4/6/2019.", "signed_date", dt.date(2019, 6, 4)),
    ],
)
def test_field_sentences(sentence: str, field: str, value: object) -> None:
    """Each phrasing of a field sentence gives its value."""
    lines = [line for line in ARTICLES if "Duur" not in line and "gaat in op" not in line]
    contract = only([*PARTIES, sentence, *lines[:-1]])
    assert contract.value(field) == value


def test_distractors_give_no_values() -> None:
    """Notice periods, payment terms, indexation and an earlier contract give no field."""
    distractors = ARTICLES[9:13]
    contract = only([*PARTIES, "De werkzaamheden bestaan uit groenonderhoud.", *distractors])
    for name in ("start_date", "end_date", "workers", "signed_date", "indefinite_duration"):
        assert name not in contract.fields


def test_evidence_boxes_map_back_to_the_words() -> None:
    """A value found in running text is highlighted by the boxes of its own words."""
    lines = PARTIES + ARTICLES
    contract = only(lines)
    evidence = contract.fields["start_date"].evidence
    assert evidence is not None and evidence.box is not None
    assert evidence.text == "1 maart 2017"
    row = lines.index(next(line for line in lines if "gaat in op" in line))
    assert evidence.box.top == pytest.approx(50.0 + 14.0 * row)
    assert evidence.box.x0 > 50.0
    assert evidence.box.x1 - evidence.box.x0 == pytest.approx(12 * 5.0 - 5.0 + 5.0, abs=6)


def test_docx_paragraphs() -> None:
    """Whole paragraphs as lines without boxes read the same."""
    paragraphs = [" ".join(PARTIES[1:4]), " ".join(PARTIES[4:7]), *ARTICLES]
    contract = only(["ENCLAVEOVEREENKOMST", *paragraphs], source=TextSource.DOCX, boxes=False)
    assert {n: fv.value for n, fv in contract.fields.items()} == EXPECTED
    assert contract.layout == "docx_prose"


def test_prose_pdf_read_with_pdfplumber() -> None:
    """A reportlab PDF of the contract, read with pdfplumber, gives the same fields."""
    contracts = extract_contracts(read_pdf(make_pdf([PARTIES + ARTICLES])))
    assert len(contracts) == 1
    assert {n: fv.value for n, fv in contracts[0].fields.items()} == EXPECTED
