"""The work described as a list of tasks is one nature of work, its items joined with "; "."""

from __future__ import annotations

from parsers.fields import extract_contracts
from parsers.fields.bullets import list_at
from parsers.fields.testing import lines_document
from parsers.types import TextSource

HEAD = [
    "Tussen De Ploeg vzw, hierna 'de werkplaats', en Bakkerij Peeters NV, hierna 'de",
    "onderneming', wordt overeengekomen:",
    "De enclave voert bij de opdrachtgever de volgende taken uit:",
]
TAIL = [
    "Werkadres: Industriepark Zuid 6, 9060 Zelzate",
    "Bezetting: vier (4) doelgroepmedewerkers.",
    "De overeenkomst loopt van 15/07/2017 tot en met 31/12/2018.",
]
WANT = "maaien van gazons en bermen; snoeien van hagen; onkruidbeheer op verharde oppervlakken"


def _nature(lines: list[str]) -> object:
    """The nature of work of the one contract in the lines."""
    (contract,) = extract_contracts(lines_document([lines], TextSource.DOCX, boxes=False))
    return contract.value("nature_of_work")


def test_a_bulleted_task_list_is_read_whole() -> None:
    """Bullets (a PDF's private-use bullet sign) mark each task; all are kept."""
    items = ["\uf0b7 maaien van gazons en bermen;", "\uf0b7 snoeien van hagen;"]
    items.append("\uf0b7 onkruidbeheer op verharde oppervlakken.")
    assert _nature([*HEAD, *items, *TAIL]) == WANT


def test_a_list_whose_bullets_were_lost_is_read_by_its_semicolons() -> None:
    """Word's list numbering is no text: lines ending in ";" still make the list."""
    items = ["maaien van gazons en bermen;", "snoeien van hagen;"]
    items.append("onkruidbeheer op verharde oppervlakken.")
    assert _nature([*HEAD, *items, *TAIL]) == WANT


def test_labels_after_a_line_are_no_list_items() -> None:
    """A single line followed by labelled lines is no list."""
    text = "verpakken van koekjes.\nWerkadres: Kerkstraat 1, 9000 Gent\n"
    assert list_at(text, 0) == ([], 0)


def test_bulleted_labelled_facts_are_no_task_list() -> None:
    """ "• Taken: ..." / "• Team: ..." are labelled facts: the tasks are only the first value."""
    text = "\uf0b7 Taken: afwerken van panelen\n\uf0b7 Team: twee (2) medewerkers\n"
    assert list_at(text, 0) == ([], 0)
