"""Verify one extracted contract: registry matches, check digits, sender, compliance checks.

Takes the extraction result and what is known of the sender, and returns the organisations'
names and kinds as the registry knows them plus every typed reason to send the contract to
review. It never writes: the caller stores the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mailbox_ingest.config import RegimeSettings, ReviewSettings
from mailbox_ingest.enterprise_numbers import is_valid
from mailbox_ingest.enums import WORKPLACE_KINDS, OrganisationKind, Regime, ReviewReason
from mailbox_ingest.pipeline.regime import last_period_start
from parsers.types import REQUIRED_FIELDS, ExtractedContract
from store.models import Organisation
from store.registry import Registry, guess_kind, normalise_name


@dataclass(frozen=True, slots=True)
class SenderFacts:
    """What the message tells about who sent it."""

    address: str | None
    authenticated: bool  # our own server's results show an aligned pass for the From domain
    orgs: tuple[Organisation, ...]  # registry entries listing the sender's domain

    @property
    def workplace(self) -> Organisation | None:
        """The workplace the sender's domain belongs to, if exactly one."""
        places = [o for o in self.orgs if o.kind in WORKPLACE_KINDS]
        return places[0] if len(places) == 1 else None

    @property
    def verified(self) -> bool:
        """A recognised workplace domain with an aligned pass from our own server."""
        return self.authenticated and self.workplace is not None


@dataclass(slots=True)
class Party:
    """A party of the contract as finally recorded."""

    name: str | None
    enterprise_number: str | None
    kind: OrganisationKind
    org: Organisation | None


@dataclass(slots=True)
class Verified:
    """The outcome of verification for one contract."""

    workplace: Party
    counterpart: Party
    reasons: list[ReviewReason] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def valid_number(number: str | None) -> bool:
    """True when an enterprise number passes the mod-97 check."""
    return is_valid(number)


def _party(registry: Registry, name: str | None, number: str | None) -> Party:
    hit = registry.match(name, number if valid_number(number) else None)
    if hit is not None:
        org = hit.org
        return Party(org.name, org.enterprise_number or number, OrganisationKind(org.kind), org)
    kind = guess_kind(name)
    if kind is OrganisationKind.UNKNOWN and name:
        kind = OrganisationKind.REGULAR_COMPANY if number else OrganisationKind.UNKNOWN
    return Party(name, number, kind, None)


def verify_contract(
    contract: ExtractedContract,
    *,
    registry: Registry,
    sender: SenderFacts,
    regime: Regime,
    received_day: dt.date,
    regimes: RegimeSettings | None = None,
    settings: ReviewSettings,
) -> Verified:
    """Match both parties and collect every review reason for this contract.

    The notice rule applies from the start of the last maatwerk period of `regimes` (the
    configured regime table; its defaults when None).
    """
    wp = _party(
        registry, contract.value("workplace_name"), contract.value("workplace_enterprise_number")
    )
    cp = _party(
        registry,
        contract.value("counterpart_name"),
        contract.value("counterpart_enterprise_number"),
    )
    out = Verified(wp, cp)
    reasons = out.reasons

    if wp.org is None and sender.workplace is not None and not wp.name:
        org = sender.workplace
        out.workplace = Party(org.name, org.enterprise_number, OrganisationKind(org.kind), org)
        out.notes.append("workplace taken from the sender's registered domain")
        reasons.append(ReviewReason.FIELD_UNSURE)

    missing = [n for n in REQUIRED_FIELDS if n not in contract.fields]
    if "end_date" not in contract.fields and not contract.value("indefinite_duration"):
        missing.append("end_date")
    if missing:
        reasons.append(ReviewReason.FIELD_MISSING)
        out.notes.append("missing: " + ", ".join(missing))
    unsure = [n for n, fv in contract.fields.items() if fv.confidence < settings.min_confidence]
    if unsure:
        reasons.append(ReviewReason.FIELD_UNSURE)
        out.notes.append("unsure: " + ", ".join(sorted(unsure)))
    for side in ("workplace_enterprise_number", "counterpart_enterprise_number"):
        number = contract.value(side)
        if number and not valid_number(number):
            reasons.append(ReviewReason.BAD_CHECK_DIGITS)
            out.notes.append(f"{side} {number} fails the check digits")
    if out.workplace.org is None:
        reasons.append(ReviewReason.UNKNOWN_WORKPLACE)
    elif out.workplace.kind not in WORKPLACE_KINDS:
        reasons.append(ReviewReason.UNKNOWN_WORKPLACE)
        out.notes.append(f"workplace {out.workplace.name} is a {out.workplace.kind}")
    if not sender.authenticated:
        reasons.append(ReviewReason.SENDER_NOT_AUTHENTICATED)
    if sender.workplace is None:
        reasons.append(ReviewReason.SENDER_NOT_WORKPLACE)
    elif out.workplace.org is not None and out.workplace.org.id != sender.workplace.id:
        reasons.append(ReviewReason.SENDER_DOMAIN_MISMATCH)
        out.notes.append(f"sent from the domain of {sender.workplace.name}")
    if _same_entity(out.workplace, out.counterpart):
        reasons.append(ReviewReason.SAME_ENTITY)
    start = contract.value("start_date")
    if (
        regime is Regime.MAATWERK
        and isinstance(start, dt.date)
        and received_day >= last_period_start(regimes or RegimeSettings(), Regime.MAATWERK)
        and (start - received_day).days < settings.min_notice_days
    ):
        reasons.append(ReviewReason.LATE_NOTIFICATION)
        out.notes.append(f"received {received_day}, starts {start}")
    if regime is Regime.LEGACY:
        reasons.append(ReviewReason.LEGACY_DECISION)
    out.reasons = list(dict.fromkeys(reasons))
    return out


def _same_entity(a: Party, b: Party) -> bool:
    if a.org is not None and b.org is not None:
        return a.org.id == b.org.id
    if a.enterprise_number and a.enterprise_number == b.enterprise_number:
        return True
    return bool(a.name and b.name and normalise_name(a.name) == normalise_name(b.name))
