"""Several contracts in one document, and parties in a table, as offices write them.

A yearly register of a workplace's new enclaves in a long landscape table that runs over a page
(the term in one "Periode" cell), and a one-page contract whose parties stand side by side in a
table with a column per party.
"""

from __future__ import annotations

import random
from dataclasses import replace

from samples.office import dutch, facts, forms
from samples.office.docxkit import Sheet
from samples.office.facts import Enclave
from samples.office.kit import Made, cap, counterpart_role, is_legacy, template, title
from samples.office.tpl_articles import letterhead, signatures
from samples.office.tpl_public import end_text


def _period(rng: random.Random, deal: Enclave, style: str) -> str:
    """A term in one cell: "01/03/2024 – 28/02/2025", "vanaf 1/3/2024 (onbepaald)"."""
    start = forms.date(rng, deal.start, style)
    if deal.end is None:
        return rng.choice((f"{start} – onbepaalde duur", f"vanaf {start} (onbepaald)"))
    return rng.choice(
        (
            f"{start} – {forms.date(rng, deal.end, style)}",
            f"{start} t/m {forms.date(rng, deal.end, style)}",
        )
    )


@template("register_landscape_periods")
def register_landscape_periods(rng: random.Random) -> Made:
    """A register of four to seven new enclaves, a row each, the term in one cell."""
    first = facts.enclave(rng, legacy=False)
    deals = [first]
    while len(deals) < rng.randint(4, 7):
        extra = facts.enclave(rng, base=first)
        if all(extra.counterpart.short != d.counterpart.short for d in deals):
            deals.append(extra)
    signed = min(d.signed for d in deals if d.signed)
    deals = [replace(d, signed=signed, place=first.place) for d in deals]
    style = rng.choice(("slash", "dot", "dash"))
    sheet = Sheet(rng, size=10, justify=False)
    letterhead(rng, sheet, first)
    wp = first.workplace
    sheet.title(rng.choice(("Register nieuwe enclaves", "Lijst van afgesloten enclavecontracten")))
    sheet.para(
        f"Hierbij bezorgt {wp.name} ({forms.number_label(rng)} {forms.number(rng, wp.number)}) de "
        "lijst van de enclavecontracten die het afsloot. Elke regel is een afzonderlijke "
        "overeenkomst; de getekende exemplaren zijn op eenvoudig verzoek beschikbaar."
    )
    sheet.landscape()
    head = ["Klant", "KBO klant", "Werkplek", "Opdracht", "Team", "Periode"]
    rows = [head]
    done: list[Enclave] = []
    for deal in deals:
        where, deal = forms.location(rng, deal, allow_lines=False)
        done.append(deal)
        rows.append(
            [
                deal.counterpart.name,
                forms.number(rng, deal.counterpart.number),
                where,
                cap(deal.activity.text),
                forms.workers(rng, deal.workers),
                _period(rng, deal, style),
            ]
        )
    sheet.table(rows, header=True, widths=[4.6, 3.0, 5.6, 6.0, 3.6, 4.4])
    sheet.para("")
    sheet.para(
        f"Opgemaakt te {first.place} op {forms.date(rng, signed, style)}.\n\n"
        f"{wp.signatory.name}\n{wp.signatory.function}",
        align="left",
    )
    return Made(
        done, wp.signatory.name, signed, sheet, tags=["landscape", "multi_contract", "table"]
    )


@template("party_columns_table")
def party_columns_table(rng: random.Random) -> Made:
    """The two parties side by side in a table (a column each), the facts as labelled lines."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    wp_head = "Werkplaats" if is_legacy(deal) else rng.choice(("Maatwerkbedrijf", "Uitvoerder"))
    cp_head = rng.choice(("Opdrachtgever", "Klant", "Onderneming"))
    sheet.title(title(rng, is_legacy(deal)))
    sheet.para("Tussen de hieronder vermelde partijen wordt het volgende overeengekomen.")
    rows = [
        [rng.choice(("Partijen", "Gegevens", "")), wp_head, cp_head],
        ["Naam", wp.name, cp.name],
        [
            forms.number_label(rng).rstrip(":"),
            forms.number(rng, wp.number),
            forms.number(rng, cp.number),
        ],
        ["Zetel", forms.seat(rng, wp), forms.seat(rng, cp)],
        ["Vertegenwoordigd door", wp.signatory.name, cp.signatory.name],
    ]
    sheet.table(rows, header=True, widths=[4.0, 6.0, 6.0])
    where, deal = forms.location(rng, deal)
    sheet.heading("Afspraken", 2)
    sheet.para(f"Plaats van tewerkstelling: {where}", align="left")
    sheet.para(f"Aard van de werkzaamheden: {deal.activity.text}", align="left")
    sheet.para(f"Aantal doelgroepwerknemers: {dutch.count_text(rng, deal.workers)}", align="left")
    sheet.para(f"Begindatum: {forms.date(rng, deal.start, style)}", align="left")
    sheet.para(f"Einddatum: {end_text(rng, deal, style)}", align="left")
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, wp_head.lower(), counterpart_role(rng, cp))
    return Made(
        [deal], wp.signatory.name, deal.signed or deal.start, sheet, tags=["table", "party_table"]
    )
