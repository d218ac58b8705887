"""More authors' habits: bilingual text, label tables, notarial words, split sentences,
the client's own paper, several sites in a landscape annex, tick boxes, old-regime contracts,
party blocks side by side, paragraph signs, one-page summaries, agency text in two columns.
"""

from __future__ import annotations

import random
from dataclasses import replace

from mailbox_ingest.domain.enums import OrganisationKind
from samples.office import dutch, facts, forms
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
from samples.office.tpl_articles import letterhead, signatures
from samples.office.tpl_public import end_text

Kind = OrganisationKind


@template("bilingual_nl_fr")
def bilingual_nl_fr(rng: random.Random) -> Made:
    """Dutch and French side by side in a two-column table, article by article."""
    deal = facts.enclave(rng, legacy=False)
    style = rng.choice(("long", "slash"))
    sheet = Sheet(rng, size=rng.choice((9, 9.5, 10)))
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    sheet.title("Enclaveovereenkomst / Convention d'enclave")
    where, deal = forms.location(rng, deal, allow_lines=False)
    start_nl, start_fr = forms.date(rng, deal.start, style), dutch.french_date(deal.start)
    if deal.end is None:
        term_nl = f"De overeenkomst gaat in op {start_nl} en geldt voor onbepaalde duur."
        term_fr = f"La convention prend cours le {start_fr} pour une durée indéterminée."
    else:
        term_nl = (
            f"De overeenkomst loopt van {start_nl} tot en met {forms.date(rng, deal.end, style)}."
        )
        term_fr = f"La convention court du {start_fr} au {dutch.french_date(deal.end)} inclus."
    num_wp, num_cp = forms.number(rng, wp.number), forms.number(rng, cp.number)
    rows = [
        ["Nederlands", "Français"],
        [
            f"**Tussen** {wp.name}, {forms.seat(rng, wp)}, ondernemingsnummer {num_wp}, "
            "hierna “het maatwerkbedrijf”,",
            f"**Entre** {wp.name}, {forms.seat(rng, wp)}, numéro d'entreprise {num_wp}, "
            "ci-après « l'entreprise de travail adapté »,",
        ],
        [
            f"**en** {cp.name}, {forms.seat(rng, cp)}, ondernemingsnummer {num_cp}, hierna “de klant”.",
            f"**et** {cp.name}, {forms.seat(rng, cp)}, numéro d'entreprise {num_cp}, ci-après « le client ».",
        ],
        [
            "**Artikel 1 – Voorwerp**\n"
            f"Het maatwerkbedrijf voert met {dutch.count_words(deal.workers)} werknemers "
            f"{deal.activity.with_article()} uit.",
            "**Article 1 – Objet**\n"
            f"L'entreprise de travail adapté assure avec {dutch.french_count(deal.workers)} "
            f"travailleurs {deal.activity.french}.",
        ],
        [
            f"**Artikel 2 – Plaats van uitvoering**\n{where}",
            f"**Article 2 – Lieu d'exécution**\n{where}",
        ],
        [f"**Artikel 3 – Duur**\n{term_nl}", f"**Article 3 – Durée**\n{term_fr}"],
        [
            f"**Artikel 4 – Begeleiding**\n{supervision(rng, 'het maatwerkbedrijf')}",
            "**Article 4 – Encadrement**\nL'encadrement permanent est assuré par un moniteur "
            "de l'entreprise de travail adapté.",
        ],
    ]
    sheet.table(rows, header=True, borders=rng.random() < 0.5)
    assert deal.signed is not None
    sheet.para(
        f"Opgemaakt te {deal.place} op {forms.date(rng, deal.signed, style)} / Fait à {deal.place} "
        f"le {dutch.french_date(deal.signed)}, en deux exemplaires."
    )
    signatures(rng, sheet, deal, "het maatwerkbedrijf / l'ETA", "de klant / le client")
    return Made([deal], wp.signatory.name, deal.signed, sheet, tags=["bilingual", "table"])


