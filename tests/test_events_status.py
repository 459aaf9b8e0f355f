"""Status and time (rules-0.3.2): conditions are hypothetical, ending an action is not the action,
an absent participant does not negate the meeting, past events keep their own dates; joining and
chairing the Non-Aligned Movement are coded AZE -> NAM.

Every sentence was written for these tests, in the project's own words (never CAMEO's examples or
any evaluation file). They run the rules alone with the bundled dictionaries, so they test the
rules and not the learned model.
"""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("spacy", reason="the text extra (spaCy) is not installed")

from nonaligned.text.events import code_text, default_dictionary

ON = date(2024, 5, 10)

Row = tuple[str, str | None, str | None, str]


def coded(text: str, on: date = ON) -> set[Row]:
    """(cameo, source, target, status) of each rules event of ``text``."""
    evs = code_text(text, on, dictionary=default_dictionary())
    return {(e.cameo, e.actor, e.recipient, e.status) for e in evs}


@pytest.mark.parametrize(
    ("text", "present", "absent_prefixes"),
    [
        (  # both the condition and what it conditions
            "If Iran attacks Israel, Israel will strike Iran.",
            {("190", "IRN", "ISR", "hypothetical"), ("190", "ISR", "IRN", "hypothetical")},
            (),
        ),
        (  # a conditional signing is not an announced commitment (no 03x)
            "Azerbaijan will sign the agreement with Turkey if the talks succeed.",
            {("057", "AZE", "TUR", "hypothetical")},
            ("03",),
        ),
        (
            "Georgia will join the alliance unless Russia objects.",
            set(),
            ("03",),
        ),
    ],
)
def test_conditions_are_hypothetical(
    text: str, present: set[Row], absent_prefixes: tuple[str, ...]
) -> None:
    rows = coded(text)
    assert present <= rows
    assert not [r for r in rows if r[3] in ("asserted", "intended") and r[0][:2] != "01"]
    assert not [r for r in rows if r[0].startswith(absent_prefixes)] if absent_prefixes else True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia will stop attacking Ukraine.", ("087", "RUS", "UKR", "intended")),
        ("Russia will cease the bombing of Kharkiv.", ("087", "RUS", None, "intended")),
        ("Armenia halted the shelling of Azerbaijani villages.", None),
    ],
)
def test_ending_an_action_is_not_the_action(text: str, expected: Row | None) -> None:
    rows = coded(text)
    # no assault (18x-20x) and no threat of one (13x) is read into a halt
    assert not [r for r in rows if r[0][:2] in ("13", "18", "19", "20")], rows
    if expected is not None:
        assert expected in rows


@pytest.mark.parametrize(
    ("text", "on", "pair"),
    [
        (
            "Pashinyan was not at the meeting between Aliyev and Putin.",
            date(2023, 5, 1),
            ("AZE", "RUS"),
        ),
        (
            "The defence minister was not on the call between Azerbaijan and Turkey.",
            ON,
            ("AZE", "TUR"),
        ),
    ],
)
def test_an_absent_participant_does_not_negate_the_meeting(
    text: str, on: date, pair: tuple[str, str]
) -> None:
    rows = coded(text, on)
    statuses = {r[3] for r in rows if {r[1], r[2]} == set(pair)}
    assert statuses == {"asserted"}, rows


def test_a_negated_event_of_the_subject_stays_negated() -> None:
    rows = coded("Azerbaijan did not sign the agreement with Russia.")
    assert ("057", "AZE", "RUS", "negated") in rows
    assert not [r for r in rows if r[3] == "asserted" and r[0] == "057"]


@pytest.mark.parametrize(
    ("text", "cameo", "when", "precision"),
    [
        ("The United States invaded Iraq in 2003.", "190", date(2003, 1, 1), "year"),
        ("Russia invaded Georgia in August 2008.", "190", date(2008, 8, 1), "month"),
        (
            "Azerbaijan signed an agreement with Georgia two years ago.",
            "057",
            date(2022, 1, 1),
            "year",
        ),
        ("Turkey signed a treaty with Azerbaijan last year.", "057", date(2023, 1, 1), "year"),
        ("Azerbaijan joined the Non-Aligned Movement in 2011.", "050", date(2011, 1, 1), "year"),
    ],
)
def test_past_events_keep_their_own_date(text: str, cameo: str, when: date, precision: str) -> None:
    evs = [e for e in code_text(text, ON, dictionary=default_dictionary()) if e.cameo == cameo]
    assert evs and {(e.date, e.date_precision) for e in evs} == {(when, precision)}


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Azerbaijan joined the Non-Aligned Movement in 2011.", date(2011, 1, 1)),
        (
            "Azerbaijan assumed the chairmanship of the Non-Aligned Movement in 2019.",
            date(2019, 1, 1),
        ),
        ("Azerbaijan has chaired the Non-Aligned Movement since October 2019.", date(2019, 10, 1)),
        ("During Azerbaijan's chairmanship of the Non-Aligned Movement, trade grew.", ON),
        (  # 'the movement' is the Non-Aligned Movement named just before
            "The Non-Aligned Movement met in Baku. Azerbaijan joined the movement in 2011.",
            date(2011, 1, 1),
        ),
    ],
)
def test_joining_and_chairing_the_movement_is_aze_to_nam(text: str, when: date) -> None:
    evs = [e for e in code_text(text, ON, dictionary=default_dictionary()) if e.cameo == "050"]
    # one way only: the movement does not join or chair Azerbaijan
    assert {(e.actor, e.recipient, e.status, e.date) for e in evs} == {
        ("AZE", "NAM", "asserted", when)
    }


def test_our_country_is_the_state_the_page_is_about() -> None:
    text = (
        "Azerbaijan values its ties with Russia. Azerbaijan also trades with Turkey. Azerbaijan grew. "
        "Russia sent envoys. In 2011 our country joined the Non-Aligned Movement."
    )
    evs = [e for e in code_text(text, ON, dictionary=default_dictionary()) if e.cameo == "050"]
    assert {(e.actor, e.recipient) for e in evs} == {("AZE", "NAM")}


def test_the_secretary_general_is_the_un() -> None:
    rows = coded("Antonio Guterres met Ilham Aliyev in Baku.")
    assert ("040", "UN", "AZE", "asserted") in rows


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Mr Aliyev was in China on a state visit.", ("AZE", "CHN")),
        ("President Tokayev arrived in Baku on an official visit.", ("KAZ", "AZE")),
    ],
)
def test_a_visit_goes_to_where_the_visitor_is(text: str, pair: tuple[str, str]) -> None:
    rows = coded(text, date(2024, 4, 23))
    assert ("042", *pair, "asserted") in rows, rows
