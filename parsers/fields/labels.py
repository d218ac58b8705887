"""The label vocabulary of contract forms: many wordings mapped to one field, fuzzily.

Labels are compared after folding (lower case, no accents, punctuation as spaces); an exact
hit scores 100, otherwise rapidfuzz's ratio must reach `FUZZY_THRESHOLD` (short labels must
match exactly, a one-letter slip would make them ambiguous). Generic labels ("Naam",
"Ondernemingsnummer") take their party from a suffix ("... van de werkplaats") or, in the
form reader, from the section they stand in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from parsers.fields.textmap import fold


class LabelKey(StrEnum):
    """What a label announces."""

    NAME = "name"
    ENTERPRISE_NUMBER = "enterprise_number"
    ADDRESS = "address"
    WORK_LOCATION = "work_location"
    NATURE_OF_WORK = "nature_of_work"
    WORKERS = "workers"
    START_DATE = "start_date"
    END_DATE = "end_date"
    DURATION = "duration"
    SIGNED_DATE = "signed_date"
    OTHER = "other"  # a known label of no interest (telephone, contact person, ...)


class Party(StrEnum):
    """The two parties of an enclave contract."""

    WORKPLACE = "workplace"
    COUNTERPART = "counterpart"


FUZZY_THRESHOLD = 88.0

_WORKPLACE_WORDS = [
    "werkplaats",
    "maatwerkbedrijf",
    "beschutte werkplaats",
    "sociale werkplaats",
    "maatwerkbedrijf werkplaats",
    "werkplaats maatwerkbedrijf",
    "uitvoerder",
    "dienstverlener",
    "opdrachtnemer",
    "leverancier",
]
_COUNTERPART_WORDS = [
    "opdrachtgever",
    "onderneming",
    "klant",
    "ontvangende organisatie",
    "onderneming opdrachtgever",
    "opdrachtgever onderneming",
    "gebruiker",
    "ontvangende onderneming",
    "onderneming organisatie",
    "afnemer",
    "dienstvrager",
]

_PARTY_BASES: dict[LabelKey, list[str]] = {
    LabelKey.NAME: ["naam", "benaming", "naam van de", "naam van het", "naam"],
    LabelKey.ENTERPRISE_NUMBER: [
        "ondernemingsnummer",
        "kbo nummer",
        "kbo nr",
        "ond nr",
        "btw nummer",
        "btw nr",
        "kbo",
        "btw",
        "ondernemingsnr",
        "ondernemingsnummer kbo",
        "kbo ondernemingsnummer",
        "ondernemingsnummer van de",
        "ondernemingsnummer van het",
    ],
    LabelKey.ADDRESS: [
        "adres",
        "maatschappelijke zetel",
        "zetel",
        "adres maatschappelijke zetel",
        "adres van de",
        "adres van het",
        "straat en nummer",
        "postcode en gemeente",
        "adres zetel",
    ],
}
_PLAIN: dict[LabelKey, list[str]] = {
    LabelKey.WORK_LOCATION: [
        "adres van de tewerkstelling",
        "plaats van tewerkstelling",
        "adres tewerkstelling",
        "werkadres",
        "locatie",
        "plaats van de tewerkstelling",
        "adres van tewerkstelling",
        "plaats tewerkstelling",
        "locatie van de enclave",
        "adres van de enclave",
        "werkplek",
        "plaats van uitvoering",
        "adres van uitvoering",
        "locatie van de werkzaamheden",
        "site",
        "vestiging",
        "adres werkplek",
        "adres site",
        "locatie enclave",
        "adres enclave",
        "werkadres enclave",
        "plaats van de werkzaamheden",
        "adres van de werkplek",
        "adres werkplek enclave",
        "adres van de site",
        "adres van de vestiging",
        "plaats van de enclave",
        "plaats",
        "werkplek enclave",
        "werkpost",
        "adres van de werkpost",
        "adres werkpost",
        "waar",
    ],
    LabelKey.NATURE_OF_WORK: [
        "omschrijving van de activiteit",
        "omschrijving activiteit",
        "werk",
        "aard van de werkzaamheden",
        "aard van de opdracht",
        "omschrijving van de werkzaamheden",
        "taken",
        "aard werkzaamheden",
        "omschrijving werkzaamheden",
        "werkzaamheden",
        "aard van het werk",
        "omschrijving van de opdracht",
        "omschrijving van de activiteit",
        "opdracht",
        "uit te voeren taken",
        "activiteit",
        "activiteiten",
        "omschrijving",
        "taak",
        "aard",
        "werk",
        "aard van het werk enclave",
        "beschrijving werkzaamheden",
    ],
    LabelKey.WORKERS: [
        "ploeg",
        "aantal doelgroepwerknemers",
        "aantal werknemers",
        "aantal werknemers in de enclave",
        "aantal personen",
        "aantal doelgroepmedewerkers",
        "aantal medewerkers",
        "aantal",
        "aantal ingezette doelgroepwerknemers",
        "aantal ingezette werknemers",
        "aantal wn",
        "wn",
        "aantal doelgroepwerknemers enclave",
        "ploeg",
        "team",
        "bezetting",
        "ploeggrootte",
    ],
    LabelKey.START_DATE: [
        "begindatum",
        "startdatum",
        "ingangsdatum",
        "aanvangsdatum",
        "datum van ingang",
        "datum van aanvang",
        "start",
        "begin",
        "datum ingang",
        "aanvang",
        "begindatum enclave",
        "startdatum enclave",
        "vanaf",
        "start enclave",
        "begin enclave",
        "van",
    ],
    LabelKey.END_DATE: [
        "einddatum",
        "datum einde",
        "einde",
        "datum van einde",
        "einddatum enclave",
        "einde overeenkomst",
        "tot en met",
        "tot",
        "einde enclave",
    ],
    LabelKey.DURATION: [
        "duur",
        "looptijd",
        "duur van de overeenkomst",
        "duur van het contract",
        "looptijd van de overeenkomst",
        "duurtijd",
        "periode",
    ],
    LabelKey.SIGNED_DATE: [
        "datum ondertekening",
        "datum van ondertekening",
        "ondertekend op",
        "getekend op",
        "datum handtekening",
        "datum",
    ],
    LabelKey.OTHER: [
        "telefoon",
        "tel",
        "e mail",
        "email",
        "contactpersoon",
        "verantwoordelijke",
        "vertegenwoordigd door",
        "aanspreekpunt",
        "e mailadres",
        "emailadres",
        "handtekening",
        "functie",
        "rechtsvorm",
        "iban",
        "rekeningnummer",
        "gsm",
        "website",
        "postcode",
        "gemeente",
        "naam en functie",
        "aantal begeleiders",
        "begeleiding",
        "uurrooster",
        "paritair comite",
        "vervangt overeenkomst van",
        "stopzetting vorige overeenkomst",
        "datum ontvangst",
        "opzegtermijn",
        "prijs",
        "vergoeding",
        "begeleider",
        "naam begeleider",
        "paritair comite",
        "nace code",
        "referentie",
        "dossiernummer",
        "bijlage",
    ],
}
_SUFFIXES: list[tuple[str, Party | None]] = [("", None)]
_SUFFIXES += [(" " + w, Party.WORKPLACE) for w in _WORKPLACE_WORDS]
_SUFFIXES += [(" de " + w, Party.WORKPLACE) for w in _WORKPLACE_WORDS]
_SUFFIXES += [(" van de " + w, Party.WORKPLACE) for w in _WORKPLACE_WORDS]
_SUFFIXES += [(" het " + w, Party.WORKPLACE) for w in _WORKPLACE_WORDS]
_SUFFIXES += [(" " + w, Party.COUNTERPART) for w in _COUNTERPART_WORDS]
_SUFFIXES += [(" de " + w, Party.COUNTERPART) for w in _COUNTERPART_WORDS]
_SUFFIXES += [(" van de " + w, Party.COUNTERPART) for w in _COUNTERPART_WORDS]


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """A recognised label: its key, the party it names (if any) and the match score."""

    key: LabelKey
    party: Party | None
    score: float


def norm_label(text: str) -> str:
    """A label folded for comparison: lower case, no accents, punctuation as spaces."""
    text = re.sub(r"[^\w]+", " ", fold(text).replace("_", " "))
    return re.sub(r"\s+", " ", text).strip()


def _build() -> dict[str, tuple[LabelKey, Party | None]]:
    """Every label variant, folded, with its key and party."""
    table: dict[str, tuple[LabelKey, Party | None]] = {}
    for key, bases in _PARTY_BASES.items():
        for base in bases:
            for suffix, party in _SUFFIXES:
                table.setdefault(norm_label(base + suffix), (key, party))
    for word in _WORKPLACE_WORDS:
        table.setdefault(norm_label(word), (LabelKey.NAME, Party.WORKPLACE))
    for word in _COUNTERPART_WORDS:
        table.setdefault(norm_label(word), (LabelKey.NAME, Party.COUNTERPART))
    for key, variants in _PLAIN.items():
        for variant in variants:
            table.setdefault(norm_label(variant), (key, None))
    table.pop("naam van de", None)
    table.pop("naam van het", None)
    table.pop("adres van de", None)
    table.pop("adres van het", None)
    table.pop("ondernemingsnummer van de", None)
    table.pop("ondernemingsnummer van het", None)
    return table


LABELS = _build()
_CHOICES = list(LABELS)


_AT_CLIENT = re.compile(
    r"^(?:\S+\s+)?(?:adres|plaats|locatie)\b.{0,30}\bbij\s+de\s+"
    r"(?:afnemer|klant|opdrachtgever|gebruiker|onderneming)$"
)
_REMARK = re.compile(r"\s*\([^()]*\)")
_ENUMERATOR = re.compile(r"^(?:\d{1,2}|[a-z]|[ivx]{1,4})\s+(?:(?:de|het)\s+)?")
_QUESTIONS: tuple[tuple[re.Pattern[str], LabelKey], ...] = (
    (re.compile(r"\bhoeveel\b.*(?:werknemers|medewerkers|personen)"), LabelKey.WORKERS),
    (
        re.compile(r"\b(?:welke|wat)\b.*\b(?:werkzaamheden|taken|opdracht|activiteit|werk)"),
        LabelKey.NATURE_OF_WORK,
    ),
    (re.compile(r"\bwaar\b.*\b(?:uitgevoerd|tewerkgesteld|plaats|werk)"), LabelKey.WORK_LOCATION),
    (re.compile(r"\btot\s+wanneer\b|\bhoe\s*lang\b|\bduur\b|\beindigt\b"), LabelKey.DURATION),
    (
        re.compile(
            r"\b(?:wanneer|vanaf\s+wanneer)\b.*\b(?:start|begin|aanvang|ingang|van\s+start)"
        ),
        LabelKey.START_DATE,
    ),
    (re.compile(r"\bondernemingsnummer|\bkbo"), LabelKey.ENTERPRISE_NUMBER),
)
_BARE_QUESTIONS = {
    "waar": LabelKey.WORK_LOCATION,
    "wat": LabelKey.NATURE_OF_WORK,
    "hoeveel": LabelKey.WORKERS,
    "met hoeveel": LabelKey.WORKERS,
    "wanneer": LabelKey.START_DATE,
    "vanaf wanneer": LabelKey.START_DATE,
    "hoe lang": LabelKey.DURATION,
    "tot wanneer": LabelKey.DURATION,
}
_WHO: tuple[tuple[re.Pattern[str], Party], ...] = (
    (re.compile(r"\bwie\b.*(?:werkplaats|maatwerkbedrijf|uitvoerder)"), Party.WORKPLACE),
    (
        re.compile(r"\bwie\b.*(?:opdrachtgever|klant|onderneming|gebruiker|afnemer)"),
        Party.COUNTERPART,
    ),
)


def _question(text: str) -> LabelMatch | None:
    """A form's question ("Welke werkzaamheden voert de enclave uit?") as the label it asks."""
    if not text.rstrip().endswith("?"):
        return None
    key = norm_label(text)
    if key in _BARE_QUESTIONS:  # "Waar?", "Hoeveel?" as headings of a one-page summary
        return LabelMatch(_BARE_QUESTIONS[key], None, 100.0)
    for who, party in _WHO:
        if who.search(key):
            return LabelMatch(LabelKey.NAME, party, 100.0)
    for pattern, label in _QUESTIONS:
        if pattern.search(key):
            return LabelMatch(label, None, 100.0)
    return None


