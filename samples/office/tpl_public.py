"""Framework agreements with an annex, public-body agreements, and landscape overviews.

These put the facts where a reader does not expect them: in "Bijlage 1" after the general
terms, after "Gelet op ..." and "Overwegende dat ..." recitals full of other dates, or in a
landscape table with one enclave per row.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from mailbox_ingest.domain.enums import OrganisationKind
from samples.office import dutch, facts, forms, world
from samples.office.docxkit import Sheet
from samples.office.facts import Enclave
from samples.office.kit import (
    Made,
    cap,
    counterpart_role,
    notice,
    price,
    supervision,
    template,
    workplace_role,
)
from samples.office.tpl_articles import letterhead, signatures

Kind = OrganisationKind


def end_text(rng: random.Random, deal: Enclave, style: str) -> str:
    """The end of a term in a table cell."""
    if deal.end is None:
        return rng.choice(("onbepaalde duur", "onbepaald", "OBD", "geen (onbepaalde duur)"))
    if deal.months is not None and rng.random() < 0.4:
        return f"{deal.months} maanden"
    return forms.date(rng, deal.end, style)


@template("framework_annex")
def framework_annex(rng: random.Random) -> Made:
    """A raamovereenkomst with general terms; the enclave's facts are in "Bijlage 1"."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    wp_role, cp_role = workplace_role(rng, deal.workplace), counterpart_role(rng, deal.counterpart)
    sheet.title(
        rng.choice(
            ("Raamovereenkomst enclavewerk", "Raamovereenkomst inzake enclaves", "RAAMOVEREENKOMST")
        )
    )
    sheet.para("De ondergetekenden,")
    sheet.para(forms.identification(rng, deal.workplace, wp_role))
    sheet.para("en")
    sheet.para(forms.identification(rng, deal.counterpart, cp_role))
    sheet.para("komen het volgende overeen.")
    general = [
        (
            "Voorwerp",
            f"Deze raamovereenkomst regelt de voorwaarden waaronder {wp_role} met een groep "
            f"doelgroepwerknemers werkzaamheden uitvoert bij {cp_role}. De concrete opdracht (plaats, "
            "aard van de werkzaamheden, aantal werknemers en duur) wordt beschreven in Bijlage 1, die "
            "integraal deel uitmaakt van deze overeenkomst.",
        ),
        ("Begeleiding", supervision(rng, wp_role)),
        ("Prijs en betaling", price(rng)),
        (
            "Aansprakelijkheid",
            f"{cap(wp_role)} is verzekerd voor burgerlijke aansprakelijkheid. "
            f"Schade aan installaties van {cp_role} die het gevolg is van normaal gebruik valt niet "
            "onder deze aansprakelijkheid.",
        ),
        (
            "Duur en beëindiging",
            "De raamovereenkomst geldt zolang er een opdracht loopt volgens "
            "Bijlage 1. " + notice(rng),
        ),
        (
            "Bevoegde rechtbank",
            "Geschillen behoren tot de bevoegdheid van de rechtbanken van het "
            f"gerechtelijk arrondissement waar {wp_role} gevestigd is.",
        ),
    ]
    for n, (head, body) in enumerate(general, start=1):
        sheet.article(n, head, "artikel")
        sheet.para(body)
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, wp_role, cp_role)
    sheet.page_break()
    sheet.heading(
        rng.choice(
            (
                "Bijlage 1 – Beschrijving van de opdracht",
                "Bijlage 1: de enclave",
                "BIJLAGE 1 – OPDRACHTBESCHRIJVING",
            )
        ),
        1,
    )
    where, deal = forms.location(rng, deal)
    duration = forms.duration(rng, deal, style)
    rows = [
        ["Onderdeel", "Afspraak"],
        ["Plaats van tewerkstelling", where],
        ["Aard van de werkzaamheden", deal.activity.text],
        ["Aantal doelgroepwerknemers", dutch.count_text(rng, deal.workers)],
        ["Begeleiding", "1 begeleider van " + wp_role],
        ["Duur", cap(duration)],
        ["Werkrooster", rng.choice(("ma–vr 7u30–15u30", "dagploeg 8u00–16u00", "4/5, ma–do"))],
    ]
    sheet.table(rows, header=True)
    return Made(
        [deal],
        deal.workplace.signatory.name,
        deal.signed or deal.start,
        sheet,
        tags=["framework", "annex"],
    )


_DECREES = (
    "Gelet op het decreet van 12 juli 2013 betreffende de maatwerkbedrijven;",
    "Gelet op het besluit van de Vlaamse Regering van 17 februari 2017 tot uitvoering van het "
    "decreet van 12 juli 2013 betreffende de maatwerkbedrijven;",
    "Gelet op het decreet van 7 december 2018 betreffende de Vlaamse overheidsopdrachten voor "
    "sociale economie;",
    "Gelet op de wet van 17 juni 2016 inzake overheidsopdrachten, inzonderheid artikel 15 "
    "(voorbehouden opdrachten);",
)


