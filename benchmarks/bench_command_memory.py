#!/usr/bin/env python3
"""Benchmark: the memory of the ingest command's own process (the one that reads pages and
writes the store), now against the behaviour before issue 17's last change, in one run.

The workers are replaced every 32 batches and stay flat; what still followed the corpus was
the command. Two things kept pages alive there: it read 256 inputs ahead of the work (each a
decoded page of about 190 KB of HTML), and glibc's malloc, once a page-sized block had been
freed, served the next pages from its heap, whose holes it rarely gives back. Now it reads
64 ahead and fixes the mmap threshold (``nonaligned/engine/memory.py``).

Both runs ingest the same generated pages (``bench_ingest.generate``, realistic 190 KB HTML)
with ``--workers 2`` into fresh stores, each in its own process:

- ``before``: ``READ_AHEAD`` set back to 256 and the threshold left to glibc;
- ``now``: the code as it is.

It samples the command's resident size every 0.2 s (the workers are not counted: they are the
same in both runs) and prints its peak, its median and the quartiles over the run, the time,
and the ratios now / before. ``--rounds`` (default 2) repeats both, alternating which goes
first.

    .venv/bin/python benchmarks/bench_command_memory.py [--pages 2000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # ``benchmarks`` is not a package: its scripts import each other

from bench_scale import _memory_kb, page_generator  # noqa: E402 - after the path it needs

# The child: the CLI's own entry point, with the old behaviour restored for "before".
CHILD = """
import sys
import nonaligned.engine.ingest as ingest
import nonaligned.engine.memory as memory
if sys.argv[1] == "before":
    ingest.READ_AHEAD = 256  # the read-ahead before issue 17's last change
    memory._done = True  # as if already set: glibc's threshold stays adjustable
from nonaligned.cli import main
raise SystemExit(main(sys.argv[2:]))
"""


def run(mode: str, corpus: Path, db: Path) -> tuple[float, list[float], str]:
    """Ingest ``corpus`` in a child process; its time, its RSS samples and its summary line."""
    cmd = [
        sys.executable,
        "-c",
        CHILD,
        mode,
        "--quiet",
        "--db",
        str(db),
        "ingest",
        str(corpus),
        "--workers",
        "2",
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples: list[float] = []
    while proc.poll() is None:
        rss_kb, _ = _memory_kb(proc.pid)  # (0, 0) once the process is gone
        if rss_kb:
            samples.append(rss_kb / 1024)
        time.sleep(0.2)
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{mode}: ingest failed ({proc.returncode}): {err[-2000:]}")
    first = next((line for line in out.splitlines() if line.startswith("read ")), "")
    return seconds, samples, first


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000, help="generated pages (default 2000)")
    ap.add_argument("--rounds", type=int, default=2, help="runs of each, alternating (default 2)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "pages"
        corpus.mkdir()
        mb = page_generator()(corpus, args.pages, html_kb=190) / 2**20
        print(f"{args.pages:,} realistic pages ({mb:.0f} MB), ingest --workers 2\n", flush=True)
        figures: dict[str, list[tuple[float, float, float]]] = {"before": [], "now": []}
        # alternate the order (before, now; now, before; ...): a run that warms the disk cache
        # or meets a busier machine favours neither side
        for r in range(args.rounds):
            for mode in ("before", "now") if r % 2 == 0 else ("now", "before"):
                seconds, samples, summary = run(mode, corpus, root / f"{mode}{r}.duckdb")
                q1, median, q3 = statistics.quantiles(samples, n=4)
                peak = max(samples)
                figures[mode].append((peak, median, seconds))
                print(
                    f"  round {r + 1} {mode:6s} command RSS peak {peak:5.0f} MB, median "
                    f"{median:5.0f} MB (quartiles {q1:.0f}-{q3:.0f}), {seconds:6.1f} s, "
                    f"{len(samples)} samples",
                    flush=True,
                )
                print(f"         {summary}", flush=True)
        # over the rounds: the highest peak, the mean median, the fastest time
        agg = {
            mode: (
                max(f[0] for f in runs),
                statistics.mean(f[1] for f in runs),
                min(f[2] for f in runs),
            )
            for mode, runs in figures.items()
        }
        (p0, m0, s0), (p1, m1, s1) = agg["before"], agg["now"]
        print(
            f"\nbefore: peak {p0:.0f} MB, median {m0:.0f} MB, fastest {s0:.1f} s; now: peak "
            f"{p1:.0f} MB, median {m1:.0f} MB, fastest {s1:.1f} s\n"
            f"now / before: peak {p1 / p0:.2f}x, median {m1 / m0:.2f}x, time {s1 / s0:.2f}x "
            f"(highest peak, mean median and fastest time of {args.rounds} round(s))",
            flush=True,
        )


if __name__ == "__main__":
    main()
