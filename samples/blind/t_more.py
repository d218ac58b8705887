"""Templates: cover letters, model contracts with filled blanks, long and bilingual deeds."""

from __future__ import annotations

from samples.blind import docbuild as db
from samples.blind.facts import Deal
from samples.blind.phrases import (
    kind_word,
    letterhead,
    nature_sentence,
    our_kind,
    party,
    place_and_date,
    sign_block,
    workers_sentence,
)
from samples.blind.registry import Built, template
from samples.blind.render import Style
from samples.blind.t_law import body

DEPT_ADDRESS = [
    "Departement Werk en Sociale Economie",
    "Afdeling Sociale Economie",
    "Koning Albert II-laan 35 bus 20",
    "1030 Brussel",
]


@template(
    "wp_cover_letter_dept",
    tags=("letter_to_department", "letterhead"),
    faults=("bad_check_digits", "missing_work_location"),
)
def wp_cover_letter_dept(s: Style, deals: list[Deal]) -> Built:
    """A cover letter to the department that restates the contract in sentences."""
    d = deals[0]
    cp = d.counterpart
    doc = db.new_document(d, "Liberation Sans", 10)
    db.header(doc.sections[0], letterhead(s, d.workplace))
    for line in DEPT_ADDRESS:
        db.para(doc, line, space_after=0)
    db.para(doc)
    assert d.signed is not None
    db.para(doc, f"{d.workplace.seat.town}, {s.date(d.signed)}", align=db.RIGHT)
    db.para(doc, "Betreft: melding nieuw ondernemingscontract (enclave)", bold=True)
    db.para(doc, "Geachte mevrouw, geachte heer,")
    kbo = f" ({s.number(cp.number)})" if cp.number else ""
    db.para(
        doc,
        f"Hierbij bezorgen wij u het ondernemingscontract dat "
        f"{our_kind(d.workplace)} sloot met {cp.name}{kbo}. Het contract werd door beide "
        f"partijen ondertekend op {s.date(d.signed)}.",
        align=db.JUSTIFY,
    )
    loc = f" De enclave werkt {s.location_phrase(d.location)}." if d.location else ""
    db.para(doc, nature_sentence(s, d) + loc + " " + workers_sentence(s, d), align=db.JUSTIFY)
    db.para(doc, f"Het contract loopt {s.duration(d)}.", align=db.JUSTIFY)
    db.para(doc, "Met vriendelijke groeten,")
    for line in [
        "",
        d.workplace.person,
        d.workplace.function,
        d.workplace.name,
        f"Ondernemingsnummer {s.number(d.workplace.number)}",
    ]:
        db.para(doc, line, space_after=0)
    return doc


@template("law_fill_in_model", tags=("prose", "model_filled_in"))
def law_fill_in_model(s: Style, deals: list[Deal]) -> Built:
    """A federation's model contract; the blanks after the dotted labels filled in."""
    d = deals[0]
    wp, cp = d.workplace, d.counterpart
    doc = db.new_document(d, "Liberation Serif", 11)
    db.para(doc, "MODELOVEREENKOMST ENCLAVEWERKING", bold=True, align=db.CENTER, size=13)
    db.para(
        doc,
        "(model aangereikt door de sectorfederatie \u2013 in te vullen velden)",
        italic=True,
        align=db.CENTER,
        size=9,
    )
    blanks = [
        ("De werkplaats (naam)", wp.name),
        ("ondernemingsnummer", s.number(wp.number)),
        ("De opdrachtgever (naam)", cp.name),
        ("ondernemingsnummer", s.number(cp.number) or "\u2026\u2026\u2026\u2026"),
        ("adres zetel", s.address(cp.seat)),
    ]
    for label, value in blanks:
        db.para(doc, f"{label} \u2026\u2026\u2026 {value}", space_after=2)
    db.para(
        doc,
        "komen overeen dat de werkplaats een enclave organiseert bij de opdrachtgever "
        "onder de volgende voorwaarden:",
    )
    rest = [("plaats van uitvoering", s.address(d.location) if d.location else "")]
    rest += [
        ("aard van de werkzaamheden", d.nature),
        ("aantal doelgroepwerknemers", s.workers(d.workers)),
        ("aanvangsdatum", s.date(d.start)),
    ]
    if d.end is None:
        s.tags.add("duration_indefinite")
        rest.append(("einddatum (of \u2018onbepaald\u2019)", "onbepaald"))
    else:
        s.tags.add("duration_until")
        rest.append(("einddatum (of \u2018onbepaald\u2019)", s.date(d.end)))
    for label, value in rest:
        db.para(doc, f"\u2013 {label}: \u2026 {value}", space_after=2)
    if d.signed:
        db.para(doc, place_and_date(s, d))
    db.signatures(doc, sign_block(wp, "de werkplaats"), sign_block(cp, "de opdrachtgever"))
    return doc


