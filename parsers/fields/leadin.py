"""The nature of the work as the described activity: introducing and trailing words trimmed.

Contracts introduce the work in many ways ("de volgende werkzaamheden:", "bestaande uit",
"met name", "het uitvoeren van", "zal instaan voor") and often run on into where, from when
and by whom ("..., uit te voeren op de site te Gent", "vanaf 1 maart", "door zes
doelgroepwerknemers"). `trim_nature` keeps the activity itself; it is applied to labelled
values and to prose alike, so the stored value has one form. Hand-written: the lead-ins are
Dutch contract idiom that no general library knows.
"""

from __future__ import annotations

import re

from parsers.fields.address import find_addresses

_LEAD = re.compile(
    r"^(?:"
    r"(?:de|het)\s+(?:volgende|navolgende|onderstaande)(?:\s+(?:werkzaamheden|taken|opdracht"
    r"|opdrachten|activiteiten|werken|prestaties|diensten))?(?:\s+uit\s+te\s+voeren)?\s*:?"
    r"|(?:de\s+)?(?:werkzaamheden|taken|opdracht|activiteiten|prestaties|diensten)"
    r"(?:\s+(?:bestaan|bestaat|omvatten|omvat|zijn|is|betreffen|betreft))?"
    r"(?:\s+(?:voornamelijk|hoofdzakelijk|in\s+hoofdzaak|onder\s+meer))?(?:\s+uit)?\s*:?"
    r"|(?:bestaande|bestaat|bestaan)\s+uit|(?:met\s+)?name|namelijk|te\s+weten|nl\.|o\.a\."
    r"|onder\s+(?:meer|andere)|voornamelijk|hoofdzakelijk|in\s+hoofdzaak|omvattende|omvat"
    r"|omvatten|zoals|inzonderheid|meer\s+bepaald|meer\s+in\s+het\s+bijzonder"
    r"|(?:het\s+)?(?:uitvoeren|verrichten|uitvoering|verzorgen)\s+van(?:\s+(?:de|het))?"
    r"|(?:zal|zullen)?\s*(?:in)?staan\s+voor(?:\s+(?:de|het))?|belast\s+met(?:\s+(?:de|het))?"
    r"|met\s+als\s+(?:opdracht|taak|voorwerp)|als\s+volgt|uit(?=\s*:)"
    r"|(?:(?:het|de|ons|onze)\s+)?(?:team|ploeg|enclave|groep|werknemers|medewerkers|wij|we)\s+"
    r"(?:zorgt|zorgen|staat|staan|verzorgt|verzorgen|doet|doen|verricht|verrichten)\s+(?:in\s+)?"
    r"(?:voor\s+)?(?:het|de)?"
    r"|zorg(?:t|en)\s+voor(?:\s+(?:de|het))?"
    r"|(?:het|de|een)(?=\s+[a-zà-ÿ])"
    r"|[\w-]*(?:werk|werken|werkzaamheden|opdracht|taken|diensten|prestaties)(?=\s*:)"
    r")(?!\w)\s*:?\s*|^[:\-–•]\s*",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"\s*(?:[,;(]\s*)?\b(?:uitgevoerd|uit\s+te\s+voeren|te\s+verrichten|ter\s+plaatse"
    r"|op\s+(?:de|het)\s+(?:site|adres|terrein|terreinen|vestiging|locatie|werf)"
    r"|in\s+(?:de|het)\s+(?:vestiging|gebouw|gebouwen|lokalen|magazijn|atelier)\s+(?:van|te|aan)"
    r"|(?:en\s+dit\s+)?vanaf|met\s+ingang\s+van|door\s+(?:\w+\s+)?(?:\(\s*\d+\s*\)\s+)?"
    r"(?:doelgroep)?(?:werknemers|medewerkers)|voor\s+rekening\s+van|ten\s+behoeve\s+van"
    r"|gedurende|onder\s+(?:begeleiding|toezicht|leiding)|op\s+zich\s+(?:met|door|en)?)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_TOWN_TAIL = re.compile(r"\s+(?:te|in)\s+(?:\d{4}\s+)?[A-Z][\w-]+\s*$")


def trim_nature(text: str) -> str:
    """The activity a nature-of-work value describes, without lead-in or trailing clauses."""
    value = re.sub(r"\s+", " ", text).strip()
    for _ in range(4):  # lead-ins stack: "de volgende taken: met name ..."
        trimmed = _LEAD.sub("", value, count=1)
        if trimmed == value or len(trimmed) < 3:
            break
        value = trimmed
    value = _TAIL.sub("", value)
    for address in reversed(find_addresses(value)):
        if address.start > 0:  # "..., op de site Kerkstraat 4 te Lier": the place is not work
            head = value[: address.start]
            value = re.sub(
                r"\s*(?:[,;]\s*)?(?:\b(?:aan|in|op|te|bij)\s+(?:de|het)?\s*)?$", "", head
            )
    value = _TOWN_TAIL.sub("", value)
    return value.strip(" ,;:.-–\"'“”‘’")
