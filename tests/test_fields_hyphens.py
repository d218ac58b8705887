"""Justified text: words split over two lines with a hyphen are joined before reading."""

from __future__ import annotations

from parsers.fields import extract_contracts
from parsers.fields.hyphens import join_hyphenated
from parsers.fields.testing import lines_document
from parsers.fields.textmap import PlacedLine
from parsers.types import Box, Line, Word


def placed(*rows: str, page: int = 1) -> list[PlacedLine]:
    """Lines of words without boxes."""
    return [PlacedLine(page, Line([Word(w, None) for w in row.split()])) for row in rows]


def texts(lines: list[PlacedLine]) -> list[str]:
    """The text of each line."""
    return [p.line.text for p in lines]


def test_a_lower_case_continuation_drops_the_hyphen() -> None:
    """ "werk-" + "zaamheden" is one word, the rest of the next line stays."""
    out = join_hyphenated(placed("de volgende werk-", "zaamheden: groenonderhoud"))
    assert texts(out) == ["de volgende werkzaamheden:", "groenonderhoud"]


def test_a_capital_continuation_keeps_the_hyphen() -> None:
    """Place names keep their hyphen: "Sint-" + "Niklaas" is "Sint-Niklaas"."""
    out = join_hyphenated(placed("gelegen te Sint-", "Niklaas."))
    assert texts(out) == ["gelegen te Sint-Niklaas."]


def test_dashes_numbers_and_page_ends_are_left_alone() -> None:
    """A lone dash, a number range and a split across pages are no split words."""
    assert texts(join_hyphenated(placed("Gent -", "Brugge"))) == ["Gent -", "Brugge"]
    assert texts(join_hyphenated(placed("artikel 3-", "5 geldt"))) == ["artikel 3-", "5 geldt"]
    split_pages = placed("werk-") + placed("zaamheden", page=2)
    assert texts(join_hyphenated(split_pages)) == ["werk-", "zaamheden"]


def test_boxes_of_both_pieces_make_the_evidence() -> None:
    """The joined word's box covers both pieces."""
    doc = lines_document([["werk-", "zaamheden"]])
    lines = [PlacedLine(1, line) for line in doc.pages[0].lines]
    (joined,) = join_hyphenated(lines)
    first, second = lines[0].line.words[0].box, lines[1].line.words[0].box
    assert joined.line.words[0].box == first.union(second)  # type: ignore[union-attr]


def test_a_prose_contract_in_justified_text_reads_whole_words() -> None:
    """The nature of the work split over a line end comes out as whole words."""
    doc = lines_document(
        [
            [
                "Tussen enerzijds De Ploeg vzw, hierna 'de werkplaats', en anderzijds Bakkerij",
                "Peeters NV, hierna 'de onderneming', wordt het volgende overeengekomen.",
                "De werkplaats stelt zes (6) doelgroepwerknemers ter beschikking voor de vol-",
                "gende werkzaamheden: verpakken en etiket-",
                "teren van voedingsproducten. De overeenkomst gaat in op 1 maart 2024 voor",
                "onbepaalde duur.",
            ]
        ]
    )
    (contract,) = extract_contracts(doc)
    assert contract.value("nature_of_work") == "verpakken en etiketteren van voedingsproducten"


def test_a_split_word_is_not_joined_with_another_column() -> None:
    """In a table, "voedingswa-" is not joined with the next line's first cell ("mel")."""
    doc = lines_document([["Acker NV\tLom-\tvoedingswa-", "\tmel\tren"]])
    lines = join_hyphenated([PlacedLine(1, line) for line in doc.pages[0].lines])
    assert [w.text for w in lines[0].line.words] == ["Acker", "NV", "Lom-", "voedingswa-"]


def test_a_line_that_gave_its_first_word_away_still_starts_at_the_margin() -> None:
    """Two split words in a row are both joined ("ne-genentwintigste", "drie-ëntwintig")."""
    doc = lines_document(
        [
            [
                "Opgemaakt te Gent, op de ne-",
                "genentwintigste december tweeduizend drie-",
                "ëntwintig.",
            ]
        ]
    )
    lines = join_hyphenated([PlacedLine(1, line) for line in doc.pages[0].lines])
    assert texts(lines) == [
        "Opgemaakt te Gent, op de negenentwintigste",
        "december tweeduizend drieëntwintig.",
    ]


def _shifted(box: Box | None, dx: float) -> Box | None:
    """The box moved right by dx points."""
    return None if box is None else Box(box.x0 + dx, box.top, box.x1 + dx, box.bottom)


def test_a_numbered_item_wraps_under_its_text() -> None:
    """ "1. ... onderhoud van ber-" / "men" indented under the item's text is one word."""
    doc = lines_document([["10. Het onderhoud van ber-", "men en grachten."]])
    first, second = doc.pages[0].lines
    assert first.words[1].box is not None and second.words[0].box is not None
    indent = first.words[1].box.x0 - second.words[0].box.x0
    second = Line([Word(w.text, _shifted(w.box, indent)) for w in second.words])
    lines = join_hyphenated([PlacedLine(1, first), PlacedLine(1, second)])
    assert texts(lines) == ["10. Het onderhoud van bermen", "en grachten."]
