"""Contracts in numbered articles: the classic lawyer's text, parties side by side, two columns.

Each function writes one author's habit; the facts come from `facts.enclave`.
"""

from __future__ import annotations

import random

from samples.office import dutch, facts, forms, world
from samples.office.docxkit import Sheet
from samples.office.facts import Enclave
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


def letterhead(rng: random.Random, sheet: Sheet, deal: Enclave) -> None:
    """The workplace's letterhead (its seat, not the work location) and a page footer."""
    wp = deal.workplace
    lines = [
        wp.name,
        forms.seat(rng, wp),
        f"{forms.number_label(rng)} {forms.number(rng, wp.number)}",
    ]
    if rng.random() < 0.5:
        lines.append(f"T {world.phone(rng)}")
    sheet.letterhead(lines)
    sheet.footer(
        rng.choice(("", wp.name, "Vertrouwelijk")),
        rng.choice(("Pagina {page} van {pages}", "p. {page}/{pages}", "{page}")),
    )


def signatures(rng: random.Random, sheet: Sheet, deal: Enclave, wp_role: str, cp_role: str) -> None:
    """The signature table, each party in its own column."""
    rows = [
        [f"Voor {wp_role}", f"Voor {cp_role}"],
        [
            f"\n\n{deal.workplace.signatory.name}\n{deal.workplace.signatory.function}",
            f"\n\n{deal.counterpart.signatory.name}\n{deal.counterpart.signatory.function}",
        ],
    ]
    sheet.table(rows, header=True, borders=rng.random() < 0.3)


@template("articles_classic")
def articles_classic(rng: random.Random) -> Made:
    """A lawyer's contract: TUSSEN / EN, numbered articles, signature table."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    wp_role, cp_role = workplace_role(rng, deal.workplace), counterpart_role(rng, deal.counterpart)
    sheet.title(title(rng, is_legacy(deal)))
    sheet.para("TUSSEN:", bold=True)
    sheet.para(forms.identification(rng, deal.workplace, wp_role))
    sheet.para("EN:", bold=True)
    sheet.para(forms.identification(rng, deal.counterpart, cp_role))
    sheet.para("WORDT OVEREENGEKOMEN WAT VOLGT:", bold=True)
    head = rng.choice(("artikel", "art", "caps", "colon"))
    where, deal = forms.location(rng, deal)
    clauses = [
        (
            "Voorwerp",
            f"{cap(wp_role)} verbindt zich ertoe met {forms.workers(rng, deal.workers)} onder eigen "
            f"begeleiding de volgende werkzaamheden uit te voeren in de lokalen van {cp_role}: "
            f"{deal.activity.text}.",
        ),
        (
            "Plaats van uitvoering",
            f"De werkzaamheden worden uitgevoerd op het volgende adres:\n{where}",
        ),
        ("Duur", f"Deze overeenkomst wordt gesloten {forms.duration(rng, deal, style)}."),
        ("Begeleiding en gezag", supervision(rng, wp_role)),
        ("Vergoeding", price(rng)),
        ("Opzegging", notice(rng)),
    ]
    if rng.random() < 0.5:
        clauses[1], clauses[2] = clauses[2], clauses[1]
    for n, (head_text, body) in enumerate(clauses, start=1):
        sheet.article(n, head_text, head)
        sheet.para(body)
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, wp_role, cp_role)
    return Made(
        [deal],
        deal.workplace.signatory.name,
        deal.signed or deal.start,
        sheet,
        tags=["articles", "hyphenated"],
    )


@template("parties_side_by_side")
def parties_side_by_side(rng: random.Random) -> Made:
    """Both parties in a two-column table, then short articles with the location split up."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    wp_role, cp_role = workplace_role(rng, deal.workplace), counterpart_role(rng, deal.counterpart)
    sheet.title(title(rng, is_legacy(deal)))
    sheet.para("Deze overeenkomst wordt gesloten tussen de hiernavolgende partijen:")
    wp, cp = deal.workplace, deal.counterpart
    sheet.table(
        [
            ["", cap(wp_role), cap(cp_role)],
            ["Naam", wp.name, cp.name],
            ["Zetel", forms.seat(rng, wp), forms.seat(rng, cp)],
            ["Ondernemingsnummer", forms.number(rng, wp.number), forms.number(rng, cp.number)],
            [
                "Vertegenwoordigd door",
                f"{wp.signatory.name}, {wp.signatory.function}",
                f"{cp.signatory.name}, {cp.signatory.function}",
            ],
        ]
    )
    sheet.para("")
    head = rng.choice(("artikel", "art", "caps"))
    where = deal.location
    split = rng.random() < 0.5 and not where.box
    sheet.article(1, "Duur", head)
    sheet.para(f"De samenwerking loopt {forms.duration(rng, deal, style)}.")
    sheet.article(2, "Opdracht", head)
    sheet.para(
        f"{cap(wp_role)} voert met een ploeg van {dutch.count_text(rng, deal.workers)} "
        f"doelgroepwerknemers {deal.activity.with_article()} uit."
    )
    sheet.article(3, "Werkplek", head)
    if split:
        sheet.para(
            f"De werkzaamheden gaan door in de vestiging van {cp_role} te {where.postcode} {where.town}. "
            f"Deze vestiging is gelegen aan de {where.street} {where.number}."
        )
    else:
        text, deal = forms.location(rng, deal, allow_lines=False)
        sheet.para(f"De werkzaamheden gaan door in de vestiging van {cp_role}, {text}.")
    sheet.article(4, "Begeleiding", head)
    sheet.para(supervision(rng, wp_role))
    sheet.article(5, "Prijs", head)
    sheet.para(price(rng))
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, wp_role, cp_role)
    tags = ["parties_table", "split_location"] if split else ["parties_table"]
    return Made([deal], wp.signatory.name, deal.signed or deal.start, sheet, tags=tags)


