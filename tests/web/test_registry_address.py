"""The registry's optional postal_address column, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from mailbox_ingest.domain.enums import OrganisationKind
from mailbox_ingest.registry_edits import save_organisation
from mailbox_ingest.review import ReviewError
from store.db import Database
from store.models import Organisation
from store.registry import import_csv_text

HEADER = "enterprise_number,name,kind,email_domains"


def test_postal_address_is_imported_and_kept(database: Database) -> None:
    """The column is read (';' separates lines); a file without it leaves addresses alone."""
    with database.session() as s:
        import_csv_text(
            s,
            f"{HEADER},postal_address\n0456.789.034,De Ploeg vzw,maatwerkbedrijf,"
            "deploeg.be,Nijverheidsstraat 5; 9000 Gent\n",
        )
    with database.session() as s:
        assert import_csv_text(
            s, f"{HEADER}\n0456.789.034,De Ploeg vzw,maatwerkbedrijf,deploeg.be\n"
        ) == (0, 1)
    with database.session() as s:
        org = s.query(Organisation).one()
        assert org.postal_address == "Nijverheidsstraat 5\n9000 Gent"


def test_admin_edit_checks_the_number(database: Database) -> None:
    """An organisation saved by an admin needs a valid, unused enterprise number."""
    with database.session() as s:
        save_organisation(
            s,
            "adam",
            None,
            name="De Ploeg vzw",
            enterprise_number="0456789034",
            kind=OrganisationKind.MAATWERKBEDRIJF,
            email_domains="deploeg.be",
            postal_address="Nijverheidsstraat 5\n9000 Gent",
        )
    with database.session() as s, pytest.raises(ReviewError, match="valid"):
        save_organisation(
            s,
            "adam",
            None,
            name="X",
            enterprise_number="0456.789.035",
            kind=OrganisationKind.REGULAR_COMPANY,
            email_domains="",
            postal_address="",
        )
    with database.session() as s, pytest.raises(ReviewError, match="already registered"):
        save_organisation(
            s,
            "adam",
            None,
            name="Y",
            enterprise_number="0456.789.034",
            kind=OrganisationKind.REGULAR_COMPANY,
            email_domains="",
            postal_address="",
        )
