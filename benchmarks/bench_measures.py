#!/usr/bin/env python3
"""Benchmark: all-dyad vote similarity for every year, and a full ideal-point estimation.

Similarity:
For the full bundled UN votes (1946-2024, yes/abstain/no only) it times agreement, S, kappa and pi
for every dyad in every calendar year with ``similarity.all_dyads``, and the same numbers from the
obvious pandas approach written below (per year, self-merge the votes on rcid to get each dyad's
common roll calls, then group by dyad). It checks that both agree to 1e-9 on all four measures and
prints the seconds, the ratio (baseline / ours) and the number of dyad-years.

Ideal points: the dynamic ordinal model on all votes 1946-2025 with ``idealpoints.fit`` (the chunked
sweeps of ``idealpoints_fast``, on one thread and on the default threads) against the previous
implementation, kept as ``fit(method="reference")``; for each, the seconds and the correlation
with the published Bailey-Strezhnev-Voeten estimates (``idealpoints.validate``), and the ratio.
The two implementations do the same arithmetic per vote but add it up in another order, and the
rounding differences grow over the early-stopped sweeps, so their positions are compared by
correlation, not equality. Then ``idealpoints.bootstrap`` with 20 replicates, one process
(replicates one after another, each fit on the default threads) against a process pool (one
worker per core), with the ratio; both must give identical intervals (the same seed).

Votes are read straight from the bundled parquet files, so no store has to be built first.

    .venv/bin/python benchmarks/bench_measures.py [--repeat 3] [--metric absolute]
        [--part all|similarity|idealpoints] [--replicates 20] [--reference-bootstrap]
        [--spark-master 'local[2]']

``--reference-bootstrap`` also times the previous bootstrap (serial, reference fits: minutes);
``--spark-master`` the replicates as Spark tasks (the path for users with a cluster).

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


def validation_r(d: idealpoints.Design, fit: idealpoints.Fit, published: pd.DataFrame) -> float:
    """Overall Pearson r of a fit's positions with the published estimates."""
    est = d.units.assign(idealpoint=fit.x)
    return idealpoints.validate(est, published)[1]["pearson"]


