"""Templates: government and framework agreements, and prose laid out the hard way."""

from __future__ import annotations

from datetime import timedelta

from docx.document import Document as DocxDocument

from samples.blind import docbuild as db
from samples.blind import dutch
from samples.blind.facts import Deal
from samples.blind.phrases import kind_word, party, place_and_date, sign_block
from samples.blind.registry import Built, template
from samples.blind.render import Style
from samples.blind.t_law import body


def _articles(doc: DocxDocument, arts: list[tuple[str, list[str]]]) -> None:
    for i, (title, paras) in enumerate(arts, 1):
        db.para(doc, f"Artikel {i}. {title}", bold=True, space_after=2)
        for p in paras:
            db.para(doc, p, align=db.JUSTIFY)


def _signing(s: Style, d: Deal, doc: DocxDocument) -> None:
    if d.signed:
        db.para(doc, place_and_date(s, d))
    db.signatures(doc, sign_block(d.workplace, s.wp_role), sign_block(d.counterpart, s.cp_role))


@template("gov_agency", kinds=("flemish_government",), tags=("government", "gelet_op"), faults=())
def gov_agency(s: Style, deals: list[Deal]) -> Built:
    """An agreement with an internal agency: 'Gelet op', 'Overwegende dat', then articles."""
    d = deals[0]
    cp = d.counterpart
    doc = db.new_document(d, "Liberation Sans", 10.5)
    db.header(doc.sections[0], ["Vlaamse overheid", cp.name], db.RIGHT)
    db.para(doc, "OVEREENKOMST BETREFFENDE ENCLAVEWERK", bold=True, align=db.CENTER, size=13)
    kbo = f", met ondernemingsnummer {s.number(cp.number)}" if cp.number else ""
    s.cp_role = "het agentschap"
    db.para(doc, "Tussen", bold=True)
    db.para(
        doc,
        f"het {cp.name}, intern verzelfstandigd agentschap zonder rechtspersoonlijkheid"
        f" van de Vlaamse overheid, {s.address(cp.seat)}{kbo}, vertegenwoordigd door "
        f"{cp.person}, administrateur-generaal, hierna \u201chet agentschap\u201d,",
        align=db.JUSTIFY,
    )
    db.para(doc, "en", bold=True)
    db.para(doc, party(s, d.workplace, s.wp_role) + ",", align=db.JUSTIFY)
    decision = d.start - timedelta(days=s.rng.randint(70, 200))
    db.para(
        doc,
        "Gelet op het decreet van 12 juli 2013 betreffende maatwerk bij collectieve "
        "inschakeling en de uitvoeringsbesluiten ervan;",
        align=db.JUSTIFY,
    )
    db.para(
        doc,
        f"Gelet op de beslissing van de administrateur-generaal van "
        f"{s.date(decision)} tot gunning van deze opdracht;",
        align=db.JUSTIFY,
    )
    db.para(
        doc,
        f"Overwegende dat het agentschap de tewerkstelling van personen met een "
        f"arbeidshandicap wil ondersteunen en dat {d.workplace.name} als "
        f"{kind_word(d.workplace)} de nodige begeleiding kan bieden;",
        align=db.JUSTIFY,
    )
    db.para(doc, "Wordt het volgende overeengekomen:")
    _articles(doc, body(s, d))
    _signing(s, d, doc)
    return doc


@template(
    "local_government",
    kinds=("other_public",),
    tags=("government", "gelet_op"),
    faults=("bad_check_digits",),
)
def local_government(s: Style, deals: list[Deal]) -> Built:
    """An agreement with a city or public centre, approved by its council first."""
    d = deals[0]
    cp = d.counterpart
    doc = db.new_document(d, "Liberation Serif", 11)
    db.para(doc, cp.name.upper(), bold=True, align=db.CENTER, size=13)
    db.para(
        doc,
        "Samenwerkingsovereenkomst met een maatwerkbedrijf / werkplaats \u2013 enclave",
        align=db.CENTER,
    )
    council = d.start - timedelta(days=s.rng.randint(30, 90))
    db.para(
        doc,
        f"Gelet op de beslissing van het college van burgemeester en schepenen van "
        f"{s.date(council)};",
        align=db.JUSTIFY,
    )
    db.para(
        doc,
        "Overwegende dat het bestuur het onderhoud van het openbaar domein mee wil "
        "laten uitvoeren door doelgroepwerknemers;",
        align=db.JUSTIFY,
    )
    db.para(doc, "Komen overeen:", bold=True)
    db.para(doc, "1. " + party(s, cp, "het bestuur"), align=db.JUSTIFY)
    db.para(doc, "2. " + party(s, d.workplace, s.wp_role), align=db.JUSTIFY)
    s.cp_role = "het bestuur"
    _articles(doc, body(s, d))
    _signing(s, d, doc)
    return doc


