"""Admin edits of the organisation registry (add, edit, import CSV), each audited."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.be import vat

from mailbox_ingest.domain.enums import AuditAction, OrganisationKind
from mailbox_ingest.review import ReviewError
from store.models import AuditEntry, Organisation
from store.registry import RegistryImportError, clean_enterprise_number, import_csv_text


def _checked_number(session: Session, enterprise_number: str, org_id: int | None) -> str | None:
    """The enterprise number in 0XXX.XXX.XXX form (None when left empty); refused when its
    check digits fail or another organisation holds it."""
    if not enterprise_number.strip():
        return None
    number = clean_enterprise_number(enterprise_number)
    if number is None or not vat.is_valid(number.replace(".", "")):
        raise ReviewError(f"{enterprise_number!r} is not a valid enterprise number")
    clash = session.execute(
        select(Organisation).where(Organisation.enterprise_number == number)
    ).scalar_one_or_none()
    if clash is not None and clash.id != org_id:
        raise ReviewError(f"{number} is already registered for {clash.name}")
    return number


def _organisation_to_save(
    session: Session, org_id: int | None, name: str, kind: OrganisationKind
) -> Organisation:
    """A new organisation added to the session (org_id None), or the one to update."""
    if org_id is None:
        org = Organisation(name=name, kind=kind.value, email_domains=[])
        session.add(org)
        return org
    found = session.get(Organisation, org_id)
    if found is None:
        raise ReviewError(f"no organisation {org_id}")
    return found


def save_organisation(
    session: Session,
    actor: str,
    org_id: int | None,
    *,
    name: str,
    enterprise_number: str,
    kind: OrganisationKind,
    email_domains: str,
    postal_address: str,
) -> Organisation:
    """Add an organisation (org_id None) or update one; domains separated by `;` or spaces."""
    name = name.strip()
    if not name:
        raise ReviewError("an organisation needs a name")
    number = _checked_number(session, enterprise_number, org_id)
    org = _organisation_to_save(session, org_id, name, kind)
    org.name, org.enterprise_number, org.kind = name, number, kind.value
    org.email_domains = [
        d.strip().lower().lstrip("@") for d in email_domains.replace(";", " ").split() if d.strip()
    ]
    org.postal_address = (
        "\n".join(line.strip() for line in postal_address.splitlines() if line.strip()) or None
    )
    session.flush()
    session.add(
        AuditEntry(
            actor=actor,
            action=AuditAction.ORGANISATION_SAVED.value,
            details={
                "organisation": str(org.id),
                "name": name,
                "postal_address": org.postal_address or "",
            },
        )
    )
    return org


def import_registry(session: Session, actor: str, text: str) -> tuple[int, int]:
    """Import a registry CSV uploaded by an admin; returns (added, updated)."""
    try:
        added, updated = import_csv_text(session, text)
    except RegistryImportError as exc:
        raise ReviewError(str(exc)) from exc
    session.add(
        AuditEntry(
            actor=actor,
            action=AuditAction.REGISTRY_IMPORTED.value,
            details={"added": str(added), "updated": str(updated)},
        )
    )
    return added, updated
