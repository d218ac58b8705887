"""The report as JSON for other tools: keys exactly as issue 10 names them, dates ISO."""

from __future__ import annotations

import json
from typing import Any

from mailbox_ingest.reports.model import (
    STATUSES_COUNTED,
    Active,
    Company,
    NewContracts,
    PartnerContract,
    Section,
    YearReport,
)


def _partner(c: PartnerContract) -> dict[str, Any]:
    return {
        "counterpart": c.counterpart,
        "counterpart_kind": c.counterpart_kind,
        "enterprise_number": c.enterprise_number,
        "workplace": c.workplace,
        "nature_of_work": c.nature_of_work,
    }


def _section(s: Section) -> dict[str, Any]:
    """A section of partner contracts: its total and the contracts."""
    return {"total": s.total, "contracts": [_partner(c) for c in s.contracts]}


def _new_contracts(n: NewContracts) -> dict[str, Any]:
    """The year's new contracts: totals, kinds, workers, duration, regime, workplaces."""
    return {
        "total": n.total,
        "by_counterpart_kind": dict(n.by_counterpart_kind),
        "workers": {"sum": n.workers_sum, "mean": n.workers_mean},
        "fixed_term": n.fixed_term,
        "indefinite": n.indefinite,
        "by_regime": dict(n.by_regime),
        "by_workplace": [
            {"name": w.name, "enterprise_number": w.enterprise_number, "count": w.count}
            for w in n.by_workplace
        ],
    }


def _company(c: Company) -> dict[str, Any]:
    """A regular company with its contracts of the year (the annex)."""
    return {
        "name": c.name,
        "enterprise_number": c.enterprise_number,
        "contracts": [
            {
                "workplace": a.workplace,
                "start_date": a.start_date.isoformat() if a.start_date else None,
                "workers": a.workers,
                "nature_of_work": a.nature_of_work,
            }
            for a in c.contracts
        ],
    }


def _active(a: Active) -> dict[str, Any]:
    """The contracts active on a day, and why the count is uncertain."""
    return {
        "on": a.on.isoformat(),
        "total": a.total,
        "without_known_end": a.without_known_end,
        "ended_by_termination": a.ended_by_termination,
    }


def to_dict(r: YearReport) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    return {
        "year": r.year,
        "data_date": r.data_date.isoformat(),
        "timezone": r.timezone,
        "statuses_counted": {k: [str(s) for s in v] for k, v in STATUSES_COUNTED.items()},
        "new_contracts": _new_contracts(r.new_contracts),
        "regular_companies": [_company(c) for c in r.regular_companies],
        "with_workplaces": _section(r.with_workplaces),
        "refused": {"total": r.refused.total, "by_reason": dict(r.refused.by_reason)},
        "flemish_government": _section(r.flemish_government),
        "by_province": {str(k): v for k, v in r.by_province.items()},
        "active": _active(r.active),
        "per_month": [
            {"month": m.month, "count": m.count, "regime": str(m.regime)} for m in r.per_month
        ],
    }


def to_json(r: YearReport) -> str:
    """The report as an indented JSON document."""
    return json.dumps(to_dict(r), indent=2, ensure_ascii=False)