@template("label_table_form")
def label_table_form(rng: random.Random) -> Made:
    """A form: a table with a named header row and one labelled line per fact."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    sheet.title(
        rng.choice(("Enclavecontract – gegevensblad", "Overeenkomst enclave: kerngegevens"))
    )
    where, deal = forms.location(rng, deal)
    wp_label = "Werkplaats" if is_legacy(deal) else "Maatwerkbedrijf"
    rows = [
        [
            rng.choice(("Rubriek", "Gegeven", "Omschrijving")),
            rng.choice(("Gegevens", "Inhoud", "Invulling")),
        ],
        [wp_label, f"{wp.name} (KBO {forms.number(rng, wp.number)})"],
        ["Opdrachtgever", f"{cp.name} (KBO {forms.number(rng, cp.number)})"],
        ["Zetel opdrachtgever", forms.seat(rng, cp)],
        ["Adres van de werkplek", where],
        ["Aard van de werkzaamheden", deal.activity.text],
        ["Aantal doelgroepwerknemers", str(deal.workers)],
        ["Begeleiding", "1 voltijdse begeleider"],
        ["Startdatum", forms.date(rng, deal.start, style)],
        ["Einddatum", end_text(rng, deal, style)],
        ["Datum ondertekening", forms.date(rng, deal.signed, style) if deal.signed else ""],
    ]
    sheet.table(rows, header=True, widths=[5.5, 10.5])
    sheet.para("")
    sheet.para(
        "De algemene voorwaarden van het maatwerkbedrijf zijn van toepassing. Beide partijen "
        "verklaren een exemplaar van dit gegevensblad en de algemene voorwaarden te hebben ontvangen."
    )
    signatures(rng, sheet, deal, wp_label.lower(), "de opdrachtgever")
    return Made(
        [deal], wp.signatory.name, deal.signed or deal.start, sheet, tags=["table", "labels"]
    )


@template("notarial_words")
def notarial_words(rng: random.Random) -> Made:
    """A formal text with dates written out in words and counts in words only."""
    deal = facts.enclave(rng)
    sheet = Sheet(rng, font=rng.choice(("Times New Roman", "Garamond", "Georgia")))
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    wp_role, cp_role = workplace_role(rng, wp), counterpart_role(rng, cp)
    assert deal.signed is not None
    sheet.title(title(rng, is_legacy(deal)))
    day = f"{dutch.ordinal_word(deal.signed.day)} {dutch.MONTHS[deal.signed.month - 1]}"
    sheet.para(f"Het jaar {dutch.number_word(deal.signed.year)}, op de {day}.")
    sheet.para("ZIJN VERSCHENEN:", bold=True)
    sheet.para("1. " + forms.identification(rng, wp, wp_role))
    sheet.para("2. " + forms.identification(rng, cp, cp_role))
    sheet.para("DIE VERKLAREN HET VOLGENDE TE ZIJN OVEREENGEKOMEN:", bold=True)
    where, deal = forms.location(rng, deal)
    sheet.para(
        f"**Eerste artikel.** {cap(wp_role)} verbindt zich ertoe {dutch.number_word(deal.workers)} "
        f"doelgroepwerknemers in te zetten voor {deal.activity.with_article()}."
    )
    sheet.para(
        f"**Tweede artikel.** De werkzaamheden worden uitgevoerd te\n{where.removeprefix('te ')}."
    )
    if deal.end is None:
        term = f"vanaf {dutch.words_date(deal.start)} voor onbepaalde duur"
    else:
        term = f"vanaf {dutch.words_date(deal.start)} tot en met {dutch.words_date(deal.end)}"
    sheet.para(f"**Derde artikel.** Deze overeenkomst wordt aangegaan {term}.")
    sheet.para(f"**Vierde artikel.** {supervision(rng, wp_role)}")
    sheet.para(f"**Vijfde artikel.** {notice(rng)}")
    sheet.para(
        f"Waarvan akte, opgemaakt te {deal.place}, op datum als voormeld, in twee originelen, "
        "waarvan elke partij erkent er één te hebben ontvangen."
    )
    signatures(rng, sheet, deal, wp_role, cp_role)
    return Made([deal], wp.signatory.name, deal.signed, sheet, tags=["words", "dates_in_words"])


@template("split_sentences")
def split_sentences(rng: random.Random) -> Made:
    """Facts spread over several sentences: town then street, start then length, team then supervisor."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    wp_role, cp_role = workplace_role(rng, wp), counterpart_role(rng, cp)
    sheet.title(title(rng, is_legacy(deal)))
    sheet.para(
        f"Partijen: {wp.name} ({forms.number(rng, wp.number)}), hierna {wp_role}, en {cp.name} "
        f"({forms.number(rng, cp.number)}), hierna {cp_role}."
    )
    loc = deal.location
    sheet.article(1, "De opdracht", "artikel")
    sheet.para(
        f"De opdracht bestaat uit {deal.activity.with_article()}. Daarvoor worden "
        f"{dutch.count_text(rng, deal.workers)} doelgroepwerknemers ingezet. Zij worden aangestuurd "
        f"door één begeleider van {wp_role}, die niet in dit aantal is begrepen."
    )
    sheet.article(2, "De werkplek", "artikel")
    sheet.para(
        f"De enclave werkt in de gebouwen van {cp_role} in {loc.town}. Het adres is "
        f"{forms.street_line(rng, loc)}, postcode {loc.postcode}. De maatschappelijke zetel van "
        f"{cp_role} ({cp.seat.canonical()}) is niet de plaats van uitvoering."
    )
    sheet.article(3, "De looptijd", "artikel")
    start = forms.date(rng, deal.start, style)
    if deal.end is None:
        sheet.para(f"De overeenkomst vangt aan op {start}. Zij is gesloten voor onbepaalde duur.")
    elif deal.months is not None:
        sheet.para(
            f"De overeenkomst vangt aan op {start}. Zij wordt gesloten voor een periode van "
            f"{dutch.count_words(deal.months)} maanden."
        )
    else:
        sheet.para(
            f"De overeenkomst vangt aan op {start}. Zij eindigt van rechtswege op {forms.date(rng, deal.end, style)}."
        )
    sheet.article(4, "Prijs", "artikel")
    sheet.para(price(rng))
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, wp_role, cp_role)
    return Made([deal], wp.signatory.name, deal.signed or deal.start, sheet, tags=["split_facts"])


