#!/usr/bin/env python3
"""Benchmark: does ingest + code scale with workers, and does its memory stay flat in corpus size?

For each corpus size (generated pages: the generator of ``bench_ingest.py``, unique pages
recombined from the sample corpus, half HTML, half text dumps), and each configuration:

- ``local1``: ``nonaligned ingest --workers 1`` then ``nonaligned code --workers 1`` into a
  fresh store (end to end, the commands a user runs);
- ``local2``: the same with ``--workers 2``;
- ``spark``: ``nonaligned code --engine spark --master local[2] --input pages.jsonl --output DIR``
  on the same pages as JSON Lines (the Spark engine, when this checkout has it; otherwise
  "spark: not available (reason)");

it prints pages/s, sentences/s (sentences stored by ingest, per second of the whole run) and
the peak memory of the whole process tree (the command and its worker processes; their
proportional set sizes sampled from /proc every 0.1 s and summed — PSS counts a page shared by
forked workers once, where summing resident sizes would count the shared model weights once per
process — because ``getrusage(RUSAGE_CHILDREN)`` gives the largest single process, not the
tree). Then: the speed-up of 2 workers over 1, whether peak memory is flat in
corpus size (peak at the largest size / peak at the smallest), and the projected wall time of
one GDELT-scale day (250,000 pages) on 2 cores and on a 64-core cluster.

Each configuration runs as its own child process so one configuration's memory never counts
toward another's. At ~13 pages/s with two workers (realistic pages), 100k pages take over two
hours (one worker: four): ``--sizes`` and ``--configs`` choose what to run, ``--quick`` is
``--sizes 200,1000``.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000,10000,100000]
        [--configs local1,local2,spark] [--quick]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GDELT_DAY = 250_000
CONFIGS = ("local1", "local2", "spark")
# Reading smaps_rollup walks a process's page tables: every 0.1 s over five processes it took a
# noticeable share of a core from the two-worker runs. A batch holds its memory for seconds, so
# half a second still sees every peak.
SAMPLE_EVERY = 0.5


def page_generator() -> Callable[..., int]:
    """``bench_ingest.generate``, imported by path: ``benchmarks`` is not a package."""
    spec = importlib.util.spec_from_file_location("bench_ingest", HERE / "bench_ingest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_ingest"] = module
    spec.loader.exec_module(module)
    generate: Callable[..., int] = module.generate
    return generate


def write_jsonl(folder: Path, out: Path) -> int:
    """The same pages as JSON Lines, one page a line, in the fields the Spark engine and the local
    JSON Lines reader share (docs/spark.md): ``id``, ``url`` and the page as ``html`` (HTML
    pages) or ``text`` (text dumps). No ``title`` or ``date``: extraction finds them in the page,
    as it does for the files the local configurations ingest."""
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for p in sorted(folder.iterdir()):
            kind = "html" if p.suffix == ".html" else "text"
            record = {
                "id": p.stem,
                "url": f"https://bench.example/{p.name}",
                kind: p.read_text(encoding="utf-8"),
            }
            f.write(json.dumps(record) + "\n")
            n += 1
    return n


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _memory_kb(pid: int) -> tuple[int, int]:
    """The process's (resident, proportional) set sizes in KiB. PSS counts each shared page
    once across the processes sharing it (the workers forked from the fork server share its
    loaded models); where smaps_rollup is not readable, both are the resident size."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii", errors="replace")
        found = {}
        for line in rollup.splitlines():
            key = line.split(":", 1)[0]
            if key in ("Rss", "Pss"):
                found[key] = int(line.split()[1])
        if "Rss" in found and "Pss" in found:
            return found["Rss"], found["Pss"]
    except OSError:
        pass
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
                return rss, rss
    except OSError:
        pass
    return 0, 0


def _role(pid: int, root: int, parent: int) -> str:
    """What a process of the tree is: the command itself, the pool's fork server, a worker,
    or a helper (multiprocessing's resource tracker)."""
    if pid == root:
        return "command"
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
    except OSError:
        return "worker"
    if "resource_tracker" in cmdline:
        return "helper"
    if "forkserver" in cmdline and parent == root:
        return "server"
    return "worker"


@dataclass
class Tree:
    """Peak memory of a process tree: the sum (PSS) and each process's own (RSS and PSS)."""

    peak_kb: int = 0
    roles: dict[int, str] = field(default_factory=dict)
    rss_kb: dict[int, int] = field(default_factory=dict)
    pss_kb: dict[int, int] = field(default_factory=dict)

    def sample(self, root: int) -> None:
        tree = _children()
        total, stack = 0, [(root, 0)]
        while stack:
            pid, parent = stack.pop()
            rss, pss = _memory_kb(pid)
            total += pss
            if pid not in self.roles:
                self.roles[pid] = _role(pid, root, parent)
            self.rss_kb[pid] = max(self.rss_kb.get(pid, 0), rss)
            self.pss_kb[pid] = max(self.pss_kb.get(pid, 0), pss)
            stack.extend((kid, pid) for kid in tree.get(pid, ()))
        self.peak_kb = max(self.peak_kb, total)

    def largest(self, role: str) -> tuple[float, float]:
        """The largest peak RSS and PSS of any process in ``role``, in MB."""
        pids = [p for p, r in self.roles.items() if r == role]
        if not pids:
            return 0.0, 0.0
        return (
            max(self.rss_kb[p] for p in pids) / 1024,
            max(self.pss_kb[p] for p in pids) / 1024,
        )

    def count(self, role: str) -> int:
        return sum(1 for r in self.roles.values() if r == role)


