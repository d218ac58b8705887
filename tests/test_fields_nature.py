"""The nature of the work: activity sentences, table cells, where a value stops, when unsure."""

from __future__ import annotations

from parsers.fields.activity import find_activities, find_table_tasks
from parsers.fields.prose import read_prose
from parsers.fields.textmap import PlacedLine, TextMap
from parsers.types import Box, Line, Word


def _texts(text: str) -> list[tuple[str, bool]]:
    return [(a.text, a.sure) for a in find_activities(text)]


def _plain_map(lines: list[str]) -> TextMap:
    return TextMap([PlacedLine(1, Line([Word(w, None) for w in t.split()])) for t in lines])


def _boxed_map(rows: list[list[tuple[float, str]]]) -> TextMap:
    """Lines of words placed at the given x positions, one row of 12 points per line."""
    out = []
    for i, row in enumerate(rows):
        words = []
        for x, text in row:
            for j, word in enumerate(text.split()):
                x0 = x + 30.0 * j
                words.append(Word(word, Box(x0, 12.0 * i, x0 + 5.0 * len(word), 12.0 * i + 10)))
        out.append(PlacedLine(1, Line(words)))
    return TextMap(out)


def test_a_party_block_beside_the_clause_does_not_hide_the_work() -> None:
    """A party block run into the clause ("vertegenwoordigd door ...") leaves the work verb's line."""
    text = (
        "1. VOORWERP\nDE GEBRUIKER\nvertegenwoordigd door Pieter Devos\n"
        "De gebruiker doet een beroep op het maatwerkbedrijf voor het demonteren van\n"
        "afgedankte elektrische toestellen.\n"
    )
    assert _texts(text) == [("demonteren van afgedankte elektrische toestellen", True)]


def test_a_recital_continued_on_a_lower_case_line_stays_out() -> None:
    """ "in uitvoering van de beslissing van het college" is no work, even on its own line."""
    text = (
        "Gemeente X, vertegenwoordigd door het college, voor wie optreden A en B, alge-\n"
        "meen directeur, in uitvoering van de beslissing van het college van burgemeester\n"
    )
    assert find_activities(text) == []


def test_a_suspended_compound_wrapped_over_two_lines() -> None:
    """ "de was- en strijkdienst" is an activity noun though its line breaks after it."""
    text = (
        "De Dienstverlener levert aan de Klant diensten\n"
        "bestaande uit de was- en strijkdienst voor bewonerskledij,\n"
        "door een team van doelgroepwerknemers.\n"
    )
    assert _texts(text) == [("was- en strijkdienst voor bewonerskledij", True)]


def test_a_room_ending_the_clause_is_part_of_the_work() -> None:
    """ "in het bedrijfsrestaurant" closing the activity is part of it, and sure."""
    text = "De werkplaats voert de bediening van de vaatwasstraat in het bedrijfsrestaurant uit."
    assert _texts(text) == [("bediening van de vaatwasstraat in het bedrijfsrestaurant", True)]


def test_a_room_followed_by_its_town_is_a_place() -> None:
    """ "in het atelier te Gent" says where: the activity stops before it."""
    text = "De werkplaats voert het snijden van groenten in het atelier te Gent uit."
    assert [a.text for a in find_activities(text)] == ["snijden van groenten"]


def test_a_time_after_in_de_is_no_room() -> None:
    """ "in de voormiddag" says when, not what: it is never kept in the activity."""
    text = "De ploeg voert het snijden van groenten in de voormiddag uit."
    assert [a.text for a in find_activities(text)] == ["snijden van groenten"]


def test_work_after_aan_de_slag_voor() -> None:
    """ "gaan we ... aan de slag voor het onderhoud van ..." names the work in a mail."""
    text = "Vanaf maandag gaan we met een ploeg van vier medewerkers aan de slag voor het onderhoud van groenzones en wandelpaden."
    assert _texts(text) == [("onderhoud van groenzones en wandelpaden", True)]


def test_work_taken_on_op_zich() -> None:
    """ "neemt de ... op zich met een ploeg" stops before "op zich"."""
    text = "De werkplaats neemt de was- en strijkdienst voor bewonerskledij op zich met een ploeg."
    assert _texts(text) == [("was- en strijkdienst voor bewonerskledij", True)]


def test_the_client_s_duty_is_no_work() -> None:
    """ "De onderneming staat in voor een veilige werkplek" is the client's part, not the work."""
    tm = _plain_map(
        [
            "Het maatwerkbedrijf blijft de werkgever.",
            "De onderneming staat in voor een veilige werkplek.",
        ]
    )
    assert "nature_of_work" not in read_prose(tm).fields


def test_a_pipe_table_tasks_column_without_the_coach_row() -> None:
    """A work-post sheet's "Taken" cell is the work; the coach's row is left out."""
    tm = _plain_map(
        [
            "Werkpost | Taken | Aantal",
            "Enclave | verpakken en etiketteren van cosmetica | 8",
            "Begeleiding | permanente begeleiding en opleiding | 1",
        ]
    )
    assert [t.text for t in find_table_tasks(tm)] == ["verpakken en etiketteren van cosmetica"]
    value = read_prose(tm).fields["nature_of_work"]
    assert (value.value, value.confidence >= 0.8) == (
        "verpakken en etiketteren van cosmetica",
        True,
    )


def test_a_pdf_tasks_column_wrapped_over_lines_is_joined_and_unsure() -> None:
    """A cell wrapped in its column ("strijk-" / "dienst") is joined whole, but only a guess."""
    tm = _boxed_map(
        [
            [(50, "Werkpost"), (150, "Taken"), (300, "Aantal")],
            [(50, "Enclave"), (150, "was- en strijk-"), (300, "3")],
            [(150, "dienst voor be-")],
            [(150, "wonerskledij")],
            [(50, "Begeleiding"), (150, "permanente be-"), (300, "1")],
            [(150, "geleiding")],
        ]
    )
    tasks = find_table_tasks(tm)
    assert [(t.text, t.wrapped) for t in tasks] == [
        ("was- en strijkdienst voor bewonerskledij", True)
    ]
    assert read_prose(tm).fields["nature_of_work"].confidence < 0.8


def test_no_table_tasks_in_prose() -> None:
    """A sentence that mentions "taken" is no table header."""
    tm = _plain_map(
        ["De taken worden in onderling overleg verdeeld.", "Enclave telt vier werknemers."]
    )
    assert find_table_tasks(tm) == []