@template("client_paper")
def client_paper(rng: random.Random) -> Made:
    """The client writes the contract on its own letterhead; the workplace is "de leverancier"."""
    deal = facts.enclave(rng, Kind.REGULAR_COMPANY)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng)
    wp, cp = deal.workplace, deal.counterpart
    sheet.letterhead(
        [cp.name, cp.seat.street_line, cp.seat.town_line, f"BTW {forms.number(rng, cp.number)}"],
        right=f"Ref. AANK-{rng.randint(1000, 9999)}",
    )
    sheet.footer(
        f"{cp.name} – Algemene aankoopvoorwaarden van toepassing", "Pagina {page} van {pages}"
    )
    sheet.title(
        rng.choice(
            ("Overeenkomst van dienstverlening – enclave", "Dienstverleningsovereenkomst (enclave)")
        )
    )
    sheet.para(
        f"Tussen {cp.name}, hierna “de klant”, met zetel zoals vermeld in de hoofding, "
        f"vertegenwoordigd door {cp.signatory.name}, {cp.signatory.function},"
    )
    sheet.para("en " + forms.identification(rng, wp, "de leverancier"))
    where, deal = forms.location(rng, deal)
    clauses = [
        (
            "Voorwerp",
            f"De leverancier levert diensten aan de klant, met name {deal.activity.with_article()}, "
            f"uitgevoerd door {forms.workers(rng, deal.workers)} in enclave.",
        ),
        ("Plaats van levering", f"De diensten worden geleverd op onze site:\n{where}"),
        ("Looptijd", f"Deze overeenkomst loopt {forms.duration(rng, deal, style)}."),
        (
            "Veiligheid",
            "De leverancier volgt het veiligheidsreglement van de site. Een onthaal- en "
            "veiligheidsinstructie wordt op de eerste werkdag gegeven.",
        ),
        ("Facturatie", price(rng)),
        (
            "Vertrouwelijkheid",
            "De leverancier behandelt alle informatie over de producten en "
            "processen van de klant vertrouwelijk.",
        ),
    ]
    rng.shuffle(clauses)
    for n, (head, body) in enumerate(clauses, start=1):
        sheet.article(n, head, rng.choice(("art", "colon")) if n == 1 else "art")
        sheet.para(body)
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, "de leverancier", "de klant")
    return Made([deal], cp.signatory.name, deal.signed or deal.start, sheet, tags=["client_paper"])


