#!/usr/bin/env python3
"""Benchmark: all-dyad vote similarity for every year, and a full ideal-point estimation.

Similarity:
For the full bundled UN votes (1946-2024, yes/abstain/no only) it times agreement, S, kappa and pi
for every dyad in every calendar year with ``similarity.all_dyads``, and the same numbers from the
obvious pandas approach written below (per year, self-merge the votes on rcid to get each dyad's
common roll calls, then group by dyad). It checks that both agree to 1e-9 on all four measures and
prints the seconds, the ratio (baseline / ours) and the number of dyad-years.

Ideal points: the dynamic ordinal model on all votes 1946-2024 with ``idealpoints.fit``, against
the same estimator written the obvious way (pandas group sums, one state's random-walk system at a
time); both must give the same positions to 1e-2 (summation order differs).

Votes are read straight from the bundled parquet files, so no store has to be built first.

    .venv/bin/python benchmarks/bench_measures.py [--repeat 3] [--metric absolute]

The matrix products are small (about 190 x 100), so OpenBLAS's worker threads buy nothing and, on
a machine busy with other work, can cost many times the computation itself while they wait for a
core. For timings that mean something on a shared machine, run with ``OPENBLAS_NUM_THREADS=1``;
the header line says which setting was in force.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
import pandas as pd

from nonaligned.config import bundled_data_dir
from nonaligned.measures import idealpoints, similarity

T = TypeVar("T")
TOLERANCE = 1e-9
KEY = ["year", "cow_a", "cow_b"]


@dataclass(frozen=True)
class Timed(Generic[T]):
    """Median wall time of several runs, and the result of the last one (to check it)."""

    seconds: float
    result: T


def timed(fn: Callable[[], T], repeat: int) -> Timed[T]:
    """Median of ``repeat`` runs: one slow run (a page fault, a noisy neighbour) does not count."""
    runs = []
    result = fn()  # warm-up, untimed: imports, BLAS threads and caches settle here
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t0)
    return Timed(statistics.median(runs), result)


def compare(
    name: str, ours: Callable[[], T], baseline: Callable[[], T], repeat: int
) -> tuple[Timed[T], Timed[T]]:
    """Time ``ours`` and ``baseline`` and print one line: name, seconds, baseline seconds, ratio.

    Each benchmark block in ``main`` is one call of this; the caller checks the two results.
    """
    t_ours = timed(ours, repeat)
    t_base = timed(baseline, repeat)
    ratio = t_base.seconds / t_ours.seconds
    print(
        f"{name:<34} {t_ours.seconds:9.3f} s   baseline {t_base.seconds:9.3f} s   "
        f"ratio {ratio:6.1f}x",
        flush=True,
    )
    return t_ours, t_base


def load_votes() -> pd.DataFrame:
    """Bundled votes with each roll call's calendar year, yes/abstain/no only (rcid, cow, vote, year)."""
    folder = bundled_data_dir()
    votes = pd.read_parquet(folder / "votes.parquet", columns=["rcid", "cow", "vote"])
    years = pd.read_parquet(folder / "rollcalls.parquet", columns=["rcid", "year"])
    votes = votes[votes["vote"].isin(similarity.CATEGORIES)]
    return votes.merge(years, on="rcid", how="inner", validate="many_to_one")


