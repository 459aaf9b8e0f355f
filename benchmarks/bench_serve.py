#!/usr/bin/env python3
"""Benchmark: the dashboard under load — cached profiles, and cheap endpoints while uncached
profiles queue (issue 13).

Starts ``uvicorn`` with the dashboard in a subprocess on a free loopback port (127.0.0.1 only),
warms the cache, then runs N concurrent clients (httpx, one event loop, in this process) for a
fixed time and prints requests/s and p50/p95/p99 latency. In the same run, two baselines:

- the trivial ``/api/versions`` (cached, small) at the same concurrency: the floor of the server
  and client themselves, printed as a ratio;
- the profile with the result cache disabled (a second server, ``cache_size=0``) with a few
  clients for a few seconds: what a cache miss costs, i.e. what the cache buys.

Then the mixed run (issue 13): ``--cheap-clients`` clients (20) cycle through the cheap
endpoints (/api/countries, /api/versions, /api/events pages cached and uncached, /events,
/static/style.css) for ``--seconds``, alone (the baseline), then again while ``--heavy-clients``
clients (50) each ask for a profile nobody asked for before (a cache miss: another state, period
and replicate count every time), honouring the server's 503 + Retry-After. Printed: p50/p95 of
the cheap endpoints in both runs, what the heavy clients got (answers, 503s, latency), and the
server's peak RSS (VmHWM). Last, /api/events?actor=AZE&limit=100 at 50 clients, cached and with a
new page (offset) every request.

The aims: p95 < 50 ms at 50 clients on cache hits; p95 of the cheap endpoints < 100 ms while
heavy requests queue (cheap: every kind but the uncached events pages, which are store reads
queued for one of the server's ``cores - 1`` read slots and reported on their own line); the server's peak RSS < 1.5 GB. Without ``--db`` a temporary store is
built first (records and ideal points as ``nonaligned build`` does, the sample news ingested and
coded, their documents and events copied ``--events-scale`` times: about a minute).

    .venv/bin/python benchmarks/bench_serve.py [--db PATH] [--seconds 10] [--clients 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

AIM_P95_MS = 50.0
AIM_CHEAP_P95_MS = 100.0
AIM_RSS_MB = 1536.0
SERVER = """
import sys, uvicorn
from nonaligned.web.app import create_app
app = create_app(sys.argv[1], cache_size=int(sys.argv[3]))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(path: Path, events_scale: int) -> None:
    """Records and ideal points; with spaCy, the sample news coded and copied ``events_scale``
    times (new document and event ids), so /api/events reads a corpus of some size."""
    from nonaligned.measures.api import Measures
    from nonaligned.records import Records
    from nonaligned.records.load import load_records
    from nonaligned.store import Store

    with Store.open(path) as store:
        load_records(store)
        Measures(Records(store)).idealpoints()
        try:
            from nonaligned.engine.coding import code_store
            from nonaligned.engine.ingest import ingest
        except ImportError:
            print("no text extra: /api/events has no events to read")
            return
        ingest(
            store, [str(Path(__file__).resolve().parent.parent / "nonaligned" / "text" / "sample")]
        )
        code_store(store)
        if events_scale > 1:
            con = store.con
            copy = "md5({col} || '/' || i::VARCHAR)"
            con.execute(
                f"""INSERT INTO documents SELECT d.* REPLACE ({copy.format(col="d.doc_id")} AS doc_id)
                    FROM documents d, range(1, ?) t(i)""",
                [events_scale],
            )
            con.execute(
                f"""INSERT INTO sentences SELECT s.* REPLACE ({copy.format(col="s.doc_id")} AS doc_id)
                    FROM sentences s, range(1, ?) t(i)""",
                [events_scale],
            )
            con.execute(
                f"""INSERT INTO events SELECT e.* REPLACE (
                        {copy.format(col="e.doc_id")} AS doc_id,
                        {copy.format(col="e.event_id")} AS event_id)
                    FROM events e, range(1, ?) t(i)""",
                [events_scale],
            )
            n = con.execute("SELECT count(*) FROM events").fetchone()
            print(f"events copied {events_scale} times: {n[0] if n else 0:,} events")


