"""Fresh office habits: long party sentences, "hierna: de Klant", a work place told only in a
sentence or an article "Plaats van uitvoering", tasks as bullets or in an annex, an extension
addendum, tacit renewal, a purchase order, an AGB or municipality as client, a covering letter
from an accountant, a filled-in model, a workstation table, e-mails that quote the agreement,
and three look-alikes (an offer with a task list, a credit note, an indexation letter).

Client names here are the kind the other modules lack: English-influenced ("Flanders Fresh
Logistics NV"), with "&", dashes, apostrophes ('t Gasthuys) and accents.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from mailbox_ingest.domain.enums import OrganisationKind
from samples.office import dutch, facts, forms, world
from samples.office.docxkit import Sheet
from samples.office.facts import Address, Enclave, Org
from samples.office.kit import (
    Made,
    cap,
    counterpart_role,
    domain,
    is_legacy,
    notice,
    price,
    supervision,
    template,
    title,
    workplace_role,
)
from samples.office.mailkit import MAILBOX, mail
from samples.office.tpl_articles import letterhead
from samples.office.tpl_letters import mail_signature, sender

Kind = OrganisationKind

CLIENT_NAMES: tuple[tuple[str, str], ...] = (
    ("Flanders Fresh Logistics", "NV"),
    ("Vandersteen & Zonen", "BV"),
    ("'t Gasthuys", "BV"),
    ("Brasserie 't Pleintje", "BV"),
    ("Van Hoecke-De Wilde", "CommV"),
    ("Maison Désirée", "BV"),
    ("D'Hondt Decor", "BV"),
    ("Ateliers Bélier", "NV"),
    ("Packaging Solutions Europe", "NV"),
    ("Vanden Bossche & Co", "CommV"),
    ("Hoeve 't Molenhof", "BV"),
    ("Crèmerie Ooievaar", "BV"),
    ("North Sea Seafood Processing", "NV"),
    ("Print & Mail Services", "BV"),
    ("Verhelst-Maes Interieur", "BV"),
    ("Leie Food Solutions", "NV"),
    ("Kempen Cables & Wires", "NV"),
    ("Brouwerij 't Hoekske", "CommV"),
)

# Bullet lists of tasks: the truth joins them with "; " as the list writes them.
TASK_LISTS: tuple[tuple[str, ...], ...] = (
    (
        "ontvangen en controleren van binnenkomende goederen",
        "ompakken in displays",
        "etiketteren volgens de specificaties van de klant",
        "palletiseren en klaarzetten voor verzending",
    ),
    (
        "maaien van gazons en bermen",
        "snoeien van hagen en heesters",
        "onkruidbeheer op verharde oppervlakken",
    ),
    (
        "sorteren van inkomende post",
        "scannen van facturen",
        "archiveren van dossiers",
    ),
    (
        "afruimen van de tafels in het personeelsrestaurant",
        "bediening van de vaatwasmachine",
        "schoonmaken van de keuken na de service",
    ),
    (
        "voorbereiden van kits met bevestigingsmateriaal",
        "wegen en verzegelen van zakjes",
        "visuele eindcontrole",
    ),
)

ACCOUNTANTS: tuple[str, ...] = (
    "Sociaal Secretariaat Acerta-Zuid",
    "Boekhoudkantoor Dewaele & Partners",
    "Advocatenkantoor Lys Legal",
    "Juridische dienst Vlaamse Federatie Maatwerk",
)


def client(rng: random.Random) -> Org:
    """A private client whose name carries "&", a dash, an apostrophe, an accent or English."""
    core, form = rng.choice(CLIENT_NAMES)
    seat = facts.address(rng)
    who = world.person(rng, ("zaakvoerder", "operations manager", "site manager", "CEO"))
    return Org(
        f"{core} {form}",
        facts.enterprise_number(rng),
        Kind.REGULAR_COMPANY,
        seat,
        who,
        core,
        form,
    )


def with_client(rng: random.Random, deal: Enclave) -> Enclave:
    """The same contract with one of this module's clients as counterpart."""
    return replace(deal, counterpart=client(rng))


def agb(rng: random.Random, place: tuple[str, str]) -> Org:
    """An autonomous municipal company (AGB) of a real municipality."""
    town = place[1]
    name = rng.choice(
        (
            f"AGB Sport en Vrije Tijd {town}",
            f"Autonoom Gemeentebedrijf Stadsontwikkeling {town}",
            f"AGB Zwembad {town}",
        )
    )
    who = world.person(rng, ("voorzitter van de raad van bestuur", "directeur"))
    return Org(
        name,
        facts.enterprise_number(rng),
        Kind.OTHER_PUBLIC,
        facts.address(rng, place),
        who,
        "het AGB",
        "agb",
    )


def street_box(rng: random.Random, where: Address) -> str:
    """Street and number with the box as "bus 2", "b 2", "b2" or "/2"."""
    if not where.box:
        return f"{where.street} {where.number}"
    if not where.box.isdigit():
        return f"{where.street} {where.number}" + rng.choice((f" bus {where.box}", f"/{where.box}"))
    box = rng.choice((f" bus {where.box}", f" b {where.box}", f" b{where.box}", f"/{where.box}"))
    return f"{where.street} {where.number}{box}"


def two_lines(rng: random.Random, where: Address) -> str:
    """An address over two lines: street, then postcode and town."""
    return f"{street_box(rng, where)}\n{where.town_line}"


def no_postcode(rng: random.Random, deal: Enclave) -> tuple[str, Enclave]:
    """The work location without its postcode, and the truth as the document states it."""
    where = deal.location
    text = f"{street_box(rng, where)} te {where.town}"
    return text, deal.located(f"{where.street_line}, {where.town}")


def short_year(day: dt.date) -> str:
    """`1 januari '25`."""
    return f"{day.day} {dutch.MONTHS[day.month - 1]} '{day.year % 100:02d}"


