"""The split-vote measure: categories and intervals by hand, then the bundled votes.

Must show (issue 16): on the roll calls since 2015 on which the United States and Russia voted
differently, Belarus sides with Russia most and Poland with the US most among Georgia, Armenia,
Kazakhstan, Belarus, Poland, India, Turkey and Azerbaijan. Only those two ends are pinned; the
order of the six between them is printed, not asserted.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from nonaligned.errors import NonalignedError
from nonaligned.measures.split_votes import (
    CATEGORIES,
    MIN_SPLIT_ROLLCALLS,
    categorise,
    split_rollcalls,
    split_votes,
    split_votes_table,
    wilson,
)
from nonaligned.records import Records

EIGHT = ["Georgia", "Armenia", "Kazakhstan", "Belarus", "Poland", "India", "Turkey", "Azerbaijan"]


# -- by hand -------------------------------------------------------------------------------------
def test_split_rollcalls_different_and_opposed() -> None:
    a = pd.Series({1: 1.0, 2: 1.0, 3: 2.0, 4: 3.0, 5: 1.0})
    b = pd.Series({1: 1.0, 2: 3.0, 3: 1.0, 4: 1.0, 6: 3.0})  # 5 and 6: one pole did not vote
    assert [int(x) for x in split_rollcalls(a, b, "different")["rcid"]] == [2, 3, 4]
    assert [int(x) for x in split_rollcalls(a, b, "opposed")["rcid"]] == [2, 4]
    with pytest.raises(NonalignedError, match="split must be"):
        split_rollcalls(a, b, "sometimes")


def test_each_vote_falls_in_exactly_one_category() -> None:
    rows = pd.DataFrame(
        {
            # A yes / B no: yes=with A, no=with B, abstain=abstain, 8=absent
            # A yes / B abstain: abstain=with B, no=other
            "vote": [1, 3, 2, 8, 2, 3, 1],
            "va": [1, 1, 1, 1, 1, 1, 1],
            "vb": [3, 3, 3, 3, 2, 2, 2],
        }
    )
    cats = categorise(rows)
    assert cats[list(CATEGORIES)].sum(axis=1).tolist() == [1] * len(rows)
    got = [str(x) for x in cats[list(CATEGORIES)].idxmax(axis=1)]
    assert got == ["with_a", "with_b", "abstain", "absent", "with_b", "other", "with_a"]


def test_wilson_matches_known_values() -> None:
    lo, hi = wilson(np.array([0.0, 5.0, 10.0]), np.array([10.0, 10.0, 10.0]))
    assert lo[0] == pytest.approx(0.0, abs=1e-12) and hi[0] == pytest.approx(0.2775, abs=1e-4)
    assert lo[1] == pytest.approx(0.2366, abs=1e-4) and hi[1] == pytest.approx(0.7634, abs=1e-4)
    assert lo[2] == pytest.approx(0.7225, abs=1e-4) and hi[2] == pytest.approx(1.0, abs=1e-12)
    lo0, hi0 = wilson(np.array([0.0]), np.array([0.0]))
    assert math.isnan(lo0[0]) and math.isnan(hi0[0])


# -- the bundled votes -------------------------------------------------------------------------
def test_must_show_belarus_most_with_russia_poland_most_with_us(rec: Records) -> None:
    table = split_votes_table(rec, EIGHT, "USA", "RUS", since=2015)
    print(
        "\nUS vs Russia splits since 2015 (lean = share with Russia - share with the US):\n"
        + table[["name", "n", "share_a", "share_b", "share_abstain_absent", "share_other", "lean"]]
        .round(3)
        .to_string()
    )
    assert len(table) == 8 and not table["thin"].any()
    by_lean = table.sort_values("lean")["iso3"].tolist()
    assert by_lean[-1] == "BLR"  # most with Russia
    assert by_lean[0] == "POL"  # most with the US
    # the same ends on the share with each pole alone
    assert table.sort_values("share_b")["iso3"].tolist()[-1] == "BLR"
    assert table.sort_values("share_a")["iso3"].tolist()[-1] == "POL"


def test_shares_add_up_and_intervals_contain_them(rec: Records) -> None:
    t = split_votes_table(rec, EIGHT, since=2015)
    total = t["share_a"] + t["share_b"] + t["share_abstain_absent"] + t["share_other"]
    assert np.allclose(total, 1.0)
    assert (t[list(CATEGORIES)].sum(axis=1) == t["n"]).all()
    assert (t["n"] <= t["split_rollcalls"]).all()
    for s in ("share_a", "share_b", "share_abstain_absent"):
        assert (t[f"{s}_lo"] <= t[s]).all() and (t[s] <= t[f"{s}_hi"]).all()
    assert (t["lean_lo"] <= t["lean"]).all() and (t["lean"] <= t["lean_hi"]).all()
    # real dates, not placeholders
    assert str(t["first_date"].iloc[0]) >= "2015-01-01"
    # the Assembly baseline: on US-Russia splits the average member sides with Russia
    assert t["assembly_b"].iloc[0] > t["assembly_a"].iloc[0]


def test_opposed_splits_are_a_subset(rec: Records) -> None:
    diff = split_votes(rec, "Azerbaijan", since=2015)
    opp = split_votes(rec, "Azerbaijan", since=2015, split="opposed")
    assert opp.overall["split_rollcalls"] < diff.overall["split_rollcalls"]
    assert opp.overall["other"] == 0


def test_yearly_rows_and_thin_flags(rec: Records) -> None:
    sv = split_votes(rec, "Azerbaijan", since=2015, until=2025)
    years = sv.yearly["year"].tolist()
    assert years == sorted(years) and years[0] == 2015 and years[-1] == 2025
    assert (sv.yearly["thin"] == (sv.yearly["n"] < MIN_SPLIT_ROLLCALLS)).all()
    assert sv.yearly["n"].sum() == sv.overall["n"]
    json.dumps(sv.to_dict())  # plain values only


def test_a_handful_of_split_votes_is_thin(rec: Records) -> None:
    sv = split_votes(rec, "Azerbaijan", since="2024-01", until="2024-06")
    assert 0 < sv.overall["n"] < MIN_SPLIT_ROLLCALLS
    assert sv.overall["thin"]
    assert any("too few" in n for n in sv.notes)


def test_no_split_in_the_period_is_an_empty_thin_result(rec: Records) -> None:
    sv = split_votes(rec, "Azerbaijan", since="2024-01-01", until="2024-01-31")
    assert sv.overall["n"] == 0 and sv.overall["thin"]
    assert sv.notes and "no roll call" in sv.notes[0]
    json.dumps(sv.to_dict())


def test_bloc_pole_leaves_the_member_out_of_its_median(rec: Records) -> None:
    t = split_votes_table(rec, ["Poland", "Belarus"], "EU", "RUS", since=2015)
    pol = t.set_index("iso3").loc["POL"]
    blr = t.set_index("iso3").loc["BLR"]
    assert pol["share_a"] > 0.8 and pol["lean"] < blr["lean"]


def test_a_pole_cannot_be_the_state_measured(rec: Records) -> None:
    with pytest.raises(NonalignedError, match="cannot be one of the two poles"):
        split_votes(rec, "Russia", "USA", "RUS")
    with pytest.raises(NonalignedError, match="named twice"):
        split_votes(rec, "Azerbaijan", "USA", "United States")


def test_every_state_in_one_pass_leaves_the_poles_out(rec: Records) -> None:
    t = split_votes_table(rec, None, since=2015)
    assert len(t) > 150
    assert not t["iso3"].isin(["USA", "RUS"]).any()
    assert t["lean"].is_monotonic_increasing