@template("two_column_prose")
def two_column_prose(rng: random.Random) -> Made:
    """A contract set in two justified, hyphenated columns under a full-width title."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng, size=rng.choice((9, 9.5, 10)))
    letterhead(rng, sheet, deal)
    wp_role, cp_role = workplace_role(rng, deal.workplace), counterpart_role(rng, deal.counterpart)
    sheet.title(title(rng, is_legacy(deal)))
    sheet.columns(2)
    sheet.para("Tussen de ondergetekenden:", bold=True)
    sheet.para("1. " + forms.identification(rng, deal.workplace, wp_role))
    sheet.para("2. " + forms.identification(rng, deal.counterpart, cp_role))
    sheet.para("is overeengekomen wat volgt.")
    where, deal = forms.location(rng, deal)
    sheet.article(1, "Voorwerp van de overeenkomst", "art")
    sheet.para(
        f"{cap(cp_role)} vertrouwt aan {wp_role} de uitvoering toe van {deal.activity.with_article()}. "
        f"Deze werkzaamheden worden uitgevoerd door {forms.workers(rng, deal.workers)} van {wp_role}, "
        "die als enclave samen op de werkvloer van de opdrachtgever werken."
    )
    sheet.article(2, "Plaats", "art")
    sheet.para(f"De enclave werkt op volgend adres:\n{where}")
    sheet.article(3, "Ingangsdatum en duur", "art")
    sheet.para(f"De overeenkomst geldt {forms.duration(rng, deal, style)}.")
    sheet.article(4, "Arbeidsorganisatie", "art")
    sheet.para(
        supervision(rng, wp_role) + " De uurroosters worden in onderling overleg vastgelegd."
    )
    sheet.article(5, "Veiligheid en welzijn", "art")
    sheet.para(
        f"{cap(cp_role)} zorgt voor een veilige werkplek en deelt de risicoanalyse van de "
        "werkposten mee aan de preventieadviseur van het maatwerkbedrijf. Persoonlijke "
        "beschermingsmiddelen worden ter beschikking gesteld door de opdrachtgever."
    )
    sheet.article(6, "Beëindiging", "art")
    sheet.para(notice(rng))
    sheet.para(forms.signature_line(rng, deal, style))
    sheet.para(f"Voor {wp_role},\n\n{deal.workplace.signatory.name}")
    sheet.para(f"Voor {cp_role},\n\n{deal.counterpart.signatory.name}")
    return Made(
        [deal],
        deal.workplace.signatory.name,
        deal.signed or deal.start,
        sheet,
        tags=["two_columns", "hyphenated"],
    )


@template("definitions_list")
def definitions_list(rng: random.Random) -> Made:
    """Article 1 defines the parties and facts as "1° de opdrachtgever: ...; 2° ..."."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    legacy = is_legacy(deal)
    wp_word = "de werkplaats" if legacy else "het maatwerkbedrijf"
    sheet.title(title(rng, legacy))
    sheet.article(1, "Definities", "artikel")
    sheet.para("Voor de toepassing van deze overeenkomst wordt verstaan onder:")
    wp, cp = deal.workplace, deal.counterpart
    where, deal = forms.location(rng, deal, allow_lines=False)
    items = [
        f"de opdrachtgever: {cp.name}, met zetel te {forms.seat(rng, cp)}, met ondernemingsnummer {forms.number(rng, cp.number)}",
        f"{wp_word}: {wp.name}, met zetel te {forms.seat(rng, wp)}, met ondernemingsnummer {forms.number(rng, wp.number)}",
        f"de enclave: {forms.workers(rng, deal.workers)} van {wp_word} die samen met hun begeleider bij de opdrachtgever werken",
        f"de werkplek: {where}",
        f"de werkzaamheden: {deal.activity.text}",
    ]
    if rng.random() < 0.5:
        items[0], items[1] = items[1], items[0]
    text = ";\n".join(f"{n}° {item}" for n, item in enumerate(items, start=1)) + "."
    sheet.para(text, align="left")
    sheet.article(2, "Voorwerp", "artikel")
    sheet.para(f"{cap(wp_word)} voert de werkzaamheden uit met de enclave op de werkplek.")
    sheet.article(3, "Duur", "artikel")
    sheet.para(f"De overeenkomst loopt {forms.duration(rng, deal, style)}.")
    sheet.article(4, "Verplichtingen van de opdrachtgever", "artikel")
    sheet.para(
        "De opdrachtgever stelt de nodige ruimte, werkmiddelen en sanitaire voorzieningen ter "
        "beschikking en wijst een aanspreekpersoon aan."
    )
    sheet.article(5, "Verplichtingen van " + wp_word, "artikel")
    sheet.para(supervision(rng, wp_word))
    sheet.article(6, "Vergoeding", "artikel")
    sheet.para(price(rng))
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, wp_word, "de opdrachtgever")
    return Made([deal], wp.signatory.name, deal.signed or deal.start, sheet, tags=["definitions"])
