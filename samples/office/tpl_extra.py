"""Further habits: Word's own list numbering, an agreements memo with bullets, an addendum
that adds an enclave to an older framework, and a lawyer's recitals "A. / B. / C.".
"""

from __future__ import annotations

import datetime as dt
import random

from samples.office import dutch, facts, forms
from samples.office.docxkit import Sheet
from samples.office.kit import (
    Made,
    cap,
    counterpart_role,
    is_legacy,
    notice,
    price,
    supervision,
    template,
    title,
    workplace_role,
)
from samples.office.tpl_articles import letterhead, signatures
from samples.office.tpl_letters import start_phrase


@template("autonumbered_clauses")
def autonumbered_clauses(rng: random.Random) -> Made:
    """Clauses in Word's "List Number" style: the numbers are made by the word processor."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    wp_role, cp_role = workplace_role(rng, wp), counterpart_role(rng, cp)
    sheet.title(title(rng, is_legacy(deal)))
    sheet.para(forms.identification(rng, cp, cp_role), style="List Bullet")
    sheet.para(forms.identification(rng, wp, wp_role), style="List Bullet")
    sheet.para("Partijen komen overeen als volgt:", bold=True)
    where, deal = forms.location(rng, deal, allow_lines=False)
    clauses = [
        f"{cap(wp_role)} voert in opdracht van {cp_role} {deal.activity.with_article()} uit.",
        f"De opdracht wordt uitgevoerd door {forms.workers(rng, deal.workers)}.",
        f"Plaats van uitvoering: {where}.",
        f"De overeenkomst loopt {forms.duration(rng, deal, style)}.",
        supervision(rng, wp_role),
        price(rng),
        notice(rng),
    ]
    for text in clauses:
        sheet.para(text, style="List Number")
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, wp_role, cp_role)
    return Made([deal], wp.signatory.name, deal.signed, sheet, tags=["list_numbering"])


@template("memo_bullets")
def memo_bullets(rng: random.Random) -> Made:
    """An agreements memo ("afsprakennota") with the facts as bullets, signed by both."""
    deal = facts.enclave(rng)
    style = rng.choice(("long", "slash", "dot_short"))
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    sheet.title(rng.choice(("Afsprakennota enclave", "Nota van afspraken – enclavewerking")))
    sheet.para(
        f"Tussen {wp.name} ({forms.number_label(rng)} {forms.number(rng, wp.number)}) en {cp.name} "
        f"({forms.number_label(rng)} {forms.number(rng, cp.number)}) werden op "
        f"{forms.date(rng, deal.signed, style)} de volgende afspraken gemaakt:"
    )
    where, deal = forms.location(rng, deal, allow_lines=False)
    bullets = [
        f"start: {start_phrase(rng, deal, style)}",
        "einde: "
        + (forms.date(rng, deal.end, style) if deal.end else "geen einddatum, onbepaalde duur"),
        f"team: {forms.workers(rng, deal.workers)} + 1 begeleider",
        f"taken: {deal.activity.text}",
        f"locatie: {where}",
        f"werkuren: {rng.choice(('7u30 – 16u00', '8u00 – 16u30', '6u00 – 14u00'))}",
    ]
    rng.shuffle(bullets)
    for text in bullets:
        sheet.para(cap(text), style="List Bullet")
    sheet.para(
        "Deze nota geldt als enclaveovereenkomst tussen partijen. Gelieve bij vragen contact op te "
        "nemen met de jobcoach."
    )
    signatures(rng, sheet, deal, wp.name, cp.name)
    return Made([deal], wp.signatory.name, deal.signed, sheet, tags=["bullets", "memo"])


@template("addendum_new_enclave")
def addendum_new_enclave(rng: random.Random) -> Made:
    """An addendum that adds one enclave to an older framework agreement (with its own dates)."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    earlier = deal.start - dt.timedelta(days=rng.randint(400, 1500))
    number = rng.randint(1, 5)
    sheet.title(f"Addendum {number} bij de raamovereenkomst van {forms.date(rng, earlier, style)}")
    sheet.para(
        f"Tussen {wp.name}, met ondernemingsnummer {forms.number(rng, wp.number)}, en {cp.name}, met "
        f"ondernemingsnummer {forms.number(rng, cp.number)}, partijen bij de raamovereenkomst "
        f"enclavewerk van {forms.date(rng, earlier, style)}, wordt een nieuwe enclave toegevoegd."
    )
    where, deal = forms.location(rng, deal)
    sheet.heading("1. Nieuwe opdracht", 2)
    sheet.para(
        f"Vanaf {forms.date(rng, deal.start, style)} voert {wp.name} {deal.activity.with_article()} "
        f"uit met {forms.workers(rng, deal.workers)}."
    )
    sheet.heading("2. Plaats", 2)
    sheet.para(where)
    sheet.heading("3. Duur", 2)
    if deal.end is None:
        sheet.para("Dit addendum geldt voor onbepaalde duur, zolang de raamovereenkomst loopt.")
    else:
        sheet.para(f"Dit addendum eindigt op {forms.date(rng, deal.end, style)}.")
    sheet.heading("4. Overige bepalingen", 2)
    sheet.para(
        "Alle andere bepalingen van de raamovereenkomst blijven onverkort van toepassing. De "
        f"enclaves uit de vorige addenda (1 tot {number - 1}) lopen ongewijzigd verder."
        if number > 1
        else "Alle andere bepalingen van de raamovereenkomst blijven onverkort van toepassing."
    )
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, wp.name, cp.name)
    return Made([deal], wp.signatory.name, deal.signed, sheet, tags=["addendum", "other_dates"])


