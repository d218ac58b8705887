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


def clean_name(text: str) -> str:
    """A party's name without role words, enterprise numbers or trailing legal clauses."""
    name = re.sub(r"\s+", " ", text).strip()
    for _ in range(2):
        name = _LEAD.sub("", name, count=1)
    name = _NUMBER.sub("", name)
    name = _BARE_NUMBER.sub("", name)
    name = _PADDING.sub("", name)
    name = _ARTICLE.sub("", name)
    for address in find_addresses(name):
        if address.start > 0:  # "Bakkerij X NV Molenstraat 5, Gent": the address is no name
            name = name[: address.start]
            break
    return name.strip(" ,;:.-–\"'“”‘’") or text.strip()
