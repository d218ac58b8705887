"""What the templates show: Dutch labels, field rows with state and reason, page helpers."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import Response
from stdnum.be import vat

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import (
    ContractStatus,
    FieldState,
    LetterState,
    QueueTab,
    RefusalReason,
    ReviewReason,
    TerminationProposalReason,
)
from mailbox_ingest.web.auth import Staff
from mailbox_ingest.web.context import ctx
from parsers.types import CONTRACT_FIELDS, REQUIRED_FIELDS
from store.models import Contract

FIELD_LABELS = {
    "workplace_name": "Maatwerkbedrijf / werkplaats",
    "workplace_enterprise_number": "Ondernemingsnummer werkplaats",
    "counterpart_name": "Opdrachtgever",
    "counterpart_enterprise_number": "Ondernemingsnummer opdrachtgever",
    "work_location": "Plaats van de werken",
    "nature_of_work": "Aard van de opdracht",
    "workers": "Aantal doelgroepwerknemers",
    "start_date": "Begindatum",
    "end_date": "Einddatum",
    "indefinite_duration": "Onbepaalde duur",
    "signed_date": "Datum ondertekening",
}
TAB_LABELS = {
    QueueTab.TO_REVIEW: "Na te kijken",
    QueueTab.POSTPONED: "Uitgesteld",
    QueueTab.ACCEPTED: "Aanvaard",
    QueueTab.REFUSED: "Geweigerd",
}
REASON_LABELS = {
    ReviewReason.FIELD_MISSING: "veld ontbreekt",
    ReviewReason.FIELD_UNSURE: "veld onzeker",
    ReviewReason.BAD_CHECK_DIGITS: "controlecijfers fout",
    ReviewReason.SENDER_NOT_WORKPLACE: "afzender geen werkplaats",
    ReviewReason.SENDER_NOT_AUTHENTICATED: "afzender niet geverifieerd",
    ReviewReason.SENDER_DOMAIN_MISMATCH: "domein hoort niet bij werkplaats",
    ReviewReason.SAME_ENTITY: "zelfde entiteit",
    ReviewReason.LATE_NOTIFICATION: "te laat gemeld",
    ReviewReason.UNKNOWN_WORKPLACE: "onbekende werkplaats",
    ReviewReason.LEGACY_DECISION: "beslissing oud stelsel",
}
REFUSAL_LABELS = {
    RefusalReason.NOT_CORE_ACTIVITY: "Geen kernactiviteit van de opdrachtgever",
    RefusalReason.NO_PERMANENT_SUPERVISION: "Geen permanente gekwalificeerde begeleiding",
    RefusalReason.SENDER_NOT_WORKPLACE: "Afzender is geen erkende werkplaats",
    RefusalReason.SAME_LEGAL_ENTITY: "Zelfde juridische entiteit",
    RefusalReason.NO_WRITTEN_AGREEMENT: "Geen schriftelijke overeenkomst",
    RefusalReason.LATE_NOTIFICATION: "Laattijdige melding",
    RefusalReason.OTHER: "Andere (toelichting verplicht)",
}
LETTER_LABELS = {
    LetterState.PENDING: "wacht op beslissing",
    LetterState.READY: "te versturen",
    LetterState.POSTED: "verstuurd",
    "approval": "goedkeuring",
    "refusal": "afkeuring",
}
RESPONSE_LABELS = {
    "email_acknowledgement": "ontvangstbevestiging per e-mail",
    "letter": "brief",
    "none": "geen",
    "queued": "klaar om te vertrekken",
    "sent": "verstuurd",
    "held": "wacht op een medewerker",
    "pending": "wacht op de beslissing",
    "ready": "klaar om af te drukken",
    "failed": "mislukt",
    "suppressed": "bewust niet",
    "uncertain": "onzeker (nakijken)",
    "sending": "wordt verstuurd",
}
PROPOSAL_LABELS = {
    TerminationProposalReason.SENDER_UNVERIFIED: "afzender niet geverifieerd",
    TerminationProposalReason.SENDER_NOT_WORKPLACE: "afzender is geen erkende werkplaats",
    TerminationProposalReason.NOT_OWN_CONTRACT: "werkplaats meldt het contract van een andere",
    TerminationProposalReason.DATE_MISSING: "geen datum in de melding",
}
STATUS_LABELS = {
    ContractStatus.NEEDS_REVIEW: "na te kijken",
    ContractStatus.ACCEPTED: "aanvaard",
    ContractStatus.REJECTED: "geweigerd",
}


@dataclass(frozen=True, slots=True)
class FieldRow:
    """A field as the contract page shows it."""

    name: str
    label: str
    value: str
    confidence: float | None
    state: FieldState
    why: str
    page: int | None
    box: list[float] | None
    evidence_text: str


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _failed_rule(c: Contract, name: str) -> str:
    reasons = set(c.review_reasons or [])
    if name.endswith("enterprise_number") and ReviewReason.BAD_CHECK_DIGITS in reasons:
        number = getattr(c, name)
        if number and not vat.is_valid(str(number).replace(".", "")):
            return "controlecijfers kloppen niet"
    if name in ("workplace_name", "counterpart_name") and ReviewReason.SAME_ENTITY in reasons:
        return "werkplaats en opdrachtgever zijn dezelfde entiteit"
    if name == "start_date" and ReviewReason.LATE_NOTIFICATION in reasons:
        return "minder dan een dag voor de start gemeld"
    return ""


def field_rows(c: Contract, min_confidence: float) -> list[FieldRow]:
    """Every contract field with its value, state, reason and evidence."""
    rows = []
    for name in CONTRACT_FIELDS:
        stored = c.fields.get(name) or {}
        evidence = stored.get("evidence") or {}
        value = getattr(c, name)
        conf = stored.get("confidence")
        failed = _failed_rule(c, name)
        if failed and not stored.get("checked_by"):
            state, why = FieldState.FAILED, failed
        elif stored.get("checked_by"):
            state, why = FieldState.CHECKED, f"nagekeken door {stored['checked_by']}"
        elif value in (None, "") and name in REQUIRED_FIELDS:
            state, why = FieldState.NEEDS_LOOK, "niet gevonden"
        elif conf is not None and conf < min_confidence:
            state, why = FieldState.NEEDS_LOOK, f"zekerheid {conf:.0%}"
        else:
            state, why = FieldState.CHECKED, "" if conf is None else f"zekerheid {conf:.0%}"
        box = evidence.get("box")
        rows.append(
            FieldRow(
                name,
                FIELD_LABELS[name],
                _display(value),
                conf,
                state,
                why,
                evidence.get("page"),
                box if isinstance(box, list) else None,
                str(evidence.get("text") or ""),
            )
        )
    return rows


def register_filters(env: jinja2.Environment, settings: Settings) -> None:
    """Filters and globals the templates use (dates in the department's time zone)."""
    zone = zoneinfo.ZoneInfo(settings.regimes.timezone)

    def when(value: dt.datetime | None) -> str:
        return value.astimezone(zone).strftime("%d/%m/%Y %H:%M") if value else ""

    env.filters["when"] = when
    env.filters["day"] = lambda d: d.strftime("%d/%m/%Y") if d else ""
    env.globals.update(
        TAB_LABELS=TAB_LABELS,
        REASON_LABELS=REASON_LABELS,
        REFUSAL_LABELS=REFUSAL_LABELS,
        STATUS_LABELS=STATUS_LABELS,
        LETTER_LABELS=LETTER_LABELS,
        RESPONSE_LABELS=RESPONSE_LABELS,
        PROPOSAL_LABELS=PROPOSAL_LABELS,
        QueueTab=QueueTab,
    )


def page(
    request: Request, template: str, staff: Staff, status: int = 200, **values: Any
) -> Response:
    """Render a page for a signed-in user."""
    return ctx(request).templates.TemplateResponse(
        request, template, {"staff": staff, **values}, status_code=status
    )
