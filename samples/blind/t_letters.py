"""Templates: workplaces' own documents on their letterhead, and letters to the client."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from samples.blind import docbuild as db
from samples.blind import dutch
from samples.blind.facts import Deal
from samples.blind.phrases import (
    kind_word,
    letterhead,
    nature_sentence,
    our_kind,
    place_and_date,
    sign_block,
    workers_sentence,
)
from samples.blind.registry import Built, template
from samples.blind.render import Style


def _on_letterhead(s: Style, d: Deal, font: str = "Liberation Sans") -> DocxDocument:
    doc = db.new_document(d, font, 10)
    db.header(doc.sections[0], letterhead(s, d.workplace), s.rng.choice([None, db.RIGHT]))
    s.tags.add("letterhead")
    if s.rng.random() < 0.6:
        wp = d.workplace
        db.footer(
            doc.sections[0],
            [
                f"{wp.name} \u2013 maatschappelijke zetel: {s.address(wp.seat, 'street_first')} "
                f"\u2013 RPR {wp.seat.town} \u2013 IBAN BE{s.rng.randint(10, 99)} "
                f"{s.rng.randint(1000, 9999)} {s.rng.randint(1000, 9999)} "
                f"{s.rng.randint(1000, 9999)}"
            ],
        )
        s.tags.add("footer_seat")
    return doc


@template(
    "wp_letterhead_contract",
    tags=("prose",),
    faults=("bad_check_digits", "same_entity", "missing_work_location"),
)
def wp_letterhead_contract(s: Style, deals: list[Deal]) -> Built:
    """A contract on the workplace's letterhead; seat and signing place are distractors."""
    d = deals[0]
    doc = _on_letterhead(s, d)
    db.para(doc, "Ondernemingscontract enclavewerking", bold=True, size=13)
    cp = d.counterpart
    kbo = f" (ondernemingsnummer {s.number(cp.number)})" if cp.number else ""
    db.para(
        doc,
        f"{d.workplace.name}, {kind_word(d.workplace)}, en {cp.name}{kbo}, "
        f"gevestigd {s.location_phrase(cp.seat)}, sluiten de volgende overeenkomst.",
        align=db.JUSTIFY,
    )
    db.para(doc, nature_sentence(s, d), align=db.JUSTIFY)
    if d.location:
        db.para(doc, f"De enclave werkt {s.location_phrase(d.location)}.", align=db.JUSTIFY)
    db.para(doc, workers_sentence(s, d), align=db.JUSTIFY)
    db.para(doc, f"De overeenkomst loopt {s.duration(d)}.", align=db.JUSTIFY)
    if d.signed:
        db.para(doc, place_and_date(s, d))
    db.signatures(doc, sign_block(d.workplace, "de werkplaats"), sign_block(cp, "de opdrachtgever"))
    return doc


@template("wp_confirmation_letter", tags=("letter_to_client",), faults=("bad_check_digits",))
def wp_confirmation_letter(s: Style, deals: list[Deal]) -> Built:
    """A letter to the client confirming the enclave; the client's address is not the site."""
    d = deals[0]
    cp = d.counterpart
    doc = _on_letterhead(s, d, "Liberation Serif")
    for line in [cp.name, f"t.a.v. {cp.person}", s.address(cp.seat, "street_first")]:
        db.para(doc, line, space_after=0)
    db.para(doc)
    assert d.signed is not None
    s.tags.add("letter_date")
    db.para(doc, f"{d.workplace.seat.town}, {s.date(d.signed)}", align=db.RIGHT)
    db.para(doc, "Betreft: bevestiging van de enclave", bold=True)
    db.para(doc, f"Geachte {cp.person},")
    kbo = f" (KBO {s.number(cp.number)})" if cp.number else ""
    loc = f" Het team werkt {s.location_phrase(d.location)}." if d.location else ""
    db.para(
        doc,
        f"Graag bevestigen wij de afspraken tussen {cp.name}{kbo} en "
        f"{our_kind(d.workplace)} {d.workplace.name} (ondernemingsnummer "
        f"{s.number(d.workplace.number)}).{loc}",
        align=db.JUSTIFY,
    )
    db.para(doc, nature_sentence(s, d) + " " + workers_sentence(s, d), align=db.JUSTIFY)
    db.para(
        doc,
        f"De samenwerking loopt {s.duration(d)}. Wilt u een ondertekend exemplaar "
        "van deze brief voor akkoord aan ons terugbezorgen?",
        align=db.JUSTIFY,
    )
    db.para(doc, "Met vriendelijke groeten,")
    for line in ["", d.workplace.person, d.workplace.function]:
        db.para(doc, line, space_after=0)
    db.para(doc)
    db.para(doc, "Voor akkoord, " + cp.name, italic=True)
    return doc


