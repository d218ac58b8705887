"""PDF tables whose cells wrap over several lines, as office suites draw a landscape annex."""

from __future__ import annotations

import datetime as dt

from parsers.fields import extract_contracts
from parsers.fields.address import canonical_address
from parsers.fields.columns import _is_columns
from parsers.fields.duration import parse_duration
from parsers.fields.numbers import parse_count
from parsers.fields.tables import find_table
from parsers.fields.testing import lines_document
from parsers.fields.textmap import PlacedLine
from parsers.types import Box, Document, Line, Page, TextSource, Word

CHAR = 5.0
STEP = 12.0  # a wrapped cell's lines are this far apart; rows too (their cell padding is small)
# Column left edges of an 800-point landscape page: the table spans the middle of the page.
XS = (60.0, 160.0, 300.0, 440.0, 540.0, 640.0)
INTRO = [
    [(60.0, "RAAMOVEREENKOMST ENCLAVEWERKING")],
    [(60.0, "Tussen enerzijds De Ploeg vzw, hierna 'de werkplaats', en anderzijds")],
    [(60.0, "Bakkerij Peeters NV, hierna 'de klant', wordt het volgende overeengekomen.")],
    [(60.0, "Bijlage 1 – Vestigingen")],
]
HEADER = [
    [
        (x, t)
        for x, t in zip(
            XS, ("Vestiging", "Adres", "Werkzaam-", "Aantal", "Van", "Tot"), strict=True
        )
    ]
]
HEADER_WRAP = [(XS[2], "heden")]
ROWS = [
    [
        (XS[0], "Site 1"),
        (XS[1], "Industrieweg 7,"),
        (XS[2], "verpakken van"),
        (XS[3], "4"),
        (XS[4], "01/03/2024"),
        (XS[5], "31/12/2024"),
    ],
    [(XS[1], "8500 Kortrijk"), (XS[2], "koekjes")],
    [
        (XS[0], "Site 2"),
        (XS[1], "Kerkstraat 4, 2500"),
        (XS[2], "poetsen van be-"),
        (XS[3], "2"),
        (XS[4], "01/04/2024"),
        (XS[5], "OBD"),
    ],
    [(XS[1], "Lier"), (XS[2], "drijfswagens")],
]
OUTRO = [[(60.0, "Opgemaakt te Gent op 15 februari 2024.")]]


def _line(cells: list[tuple[float, str]], top: float) -> Line:
    """A line whose cells start at the given x positions."""
    words = []
    for x, text in cells:
        for token in text.split():
            words.append(Word(token, Box(x, top, x + CHAR * len(token), top + 10.0)))
            x += CHAR * (len(token) + 1)
    return Line(words)


def _document(rows: list[list[tuple[float, str]]]) -> Document:
    """A one-page landscape text-layer document with the given positioned rows."""
    lines = [_line(cells, 50.0 + STEP * i) for i, cells in enumerate(rows)]
    return Document(
        "annex.pdf", "application/pdf", [Page(1, lines, TextSource.TEXT_LAYER, 842.0, 595.0)]
    )


def _placed(rows: list[list[tuple[float, str]]]) -> list[PlacedLine]:
    """The rows as placed lines of page 1."""
    return [PlacedLine(1, _line(cells, 50.0 + STEP * i)) for i, cells in enumerate(rows)]


def test_wrapped_cells_make_one_row_each() -> None:
    """Lines that start under a later column carry on the row above; the header wraps too."""
    table = find_table(_placed([*INTRO, *HEADER, HEADER_WRAP, *ROWS, *OUTRO]))
    assert table is not None
    assert table.header == [4, 5]
    assert table.rows == [[6, 7], [8, 9]]


def test_a_wrapped_row_gives_one_contract_with_whole_cells() -> None:
    """Each row is a contract; its cells are joined over their lines, split words mended."""
    contracts = extract_contracts(_document([*INTRO, *HEADER, HEADER_WRAP, *ROWS, *OUTRO]))
    assert [c.value("work_location") for c in contracts] == [
        "Industrieweg 7, 8500 Kortrijk",
        "Kerkstraat 4, 2500 Lier",
    ]
    assert [c.value("nature_of_work") for c in contracts] == [
        "verpakken van koekjes",
        "poetsen van bedrijfswagens",
    ]
    assert [c.value("workers") for c in contracts] == [4, 2]
    assert contracts[0].value("end_date") == dt.date(2024, 12, 31)
    assert contracts[1].value("indefinite_duration") is True


