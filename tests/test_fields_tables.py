"""Tables with a header row: each row under it is a contract, with what the document says once."""

from __future__ import annotations

import datetime as dt

from parsers.fields import extract_contracts
from parsers.fields.testing import lines_document
from parsers.types import TextSource

INTRO = [
    "RAAMOVEREENKOMST ENCLAVEWERKING",
    "Tussen enerzijds De Ploeg vzw, hierna 'de werkplaats', en anderzijds de klanten",
    "vermeld in de tabel hieronder, wordt het volgende overeengekomen.",
]
OUTRO = ["De overeenkomsten gelden voor onbepaalde duur.", "Opgemaakt te Gent op 15 februari 2024."]
HEADER = "Opdrachtgever | Plaats van tewerkstelling | Aantal | Startdatum | Werkzaamheden"
ROWS = [
    "Bakkerij Peeters NV | Industrieweg 7, 8500 Kortrijk | 4 | 01/03/2024 | verpakken",
    "Garage Vermeulen BV | Kerkstraat 4, 2500 Lier | 2 | 01/04/2024 | poetsen van wagens",
    "Stad Gent | Heirweg 44, 9000 Gent | 6 | 01/05/2024 | groenonderhoud",
]


def test_a_row_per_enclave_gives_a_contract_per_row() -> None:
    """Three rows, three contracts, each with its own cells and the shared facts."""
    doc = lines_document([[*INTRO, HEADER, *ROWS, *OUTRO]], TextSource.DOCX, boxes=False)
    contracts = extract_contracts(doc)
    assert [c.value("counterpart_name") for c in contracts] == [
        "Bakkerij Peeters NV",
        "Garage Vermeulen BV",
        "Stad Gent",
    ]
    assert [c.value("workers") for c in contracts] == [4, 2, 6]
    assert [c.value("work_location") for c in contracts] == [
        "Industrieweg 7, 8500 Kortrijk",
        "Kerkstraat 4, 2500 Lier",
        "Heirweg 44, 9000 Gent",
    ]
    assert contracts[1].value("start_date") == dt.date(2024, 4, 1)
    assert contracts[2].value("nature_of_work") == "groenonderhoud"
    assert all(c.value("workplace_name") == "De Ploeg vzw" for c in contracts)
    assert all(c.value("indefinite_duration") is True for c in contracts)


def test_the_header_row_is_never_a_name() -> None:
    """The header's "Opdrachtgever" is a column name, not a party."""
    doc = lines_document([[*INTRO, HEADER, ROWS[0], *OUTRO]], TextSource.DOCX, boxes=False)
    (contract,) = extract_contracts(doc)
    assert contract.value("counterpart_name") == "Bakkerij Peeters NV"


def test_a_pdf_table_is_split_at_its_column_gaps() -> None:
    """Cells of a PDF table come from the gaps between words, under their header."""
    header = "Onderneming\tAantal\tStartdatum"
    rows = ["Bakkerij Peeters NV\t4\t01/03/2024", "Garage Vermeulen BV\t2\t01/04/2024"]
    contracts = extract_contracts(lines_document([[*INTRO, header, *rows, *OUTRO]]))
    assert [(c.value("counterpart_name"), c.value("workers")) for c in contracts] == [
        ("Bakkerij Peeters NV", 4),
        ("Garage Vermeulen BV", 2),
    ]


def test_a_two_column_form_is_no_table() -> None:
    """Label and value cells side by side stay a form."""
    rows = [
        "Naam werkplaats | De Ploeg vzw",
        "Naam onderneming | Bakkerij Peeters NV",
        "Aantal doelgroepwerknemers | 4",
        "Begindatum | 01/03/2024",
        "Aard van de werkzaamheden | verpakken",
        "Duur | onbepaalde duur",
    ]
    (contract,) = extract_contracts(lines_document([rows], TextSource.DOCX, boxes=False))
    assert contract.value("workers") == 4


