"""How Flemish offices write what the extractor must still read: signing phrases, party blocks,
recitals, letterheads in a Word header."""

from __future__ import annotations

import datetime as dt
import io

import docx

from parsers.documents.docx import read_docx
from parsers.documents.limits import DocumentLimits
from parsers.fields import extract_contracts
from parsers.fields.testing import lines_document
from parsers.fields.worddates import find_deed_date
from parsers.types import TextSource

FACTS = [
    "Artikel 1. De werkplaats stelt vier (4) doelgroepwerknemers ter beschikking voor het",
    "verpakken van koekjes.",
    "Artikel 2. De werkzaamheden vinden plaats in de Industrieweg 7, 8500 Kortrijk.",
    "Artikel 3. De overeenkomst gaat in op 1 maart 2024 voor onbepaalde duur.",
]
PARTIES = [
    "Tussen De Ploeg vzw, met zetel te Gent, hierna 'de werkplaats',",
    "en Bakkerij Peeters NV, met zetel te Kortrijk, hierna 'de onderneming',",
]


def _one(lines: list[str]) -> dict[str, object]:
    """The field values of the single contract in the lines."""
    (contract,) = extract_contracts(lines_document([lines], TextSource.DOCX, boxes=False))
    return {name: contract.value(name) for name in contract.fields}


def test_gedaan_te_gives_the_signing_date() -> None:
    """ "Gedaan te Oudenaarde, 23.12.2020" is where and when the parties signed."""
    values = _one([*PARTIES, *FACTS, "Gedaan te Oudenaarde, 23.12.2020, in twee exemplaren."])
    assert values["signed_date"] == dt.date(2020, 12, 23)


def test_a_date_before_afspraken_gemaakt_is_the_signing_date() -> None:
    """ "werden op 17 augustus 2023 de volgende afspraken gemaakt" dates the agreement."""
    values = _one(
        [
            "Tussen De Ploeg vzw en Bakkerij Peeters NV werden op 17 augustus 2023 de",
            "volgende afspraken gemaakt:",
            *FACTS,
        ]
    )
    assert values["signed_date"] == dt.date(2023, 8, 17)


def test_a_notarial_opening_dates_the_deed() -> None:
    """ "Het jaar tweeduizend eenentwintig, op de eenentwintigste oktober" is a date."""
    found = find_deed_date("Het jaar tweeduizend eenentwintig, op de eenentwintigste oktober.")
    assert found is not None
    assert found[0] == dt.date(2021, 10, 21)
    assert find_deed_date("Het jaar daarop werd de overeenkomst verlengd.") is None


def test_tussen_and_en_on_lines_of_their_own_mark_the_parties() -> None:
    """A lawyer's "TUSSEN" / "EN" on lines alone start the two party blocks."""
    values = _one(
        [
            "Enclaveovereenkomst",
            "TUSSEN",
            "De Ploeg vzw, Kerkstraat 1, 9000 Gent, hierna genoemd “het Maatwerkbedrijf”,",
            "EN",
            "Drukkerij Ter Beke nv, met zetel te Zelzate, hierna genoemd “de Onderneming”,",
            "OVERWEGENDE DAT:",
            "A. de Onderneming een bedrijf is met ongeveer 114 werknemers, actief in de",
            "drukkerijsector;",
            *FACTS,
        ]
    )
    assert values["workplace_name"] == "De Ploeg vzw"
    assert values["counterpart_name"] == "Drukkerij Ter Beke nv"


def test_the_second_party_starts_after_en() -> None:
    """ "Tussen X, hierna de klant, met zetel ..., en Y, ..., hierna de leverancier" names Y."""
    values = _one(
        [
            "Tussen Transport Geerts bv, hierna “de klant”, met zetel zoals vermeld in de",
            "hoofding, vertegenwoordigd door Ann De Smet, bedrijfsleider,",
            "en Maasland Maatwerk vzw, met zetel gevestigd te Frankrijklei 12, 3600 Genk,",
            "hierna genoemd “de leverancier”,",
            *FACTS,
        ]
    )
    assert values["workplace_name"] == "Maasland Maatwerk vzw"
    assert values["counterpart_name"] == "Transport Geerts bv"


