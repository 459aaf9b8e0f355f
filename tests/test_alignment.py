"""Lean, poles and the balance index: small pieces by hand and against similarity, then real data.

Why against :func:`similarity.pair`: the alignment module recomputes agreement, S, kappa and pi
with bootstrap weights (one row of weights per replicate). With unit weights it must give exactly
the numbers of the hand-checked similarity module, and an integer weight must mean "this roll
call counted that many times", or the bootstrap intervals would describe another statistic.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nonaligned.errors import NonalignedError
from nonaligned.measures import alignment, poles
from nonaligned.measures.alignment import Alignment
from nonaligned.measures.api import Measures
from nonaligned.measures.similarity import pair
from nonaligned.records import Records
from nonaligned.store import Store

AZE, USA = 373, 2
MEASURES = ("agree", "s", "kappa", "pi")
FloatArray = npt.NDArray[np.float64]


def assert_same(got: dict[str, float], want: dict[str, float]) -> None:
    """Every measure equal; NaN (kappa or pi undefined) must stay NaN."""
    for key in MEASURES:
        if math.isnan(want[key]):
            assert math.isnan(got[key]), f"{key}: expected NaN, got {got[key]}"
        else:
            assert got[key] == pytest.approx(want[key], abs=1e-12), key


def row(sim: dict[str, FloatArray], r: int) -> dict[str, float]:
    return {k: float(sim[k][r]) for k in MEASURES}


votes_pairs = st.integers(1, 60).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from([1, 2, 3]), min_size=n, max_size=n),
        st.lists(st.sampled_from([1, 2, 3]), min_size=n, max_size=n),
    )
)


# -- weighted similarity ---------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(votes_pairs)
def test_unit_weights_equal_similarity_pair(ab: tuple[list[int], list[int]]) -> None:
    a, b = ab
    got = alignment._weighted_similarity(
        np.array(a, float), np.array(b, float), np.ones((1, len(a)))
    )
    assert_same(row(got, 0), pair(a, b))


@settings(max_examples=200, deadline=None)
@given(votes_pairs, st.data())
def test_weight_two_equals_the_roll_call_repeated(
    ab: tuple[list[int], list[int]], data: st.DataObject
) -> None:
    a, b = ab
    i = data.draw(st.integers(0, len(a) - 1), label="doubled roll call")
    w = np.ones((2, len(a)))
    w[1, i] = 2.0  # row 0 plain, row 1 with roll call i twice: rows are independent replicates
    got = alignment._weighted_similarity(np.array(a, float), np.array(b, float), w)
    assert_same(row(got, 0), pair(a, b))
    assert_same(row(got, 1), pair([*a, a[i]], [*b, b[i]]))


# -- balance ---------------------------------------------------------------------------------------
def test_balance_is_one_when_equally_close_to_every_pole() -> None:
    s = {"USA": np.array([0.4, -0.2]), "RUS": np.array([0.4, -0.2]), "CHN": np.array([0.4, -0.2])}
    assert alignment._balance(s, ["USA", "RUS", "CHN"]).tolist() == [1.0, 1.0]


def test_balance_is_zero_when_voting_with_one_pole_and_against_another() -> None:
    s = {"USA": np.array([1.0]), "EU": np.array([0.3]), "RUS": np.array([-1.0])}
    assert alignment._balance(s, ["USA", "EU", "RUS"]).tolist() == [0.0]


def test_balance_reads_the_gap_between_closest_and_farthest_pole() -> None:
    # closeness (S+1)/2: 0.75, 0.5, 0.25 -> 1 - (0.75 - 0.25); a pole left out does not count
    s = {"USA": np.array([0.5]), "EU": np.array([0.0]), "RUS": np.array([-0.5])}
    s["CHN"] = np.array([-1.0])
    assert alignment._balance(s, ["USA", "EU", "RUS"]).tolist() == [0.5]


# -- a bloc's vote ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        ([1, 1, 2], 1.0),
        ([1, 2], 2.0),  # half yes, half abstain: a divided bloc reads as abstain
        ([1, 3], 2.0),
        ([3, 3, 1], 3.0),
        ([2, 3], 2.0),
        ([1, 1, 3, 3], 2.0),
    ],
)
def test_median_vote(votes: list[int], expected: float) -> None:
    assert poles._median_vote(pd.Series(votes)) == expected


# -- the real store --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def measures(built_db: Path) -> Iterator[Measures]:
    """Measures over the session's built store (ideal points cached there once per session).

    Why not the session ``rec`` fixture: it keeps a read-only DuckDB connection open until the
    session ends, and DuckDB then refuses, in the same process, the read-write connection that
    every CLI test on ``built_db`` opens (tests/test_cli.py sorts after tests/test_alignment.py;
    all of it would exit 2). This connection closes with the module.
    """
    store = Store.open(built_db, read_only=True)
    try:
        yield Measures(Records(store))
    finally:
        store.close()


@pytest.fixture(scope="module")
def records(measures: Measures) -> Records:
    """The records behind ``measures`` (named apart from the session-wide ``rec`` on purpose)."""
    return measures.rec


@pytest.fixture(scope="module")
def aze(measures: Measures) -> Alignment:
    # 100 replicates: the intervals only need to exist and bracket the point here
    return measures.alignment("Azerbaijan", since="2000", replicates=100)


def test_default_poles(records: Records) -> None:
    got = [(p.code, p.cow, p.bloc) for p in poles.resolve_poles(records)]
    assert got == [
        ("USA", 2, None),
        ("RUS", 365, None),
        ("CHN", 710, None),
        ("TUR", 640, None),
        ("EU", None, "EU"),
        ("NAM", None, "NAM"),
    ]
    assert [p.is_bloc for p in poles.resolve_poles(records)] == [False] * 4 + [True] * 2


def test_poles_by_bloc_code_or_any_country_name(records: Records) -> None:
    got = poles.resolve_poles(records, ["nato", "United States", "Azerbaijani"])
    assert [(p.code, p.cow, p.bloc) for p in got] == [
        ("NATO", None, "NATO"),
        ("USA", 2, None),
        ("AZE", AZE, None),
    ]


def test_unknown_pole_is_named(records: Records) -> None:
    with pytest.raises(NonalignedError, match="unknown pole 'Atlantis'"):
        poles.resolve_poles(records, ["USA", "Atlantis"])


def test_a_pole_named_twice_is_refused(records: Records) -> None:
    # two spellings of one state
    with pytest.raises(NonalignedError, match="a pole is named twice"):
        poles.resolve_poles(records, ["USA", "United States", "EU"])


def test_azerbaijan_balance_within_its_interval(aze: Alignment) -> None:
    b = aze.balance
    assert 0.0 <= b["lo"] <= b["value"] <= b["hi"] <= 1.0
    assert aze.balance_poles == ["USA", "EU", "RUS", "CHN"]
    assert b["replicates"] == 100


def test_azerbaijan_leans_toward_the_nam_rather_than_the_usa(aze: Alignment) -> None:
    s = aze.lean.set_index("pole")["s"]
    assert s.index.tolist() == ["USA", "RUS", "CHN", "TUR", "EU", "NAM"]
    assert s["NAM"] > s["USA"]
    lean = aze.lean.set_index("pole")
    assert ((lean["s_lo"] <= lean["s"]) & (lean["s"] <= lean["s_hi"])).all()


# Azerbaijan voted yes on this roll call; the other NAM members split evenly between yes and
# abstain, so whether Azerbaijan counts decides the bloc's vote.
SPLIT_WITHOUT_AZERBAIJAN = 1077062


def test_nam_median_leaves_azerbaijan_out(records: Records, aze: Alignment) -> None:
    votes = alignment.period_votes(records, date(2000, 1, 1), None)
    nam = next(p for p in poles.resolve_poles(records) if p.code == "NAM")
    with_aze = poles.pole_votes(records, nam, votes)
    without = poles.pole_votes(records, nam, votes, exclude=AZE)
    assert with_aze[SPLIT_WITHOUT_AZERBAIJAN] == 1.0
    assert without[SPLIT_WITHOUT_AZERBAIJAN] == 2.0
    # and the lean reported for Azerbaijan is the one against the NAM without it
    own = votes[(votes["cow"] == AZE) & votes["vote"].isin([1, 2, 3])].set_index("rcid")["vote"]
    common = own.index.intersection(without.index)
    want = pair(own[common].to_numpy(), without[common].to_numpy().astype(int))
    got = aze.lean.set_index("pole").loc["NAM"]
    assert got["n"] == want["n"] == len(common)
    assert got["s"] == pytest.approx(want["s"], abs=1e-12)
    common_with = own.index.intersection(with_aze.index)
    alt = pair(own[common_with].to_numpy(), with_aze[common_with].to_numpy().astype(int))
    assert got["s"] != pytest.approx(alt["s"], abs=1e-12)


def test_yearly_has_one_row_per_year_azerbaijan_voted(records: Records, aze: Alignment) -> None:
    counts = records.vote_counts("Azerbaijan")
    voted = counts[(counts["year"] >= 2000) & (counts["voted"] > 0)]
    assert aze.yearly["year"].tolist() == voted["year"].tolist()
    assert aze.yearly["n_votes"].tolist() == voted["voted"].tolist()
    assert aze.yearly["balance"].between(0, 1).all()
    assert aze.yearly["idealpoint"].notna().all()


def test_a_period_without_roll_calls_is_a_clear_error(measures: Measures) -> None:
    with pytest.raises(NonalignedError, match="no UN General Assembly roll calls since 2026-01-01"):
        measures.alignment("Azerbaijan", since="2026-01-01", replicates=10)


def test_a_state_without_votes_in_the_period_is_named(measures: Measures) -> None:
    with pytest.raises(NonalignedError, match="Azerbaijan cast no yes/abstain/no vote until"):
        measures.alignment("Azerbaijan", until="1991-12-31", replicates=10)


def test_a_pole_state_is_not_its_own_pole(measures: Measures) -> None:
    usa = measures.alignment("USA", since="2010", replicates=10, shifts=False)
    codes = [p.code for p in usa.poles]
    assert codes == ["RUS", "CHN", "TUR", "EU", "NAM"]
    assert usa.lean["pole"].tolist() == codes
    assert usa.balance_poles == ["EU", "RUS", "CHN"]
    assert 0.0 <= usa.balance["value"] <= 1.0
