"""Templates, second batch: a council decision with the agreement, an amendment that sets old
against new, special conditions in a grid, a client's acceptance letter, an old-style
"enerzijds / anderzijds" deed, a school-year agreement, a summary box, two terse mails, and two
documents that are not contracts (an evaluation invitation, an attestation).

All are registered with `batch=2`, so the corpus plans them after the first batch and the
documents committed before keep their names.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table

from samples.blind import docbuild as db
from samples.blind import dutch, world
from samples.blind.facts import Deal, Org, address
from samples.blind.phrases import kind_word, letterhead, our_kind
from samples.blind.registry import Built, template
from samples.blind.render import Style
from samples.blind.t_mail import _mail

BATCH = 2
NOT_CONTRACT = {"is_contract": False, "faults": (), "batch": BATCH}
DASH = " \u2013 "


def _kbo(s: Style, org: Org, lead: str = ", ondernemingsnummer ") -> str:
    """The enterprise number after a name, or nothing when the party has none."""
    return f"{lead}{s.number(org.number)}" if org.number else ""


def _period(s: Style, d: Deal) -> str:
    """The term as a short noun phrase for a cell or a list."""
    start = s.date(d.start)
    if d.end is None:
        s.tags.add("duration_indefinite")
        return f"vanaf {start}, zonder einddatum"
    if d.months:
        s.tags.add("duration_months")
        return f"{d.months} maanden vanaf {start}"
    s.tags.add("duration_until")
    return f"{start} tot en met {s.date(d.end)}"


def _person(s: Style) -> str:
    """Another official of the body (the one who certifies the extract)."""
    return f"{s.rng.choice(world.FIRST_NAMES)} {s.rng.choice(world.SURNAMES)}"


def _shade(t: Table, fill: str = "E7ECF2") -> None:
    """Give every cell of a table a light background, as a summary box has."""
    for row in t.rows:
        for cell in row.cells:
            props = cell._tc.get_or_add_tcPr()
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), fill)
            props.append(shading)


def _signed_under(s: Style, doc: DocxDocument, d: Deal, left: Org, right: Org) -> None:
    """The place and date, then two blocks of name and function side by side."""
    if d.signed:
        db.para(doc, f"Getekend te {left.seat.town}, {s.date(d.signed)}.")
        s.tags.add("signature_block")
    db.signatures(
        doc,
        [left.name, "", "", "", f"{left.person} \u2013 {left.function}"],
        [right.name, "", "", "", f"{right.person} \u2013 {right.function}"],
    )


@template(
    "z_council_decision",
    kinds=("other_public",),
    tags=("government", "decision_extract", "prose"),
    faults=("bad_check_digits",),
    batch=BATCH,
)
def z_council_decision(s: Style, deals: list[Deal]) -> Built:
    """An extract of the college's minutes approving the agreement, with its terms as the decision."""
    d = deals[0]
    cp, wp = d.counterpart, d.workplace
    if d.location and not d.location.town_only:
        d.location = replace(d.location, postcode=cp.seat.postcode, town=cp.seat.town)
    elif d.location:
        d.location = replace(d.location, town=cp.seat.town)
    doc = db.new_document(d, "Liberation Serif", 10.5)
    db.header(doc.sections[0], [cp.name, s.address(cp.seat, "street_first")], db.CENTER)
    assert d.signed is not None
    sitting = d.signed - timedelta(days=s.rng.randint(6, 25))
    council = (
        "het vast bureau"
        if cp.name.startswith("OCMW")
        else "het college van burgemeester en schepenen"
    )
    db.para(doc, f"Uittreksel uit de notulen van {council}", bold=True, align=db.CENTER, size=12)
    db.para(doc, f"Zitting van {s.date(sitting)}", align=db.CENTER)
    db.para(doc, "Onderwerp: sociale economie \u2013 inzet van een enclave", bold=True)
    db.para(
        doc,
        f"Motivering. Het bestuur wil werk maken van sociale tewerkstelling en vroeg een voorstel "
        f"aan {wp.name}{_kbo(s, wp)}, een {kind_word(wp)}.",
        align=db.JUSTIFY,
    )
    db.para(doc, "Besluit", bold=True)
    items = [
        f"{council[0].upper()}{council[1:]} gaat akkoord met de inzet van een enclave van "
        f"{wp.name} voor {d.nature}.",
    ]
    if d.location:
        items.append(f"De enclave werkt {s.location_phrase(d.location)}.")
    items += [
        f"Het aantal doelgroepwerknemers wordt vastgesteld op {s.workers(d.workers)}.",
        f"De samenwerking geldt {s.duration(d)}.",
        f"Dit besluit geldt als overeenkomst tussen {cp.name}{_kbo(s, cp)} en {wp.name} zodra "
        "beide partijen het voor akkoord hebben ondertekend.",
    ]
    for n, text in enumerate(items, 1):
        db.para(doc, f"Artikel {n}. {text}", align=db.JUSTIFY)
    chair = "de burgemeester" if cp.name.startswith(("Stad", "Gemeente")) else "de voorzitter"
    db.signatures(
        doc,
        ["Voor eensluidend uittreksel,", "de algemeen directeur", "", "", _person(s)],
        ["", chair, "", "", cp.person],
    )
    db.para(doc)
    db.para(
        doc,
        f"Voor akkoord namens {wp.name}: {wp.person}, {wp.function}, op {s.date(d.signed)}.",
    )
    s.tags.add("signature_block")
    return doc