def test_a_word_letterhead_in_the_page_header_is_read_first() -> None:
    """The first page's header (letterhead) and footer of a DOCX are part of its text."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Transport Geerts bv - BTW BE 0761.550.859"
    document.sections[0].footer.paragraphs[0].text = "Pagina 1"
    document.add_paragraph("Overeenkomst enclave")
    out = io.BytesIO()
    document.save(out)
    doc = read_docx(out.getvalue(), "contract.docx", DocumentLimits())
    lines = [line.text for line in doc.pages[0].lines]
    assert lines == [
        "Transport Geerts bv - BTW BE 0761.550.859",
        "Overeenkomst enclave",
        "Pagina 1",
    ]


def test_a_place_given_over_two_sentences_is_one_address() -> None:
    """The town in one sentence and the street with "postcode 1500" in the next make one place."""
    values = _one(
        [
            *PARTIES,
            "De werkplaats stelt vier (4) doelgroepwerknemers ter beschikking voor het",
            "verpakken van koekjes.",
            "De enclave werkt in de gebouwen van de klant in Halle. Het adres is Industriepark",
            "Zuid 106, postcode 1500. De maatschappelijke zetel van de klant (Eikendreef 8, 9060",
            "Zelzate) is niet de plaats van uitvoering.",
            "De overeenkomst gaat in op 1 maart 2024 voor onbepaalde duur.",
        ]
    )
    assert values["work_location"] == "Industriepark Zuid 106, 1500 Halle"


def test_a_street_after_the_town_sentence_completes_the_place() -> None:
    """ "... te 9060 Zelzate. Deze vestiging is gelegen aan de Vaartdijk 4." is one address."""
    values = _one(
        [
            *PARTIES,
            "De werkplaats stelt vier (4) doelgroepwerknemers ter beschikking voor het",
            "verpakken van koekjes.",
            "De werkzaamheden gaan door in de vestiging van de klant te 9060 Zelzate. Deze",
            "vestiging is gelegen aan de Vaartdijk 4.",
            "De overeenkomst gaat in op 1 maart 2024 voor onbepaalde duur.",
        ]
    )
    assert values["work_location"] == "Vaartdijk 4, 9060 Zelzate"


NARRATIVE_MAIL = [
    "Hallo,",
    "",
    "Goed nieuws: Scholengroep Leiestroom vzw (ondernemingsnr. 0709 346 053) heeft op 14 juli",
    "'20 de overeenkomst getekend. Vanaf 26 augustus '20 gaan we daar met acht (8)",
    "doelgroepmedewerkers aan de slag voor het vullen en sluiten van zeepflacons. Het contract",
    "is van onbepaalde duur.",
    "",
    "Ze werken op het adres Europalaan 3 bus A te Waregem.",
    "",
    "Voor de volledigheid: wij zijn Kempenwerk cv, KBO 0379.592.771.",
    "",
    "Groetjes,",
    "Dirk Dhondt",
    "Kempenwerk cv",
]


def test_a_chatty_mail_names_the_writer_as_workplace_and_its_facts() -> None:
    """ "wij zijn X" is the workplace; "heeft op D de overeenkomst getekend" is the signing."""
    values = _one(NARRATIVE_MAIL)
    assert values["workplace_name"] == "Kempenwerk cv"
    assert values["counterpart_name"] == "Scholengroep Leiestroom vzw"
    assert values["signed_date"] == dt.date(2020, 7, 14)
    assert values["start_date"] == dt.date(2020, 8, 26)
    assert values["workers"] == 8
    assert values["nature_of_work"] == "vullen en sluiten van zeepflacons"


def test_a_forwarded_confirmation_names_the_forwarder_as_workplace() -> None:
    """The top message's signature is the sender (workplace), not the quoted client."""
    values = _one(
        [
            "Dag collega,",
            "Hieronder de bevestiging van onze klant voor de nieuwe enclave.",
            "Mvg,",
            "Koen Wouters",
            "Horizon Werkt VZW",
            "---------- Doorgestuurd bericht ---------",
            "Van: Martine Geerts <m.geerts@schepens.be>",
            "Beste Koen,",
            "Hierbij bevestig ik namens Meubelfabriek Schepens NV (BTW 0689.915.567) dat wij vanaf",
            "15 april 2019 beroep doen op een groep van acht (8) medewerkers voor het vouwen en",
            "kuverteren van drukwerk. De ploeg werkt in onze vestiging Zwaaikomstraat 18 te Mol.",
            "Met vriendelijke groeten,",
            "Martine Geerts",
            "Meubelfabriek Schepens NV",
        ]
    )
    assert values["workplace_name"] == "Horizon Werkt VZW"
    assert values["counterpart_name"] == "Meubelfabriek Schepens NV"


