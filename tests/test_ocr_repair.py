"""OCR repairs: column order of scanned pages, specks, postcodes, garbled signing dates, names."""

from __future__ import annotations

import datetime as dt
import math

from parsers.fields.extract import extract_contracts
from parsers.fields.ocrfill import GUESS, doubt_choices, garbled_signing_date
from parsers.fields.ocrlayout import ocr_reading_order, page_tilt
from parsers.fields.ocrrepair import proven_postcode, repair_line
from parsers.fields.snap import SNAPPED, cut_open_clause, snap_name, snap_vocabulary
from parsers.fields.textmap import PlacedLine, TextMap
from parsers.types import Box, Document, Evidence, FieldValue, Line, Page, TextSource, Word

WIDTH, HEIGHT = 595.0, 842.0


def _words(text: str, x: float, top: float, confidence: float, tilt: float = 0.0) -> list[Word]:
    """OCR'd words from x on, 6 points per character; `tilt` (radians) slants the row."""
    out = []
    for token in text.split():
        drop = math.tan(tilt) * (x - WIDTH / 2)
        width = 6.0 * len(token)
        out.append(Word(token, Box(x, top + drop, x + width, top + drop + 10), confidence))
        x += width + 4.0
    return out


def _line(text: str, confidence: float = 0.9) -> Line:
    """One OCR'd line at the top left."""
    return Line(_words(text, 10.0, 10.0, confidence))


def _two_columns(tilt: float) -> list[Line]:
    """Rows of a page in two prose columns, each row holding both columns' words."""
    left = [
        "Tussen Bakkerij Peeters NV",
        "met zetel te Gent en",
        "De Ploeg vzw die zes",
        "werknemers inzet voor",
        "het inpakken van koekjes",
    ]
    right = [
        "Entre Boulangerie Peeters SA",
        "ayant son siege a Gand et",
        "De Ploeg asbl qui engage",
        "six travailleurs pour",
        "emballer des biscuits",
    ]
    return [
        Line(
            _words(a, 40.0, 100.0 + 14 * i, 0.9, tilt) + _words(b, 320.0, 100.0 + 14 * i, 0.9, tilt)
        )
        for i, (a, b) in enumerate(zip(left, right, strict=True))
    ]


def test_two_column_scan_is_read_left_column_first() -> None:
    """An OCR'd page in two columns comes back as the left column's lines, then the right's."""
    lines = ocr_reading_order(_two_columns(0.0), WIDTH, HEIGHT)
    texts = [line.text for line in lines]
    assert texts[:2] == ["Tussen Bakkerij Peeters NV", "met zetel te Gent en"]
    assert texts[5] == "Entre Boulangerie Peeters SA"


def test_tilted_two_column_scan_is_still_split() -> None:
    """A page scanned two degrees askew has its tilt measured and its columns still split."""
    rows = _two_columns(math.radians(2.0))
    assert abs(page_tilt(rows) - math.radians(2.0)) < math.radians(0.3)
    texts = [line.text for line in ocr_reading_order(rows, WIDTH, HEIGHT)]
    assert texts[4] == "het inpakken van koekjes"
    assert texts[9] == "emballer des biscuits"


def test_form_rows_stay_rows() -> None:
    """A form's label beside its value is no pair of columns: rows are kept as they are."""
    rows = [
        Line(_words(label, 40.0, 100.0 + 14 * i, 0.9) + _words(value, 320.0, 100.0 + 14 * i, 0.9))
        for i, (label, value) in enumerate(
            [
                ("Naam opdrachtgever:", "Bakkerij Peeters NV"),
                ("Ondernemingsnummer:", "0123.456.749"),
                ("Plaats van tewerkstelling:", "Kerkstraat 4, 9000 Gent"),
                ("Aantal werknemers:", "zes (6)"),
                ("Startdatum:", "1 maart 2024"),
            ]
        )
    ]
    assert [ln.text for ln in ocr_reading_order(rows, WIDTH, HEIGHT)] == [r.text for r in rows]


def test_specks_read_as_words_are_dropped() -> None:
    """A two-letter word OCR hardly recognised goes; a short word it read well stays."""
    words = _words("Uitvoerder Oe Klant", 10.0, 10.0, 0.95)
    words[1] = Word("Oe", words[1].box, 0.05)
    assert repair_line(Line(words)).text == "Uitvoerder Klant"
    assert repair_line(_line("De opdrachtgever en de werkplaats")).text == (
        "De opdrachtgever en de werkplaats"
    )
    legal = _words("Brouwerij Zuid BV . De Ploeg", 10.0, 10.0, 0.9)
    legal[2] = Word("BV", legal[2].box, 0.0)
    legal[3] = Word(".", legal[3].box, 0.33)
    assert repair_line(Line(legal)).text == "Brouwerij Zuid BV De Ploeg"


