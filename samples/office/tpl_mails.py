"""More e-mails: a forwarded client confirmation, several enclaves in one body, and a question
about a planned enclave that is no contract yet.
"""

from __future__ import annotations

import datetime as dt
import random

from samples.office import dutch, facts, forms, world
from samples.office.facts import Enclave
from samples.office.kit import Made, domain, template
from samples.office.mailkit import MAILBOX, mail
from samples.office.tpl_letters import mail_signature, sender, start_phrase


def _client_address(deal: Enclave) -> tuple[str, str]:
    """The client's signatory and a mail address at the client."""
    who = deal.counterpart.signatory
    first, _, last = who.name.partition(" ")
    return (
        who.name,
        f"{first[0].lower()}.{last.lower().replace(' ', '')}@{domain(deal.counterpart)}",
    )


@template("mail_forward", kind="eml")
def mail_forward(rng: random.Random) -> Made:
    """The workplace forwards the client's confirmation mail, which holds the facts."""
    deal = facts.enclave(rng)
    style = rng.choice(("long", "slash", "weekday"))
    assert deal.signed is not None
    name, address = sender(rng, deal)
    client_name, client_address = _client_address(deal)
    wp, cp = deal.workplace, deal.counterpart
    where, deal = forms.location(rng, deal, allow_lines=False)
    if deal.end is None:
        term = "De samenwerking is van onbepaalde duur."
    else:
        term = f"De samenwerking loopt tot en met {forms.date(rng, deal.end, style)}."
    inner = (
        f"Beste {name.split()[0]},\n\n"
        f"Hierbij bevestig ik namens {cp.name} (BTW {forms.number(rng, cp.number)}) dat wij vanaf "
        f"{start_phrase(rng, deal, style)} beroep doen op {forms.workers(rng, deal.workers)} van "
        f"{wp.name} voor {deal.activity.with_article()}. {term} De ploeg werkt in onze vestiging "
        f"{where}.\n\n"
        f"Met vriendelijke groeten,\n{client_name}\n{deal.counterpart.signatory.function}\n{cp.name}\n"
        f"{cp.seat.street_line} - {cp.seat.town_line}\n"
    )
    outer_date = deal.signed + dt.timedelta(days=rng.randint(1, 4))
    body = (
        f"{rng.choice(('Beste', 'Goeiemiddag', 'Dag collega'))},\n\n"
        "Hieronder de bevestiging van onze klant voor de nieuwe enclave; die geldt als "
        f"overeenkomst. Ons ondernemingsnummer is {forms.number(rng, wp.number)}.\n\n"
        f"Mvg,\n{mail_signature(rng, deal, name)}\n\n"
        "---------- Doorgestuurd bericht ---------\n"
        f"Van: {client_name} <{client_address}>\n"
        f"Datum: {dutch.WEEKDAYS[deal.signed.weekday()]} {dutch.long_date(deal.signed)} om {rng.randint(8, 17)}:{rng.randint(10, 59)}\n"
        f"Aan: {name} <{address}>\n"
        f"Onderwerp: Re: enclave {cp.short}\n\n{inner}"
    )
    data = mail(rng, (name, address), MAILBOX, f"Fwd: Re: enclave {cp.short}", body, outer_date)
    return Made([deal], name, outer_date, mail=data, tags=["mail_body", "forwarded"])


@template("mail_several_in_body", kind="eml")
def mail_several_in_body(rng: random.Random) -> Made:
    """One mail announcing two or three enclaves of the same workplace, one block each."""
    first = facts.enclave(rng, legacy=False)
    deals = [first]
    while len(deals) < rng.randint(2, 3):
        extra = facts.enclave(rng, base=first)
        if all(extra.counterpart.short != d.counterpart.short for d in deals):
            deals.append(extra)
    style = dutch.pick_date_style(rng)
    name, address = sender(rng, first)
    blocks = []
    done = []
    for n, deal in enumerate(deals, start=1):
        where, deal = forms.location(rng, deal, allow_lines=False)
        done.append(deal)
        cp = deal.counterpart
        assert deal.signed is not None
        end = forms.date(rng, deal.end, style) if deal.end else "onbepaalde duur"
        blocks.append(
            f"{n}) {cp.name} – KBO {forms.number(rng, cp.number)}\n"
            f"   Werkplek: {where}\n"
            f"   Werkzaamheden: {deal.activity.text}\n"
            f"   Aantal: {deal.workers} medewerkers\n"
            f"   Periode: {forms.date(rng, deal.start, style)} – {end}\n"
            f"   Ondertekend op: {forms.date(rng, deal.signed, style)}"
        )
    when = max(d.signed for d in done if d.signed) + dt.timedelta(days=rng.randint(0, 3))
    wp = first.workplace
    body = (
        f"{rng.choice(('Beste', 'Geachte', 'Goedemorgen'))},\n\n"
        f"Gelieve hieronder de nieuwe enclaves van {wp.name} ({forms.number(rng, wp.number)}) te "
        "vinden. De overeenkomsten zelf bewaren wij in ons dossier.\n\n"
        + "\n\n".join(blocks)
        + f"\n\nMet vriendelijke groeten,\n\n{mail_signature(rng, first, name)}\n"
    )
    data = mail(rng, (name, address), MAILBOX, f"Nieuwe enclaves {wp.short}", body, when)
    return Made(done, name, when, mail=data, tags=["mail_body", "multi_contract"])


@template("mail_question", kind="eml", contract=False)
def mail_question(rng: random.Random) -> Made:
    """A question about a planned enclave: parties and numbers, but no agreement."""
    deal = facts.enclave(rng)
    name, address = sender(rng, deal)
    when = deal.start - dt.timedelta(days=rng.randint(40, 90))
    body = (
        f"{rng.choice(('Beste', 'Geachte', 'Dag'))},\n\n"
        f"Wij zijn in gesprek met {deal.counterpart.name} over een mogelijke enclave vanaf "
        f"{forms.date(rng, deal.start)} met een {deal.workers}-tal medewerkers voor "
        f"{deal.activity.with_article()}. Er is nog niets ondertekend.\n\n"
        "Mag een enclave ook starten vooraleer de overeenkomst bij u gemeld is? En volstaat een "
        "bevestiging per mail van de klant, of is een ondertekend contract nodig?\n\n"
        f"Alvast bedankt voor uw antwoord.\n\nMet vriendelijke groeten,\n\n{mail_signature(rng, deal, name)}\n"
    )
    cc = (world.person(rng, ("directeur",)).name, f"directie@{domain(deal.workplace)}")
    data = mail(rng, (name, address), MAILBOX, "Vraag over melding enclave", body, when, cc=cc)
    return Made([], name, when, mail=data, tags=["question"], is_contract=False)