def test_a_labelled_supplier_leaves_the_letterhead_to_the_client() -> None:
    """ "Leverancier: X" is the workplace; the client's letterhead is then the counterpart,
    and each party keeps the number written beside its own name."""
    values = _one(
        [
            "Van Hoecke-De Wilde CommV",
            "Spoorwegstraat 6 bus A, 2570 Duffel",
            "BTW 0204.598.734",
            "BESTELBON / AANKOOPORDER",
            "Leverancier: Dender Werkt vzw, Stationsstraat 60, 9140 Temse, KBO",
            "611.601.925",
            "Plaats van uitvoering: 2300 Turnhout, Kanaalweg 71",
            "Omschrijving: Enclavewerk: snijden en verpakken van groenten",
            "Aantal werknemers: 3",
            "Periode: 15/01/2020 t.e.m. 14/07/2020",
        ]
    )
    assert values["workplace_name"] == "Dender Werkt vzw"
    assert values["workplace_enterprise_number"] == "0611.601.925"
    assert values["counterpart_name"] == "Van Hoecke-De Wilde CommV"
    assert values["counterpart_enterprise_number"] == "0204.598.734"
    assert values["nature_of_work"] == "snijden en verpakken van groenten"


def test_a_legal_form_on_the_next_line_still_ends_the_name() -> None:
    """ "Groenten Van Acker" / "BV (KBO-nummer ...)" is one organisation."""
    values = _one(
        [
            "Beschutte Werkplaats Kempenwerk vzw",
            "Nota van afspraken – enclavewerking",
            "Tussen Beschutte Werkplaats Kempenwerk vzw (KBO-nummer 0308.596.491) en Groenten Van Acker",
            "BV (KBO-nummer 0282.340.868) werden op 15/07/2011 de volgende afspraken gemaakt:",
            "Taken: afwerken van meubelpanelen",
            "Locatie: 3550 Heusden-Zolder, Nijverheidsstraat 6",
            "Start: 1 augustus 2011",
            "Voor Beschutte Werkplaats Kempenwerk Voor Groenten Van Acker BV",
        ]
    )
    assert values["counterpart_name"] == "Groenten Van Acker BV"
    assert values["counterpart_enterprise_number"] == "0282.340.868"


def test_a_summary_under_bare_questions_is_read_as_a_form() -> None:
    """ "Waar?", "Wat?", "Wanneer?", "Hoeveel?" head their answers on the next line."""
    values = _one(
        [
            "Afspraken enclave in één oogopslag",
            "Wie?",
            "Maatwerkbedrijf Het Weefsel vzw (KBO BE 0663.536.913) werkt voor Keukens Verbruggen",
            "BV (KBO 0499 107 065).",
            "Wat?",
            "Het team zorgt voor het onderhoud van groenzones en wandelpaden.",
            "Waar?",
            "3300 Tienen, Europalaan 75",
            "Wanneer?",
            "Vanaf 12 oktober 2021, tot en met 11 januari 2022.",
            "Hoeveel?",
            "Max. 4 personen en één begeleider.",
            "Beide partijen ondertekenen deze afspraken als enclaveovereenkomst op 18/09/2021.",
        ]
    )
    assert values["work_location"] == "Europalaan 75, 3300 Tienen"
    assert values["nature_of_work"] == "onderhoud van groenzones en wandelpaden"
    assert values["start_date"] == dt.date(2021, 10, 12)
    assert values["end_date"] == dt.date(2022, 1, 11)
    assert values["workers"] == 4
    assert values["signed_date"] == dt.date(2021, 9, 18)


def test_an_accountants_contract_with_hierna_colon_and_a_numbered_werkplaats() -> None:
    """ "hierna: “de dienstverlener”", "neemt X op zich met twee (2) werknemers" and the address
    under "Art. 2. Werkplaats" are read; "staat in voor hun omkadering" is no work."""
    values = _one(
        [
            "OVEREENKOMST INZAKE ENCLAVEWERK",
            "1. De Wissel vzw, met zetel te Liersebaan 37, 8400 Oostende, hierna: “de",
            "dienstverlener”;",
            "2. Stad Geel, met zetel te Antwerpsesteenweg 151, 2440 Geel, hierna: “de opdrachtgever”.",
            "Art. 1. Opdracht",
            "De dienstverlener neemt het onderhoud van bermen en grachten op zich met twee (2)",
            "werknemers.",
            "Art. 2. Werkplaats",
            "2440 Geel, Ringlaan 1",
            "Art. 3. Begeleiding",
            "De dienstverlener blijft de werkgever en staat in voor hun omkadering door een monitor.",
        ]
    )
    assert values["workplace_name"] == "De Wissel vzw"
    assert values["counterpart_name"] == "Stad Geel"
    assert values["work_location"] == "Ringlaan 1, 2440 Geel"
    assert values["nature_of_work"] == "onderhoud van bermen en grachten"
    assert values["workers"] == 2