@template(
    "z_amendment_old_new",
    tags=("amendment", "table", "table_header_row", "old_values_distractor"),
    batch=BATCH,
)
def z_amendment_old_new(s: Style, deals: list[Deal]) -> Built:
    """An amendment that sets the former terms against the new ones in a three-column table."""
    d = deals[0]
    wp, cp = d.workplace, d.counterpart
    doc = db.new_document(d, "Liberation Sans", 10)
    db.header(doc.sections[0], letterhead(s, wp))
    s.tags.add("letterhead")
    first = date(d.start.year - s.rng.randint(1, 3), s.rng.randint(1, 12), 1)
    db.para(doc, "Wijzigingsakte bij de enclaveovereenkomst", bold=True, size=13)
    db.para(
        doc,
        f"De ondergetekenden, {wp.name}{_kbo(s, wp)}, en {cp.name}{_kbo(s, cp)}, wijzigen hun "
        f"overeenkomst van {s.date(first)}. Vanaf {s.date(d.start)} gelden de afspraken uit de "
        "rechterkolom; wat niet vermeld staat, blijft behouden.",
        align=db.JUSTIFY,
    )
    old_workers = d.workers + s.rng.choice([-2, -1, 1, 2, 3]) if d.workers > 2 else d.workers + 2
    old_site = s.address(address(s.rng, box_chance=0), "street_first")
    new_site = s.address(d.location) if d.location else "ongewijzigd"
    rows = [
        ["Onderdeel", "Tot nu", "Nieuw"],
        ["Werkzaamheden", d.nature, d.nature],
        ["Aantal doelgroepwerknemers", str(old_workers), s.workers(d.workers)],
        ["Plaats", old_site, new_site],
        ["Looptijd", "tot de nieuwe afspraak", _period(s, d)],
    ]
    db.table(doc, rows, header=True, widths_cm=[4.5, 5.5, 6.5])
    db.para(doc)
    _signed_under(s, doc, d, wp, cp)
    return doc


