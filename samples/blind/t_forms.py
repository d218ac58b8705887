"""Templates: the department's own forms, filled in by the workplaces in Word."""

from __future__ import annotations

from samples.blind import docbuild as db
from samples.blind.facts import Deal
from samples.blind.phrases import kind_word
from samples.blind.registry import Built, template
from samples.blind.render import Style

DEPT = "Departement Werk en Sociale Economie"
DEPT_UNIT = "Afdeling Sociale Economie en Werkervaring"


def _duration_value(s: Style, d: Deal) -> tuple[str, str]:
    start = s.date(d.start)
    if d.end is None:
        s.tags.add("duration_indefinite")
        return start, "onbepaalde duur"
    if d.months:
        s.tags.add("duration_months")
        return start, f"{d.months} maanden"
    return start, s.date(d.end)


def _form_rows(s: Style, d: Deal) -> list[list[str]]:
    start, end = _duration_value(s, d)
    cp = d.counterpart
    rows = [
        ["Naam van de werkplaats", d.workplace.name],
        ["Ondernemingsnummer werkplaats", s.number(d.workplace.number)],
        ["Erkend als", kind_word(d.workplace)],
        ["Naam van de opdrachtgever", cp.name],
        ["Ondernemingsnummer opdrachtgever", s.number(cp.number) if cp.number else "/"],
        ["Adres maatschappelijke zetel opdrachtgever", s.address(cp.seat)],
        ["Adres van de uitvoeringsplaats", s.address(d.location) if d.location else ""],
        ["Aard van de werkzaamheden", d.nature[0].upper() + d.nature[1:]],
        ["Aantal doelgroepwerknemers", s.workers(d.workers)],
        ["Begindatum", start],
        ["Einddatum of duur", end],
    ]
    if d.signed:
        rows.append(["Datum ondertekening", s.date(d.signed)])
    d.nature = d.nature[0].upper() + d.nature[1:]
    return rows


@template(
    "dept_form_table",
    tags=("form", "table"),
    faults=("bad_check_digits", "missing_work_location", "same_entity"),
)
def dept_form_table(s: Style, deals: list[Deal]) -> Built:
    """The department form: a two-column grid of labels and values."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Sans", 10)
    db.header(doc.sections[0], [DEPT, DEPT_UNIT], db.RIGHT)
    db.para(doc, "Melding van een enclaveovereenkomst", bold=True, size=14)
    db.para(
        doc,
        "In te vullen door de werkplaats en samen met de ondertekende overeenkomst "
        "te bezorgen aan het departement.",
        italic=True,
        size=9,
    )
    db.table(doc, _form_rows(s, d), widths_cm=[6.5, 10])
    db.para(doc)
    db.para(doc, f"Handtekening {d.workplace.person}, {d.workplace.function}")
    return doc


@template(
    "dept_form_lines",
    tags=("form", "labelled_lines"),
    faults=("bad_check_digits", "missing_work_location"),
)
def dept_form_lines(s: Style, deals: list[Deal]) -> Built:
    """The form as labelled lines ('Label: value'), sections in bold."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Serif", 11)
    db.header(doc.sections[0], [DEPT], db.CENTER)
    db.para(doc, "AANVRAAGFORMULIER ENCLAVEWERKING", bold=True, align=db.CENTER, size=13)
    rows = _form_rows(s, d)
    sections = {0: "1. Werkplaats", 3: "2. Opdrachtgever", 6: "3. De enclave"}
    for i, (label, value) in enumerate(rows):
        if i in sections:
            db.para(doc, sections[i], bold=True, space_after=2)
        if value:
            db.labelled(doc, f"{label}:", value)
    return doc


