#!/usr/bin/env python3
"""Benchmark: the dashboard under load — 50 concurrent clients against /api/profile/AZE.

Starts ``uvicorn`` with the dashboard in a subprocess on a free loopback port (127.0.0.1 only),
warms the cache, then runs N concurrent clients (httpx, one event loop, in this process) for a
fixed time and prints requests/s and p50/p95/p99 latency. In the same run, two baselines:

- the trivial ``/api/versions`` (cached, small) at the same concurrency: the floor of the server
  and client themselves, printed as a ratio;
- the profile with the result cache disabled (a second server, ``cache_size=0``) with a few
  clients for a few seconds: what a cache miss costs, i.e. what the cache buys.

The aim (from the issue): p95 < 50 ms at 50 clients on cache hits. Without ``--db`` a temporary
store is built first (records and ideal points, as ``nonaligned build`` does; about 10 s).

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


def build_store(path: Path) -> None:
    from nonaligned.measures.api import Measures
    from nonaligned.records import Records
    from nonaligned.records.load import load_records
    from nonaligned.store import Store

    with Store.open(path) as store:
        load_records(store)
        Measures(Records(store)).idealpoints()


class Server:
    """The dashboard in a subprocess on a loopback port; stopped (by its own pid) on exit."""

    def __init__(self, db: Path, cache_size: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(db), str(self.port), str(cache_size)],
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
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
    args = ap.parse_args()
    if args.seconds <= 0 or args.clients < 1 or args.seconds > 600:
        raise SystemExit("--seconds in (0, 600] and --clients >= 1")

    load = raw_load if args.client == "raw" else httpx_load
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "bench.duckdb"
            t0 = time.perf_counter()
            build_store(db)
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


if __name__ == "__main__":
    main()