def test_the_parties_of_the_head_hold_for_every_row() -> None:
    """A row that names no party gets the workplace and client from the document's head."""
    contracts = extract_contracts(_document([*INTRO, *HEADER, HEADER_WRAP, *ROWS, *OUTRO]))
    assert {c.value("workplace_name") for c in contracts} == {"De Ploeg vzw"}
    assert {c.value("counterpart_name") for c in contracts} == {"Bakkerij Peeters NV"}


def test_a_header_cell_spanning_two_columns_is_split_at_the_data_edges() -> None:
    """ "Aantal Van" with no wide gap between them: the data rows show where "Van" starts."""
    van = XS[3] + CHAR * 7 + 3.0  # a space and a bit after "Aantal": no wide gap
    header = [(XS[0], "Vestiging"), (XS[1], "Adres"), (XS[2], "Werkzaamheden")]
    header += [(XS[3], "Aantal"), (van, "Van"), (XS[5], "Tot")]
    row = [(XS[0], "Site 1"), (XS[1], "Industrieweg 7, 8500 Kortrijk"), (XS[2], "verpakken")]
    row += [(XS[3], "4"), (van, "01/03/2024"), (XS[5], "31/12/2024")]
    table = find_table(_placed([*INTRO, header, row, *OUTRO]))
    assert table is not None
    assert len(table.columns) == 6


def test_the_place_column_with_an_address_wins() -> None:
    """ "Vestiging" holds a site name, "Adres" the address: the address is the work location."""
    (first, _) = extract_contracts(_document([*INTRO, *HEADER, HEADER_WRAP, *ROWS, *OUTRO]))
    assert first.value("work_location") == "Industrieweg 7, 8500 Kortrijk"


def test_a_split_word_in_a_cell_is_not_joined_with_another_column() -> None:
    """A hyphen at the end of a row's last cell does not swallow the next cell's first word."""
    rows = [
        [
            (XS[0], "Site 1"),
            (XS[1], "Industrieweg 7, 8500"),
            (XS[2], "verpakken"),
            (XS[3], "4"),
            (XS[4], "01/03/2024"),
            (XS[5], "onbe-"),
        ],
        [(XS[1], "Kortrijk"), (XS[5], "paald")],
    ]
    (contract,) = extract_contracts(_document([*INTRO, *HEADER, HEADER_WRAP, *rows, *OUTRO]))
    assert contract.value("work_location") == "Industrieweg 7, 8500 Kortrijk"
    assert contract.value("indefinite_duration") is True


def test_obd_is_an_indefinite_duration() -> None:
    """The office abbreviation "OBD" (onbepaalde duur) reads as indefinite."""
    found = parse_duration("OBD")
    assert found is not None and found.indefinite is True


def test_a_bus_written_slash_b_letter_is_kept() -> None:
    """ "32/bB" and "164/ bA", as narrow cells write a box, keep the box letter."""
    assert canonical_address("Industriepark Zuid 32/bB te Mol") == (
        "Industriepark Zuid 32 bus B, Mol"
    )
    assert canonical_address("Oude Vest 164/ bA – 9220 Hamme") == "Oude Vest 164 bus A, 9220 Hamme"


def test_a_table_whose_cells_wrap_is_not_read_as_two_columns() -> None:
    """Rows whose wrapped lines have no wide gap of their own are still a table's rows."""
    head = [(XS[0], "Nr."), (XS[1], "Adres"), (XS[2], "Werkzaamheden"), (XS[3], "Aantal")]
    row = [
        [(XS[0], "3"), (XS[1], "Nieuwstraat 1,"), (XS[2], "onderhoud van"), (XS[3], "3")],
        [(XS[1], "3600 Genk"), (XS[2], "bermen en")],
        [(XS[1], "(noord)"), (XS[2], "grachten")],
    ]
    rows = [line.words for line in _document([head, *row, *row, *row]).pages[0].lines]
    assert not _is_columns(rows, 280.0)  # the gutter between the address and the work


def test_a_table_runs_on_past_a_footer_and_the_next_page_head() -> None:
    """A row on the next page, after "p. 1/2" and a letterhead line, is still a row."""
    first = [*INTRO, *HEADER, HEADER_WRAP, *ROWS[:2], [(380.0, "p. 1/2")]]
    second = [[(60.0, "De Ploeg vzw – Kerkstraat 4, 9000 Gent")], *ROWS[2:], *OUTRO]
    pages = [
        Page(
            n,
            [_line(c, 50.0 + STEP * i) for i, c in enumerate(rows)],
            TextSource.TEXT_LAYER,
            842.0,
            595.0,
        )
        for n, rows in enumerate((first, second), start=1)
    ]
    contracts = extract_contracts(Document("annex.pdf", "application/pdf", pages))
    assert [c.value("workers") for c in contracts] == [4, 2]


