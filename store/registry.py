"""The organisation registry: CSV import and matching by enterprise number, name or domain.

Fuzzy name matching uses rapidfuzz on names stripped of legal forms and accents.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbox_ingest.domain.enterprise_numbers import format_number, written
from mailbox_ingest.domain.enums import OrganisationKind
from mailbox_ingest.domain.errors import MailboxIngestError
from store.models import Organisation

_LEGAL_FORMS = re.compile(
    r"\b(nv|bv|bvba|cv|cvba|cvoa|sa|srl|vzw|asbl|ivzw|comm\s*v|commv|vof|esv|ev|so|"
    r"naamloze vennootschap|besloten vennootschap|vereniging zonder winstoogmerk)\b\.?",
    re.I,
)
_PRIVATE_FORM = re.compile(r"\b(nv|bv|bvba|cv|cvba|comm\s*v|commv|vof|sa|srl)\b\.?\s*$", re.I)
_NONPROFIT = re.compile(r"\b(vzw|ivzw|asbl)\b", re.I)
_GOVERNMENT = re.compile(
    r"\b(agentschap|departement|vlaamse overheid|vlaamse gemeenschap|"
    r"vlaams agentschap|vdab|de lijn|aquafin)\b",
    re.I,
)
_PUBLIC = re.compile(
    r"\b(ocmw|stad|gemeente|provincie|politiezone|intercommunale|"
    r"welzijnsvereniging|fod|rva|riziv)\b",
    re.I,
)


# Public mail providers: anyone can have an address there, so such a domain in the registry
# never makes a sender "the workplace" by itself. Exact domains, and brands under any TLD.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "telenet.be", "skynet.be", "proximus.be", "scarlet.be",
        "belgacom.net", "pandora.be", "outlook.com", "outlook.be", "hotmail.com", "hotmail.be",
        "live.com", "live.be", "msn.com", "icloud.com", "me.com", "mac.com", "ymail.com",
        "aol.com", "gmx.com", "gmx.net", "web.de", "mail.com", "protonmail.com", "proton.me",
        "pm.me", "tutanota.com", "zoho.com", "yandex.com", "mail.ru", "orange.fr", "free.fr",
        "ziggo.nl", "kpnmail.nl", "planet.nl", "hetnet.nl", "home.nl", "online.be", "voo.be",
        "edpnet.be", "base.be", "advalvas.be", "fastmail.com", "hey.com", "laposte.net",
    }
)  # fmt: skip
_PUBLIC_BRANDS = re.compile(
    r"^(yahoo|hotmail|outlook|live|gmx|aol|proximus|telenet|skynet|icloud|protonmail)\.[a-z.]+$"
)


def is_public_mail_domain(domain: str) -> bool:
    """True for a public mail provider's domain (or a subdomain of one)."""
    domain = domain.strip().lower().rstrip(".")
    parts = domain.split(".")
    suffixes = {".".join(parts[i:]) for i in range(len(parts) - 1)}
    return bool(suffixes & PUBLIC_MAIL_DOMAINS) or any(
        _PUBLIC_BRANDS.match(sfx) for sfx in suffixes
    )


def public_domains_listed(session: Session) -> list[tuple[str, str]]:
    """(domain, organisation name) for every public-provider domain in the registry."""
    return [
        (d, o.name)
        for o in session.execute(select(Organisation).order_by(Organisation.name)).scalars()
        for d in o.email_domains
        if is_public_mail_domain(d)
    ]


class RegistryImportError(MailboxIngestError, ValueError):
    """A registry CSV row is invalid; the message names the line and column."""


