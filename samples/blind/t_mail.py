"""Templates: e-mails from a workplace with the contract data in the body (.eml)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from samples.blind.facts import Deal
from samples.blind.phrases import kind_word
from samples.blind.registry import Built, template
from samples.blind.render import Style

DEPARTMENT = "enclaves@departement-wse.example"


def _mail(s: Style, d: Deal, subject: str, text: str, html: str | None = None) -> EmailMessage:
    wp = d.workplace
    msg = EmailMessage()
    msg["From"] = f"{wp.person} <{wp.person.split()[0].lower()}@{wp.domain}>"
    msg["To"] = DEPARTMENT
    msg["Subject"] = subject
    sent = datetime.combine(
        (d.signed or d.start) + timedelta(days=s.rng.randint(1, 4)),
        time(s.rng.randint(8, 17), s.rng.randint(0, 59)),
    )
    msg["Date"] = format_datetime(sent.replace(tzinfo=ZoneInfo("Europe/Brussels")))
    msg["Message-ID"] = f"<{s.rng.getrandbits(64):016x}@{wp.domain}>"
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    s.tags.add("email_body")
    return msg


def _signature(d: Deal) -> str:
    wp = d.workplace
    return f"\n\nMet vriendelijke groeten,\n\n{wp.person}\n{wp.function}\n{wp.name}\n"


@template("eml_prose", output="eml", faults=("bad_check_digits", "missing_work_location"))
def eml_prose(s: Style, deals: list[Deal]) -> Built:
    """A plain-text mail announcing a new enclave in a few sentences."""
    d = deals[0]
    cp = d.counterpart
    kbo = f" (ondernemingsnummer {s.number(cp.number)})" if cp.number else ""
    loc = f" De ploeg werkt {s.location_phrase(d.location)}." if d.location else ""
    signed = f" Het contract werd ondertekend op {s.date(d.signed)}." if d.signed else ""
    text = (
        f"Beste,\n\nHierbij melden wij een nieuwe enclave van {d.workplace.name} "
        f"({kind_word(d.workplace)}, KBO {s.number(d.workplace.number)}) bij {cp.name}{kbo}."
        f"{loc}\nHet gaat om {d.nature}, met {s.workers(d.workers)} "
        f"doelgroepwerknemers. De enclave loopt {s.duration(d)}.{signed}" + _signature(d)
    )
    return _mail(s, d, f"Nieuwe enclave {cp.name}", text)


@template("eml_labelled", output="eml")
def eml_labelled(s: Style, deals: list[Deal]) -> Built:
    """A mail whose body lists the facts as 'Label: value' lines."""
    d = deals[0]
    cp = d.counterpart
    lines = [
        f"Werkplaats: {d.workplace.name}",
        f"Ondernemingsnummer: {s.number(d.workplace.number)}",
        f"Opdrachtgever: {cp.name}",
    ]
    if cp.number:
        lines.append(f"KBO opdrachtgever: {s.number(cp.number)}")
    if d.location:
        lines.append(f"Adres enclave: {s.address(d.location)}")
    lines += [
        f"Werkzaamheden: {d.nature}",
        f"Aantal doelgroepwerknemers: {d.workers}",
        f"Startdatum: {s.date(d.start)}",
    ]
    s.tags.add("workers_digits")
    if d.end is None:
        s.tags.add("duration_indefinite")
        lines.append("Einddatum: onbepaalde duur")
    else:
        s.tags.add("duration_until")
        lines.append(f"Einddatum: {s.date(d.end)}")
    if d.signed:
        lines.append(f"Datum ondertekening: {s.date(d.signed)}")
    text = (
        "Geachte,\n\nHieronder vindt u de gegevens van ons nieuwe enclavecontract. Het "
        "ondertekende contract volgt per post.\n\n" + "\n".join(lines) + _signature(d)
    )
    return _mail(s, d, "Melding enclavecontract", text)


@template("eml_html_table", output="eml", tags=("table",))
def eml_html_table(s: Style, deals: list[Deal]) -> Built:
    """An HTML mail with a two-column table, and its plain-text alternative."""
    d = deals[0]
    cp = d.counterpart
    rows = [
        ("Werkplaats", d.workplace.name),
        ("KBO werkplaats", s.number(d.workplace.number)),
        ("Klant", cp.name),
        ("KBO klant", s.number(cp.number) or "-"),
    ]
    if d.location:
        rows.append(("Werkadres", s.address(d.location)))
    rows += [("Opdracht", d.nature), ("Aantal", s.workers(d.workers)), ("Duur", s.duration(d))]
    if d.signed:
        rows.append(("Ondertekend", s.date(d.signed)))
    text = "Beste,\n\nOnze nieuwe enclave:\n\n" + "\n".join(f"{k}: {v}" for k, v in rows)
    html = (
        "<html><body><p>Beste,</p><p>Onze nieuwe enclave:</p><table border='1'>"
        + "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
        + "</table>"
        + _signature(d).replace("\n", "<br>")
        + "</body></html>"
    )
    return _mail(s, d, "Enclave " + cp.name, text + _signature(d), html)


@template("eml_forwarded", output="eml", tags=("forwarded_text",), faults=())
def eml_forwarded(s: Style, deals: list[Deal]) -> Built:
    """A colleague forwards the client's confirmation; the facts are in the quoted part."""
    d = deals[0]
    cp = d.counterpart
    loc = f"Jullie ploeg mag starten {s.location_phrase(d.location)}. " if d.location else ""
    quoted = (
        f"Van: {cp.person} <{cp.person.split()[0].lower()}@{cp.domain}>\n"
        f"Aan: {d.workplace.person}\nOnderwerp: akkoord enclave\n\n"
        f"Beste {d.workplace.person.split()[0]},\n\nWij gaan akkoord met de enclave van "
        f"{d.workplace.name} bij {cp.name}. {loc}Het werk bestaat uit {d.nature}. "
        f"We rekenen op {s.workers(d.workers)} mensen, {s.duration(d)}.\n\n{cp.person}"
    )
    text = (
        f"Goedemorgen,\n\nHieronder de bevestiging van onze klant voor een nieuwe enclave. "
        f"Ons ondernemingsnummer is {s.number(d.workplace.number)}"
        + (f", dat van de klant {s.number(cp.number)}." if cp.number else ".")
        + "\n\n---------- Doorgestuurd bericht ----------\n"
        + quoted
        + _signature(d)
    )
    d.signed = None
    return _mail(s, d, "Fwd: akkoord enclave", text)
