"""Party names in one canonical form: no role words, enterprise numbers or legal padding around.

Contracts write a party as "de opdrachtgever: Bakkerij Peeters NV", "Bakkerij Peeters NV (KBO
0123.456.749)", "Bakkerij Peeters NV, BTW BE 0123.456.749" or "het Agentschap X, intern
verzelfstandigd agentschap"; the stored name is "Bakkerij Peeters NV" / "Agentschap X". The
enterprise number itself is read separately by the enterprise-number finder.
"""

from __future__ import annotations

import re

from parsers.fields.address import find_addresses

_ROLE = (
    r"(?:de|het)?\s*(?:opdrachtgever|onderneming|klant|gebruiker|afnemer|werkplaats"
    r"|maatwerkbedrijf|uitvoerder|ontvangende\s+(?:organisatie|onderneming)"
    r"|dienstverlener|partij\s*\d*|eerste\s+partij|tweede\s+partij)"
)
_LEAD = re.compile(
    rf"^\s*(?:\d+\s*°\s*|[a-z]\)\s*|[-•]\s*)?(?:{_ROLE}\s*[:=]\s*|(?:naam|benaming)\s*:\s*"
    r"|(?:enerzijds|anderzijds|tussen|en|enclave|naam)\s*[:,]?\s+)",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\s*[(\[,;-]?\s*(?:met\s+)?(?:ondernemingsnummer|ondernemingsnr\.?|kbo(?:[\s-]*(?:nr|nummer)"
    r"\.?)?|btw(?:[\s-]*(?:nr|nummer)\.?)?|o\.?n\.?|ond\.?\s*nr\.?)\s*:?\s*(?:be)?\s*"
    r"[01]?\d{3}[\s.]?\d{3}[\s.]?\d{3}\s*[)\]]?",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"\s*[(\[]\s*(?:BE\s*)?[01]?\d{3}[\s.]?\d{3}[\s.]?\d{3}\s*[)\]]")
_PADDING = re.compile(
    r",?\s*(?:intern|extern)\s+verzelfstandigd\s+agentschap\b.*$|,?\s*hierna\b.*$"
    r"|,?\s*erkend\s+(?:als|door)\b.*$|\s+[01]?\d{3}[\s.]\d{3}[\s.]\d{3}\b.*$"
    r"|,?\s*(?:met\s+(?:maatschappelijke\s+)?zetel|gevestigd|vertegenwoordigd)\b.*$",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:het|de)\s+(?=[A-Z])")


_HEADING = re.compile(
    r"^.*(?:\b(?:tussen|entre|partijen\s*:|enerzijds|anderzijds)\s*:?\s+(?-i:(?:de|het)\s+)?"
    r"|(?<![\w.])\d{1,2}\.\s+)(?=\S)",
    re.IGNORECASE | re.DOTALL,
)
_CAPS_ROLE = re.compile(
    r"^(?:DE|HET)\s+(?:OPDRACHTGEVER|ONDERNEMING|KLANT|GEBRUIKER|AFNEMER|WERKPLAATS"
    r"|MAATWERKBEDRIJF|UITVOERDER|DIENSTVERLENER|OPDRACHTNEMER|PARTNER|LEVERANCIER)\b\s*:?\s*"
)
_LEGAL_FORM = re.compile(
    r"\b(?:NV|BV|VZW|CV|CVBA|BVBA|VOF|SRL|SA|ASBL|COMM\.?\s?V)(?:-so)?(?![\w-])\.?",
    re.IGNORECASE,
)
_TRAILING_NUMBER_WORD = re.compile(
    r"[\s,(]+(?:KBO|BTW|BE|ondernemingsnr\.?|ondernemingsnummer|nr\.?)\s*[:(]?\s*$",
    re.IGNORECASE,
)


def _cut_heading(name: str) -> str:
    """The name without a title or clause before it ("ENCLAVEOVEREENKOMST Tussen X", "1. X")."""
    cut = _HEADING.sub("", name, count=1)
    return cut if len(cut) >= 3 else name


def _end_at_legal_form(name: str) -> str:
    """The name up to its legal form when words follow it ("Labo NV Kerkstraat 3": "Labo NV")."""
    forms = list(_LEGAL_FORM.finditer(name))
    if not forms or forms[-1].start() == 0:
        return name
    last = forms[-1]
    return name[: last.end()] if name[last.end() :].strip(" ,.") else name


_NOT_A_NAME = re.compile(
    r"^(?:de\s+|het\s+)?(?:opdrachtgever|onderneming|klant|gebruiker|afnemer|werkplaats"
    r"|maatwerkbedrijf|uitvoerder|dienstverlener|opdrachtnemer|leverancier|partij|naam|gegevens"
    r"|benaming|handtekening|datum|adres)\b\s*:?$"
    r"|(?:overeenkomst|contract|akkoord|convenant)$",
    re.IGNORECASE,
)
_ABBREVIATED_ROLE = re.compile(r"^(?:B\.\s?W\.|S\.\s?W\.|M\.\s?W\.)\s+")
_SIGNED_FOR = re.compile(r"^(?:Voor|Namens|In\s+naam\s+van)\s+(?=(?:[A-Z]|de\s|het\s))")


def plausible_name(name: str) -> bool:
    """Whether a cleaned value can be a party's name: not a role word, a label or a title."""
    return len(name) >= 3 and not _NOT_A_NAME.search(name.strip(" .:"))


def clean_name(text: str) -> str:
    """A party's name without role words, enterprise numbers or trailing legal clauses."""
    name = re.sub(r"\s+", " ", text).strip()
    name = _ABBREVIATED_ROLE.sub("", _CAPS_ROLE.sub("", _cut_heading(name)))
    name = _SIGNED_FOR.sub("", name)  # a signature line: "Voor De Ploeg vzw"
    for _ in range(2):
        name = _LEAD.sub("", name, count=1)
    name = _NUMBER.sub("", name)
    name = _BARE_NUMBER.sub("", name)
    name = _PADDING.sub("", name)
    name = _ARTICLE.sub("", name)
    name = _end_at_legal_form(_TRAILING_NUMBER_WORD.sub("", name))
    for address in find_addresses(name):
        if address.start > 0:  # "Bakkerij X NV Molenstraat 5, Gent": the address is no name
            name = name[: address.start]
            break
    return name.strip(" ,;:.-–\"'“”‘’") or text.strip()
