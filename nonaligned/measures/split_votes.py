"""The split-vote measure: whom a state sides with when two poles disagree.

A balance index built on similarity (:mod:`alignment`) mixes two things: how a state votes where
the poles agree, and where they do not. Because the General Assembly majority votes against the
United States on many resolutions, a low similarity to the US mostly says "votes with the
majority". This measure looks only at the roll calls that tell the poles apart and counts, in
plain shares, what the state did on them:

    "On the 872 votes since 2015 on which the US and Russia voted differently and Azerbaijan was
    recorded (of 903 such roll calls), it voted with Russia 69 %, with the US 9 %, abstained or
    was absent 13 % (and voted another way 9 %)."

Definitions, for a state and two poles A and B (a pole is a state, or a bloc's median member as in
:mod:`poles`; the measured state is left out of a bloc's median):

* a **split roll call** is one on which both poles cast yes/abstain/no and their votes differ
  (``split="different"``, the default: "voted differently"), or only those on which one voted yes
  and the other no (``split="opposed"``, the strict reading);
* on each split roll call where the state was a member (vote yes 1, abstain 2, no 3, or absent /
  non-voting 8; roll calls before it joined, code 9 or no row, are not counted), the state's vote
  falls in exactly one category:

  - ``with_a`` / ``with_b``: it cast the same vote as pole A / B (an abstention matching an
    abstaining pole counts as siding with it);
  - ``abstain``: it abstained while neither pole did;
  - ``absent``: absent or, on the UN's own records, non-voting (code 8);
  - ``other``: it voted yes or no matching neither pole (possible only when one pole abstained;
    always 0 with ``split="opposed"``).

  ``share_*`` are these counts over ``n``; ``share_abstain_absent`` = abstain + absent, so
  ``share_a + share_b + share_abstain_absent + share_other = 1``;
* ``lean`` = ``share_b - share_a`` in [-1, 1]: positive = sides with B more often than with A. It
  orders states (e.g. US vs Russia) and is what the plain reading's wording bands use;
* **intervals** (95 % by default): Wilson score intervals for each share, and a Wald interval for
  ``lean`` from the multinomial variance (p_a + p_b - (p_a - p_b)^2) / n. Both treat roll calls as
  independent; recurring resolutions make them somewhat narrower than they should be, so read them
  as a lower bound on the uncertainty;
* **thin**: fewer than :data:`MIN_SPLIT_ROLLCALLS` split roll calls on which the state was a member.
  A thin figure is shown and flagged, and no reading or headline is drawn from it;
* the **Assembly baseline** ``assembly_a`` / ``assembly_b``: the same shares over every member
  state's vote on the same roll calls (the two poles' own votes left out). On US-vs-Russia splits
  the average member sides with Russia far more often, because those splits are dominated by
  resolutions the US opposes almost alone; the baseline keeps "Poland votes about as often with
  Russia as with the US" from reading as a pro-Russian policy.

Everything is computed from three queries (the poles' votes, the roll calls' dates, the states'
votes on the split roll calls), whatever the number of states; pandas does the counting.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ..dates import parse_date
from ..errors import NonalignedError
from ..records.api import MIN_ROLLCALLS, Records
from ..records.countries import State
from .poles import Pole, member_spans, pole_votes, resolve_poles

# Fewer split roll calls than this (on which the state was a member) support no figure: the same
# threshold as every other vote figure (records.api.MIN_ROLLCALLS, 10), for the same reason - one
# vote then moves a share by at most 10 points.
MIN_SPLIT_ROLLCALLS = MIN_ROLLCALLS
SPLITS = ("different", "opposed")
DEFAULT_POLES = ("USA", "RUS")
CATEGORIES = ("with_a", "with_b", "abstain", "absent", "other")
COLUMNS = [
    "cow",
    "iso3",
    "name",
    "first_date",
    "last_date",
    "split_rollcalls",
    "n",
    *CATEGORIES,
    "share_a",
    "share_a_lo",
    "share_a_hi",
    "share_b",
    "share_b_lo",
    "share_b_hi",
    "share_abstain_absent",
    "share_abstain_absent_lo",
    "share_abstain_absent_hi",
    "share_other",
    "lean",
    "lean_lo",
    "lean_hi",
    "assembly_a",
    "assembly_b",
    "thin",
]


@dataclass
class SplitVotes:
    """The split-vote measure for one state: the whole period and each calendar year."""

    state: State
    pole_a: Pole
    pole_b: Pole
    since: date | None
    until: date | None
    split: str
    level: float
    min_split: int
    overall: dict[str, Any]  # one row of COLUMNS (without "year")
    yearly: pd.DataFrame  # COLUMNS with "year" after "name", one row per year with a split
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain values for JSON: NaN as None, dates as ISO strings."""
        return {
            "state": {"name": self.state.name, "iso3": self.state.iso3, "cow": self.state.cow},
            "pole_a": {"code": self.pole_a.code, "label": self.pole_a.label},
            "pole_b": {"code": self.pole_b.code, "label": self.pole_b.label},
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "split": self.split,
            "level": self.level,
            "min_split": self.min_split,
            "overall": {k: _plain(v) for k, v in self.overall.items()},
            "yearly": [
                {k: _plain(v) for k, v in row.items()}
                for row in self.yearly.to_dict(orient="records")
            ],
            "notes": self.notes,
        }


