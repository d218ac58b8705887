"""Party fields judged together: numbers bound to a sure name are sure, odd names are not."""

from __future__ import annotations

import pytest

from parsers.fields.calibrate import (
    BOUND,
    NAME_GUESS,
    calibrate_parties,
    is_bound,
    reads_as_organisation,
)
from parsers.types import FieldValue

TEXT = (
    "Tussen De Ploeg vzw, met zetel te Kerkstraat 4, 9000 Gent, ondernemingsnummer "
    "0123.456.749, hierna de werkplaats, en Bakkerij Peeters NV (KBO BE 0456.789.034), "
    "hierna de klant."
)


def _fields(**values: tuple[object, float]) -> dict[str, FieldValue]:
    """Field values with their confidences."""
    return {name: FieldValue(value, conf) for name, (value, conf) in values.items()}


def test_a_number_right_after_its_name_is_bound() -> None:
    """The number written in the name's own clause is bound to it."""
    assert is_bound(TEXT, "De Ploeg vzw", "0123.456.749")
    assert is_bound(TEXT, "Bakkerij Peeters NV", "0456.789.034")


def test_a_number_after_another_number_is_not_bound() -> None:
    """A number beyond the one written after the name belongs to someone else."""
    assert not is_bound(TEXT, "De Ploeg vzw", "0456.789.034")


def test_a_number_in_the_next_sentence_is_not_bound() -> None:
    """A sentence end between name and number breaks the binding."""
    text = "Wij danken De Ploeg vzw. Onze Klant heeft nummer 0123.456.749."
    assert not is_bound(text, "De Ploeg vzw", "0123.456.749")


def test_bound_numbers_of_sure_names_become_sure() -> None:
    """A guessed number bound to a sure name with valid check digits is raised."""
    fields = _fields(
        workplace_name=("De Ploeg vzw", 0.93),
        workplace_enterprise_number=("0123.456.749", 0.735),
        counterpart_name=("Bakkerij Peeters NV", 0.93),
        counterpart_enterprise_number=("0456.789.034", 0.735),
    )
    calibrate_parties(TEXT, fields, 0.8)
    assert fields["workplace_enterprise_number"].confidence == BOUND
    assert fields["counterpart_enterprise_number"].confidence == BOUND


def test_numbers_of_unsure_names_stay_guesses() -> None:
    """A number is no surer than the name it is bound to."""
    fields = _fields(
        workplace_name=("De Ploeg vzw", 0.735),
        workplace_enterprise_number=("0123.456.749", 0.735),
    )
    calibrate_parties(TEXT, fields, 0.8)
    assert fields["workplace_enterprise_number"].confidence == 0.735


def test_one_number_on_both_sides_stays_unsure() -> None:
    """Both parties given the same number: nothing is raised."""
    fields = _fields(
        workplace_name=("De Ploeg vzw", 0.93),
        workplace_enterprise_number=("0123.456.749", 0.735),
        counterpart_name=("Bakkerij Peeters NV", 0.93),
        counterpart_enterprise_number=("0123.456.749", 0.735),
    )
    calibrate_parties(TEXT, fields, 0.8)
    assert fields["workplace_enterprise_number"].confidence == 0.735


def test_a_number_failing_its_check_digits_is_not_raised() -> None:
    """Invalid check digits keep a number unsure even when bound."""
    text = "De Ploeg vzw, ondernemingsnummer 0123.456.748, hierna de werkplaats."
    fields = _fields(
        workplace_name=("De Ploeg vzw", 0.93),
        workplace_enterprise_number=("0123.456.748", 0.5),
    )
    calibrate_parties(text, fields, 0.8)
    assert fields["workplace_enterprise_number"].confidence == 0.5


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bakkerij Peeters NV", True),
        ("De Ploeg vzw", True),
        ("Keukens Verbruggen comm.v.", True),
        ("Stad Gent", True),
        ("Beschutte Werkplaats De Schakel", True),
        ("OCMW Lier", True),
        ("Agentschap Wegen en Verkeer", True),
        ("Kabelfabriek", False),
        ("Sociale Werkplaats", False),
        ("Jeugdherberg De", False),
        ("een bedrijf is met ongeveer 300 werknemers, actief in de sector", False),
        ("Opgemaakt te Mol op 21 augustus 2019 in twee exemplaren", False),
    ],
)
def test_reads_as_organisation(name: str, expected: bool) -> None:
    """A name ends in a legal form or starts with a public body's word."""
    assert reads_as_organisation(name) is expected


def test_names_that_are_no_organisation_are_capped() -> None:
    """A sure name cut short in its cell becomes a guess; a proper one stays sure."""
    fields = _fields(
        workplace_name=("De Ploeg vzw", 0.98),
        counterpart_name=("Kabelfabriek", 0.98),
    )
    calibrate_parties("", fields, 0.8)
    assert fields["workplace_name"].confidence == 0.98
    assert fields["counterpart_name"].confidence == NAME_GUESS


def test_a_guessed_name_with_its_own_number_opposite_a_sure_party_is_sure() -> None:
    """A guessed name bound to its valid number, the other party read sure, becomes sure."""
    fields = _fields(
        workplace_name=("De Ploeg vzw", 0.735),
        workplace_enterprise_number=("0123.456.749", 0.735),
        counterpart_name=("Bakkerij Peeters NV", 0.93),
        counterpart_enterprise_number=("0456.789.034", 0.93),
    )
    calibrate_parties(TEXT, fields, 0.8)
    assert fields["workplace_name"].confidence == BOUND
    assert fields["workplace_enterprise_number"].confidence == BOUND


def test_a_guessed_name_stays_a_guess_without_the_other_number() -> None:
    """With the other party's number unread, this number may be the other's: no raise."""
    fields = _fields(
        workplace_name=("De Ploeg vzw", 0.735),
        workplace_enterprise_number=("0123.456.749", 0.735),
        counterpart_name=("Bakkerij Peeters NV", 0.93),
    )
    calibrate_parties(TEXT, fields, 0.8)
    assert fields["workplace_name"].confidence == 0.735


def test_two_guessed_names_stay_guesses() -> None:
    """Neither party read sure: neither is raised."""
    fields = _fields(
        workplace_name=("De Ploeg vzw", 0.735),
        workplace_enterprise_number=("0123.456.749", 0.735),
        counterpart_name=("Bakkerij Peeters NV", 0.735),
        counterpart_enterprise_number=("0456.789.034", 0.735),
    )
    calibrate_parties(TEXT, fields, 0.8)
    assert fields["workplace_name"].confidence == 0.735
    assert fields["counterpart_name"].confidence == 0.735