@dataclass
class Run:
    seconds: float
    peak_mb: float
    stdout: str
    returncode: int
    stderr: str
    tree: Tree


def run_tree(cmd: list[str], cwd: Path) -> Run:
    """Run ``cmd``; sample the tree's memory every ``SAMPLE_EVERY`` seconds; return time, peaks
    and output."""
    t0 = time.perf_counter()
    tree = Tree()
    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
    ):
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, text=True)
        while proc.poll() is None:
            tree.sample(proc.pid)
            time.sleep(SAMPLE_EVERY)
        seconds = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        return Run(seconds, tree.peak_kb / 1024, out.read(), proc.returncode, err.read(), tree)


def nonaligned(*args: str) -> list[str]:
    return [sys.executable, "-m", "nonaligned", "--quiet", *args]


@dataclass
class Result:
    config: str
    pages: int
    seconds: float
    sentences: int
    peak_mb: float
    tree: Tree | None = None

    @property
    def pages_s(self) -> float:
        return self.pages / self.seconds

    @property
    def sentences_s(self) -> float:
        return self.sentences / self.seconds


def run_local(workers: int, corpus: Path, work: Path, pages: int) -> Result:
    """``ingest --code`` into a fresh store with ``workers`` processes: the one command a user
    runs, one pool for both steps (each worker loads its models once)."""
    db = work / f"local{workers}.duckdb"
    run = run_tree(
        nonaligned("--db", str(db), "ingest", str(corpus), "--code", "--workers", str(workers)),
        work,
    )
    if run.returncode:
        raise SystemExit(f"ingest --code failed: {run.stderr[-2000:]}")
    found = re.search(r"\(([\d,]+) sentences", run.stdout)
    sentences = int(found.group(1).replace(",", "")) if found else 0
    print(f"    ingest --code {run.seconds:7.1f} s", flush=True)
    return Result(f"local{workers}", pages, run.seconds, sentences, run.peak_mb, run.tree)


def spark_unavailable() -> str | None:
    """Why ``nonaligned code --engine spark`` cannot run here, or None."""
    helptext = subprocess.run(
        nonaligned("code", "--help"), capture_output=True, text=True, check=False
    ).stdout
    if "--engine" not in helptext:
        return "`nonaligned code` has no --engine option in this checkout"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'nonaligned[spark]')"
    return None


def run_spark(jsonl: Path, work: Path, pages: int) -> Result:
    out = work / "spark-out"
    shutil.rmtree(out, ignore_errors=True)
    cmd = nonaligned("code", "--engine", "spark", "--input", str(jsonl), "--output", str(out))
    helptext = subprocess.run(
        nonaligned("code", "--help"), capture_output=True, text=True, check=False
    ).stdout
    if "--master" in helptext:
        cmd += ["--master", "local[2]"]
    run = run_tree(cmd, work)
    if run.returncode:
        raise RuntimeError(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "failed")
    return Result("spark", pages, run.seconds, parquet_rows(out / "sentences"), run.peak_mb)


