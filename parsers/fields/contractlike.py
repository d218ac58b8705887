"""Whether a document reads like an enclave contract even when no contract could be extracted.

Used so that a contract is never lost as "other": a document that talks like an agreement
between a workplace and a client (agreement words, role words, the team of workers, a start or
a signature) becomes a contract for staff to review, even when the extractor found too little
to fill one. A covering letter ("in bijlage het contract") is too short and lacks the roles.
"""

from __future__ import annotations

import re

from parsers.fields.textmap import fold

MIN_CHARS = 300
_AGREEMENT = re.compile(r"overeenkomst|contract|enclave")
_SIGNALS = (
    re.compile(r"werkplaats|maatwerkbedrijf|uitvoerder"),
    re.compile(r"opdrachtgever|onderneming|klant|gebruiker|afnemer|agentschap"),
    re.compile(r"doelgroep|werknemers|medewerkers|begeleid"),
    re.compile(r"ingang|aanvang|begindatum|startdatum|vanaf|duur"),
    re.compile(r"ondertekend|opgemaakt|handtekening|partijen|voor\s+akkoord"),
    re.compile(r"werkzaamheden|opdracht|taken|activiteit"),
)
MIN_SIGNALS = 4
_ENCLAVE = re.compile(r"\benclave|ondernemingscontract|enclaveovereenkomst")


def looks_like_contract(text: str) -> bool:
    """Whether a document's text reads as an enclave contract (agreement plus its elements)."""
    folded = fold(text)
    if len(folded) < MIN_CHARS or not _AGREEMENT.search(folded):
        return False
    return sum(1 for pattern in _SIGNALS if pattern.search(folded)) >= MIN_SIGNALS


_OTHER_TITLE = re.compile(
    r"^\s*(?:factuur|proforma|creditnota|offerte|prijsofferte|prijsaanbod|prijslijst|tarieflijst"
    r"|tarieven|verslag|notulen|agenda|nieuwsbrief|uitnodiging)\b"
)
_AGREEMENT_TITLE = re.compile(r"overeenkomst|contract\b|convenant|samenwerkingsakkoord")
HEAD_LINES = 15
TITLE_WORDS = 8  # a longer line is a sentence, not a heading


def titled_as_other(text: str) -> bool:
    """Whether the document's heading names it an invoice, offer, price list or minutes.

    Only the first lines count, and a heading that also names an agreement keeps the document a
    contract candidate ("Offerte en overeenkomst enclavewerk").
    """
    head = [fold(line) for line in text.splitlines() if line.strip()][:HEAD_LINES]
    if any(_AGREEMENT_TITLE.search(line) and len(line.split()) <= TITLE_WORDS for line in head):
        return False
    return any(_OTHER_TITLE.match(line) for line in head)


def mentions_enclave(text: str) -> bool:
    """Whether a mail's subject or body speaks of an enclave contract."""
    return _ENCLAVE.search(fold(text)) is not None
