"""Letters, forms and e-mails: confirmation to the client, a questionnaire, mails with the facts.

Here the facts are told rather than stipulated: "Hierbij bevestigen wij ...", an answer on
the line after its question, a mail body with the data, or a mail with a DOCX attached.
"""

from __future__ import annotations

import random

from samples.office import dutch, facts, forms, world
from samples.office.docxkit import Sheet
from samples.office.facts import Enclave
from samples.office.kit import REGISTRY, Made, cap, domain, is_legacy, template
from samples.office.mailkit import MAILBOX, mail
from samples.office.tpl_articles import letterhead


def start_phrase(rng: random.Random, deal: Enclave, style: str) -> str:
    """The start as a letter writes it, sometimes "1 maart e.k." (the coming 1 March)."""
    if deal.signed is not None and rng.random() < 0.35:
        return f"{deal.start.day} {dutch.MONTHS[deal.start.month - 1]} e.k."
    return forms.date(rng, deal.start, style)


def term_sentence(rng: random.Random, deal: Enclave, style: str) -> str:
    """The term after the start has been given: its end, its length or open-ended."""
    if deal.end is None:
        return rng.choice(
            (
                "De samenwerking geldt voor onbepaalde duur.",
                "Er werd geen einddatum afgesproken (onbepaalde duur).",
            )
        )
    if deal.months is not None:
        return f"De opdracht loopt {dutch.count_words(deal.months)} maanden."
    return f"De opdracht loopt tot en met {forms.date(rng, deal.end, style)}."


@template("confirmation_letter")
def confirmation_letter(rng: random.Random) -> Made:
    """A letter to the client confirming the agreed enclave, to be signed for agreement."""
    deal = facts.enclave(rng)
    style = rng.choice(("long", "long", "slash"))
    sheet = Sheet(rng, justify=rng.random() < 0.4)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    assert deal.signed is not None
    sheet.para(
        f"{cp.name}\nT.a.v. {cp.signatory.title} {cp.signatory.name}\n{cp.seat.street_line}\n{cp.seat.town_line}",
        align="left",
    )
    sheet.para(f"{wp.seat.town}, {forms.date(rng, deal.signed, 'long')}", align="right")
    sheet.para(f"**Betreft:** bevestiging enclave – {deal.activity.text}", align="left")
    salutation = "Geachte heer" if cp.signatory.title == "de heer" else "Geachte mevrouw"
    sheet.para(f"{salutation} {cp.signatory.name.split()[-1]},", align="left")
    where, deal = forms.location(rng, deal, allow_lines=False)
    start = start_phrase(rng, deal, style)
    team = forms.workers(rng, deal.workers)
    verb = "zal" if team.startswith("een ") else "zullen"
    sheet.para(
        f"Hierbij bevestigen wij de afspraken die we maakten tijdens ons overleg. Vanaf {start} {verb} "
        f"{team} van onze organisatie in uw vestiging {where} instaan "
        f"voor {deal.activity.with_article()}. {term_sentence(rng, deal, style)}"
    )
    sheet.para(
        f"De werknemers blijven in dienst van {wp.name} en worden permanent begeleid door een van "
        "onze begeleiders. Uw ondernemingsnummer zoals wij het in onze administratie opnemen: "
        f"{forms.number(rng, cp.number)}."
    )
    sheet.para(
        "Gelieve een exemplaar van deze brief voor akkoord ondertekend aan ons terug te bezorgen. "
        "Voor vragen kan u steeds bij ons terecht."
    )
    sheet.para("Met vriendelijke groeten,", align="left")
    sheet.para(f"\n{wp.signatory.name}\n{cap(wp.signatory.function)}", align="left")
    sheet.para(f"Voor akkoord, {cp.name}\n(datum en handtekening)", align="left")
    return Made(
        [deal], wp.signatory.name, deal.signed or deal.start, sheet, tags=["letter", "told"]
    )


