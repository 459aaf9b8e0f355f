"""Vote-based series over time for one state: S and ideal-point distance to each pole per year,
and the balance index per year, each with an interval, plus change points in the balance.

Why a module of its own: :mod:`alignment` measures a period as a whole (one lean, one balance, one
interval) and gives yearly point values only. An analyst reading a chart of the years needs to see
which year-to-year moves are larger than the noise of that year's agenda, so every yearly value
here carries an interval, computed the same way as the period's:

* **S per year**: the Signorino-Ritter S of the state with each pole over the roll calls of that
  year both voted on, with a percentile bootstrap over roll calls *within the year* (one set of
  resampling weights per replicate shared by every pole, so the balance of a replicate is
  computed from that replicate's S values). All replicates of all years are a few matrix
  products: no Python loop over replicates.
* **balance per year**: 1 - (max_k c_k - min_k c_k), c_k = (S_k + 1) / 2, over the balance poles,
  from the same replicates. The bootstrap distribution of a max minus a min is biased (noise
  widens the spread), so in years whose poles are close the percentile interval may sit slightly
  below the point; that is reported, not hidden.
* **ideal-point distance per year**: |x_state - x_pole|, x_pole the state's own ideal point or, for
  a bloc, the median of its members' on 1 July. Its interval is simulated: each state-year's
  position is drawn from a normal with the standard deviation implied by its stored interval
  ((hi - lo) / 3.92: Laplace errors, or bootstrap ones when the store holds them), the bloc median
  is taken per draw, and the distance's percentiles reported. Laplace errors ignore the
  uncertainty of the roll-call parameters, so these intervals are too narrow, never too wide.
* **balance change points**: :func:`changepoints.detect` on the yearly balance (one value per year,
  so a plain permutation test), leaving out years with fewer than ``min_votes`` roll calls (a
  partial session would otherwise look like a shift).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..dates import parse_date
from ..records.api import MIN_ROLLCALLS, Records
from ..records.countries import State
from . import changepoints
from .alignment import Alignment, measure, period_votes
from .api import Measures
from .poles import Pole, member_spans, pole_votes

FloatArray = npt.NDArray[np.float64]

SIMILARITY_COLUMNS = [
    "year",
    "pole",
    "label",
    "n",
    "s",
    "s_lo",
    "s_hi",
    "ip_distance",
    "ip_lo",
    "ip_hi",
    "thin",
]
# `thin`: fewer than MIN_ROLLCALLS roll calls that year - shown, flagged, never a headline
BALANCE_COLUMNS = ["year", "value", "lo", "hi", "n", "thin"]
SHIFT_COLUMNS = ["pole", "date", "date_low", "date_high", "before", "after", "shift", "p_value"]


@dataclass
class VoteSeries:
    """The period's :class:`Alignment` and the yearly series with intervals behind the charts."""

    alignment: Alignment
    similarity: pd.DataFrame  # SIMILARITY_COLUMNS: one row per year and pole
    balance: pd.DataFrame  # BALANCE_COLUMNS: one row per year
    balance_shifts: pd.DataFrame  # SHIFT_COLUMNS, pole = "balance"
    level: float = 0.95


def _quantiles(x: FloatArray, level: float) -> tuple[FloatArray, FloatArray]:
    """Column-wise percentile interval of ``x`` (replicates x k), ignoring NaN without warnings."""
    lo_q, hi_q = (1 - level) / 2, 1 - (1 - level) / 2
    lo = np.full(x.shape[1], np.nan)
    hi = np.full(x.shape[1], np.nan)
    for j in range(x.shape[1]):
        col = x[:, j]
        col = col[~np.isnan(col)]
        if col.size:
            lo[j], hi[j] = np.quantile(col, lo_q), np.quantile(col, hi_q)
    return lo, hi