def slash(day: dt.date) -> str:
    """`03/03/2025` (dd/mm/jjjj)."""
    return dutch.date_text(day, "slash")


def weekday_date(day: dt.date) -> str:
    """`maandag 3 maart 2025`."""
    return dutch.date_text(day, "weekday")


def team(rng: random.Random, n: int) -> str:
    """A team in words: "drie (3) werknemers", "een ploeg van vijf medewerkers", "max. 4 personen"."""
    return rng.choice(
        (
            f"{dutch.count_words(n)} werknemers",
            f"een ploeg van {dutch.number_word(n)} medewerkers",
            f"max. {n} personen",
            f"{dutch.number_word(n)} ({n}) doelgroepmedewerkers",
        )
    )


def term(rng: random.Random, deal: Enclave, style: str = "slash") -> str:
    """The term after "Deze overeenkomst ...": months, "tot en met", or open-ended.

    `style` is how the dates are written: "slash" (03/03/2025), "long" (3 maart 2025) or
    "words" (de derde maart tweeduizend vijfentwintig).
    """

    def say(day: dt.date) -> str:
        return dutch.date_text(day, style)

    start = say(deal.start)
    if deal.end is None:
        return rng.choice(
            (
                f"gaat in op {start} en wordt gesloten voor onbepaalde duur",
                f"neemt een aanvang op {start} en geldt voor onbepaalde tijd",
            )
        )
    if deal.months is not None:
        return f"wordt gesloten voor een periode van {deal.months} maanden, met ingang van {start}"
    return f"loopt van {start} tot en met {say(deal.end)}"


def sign_side_by_side(
    rng: random.Random, sheet: Sheet, deal: Enclave, left: str, right: str
) -> None:
    """Two signature blocks side by side, with the Belgian "gelezen en goedgekeurd"."""
    wp, cp = deal.workplace.signatory, deal.counterpart.signatory
    note = rng.choice(
        (
            "(gelezen en goedgekeurd)",
            "(handtekening voorafgegaan door “gelezen en goedgekeurd”)",
            "",
        )
    )
    sheet.table(
        [
            [
                f"Namens {left}\n{note}\n\n\n{wp.name}\n{wp.function}",
                f"Namens {right}\n{note}\n\n\n{cp.name}\n{cp.function}",
            ]
        ],
        header=False,
        borders=False,
    )


def legal_kind(org: Org) -> str:
    """ "een vennootschap naar Belgisch recht, " for a company, "een vzw, " for an association."""
    if org.form.lower() == "vzw":
        return "een vereniging zonder winstoogmerk, "
    if org.kind is Kind.REGULAR_COMPANY or org.form.lower() in ("cv", "cvba-so"):
        return "een vennootschap naar Belgisch recht, "
    return ""


def long_party(rng: random.Random, org: Org, role: str) -> str:
    """One long sentence: name, form, seat, KBO, representative and the role it is given."""
    who = org.signatory
    num = forms.number(rng, org.number)
    seat = f"{street_box(rng, org.seat)}, {org.seat.town_line}"
    return rng.choice(
        (
            f"{org.name}, {legal_kind(org)}met maatschappelijke zetel te {seat}, "
            f"ingeschreven in de Kruispuntbank van Ondernemingen onder nummer {num}, hier "
            f"rechtsgeldig vertegenwoordigd door {who.title} {who.name} in de hoedanigheid van "
            f"{who.function}, hierna genoemd “{role}”",
            f"{org.name}, met zetel te {seat} en ondernemingsnummer {num}, voor wie optreedt "
            f"{who.title} {who.name}, {who.function}, die verklaart daartoe bevoegd te zijn, "
            f"hierna: “{role}”",
        )
    )


def footer_line(rng: random.Random, sheet: Sheet, text: str) -> None:
    """A footer with a text and one of the page-number habits."""
    sheet.footer(text, rng.choice(("Pagina {page} van {pages}", "{page}/{pages}", "- {page} -")))


@template("fresh_long_sentence_parties")
def long_sentence_parties(rng: random.Random) -> Made:
    """Each party in one long sentence; the work place only in "Plaats van uitvoering"."""
    deal = facts.enclave(rng)
    if rng.random() < 0.4:
        deal = with_client(rng, deal)
    wp, cp = deal.workplace, deal.counterpart
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    sheet.title(title(rng, is_legacy(deal)))
    wp_role = rng.choice(("de Dienstverlener", "het Maatwerkbedrijf", "de Opdrachtnemer"))
    cp_role = rng.choice(("de Klant", "de Opdrachtgever"))
    sheet.para(f"De ondergetekenden, enerzijds {long_party(rng, wp, wp_role)},")
    sheet.para(f"en anderzijds {long_party(rng, cp, cp_role)},")
    sheet.para("verklaren het volgende overeen te komen.")
    head = rng.choice(("artikel", "art", "colon"))
    sheet.article(1, "Voorwerp", head)
    sheet.para(
        f"{cap(cp_role)} doet een beroep op {wp_role} voor {deal.activity.with_article()}. "
        f"{cap(wp_role)} zet hiervoor {team(rng, deal.workers)} in, onder begeleiding van een "
        "eigen ploegleider."
    )
    sheet.article(2, "Plaats van uitvoering", head)
    if rng.random() < 0.3:
        text, deal = no_postcode(rng, deal)
        sheet.para(f"De opdracht wordt uitgevoerd op de site van {cp_role}, {text}.")
    else:
        sheet.para(f"De opdracht wordt uitgevoerd op de volgende site van {cp_role}:")
        sheet.para(two_lines(rng, deal.location), align="left")
    sheet.article(3, "Duur", head)
    sheet.para(f"Deze overeenkomst {term(rng, deal)}.")
    sheet.article(4, "Gezag en begeleiding", head)
    sheet.para(supervision(rng, wp_role))
    sheet.article(5, "Prijs en betaling", head)
    sheet.para(price(rng))
    sheet.article(6, "Einde van de overeenkomst", head)
    sheet.para(notice(rng))
    sheet.para(
        f"Opgemaakt te {deal.place} op {slash(deal.signed)}, in twee originelen, waarvan "
        "iedere partij verklaart er één te hebben ontvangen."
    )
    sign_side_by_side(rng, sheet, deal, wp_role, cp_role)
    return Made(
        [deal], wp.signatory.name, deal.signed, sheet, tags=["long_party_sentence", "hierna"]
    )


