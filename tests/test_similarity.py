"""Dyadic vote similarity: hand-computed cases, edge cases, and all_dyads against pair.

Every expected number below is worked out by hand in the comments (observed distance D_o, each
state's marginal distribution over the common roll calls, the expected distances D_e for Cohen's
kappa and Scott's pi), so a reader can check the arithmetic against the definitions in
``nonaligned/measures/similarity.py`` without trusting the matrix algebra under test. Codes:
1 yes, 2 abstain, 3 no, 8 absent, 9/0 no record. Distances: absolute |a-b| (d_max 2), squared
(a-b)^2 (d_max 4); S = 1 - 2 * sum d / (n * d_max); kappa, pi = 1 - D_o / D_e.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nonaligned.errors import NonalignedError
from nonaligned.measures import similarity as sim
from nonaligned.measures.similarity import all_dyads, dyad_matrices, pair

METRICS = ("absolute", "squared")
ABSENT = ("exclude", "abstain")
NAN = math.nan


def assert_measures(got: dict[str, float], want: dict[str, float]) -> None:
    """Compare every measure named in ``want``; NaN must match NaN (undefined stays undefined)."""
    for key, value in want.items():
        if math.isnan(value):
            assert math.isnan(got[key]), f"{key}: expected NaN, got {got[key]}"
        else:
            assert got[key] == pytest.approx(value, abs=1e-12), f"{key}: {got[key]} != {value}"


def reference(
    a: list[int], b: list[int], metric: str = "absolute", absent: str = "exclude"
) -> dict[str, float]:
    """The definitions written out loop by loop: an oracle independent of the matrix algebra."""
    recode = {1: 1, 2: 2, 3: 3, 8: 2} if absent == "abstain" else {1: 1, 2: 2, 3: 3}
    pairs = [
        (recode[x], recode[y]) for x, y in zip(a, b, strict=True) if x in recode and y in recode
    ]
    n = len(pairs)
    if n == 0:
        return {"n": 0.0, "agree": NAN, "s": NAN, "kappa": NAN, "pi": NAN}

    def d(x: int, y: int) -> float:
        return float(abs(x - y) if metric == "absolute" else (x - y) ** 2)

    d_max = d(1, 3)
    d_obs = sum(d(x, y) for x, y in pairs) / n
    pa = {k: sum(x == k for x, _ in pairs) / n for k in (1, 2, 3)}
    pb = {k: sum(y == k for _, y in pairs) / n for k in (1, 2, 3)}
    pooled = {k: (pa[k] + pb[k]) / 2 for k in (1, 2, 3)}
    cats = list(itertools.product((1, 2, 3), repeat=2))
    e_kappa = sum(d(k, m) * pa[k] * pb[m] for k, m in cats)
    e_pi = sum(d(k, m) * pooled[k] * pooled[m] for k, m in cats)
    return {
        "n": float(n),
        "agree": sum(x == y for x, y in pairs) / n,
        "s": 1 - 2 * d_obs / d_max,
        "kappa": 1 - d_obs / e_kappa if e_kappa > 0 else NAN,
        "pi": 1 - d_obs / e_pi if e_pi > 0 else NAN,
    }


def long_votes(states: list[int], mat: np.ndarray[Any, Any], years: list[int]) -> pd.DataFrame:
    """A (states x roll calls) matrix as the long rcid/cow/vote/year frame all_dyads reads.

    Code 0 means "no row at all" (as when a state did not exist); every other code is a row, so
    9 (non-member) rows reach all_dyads just as they do when asked for from the store.
    """
    rows = [
        (rc + 1, cow, int(mat[i, rc]), years[rc])
        for i, cow in enumerate(states)
        for rc in range(mat.shape[1])
        if mat[i, rc] != 0
    ]
    return pd.DataFrame(rows, columns=["rcid", "cow", "vote", "year"])


# --- a mixed case, worked by hand --------------------------------------------------------------
#
#   a = yes yes yes  abst no yes  -> [1, 1, 1, 2, 3, 1]
#   b = yes yes abst abst no no   -> [1, 1, 2, 2, 3, 3]
#   n = 6 common roll calls; identical on roll calls 1, 2, 4, 5 -> agree = 4/6 = 2/3.
#
#   absolute distances 0,0,1,0,0,2: sum 3, D_o = 3/6 = 1/2; S = 1 - 2*3/(6*2) = 1/2.
#   squared  distances 0,0,1,0,0,4: sum 5, D_o = 5/6;       S = 1 - 2*5/(6*4) = 7/12.
#
#   marginals: a: yes 4, abst 1, no 1 -> pa = (2/3, 1/6, 1/6)
#              b: yes 2, abst 2, no 2 -> pb = (1/3, 1/3, 1/3)
#   kappa, absolute: D_e = pa(y)[pb(a)*1 + pb(n)*2] + pa(a)[pb(y)*1 + pb(n)*1] + pa(n)[pb(y)*2 + pb(a)*1]
#                        = 2/3*(1/3+2/3) + 1/6*(1/3+1/3) + 1/6*(2/3+1/3) = 2/3 + 1/9 + 1/6 = 17/18
#                    kappa = 1 - (1/2)/(17/18) = 1 - 9/17 = 8/17
#   kappa, squared:  D_e = 2/3*(1/3+4/3) + 1/6*(1/3+1/3) + 1/6*(4/3+1/3) = 10/9 + 1/9 + 5/18 = 3/2
#                    kappa = 1 - (5/6)/(3/2) = 1 - 5/9 = 4/9
#   pooled (Scott): yes (4+2)/12 = 1/2, abst (1+2)/12 = 1/4, no (1+2)/12 = 1/4
#   pi, absolute: D_e = 2*[p_y p_a*1 + p_y p_n*2 + p_a p_n*1] = 2*[1/8 + 2/8 + 1/16] = 7/8
#                 pi = 1 - (1/2)/(7/8) = 1 - 4/7 = 3/7
#   pi, squared:  D_e = 2*[1/8 + 4/8 + 1/16] = 11/8;  pi = 1 - (5/6)/(11/8) = 1 - 20/33 = 13/33
MIXED_A = [1, 1, 1, 2, 3, 1]
MIXED_B = [1, 1, 2, 2, 3, 3]
MIXED = {
    "absolute": {"n": 6, "agree": 2 / 3, "s": 1 / 2, "kappa": 8 / 17, "pi": 3 / 7},
    "squared": {"n": 6, "agree": 2 / 3, "s": 7 / 12, "kappa": 4 / 9, "pi": 13 / 33},
}


@pytest.mark.parametrize("metric", METRICS)
def test_mixed_case_by_hand(metric: str) -> None:
    assert_measures(pair(MIXED_A, MIXED_B, metric=metric), MIXED[metric])


@pytest.mark.parametrize("metric", METRICS)
def test_reference_oracle_agrees_with_the_hand_arithmetic(metric: str) -> None:
    # The oracle used by the property tests below must itself reproduce the hand numbers.
    assert_measures(reference(MIXED_A, MIXED_B, metric), MIXED[metric])


# --- identical votes ---------------------------------------------------------------------------


@pytest.mark.parametrize("metric", METRICS)
def test_identical_single_category_kappa_and_pi_undefined(metric: str) -> None:
    # a = b = yes, yes, yes. D_o = 0, so S = 1 and agree = 3/3 = 1.
    # Marginals pa = pb = pooled = (1, 0, 0): under independence both states still vote yes on
    # every roll call, so D_e = d(yes, yes) = 0 and kappa = pi = 1 - 0/0 is undefined. The
    # chance-corrected measures cannot tell agreement from chance when nobody ever varies:
    # NaN (undefined), not 1 and not 0.
    got = pair([1, 1, 1], [1, 1, 1], metric=metric)
    assert_measures(got, {"n": 3, "agree": 1.0, "s": 1.0, "kappa": NAN, "pi": NAN})


@pytest.mark.parametrize("metric", METRICS)
def test_identical_varied_votes_give_one_everywhere(metric: str) -> None:
    # a = b = yes, abst, no. D_o = 0; pa = pb = (1/3, 1/3, 1/3), so D_e > 0
    # (absolute: 2*[1/9*1 + 1/9*2 + 1/9*1] = 8/9), and kappa = pi = 1 - 0/D_e = 1.
    got = pair([1, 2, 3], [1, 2, 3], metric=metric)
    assert_measures(got, {"n": 3, "agree": 1.0, "s": 1.0, "kappa": 1.0, "pi": 1.0})


# --- opposition --------------------------------------------------------------------------------


@pytest.mark.parametrize("metric", METRICS)
def test_perfect_opposition_constant(metric: str) -> None:
    # a = yes x4, b = no x4. Every distance is d_max, so S = 1 - 2*4*d_max/(4*d_max) = -1; agree 0.
    # kappa: pa = (1,0,0), pb = (0,0,1): D_e = d(yes,no)*1*1 = d_max = D_o, so kappa = 1 - 1 = 0
    #   (Cohen's kappa judges against each state's own habit: two states that always say yes and
    #   always say no are exactly as far apart as chance would make them).
    # pi: pooled = (1/2, 0, 1/2): D_e = 2 * 1/2 * 1/2 * d_max = d_max/2, pi = 1 - d_max/(d_max/2) = -1.
    got = pair([1, 1, 1, 1], [3, 3, 3, 3], metric=metric)
    assert_measures(got, {"n": 4, "agree": 0.0, "s": -1.0, "kappa": 0.0, "pi": -1.0})


@pytest.mark.parametrize("metric", METRICS)
def test_perfect_opposition_alternating(metric: str) -> None:
    # a = yes no yes no, b = no yes no yes: S = -1 again (every distance is d_max).
    # pa = pb = pooled = (1/2, 0, 1/2): D_e = 2 * 1/4 * d_max = d_max/2 for kappa and pi alike,
    # so kappa = pi = 1 - d_max/(d_max/2) = -1: opposition beyond anything chance would give.
    got = pair([1, 3, 1, 3], [3, 1, 3, 1], metric=metric)
    assert_measures(got, {"n": 4, "agree": 0.0, "s": -1.0, "kappa": -1.0, "pi": -1.0})


# --- one roll call -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "s"),
    [
        # d(yes, abst) = 1 in both metrics: absolute S = 1 - 2*1/(1*2) = 0, squared 1 - 2*1/4 = 1/2
        ("absolute", 0.0),
        ("squared", 0.5),
    ],
)
def test_one_roll_call(metric: str, s: float) -> None:
    # a = yes, b = abstain. agree 0. pa = (1,0,0), pb = (0,1,0): kappa D_e = d(y,a) = 1 = D_o,
    # kappa = 0. pooled (1/2, 1/2, 0): pi D_e = 2 * 1/4 * 1 = 1/2, pi = 1 - 1/(1/2) = -1.
    assert_measures(
        pair([1], [2], metric=metric), {"n": 1, "agree": 0.0, "s": s, "kappa": 0.0, "pi": -1.0}
    )
    # the same single vote on both sides: S = agree = 1, kappa/pi 0/0 -> NaN as above
    assert_measures(
        pair([2], [2], metric=metric), {"n": 1, "agree": 1.0, "s": 1.0, "kappa": NAN, "pi": NAN}
    )


# --- absences ----------------------------------------------------------------------------------


@pytest.mark.parametrize("metric", METRICS)
def test_absent_all_year_no_common_roll_call(metric: str) -> None:
    # a was absent (8) on every roll call: with absences excluded there is no common roll call,
    # n = 0, and every measure is 0/0: NaN, never 0 (nothing was measured).
    got = pair([8, 8, 8], [1, 2, 3], metric=metric)
    assert_measures(got, {"n": 0, "agree": NAN, "s": NAN, "kappa": NAN, "pi": NAN})


def test_absent_counted_as_abstain_all_year() -> None:
    # absent="abstain": a = [2, 2, 2] vs b = [1, 2, 3]; n = 3, agree 1/3.
    # absolute distances 1, 0, 1: D_o = 2/3, S = 1 - 2*2/(3*2) = 1/3.
    # pa = (0,1,0), pb = (1/3,1/3,1/3): kappa D_e = 1/3*1 + 1/3*1 = 2/3 = D_o -> kappa = 0.
    # pooled: yes 1/6, abst 4/6, no 1/6: pi D_e = 2*[4/36*1 + 1/36*2 + 4/36*1] = 20/36 = 5/9,
    # pi = 1 - (2/3)/(5/9) = 1 - 6/5 = -1/5.
    got = pair([8, 8, 8], [1, 2, 3], absent="abstain")
    assert_measures(got, {"n": 3, "agree": 1 / 3, "s": 1 / 3, "kappa": 0.0, "pi": -1 / 5})


@pytest.mark.parametrize("metric", METRICS)
def test_absences_excluded_by_default(metric: str) -> None:
    # a = [1, 8, 3, 1], b = [1, 2, 3, 8]: roll calls 2 and 4 drop out, leaving (1,1) and (3,3).
    # n = 2, D_o = 0, agree = S = 1; pa = pb = (1/2, 0, 1/2), D_e = 2 * 1/4 * d_max > 0,
    # so kappa = pi = 1.
    want = {"n": 2, "agree": 1.0, "s": 1.0, "kappa": 1.0, "pi": 1.0}
    assert_measures(pair([1, 8, 3, 1], [1, 2, 3, 8], metric=metric), want)
    assert_measures(pair([1, 8, 3, 1], [1, 2, 3, 8], metric=metric, absent="exclude"), want)


@pytest.mark.parametrize(
    ("metric", "want"),
    [
        # absent="abstain": a = [1, 2, 3, 1], b = [1, 2, 3, 2]; n = 4, identical on 3 -> agree 3/4.
        # One distance of 1 (both metrics): D_o = 1/4.
        # pa = (1/2, 1/4, 1/4), pb = (1/4, 1/2, 1/4); pooled = (3/8, 3/8, 1/4).
        #
        # absolute: S = 1 - 2*1/(4*2) = 3/4.
        #   kappa D_e = 1/2*(1/2*1 + 1/4*2) + 1/4*(1/4 + 1/4) + 1/4*(1/4*2 + 1/2*1)
        #             = 1/2 + 1/8 + 1/4 = 7/8;   kappa = 1 - (1/4)/(7/8) = 5/7
        #   pi D_e = 2*[9/64*1 + 3/32*2 + 3/32*1] = 2*27/64 = 27/32;  pi = 1 - 8/27 = 19/27
        ("absolute", {"n": 4, "agree": 3 / 4, "s": 3 / 4, "kappa": 5 / 7, "pi": 19 / 27}),
        # squared: S = 1 - 2*1/(4*4) = 7/8.
        #   kappa D_e = 1/2*(1/2*1 + 1/4*4) + 1/4*(1/4 + 1/4) + 1/4*(1/4*4 + 1/2*1)
        #             = 3/4 + 1/8 + 3/8 = 5/4;   kappa = 1 - (1/4)/(5/4) = 4/5
        #   pi D_e = 2*[9/64*1 + 3/32*4 + 3/32*1] = 2*39/64 = 39/32;  pi = 1 - 8/39 = 31/39
        ("squared", {"n": 4, "agree": 3 / 4, "s": 7 / 8, "kappa": 4 / 5, "pi": 31 / 39}),
    ],
)
def test_absences_as_abstentions(metric: str, want: dict[str, float]) -> None:
    assert_measures(pair([1, 8, 3, 1], [1, 2, 3, 8], metric=metric, absent="abstain"), want)


@pytest.mark.parametrize("absent", ABSENT)
def test_non_member_and_no_record_codes_ignored(absent: str) -> None:
    # 9 (non-member) and 0 (no record) are never positions, whatever `absent` says: only the
    # roll calls where both sides cast 1/2/3 (or 8, if counted) remain -> here (1,1) and (3,3).
    got = pair([1, 9, 2, 0, 3, 9], [1, 1, 9, 2, 3, 0], absent=absent)
    assert got == pair([1, 3], [1, 3], absent=absent)
    assert got["n"] == 2


# --- symmetry and the all-pairs matrix algebra ---------------------------------------------------

VOTE_CODES = st.sampled_from([1, 2, 3, 8, 9, 0])


@settings(max_examples=200, deadline=None)
@given(
    votes=st.lists(st.tuples(VOTE_CODES, VOTE_CODES), min_size=1, max_size=30),
    metric=st.sampled_from(METRICS),
    absent=st.sampled_from(ABSENT),
)
def test_pair_matches_reference_and_is_symmetric(
    votes: list[tuple[int, int]], metric: str, absent: str
) -> None:
    a = [x for x, _ in votes]
    b = [y for _, y in votes]
    ab = pair(a, b, metric=metric, absent=absent)
    assert_measures(ab, reference(a, b, metric, absent))
    assert_measures(pair(b, a, metric=metric, absent=absent), ab)


def test_dyad_matrices_are_symmetric() -> None:
    rng = np.random.default_rng(7)
    mat = rng.choice(np.array([1, 2, 3, 8, 9, 0], dtype=np.int8), size=(9, 25))
    for metric, absent in itertools.product(METRICS, ABSENT):
        res = dyad_matrices(np.arange(9), mat, metric=metric, absent=absent)
        np.testing.assert_array_equal(res.n, res.n.T)
        # equal up to rounding: kappa's D_e sums the same products in a different order
        for m in (res.agree, res.s, res.kappa, res.pi):
            np.testing.assert_allclose(m, m.T, rtol=0, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    mat=arrays(np.int8, (12, 40), elements=st.sampled_from([1, 1, 1, 2, 3, 8, 9, 0])),
    split=st.integers(0, 40),
    metric=st.sampled_from(METRICS),
    absent=st.sampled_from(ABSENT),
)
def test_all_dyads_matches_pair_on_every_dyad(
    mat: np.ndarray[Any, Any], split: int, metric: str, absent: str
) -> None:
    # 12 states (COW codes out of order on purpose) x 40 roll calls, the first `split` roll calls
    # in 2001 and the rest in 2002, so grouping by period is exercised too.
    states = [700, 2, 365, 20, 651, 750, 710, 200, 255, 220, 740, 666]
    years = [2001 if rc < split else 2002 for rc in range(40)]
    df = all_dyads(long_votes(states, mat, years), "year", metric=metric, absent=absent)
    assert (df["cow_a"] < df["cow_b"]).all()
    assert not df.duplicated(["year", "cow_a", "cow_b"]).any()
    got = {(int(r["year"]), int(r["cow_a"]), int(r["cow_b"])): r for r in df.to_dict("records")}
    expected = 0
    for year in sorted(set(years)):
        cols = [rc for rc in range(40) if years[rc] == year]
        for i, j in itertools.combinations(range(12), 2):
            lo, hi = sorted((i, j), key=lambda k: states[k])
            a, b = mat[lo, cols], mat[hi, cols]
            want = pair(a, b, metric=metric, absent=absent)
            key = (year, states[lo], states[hi])
            if want["n"] == 0:
                # no common roll call: the dyad is missing for that year, never a row of NaN/0
                assert key not in got
                continue
            expected += 1
            row = got[key]
            assert_measures({k: float(row[k]) for k in want}, want)
    assert len(df) == expected


def test_all_dyads_leaves_out_a_state_absent_all_year() -> None:
    # State 3 is absent (8) on both 2001 roll calls and votes in 2002: with absences excluded its
    # 2001 dyads have n = 0 and are left out; in 2002 all three dyads are present.
    mat = np.array([[1, 3, 1, 1], [1, 1, 2, 1], [8, 8, 1, 3]], dtype=np.int8)
    df = all_dyads(long_votes([1, 2, 3], mat, [2001, 2001, 2002, 2002]))
    assert set(zip(df["year"], df["cow_a"], df["cow_b"], strict=True)) == {
        (2001, 1, 2),
        (2002, 1, 2),
        (2002, 1, 3),
        (2002, 2, 3),
    }
    # counted as abstentions, the absences are positions and the 2001 dyads come back
    df = all_dyads(long_votes([1, 2, 3], mat, [2001, 2001, 2002, 2002]), absent="abstain")
    assert len(df) == 6


def test_all_dyads_min_votes_and_empty_input() -> None:
    mat = np.array([[1, 3, 1], [1, 1, 0], [0, 0, 2]], dtype=np.int8)
    df = long_votes([1, 2, 3], mat, [2001, 2001, 2001])
    # common roll calls: (1,2) 2, (1,3) 1, (2,3) 0
    assert sorted(all_dyads(df)["n"]) == [1, 2]
    assert list(all_dyads(df, min_votes=2)["n"]) == [2]
    empty = all_dyads(df.iloc[0:0])
    assert empty.empty
    assert list(empty.columns) == ["year", "cow_a", "cow_b", "n", "agree", "s", "kappa", "pi"]


# --- invalid options ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "absent"), [("euclidean", "exclude"), ("absolute", "zero"), ("squared", "")]
)
def test_invalid_options_raise_nonaligned_error(metric: str, absent: str) -> None:
    with pytest.raises(NonalignedError):
        pair([1, 2], [1, 3], metric=metric, absent=absent)
    df = long_votes([1, 2], np.array([[1, 2], [1, 3]], dtype=np.int8), [2001, 2001])
    with pytest.raises(NonalignedError):
        all_dyads(df, metric=metric, absent=absent)


def test_invalid_metric_message_names_the_choices() -> None:
    with pytest.raises(NonalignedError, match="absolute, squared"):
        sim.distance_matrix("cosine")


def test_all_dyads_unknown_period_column() -> None:
    df = long_votes([1, 2], np.array([[1, 2], [1, 3]], dtype=np.int8), [2001, 2001])
    with pytest.raises(NonalignedError, match="session"):
        all_dyads(df, "session")


# --- the real bundled votes ----------------------------------------------------------------------


def test_real_2015_usa_israel_far_closer_than_usa_russia(rec: Any) -> None:
    votes = rec.votes(since="2015-01-01", until="2015-12-31")
    dy = all_dyads(votes, "year")

    def dyad(a: int, b: int) -> pd.Series[Any]:
        rows = dy[(dy["year"] == 2015) & (dy["cow_a"] == a) & (dy["cow_b"] == b)]
        assert len(rows) == 1
        return rows.iloc[0]

    usa_isr = dyad(2, 666)  # COW 2 USA, 666 Israel
    usa_rus = dyad(2, 365)  # COW 365 Russia
    assert usa_isr["s"] > usa_rus["s"] + 0.5
    assert usa_isr["kappa"] > usa_rus["kappa"] + 0.5
    assert usa_isr["s"] > 0.5
    assert usa_rus["s"] < 0.0


@pytest.mark.parametrize("year", [2015, 1990])
def test_real_dyad_count_is_all_pairs_minus_pairs_without_common_vote(rec: Any, year: int) -> None:
    # k = states with any recorded position (yes/abstain/no/absent) that year; a pair with no
    # roll call on which both cast yes/abstain/no (e.g. one absent all year) has no row. Counted
    # here with plain sets, independently of the matrix algebra. (1990 has such pairs; 2015 none.)
    votes = rec.votes(since=f"{year}-01-01", until=f"{year}-12-31")
    dy = all_dyads(votes, "year")
    assert set(dy["year"]) == {year}
    states = sorted(votes["cow"].unique())
    k = len(states)
    cast = votes[votes["vote"].isin([1, 2, 3])]
    rcids = {cow: set(g["rcid"]) for cow, g in cast.groupby("cow")}
    no_common = sum(
        1
        for a, b in itertools.combinations(states, 2)
        if not rcids.get(a, set()) & rcids.get(b, set())
    )
    assert len(dy) == k * (k - 1) // 2 - no_common
    if year == 1990:
        assert no_common > 0
