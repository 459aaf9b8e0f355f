"""'the country' / 'our country' take the state named just before (rules-0.3.1), and joining a
movement or community is coded: the seed pages' claims about non-recognition and NAM accession.

The sentences are the project's own wording of those claims, not the pages' text.
"""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("spacy", reason="the text extra (spaCy) is not installed")

from nonaligned.text.events import code_text


def test_the_country_refers_to_the_state_named_before() -> None:
    text = (
        "Azerbaijan's foreign minister spoke in Baku on Monday. "
        "The country refused to recognise Russia's annexation of Crimea."
    )
    evs = code_text(text, date(2022, 2, 21))
    rejects = [e for e in evs if e.cameo.startswith("12") and e.status == "asserted"]
    assert rejects and rejects[0].actor == "AZE"
    assert rejects[0].actor_text is not None and rejects[0].actor_text.lower() == "the country"


def test_our_country_joined_a_movement_is_dated_to_the_year() -> None:
    text = "Azerbaijan has long kept its distance from blocs. In 2011 our country joined the Non-Aligned Movement."
    evs = [e for e in code_text(text, date(2020, 5, 5)) if e.cameo == "050"]
    assert evs and evs[0].actor == "AZE" and evs[0].status == "asserted"
    assert evs[0].date is not None and evs[0].date.year == 2011


def test_no_state_before_means_no_actor() -> None:
    evs = code_text("The country refused to recognise the annexation.", date(2022, 2, 21))
    assert all(e.actor is None for e in evs if e.cameo.startswith("12"))