def _plain(v: Any) -> Any:
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(float(v)) else float(v)
    if isinstance(v, (pd.Timestamp, date)):
        return v.isoformat()[:10]
    return v


def wilson(k: np.ndarray | float, n: np.ndarray | float, level: float = 0.95) -> tuple[Any, Any]:
    """Wilson score interval for k successes in n trials (NaN where n = 0)."""
    z = _z(level)
    k_arr = np.asarray(k, dtype=np.float64)
    n_arr = np.asarray(n, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k_arr / n_arr
        denom = 1 + z**2 / n_arr
        centre = (p + z**2 / (2 * n_arr)) / denom
        half = z * np.sqrt(p * (1 - p) / n_arr + z**2 / (4 * n_arr**2)) / denom
        lo = np.where(n_arr > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
        hi = np.where(n_arr > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    return lo, hi


def _z(level: float) -> float:
    if not 0 < level < 1:
        raise NonalignedError(f"confidence level must be between 0 and 1, not {level}")
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + level / 2)


def _resolve_pair(rec: Records, pole_a: str, pole_b: str) -> tuple[Pole, Pole]:
    a, b = resolve_poles(rec, [pole_a, pole_b])
    return a, b


def _pole_series(
    rec: Records,
    pole: Pole,
    where: str,
    params: list[Any],
    period: pd.DataFrame | None,
    exclude: int | None,
) -> pd.Series:
    """The pole's yes/abstain/no per roll call of the period (index rcid)."""
    if not pole.is_bloc:
        own = rec.store.query(
            f"""SELECT v.rcid, v.vote FROM votes v JOIN rollcalls r USING (rcid)
                WHERE {where} AND v.cow = ? AND v.vote IN (1, 2, 3)""",
            [*params, pole.cow],
        )
        return own.set_index("rcid")["vote"].astype(float)
    assert period is not None
    return pole_votes(rec, pole, period, exclude=exclude)


def split_rollcalls(a: pd.Series, b: pd.Series, split: str = "different") -> pd.DataFrame:
    """rcid, va, vb for the roll calls on which the two poles' votes split."""
    if split not in SPLITS:
        raise NonalignedError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    both = pd.DataFrame({"va": a, "vb": b}).dropna()
    if split == "different":
        keep = both["va"] != both["vb"]
    else:
        keep = (both["va"] - both["vb"]).abs() == 2
    out = both[keep].astype(np.int8)
    out.index.name = "rcid"
    return out.reset_index()


def categorise(votes: pd.DataFrame) -> pd.DataFrame:
    """Add one indicator column per category to rows with vote, va, vb (see the module doc)."""
    v, va, vb = votes["vote"], votes["va"], votes["vb"]
    out = votes.copy()
    out["with_a"] = v == va
    out["with_b"] = v == vb
    out["absent"] = v == 8
    out["abstain"] = (v == 2) & (va != 2) & (vb != 2)
    out["other"] = v.isin([1, 3]) & (v != va) & (v != vb)
    return out


def _summarise(cats: pd.DataFrame, keys: list[str], level: float, min_split: int) -> pd.DataFrame:
    """Counts, shares, intervals and the thin flag per group of ``keys``."""
    g = cats.groupby(keys, sort=True)
    out = g[list(CATEGORIES)].sum().astype(np.int64)
    out["n"] = g.size()
    out["first_date"] = pd.to_datetime(g["date"].min()).dt.date
    out["last_date"] = pd.to_datetime(g["date"].max()).dt.date
    out = out.reset_index()
    n = out["n"].to_numpy(dtype=np.float64)
    for name, k in (
        ("share_a", out["with_a"]),
        ("share_b", out["with_b"]),
        ("share_abstain_absent", out["abstain"] + out["absent"]),
    ):
        kk = k.to_numpy(dtype=np.float64)
        out[name] = kk / n
        out[f"{name}_lo"], out[f"{name}_hi"] = wilson(kk, n, level)
    out["share_other"] = out["other"] / out["n"]
    pa, pb = out["share_a"], out["share_b"]
    out["lean"] = pb - pa
    se = np.sqrt(np.maximum(pa + pb - (pa - pb) ** 2, 0.0) / out["n"])
    z = _z(level)
    out["lean_lo"] = (out["lean"] - z * se).clip(-1.0, 1.0)
    out["lean_hi"] = (out["lean"] + z * se).clip(-1.0, 1.0)
    out["thin"] = out["n"] < min_split
    return out


def split_votes_table(
    rec: Records,
    countries: Sequence[str | int | State] | None = None,
    pole_a: str = DEFAULT_POLES[0],
    pole_b: str = DEFAULT_POLES[1],
    *,
    since: str | int | date | None = None,
    until: str | int | date | None = None,
    issue: str | None = None,
    by: str | None = None,
    split: str = "different",
    level: float = 0.95,
    min_split: int = MIN_SPLIT_ROLLCALLS,
) -> pd.DataFrame:
    """The split-vote measure for several states (``None``: every state) in one pass.

    One row per state (``by=None``) or per state and calendar year (``by="year"``), with the
    columns of :data:`COLUMNS` (plus ``year``), sorted by ``lean`` (most with pole A first).
    Poles that are states are left out of the rows. ``split_rollcalls`` is the number of roll
    calls of the period (or year) on which the poles split, ``n`` those on which the state was a
    member; ``assembly_a`` / ``assembly_b`` are the same period's (or year's) shares over every
    member state.
    """
    if by not in (None, "year"):
        raise NonalignedError(f"split votes are for the whole period or by 'year', not {by!r}")
    s_day = parse_date(since, what="--since date")
    u_day = parse_date(until, end=True, what="--until date")
    pa, pb = _resolve_pair(rec, pole_a, pole_b)
    states = None if countries is None else [_state(rec, c, u_day) for c in countries]
    where, params = rec._rollcall_filter(s_day, u_day, issue, None)
    frames = _split_frames(rec, pa, pb, states, where, params, split)
    if frames is None:
        return pd.DataFrame(columns=_columns(by))
    split_rc, votes = frames
    keys = ["cow"] + (["year"] if by else [])
    cats = categorise(votes)
    out = _summarise(cats, keys, level, min_split)
    if by:
        out["split_rollcalls"] = out["year"].map(split_rc.groupby("year").size())
    else:
        out["split_rollcalls"] = len(split_rc)
    base = _baseline(rec, pa, pb, split_rc, by)
    if by:
        out["assembly_a"] = out["year"].map(base["assembly_a"])
        out["assembly_b"] = out["year"].map(base["assembly_b"])
    else:
        out["assembly_a"] = float(base["assembly_a"].iloc[0])
        out["assembly_b"] = float(base["assembly_b"].iloc[0])
    names = rec.store.query("SELECT cow, iso3, name FROM states")
    out = out.merge(names, on="cow", how="left")
    if states is not None:
        out = out[out["cow"].isin([s.cow for s in states])]
        for st in states:  # the caller's own name for the state (Russia, not the USSR's row)
            out.loc[out["cow"] == st.cow, ["iso3", "name"]] = [st.iso3, st.name]
    out = out[~out["cow"].isin([p.cow for p in (pa, pb) if p.cow is not None])]
    out = out.sort_values(["lean", "cow", *keys[1:]], kind="stable", ignore_index=True)
    return out.reindex(columns=_columns(by))


def _columns(by: str | None) -> list[str]:
    return [*COLUMNS[:3], "year", *COLUMNS[3:]] if by else list(COLUMNS)


def _state(rec: Records, country: str | int | State, on: date | None) -> State:
    return country if isinstance(country, State) else rec.country(country, on=on)


def _split_frames(
    rec: Records,
    pa: Pole,
    pb: Pole,
    states: list[State] | None,
    where: str,
    params: list[Any],
    split: str,
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The split roll calls (rcid, va, vb, date, year) and the states' votes on them.

    With a bloc pole the bloc's median leaves the measured state out (as in :mod:`poles`), so a
    member of the bloc gets its own split roll calls; every other state shares the common ones.
    """
    period: pd.DataFrame | None = None
    if pa.is_bloc or pb.is_bloc:  # a bloc's median needs every member's vote of the period
        period = rec.store.query(
            f"""SELECT v.rcid, v.cow, v.vote, r.date, r.year FROM votes v JOIN rollcalls r
                USING (rcid) WHERE {where} AND v.vote IN (1, 2, 3, 8)""",
            params,
        )
    bloc_members: set[int] = set()
    for p in (pa, pb):
        if p.is_bloc:
            bloc_members |= set(member_spans(rec, str(p.bloc))["cow"].astype(int))
    common = split_rollcalls(
        _pole_series(rec, pa, where, params, period, None),
        _pole_series(rec, pb, where, params, period, None),
        split,
    )
    rc = rec.store.query(
        f"SELECT r.rcid, r.date, r.year FROM rollcalls r WHERE {where}", params
    ).set_index("rcid")
    own: dict[int, pd.DataFrame] = {}
    if states is not None:
        for st in states:
            if st.cow in bloc_members:
                own[st.cow] = split_rollcalls(
                    _pole_series(rec, pa, where, params, period, st.cow),
                    _pole_series(rec, pb, where, params, period, st.cow),
                    split,
                )
    rcids = sorted(set(common["rcid"]).union(*[set(f["rcid"]) for f in own.values()]))
    if not rcids:
        return None
    votes = rec.store.query(
        """SELECT v.rcid, v.cow, v.vote FROM votes v
           JOIN (SELECT unnest(?::INTEGER[]) AS rcid) s USING (rcid)
           WHERE v.vote IN (1, 2, 3, 8)"""
        + (" AND list_contains(?::INTEGER[], v.cow)" if states is not None else ""),
        [rcids] + ([[s.cow for s in states]] if states is not None else []),
    )
    parts = []
    if states is None or any(s.cow not in own for s in states):
        shared = votes[~votes["cow"].isin(list(own))]
        parts.append(shared.merge(common, on="rcid"))
    for cow, frame in own.items():
        parts.append(votes[votes["cow"] == cow].merge(frame, on="rcid"))
    merged = pd.concat(parts, ignore_index=True).join(rc, on="rcid")
    split_rc = common.join(rc, on="rcid")
    return split_rc, merged


def _baseline(
    rec: Records, pa: Pole, pb: Pole, split_rc: pd.DataFrame, by: str | None
) -> pd.DataFrame:
    """Shares with A and B over every member state's vote on the split roll calls."""
    if split_rc.empty:
        return pd.DataFrame({"assembly_a": [np.nan], "assembly_b": [np.nan]})
    poles = [p.cow for p in (pa, pb) if p.cow is not None]
    votes = rec.store.query(
        """SELECT v.rcid, v.cow, v.vote FROM votes v
           JOIN (SELECT unnest(?::INTEGER[]) AS rcid) s USING (rcid)
           WHERE v.vote IN (1, 2, 3, 8) AND NOT list_contains(?::INTEGER[], v.cow)""",
        [split_rc["rcid"].astype(int).tolist(), poles or [-1]],
    ).merge(split_rc, on="rcid")
    votes["assembly_a"] = votes["vote"] == votes["va"]
    votes["assembly_b"] = votes["vote"] == votes["vb"]
    if by:
        return votes.groupby("year")[["assembly_a", "assembly_b"]].mean()
    return votes[["assembly_a", "assembly_b"]].mean().to_frame().T


def split_votes(
    rec: Records,
    country: str | int | State,
    pole_a: str = DEFAULT_POLES[0],
    pole_b: str = DEFAULT_POLES[1],
    *,
    since: str | int | date | None = None,
    until: str | int | date | None = None,
    issue: str | None = None,
    split: str = "different",
    level: float = 0.95,
    min_split: int = MIN_SPLIT_ROLLCALLS,
) -> SplitVotes:
    """The split-vote measure for one state: whole period (``overall``) and per year (``yearly``).

    Raises :class:`NonalignedError` when the state is one of the two poles or the poles are the
    same. A period in which the poles never split, or the state was never a member on a split
    roll call, gives an ``overall`` with ``n`` = 0, NaN shares, ``thin`` True, and a note.
    """
    s_day = parse_date(since, what="--since date")
    u_day = parse_date(until, end=True, what="--until date")
    state = _state(rec, country, u_day)
    pa, pb = _resolve_pair(rec, pole_a, pole_b)
    for p in (pa, pb):
        if p.cow is not None and p.cow == state.cow:
            raise NonalignedError(
                f"pole {p.code!r}: {state.name} is the state measured and cannot be one of the "
                "two poles it sides with; choose other poles"
            )
    kw: dict[str, Any] = {
        "since": s_day,
        "until": u_day,
        "issue": issue,
        "split": split,
        "level": level,
        "min_split": min_split,
    }
    whole = split_votes_table(rec, [state], pole_a, pole_b, **kw)
    yearly = split_votes_table(rec, [state], pole_a, pole_b, by="year", **kw)
    yearly = yearly.sort_values("year", ignore_index=True)
    notes: list[str] = []
    if whole.empty:
        overall: dict[str, Any] = dict.fromkeys(COLUMNS, np.nan)
        overall.update(
            cow=state.cow, iso3=state.iso3, name=state.name, n=0, split_rollcalls=0, thin=True
        )
        for c in CATEGORIES:
            overall[c] = 0
        notes.append(
            f"no roll call on which {pa.label} and {pb.label} voted differently and "
            f"{state.name} was a UN member, in the period asked"
        )
    else:
        overall = {str(k): v for k, v in whole.iloc[0].to_dict().items()}
        if overall["thin"]:
            notes.append(
                f"only {overall['n']} split roll calls: fewer than {min_split}, too few to "
                "support a figure"
            )
    thin_years = int(yearly["thin"].sum()) if len(yearly) else 0
    if thin_years:
        notes.append(
            f"{thin_years} of {len(yearly)} years rest on fewer than {min_split} split roll "
            "calls (flagged thin)"
        )
    return SplitVotes(state, pa, pb, s_day, u_day, split, level, min_split, overall, yearly, notes)


__all__ = [
    "CATEGORIES",
    "COLUMNS",
    "MIN_SPLIT_ROLLCALLS",
    "SPLITS",
    "SplitVotes",
    "categorise",
    "split_rollcalls",
    "split_votes",
    "split_votes_table",
    "wilson",
]