def test_definitions_and_questions_are_read_as_labels() -> None:
    """ "1° de opdrachtgever: X" names a party; a question is the label of the line below."""
    doc = lines_document(
        [
            [
                "OVEREENKOMST",
                "In deze overeenkomst wordt verstaan onder:",
                "1° de werkplaats: De Ploeg vzw, met zetel te Kerkstraat 4, 9000 Gent;",
                "2° de opdrachtgever: Bakkerij Peeters NV (KBO 0123.456.749);",
                "Welke werkzaamheden voert de enclave uit?",
                "verpakken van koekjes",
                "Hoeveel doelgroepwerknemers worden ingezet?",
                "vier (4)",
                "Waar worden de werkzaamheden uitgevoerd?",
                "Industrieweg 7, 8500 Kortrijk",
                "Begindatum: 1 maart 2024",
                "Duur: onbepaalde duur",
            ]
        ],
        TextSource.DOCX,
        boxes=False,
    )
    (contract,) = extract_contracts(doc)
    assert contract.value("workplace_name") == "De Ploeg vzw"
    assert contract.value("counterpart_name") == "Bakkerij Peeters NV"
    assert contract.value("nature_of_work") == "verpakken van koekjes"
    assert contract.value("workers") == 4
    assert contract.value("work_location") == "Industrieweg 7, 8500 Kortrijk"


def test_a_table_with_a_column_per_contract() -> None:
    """Labels down the first column, one contract per further column."""
    rows = [
        "Opdrachtgever | Bakkerij Peeters NV | Garage Vermeulen BV",
        "Plaats van tewerkstelling | Industrieweg 7, 8500 Kortrijk | Kerkstraat 4, 2500 Lier",
        "Aantal doelgroepwerknemers | 4 | 2",
        "Begindatum | 01/03/2024 | 01/04/2024",
        "Werkzaamheden | verpakken | poetsen van wagens",
    ]
    doc = lines_document([[*INTRO, *rows, *OUTRO]], TextSource.DOCX, boxes=False)
    contracts = extract_contracts(doc)
    assert [
        (c.value("counterpart_name"), c.value("workers"), c.value("work_location"))
        for c in contracts
    ] == [
        ("Bakkerij Peeters NV", 4, "Industrieweg 7, 8500 Kortrijk"),
        ("Garage Vermeulen BV", 2, "Kerkstraat 4, 2500 Lier"),
    ]


def test_numbered_sections_are_contracts_sharing_the_preamble() -> None:
    """ "Enclave 1" and "Enclave 2" with their own facts, under the same parties."""
    doc = lines_document(
        [
            [
                "OVEREENKOMST ENCLAVEWERKING",
                "Tussen enerzijds De Ploeg vzw, hierna 'de werkplaats', en anderzijds Bakkerij",
                "Peeters NV, hierna 'de onderneming', wordt het volgende overeengekomen.",
                "Enclave 1",
                "Plaats van tewerkstelling: Industrieweg 7, 8500 Kortrijk",
                "Aantal doelgroepwerknemers: 4",
                "Begindatum: 01/03/2024",
                "Werkzaamheden: verpakken",
                "Enclave 2",
                "Plaats van tewerkstelling: Kerkstraat 4, 2500 Lier",
                "Aantal doelgroepwerknemers: 2",
                "Begindatum: 01/04/2024",
                "Werkzaamheden: poetsen",
            ]
        ],
        TextSource.DOCX,
        boxes=False,
    )
    contracts = extract_contracts(doc)
    assert [
        (c.value("counterpart_name"), c.value("workers"), c.value("start_date")) for c in contracts
    ] == [
        ("Bakkerij Peeters NV", 4, dt.date(2024, 3, 1)),
        ("Bakkerij Peeters NV", 2, dt.date(2024, 4, 1)),
    ]


PDF_HEADER = "Opdrachtgever\tAdres tewerkstelling\tWerkzaamheden\tAantal"


def _pdf_contracts(table: list[str]) -> list[tuple[object, ...]]:
    """Name, location, nature and workers of each contract of a PDF page holding the table."""
    contracts = extract_contracts(lines_document([[*INTRO, *table, *OUTRO]]))
    return [
        tuple(
            c.value(n) for n in ("counterpart_name", "work_location", "nature_of_work", "workers")
        )
        for c in contracts
    ]


def test_cells_wrapped_over_lines_of_a_pdf_table_are_joined() -> None:
    """A line whose first column is empty carries on the cells above; split words are joined."""
    found = _pdf_contracts(
        [
            PDF_HEADER,
            "Bakkerij Peeters NV\tKerkstraat 4,\tverpakken van\t4",
            "\t9000 Gent\tkoek-",
            "\t\tjes en taart",
            "Garage Vermeulen BV\tHeirweg 44, 2500 Lier\tpoetsen van wagens\t2",
        ]
    )
    assert found == [
        ("Bakkerij Peeters NV", "Kerkstraat 4, 9000 Gent", "verpakken van koekjes en taart", 4),
        ("Garage Vermeulen BV", "Heirweg 44, 2500 Lier", "poetsen van wagens", 2),
    ]