def parquet_rows(folder: Path) -> int:
    """Rows of a Parquet table folder (the Spark run's summary line does not count sentences)."""
    import duckdb

    files = str(folder / "**" / "*.parquet")
    if not list(folder.rglob("*.parquet")):
        return 0
    with duckdb.connect() as con:
        row = con.execute(f"SELECT count(*) FROM read_parquet('{files}')").fetchone()
    return int(row[0]) if row else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes in pages")
    ap.add_argument("--configs", default=",".join(CONFIGS), help="local1,local2,spark")
    ap.add_argument("--quick", action="store_true", help="sizes 200,1000")
    ap.add_argument(
        "--html-kb",
        type=int,
        default=190,
        help="size of each generated HTML page (default 190, the real pages' average; 0: the "
        "short pages of earlier runs)",
    )
    args = ap.parse_args()
    sizes = [200, 1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    configs = [c for c in args.configs.split(",") if c]
    unknown = set(configs) - set(CONFIGS)
    if unknown:
        raise SystemExit(f"unknown configs: {', '.join(sorted(unknown))}")
    if max(sizes) >= 50_000 and any(c.startswith("local") for c in configs):
        print(
            f"note: {max(sizes):,} realistic pages at ~13 pages/s (two workers; one runs at "
            f"half that) take over {max(sizes) / 13 / 3600:.1f} h with local2 and "
            f"{max(sizes) / 6.5 / 3600:.1f} h with local1; Ctrl-C to stop, or choose smaller "
            "--sizes / fewer --configs",
            flush=True,
        )
    spark_why = spark_unavailable() if "spark" in configs else None
    generate = page_generator()
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for n in sizes:
            corpus = root / f"corpus{n}"
            corpus.mkdir()
            mb = generate(corpus, n, html_kb=args.html_kb) / 2**20
            jsonl = root / f"pages{n}.jsonl"
            if "spark" in configs and not spark_why:  # the same pages again, only for Spark
                write_jsonl(corpus, jsonl)
            print(f"\n{n:,} pages ({mb:.1f} MB)", flush=True)
            for config in configs:
                work = root / f"work-{config}-{n}"
                work.mkdir()
                if config == "spark":
                    if spark_why:
                        print(f"  spark: not available ({spark_why})", flush=True)
                        continue
                    try:
                        r = run_spark(jsonl, work, n)
                    except RuntimeError as exc:
                        print(f"  spark: not available ({exc})", flush=True)
                        continue
                else:
                    r = run_local(int(config[-1]), corpus, work, n)
                results.append(r)
                print(
                    f"  {r.config:7} {r.pages_s:8.1f} pages/s {r.sentences_s:9.1f} sentences/s "
                    f"peak {r.peak_mb:7.0f} MB   ({r.seconds:.1f} s)",
                    flush=True,
                )
                if r.tree is not None:
                    print(f"          {processes(r.tree)}", flush=True)
                shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(corpus, ignore_errors=True)
            jsonl.unlink(missing_ok=True)
    summarise(results, sizes)


def processes(tree: Tree) -> str:
    """Each kind of process's own peak: what the per-worker ceiling is stated against."""
    parts = []
    for role, name in (("command", "command"), ("server", "fork server"), ("worker", "worker")):
        if tree.count(role):
            rss, pss = tree.largest(role)
            many = f"largest of {tree.count(role)} " if tree.count(role) > 1 else ""
            parts.append(f"{many}{name} {rss:.0f} MB RSS / {pss:.0f} MB PSS")
    return "; ".join(parts)


def summarise(results: list[Result], sizes: list[int]) -> None:
    by = {(r.config, r.pages): r for r in results}
    print("\nsummary")
    for n in sizes:
        one, two = by.get(("local1", n)), by.get(("local2", n))
        if one and two:
            print(
                f"  {n:>7,} pages: 2 workers / 1 worker = {two.pages_s / one.pages_s:.2f}x "
                "(aim >= 1.8x)"
            )
        spark = by.get(("spark", n))
        if spark and two:
            print(
                f"  {n:>7,} pages: Spark local[2] / local engine with 2 workers = "
                f"{spark.pages_s / two.pages_s:.2f}x ({spark.pages_s:.1f} vs {two.pages_s:.1f} "
                "pages/s: what one 2-core cluster node does, before the cluster's own costs)"
            )
    lo, hi = min(sizes), max(sizes)
    for config in CONFIGS:
        a, b = by.get((config, lo)), by.get((config, hi))
        if a and b and lo != hi:
            print(
                f"  {config}: peak memory at {hi:,} / at {lo:,} pages = "
                f"{b.peak_mb / a.peak_mb:.2f}x ({a.peak_mb:.0f} -> {b.peak_mb:.0f} MB; "
                f"flat would be ~1.0x for a {hi // lo}x larger corpus)"
            )
            if a.tree is not None and b.tree is not None and a.tree.count("worker"):
                wa, wb = a.tree.largest("worker")[0], b.tree.largest("worker")[0]
                ca, cb = a.tree.largest("command")[0], b.tree.largest("command")[0]
                print(
                    f"  {config}: largest worker {wa:.0f} -> {wb:.0f} MB RSS "
                    f"({wb / wa:.2f}x), command {ca:.0f} -> {cb:.0f} MB RSS ({cb / ca:.2f}x)"
                )
    one, two = by.get(("local1", hi)), by.get(("local2", hi))
    if one:
        eff = (two.pages_s / (2 * one.pages_s)) if two else 1.0
        per_core = one.pages_s * eff
        basis = (
            f"from local1 at {hi:,} pages ({one.pages_s:.1f} pages/s per core) and the "
            f"2-worker efficiency {eff:.2f}"
        )
    elif two:  # only two workers ran: their measured rate is what two cores do
        per_core = two.pages_s / 2
        basis = f"from local2 at {hi:,} pages ({two.pages_s:.1f} pages/s on 2 cores)"
    else:
        return
    print(
        f"  one GDELT-scale day ({GDELT_DAY:,} pages), {basis}; assumed to hold at every core "
        "count (linear scaling, no I/O or driver limit):"
    )
    for cores in (2, 64):
        print(f"    {cores:>2} cores: {GDELT_DAY / (per_core * cores) / 3600:6.2f} h")


if __name__ == "__main__":
    main()
