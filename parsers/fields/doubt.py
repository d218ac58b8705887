"""Values that look broken are never sure, however they were found.

Two columns or two languages read as one, a word still split at a line end, a name cut or run
on: such a value may be right, but the reader cannot tell, so it is capped below the accept
threshold and a reviewer checks it. The rules were found by measuring: fixes that filled a
missing field let contracts through whose other fields were broken in these ways.
"""

from __future__ import annotations

import re

from parsers.types import FieldValue

DOUBT_MAX = 0.7
FREE_TEXT = ("nature_of_work", "work_location")
NAMES = ("workplace_name", "counterpart_name")
_FRENCH = re.compile(r"\b(?:et|les|des|du|la|le|pour|avec|sur|au|aux|l'|d')(?=\s|$)", re.I)
_SPLIT_WORD = re.compile(r"[^\W\d_]{2,}-(?:\s|$)")  # "Erfgoedonder- Voor het ..."
_CUT_END = re.compile(r"(?:^|\s)(?:de|het|van|ter|ten|den|der|&|en|'t|sint)$", re.IGNORECASE)
_CUT_START = re.compile(r"(?!(?:van|de|den|der|het|ter|ten|'t|t')\b)[a-z]|[&+,.;:/–-]")
_NUMBER = re.compile(r"\d{3}")  # a name run on into its enterprise number or address
_SIGNATURE = re.compile(r"\s(?:Voor|Namens)\s+(?:het|de)\b")  # a signature column read across


def _cut_name(name: str, written: str, text: str) -> bool:
    """Whether a name ends in an article ("Maatwerkbedrijf De"), starts mid-word ("il
    Services BV", "& Mail Services BV"), runs on into a number or a signature column, was
    written with a split word and a number, or stops inside a word the text writes whole
    ("Maatwerkbedrijf De Ke" beside "Maatwerkbedrijf De Kering vzw")."""
    return bool(
        _CUT_END.search(name)
        or _CUT_START.match(name)
        or _NUMBER.search(name)
        or _SIGNATURE.search(name)
        or (_SPLIT_WORD.search(written) and _NUMBER.search(written))
        or re.search(re.escape(name) + r"[^\W\d_]", text)
    )


def broken(field: str, value: str, written: str, text: str) -> bool:
    """Whether a free-text or name value looks broken (see the module docstring)."""
    if _SPLIT_WORD.search(value):
        return True
    if field in FREE_TEXT:
        return _FRENCH.search(value) is not None
    return field in NAMES and _cut_name(value, written, text)


def doubt_broken_values(fields: dict[str, FieldValue], text: str) -> None:
    """Cap the confidence of every broken-looking value at `DOUBT_MAX`."""
    for field in (*FREE_TEXT, *NAMES):
        value = fields.get(field)
        if value is None or not isinstance(value.value, str) or value.confidence <= DOUBT_MAX:
            continue
        written = value.evidence.text if value.evidence else ""  # as read, before cleaning
        if broken(field, value.value, written, text):
            fields[field] = FieldValue(value.value, DOUBT_MAX, value.evidence)