def test_an_extension_gives_the_new_term_not_the_old_end() -> None:
    """An addendum's old end ("eindigt op 28 februari 2022") lies before the new start."""
    values = _one(
        [
            *PARTIES,
            "Partijen stellen vast dat de overeenkomst eindigt op 28 februari 2022 en komen overeen",
            "ze te verlengen. De overeenkomst wordt verlengd voor een periode van twaalf (12)",
            "maanden, van 1 maart 2022 tot en met 28 februari 2023.",
            "Artikel 1. De werkplaats stelt vier (4) doelgroepwerknemers ter beschikking voor het",
            "verpakken van koekjes.",
        ]
    )
    assert values["start_date"] == dt.date(2022, 3, 1)
    assert values["end_date"] == dt.date(2023, 2, 28)


def test_a_confirmation_letter_to_the_client() -> None:
    """The letterhead is the workplace, "Voor akkoord, X" under the greeting is the client,
    and "Uw ondernemingsnummer: N" is the client's number."""
    values = _one(
        [
            "Het Spoor VZW",
            "9940 Evergem, Kastanjelaan 22",
            "ondernemingsnummer 435.829.314",
            "Vleeswaren Devos comm.v.",
            "T.a.v. mevrouw Katrien Vandamme",
            "Evergem, 14 maart 2019",
            "Betreft: bevestiging enclave",
            "Hierbij bevestigen wij de afspraken. Vanaf 1 april 2019 zullen 2 personen van onze",
            "organisatie in uw vestiging Europalaan 116, 9100 Sint-Niklaas instaan voor het",
            "sorteren van textiel. De samenwerking geldt voor onbepaalde duur. Uw",
            "ondernemingsnummer zoals wij het in onze administratie opnemen: BE 0504.332.890.",
            "Met vriendelijke groeten,",
            "Nele Peeters",
            "Voor akkoord, Vleeswaren Devos comm.v.",
        ]
    )
    assert values["workplace_name"] == "Het Spoor VZW"
    assert values["workplace_enterprise_number"] == "0435.829.314"
    assert values["counterpart_name"] == "Vleeswaren Devos comm.v"
    assert values["counterpart_enterprise_number"] == "0504.332.890"


def test_the_agency_not_the_umbrella_is_the_party() -> None:
    """ "De Vlaamse overheid, Agentschap Facilitair Beheer, ..." names the agency."""
    values = _one(
        [
            "SAMENWERKINGSOVEREENKOMST ENCLAVE",
            "TUSSEN",
            "De Vlaamse overheid, Agentschap Facilitair Beheer, intern verzelfstandigd agentschap,",
            "met zetel te 1000 Brussel, Heidestraat 239, hierna “het Agentschap”,",
            "EN",
            "Dender Werkt VZW, met zetel te 9940 Evergem, hierna genoemd “het maatwerkbedrijf”,",
            *FACTS,
        ]
    )
    assert values["counterpart_name"] == "Agentschap Facilitair Beheer"
    assert values["workplace_name"] == "Dender Werkt VZW"


def test_a_role_word_ending_a_wrapped_sentence_is_no_label() -> None:
    """ "... in de lokalen van de" / "gebruiker: scannen ..." is a sentence, not a name label."""
    values = _one(
        [
            *PARTIES,
            "Het maatwerkbedrijf verbindt zich ertoe met acht personen de volgende werkzaamheden",
            "uit te voeren in de lokalen van de",
            "onderneming: scannen en indexeren van archiefstukken.",
            "De werkzaamheden worden uitgevoerd op het adres Industrieweg 7, 8500 Kortrijk.",
        ]
    )
    assert values["counterpart_name"] == "Bakkerij Peeters NV"
    assert values["nature_of_work"] == "scannen en indexeren van archiefstukken"


def test_a_nature_of_work_mixing_french_words_is_left_to_a_reviewer() -> None:
    """Two languages run together ("verpakken et emballage des biscuits") are unsure."""
    lines = [
        *PARTIES,
        "De werkzaamheden bestaan uit: verpakken et emballage des biscuits.",
        *FACTS[2:],
    ]
    (contract,) = extract_contracts(lines_document([lines], TextSource.DOCX, boxes=False))
    assert contract.fields["nature_of_work"].confidence <= 0.7