@template("law_long_general_terms", tags=("prose", "articles", "multipage", "header_footer"))
def law_long_general_terms(s: Style, deals: list[Deal]) -> Built:
    """Three pages of general terms; the facts scattered over distant articles."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Serif", 10.5)
    ref = f"ENC/{d.start.year}/{s.rng.randint(1, 120):03d}"
    db.header(
        doc.sections[0], [f"{d.workplace.name} \u2013 contract {ref}"], db.RIGHT, bold_first=False
    )
    db.footer(doc.sections[0], ["Paraaf partijen: ........   ........"])
    db.para(
        doc,
        "ALGEMENE EN BIJZONDERE VOORWAARDEN VAN DE ENCLAVEOVEREENKOMST",
        bold=True,
        align=db.CENTER,
    )
    db.para(
        doc,
        "Tussen "
        + party(s, d.workplace, s.wp_role)
        + ", en "
        + party(s, d.counterpart, s.cp_role)
        + ".",
        align=db.JUSTIFY,
    )
    filler = [
        (
            "Gezag",
            "De doelgroepwerknemers blijven tijdens de volledige duur van de opdracht "
            "onder het gezag van de werkplaats. De opdrachtgever geeft geen rechtstreekse "
            "instructies, behalve wanneer de veiligheid dat vereist.",
        ),
        (
            "Arbeidstijden",
            "De arbeidstijden volgen het uurrooster van de werkplaats. Afwijkingen "
            "worden minstens een week vooraf schriftelijk afgesproken.",
        ),
        (
            "Welzijn",
            "De opdrachtgever stelt de nodige sanitaire voorzieningen, een refter en "
            "kleedruimte ter beschikking, en informeert over de specifieke risico's.",
        ),
        (
            "Aansprakelijkheid",
            "Elke partij is aansprakelijk voor de schade die zij door eigen "
            "fout veroorzaakt. De werkplaats heeft een verzekering burgerlijke aansprakelijkheid.",
        ),
        (
            "Vertrouwelijkheid",
            "Partijen houden alle informatie over elkaars bedrijfsvoering "
            "vertrouwelijk, ook na het einde van deze overeenkomst.",
        ),
        (
            "Geschillen",
            "Geschillen worden eerst in der minne geregeld; lukt dat niet, dan zijn "
            "de rechtbanken van het arrondissement van de zetel van de werkplaats bevoegd.",
        ),
    ]
    facts_art = body(s, d)
    arts = [facts_art[0], *filler[:3], *facts_art[1:3], *filler[3:], *facts_art[3:]]
    for i, (title, paras) in enumerate(arts, 1):
        db.para(doc, f"Artikel {i}. {title}", bold=True, space_after=2)
        for p in paras:
            for _ in range(1 if title not in dict(filler) else 2):
                db.para(doc, p, align=db.JUSTIFY)
    if d.signed:
        db.para(doc, place_and_date(s, d))
    db.signatures(doc, sign_block(d.workplace, s.wp_role), sign_block(d.counterpart, s.cp_role))
    return doc


@template("law_bilingual", tags=("prose", "bilingual", "parallel_columns"), faults=())
def law_bilingual(s: Style, deals: list[Deal]) -> Built:
    """A Brussels-style bilingual contract: Dutch left, French right, row by row."""
    d = deals[0]
    wp, cp = d.workplace, d.counterpart
    doc = db.new_document(d, "Liberation Sans", 9)
    db.para(doc, "ENCLAVEOVEREENKOMST \u2013 CONVENTION D'ENCLAVE", bold=True, align=db.CENTER)
    loc = s.address(d.location) if d.location else ""
    start = s.date(d.start)
    term_nl = "voor onbepaalde duur" if d.end is None else f"tot en met {s.date(d.end)}"
    term_fr = "pour une durée indéterminée" if d.end is None else f"jusqu'au {s.date(d.end)}"
    s.tags.add("duration_indefinite" if d.end is None else "duration_until")
    kbo_cp = f" ({s.number(cp.number)})" if cp.number else ""
    n = s.workers(d.workers)
    rows = [
        [
            f"Tussen {wp.name} ({s.number(wp.number)}), {kind_word(wp)}, hierna \u201cde "
            f"werkplaats\u201d, en {cp.name}{kbo_cp}, hierna \u201cde opdrachtgever\u201d.",
            f"Entre {wp.name}, ci-apr\u00e8s \u00ab l'atelier \u00bb, et {cp.name}, ci-apr\u00e8s "
            "\u00ab le client \u00bb.",
        ],
        [
            f"De werkplaats voert bij de opdrachtgever de volgende werkzaamheden uit: {d.nature}.",
            "L'atelier ex\u00e9cute chez le client les travaux d\u00e9crits dans le texte "
            "n\u00e9erlandais.",
        ],
        [f"Plaats van uitvoering: {loc}.", f"Lieu d'ex\u00e9cution : {loc}."],
        [f"Aantal doelgroepwerknemers: {n}.", f"Nombre de travailleurs : {d.workers}."],
        [
            f"De overeenkomst loopt vanaf {start} {term_nl}.",
            f"La convention prend cours le {start} {term_fr}.",
        ],
    ]
    db.table(doc, rows, grid=False)
    if d.signed:
        db.para(doc)
        s.tags.add("signature_block")
        db.para(doc, f"Brussel, {s.date(d.signed)} \u2013 Bruxelles, le {s.date(d.signed)}")
    return doc


@template("wp_sidebar_layout", tags=("prose", "sidebar"))
def wp_sidebar_layout(s: Style, deals: list[Deal]) -> Built:
    """A designed letter: a narrow contact column on the left, the contract on the right."""
    d = deals[0]
    wp = d.workplace
    doc = db.new_document(d, "Liberation Sans", 9.5, margin_cm=1.5)
    side = "\n".join(
        [
            wp.name,
            "",
            "Maatschappelijke zetel",
            s.address(wp.seat, "street_first"),
            "",
            f"KBO {s.number(wp.number)}",
            "",
            f"Contact: {wp.person}",
        ]
    )
    cp = d.counterpart
    kbo = f", ondernemingsnummer {s.number(cp.number)}," if cp.number else ""
    main = [
        "ENCLAVECONTRACT",
        "",
        f"{wp.name} en {cp.name}{kbo} spreken het volgende af.",
        "",
        nature_sentence(s, d),
    ]
    if d.location:
        main.append(f"Uitvoeringsadres: {s.address(d.location)}.")
    main += [workers_sentence(s, d), f"Looptijd: {s.duration(d)}."]
    if d.signed:
        main += ["", place_and_date(s, d)]
    db.table(doc, [[side, "\n".join(main)]], grid=False, widths_cm=[4.5, 13.5])
    return doc


@template(
    "law_short_paragraph",
    tags=("prose", "single_paragraph"),
    faults=("bad_check_digits", "same_entity"),
)
def law_short_paragraph(s: Style, deals: list[Deal]) -> Built:
    """A half-page agreement in one dense paragraph."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Serif", 11)
    db.para(doc, "Overeenkomst enclave", bold=True)
    loc = f", {s.location_phrase(d.location)}" if d.location else ""
    db.para(
        doc,
        f"{party(s, d.counterpart, s.cp_role)}, doet voor {d.nature}{loc} een "
        f"beroep op {party(s, d.workplace, s.wp_role)}. {workers_sentence(s, d)} De "
        f"overeenkomst loopt {s.duration(d)}.",
        align=db.JUSTIFY,
    )
    if d.signed:
        db.para(doc, place_and_date(s, d))
    db.signatures(doc, sign_block(d.counterpart, s.cp_role), sign_block(d.workplace, s.wp_role))
    return doc