@template("fresh_location_in_sentence")
def location_in_sentence(rng: random.Random) -> Made:
    """The work place and the work told in sentences; the start as "vanaf maandag 3 maart"."""
    deal = with_client(rng, facts.enclave(rng, legacy=False))
    wp, cp = deal.workplace, deal.counterpart
    sheet = Sheet(rng, justify=rng.random() < 0.5)
    letterhead(rng, sheet, deal)
    sheet.title(rng.choice(("Samenwerkingsovereenkomst", "Overeenkomst enclavewerking")))
    sheet.para(
        f"Tussen {wp.name} ({forms.number_label(rng)} {forms.number(rng, wp.number)}), hierna: "
        f"“het maatwerkbedrijf”, en {cp.name} ({forms.number_label(rng)} "
        f"{forms.number(rng, cp.number)}), hierna: “de klant”, wordt het volgende afgesproken."
    )
    where = deal.location
    sheet.para(
        f"Het maatwerkbedrijf stelt een enclave ter beschikking voor {deal.activity.with_article()}. "
        f"De werkzaamheden worden uitgevoerd in de vestiging van de klant te {where.town_line}, "
        f"{street_box(rng, where)}."
    )
    sheet.para(
        f"De enclave telt {team(rng, deal.workers)} en start vanaf {weekday_date(deal.start)}. "
        + (
            "Er werd geen einddatum bepaald."
            if deal.end is None
            else f"De overeenkomst eindigt op {weekday_date(deal.end)}."
        )
    )
    sheet.para(supervision(rng, "het maatwerkbedrijf") + " " + price(rng))
    sheet.para(
        "De klant voorziet in een kleedruimte, een refter en de nodige persoonlijke "
        "beschermingsmiddelen. De werkuren volgen het uurrooster van de vestiging."
    )
    sheet.para(f"{deal.place}, {dutch.long_date(deal.signed)}", align="left")
    sign_side_by_side(rng, sheet, deal, "het maatwerkbedrijf", "de klant")
    return Made([deal], wp.signatory.name, deal.signed, sheet, tags=["told", "weekday_date"])


@template("fresh_bullet_tasks")
def bullet_tasks(rng: random.Random) -> Made:
    """A letter-contract whose tasks are a bullet list; the team "max. 4 personen"."""
    deal = facts.enclave(rng)
    tasks = rng.choice(TASK_LISTS)
    wp, cp = deal.workplace, deal.counterpart
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    sheet.title(rng.choice(("Opdrachtbevestiging – enclave", "Overeenkomst enclave")))
    sheet.para(
        f"Partijen: {wp.name}, {forms.seat(rng, wp)}, ondernemingsnummer "
        f"{forms.number(rng, wp.number)} en {cp.name}, {forms.seat(rng, cp)}, ondernemingsnummer "
        f"{forms.number(rng, cp.number)}."
    )
    sheet.para("De enclave voert bij de opdrachtgever de volgende taken uit:")
    for n, task in enumerate(tasks, start=1):
        sheet.para(task + (";" if n < len(tasks) else "."), style="List Bullet")
    deal = replace(deal, activity=world.Activity("het", "; ".join(tasks), ""))
    where, deal = forms.location(rng, deal, allow_lines=False)
    sheet.para(f"Werkadres: {where}")
    sheet.para(f"Bezetting: {team(rng, deal.workers)}, aangevuld met één begeleider.")
    sheet.para(f"Periode: de overeenkomst {term(rng, deal)}.")
    sheet.para(notice(rng))
    sheet.para(f"Aldus overeengekomen te {deal.place} op {dutch.long_date(deal.signed)}.")
    sign_side_by_side(rng, sheet, deal, wp.name, cp.name)
    return Made([deal], wp.signatory.name, deal.signed, sheet, tags=["nature_bullets"])


@template("fresh_annex_tasks")
def annex_tasks(rng: random.Random) -> Made:
    """The articles refer to "bijlage 1" for the work; the annex describes it on its own page."""
    deal = facts.enclave(rng)
    wp, cp = deal.workplace, deal.counterpart
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    wp_role, cp_role = workplace_role(rng, wp), "de Klant"
    sheet.title(title(rng, is_legacy(deal)))
    sheet.para("TUSSEN", bold=True)
    sheet.para(forms.identification(rng, wp, wp_role))
    sheet.para("EN", bold=True)
    sheet.para(long_party(rng, cp, cp_role) + ".")
    sheet.article(1, "Voorwerp", "caps")
    sheet.para(
        f"{cap(wp_role)} voert voor {cp_role} de werkzaamheden uit die beschreven staan in "
        "bijlage 1, die integraal deel uitmaakt van deze overeenkomst."
    )
    sheet.article(2, "Plaats van uitvoering", "caps")
    where, deal = forms.location(rng, deal)
    sheet.para(
        f"{cap(cp_role)} stelt daartoe een werkruimte ter beschikking op het adres:\n{where}"
    )
    sheet.article(3, "Inzet", "caps")
    sheet.para(f"{cap(wp_role)} zet {team(rng, deal.workers)} in.")
    sheet.article(4, "Looptijd", "caps")
    sheet.para(f"Deze overeenkomst {term(rng, deal, rng.choice(('long', 'words')))}.")
    sheet.article(5, "Vergoeding", "caps")
    sheet.para(price(rng))
    sheet.para(
        f"Opgemaakt te {deal.place}, {dutch.long_date(deal.signed)}, in zoveel exemplaren als "
        "er partijen zijn."
    )
    sign_side_by_side(rng, sheet, deal, wp_role, cp_role)
    sheet.page_break()
    sheet.heading("Bijlage 1 – Omschrijving van de werkzaamheden", 2)
    sheet.para(
        f"De enclave staat in voor {deal.activity.with_article()}. Het werk gebeurt volgens de "
        f"werkinstructies van {cp_role}; {wp_role} zorgt voor de opleiding op de werkvloer."
    )
    sheet.para(
        "Kwaliteitsnorm: maximaal 1 % afkeur per lot. Werkuren: van maandag tot vrijdag, "
        "7u30 tot 15u30."
    )
    return Made([deal], wp.signatory.name, deal.signed, sheet, tags=["annex", "hierna"])


