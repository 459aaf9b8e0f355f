"""Change points: false alarms are rare, real steps are found where they are, bad input is named."""

from __future__ import annotations

import datetime
import itertools

import numpy as np
import numpy.typing as npt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nonaligned.errors import NonalignedError
from nonaligned.measures.changepoints import ChangePoint, detect, yearly


def roll_call_dates(n: int, per_year: int = 20, first: int = 1990) -> list[datetime.date]:
    """``per_year`` roll calls spread over each year: yearly blocks then hold many values."""
    return [
        datetime.date(first + i // per_year, 1, 1)
        + datetime.timedelta(days=(i % per_year) * 360 // per_year)
        for i in range(n)
    ]


def steps(
    n: int, levels: list[float], at: list[int], sd: float, seed: int
) -> npt.NDArray[np.float64]:
    """A piecewise-constant mean (``levels[j]`` from ``at[j-1]``) plus Gaussian noise."""
    mean = np.asarray(levels, dtype=np.float64)[np.searchsorted(at, np.arange(n), side="right")]
    return mean + np.random.default_rng(seed).normal(0.0, sd, n)


def test_no_change_is_rarely_flagged() -> None:
    dates = roll_call_dates(600)
    flagged = sum(
        bool(detect(dates, np.random.default_rng(seed).normal(0.5, 0.2, 600))) for seed in range(40)
    )
    assert flagged <= 2  # at least 95% of the 40 series give []


def test_one_clear_step_is_found_with_its_date() -> None:
    dates = roll_call_dates(600)
    (cp,) = detect(dates, steps(600, [0.3, 0.7], [300], 0.2, seed=1))
    assert abs(cp.index - 300) <= 3
    assert cp.date == dates[cp.index]
    assert cp.low <= dates[300] <= cp.high
    assert cp.low <= cp.date <= cp.high
    assert (cp.high - cp.low).days < 365  # a sharp step is dated to within months
    assert cp.before == pytest.approx(0.3, abs=0.05)
    assert cp.after == pytest.approx(0.7, abs=0.05)
    assert cp.shift == pytest.approx(cp.after - cp.before)
    assert cp.p_value <= 0.01


def test_two_steps_are_found_in_order() -> None:
    dates = roll_call_dates(600)
    cps = detect(dates, steps(600, [0.3, 0.7, 0.4], [200, 400], 0.2, seed=2))
    assert [cp.index for cp in cps] == pytest.approx([200, 400], abs=3)
    assert [cp.date for cp in cps] == sorted(cp.date for cp in cps)
    assert cps[0].shift > 0.3
    assert cps[1].shift < -0.2
    assert cps[0].after == cps[1].before  # adjacent segments share their mean
    for cp, truth in zip(cps, [200, 400], strict=True):
        assert cp.low <= dates[truth] <= cp.high


def test_max_changes_keeps_the_most_significant() -> None:
    dates = roll_call_dates(600)
    values = steps(600, [0.5, 0.52, 0.9], [200, 400], 0.2, seed=3)
    (cp,) = detect(dates, values, max_changes=1)
    assert abs(cp.index - 400) <= 3
    assert detect(dates, values, max_changes=0) == []


def test_a_small_shift_on_few_points_is_not_flagged() -> None:
    dates = roll_call_dates(30, per_year=1)
    assert detect(dates, steps(30, [0.5, 0.55], [15], 0.2, seed=4)) == []


def test_constant_and_too_short_series_give_nothing() -> None:
    dates = roll_call_dates(100)
    assert detect(dates, np.full(100, 0.3)) == []
    assert detect(dates[:19], steps(19, [0.0, 1.0], [10], 0.01, seed=5)) == []
    assert detect([], []) == []


def test_nans_are_dropped_and_indices_refer_to_the_input() -> None:
    dates = roll_call_dates(600)
    values = steps(600, [0.3, 0.7], [300], 0.2, seed=1)
    holes = values.copy()
    holes[[5, 50, 150, 450]] = np.nan
    (clean,) = detect(dates, values)
    (with_holes,) = detect(dates, holes)
    # three NaNs before the step: same date, and the index still points into the input
    assert with_holes.date == dates[with_holes.index]
    assert abs(with_holes.index - clean.index) <= 3
    assert not np.isnan(holes[with_holes.index])
    assert with_holes.before == pytest.approx(np.nanmean(holes[: with_holes.index]))


def test_same_seed_same_answer() -> None:
    dates = roll_call_dates(400)
    values = steps(400, [0.4, 0.5, 0.3], [150, 300], 0.2, seed=6)
    assert detect(dates, values, seed=7) == detect(dates, values, seed=7)
    assert detect(dates, values, seed=7, block=5) == detect(dates, values, seed=7, block=5)


def test_dates_as_datetime64_timestamps_or_dates_agree() -> None:
    dates = roll_call_dates(300)
    values = steps(300, [0.2, 0.6], [120], 0.2, seed=8)
    as_dates = detect(dates, values)
    assert as_dates
    assert detect(np.array(dates, dtype="datetime64[D]"), values) == as_dates
    assert detect(pd.to_datetime(pd.Series(dates)) + pd.Timedelta(hours=9), values) == as_dates
    assert detect(dates, pd.Series(values)) == as_dates
    assert isinstance(as_dates[0], ChangePoint)
    assert isinstance(as_dates[0].date, datetime.date)


def test_fixed_blocks_and_single_observations() -> None:
    dates = roll_call_dates(600)
    values = steps(600, [0.3, 0.7], [300], 0.2, seed=1)
    for block in (1, 25):
        (cp,) = detect(dates, values, block=block)
        assert abs(cp.index - 300) <= 3


def test_six_thousand_roll_calls() -> None:
    n = 6000
    dates = np.datetime64("1950-01-01") + (np.arange(n) * (365 * 70) // n).astype("timedelta64[D]")
    values = steps(n, [0.5, 0.6], [4000], 0.3, seed=9)
    (cp,) = detect(dates, values)
    assert abs(cp.index - 4000) <= 30
    assert cp.low <= cp.date <= cp.high


DATES = roll_call_dates(40)
VALUES = list(steps(40, [0.0, 1.0], [20], 0.1, seed=10))


@pytest.mark.parametrize(
    ("dates", "values", "options", "named"),
    [
        (DATES, VALUES[:-1], {}, "dates and values differ in length"),
        (DATES[::-1], VALUES, {}, "dates must be sorted"),
        (list(range(40)), VALUES, {}, "dates must be"),
        (["not a date"] * 40, VALUES, {}, "dates must be"),
        ([*DATES[:-1], None], VALUES, {}, "dates has a missing value"),
        (DATES, ["high"] * 40, {}, "values must be numeric"),
        (DATES, [*VALUES[:-1], "x"], {}, "values must be numeric"),
        (DATES, [*VALUES[:-1], np.inf], {}, "values must be finite"),
        (DATES, np.ones((40, 2)), {}, "values must be one-dimensional"),
        (DATES, VALUES, {"min_size": 0}, "min_size"),
        (DATES, VALUES, {"min_size": 2.5}, "min_size"),
        (DATES, VALUES, {"alpha": 0.0}, "alpha"),
        (DATES, VALUES, {"alpha": 1.0}, "alpha"),
        (DATES, VALUES, {"alpha": -0.1}, "alpha"),
        (DATES, VALUES, {"alpha": 1e-5}, "n_permutations"),
        (DATES, VALUES, {"max_changes": -1}, "max_changes"),
        (DATES, VALUES, {"n_permutations": 0}, "n_permutations"),
        (DATES, VALUES, {"block": 0}, "block"),
        (DATES, VALUES, {"seed": -1}, "seed"),
    ],
)
def test_bad_input_names_the_argument(
    dates: object, values: object, options: dict[str, object], named: str
) -> None:
    with pytest.raises(NonalignedError, match=named):
        detect(dates, values, **options)  # type: ignore[arg-type]


def test_yearly_summary() -> None:
    dates = [datetime.date(2001, 3, 1), datetime.date(2001, 9, 1), datetime.date(2003, 1, 1)]
    dates.append(datetime.date(2003, 2, 1))
    table = yearly(dates, [0.2, 0.4, 1.0, np.nan])
    assert list(table.columns) == ["year", "mean", "n", "se"]
    assert table["year"].tolist() == [2001, 2003]
    assert table["mean"].tolist() == pytest.approx([0.3, 1.0])
    assert table["n"].tolist() == [2, 1]
    assert table["se"].iloc[0] == pytest.approx(np.std([0.2, 0.4], ddof=1) / np.sqrt(2))
    assert np.isnan(table["se"].iloc[1])  # one value: no spread to speak of
    assert yearly([], []).empty
    with pytest.raises(NonalignedError, match="values must be numeric"):
        yearly(dates, ["a"] * 4)


@st.composite
def series(draw: st.DrawFn) -> tuple[list[datetime.date], list[float]]:
    n = draw(st.integers(0, 80))
    gaps = draw(st.lists(st.integers(0, 200), min_size=n, max_size=n))
    start = datetime.date(1946, 1, 1)
    dates = [start + datetime.timedelta(days=int(g)) for g in np.cumsum(gaps, dtype=np.int64)]
    value = st.one_of(
        st.floats(-1.0, 1.0, allow_nan=False), st.sampled_from([0.0, 1.0]), st.just(np.nan)
    )
    return dates, draw(st.lists(value, min_size=n, max_size=n))


@settings(max_examples=150, deadline=None)
@given(
    data=series(),
    min_size=st.integers(1, 8),
    block=st.one_of(st.none(), st.integers(1, 6)),
    seed=st.integers(0, 2**32),
)
def test_random_series_never_crash(
    data: tuple[list[datetime.date], list[float]], min_size: int, block: int | None, seed: int
) -> None:
    dates, values = data
    cps = detect(
        dates,
        values,
        min_size=min_size,
        alpha=0.05,
        n_permutations=39,
        block=block,
        seed=seed,
        max_changes=4,
    )
    assert len(cps) <= 4
    assert [cp.index for cp in cps] == sorted({cp.index for cp in cps})
    assert [cp.date for cp in cps] == sorted(cp.date for cp in cps)
    observed = ~np.isnan(np.asarray(values, dtype=np.float64))
    cuts = [0, *(int(observed[: cp.index].sum()) for cp in cps), int(observed.sum())]
    assert not cps or all(b - a >= min_size for a, b in itertools.pairwise(cuts))
    for cp in cps:
        assert observed[cp.index]
        assert cp.date == dates[cp.index]
        assert cp.low <= cp.date <= cp.high
        assert 0 < cp.p_value <= 0.05
        assert cp.shift == pytest.approx(cp.after - cp.before)
