"""The registry (CSV import, matching) and per-contract verification (review reasons)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mailbox_ingest.config import RegimePeriod, RegimeSettings, ReviewSettings
from mailbox_ingest.domain.enums import OrganisationKind, Regime, ReviewReason
from mailbox_ingest.pipeline.verify import SenderFacts, verify_contract
from parsers.types import ExtractedContract, FieldValue
from store.db import Database
from store.registry import (
    Registry,
    RegistryImportError,
    guess_kind,
    import_csv,
    normalise_name,
)
from tests.pipeline_helpers import write_registry


def test_import_adds_then_updates(database: Database, tmp_path: Path) -> None:
    """Importing twice updates rows in place; domains are split on ';' and lower-cased."""
    path = tmp_path / "r.csv"
    path.write_text(
        "enterprise_number,name,kind,email_domains\n"
        "0456.789.034,De Ploeg vzw,maatwerkbedrijf,DePloeg.be; ploeg.org\n"
        "BE 0123 456 749,Bakkerij Peeters NV,regular_company,\n"
    )
    with database.session() as s:
        assert import_csv(s, path) == (2, 0)
    with database.session() as s:
        assert import_csv(s, path) == (0, 2)
        reg = Registry(s)
        hit = reg.by_number("0123.456.749")
        assert hit is not None and hit.org.name == "Bakkerij Peeters NV"
        [org] = reg.by_domain("jan@mail.ploeg.org")
        assert org.email_domains == ["deploeg.be", "ploeg.org"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,kind\nX,unknown\n", "missing column"),
        (
            "enterprise_number,name,kind,email_domains\n0456.789.034,X,bakery,\n",
            "line 2: column kind",
        ),
        (
            "enterprise_number,name,kind,email_domains\n12-34,X,unknown,\n",
            "line 2: column enterprise_number",
        ),
        (
            "enterprise_number,name,kind,email_domains\n0456.789.034,,unknown,\n",
            "line 2: column name",
        ),
    ],
)
def test_import_errors_name_line_and_column(
    database: Database, tmp_path: Path, content: str, message: str
) -> None:
    """A bad CSV row is refused with its line and column."""
    path = tmp_path / "r.csv"
    path.write_text(content)
    with database.session() as s, pytest.raises(RegistryImportError, match=message):
        import_csv(s, path)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Bakkerij Peeters NV", OrganisationKind.REGULAR_COMPANY),
        ("Van Hool N.V.", OrganisationKind.REGULAR_COMPANY),
        ("Jansen BVBA", OrganisationKind.REGULAR_COMPANY),
        ("Agentschap Wegen en Verkeer", OrganisationKind.FLEMISH_GOVERNMENT),
        ("OCMW Gent", OrganisationKind.OTHER_PUBLIC),
        ("Maatwerkbedrijf De Ploeg vzw", OrganisationKind.MAATWERKBEDRIJF),
        ("Beschutte Werkplaats Kempen", OrganisationKind.BESCHUTTE_WERKPLAATS),
        ("Sociale Werkplaats 't Atelier", OrganisationKind.SOCIALE_WERKPLAATS),
        ("De Kringwinkel vzw", OrganisationKind.NONPROFIT),
        ("Jan Janssens", OrganisationKind.UNKNOWN),
    ],
)
def test_guess_kind_from_name(name: str, kind: OrganisationKind) -> None:
    """An organisation not in the registry gets its kind from its name and legal form."""
    assert guess_kind(name) is kind


def test_normalised_names_ignore_case_accents_and_legal_form() -> None:
    """Names compare without case, accents, punctuation and legal form."""
    assert normalise_name("Bakkerij Peeters N.V.") == normalise_name("bakkerij  PEETERS nv")
    assert normalise_name("Dé Ploeg vzw") == "de ploeg"


def contract(**values: object) -> ExtractedContract:
    """An extraction result with confident fields."""
    base: dict[str, object] = {
        "workplace_name": "De Ploeg vzw",
        "workplace_enterprise_number": "0456.789.034",
        "counterpart_name": "Bakkerij Peeters NV",
        "counterpart_enterprise_number": "0123.456.749",
        "nature_of_work": "verpakken",
        "work_location": "Industrieweg 12, 9000 Gent",
        "workers": 6,
        "start_date": dt.date(2023, 3, 1),
        "indefinite_duration": True,
        "signed_date": dt.date(2023, 2, 15),
    }
    base.update(values)
    return ExtractedContract(
        {k: FieldValue(v, 0.97) for k, v in base.items() if v is not None}, "form"
    )


def check(
    database: Database,
    tmp_path: Path,
    c: ExtractedContract,
    *,
    sender: str = "jan@deploeg.be",
    authenticated: bool = True,
    regime: Regime = Regime.MAATWERK,
    received: dt.date = dt.date(2023, 2, 1),
    regimes: RegimeSettings | None = None,
) -> list[ReviewReason]:
    """Verify a contract against the default test registry."""
    with database.session() as s:
        import_csv(s, write_registry(tmp_path / "r.csv"))
        reg = Registry(s)
        facts = SenderFacts(sender, authenticated, tuple(reg.by_domain(sender)))
        return verify_contract(
            c,
            registry=reg,
            sender=facts,
            regime=regime,
            received_day=received,
            regimes=regimes,
            settings=ReviewSettings(),
        ).reasons


def test_clean_contract_goes_straight_through(database: Database, tmp_path: Path) -> None:
    """A complete, consistent maatwerk contract from its own workplace has no reason."""
    assert check(database, tmp_path, contract()) == []


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"c": {"start_date": None}}, ReviewReason.FIELD_MISSING),
        ({"c": {"start_date": None}}, ReviewReason.MISSING_START_DATE),
        ({"c": {"signed_date": None}}, ReviewReason.FIELD_MISSING),
        ({"c": {"work_location": None}}, ReviewReason.MISSING_WORK_LOCATION),
        ({"c": {"nature_of_work": None}}, ReviewReason.MISSING_NATURE_OF_WORK),
        ({"c": {"counterpart_name": None}}, ReviewReason.MISSING_PARTY),
        ({"c": {"workers": None}}, ReviewReason.MISSING_WORKERS),
        ({"c": {"counterpart_enterprise_number": "0123.456.748"}}, ReviewReason.BAD_CHECK_DIGITS),
        (
            {
                "c": {
                    "counterpart_name": "De Ploeg vzw",
                    "counterpart_enterprise_number": "0456.789.034",
                }
            },
            ReviewReason.SAME_ENTITY,
        ),
        ({"sender": "info@onbekend.test"}, ReviewReason.SENDER_NOT_WORKPLACE),
        ({"authenticated": False}, ReviewReason.SENDER_NOT_AUTHENTICATED),
        ({"received": dt.date(2023, 3, 1)}, ReviewReason.LATE_NOTIFICATION),
        ({"regime": Regime.LEGACY}, ReviewReason.LEGACY_DECISION),
        (
            {"c": {"workplace_name": "Stad Gent", "workplace_enterprise_number": "0207.451.227"}},
            ReviewReason.UNKNOWN_WORKPLACE,
        ),
    ],
)
def test_each_check_sends_to_review(
    database: Database, tmp_path: Path, kwargs: dict[str, object], reason: ReviewReason
) -> None:
    """Every check in DESIGN adds its typed reason."""
    kwargs = dict(kwargs)
    values = kwargs.pop("c", {})
    assert isinstance(values, dict)
    reasons = check(database, tmp_path, contract(**values), **kwargs)  # type: ignore[arg-type]
    assert reason in reasons


def test_notice_one_day_ahead_is_in_time(database: Database, tmp_path: Path) -> None:
    """Received the day before the start is in time under maatwerk."""
    assert check(database, tmp_path, contract(), received=dt.date(2023, 2, 28)) == []


def test_late_notification_only_applies_under_maatwerk_since_2019(
    database: Database, tmp_path: Path
) -> None:
    """The one-day rule is not applied to the 2015 maatwerk period."""
    reasons = check(
        database, tmp_path, contract(start_date=dt.date(2015, 6, 1)), received=dt.date(2015, 6, 3)
    )
    assert ReviewReason.LATE_NOTIFICATION not in reasons


def test_late_notification_starts_with_the_configured_maatwerk_period(
    database: Database, tmp_path: Path
) -> None:
    """With a table whose maatwerk starts in 2024, a late 2023 contract is not late."""
    table = RegimeSettings(
        periods=(
            RegimePeriod(start=dt.date(1900, 1, 1), regime=Regime.LEGACY),
            RegimePeriod(start=dt.date(2024, 1, 1), regime=Regime.MAATWERK),
        )
    )
    late = {"received": dt.date(2023, 3, 1)}
    assert ReviewReason.LATE_NOTIFICATION in check(database, tmp_path, contract(), **late)
    assert ReviewReason.LATE_NOTIFICATION not in check(
        database, tmp_path, contract(), regimes=table, **late
    )