def test_postcode_marks_are_mended_only_when_the_town_agrees() -> None:
    """ "8000. Brugge" and "3620-Lanaken" are mended; a code whose town differs is left."""
    assert repair_line(_line("Zuidervest 5, 8000. Brugge")).text == "Zuidervest 5, 8000 Brugge"
    assert repair_line(_line("Heirbaan 19 3620-Lanaken")).text == "Heirbaan 19 3620 Lanaken"
    assert repair_line(_line("Zuidervest 5, 8000. Lanaken")).text == "Zuidervest 5, 8000. Lanaken"


def test_proven_postcode_needs_statbel_and_the_town() -> None:
    """Look-alike letters in a postcode are mended only when its town is on Statbel's list."""
    assert proven_postcode("9O00", "Gent") == "9000"
    assert proven_postcode("9O00", "Brugge") is None
    assert proven_postcode("0000", "Gent") is None


def test_house_number_stop_before_postcode_is_dropped() -> None:
    """A speck's stop after a bus number does not stop the address at the line break."""
    fixed = repair_line(_line("Plaats van tewerkstelling Gentsesteenweg 2/B."), _line("9600 Ronse"))
    assert fixed.text == "Plaats van tewerkstelling Gentsesteenweg 2/B"
    dashed = repair_line(_line("plaats op: Vrijdagmarkt 8- 8900 Ieper"))
    assert dashed.text == "plaats op: Vrijdagmarkt 8 8900 Ieper"
    kept = repair_line(_line("zie artikel 2."), _line("De partijen komen overeen"))
    assert kept.text == "zie artikel 2."


def _map(lines: list[str], confidence: float) -> TextMap:
    """A text map of OCR'd (or typed, at confidence 1) lines."""
    return TextMap(
        [
            PlacedLine(1, Line(_words(t, 10.0, 10.0 + 14 * i, confidence)))
            for i, t in enumerate(lines)
        ]
    )


def test_garbled_signing_clause_gives_a_guessed_date() -> None:
    """A signing clause a signature garbled still gives its date, as a guess below 0.8."""
    tm = _map(["Alduk opge efhar LL amme op dinsdag 7 maart 2023, in tweevoud."], 0.6)
    found = garbled_signing_date(tm)
    assert found is not None
    assert found.value == dt.date(2023, 3, 7)
    assert found.confidence == GUESS < 0.8
    typed = _map(["Alduk opge efhar LL amme op dinsdag 7 maart 2023, in tweevoud."], 1.0)
    assert garbled_signing_date(typed) is None


def test_te_place_op_date_needs_no_signing_word() -> None:
    """ "te Dendermonde op 24.8.2021" after a garbled word is the signing date's phrase."""
    tm = _map(["meeordenkekend te Dendermondà op 24.8.2021, in evenveel"], 0.7)
    found = garbled_signing_date(tm)
    assert found is not None and found.value == dt.date(2021, 8, 24)


def test_open_number_clause_is_cut_from_a_name() -> None:
    """ "Gemeente Brugge (KBO" (the number on the next line) is "Gemeente Brugge"."""
    assert cut_open_clause("Gemeente Brugge (KBO") == "Gemeente Brugge"
    assert cut_open_clause("Gemeente Brugge (KBO BE") == "Gemeente Brugge"
    assert cut_open_clause("Bakkerij (De Molen) NV") == "Bakkerij (De Molen) NV"


def _value(text: str, confidence: float) -> FieldValue:
    """A field value with bare evidence."""
    return FieldValue(text, confidence, Evidence(page=1, box=None, text=text))


def test_unsure_name_snaps_to_the_documents_sure_spelling() -> None:
    """A name read unsure snaps to the spelling read sure elsewhere in the same document."""
    lines = [Line(_words("Bakkerij Peelers NV", 10.0, 10.0, 0.5))]
    lines.append(Line(_words("Voor Bakkerij Peeters NV", 10.0, 24.0, 0.95)))
    tm = TextMap([PlacedLine(1, ln) for ln in lines])
    snapped = snap_name(tm, _value("Bakkerij Peelers NV", 0.49))
    assert snapped.value == "Bakkerij Peeters NV"
    assert snapped.confidence <= SNAPPED


