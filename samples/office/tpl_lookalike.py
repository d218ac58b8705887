"""Documents that look like enclave contracts and are not: invoice, offer, price list,
meeting report, termination letter. They name the same parties, places and activities.
"""

from __future__ import annotations

import datetime as dt
import random

from samples.office import dutch, facts, forms, world
from samples.office.docxkit import Sheet
from samples.office.kit import Made, template
from samples.office.tpl_articles import letterhead


@template("invoice", contract=False)
def invoice(rng: random.Random) -> Made:
    """A monthly invoice for enclave work."""
    deal = facts.enclave(rng)
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    cp = deal.counterpart
    when = dutch.add_months(deal.start, rng.randint(1, 10))
    sheet.para(
        f"{cp.name}\n{cp.seat.street_line}\n{cp.seat.town_line}\nBTW {forms.number(rng, cp.number)}",
        align="right",
    )
    sheet.title(f"Factuur {when.year}/{rng.randint(100, 999)}")
    sheet.para(
        f"Factuurdatum: {forms.date(rng, when, 'slash')}\nVervaldag: 30 dagen na factuurdatum"
    )
    rate = rng.randint(19, 32)
    hours = deal.workers * rng.randint(100, 150)
    sheet.table(
        [
            ["Omschrijving", "Aantal", "Eenheidsprijs", "Totaal"],
            [
                f"Enclave {deal.activity.text} – prestaties {dutch.MONTHS[when.month - 1]} {when.year}",
                f"{hours} u",
                f"€ {rate},00",
                f"€ {hours * rate:,}".replace(",", ".") + ",00",
            ],
            ["Begeleiding", "inbegrepen", "", ""],
        ]
    )
    sheet.para(
        f"Gelieve het totaalbedrag over te schrijven op rekening BE{rng.randint(10, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} met vermelding van het factuurnummer."
    )
    return Made([], deal.workplace.signatory.name, when, sheet, tags=["invoice"], is_contract=False)


@template("offer", contract=False)
def offer(rng: random.Random) -> Made:
    """An offer (offerte) for an enclave that has not been agreed yet."""
    deal = facts.enclave(rng)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    cp = deal.counterpart
    when = deal.start - dt.timedelta(days=rng.randint(30, 90))
    sheet.title(rng.choice(("Offerte enclavewerk", "Prijsofferte – samenwerking in enclave")))
    sheet.para(
        f"Aan: {cp.name}, {forms.seat(rng, cp)}\nDatum: {forms.date(rng, when)}\nGeldig tot: {forms.date(rng, dutch.add_months(when, 2))}",
        align="left",
    )
    sheet.para(
        f"Naar aanleiding van uw vraag stellen wij voor om met een ploeg van {deal.workers} "
        f"medewerkers {deal.activity.with_article()} op te nemen in uw vestiging te "
        f"{deal.location.town}. Een mogelijke start is {forms.date(rng, deal.start)}. "
        "Deze offerte is geen overeenkomst: na uw akkoord stellen wij een enclaveovereenkomst op."
    )
    sheet.table(
        [
            ["Post", "Prijs"],
            ["Uurtarief per medewerker", f"€ {rng.randint(19, 32)},50"],
            ["Opstartkost", f"€ {rng.randint(2, 9)}00,00"],
        ]
    )
    sheet.para("Wij hopen u hiermee een passend voorstel te doen en kijken uit naar uw reactie.")
    return Made([], deal.workplace.signatory.name, when, sheet, tags=["offer"], is_contract=False)