@template("government_agency")
def government_agency(rng: random.Random) -> Made:
    """A Flemish agency's agreement with recitals, the agency named as an IVA."""
    deal = facts.enclave(rng, Kind.FLEMISH_GOVERNMENT, legacy=False)
    style = rng.choice(("long", "long", "slash", "words"))
    sheet = Sheet(rng, font=rng.choice(("Calibri", "Arial", "FlandersArtSans")))
    ag, wp = deal.counterpart, deal.workplace
    sheet.letterhead(
        ["Vlaamse overheid", ag.name, forms.seat(rng, ag)],
        right=f"Dossiernr. {rng.randint(2019, 2025)}/ENC/{rng.randint(10, 999):03d}",
    )
    sheet.footer(ag.name)
    sheet.title(
        rng.choice(("Samenwerkingsovereenkomst enclave", "Overeenkomst inzake enclavewerk"))
    )
    sheet.para("TUSSEN", bold=True, align="center")
    sheet.para(
        f"De Vlaamse overheid, {ag.name}, intern verzelfstandigd agentschap zonder "
        f"rechtspersoonlijkheid, met zetel te {forms.seat(rng, ag)}, ondernemingsnummer "
        f"{forms.number(rng, ag.number)}, vertegenwoordigd door {ag.signatory.title} {ag.signatory.name}, "
        f"{ag.signatory.function}, hierna “het Agentschap”,"
    )
    sheet.para("EN", bold=True, align="center")
    sheet.para(forms.identification(rng, wp, "het maatwerkbedrijf"))
    sheet.para("")
    for line in rng.sample(_DECREES, k=rng.randint(2, 4)):
        sheet.para(line)
    sheet.para(
        f"Gelet op de beslissing van de {ag.signatory.function} van "
        f"{forms.date(rng, deal.signed - dutch_days(rng), style) if deal.signed else 'heden'} tot gunning van deze opdracht;"
    )
    sheet.para(
        "Overwegende dat het Agentschap de tewerkstelling van personen met een grote afstand tot "
        "de arbeidsmarkt wil bevorderen;"
    )
    sheet.para(
        "Overwegende dat het maatwerkbedrijf beschikt over de nodige begeleiding en ervaring om de "
        "opdracht uit te voeren in enclave;"
    )
    sheet.para("WORDT OVEREENGEKOMEN WAT VOLGT:", bold=True)
    where, deal = forms.location(rng, deal)
    sheet.article(1, "Voorwerp", "artikel")
    sheet.para(
        f"Het Agentschap doet een beroep op het maatwerkbedrijf voor {deal.activity.with_article()}. "
        f"Het maatwerkbedrijf zet hiervoor {forms.workers(rng, deal.workers)} in, onder begeleiding van "
        "een eigen begeleider."
    )
    sheet.article(2, "Plaats", "artikel")
    sheet.para(
        f"De werkzaamheden worden uitgevoerd op de site van het Agentschap te\n{where.removeprefix('te ')}"
    )
    sheet.article(3, "Duur", "artikel")
    sheet.para(f"De overeenkomst loopt {forms.duration(rng, deal, style)}.")
    sheet.article(4, "Vergoeding", "artikel")
    sheet.para(price(rng) + " Facturen worden via het e-facturatieplatform ingediend.")
    sheet.article(5, "Slotbepalingen", "artikel")
    sheet.para(notice(rng))
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, "het maatwerkbedrijf", "het Agentschap")
    return Made(
        [deal], ag.signatory.name, deal.signed or deal.start, sheet, tags=["government", "recitals"]
    )


def dutch_days(rng: random.Random) -> dt.timedelta:
    """A few weeks: how long before signing a body decided."""
    return dt.timedelta(days=rng.randint(7, 40))


