"""Templates: tables, including one row (or column) per enclave for several contracts."""

from __future__ import annotations

from samples.blind import docbuild as db
from samples.blind.facts import Deal
from samples.blind.phrases import kind_word, letterhead, place_and_date
from samples.blind.registry import Built, template
from samples.blind.render import Style


def _term(s: Style, d: Deal) -> str:
    if d.end is None:
        s.tags.add("duration_indefinite")
        return s.rng.choice(["onbepaald", "onbepaalde duur", "ODD"])
    if d.months:
        s.tags.add("duration_months")
        return f"{d.months} maanden"
    return s.date(d.end)


def _name_kbo(s: Style, name: str, number: str | None) -> str:
    if not number:
        return name
    s.tags.add("kbo_in_cell")
    return f"{name} (KBO {s.number(number)})"


@template(
    "table_landscape_multi",
    contracts=(2, 5),
    tags=("table", "table_multi", "landscape"),
    faults=("bad_check_digits",),
)
def table_landscape_multi(s: Style, deals: list[Deal]) -> Built:
    """A landscape list of the workplace's new enclaves, one row per contract."""
    d0 = deals[0]
    doc = db.new_document(d0, "Liberation Sans", 9, margin_cm=1.5)
    db.landscape(doc.sections[0])
    db.header(doc.sections[0], letterhead(s, d0.workplace))
    s.tags.add("letterhead")
    db.para(
        doc,
        f"Overzicht nieuwe enclavecontracten van {d0.workplace.name} "
        f"(KBO {s.number(d0.workplace.number)})",
        bold=True,
        size=12,
    )
    rows = [
        [
            "Nr.",
            "Opdrachtgever",
            "Adres uitvoering",
            "Werkzaamheden",
            "Aantal DGW",
            "Start",
            "Einde",
        ]
    ]
    for i, d in enumerate(deals, 1):
        rows.append(
            [
                str(i),
                _name_kbo(s, d.counterpart.name, d.counterpart.number),
                s.address(d.location) if d.location else "",
                d.nature,
                str(d.workers),
                s.date(d.start),
                _term(s, d),
            ]
        )
    db.table(doc, rows, header=True, widths_cm=[1, 6, 5.5, 7, 1.8, 2.3, 2.3], size=8.5)
    db.para(doc)
    db.para(doc, "DGW: doelgroepwerknemers. ODD: overeenkomst van onbepaalde duur.", size=8)
    if d0.signed:
        db.para(doc, f"Alle overeenkomsten werden ondertekend op {s.date(d0.signed)}.")
    return doc


@template(
    "table_columns_multi",
    contracts=(2, 3),
    tags=("table", "table_multi", "table_columns_per_contract"),
    faults=(),
)
def table_columns_multi(s: Style, deals: list[Deal]) -> Built:
    """One column per enclave, one row per fact."""
    d0 = deals[0]
    doc = db.new_document(d0, "Liberation Sans", 9.5)
    db.para(
        doc,
        f"{d0.workplace.name} \u2013 {kind_word(d0.workplace)} \u2013 ondernemings"
        f"nummer {s.number(d0.workplace.number)}",
        bold=True,
    )
    db.para(doc, "Melding van enclaves", bold=True, size=13)
    header = [""] + [f"Enclave {i}" for i in range(1, len(deals) + 1)]
    facts = [
        ("Opdrachtgever", [d.counterpart.name for d in deals]),
        ("KBO opdrachtgever", [s.number(d.counterpart.number) or "/" for d in deals]),
        ("Adres werkplek", [s.address(d.location) if d.location else "" for d in deals]),
        ("Werkzaamheden", [d.nature for d in deals]),
        ("Aantal werknemers", [s.workers(d.workers) for d in deals]),
        ("Begindatum", [s.date(d.start) for d in deals]),
        ("Einddatum", [_term(s, d) for d in deals]),
        ("Ondertekend op", [s.date(d.signed) if d.signed else "" for d in deals]),
    ]
    db.table(doc, [header] + [[label, *values] for label, values in facts], header=True)
    return doc