@template("wp_fiche_bullets", tags=("bullets",))
def wp_fiche_bullets(s: Style, deals: list[Deal]) -> Built:
    """An 'enclavefiche': the facts as a bulleted list under the letterhead."""
    d = deals[0]
    doc = _on_letterhead(s, d)
    db.para(doc, "Enclavefiche", bold=True, size=14)
    cp = d.counterpart
    items = [
        f"Klant: {cp.name}" + (f" \u2013 {s.number(cp.number)}" if cp.number else ""),
        f"Werkplaats: {d.workplace.name} \u2013 {s.number(d.workplace.number)}",
    ]
    if d.location:
        items.append(f"Locatie: {s.address(d.location)}")
    items += [
        f"Taken: {d.nature}",
        f"Aantal doelgroepmedewerkers: {s.workers(d.workers)}",
        f"Start: {s.date(d.start)}",
    ]
    if d.end is None:
        s.tags.add("duration_indefinite")
        items.append("Einde: onbepaald")
    else:
        s.tags.add("duration_until")
        items.append(f"Einde: {s.date(d.end)}")
    if d.signed:
        items.append(f"Contract ondertekend op {s.date(d.signed)}")
    for item in items:
        doc.add_paragraph(item, style="List Bullet")
    return doc


@template("wp_parties_table", tags=("table", "table_header_row"))
def wp_parties_table(s: Style, deals: list[Deal]) -> Built:
    """A header row 'Gegevens | Werkplaats | Opdrachtgever', then the facts in prose."""
    d = deals[0]
    doc = _on_letterhead(s, d)
    db.para(doc, "Overeenkomst enclave", bold=True, size=13)
    wp, cp = d.workplace, d.counterpart
    rows = [
        ["Gegevens", "Werkplaats", "Opdrachtgever"],
        ["Naam", wp.name, cp.name],
        ["Ondernemingsnummer", s.number(wp.number), s.number(cp.number) or "\u2013"],
        ["Adres zetel", s.address(wp.seat, "street_first"), s.address(cp.seat, "street_first")],
        ["Vertegenwoordiger", wp.person, cp.person],
    ]
    db.table(doc, rows, header=True, widths_cm=[4, 6.2, 6.2])
    db.para(doc)
    if d.location:
        db.para(doc, f"Plaats van uitvoering: {s.address(d.location)}.")
    db.para(doc, nature_sentence(s, d), align=db.JUSTIFY)
    db.para(
        doc, workers_sentence(s, d) + f" De overeenkomst loopt {s.duration(d)}.", align=db.JUSTIFY
    )
    if d.signed:
        db.para(doc, place_and_date(s, d))
    return doc


@template("wp_memo_informal", tags=("prose", "informal"))
def wp_memo_informal(s: Style, deals: list[Deal]) -> Built:
    """A short informal 'afsprakennota' in plain sentences, weekday dates."""
    d = deals[0]
    doc = _on_letterhead(s, d)
    db.para(doc, "Afsprakennota enclave", bold=True, size=13)
    cp = d.counterpart
    start = s.date(d.start, "weekday")
    n = dutch.cardinal(d.workers)
    s.tags.add("workers_team")
    db.para(doc, f"Na ons overleg met {cp.person} van {cp.name} noteren we het volgende.")
    db.para(
        doc,
        f"We starten op {start} met een ploeg van {n} doelgroepwerknemers en een "
        f"begeleider van {d.workplace.name}.",
    )
    if d.location:
        db.para(doc, f"De ploeg werkt {s.location_phrase(d.location)}.")
    db.para(doc, f"Wat doen we? {d.nature[0].upper()}{d.nature[1:]}.")
    d.nature = d.nature[0].upper() + d.nature[1:]
    if d.end is None:
        s.tags.add("duration_indefinite")
        db.para(doc, "De afspraak geldt voor onbepaalde duur.")
    else:
        s.tags.add("duration_until")
        db.para(doc, f"De afspraak loopt tot en met {s.date(d.end)}.")
    if cp.number:
        db.para(doc, f"Facturatie aan {cp.name}, btw {s.number(cp.number, 'vat')}.")
    if d.signed:
        db.para(doc, place_and_date(s, d))
    return doc
