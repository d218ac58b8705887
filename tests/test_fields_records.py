"""Several contracts as repeated blocks of labelled facts, as a workplace lists them in a mail."""

from __future__ import annotations

import datetime as dt

from parsers.fields import extract_contracts
from parsers.fields.duration import parse_period
from parsers.fields.records import record_pieces
from parsers.fields.testing import lines_document
from parsers.fields.textmap import PlacedLine
from parsers.types import Line, TextSource, Word

HEAD = [
    "Beste,",
    "Hieronder de nieuwe enclaves van De Ploeg vzw (0123.456.749).",
]
BLOCKS = [
    "1) Bakkerij Peeters NV – KBO 0403.170.701",
    "Werkplek: Industrieweg 7, 8500 Kortrijk",
    "Werkzaamheden: verpakken van koekjes",
    "Aantal: 4 medewerkers",
    "Periode: 1 maart 2024 – 28 februari 2025",
    "2) Garage Vermeulen BV – KBO 0404.053.915",
    "Werkplek: Kerkstraat 4, 2500 Lier",
    "Werkzaamheden: poetsen van wagens",
    "Aantal: 2 medewerkers",
    "Periode: 1 april 2024 – onbepaalde duur",
]
TAIL = ["Met vriendelijke groeten,", "An Peeters", "De Ploeg vzw"]


def _plain(texts: list[str]) -> list[PlacedLine]:
    """Lines of a plain-text body (no boxes)."""
    return [PlacedLine(1, Line([Word(w, None) for w in t.split()])) for t in texts]


def test_each_block_is_a_piece_with_the_text_around_the_blocks() -> None:
    """Two blocks give two pieces; each keeps the greeting and the signature."""
    pieces = record_pieces(_plain([*HEAD, *BLOCKS, *TAIL]))
    assert pieces is not None and len(pieces) == 2
    texts = [[p.line.text for p in piece] for piece in pieces]
    assert texts[0][:2] == HEAD and texts[1][:2] == HEAD
    assert texts[0][-1] == "De Ploeg vzw" and texts[1][-1] == "De Ploeg vzw"
    assert "Werkplek: Kerkstraat 4, 2500 Lier" in texts[1]
    assert "Werkplek: Kerkstraat 4, 2500 Lier" not in texts[0]


def test_a_block_heading_that_names_an_organisation_is_the_counterpart() -> None:
    """ "1) Bakkerij Peeters NV – KBO ..." becomes the block's counterpart, without the "1)"."""
    pieces = record_pieces(_plain([*HEAD, *BLOCKS, *TAIL]))
    assert pieces is not None
    assert pieces[0][2].line.text.startswith("Naam onderneming: Bakkerij Peeters NV")


def test_a_mail_listing_two_enclaves_gives_two_contracts() -> None:
    """The blocks' own facts, the shared workplace, the counterpart from each heading."""
    doc = lines_document([[*HEAD, *BLOCKS, *TAIL]], TextSource.PLAIN, boxes=False)
    contracts = extract_contracts(doc)
    assert [c.value("counterpart_name") for c in contracts] == [
        "Bakkerij Peeters NV",
        "Garage Vermeulen BV",
    ]
    assert [c.value("work_location") for c in contracts] == [
        "Industrieweg 7, 8500 Kortrijk",
        "Kerkstraat 4, 2500 Lier",
    ]
    assert [c.value("start_date") for c in contracts] == [dt.date(2024, 3, 1), dt.date(2024, 4, 1)]
    assert contracts[0].value("end_date") == dt.date(2025, 2, 28)
    assert contracts[1].value("indefinite_duration") is True


def test_one_form_with_a_heading_label_is_one_contract() -> None:
    """A lone "Looptijd" heading above "Duur:" repeats no fact: the form stays whole."""
    form = [
        "Naam werkplaats: De Ploeg vzw",
        "Naam onderneming: Bakkerij Peeters NV",
        "Aard van de opdracht: verpakken",
        "Aantal werknemers: 4",
        "Adres van de enclave: Industrieweg 7, 8500 Kortrijk",
        "Looptijd van de overeenkomst",
        "Duur: onbepaalde duur",
        "Startdatum: 01/09/2015",
        "Datum van ondertekening: 24/08/2015",
    ]
    assert record_pieces(_plain(form)) is None


def test_blocks_that_share_too_few_facts_are_no_list() -> None:
    """A block of place, work and team, then one of dates: one contract, not two."""
    lines = [
        "Werkplek: Industrieweg 7, 8500 Kortrijk",
        "Werkzaamheden: verpakken",
        "Aantal: 4",
        "Startdatum: 01/03/2024",
        "Einddatum: 28/02/2025",
        "Werkplek: idem",
        "Datum van ondertekening: 24/02/2024",
    ]
    assert record_pieces(_plain(lines)) is None


def test_a_period_gives_its_start_and_its_end() -> None:
    """ "zondag 1 december 2019 – woensdag 30 november 2022": both dates, weekdays skipped."""
    period = parse_period("zondag 1 december 2019 – woensdag 30 november 2022")
    assert period is not None
    assert (period.start, period.end) == (dt.date(2019, 12, 1), dt.date(2022, 11, 30))


def test_a_period_without_an_end_date_gives_its_start() -> None:
    """ "01/03/2024 – onbepaalde duur": the start only; the duration reads the rest."""
    period = parse_period("01/03/2024 – onbepaalde duur")
    assert period is not None and period.start == dt.date(2024, 3, 1) and period.end is None
    assert parse_period("12 maanden") is None
