"""The work location in prose: an address in a sentence about where the work is done.

Used when no introducing phrase ("op het adres", "plaats van tewerkstelling:") gave the work
location. Every address the address finder sees is judged by its sentence: words about the
place of work (uitgevoerd, tewerkstelling, locatie, site, gaan door...) make it a candidate;
words about a party's seat or a letterhead (zetel, gevestigd, kantoor, ingeschreven, e-mail,
tel, a party's enterprise number or "hierna") rule it out, so registered seats and signature
blocks are never taken for it. An address alone on its line under a heading about the place
("2. Plaats", "Artikel 3 - Plaats van uitvoering") counts as a strong cue. A sentence
without either kind of cue gives no location.
"""

from __future__ import annotations

import re

from parsers.fields.address import find_addresses
from parsers.fields.textmap import fold
from parsers.fields.values import FieldSink

SURE = 0.9
WEAK = 0.7  # found, but only next to a weak cue: a reviewer checks it
_STRONG_CUE = re.compile(
    r"uitgevoerd|uit\s+te\s+voeren|uitvoering|tewerkstelling|tewerkgesteld|plaats\s+van"
    r"|locatie|gaan\s+door|gaat\s+door|vinden\s+plaats|vindt\s+plaats|plaatsvinden"
    r"|werkplek|werkadres|werken\s+(?:op|in|aan)|ingezet\s+(?:op|in|aan)|aan\s+de\s+slag"
    r"|presteren|prestaties\s+(?:worden|gebeuren|vinden)|gebeur(?:t|en)\s+(?:op|in|aan|bij)"
    r"|\bwerk(?:t|en)\s+(?:op|in|aan|bij)\b|volgend\s+adres|het\s+adres\s+is|\bwerkplek\b"
    r"|\bplaats\s*:|\bwerkadres\b|\buit\s+in\s+(?:de|het)\b"
)
_WEAK_CUE = re.compile(r"\bsite\b|vestiging|magazijn|atelier|terrein|gebouw|lokalen|enclave")
_SEAT = re.compile(
    r"zetel|gevestigd|kantoor\s*houdend|kantoorhoudend|ingeschreven|woonplaats|domicilie"
    r"|correspondentie|e-?mail|\btel\b|telefoon|@|www\.|maatschappelijk|postadres|factur"
    r"|vertegenwoordigd|ondernemingsn|\bkbo\b|\bbtw\b|\bhierna\b"  # a party's introduction
)
_HEADING_CUE = re.compile(  # "2. Plaats", "Artikel 3 - Plaats van uitvoering", "WERKPLEK"
    r"^\s*(?:(?:artikel|art\.)?\s*\d+(?:\.\d+)*\s*[.)]?\s*[-–:]?\s*)?"
    r"(?:\w+\s+){0,2}(?:plaats|locatie|werkplek|werkadres|tewerkstelling|uitvoering|werf|site)"
    r"(?:\s+\w+){0,4}\s*:?\s*$"
)
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z\u00c0-\u00dd(\"'])|\n\s*\n")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds of a text."""
    bounds, start = [], 0
    for m in _SENTENCE.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _around(text: str, start: int, end: int) -> str:
    """The address's own line and the line before it (where a weak cue must stand)."""
    begin = text.rfind("\n", 0, max(text.rfind("\n", 0, start), 0))
    stop = text.find("\n", end)
    return text[max(begin, 0) : len(text) if stop < 0 else stop]


def _under_heading(text: str, start: int) -> bool:
    """Whether the address opens its line right under a heading about the place of work."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() not in ("", "te", "in"):  # "te 9120 Beveren, ..."
        return False
    above_end = line_start - 1
    if above_end <= 0:
        return False
    above = text[text.rfind("\n", 0, above_end) + 1 : above_end]
    folded = fold(above)
    return _HEADING_CUE.match(folded) is not None and _SEAT.search(folded) is None


def put_location(sink: FieldSink) -> None:
    """The work location from the first address whose sentence speaks of the place of work."""
    text = sink.tm.text
    for start, end in _sentences(text):
        sentence = text[start:end]
        addresses = find_addresses(sentence)
        if not addresses:
            continue
        folded = fold(sentence)
        if _SEAT.search(folded):
            continue
        near = fold(_around(sentence, addresses[0].start, addresses[0].end))
        factor = (
            SURE
            if _STRONG_CUE.search(folded) or _under_heading(text, start + addresses[0].start)
            else WEAK
            if _WEAK_CUE.search(near)
            else 0
        )
        if not factor:
            continue
        address = addresses[0]
        sink.put(
            "work_location",
            address.canonical,
            start + address.start,
            start + address.end,
            factor if address.postcode_known or address.town else WEAK,
        )
        return