@template(
    "z_special_conditions",
    tags=("prose", "general_terms", "conditions_grid"),
    faults=("bad_check_digits", "same_entity", "missing_work_location"),
    batch=BATCH,
)
def z_special_conditions(s: Style, deals: list[Deal]) -> Built:
    """General conditions in short numbered points; the facts in a closing grid of special terms."""
    d = deals[0]
    wp, cp = d.workplace, d.counterpart
    doc = db.new_document(d, "Liberation Sans", 9.5)
    db.para(doc, f"Enclavecontract {wp.name}", bold=True, size=13)
    db.para(doc, "I. Algemene voorwaarden", bold=True)
    general = [
        "De werkplaats blijft werkgever van de doelgroepwerknemers en oefent het gezag uit via "
        "haar begeleider.",
        "De klant zorgt voor een veilige werkomgeving, sanitair en een ruimte om te eten.",
        "Prestaties worden maandelijks gefactureerd op basis van de urenlijsten.",
        "Wijzigingen gebeuren schriftelijk en worden door beide partijen ondertekend.",
        "Elke partij kan opzeggen met drie maanden opzegtermijn, behalve bij zware fout.",
    ]
    for n, text in enumerate(general, 1):
        db.para(doc, f"{n}. {text}", align=db.JUSTIFY, space_after=2)
    db.para(doc, "II. Bijzondere voorwaarden", bold=True)
    rows = [
        ["Werkplaats", f"{wp.name}\n{s.address(wp.seat)}\nKBO {s.number(wp.number)}"],
        [
            "Klant",
            f"{cp.name}\n{s.address(cp.seat)}"
            + (f"\nKBO {s.number(cp.number)}" if cp.number else ""),
        ],
    ]
    if d.location:
        rows.append(["Uitvoeringsadres", s.address(d.location)])
    rows += [
        ["Aard van de prestaties", d.nature],
        ["Bezetting", f"{s.workers(d.workers)} doelgroepwerknemers en 1 begeleider"],
        ["Looptijd", _period(s, d)],
    ]
    db.table(doc, rows, widths_cm=[4.5, 12])
    db.para(doc)
    _signed_under(s, doc, d, wp, cp)
    return doc


@template("z_client_acceptance", tags=("letter_from_client", "acceptance"), batch=BATCH)
def z_client_acceptance(s: Style, deals: list[Deal]) -> Built:
    """The client accepts the workplace's proposal in a letter on its own paper."""
    d = deals[0]
    wp, cp = d.workplace, d.counterpart
    doc = db.new_document(d, "Liberation Sans", 10.5)
    db.header(
        doc.sections[0],
        [cp.name, s.address(cp.seat)]
        + ([f"btw {s.number(cp.number, 'vat')}"] if cp.number else []),
        db.RIGHT,
    )
    s.tags.add("letterhead_client")
    for line in [wp.name, f"ter attentie van {wp.person}", s.address(wp.seat, "street_first")]:
        db.para(doc, line, space_after=0)
    db.para(doc)
    assert d.signed is not None
    proposal = d.signed - timedelta(days=s.rng.randint(7, 21))
    db.para(doc, f"{cp.seat.town}, {s.date(d.signed)}", align=db.RIGHT)
    s.tags.add("letter_date")
    db.para(doc, f"Uw voorstel van {s.date(proposal)} \u2013 onze aanvaarding", bold=True)
    db.para(doc, f"Beste {wp.person.split()[0]},")
    where = f" De ploeg komt werken {s.location_phrase(d.location)}." if d.location else ""
    db.para(
        doc,
        f"Met deze brief aanvaarden wij uw voorstel en vertrouwen wij {wp.name} (KBO "
        f"{s.number(wp.number)}) de volgende opdracht toe: {d.nature}.{where} Zoals afgesproken zet u daarvoor "
        f"{s.workers(d.workers)} doelgroepwerknemers in, met een eigen begeleider.",
        align=db.JUSTIFY,
    )
    db.para(
        doc,
        f"De opdracht loopt {s.duration(d)}. Deze brief en uw voorstel vormen samen onze "
        "overeenkomst; een tweede exemplaar mag u ondertekend terugsturen.",
        align=db.JUSTIFY,
    )
    db.para(doc, "Met vriendelijke groet,")
    for line in ["", cp.person, cp.function, cp.name]:
        db.para(doc, line, space_after=0)
    return doc


