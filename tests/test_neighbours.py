"""Nearest states: who votes most like a state, with shared roll calls and thin ones left out."""

from __future__ import annotations

import json

import numpy as np
import pytest

from nonaligned.errors import NonalignedError
from nonaligned.measures.neighbours import MIN_SHARED, neighbours
from nonaligned.measures.similarity import pair
from nonaligned.records import Records


def test_azerbaijan_nearest_are_the_states_an_analyst_expects(rec: Records) -> None:
    nb = neighbours(rec, "Azerbaijan", since=1992, top=None)
    t = nb.table
    print("\nnearest to Azerbaijan since 1992:\n" + t.head(10).round(3).to_string())
    top10 = set(t.head(10)["iso3"])
    assert "TKM" in top10  # Turkmenistan
    assert len(top10 & {"KGZ", "TJK", "KAZ", "UZB"}) >= 2  # the other Central Asian states
    bottom = set(t.tail(5)["iso3"])
    assert {"USA", "ISR"} <= bottom


def test_focal_state_absent_and_shared_counts_at_least_the_minimum(rec: Records) -> None:
    nb = neighbours(rec, "AZE", since=2015)
    assert len(nb.table) == 20
    assert "AZE" not in set(nb.table["iso3"]) and 373 not in set(nb.table["cow"])
    assert (nb.table["n"] >= MIN_SHARED).all()
    assert nb.table["rank"].tolist() == list(range(1, 21))
    assert nb.table["agree"].is_monotonic_decreasing
    assert (nb.table["agree_lo"] <= nb.table["agree"]).all()
    assert (nb.table["agree"] <= nb.table["agree_hi"]).all()
    json.dumps(nb.to_dict())


def test_thin_states_are_excluded_and_counted(rec: Records) -> None:
    full = neighbours(rec, "Azerbaijan", since=2024, until=2024, top=None, min_shared=1)
    strict = neighbours(rec, "Azerbaijan", since=2024, until=2024, top=None, min_shared=60)
    assert strict.excluded > 0
    assert strict.ranked + strict.excluded == full.ranked
    assert not set(strict.excluded_states) & set(strict.table["name"])
    assert (strict.table["n"] >= 60).all()
    assert (full.table["n"] < 60).sum() == strict.excluded


def test_measure_s_orders_by_s_and_matches_the_similarity_module(rec: Records) -> None:
    nb = neighbours(rec, "Azerbaijan", since=2015, measure="S", top=5)
    assert nb.measure == "s" and nb.table["s"].is_monotonic_decreasing
    first = nb.table.iloc[0]
    va = rec.votes("Azerbaijan", since="2015")[["rcid", "vote"]]
    vb = rec.votes(int(first["cow"]), since="2015")[["rcid", "vote"]]
    both = va.merge(vb, on="rcid", how="outer").fillna(0)
    want = pair(both["vote_x"].to_numpy(np.int8), both["vote_y"].to_numpy(np.int8))
    assert first["n"] == want["n"]
    assert first["agree"] == pytest.approx(want["agree"])
    assert first["s"] == pytest.approx(want["s"])


def test_bad_arguments_are_errors(rec: Records) -> None:
    with pytest.raises(NonalignedError, match="unknown measure"):
        neighbours(rec, "Azerbaijan", measure="kappa")
    with pytest.raises(NonalignedError, match="top must be"):
        neighbours(rec, "Azerbaijan", top=0)
