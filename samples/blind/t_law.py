"""Templates: agreements in articles, as lawyers and federations draft them."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from samples.blind import docbuild as db
from samples.blind.facts import Deal
from samples.blind.phrases import (
    kind_word,
    nature_sentence,
    party,
    place_and_date,
    sign_block,
    workers_sentence,
)
from samples.blind.registry import Built, template
from samples.blind.render import Style

TITLES = (
    "ONDERNEMINGSCONTRACT",
    "ENCLAVEOVEREENKOMST",
    "OVEREENKOMST INZAKE ENCLAVEWERKING",
    "Samenwerkingsovereenkomst enclave",
)


def _location_article(s: Style, d: Deal) -> str:
    assert d.location is not None
    return s.rng.choice(
        [
            f"De werkzaamheden worden uitgevoerd {s.location_phrase(d.location)}.",
            f"De enclave is werkzaam in de vestiging van {s.cp_role} {s.location_phrase(d.location)}.",
            f"Plaats van uitvoering: {s.address(d.location)}.",
        ]
    )


def body(s: Style, d: Deal) -> list[tuple[str, list[str]]]:
    """The usual articles: object, place, workers, term, supervision, price, notice."""
    arts: list[tuple[str, list[str]]] = [
        (
            "Voorwerp",
            [
                f"{s.cp_role.capitalize()} vertrouwt aan {s.wp_role} de uitvoering toe "
                "van werkzaamheden door een enclave van doelgroepwerknemers.",
                nature_sentence(s, d),
            ],
        ),
    ]
    if d.location:
        arts.append(("Plaats van de uitvoering", [_location_article(s, d)]))
    arts += [
        (
            "Samenstelling van de enclave",
            [workers_sentence(s, d), f"De begeleider blijft onder het gezag van {s.wp_role}."],
        ),
        (
            "Duur",
            [
                f"Deze overeenkomst loopt {s.duration(d)}.",
                "Elke partij kan de overeenkomst opzeggen met een opzegtermijn van drie "
                "maanden, bij aangetekende brief.",
            ],
        ),
        (
            "Vergoeding",
            [
                "De prijs wordt berekend per gepresteerd uur volgens de bijgevoegde "
                "prijsofferte en wordt maandelijks gefactureerd."
            ],
        ),
        (
            "Verzekeringen en veiligheid",
            [
                f"{s.cp_role.capitalize()} zorgt voor een veilige "
                "werkplek en deelt de risicoanalyse mee."
            ],
        ),
    ]
    if s.rng.random() < 0.5:
        arts[1:3] = arts[1:3][::-1]
    return arts


def _parties(s: Style, d: Deal, doc: DocxDocument, reverse: bool = False) -> None:
    first = party(s, d.workplace, s.wp_role)
    second = party(s, d.counterpart, s.cp_role)
    if reverse:
        first, second = second, first
    db.para(doc, "Tussen de ondergetekenden:", bold=True)
    db.para(doc, f"1. {first};", align=db.JUSTIFY)
    db.para(doc, "en", align=db.CENTER)
    db.para(doc, f"2. {second}.", align=db.JUSTIFY)
    db.para(doc, "wordt overeengekomen wat volgt:")


def _articles(s: Style, doc: DocxDocument, arts: list[tuple[str, list[str]]], style: str) -> None:
    for i, (title, paras) in enumerate(arts, 1):
        head = {
            "word": f"Artikel {i} \u2013 {title}",
            "short": f"Art. {i}. {title}",
            "num": f"{i}. {title}",
        }[style]
        db.para(doc, head, bold=True, space_after=2)
        for p in paras:
            db.para(doc, p, align=db.JUSTIFY)


def _sign(s: Style, d: Deal, doc: DocxDocument) -> None:
    if d.signed:
        db.para(doc, place_and_date(s, d))
    db.signatures(doc, sign_block(d.workplace, s.wp_role), sign_block(d.counterpart, s.cp_role))


@template(
    "law_articles_classic",
    tags=("prose", "articles"),
    faults=("bad_check_digits", "same_entity", "missing_work_location"),
)
def law_articles_classic(s: Style, deals: list[Deal]) -> Built:
    """'Tussen de ondergetekenden ... hierna genoemd ...', then numbered articles."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Serif", 11)
    db.para(doc, s.rng.choice(TITLES), bold=True, align=db.CENTER, size=14)
    _parties(s, d, doc)
    _articles(s, doc, body(s, d), s.rng.choice(["word", "short"]))
    _sign(s, d, doc)
    return doc