@template(
    "z_enerzijds_anderzijds",
    tags=("prose", "deed_style", "chapters"),
    faults=("bad_check_digits", "same_entity"),
    batch=BATCH,
)
def z_enerzijds_anderzijds(s: Style, deals: list[Deal]) -> Built:
    """An old-fashioned deed: ENERZIJDS / ANDERZIJDS, chapters in Roman numerals."""
    d = deals[0]
    wp, cp = d.workplace, d.counterpart
    doc = db.new_document(d, "Liberation Serif", 11, hyphenate=True)
    db.para(doc, "OVEREENKOMST VAN ENCLAVEWERK", bold=True, align=db.CENTER, size=13)
    db.para(doc, "ENERZIJDS:", bold=True)
    db.para(
        doc,
        f"{wp.name}, met zetel {s.address(wp.seat)}{s.kbo_phrase(wp)}, voor wie tekent "
        f"{wp.person}, {wp.function}, hierna te noemen \u201c{s.wp_role}\u201d;",
        align=db.JUSTIFY,
    )
    db.para(doc, "ANDERZIJDS:", bold=True)
    db.para(
        doc,
        f"{cp.name}, met zetel {s.address(cp.seat)}{s.kbo_phrase(cp)}, voor wie tekent "
        f"{cp.person}, {cp.function}, hierna te noemen \u201c{s.cp_role}\u201d;",
        align=db.JUSTIFY,
    )
    db.para(doc, "ZIJN OVEREENGEKOMEN ALS VOLGT:", bold=True)
    chapters: list[tuple[str, str]] = [
        ("I. Opdracht", f"{s.cp_role.capitalize()} belast {s.wp_role} met {d.nature}."),
        (
            "II. Personeel",
            f"Daartoe worden {s.workers(d.workers)} doelgroepwerknemers tewerkgesteld, die onder "
            f"het gezag van {s.wp_role} blijven.",
        ),
    ]
    if d.location:
        chapters.append(("III. Werkplek", f"Het werk gebeurt {s.location_phrase(d.location)}."))
    chapters.append(("IV. Termijn", f"Deze overeenkomst geldt {s.duration(d)}."))
    for head, text in chapters:
        db.para(doc, head, bold=True, space_after=2)
        db.para(doc, text, align=db.JUSTIFY)
    if d.signed:
        s.tags.add("signature_block")
        db.para(doc, f"Gedaan in dubbel te {wp.seat.town}, {s.date(d.signed)}.")
    db.signatures(
        doc,
        [s.wp_role.capitalize(), "", "", wp.person],
        [s.cp_role.capitalize(), "", "", cp.person],
    )
    return doc


@template(
    "z_school_year",
    kinds=("nonprofit",),
    tags=("school_year", "prose"),
    faults=("bad_check_digits",),
    batch=BATCH,
)
def z_school_year(s: Style, deals: list[Deal]) -> Built:
    """A non-profit client's agreement running for one working year (September to June)."""
    d = deals[0]
    year = d.start.year
    d.start, d.end, d.months = date(year, 9, 1), date(year + 1, 6, 30), None
    d.signed = date(year, 8, s.rng.randint(16, 28))
    wp, cp = d.workplace, d.counterpart
    doc = db.new_document(d, "Liberation Sans", 10.5)
    db.header(doc.sections[0], [cp.name, f"Werkjaar {year}-{year + 1}"])
    db.para(doc, f"Samenwerking enclave \u2013 werkjaar {year}-{year + 1}", bold=True, size=13)
    db.para(
        doc,
        f"{cp.name}{_kbo(s, cp)} en {wp.name}{_kbo(s, wp)} spreken het volgende af voor het "
        "komende werkjaar.",
        align=db.JUSTIFY,
    )
    db.para(
        doc,
        f"Van {s.date(d.start)} tot en met {s.date(d.end)} neemt een enclave van "
        f"{s.workers(d.workers)} doelgroepwerknemers van {wp.name} de volgende taak op zich: "
        f"{d.nature}. Tijdens de jaarlijkse sluitingsweken ligt het werk stil.",
        align=db.JUSTIFY,
    )
    s.tags.add("duration_until")
    loc = d.location
    if loc and loc.town_only:
        db.para(doc, f"De ploeg werkt op de vestiging te {s.address(loc)}.")
    elif loc:
        full = s.address(loc, "street_first")
        street, _, town = full.partition(", " if loc.postcode_shown else " te ")
        db.para(doc, "De ploeg werkt op het volgende adres:", space_after=0)
        db.para(doc, street, space_after=0)
        db.para(doc, town)
    db.para(doc, "De begeleider is aanwezig zolang de ploeg aan het werk is.")
    _signed_under(s, doc, d, cp, wp)
    return doc


