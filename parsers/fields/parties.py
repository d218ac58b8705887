"""The two parties of a contract written in prose ("Tussen enerzijds ... en anderzijds ...").

Each party is a block of text: from a marker ("enerzijds", "anderzijds", "tussen", a
numbered item) to the next marker or its "hierna 'de werkplaats'" clause. Its name is the text
up to the first comma, legal address or registration phrase; its enterprise number the first
one written in its block. The role comes from the "hierna ..." clause, or else from the order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.fields.enterprise import find_enterprise_numbers
from parsers.fields.labels import Party
from parsers.fields.names import clean_name
from parsers.fields.values import FieldSink

_WORKPLACE_ROLE = (
    r"werkplaats|maatwerkbedrijf|beschutte\s+werkplaats|sociale\s+werkplaats"
    r"|dienstverlener|uitvoerder|maatwerkbedrijf\s+werkplaats|opdrachtnemer|leverancier"
    r"|prestatieverlener|partner|sociale-economiepartner|enclavepartner"
)
_COUNTERPART_ROLE = (
    r"onderneming|opdrachtgever|klant|gebruiker|afnemer|ontvangende\s+organisatie"
    r"|ontvangende\s+onderneming|organisatie|agentschap|opdrachtgevende\s+overheid"
    r"|dienstvrager|aanbesteder|gemeente|stad|ocmw|bestuur|lokaal\s+bestuur|bedrijf"
)
_HIERNA = re.compile(
    r"\(?\s*hierna\s*:?\s+(?:genoemd\s+|te\s+noemen\s+|ook\s+)?(?:als\s+)?[\"'„“”‘’«]?\s*(?:de|het)\s+"
    rf"((?:{_WORKPLACE_ROLE})|(?:{_COUNTERPART_ROLE}))\b[\"'”’»]?\s*\)?"
)
_MARKER = re.compile(
    r"(?:\btussen\s+(?:de\s+ondergetekenden\s*)?:?\s*)?(?:\ben\s+)?\b(?:enerzijds|anderzijds)"
    r"\b[\s:,]*|\btussen\s*:\s*|\b(?:tussen\s+)?de\s+ondergetekenden\s*:?\s*(?:1\s*[.)]\s*)?"
    r"|(?m:^\s*(?:tussen|TUSSEN)\s*[:,]?\s*$)|(?m:^\s*(?:en|EN)\s*[:,]?\s*$)|(?m:^\s*(?:en|EN)\s*:\s*)|(?m:^\s*2\s*[.)]\s+)"
)
_OPENER = re.compile(r"\btussen\b\s*(?:de\s+ondergetekenden\s*)?:?\s*")  # folded text
_BETWEEN = re.compile(r"\b(?:gesloten|afgesloten|aangegaan|overeengekomen)\s+tussen\s+")
_RESPECTIVELY = re.compile(
    r"hierna\s+respectievelijk\s+[\"'„“‘]?\s*(?:de|het)\s+(\w+(?:\s+werkplaats)?)[\"'”’]?\s+en\s+"
    r"[\"'„“‘]?\s*(?:de|het)\s+(\w+(?:\s+werkplaats)?)"
)
_NAME_END = re.compile(
    r"[,‚]|\(|;|\bmet\s+(?:maatschappelijke\s+)?zetel|\bgevestigd\b|\bingeschreven\b|\bmet\s+"
    r"ondernemingsnummer|\bondernemingsnummer\b|\bkbo\b|\bbtw\b|\bvertegenwoordigd\b|\bhierna\b"
    r"|\bwaarvan\b|\bmet\s+adres\b|\bkantoor\s+houdend|\berkend\s+(?:als|door)\b"
)
_UMBRELLA = re.compile(
    r"(?:de\s+)?vlaamse\s+(?:overheid|gemeenschap|regering)\s*,\s*(?=(?:het\s+|de\s+)?"
    r"(?:agentschap|departement|vlaams\s+agentschap|dienst)\b)"
)
_ENUM = re.compile(r"^\s*(?:\d+[.)]|[a-z][.)]|-|•)\s*")
PARTY_FACTOR = 0.95
ORDER_FACTOR = 0.85


@dataclass(frozen=True, slots=True)
class PartyBlock:
    """A party's span in the text, its role and how sure the role is."""

    start: int
    end: int
    role: Party | None


def _role(word: str) -> Party:
    """The party a "hierna" role word names."""
    return Party.WORKPLACE if re.fullmatch(_WORKPLACE_ROLE, word) else Party.COUNTERPART


def _markers(folded: str) -> list[re.Match[str]]:
    """Party markers; a numbered "2." only counts right after "de ondergetekenden"."""
    out: list[re.Match[str]] = []
    for m in _MARKER.finditer(folded):
        numbered = re.match(r"\s*2\s*[.)]", m.group(0)) is not None
        if not numbered or (
            out
            and "ondergetekenden" in out[-1].group(0)
            and len(out) == 1
            and m.start() - out[-1].end() < 800
        ):
            out.append(m)
    return out


_ITEM = re.compile(r"(?m)^[ \t]*(?:[\u2022\u25aa\u25cf\u2013\uf000-\uf8ff*-]|\d{1,2}[.)°])[ \t]*")
_CAPS_LINE = re.compile(r"(?m)^[^a-z\n]*(?:OVEREENKOMST|CONTRACT|ENCLAVE|CONVENTION)[^a-z\n]*\n")
_TITLE_LINE = re.compile(  # "Enclavecontract", "Overeenkomst inzake enclavewerk" on a line alone
    r"(?mi)^[ \t]*(?:[^\W\d_]+[ \t]+){0,4}[^\W\d_]*(?:overeenkomst|contract|enclave)[^\W\d_]*"
    r"(?:[ \t]+[^\W\d_]+){0,3}[ \t]*\n"
)