def test_a_header_wrapped_over_two_lines_is_read_whole() -> None:
    """ "Opdrachtge-" over "ver" is the column "Opdrachtgever", not a fuzzy "opdracht"."""
    found = _pdf_contracts(
        [
            "Nr.\tOpdrachtge-\tAdres te-\tWerkzaam-\tAantal",
            "\tver\twerkstelling\theden",
            "1\tBakkerij Peeters NV\tKerkstraat 4, 9000 Gent\tverpakken\t4",
        ]
    )
    assert found == [("Bakkerij Peeters NV", "Kerkstraat 4, 9000 Gent", "verpakken", 4)]


def test_a_footer_under_a_pdf_table_is_no_row() -> None:
    """A line far below the last row, its first column empty, makes no contract."""
    doc = lines_document(
        [
            [
                *INTRO,
                PDF_HEADER,
                "Bakkerij Peeters NV\tKerkstraat 4, 9000 Gent\tverpakken\t4",
                "",
                "",
                "\tDe Ploeg vzw 2",
                *OUTRO,
            ]
        ]
    )
    assert len(extract_contracts(doc)) == 1


def test_van_and_tot_head_the_period_columns() -> None:
    """ "Van | Tot" over two dates in a header are the start and end date."""
    doc = lines_document(
        [
            [
                *INTRO,
                "Opdrachtgever | Werkzaamheden | Aantal | Van | Tot",
                "Bakkerij Peeters NV | verpakken | 4 | 01/03/2024 | 28/02/2025",
                "Opgemaakt te Gent op 15 februari 2024.",
            ]
        ],
        TextSource.DOCX,
        boxes=False,
    )
    (contract,) = extract_contracts(doc)
    assert contract.value("start_date") == dt.date(2024, 3, 1)
    assert contract.value("end_date") == dt.date(2025, 2, 28)


def test_a_row_whose_cells_stand_below_its_first_line_is_assembled() -> None:
    """A row whose first line holds only its number and name takes the cells below it."""
    contracts = extract_contracts(
        lines_document(
            [
                [
                    *INTRO,
                    "Nr.\tOpdrachtgever\tAdres tewerkstelling\tWerkzaamheden\tAantal\tBegin",
                    "1\tBakkerij Peeters NV\tKerkstraat 4, 9000 Gent\tverpakken\t4\t1/3/2024",
                    "2\tGarage Vermeulen BV",
                    "\t\tHeirweg 44, 2500 Lier\tpoetsen\t2\t1/4/2024",
                    *OUTRO,
                ]
            ]
        )
    )
    assert [c.value("nature_of_work") for c in contracts] == ["verpakken", "poetsen"]
    assert [c.value("work_location") for c in contracts] == [
        "Kerkstraat 4, 9000 Gent",
        "Heirweg 44, 2500 Lier",
    ]
    assert [c.value("counterpart_name") for c in contracts] == [
        "Bakkerij Peeters NV",
        "Garage Vermeulen BV",
    ]


def test_a_wrapped_cell_of_a_column_per_contract_table_stays_in_its_column() -> None:
    """A cell wrapped onto a line of its own joins the nearest column's value, read as a guess
    (a reviewer looks); the table's clean rows stay sure."""
    contracts = extract_contracts(
        lines_document(
            [
                [
                    *INTRO,
                    "Opdrachtgever\tBakkerij Peeters NV\tGarage Vermeulen BV",
                    "Plaats van tewerkstelling\tKerkstraat 4, 9000 Gent\tHeirweg 44, 2500 Lier",
                    "Werkzaamheden\tverpakken van\tpoetsen",
                    "\tkoekjes",
                    "Aantal\t4\t2",
                    "Startdatum\t01/03/2024\t01/04/2024",
                    *OUTRO,
                ]
            ]
        )
    )
    assert [c.value("nature_of_work") for c in contracts] == ["verpakken van koekjes", "poetsen"]
    assert all(c.fields["nature_of_work"].confidence < 0.8 for c in contracts)  # a guess
    assert all(c.fields["start_date"].confidence >= 0.8 for c in contracts)  # a clean row
    assert [c.value("start_date") for c in contracts] == [
        dt.date(2024, 3, 1),
        dt.date(2024, 4, 1),
    ]