@template("dept_form_questions", tags=("form", "question_next_line"), faults=("bad_check_digits",))
def dept_form_questions(s: Style, deals: list[Deal]) -> Built:
    """A questionnaire: each answer on the line after its question."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Sans", 10.5)
    db.para(doc, f"{DEPT} \u2013 vragenlijst enclave", bold=True, size=12)
    start, end = _duration_value(s, d)
    cp = d.counterpart
    qa = [
        (
            "Wie is de werkplaats die de enclave organiseert?",
            f"{d.workplace.name}, ondernemingsnummer {s.number(d.workplace.number)}",
        ),
        (
            "Bij welke organisatie gaat de enclave aan de slag?",
            cp.name + (f" \u2013 KBO {s.number(cp.number)}" if cp.number else ""),
        ),
        (
            "Op welk adres worden de werkzaamheden uitgevoerd?",
            s.address(d.location) if d.location else "zie bijlage",
        ),
        ("Welke werkzaamheden zal de enclave uitvoeren?", d.nature),
        ("Hoeveel doelgroepwerknemers worden ingezet?", s.workers(d.workers)),
        ("Vanaf wanneer start de enclave?", start),
        ("Tot wanneer loopt de overeenkomst?", end),
    ]
    if d.signed:
        qa.append(("Wanneer werd de overeenkomst ondertekend?", s.date(d.signed)))
    for i, (q, a) in enumerate(qa, 1):
        db.para(doc, f"{i}. {q}", bold=True, space_after=0)
        db.para(doc, a, space_after=8)
    return doc


@template("dept_form_checkboxes", tags=("form", "checkboxes"))
def dept_form_checkboxes(s: Style, deals: list[Deal]) -> Built:
    """A form with tick boxes for the kind of workplace and the duration."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Sans", 10)
    db.header(doc.sections[0], [DEPT, "Enclavewerking \u2013 formulier E1"], db.RIGHT)
    db.para(doc, "Formulier E1 \u2013 Kennisgeving enclavecontract", bold=True, size=13)
    kinds = ["beschutte werkplaats", "sociale werkplaats", "maatwerkbedrijf"]
    boxes = "   ".join(("\u2612 " if k == kind_word(d.workplace) else "\u2610 ") + k for k in kinds)
    db.labelled(doc, "Type werkplaats:", boxes)
    db.labelled(doc, "Naam:", d.workplace.name)
    db.labelled(doc, "KBO-nummer:", s.number(d.workplace.number))
    db.labelled(doc, "Ontvangende organisatie:", d.counterpart.name)
    if d.counterpart.number:
        db.labelled(doc, "KBO-nummer:", s.number(d.counterpart.number))
    if d.location:
        db.labelled(doc, "Plaats van tewerkstelling:", s.address(d.location))
    db.labelled(doc, "Omschrijving opdracht:", d.nature)
    db.labelled(doc, "Aantal werknemers enclave:", s.workers(d.workers))
    db.labelled(doc, "Startdatum:", s.date(d.start))
    if d.end is None:
        s.tags.add("duration_indefinite")
        db.labelled(doc, "Duur:", "\u2612 onbepaalde duur   \u2610 bepaalde duur tot ........")
    else:
        s.tags.add("duration_until")
        db.labelled(
            doc, "Duur:", f"\u2610 onbepaalde duur   \u2612 bepaalde duur tot {s.date(d.end)}"
        )
    if d.signed:
        db.labelled(doc, "Datum en handtekening:", s.date(d.signed))
    return doc


@template("dept_form_two_columns", tags=("form", "two_columns"))
def dept_form_two_columns(s: Style, deals: list[Deal]) -> Built:
    """The labelled form flowing in two newspaper columns."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Sans", 9.5, margin_cm=1.6)
    db.para(doc, "Enclave \u2013 melding aan het departement", bold=True, size=13)
    section = db.continuous_section(doc)
    db.columns(section, 2)
    for label, value in _form_rows(s, d):
        if value:
            db.para(doc, label, bold=True, space_after=0)
            db.para(doc, value, space_after=6)
    db.end_columns(doc)
    db.para(doc, f"Handtekening: {d.workplace.person}", size=9)
    return doc
