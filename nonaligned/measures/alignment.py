"""Lean toward each pole, the balance index, their uncertainty, and the dates of shifts.

For a state and a period:

* **lean** toward a pole = similarity of their UN votes over the roll calls both voted on
  (agreement, S, kappa, pi; see :mod:`similarity`), and the mean distance between their ideal
  points over the period's years;
* **balance index** in [0, 1] over the poles that matter (default: United States, EU, Russia,
  China): with closeness c_k = (S_k + 1) / 2 in [0, 1] to each pole,

      balance = 1 - (max_k c_k - min_k c_k)

  1 when the state is exactly as close to every pole (equidistant), 0 when it votes exactly as one
  pole and exactly against another (fully inside one camp). It reads directly: a balance of 0.7
  means the closest and the farthest pole differ by 0.3 in closeness;
* **intervals**: percentile bootstrap over roll calls (the unit of evidence), all measures and
  the balance from the same replicates, so they stay consistent;
* **shifts**: change points in the roll-call-by-roll-call agreement with each pole
  (:mod:`changepoints`), with the date the new level starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..errors import NonalignedError
from ..records.api import MIN_ROLLCALLS, Records
from ..records.countries import State
from . import changepoints
from .poles import Pole, pole_positions, pole_votes, validate_poles

FloatArray = npt.NDArray[np.float64]


@dataclass
class Alignment:
    """Everything measured for one state and period."""

    state: State
    since: date | None
    until: date | None
    poles: list[Pole]
    balance_poles: list[str]
    lean: pd.DataFrame  # one row per pole
    balance: dict[str, float]
    yearly: pd.DataFrame  # year x (S per pole, balance, idealpoint)
    shifts: pd.DataFrame  # change points per pole
    notes: list[str] = field(default_factory=list)


def period_votes(
    rec: Records, since: date | None, until: date | None, issue: str | None = None
) -> pd.DataFrame:
    """All recorded yes/abstain/no/absent votes in the period: rcid, cow, vote, date, year."""
    where, params = rec._rollcall_filter(since, until, issue, None)
    return rec.store.query(
        f"""SELECT v.rcid, v.cow, v.vote, r.date, r.year
            FROM votes v JOIN rollcalls r USING (rcid)
            WHERE {where} AND v.vote IN (1, 2, 3, 8) ORDER BY r.date, v.rcid""",
        params,
    )


def _weighted_similarity(a: FloatArray, b: FloatArray, w: FloatArray) -> dict[str, FloatArray]:
    """agree, S, kappa, pi for one pair over weighted roll calls; ``w`` is (replicates x n)."""
    ia = [(a == k).astype(float) for k in (1, 2, 3)]
    ib = [(b == k).astype(float) for k in (1, 2, 3)]
    n = w.sum(axis=1)
    cnt = np.stack([np.stack([w @ (ia[k] * ib[l_]) for l_ in range(3)], -1) for k in range(3)], -2)
    d = np.abs(np.subtract.outer(np.arange(3), np.arange(3))).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = cnt / n[:, None, None]
        d_obs = (p * d).sum(axis=(1, 2))
        pa, pb = p.sum(axis=2), p.sum(axis=1)
        e_kappa = np.einsum("rk,rl,kl->r", pa, pb, d)
        pooled = (pa + pb) / 2
        e_pi = np.einsum("rk,rl,kl->r", pooled, pooled, d)
        return {
            "agree": np.trace(p, axis1=1, axis2=2),
            "s": 1.0 - d_obs,  # d_max = 2 with absolute distance: 1 - 2*D/2
            "kappa": np.where(e_kappa > 1e-12, 1.0 - d_obs / e_kappa, np.nan),
            "pi": np.where(e_pi > 1e-12, 1.0 - d_obs / e_pi, np.nan),
        }


def _balance(s: dict[str, FloatArray], codes: list[str]) -> FloatArray:
    close = np.stack([(s[c] + 1.0) / 2.0 for c in codes], axis=-1)
    return np.asarray(1.0 - (close.max(axis=-1) - close.min(axis=-1)), dtype=np.float64)


def measure(
    rec: Records,
    country: str | int | State,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    poles: list[str] | tuple[str, ...] | None = None,
    balance_poles: list[str] | tuple[str, ...] | None = None,
    issue: str | None = None,
    idealpoints: pd.DataFrame | None = None,
    replicates: int = 500,
    level: float = 0.95,
    seed: int = 0,
    shifts: bool = True,
    votes: pd.DataFrame | None = None,
    strict_poles: bool = False,
    with_predecessor: bool = False,
) -> Alignment:
    """Lean, balance (with bootstrap intervals), yearly series and shifts for one state.

    A state whose vote code also covers a predecessor the UN did not treat as the same member
    (Serbia: Yugoslavia until 1992) is measured over its own period only, unless
    ``with_predecessor``; the period measured starts at its own first day and a note says so.

    ``strict_poles``: naming the state measured among the poles is an error (for the state a
    user asked about); without it the state is dropped from them (for peers compared on the
    same poles). See :func:`~nonaligned.measures.poles.validate_poles`.
    """
    from ..dates import parse_date

    s_day = parse_date(since, what="--since date")
    u_day = parse_date(until, end=True, what="--until date")
    state = country if isinstance(country, State) else rec.country(country, on=u_day)
    # a state is not its own pole; an unknown pole or a balance pole not measured is an error
    plist, bal = validate_poles(rec, state, poles, balance_poles, strict=strict_poles)
    if votes is None:  # callers comparing several states pass the period's votes once
        votes = period_votes(rec, s_day, u_day, issue)
    mine = votes[votes["cow"] == state.cow]
    notes: list[str] = []
    succ = rec.succession(state)
    if succ is not None and with_predecessor:
        notes.append(
            f"{state.name}: the votes of {succ.predecessor} before {succ.own_from} are included "
            "(--with-predecessor); they are not this state's own"
        )
    elif succ is not None and rec.own_since(state, s_day) == succ.own_from:
        s_day = succ.own_from
        mine = mine[pd.to_datetime(mine["date"]) >= pd.Timestamp(succ.own_from)]
        notes.append(f"{state.name}: votes {succ.describe()}")
    for g_from, g_to, why in succ.gaps if succ is not None else ():
        notes.append(f"{state.name}: no votes {g_from} to {g_to}, {why}")
    period = _describe(s_day, u_day)
    if votes.empty:
        raise NonalignedError(f"no UN General Assembly roll calls {period}: nothing to measure")
    cast = mine[mine["vote"].isin([1, 2, 3])]
    if cast.empty:
        raise NonalignedError(
            f"{state.name} cast no yes/abstain/no vote {period} "
            f"({len(mine)} absences recorded): nothing to measure"
        )
    own = cast.set_index("rcid")["vote"].astype(float)
    rc_dates = votes.drop_duplicates("rcid").set_index("rcid")["date"]
    rc_years = votes.drop_duplicates("rcid").set_index("rcid")["year"]
    rcids = own.index.to_numpy()
    rng = np.random.default_rng(seed)
    w = rng.multinomial(len(rcids), np.full(len(rcids), 1 / len(rcids)), size=replicates).astype(
        float
    )
    w = np.vstack([np.ones(len(rcids)), w])  # row 0 = the point estimate
    a: FloatArray = np.asarray(own.to_numpy(), dtype=np.float64)
    sims: dict[str, dict[str, FloatArray]] = {}
    rows = []
    pole_series: dict[str, pd.Series] = {}
    for p in plist:
        pv = pole_votes(rec, p, votes, exclude=state.cow).reindex(rcids)
        b = pv.to_numpy()
        ok = ~np.isnan(b)
        sim = _weighted_similarity(a[ok], b[ok], w[:, ok])
        sims[p.code] = sim
        pole_series[p.code] = pd.Series(1.0 - np.abs(a[ok] - b[ok]) / 2.0, index=rcids[ok])
        lo_q, hi_q = (1 - level) / 2, 1 - (1 - level) / 2
        rows.append(
            {
                "pole": p.code,
                "label": p.label,
                "n": int(ok.sum()),
                "agree": sim["agree"][0],
                "s": sim["s"][0],
                "s_lo": np.nanquantile(sim["s"][1:], lo_q) if ok.any() else np.nan,
                "s_hi": np.nanquantile(sim["s"][1:], hi_q) if ok.any() else np.nan,
                "kappa": sim["kappa"][0],
                "kappa_lo": _q(sim["kappa"][1:], lo_q),
                "kappa_hi": _q(sim["kappa"][1:], hi_q),
                "pi": sim["pi"][0],
            }
        )
    lean = pd.DataFrame(rows)
    if idealpoints is not None and not idealpoints.empty:
        lean = _add_distances(rec, lean, plist, state, idealpoints, s_day, u_day)
    balance: dict[str, float] = {"value": float("nan"), "lo": float("nan"), "hi": float("nan")}
    if len(bal) >= 2 and all(sims[c]["s"].size for c in bal):
        b_all = _balance({c: sims[c]["s"] for c in bal}, bal)
        balance = {
            "value": float(b_all[0]),
            "lo": _q(b_all[1:], (1 - level) / 2),
            "hi": _q(b_all[1:], 1 - (1 - level) / 2),
            "replicates": float(replicates),
        }
    else:
        notes.append("balance needs at least two of its poles among the chosen poles")
    yearly = _yearly(a, rcids, rc_years, pole_series, plist, bal)
    if idealpoints is not None and not idealpoints.empty:
        ip = idealpoints[idealpoints["cow"] == state.cow].set_index("year")["idealpoint"]
        yearly["idealpoint"] = yearly["year"].map(ip)
    shift_df = _shifts(pole_series, rc_dates) if shifts else pd.DataFrame()
    return Alignment(state, s_day, u_day, plist, bal, lean, balance, yearly, shift_df, notes)


def _q(x: FloatArray, q: float) -> float:
    x = x[~np.isnan(x)]
    return float(np.quantile(x, q)) if x.size else float("nan")


def _describe(since: date | None, until: date | None) -> str:
    if since and until:
        return f"between {since} and {until}"
    if since:
        return f"since {since}"
    if until:
        return f"until {until}"
    return "in the whole record"


def _add_distances(
    rec: Records,
    lean: pd.DataFrame,
    plist: list[Pole],
    state: State,
    ip: pd.DataFrame,
    since: date | None,
    until: date | None,
) -> pd.DataFrame:
    mine = ip[ip["cow"] == state.cow].set_index("year")["idealpoint"]
    if since:
        mine = mine[mine.index >= since.year]
    if until:
        mine = mine[mine.index <= until.year]
    dist = []
    for p in plist:
        pos = pole_positions(rec, p, ip, exclude=state.cow).reindex(mine.index)
        gap = (mine - pos).abs().dropna()
        dist.append(float(gap.mean()) if len(gap) else float("nan"))
    lean = lean.copy()
    lean["ip_distance"] = dist
    return lean


def _yearly(
    a: FloatArray,
    rcids: npt.NDArray[np.int64],
    rc_years: pd.Series,
    series: dict[str, pd.Series],
    plist: list[Pole],
    bal: list[str],
) -> pd.DataFrame:
    years = rc_years.reindex(rcids).to_numpy()
    frame = pd.DataFrame({"year": np.unique(years)})
    s_cols = {}
    for p in plist:
        ser = series[p.code]  # agreement per roll call in [0, 1]
        by = pd.Series(ser.to_numpy(), index=rc_years.reindex(ser.index).to_numpy())
        s_cols[p.code] = (2 * by.groupby(level=0).mean() - 1).rename(p.code)  # S = 2*agree' - 1
        frame[f"s_{p.code}"] = frame["year"].map(s_cols[p.code])
    if len(bal) >= 2:
        close = np.stack([(frame[f"s_{c}"].to_numpy() + 1) / 2 for c in bal], -1)
        frame["balance"] = 1 - (np.nanmax(close, -1) - np.nanmin(close, -1))
    n = pd.Series(years).value_counts()
    frame["n_votes"] = frame["year"].map(n)
    # a year with too few roll calls supports no figure: flagged for tables, charts and JSON
    frame["thin"] = frame["n_votes"] < MIN_ROLLCALLS
    return frame


def _shifts(series: dict[str, pd.Series], rc_dates: pd.Series) -> pd.DataFrame:
    rows = []
    for code, ser in series.items():
        if len(ser) < 20:
            continue
        d = pd.to_datetime(rc_dates.reindex(ser.index)).to_numpy()
        order = np.argsort(d, kind="stable")
        found = changepoints.detect(d[order], ser.to_numpy()[order], min_size=15)
        for cp in found:
            rows.append(
                {
                    "pole": code,
                    "date": cp.date,
                    "date_low": cp.low,
                    "date_high": cp.high,
                    "s_before": 2 * cp.before - 1,
                    "s_after": 2 * cp.after - 1,
                    "shift": 2 * cp.shift,
                    "p_value": cp.p_value,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "pole",
            "date",
            "date_low",
            "date_high",
            "s_before",
            "s_after",
            "shift",
            "p_value",
        ],
    )
