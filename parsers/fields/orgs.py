"""Parties found from any role word near an organisation's name, when no other reader found them.

An organisation's name is recognised by its form: capitalised words ending in a legal form
("Bakkerij Peeters NV", "De Ploeg vzw") or starting with a public body's word ("Stad Gent",
"Agentschap Wegen en Verkeer", "OCMW Lier"). Its role comes from the nearest role word in the
same sentence or line (opdrachtgever, klant, onderneming, gebruiker, afnemer, agentschap for
the counterpart; werkplaats, maatwerkbedrijf, uitvoerder for the workplace), or from the name
itself ("Maatwerkbedrijf ..."). Its enterprise number is the first one written after the name,
before the next organisation. These guesses only fill missing fields, and with a confidence
below the accept threshold: a reviewer confirms them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.fields.enterprise import find_enterprise_numbers
from parsers.fields.labels import Party
from parsers.fields.names import clean_name
from parsers.fields.textmap import fold
from parsers.fields.values import FieldSink

GUESS = 0.75
HEADING_WORDS = 5
LETTERHEAD_CHARS = 250
SIGNATURE_CHARS = 200  # a signature block under the closing greeting
_WORD = r"(?!Voor\b|Namens\b)[A-ZÀ-Ý][\w&'’.\-À-ÿ]*"  # "Voor X" opens a signature block
_JOIN = r"(?:[ \t]+(?:(?:en|van|de|der|den|het|voor|in|op|te)\b|[&+-](?=[ \t])))?"
_FORMS = (
    r"(?:vzw|VZW|v\.z\.w\.|NV|nv|BV|bv|CV|cv|BVBA|bvba|CVBA|cvba|VOF|CommV|[Cc]omm\.\s?[Vv]\.?"
    r"|SRL|SA|ASBL|asbl)"
)
# The legal form may stand on the next line ("Groenten Van Acker" / "BV (KBO ...").
_PRIVATE = re.compile(
    rf"(?:{_WORD}{_JOIN}[ \t]+){{0,5}}{_WORD}(?:[ \t]+|[ \t]*\n[ \t]*){_FORMS}(?![\w])"
)
_PUBLIC = re.compile(
    r"(?:Stad|Gemeente|OCMW|Provincie|Agentschap|Departement|Politiezone|Vlaamse\s+Overheid"
    r"|Maatwerkbedrijf|Beschutte\s+Werkplaats|Sociale\s+Werkplaats"
    r"|Vlaams\s+Agentschap|Woonzorgcentrum|Autonoom\s+Gemeentebedrijf|AGB)"
    rf"(?:[ \t]+{_WORD}|[ \t]+(?:en|van|voor|de|het)\b){{1,6}}"
)
_WORKPLACE = re.compile(r"werkplaats|maatwerkbedrijf|uitvoerder|dienstverlener")
_COUNTERPART = re.compile(
    r"opdrachtgever|klant|onderneming\b|gebruiker|afnemer|agentschap"
    r"|opdrachtgevende|ontvangende"
)
# The writer names itself: "wij zijn X", "wij, X," (workplaces send the contracts).
_WRITER = re.compile(r"\b(?:wij|we)\s+zijn\s*$|\b(?:wij|we)\s*,\s*$")
_CLOSING = re.compile(
    r"(?:met\s+)?(?:vriendelijke|beste|hartelijke)\s+groet(?:en)?|\bgroet(?:en|jes)\b"
    r"|\bhoogachtend\b|\bmvg\b"
)
_OWNED_NUMBER = re.compile(r"\b(uw|ons|onze)\s+(?:ondernemings|kbo-?\s?|btw-?\s?)nummer\b")
_BOUNDARY = re.compile(r"[.;!?]\s|\n")
_TRAILING = re.compile(r"(?:\s+(?:en|van|de|der|den|het|voor|in|op|te))+$")


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation's name in the text and the role it was given."""

    start: int
    end: int
    name: str
    role: Party | None