@template("price_list", contract=False)
def price_list(rng: random.Random) -> Made:
    """The yearly price list for enclave work and work in the workplace's own halls."""
    deal = facts.enclave(rng)
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    year = deal.start.year
    sheet.title(f"Tarieven {year}")
    sheet.para(f"Geldig vanaf 1 januari {year}. Alle prijzen exclusief btw.")
    rows = [["Dienst", "Eenheid", "Prijs"]]
    for act in rng.sample(world.ACTIVITIES, k=5):
        rows.append(
            [
                f"Enclave: {act.text}",
                "per uur per medewerker",
                f"€ {rng.randint(19, 34)},{rng.choice(('00', '50'))}",
            ]
        )
    rows.append(["Begeleider in enclave", "per uur", f"€ {rng.randint(35, 48)},00"])
    sheet.table(rows)
    sheet.para(
        "Minimale ploeg: 3 medewerkers. Verplaatsingen buiten een straal van 25 km worden aangerekend."
    )
    return Made(
        [], deal.workplace.signatory.name, deal.start, sheet, tags=["price_list"], is_contract=False
    )


@template("meeting_report", contract=False)
def meeting_report(rng: random.Random) -> Made:
    """Minutes of a follow-up meeting on a running enclave."""
    deal = facts.enclave(rng)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    cp = deal.counterpart
    when = dutch.add_months(deal.start, rng.randint(2, 8))
    sheet.title("Verslag opvolgingsoverleg enclave")
    sheet.para(
        f"Datum: {forms.date(rng, when)}\nPlaats: {forms.place(rng, deal.location, allow_lines=False)}\nAanwezig: {cp.signatory.name} ({cp.name}), {deal.workplace.signatory.name}, {world.person(rng, ('begeleider',)).name} (begeleider)",
        align="left",
    )
    sheet.heading("1. Stand van zaken", 2)
    sheet.para(
        f"De enclave van {deal.workplace.name} werkt sinds {forms.date(rng, deal.start)} met "
        f"{dutch.count_words(deal.workers)} medewerkers aan {deal.activity.with_article()}. "
        "De productiviteit ligt in lijn met de verwachtingen."
    )
    sheet.heading("2. Afspraken", 2)
    sheet.para(
        "Vanaf volgende maand wordt een extra werkpost ingericht. De klant bekijkt of de ploeg "
        "met twee personen kan worden uitgebreid; een aanpassing van de overeenkomst volgt dan."
    )
    sheet.heading("3. Volgend overleg", 2)
    sheet.para(
        f"Het volgende overleg vindt plaats op {forms.date(rng, dutch.add_months(when, 3))}."
    )
    return Made(
        [], deal.workplace.signatory.name, when, sheet, tags=["meeting_report"], is_contract=False
    )


@template("termination_letter", contract=False)
def termination_letter(rng: random.Random) -> Made:
    """A letter ending an enclave contract."""
    deal = facts.enclave(rng)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    cp = deal.counterpart
    when = dutch.add_months(deal.start, rng.randint(6, 24))
    stop = dutch.add_months(when.replace(day=1), rng.randint(1, 3))
    sheet.para(f"Aangetekend\n{cp.name}\n{cp.seat.street_line}\n{cp.seat.town_line}", align="left")
    sheet.para(f"{deal.workplace.seat.town}, {forms.date(rng, when, 'long')}", align="right")
    sheet.para("**Betreft:** opzegging enclaveovereenkomst", align="left")
    sheet.para("Geachte,", align="left")
    sheet.para(
        f"Hierbij zeggen wij de enclaveovereenkomst van {forms.date(rng, deal.signed or deal.start)} "
        f"voor {deal.activity.with_article()} in uw vestiging {forms.place(rng, deal.location, False)} op. "
        f"Rekening houdend met de opzegtermijn eindigt de samenwerking op {forms.date(rng, stop)}. "
        f"De {deal.workers} medewerkers worden vanaf dan in ons eigen atelier ingezet."
    )
    sheet.para(
        f"Met vriendelijke groeten,\n\n{deal.workplace.signatory.name}\n{deal.workplace.signatory.function}",
        align="left",
    )
    return Made(
        [], deal.workplace.signatory.name, when, sheet, tags=["termination"], is_contract=False
    )
