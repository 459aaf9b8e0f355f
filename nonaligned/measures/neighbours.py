"""Nearest states: the states whose UN votes are most like one state's over a period.

"Which countries vote most like Azerbaijan since 2015?" For the focal state and every other state,
over the roll calls of the period on which *both* cast yes/abstain/no (absence and non-membership
are not positions, as in :mod:`similarity`):

* ``agree`` = share of identical votes, with a 95 % Wilson interval (``agree_lo``, ``agree_hi``);
* ``s`` = Signorino-Ritter S with absolute distance on yes < abstain < no, 1 - mean |a - b|
  (d_max = 2), with a normal-approximation interval from the variance of |a - b|;
* ``n`` = the number of shared roll calls.

States sharing fewer than ``min_shared`` roll calls with the focal state are left out of the
ranking and counted (``excluded``), because a top list picks out exactly the small samples that
happened to agree: with 10 shared votes, 10 of 10 alike would outrank 95 % of 1,000. The default,
:data:`MIN_SHARED` (30), is three times the threshold of a single figure (MIN_ROLLCALLS, 10): at 30
the agreement interval is at most about +-0.17 wide and a state ranked on it is not a fluke of a
few votes. The focal state is never in its own list.

One query does the work for every state (a self-join of the votes table on the roll call,
aggregated by the other state), in portable SQL (CASE sums, no FILTER), like
``measures/sql/dyad_month.sql``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ..dates import parse_date
from ..errors import NonalignedError
from ..records.api import MIN_ROLLCALLS, Records
from ..records.countries import State
from .split_votes import wilson

MIN_SHARED = 3 * MIN_ROLLCALLS
MEASURES = {"agreement": "agree", "agree": "agree", "s": "s"}
COLUMNS = [
    "rank",
    "cow",
    "iso3",
    "name",
    "n",
    "agree",
    "agree_lo",
    "agree_hi",
    "s",
    "s_lo",
    "s_hi",
]

# a = the focal state, b = every other state; both cast yes/abstain/no on the roll call
_SQL = """
SELECT b.cow AS cow,
       COUNT(*) AS n,
       SUM(CASE WHEN a.vote = b.vote THEN 1 ELSE 0 END) AS same,
       SUM(ABS(a.vote - b.vote)) AS dist,
       SUM((a.vote - b.vote) * (a.vote - b.vote)) AS dist2
FROM votes a
JOIN votes b ON b.rcid = a.rcid AND b.cow <> a.cow
JOIN rollcalls r ON r.rcid = a.rcid
WHERE a.cow = ? AND a.vote IN (1, 2, 3) AND b.vote IN (1, 2, 3) AND {where}
GROUP BY b.cow
"""


@dataclass
class Neighbours:
    """The ranking for one state and period."""

    state: State
    since: date | None
    until: date | None
    measure: str  # "agree" or "s"
    min_shared: int
    table: pd.DataFrame  # COLUMNS, best first, at most ``top`` rows
    excluded: int  # states left out for sharing fewer than min_shared roll calls
    excluded_states: list[str] = field(default_factory=list)  # their names
    ranked: int = 0  # states that met min_shared (before cutting to ``top``)
    focal_votes: int = 0  # roll calls of the period on which the focal state cast a vote

    def to_dict(self) -> dict[str, Any]:
        rows = self.table.to_dict(orient="records")
        return {
            "state": {"name": self.state.name, "iso3": self.state.iso3, "cow": self.state.cow},
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "measure": self.measure,
            "min_shared": self.min_shared,
            "ranked": self.ranked,
            "excluded": self.excluded,
            "excluded_states": self.excluded_states,
            "focal_votes": self.focal_votes,
            "neighbours": [
                {k: (v.item() if isinstance(v, np.generic) else v) for k, v in r.items()}
                for r in rows
            ],
        }


def measure_column(measure: str) -> str:
    """'agreement'/'agree' -> 'agree', 'S'/'s' -> 's'; anything else is an error."""
    key = measure.strip().lower()
    if key not in MEASURES:
        raise NonalignedError(f"unknown measure {measure!r} for neighbours; use agreement or S")
    return MEASURES[key]


def neighbours(
    rec: Records,
    state: str | int | State,
    since: str | int | date | None = None,
    until: str | int | date | None = None,
    measure: str = "agreement",
    top: int | None = 20,
    min_shared: int = MIN_SHARED,
    *,
    issue: str | None = None,
    level: float = 0.95,
) -> Neighbours:
    """The ``top`` states (``None``: all) whose votes are most like ``state``'s in the period."""
    col = measure_column(measure)
    if top is not None and top < 1:
        raise NonalignedError(f"top must be at least 1, not {top}")
    if min_shared < 1:
        raise NonalignedError(f"min_shared must be at least 1, not {min_shared}")
    s_day = parse_date(since, what="--since date")
    u_day = parse_date(until, end=True, what="--until date")
    st = state if isinstance(state, State) else rec.country(state, on=u_day)
    where, params = rec._rollcall_filter(s_day, u_day, issue, None)
    raw = rec.store.query(_SQL.format(where=where), [st.cow, *params])
    focal = rec.store.query(
        f"""SELECT COUNT(*) AS n FROM votes v JOIN rollcalls r USING (rcid)
            WHERE v.cow = ? AND v.vote IN (1, 2, 3) AND {where}""",
        [st.cow, *params],
    )
    focal_votes = int(focal["n"].iloc[0])
    if raw.empty:
        raise NonalignedError(
            f"{st.name} cast no yes/abstain/no vote shared with another state in the period "
            "asked: nothing to compare"
        )
    names = rec.store.query("SELECT cow, iso3, name FROM states")
    raw = raw.merge(names, on="cow", how="left")
    n = raw["n"].to_numpy(dtype=np.float64)
    raw["agree"] = raw["same"] / n
    raw["agree_lo"], raw["agree_hi"] = wilson(raw["same"].to_numpy(np.float64), n, level)
    mean_d = raw["dist"] / n
    var_d = np.maximum(raw["dist2"] / n - mean_d**2, 0.0)
    from statistics import NormalDist

    z = NormalDist().inv_cdf(0.5 + level / 2)
    half = z * np.sqrt(var_d / n)
    raw["s"] = 1.0 - mean_d
    raw["s_lo"] = (raw["s"] - half).clip(-1.0, 1.0)
    raw["s_hi"] = (raw["s"] + half).clip(-1.0, 1.0)
    raw = raw[raw["cow"] != st.cow]  # never the focal state (the SQL already excludes it)
    thin = raw[raw["n"] < min_shared]
    kept = raw[raw["n"] >= min_shared]
    kept = kept.sort_values([col, "n", "cow"], ascending=[False, False, True], ignore_index=True)
    kept["rank"] = np.arange(1, len(kept) + 1)
    table = kept if top is None else kept.head(top)
    return Neighbours(
        state=st,
        since=s_day,
        until=u_day,
        measure=col,
        min_shared=min_shared,
        table=table.reindex(columns=COLUMNS).reset_index(drop=True),
        excluded=len(thin),
        excluded_states=sorted(thin["name"].fillna(thin["cow"].astype(str)).tolist()),
        ranked=len(kept),
        focal_votes=focal_votes,
    )


__all__ = ["COLUMNS", "MIN_SHARED", "Neighbours", "measure_column", "neighbours"]
