"""Belgian enterprise numbers (KBO/BCE), written and checked in this one place.

A domain value module like `enums.py`: every layer may import it. The check digits are
python-stdnum's (`stdnum.be.vat`: ten digits, first 0 or 1, mod 97); the written form is the
KBO's `0XXX.XXX.XXX`.
"""

from __future__ import annotations

import re

from stdnum.be import vat


def format_number(digits: str) -> str:
    """Ten digits as `0XXX.XXX.XXX`."""
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def digits_of(text: str) -> str | None:
    """The ten digits of a written number (`BE`, dots and spaces ignored, an old nine-digit
    number padded with 0), or None when it does not have nine or ten digits."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 9:
        digits = "0" + digits
    return digits if len(digits) == 10 else None


def written(text: str) -> str | None:
    """A number in its written form `0XXX.XXX.XXX`, or None (check digits not checked)."""
    digits = digits_of(text)
    return format_number(digits) if digits is not None else None


def is_valid(number: str | None) -> bool:
    """True when a (written or bare) enterprise number passes the check."""
    return bool(number) and vat.is_valid("BE" + (number or "").replace(".", ""))