def match_label(text: str) -> LabelMatch | None:
    """The label the text is (exactly or fuzzily), or None.

    A remark in brackets is no part of the label ("Adres van tewerkstelling (indien
    verschillend van de zetel)").
    """
    key = norm_label(text)
    if not key:
        return None
    if _AT_CLIENT.search(key):  # "Adres van de werkplaats bij de afnemer": where the work is
        return LabelMatch(LabelKey.WORK_LOCATION, None, 100.0)
    unremarked = _REMARK.sub(" ", text).strip()
    if unremarked and unremarked != text.strip() and norm_label(unremarked) in LABELS:
        found_key, party = LABELS[norm_label(unremarked)]
        return LabelMatch(found_key, party, 100.0)
    if key in LABELS:
        found_key, party = LABELS[key]
        return LabelMatch(found_key, party, 100.0)
    question = _question(text)
    if question is not None:
        return question
    bare = _ENUMERATOR.sub("", key, count=1)  # "1° de opdrachtgever", "a) de werkplaats"
    if bare != key and bare in LABELS and LABELS[bare][0] is not LabelKey.OTHER:
        found_key, party = LABELS[bare]
        return LabelMatch(found_key, party, 100.0)
    if len(key) < 8:
        return None
    best: tuple[str, float] | None = None
    for variant in {key, _ocr_variant(key)}:
        hit = process.extractOne(variant, _CHOICES, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if hit is not None and len(hit[0]) >= 8 and (best is None or hit[1] > best[1]):
            best = (hit[0], float(hit[1]))
    if best is None:
        return None
    found_key, party = LABELS[best[0]]
    return LabelMatch(found_key, party, min(best[1], 99.0))


def _ocr_variant(key: str) -> str:
    """The label with the usual OCR confusions undone (rn for m, 0 for o, 1 for l)."""
    return key.replace("rn", "m").replace("0", "o").replace("1", "l")


_SECTION_PREFIX = re.compile(
    r"^(?:[0-9ivx]+\s*|[a-z]\s+)?(?:(?:gegevens|identificatie|identiteit)(?:\s+van)?(?:\s+(?:de|het))?"
    r"|partij\s*[0-9]*|de|het)?\s*"
)


def match_section(text: str) -> Party | None:
    """The party a section heading introduces ("Gegevens van de werkplaats"), or None."""
    key = norm_label(text)
    if not key or len(key.split()) > 7 or text.lstrip()[:1].islower():
        return None
    rest = _SECTION_PREFIX.sub("", key, count=1).strip()
    rest = re.sub(r"^(?:de|het)\s+", "", rest)
    rest = re.sub(r"\b(?:hierna|genoemd)\b.*$", "", rest).strip()
    for words, party in (
        (_WORKPLACE_WORDS, Party.WORKPLACE),
        (_COUNTERPART_WORDS, Party.COUNTERPART),
    ):
        if rest and process.extractOne(rest, words, scorer=fuzz.ratio, score_cutoff=90):
            return party
    return None


_MARKS = "-–—•*.,'‘’\"“” "  # a speck or dash before a title on a scan
_TITLE_CHARS = re.compile(r"[^\W\d_]+(?:[ '\-–]+[^\W\d_]+)*")
_TITLE = re.compile(r"(?:melding|aanvraag|\w*contract|\w*overeenkomst|enclave)")


def is_title(text: str) -> bool:
    """Whether a line looks like a contract title ("ONDERNEMINGSCONTRACT", "Melding enclave")."""
    key = norm_label(text)
    words = key.split()
    if not words or len(words) > 8 or not _TITLE_CHARS.fullmatch(text.strip().lstrip(_MARKS)):
        return False
    return bool(_TITLE.match(key)) and not re.search(r"\b(?:artikel|art|pagina|blz)\b", key)