def normalise_name(name: str) -> str:
    """Lower-case, accents and legal forms removed, punctuation to spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\b([a-z])\.\s?([a-z])\.?(?=\s|$)", r"\1\2", text)
    text = _LEGAL_FORMS.sub(" ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


format_enterprise_number = format_number  # the name the registry's callers know


def clean_enterprise_number(value: str) -> str | None:
    """Digits of a written number in 0XXX.XXX.XXX form, or None when not 9-10 digits."""
    return written(value)


def import_csv(session: Session, path: Path | str) -> tuple[int, int]:
    """Load `enterprise_number,name,kind,email_domains` rows; returns (added, updated)."""
    return import_csv_text(session, Path(path).read_text(encoding="utf-8-sig"))


REQUIRED_COLUMNS = ("enterprise_number", "name", "kind", "email_domains")


@dataclass(frozen=True, slots=True)
class _RegistryRow:
    """One checked CSV row of the registry."""

    name: str
    kind: OrganisationKind
    number: str | None
    domains: list[str]
    address: str | None


def _check_header(reader: csv.DictReader[str]) -> None:
    """Refuse a header that lacks one of the required columns, naming them."""
    missing = set(REQUIRED_COLUMNS) - set(reader.fieldnames or [])
    if missing:
        raise RegistryImportError(
            f"missing column(s): {', '.join(sorted(missing))}; the header must be "
            "enterprise_number,name,kind,email_domains"
        )


def _row_kind(row: dict[str, str], lineno: int) -> OrganisationKind:
    """The organisation kind of a row (`unknown` when empty); an unknown value is an error."""
    try:
        return OrganisationKind((row["kind"] or "unknown").strip())
    except ValueError as exc:
        raise RegistryImportError(
            f"line {lineno}: column kind: {row['kind']!r} is not one of "
            f"{', '.join(k.value for k in OrganisationKind)}"
        ) from exc


def _row_number(row: dict[str, str], lineno: int) -> str | None:
    """The enterprise number of a row in 0XXX.XXX.XXX form, None when empty; an error when
    it is not a number."""
    raw_number = (row["enterprise_number"] or "").strip()
    number = clean_enterprise_number(raw_number) if raw_number else None
    if raw_number and number is None:
        raise RegistryImportError(
            f"line {lineno}: column enterprise_number: {raw_number!r} is not a number"
        )
    return number


def _row_address(row: dict[str, str]) -> str | None:
    """The postal address as lines (`;` or newlines in the cell), None when empty."""
    lines = (row.get("postal_address") or "").replace(";", "\n").splitlines()
    return "\n".join(part.strip() for part in lines if part.strip()) or None


def _parse_row(row: dict[str, str], lineno: int) -> _RegistryRow:
    """Check one CSV row; the error names the line and the column."""
    name = (row["name"] or "").strip()
    if not name:
        raise RegistryImportError(f"line {lineno}: column name is empty")
    kind = _row_kind(row, lineno)
    number = _row_number(row, lineno)
    domains = [
        d.strip().lower().lstrip("@") for d in (row["email_domains"] or "").split(";") if d.strip()
    ]
    return _RegistryRow(name, kind, number, domains, _row_address(row))


def _existing(session: Session, number: str | None, name: str) -> Organisation | None:
    """The organisation a row updates: same enterprise number, else same name without one."""
    org = None
    if number:
        org = session.execute(
            select(Organisation).where(Organisation.enterprise_number == number)
        ).scalar_one_or_none()
    if org is None:
        org = session.execute(
            select(Organisation).where(
                Organisation.enterprise_number.is_(None), Organisation.name == name
            )
        ).scalar_one_or_none()
    return org


def import_csv_text(session: Session, text: str) -> tuple[int, int]:
    """Load registry rows from CSV text; an optional `postal_address` column (lines
    separated by `;` or newlines) is stored for letters. Returns (added, updated)."""
    text = text.removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    _check_header(reader)
    has_address = "postal_address" in (reader.fieldnames or [])
    added = updated = 0
    for lineno, raw in enumerate(reader, start=2):
        row = _parse_row(raw, lineno)
        org = _existing(session, row.number, row.name)
        if org is None:
            session.add(
                Organisation(
                    enterprise_number=row.number,
                    name=row.name,
                    kind=row.kind.value,
                    email_domains=row.domains,
                    postal_address=row.address,
                )
            )
            added += 1
        else:
            org.name, org.kind, org.email_domains = row.name, row.kind.value, row.domains
            if has_address:
                org.postal_address = row.address
            updated += 1
        session.flush()
    return added, updated


@dataclass(frozen=True, slots=True)
class OrgMatch:
    """A registry hit and how it was found."""

    org: Organisation
    how: str  # "enterprise_number" | "name" | "domain"
    score: float  # 0..1


class Registry:
    """An in-memory view of the registry for one message's matching."""

    def __init__(self, session: Session) -> None:
        self.orgs = list(session.execute(select(Organisation)).scalars())
        self._by_number = {o.enterprise_number: o for o in self.orgs if o.enterprise_number}
        self._names = {o.id: normalise_name(o.name) for o in self.orgs}

    def by_number(self, number: str | None) -> OrgMatch | None:
        """Exact hit on the enterprise number."""
        if number and number in self._by_number:
            return OrgMatch(self._by_number[number], "enterprise_number", 1.0)
        return None

    def by_name(self, name: str | None, min_score: float = 88.0) -> OrgMatch | None:
        """Best fuzzy name hit at or above min_score (0..100)."""
        if not name or not self.orgs:
            return None
        hit = process.extractOne(
            normalise_name(name), self._names, scorer=fuzz.token_sort_ratio, score_cutoff=min_score
        )
        if hit is None:
            return None
        org = next(o for o in self.orgs if o.id == hit[2])
        return OrgMatch(org, "name", hit[1] / 100.0)

    def by_domain(self, address: str | None) -> list[Organisation]:
        """Organisations listing the sender's domain (or a parent domain of it).

        A public mail provider's domain matches nobody: a gmail.com address proves nothing.
        """
        if not address or "@" not in address:
            return []
        domain = address.rsplit("@", 1)[1].lower()
        if is_public_mail_domain(domain):
            return []
        return [
            o
            for o in self.orgs
            if any(domain == d or domain.endswith("." + d) for d in o.email_domains)
        ]

    def match(self, name: str | None, number: str | None) -> OrgMatch | None:
        """By enterprise number first, then by fuzzy name."""
        return self.by_number(number) or self.by_name(name)


def guess_kind(name: str | None) -> OrganisationKind:
    """Kind of an organisation not in the registry, from its name."""
    if not name:
        return OrganisationKind.UNKNOWN
    name = re.sub(r"\b([A-Za-z])\.\s?([A-Za-z])\.?(?=\s|$|,)", r"\1\2", name)
    if re.search(r"maatwerkbedrijf", name, re.I):
        return OrganisationKind.MAATWERKBEDRIJF
    if re.search(r"beschutte\s+werkplaats", name, re.I):
        return OrganisationKind.BESCHUTTE_WERKPLAATS
    if re.search(r"sociale\s+werkplaats", name, re.I):
        return OrganisationKind.SOCIALE_WERKPLAATS
    if _GOVERNMENT.search(name):
        return OrganisationKind.FLEMISH_GOVERNMENT
    if _PUBLIC.search(name):
        return OrganisationKind.OTHER_PUBLIC
    if _NONPROFIT.search(name):
        return OrganisationKind.NONPROFIT
    if _PRIVATE_FORM.search(name) or re.search(r"\b(nv|bv|bvba|cv|sa|srl)\b", name, re.I):
        return OrganisationKind.REGULAR_COMPANY
    return OrganisationKind.UNKNOWN