def test_sure_name_is_not_snapped() -> None:
    """A name read sure stays as read even when a near spelling stands elsewhere."""
    lines = [Line(_words("Bakkerij Peeters NV", 10.0, 10.0, 0.95))]
    lines.append(Line(_words("Bakkerij Pieters NV", 10.0, 24.0, 0.95)))
    tm = TextMap([PlacedLine(1, ln) for ln in lines])
    assert snap_name(tm, _value("Bakkerij Peeters NV", 0.93)).value == "Bakkerij Peeters NV"


def test_scanned_contract_with_garbled_signing_is_not_accepted_on_the_guess() -> None:
    """A scan whose signing date is only a guess keeps that date below the accept threshold."""
    texts = [
        "Tussen Bakkerij Peeters NV, ondernemingsnummer 0123.456.749, en De Ploeg vzw,",
        "ondernemingsnummer 0403.199.702. De werkplaats stelt zes (6) doelgroepwerknemers ter",
        "beschikking voor het inpakken van koekjes te Kerkstraat 4, 9000 Gent vanaf 1 maart",
        "2024 voor onbepaalde duur.",
        "Alduk opge efhar LL te Gent op 20 februari 2024.",
    ]
    lines = [Line(_words(t, 10.0, 10.0 + 14 * i, 0.9)) for i, t in enumerate(texts)]
    doc = Document("scan.pdf", "application/pdf", [Page(1, lines, TextSource.OCR, WIDTH, HEIGHT)])
    contracts = extract_contracts(doc)
    assert contracts
    signed = contracts[0].fields.get("signed_date")
    assert signed is not None and signed.value == dt.date(2024, 2, 20)
    assert signed.confidence < 0.8


def test_period_between_two_dates_is_mended_and_unsure() -> None:
    """ "5-6-2022 Vm 31-12-2023" reads "t/m"; two bare dates get a dash; both under 0.8."""
    fixed = repair_line(_line("personen 5-6-2022 Vm 31-12-2023", 0.95))
    assert fixed.text == "personen 5-6-2022 t/m 31-12-2023"
    assert fixed.words[2].confidence < 0.8
    dashed = repair_line(_line("werknemers 6-5-2022 5-5-2023", 0.95))
    assert dashed.text == "werknemers 6-5-2022 – 5-5-2023"
    assert dashed.words[2].confidence < 0.8
    assert repair_line(_line("op 5-6-2022 Vm")).text == "op 5-6-2022 Vm"
    cells = _words("10 01.08.2025", 10.0, 10.0, 0.95) + _words("31.12.2026", 200.0, 10.0, 0.95)
    assert repair_line(Line(cells)).text == "10 01.08.2025 31.12.2026"


def test_duration_choice_with_unread_tick_is_doubted() -> None:
    """A scanned "B bepaalde duur ... (J onbepaalde duur" choice leaves the duration unsure."""
    tm = _map(["Duur: B bepaalde duur, tot 14-4-2022 (J onbepaalde duur"], 0.95)
    fields = {"indefinite_duration": _value("True", 0.94)}
    doubt_choices(tm, fields)
    assert fields["indefinite_duration"].confidence < 0.8
    ticked = _map(["Duur: ■ bepaalde duur, tot 14-4-2022 □ onbepaalde duur"], 0.95)
    sure = {"end_date": _value("2022-04-14", 0.94)}
    doubt_choices(ticked, sure)
    assert sure["end_date"].confidence == 0.94


def test_unsure_word_snaps_to_the_documents_frequent_word() -> None:
    """ "var" read unsure becomes "van" when the document reads "van" sure three times."""
    sure = [Line(_words("de helft van het werk van de ploeg van zes", 10.0, 10.0, 0.95))]
    slip = _words("monteren var fietsonderdelen", 10.0, 24.0, 0.95)
    slip[1] = Word("var", slip[1].box, 0.41)
    lines = [[PlacedLine(1, sure[0]), PlacedLine(1, Line(slip))]]
    fixed = snap_vocabulary(lines)[0][1].line
    assert fixed.text == "monteren van fietsonderdelen"
    assert fixed.words[1].confidence < 0.8
    slip[1] = Word("var", slip[1].box, 0.9)
    assert snap_vocabulary([[PlacedLine(1, Line(slip))], [PlacedLine(1, sure[0])]])[0][
        0
    ].line.text == ("monteren var fietsonderdelen")
