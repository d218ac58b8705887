"""Belgian enterprise numbers (KBO / BTW): normalised to `0XXX.XXX.XXX` and checked.

The check is the mod-97 rule (`stdnum.be.vat`). On top of it this module repairs what scans
and typists get wrong: look-alike letters in digit positions (O->0, l/I/|->1, S->5, B->8),
stray spaces, dots, colons and commas, a missing leading zero, and one wrong digit when
exactly one single-digit change makes the number valid, or one character read twice ("0O6...",
eleven digits) when exactly one deletion does (for read text only: in typed text the wrong
digit is the writer's own). Anything else stays as read, flagged as invalid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailbox_ingest.domain.enterprise_numbers import format_number, is_valid

_LOOKALIKES = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "l": "1",
        "I": "1",
        "|": "1",
        "i": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "G": "6",
    }
)
_PREFIX = re.compile(
    r"^\s*(?:(?:btw|vat|kbo|ond)[\s.:-]*(?:nr|nummer)?[\s.:-]*)?(?:be[\s.:-]*)?", re.IGNORECASE
)
_D = r"[0-9OolI|SB]"
_SEP = r"(?:\s*[.:,]\s*|\s|-)?"  # a dot may come back from a scan as a colon or comma
_FIND = re.compile(  # a fill-in line's underscores may touch the number
    rf"(?<![^\W_])(?<!\.)(?:BE\s?:?\s?)?"
    rf"({_D}{{4,5}}{_SEP}{_D}{{3}}{_SEP}{_D}{{3}}|{_D}{{3}}\.{_D}{{3}}\.{_D}{{3}})"
    rf"(?![^\W_]|\.\d)",
    re.IGNORECASE,
)

CLEAN = 1.0
LOOKALIKE_REPAIRED = 0.85
DIGIT_REPAIRED = 0.75
INVALID = 0.5


@dataclass(frozen=True, slots=True)
class EnterpriseNumberResult:
    """A normalised enterprise number: value, whether it passes the check, whether repaired."""

    value: str | None
    valid: bool
    repaired: bool
    confidence: float


def is_valid_digits(digits: str) -> bool:
    """Ten digits starting with 0 or 1 whose last two are 97 - (first eight mod 97)."""
    return len(digits) == 10 and digits.isdigit() and is_valid(digits)


def _single_digit_repairs(digits: str) -> list[str]:
    """Every valid number one digit away from `digits`."""
    out = []
    for i, original in enumerate(digits):
        for d in "0123456789":
            if d != original:
                candidate = digits[:i] + d + digits[i + 1 :]
                if is_valid_digits(candidate):
                    out.append(candidate)
    return out


def _single_deletions(digits: str) -> list[str]:
    """Every valid number left when one character of eleven is dropped."""
    return sorted(
        {
            digits[:i] + digits[i + 1 :]
            for i in range(len(digits))
            if is_valid_digits(digits[:i] + digits[i + 1 :])
        }
    )


def normalise_enterprise_number(text: str, repair_digit: bool = True) -> EnterpriseNumberResult:
    """Normalise a written enterprise number, repairing OCR slips and one wrong digit.

    Pass `repair_digit=False` for typed text (a text layer, a DOCX): there a wrong digit is the
    writer's, not the reader's, and guessing it would invent a number.
    """
    body = _PREFIX.sub("", text)
    body = re.sub(r"[\s.:,\-/]", "", body)
    mapped = body.translate(_LOOKALIKES)
    if mapped.isdigit() and len(mapped) == 11:
        kept = _single_deletions(mapped) if repair_digit else []
        if len(kept) == 1:
            return EnterpriseNumberResult(format_number(kept[0]), True, True, DIGIT_REPAIRED)
        return EnterpriseNumberResult(None, False, False, 0.0)
    if not mapped.isdigit() or len(mapped) not in (9, 10):
        return EnterpriseNumberResult(None, False, False, 0.0)
    if len(mapped) == 9:
        mapped = "0" + mapped
    lookalike = mapped != body and mapped != "0" + body
    if is_valid_digits(mapped):
        confidence = LOOKALIKE_REPAIRED if lookalike else CLEAN
        return EnterpriseNumberResult(format_number(mapped), True, lookalike, confidence)
    candidates = _single_digit_repairs(mapped) if repair_digit else []
    if len(candidates) == 1:
        return EnterpriseNumberResult(format_number(candidates[0]), True, True, DIGIT_REPAIRED)
    return EnterpriseNumberResult(format_number(mapped), False, lookalike, INVALID)


def find_enterprise_numbers(
    text: str, repair_digit: bool = True
) -> list[tuple[EnterpriseNumberResult, tuple[int, int]]]:
    """Every enterprise number written in the text, normalised, with its character span."""
    out = []
    for m in _FIND.finditer(text):
        if sum(c.isdigit() for c in m.group(1)) < 7:
            continue
        result = normalise_enterprise_number(m.group(1), repair_digit)
        if result.value is not None:
            out.append((result, m.span()))
    return out
