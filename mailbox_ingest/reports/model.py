"""The typed yearly report: what the minister is asked, as plain frozen dataclasses.

Built once from the store (`reports.build`) and handed unchanged to every renderer, so the
markdown, JSON, XLSX, HTML and PDF versions can never disagree on a number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mailbox_ingest.domain.enums import ContractStatus, Province, Regime

COUNTED_STATUSES = (ContractStatus.ACCEPTED, ContractStatus.NEEDS_REVIEW)
REFUSED_STATUSES = (ContractStatus.REJECTED,)


@dataclass(frozen=True)
class WorkplaceCount:
    """Contracts sent by one workplace."""

    name: str | None
    enterprise_number: str | None
    count: int


@dataclass(frozen=True)
class NewContracts:
    """Contracts received in the year (accepted or to review; no refusals, no duplicates)."""

    total: int
    by_counterpart_kind: dict[str, int]
    workers_sum: int
    workers_mean: float | None
    fixed_term: int
    indefinite: int
    by_regime: dict[str, int]
    by_workplace: tuple[WorkplaceCount, ...]


@dataclass(frozen=True)
class AnnexContract:
    """One contract in a list of contracts with a counterpart."""

    workplace: str | None
    start_date: dt.date | None
    workers: int | None
    nature_of_work: str | None


@dataclass(frozen=True)
class Company:
    """A regular company of the annex with its contracts of the year."""

    name: str | None
    enterprise_number: str | None
    contracts: tuple[AnnexContract, ...]


@dataclass(frozen=True)
class PartnerContract:
    """A contract whose counterpart is another workplace or the Flemish government."""

    counterpart: str | None
    counterpart_kind: str
    enterprise_number: str | None
    workplace: str | None
    nature_of_work: str | None


@dataclass(frozen=True)
class Section:
    """A count with the contracts behind it."""

    total: int
    contracts: tuple[PartnerContract, ...]


@dataclass(frozen=True)
class Refused:
    """Contracts received in the year and refused, per reason (every reason listed)."""

    total: int
    by_reason: dict[str, int]


@dataclass(frozen=True)
class Active:
    """Contracts running on a day, whatever year they were received."""

    on: dt.date
    total: int
    without_known_end: int
    ended_by_termination: int


@dataclass(frozen=True)
class Month:
    """Contracts received in one calendar month and the regime of most of its days."""

    month: str  # YYYY-MM
    count: int
    regime: Regime


@dataclass(frozen=True)
class RegimeSpan:
    """A period of the regime table, last day included (None: still in force)."""

    start: dt.date
    end: dt.date | None
    regime: Regime


@dataclass(frozen=True)
class YearReport:
    """Everything the yearly overview states, for `year`, as the store held it at `data_date`."""

    year: int
    data_date: dt.datetime
    timezone: str
    new_contracts: NewContracts
    regular_companies: tuple[Company, ...]
    with_workplaces: Section
    refused: Refused
    flemish_government: Section
    by_province: dict[Province, int]
    active: Active
    per_month: tuple[Month, ...]
    regimes: tuple[RegimeSpan, ...]


STATUSES_COUNTED: dict[str, tuple[ContractStatus, ...]] = {
    "new_contracts": COUNTED_STATUSES,
    "regular_companies": COUNTED_STATUSES,
    "with_workplaces": COUNTED_STATUSES,
    "refused": REFUSED_STATUSES,
    "flemish_government": COUNTED_STATUSES,
    "by_province": COUNTED_STATUSES,
    "active": COUNTED_STATUSES,
    "per_month": COUNTED_STATUSES,
}