def test_a_table_with_a_column_per_party_is_one_contract() -> None:
    """ "Partijen | Werkplaats | Opdrachtgever" over label rows names the two parties."""
    rows = [
        "OVEREENKOMST ENCLAVEWERK",
        "Partijen | Werkplaats | Opdrachtgever",
        "Naam | De Ploeg vzw | Bakkerij Peeters NV",
        "Ondernemingsnummer | 0403.170.701 | 0404.053.915",
        "Adres | Kerkstraat 4, 9000 Gent | Rijksweg 149, 2500 Lier",
        "Plaats van tewerkstelling: Industrieweg 7, 8500 Kortrijk",
        "Aard van de werkzaamheden: verpakken",
        "Aantal doelgroepwerknemers: 4",
        "Begindatum: 01/03/2024",
    ]
    (contract,) = extract_contracts(lines_document([rows], TextSource.DOCX, boxes=False))
    assert contract.value("workplace_name") == "De Ploeg vzw"
    assert contract.value("workplace_enterprise_number") == "0403.170.701"
    assert contract.value("counterpart_name") == "Bakkerij Peeters NV"
    assert contract.value("work_location") == "Industrieweg 7, 8500 Kortrijk"


def test_a_wrapped_first_column_is_told_from_a_new_row_by_the_row_gap() -> None:
    """A client's name wrapping in the first column stays in its row: rows stand further apart."""
    header = [(XS[0], "Klant"), (XS[1], "Werkplek"), (XS[2], "Opdracht"), (XS[3], "Team")]
    rows = [
        (
            8.0,
            [
                (XS[0], "Verpakkingen Van-"),
                (XS[1], "Kanaalweg 8,"),
                (XS[2], "scannen"),
                (XS[3], "een groep van 10"),
            ],
        ),
        (1.6, [(XS[0], "damme nv"), (XS[1], "9880 Aalter")]),
        (
            8.0,
            [
                (XS[0], "Bakkerij Peeters NV"),
                (XS[1], "Kerkstraat 4, 2500 Lier"),
                (XS[2], "poetsen"),
                (XS[3], "3"),
            ],
        ),
    ]
    placed, top = [PlacedLine(1, _line(header, 50.0))], 60.0
    for gap, cells_ in rows:
        top += gap
        placed.append(PlacedLine(1, _line(cells_, top)))
        top += 10.0
    table = find_table(placed)
    assert table is not None and table.rows == [[1, 2], [3]]


def test_a_party_table_with_wrapped_cells_and_an_unlabelled_corner() -> None:
    """A party header with an empty corner cell, a name wrapping below: one contract."""
    rows = [
        [(60.0, "Tussen de hieronder vermelde partijen wordt het volgende overeengekomen.")],
        [(XS[1], "Maatwerkbedrijf"), (XS[2], "Klant")],
        [(XS[0], "Naam"), (XS[1], "De Ploeg vzw"), (XS[2], "Staalconstructies Bogaerts")],
        [(XS[2], "bv")],
        [(XS[0], "KBO-nr."), (XS[1], "0403.170.701"), (XS[2], "0404.053.915")],
        [(XS[0], "Zetel"), (XS[1], "Kerkstraat 4, 9000 Gent"), (XS[2], "Rijksweg 149, 2500 Lier")],
        [(60.0, "Plaats van tewerkstelling: Industrieweg 7, 8500 Kortrijk")],
        [(60.0, "Aantal doelgroepwerknemers: 4")],
    ]
    (contract,) = extract_contracts(_document(rows))
    assert contract.value("workplace_name") == "De Ploeg vzw"
    assert contract.value("counterpart_name") == "Staalconstructies Bogaerts bv"


def test_an_article_before_a_count_is_no_count() -> None:
    """ "een groep van tien (10) arbeiders" is ten, not one."""
    assert parse_count("een groep van tien (10) arbeiders") is not None
    assert parse_count("een groep van tien (10) arbeiders").value == 10  # type: ignore[union-attr]
    assert parse_count("een (1) werknemer").value == 1  # type: ignore[union-attr]


def test_a_party_header_read_as_label_and_value_still_names_the_parties() -> None:
    """A DOCX header row with an empty corner comes as "Werkplaats: Onderneming"."""
    rows = [
        "OVEREENKOMST ENCLAVEWERK",
        "Werkplaats: Onderneming",
        "Naam | De Ploeg vzw | Bakkerij Peeters NV",
        "KBO-nr. | 0403.170.701 | 0404.053.915",
        "Zetel | Kerkstraat 4, 9000 Gent | Rijksweg 149, 2500 Lier",
        "Plaats van tewerkstelling: Industrieweg 7, 8500 Kortrijk",
    ]
    (contract,) = extract_contracts(lines_document([rows], TextSource.DOCX, boxes=False))
    assert contract.value("workplace_name") == "De Ploeg vzw"
    assert contract.value("counterpart_name") == "Bakkerij Peeters NV"