def test_a_filled_in_model_with_dotted_leaders() -> None:
    """ "Adres van de werkpost …………… Zuidervest 224, 2880 Bornem": the leader is the colon."""
    values = _one(
        [
            *PARTIES,
            "Adres van de werkpost …………… Zuidervest 224, 2880 Bornem",
            "Omschrijving van de activiteit …………… afwerken van meubelpanelen",
            "Aantal werknemers …………… vier (4)",
        ]
    )
    assert values["work_location"] == "Zuidervest 224, 2880 Bornem"
    assert values["nature_of_work"] == "afwerken van meubelpanelen"
    assert values["workers"] == 4


def test_quoted_mail_points_and_a_paragraph_sign_article() -> None:
    """ "> - waar: ...", "> - werk: ..." in a quoted proposal, and "§ 2. Adres ... bij de
    afnemer:" with the address below, ended by the next "§ 3."."""
    values = _one(
        [
            *PARTIES,
            "> - werk: schoonmaak van kantoorruimtes en sanitair",
            "> - ploeg: 6 medewerkers + 1 begeleider",
            "§ 2. Adres van de werkplaats bij de afnemer:",
            "Brugsesteenweg 2 bus 5",
            "8870 Izegem",
            "§ 3. De overeenkomst geldt van 01/01/2024 tot 31/12/2024.",
        ]
    )
    assert values["nature_of_work"] == "schoonmaak van kantoorruimtes en sanitair"
    assert values["workers"] == 6
    assert values["work_location"] == "Brugsesteenweg 2 bus 5, 8870 Izegem"


def test_a_client_writing_on_its_own_paper_is_the_counterpart() -> None:
    """A company's letterhead over a letter naming a non-profit workplace: roles by legal form."""
    values = _one(
        [
            "Bakkerij Peeters NV",
            "Industrieweg 7, 8500 Kortrijk",
            "Betreft: aanvaarding van uw voorstel",
            "Wij aanvaarden het voorstel van De Ploeg vzw om vanaf 1 maart 2024 vier (4)",
            "doelgroepwerknemers in te zetten voor het verpakken van koekjes in onze vestiging",
            "Industrieweg 7, 8500 Kortrijk. De samenwerking geldt voor onbepaalde duur.",
        ]
    )
    assert values["workplace_name"] == "De Ploeg vzw"
    assert values["counterpart_name"] == "Bakkerij Peeters NV"


def test_names_cut_or_run_on_are_left_to_a_reviewer() -> None:
    """A name ending in an article, starting mid-word, holding a split word or run on into a
    number is never accepted as sure."""
    for name in [
        "Maatwerkbedrijf De",
        "il Services BV",
        "& Mail Services BV",
        "Agentschap Erfgoedonder- Voor het",
    ]:
        lines = [f"Naam opdrachtgever: {name}", "Naam werkplaats: De Ploeg vzw", *FACTS]
        (contract,) = extract_contracts(lines_document([lines], TextSource.DOCX, boxes=False))
        assert contract.fields["counterpart_name"].confidence <= 0.7, name


def test_a_place_after_in_that_is_part_of_a_municipality_is_kept() -> None:
    """ "... in Wilrijk. Het adres is Leopoldlei 15, postcode 2610." keeps Wilrijk, unsure."""
    values = _one(
        [
            *PARTIES,
            "De werkplaats stelt vier (4) doelgroepwerknemers ter beschikking voor het",
            "verpakken van koekjes.",
            "De enclave werkt in de gebouwen van de klant in Wilrijk. Het adres is Leopoldlei",
            "15, postcode 2610.",
        ]
    )
    assert values["work_location"] == "Leopoldlei 15, 2610 Wilrijk"


def test_a_name_cut_in_a_table_cell_or_read_across_a_signature_column_is_unsure() -> None:
    """ "Maatwerkbedrijf De Ke-" (its end in the next line) and "Agentschap X Voor het
    maatwerkbedrijf" (two columns read as one) are not accepted as sure."""
    for name in [
        "Maatwerkbedrijf De Ke- 0735.313.943",
        "Agentschap Groenbeheer Voor het maatwerkbedrijf",
    ]:
        lines = [f"Naam opdrachtgever: {name}", "Naam werkplaats: De Ploeg vzw", *FACTS]
        (contract,) = extract_contracts(lines_document([lines], TextSource.DOCX, boxes=False))
        assert contract.fields["counterpart_name"].confidence <= 0.7, name
