"""The report as tidy tables (title, note, header, rows): the sheets of the workbook.

One observation per row, one variable per column, codes beside labels so a reader can both
read and filter them. Kept apart from the workbook mechanics so tests can compare the
re-read sheets with these rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mailbox_ingest.reports import labels
from mailbox_ingest.reports.model import Month, PartnerContract, YearReport

COUNTED = "Counts accepted contracts and contracts to review; no refusals, no duplicates."


@dataclass(frozen=True)
class TabularSheet:
    """One table: the sheet name, a title, a note on what it counts, header and rows."""

    name: str
    title: str
    note: str
    header: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    widths: tuple[int, ...]


def sheets(r: YearReport) -> list[TabularSheet]:
    """Every table of the report, in reading order, the annex last."""
    return [*_headline_sheets(r), *_partner_sheets(r), *_count_sheets(r), _annex_sheet(r)]


def _headline_sheets(r: YearReport) -> list[TabularSheet]:
    """The headline figures and the new contracts by kind, regime and workplace."""
    n, y = r.new_contracts, r.year
    summary = [
        ("new_contracts.total", "New contracts", n.total),
        ("new_contracts.workers.sum", "Target-group workers, sum", n.workers_sum),
        ("new_contracts.workers.mean", "Target-group workers, mean", n.workers_mean),
        ("new_contracts.fixed_term", "Fixed term", n.fixed_term),
        ("new_contracts.indefinite", "Indefinite duration", n.indefinite),
        ("with_workplaces.total", "With other workplaces", r.with_workplaces.total),
        ("flemish_government.total", "With the Flemish government", r.flemish_government.total),
        ("refused.total", "Refused (refused contracts only)", r.refused.total),
        ("active.total", f"Active on {r.active.on.isoformat()}", r.active.total),
    ]
    return [
        TabularSheet(
            "Summary",
            f"Headline figures {y}",
            COUNTED,
            ("Code", "Figure", "Value"),
            summary,
            (30, 40, 12),
        ),
        TabularSheet(
            "Counterpart kinds",
            f"New contracts {y} by kind of counterpart",
            COUNTED,
            ("Code", "Counterpart kind", "Contracts"),
            [(k, labels.label(labels.KINDS, k), v) for k, v in n.by_counterpart_kind.items()],
            (22, 28, 12),
        ),
        TabularSheet(
            "Regimes",
            f"New contracts {y} by regime on the day received",
            COUNTED,
            ("Regime", "Contracts"),
            list(n.by_regime.items()),
            (16, 12),
        ),
        TabularSheet(
            "Workplaces",
            f"New contracts {y} by workplace",
            COUNTED,
            ("Workplace", "Enterprise number", "Contracts"),
            [(w.name, w.enterprise_number, w.count) for w in n.by_workplace],
            (40, 18, 12),
        ),
    ]


PARTNER_COLUMNS = ("Counterpart", "Kind", "Enterprise number", "Workplace", "Nature of work")


def _partner_rows(contracts: Iterable[PartnerContract]) -> list[tuple[object, ...]]:
    """One row per contract with a named kind of partner."""
    return [
        (
            c.counterpart,
            labels.label(labels.KINDS, c.counterpart_kind),
            c.enterprise_number,
            c.workplace,
            c.nature_of_work,
        )
        for c in contracts
    ]


def _partner_sheets(r: YearReport) -> list[TabularSheet]:
    """Contracts with other workplaces and with the Flemish government."""
    y = r.year
    return [
        TabularSheet(
            "Other workplaces",
            f"New contracts {y} with another workplace",
            COUNTED,
            PARTNER_COLUMNS,
            _partner_rows(r.with_workplaces.contracts),
            (32, 24, 20, 32, 44),
        ),
        TabularSheet(
            "Flemish government",
            f"New contracts {y} with the Flemish government",
            COUNTED,
            PARTNER_COLUMNS,
            _partner_rows(r.flemish_government.contracts),
            (32, 24, 20, 32, 44),
        ),
    ]


def _count_sheets(r: YearReport) -> list[TabularSheet]:
    """Refusals, provinces, active contracts and the months."""
    y = r.year
    return [
        TabularSheet(
            "Refusals",
            f"Contracts received in {y} and refused, by reason",
            "Counts refused contracts only; no duplicates.",
            ("Code", "Reason", "Contracts"),
            [(k, labels.label(labels.REASONS, k), v) for k, v in r.refused.by_reason.items()],
            (26, 40, 12),
        ),
        TabularSheet(
            "Provinces",
            f"New contracts {y} by province of the work location",
            COUNTED + " Province as mapped on the day received.",
            ("Code", "Province", "Contracts"),
            [(str(k), labels.label(labels.PROVINCES, k), v) for k, v in r.by_province.items()],
            (18, 28, 12),
        ),
        TabularSheet(
            "Active",
            f"Contracts active on {r.active.on.isoformat()}",
            "Accepted and to review, received in any year; see the cover.",
            ("Code", "Figure", "Contracts"),
            [
                ("active.total", "Active", r.active.total),
                (
                    "active.without_known_end",
                    "Active without known end",
                    r.active.without_known_end,
                ),
                (
                    "active.ended_by_termination",
                    "Ended by termination",
                    r.active.ended_by_termination,
                ),
            ],
            (30, 30, 12),
        ),
        TabularSheet(
            "Per month",
            "Contracts received per month, every year in the store",
            COUNTED + " Regime of most days of the month.",
            ("Month", "Regime", "Contracts"),
            [(m.month, str(m.regime), m.count) for m in r.per_month],
            (10, 12, 12),
        ),
    ]


def _annex_sheet(r: YearReport) -> TabularSheet:
    """The annex: every regular company with its contracts."""
    y = r.year
    return TabularSheet(
        "Annex",
        f"Annex: new contracts {y} with regular companies",
        COUNTED,
        (
            "Company",
            "Enterprise number",
            "Workplace",
            "Start date",
            "Workers",
            "Nature of work",
        ),
        [
            (
                c.name,
                c.enterprise_number,
                a.workplace,
                a.start_date,
                a.workers,
                a.nature_of_work,
            )
            for c in r.regular_companies
            for a in c.contracts
        ],
        (36, 18, 36, 12, 9, 50),
    )


@dataclass(frozen=True)
class GridRow:
    """One year of the month grid: twelve cells (None outside the data) and the total."""

    year: int
    months: tuple[Month | None, ...]
    total: int


def month_grid(r: YearReport) -> list[GridRow]:
    """Contracts per month as years down and months across, for the PDF and the web page."""
    by_month = {m.month: m for m in r.per_month}
    years = sorted({int(m.month[:4]) for m in r.per_month})
    rows = []
    for year in years:
        cells = tuple(by_month.get(f"{year}-{m:02d}") for m in range(1, 13))
        rows.append(GridRow(year, cells, sum(c.count for c in cells if c is not None)))
    return rows