def test_a_party_table_holds_for_every_row_of_a_further_table() -> None:
    """Parties in a table of their own, the enclaves in an annex table: both parties per row."""
    rows = [
        "RAAMOVEREENKOMST",
        "Partijen | Werkplaats | Opdrachtgever",
        "Naam | De Ploeg vzw | Bakkerij Peeters NV",
        "KBO-nr. | 0403.170.701 | 0404.053.915",
        "Zetel | Kerkstraat 4, 9000 Gent | Rijksweg 149, 2500 Lier",
        "Bijlage 1",
        "Vestiging | Adres | Werkzaamheden | Aantal | Van | Tot",
        "Site 1 | Industrieweg 7, 8500 Kortrijk | verpakken | 4 | 01/03/2024 | 28/02/2025",
        "Site 2 | Kerkstraat 9, 2500 Lier | poetsen | 2 | 01/04/2024 | OBD",
    ]
    contracts = extract_contracts(lines_document([rows], TextSource.DOCX, boxes=False))
    assert [c.value("work_location") for c in contracts] == [
        "Industrieweg 7, 8500 Kortrijk",
        "Kerkstraat 9, 2500 Lier",
    ]
    assert {c.value("workplace_name") for c in contracts} == {"De Ploeg vzw"}
    assert {c.value("counterpart_name") for c in contracts} == {"Bakkerij Peeters NV"}


def test_a_colon_tabbed_off_its_label_makes_no_table() -> None:
    """ "Bezetting <tab> : <tab> twee (2)" rows are a form, not a table with a column per contract."""
    rows = [
        [(XS[0], "Opdrachtgever"), (XS[1], ":"), (XS[2], "Bakkerij Peeters NV")],
        [(XS[0], "Werkadres"), (XS[1], ":"), (XS[2], "Industrieweg 7, 8500 Kortrijk")],
        [(XS[0], "Activiteit"), (XS[1], ":"), (XS[2], "verpakken")],
        [(XS[0], "Bezetting"), (XS[1], ":"), (XS[2], "twee (2) doelgroepwerknemers")],
        [(XS[0], "Looptijd"), (XS[1], ":"), (XS[2], "vanaf 1-9-2017 voor onbepaalde duur")],
    ]
    (contract,) = extract_contracts(_document(rows))
    assert contract.value("workers") == 2
    assert contract.value("counterpart_name") == "Bakkerij Peeters NV"


def test_a_duration_wrapped_in_its_value_cell_is_read_whole() -> None:
    """ "Duur | ... 12 maanden, ingaand op" with the date on the cell's next line."""
    rows = [
        [(60.0, "RAAMOVEREENKOMST – Bijlage 1")],
        [(XS[0], "Plaats van tewerkstelling"), (XS[2], "Industrieweg 7, 8500 Kortrijk")],
        [(XS[0], "Aantal doelgroepwerknemers"), (XS[2], "drie (3)")],
        [(XS[0], "Duur"), (XS[2], "Voor een periode van 12 maanden, ingaand op")],
        [(XS[2], "28.11.2020")],
        [(XS[0], "Werkrooster"), (XS[2], "4/5, ma–do")],
    ]
    (contract,) = extract_contracts(_document(rows))
    assert contract.value("start_date") == dt.date(2020, 11, 28)
    assert contract.value("end_date") == dt.date(2021, 11, 27)


def test_a_row_with_three_cells_on_one_side_keeps_the_run_a_table() -> None:
    """Wrapped cells under the address and the work, one row with four cells: still a table."""
    rows = [
        [(XS[0], "3"), (XS[1], "Nieuwstraat 1,")],
        [(XS[1], "3600 Genk"), (XS[2], "onderhoud van")],
        [(XS[1], "(noord)"), (XS[2], "bermen en")],
        [(XS[1], "Kerkstraat 9,"), (XS[2], "verpakken"), (XS[3], "4"), (XS[4], "1/3/2024")],
        [(XS[1], "Lier"), (XS[2], "van koekjes")],
        [(XS[1], "(zuid)"), (XS[2], "en taarten")],
    ]
    lines = [line.words for line in _document(rows).pages[0].lines]
    assert not _is_columns(lines, 280.0)
