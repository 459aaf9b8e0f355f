"""Change points in a state's alignment: the dates where its mean level shifts, and how surely.

Analysts ask "since when does Azerbaijan lean toward Russia?". The input is a time-ordered series:
one value per UN roll call (say the agreement of a state with a pole on that roll call) or one
value per year. :func:`detect` returns the dates where the *mean level* of that series shifts by
more than its own noise and serial dependence can explain.

Method: binary segmentation with a permutation test
    For a segment x_1..x_m, splitting before observation k+1 (k on the left) reduces the residual
    sum of squares of a one-mean fit by

        D_k^2 = (S_k - k * mean)^2 * m / (k * (m - k)),     S_k = x_1 + ... + x_k,

    the squared standardised CUSUM, which is also m * sd^2 times the squared two-sample z of the
    two halves. The candidate split is the k with the largest D_k^2 among those leaving at least
    ``min_size`` observations on each side. Whether it is real is decided by a permutation test of
    the statistic ``max_k D_k^2`` *within that segment*: the maximum over positions is recomputed
    on ``n_permutations`` shuffles of the segment, so the search over positions is part of the null
    distribution and needs no correction. The total sum of squares is the same for every shuffle,
    so dividing by it (standardising) would change nothing: the test is exact under exchangeability.
    A significant split cuts the segment in two and each half is tested in turn; among the
    segments with a significant split, the most significant (smallest p-value, then largest
    statistic) is cut first. The search stops when no split is significant, every segment is
    shorter than ``2 * min_size``, or ``max_changes`` splits are made. All shuffles of a segment
    are one matrix: shuffled rows, cumulative sums along them, one max per row.

Serial dependence: blocks
    Roll calls are not independent: a session's agenda sets which resolutions come up, and a
    state's agreement with a pole rises and falls with the agenda, not only with its policy. Plain
    shuffling would treat that session-to-session wobble as noise of a single roll call and find
    "shifts" everywhere. So shuffles move whole *blocks*. By default (``block=None``) a block is a
    calendar year, which for UN data is a session: the test then asks whether the shift is larger
    than the differences between whole sessions. A series with one value per year gets one
    observation per block, a plain permutation test. ``block=k`` uses fixed blocks of k
    consecutive observations instead (``block=1`` shuffles single observations). The price of
    blocks is resolution: a segment of B blocks has only B! arrangements, so a segment spanning
    fewer than about six years cannot reach p < 0.01 under yearly blocks, however large its shift.
    That is deliberate: a few sessions cannot tell a policy change from agenda noise.

Assumptions
    The model is piecewise constant in the mean. A change in variance (a state that starts
    splitting its votes) or a slow trend is not what the test looks for; a trend shows up as one or
    more steps along it. Within a segment, blocks must be exchangeable when there is no shift.
    Standard errors of yearly values are not needed: the test uses the series' own variability.

Reading p-values and ``alpha``
    ``p_value`` is the permutation p-value (1 + #{shuffles at least as extreme}) / (1 +
    n_permutations) of a split within the segment it was found in, so it cannot be smaller than
    1 / (n_permutations + 1). Each split is tested at level ``alpha``. On a series with no shift
    the chance of reporting anything is ``alpha`` (only the first test can fire). When there are
    real shifts, further tests follow: at most ``2 * max_changes + 1`` of them, so by Bonferroni the
    chance of at least one spurious change is at most that many times ``alpha``; to hold the whole
    search at a level a, pass ``alpha = a / (2 * max_changes + 1)``. Tests after the first are
    conditional on the data-chosen segment ends, so their p-values are approximate.

Date confidence sets
    ``low``..``high`` is the range of positions whose likelihood-ratio statistic against the
    estimated date is within the critical value (Hansen 2000; Eo & Morley 2015): in the window
    between the neighbouring change points (or the series ends), the set of k with

        (D_max^2 - D_k^2) / omega^2 <= -2 * log(1 - sqrt(1 - alpha)),

    a (1 - alpha) confidence set, 10.59 for the default alpha of 0.01. omega^2 is the long-run
    variance of the residuals around the two segment means, estimated from the same blocks as the
    test (sum over blocks of the squared block sums of residuals, over m), so serial dependence
    widens the set. The set is reported as its hull (plus the estimate); it is conservative for
    large shifts and asymptotic for small ones.
"""

from __future__ import annotations

import datetime
import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..errors import NonalignedError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
DayArray = npt.NDArray[np.datetime64]

# Upper bound on the elements of one (shuffles x observations) matrix: 4M floats, 32 MB.
_CHUNK_ELEMENTS = 1 << 22
# The first batch of shuffles is small: a segment without a shift is usually settled by it.
_FIRST_CHUNK = 100
# Relative tolerance when comparing a shuffled statistic with the observed one, so that rounding
# in the cumulative sums does not turn a tie into "less extreme" (scipy does the same).
_TIE = 1e-9


