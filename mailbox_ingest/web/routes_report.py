"""The yearly report page (`/rapport`): a year and day picker, the report, its chart, downloads.

The report package renders the fragment (an autoescaped `<article>`); the page links its
stylesheet from `/rapport/report.css` and loads the chart from a route returning PNG, because
the Content-Security-Policy allows neither inline styles nor data URLs. Each download button
sends one format with `Content-Disposition: attachment`. Reviewers and admins both see it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from mailbox_ingest import reports
from mailbox_ingest.domain.enums import ReportFormat
from mailbox_ingest.reports.model import YearReport
from mailbox_ingest.web.auth import Staff, current_user
from mailbox_ingest.web.context import ctx
from mailbox_ingest.web.view import page

router = APIRouter()
Year = Annotated[int, Path(ge=1900, le=9998)]
ActiveOn = Annotated[str, Query(max_length=10)]


def _day(text: str) -> dt.date | None:
    """The `active_on` day, or None when empty; ValueError when it is no date."""
    return dt.date.fromisoformat(text) if text else None


def _build(request: Request, year: int, active_on: dt.date | None) -> YearReport:
    c = ctx(request)
    with c.db.session() as s:
        return reports.build_report(s, year, c.settings.regimes, active_on=active_on)


@router.get("/rapport")
def report_page(
    request: Request,
    staff: Annotated[Staff, Depends(current_user)],
    year: Annotated[int | None, Query(ge=1900, le=9998)] = None,
    active_on: ActiveOn = "",
) -> Response:
    """The report of one year (default: this year) with its chart and download buttons."""
    chosen = year or dt.date.today().year
    try:
        day = _day(active_on)
    except ValueError:
        return page(
            request,
            "report.html",
            staff,
            status=422,
            year=chosen,
            active_on=active_on,
            fragment="",
            query="",
            formats=list(ReportFormat),
            error=f"Geen geldige datum: {active_on}",
        )
    query = urlencode({"active_on": day.isoformat()}) if day else ""
    r = _build(request, chosen, day)
    fragment = reports.render_html(
        r, b"", plot_src=f"/rapport/{chosen}/plot.png" + (f"?{query}" if query else "")
    )
    return page(
        request,
        "report.html",
        staff,
        year=chosen,
        active_on=active_on,
        fragment=fragment,
        query=query,
        formats=list(ReportFormat),
    )


@router.get("/rapport/report.css")
def report_css(staff: Annotated[Staff, Depends(current_user)]) -> Response:
    """The stylesheet of the report fragment (a file of the report package)."""
    return Response(reports.stylesheet(), media_type="text/css; charset=utf-8")


@router.get("/rapport/{year}/plot.png")
def report_plot(
    request: Request,
    year: Year,
    staff: Annotated[Staff, Depends(current_user)],
    active_on: ActiveOn = "",
) -> Response:
    """The contracts-per-month chart of the report, as PNG."""
    try:
        day = _day(active_on)
    except ValueError:
        return Response(status_code=422)
    return Response(reports.plot_png(_build(request, year, day)), media_type="image/png")


@router.get("/rapport/{year}/download/{fmt}")
def report_download(
    request: Request,
    year: Year,
    fmt: ReportFormat,
    staff: Annotated[Staff, Depends(current_user)],
    active_on: ActiveOn = "",
) -> Response:
    """The report in one format (md, json, xlsx, pdf), as a download."""
    try:
        day = _day(active_on)
    except ValueError:
        return Response("geen geldige datum\n", status_code=422, media_type="text/plain")
    out = reports.render(_build(request, year, day), fmt)
    return Response(
        out.data,
        media_type=out.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{out.filename}"',
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )
