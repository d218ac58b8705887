"""Enterprise numbers are written and checked in one module: table of inputs and outputs."""

from __future__ import annotations

import pytest

from mailbox_ingest.domain.enterprise_numbers import digits_of, is_valid, written
from mailbox_ingest.respond.templates import kbo
from store.registry import clean_enterprise_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0456.789.034", "0456.789.034"),
        ("BE 0456 789 034", "0456.789.034"),
        ("456789034", "0456.789.034"),  # the old nine-digit form
        ("0456.789", None),
        ("", None),
    ],
)
def test_written_form(text: str, expected: str | None) -> None:
    """Separators and `BE` are dropped, nine digits padded, other lengths refused."""
    assert written(text) == expected
    assert clean_enterprise_number(text) == expected
    assert kbo(text) == (expected or text or "niet vermeld")


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("0456.789.034", True),
        ("0456.789.035", False),  # check digits wrong
        ("2456.789.034", False),  # must start with 0 or 1
        (None, False),
    ],
)
def test_check_digits(number: str | None, valid: bool) -> None:
    """Mod 97 over the first eight digits, first digit 0 or 1."""
    assert is_valid(number) is valid


def test_digits_of_keeps_only_ten_digits() -> None:
    """The bare digits, or None."""
    assert digits_of("BE0456.789.034") == "0456789034"
    assert digits_of("12") is None