class Server:
    """The dashboard in a subprocess on a loopback port; stopped (by its own pid) on exit."""

    def __init__(self, db: Path, cache_size: int) -> None:
        self.port = free_port()
        self.pid = 0
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(db), str(self.port), str(cache_size)],
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        self.pid = self.proc.pid
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited with status {self.proc.returncode}")
            try:
                if httpx.get(f"{self.url}/api/versions", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise SystemExit("the server did not answer within 60 s")
            time.sleep(0.2)

    def rss_mb(self, field: str = "VmHWM") -> float:
        """The server's peak (VmHWM) or current (VmRSS) resident memory, in MB (Linux)."""
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


async def raw_load(url: str, clients: int, seconds: float) -> tuple[list[float], int, float]:
    """Like :func:`httpx_load`, with a minimal HTTP/1.1 keep-alive client on asyncio streams.

    Why: the load generator shares the machine with the server; httpx spends about as much CPU
    per request as the server does, so with it the figures measure the client as much as the
    server. This client parses only the status line and Content-Length (the server's answers
    always carry it) — the same kind of lean generator as wrk or hey.
    """
    parts = httpx.URL(url)
    host, port = parts.host, parts.port or 80
    target = parts.raw_path.decode()
    request = f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                length = next(
                    int(x.split(":", 1)[1])
                    for x in lines
                    if x.lower().startswith("content-length:")
                )
                await reader.readexactly(length)
                if lines[0].split(" ")[1] == "200":
                    latencies.append(time.perf_counter() - t0)
                else:
                    errors += 1
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - t0


async def _get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, port: int, target: str
) -> tuple[int, dict[str, str]]:
    """One GET on a keep-alive connection: (status, headers); the body is read and dropped."""
    writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {
        k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)
    }
    await reader.readexactly(int(headers.get("content-length", "0")))
    return int(lines[0].split(" ")[1]), headers


class Mix:
    """Latencies per endpoint kind, answers per status."""

    def __init__(self) -> None:
        self.lat: dict[str, list[float]] = {}
        self.status: dict[int, int] = {}

    def add(self, kind: str, status: int, dt: float) -> None:
        self.status[status] = self.status.get(status, 0) + 1
        if status == 200:
            self.lat.setdefault(kind, []).append(dt)

    def all(self) -> list[float]:
        return [x for v in self.lat.values() for x in v]


CHEAP = [
    ("countries", "/api/countries"),
    ("versions", "/api/versions"),
    ("events (cached)", "/api/events?actor=AZE&limit=100"),
    ("events (new page)", "/api/events?actor={actor}&limit=100&offset={offset}"),
    ("events page", "/events?actor=AZE&limit=50"),
    ("static", "/static/style.css"),
]
STORE_READS = ("events (new page)",)  # cache misses that read the store (read slots)
ACTORS = ["AZE", "RUS", "USA", "ARM", "TUR", "IRN", "GEO", "EU"]
HEAVY_STATES = ["AZE", "ARM", "GEO", "KAZ", "UZB", "TKM", "KGZ", "TJK", "TUR", "IRN", "IND", "BRA"]