@dataclass(frozen=True)
class ChangePoint:
    """A shift in the mean level of a series, found by :func:`detect`."""

    index: int  # position, in the input as given (NaNs included), of the new segment's first value
    date: datetime.date  # date of that observation
    before: float  # mean of the segment before (between the previous change point and this one)
    after: float  # mean of the segment after (up to the next change point)
    shift: float  # after - before
    p_value: float  # permutation p-value of this split within its parent segment
    low: datetime.date  # (1 - alpha) confidence set for the date: earliest plausible start
    high: datetime.date  # latest plausible start (likelihood-ratio set; see the module docstring)


def _days(dates: Sequence[datetime.date] | npt.ArrayLike) -> DayArray:
    """Dates as datetime64[D]; ``date``/``datetime`` objects, ISO strings and datetime64 accepted."""
    try:
        arr = np.asarray(dates)
    except (TypeError, ValueError) as err:
        raise NonalignedError(f"dates cannot be read as an array: {err}") from err
    if arr.ndim != 1:
        raise NonalignedError(f"dates must be one-dimensional, not of shape {arr.shape}")
    if arr.size == 0:
        return np.array([], dtype="datetime64[D]")
    if arr.dtype.kind == "M":
        days = arr.astype("datetime64[D]")
    elif arr.dtype.kind in "OUS":
        try:
            # via microseconds: numpy refuses to cast a datetime with a time straight to days
            days = np.array(arr, dtype="datetime64[us]").astype("datetime64[D]")
        except (TypeError, ValueError) as err:
            raise NonalignedError(
                f"dates must be datetime.date objects or datetime64 values: {err}"
            ) from err
    else:
        raise NonalignedError(
            f"dates must be datetime.date objects or datetime64 values, not {arr.dtype} "
            "(for a yearly series pass datetime.date(year, 1, 1))"
        )
    if np.isnat(days).any():
        raise NonalignedError(
            f"dates has a missing value (NaT) at position {int(np.isnat(days).argmax())}"
        )
    return days


def _floats(values: npt.ArrayLike) -> FloatArray:
    """Values as float64 (NaN kept); strings, complex numbers and infinities are refused."""
    try:
        arr = np.asarray(values)
    except (TypeError, ValueError) as err:
        raise NonalignedError(f"values cannot be read as an array: {err}") from err
    if arr.ndim != 1:
        raise NonalignedError(f"values must be one-dimensional, not of shape {arr.shape}")
    if arr.size == 0:
        return np.array([], dtype=np.float64)
    if arr.dtype.kind == "O":
        # pandas nullable columns arrive as objects holding pd.NA; numbers and missing markers only
        for i, v in enumerate(arr):
            if not (v is None or v is pd.NA or isinstance(v, numbers.Real)):
                raise NonalignedError(f"values must be numeric; position {i} holds {v!r}")
        return np.array([np.nan if v is None or v is pd.NA else float(v) for v in arr])
    if arr.dtype.kind not in "biuf":
        raise NonalignedError(f"values must be numeric, not {arr.dtype}")
    out = arr.astype(np.float64)
    if np.isinf(out).any():
        raise NonalignedError(
            f"values must be finite or NaN; position {int(np.isinf(out).argmax())} is infinite"
        )
    return out


def _series(
    dates: Sequence[datetime.date] | npt.ArrayLike, values: npt.ArrayLike, *, sorted_: bool
) -> tuple[DayArray, FloatArray, IntArray]:
    """Validated (days, values) with NaN values dropped, and the input positions kept."""
    days = _days(dates)
    x = _floats(values)
    if len(days) != len(x):
        raise NonalignedError(
            f"dates and values differ in length: {len(days)} dates, {len(x)} values"
        )
    if sorted_ and len(days) > 1:
        back = np.flatnonzero(days[1:] < days[:-1])
        if len(back):
            i = int(back[0]) + 1
            raise NonalignedError(
                f"dates must be sorted ascending; position {i} ({days[i]}) comes before "
                f"position {i - 1} ({days[i - 1]})"
            )
    keep = np.flatnonzero(~np.isnan(x)).astype(np.int64)
    return days[keep], x[keep], keep


