"""Verify one extracted contract: registry matches, check digits, sender, compliance checks.

Takes the extraction result and what is known of the sender, and returns the organisations'
names and kinds as the registry knows them plus every typed reason to send the contract to
review. It never writes: the caller stores the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mailbox_ingest.config import RegimeSettings, ReviewSettings
from mailbox_ingest.domain.enterprise_numbers import is_valid
from mailbox_ingest.domain.enums import WORKPLACE_KINDS, OrganisationKind, Regime, ReviewReason
from mailbox_ingest.pipeline.regime import last_period_start
from parsers.fields.acceptance import required_missing
from parsers.types import ExtractedContract
from store.models import Organisation
from store.registry import Registry, guess_kind, normalise_name

# The typed reason for each required field that can be missing (the duration keeps FIELD_MISSING).
MISSING_REASONS: dict[str, ReviewReason] = {
    "workplace_name": ReviewReason.MISSING_PARTY,
    "counterpart_name": ReviewReason.MISSING_PARTY,
    "work_location": ReviewReason.MISSING_WORK_LOCATION,
    "nature_of_work": ReviewReason.MISSING_NATURE_OF_WORK,
    "start_date": ReviewReason.MISSING_START_DATE,
    "workers": ReviewReason.MISSING_WORKERS,
}


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
    if wp.org is None and sender.workplace is not None and not wp.name:
        org = sender.workplace
        out.workplace = Party(org.name, org.enterprise_number, OrganisationKind(org.kind), org)
        out.notes.append("workplace taken from the sender's registered domain")
        out.reasons.append(ReviewReason.FIELD_UNSURE)
    _check_fields(contract, settings, out)
    _check_parties(sender, out)
    since = last_period_start(regimes or RegimeSettings(), Regime.MAATWERK)
    _check_timing(contract, regime, received_day, since, settings, out)
    out.reasons = list(dict.fromkeys(out.reasons))
    return out


def _check_fields(contract: ExtractedContract, settings: ReviewSettings, out: Verified) -> None:
    """Required fields present, each sure enough, enterprise numbers with valid check digits."""
    if "not_extracted" in contract.problems:
        out.reasons.append(ReviewReason.NOT_EXTRACTED)
        out.notes.append("the document reads as a contract, but no contract could be extracted")
    missing = required_missing(contract)
    if missing:
        out.reasons.append(ReviewReason.FIELD_MISSING)
        out.reasons.extend(MISSING_REASONS[n] for n in missing if n in MISSING_REASONS)
        out.notes.append("missing: " + ", ".join(missing))
    unsure = [n for n, fv in contract.fields.items() if fv.confidence < settings.min_confidence]
    if unsure:
        out.reasons.append(ReviewReason.FIELD_UNSURE)
        out.notes.append("unsure: " + ", ".join(sorted(unsure)))
    for side in ("workplace_enterprise_number", "counterpart_enterprise_number"):
        number = contract.value(side)
        if number and not valid_number(number):
            out.reasons.append(ReviewReason.BAD_CHECK_DIGITS)
            out.notes.append(f"{side} {number} fails the check digits")


def _check_parties(sender: SenderFacts, out: Verified) -> None:
    """A registered workplace, sent by that workplace (authenticated), not contracting itself."""
    if out.workplace.org is None:
        out.reasons.append(ReviewReason.UNKNOWN_WORKPLACE)
    elif out.workplace.kind not in WORKPLACE_KINDS:
        out.reasons.append(ReviewReason.UNKNOWN_WORKPLACE)
        out.notes.append(f"workplace {out.workplace.name} is a {out.workplace.kind}")
    if not sender.authenticated:
        out.reasons.append(ReviewReason.SENDER_NOT_AUTHENTICATED)
    if sender.workplace is None:
        out.reasons.append(ReviewReason.SENDER_NOT_WORKPLACE)
    elif out.workplace.org is not None and out.workplace.org.id != sender.workplace.id:
        out.reasons.append(ReviewReason.SENDER_DOMAIN_MISMATCH)
        out.notes.append(f"sent from the domain of {sender.workplace.name}")
    if _same_entity(out.workplace, out.counterpart):
        out.reasons.append(ReviewReason.SAME_ENTITY)


def _check_timing(
    contract: ExtractedContract,
    regime: Regime,
    received_day: dt.date,
    notice_since: dt.date,
    settings: ReviewSettings,
    out: Verified,
) -> None:
    """Notified in time (maatwerk since `notice_since`); the old regime needs staff anyway."""
    start = contract.value("start_date")
    if (
        regime is Regime.MAATWERK
        and isinstance(start, dt.date)
        and received_day >= notice_since
        and (start - received_day).days < settings.min_notice_days
    ):
        out.reasons.append(ReviewReason.LATE_NOTIFICATION)
        out.notes.append(f"received {received_day}, starts {start}")
    if regime is Regime.LEGACY:
        out.reasons.append(ReviewReason.LEGACY_DECISION)


def _same_entity(a: Party, b: Party) -> bool:
    if a.org is not None and b.org is not None:
        return a.org.id == b.org.id
    if a.enterprise_number and a.enterprise_number == b.enterprise_number:
        return True
    return bool(a.name and b.name and normalise_name(a.name) == normalise_name(b.name))