@template("fresh_addendum_extension")
def addendum_extension(rng: random.Random) -> Made:
    """An extension ("verlenging") that restates the contract for its new period."""
    base = facts.enclave(rng)
    first_start = base.start - dt.timedelta(days=rng.randint(300, 700))
    first_end = base.start - dt.timedelta(days=1)
    months = rng.choice((6, 12, 12, 24))
    new_end = dutch.end_of_term(base.start, months)
    deal = replace(base, end=new_end, months=months)
    wp, cp = deal.workplace, deal.counterpart
    number = rng.randint(1, 3)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    sheet.title(f"Addendum nr. {number} – verlenging van de enclaveovereenkomst")
    sheet.para(
        f"Partijen bij de enclaveovereenkomst van {dutch.long_date(first_start)}, met name "
        f"{wp.name} ({forms.number(rng, wp.number)}) en {cp.name} ({forms.number(rng, cp.number)}), "
        f"stellen vast dat die overeenkomst eindigt op {dutch.long_date(first_end)} en komen "
        "overeen ze te verlengen als volgt."
    )
    sheet.heading("1. Nieuwe periode", 2)
    sheet.para(
        f"De overeenkomst wordt verlengd voor een periode van {dutch.count_words(months)} maanden, "
        f"van {dutch.long_date(deal.start)} tot en met {dutch.long_date(new_end)}."
    )
    sheet.heading("2. Ongewijzigde voorwaarden", 2)
    where, deal = forms.location(rng, deal, allow_lines=False)
    crew = forms.workers(rng, deal.workers)
    verb = "blijft" if crew.startswith("een ") else "blijven"
    sheet.para(
        f"Ter herinnering: {crew} van {wp.name} {verb} instaan voor "
        f"{deal.activity.with_article()} op de site {where}. Alle andere bepalingen van de "
        "oorspronkelijke overeenkomst blijven onverminderd van kracht."
    )
    sheet.para(f"Opgemaakt in tweevoud te {deal.place} op {dutch.long_date(deal.signed)}.")
    sign_side_by_side(rng, sheet, deal, wp.name, cp.name)
    return Made(
        [deal], wp.signatory.name, deal.signed, sheet, tags=["addendum", "extension", "other_dates"]
    )


@template("fresh_tacit_renewal")
def tacit_renewal(rng: random.Random) -> Made:
    """A one-year term "stilzwijgend verlengd"; all dates dd/mm/jjjj. The end is the first term's."""
    deal = facts.enclave(rng)
    months = rng.choice((12, 12, 6))
    deal = replace(deal, months=months, end=dutch.end_of_term(deal.start, months))
    wp, cp = deal.workplace, deal.counterpart
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    wp_role, cp_role = workplace_role(rng, wp), counterpart_role(rng, cp)
    sheet.title(title(rng, is_legacy(deal)))
    sheet.para("Tussen", bold=True)
    sheet.para(forms.identification(rng, wp, wp_role))
    sheet.para("en", bold=True)
    sheet.para(forms.identification(rng, cp, cp_role))
    sheet.para("wordt overeengekomen:")
    where, deal = forms.location(rng, deal)
    sheet.para(
        f"**§ 1.** {cap(wp_role)} voert met {forms.workers(rng, deal.workers)} "
        f"{deal.activity.with_article()} uit."
    )
    sheet.para(f"**§ 2.** Adres van de werkplaats bij {cp_role}:\n{where}")
    assert deal.end is not None
    sheet.para(
        f"**§ 3.** De overeenkomst geldt van {slash(deal.start)} tot {slash(deal.end)}. Zij wordt "
        f"daarna stilzwijgend verlengd met telkens {months} maanden, tenzij een van de partijen "
        "uiterlijk één maand vóór het verstrijken van de lopende termijn per aangetekende brief "
        "laat weten dat zij de overeenkomst niet wenst te verlengen."
    )
    sheet.para(f"**§ 4.** {supervision(rng, wp_role)}")
    sheet.para(f"**§ 5.** {price(rng)}")
    sheet.para(f"Opgemaakt te {deal.place} op {slash(deal.signed)}.")
    sign_side_by_side(rng, sheet, deal, wp_role, cp_role)
    return Made([deal], wp.signatory.name, deal.signed, sheet, tags=["tacit_renewal", "date_slash"])