def _int_arg(name: str, value: object, minimum: int) -> int:
    """An integer argument of at least ``minimum``; bools and floats are mistakes, not counts."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise NonalignedError(f"{name} must be an integer of at least {minimum}, not {value!r}")
    return int(value)


def _block_ids(days: DayArray, block: int | None) -> IntArray:
    """Block number of each observation of a segment: 0, 0, 1, 1, 1, 2, ... (non-decreasing)."""
    if block is None:
        years = days.astype("datetime64[Y]").astype(np.int64)
        ids = np.zeros(len(years), dtype=np.int64)
        ids[1:] = np.cumsum(years[1:] != years[:-1])
        return ids
    return np.arange(len(days), dtype=np.int64) // block


def _profile(x: FloatArray) -> FloatArray:
    """D_k^2 for k = 1..m-1: the drop in residual sum of squares from splitting after k values."""
    m = len(x)
    s = np.cumsum(x - x.mean())[:-1]
    k = np.arange(1, m, dtype=np.float64)
    return np.asarray(s * s * (m / (k * (m - k))), dtype=np.float64)


@dataclass(frozen=True)
class _Split:
    k: int  # values left of the split, within the segment
    p_value: float
    score: float  # max D_k^2 over the total sum of squares: breaks ties between p-values


def _test(
    x: FloatArray,
    ids: IntArray,
    *,
    min_size: int,
    alpha: float,
    n_permutations: int,
    rng: np.random.Generator,
) -> _Split | None:
    """Best split of a segment and its block-permutation p-value; None if it is not significant.

    Shuffles are drawn in batches and the test stops as soon as more shuffles beat the observed
    statistic than a significant result allows: the decision is the one all ``n_permutations``
    would give, and segments without a shift (most of them) cost one small batch.
    """
    m = len(x)
    if np.ptp(x) == 0:  # a constant segment has nothing to split
        return None
    xc = x - x.mean()
    tss = float(xc @ xc)
    lo, hi = min_size, m - min_size  # admissible k: at least min_size values each side
    prof = _profile(x)[lo - 1 : hi]
    k_best = int(prof.argmax()) + lo
    observed = float(prof.max())
    if observed <= _TIE * tss:
        return None
    weights = m / (np.arange(lo, hi + 1, dtype=np.float64) * (m - np.arange(lo, hi + 1)))
    threshold = observed * (1.0 - _TIE)
    allowed = math.floor(alpha * (n_permutations + 1) - 1 + 1e-9)  # exceedances still significant

    n_blocks = int(ids[-1]) + 1
    lengths = np.bincount(ids, minlength=n_blocks)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    offsets = np.arange(m) - starts[ids]
    chunk = max(1, _CHUNK_ELEMENTS // m)

    exceed = 0
    done = 0
    while done < n_permutations:
        c = min(n_permutations - done, _FIRST_CHUNK if done == 0 else chunk)
        if n_blocks == m:  # single observations: shuffle each row in place
            shuffled = rng.permuted(np.broadcast_to(xc, (c, m)), axis=1)
        else:
            order = rng.permuted(np.broadcast_to(np.arange(n_blocks), (c, n_blocks)), axis=1)
            placed = lengths[order]
            new_start = np.empty((c, n_blocks), dtype=np.int64)
            np.put_along_axis(new_start, order, np.cumsum(placed, axis=1) - placed, axis=1)
            shuffled = np.empty((c, m), dtype=np.float64)
            np.put_along_axis(
                shuffled, new_start[:, ids] + offsets, np.broadcast_to(xc, (c, m)), axis=1
            )
        np.cumsum(shuffled, axis=1, out=shuffled)
        cusum = shuffled[:, lo - 1 : hi]
        np.square(cusum, out=cusum)
        cusum *= weights
        exceed += int(np.count_nonzero(cusum.max(axis=1) >= threshold))
        done += c
        if exceed > allowed:
            return None
    p_value = (1 + exceed) / (1 + n_permutations)
    return _Split(k_best, p_value, observed / tss)


def _critical(alpha: float) -> float:
    """Critical value of the break-date likelihood ratio at level alpha (Hansen 2000, eq. 14)."""
    return -2.0 * math.log(1.0 - math.sqrt(1.0 - alpha))


def _date_set(x: FloatArray, ids: IntArray, k: int, alpha: float) -> tuple[int, int]:
    """(first, last) plausible k in a window x with its estimated split at k; see the docstring."""
    m = len(x)
    prof = _profile(x)
    resid = x.copy()
    resid[:k] -= x[:k].mean()
    resid[k:] -= x[k:].mean()
    block_sums = np.bincount(ids, weights=resid)
    omega2 = float(block_sums @ block_sums) / m
    best = float(prof.max())
    if omega2 <= _TIE * float(resid @ resid) or omega2 <= 0.0:
        plausible = np.flatnonzero(prof >= best * (1.0 - _TIE)) + 1
    else:
        plausible = np.flatnonzero((best - prof) / omega2 <= _critical(alpha)) + 1
    return min(int(plausible.min()), k), max(int(plausible.max()), k)


def _as_date(day: np.datetime64) -> datetime.date:
    out = day.astype("datetime64[D]").astype(object)
    assert isinstance(out, datetime.date)
    return out


def detect(
    dates: Sequence[datetime.date] | npt.ArrayLike,
    values: npt.ArrayLike,
    *,
    min_size: int = 10,
    alpha: float = 0.01,
    max_changes: int = 5,
    n_permutations: int = 999,
    block: int | None = None,
    seed: int = 0,
) -> list[ChangePoint]:
    """Dates where the mean of a dated series shifts significantly, sorted by date.

    ``dates`` must be sorted ascending (ties allowed: several roll calls a day); ``values`` are
    numbers, and NaN (or None) values are dropped, with their dates, before anything else, so a
    segment's ``min_size`` counts values actually observed, while ``ChangePoint.index`` is a
    position in the input as given. ``block=None`` shuffles whole calendar years (UN sessions);
    ``block=k`` fixed runs of k observations. The result depends only on the data and ``seed``.
    Fewer than ``2 * min_size`` values give ``[]``: no split could leave two segments. See the
    module docstring for the method and how to read p-values and date sets.
    """
    min_size = _int_arg("min_size", min_size, 1)
    max_changes = _int_arg("max_changes", max_changes, 0)
    n_permutations = _int_arg("n_permutations", n_permutations, 1)
    seed = _int_arg("seed", seed, 0)
    if block is not None:
        block = _int_arg("block", block, 1)
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not 0 < alpha < 1:
        raise NonalignedError(f"alpha must be a number strictly between 0 and 1, not {alpha!r}")
    alpha = float(alpha)
    if (1 / (n_permutations + 1)) > alpha:
        raise NonalignedError(
            f"n_permutations={n_permutations} cannot give a p-value as small as alpha={alpha}: "
            f"use at least {math.ceil(1 / alpha) - 1} permutations"
        )
    days, x, positions = _series(dates, values, sorted_=True)
    n = len(x)
    if n < 2 * min_size or max_changes == 0:
        return []
    ids = _block_ids(days, block)

    def local_ids(start: int, end: int) -> IntArray:
        seg = ids[start:end]
        return seg - seg[0] if block is None else np.arange(end - start, dtype=np.int64) // block

    tested: dict[tuple[int, int], _Split | None] = {}
    segments = [(0, n)]
    cuts: dict[int, float] = {}  # absolute position -> p-value
    while len(cuts) < max_changes:
        for seg in segments:
            start, end = seg
            if seg not in tested:
                tested[seg] = (
                    None
                    if end - start < 2 * min_size
                    else _test(
                        x[start:end],
                        local_ids(start, end),
                        min_size=min_size,
                        alpha=alpha,
                        n_permutations=n_permutations,
                        # each segment's shuffles depend on the seed and the segment alone
                        rng=np.random.default_rng([seed, start, end]),
                    )
                )
        found = [(split, seg) for seg in segments if (split := tested[seg]) is not None]
        if not found:
            break
        split, (start, end) = min(found, key=lambda f: (f[0].p_value, -f[0].score))
        cut = start + split.k
        cuts[cut] = split.p_value
        segments.remove((start, end))
        segments += [(start, cut), (cut, end)]

    ordered = sorted(cuts)
    bounds = [0, *ordered, n]
    out = []
    for j, cut in enumerate(ordered):
        a, b = bounds[j], bounds[j + 2]
        before = float(x[a:cut].mean())
        after = float(x[cut:b].mean())
        first, last = _date_set(x[a:b], local_ids(a, b), cut - a, alpha)
        out.append(
            ChangePoint(
                index=int(positions[cut]),
                date=_as_date(days[cut]),
                before=before,
                after=after,
                shift=after - before,
                p_value=cuts[cut],
                low=_as_date(days[a + first]),
                high=_as_date(days[a + last]),
            )
        )
    return out


def yearly(dates: Sequence[datetime.date] | npt.ArrayLike, values: npt.ArrayLike) -> pd.DataFrame:
    """Mean of a dated series per calendar year: columns year, mean, n, se; NaN values dropped.

    For presenting a roll-call series next to its change points. ``se`` is the naive standard
    error sd / sqrt(n) (NaN for a single value): roll calls within a session are dependent, so it
    understates the uncertainty; it shows which years rest on few votes, not a test.
    """
    days, x, _ = _series(dates, values, sorted_=False)
    frame = pd.DataFrame({"year": days.astype("datetime64[Y]").astype(np.int64) + 1970, "x": x})
    grouped = frame.groupby("year", sort=True)["x"]
    out = pd.DataFrame(
        {
            "mean": grouped.mean(),
            "n": grouped.size().astype(np.int64),
            "sd": grouped.std(ddof=1),
        }
    )
    out["se"] = out["sd"] / np.sqrt(out["n"])
    out = out.drop(columns="sd").reset_index()
    return out.astype({"year": np.int64, "mean": np.float64, "n": np.int64, "se": np.float64})