@template(
    "z_summary_box",
    tags=("summary_box", "prose", "table"),
    faults=("bad_check_digits", "same_entity", "missing_work_location"),
    batch=BATCH,
)
def z_summary_box(s: Style, deals: list[Deal]) -> Built:
    """A shaded box with the key facts at the top; the clauses below only refer to it."""
    d = deals[0]
    wp, cp = d.workplace, d.counterpart
    doc = db.new_document(d, "Liberation Sans", 10)
    db.header(doc.sections[0], letterhead(s, wp))
    s.tags.add("letterhead")
    db.para(doc, "Enclaveovereenkomst", bold=True, size=14)
    lines = [
        "IN HET KORT",
        f"Uitvoerder: {wp.name}{_kbo(s, wp, DASH)}",
        f"Klant: {cp.name}{_kbo(s, cp, DASH)}",
        f"Wat: {d.nature}",
        f"Met hoeveel: {s.workers(d.workers)}",
    ]
    if d.location:
        lines.append(f"Waar: {s.address(d.location)}")
    lines.append(f"Wanneer: {_period(s, d)}")
    box = db.table(doc, [["\n".join(lines)]], grid=False)
    _shade(box)
    db.para(doc)
    clauses = [
        "De uitvoerder voert de werkzaamheden uit die hierboven staan, met de vermelde ploeg.",
        "De ploeg blijft in dienst van de uitvoerder, die een begeleider ter beschikking stelt.",
        "De klant informeert de begeleider over de veiligheidsregels op de werkplek.",
        "De overeenkomst loopt over de periode die in het kader staat.",
    ]
    for n, text in enumerate(clauses, 1):
        db.para(doc, f"{n}) {text}", align=db.JUSTIFY)
    _signed_under(s, doc, d, wp, cp)
    return doc


@template(
    "z_eml_numbered",
    output="eml",
    faults=("bad_check_digits", "missing_work_location"),
    batch=BATCH,
)
def z_eml_numbered(s: Style, deals: list[Deal]) -> Built:
    """A mail that answers the department's usual points as 1) ... 2) ... in full sentences."""
    d = deals[0]
    wp, cp = d.workplace, d.counterpart
    points = [
        f"Wij zijn {wp.name}, ondernemingsnummer {s.number(wp.number)}.",
        f"De klant is {cp.name}" + (f", met nummer {s.number(cp.number)}." if cp.number else "."),
        f"Taak van de ploeg: {d.nature}.",
        f"Er worden {s.workers(d.workers)} doelgroepwerknemers ingezet.",
    ]
    if d.location:
        points.append(f"Zij werken {s.location_phrase(d.location)}.")
    points.append(f"De enclave loopt {s.duration(d)}.")
    if d.signed:
        points.append(f"Beide partijen tekenden op {s.date(d.signed)}.")
    body = "\n".join(f"{n}) {p}" for n, p in enumerate(points, 1))
    text = (
        "Goedemorgen,\n\nZoals gevraagd de gegevens van onze nieuwe enclave, punt per punt:\n\n"
        f"{body}\n\nMet vriendelijke groeten,\n\n{wp.person}\n{wp.function}\n{wp.name}\n"
    )
    return _mail(s, d, f"Gegevens enclave {cp.name}", text)


