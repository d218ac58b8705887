"""Form-style contracts: labelled fields grouped in sections, in many wordings and orders.

Mirrors the forms workplaces fill in: the department's own notification form or a workplace's
house template, with labels on one line with their value, in a ruled table, or above the value.
"""

from __future__ import annotations

import random

from mailbox_ingest.domain.enums import OrganisationKind
from samples.corpus.docs_model import Block, BlockKind, FieldStyle
from samples.corpus.docs_words import Writer
from samples.corpus.truth import ContractTruth, Tricky

DEPARTMENT = "Departement Werk en Sociale Economie"
DEPARTMENT_ADDRESS = "Koning Albert II-laan 35 bus 20, 1030 Brussel"
WORKPLACE_KINDS_NAMED = {
    OrganisationKind.MAATWERKBEDRIJF: "maatwerkbedrijf",
    OrganisationKind.BESCHUTTE_WERKPLAATS: "beschutte werkplaats",
    OrganisationKind.SOCIALE_WERKPLAATS: "sociale werkplaats",
}


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def _heading(rng: random.Random, numbered: bool, n: int, text: str) -> Block:
    return Block(BlockKind.HEADING, text=f"{n}. {text}" if numbered else text)


def _party_rows(w: Writer, workplace: bool, colon: str) -> list[tuple[str, str]]:
    t, rng = w.truth, w.rng
    if workplace:
        kind = WORKPLACE_KINDS_NAMED.get(t.workplace_kind, "werkplaats")
        name_label = _pick(
            rng, "Naam werkplaats", "Naam", "Naam van de werkplaats", f"Naam {kind}", "Benaming"
        )
        name, number, address = t.workplace_name, t.workplace_enterprise_number, t.workplace_address
        kind_enum = t.workplace_kind
    else:
        name_label = _pick(
            rng,
            "Naam opdrachtgever",
            "Onderneming",
            "Klant",
            "Naam",
            "Naam van de onderneming",
            "Naam onderneming/organisatie",
        )
        name, number = t.counterpart_name, t.counterpart_enterprise_number
        address, kind_enum = t.counterpart_address, t.counterpart_kind
    number_label = _pick(
        rng, "Ondernemingsnummer", "KBO-nummer", "Ondernemingsnr.", "Ondernemingsnummer (KBO)"
    )
    address_label = _pick(rng, "Adres", "Maatschappelijke zetel", "Zetel", "Adres zetel")
    rows = [(name_label, name), (number_label, w.number(number)), (address_label, address)]
    if rng.random() < 0.3:
        rows.insert(1, rows.pop(2))
    if rng.random() < 0.6:
        rows.append(
            (_pick(rng, "Contactpersoon", "Verantwoordelijke", "Aanspreekpunt"), w.person())
        )
    if rng.random() < 0.4:
        rows.append((_pick(rng, "Telefoon", "Tel."), w.phone()))
    if rng.random() < 0.4:
        rows.append((_pick(rng, "E-mail", "E-mailadres"), w.email(name, kind_enum)))
    return [(label + colon, value) for label, value in rows]