@template("law_reverse_order", tags=("prose", "articles", "client_first"))
def law_reverse_order(s: Style, deals: list[Deal]) -> Built:
    """The client named first, articles in another order, term before object."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Sans", 10)
    db.para(doc, "Overeenkomst tot uitvoering van werken door een enclave", bold=True, size=13)
    _parties(s, d, doc, reverse=True)
    arts = body(s, d)
    arts.insert(0, arts.pop(3))
    _articles(s, doc, arts, "num")
    _sign(s, d, doc)
    return doc


@template("law_definitions", tags=("prose", "articles", "definitions"))
def law_definitions(s: Style, deals: list[Deal]) -> Built:
    """Article 1 defines the parties ('1° de opdrachtgever: ...'), then the facts."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Serif", 11)
    db.para(doc, "ENCLAVEOVEREENKOMST", bold=True, align=db.CENTER, size=14)
    db.para(doc, "Artikel 1. Definities", bold=True)
    db.para(doc, "Voor de toepassing van deze overeenkomst wordt verstaan onder:")
    cp, wp = d.counterpart, d.workplace
    defs = [
        f"{s.cp_role}: {cp.name}, {s.address(cp.seat)}{s.kbo_phrase(cp)};",
        f"{s.wp_role}: {wp.name}, erkend als "
        f"{kind_word(wp)}, {s.address(wp.seat)}{s.kbo_phrase(wp)};",
        "de enclave: een groep doelgroepwerknemers van de werkplaats die onder begeleiding "
        "van de werkplaats werkzaamheden uitvoert bij de opdrachtgever;",
        "de begeleider: de werknemer van de werkplaats die de enclave permanent begeleidt.",
    ]
    if s.rng.random() < 0.5:
        defs[0], defs[1] = defs[1], defs[0]
    for i, text in enumerate(defs, 1):
        db.para(doc, f"{i}\u00b0 {text}", align=db.JUSTIFY, space_after=2)
    s.tags.add("roles_defined")
    _articles(s, doc, [(t, p) for t, p in body(s, d)], "short")
    _sign(s, d, doc)
    return doc


@template("law_split_facts", tags=("prose", "split_facts"))
def law_split_facts(s: Style, deals: list[Deal]) -> Built:
    """Facts spread over sentences: the site named first, its address a sentence later."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Serif", 11)
    db.para(doc, "Enclavecontract", bold=True, size=14)
    _parties(s, d, doc)
    loc = d.location
    assert loc is not None
    start = s.date(d.start)
    texts = [
        f"{s.cp_role.capitalize()} doet een beroep op {s.wp_role} voor een enclave. "
        f"Deze enclave zal in hoofdzaak instaan voor het volgende. {d.nature[0].upper()}"
        f"{d.nature[1:]} vormt de kern van de opdracht.",
        f"De enclave werkt in een vestiging van {s.cp_role}. Deze vestiging is gelegen "
        f"{s.location_phrase(loc)}. Het adres van de maatschappelijke zetel is niet de "
        "plaats van uitvoering.",
        f"De samenwerking start op {start}. "
        + (
            "Er is geen einddatum bepaald: de overeenkomst geldt voor onbepaalde duur."
            if d.end is None
            else f"Zij eindigt van rechtswege op {s.date(d.end)}."
        ),
        f"Voor deze opdracht worden doelgroepwerknemers ingezet. Het gaat om "
        f"{s.workers(d.workers)} personen.",
    ]
    d.nature = d.nature[0].upper() + d.nature[1:]
    for i, t in enumerate(texts, 1):
        db.para(doc, f"Artikel {i}", bold=True, space_after=2)
        db.para(doc, t, align=db.JUSTIFY)
    _sign(s, d, doc)
    return doc


@template("law_numbered_clauses", tags=("prose", "numbered_clauses"))
def law_numbered_clauses(s: Style, deals: list[Deal]) -> Built:
    """Clauses numbered 1.1, 1.2, ... under headed chapters."""
    d = deals[0]
    doc = db.new_document(d, "Liberation Sans", 10)
    db.heading(doc, "Overeenkomst enclavewerking", 1)
    _parties(s, d, doc)
    for i, (title, paras) in enumerate(body(s, d), 1):
        db.heading(doc, f"{i}. {title}", 2)
        for j, p in enumerate(paras, 1):
            db.para(doc, f"{i}.{j} {p}", align=db.JUSTIFY)
    _sign(s, d, doc)
    return doc