@template("municipal_agreement")
def municipal_agreement(rng: random.Random) -> Made:
    """A gemeente, stad or OCMW as client, acting through its college or vast bureau."""
    deal = facts.enclave(rng, Kind.OTHER_PUBLIC)
    style = rng.choice(("long", "slash", "dot"))
    sheet = Sheet(rng)
    body, wp = deal.counterpart, deal.workplace
    sheet.letterhead([body.name, forms.seat(rng, body)])
    sheet.footer("", "Blad {page}")
    sheet.title(rng.choice(("Overeenkomst enclavewerk", "Samenwerkingsovereenkomst enclave")))
    council = (
        "het vast bureau" if body.form == "ocmw" else "het college van burgemeester en schepenen"
    )
    chair = "voorzitter van het vast bureau" if body.form == "ocmw" else "burgemeester"
    body = replace(body, signatory=replace(body.signatory, function=chair))
    deal = replace(deal, counterpart=body)
    sheet.para(
        f"{body.name}, {forms.seat(rng, body)}, {forms.number_label(rng)} {forms.number(rng, body.number)}, "
        f"vertegenwoordigd door {council}, voor wie optreden {body.signatory.name}, "
        f"{chair}, en {world.person(rng, ('algemeen directeur',)).name}, "
        f"algemeen directeur, in uitvoering van de beslissing van {council} van "
        f"{forms.date(rng, (deal.signed or deal.start) - dutch_days(rng), style)},"
    )
    sheet.para(f"hierna “{counterpart_role(rng, body)}”,", align="left")
    sheet.para("en", align="left")
    role = workplace_role(rng, wp)
    sheet.para(forms.identification(rng, wp, role))
    sheet.para("Gelet op het decreet over het lokaal bestuur van 22 december 2017;")
    article = "het OCMW" if body.form == "ocmw" else f"de {body.form}"
    sheet.para(f"Overwegende dat {article} sociale tewerkstelling wil ondersteunen;")
    sheet.para("komen overeen wat volgt:")
    where, deal = forms.location(rng, deal)
    site = rng.choice(
        (
            "het gemeentelijk magazijn",
            "de stedelijke serres",
            "de technische dienst",
            "het recyclagepark",
        )
    )
    sheet.para(
        f"**Artikel 1.** {cap(role)} voert met {forms.workers(rng, deal.workers)} "
        f"{deal.activity.with_article()} uit in {site}, {where}."
    )
    sheet.para(f"**Artikel 2.** Deze overeenkomst geldt {forms.duration(rng, deal, style)}.")
    sheet.para(f"**Artikel 3.** {supervision(rng, role)}")
    sheet.para(f"**Artikel 4.** {price(rng)}")
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, role, body.name)
    return Made(
        [deal],
        body.signatory.name,
        deal.signed or deal.start,
        sheet,
        tags=["government", "recitals"],
    )


@template("landscape_overview")
def landscape_overview(rng: random.Random) -> Made:
    """A cover text and a landscape table with one enclave per row (several contracts)."""
    first = facts.enclave(rng, legacy=False)
    deals = [first]
    while len(deals) < rng.randint(2, 5):
        extra = facts.enclave(rng, base=first)
        if all(extra.counterpart.short != d.counterpart.short for d in deals):
            deals.append(extra)
    signed = min(d.signed for d in deals if d.signed)
    deals = [replace(d, signed=signed, place=first.place) for d in deals]
    style = rng.choice(("slash", "dot", "dot_short", "dash"))
    sheet = Sheet(rng, size=10)
    letterhead(rng, sheet, first)
    wp = first.workplace
    sheet.title(
        rng.choice(
            ("Overzicht enclaveovereenkomsten", "Enclaves – overzicht nieuwe overeenkomsten")
        )
    )
    sheet.para(
        f"{wp.name} ({forms.number_label(rng)} {forms.number(rng, wp.number)}) heeft de "
        "onderstaande enclaveovereenkomsten gesloten. Per opdrachtgever zijn de plaats van "
        "tewerkstelling, de werkzaamheden, het aantal doelgroepwerknemers en de looptijd opgenomen. "
        "De ondertekende overeenkomsten liggen ter inzage op onze zetel."
    )
    sheet.landscape()
    packed = rng.random() < 0.5
    head = [
        "Nr.",
        "Opdrachtgever",
        "Adres tewerkstelling",
        "Werkzaamheden",
        "Aantal",
        "Begin",
        "Einde",
    ]
    if not packed:
        head[2:2] = ["KBO-nummer"]
    rows = [head]
    done: list[Enclave] = []
    for n, deal in enumerate(deals, start=1):
        where, deal = forms.location(rng, deal)
        done.append(deal)
        cp = deal.counterpart
        name = f"{cp.name} (KBO {forms.number(rng, cp.number)})" if packed else cp.name
        row = [
            str(n),
            name,
            where,
            deal.activity.text,
            str(deal.workers),
            forms.date(rng, deal.start, style),
            end_text(rng, deal, style),
        ]
        if not packed:
            row[2:2] = [forms.number(rng, cp.number)]
        rows.append(row)
    widths = (
        [1.0, 5.0, 5.0, 6.0, 1.8, 2.4, 2.6] if packed else [1.0, 4.4, 3.2, 4.6, 5.0, 1.6, 2.4, 2.6]
    )
    sheet.table(rows, header=True, widths=widths)
    sheet.para("")
    sheet.para(
        f"Opgemaakt te {first.place} op {forms.date(rng, signed, style)}.\n\n{wp.signatory.name}\n{wp.signatory.function}",
        align="left",
    )
    return Made(
        done, wp.signatory.name, signed, sheet, tags=["landscape", "multi_contract", "table"]
    )