@template("framework_sites_landscape")
def framework_sites_landscape(rng: random.Random) -> Made:
    """A framework agreement with one client; Bijlage 1 lists its sites in a landscape table."""
    first = facts.enclave(rng, Kind.REGULAR_COMPANY, legacy=False)
    deals = [first]
    for _ in range(rng.randint(1, 3)):
        other = facts.enclave(rng, base=first)
        deals.append(
            replace(other, counterpart=first.counterpart, signed=first.signed, place=first.place)
        )
    style = rng.choice(("slash", "dot", "long"))
    sheet = Sheet(rng)
    letterhead(rng, sheet, first)
    wp, cp = first.workplace, first.counterpart
    sheet.title("Raamovereenkomst enclavewerk – meerdere vestigingen")
    sheet.para("Tussen " + forms.identification(rng, wp, "het maatwerkbedrijf"))
    sheet.para("en " + forms.identification(rng, cp, "de klant"))
    sheet.article(1, "Voorwerp", "artikel")
    sheet.para(
        "Het maatwerkbedrijf voert met enclaves werkzaamheden uit in verschillende vestigingen "
        "van de klant. Per vestiging zijn de werkzaamheden, het aantal doelgroepwerknemers en de "
        "looptijd opgenomen in Bijlage 1. Elke regel van de bijlage geldt als afzonderlijke "
        "enclaveovereenkomst onder deze raamovereenkomst."
    )
    sheet.article(2, "Begeleiding", "artikel")
    sheet.para(supervision(rng, "het maatwerkbedrijf"))
    sheet.article(3, "Prijs", "artikel")
    sheet.para(price(rng))
    sheet.para(forms.signature_line(rng, first, style))
    signatures(rng, sheet, first, "het maatwerkbedrijf", "de klant")
    sheet.landscape()
    sheet.heading("Bijlage 1 – Vestigingen en opdrachten", 1)
    rows = [["Vestiging", "Adres", "Werkzaamheden", "Aantal werknemers", "Van", "Tot"]]
    done: list[Enclave] = []
    for n, deal in enumerate(deals, start=1):
        where, deal = forms.location(rng, deal, allow_lines=rng.random() < 0.5)
        done.append(deal)
        rows.append(
            [
                f"Site {n}",
                where,
                cap(deal.activity.text),
                dutch.count_text(rng, deal.workers),
                forms.date(rng, deal.start, style),
                end_text(rng, deal, style),
            ]
        )
    sheet.table(rows, header=True, widths=[2.2, 6.0, 7.5, 2.8, 3.0, 3.0])
    assert first.signed is not None
    return Made(
        done,
        wp.signatory.name,
        first.signed,
        sheet,
        tags=["framework", "annex", "landscape", "multi_contract"],
    )