def _duration_rows(w: Writer, colon: str) -> list[tuple[str, str]]:
    t, rng = w.truth, w.rng
    start_label = _pick(
        rng, "Begindatum", "Startdatum", "Ingangsdatum", "Datum van ingang", "Aanvangsdatum"
    )
    start, end = w.date(t.start_date), w.date(t.end_date)
    variant = rng.randrange(4)
    if variant == 0:
        end_label = _pick(rng, "Einddatum", "Datum einde", "Einde overeenkomst")
        end_text = (
            _pick(rng, "onbepaalde duur", "onbepaald", "geen (onbepaalde duur)")
            if t.indefinite_duration
            else end
        )
        rows = [(start_label, start), (end_label, end_text)]
    elif variant == 1:
        duration = "onbepaalde duur" if t.indefinite_duration else "bepaalde duur"
        rows = [(_pick(rng, "Duur", "Looptijd"), duration), (start_label, start)]
        if not t.indefinite_duration:
            rows.append((_pick(rng, "Einddatum", "Tot en met"), end))
    elif variant == 2:
        marks = ("X", " ") if t.indefinite_duration else (" ", "X")
        end_text = (w.blank_text or "........") if t.indefinite_duration else end
        rows = [
            (start_label, start),
            (
                "Duur",
                f"[{marks[0]}] onbepaalde duur    [{marks[1]}] bepaalde duur, "
                f"einddatum: {end_text}",
            ),
        ]
    else:
        if t.indefinite_duration:
            period = f"vanaf {start}, voor onbepaalde duur"
        else:
            period = f"van {start} tot en met {end}"
        rows = [(_pick(rng, "Periode", "Duur van de overeenkomst"), period)]
    if Tricky.TERMINATION_WORDING.value in t.tricky:
        rows.append(("Vervangt overeenkomst van", w.shifted(-800)))
        rows.append(("Stopzetting vorige overeenkomst", w.shifted(-1)))
    if rng.random() < 0.4:
        rows.append(("Opzegtermijn", _pick(rng, "3 maanden", "1 maand", "30 dagen")))
    return [(label + colon, value) for label, value in rows]


def _work_rows(w: Writer, colon: str) -> list[tuple[str, str]]:
    t, rng = w.truth, w.rng
    rows = [
        (
            _pick(
                rng,
                "Adres van de tewerkstelling",
                "Plaats van tewerkstelling",
                "Adres van de enclave",
                "Locatie van de werkzaamheden",
                "Werkadres",
            ),
            w.location(),
        ),
        (
            _pick(
                rng,
                "Aard van de werkzaamheden",
                "Aard van de opdracht",
                "Omschrijving van de werkzaamheden",
                "Activiteit",
            ),
            t.nature_of_work,
        ),
        (
            _pick(
                rng,
                "Aantal doelgroepwerknemers",
                "Aantal werknemers in de enclave",
                "Aantal ingezette doelgroepwerknemers",
                "Aantal personen",
            ),
            w.workers(),
        ),
    ]
    rng.shuffle(rows)
    if rng.random() < 0.5:
        rows.append(
            (_pick(rng, "Aantal begeleiders", "Begeleiding"), _pick(rng, "1", "1 (voltijds)", "2"))
        )
    if rng.random() < 0.4:
        rows.append(
            (
                "Uurrooster",
                _pick(rng, "ma-vr 7u30-16u00", "maandag tot vrijdag, 8u-16u30", "4/5, ma-do"),
            )
        )
    if rng.random() < 0.3:
        rows.append(("Paritair comité", _pick(rng, "327.01", "327.02", "327.03")))
    return [(label + colon, value) for label, value in rows]


def _signature(w: Writer, colon: str) -> list[Block]:
    t, rng = w.truth, w.rng
    date = w.date(t.signed_date)
    variant = rng.randrange(3)
    if variant == 0:
        blocks = [
            Block(
                BlockKind.FIELDS,
                rows=[
                    (
                        _pick(
                            rng, "Datum ondertekening", "Datum van ondertekening", "Ondertekend op"
                        )
                        + colon,
                        date,
                    )
                ],
                style=FieldStyle.INLINE,
            )
        ]
    elif variant == 1:
        blocks = [
            Block(
                BlockKind.PARA,
                text=_pick(
                    rng,
                    f"Opgemaakt te {t.signed_place} op {date}",
                    f"Opgemaakt in tweevoud te {t.signed_place}, op {date}.",
                    f"Voor akkoord, {t.signed_place}, {date}",
                ),
            )
        ]
    else:
        blocks = [
            Block(
                BlockKind.FIELDS,
                rows=[("Plaats" + colon, t.signed_place), ("Datum" + colon, date)],
                style=FieldStyle.INLINE,
            )
        ]
    blocks.append(
        Block(
            BlockKind.SIGNATURES,
            columns=[
                [
                    "Voor de werkplaats",
                    t.workplace_name,
                    "",
                    "",
                    "",
                    w.person() + ", " + w.function(),
                ],
                [
                    _pick(
                        rng,
                        "Voor de onderneming",
                        "Voor de opdrachtgever",
                        "Voor akkoord, de klant",
                    ),
                    t.counterpart_name,
                    "",
                    "",
                    "",
                    w.person() + ", " + w.function(),
                ],
            ],
        )
    )
    return blocks