def test_a_clean_table_with_a_column_per_contract_stays_sure() -> None:
    """Rows all as wide as the table, none below it: the values keep their confidence."""
    contracts = extract_contracts(
        lines_document(
            [
                [
                    *INTRO,
                    "Opdrachtgever\tBakkerij Peeters NV\tGarage Vermeulen BV",
                    "Plaats van tewerkstelling\tKerkstraat 4, 9000 Gent\tHeirweg 44, 2500 Lier",
                    "Werkzaamheden\tverpakken\tpoetsen",
                    "Aantal\t4\t2",
                    *OUTRO,
                ]
            ]
        )
    )
    assert [c.value("counterpart_name") for c in contracts] == [
        "Bakkerij Peeters NV",
        "Garage Vermeulen BV",
    ]
    assert all(c.fields["counterpart_name"].confidence >= 0.8 for c in contracts)


def test_a_column_per_contract_table_with_a_short_row_is_doubtful() -> None:
    """A row with fewer cells than the others: which contract a value is for is a guess."""
    contracts = extract_contracts(
        lines_document(
            [
                [
                    *INTRO,
                    "Opdrachtgever\tBakkerij Peeters NV\tGarage Vermeulen BV",
                    "Plaats van tewerkstelling\tKerkstraat 4, 9000 Gent\tHeirweg 44, 2500 Lier",
                    "Werkzaamheden\tverpakken",
                    "Aantal\t4\t2",
                    "Startdatum\t01/03/2024\t01/04/2024",
                    *OUTRO,
                ]
            ]
        )
    )
    assert len(contracts) == 2
    assert all(c.fields["start_date"].confidence < 0.8 for c in contracts)


PARTY_ROWS_FORM = [
    "Formulier enclaveovereenkomst",
    "Deel A - Partijen",
    "Naam | Ondernemingsnummer | Adres maatschappelijke zetel",
    "Maatwerkbedrijf | De Ploeg vzw | 0412.345.678 | Eikendreef 12 te 2800 Mechelen",
    "Opdrachtgever | Bakkerij Peeters NV | 0202.239.951 | Ijzerweg 242 - 1840 Londerzeel",
    "Deel B - De enclave",
    "Adres van tewerkstelling (indien verschillend van de zetel):",
    "Vaartdijk 172, 3960 Bree",
    "Omschrijving van de werkzaamheden: verpakken van koekjes",
    "Aantal werknemers in de enclave: 6",
    "Begindatum: 1 juni 2025",
    "Duur: onbepaalde duur",
]


def test_a_table_with_a_row_per_party_is_one_contract_and_no_seat_is_the_workplace() -> None:
    """Rows headed "Maatwerkbedrijf" and "Opdrachtgever" are the two parties of one contract."""
    doc = lines_document([PARTY_ROWS_FORM], TextSource.DOCX, boxes=False)
    (contract,) = extract_contracts(doc)
    assert contract.value("workplace_name") == "De Ploeg vzw"
    assert contract.value("workplace_enterprise_number") == "0412.345.678"
    assert contract.value("counterpart_name") == "Bakkerij Peeters NV"
    assert contract.value("counterpart_enterprise_number") == "0202.239.951"
    assert contract.value("work_location") == "Vaartdijk 172, 3960 Bree"


def test_a_workstation_table_after_a_party_table_gives_the_work_and_skips_the_supervisor() -> None:
    """Parties by row, then "Werkpost | Taken | Aantal": the enclave row is the contract's work,
    the "Begeleiding" row (the supervisor) is no second contract."""
    lines = [
        "Werkpostfiche en overeenkomst enclave",
        "Partij | Naam | Ondernemingsnummer | Maatschappelijke zetel",
        "Uitvoerder | De Ploeg vzw | 0412.345.678 | Europalaan 4 te 8560 Wevelgem",
        "Opdrachtgever | Bakkerij Peeters NV | 0202.239.951 | 8970 Poperinge, Nijverheidsstraat 8",
        "Adres werkpost: Zuidervest 6, 9300 Aalst",
        "Werkpost | Taken | Aantal | Uurrooster",
        "Enclave | monteren van fietsonderdelen | 6 | ma–vr 7u30–16u00",
        "Begeleiding | permanente begeleiding en opleiding | 1 | ma–vr 7u30–16u00",
        "Deze overeenkomst loopt van 01/03/2023 tot en met 31/12/2024.",
    ]
    (contract,) = extract_contracts(lines_document([lines], TextSource.DOCX, boxes=False))
    assert contract.value("workplace_name") == "De Ploeg vzw"
    assert contract.value("counterpart_name") == "Bakkerij Peeters NV"
    assert contract.value("nature_of_work") == "monteren van fietsonderdelen"
    assert contract.value("workers") == 6
    assert contract.value("work_location") == "Zuidervest 6, 9300 Aalst"