@template("checkbox_form")
def checkbox_form(rng: random.Random) -> Made:
    """A form with tick boxes for the duration and the kind of client."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    sheet.title("Formulier enclaveovereenkomst")
    where, deal = forms.location(rng, deal)
    on, off = rng.choice((("☒", "☐"), ("[X]", "[ ]"), ("■", "□")))
    public = cp.kind in (Kind.FLEMISH_GOVERNMENT, Kind.OTHER_PUBLIC)
    sheet.heading("Deel A – Partijen", 2)
    sheet.table(
        [
            ["", "Naam", "Ondernemingsnummer", "Adres maatschappelijke zetel"],
            [
                "Maatwerkbedrijf" if not is_legacy(deal) else "Werkplaats",
                wp.name,
                forms.number(rng, wp.number),
                forms.seat(rng, wp),
            ],
            ["Opdrachtgever", cp.name, forms.number(rng, cp.number), forms.seat(rng, cp)],
        ]
    )
    sheet.para(
        f"Type opdrachtgever: {off if public else on} onderneming   {on if public else off} overheid   {off} andere"
    )
    sheet.heading("Deel B – De enclave", 2)
    sheet.para(f"Adres van tewerkstelling (indien verschillend van de zetel):\n{where}")
    sheet.para(f"Omschrijving van de werkzaamheden:\n{deal.activity.text}")
    sheet.para(f"Aantal werknemers in de enclave: {deal.workers}")
    sheet.para(f"Begindatum: {forms.date(rng, deal.start, style)}")
    if deal.end is None:
        sheet.para(f"Duur: {off} bepaalde duur, tot ..................   {on} onbepaalde duur")
    else:
        sheet.para(
            f"Duur: {on} bepaalde duur, tot {forms.date(rng, deal.end, style)}   {off} onbepaalde duur"
        )
    sheet.heading("Deel C – Ondertekening", 2)
    sheet.para(
        f"Plaats: {deal.place}     Datum: {forms.date(rng, deal.signed, style) if deal.signed else '....'}"
    )
    signatures(rng, sheet, deal, workplace_role(rng, wp), "de opdrachtgever")
    return Made(
        [deal], wp.signatory.name, deal.signed or deal.start, sheet, tags=["form", "checkboxes"]
    )


@template("legacy_ondernemingscontract")
def legacy_ondernemingscontract(rng: random.Random) -> Made:
    """An old-regime contract of a sheltered or social workshop, terse and full of abbreviations."""
    deal = facts.enclave(rng, legacy=True)
    style = rng.choice(("slash", "dot", "dash"))
    sheet = Sheet(rng, font="Times New Roman", size=11)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    short = "B.W." if wp.kind is Kind.BESCHUTTE_WERKPLAATS else "S.W."
    sheet.title("Ondernemingscontract – enclavewerking")
    sheet.para(
        f"Tussen de {short} {wp.name}, {forms.seat(rng, wp)}, ond.nr. {forms.number(rng, wp.number)}, "
        f"verder genoemd “de {short}”, en {cp.name}, {forms.seat(rng, cp)}, ond.nr. "
        f"{forms.number(rng, cp.number)}, verder genoemd “de onderneming”, wordt overeengekomen:"
    )
    where, deal = forms.location(rng, deal, allow_lines=False)
    sheet.para(
        f"**Art. 1.** De {short} stelt een enclave van {dutch.count_text(rng, deal.workers)} werknemers "
        f"samen voor {deal.activity.with_article()} in de onderneming."
    )
    sheet.para(f"**Art. 2.** Plaats: {where}.")
    sheet.para(f"**Art. 3.** Het contract loopt {forms.duration(rng, deal, style)}.")
    sheet.para(
        f"**Art. 4.** De werknemers blijven onder het gezag van de {short}; een monitor van de {short} is steeds aanwezig."
    )
    sheet.para("**Art. 5.** Een afschrift van dit contract wordt aan het agentschap bezorgd.")
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, f"de {short}", "de onderneming")
    return Made([deal], wp.signatory.name, deal.signed or deal.start, sheet, tags=["legacy"])


@template("party_blocks_side_by_side")
def party_blocks_side_by_side(rng: random.Random) -> Made:
    """Each party's full address block in its own cell of a borderless two-column table."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    wp_role, cp_role = workplace_role(rng, wp), counterpart_role(rng, cp)
    sheet.title(title(rng, is_legacy(deal)))
    left = f"**{wp_role.upper()}**\n{wp.name}\n{wp.seat.street_line}\n{wp.seat.town_line}\n{forms.number_label(rng)} {forms.number(rng, wp.number)}\nvertegenwoordigd door {wp.signatory.name}"
    right = f"**{cp_role.upper()}**\n{cp.name}\n{cp.seat.street_line}\n{cp.seat.town_line}\n{forms.number_label(rng)} {forms.number(rng, cp.number)}\nvertegenwoordigd door {cp.signatory.name}"
    if rng.random() < 0.4:
        left, right = right, left
    sheet.table([[left, right]], header=False, borders=False)
    sheet.para("")
    where, deal = forms.location(rng, deal)
    sheet.article(1, "Voorwerp", "caps")
    sheet.para(f"{cap(cp_role)} doet een beroep op {wp_role} voor {deal.activity.with_article()}.")
    sheet.article(2, "Werkplek", "caps")
    sheet.para(f"Plaats van tewerkstelling (verschillend van de zetel):\n{where}")
    sheet.article(3, "Bezetting", "caps")
    sheet.para(f"De enclave telt {forms.workers(rng, deal.workers)}, aangevuld met een begeleider.")
    sheet.article(4, "Duur", "caps")
    sheet.para(f"De overeenkomst geldt {forms.duration(rng, deal, style)}.")
    sheet.article(5, "Opzegging", "caps")
    sheet.para(notice(rng))
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, wp_role, cp_role)
    return Made(
        [deal],
        wp.signatory.name,
        deal.signed or deal.start,
        sheet,
        tags=["parties_side_by_side", "table"],
    )


