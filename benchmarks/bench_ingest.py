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
import json
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


SITES = 17  # page templates, like the handful of sites a crawl of one region returns


def _site_chrome(site: int, html_kb: int) -> tuple[str, str]:
    """The head and the navigation/footer of one generated site, about ``html_kb`` KB together.

    Real news pages average about 190 KB of HTML of which a few KB are the article: the rest is
    inline scripts and styles, JSON configuration, mega-menus, teaser lists and footers. The
    words are ordinary (menu labels, teaser headlines), so the extractor has to tell them from
    the article rather than skip a blob.
    """
    rng = random.Random(1_000 + site)
    paras = paragraphs()
    words = re.findall(r"[A-Za-z]{4,}", " ".join(paras))
    target = html_kb * 1024

    def teaser() -> str:
        k = rng.randint(6, 11)
        start = rng.randrange(0, len(words) - k)
        return " ".join(words[start : start + k]).capitalize()

    script = (
        "<script>window.__CFG__="
        + json.dumps(
            {f"k{i}": [rng.random() for _ in range(8)] + [teaser()] for i in range(60)},
            separators=(",", ":"),
        )
        + ";</script>"
    )
    style = (
        "<style>"
        + "".join(
            f".c{site}-{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{rng.randrange(4096):03x}}}"
            for i in range(400)
        )
        + "</style>"
    )
    head = f"<meta charset='utf-8'>{style}{script}"
    menu = "".join(f"<li><a href='/s{site}/section/{i}'>{teaser()}</a></li>" for i in range(120))
    nav = f"<header><nav><ul>{menu}</ul></nav></header>"
    footer_links = "".join(f"<a href='/s{site}/f/{i}'>{teaser()}</a> " for i in range(150))
    footer = f"<footer><div class='links'>{footer_links}</div><p>© Site {site}</p></footer>"
    while len(head) + len(nav) + len(footer) < target:
        footer += (
            "<script>/* analytics */var q"
            + str(len(footer))
            + "="
            + json.dumps([teaser() for _ in range(40)])
            + ";</script>"
        )
    return head, nav + "\x00" + footer


def generate(folder: Path, n: int, seed: int = 0, *, html_kb: int = 0) -> int:
    """Write ``n`` unique pages into ``folder``; returns the bytes written.

    ``html_kb`` = 0: short pages (half text dumps, half small HTML), as before. ``html_kb`` > 0:
    every page HTML of about that size (real pages: about 190 KB), the article inside a site's
    scripts, styles, menus, teasers and footer (:func:`_site_chrome`), with a teaser list of
    its own.
    """
    if html_kb > 0:
        return _generate_realistic(folder, n, seed, html_kb)
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


def _generate_realistic(folder: Path, n: int, seed: int, html_kb: int) -> int:
    rng = random.Random(seed)
    paras = paragraphs()
    chrome = [_site_chrome(site, html_kb) for site in range(SITES)]
    size = 0
    for i in range(n):
        head, around = chrome[i % SITES]
        nav, footer = around.split("\x00")
        body = rng.sample(paras, rng.randint(3, 9))
        day = f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-{rng.randint(10, 28)}"
        title = f"Report {i}: " + re.sub(r"\W+", " ", body[0][:60])
        body.append(f"Reference number {i} of the generated benchmark corpus, seed {seed}.")
        related = "".join(
            f"<li><a href='/story/{rng.randrange(10**6)}'>{re.sub(r'<|>', '', p[:70])}</a></li>"
            for p in rng.sample(paras, 12)
        )
        text = (
            f"<html><head><title>{title}</title>{head}<meta property='article:published_time' "
            f"content='{day}T10:00:00+04:00'></head><body>{nav}<main><article><h1>{title}</h1>"
            f"<p class='byline'>By Desk {i % 17}</p>"
            + "".join(f"<p>{b}</p>" for b in body)
            + f"</article><aside><h2>Related</h2><ul>{related}</ul></aside></main>{footer}"
            "</body></html>"
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