@template("fresh_purchase_order")
def purchase_order(rng: random.Random) -> Made:
    """The client's purchase order ("bestelbon") for the enclave, signed for agreement."""
    deal = with_client(rng, facts.enclave(rng, Kind.REGULAR_COMPANY, legacy=False))
    wp, cp = deal.workplace, deal.counterpart
    sheet = Sheet(rng, justify=False)
    sheet.letterhead([cp.name, forms.seat(rng, cp), f"BTW {forms.number(rng, cp.number)}"])
    footer_line(rng, sheet, f"{cp.name} – Aankoopvoorwaarden op www.{domain(cp)}")
    order = f"PO{deal.signed.year}-{rng.randint(10000, 99999)}"
    sheet.title(rng.choice(("Bestelbon", "BESTELBON / AANKOOPORDER")))
    quote = deal.signed - dt.timedelta(days=rng.randint(10, 40))
    sheet.table(
        [
            ["Bestelbonnr.", "Datum", "Uw offerte", "Kostenplaats"],
            [
                order,
                slash(deal.signed),
                f"nr. {rng.randint(100, 999)} van {slash(quote)}",
                str(rng.randint(4000, 4999)),
            ],
        ]
    )
    sheet.para("")
    sheet.para(
        f"**Leverancier:** {wp.name}, {forms.seat(rng, wp)}, KBO {forms.number(rng, wp.number)}",
        align="left",
    )
    where, deal = forms.location(rng, deal)
    sheet.para(f"**Plaats van uitvoering:**\n{where}", align="left")
    period = (
        f"vanaf {slash(deal.start)} (onbepaalde duur)"
        if deal.end is None
        else f"{slash(deal.start)} t.e.m. {slash(deal.end)}"
    )
    sheet.table(
        [
            ["Omschrijving", "Aantal", "Eenheid", "Periode"],
            [f"Enclavewerk: {deal.activity.text}", str(deal.workers), "werknemers", period],
            ["Begeleiding door de leverancier", "1", "begeleider", "idem"],
        ]
    )
    sheet.para(
        "Deze bestelbon geldt, na ondertekening voor akkoord door de leverancier, als "
        "enclaveovereenkomst tussen partijen. Facturen vermelden steeds het bestelbonnummer."
    )
    sign_side_by_side(rng, sheet, deal, "de leverancier (voor akkoord)", cp.name)
    return Made([deal], cp.signatory.name, deal.signed, sheet, tags=["purchase_order", "table"])


@template("fresh_municipal_agb")
def municipal_agb(rng: random.Random) -> Made:
    """A municipality or its AGB as client, after a decision of its board on another date."""
    deal = facts.enclave(rng, Kind.OTHER_PUBLIC)
    place = (deal.location.postcode, deal.location.town)
    body = agb(rng, place) if rng.random() < 0.5 else deal.counterpart
    deal = replace(deal, counterpart=body)
    wp = deal.workplace
    board = (
        "de raad van bestuur" if body.form == "agb" else "het college van burgemeester en schepenen"
    )
    decided = deal.signed - dt.timedelta(days=rng.randint(8, 30))
    sheet = Sheet(rng)
    sheet.letterhead(
        [body.name, forms.seat(rng, body), f"Dienst Personeel en Organisatie – {world.phone(rng)}"]
    )
    footer_line(rng, sheet, "")
    sheet.title("Overeenkomst betreffende de inzet van een enclave")
    sheet.para(
        f"{body.name}, met ondernemingsnummer {forms.number(rng, body.number)}, "
        f"vertegenwoordigd door {body.signatory.name}, {body.signatory.function}, handelend in "
        f"uitvoering van de beslissing van {board} van {dutch.long_date(decided)}, "
        "hierna “het bestuur”,"
    )
    sheet.para("en")
    role = workplace_role(rng, wp)
    sheet.para(long_party(rng, wp, role) + ",")
    sheet.para("komen het volgende overeen.")
    site = rng.choice(
        ("de sporthal", "het zwembad", "de stedelijke werkplaats", "het containerpark")
    )
    where = deal.location
    if rng.random() < 0.5:
        text, deal = no_postcode(rng, deal)
    else:
        text = f"{street_box(rng, where)}, {where.town_line}"
    sheet.para(
        f"**Artikel 1.** {cap(role)} verzorgt {deal.activity.with_article()} in {site} van het "
        f"bestuur, gelegen {text}."
    )
    sheet.para(f"**Artikel 2.** De enclave bestaat uit {team(rng, deal.workers)}.")
    sheet.para(f"**Artikel 3.** Deze overeenkomst {term(rng, deal, 'long')}.")
    sheet.para(
        f"**Artikel 4.** {price(rng)} De facturen worden gericht aan de financiële dienst van het "
        "bestuur."
    )
    sheet.para(f"Opgemaakt te {body.seat.town} op {dutch.long_date(deal.signed)}.")
    sign_side_by_side(rng, sheet, deal, role, "het bestuur")
    return Made([deal], body.signatory.name, deal.signed, sheet, tags=["government", "agb"])


@template("fresh_mail_narrative", kind="eml")
def mail_narrative(rng: random.Random) -> Made:
    """A chatty mail with the facts in running text, dates like "1 januari '25"."""
    deal = facts.enclave(rng, legacy=False)
    if rng.random() < 0.5:
        deal = with_client(rng, deal)
    wp, cp = deal.workplace, deal.counterpart
    name, address = sender(rng, deal)
    where, deal = no_postcode(rng, deal) if rng.random() < 0.5 else forms.location(rng, deal, False)
    end = (
        "Het contract is van onbepaalde duur."
        if deal.end is None
        else f"Het contract loopt tot {short_year(deal.end)}."
    )
    body = (
        f"{rng.choice(('Hallo', 'Dag', 'Beste collega'))},\n\n"
        f"Goed nieuws: {cp.name} (ondernemingsnr. {forms.number(rng, cp.number)}) heeft op "
        f"{short_year(deal.signed)} de overeenkomst getekend. Vanaf {short_year(deal.start)} gaan "
        f"we daar met {team(rng, deal.workers)} aan de slag voor {deal.activity.with_article()}. "
        f"{end}\n\n"
        f"Ze werken op het adres {where}.\n\n"
        f"Voor de volledigheid: wij zijn {wp.name}, KBO {forms.number(rng, wp.number)}.\n\n"
        "Het getekende contract zit in onze map; laat maar weten als jullie het willen zien.\n\n"
        f"Groetjes,\n\n{mail_signature(rng, deal, name)}\n"
    )
    subject = rng.choice(
        (f"enclave {cp.short}", f"Nieuwe enclave bij {cp.name}", "melding enclave")
    )
    when = deal.signed + dt.timedelta(days=rng.randint(1, 3))
    data = mail(rng, (name, address), MAILBOX, subject, body, when)
    return Made([deal], name, when, mail=data, tags=["mail_body", "short_year_dates"])


