"""Lead-in trimming: the nature of the work is the activity, not the words that introduce it."""

from __future__ import annotations

import pytest

from parsers.fields.leadin import trim_nature

ACTIVITIES = [
    "verpakken en etiketteren van voedingsproducten",
    "groenonderhoud",
    "schoonmaak van kantoren",
    "onderhoud van groenzones en bermen",
    "assemblage van elektrische componenten",
    "sorteren van textiel",
    "herstellen van houten paletten",
]
LEAD_INS = [
    "de volgende werkzaamheden: {}",
    "De volgende taken uit te voeren: {}",
    "bestaande uit {}",
    "met name {}",
    "namelijk {}",
    "het uitvoeren van {}",
    "De werkzaamheden bestaan voornamelijk uit: {}",
    "de opdracht omvat: {}",
    "zal instaan voor {}",
    "onder meer {}",
    ": {}",
    "- {}",
    "de navolgende werkzaamheden: met name {}",
    "uit: {}",
    "het {}",
]
TAILS = [
    "{}",
    "{}, uit te voeren op de site te Gent",
    "{} vanaf 1 maart 2024",
    "{} door zes (6) doelgroepwerknemers",
    "{} op de site Industrieweg 12, 9000 Gent",
    "{} te Roeselare",
    "{}, en dit vanaf de startdatum",
    "{} onder begeleiding van een monitor",
    "{}.",
]


@pytest.mark.parametrize("lead", LEAD_INS)
@pytest.mark.parametrize("activity", ACTIVITIES)
def test_lead_ins_are_trimmed(lead: str, activity: str) -> None:
    """Every introducing phrase goes, the activity stays whole."""
    assert trim_nature(lead.format(activity)) == activity


@pytest.mark.parametrize("tail", TAILS)
@pytest.mark.parametrize("activity", ACTIVITIES[:4])
def test_trailing_clauses_are_trimmed(tail: str, activity: str) -> None:
    """Where, from when and by whom are not part of the nature of the work."""
    assert trim_nature(tail.format(activity)) == activity


@pytest.mark.parametrize(
    "value",
    [
        "Onderhoud van groen en verharding",
        "Namen van producten controleren",
        "Zorgtaken in het woonzorgcentrum",
    ],
)
def test_activities_that_look_like_lead_ins_stay(value: str) -> None:
    """Words that only begin like a lead-in are part of the activity."""
    assert trim_nature(value) == value


def test_blank_stays_blank() -> None:
    """Nothing in, nothing out."""
    assert trim_nature("  ") == ""