@template("dept_form_branch_unit", tags=("form", "table", "branch_number_distractor"))
def dept_form_branch_unit(s: Style, deals: list[Deal]) -> Built:
    """The newer notification form, which also asks the branch unit number of the site."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Sans", 10)
    db.header(
        doc.sections[0],
        ["Departement Werk en Sociale Economie", "Kennisgeving enclave maatwerk"],
        db.RIGHT,
    )
    db.para(doc, "Kennisgeving van een enclaveovereenkomst", bold=True, size=13)
    wp, cp = d.workplace, d.counterpart
    unit = f"2.{s.rng.randint(100, 299)}.{s.rng.randint(100, 999)}.{s.rng.randint(100, 999)}"
    rows = [
        ["Rubriek", "Gegevens"],
        ["Maatwerkbedrijf / werkplaats", f"{wp.name}\nbtw {s.number(wp.number, 'vat')}"],
        [
            "Ontvangende onderneming",
            cp.name + (f"\nbtw {s.number(cp.number, 'vat')}" if cp.number else ""),
        ],
        [
            "Vestigingseenheid (uitvoeringsplaats)",
            (s.address(d.location) if d.location else "") + f"\nvestigingsnummer {unit}",
        ],
        ["Activiteit van de enclave", d.nature],
        ["Aantal doelgroepwerknemers", s.workers(d.workers)],
        ["Periode", s.duration(d)],
    ]
    if d.signed:
        rows.append(["Datum van ondertekening", s.date(d.signed)])
    db.table(doc, rows, header=True, widths_cm=[6, 10.5])
    return doc


@template(
    "table_sites_multi",
    contracts=(2, 4),
    shared_counterpart=True,
    tags=("table", "table_multi", "landscape", "same_client_several_sites"),
    faults=(),
)
def table_sites_multi(s: Style, deals: list[Deal]) -> Built:
    """One client, several sites: a landscape table with one enclave per site."""
    d0 = deals[0]
    cp = d0.counterpart
    doc = db.new_document(d0, "Liberation Sans", 9, margin_cm=1.5)
    db.landscape(doc.sections[0])
    db.para(
        doc,
        f"Bijlage bij de raamovereenkomst tussen {d0.workplace.name} "
        f"({s.number(d0.workplace.number)}) en {cp.name}"
        + (f" ({s.number(cp.number)})" if cp.number else ""),
        bold=True,
    )
    rows = [["Site", "Werkzaamheden", "Ploeg", "Vanaf", "Tot"]]
    for d in deals:
        assert d.location is not None
        end = "onbepaald" if d.end is None else s.date(d.end)
        rows.append([s.address(d.location), d.nature, str(d.workers), s.date(d.start), end])
    db.table(doc, rows, header=True, widths_cm=[7, 9, 2, 3, 3])
    if d0.signed:
        db.para(doc)
        db.para(doc, place_and_date(s, d0))
    return doc