_AND = re.compile(r"[,;]\s*en\s+(?:anderzijds\s+)?")


def _block_start(text: str, folded: str, previous: int, clause: int, second: bool) -> int:
    """Where a party's block starts before its "hierna" clause.

    After "Tussen (de ondergetekenden)", a list bullet or number, or a title (in capitals, or
    a short line alone naming the contract: "Enclavecontract"), so a letterhead or the title
    above is never read as the party; after the ", en" that follows the first party's clause;
    else after a blank line.
    """
    starts = [m.end() for m in _OPENER.finditer(folded, previous, clause)]
    starts += [m.end() for m in _ITEM.finditer(text, previous, clause)]
    starts += [m.end() for m in _CAPS_LINE.finditer(text, previous, clause)]
    starts += [m.end() for m in _TITLE_LINE.finditer(text, previous, clause)]
    joined = _AND.search(folded, previous, clause) if second else None
    if joined:  # "Tussen X, hierna "de klant", ..., en Y, ..., hierna "de leverancier""
        starts.append(joined.end())
    blank = folded.rfind("\n\n", previous, clause)
    starts.append(previous if blank < 0 else blank)
    return max(starts)


def _blocks(folded: str, sink_text: str) -> list[PartyBlock]:
    """Party blocks, from the markers and "hierna" clauses."""
    markers = _markers(folded)
    clauses = list(_HIERNA.finditer(folded))
    blocks: list[PartyBlock] = []
    between = _BETWEEN.search(folded)
    if between and not markers:
        resp = _RESPECTIVELY.search(folded, between.end())
        limit = resp.start() if resp else min(len(folded), between.end() + 600)
        split = re.compile(r",\s+en\s+").search(folded, between.end(), limit)
        if split:
            roles = [_role(resp.group(1)), _role(resp.group(2))] if resp else [None, None]
            blocks.append(PartyBlock(between.end(), split.start(), roles[0]))
            blocks.append(PartyBlock(split.end(), limit, roles[1]))
            return blocks
    if markers:
        for k, m in enumerate(markers[:2]):
            limit = (
                markers[k + 1].start() if k + 1 < len(markers) else min(len(folded), m.end() + 600)
            )
            clause = next((c for c in clauses if m.end() <= c.start() < limit), None)
            end = clause.start() if clause else limit
            blocks.append(PartyBlock(m.end(), end, _role(clause.group(1)) if clause else None))
    elif clauses:
        previous = max(0, clauses[0].start() - 400)
        for k, c in enumerate(clauses[:2]):
            start = _block_start(sink_text, folded, previous, c.start(), k == 1)
            blocks.append(PartyBlock(start, c.start(), _role(c.group(1))))
            previous = c.end()
    return blocks


def _name_span(text: str, folded: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a party's name at the start of its block.

    "De Vlaamse overheid, Agentschap X, ..." names the agency after the umbrella.
    """
    while start < end and text[start] in " \t\n:,":
        start += 1
    umbrella = _UMBRELLA.match(folded, start, end)
    if umbrella:
        start = umbrella.end()
    enum = _ENUM.match(folded[start:end])
    if enum:
        start += enum.end()
    stop = _NAME_END.search(folded, start, end)
    name_end = stop.start() if stop else end
    name_end = min(name_end, start + 120)
    while name_end > start and text[name_end - 1] in " \t\n.,:":
        name_end -= 1
    return (start, name_end) if name_end - start >= 2 else None


_WORKPLACE_WORDS = re.compile(
    r"maatwerkbedrijf|beschutte\s+werkplaats|sociale\s+werkplaats"
    r"|erkend\s+als|doelgroepwerknemers\s+(?:in|ter)"
)


def _looks_like_workplace(block: str) -> bool:
    """Whether a party's block describes a (sheltered or custom-work) workplace."""
    return _WORKPLACE_WORDS.search(block) is not None


def find_parties(sink: FieldSink, folded: str) -> None:
    """Put the parties' names and enterprise numbers found in prose into the sink."""
    text = sink.tm.text
    blocks = _blocks(folded, text)
    roles = [b.role for b in blocks]
    if len(blocks) == 2 and roles[0] is None and roles[1] is None:
        roles = [Party.WORKPLACE, Party.COUNTERPART]
        if _looks_like_workplace(
            folded[blocks[1].start : blocks[1].end]
        ) and not _looks_like_workplace(folded[blocks[0].start : blocks[0].end]):
            roles = [Party.COUNTERPART, Party.WORKPLACE]  # the client named first
    elif len(blocks) == 2 and None in roles:
        known = roles[0] or roles[1]
        other = Party.COUNTERPART if known is Party.WORKPLACE else Party.WORKPLACE
        roles = [r or other for r in roles]
    for k, (block, role) in enumerate(zip(blocks, roles, strict=False)):
        if role is None:
            continue
        factor = PARTY_FACTOR if block.role is not None else ORDER_FACTOR
        span = _name_span(text, folded, block.start, block.end)
        if span is None:
            continue
        sink.put(f"{role}_name", clean_name(text[span[0] : span[1]]), *span, factor)
        limit = blocks[k + 1].start if k + 1 < len(blocks) else block.end + 300
        numbers = find_enterprise_numbers(text[span[1] : limit], sink.tm.is_read(span[1], limit))
        if numbers:
            result, (s, e) = numbers[0]
            name = f"{role}_enterprise_number"
            sink.put(name, result.value, span[1] + s, span[1] + e, factor * result.confidence)
            if not result.valid:
                sink.problems.append(f"bad_check_digits:{name}")