def yearly_similarity(
    own: pd.Series,
    poles: dict[str, pd.Series],
    years: pd.Series,
    balance_poles: list[str],
    *,
    replicates: int = 200,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """S per year and pole and the balance per year, with bootstrap intervals within years.

    ``own``: the state's yes(1)/abstain(2)/no(3) by rcid; ``poles``: each pole's vote by rcid
    (roll calls it did not vote on absent or NaN); ``years``: the year of each rcid. Returns
    (year, pole, n, s, s_lo, s_hi) and (year, value, lo, hi, n).
    """
    codes = list(poles)
    rcids = own.index.to_numpy()
    a = own.to_numpy(dtype=float)
    b = np.stack([poles[c].reindex(rcids).to_numpy(dtype=float) for c in codes]) if codes else None
    yr = years.reindex(rcids).to_numpy()
    rng = np.random.default_rng(seed)
    s_rows: list[dict[str, object]] = []
    b_rows: list[dict[str, object]] = []
    bal_idx = [codes.index(c) for c in balance_poles if c in codes]
    for y in np.unique(yr):
        sel = np.flatnonzero(yr == y)
        n_y = len(sel)
        w = rng.multinomial(n_y, np.full(n_y, 1.0 / n_y), size=replicates).astype(float)
        w = np.vstack([np.ones(n_y), w])  # row 0: the point estimate
        if b is None:
            continue
        by = b[:, sel]
        ok = ~np.isnan(by)
        agree = np.where(ok, 1.0 - np.abs(a[sel][None, :] - np.nan_to_num(by)) / 2.0, 0.0)
        num = w @ agree.T  # (replicates + 1) x poles
        den = w @ ok.T.astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            s = np.where(den > 0, 2.0 * num / den - 1.0, np.nan)
        lo, hi = _quantiles(s[1:], level)
        for j, c in enumerate(codes):
            s_rows.append(
                {
                    "year": int(y),
                    "pole": c,
                    "n": int(ok[j].sum()),
                    "s": s[0, j],
                    "s_lo": lo[j],
                    "s_hi": hi[j],
                }
            )
        if len(bal_idx) >= 2:
            close = (s[:, bal_idx] + 1.0) / 2.0
            spread = close.max(axis=1) - close.min(axis=1)  # NaN if a pole is missing
            bal = 1.0 - spread
            blo, bhi = _quantiles(bal[1:, None], level)
            b_rows.append(
                {
                    "year": int(y),
                    "value": bal[0],
                    "lo": blo[0],
                    "hi": bhi[0],
                    "n": int(n_y),
                    "thin": n_y < MIN_ROLLCALLS,
                }
            )
    return (
        pd.DataFrame(s_rows, columns=["year", "pole", "n", "s", "s_lo", "s_hi"]),
        pd.DataFrame(b_rows, columns=BALANCE_COLUMNS),
    )


def _pole_members(rec: Records, pole: Pole, ip: pd.DataFrame, exclude: int) -> pd.DataFrame:
    """Ideal-point rows (cow, year, idealpoint, sd) that make up the pole's position each year."""
    if not pole.is_bloc:
        rows = ip[ip["cow"] == pole.cow]
    else:
        spans = member_spans(rec, str(pole.bloc))
        spans = spans[spans["cow"] != exclude]
        m = ip.merge(spans, on="cow")
        mid = pd.to_datetime(m["year"].astype(str) + "-07-01")
        rows = m[(mid >= pd.to_datetime(m["start"])) & (mid < pd.to_datetime(m["end"]))]
    return rows[["cow", "year", "idealpoint", "sd"]]


def yearly_distance(
    rec: Records,
    state: State,
    poles: list[Pole],
    idealpoints: pd.DataFrame,
    years: list[int],
    *,
    draws: int = 200,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Ideal-point distance of ``state`` to each pole per year, with simulated intervals.

    Returns year, pole, ip_distance, ip_lo, ip_hi (NaN where either side has no estimate).
    """
    ip = idealpoints.copy()
    if ip.empty:
        return pd.DataFrame(columns=["year", "pole", "ip_distance", "ip_lo", "ip_hi"])
    ip["sd"] = ((ip["hi"] - ip["lo"]) / (2 * 1.959964)).fillna(0.0).clip(lower=0.0)
    own_rows = ip[ip["cow"] == state.cow]
    mine = {
        int(y): (float(x), float(sd))
        for y, x, sd in zip(own_rows["year"], own_rows["idealpoint"], own_rows["sd"], strict=True)
    }
    rng = np.random.default_rng(seed)
    rows: list[dict[str, object]] = []
    for p in poles:
        members = _pole_members(rec, p, ip, state.cow)
        by_year = {int(str(y)): g for y, g in members.groupby("year")}
        for y in years:
            row: dict[str, object] = {
                "year": y,
                "pole": p.code,
                "ip_distance": np.nan,
                "ip_lo": np.nan,
                "ip_hi": np.nan,
            }
            g = by_year.get(y)
            if y in mine and g is not None and len(g):
                x0, sd0 = mine[y]
                pts = g["idealpoint"].to_numpy(dtype=float)
                sds = g["sd"].to_numpy(dtype=float)
                pole_pt = float(np.median(pts))
                own = x0 + sd0 * rng.standard_normal(draws)
                sim = pts[None, :] + sds[None, :] * rng.standard_normal((draws, len(pts)))
                dist = np.abs(own - np.median(sim, axis=1))
                lo, hi = _quantiles(dist[:, None], level)
                row.update(ip_distance=abs(x0 - pole_pt), ip_lo=lo[0], ip_hi=hi[0])
            rows.append(row)
    return pd.DataFrame(rows, columns=["year", "pole", "ip_distance", "ip_lo", "ip_hi"])


def balance_shifts(
    balance: pd.DataFrame, *, min_votes: int = 20, min_size: int = 3
) -> pd.DataFrame:
    """Change points in the yearly balance (years with fewer than ``min_votes`` roll calls left out).

    Each year is dated 1 January, so a change point's date is the first year of the new level.
    """
    use = balance[(balance["n"] >= min_votes) & balance["value"].notna()].sort_values("year")
    if len(use) < 2 * min_size:
        return pd.DataFrame(columns=SHIFT_COLUMNS)
    days = [date(int(y), 1, 1) for y in use["year"]]
    found = changepoints.detect(days, use["value"].to_numpy(dtype=float), min_size=min_size)
    return pd.DataFrame(
        [
            {
                "pole": "balance",
                "date": cp.date,
                "date_low": cp.low,
                "date_high": cp.high,
                "before": cp.before,
                "after": cp.after,
                "shift": cp.shift,
                "p_value": cp.p_value,
            }
            for cp in found
        ],
        columns=SHIFT_COLUMNS,
    )


def vote_series(
    measures: Measures,
    country: str | int | State,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    poles: list[str] | None = None,
    balance_poles: list[str] | None = None,
    replicates: int = 200,
    level: float = 0.95,
    seed: int = 0,
    votes: pd.DataFrame | None = None,
    with_predecessor: bool = False,
) -> VoteSeries:
    """The period's alignment plus yearly S, distance and balance with intervals for one state.

    A successor sharing its predecessor's code (Serbia) is measured from its own first day
    unless ``with_predecessor`` (see :class:`~nonaligned.records.api.Succession`).

    The period's votes are read once and shared by :func:`alignment.measure` and the yearly
    series, so both rest on exactly the same roll calls. Raises :class:`NonalignedError` (via
    the measures layer) for an unknown country or pole, a malformed date or an empty period.
    """
    rec = measures.rec
    s_day = parse_date(since, what="--since date")
    u_day = parse_date(until, end=True, what="--until date")
    state = country if isinstance(country, State) else rec.country(country, on=u_day)
    rec._rollcall_filter(s_day, u_day, None, None)  # checks since <= until
    start = rec.own_since(state, s_day, with_predecessor)
    if start is not None and start != s_day:
        s_day = start
        if votes is not None:
            votes = votes[pd.to_datetime(votes["date"]) >= pd.Timestamp(s_day)]
    if votes is None:
        votes = period_votes(rec, s_day, u_day)
    ip = measures.idealpoints()
    al = measure(
        rec,
        state,
        since=s_day,
        until=u_day,
        poles=poles,
        balance_poles=balance_poles,
        idealpoints=ip,
        votes=votes,
        replicates=replicates,
        level=level,
        seed=seed,
        strict_poles=True,
        with_predecessor=with_predecessor,
    )
    cast = votes[(votes["cow"] == state.cow) & votes["vote"].isin([1, 2, 3])]
    own = cast.set_index("rcid")["vote"].astype(float)
    rc_years = votes.drop_duplicates("rcid").set_index("rcid")["year"]
    pv = {p.code: pole_votes(rec, p, votes, exclude=state.cow) for p in al.poles}
    sim, bal = yearly_similarity(
        own, pv, rc_years, al.balance_poles, replicates=replicates, level=level, seed=seed
    )
    years = sorted(int(y) for y in sim["year"].unique())
    dist = yearly_distance(rec, state, al.poles, ip, years, level=level, seed=seed)
    labels = {p.code: p.label for p in al.poles}
    sim = sim.merge(dist, on=["year", "pole"], how="left")
    sim.insert(2, "label", sim["pole"].map(labels))
    sim["thin"] = sim["n"] < MIN_ROLLCALLS
    sim = sim[SIMILARITY_COLUMNS].sort_values(["pole", "year"]).reset_index(drop=True)
    return VoteSeries(al, sim, bal, balance_shifts(bal), level)


__all__ = [
    "MIN_ROLLCALLS",
    "VoteSeries",
    "balance_shifts",
    "vote_series",
    "yearly_distance",
    "yearly_similarity",
]