@template("framework_annex", tags=("prose", "framework", "annex"))
def framework_annex(s: Style, deals: list[Deal]) -> Built:
    """A framework agreement of general clauses; the facts sit in Annex 1."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Sans", 10)
    db.para(doc, "RAAMOVEREENKOMST ENCLAVEWERKING", bold=True, align=db.CENTER, size=14)
    db.para(
        doc,
        "Tussen "
        + party(s, d.workplace, s.wp_role)
        + " en "
        + party(s, d.counterpart, s.cp_role)
        + ".",
        align=db.JUSTIFY,
    )
    general = [
        (
            "Toepassingsgebied",
            "Deze raamovereenkomst regelt de algemene voorwaarden van elke "
            "enclave die de partijen afspreken. De specifieke gegevens van een enclave (plaats, "
            "werkzaamheden, aantal werknemers en looptijd) staan in een bijlage.",
        ),
        (
            "Gezag en begeleiding",
            "De doelgroepwerknemers blijven werknemers van de werkplaats."
            " Zij werken onder permanente begeleiding van een begeleider van de werkplaats.",
        ),
        ("Facturatie", "Prestaties worden maandelijks gefactureerd, betaalbaar binnen 30 dagen."),
        ("Bijlagen", "De bijlagen maken integraal deel uit van deze overeenkomst."),
    ]
    _articles(doc, [(t, [p]) for t, p in general])
    _signing(s, d, doc)
    doc.add_page_break()  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
    db.para(doc, "Bijlage 1 \u2013 Specifieke voorwaarden van de enclave", bold=True, size=12)
    rows = [
        ["Werkplaats", d.workplace.name],
        ["Opdrachtgever", d.counterpart.name],
        ["Uitvoeringsplaats", s.address(d.location) if d.location else ""],
        ["Werkzaamheden", d.nature],
        ["Aantal doelgroepwerknemers", s.workers(d.workers)],
        ["Looptijd", s.duration(d)],
    ]
    db.table(doc, rows, widths_cm=[5, 11])
    return doc


@template("law_two_columns", tags=("prose", "two_columns", "hyphenated"))
def law_two_columns(s: Style, deals: list[Deal]) -> Built:
    """Articles in two justified, hyphenated columns under a one-column title."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Serif", 9.5, hyphenate=True, margin_cm=1.8)
    db.para(doc, "Enclaveovereenkomst", bold=True, align=db.CENTER, size=14)
    db.columns(db.continuous_section(doc), 2, 0.8)
    db.para(doc, "Tussen de ondergetekenden", bold=True)
    db.para(doc, party(s, d.workplace, s.wp_role) + ";", align=db.JUSTIFY)
    db.para(doc, "en " + party(s, d.counterpart, s.cp_role) + ",", align=db.JUSTIFY)
    _articles(doc, body(s, d))
    db.end_columns(doc)
    _signing(s, d, doc)
    return doc


@template("law_justified_hyphen", tags=("prose", "hyphenated"))
def law_justified_hyphen(s: Style, deals: list[Deal]) -> Built:
    """Long justified paragraphs in a narrow text block, hyphenated by the office suite."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Serif", 11, hyphenate=True, margin_cm=4.2)
    db.para(doc, "ONDERNEMINGSCONTRACT VOOR ENCLAVEWERKING", bold=True, align=db.CENTER)
    db.para(
        doc,
        "De ondergetekenden, "
        + party(s, d.workplace, s.wp_role)
        + ", en "
        + party(s, d.counterpart, s.cp_role)
        + ", verklaren een ondernemingscontract te "
        "sluiten met betrekking tot arbeidsmarktgerichte tewerkstelling.",
        align=db.JUSTIFY,
    )
    for _title, paras in body(s, d):
        db.para(doc, " ".join(paras), align=db.JUSTIFY)
    _signing(s, d, doc)
    return doc


@template("law_notarial_words", tags=("prose", "date_words_all"))
def law_notarial_words(s: Style, deals: list[Deal]) -> Built:
    """Deed style: dates and numbers in words, 'zes (6)' for the workers."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Serif", 11.5)
    db.para(doc, "OVEREENKOMST", bold=True, align=db.CENTER, size=14)
    start = s.date(d.start, "words")
    db.para(
        doc,
        "Tussen "
        + party(s, d.workplace, s.wp_role)
        + " enerzijds, en "
        + party(s, d.counterpart, s.cp_role)
        + " anderzijds,",
        align=db.JUSTIFY,
    )
    db.para(doc, "is het volgende overeengekomen.", align=db.JUSTIFY)
    loc = s.location_phrase(d.location) if d.location else ""
    count = f"{dutch.cardinal(d.workers)} ({d.workers})"
    s.tags.add("workers_words_digits")
    term = "voor onbepaalde duur" if d.end is None else f"tot en met {s.date(d.end, 'words')}"
    db.para(
        doc,
        f"{s.wp_role.capitalize()} zal vanaf {start} {term} met {count} "
        f"doelgroepwerknemers werkzaamheden uitvoeren {loc}, te weten: {d.nature}.",
        align=db.JUSTIFY,
    )
    db.para(
        doc,
        "De begeleiding gebeurt permanent door een begeleider van de werkplaats.",
        align=db.JUSTIFY,
    )
    if d.signed:
        s.tags.add("signature_block")
        db.para(doc, f"Opgemaakt te {d.workplace.seat.town}, {s.date(d.signed, 'words')}.")
    db.signatures(doc, sign_block(d.workplace, s.wp_role), sign_block(d.counterpart, s.cp_role))
    return doc


@template("law_parties_side_by_side", tags=("prose", "parties_side_by_side"))
def law_parties_side_by_side(s: Style, deals: list[Deal]) -> Built:
    """The two parties in two columns of a borderless table, then the articles."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Sans", 10)
    db.para(doc, "Enclavecontract", bold=True, align=db.CENTER, size=14)
    cells = []
    for org, role in ((d.workplace, s.wp_role), (d.counterpart, s.cp_role)):
        lines = [role.upper(), org.name, s.address(org.seat, "street_first")]
        if org.number:
            lines.append(f"KBO {s.number(org.number)}")
        lines.append(f"vertegenwoordigd door {org.person}")
        cells.append("\n".join(lines))
    db.table(doc, [cells], grid=False)
    db.para(doc)
    db.para(doc, "komen het volgende overeen:")
    _articles(doc, body(s, d))
    _signing(s, d, doc)
    return doc
