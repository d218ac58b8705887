"""Templates: parties in real newspaper columns, and an order confirmation to the client."""

from __future__ import annotations

from docx.enum.text import WD_BREAK

from samples.blind import docbuild as db
from samples.blind.facts import Deal
from samples.blind.phrases import letterhead, our_kind, place_and_date, sign_block
from samples.blind.registry import Built, template
from samples.blind.render import Style
from samples.blind.t_law import body


@template("law_parties_in_columns", tags=("prose", "parties_side_by_side", "two_columns"))
def law_parties_in_columns(s: Style, deals: list[Deal]) -> Built:
    """Each party in its own column of a two-column section, then the articles full width."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Serif", 10.5)
    db.para(doc, "OVEREENKOMST ENCLAVEWERKING", bold=True, align=db.CENTER, size=14)
    db.columns(db.continuous_section(doc), 2, 1.2)
    blocks = [(d.workplace, s.wp_role), (d.counterpart, s.cp_role)]
    if s.rng.random() < 0.5:
        blocks.reverse()
    for i, (org, role) in enumerate(blocks):
        db.para(doc, org.name, bold=True, space_after=0)
        db.para(doc, s.address(org.seat), space_after=0)
        if org.number:
            db.para(doc, f"Ondernemingsnummer {s.number(org.number)}", space_after=0)
        p = db.para(
            doc,
            f"vertegenwoordigd door {org.person}, {org.function}, hierna \u201c{role}\u201d",
            space_after=0,
        )
        if i == 0:
            p.add_run().add_break(WD_BREAK.COLUMN)
    db.end_columns(doc)
    db.para(doc, "komen overeen als volgt.")
    for i, (title, paras) in enumerate(body(s, d), 1):
        db.para(doc, f"Art. {i} \u2013 {title}", bold=True, space_after=2)
        for text in paras:
            db.para(doc, text, align=db.JUSTIFY)
    if d.signed:
        db.para(doc, place_and_date(s, d))
    db.signatures(doc, sign_block(d.workplace, s.wp_role), sign_block(d.counterpart, s.cp_role))
    return doc


@template(
    "wp_order_confirmation",
    tags=("letter_to_client", "letterhead", "table", "reference_block"),
    faults=("bad_check_digits", "missing_work_location"),
)
def wp_order_confirmation(s: Style, deals: list[Deal]) -> Built:
    """An order confirmation to the client: a reference block with the letter date, a table."""
    d = deals[0]
    cp = d.counterpart
    doc = db.new_document(d, "Liberation Sans", 10)
    db.header(doc.sections[0], letterhead(s, d.workplace), db.RIGHT)
    s.tags.add("letterhead")
    for line in [cp.name, f"Ter attentie van {cp.person}", s.address(cp.seat, "street_first")]:
        db.para(doc, line, space_after=0)
    db.para(doc)
    assert d.signed is not None
    db.table(
        doc,
        [
            ["Uw referentie", "Onze referentie", "Datum"],
            [
                f"mail van {s.date(d.signed - (d.start - d.signed))}",
                f"ENC-{d.start.year}-{s.rng.randint(10, 99)}",
                s.date(d.signed),
            ],
        ],
        grid=False,
        header=True,
    )
    s.tags.add("letter_date")
    db.para(doc)
    db.para(doc, "Orderbevestiging enclavewerk", bold=True, size=12)
    db.para(
        doc,
        f"Wij bevestigen graag de opdracht die {cp.name} aan "
        f"{our_kind(d.workplace)} {d.workplace.name} toevertrouwt.",
        align=db.JUSTIFY,
    )
    rows = [
        ["Klant", cp.name + (f", {s.number(cp.number)}" if cp.number else "")],
        ["Uitvoerder", f"{d.workplace.name}, {s.number(d.workplace.number)}"],
    ]
    if d.location:
        rows.append(["Werkadres", s.address(d.location)])
    rows += [
        ["Opdracht", d.nature],
        ["Ploeg", f"{s.workers(d.workers)} doelgroepwerknemers en een begeleider"],
        ["Looptijd", s.duration(d)],
    ]
    db.table(doc, rows, widths_cm=[4, 12.5])
    db.para(doc)
    db.para(doc, "Gelieve een ondertekend exemplaar terug te sturen voor akkoord.")
    for line in ["Met vriendelijke groeten,", "", d.workplace.person, d.workplace.function]:
        db.para(doc, line, space_after=0)
    return doc
