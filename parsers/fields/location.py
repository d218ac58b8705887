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
from dataclasses import replace

from parsers.fields.address import Address, find_addresses, is_municipality, snap_town, towns_of
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
_POSTCODE_WORD = re.compile(r"\bpostcode\s*:?\s*(?P<pc>[1-9]\d{3})\b", re.IGNORECASE)
_PLACE_IN = re.compile(
    r"\b(?:in|te)\s+(?:(?P<pc>[1-9]\d{3})\s+)?(?P<town>[A-ZÀ-Ý][\w'’À-ÿ]*(?:-[\w'’À-ÿ]+)*)"
)
# "Werkplaats" is also the sheltered workshop: as a heading of the place only in a numbered article.
_NUMBERED_PLACE = re.compile(
    r"^\s*(?:artikel|art\.)?\s*\d+(?:\.\d+)*\s*[.)]?\s*[-–:]?\s*werkplaats\s*:?\s*$"
)
_NOT_TOWNS = frozenset({"Artikel", "België", "Belgie", "Vlaanderen", "Brussel-Hoofdstad"})
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
    heading = _HEADING_CUE.match(folded) or _NUMBERED_PLACE.match(folded)
    return heading is not None and _SEAT.search(folded) is None


def _place(text: str) -> tuple[str | None, str | None]:
    """A postcode ("postcode 1500") and a municipality ("in Halle", "te 9060 Zelzate") that a
    sentence names without a street, each None when it names none."""
    postcode = next((m.group("pc") for m in _POSTCODE_WORD.finditer(text)), None)
    town = None
    for m in _PLACE_IN.finditer(text):
        word = m.group("town")
        if is_municipality(word) or (m.group("pc") and towns_of(m.group("pc"))):
            postcode = postcode or m.group("pc")
            town = snap_town(word, m.group("pc"))
            break
        if m.end() == len(text.rstrip(" .")) and word not in _NOT_TOWNS:
            town = word  # "... in Wilrijk." ends the sentence: a part of a municipality
            break
    return postcode, town


def _completed(address: Address, sentence: str, previous: str) -> tuple[Address, bool]:
    """A street address without postcode or town completed from what its sentence and the
    one before say of the place ("... in Halle. Het adres is Industrieweg 106, postcode 1500."),
    and whether postcode and town agree on Statbel's list (else the reviewer checks)."""
    own = _place(sentence[address.end :])
    before = _place(previous)
    postcode = own[0] or before[0]
    town = own[1] or before[1]
    if postcode and not town and len(towns_of(postcode)) == 1:
        town = towns_of(postcode)[0]
    if not postcode and not town:
        return address, False
    agree = bool(postcode and town and town in towns_of(postcode))
    filled = replace(address, postcode=postcode, town=town, postcode_known=bool(postcode))
    return filled, agree


def put_location(sink: FieldSink) -> None:
    """The work location from the first address whose sentence speaks of the place of work.

    A sentence may give the place in pieces over two sentences ("De werkzaamheden gaan door
    in de vestiging van de klant te 9060 Zelzate. Deze vestiging is gelegen aan de Vaartdijk
    4."): a street address without postcode or town is completed from the sentence before.
    """
    text = sink.tm.text
    bounds = _sentences(text)
    for index, (start, end) in enumerate(bounds):
        sentence = text[start:end]
        addresses = find_addresses(sentence)
        if not addresses:
            continue
        folded = fold(sentence)
        if _SEAT.search(folded):
            continue
        previous = text[bounds[index - 1][0] : bounds[index - 1][1]] if index else ""
        near = fold(_around(sentence, addresses[0].start, addresses[0].end))
        factor = (
            SURE
            if _STRONG_CUE.search(folded) or _under_heading(text, start + addresses[0].start)
            else WEAK
            if _WEAK_CUE.search(near)
            else 0
        )
        address = addresses[0]
        partial = not address.postcode and not address.town
        place_before = (
            partial
            and _STRONG_CUE.search(fold(previous)) is not None
            and _SEAT.search(fold(previous)) is None
            and any(_place(previous))
        )
        if place_before:
            factor = max(factor, SURE)
        if not factor:
            continue
        if partial:
            address, agree = _completed(address, sentence, previous)
            if address.town and not agree:
                factor = WEAK
        sink.put(
            "work_location",
            address.canonical,
            start + address.start,
            start + address.end,
            factor if address.postcode_known or address.town else WEAK,
        )
        return