@template("question_form")
def question_form(rng: random.Random) -> Made:
    """An intake form: each question on its line, its answer on the next."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    sheet = Sheet(rng, justify=False)
    letterhead(rng, sheet, deal)
    wp, cp = deal.workplace, deal.counterpart
    sheet.title(
        rng.choice(("Fiche enclave", "Aanmelding enclaveopdracht", "Vragenlijst nieuwe enclave"))
    )
    where, deal = forms.location(rng, deal, allow_lines=False)
    end = "Onbepaalde duur" if deal.end is None else forms.date(rng, deal.end, style)
    qa = [
        (
            "Welk maatwerkbedrijf voert de opdracht uit?"
            if not is_legacy(deal)
            else "Welke werkplaats voert de opdracht uit?",
            f"{wp.name} – {forms.number_label(rng)} {forms.number(rng, wp.number)}",
        ),
        ("Wie is de opdrachtgever?", f"{cp.name}, {forms.seat(rng, cp)}"),
        ("Ondernemingsnummer van de opdrachtgever?", forms.number(rng, cp.number)),
        ("Welke werkzaamheden worden uitgevoerd?", cap(deal.activity.text)),
        ("Waar worden de werkzaamheden uitgevoerd?", where),
        (
            "Hoeveel doelgroepwerknemers worden ingezet?",
            rng.choice((str(deal.workers), forms.workers(rng, deal.workers))),
        ),
        ("Wanneer start de enclave?", forms.date(rng, deal.start, style)),
        ("Tot wanneer loopt de enclave?", end),
        (
            "Wanneer werd de overeenkomst ondertekend?",
            forms.date(rng, deal.signed, style) if deal.signed else "-",
        ),
        ("Wie begeleidt de ploeg?", f"{world.person(rng, ('begeleider',)).name} (begeleider)"),
    ]
    head = qa[:2]
    rest = qa[2:]
    rng.shuffle(rest)
    same_paragraph = rng.random() < 0.5
    numbered = rng.random() < 0.5
    for n, (question, answer) in enumerate(head + rest, start=1):
        q = f"{n}. {question}" if numbered else question
        if same_paragraph:
            sheet.para(f"**{q}**\n{answer}")
        else:
            sheet.para(q, bold=True)
            sheet.para(answer)
    sheet.para(
        f"Ingevuld door {wp.signatory.name}, {forms.date(rng, deal.signed or deal.start, style)}"
    )
    return Made(
        [deal], wp.signatory.name, deal.signed or deal.start, sheet, tags=["questions", "form"]
    )


def sender(rng: random.Random, deal: Enclave) -> tuple[str, str]:
    """A staff member of the workplace and their address."""
    who = world.person(rng, ("administratief medewerker", "jobcoach", "verantwoordelijke enclaves"))
    first, _, last = who.name.partition(" ")
    return who.name, f"{first.lower()}.{last.lower().replace(' ', '')}@{domain(deal.workplace)}"


def mail_signature(rng: random.Random, deal: Enclave, name: str) -> str:
    """A mail signature with the workplace's seat (not the work location)."""
    wp = deal.workplace
    return (
        f"{name}\n{rng.choice(('Administratie', 'Dienst enclaves', 'Jobcoaching'))}\n{wp.name}\n"
        f"{wp.seat.street_line} | {wp.seat.town_line}\nT {world.phone(rng)}"
    )


@template("mail_body", kind="eml")
def mail_body(rng: random.Random) -> Made:
    """A mail to the department with the contract's facts in its body, no attachment."""
    deal = facts.enclave(rng)
    style = dutch.pick_date_style(rng)
    name, address = sender(rng, deal)
    wp, cp = deal.workplace, deal.counterpart
    where, deal = forms.location(rng, deal, allow_lines=False)
    assert deal.signed is not None
    if rng.random() < 0.5:
        facts_text = "\n".join(
            (
                f"Opdrachtgever: {cp.name} ({forms.number_label(rng)} {forms.number(rng, cp.number)})",
                f"Adres tewerkstelling: {where}",
                f"Werkzaamheden: {deal.activity.text}",
                f"Aantal werknemers: {deal.workers}",
                f"Startdatum: {forms.date(rng, deal.start, style)}",
                f"Einddatum: {forms.date(rng, deal.end, style) if deal.end else 'onbepaalde duur'}",
                f"Datum ondertekening: {forms.date(rng, deal.signed, style)}",
            )
        )
    else:
        facts_text = (
            f"Wij sloten op {forms.date(rng, deal.signed, style)} een enclaveovereenkomst met {cp.name}, "
            f"ondernemingsnummer {forms.number(rng, cp.number)}. Een ploeg van {deal.workers} medewerkers "
            f"zal er instaan voor {deal.activity.with_article()}, {forms.duration(rng, deal, style)}. "
            f"De werkplek is {where}."
        )
    body = (
        f"{rng.choice(('Beste', 'Goedemorgen', 'Geachte', 'Dag'))},\n\n"
        f"Hierbij melden wij, {wp.name} (KBO {forms.number(rng, wp.number)}), een nieuwe enclave.\n\n"
        f"{facts_text}\n\n"
        "Gelieve ons een ontvangstbevestiging te bezorgen. De ondertekende overeenkomst houden wij "
        "ter beschikking.\n\n"
        f"Met vriendelijke groeten,\n\n{mail_signature(rng, deal, name)}\n"
    )
    subject = rng.choice(
        (f"Nieuwe enclave {cp.short}", f"Melding enclave – {cp.name}", "aanmelding enclavecontract")
    )
    data = mail(rng, (name, address), MAILBOX, subject, body, deal.signed)
    return Made([deal], name, deal.signed, mail=data, tags=["mail_body"])


@template("mail_docx", kind="eml")
def mail_docx(rng: random.Random) -> Made:
    """A short mail with a Word contract (from another template) attached."""
    choices = [t for t in REGISTRY if t.kind == "docx" and t.is_contract]
    inner = rng.choice(choices)
    made = inner.build(rng)
    assert made.sheet is not None
    deal = made.deals[0]
    name, address = sender(rng, deal)
    cp = deal.counterpart
    filename = rng.choice(
        (
            f"Enclavecontract {cp.short}.docx",
            f"overeenkomst_{cp.short.lower().replace(' ', '_')}.docx",
            "contract enclave.docx",
        )
    )
    body = (
        f"{rng.choice(('Beste', 'Goedemiddag', 'Geachte heer, mevrouw'))},\n\n"
        f"In bijlage vindt u de enclaveovereenkomst met {cp.name}.\n"
        "Mogen wij u vragen de ontvangst te bevestigen?\n\n"
        f"Met vriendelijke groeten,\n\n{mail_signature(rng, deal, name)}\n"
    )
    when = made.when
    data = mail(
        rng,
        (name, address),
        MAILBOX,
        rng.choice(("Enclavecontract", f"Enclave {cp.short}", "overeenkomst enclave")),
        body,
        when,
        (filename, made.sheet.to_bytes(made.author, when)),
    )
    return Made(
        made.deals,
        name,
        when,
        mail=data,
        tags=["mail_attachment", f"inner_{inner.name}", *made.tags],
    )
