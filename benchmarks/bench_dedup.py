#!/usr/bin/env python3
"""Benchmark: near-duplicate lookup against everything stored — memory and time per batch, as the
store grows, for the store's LSH index (``document_bands``, what ``ingest`` uses) against the
in-memory index that ``ingest`` used to build from every stored signature (the baseline).

For each store size N it builds a store of N documents with synthetic MinHash signatures (random
32-bit values: unrelated documents), bands them as ``ingest`` does, then runs each method in a
child process of its own (so one method's memory never counts toward the other's) that opens the
store and looks up one batch of 64 new signatures, half of them near-copies of stored documents
(12 of 128 coordinates changed, estimated Jaccard 0.91). It prints the child's peak resident
memory (VmHWM: Python, NumPy and DuckDB together), the time to get ready (baseline: read every
signature and index it; store index: nothing) and the time of the batch lookup, and checks that
both methods find the same near-copies.

    .venv/bin/python benchmarks/bench_dedup.py [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from nonaligned.engine.ingest import Ingester
from nonaligned.store import Store
from nonaligned.text.dedup import NUM_PERM, NearDuplicateIndex

BATCH = 64
SEED = 20191025


def build(db: Path, n: int) -> None:
    """A store of ``n`` documents with random signatures, banded as ingest bands them."""
    rng = np.random.default_rng(SEED)
    sigs = rng.integers(0, 2**32, size=(n, NUM_PERM), dtype=np.uint64)
    with Store.open(db) as store:
        step = 20_000
        for start in range(0, n, step):
            part = sigs[start : start + step]
            frame = pd.DataFrame(
                {
                    "doc_id": [f"doc{start + i:08d}" for i in range(len(part))],
                    "text": "x",
                    "signature": [row.tolist() for row in part],
                    "ingested_at": pd.Timestamp("2026-12-06"),
                }
            )
            with store.transaction() as con:
                con.register("_rows", frame)
                con.execute(
                    "INSERT INTO documents (doc_id, text, signature, ingested_at) "
                    "SELECT doc_id, text, signature, ingested_at FROM _rows"
                )
                con.unregister("_rows")
        Ingester(store)  # bands every stored document, as the first ingest on an old store does


def probe(n: int) -> list[tuple[int, ...]]:
    """64 signatures: even ones near-copies of stored documents, odd ones new."""
    rng = np.random.default_rng(SEED)
    stored = rng.integers(0, 2**32, size=(n, NUM_PERM), dtype=np.uint64)
    other = np.random.default_rng(SEED + 1)
    out = []
    for i in range(BATCH):
        if i % 2 == 0:
            sig = stored[(i * 7919) % n].copy()
            sig[other.choice(NUM_PERM, 12, replace=False)] = other.integers(0, 2**32, 12)
        else:
            sig = other.integers(0, 2**32, NUM_PERM, dtype=np.uint64)
        out.append(tuple(int(x) for x in sig))
    return out


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(method: str, db: Path, n: int) -> dict[str, object]:
    sigs = probe(n)
    with Store.open(db) as store:
        t0 = time.perf_counter()
        if method == "memory":
            index = NearDuplicateIndex()
            cur = store.con.cursor()
            cur.execute("SELECT doc_id, signature FROM documents ORDER BY rowid")
            while rows := cur.fetchmany(4096):
                for doc_id, sig in rows:
                    index.add(str(doc_id), tuple(int(x) for x in sig))
            cur.close()
            ready = time.perf_counter() - t0
            t0 = time.perf_counter()
            found = [index.match(s) for s in sigs]
        else:
            ing = Ingester(store)  # the store is banded: no back-fill, just three counts
            ready = time.perf_counter() - t0
            t0 = time.perf_counter()
            found = ing._stored_matches(sigs)
        lookup = time.perf_counter() - t0
    return {"ready": ready, "lookup": lookup, "peak_mb": peak_rss_mb(), "found": found}


def run(method: str, db: Path, n: int) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", method, "--db", str(db), "--n", str(n)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"{method} at N={n} failed:\n{out.stderr}")
    result: dict[str, object] = json.loads(out.stdout)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--child", choices=("memory", "store"), help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db, args.n)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"one lookup batch of {BATCH} signatures (half near-copies of stored documents)")
    print(f"{'stored':>9} {'method':<13} {'peak MB':>8} {'ready s':>8} {'lookup ms':>10}")
    peaks: dict[str, list[float]] = {"memory": [], "store": []}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            db = Path(tmp) / f"d{n}.duckdb"
            build(db, n)
            res = {m: run(m, db, n) for m in ("memory", "store")}
            if res["memory"]["found"] != res["store"]["found"]:
                raise SystemExit(f"N={n}: the two methods disagree on the near-duplicates")
            hits = sum(f is not None for f in res["store"]["found"])  # type: ignore[union-attr]
            for m, label in (("memory", "in-memory"), ("store", "store index")):
                r = res[m]
                peaks[m].append(float(r["peak_mb"]))  # type: ignore[arg-type]
                print(
                    f"{n:>9,} {label:<13} {r['peak_mb']:>8.0f} {r['ready']:>8.2f} "
                    f"{1000 * float(r['lookup']):>10.1f}"  # type: ignore[arg-type]
                )
            print(f"{'':>9} both found {hits} of {BATCH // 2} near-copies, the same documents")
        if len(sizes) > 1:
            grow = {m: p[-1] - p[0] for m, p in peaks.items()}
            print(
                f"peak memory growth from {sizes[0]:,} to {sizes[-1]:,} stored documents: "
                f"in-memory {grow['memory']:+.0f} MB, store index {grow['store']:+.0f} MB"
            )


if __name__ == "__main__":
    main()
