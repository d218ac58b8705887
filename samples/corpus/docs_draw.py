"""Drawing random contract truths, and bending them into the tricky cases.

`random_truth` draws one realistic enclave contract; `apply_tricky` changes a truth so its
document will miss a field, misprint a number, name one entity on both sides, and so on.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from mailbox_ingest.domain.enums import OrganisationKind
from samples.corpus import docs_pool as pool
from samples.corpus.docs_pdf import available_fonts
from samples.corpus.truth import (
    ContractTruth,
    DateStyle,
    Layout,
    Tricky,
    break_number,
)

DOCX_FONTS = ("Calibri", "Arial", "Times New Roman", "Verdana", "Cambria")
FIRST_DAY = dt.date(2013, 1, 7)
LAST_DAY = dt.date(2025, 10, 31)

COUNTERPART_KINDS = (
    (OrganisationKind.REGULAR_COMPANY, 58),
    (OrganisationKind.MAATWERKBEDRIJF, 6),
    (OrganisationKind.BESCHUTTE_WERKPLAATS, 3),
    (OrganisationKind.SOCIALE_WERKPLAATS, 3),
    (OrganisationKind.FLEMISH_GOVERNMENT, 10),
    (OrganisationKind.OTHER_PUBLIC, 12),
    (OrganisationKind.NONPROFIT, 8),
)
WORKPLACE_OLD_KINDS = (OrganisationKind.BESCHUTTE_WERKPLAATS, OrganisationKind.SOCIALE_WERKPLAATS)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (clamped to the month's end)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def _workplace_kind(rng: random.Random, year: int) -> OrganisationKind:
    if year >= 2019 or (year >= 2016 and rng.random() < 0.3):
        return OrganisationKind.MAATWERKBEDRIJF
    return rng.choice(WORKPLACE_OLD_KINDS)


def counterpart(rng: random.Random, kind: OrganisationKind, year: int, avoid: str) -> str:
    """A counterpart name of the given kind (never `avoid`)."""
    while True:
        if kind is OrganisationKind.REGULAR_COMPANY:
            name = pool.company_name(rng, year)
        elif kind is OrganisationKind.FLEMISH_GOVERNMENT:
            name = rng.choice(pool.FLEMISH_GOVERNMENT)[0]
        elif kind is OrganisationKind.OTHER_PUBLIC:
            name = pool.public_name(rng)
        elif kind is OrganisationKind.NONPROFIT:
            name = pool.nonprofit_name(rng)
        else:
            name = pool.workplace_name(rng.choice(pool.WORKPLACE_CORES), kind, year)
        if name != avoid:
            return name


def _dates(rng: random.Random) -> tuple[dt.date, dt.date, dt.date | None]:
    span = (LAST_DAY - FIRST_DAY).days
    signed = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
    if rng.random() < 0.1:
        start = signed - dt.timedelta(days=rng.randint(1, 20))
    elif rng.random() < 0.5:
        start = add_months(signed.replace(day=1), 1)
    else:
        start = signed + dt.timedelta(days=rng.randint(0, 60))
    if rng.random() < 0.45:
        return signed, start, None
    if rng.random() < 0.2:
        return signed, start, dt.date(start.year, 12, 31)
    months = rng.choice([3, 6, 6, 12, 12, 12, 24, 36])
    return signed, start, add_months(start, months) - dt.timedelta(days=1)


def random_truth(rng: random.Random, layout: Layout | None = None) -> ContractTruth:
    """One realistic enclave contract (no tricky tags)."""
    signed, start, end = _dates(rng)
    wp_kind = _workplace_kind(rng, signed.year)
    wp_name = pool.workplace_name(rng.choice(pool.WORKPLACE_CORES), wp_kind, signed.year)
    kinds, weights = zip(*COUNTERPART_KINDS, strict=True)
    cp_kind = rng.choices(kinds, weights=weights)[0]
    if cp_kind in WORKPLACE_OLD_KINDS and signed.year >= 2019:
        cp_kind = OrganisationKind.MAATWERKBEDRIJF
    cp_name = counterpart(rng, cp_kind, signed.year, wp_name)
    cp_city = pool.city_in(cp_name)
    wp_address, cp_address = pool.address(rng), pool.address(rng, cp_city)
    location = cp_address if rng.random() < 0.6 else pool.address(rng, cp_city)
    chosen = layout or rng.choice(
        [Layout.FORM_PDF, Layout.PROSE_PDF, Layout.FORM_DOCX, Layout.PROSE_DOCX]
    )
    docx = chosen in (Layout.FORM_DOCX, Layout.PROSE_DOCX)
    base = {
        Layout.SCAN_PDF: rng.choice([Layout.FORM_PDF, Layout.PROSE_PDF]),
        Layout.SCAN_IMAGE: Layout.FORM_PDF,
    }.get(chosen)
    workers = rng.choices(range(1, 26), weights=[6, 9, 10, 10, 9, 9, 7, 6] + [2] * 17)[0]
    return ContractTruth(
        workplace_name=wp_name,
        workplace_enterprise_number=pool.org_number(wp_name),
        counterpart_name=cp_name,
        counterpart_enterprise_number=pool.org_number(cp_name),
        work_location=location,
        nature_of_work=rng.choice(pool.NATURES_OF_WORK),
        workers=workers,
        start_date=start,
        end_date=end,
        indefinite_duration=end is None,
        signed_date=signed,
        workplace_kind=wp_kind,
        counterpart_kind=cp_kind,
        layout=chosen,
        font=rng.choice(DOCX_FONTS if docx else available_fonts()),
        date_style=rng.choices(list(DateStyle), weights=[40, 15, 12, 25, 8])[0],
        seed=rng.getrandbits(32),
        signed_place=wp_address.rsplit(" ", 1)[-1],
        workplace_address=wp_address,
        counterpart_address=cp_address,
        base_layout=base,
    )


def apply_tricky(truth: ContractTruth, tag: Tricky, rng: random.Random) -> ContractTruth:
    """A copy of the truth bent into one tricky case (MULTI_CONTRACT is made by the caller)."""
    out = replace(truth, tricky=[*truth.tricky, tag.value])
    if tag is Tricky.MISSING_START_DATE:
        out.start_date = None
    elif tag is Tricky.MISSING_SIGNED_DATE:
        out.signed_date = None
    elif tag is Tricky.MISSING_COUNTERPART_NUMBER:
        out.counterpart_enterprise_number = None
    elif tag is Tricky.MISSING_WORK_LOCATION:
        out.work_location = None
    elif tag is Tricky.BAD_CHECK_DIGITS:
        shift = rng.randint(1, 96)
        if rng.random() < 0.5 and out.counterpart_enterprise_number:
            out.counterpart_enterprise_number = break_number(
                out.counterpart_enterprise_number, shift
            )
        elif out.workplace_enterprise_number:
            out.workplace_enterprise_number = break_number(out.workplace_enterprise_number, shift)
    elif tag is Tricky.SAME_ENTITY:
        out.counterpart_name = out.workplace_name
        out.counterpart_enterprise_number = out.workplace_enterprise_number
        out.counterpart_kind = out.workplace_kind
        out.counterpart_address = out.workplace_address
    return out


def sibling(truth: ContractTruth, rng: random.Random) -> ContractTruth:
    """A second contract of the same workplace, sent in the same document."""
    other = random_truth(rng, truth.layout)
    return replace(
        other,
        workplace_name=truth.workplace_name,
        workplace_enterprise_number=truth.workplace_enterprise_number,
        workplace_kind=truth.workplace_kind,
        workplace_address=truth.workplace_address,
        signed_place=truth.signed_place,
        font=truth.font,
        date_style=truth.date_style,
        tricky=list(truth.tricky),
    )
