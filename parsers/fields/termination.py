"""Terminations announced in a mail body ("stopzetting van de enclave bij X met ingang van ...").

A termination is a sentence holding a termination word (stopzetting, stopgezet, beëindiging,
einde, opzegging); in it the counterpart is the name after "bij", "met" or "enclave", cut at
the date phrase, a bracket or the verb; its enterprise number and date are the ones written in
that sentence (the date after "met ingang van", "vanaf", "per" or "op" first).
"""

from __future__ import annotations

import re

from parsers.fields.dates import find_dates
from parsers.fields.enterprise import find_enterprise_numbers
from parsers.fields.textmap import clean_value, fold
from parsers.types import Evidence, TerminationNotice

_TRIGGER = re.compile(
    r"\b(?:stopzetting|stop\s*gezet|stopgezet|stop\s+zetten|stopzetten|beeindiging|beeindigd|"
    r"beeindigen|einde|eindigt|opzeg|opzegging|opgezegd|loopt\s+af|afgelopen|stopt|stoppen)\b"
)
_NAME_INTRO = re.compile(
    r"\b(?:enclave|enclavewerking|ondernemingscontract|contract|overeenkomst|samenwerking)?\s*"
    r"(?:bij|met|van|voor)\s+(?:de\s+(?:firma|onderneming|klant|opdrachtgever)\s+)?"
    r"|\b(?:einde|opzeg|stopzetting)\s+(?:van\s+(?:de|het)\s+)?(?:enclave|ondernemingscontract"
    r"|contract)\s+(?:bij\s+|met\s+)?"
)
_NAME_STOP = re.compile(
    r"\s*(?:\(|,|\bmet\s+ingang\b|\bvanaf\b|\bper\b|\bop\s+\d|\bwordt\b|\bzal\b|\bis\b|\beindigt\b|\bte\s+"
    r"\w+\s+(?:met|vanaf|per|op)\b|\bmet\s+ondernemingsnummer|\bondernemingsnummer\b|\bkbo\b|"
    r"\bbtw\b|\bdoor\b|\bna\b|\bin\s+het\b|\d{1,2}[/.-]\d|\.\s|\.$|$)"
)
_NOT_NAME = re.compile(r"(?:de|het|een|ons|onze|uw|deze|dit|ingang|onmiddellijke)\b")
_DATE_INTRO = re.compile(r"(?:met\s+ingang\s+van|vanaf|per|op|tegen|tot|datum)\s*(?:de\s+)?$")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: cut at a full stop before a capital or a line break, or a blank line."""
    spans, start = [], 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\u00c0-\u00dd])|\n\s*\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _name(text: str, folded: str, start: int, end: int) -> tuple[str, int] | None:
    """The counterpart named in a sentence and where the name ends."""
    for m in _NAME_INTRO.finditer(folded, start, end):
        s = m.end()
        if _NOT_NAME.match(folded, s) or s >= end:
            continue
        stop = _NAME_STOP.search(folded, s, end)
        e = stop.start() if stop else end
        name = clean_value(text[s:e]).rstrip(".")
        if len(name) >= 2 and any(c.isupper() for c in name[:1] + name):
            return name, e
    return None


def _date(text: str, folded: str, start: int, end: int) -> tuple[object, float] | None:
    """The termination date of a sentence: introduced by "met ingang van" etc. if possible."""
    dates = find_dates(text[start:end])
    for date, (s, _) in dates:
        if _DATE_INTRO.search(folded[max(start, start + s - 20) : start + s]):
            return date, 1.0
    return (dates[0][0], 0.8) if dates else None


def find_terminations(text: str) -> list[TerminationNotice]:
    """Every termination announced in a mail body, with counterpart, date and evidence."""
    folded = fold(text)
    out: list[TerminationNotice] = []
    for start, end in _sentences(text):
        if not _TRIGGER.search(folded, start, end):
            continue
        if re.search(r"\bopzegtermijn\b|\bopzegging\s+(?:moet|dient|kan)\b", folded[start:end]):
            continue
        if re.search(r"\bverleng|\bhernieuw", folded[start:end]):
            continue  # "... eindigt op 1 maart en komen overeen ze te verlengen": it goes on
        name = _name(text, folded, start, end)
        numbers = find_enterprise_numbers(text[start:end])
        date = _date(text, folded, start, end)
        if name is None and not numbers:
            continue
        confidence = 0.9 * (date[1] if date else 0.5) * (1.0 if name else 0.8)
        if numbers and not numbers[0][0].valid:
            confidence *= 0.8
        out.append(
            TerminationNotice(
                counterpart_name=name[0] if name else None,
                counterpart_enterprise_number=numbers[0][0].value if numbers else None,
                terminated_on=date[0] if date else None,  # type: ignore[arg-type]
                evidence=Evidence(page=None, box=None, text=clean_value(text[start:end])),
                confidence=round(confidence, 3),
            )
        )
    return out