@template("fresh_mail_reply_quoted", kind="eml")
def mail_reply_quoted(rng: random.Random) -> Made:
    """The workplace sends on the client's "akkoord"; the facts are in its own quoted proposal."""
    deal = facts.enclave(rng)
    wp, cp = deal.workplace, deal.counterpart
    name, address = sender(rng, deal)
    who = cp.signatory
    first, _, last = who.name.partition(" ")
    client_mail = f"{first.lower()}.{last.lower().replace(' ', '')}@{domain(cp)}"
    proposal_day = deal.signed - dt.timedelta(days=rng.randint(2, 6))
    where, deal = forms.location(rng, deal, allow_lines=False)
    period = (
        f"vanaf {dutch.long_date(deal.start)}, voor onbepaalde duur"
        if deal.end is None
        else f"van {dutch.long_date(deal.start)} tot en met {dutch.long_date(deal.end)}"
    )
    proposal = [
        f"Beste {who.name.split()[0]},",
        "",
        "Zoals besproken stel ik de volgende enclave voor:",
        f"- opdrachtgever: {cp.name}, KBO {forms.number(rng, cp.number)}",
        f"- uitvoerder: {wp.name}, KBO {forms.number(rng, wp.number)}",
        f"- werk: {deal.activity.text}",
        f"- waar: {where}",
        f"- ploeg: {deal.workers} medewerkers + 1 begeleider",
        f"- periode: {period}",
        "",
        "Mag ik je akkoord per kerende mail? Dan geldt deze mail als overeenkomst.",
        "",
        name,
    ]
    quoted = "\n".join("> " + line if line else ">" for line in proposal)
    body = (
        "Goedemiddag,\n\n"
        "Hieronder het akkoord van de klant voor de nieuwe enclave. Wij beschouwen dit als de "
        "overeenkomst.\n\n"
        f"Vriendelijke groet,\n{mail_signature(rng, deal, name)}\n\n"
        f"Van: {who.name} <{client_mail}>\n"
        f"Verzonden: {weekday_date(deal.signed)} {rng.randint(8, 17)}:{rng.randint(10, 59)}\n"
        f"Aan: {name} <{address}>\n"
        f"Onderwerp: RE: voorstel enclave\n\n"
        f"Akkoord voor ons. Vriendelijke groeten,\n{who.name}\n{cp.name}\n\n"
        f"Op {dutch.long_date(proposal_day)} schreef {name} <{address}>:\n{quoted}\n"
    )
    when = deal.signed + dt.timedelta(days=rng.randint(0, 2))
    data = mail(rng, (name, address), MAILBOX, "FW: RE: voorstel enclave", body, when)
    return Made([deal], name, when, mail=data, tags=["mail_body", "quoted", "other_dates"])


@template("fresh_cover_letter")
def cover_letter(rng: random.Random) -> Made:
    """An accountant's or lawyer's covering letter (own address and date), then the contract."""
    deal = facts.enclave(rng)
    if rng.random() < 0.4:
        deal = with_client(rng, deal)
    wp, cp = deal.workplace, deal.counterpart
    office = rng.choice(ACCOUNTANTS)
    office_seat = facts.address(rng)
    sheet = Sheet(rng)
    sheet.letterhead([office, forms.place(rng, office_seat, allow_lines=False), world.phone(rng)])
    sent = deal.signed + dt.timedelta(days=rng.randint(1, 6))
    salutation = "Geachte heer" if wp.signatory.title == "de heer" else "Geachte mevrouw"
    sheet.para(
        f"{wp.name}\nt.a.v. {wp.signatory.name}\n{wp.seat.street_line}\n{wp.seat.town_line}",
        align="left",
    )
    sheet.para(f"{office_seat.town}, {dutch.long_date(sent)}", align="right")
    sheet.para("Ons kenmerk: " + f"{sent.year}/{rng.randint(100, 999)}/ENC", align="left")
    sheet.para(
        f"{salutation} {wp.signatory.name.split()[-1]},\n\nIn bijlage bezorgen "
        f"wij u het door beide partijen ondertekende exemplaar van de enclaveovereenkomst met "
        f"{cp.name}. Wij raden u aan een kopie over te maken aan het departement.\n\n"
        f"Met de meeste hoogachting,\n\n{world.person(rng, ('dossierbeheerder',)).name}\n{office}",
        align="left",
    )
    sheet.page_break()
    wp_role, cp_role = workplace_role(rng, wp), counterpart_role(rng, cp)
    sheet.title(title(rng, is_legacy(deal)))
    sheet.para("1. " + long_party(rng, wp, wp_role) + ";")
    sheet.para("2. " + long_party(rng, cp, cp_role) + ".")
    where, deal = forms.location(rng, deal)
    head = rng.choice(("art", "artikel"))
    sheet.article(1, "Opdracht", head)
    sheet.para(
        f"{cap(wp_role)} neemt {deal.activity.with_article()} op zich met {team(rng, deal.workers)}."
    )
    sheet.article(2, "Werkplaats", head)
    sheet.para(where)
    sheet.article(3, "Duur", head)
    sheet.para(f"De overeenkomst {term(rng, deal, rng.choice(('long', 'words')))}.")
    sheet.article(4, "Begeleiding", head)
    sheet.para(supervision(rng, wp_role))
    sheet.para(forms.signature_line(rng, deal, "long"))
    sign_side_by_side(rng, sheet, deal, wp_role, cp_role)
    return Made(
        [deal], office, sent, sheet, tags=["cover_letter", "other_dates", "letterhead_other"]
    )