@template("paragraph_signs")
def paragraph_signs(rng: random.Random) -> Made:
    """A care-home or school client; clauses as "§ 1.", the address with a box ("Kouter 7/b3")."""
    deal = facts.enclave(rng, Kind.NONPROFIT)
    if deal.location.box is None:
        deal = replace(deal, location=replace(deal.location, box=str(rng.randint(1, 9))))
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    sheet.title(title(rng, is_legacy(deal)))
    sheet.para("Tussen " + forms.identification(rng, cp, "de organisatie"))
    sheet.para("en " + forms.identification(rng, wp, "de partner"))
    where, deal = forms.location(rng, deal)
    paragraphs = [
        f"De partner voert in enclave {deal.activity.with_article()} uit voor de organisatie.",
        f"De enclave bestaat uit {forms.workers(rng, deal.workers)}.",
        f"De prestaties gebeuren op de campus van de organisatie:\n{where}",
        f"De samenwerking loopt {forms.duration(rng, deal, style)}.",
        supervision(rng, "de partner"),
    ]
    for n, text in enumerate(paragraphs, start=1):
        sheet.para(f"§ {n}. {text}")
    sheet.para(forms.signature_line(rng, deal, style))
    signatures(rng, sheet, deal, "de partner", "de organisatie")
    return Made(
        [deal],
        wp.signatory.name,
        deal.signed or deal.start,
        sheet,
        tags=["paragraph_signs", "box_address"],
    )


@template("summary_sheet")
def summary_sheet(rng: random.Random) -> Made:
    """A one-page summary with tab-aligned "Label : value" lines and a note with other dates."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    sheet.title("Samenvatting enclaveovereenkomst")
    where, deal = forms.location(rng, deal, allow_lines=False)
    lines = [
        ("Opdrachtgever", cp.name),
        ("KBO opdrachtgever", forms.number(rng, cp.number)),
        ("Uitvoerder", f"{wp.name}, {forms.number(rng, wp.number)}"),
        ("Werkadres", where),
        ("Activiteit", deal.activity.text),
        ("Bezetting", forms.workers(rng, deal.workers)),
        ("Looptijd", cap(forms.duration(rng, deal, style))),
        ("Ondertekend op", forms.date(rng, deal.signed, style) if deal.signed else "-"),
    ]
    for label, value in lines:
        sheet.para(f"{label}\t:\t{value}")
    sheet.para(
        f"Opmerking: de evaluatie volgt na {rng.choice((3, 6))} maanden; de vorige samenwerking met "
        f"deze klant liep af op {forms.date(rng, dutch.add_months(deal.start, -rng.randint(8, 20)), style)}."
    )
    return Made(
        [deal], wp.signatory.name, deal.signed or deal.start, sheet, tags=["summary", "labels"]
    )


@template("agency_two_columns")
def agency_two_columns(rng: random.Random) -> Made:
    """An agency's agreement with recitals, set in two hyphenated columns."""
    deal = facts.enclave(rng, Kind.FLEMISH_GOVERNMENT, legacy=False)
    style = rng.choice(("long", "words", "slash"))
    sheet = Sheet(rng, size=9.5)
    ag, wp = deal.counterpart, deal.workplace
    sheet.letterhead(["Vlaamse overheid", ag.name])
    sheet.footer("", "{page}")
    sheet.title("Overeenkomst enclavewerk")
    sheet.columns(2)
    sheet.para(
        f"Tussen het {ag.name}, intern verzelfstandigd agentschap, {forms.seat(rng, ag)}, "
        f"{forms.number_label(rng)} {forms.number(rng, ag.number)}, hierna het Agentschap, en "
        + forms.identification(rng, wp, "het maatwerkbedrijf")
    )
    sheet.para("Gelet op het decreet van 12 juli 2013 betreffende de maatwerkbedrijven;")
    sheet.para(
        "Overwegende dat het Agentschap in zijn beleidsplan heeft opgenomen dat het "
        "samenwerkt met de sociale economie;"
    )
    sheet.para("Overwegende dat een opdracht in enclave het meest geschikt is;")
    where, deal = forms.location(rng, deal)
    sheet.para(
        f"**Artikel 1.** Het maatwerkbedrijf staat in voor {deal.activity.with_article()} "
        f"met {forms.workers(rng, deal.workers)}."
    )
    sheet.para(f"**Artikel 2.** Plaats van uitvoering: {where}.")
    sheet.para(f"**Artikel 3.** Deze overeenkomst loopt {forms.duration(rng, deal, style)}.")
    sheet.para(f"**Artikel 4.** {price(rng)}")
    sheet.para(f"**Artikel 5.** {notice(rng)}")
    sheet.para(forms.signature_line(rng, deal, style))
    sheet.para(f"Voor het Agentschap,\n{ag.signatory.name}\n{ag.signatory.function}", align="left")
    sheet.para(
        f"Voor het maatwerkbedrijf,\n{wp.signatory.name}\n{wp.signatory.function}", align="left"
    )
    return Made(
        [deal],
        ag.signatory.name,
        deal.signed or deal.start,
        sheet,
        tags=["government", "two_columns", "recitals"],
    )
