#!/usr/bin/env python3
"""Benchmark: cold build of the store from the bundled records, and typical queries.

Prints seconds for each step and a ratio against a baseline run in the same process:
- cold build vs. merely reading every bundled file into memory (the I/O floor of any build);
- each query vs. the same question answered with pandas on DataFrames already in memory.

    .venv/bin/python benchmarks/bench_store.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from nonaligned.config import bundled_data_dir
from nonaligned.measures.api import Measures
from nonaligned.measures.profile import build_profile
from nonaligned.records import Records
from nonaligned.records.catalog import datasets
from nonaligned.records.load import load_records, read_bundled
from nonaligned.store import Store


def timed(fn: Callable[[], Any], repeat: int) -> float:
    """Median wall time of ``repeat`` runs, in seconds."""
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    folder = bundled_data_dir()
    files = [f for d in datasets(folder) for f in d.files]

    def read_all() -> dict[str, pd.DataFrame]:
        return {f: read_bundled(folder / f).to_pandas() for f in files}

    with tempfile.TemporaryDirectory() as tmp:
        builds = []
        for i in range(args.repeat):
            path = Path(tmp) / f"cold{i}.duckdb"
            t0 = time.perf_counter()
            with Store.open(path) as s:
                load_records(s)
            builds.append(time.perf_counter() - t0)
        build = statistics.median(builds)
        # as `nonaligned build` does: estimate the ideal points once, cached in the store
        t0 = time.perf_counter()
        with Store.open(Path(tmp) / "cold0.duckdb") as s:
            Measures(Records(s)).idealpoints()
        ip_seconds = time.perf_counter() - t0
        floor = timed(read_all, args.repeat)
        size = (Path(tmp) / "cold0.duckdb").stat().st_size
        print(
            f"cold build          {build:8.3f} s   baseline read-only {floor:7.3f} s   ratio {build / floor:5.2f}x   store {size / 2**20:.1f} MiB"
        )

        print(f"ideal points (once, at build) {ip_seconds:6.2f} s")

        frames = read_all()
        votes, rollcalls = frames["votes.parquet"], frames["rollcalls.parquet"]
        bm = frames["bloc_memberships.csv"]
        with Store.open(Path(tmp) / "cold0.duckdb", read_only=True) as store:
            rec = Records(store)
            day = date(2019, 10, 25)

            def pd_members() -> pd.DataFrame:
                m = bm[(bm["bloc"] == "NAM") & (pd.to_datetime(bm["start"]) <= pd.Timestamp(day))]
                end = pd.to_datetime(m["end"])
                return m[end.isna() | (end >= pd.Timestamp(day))]

            def pd_votes() -> pd.DataFrame:
                r = rollcalls[pd.to_datetime(rollcalls["date"]) >= pd.Timestamp(2015, 1, 1)]
                return votes[votes["cow"] == 373].merge(r, on="rcid")

            def pd_counts() -> pd.DataFrame:
                v = votes[(votes["cow"] == 373) & (votes["vote"] != 9)].merge(
                    rollcalls[["rcid", "year"]], on="rcid"
                )
                return v.groupby(["year", "vote"]).size().unstack(fill_value=0)

            cases: list[tuple[str, Callable[[], Any], Callable[[], Any] | None]] = [
                ("resolve country", lambda: rec.country("Republic of Azerbaijan"), None),
                ("members NAM on date", lambda: rec.members("NAM", on=day), pd_members),
                ("votes AZE since 2015", lambda: rec.votes("AZE", since=2015), pd_votes),
                ("vote counts AZE/year", lambda: rec.vote_counts("AZE"), pd_counts),
                ("alliance spells AZE", lambda: rec.alliance_spells("AZE"), None),
                ("profile Azerbaijan", lambda: build_profile(rec, "Azerbaijan"), None),
            ]
            for name, fn, base in cases:
                t = timed(fn, args.repeat)
                if base is None:
                    print(f"{name:<20}{t * 1000:8.2f} ms")
                else:
                    b = timed(base, args.repeat)
                    print(
                        f"{name:<20}{t * 1000:8.2f} ms   baseline pandas {b * 1000:8.2f} ms   ratio {t / b:5.2f}x"
                    )


if __name__ == "__main__":
    main()
