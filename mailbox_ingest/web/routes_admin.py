"""Admin pages: staff accounts and the organisation registry (add, edit, import CSV)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from mailbox_ingest.accounts import AccountError, save_user
from mailbox_ingest.domain.enums import OrganisationKind, UserRole
from mailbox_ingest.registry_edits import import_registry, save_organisation
from mailbox_ingest.review import ReviewError
from mailbox_ingest.web.auth import Staff, admin, admin_with_csrf
from mailbox_ingest.web.context import ctx
from mailbox_ingest.web.view import page
from store.queries import organisations, users

router = APIRouter(prefix="/admin")
MAX_CSV = 5 * 1024 * 1024


def _back(path: str, notice: str) -> Response:
    return RedirectResponse(f"{path}?" + urlencode({"notice": notice[:290]}), status_code=303)


@router.get("/users")
def user_list(
    request: Request,
    staff: Annotated[Staff, Depends(admin)],
    notice: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """Staff accounts."""
    with ctx(request).db.session() as s:
        rows = users(s)
    return page(request, "users.html", staff, rows=rows, roles=list(UserRole), notice=notice)


@router.post("/users")
def user_save(
    request: Request,
    staff: Annotated[Staff, Depends(admin_with_csrf)],
    name: Annotated[str, Form(max_length=100)],
    role: Annotated[UserRole, Form()],
    password: Annotated[str, Form(max_length=200)] = "",
    active: Annotated[bool, Form()] = False,
) -> Response:
    """Add a user, or change one's role, activity or password."""
    try:
        with ctx(request).db.session() as s:
            save_user(s, name, role, password or None, staff.name, active=active)
    except AccountError as exc:
        return _back("/admin/users", f"Niet bewaard: {exc}")
    return _back("/admin/users", f"Gebruiker {name} bewaard.")


@router.get("/organisations")
def organisation_list(
    request: Request,
    staff: Annotated[Staff, Depends(admin)],
    notice: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """The organisation registry."""
    with ctx(request).db.session() as s:
        rows = organisations(s)
    return page(
        request, "organisations.html", staff, rows=rows, kinds=list(OrganisationKind), notice=notice
    )


@router.post("/organisations")
def organisation_save(
    request: Request,
    staff: Annotated[Staff, Depends(admin_with_csrf)],
    name: Annotated[str, Form(max_length=255)],
    kind: Annotated[OrganisationKind, Form()],
    org_id: Annotated[int | None, Form()] = None,
    enterprise_number: Annotated[str, Form(max_length=20)] = "",
    email_domains: Annotated[str, Form(max_length=2000)] = "",
    postal_address: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Add or edit an organisation (postal address used on letters)."""
    try:
        with ctx(request).db.session() as s:
            save_organisation(
                s,
                staff.name,
                org_id,
                name=name,
                enterprise_number=enterprise_number,
                kind=kind,
                email_domains=email_domains,
                postal_address=postal_address,
            )
    except ReviewError as exc:
        return _back("/admin/organisations", f"Niet bewaard: {exc}")
    return _back("/admin/organisations", f"{name} bewaard.")


@router.post("/organisations/import")
async def organisation_import(
    request: Request, staff: Annotated[Staff, Depends(admin_with_csrf)], file: UploadFile
) -> Response:
    """Import a registry CSV (columns as for `organisations import`, plus postal_address)."""
    data = await file.read(MAX_CSV + 1)
    if len(data) > MAX_CSV:
        return _back("/admin/organisations", "Bestand te groot.")
    try:
        text = data.decode("utf-8-sig")
        with ctx(request).db.session() as s:
            added, updated = import_registry(s, staff.name, text)
    except (UnicodeDecodeError, ReviewError) as exc:
        return _back("/admin/organisations", f"Niet geïmporteerd: {exc}")
    return _back("/admin/organisations", f"{added} toegevoegd, {updated} bijgewerkt.")
