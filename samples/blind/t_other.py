"""Templates: documents a workplace attaches that are not enclave contracts."""

from __future__ import annotations

from datetime import timedelta

from docx.document import Document as DocxDocument

from samples.blind import docbuild as db
from samples.blind.facts import Deal
from samples.blind.phrases import letterhead
from samples.blind.registry import Built, template
from samples.blind.render import Style

NOT_CONTRACT = {"is_contract": False, "faults": ()}


def _head(s: Style, d: Deal, title: str) -> DocxDocument:
    doc = db.new_document(d, "Liberation Sans", 10)
    db.header(doc.sections[0], letterhead(s, d.workplace))
    s.tags.add("letterhead")
    for line in [d.counterpart.name, s.address(d.counterpart.seat, "street_first")]:
        db.para(doc, line, space_after=0)
    db.para(doc)
    db.para(doc, f"{d.workplace.seat.town}, {s.date(d.signed or d.start)}", align=db.RIGHT)
    db.para(doc, title, bold=True, size=12)
    return doc


@template("nc_price_offer", tags=("non_contract", "price_offer"), **NOT_CONTRACT)
def nc_price_offer(s: Style, deals: list[Deal]) -> Built:
    """A price offer for a possible enclave: facts without an agreement."""
    d = deals[0]
    doc = _head(s, d, f"Prijsofferte nr. {d.start.year}/{s.rng.randint(10, 250)}")
    db.para(
        doc,
        f"Naar aanleiding van ons bezoek bieden wij u graag de volgende prijs aan voor {d.nature}.",
        align=db.JUSTIFY,
    )
    db.table(
        doc,
        [
            ["Omschrijving", "Eenheid", "Prijs (excl. btw)"],
            ["Prestatie doelgroepwerknemer", "uur", f"{s.rng.randint(18, 26)},50 EUR"],
            ["Begeleiding", "uur", f"{s.rng.randint(30, 40)},00 EUR"],
        ],
        header=True,
    )
    db.para(
        doc, "Deze offerte is 30 dagen geldig. Bij akkoord maken wij een enclaveovereenkomst op."
    )
    return doc


@template("nc_general_letter", tags=("non_contract", "general_letter"), **NOT_CONTRACT)
def nc_general_letter(s: Style, deals: list[Deal]) -> Built:
    """A general letter: a change of address and of contact person."""
    d = deals[0]
    doc = _head(s, d, "Betreft: nieuw adres en nieuwe contactpersoon")
    db.para(doc, "Geachte klant,")
    db.para(
        doc,
        f"Vanaf {s.date(d.start)} is onze administratie verhuisd naar "
        f"{s.address(d.workplace.seat)}. Uw vaste contactpersoon wordt "
        f"{d.workplace.person}. Aan de lopende enclaves verandert niets.",
        align=db.JUSTIFY,
    )
    db.para(doc, "Met vriendelijke groeten,")
    return doc


@template("nc_invoice", tags=("non_contract", "invoice"), **NOT_CONTRACT)
def nc_invoice(s: Style, deals: list[Deal]) -> Built:
    """An invoice for enclave hours of last month."""
    d = deals[0]
    doc = _head(s, d, f"FACTUUR {d.start.year}-{s.rng.randint(1000, 9999)}")
    hours = d.workers * s.rng.randint(60, 150)
    rate = s.rng.randint(18, 26)
    db.table(
        doc,
        [
            ["Omschrijving", "Aantal", "Eenheidsprijs", "Totaal"],
            [
                f"Prestaties enclave \u2013 {d.nature}",
                f"{hours} u",
                f"{rate},00",
                f"{hours * rate},00",
            ],
            ["Btw 21 %", "", "", f"{round(hours * rate * 0.21)},00"],
        ],
        header=True,
    )
    due = d.start + timedelta(days=30)
    db.para(
        doc,
        f"Te betalen voor {s.date(due)}. Btw-nummer klant: "
        f"{s.number(d.counterpart.number, 'vat') if d.counterpart.number else '-'}.",
    )
    return doc


@template("nc_termination", tags=("non_contract", "termination"), **NOT_CONTRACT)
def nc_termination(s: Style, deals: list[Deal]) -> Built:
    """A termination notice ('stopzetting') of a running enclave."""
    d = deals[0]
    doc = _head(s, d, "Betreft: stopzetting enclavecontract")
    db.para(doc, "Geachte,")
    db.para(
        doc,
        f"Hierbij melden wij de stopzetting van het enclavecontract met "
        f"{d.counterpart.name} voor {d.nature}, met ingang van {s.date(d.start)}. De "
        "opzegtermijn van drie maanden werd gerespecteerd.",
        align=db.JUSTIFY,
    )
    db.para(doc, "Met vriendelijke groeten,")
    return doc


@template("nc_attendance", tags=("non_contract", "timesheet"), **NOT_CONTRACT)
def nc_attendance(s: Style, deals: list[Deal]) -> Built:
    """A monthly attendance list of the enclave team."""
    d = deals[0]
    doc = _head(s, d, f"Prestatielijst enclave {d.counterpart.name}")
    rows = [["Werknemer", "Gewerkte dagen", "Uren"]]
    for i in range(d.workers):
        rows.append(
            [f"Werknemer {i + 1}", str(s.rng.randint(15, 21)), str(s.rng.randint(110, 160))]
        )
    db.table(doc, rows, header=True)
    return doc
