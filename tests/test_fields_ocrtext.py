"""Scan noise in OCR'd lines: specks read as marks, anchor words one letter off, false accents."""

from __future__ import annotations

import pytest

from parsers.fields.enterprise import normalise_enterprise_number
from parsers.fields.layout import split_line
from parsers.fields.ocrtext import denoise_line, repair_accents
from parsers.fields.textmap import PlacedLine, clean_value
from parsers.types import Box, Line, Word


def _line(text: str, confidence: float = 0.9) -> Line:
    """A line of OCR'd words, 6 points per character, one space apart."""
    words, x = [], 10.0
    for token in text.split():
        words.append(Word(token, Box(x, 10, x + 6 * len(token), 20), confidence))
        x += 6 * len(token) + 4
    return Line(words)


def test_lone_specks_and_unclosed_quotes_are_dropped() -> None:
    """A lone degree sign, a stop mid-sentence and a stray opening quote go; real quotes stay."""
    line = denoise_line(_line(". De ° enclavewerking start. op 01/11/2021 met ingang ‘van nu"))
    assert line.text == "De enclavewerking start op 01/11/2021 met ingang van nu"
    kept = denoise_line(_line("hierna ‘de werkplaats’ genoemd, 't Laar"))
    assert kept.text == "hierna ‘de werkplaats’ genoemd, 't Laar"


def test_stop_before_lower_case_on_the_next_line_is_a_speck() -> None:
    """A stop ending a line goes when the line below starts in lower case, else it stays."""
    below = _line("groenonderhoud. :")
    line = denoise_line(_line("De werkzaamheden bestaan uit ."), below)
    assert line.text == "De werkzaamheden bestaan uit"
    kept = denoise_line(_line("De werkzaamheden bestaan uit groenonderhoud."), _line("Art. 2"))
    assert kept.text == "De werkzaamheden bestaan uit groenonderhoud."


def test_stop_inside_a_word_splits_it_with_its_box() -> None:
    """ "site.van" becomes two words whose boxes share the original box."""
    line = denoise_line(_line("de site.van de gebruiker"))
    assert line.text == "de site van de gebruiker"
    site, van = line.words[1], line.words[2]
    assert site.box is not None and van.box is not None and site.box.x1 < van.box.x0


def test_anchor_word_one_letter_off_is_restored() -> None:
    """An OCR slip in a word the extractors anchor on is undone, case kept; others stay."""
    line = denoise_line(
        _line("stelt acht (8) doelgraepwerknemers ter beschikking Doelgroepwerknemera")
    )
    assert line.text == "stelt acht (8) doelgroepwerknemers ter beschikking Doelgroepwerknemers"
    assert denoise_line(_line("Vandenberghe Plastics")).text == "Vandenberghe Plastics"
    assert denoise_line(_line("Voor akkobrd, Eeklo")).text == "Voor akkoord, Eeklo"


def test_spurious_accents_are_removed_unless_dutch_spelling_has_them() -> None:
    """ "Atélier" and "én" lose their accents; "geïndexeerd", "comité" and "één" keep them."""
    lines = [
        [
            PlacedLine(1, _line("Maatwerkbedrijf 't Atélier vzw bloemschikken én potten")),
            PlacedLine(1, _line("geïndexeerd comité één Lambréchts")),
        ]
    ]
    [[first, second]] = repair_accents(lines)
    assert first.line.text == "Maatwerkbedrijf 't Atelier vzw bloemschikken en potten"
    assert second.line.text == "geïndexeerd comité één Lambrechts"


def test_spelling_seen_more_often_in_the_document_wins() -> None:
    """An accented name written so twice elsewhere keeps its accent."""
    lines = [
        [
            PlacedLine(1, _line("Crèche Zonneke")),
            PlacedLine(1, _line("Crèche Zonneke")),
            PlacedLine(2, _line("Crèche")),
        ]
    ]
    assert all(p.line.text.startswith("Crèche") for p in repair_accents(lines)[0])


def test_typed_words_keep_their_accents() -> None:
    """Text from a text layer or DOCX is not touched."""
    lines = [[PlacedLine(1, _line("Atélier", confidence=1.0))]]
    assert repair_accents(lines)[0][0].line.text == "Atélier"


def test_digit_read_twice_in_a_scanned_enterprise_number_is_dropped() -> None:
    """Eleven digits with exactly one valid deletion are repaired, on scans only."""
    repaired = normalise_enterprise_number("BE0O647797474")
    assert repaired.value == "0647.797.474" and repaired.valid and repaired.repaired
    assert normalise_enterprise_number("BE0O647797474", repair_digit=False).value is None


def test_date_label_with_a_slip_before_its_value_is_still_a_label() -> None:
    """ "Ingangsdatum En 01/10/2022" is a start date label with its value, not a value line."""
    split = split_line(_line("Ingangsdatum En 01/10/2022"))
    assert split is not None and split.label.key == "start_date" and split.separated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("…_Maatwerkbedrijf De Wissel CV", "Maatwerkbedrijf De Wissel CV"),
        ("Gent -", "Gent"),
        ("+ Schoolstraat 119, 8800 Roeselare", "Schoolstraat 119, 8800 Roeselare"),
        ("- Schoolstraat 119", "Schoolstraat 119"),
        ("-50 kg", "-50 kg"),
        ("Hasselt …", "Hasselt"),
        ("Sint-Niklaas", "Sint-Niklaas"),
        ("'t Laar", "'t Laar"),
    ],
)
def test_scan_marks_at_the_edges_of_a_value_are_trimmed(text: str, expected: str) -> None:
    """Ellipses, underscores and a loose dash at a value's edges go; hyphens in names stay."""
    assert clean_value(text) == expected