@template("fresh_filled_model")
def filled_model(rng: random.Random) -> Made:
    """A federation's model with dotted blanks, filled in by the workplace."""
    deal = facts.enclave(rng)
    if rng.random() < 0.5:
        deal = with_client(rng, deal)
    wp, cp = deal.workplace, deal.counterpart
    sheet = Sheet(rng, justify=False)
    version = rng.randint(deal.signed.year - 4, deal.signed.year)
    sheet.letterhead([f"Modelovereenkomst enclave – versie {version}"])
    footer_line(rng, sheet, "In te vullen door het maatwerkbedrijf")
    sheet.title("Enclaveovereenkomst")
    where, deal = forms.location(rng, deal, allow_lines=False)
    end = "onbepaalde duur" if deal.end is None else slash(deal.end)
    lines = [
        ("Naam maatwerkbedrijf / werkplaats", wp.name),
        ("Ondernemingsnummer", forms.number(rng, wp.number)),
        ("Naam onderneming (klant)", cp.name),
        ("Ondernemingsnummer", forms.number(rng, cp.number)),
        ("Adres van de werkpost", where),
        ("Omschrijving van de activiteit", deal.activity.text),
        ("Aantal werknemers in de enclave", dutch.count_words(deal.workers)),
        ("Aanvangsdatum", slash(deal.start)),
        ("Einddatum (of “onbepaalde duur”)", end),
    ]
    for label, value in lines:
        sheet.para(f"{label} …………… {value}", align="left")
    sheet.para(
        "Het maatwerkbedrijf blijft de werkgever van de werknemers. De onderneming staat in voor "
        "een veilige werkplek en stelt een aanspreekpunt aan."
    )
    sheet.para(f"Datum ondertekening …………… {slash(deal.signed)}", align="left")
    sign_side_by_side(rng, sheet, deal, "het maatwerkbedrijf", "de onderneming")
    return Made([deal], wp.signatory.name, deal.signed, sheet, tags=["model_filled_in", "form"])


@template("fresh_workstation_table")
def workstation_table(rng: random.Random) -> Made:
    """Parties in a table with a header row, then a workstation table (with a supervisor row)."""
    deal = facts.enclave(rng)
    wp, cp = deal.workplace, deal.counterpart
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    sheet.title(rng.choice(("Werkpostfiche en overeenkomst enclave", "Enclave – werkpostfiche")))
    sheet.table(
        [
            ["Partij", "Naam", "Ondernemingsnummer", "Maatschappelijke zetel"],
            ["Uitvoerder", wp.name, forms.number(rng, wp.number), forms.seat(rng, wp)],
            ["Opdrachtgever", cp.name, forms.number(rng, cp.number), forms.seat(rng, cp)],
        ],
        widths=[3, 4.5, 3.5, 5],
    )
    sheet.para("")
    sheet.para(
        f"Adres werkpost: {two_lines(rng, deal.location).replace(chr(10), ', ')}", align="left"
    )
    hours = rng.choice(
        ("ma–vr 7u30–16u00", "ma–do 8u–16u30, vr 8u–12u", "2 ploegen 6u–14u / 14u–22u")
    )
    sheet.table(
        [
            ["Werkpost", "Taken", "Aantal", "Uurrooster"],
            ["Enclave", deal.activity.text, str(deal.workers), hours],
            ["Begeleiding", "permanente begeleiding en opleiding", "1", hours],
        ],
        widths=[3, 7, 2, 4],
    )
    sheet.para("")
    sheet.para(f"Deze overeenkomst {term(rng, deal)}. {notice(rng)}")
    sheet.para(f"Ondertekend te {deal.place} op {slash(deal.signed)}.")
    sign_side_by_side(rng, sheet, deal, "de uitvoerder", "de opdrachtgever")
    return Made([deal], wp.signatory.name, deal.signed, sheet, tags=["table", "table_header_row"])


@template("fresh_five_questions")
def five_questions(rng: random.Random) -> Made:
    """A jobcoach's agreement sheet under the headings Wie? Wat? Waar? Wanneer? Hoeveel?"""
    deal = facts.enclave(rng)
    wp, cp = deal.workplace, deal.counterpart
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    sheet.title("Afspraken enclave in één oogopslag")
    where, deal = forms.location(rng, deal)
    start = rng.choice((weekday_date(deal.start), dutch.long_date(deal.start)))
    until = (
        "zonder einddatum (onbepaalde duur)"
        if deal.end is None
        else f"tot en met {dutch.long_date(deal.end)}"
    )
    blocks = [
        (
            "Wie?",
            f"{wp.name} (KBO {forms.number(rng, wp.number)}) werkt voor {cp.name} "
            f"(KBO {forms.number(rng, cp.number)}).",
        ),
        ("Wat?", f"Het team zorgt voor {deal.activity.with_article()}."),
        ("Waar?", where),
        ("Wanneer?", f"Vanaf {start}, {until}."),
        ("Hoeveel?", f"{cap(team(rng, deal.workers))} en één begeleider."),
    ]
    for head, text in blocks:
        sheet.para(head, bold=True)
        sheet.para(text, align="left")
    sheet.para(
        f"Beide partijen ondertekenen deze afspraken als enclaveovereenkomst op {slash(deal.signed)}."
    )
    sign_side_by_side(rng, sheet, deal, wp.name, cp.name)
    return Made([deal], wp.signatory.name, deal.signed, sheet, tags=["headings_questions"])