def ours(votes: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The product's implementation: one set of small matrix products per year."""
    return similarity.all_dyads(votes, "year", metric=metric)


def baseline_year(votes: pd.DataFrame, d: np.ndarray, d_max: float) -> pd.DataFrame:
    """One year by self-merge and groupby: every (rcid, cow_a < cow_b) row, then sums per dyad.

    The sums are exactly those the definitions need: the number of common roll calls, identical
    votes, total distance, and each state's count of yes/abstain/no over the common roll calls.
    """
    v = votes[["rcid", "cow", "vote"]]
    m = v.merge(v, on="rcid", suffixes=("_a", "_b"))
    m = m[m["cow_a"] < m["cow_b"]]
    va = m["vote_a"].to_numpy(np.int64) - 1
    vb = m["vote_b"].to_numpy(np.int64) - 1
    cols = {
        "cow_a": m["cow_a"].to_numpy(),
        "cow_b": m["cow_b"].to_numpy(),
        "n": np.ones(len(m), dtype=np.int64),
        "same": (va == vb).astype(np.int64),
        "dist": d[va, vb],
    }
    for k in range(3):
        cols[f"a{k}"] = (va == k).astype(np.int64)
        cols[f"b{k}"] = (vb == k).astype(np.int64)
    g = pd.DataFrame(cols).groupby(["cow_a", "cow_b"], sort=True).sum().reset_index()

    n = g["n"].to_numpy(np.float64)
    pa = [g[f"a{k}"].to_numpy(np.float64) / n for k in range(3)]
    pb = [g[f"b{k}"].to_numpy(np.float64) / n for k in range(3)]
    pooled = [(pa[k] + pb[k]) / 2 for k in range(3)]
    e_kappa = sum(d[k, j] * pa[k] * pb[j] for k in range(3) for j in range(3))
    e_pi = sum(d[k, j] * pooled[k] * pooled[j] for k in range(3) for j in range(3))
    d_obs = g["dist"].to_numpy(np.float64) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = np.where(e_kappa > 0, 1.0 - d_obs / e_kappa, np.nan)
        pi = np.where(e_pi > 0, 1.0 - d_obs / e_pi, np.nan)
    return pd.DataFrame(
        {
            "cow_a": g["cow_a"],
            "cow_b": g["cow_b"],
            "n": g["n"],
            "agree": g["same"].to_numpy(np.float64) / n,
            "s": 1.0 - 2.0 * d_obs / d_max,
            "kappa": kappa,
            "pi": pi,
        }
    )


def baseline(votes: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The straightforward pandas approach, year by year (one merge of all years would not fit)."""
    d = similarity.distance_matrix(metric)
    out = [
        baseline_year(grp, d, float(d[0, 2])).assign(year=year)
        for year, grp in votes.groupby("year", sort=True)
    ]
    return pd.concat(out, ignore_index=True)


def max_differences(ours_df: pd.DataFrame, base_df: pd.DataFrame) -> dict[str, float]:
    """Largest |ours - baseline| per measure over the same dyad-years; raises if they differ.

    The two must list the same dyad-years with the same n, and be undefined (NaN) in the same
    places; only then are the defined values compared.
    """
    a = ours_df.sort_values(KEY).reset_index(drop=True)
    b = base_df.sort_values(KEY).reset_index(drop=True)
    for col in [*KEY, "n"]:
        if not np.array_equal(a[col].to_numpy(np.int64), b[col].to_numpy(np.int64)):
            raise SystemExit(f"ours and baseline differ in {col!r}: not the same dyad-years")
    diffs = {}
    for col in similarity.MEASURES:
        x, y = a[col].to_numpy(np.float64), b[col].to_numpy(np.float64)
        if not np.array_equal(np.isnan(x), np.isnan(y)):
            raise SystemExit(f"ours and baseline are undefined (NaN) in different places: {col}")
        ok = ~np.isnan(x)
        diffs[col] = float(np.max(np.abs(x[ok] - y[ok]), initial=0.0))
    return diffs


def baseline_idealpoints(d: idealpoints.Design, model: idealpoints.Model) -> np.ndarray:
    """The same estimator written the obvious way: pandas group sums, one state at a time.

    Same model, same updates and same number of sweeps as ``idealpoints.fit``; what differs is the
    implementation: sums per roll call and per state-year by ``groupby`` instead of ``bincount``,
    and each state's random-walk system solved on its own (a dense solve per state) instead of
    one banded solve for all. Returns the positions, oriented like ``fit``'s.
    """
    link = np.where(d.same_state, 1.0 / (model.omega2 * d.gap), 0.0)
    rigid = np.where(d.same_state, 1.0 / (1e-4 * d.gap), 0.0)
    base = np.where(~d.same_state, 1.0, 0.0) + model.prior_precision
    share = pd.Series(d.y.astype(np.float64)).groupby(d.unit).mean().to_numpy()
    x = (share - share.mean()) / (share.std() or 1.0)
    beta, tau1, delta = np.ones(d.n_items), np.zeros(d.n_items), np.zeros(d.n_items)
    item, unit = pd.Series(d.item), pd.Series(d.unit)
    states = pd.Series(d.units["cow"].to_numpy()).groupby(d.units["cow"].to_numpy()).indices
    for it in range(1, model.max_iter + 1):
        k = idealpoints._Kernel(d, x, beta, tau1, delta, None)
        ed = np.exp(delta)[d.item]
        sc = pd.DataFrame(
            {
                "b": k.g * x[d.unit],
                "t": np.where(d.y == 0, k.dhi, np.where(d.y == 1, k.dlo + k.dhi, k.dlo)),
                "d": np.where(d.y == 1, k.dhi * ed, np.where(d.y == 2, k.dlo * ed, 0.0)),
            }
        )
        grad = sc.groupby(item).sum().to_numpy()
        cols = list(sc.columns)
        hess = np.empty((d.n_items, 3, 3))
        for a in range(3):
            for b in range(3):
                hess[:, a, b] = (sc[cols[a]] * sc[cols[b]]).groupby(item).sum().to_numpy()
        params = np.stack([beta, tau1, delta], 1)
        prior = np.array([1 / 4.0, 1 / 25.0, 1 / 4.0])
        center = np.array([0.0, float(np.median(tau1)), float(np.median(delta))])
        grad = grad - prior * (params - center)
        hess = hess + np.diag(prior)
        step = np.clip(np.linalg.solve(hess, grad[:, :, None])[:, :, 0], -1.0, 1.0)
        beta, tau1, delta = (params + step).T
        k = idealpoints._Kernel(d, x, beta, tau1, delta, None)
        g = pd.Series(k.g * k.bj).groupby(unit).sum().to_numpy()
        c = pd.Series(k.info * k.bj**2).groupby(unit).sum().to_numpy()
        lk = rigid if it <= model.warmup else link
        new = x.copy()
        for rows in states.values():
            n = len(rows)
            q = np.diag(base[rows].copy())
            for i in range(1, n):  # random-walk precision between consecutive years
                w = lk[rows[i]]
                q[i, i] += w
                q[i - 1, i - 1] += w
                q[i, i - 1] -= w
                q[i - 1, i] -= w
            step = np.linalg.solve(q + np.diag(c[rows]), g[rows] - q @ x[rows])
            new[rows] = x[rows] + np.clip(step, -1.0, 1.0)
        moved = float(np.max(np.abs(new - x)))
        x = new
        if it > model.warmup and moved < model.tol:
            break
    usa = d.units["cow"].to_numpy() == idealpoints.USA
    return -x if usa.any() and x[usa].mean() < 0 else x


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per side (median reported)")
    ap.add_argument("--metric", choices=similarity.METRICS, default="absolute")
    args = ap.parse_args()

    votes = load_votes()
    years = votes["year"]
    print(
        f"votes: {len(votes):,} yes/abstain/no rows, {votes['rcid'].nunique():,} roll calls, "
        f"{years.nunique()} calendar years {years.min()}-{years.max()}; metric {args.metric}; "
        f"median of {args.repeat} runs after one warm-up; "
        f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}",
        flush=True,
    )

    # --- similarity: agree, S, kappa, pi for every dyad-year ---
    sim_ours, sim_base = compare(
        "similarity (agree, S, kappa, pi)",
        lambda: ours(votes, args.metric),
        lambda: baseline(votes, args.metric),
        args.repeat,
    )
    diffs = max_differences(sim_ours.result, sim_base.result)
    print(
        f"{'':<34} dyad-years {len(sim_ours.result):,}   max |ours - baseline|: "
        + ", ".join(f"{k} {v:.1e}" for k, v in diffs.items())
    )
    worst = max(diffs.values())
    if worst >= TOLERANCE:
        raise SystemExit(f"ours and baseline disagree by {worst:.3g} (tolerance {TOLERANCE:g})")

    # --- ideal points: the whole 1946-2024 record, dynamic ordinal model ---
    rollcalls = pd.read_parquet(bundled_data_dir() / "rollcalls.parquet")
    keys = idealpoints.bridge_keys(rollcalls)
    model = idealpoints.Model()
    ip_ours, ip_base = compare(
        "ideal points (dynamic, ordinal)",
        lambda: idealpoints.fit(idealpoints.prepare(votes, keys), model),
        lambda: baseline_idealpoints(idealpoints.prepare(votes, keys), model),
        max(1, args.repeat // 2),
    )
    gap = float(np.max(np.abs(ip_ours.result.x - ip_base.result)))
    r = float(np.corrcoef(ip_ours.result.x, ip_base.result)[0, 1])
    print(
        f"{'':<34} state-years {len(ip_base.result):,}   max |ours - baseline|: {gap:.1e}"
        f"   r {r:.8f}"
    )
    # Same updates, different summation order: rounding differences grow a little over the
    # early-stopped sweeps (~1e-3 on positions whose spread is ~1), so the check is 1e-2.
    if gap >= 1e-2:
        raise SystemExit(f"ideal points: ours and baseline disagree by {gap:.3g}")


if __name__ == "__main__":
    main()
