"""Confidence of the party fields judged together, from evidence that separates right from wrong.

Each reader gives a party's name and enterprise number a confidence of its own; a number taken
as "the first one after the name" is only a guess (`parsers.fields.orgs.GUESS`). Measured on the
training folders, such a number is nearly always right when it is *bound* to the name: written
right after one of the name's occurrences in the same clause (no sentence end, no other
enterprise number in between, within `BIND_CHARS` characters: "Bakkerij Peeters NV, met zetel
..., ondernemingsnummer 0123.456.749", "De Ploeg vzw (KBO 0123.456.749)"), with valid check
digits, and different from the other party's number. The name it is bound to must itself be
sure. Such a number is raised to `BOUND`; anything else keeps the reader's confidence.

A party's name is only sure when it reads as an organisation's name: it ends in a legal form
("NV", "vzw", "comm.v.") or starts with a public body's or a workplace's kind followed by its
own name ("Stad Gent", "OCMW Lier", "Beschutte Werkplaats De Schakel").
On the training folders every sure name without either was wrong (a cell cut short,
"Kabelfabriek"; a role word, "Sociale Werkplaats"; a clause taken for a name), and no right one
lacked them; such names are capped at `NAME_GUESS` for a reviewer to confirm.
"""

from __future__ import annotations

import re

from parsers.fields.enterprise import find_enterprise_numbers
from parsers.fields.textmap import fold
from parsers.types import FieldValue

BIND_CHARS = 160
BOUND = 0.9
NAME_GUESS = 0.75
_LEGAL_FORM_END = re.compile(
    r"(?<![\w-])(?:NV|BV|VZW|CV|CVBA|BVBA|VOF|SRL|SA|ASBL|CommV|Comm\.?\s?V|v\.z\.w|n\.v|b\.v)"
    r"(?:-so)?\.?$",
    re.IGNORECASE,
)
_PUBLIC_START = re.compile(  # a public body's or a workplace's kind, then its own name
    r"^(?:Stad|Gemeente|OCMW|Provincie|Agentschap|Departement|Vlaams|Vlaamse|Federale|FOD"
    r"|Politiezone|Hulpverleningszone|AGB|Autonoom|Intercommunale|Universiteit|Hogeschool"
    r"|Scholengroep|Openbaar|Kabinet|Ministerie|Regie|Dienst|Vereniging|Maatwerkbedrijf"
    r"|Beschutte\s+Werkplaats|Sociale\s+Werkplaats|Woonzorgcentrum|Ziekenhuis)"
    r"\s+(?-i:[A-Z0-9])",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;!?]\s+(?=[A-Z\u00c0-\u00dd])|\n\s*\n")
_ROLES = ("workplace", "counterpart")


def _number_spans(text: str, value: str) -> list[tuple[int, int]]:
    """Where the text writes the enterprise number `value` (in any of its written forms)."""
    return [span for result, span in find_enterprise_numbers(text) if result.value == value]


def _name_ends(folded: str, name: str) -> list[int]:
    """The end offsets of every occurrence of the (folded) name in the folded text."""
    key = fold(name).strip()
    if len(key) < 3:
        return []
    return [m.end() for m in re.finditer(re.escape(key), folded)]


def is_bound(text: str, name: str, number: str) -> bool:
    """Whether the number is written right after the name, in the same clause."""
    folded = fold(text)
    numbers = find_enterprise_numbers(text)
    for start, _ in _number_spans(text, number):
        for end in _name_ends(folded, name):
            if not 0 <= start - end <= BIND_CHARS:
                continue
            between = text[end:start]
            if _SENTENCE_END.search(between):
                continue
            if any(end <= s < start for _, (s, _e) in numbers):
                continue  # another number stands between: it is the one bound to the name
            return True
    return False


def reads_as_organisation(name: str) -> bool:
    """Whether a name ends in a legal form or starts with a public body's word."""
    name = name.strip(" ,.;:")
    return bool(_LEGAL_FORM_END.search(name) or _PUBLIC_START.match(name))


def cap_names(fields: dict[str, FieldValue]) -> None:
    """Names that do not read as an organisation's are made unsure (`NAME_GUESS`)."""
    for role in _ROLES:
        name = fields.get(f"{role}_name")
        if (
            name is not None
            and name.confidence > NAME_GUESS
            and not reads_as_organisation(str(name.value))
        ):
            fields[f"{role}_name"] = FieldValue(name.value, NAME_GUESS, name.evidence)


def _valid_number(fields: dict[str, FieldValue], role: str) -> str | None:
    """The party's enterprise number when it passes its check digits."""
    number = fields.get(f"{role}_enterprise_number")
    if number is None:
        return None
    written = find_enterprise_numbers(str(number.value))
    return str(number.value) if written and written[0][0].valid else None


def raise_guessed_names(text: str, fields: dict[str, FieldValue], threshold: float) -> None:
    """A guessed name introduced with its own valid number, beside a sure other party, is sure.

    On the training folders a name guessed from its legal form and a role word was always
    right when its enterprise number followed it in the same clause and the other party's name
    was read sure (and differs): the party's own introduction, opposite a known counterpart.
    Both parties' numbers must have been read (and differ), else this one may be the other's.
    """
    sure = {r for r in _ROLES if (f := fields.get(f"{r}_name")) and f.confidence >= threshold}
    for role, other in (_ROLES, _ROLES[::-1]):
        name = fields.get(f"{role}_name")
        number, other_number = _valid_number(fields, role), _valid_number(fields, other)
        if name is None or number is None or role in sure or other not in sure:
            continue
        if other_number is None or other_number == number:
            continue  # the other party's number unread: this one may be it
        if not reads_as_organisation(str(name.value)):
            continue
        if fold(str(name.value)) == fold(str(fields[f"{other}_name"].value)):
            continue
        if is_bound(text, str(name.value), number):
            fields[f"{role}_name"] = FieldValue(name.value, BOUND, name.evidence)


def calibrate_parties(text: str, fields: dict[str, FieldValue], threshold: float) -> None:
    """Cap names that are no organisation's; raise names and numbers bound together."""
    cap_names(fields)
    raise_guessed_names(text, fields, threshold)
    numbers = {role: fields.get(f"{role}_enterprise_number") for role in _ROLES}
    names = {role: fields.get(f"{role}_name") for role in _ROLES}
    values = [fv.value for fv in numbers.values() if fv is not None]
    if len(values) == 2 and values[0] == values[1]:
        return  # both sides given one number: a reviewer looks
    for role in _ROLES:
        number, name = numbers[role], names[role]
        if number is None or name is None or number.confidence >= BOUND:
            continue
        written = find_enterprise_numbers(str(number.value))
        if name.confidence < threshold or not written or not written[0][0].valid:
            continue
        if is_bound(text, str(name.value), str(number.value)):
            fields[f"{role}_enterprise_number"] = FieldValue(number.value, BOUND, number.evidence)