def build_form(truth: ContractTruth, rng: random.Random) -> list[Block]:
    """The blocks of one contract written as a form."""
    w = Writer.for_truth(truth, rng)
    style = rng.choice(list(FieldStyle))
    colon = "" if style is FieldStyle.TABLE and rng.random() < 0.5 else ":"
    numbered = rng.random() < 0.5
    department = rng.random() < 0.5
    blocks: list[Block] = []
    if department:
        version = f"Formulier EW-{rng.randint(1, 4):02d} - versie {rng.randint(2013, 2019)}"
        blocks.append(
            Block(BlockKind.LETTERHEAD, text=f"{DEPARTMENT}\n{DEPARTMENT_ADDRESS}\n{version}")
        )
    else:
        blocks.append(
            Block(
                BlockKind.LETTERHEAD,
                text=f"{truth.workplace_name}\n{truth.workplace_address}\nTel. {w.phone()}",
            )
        )
    legacy = truth.signed_date or truth.start_date or truth.end_date
    old = legacy is not None and legacy.year < 2019
    blocks.append(
        Block(
            BlockKind.TITLE,
            text=_pick(
                rng,
                "Ondernemingscontract enclavewerking",
                "MELDING ENCLAVEOVEREENKOMST",
                "Overeenkomst enclavewerking",
                "Aanvraag tot goedkeuring van een enclavecontract"
                if old
                else "Melding van een enclave",
            ),
        )
    )
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (
            _pick(rng, "Gegevens van de werkplaats", "De werkplaats", "Gegevens werkplaats"),
            _party_rows(w, True, colon),
        ),
        (
            _pick(
                rng,
                "Gegevens van de onderneming",
                "Gegevens van de opdrachtgever",
                "De onderneming (opdrachtgever)",
                "Gegevens van de klant",
            ),
            _party_rows(w, False, colon),
        ),
        (
            _pick(rng, "Gegevens van de enclave", "De opdracht", "Omschrijving van de enclave"),
            _work_rows(w, colon),
        ),
        (_pick(rng, "Duur", "Looptijd van de overeenkomst", "Periode"), _duration_rows(w, colon)),
    ]
    if rng.random() < 0.25:
        sections[0], sections[1] = sections[1], sections[0]
    for n, (title, rows) in enumerate(sections, start=1):
        blocks.append(_heading(rng, numbered, n, title))
        row_style = style if rng.random() < 0.85 else rng.choice(list(FieldStyle))
        if row_style in (FieldStyle.TABLE, FieldStyle.STACKED) and rng.random() < 0.3:
            rows = [
                (
                    label,
                    value.replace(", ", "\n", 1)
                    if value == truth.work_location
                    or value in (truth.workplace_address, truth.counterpart_address)
                    else value,
                )
                for label, value in rows
            ]
        blocks.append(Block(BlockKind.FIELDS, rows=rows, style=row_style))
    blocks.append(_heading(rng, numbered, len(sections) + 1, "Ondertekening"))
    blocks.extend(_signature(w, colon))
    if department:
        blocks.append(
            Block(
                BlockKind.SMALL,
                text="In te vullen door de administratie - "
                "datum ontvangst: ............  dossiernummer: ............",
            )
        )
    return blocks