@template("lawyer_recitals")
def lawyer_recitals(rng: random.Random) -> Made:
    """A private lawyer's contract: recitals A, B, C with other figures, then the clauses."""
    deal = facts.enclave(rng)
    style = rng.choice(("dot_short", "dot", "long"))
    sheet = Sheet(rng, font=rng.choice(("Georgia", "Cambria", "Garamond")))
    wp, cp = deal.workplace, deal.counterpart
    office = f"Advocatenkantoor {rng.choice(('Verhaeghe & Baert', 'Claes Advocaten', 'Lex Leie', 'De Smet & Partners'))}"
    sheet.letterhead(
        [office, forms.place(rng, facts.address(rng), allow_lines=False)],
        right="Ontwerp – definitieve versie",
    )
    sheet.footer(office, "{page}/{pages}")
    sheet.title(title(rng, is_legacy(deal)))
    sheet.para("TUSSEN", bold=True)
    sheet.para(forms.identification(rng, wp, "het Maatwerkbedrijf"))
    sheet.para("EN", bold=True)
    sheet.para(forms.identification(rng, cp, "de Onderneming"))
    sheet.para("hierna samen “Partijen”.")
    sheet.para("OVERWEGENDE DAT:", bold=True)
    employees = rng.randint(40, 400)
    recitals = [
        f"de Onderneming een bedrijf is met ongeveer {employees} werknemers, actief in de sector "
        f"waarin {deal.activity.text} tot de kernactiviteiten behoort;",
        f"het Maatwerkbedrijf sinds {rng.randint(1975, 2005)} doelgroepwerknemers tewerkstelt en "
        "beschikt over ervaren begeleiders;",
        "Partijen hun samenwerking in een schriftelijke overeenkomst wensen vast te leggen;",
    ]
    for letter, text in zip("ABC", recitals, strict=True):
        sheet.para(f"{letter}. {text}")
    sheet.para("WORDT OVEREENGEKOMEN WAT VOLGT:", bold=True)
    where, deal = forms.location(rng, deal)
    sheet.article(1, "Voorwerp", "artikel")
    sheet.para(
        f"1.1 Het Maatwerkbedrijf verbindt zich ertoe {deal.activity.with_article()} uit te voeren."
    )
    sheet.para(f"1.2 Het Maatwerkbedrijf zet daartoe {forms.workers(rng, deal.workers)} in.")
    sheet.article(2, "Plaats", "artikel")
    sheet.para(f"2.1 De werkzaamheden vinden plaats op: {where.replace(chr(10), ', ')}")
    sheet.article(3, "Duur", "artikel")
    sheet.para(f"3.1 Deze overeenkomst wordt aangegaan {forms.duration(rng, deal, style)}.")
    sheet.para(f"3.2 {notice(rng)}")
    sheet.article(4, "Vergoeding", "artikel")
    sheet.para(f"4.1 {price(rng)}")
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, "het Maatwerkbedrijf", "de Onderneming")
    return Made([deal], office, deal.signed, sheet, tags=["recitals", "lawyer"])