def _mentions(text: str) -> list[tuple[int, int]]:
    """Spans of organisation names, the longest where they overlap."""
    spans = [m.span() for p in (_PRIVATE, _PUBLIC) for m in p.finditer(text)]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def _context(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence or line around a span, with a short heading line right above it."""
    left = max(
        (m.end() for m in _BOUNDARY.finditer(text, max(0, start - 200), start)),
        default=max(0, start - 200),
    )
    right = _BOUNDARY.search(text, end)
    if left > 0 and text[left - 1] == "\n":
        above = text.rfind("\n", 0, left - 1) + 1
        if len(text[above:left].split()) <= HEADING_WORDS:
            left = above
    return left, right.start() if right else min(len(text), end + 200)


def _role(
    folded: str, start: int, end: int, name: str, names: tuple[tuple[int, int], ...] = ()
) -> Party | None:
    """The role of a name: from the name itself, else the nearest role word around it.

    A role word inside another organisation's name ("Beschutte Werkplaats De Brugge Werkt")
    is that organisation's, not a role given to this one.
    """
    own = fold(name)
    if _WORKPLACE.search(own) or _WRITER.search(folded, max(0, start - 30), start):
        return Party.WORKPLACE
    left, right = _context(folded, start, end)
    best: tuple[int, Party] | None = None
    for pattern, party in ((_WORKPLACE, Party.WORKPLACE), (_COUNTERPART, Party.COUNTERPART)):
        for m in pattern.finditer(folded, left, right):
            if start <= m.start() < end or any(s <= m.start() < e for s, e in names):
                continue
            distance = start - m.end() if m.end() <= start else m.start() - end
            if best is None or distance < best[0]:
                best = (distance, party)
    return None if best is None else best[1]


def find_orgs(text: str) -> list[Org]:
    """Every organisation named in the text, with its role where one is given."""
    folded = fold(text)
    out = []
    mentions = _mentions(text)
    for start, end in mentions:
        raw = _TRAILING.sub("", re.sub(r"\s+", " ", text[start:end]))
        others = [span for span in mentions if span != (start, end)]
        out.append(
            Org(
                start,
                start + len(raw),
                clean_name(raw),
                _role(folded, start, start + len(raw), raw, tuple(others)),
            )
        )
    return out


_NON_PROFIT = re.compile(r"(?<![\w-])(?:vzw|v\.z\.w\.?|cv|cvba|asbl)(?![\w-])|maatwerk|werkplaats")
_COMPANY = re.compile(
    r"(?<![\w-])(?:nv|bv|bvba|commv|comm\.\s?v\.?|vof|srl|sa)(?![\w-])"
    r"|^(?:stad|gemeente|ocmw|provincie|agentschap|departement|politiezone|agb)\b"
)


def _kind(name: str) -> int:
    """+1 for a name with a sheltered workplace's legal form, -1 for a company's or public
    body's, 0 when it says neither."""
    folded = fold(name)
    return 1 if _NON_PROFIT.search(folded) else -1 if _COMPANY.search(folded) else 0


def _alone(text: str, org: Org) -> bool:
    """Whether the name stands alone on its line (a signature's or a letterhead's line)."""
    line_start = text.rfind("\n", 0, org.start) + 1
    line_end = text.find("\n", org.end)
    before = text[line_start : org.start].strip()
    after = text[org.end : len(text) if line_end < 0 else line_end].strip(" .,")
    return not before and not after


def _by_position(orgs: list[Org], sink: FieldSink, known: set[Party] | None = None) -> list[Org]:
    """Organisations without a role word get one from where they stand.

    The sender is the workplace, as workplaces send their contracts: the organisation signing
    under the (top) mail's closing greeting, else a name in the letterhead (the first lines),
    unless that name is a company's or a public body's and the other one named a non-profit's
    or a cooperative's (the legal forms of sheltered workplaces): then the client wrote on its
    own paper. One further organisation named without a role is the counterpart.
    """
    out = list(orgs)
    taken = {fold(str(fv.value)) for n, fv in sink.fields.items() if n.endswith("_name")}
    open_roles = {p for p in Party if f"{p}_name" not in sink.fields} - (known or set())
    closing = _CLOSING.search(fold(sink.tm.text))  # the top message's: a forward quotes others
    if closing is not None and Party.WORKPLACE in open_roles:
        for k, org in enumerate(out):
            unassigned = org.role is None and fold(org.name) not in taken
            signs = closing.end() <= org.start < closing.end() + SIGNATURE_CHARS
            if unassigned and signs and _alone(sink.tm.text, org):  # not "Voor akkoord, X"
                out[k] = Org(org.start, org.end, org.name, Party.WORKPLACE)
                open_roles.discard(Party.WORKPLACE)
                taken.add(fold(org.name))
                break
    free = [o for o in out if o.role is None and fold(o.name) not in taken]
    head = next((o for o in free if o.start < LETTERHEAD_CHARS), None)
    other = next((o for o in free if fold(o.name) != fold(head.name)), None) if head else None
    client_paper = (
        head is not None
        and other is not None
        and Party.WORKPLACE in open_roles
        and _kind(head.name) < 0 < _kind(other.name)
    )
    for k, org in enumerate(out):
        if org.role is not None or fold(org.name) in taken:
            continue
        if client_paper and other is not None and fold(org.name) == fold(other.name):
            role = Party.WORKPLACE  # the client wrote on its own paper to the workplace
        elif client_paper and org.start < LETTERHEAD_CHARS and Party.COUNTERPART in open_roles:
            role = Party.COUNTERPART
        elif Party.WORKPLACE in open_roles and org.start < LETTERHEAD_CHARS:
            role = Party.WORKPLACE
        elif Party.COUNTERPART in open_roles:
            role = Party.COUNTERPART
        else:
            break
        out[k] = Org(org.start, org.end, org.name, role)
        open_roles.discard(role)
        taken.add(fold(org.name))
    return out


def fill_parties(sink: FieldSink, known: dict[Party, str] | None = None) -> None:
    """Missing party names (and their numbers) from organisations with a role, or a place.

    `known` holds the names another reader found with labels ("Leverancier: X"): such a
    party's role is taken, so guesses by position go to the other role, never to a name
    already known.
    """
    known = known or {}
    orgs = [
        o for o in find_orgs(sink.tm.text) if fold(o.name) not in {fold(n) for n in known.values()}
    ]
    orgs = [o if o.role not in known else Org(o.start, o.end, o.name, None) for o in orgs]
    _fill(sink, orgs)  # role words first
    if any(f"{p}_name" not in sink.fields and p not in known for p in Party):
        _fill(sink, _by_position(orgs, sink, set(known)))
    _fill_owned_numbers(sink)


def _fill_owned_numbers(sink: FieldSink) -> None:
    """Numbers the writer calls its own or the reader's ("Ons ondernemingsnummer is ...",
    "Uw ondernemingsnummer: ..."): the sender is the workplace, the addressee the client."""
    text = sink.tm.text
    for m in _OWNED_NUMBER.finditer(fold(text)):
        party = Party.COUNTERPART if m.group(1) == "uw" else Party.WORKPLACE
        field = f"{party}_enterprise_number"
        if field in sink.fields:
            continue
        limit = min(len(text), m.end() + 80)
        numbers = find_enterprise_numbers(text[m.end() : limit], sink.tm.is_read(m.end(), limit))
        if numbers:
            result, (s, e) = numbers[0]
            sink.put(field, result.value, m.end() + s, m.end() + e, GUESS * result.confidence)
            if not result.valid:
                sink.problems.append(f"bad_check_digits:{field}")


def _fill(sink: FieldSink, orgs: list[Org]) -> None:
    """Put the names (and numbers) of organisations with a role into missing fields."""
    text = sink.tm.text
    for k, org in enumerate(orgs):
        if org.role is None or f"{org.role}_name" in sink.fields:
            continue
        sink.put(f"{org.role}_name", org.name, org.start, org.end, GUESS)
        number_field = f"{org.role}_enterprise_number"
        if number_field in sink.fields:
            continue
        limit = orgs[k + 1].start if k + 1 < len(orgs) else min(len(text), org.end + 300)
        numbers = find_enterprise_numbers(text[org.end : limit], sink.tm.is_read(org.end, limit))
        if numbers:
            result, (s, e) = numbers[0]
            sink.put(
                number_field, result.value, org.end + s, org.end + e, GUESS * result.confidence
            )
            if not result.valid:
                sink.problems.append(f"bad_check_digits:{number_field}")


def fill_numbers(sink: FieldSink, names: dict[str, str]) -> None:
    """Enterprise numbers of parties whose name is known: the first number after the name.

    The first mention of the name followed by a number (before another organisation) counts.
    """
    text = sink.tm.text
    folded = fold(text)
    starts = [o.start for o in find_orgs(text)]
    for role, name in names.items():
        key = fold(name)
        if not name or not key:
            continue
        for m in re.finditer(re.escape(key), folded):  # a letterhead may name it first, bare
            after = m.start() + len(name)
            limit = min([s for s in starts if s > after] + [len(text), after + 300])
            numbers = find_enterprise_numbers(text[after:limit], sink.tm.is_read(after, limit))
            if not numbers:
                continue
            result, (s, e) = numbers[0]
            field = f"{role}_enterprise_number"
            sink.put(field, result.value, after + s, after + e, GUESS * result.confidence)
            if not result.valid:
                sink.problems.append(f"bad_check_digits:{field}")
            break
