#!/usr/bin/env python3
"""Benchmark: ingest throughput on a generated corpus (documents/s and MB/s).

Generates N pages (default 10,000) by recombining the paragraphs of the project's own sample
corpus into new pages — text dumps with site furniture and HTML pages with navigation, each page
unique (its own headline, date and paragraph order, so neither exact nor near-duplicate
detection short-circuits the work) — then times:

1. extraction, de-duplication and storage only (``--no-annotate``), on all N pages;
2. the full ingest with sentences and actor recognition (spaCy), on the first ``--annotate-pages``
   pages (default 1,000), with 1 and 2 worker processes;

and, as a baseline in the same run, merely reading and decoding every file (the I/O floor).

    .venv/bin/python benchmarks/bench_ingest.py [--pages 10000] [--annotate-pages 1000]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import tempfile
import time
from pathlib import Path

from nonaligned.engine.ingest import ingest
from nonaligned.store import Store
from nonaligned.text.readers import RawDoc, iter_inputs

SAMPLE = Path(__file__).resolve().parents[1] / "nonaligned" / "text" / "sample"
FURNITURE_TOP = "Home\n\n  • News\n  • Politics\n  • Region\n  • Opinion\n\nShare 0 0\n"
FURNITURE_END = (
    "\nRelated posts\n\n  • Another story\n  • Yet another story\n\nTags: diplomacy, region\n"
)


def paragraphs() -> list[str]:
    """Body-like paragraphs (long enough lines) from the sample text pages."""
    out = []
    for p in sorted(SAMPLE.glob("*.txt")):
        for line in p.read_text(encoding="utf-8").splitlines():
            if len(line) > 120 and not line.startswith(("  •", "http")):
                out.append(line.strip())
    return out


def generate(folder: Path, n: int, seed: int = 0) -> int:
    rng = random.Random(seed)
    paras = paragraphs()
    size = 0
    for i in range(n):
        k = rng.randint(3, 7)
        body = rng.sample(paras, k)
        day = (
            f"2{rng.randint(0, 2)}{rng.randint(10, 24)}-0{rng.randint(1, 9)}-{rng.randint(10, 28)}"
        )
        title = f"Report {i}: " + re.sub(r"\W+", " ", body[0][:60])
        body.append(f"Reference number {i} of the generated benchmark corpus, seed {seed}.")
        if i % 2:
            text = (
                FURNITURE_TOP
                + f"\n{title}\n\nBy Desk {i % 17}\n{day}\n\n"
                + "\n\n".join(body)
                + FURNITURE_END
            )
            path = folder / f"page{i:06d}.txt"
        else:
            text = (
                f"<html><head><title>{title}</title><meta property='article:published_time' "
                f"content='{day}T10:00:00+04:00'></head><body><nav><a href='/'>Home</a> "
                "<a href='/p'>Politics</a></nav><article><h1>"
                + title
                + "</h1>"
                + "".join(f"<p>{b}</p>" for b in body)
                + "</article><aside>Related: other stories</aside><footer>© site</footer></body></html>"
            )
            path = folder / f"page{i:06d}.html"
        path.write_text(text, encoding="utf-8")
        size += path.stat().st_size
    return size


def timed_ingest(folder: Path, db: Path, **kw: object) -> tuple[float, object]:
    with Store.open(db) as store:
        t0 = time.perf_counter()
        summary = ingest(store, [str(folder)], **kw)  # type: ignore[arg-type]
        return time.perf_counter() - t0, summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--annotate-pages", type=int, default=1_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        corpus.mkdir()
        size = generate(corpus, args.pages)
        mb = size / 2**20
        print(f"generated {args.pages:,} pages, {mb:.1f} MB (text dumps and HTML, each unique)")

        t0 = time.perf_counter()
        n = sum(1 for r in iter_inputs([str(corpus)]) if isinstance(r, RawDoc))
        floor = time.perf_counter() - t0
        print(f"baseline: read and decode only      {n / floor:9.1f} docs/s {mb / floor:7.2f} MB/s")

        secs, s = timed_ingest(corpus, root / "a.duckdb", annotate=False, batch_size=256)
        print(
            f"ingest, no annotation, 1 worker     {args.pages / secs:9.1f} docs/s {mb / secs:7.2f} MB/s"
            f"   ({secs:.1f} s; stored {s.stored}, ratio to baseline {secs / floor:.1f}x)"  # type: ignore[attr-defined]
        )
        sub = root / "sub"
        sub.mkdir()
        files = sorted(corpus.iterdir())[: args.annotate_pages]
        sub_mb = sum(f.stat().st_size for f in files) / 2**20
        for f in files:
            shutil.copy(f, sub / f.name)
        for workers in (1, 2):
            secs, s = timed_ingest(sub, root / f"w{workers}.duckdb", workers=workers, batch_size=32)
            print(
                f"ingest + actors, {workers} worker(s)        {len(files) / secs:9.1f} docs/s "
                f"{sub_mb / secs:7.2f} MB/s   ({secs:.1f} s for {len(files):,} pages, "
                f"{s.sentences:,} sentences, {s.mentions:,} mentions)"  # type: ignore[attr-defined]
            )


if __name__ == "__main__":
    main()
