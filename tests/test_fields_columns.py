"""Two-column pages are read column by column; forms and tables keep their rows."""

from __future__ import annotations

from parsers.fields import extract_contracts
from parsers.fields.layout import regroup_page
from parsers.fields.testing import lines_document

LEFT = [
    "Tussen enerzijds De Ploeg vzw,",
    "hierna 'de werkplaats', en",
    "anderzijds Bakkerij Peeters NV,",
    "hierna 'de onderneming', wordt",
    "het volgende overeengekomen.",
    "De werkplaats stelt zes (6)",
]
RIGHT = [
    "doelgroepwerknemers ter beschikking",
    "voor de volgende werkzaamheden:",
    "verpakken van koekjes. De",
    "overeenkomst gaat in op 1 maart",
    "2024 en geldt voor onbepaalde",
    "duur.",
]


def two_columns() -> list[str]:
    """Rows holding a left and a right column side by side."""
    return [f"{left}\t{right}" for left, right in zip(LEFT, RIGHT, strict=True)]


def test_columns_are_read_left_then_right() -> None:
    """The left column's lines come first, then the right column's."""
    doc = lines_document([["OVEREENKOMST ENCLAVE", *two_columns()]])
    lines = [p.line.text for p in regroup_page(doc.pages[0])]
    assert lines == ["OVEREENKOMST ENCLAVE", *LEFT, *RIGHT]


def test_a_contract_in_two_columns_is_extracted() -> None:
    """The sentences that run from one column into the next give their fields."""
    (contract,) = extract_contracts(lines_document([["OVEREENKOMST ENCLAVE", *two_columns()]]))
    assert contract.value("workers") == 6
    assert contract.value("nature_of_work") == "verpakken van koekjes"
    assert contract.value("counterpart_name") == "Bakkerij Peeters NV"


def test_a_form_keeps_label_and_value_on_one_line() -> None:
    """Labels left and values right are a form, not two columns."""
    rows = [
        "Naam werkplaats:\tDe Ploeg vzw",
        "Naam onderneming:\tBakkerij Peeters NV",
        "Aard van de werkzaamheden:\tgroenonderhoud",
        "Aantal werknemers:\t4",
        "Begindatum:\t01/03/2024",
        "Duur:\tonbepaalde duur",
    ]
    lines = [p.line.text for p in regroup_page(lines_document([rows]).pages[0])]
    assert lines == [r.replace("\t", " ") for r in rows]


def test_a_table_keeps_its_rows() -> None:
    """A row per enclave stays one line, cells in order."""
    rows = [
        "Onderneming\tLocatie\tAantal\tStart",
        "Bakkerij Peeters NV\tGent\t4\t01/03/2024",
        "Garage Vermeulen BV\tLier\t2\t01/04/2024",
        "Stad Gent\tGent\t6\t01/05/2024",
        "Drukkerij Claes\tMol\t3\t01/06/2024",
    ]
    lines = [p.line.text for p in regroup_page(lines_document([rows]).pages[0])]
    assert lines == [r.replace("\t", " ") for r in rows]
