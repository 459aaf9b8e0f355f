"""Dyadic similarity of UN votes: raw agreement, Signorino-Ritter S, Cohen's kappa, Scott's pi.

Votes are ordinal: yes (1) < abstain (2) < no (3), so the distance between two votes is 0, 1 or 2.
Only roll calls on which *both* states cast yes/abstain/no count ("pairwise deletion"): absence and
non-membership are not positions. ``absent="abstain"`` instead counts an absence as an abstention
(Voeten's older convention); it is an explicit choice, never an accident.

Definitions, for the n common roll calls with votes a_i, b_i and distance metric d:
- agree   = share of identical votes;
- S       = 1 - 2 * sum d(a_i, b_i) / (n * d_max)   (Signorino & Ritter 1999), d_max = d(yes, no);
- kappa   = 1 - D_o / D_e, with D_o = mean observed distance and D_e the expected distance if the
            two states voted independently, each with its own vote distribution over the common
            roll calls (Cohen; Häge 2011);
- pi      = the same with D_e from the pooled distribution of both states (Scott; Häge 2011).
``metric="absolute"`` uses |a-b| (d_max 2); ``metric="squared"`` uses (a-b)^2 (d_max 4).
kappa and pi are undefined (NaN) when D_e = 0, i.e. both states cast one and the same kind of vote
on every common roll call; S and agree are then 1.

The all-dyad computation is matrix algebra: with one indicator matrix per vote category (states x
roll calls), every sum above is a product of two such matrices, so a whole year of ~190 states and
~100 roll calls costs a handful of small matrix multiplications.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from threadpoolctl import threadpool_limits

from ..errors import NonalignedError

CATEGORIES = (1, 2, 3)  # yes, abstain, no
METRICS = ("absolute", "squared")
MEASURES = ("agree", "s", "kappa", "pi")

FloatArray = npt.NDArray[np.float64]


def distance_matrix(metric: str) -> FloatArray:
    """d(k, l) between categories yes/abstain/no under ``metric``."""
    if metric not in METRICS:
        raise NonalignedError(
            f"unknown distance metric {metric!r}; use one of {', '.join(METRICS)}"
        )
    pos = np.array(CATEGORIES, dtype=np.float64)
    diff = np.abs(pos[:, None] - pos[None, :])
    return diff if metric == "absolute" else diff**2


@dataclass(frozen=True)
class DyadMatrices:
    """Similarity of every pair of states over one set of roll calls."""

    states: npt.NDArray[np.int64]  # COW codes, the order of rows and columns
    n: npt.NDArray[np.int64]  # common roll calls
    agree: FloatArray
    s: FloatArray
    kappa: FloatArray
    pi: FloatArray


def _indicators(votes: npt.NDArray[np.int8], absent: str) -> list[FloatArray]:
    v = votes.copy()
    if absent == "abstain":
        v[v == 8] = 2
    elif absent != "exclude":
        raise NonalignedError(f"absent must be 'exclude' or 'abstain', not {absent!r}")
    return [(v == k).astype(np.float64) for k in CATEGORIES]


def dyad_matrices(
    states: npt.ArrayLike,
    votes: npt.NDArray[np.int8],
    *,
    metric: str = "absolute",
    absent: str = "exclude",
) -> DyadMatrices:
    """All-pairs similarity for a (states x roll calls) matrix of vote codes (0 = no record)."""
    d = distance_matrix(metric)
    d_max = d[0, 2]
    ind = _indicators(np.asarray(votes), absent)
    m = ind[0] + ind[1] + ind[2]  # 1 where the state cast yes/abstain/no
    n = m @ m.T
    same = sum(ik @ ik.T for ik in ind)
    # observed distance: sum over category pairs of d(k,l) * (# roll calls a=k, b=l)
    obs = np.zeros_like(n)
    for k in range(3):
        for l_ in range(3):
            if d[k, l_]:
                obs += d[k, l_] * (ind[k] @ ind[l_].T)
    # each state's distribution over the roll calls it shares with the other: c[k][a, b]
    c = [ik @ m.T for ik in ind]  # (# roll calls with a=k and b voted)
    with np.errstate(divide="ignore", invalid="ignore"):
        nn = np.where(n > 0, n, np.nan)
        d_obs = obs / nn
        exp_kappa = np.zeros_like(n)
        exp_pi = np.zeros_like(n)
        pooled = [(c[k] + c[k].T) / (2 * nn) for k in range(3)]
        for k in range(3):
            for l_ in range(3):
                if d[k, l_]:
                    exp_kappa += d[k, l_] * (c[k] / nn) * (c[l_].T / nn)
                    exp_pi += d[k, l_] * pooled[k] * pooled[l_]
        agree = same / nn
        s = 1.0 - 2.0 * d_obs / d_max
        kappa = np.where(exp_kappa > 1e-12, 1.0 - d_obs / exp_kappa, np.nan)
        pi = np.where(exp_pi > 1e-12, 1.0 - d_obs / exp_pi, np.nan)
    return DyadMatrices(np.asarray(states, dtype=np.int64), n.astype(np.int64), agree, s, kappa, pi)


def pair(
    a: npt.ArrayLike, b: npt.ArrayLike, *, metric: str = "absolute", absent: str = "exclude"
) -> dict[str, float]:
    """Similarity of two vote vectors (codes 1/2/3, 8 absent, 9 or 0 no record): hand-checkable."""
    votes = np.vstack([np.asarray(a, dtype=np.int8), np.asarray(b, dtype=np.int8)])
    mats = dyad_matrices([0, 1], votes, metric=metric, absent=absent)
    return {
        "n": float(mats.n[0, 1]),
        "agree": float(mats.agree[0, 1]),
        "s": float(mats.s[0, 1]),
        "kappa": float(mats.kappa[0, 1]),
        "pi": float(mats.pi[0, 1]),
    }


def vote_matrix(votes: pd.DataFrame) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int8]]:
    """Pivot long votes (rcid, cow, vote) to (states x roll calls); 0 where nothing is recorded."""
    cows, ci = np.unique(votes["cow"].to_numpy(), return_inverse=True)
    _, ri = np.unique(votes["rcid"].to_numpy(), return_inverse=True)
    mat = np.zeros((len(cows), int(ri.max()) + 1 if len(ri) else 0), dtype=np.int8)
    mat[ci, ri] = votes["vote"].to_numpy(dtype=np.int8)
    return cows.astype(np.int64), mat


def all_dyads(
    votes: pd.DataFrame,
    period: str = "year",
    *,
    metric: str = "absolute",
    absent: str = "exclude",
    min_votes: int = 1,
) -> pd.DataFrame:
    """Similarity of every dyad in every period: one row per (period, cow_a < cow_b).

    ``votes`` has columns rcid, cow, vote and the ``period`` column (year or session). Dyads with
    fewer than ``min_votes`` common roll calls in a period are left out (missing, not zero).
    """
    if period not in votes.columns:
        raise NonalignedError(f"votes have no {period!r} column to group by")
    out: list[pd.DataFrame] = []
    # The products are small (~190 x 100): BLAS worker threads only add overhead, and on a
    # busy machine they made the same call 25x slower (see benchmarks/bench_measures.py).
    with threadpool_limits(limits=1, user_api="blas"):
        return _all_dyads(votes, period, out, metric, absent, min_votes)


def _all_dyads(
    votes: pd.DataFrame,
    period: str,
    out: list[pd.DataFrame],
    metric: str,
    absent: str,
    min_votes: int,
) -> pd.DataFrame:
    for key, grp in votes.groupby(period, sort=True):
        cows, mat = vote_matrix(grp)
        res = dyad_matrices(cows, mat, metric=metric, absent=absent)
        ia, ib = np.triu_indices(len(cows), k=1)
        keep = res.n[ia, ib] >= min_votes
        ia, ib = ia[keep], ib[keep]
        out.append(
            pd.DataFrame(
                {
                    period: key,
                    "cow_a": cows[ia].astype(np.int16),
                    "cow_b": cows[ib].astype(np.int16),
                    "n": res.n[ia, ib].astype(np.int32),
                    "agree": res.agree[ia, ib],
                    "s": res.s[ia, ib],
                    "kappa": res.kappa[ia, ib],
                    "pi": res.pi[ia, ib],
                }
            )
        )
    if not out:
        return pd.DataFrame(columns=[period, "cow_a", "cow_b", "n", *MEASURES])
    return pd.concat(out, ignore_index=True)