async def mixed_load(
    base: str, cheap_clients: int, heavy_clients: int, seconds: float, seed: int
) -> tuple[Mix, Mix]:
    """Cheap clients cycle through :data:`CHEAP`; heavy clients each ask for a profile never
    asked before (a cache miss) and sleep for the Retry-After of a 503 (at most 2 s)."""
    parts = httpx.URL(base)
    host, port = str(parts.host), int(parts.port or 80)
    cheap, heavy = Mix(), Mix()
    stop = time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def cheap_worker(n: int) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            i = n
            while time.perf_counter() < stop:
                kind, target = CHEAP[i % len(CHEAP)]
                k = next(counter)
                target = target.format(
                    actor=ACTORS[k % len(ACTORS)], offset=(seed * 100_000 + k) % 5000
                )
                t0 = time.perf_counter()
                status, _ = await _get(reader, writer, host, port, target)
                cheap.add(kind, status, time.perf_counter() - t0)
                i += 1
        finally:
            writer.close()

    async def heavy_worker(n: int) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < stop:
                k = next(counter)
                state = HEAVY_STATES[k % len(HEAVY_STATES)]
                since = 1992 + (k // len(HEAVY_STATES)) % 25
                target = f"/api/profile/{state}?since={since}&replicates={20 + seed % 50 + n}"
                t0 = time.perf_counter()
                status, headers = await _get(reader, writer, host, port, target)
                heavy.add("profile", status, time.perf_counter() - t0)
                if status == 503:
                    await asyncio.sleep(min(2.0, float(headers.get("retry-after", "1"))))
        finally:
            writer.close()

    await asyncio.gather(
        *(cheap_worker(n) for n in range(cheap_clients)),
        *(heavy_worker(n) for n in range(heavy_clients)),
    )
    return cheap, heavy


def mix_report(name: str, mix: Mix, seconds: float) -> dict[str, float]:
    lat = mix.all()
    row = {"p50": pct(lat, 50) * 1000, "p95": pct(lat, 95) * 1000, "rps": len(lat) / seconds}
    codes = ", ".join(f"{k}: {v:,}" for k, v in sorted(mix.status.items()))
    print(
        f"  {name:<34} {len(lat):>7,} ok  {row['rps']:>8.1f} req/s   p50 {row['p50']:>7.1f} ms"
        f"   p95 {row['p95']:>7.1f} ms   (status {codes})"
    )
    for kind, values in sorted(mix.lat.items()):
        print(
            f"      {kind:<30} {len(values):>7,}       p50 {pct(values, 50) * 1000:>7.1f} ms"
            f"   p95 {pct(values, 95) * 1000:>7.1f} ms"
        )
    return row


async def httpx_load(url: str, clients: int, seconds: float) -> tuple[list[float], int, float]:
    """``clients`` loops each sending one request after the other for ``seconds``.

    Returns the latencies (s) of successful requests, the number of errors, and the wall time.
    """
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        stop = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                try:
                    resp = await client.get(url)
                    ok = resp.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - t0)
                else:
                    errors += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - t0
    return latencies, errors, wall


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def report(name: str, lat: list[float], errors: int, wall: float) -> dict[str, float]:
    row = {
        "rps": len(lat) / wall if wall else 0.0,
        "p50": pct(lat, 50) * 1000,
        "p95": pct(lat, 95) * 1000,
        "p99": pct(lat, 99) * 1000,
    }
    print(
        f"  {name:<34} {len(lat):>7,} req  {row['rps']:>8.1f} req/s   p50 {row['p50']:>7.1f} ms"
        f"   p95 {row['p95']:>7.1f} ms   p99 {row['p99']:>7.1f} ms   errors {errors}"
    )
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="a built store (default: build a temporary one)")
    ap.add_argument("--seconds", type=float, default=10.0, help="load time per run (default 10)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--endpoint", default="/api/profile/AZE")
    ap.add_argument(
        "--client",
        choices=("raw", "httpx"),
        default="raw",
        help="load generator: a minimal HTTP/1.1 client (default) or httpx.AsyncClient",
    )
    ap.add_argument(
        "--uncached-seconds", type=float, default=5.0, help="cache-miss baseline time (0 skips)"
    )
    ap.add_argument("--cheap-clients", type=int, default=20, help="mixed run (default 20)")
    ap.add_argument("--heavy-clients", type=int, default=50, help="mixed run (default 50)")
    ap.add_argument(
        "--mix-seconds", type=float, default=20.0, help="each mixed run's time (0 skips)"
    )
    ap.add_argument(
        "--events-scale", type=int, default=500, help="copies of the sample events (built store)"
    )
    args = ap.parse_args()
    if args.seconds <= 0 or args.clients < 1 or args.seconds > 600:
        raise SystemExit("--seconds in (0, 600] and --clients >= 1")

    load = raw_load if args.client == "raw" else httpx_load
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "bench.duckdb"
            t0 = time.perf_counter()
            build_store(db, args.events_scale)
            print(f"built a temporary store in {time.perf_counter() - t0:.1f} s")
        print(
            f"{os.cpu_count()} CPUs; server: uvicorn, one process; clients: {args.client}, one "
            "event loop in another process; loopback only"
        )
        with Server(db, cache_size=256) as srv:
            t0 = time.perf_counter()
            httpx.get(srv.url + args.endpoint, timeout=120).raise_for_status()
            first = time.perf_counter() - t0
            print(f"first request (computes and caches the profile): {first * 1000:.0f} ms")
            asyncio.run(load(srv.url + args.endpoint, args.clients, 1.0))  # warm connections
            print(f"{args.clients} concurrent clients, {args.seconds:.0f} s each:")
            hit = report(
                f"{args.endpoint} (cached)",
                *asyncio.run(load(srv.url + args.endpoint, args.clients, args.seconds)),
            )
            base = report(
                "/api/versions (trivial baseline)",
                *asyncio.run(load(srv.url + "/api/versions", args.clients, args.seconds)),
            )
        if args.uncached_seconds > 0:
            few = min(args.clients, 4)
            with Server(db, cache_size=0) as srv:
                httpx.get(srv.url + args.endpoint, timeout=120).raise_for_status()
                print(f"cache disabled, {few} clients, {args.uncached_seconds:.0f} s:")
                miss = report(
                    f"{args.endpoint} (no cache)",
                    *asyncio.run(load(srv.url + args.endpoint, few, args.uncached_seconds)),
                )
            print(f"cache hit vs miss: p50 {miss['p50'] / hit['p50']:.0f}x faster")
        print(
            f"profile vs trivial endpoint at {args.clients} clients: p95 ratio "
            f"{hit['p95'] / base['p95']:.2f}, throughput ratio {hit['rps'] / base['rps']:.2f}"
        )
        met = hit["p95"] < AIM_P95_MS
        print(
            f"aim p95 < {AIM_P95_MS:.0f} ms at {args.clients} clients on cache hits: "
            f"{'MET' if met else 'NOT MET'} (p95 {hit['p95']:.1f} ms)"
        )
        if args.mix_seconds > 0:
            run_mix(db, args, load)


