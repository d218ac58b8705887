"""The report as JSON for other tools: keys exactly as issue 10 names them, dates ISO."""

from __future__ import annotations

import json
from typing import Any

from mailbox_ingest.reports.model import STATUSES_COUNTED, PartnerContract, YearReport


def _partner(c: PartnerContract) -> dict[str, Any]:
    return {
        "counterpart": c.counterpart,
        "counterpart_kind": c.counterpart_kind,
        "enterprise_number": c.enterprise_number,
        "workplace": c.workplace,
        "nature_of_work": c.nature_of_work,
    }


def to_dict(r: YearReport) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    n = r.new_contracts
    return {
        "year": r.year,
        "data_date": r.data_date.isoformat(),
        "timezone": r.timezone,
        "statuses_counted": {k: [str(s) for s in v] for k, v in STATUSES_COUNTED.items()},
        "new_contracts": {
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
        },
        "regular_companies": [
            {
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
            for c in r.regular_companies
        ],
        "with_workplaces": {
            "total": r.with_workplaces.total,
            "contracts": [_partner(c) for c in r.with_workplaces.contracts],
        },
        "refused": {"total": r.refused.total, "by_reason": dict(r.refused.by_reason)},
        "flemish_government": {
            "total": r.flemish_government.total,
            "contracts": [_partner(c) for c in r.flemish_government.contracts],
        },
        "by_province": {str(k): v for k, v in r.by_province.items()},
        "active": {
            "on": r.active.on.isoformat(),
            "total": r.active.total,
            "without_known_end": r.active.without_known_end,
            "ended_by_termination": r.active.ended_by_termination,
        },
        "per_month": [
            {"month": m.month, "count": m.count, "regime": str(m.regime)} for m in r.per_month
        ],
    }


def to_json(r: YearReport) -> str:
    """The report as an indented JSON document."""
    return json.dumps(to_dict(r), indent=2, ensure_ascii=False)
