"""What the documents of one mail may cost together: decompressed bytes, pages, reading time.

Each document is read within what is left (its own limits lowered to it), and what it cost is
charged afterwards; a spent budget quarantines the mail with its typed reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from mailbox_ingest.config import LimitSettings
from mailbox_ingest.domain.enums import QuarantineReason


@dataclass(slots=True)
class MailBudget:
    """What the documents of one mail may still cost together."""

    bytes: int
    pages: int
    seconds: float

    @classmethod
    def from_limits(cls, limits: LimitSettings) -> MailBudget:
        """A fresh budget for one mail."""
        return cls(
            limits.mail_max_decompressed_bytes,
            limits.mail_max_pages,
            float(limits.mail_max_read_s),
        )

    def overrun(self) -> tuple[QuarantineReason, str] | None:
        """The reason and detail when a part of the budget is spent, else None."""
        if self.bytes < 0:
            return (
                QuarantineReason.DECOMPRESSION_LIMIT,
                "the mail's documents inflate past its decompression budget",
            )
        if self.pages < 0:
            return (
                QuarantineReason.TOO_MANY_PAGES,
                "the mail's documents have more pages than its budget",
            )
        if self.seconds <= 0:
            return (
                QuarantineReason.OCR_BUDGET,
                "reading the mail's documents took longer than its budget",
            )
        return None
