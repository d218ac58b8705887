"""Prose contracts: parties, then numbered articles, then the signature block.

Every sentence that carries a field comes in several phrasings; filler articles (supervision,
prices, insurance, notice) bring other dates and numbers that an extractor must not take.
"""

from __future__ import annotations

import random

from samples.corpus import docs_clauses as clauses
from samples.corpus.docs_model import Block, BlockKind, FieldStyle
from samples.corpus.docs_words import Writer, cap, counterpart_role, workplace_role
from samples.corpus.truth import ContractTruth, Tricky


def _parties(w: Writer, wp: str, cp: str) -> list[Block]:
    t, rng = w.truth, w.rng
    wp_num, cp_num = (
        w.number(t.workplace_enterprise_number),
        w.number(t.counterpart_enterprise_number),
    )
    variant = rng.randrange(4)
    if variant == 0:
        return [
            Block(BlockKind.PARA, text="Tussen enerzijds:"),
            Block(
                BlockKind.PARA,
                text=f"{t.workplace_name}, met ondernemingsnummer {wp_num}, "
                f"met zetel te {t.workplace_address}, hier vertegenwoordigd door {w.person()}, "
                f"{w.function()}, hierna '{wp}' genoemd,",
            ),
            Block(BlockKind.PARA, text="en anderzijds:"),
            Block(
                BlockKind.PARA,
                text=f"{t.counterpart_name}, ondernemingsnummer {cp_num}, "
                f"met maatschappelijke zetel te {t.counterpart_address}, vertegenwoordigd door "
                f"{w.person()}, {w.function()}, hierna '{cp}' genoemd,",
            ),
            Block(BlockKind.PARA, text="wordt overeengekomen wat volgt:"),
        ]
    if variant == 1:
        return [
            Block(BlockKind.PARA, text="DE ONDERGETEKENDEN:"),
            Block(
                BlockKind.PARA,
                text=f"1. {t.workplace_name} (KBO {wp_num}), gevestigd "
                f"{t.workplace_address}, hierna genoemd '{wp}';",
            ),
            Block(
                BlockKind.PARA,
                text=f"2. {t.counterpart_name} (KBO {cp_num}), gevestigd "
                f"{t.counterpart_address}, hierna genoemd '{cp}';",
            ),
            Block(BlockKind.PARA, text="komen het volgende overeen."),
        ]
    if variant == 2:
        return [
            Block(BlockKind.HEADING, text="Partijen"),
            Block(
                BlockKind.FIELDS,
                style=FieldStyle.INLINE,
                rows=[
                    ("Werkplaats:", t.workplace_name),
                    ("Ondernemingsnummer:", wp_num),
                    ("Zetel:", t.workplace_address),
                ],
            ),
            Block(BlockKind.PARA, text=f"hierna '{wp}',"),
            Block(
                BlockKind.FIELDS,
                style=FieldStyle.INLINE,
                rows=[
                    (cap(cp.split()[-1]) + ":", t.counterpart_name),
                    ("Ondernemingsnummer:", cp_num),
                    ("Zetel:", t.counterpart_address),
                ],
            ),
            Block(BlockKind.PARA, text=f"hierna '{cp}'."),
        ]
    return [
        Block(
            BlockKind.PARA,
            text=(
                f"Deze overeenkomst wordt gesloten tussen {t.workplace_name}, ondernemingsnummer {wp_num}, "
                f"gevestigd te {t.workplace_address}, en {t.counterpart_name}, ondernemingsnummer "
                f"{cp_num}, gevestigd te {t.counterpart_address}, hierna respectievelijk '{wp}' en "
                f"'{cp}' genoemd."
            ),
        )
    ]


def _article_block(style: int, n: int, title: str, text: str) -> list[Block]:
    if style == 0:
        return [
            Block(BlockKind.HEADING, text=f"Artikel {n} - {title}"),
            Block(BlockKind.PARA, text=text),
        ]
    if style == 1:
        return [Block(BlockKind.PARA, lead=f"Art. {n}. {title}.", text=text)]
    if style == 2:
        return [
            Block(BlockKind.HEADING, text=f"Artikel {n}: {title}"),
            Block(BlockKind.PARA, text=text),
        ]
    return [
        Block(BlockKind.HEADING, text=f"{n}. {title.upper()}"),
        Block(BlockKind.PARA, text=text),
    ]


def build_prose(truth: ContractTruth, rng: random.Random) -> list[Block]:
    """The blocks of one contract written as prose in articles."""
    w = Writer.for_truth(truth, rng)
    wp, cp = workplace_role(truth, rng), counterpart_role(rng)
    year = truth.signed_date or truth.start_date or truth.end_date
    maatwerk = year is None or year.year >= 2015
    blocks = [
        Block(
            BlockKind.TITLE,
            text=rng.choice(
                [
                    "ONDERNEMINGSCONTRACT ENCLAVEWERKING",
                    "OVEREENKOMST ENCLAVEWERKING",
                    "Enclaveovereenkomst",
                    "SAMENWERKINGSOVEREENKOMST - ENCLAVE",
                    "Ondernemingscontract in het kader van enclavewerking",
                ]
            ),
        )
    ]
    if rng.random() < 0.6:
        blocks.append(Block(BlockKind.SUBTITLE, text=clauses.legal_basis(rng, maatwerk)))
    blocks.extend(_parties(w, wp, cp))
    if rng.random() < 0.4:
        blocks.extend(Block(BlockKind.PARA, text=line) for line in clauses.preamble(w, wp, cp))
    articles = [
        ("Voorwerp", clauses.object_sentence(w, wp, cp)),
        ("Plaats van uitvoering", clauses.location_sentence(w, cp)),
        ("Doelgroepwerknemers", clauses.workers_sentence(w, wp)),
        ("Duur", clauses.duration_sentence(w)),
    ]
    if rng.random() < 0.3:
        articles[1], articles[2] = articles[2], articles[1]
    if rng.random() < 0.3:
        title, text = articles.pop(1)
        articles[0] = (articles[0][0], articles[0][1] + " " + text)
    fillers = clauses.filler_articles(w, wp, cp)
    rng.shuffle(fillers)
    articles.extend(fillers[: rng.randint(6, len(fillers))])
    if Tricky.TERMINATION_WORDING.value in truth.tricky:
        articles.insert(4, ("Voorgaande overeenkomst", clauses.termination_sentence(w, wp, cp)))
    style = rng.randrange(4)
    for n, (title, text) in enumerate(articles, start=1):
        blocks.extend(_article_block(style, n, title, text))
    blocks.append(Block(BlockKind.PARA, text=clauses.signed_sentence(w)))
    blocks.append(
        Block(
            BlockKind.SIGNATURES,
            columns=[
                [f"Voor {wp},", truth.workplace_name, "", "", "", w.person(), w.function()],
                [f"Voor {cp},", truth.counterpart_name, "", "", "", w.person(), w.function()],
            ],
        )
    )
    if rng.random() < 0.3:
        blocks.append(Block(BlockKind.SMALL, text="Bijlage: werkpostfiche en risicoanalyse"))
    return blocks
