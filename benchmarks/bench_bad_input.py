#!/usr/bin/env python3
"""Benchmark: peak memory and time of an ingest fed the hostile corpus of issue 13.

Builds, in a temporary folder, the good sample pages alone (the baseline) and the same pages
mixed with every bad input of ``tests/bad_corpus.py`` — a gzip bomb, a gzipped WARC whose header
line decompresses to ``--bomb-mb`` (default 1,200 MB: the file that peaked at 3.7 GB before the
limits), a gzipped JSON Lines line of the same size, lone surrogates, a non-UTF-8 file name, a
1.4 MB paragraph, a page of 100,000 paragraphs, a garbage WARC, a FIFO, /dev/zero and
/dev/urandom, an empty file, a UTF-7 page, a truncated gzip — then ingests each (with sentences
and actors unless ``--no-annotate``) in a fresh child process and prints its peak RSS and time.
Exits 1 if the hostile ingest goes over ``--ceiling-mb`` (default 800 MB) or fails to store
a good page or to name a bad one.

    .venv/bin/python benchmarks/bench_bad_input.py [--bomb-mb 1200] [--no-annotate]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def child(folder: str, db: str, annotate: bool) -> None:
    """Ingest ``folder`` into ``db``; print peak RSS, time and what was stored and skipped."""
    from nonaligned.engine.ingest import ingest, list_skipped
    from nonaligned.store import Store

    started = time.perf_counter()
    with Store.open(db) as store:
        summary = ingest(store, [folder], annotate=annotate)
        stored = [
            Path(p).name
            for (p,) in store.con.execute("SELECT path FROM document_sources").fetchall()
        ]
        skipped = list_skipped(store)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(
        json.dumps(
            {
                "peak_mb": peak,
                "seconds": seconds,
                "stored": stored,
                "skipped": {
                    Path(p).name: r for p, r in zip(skipped["path"], skipped["reason"], strict=True)
                },
                "summary": summary.lines(),
                # thinc imports torch whenever it is installed (~500 MB): say so, or a
                # ceiling breach looks like ours
                "torch": "torch" in sys.modules,
            }
        )
    )


def run(folder: Path, db: Path, annotate: bool) -> dict[str, object]:
    args = [sys.executable, __file__, "--child", str(folder), str(db)]
    if not annotate:
        args.append("--no-annotate")
    done = subprocess.run(args, capture_output=True, text=True, check=True, cwd=ROOT)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bomb-mb", type=int, default=1200, help="decompressed size of each bomb")
    ap.add_argument("--ceiling-mb", type=int, default=800, help="peak RSS allowed")
    ap.add_argument("--no-annotate", action="store_true", help="skip sentences and actors")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], not args.no_annotate)
        return 0

    from bad_corpus import build, shown

    annotate = not args.no_annotate
    with tempfile.TemporaryDirectory(prefix="bench_bad_input_") as tmp:
        base = Path(tmp)
        t = time.perf_counter()
        good = build(base / "good", good_only=True)
        hostile = build(base / "hostile", bomb_bytes=args.bomb_mb * 1_000_000)
        on_disk = sum(
            p.stat().st_size for p in (base / "hostile").iterdir() if p.name.startswith("bomb.")
        )
        print(
            f"corpus: {len(good.stored)} good pages; + {len(hostile.bad)} bad inputs and "
            f"{len(hostile.stored) - len(good.stored)} odd-but-good ones; three bombs of "
            f"{args.bomb_mb:,} MB decompressed each ({on_disk / 1e6:.1f} MB on disk), "
            f"written in {time.perf_counter() - t:.0f} s"
        )
        a = run(base / "good", base / "good.duckdb", annotate)
        b = run(base / "hostile", base / "hostile.duckdb", annotate)
    mode = "with sentences and actors" if annotate else "extraction only (--no-annotate)"
    print(f"ingest, {mode}, each in a fresh process:")
    print(f"  good pages only   peak RSS {a['peak_mb']:7.0f} MB  {a['seconds']:6.1f} s")
    print(f"  hostile corpus    peak RSS {b['peak_mb']:7.0f} MB  {b['seconds']:6.1f} s")
    print(f"  difference        {float(b['peak_mb']) - float(a['peak_mb']):+7.0f} MB")  # type: ignore[arg-type]
    print(f"  ceiling           {args.ceiling_mb:7d} MB")
    if a.get("torch") or b.get("torch"):
        print(
            "  note: torch is installed in this environment and spaCy's thinc imported it "
            "(about 500 MB of the peak); nonaligned does not need it"
        )
    for line in b["summary"]:  # type: ignore[attr-defined]
        print("  " + line)
    ok = True
    stored = set(b["stored"])  # type: ignore[call-overload]
    skipped: dict[str, str] = b["skipped"]  # type: ignore[assignment]
    for name in hostile.stored:
        if shown(name) not in stored:
            print(f"FAIL: good page {shown(name)} not stored")
            ok = False
    for name, fragment in hostile.bad.items():
        if fragment not in skipped.get(name, ""):
            print(f"FAIL: {name} not named with {fragment!r} (got {skipped.get(name)!r})")
            ok = False
    if float(b["peak_mb"]) > args.ceiling_mb:  # type: ignore[arg-type]
        print(f"FAIL: peak RSS over the ceiling of {args.ceiling_mb} MB")
        ok = False
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