def run_mix(db: Path, args: argparse.Namespace, load: Any) -> None:
    """Cheap endpoints alone, then with uncached profiles queueing; then /api/events."""
    secs = args.mix_seconds
    with Server(db, cache_size=256) as srv:
        for _, target in CHEAP:  # warm: the cached cheap answers, the templates
            httpx.get(srv.url + target.format(actor="AZE", offset=0), timeout=60)
        idle = srv.rss_mb("VmRSS")
        print(
            f"mixed run, one server (cache on, heavy pool: the defaults), {secs:.0f} s each; "
            f"server RSS at rest {idle:.0f} MB:"
        )
        alone, _ = asyncio.run(mixed_load(srv.url, args.cheap_clients, 0, secs, seed=1))
        base = mix_report(f"cheap alone, {args.cheap_clients} clients", alone, secs)
        cheap, heavy = asyncio.run(
            mixed_load(srv.url, args.cheap_clients, args.heavy_clients, secs, seed=2)
        )
        under = mix_report(f"cheap + {args.heavy_clients} uncached profiles", cheap, secs)
        prof = mix_report("  the uncached profiles", heavy, secs)
        peak = srv.rss_mb("VmHWM")
        print(f"server peak RSS (VmHWM) over the runs: {peak:.0f} MB")
        print(f"/api/events?actor=AZE&limit=100, {args.clients} clients, {secs / 2:.0f} s:")
        report(
            "cached",
            *asyncio.run(load(srv.url + "/api/events?actor=AZE&limit=100", args.clients, secs / 2)),
        )
        fresh, _ = asyncio.run(mixed_load_events(srv.url, args.clients, secs / 2))
        mix_report("a new page every request", fresh, secs / 2)

    # The aim is over the cheap answers; an uncached events page is a store read that waits
    # for one of the server's read slots (cores - 1), reported on its own line.
    def cheap_p95(mix: Mix) -> float:
        return pct([x for k, v in mix.lat.items() if k not in STORE_READS for x in v], 95) * 1000

    def reads(mix: Mix) -> str:
        lat = [x for k in STORE_READS for x in mix.lat.get(k, [])]
        return f"p95 {pct(lat, 95) * 1000:.0f} ms, {len(lat) / secs:.1f} pages/s"

    p95_under, p95_alone = cheap_p95(cheap), cheap_p95(alone)
    ok_p95 = p95_under < AIM_CHEAP_P95_MS
    ok_rss = peak < AIM_RSS_MB
    print(
        f"aim p95 of cheap endpoints (all but {', '.join(STORE_READS)}) < "
        f"{AIM_CHEAP_P95_MS:.0f} ms while {args.heavy_clients} uncached profiles queue: "
        f"{'MET' if ok_p95 else 'NOT MET'} (p95 {p95_under:.1f} ms; alone {p95_alone:.1f} ms; "
        f"{prof['rps']:.2f} profiles/s answered)"
    )
    print(
        f"uncached events pages (store reads, queued for a read slot): alone {reads(alone)}; "
        f"with the profiles {reads(cheap)}"
    )
    del base, under
    print(
        f"aim server peak RSS < {AIM_RSS_MB:.0f} MB: {'MET' if ok_rss else 'NOT MET'} "
        f"({peak:.0f} MB)"
    )


async def mixed_load_events(base: str, clients: int, seconds: float) -> tuple[Mix, Mix]:
    """/api/events?actor=...: every request a page not asked before (a cache miss)."""
    parts = httpx.URL(base)
    host, port = str(parts.host), int(parts.port or 80)
    mix = Mix()
    stop = time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def worker() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < stop:
                k = next(counter)
                target = f"/api/events?actor=AZE&limit=100&offset={k + 1}"
                t0 = time.perf_counter()
                status, _ = await _get(reader, writer, host, port, target)
                mix.add("events", status, time.perf_counter() - t0)
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(clients)))
    return mix, Mix()


if __name__ == "__main__":
    main()
