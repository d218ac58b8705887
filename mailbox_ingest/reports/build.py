"""Build the typed yearly report from the store's aggregate queries.

The database counts and sums; this module only turns the calendar into instants, fills in the
zeros (every counterpart kind, refusal reason, regime and province is listed) and maps work
locations to provinces, once per distinct location.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import groupby
from operator import attrgetter
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from mailbox_ingest.config import RegimeSettings
from mailbox_ingest.domain.enums import (
    OrganisationKind,
    Province,
    RefusalReason,
    Regime,
)
from mailbox_ingest.reports import calendar, provinces
from mailbox_ingest.reports.model import (
    COUNTED_STATUSES,
    REFUSED_STATUSES,
    Active,
    AnnexContract,
    Company,
    Month,
    NewContracts,
    PartnerContract,
    Refused,
    Section,
    WorkplaceCount,
    YearReport,
)
from store import reports as q
from store.models import Contract

PARTNER_WORKPLACES = (
    OrganisationKind.MAATWERKBEDRIJF,
    OrganisationKind.BESCHUTTE_WERKPLAATS,
    OrganisationKind.SOCIALE_WERKPLAATS,
)


def build_report(
    session: Session,
    year: int,
    regimes: RegimeSettings,
    *,
    active_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> YearReport:
    """The report for `year`: received in that calendar year in the department's time zone."""
    tz = ZoneInfo(regimes.timezone)
    window = q.Window(
        calendar.midnight(dt.date(year, 1, 1), tz), calendar.midnight(dt.date(year + 1, 1, 1), tz)
    )
    counted = [str(s) for s in COUNTED_STATUSES]
    table = calendar.spans(regimes)
    return YearReport(
        year=year,
        data_date=(now or dt.datetime.now(dt.UTC)).astimezone(tz),
        timezone=regimes.timezone,
        new_contracts=_new_contracts(session, window, counted),
        regular_companies=_annex(session, window, counted),
        with_workplaces=_section(session, window, PARTNER_WORKPLACES, counted),
        refused=_refused(session, window),
        flemish_government=_section(
            session, window, (OrganisationKind.FLEMISH_GOVERNMENT,), counted
        ),
        by_province=_by_province(session, window, tz, year, counted),
        active=_active(session, active_on or dt.date(year, 12, 31), counted),
        per_month=_per_month(session, tz, table, counted),
        regimes=table,
    )


def _zeros(keys: Iterable[str], found: dict[str | None, int]) -> dict[str, int]:
    """Every key listed, zero when absent; values outside the list are kept after them."""
    out = {k: found.get(k, 0) for k in keys}
    for k, n in found.items():
        extra = "unknown" if k is None else k
        if extra not in out:
            out[extra] = n
    return out


def _new_contracts(session: Session, window: q.Window, counted: list[str]) -> NewContracts:
    t = q.totals(session, window, counted)
    kinds = q.count_by(session, Contract.counterpart_kind, window, counted)
    regimes = q.count_by(session, Contract.regime, window, counted)
    return NewContracts(
        total=t.total,
        by_counterpart_kind=_zeros(list(OrganisationKind), kinds),
        workers_sum=t.workers_sum,
        workers_mean=None if t.workers_mean is None else round(t.workers_mean, 2),
        fixed_term=t.fixed_term,
        indefinite=t.indefinite,
        by_regime=_zeros(list(Regime), regimes),
        by_workplace=tuple(
            WorkplaceCount(name, number, n)
            for name, number, n in q.by_workplace(session, window, counted)
        ),
    )


def _annex(session: Session, window: q.Window, counted: list[str]) -> tuple[Company, ...]:
    rows = q.party_rows(session, window, (OrganisationKind.REGULAR_COMPANY,), counted)
    key = attrgetter("counterpart_name", "counterpart_enterprise_number")
    return tuple(
        Company(
            name,
            number,
            tuple(
                AnnexContract(r.workplace_name, r.start_date, r.workers, r.nature_of_work)
                for r in group
            ),
        )
        for (name, number), group in groupby(rows, key=key)
    )


def _section(
    session: Session, window: q.Window, kinds: Iterable[str], counted: list[str]
) -> Section:
    rows = q.party_rows(session, window, list(kinds), counted)
    return Section(
        len(rows),
        tuple(
            PartnerContract(
                r.counterpart_name,
                r.counterpart_kind,
                r.counterpart_enterprise_number,
                r.workplace_name,
                r.nature_of_work,
            )
            for r in rows
        ),
    )


def _refused(session: Session, window: q.Window) -> Refused:
    statuses = [str(s) for s in REFUSED_STATUSES]
    reasons = q.count_by(session, Contract.rejection_reason, window, statuses)
    by_reason = _zeros(list(RefusalReason), reasons)
    return Refused(sum(by_reason.values()), by_reason)


def _by_province(
    session: Session, window: q.Window, tz: ZoneInfo, year: int, counted: list[str]
) -> dict[Province, int]:
    """Count per province; a location is mapped as the map stood when the contract came in."""
    changes = [calendar.midnight(day, tz) for day in provinces.CHANGE_POINTS]
    first_days = [dt.date(year, 1, 1), *provinces.CHANGE_POINTS]
    out = dict.fromkeys(Province, 0)
    for location, period, n in q.by_location(session, window, changes, counted):
        out[provinces.province_of(location, max(first_days[period], dt.date(year, 1, 1)))] += n
    return out


def _active(session: Session, day: dt.date, counted: list[str]) -> Active:
    a = q.active_on(session, day, counted)
    return Active(day, a.total, a.without_known_end, a.ended_by_termination)


def _per_month(
    session: Session, tz: ZoneInfo, table: tuple[calendar.RegimeSpan, ...], counted: list[str]
) -> tuple[Month, ...]:
    """Every month from the first to the last received contract, empty months included."""
    span = q.received_range(session, counted)
    if span is None:
        return ()
    first, last = (moment.astimezone(tz).date() for moment in span)
    months = calendar.months_between(first, last)
    ends = [calendar.midnight(calendar.next_month(m), tz) for m in months]
    counts = q.per_bucket(session, ends, counted)
    return tuple(
        Month(f"{m:%Y-%m}", counts.get(i, 0), calendar.month_regime(m, table))
        for i, m in enumerate(months)
    )
