"""Plain readings: the wording bands at their edges, thin figures, and a real sentence."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from nonaligned.measures import readings as rd
from nonaligned.measures.split_votes import MIN_SPLIT_ROLLCALLS, split_votes
from nonaligned.records import Records


def row(a: float, b: float, n: int = 200, **kw: float) -> dict[str, float]:
    out = {
        "n": n,
        "share_a": a,
        "share_b": b,
        "share_abstain_absent": 1 - a - b,
        "share_other": 0.0,
        "lean_lo": (b - a) - 0.05,
        "lean_hi": (b - a) + 0.05,
    }
    out.update(kw)
    return out


@pytest.mark.parametrize(
    ("points", "words"),
    [
        (0.0, "about as often"),
        (9.9, "about as often"),
        (10.0, "somewhat more often"),
        (-24.9, "somewhat more often"),
        (25.0, "clearly more often"),
        (49.9, "clearly more often"),
        (50.0, "far more often"),
        (-80.0, "far more often"),
    ],
)
def test_split_bands_at_their_edges(points: float, words: str) -> None:
    assert rd.split_band(points) == words


def test_split_reading_names_the_side_and_the_figures() -> None:
    r = rd.split_vote_reading(row(0.09, 0.64), "Azerbaijan", "the US", "Russia")
    assert not r.thin
    assert "Azerbaijan votes with Russia far more often than with the US" in r.text
    assert "Russia 64 %, the US 9 %, abstained or absent 27 % of 200 votes" in r.text
    r = rd.split_vote_reading(row(0.55, 0.40), "Canada", "the US", "Russia")
    assert "votes with the US somewhat more often than with Russia" in r.text
    assert r.text.count(".") == 1 and r.text.endswith(".")  # one sentence


def test_split_reading_is_about_as_often_when_the_difference_is_within_chance() -> None:
    r = rd.split_vote_reading(
        row(0.35, 0.50, n=12, lean_lo=-0.1, lean_hi=0.4), "X", "the US", "Russia"
    )
    assert "about as often with the US as with Russia" in r.text
    assert "within chance" in r.text


def test_split_reading_thin_says_too_few_and_takes_no_side() -> None:
    r = rd.split_vote_reading(row(0.0, 1.0, n=MIN_SPLIT_ROLLCALLS - 1), "X", "the US", "Russia")
    assert r.thin and r.text.startswith("Too few votes to say")
    assert "more often" not in r.text
    r0 = rd.split_vote_reading({"n": 0, "share_a": math.nan}, "X", "the US", "Russia")
    assert r0.thin and "only 0 roll calls" in r0.text


def test_split_reading_leads_with_abstention_when_it_is_the_commonest_choice() -> None:
    r = rd.split_vote_reading(row(0.1, 0.3), "X", "the US", "Russia")
    assert "mostly abstains or stays away" in r.text


def test_split_reading_compares_with_the_average_member_when_the_assembly_leans() -> None:
    r = rd.split_vote_reading(
        row(0.39, 0.45, assembly_a=0.21, assembly_b=0.57), "Poland", "the US", "Russia"
    )
    assert "about as often with the US as with Russia" in r.text
    assert "sides with the US clearly more often than the average UN member does" in r.text
    # no comparison when the Assembly itself is split evenly
    r = rd.split_vote_reading(
        row(0.39, 0.45, assembly_a=0.40, assembly_b=0.45), "Poland", "the US", "Russia"
    )
    assert "average" not in r.text


@pytest.mark.parametrize(
    ("s", "words"),
    [
        (1.0, "almost always votes like Russia"),
        (0.8, "almost always votes like Russia"),
        (0.79, "mostly votes like Russia"),
        (0.3, "votes with Russia somewhat more often than against it"),
        (0.0, "votes with and against Russia about equally often"),
        (-0.3, "votes against Russia somewhat more often than with it"),
        (-0.6, "mostly votes against Russia"),
        (-0.9, "almost always votes against Russia"),
    ],
)
def test_similarity_bands(s: float, words: str) -> None:
    r = rd.similarity_reading(s, 100, "X", "Russia")
    assert words in r.text and not r.thin


def test_similarity_thin() -> None:
    r = rd.similarity_reading(1.0, 3, "X", "Russia")
    assert r.thin and r.text.startswith("Too few votes to say") and "votes like" not in r.text


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0.9, "about equally close to all the poles"),
        (0.7, "somewhat closer to some poles"),
        (0.5, "clearly closer to some poles"),
        (0.2, "votes with one camp and against another"),
    ],
)
def test_balance_bands(value: float, words: str) -> None:
    r = rd.balance_reading(value, "X", lo=value - 0.05, hi=value + 0.05, poles=["the US", "China"])
    assert words in r.text and "over the US and China" in r.text


def test_balance_thin_or_missing() -> None:
    assert rd.balance_reading(0.83, "X", thin=True).thin
    r = rd.balance_reading(math.nan, "X")
    assert r.thin and "Too few votes" in r.text and "0.83" not in r.text


@pytest.mark.parametrize(
    ("d", "words"),
    [
        (0.1, "from almost the same position as"),
        (0.5, "close to"),
        (1.0, "some distance from"),
        (-2.0, "far from"),
    ],
)
def test_distance_bands(d: float, words: str) -> None:
    assert f"votes {words} the US" in rd.idealpoint_distance_reading(d, "X", "the US").text


def test_event_bands_and_thin() -> None:
    assert "mostly cooperative" in rd.event_reading(12, 0.75, "X", "Russia").text
    assert "mixed" in rd.event_reading(12, 0.5, "X", "Russia").text
    assert "almost all conflictual" in rd.event_reading(12, 0.1, "X", "Russia").text
    thin = rd.event_reading(2, 1.0, "X", "Russia")
    assert thin.thin and thin.text.startswith("Too few reported events")


def test_neighbours_reading() -> None:
    t = pd.DataFrame(
        {
            "name": ["Turkmenistan", "Kyrgyzstan", "Tajikistan", "Chad"],
            "agree": [0.95, 0.93, 0.92, 0.91],
        }
    )
    r = rd.neighbours_reading(t, "Azerbaijan")
    assert "Turkmenistan (95 %), Kyrgyzstan (93 %) and Tajikistan (92 %)" in r.text
    assert rd.neighbours_reading(t.iloc[0:0], "Azerbaijan").thin


def test_every_measure_has_a_how_to_read_note() -> None:
    for key in (
        "split_votes",
        "similarity",
        "balance",
        "idealpoint_distance",
        "events",
        "neighbours",
    ):
        assert len(rd.HOW_TO_READ[key]) > 100
    assert str(MIN_SPLIT_ROLLCALLS) in rd.HOW_TO_READ["split_votes"]
    assert rd.pole_name("RUS", until_year=1985) == "the USSR"
    assert rd.pole_name("RUS", until_year=2020) == "Russia"
    assert rd.pole_name("USA") == "the US"


def test_azerbaijan_real_reading(rec: Records) -> None:
    sv = split_votes(rec, "Azerbaijan", since=2015)
    r = rd.split_vote_reading(sv.overall, "Azerbaijan", "the US", "Russia", period="since 2015")
    print("\n" + r.text)
    assert "Azerbaijan votes with Russia far more often than with the US" in r.text
    thin = split_votes(rec, "Azerbaijan", since="2024-01", until="2024-06")
    assert rd.split_vote_reading(thin.overall, "Azerbaijan", "the US", "Russia").thin