@template("fresh_service_two_columns")
def service_two_columns(rng: random.Random) -> Made:
    """A client's "dienstverleningsovereenkomst" in two columns: "hierna: de Klant"."""
    deal = with_client(rng, facts.enclave(rng, legacy=False))
    wp, cp = deal.workplace, deal.counterpart
    sheet = Sheet(rng, size=rng.choice((9, 9.5)))
    sheet.letterhead([cp.name, forms.seat(rng, cp)], right=f"Ref. SA-{rng.randint(100, 999)}")
    footer_line(rng, sheet, cp.name)
    sheet.title("Dienstverleningsovereenkomst – enclave")
    sheet.columns(2)
    sheet.para(f"{long_party(rng, cp, 'de Klant')};")
    sheet.para(f"{long_party(rng, wp, 'de Dienstverlener')};")
    sheet.para("hierna samen “de Partijen”.")
    sheet.article(1, "Scope", "art")
    sheet.para(
        f"De Dienstverlener levert aan de Klant diensten bestaande uit {deal.activity.with_article()}, "
        "door een team van doelgroepwerknemers (de “enclave”)."
    )
    sheet.article(2, "Team", "art")
    sheet.para(
        f"Het team bestaat uit {team(rng, deal.workers)}, plus een teamleader van de Dienstverlener."
    )
    sheet.article(3, "Locatie", "art")
    sheet.para("De diensten worden geleverd op de site van de Klant:")
    sheet.para(two_lines(rng, deal.location), align="left")
    sheet.article(4, "Looptijd", "art")
    sheet.para(f"De overeenkomst {term(rng, deal)}.")
    sheet.article(5, "Health & safety", "art")
    sheet.para(
        "De Klant volgt de welzijnswetgeving op de werkplek; de Dienstverlener blijft "
        "werkgever en behoudt het gezag over het team."
    )
    sheet.article(6, "Confidentiality", "art")
    sheet.para("Partijen houden alle informatie over elkaars activiteiten vertrouwelijk.")
    sheet.portrait()
    sheet.para(f"Getekend te {deal.place} op {dutch.long_date(deal.signed)}.")
    sign_side_by_side(rng, sheet, deal, "de Dienstverlener", "de Klant")
    return Made(
        [deal],
        cp.signatory.name,
        deal.signed,
        sheet,
        tags=["two_columns", "hierna", "english_terms"],
    )


@template("fresh_offer_tasks", contract=False)
def offer_tasks(rng: random.Random) -> Made:
    """An offer with a task list and a team proposal: close to a contract, but no agreement."""
    deal = facts.enclave(rng)
    if rng.random() < 0.5:
        deal = with_client(rng, deal)
    cp = deal.counterpart
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    when = deal.start - dt.timedelta(days=rng.randint(40, 80))
    sheet.title(f"Offerte O-{when.year}-{rng.randint(100, 999)}")
    sheet.para(f"Voor: {cp.name}, {forms.seat(rng, cp)}\nDatum: {slash(when)}", align="left")
    sheet.para("Wij stellen voor de volgende taken op te nemen:")
    for task in rng.choice(TASK_LISTS):
        sheet.para(task, style="List Bullet")
    sheet.para(
        f"Voorgestelde bezetting: {team(rng, deal.workers)}. Mogelijke start: "
        f"{dutch.long_date(deal.start)}, op uw site te {deal.location.town}. Deze offerte blijft "
        "zestig dagen geldig; een enclaveovereenkomst volgt na uw akkoord."
    )
    return Made([], deal.workplace.signatory.name, when, sheet, tags=["offer"], is_contract=False)


@template("fresh_credit_note", contract=False)
def credit_note(rng: random.Random) -> Made:
    """A credit note correcting an enclave invoice."""
    deal = facts.enclave(rng)
    if rng.random() < 0.5:
        deal = with_client(rng, deal)
    cp = deal.counterpart
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    when = dutch.add_months(deal.start, rng.randint(2, 9))
    sheet.para(f"{cp.name}\n{street_box(rng, cp.seat)}\n{cp.seat.town_line}", align="right")
    sheet.title(f"Creditnota CN{when.year}/{rng.randint(10, 99)}")
    hours = rng.randint(4, 30)
    rate = rng.randint(20, 31)
    sheet.table(
        [
            ["Omschrijving", "Uren", "Prijs", "Bedrag"],
            [
                f"Correctie factuur {when.year}/{rng.randint(100, 999)}: niet gepresteerde uren "
                f"enclave ({deal.activity.text})",
                str(hours),
                f"€ {rate},00",
                f"- € {hours * rate},00",
            ],
        ]
    )
    sheet.para(
        f"Datum: {slash(when)}. Dit bedrag wordt verrekend met de volgende factuur. "
        f"BTW klant: {forms.number(rng, cp.number)}."
    )
    return Made(
        [], deal.workplace.signatory.name, when, sheet, tags=["credit_note"], is_contract=False
    )


@template("fresh_indexation_letter", contract=False)
def indexation_letter(rng: random.Random) -> Made:
    """A letter announcing new rates for running enclaves from 1 January."""
    deal = facts.enclave(rng)
    cp = deal.counterpart
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    year = deal.start.year + 2
    sent = dt.date(year - 1, 12, rng.randint(1, 15))
    sheet.para(f"{cp.name}\n{cp.seat.street_line}\n{cp.seat.town_line}", align="left")
    sheet.para(f"{deal.workplace.seat.town}, {dutch.long_date(sent)}", align="right")
    sheet.para("**Betreft:** indexering tarieven enclavewerk", align="left")
    old = rng.randint(20, 30)
    sheet.para(
        f"Geachte klant,\n\nOp 1 januari {year} worden onze tarieven geïndexeerd. Voor de enclave "
        f"die {dutch.count_words(deal.workers)} medewerkers sinds {dutch.long_date(deal.start)} in "
        f"uw vestiging te {deal.location.town} inzetten voor {deal.activity.with_article()}, wordt "
        f"het uurtarief € {old},{rng.randint(10, 90)} in plaats van € {old - 1},{rng.randint(10, 90)}. "
        "Alle andere afspraken uit de lopende overeenkomst blijven ongewijzigd.",
        align="left",
    )
    sheet.para(f"Met vriendelijke groeten,\n\n{deal.workplace.signatory.name}", align="left")
    return Made(
        [], deal.workplace.signatory.name, sent, sheet, tags=["indexation"], is_contract=False
    )
