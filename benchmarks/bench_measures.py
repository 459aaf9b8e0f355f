#!/usr/bin/env python3
"""Benchmark: all-dyad vote similarity for every year, matrix algebra vs. a plain pandas baseline.

For the full bundled UN votes (1946-2024, yes/abstain/no only) it times agreement, S, kappa and pi
for every dyad in every calendar year with ``similarity.all_dyads``, and the same numbers from the
obvious pandas approach written below (per year, self-merge the votes on rcid to get each dyad's
common roll calls, then group by dyad). It checks that both agree to 1e-9 on all four measures and
prints the seconds, the ratio (baseline / ours) and the number of dyad-years.

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
from nonaligned.measures import similarity

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

    # --- ideal points ---
    # (placeholder: the lead adds the ideal-point timing here as one more `compare(...)` block)


if __name__ == "__main__":
    main()
