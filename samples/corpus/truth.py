"""Ground truth of the contract corpus: what each generated document says, field by field.

A `ContractTruth` holds the values an extractor should find (named as in
`parsers.types.CONTRACT_FIELDS`) plus how the document was made (layout, font, date style,
tricky tags) so a benchmark can break accuracy down. A field the document leaves blank is None.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

from mailbox_ingest.domain.enums import OrganisationKind
from parsers.types import CONTRACT_FIELDS


class Layout(StrEnum):
    """How a corpus document is laid out."""

    FORM_PDF = "form_pdf"
    PROSE_PDF = "prose_pdf"
    FORM_DOCX = "form_docx"
    PROSE_DOCX = "prose_docx"
    SCAN_PDF = "scan_pdf"
    SCAN_IMAGE = "scan_image"


TEXT_LAYOUTS: tuple[Layout, ...] = (
    Layout.FORM_PDF,
    Layout.PROSE_PDF,
    Layout.FORM_DOCX,
    Layout.PROSE_DOCX,
)
SCAN_LAYOUTS: tuple[Layout, ...] = (Layout.SCAN_PDF, Layout.SCAN_IMAGE)


class DateStyle(StrEnum):
    """How dates are written in one document."""

    SLASH = "slash"  # 01/03/2017
    DASH = "dash"  # 1-3-2017
    DOT = "dot"  # 01.03.2017
    LONG = "long"  # 1 maart 2017
    ABBREVIATED = "abbreviated"  # 1 mrt. 2017


class Tricky(StrEnum):
    """Tags for the documents that are hard on purpose."""

    MISSING_START_DATE = "missing_start_date"
    MISSING_SIGNED_DATE = "missing_signed_date"
    MISSING_COUNTERPART_NUMBER = "missing_counterpart_number"
    MISSING_WORK_LOCATION = "missing_work_location"
    BAD_CHECK_DIGITS = "bad_check_digits"
    SAME_ENTITY = "same_entity"
    MULTI_CONTRACT = "multi_contract"
    TERMINATION_WORDING = "termination_wording"


def check_digits(first8: int) -> int:
    """The two check digits of an enterprise number: 97 - (first eight digits mod 97)."""
    return 97 - first8 % 97


def make_number(first8: int) -> str:
    """A valid enterprise number `0XXX.XXX.XXX` from its first eight digits."""
    digits = f"{first8:08d}{check_digits(first8):02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def number_is_valid(number: str) -> bool:
    """Whether an enterprise number (any punctuation) passes the mod-97 check."""
    digits = "".join(c for c in number if c.isdigit())
    if len(digits) == 9:
        digits = "0" + digits
    if len(digits) != 10 or digits[0] not in "01":
        return False
    return int(digits[8:]) == check_digits(int(digits[:8]))


def repair_number(number: str) -> str:
    """The same number with its check digits recomputed (what a misprint was meant to be)."""
    digits = "".join(c for c in number if c.isdigit())
    return make_number(int(digits[:8]))


def break_number(number: str, shift: int) -> str:
    """The same number with wrong check digits (shift in 1..96)."""
    digits = "".join(c for c in number if c.isdigit())
    first8 = int(digits[:8])
    wrong = (check_digits(first8) + shift - 1) % 97 + 1
    if wrong == check_digits(first8):
        wrong = wrong % 97 + 1
    text = f"{first8:08d}{wrong:02d}"
    return f"{text[:4]}.{text[4:7]}.{text[7:]}"


@dataclass(slots=True)
class ContractTruth:
    """The true field values of one contract in a corpus document, and how it was drawn."""

    workplace_name: str
    workplace_enterprise_number: str | None
    counterpart_name: str
    counterpart_enterprise_number: str | None
    work_location: str | None
    nature_of_work: str
    workers: int
    start_date: dt.date | None
    end_date: dt.date | None
    indefinite_duration: bool
    signed_date: dt.date | None
    workplace_kind: OrganisationKind
    counterpart_kind: OrganisationKind
    layout: Layout = Layout.FORM_PDF
    font: str = "Helvetica"
    date_style: DateStyle = DateStyle.SLASH
    tricky: list[str] = field(default_factory=list)
    seed: int = 0  # drives every rendering choice, so a truth renders the same way twice
    signed_place: str = "Gent"
    workplace_address: str = ""
    counterpart_address: str = ""
    base_layout: Layout | None = None  # for scans: the text layout that was printed

    def field_values(self) -> dict[str, Any]:
        """The values of `CONTRACT_FIELDS`, as an extractor should return them."""
        return {name: getattr(self, name) for name in CONTRACT_FIELDS}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: dates as ISO strings, enums as their values."""
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, dt.date):
                out[key] = value.isoformat()
            elif isinstance(value, StrEnum):
                out[key] = value.value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ContractTruth:
        """The inverse of `to_dict`."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for key in ("start_date", "end_date", "signed_date"):
            if values.get(key):
                values[key] = dt.date.fromisoformat(values[key])
        values["workplace_kind"] = OrganisationKind(values["workplace_kind"])
        values["counterpart_kind"] = OrganisationKind(values["counterpart_kind"])
        values["layout"] = Layout(values["layout"])
        values["date_style"] = DateStyle(values["date_style"])
        if values.get("base_layout"):
            values["base_layout"] = Layout(values["base_layout"])
        values["tricky"] = list(values.get("tricky", []))
        return cls(**values)