@template(
    "table_kv_kbo_cell", tags=("table", "kbo_in_cell"), faults=("bad_check_digits", "same_entity")
)
def table_kv_kbo_cell(s: Style, deals: list[Deal]) -> Built:
    """A key-value grid whose party cells read 'Name (KBO 0xxx.xxx.xxx)'."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Sans", 10)
    db.para(doc, "Enclaveovereenkomst \u2013 samenvatting", bold=True, size=13)
    rows = [
        ["Werkplaats", _name_kbo(s, d.workplace.name, d.workplace.number)],
        ["Opdrachtgever", _name_kbo(s, d.counterpart.name, d.counterpart.number)],
        ["Adres zetel opdrachtgever", s.address(d.counterpart.seat)],
    ]
    if d.location:
        rows.append(["Uitvoeringsadres", s.address(d.location)])
    rows += [
        ["Aard van de opdracht", d.nature],
        ["Aantal", s.workers(d.workers)],
        ["Begin", s.date(d.start)],
        ["Einde", _term(s, d)],
    ]
    if d.signed:
        rows.append(["Getekend", s.date(d.signed)])
    db.table(doc, rows, widths_cm=[5, 11])
    return doc


@template("table_sections_grid", tags=("table", "form", "merged_headers"))
def table_sections_grid(s: Style, deals: list[Deal]) -> Built:
    """A grid with merged section rows ('A. De werkplaats') above label-value rows."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Sans", 9.5)
    db.para(doc, "ENCLAVECONTRACT \u2013 gegevensblad", bold=True, size=13)
    wp, cp = d.workplace, d.counterpart
    blocks = [
        (
            "A. De werkplaats",
            [("Naam", wp.name), ("KBO", s.number(wp.number)), ("Statuut", kind_word(wp))],
        ),
        (
            "B. De opdrachtgever",
            [
                ("Naam", cp.name),
                ("KBO", s.number(cp.number) or "n.v.t."),
                ("Zetel", s.address(cp.seat)),
            ],
        ),
        (
            "C. De opdracht",
            [
                ("Uitvoeringsplaats", s.address(d.location) if d.location else ""),
                ("Werkzaamheden", d.nature),
                ("Doelgroepwerknemers", s.workers(d.workers)),
                ("Periode", s.duration(d)),
            ],
        ),
    ]
    rows: list[list[str]] = []
    merges = []
    for title, pairs in blocks:
        merges.append(len(rows))
        rows.append([title, ""])
        rows += [[k, v] for k, v in pairs]
    t = db.table(doc, rows, widths_cm=[5, 11])
    for r in merges:
        cell = t.cell(r, 0).merge(t.cell(r, 1))
        cell.paragraphs[0].runs[0].bold = True
    if d.signed:
        db.para(doc)
        db.para(doc, place_and_date(s, d))
    return doc


@template(
    "multi_sections",
    contracts=(2, 3),
    tags=("prose", "multi_sections"),
    faults=("bad_check_digits",),
)
def multi_sections(s: Style, deals: list[Deal]) -> Built:
    """One letter announcing several enclaves, one headed section each."""
    d0 = deals[0]
    doc = db.new_document(d0, "Liberation Serif", 11)
    db.header(doc.sections[0], letterhead(s, d0.workplace))
    s.tags.add("letterhead")
    db.para(doc, "Melding van nieuwe enclaves", bold=True, size=13)
    db.para(doc, f"{d0.workplace.name} meldt hierbij de volgende enclavecontracten.")
    for i, d in enumerate(deals, 1):
        cp = d.counterpart
        db.para(doc, f"Enclave {i}: {cp.name}", bold=True, space_after=2)
        kbo = f"Het ondernemingsnummer van de klant is {s.number(cp.number)}. " if cp.number else ""
        loc = f"Het werk gebeurt {s.location_phrase(d.location)}. " if d.location else ""
        db.para(
            doc,
            f"{kbo}{loc}Opdracht: {d.nature}. Aantal doelgroepwerknemers: "
            f"{s.workers(d.workers)}. Looptijd: {s.duration(d)}.",
            align=db.JUSTIFY,
        )
    if d0.signed:
        db.para(doc, place_and_date(s, d0))
    return doc