def bench_idealpoints(votes: pd.DataFrame, repeat: int) -> None:
    """Full estimation: the previous implementation against the new one, time and validation."""
    folder = bundled_data_dir()
    rollcalls = pd.read_parquet(folder / "rollcalls.parquet")
    published = pd.read_parquet(folder / "idealpoints_published.parquet")
    d = idealpoints.prepare(votes, idealpoints.bridge_keys(rollcalls))
    model = idealpoints.Model()
    threads = idealpoints.default_threads()
    runs = max(1, repeat // 2)  # the reference takes ~10 s a run
    ref = timed(lambda: idealpoints.fit(d, model, method="reference"), runs)
    one = timed(lambda: idealpoints.fit(d, model, threads=1), runs)
    new = timed(lambda: idealpoints.fit(d, model, threads=threads), runs)
    if not np.array_equal(one.result.x, new.result.x):
        raise SystemExit("ideal points: one thread and several give different positions")
    r_ref = validation_r(d, ref.result, published)
    for name, t in (
        ("previous (reference)", ref),
        ("new, 1 thread", one),
        (f"new, {threads} threads", new),
    ):
        print(
            f"ideal points {name:<22} {t.seconds:7.2f} s   r with published "
            f"{validation_r(d, t.result, published):.4f}   ratio {ref.seconds / t.seconds:5.2f}x",
            flush=True,
        )
    agree = float(np.corrcoef(new.result.x, ref.result.x)[0, 1])
    gap = float(np.max(np.abs(new.result.x - ref.result.x)))
    print(
        f"{'':<13}state-years {d.n_units:,}, votes {len(d.y):,}; new vs previous: r {agree:.6f}, "
        f"max |difference| {gap:.3f}; previous r with published {r_ref:.4f}",
        flush=True,
    )
    if agree < 0.999:
        raise SystemExit(f"ideal points: new and previous positions correlate only {agree:.4f}")


def bench_bootstrap(
    votes: pd.DataFrame, replicates: int, reference: bool, spark_master: str | None = None
) -> None:
    """Bootstrap intervals: replicates one after another against a process pool."""
    rollcalls = pd.read_parquet(bundled_data_dir() / "rollcalls.parquet")
    d = idealpoints.prepare(votes, idealpoints.bridge_keys(rollcalls))
    point = idealpoints.fit(d)
    workers = idealpoints.default_threads()

    def boot(n: int, method: str = "fast") -> Timed[pd.DataFrame]:
        t0 = time.perf_counter()
        out = idealpoints.bootstrap(
            d, point, replicates=replicates, seed=0, workers=n, method=method
        )
        return Timed(time.perf_counter() - t0, out)

    parallel = boot(workers)
    serial = boot(1)
    same = serial.result.equals(parallel.result)
    print(
        f"bootstrap-{replicates} serial (1 process)    {serial.seconds:7.2f} s\n"
        f"bootstrap-{replicates} parallel ({workers} workers)  {parallel.seconds:7.2f} s   "
        f"ratio {serial.seconds / parallel.seconds:5.2f}x   same intervals: {same}",
        flush=True,
    )
    if reference:
        old = boot(1, "reference")
        print(
            f"bootstrap-{replicates} previous (serial, reference fits) {old.seconds:7.2f} s   "
            f"ratio to parallel {old.seconds / parallel.seconds:5.2f}x",
            flush=True,
        )
    if spark_master:
        bench_spark_bootstrap(d, point, replicates, spark_master, parallel)
    if not same:
        raise SystemExit("bootstrap: serial and parallel runs with one seed differ")


def bench_spark_bootstrap(
    d: idealpoints.Design,
    point: idealpoints.Fit,
    replicates: int,
    master: str,
    parallel: Timed[pd.DataFrame],
) -> None:
    """The replicates as Spark tasks (``bootstrap(spark=...)``): the session's start-up, then
    the replicates (the design broadcast, one task each), against the local process pool."""
    from nonaligned.engine.spark_job import session

    t0 = time.perf_counter()
    spark = session(master, app="nonaligned-bench-bootstrap")
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - t0
    try:
        t0 = time.perf_counter()
        out = idealpoints.bootstrap(d, point, replicates=replicates, seed=0, spark=spark)
        seconds = time.perf_counter() - t0
    finally:
        spark.stop()
    print(
        f"bootstrap-{replicates} on Spark {master:10} {seconds:7.2f} s   (+ {started:.1f} s to "
        f"start the session)   ratio to the local pool {parallel.seconds / seconds:5.2f}x   "
        f"same intervals: {out.equals(parallel.result)}",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per side (median reported)")
    ap.add_argument("--metric", choices=similarity.METRICS, default="absolute")
    ap.add_argument("--part", choices=("all", "similarity", "idealpoints"), default="all")
    ap.add_argument("--replicates", type=int, default=20, help="bootstrap replicates timed")
    ap.add_argument(
        "--reference-bootstrap",
        action="store_true",
        help="also time the previous serial bootstrap (reference fits; minutes)",
    )
    ap.add_argument(
        "--spark-master",
        metavar="URL",
        help="also time the replicates as Spark tasks on this master, e.g. 'local[2]'",
    )
    args = ap.parse_args()

    votes = load_votes()
    years = votes["year"]
    print(
        f"votes: {len(votes):,} yes/abstain/no rows, {votes['rcid'].nunique():,} roll calls, "
        f"{years.nunique()} calendar years {years.min()}-{years.max()}; metric {args.metric}; "
        f"median of {args.repeat} runs after one warm-up ({max(1, args.repeat // 2)} for ideal "
        "points); "
        f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}; "
        f"{os.cpu_count()} cores, {load()}",
        flush=True,
    )

    if args.part in ("all", "similarity"):
        bench_similarity(votes, args.metric, args.repeat)
    if args.part in ("all", "idealpoints"):
        bench_idealpoints(votes, args.repeat)
        bench_bootstrap(votes, args.replicates, args.reference_bootstrap, args.spark_master)
    print(f"at the end: {load()}", flush=True)


def load() -> str:
    """The machine's load average: on a shared machine, wall times mean little without it."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def bench_similarity(votes: pd.DataFrame, metric: str, repeat: int) -> None:
    """agree, S, kappa and pi for every dyad-year: ``similarity.all_dyads`` against pandas."""
    # --- similarity: agree, S, kappa, pi for every dyad-year ---
    sim_ours, sim_base = compare(
        "similarity (agree, S, kappa, pi)",
        lambda: ours(votes, metric),
        lambda: baseline(votes, metric),
        repeat,
    )
    diffs = max_differences(sim_ours.result, sim_base.result)
    print(
        f"{'':<34} dyad-years {len(sim_ours.result):,}   max |ours - baseline|: "
        + ", ".join(f"{k} {v:.1e}" for k, v in diffs.items())
    )
    worst = max(diffs.values())
    if worst >= TOLERANCE:
        raise SystemExit(f"ours and baseline disagree by {worst:.3g} (tolerance {TOLERANCE:g})")


if __name__ == "__main__":
    main()