@template("z_eml_terse", output="eml", tags=("terse",), batch=BATCH)
def z_eml_terse(s: Style, deals: list[Deal]) -> Built:
    """A short mail typed on a phone: fragments, no greeting formula, a mobile signature."""
    d = deals[0]
    wp, cp = d.workplace, d.counterpart
    where = f" Adres: {s.address(d.location)}." if d.location else ""
    end = "geen einddatum" if d.end is None else f"loopt tot {s.date(d.end)}"
    s.tags.add("duration_indefinite" if d.end is None else "duration_until")
    signed = f" Getekend {s.date(d.signed)}." if d.signed else ""
    kbo = f" (KBO {s.number(cp.number)})" if cp.number else ""
    text = (
        f"Enclave {cp.name}{kbo} is rond. Start "
        f"{s.date(d.start)}, {s.workers(d.workers)} mensen, {d.nature}.{where} {end.capitalize()}."
        f"{signed} Wij: {wp.name}, {s.number(wp.number)}.\n\n{wp.person.split()[0]}\n\n"
        "Verzonden vanaf mijn iPhone\n"
    )
    return _mail(s, d, f"enclave {cp.name}", text)


@template("z_nc_evaluation_invite", tags=("non_contract", "invitation"), **NOT_CONTRACT)
def z_nc_evaluation_invite(s: Style, deals: list[Deal]) -> Built:
    """An invitation to the yearly evaluation of a running enclave."""
    d = deals[0]
    wp, cp = d.workplace, d.counterpart
    doc = db.new_document(d, "Liberation Sans", 10.5)
    db.header(doc.sections[0], letterhead(s, wp))
    s.tags.add("letterhead")
    meeting = d.start + timedelta(days=s.rng.randint(300, 400))
    while meeting.weekday() > 4:
        meeting += timedelta(days=1)
    for line in [cp.name, f"t.a.v. {cp.person}", s.address(cp.seat, "street_first")]:
        db.para(doc, line, space_after=0)
    db.para(doc)
    db.para(doc, "Uitnodiging jaarlijkse evaluatie enclave", bold=True)
    db.para(
        doc,
        f"Beste {cp.person.split()[0]}, onze enclave voor {d.nature} draait intussen een jaar. "
        f"Graag bespreken we met u hoe het loopt met de {dutch.cardinal(d.workers)} "
        f"doelgroepwerknemers. Past {s.date(meeting, 'weekday')} om 10 uur? Het gesprek kan "
        "doorgaan op de werkvloer.",
        align=db.JUSTIFY,
    )
    db.para(doc, f"Vriendelijke groeten,\n{wp.person}")
    return doc


@template("z_nc_attestation", tags=("non_contract", "attestation"), **NOT_CONTRACT)
def z_nc_attestation(s: Style, deals: list[Deal]) -> Built:
    """An attestation of hours worked by an enclave last year, for the client's records."""
    d = deals[0]
    wp, cp = d.workplace, d.counterpart
    doc = db.new_document(d, "Liberation Serif", 11)
    db.header(doc.sections[0], letterhead(s, wp))
    s.tags.add("letterhead")
    year = d.start.year
    hours = d.workers * s.rng.randint(900, 1500)
    db.para(doc, "ATTEST", bold=True, align=db.CENTER, size=14)
    db.para(
        doc,
        f"Ondergetekende, {wp.person}, {wp.function} van {wp.name}, verklaart dat de enclave "
        f"van {our_kind(wp)} in {year} in totaal {hours} uren presteerde bij {cp.name} voor "
        f"{d.nature}. Dit attest wordt afgeleverd voor de administratie van de klant en geldt "
        "niet als overeenkomst.",
        align=db.JUSTIFY,
    )
    db.para(doc, f"{wp.seat.town}, {s.date(date(year + 1, 1, s.rng.randint(8, 28)))}")
    return doc
