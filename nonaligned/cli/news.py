"""Commands over news text and coded events: ingest, skipped, documents, actors, code,
load-events, events.

Why this module is long: seven commands that share the store, the worker pool and the progress
report, and each argument carries a help text with a runnable example (issue 16); the events
listing alone has a dozen filters and six output formats.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import NonalignedError, is_interrupt
from ..output import DefaultFormat, csv_safe, emit
from .common import (
    MAX_BATCH,
    MAX_ROWS,
    MAX_WORKERS,
    _fmt,
    _interrupted,
    _one_line,
    _status,
    bounded_int,
    missing_inputs,
    open_read,
)

EVENT_FORMATS = ("table", "json", "jsonl", "csv", "parquet", "gdelt")


def cmd_ingest(args: argparse.Namespace) -> int:
    from ..engine.ingest import estimate_inputs, ingest
    from ..progress import ProgressReport, show_progress
    from ..store import Store

    if args.workers < 1 or args.batch_size < 1:
        raise NonalignedError("--workers and --batch-size take whole numbers >= 1")
    missing = missing_inputs(args.paths)
    if missing:
        shown = ", ".join(repr(m) for m in missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        print(
            f"nonaligned: error: no such file, folder or matching pattern: {_one_line(shown)}; "
            "nothing was ingested",
            file=sys.stderr,
        )
        return 1
    from contextlib import nullcontext

    from ..engine.workers import worker_pool

    show = show_progress(args.quiet)
    # one pool for ingest and code: each worker loads its models once, as it starts
    pool = (
        worker_pool(args.workers, annotate=not args.no_annotate, code=args.code)
        if args.workers > 1
        else nullcontext()
    )
    with Store.open(args.db) as store, pool as executor:
        # the number of inputs sizes the batches over the workers, and the progress bar's total
        total = estimate_inputs(args.paths) if show or args.workers > 1 else None
        report = ProgressReport("ingesting", "inputs", total=total, show=show)
        try:
            with report:
                summary = ingest(
                    store,
                    args.paths,
                    batch_size=args.batch_size,
                    workers=args.workers,
                    annotate=not args.no_annotate,
                    progress=report.advance,
                    expected=total,
                    pool=executor,
                )
        except BaseException as exc:
            if not is_interrupt(exc):
                raise
            print(_interrupted("ingest", report.done, "inputs"), file=sys.stderr)
            return 130
        print(report.summary())
        for line in summary.lines():
            print(line)
        if args.code:
            status = _code_with_progress(args, store, since=None, recode=False, pool=executor)
            if status:
                return status
    # an entry that named nothing after all (removed meanwhile, a dangling link): named above
    return 1 if getattr(summary, "missing", None) else 0


def cmd_skipped(args: argparse.Namespace) -> int:
    from ..engine.ingest import list_skipped

    with open_read(args) as store:
        df = list_skipped(store, reason=args.reason, path=args.path_match, limit=args.limit)
        total = store.con.execute("SELECT count(*) FROM skipped").fetchone()
    n = int(total[0]) if total else 0
    filtered = args.reason or args.path_match
    emit(
        df,
        args.format,
        title=f"Inputs skipped by ingest: {len(df):,} shown"
        + (f" of {n:,}" if filtered or len(df) < n else "")
        + ", newest first",
        out=args.out,
        max_rows=None,
    )
    return 0


def _code_with_progress(
    args: argparse.Namespace,
    store: Any,
    *,
    since: str | None,
    recode: bool,
    pool: Any = None,
) -> int:
    """Code pending documents with the progress bar (total: the pending count); print the
    summary lines. Returns the exit status (130 when interrupted)."""
    from ..engine.coding import code_store, count_pending
    from ..progress import ProgressReport, show_progress

    show = show_progress(args.quiet)
    total = count_pending(store, since=since, recode=recode) if show else None
    report = ProgressReport("coding", "documents", total=total, show=show)
    try:
        with report:
            summary = code_store(
                store,
                since=since,
                recode=recode,
                workers=args.workers,
                batch_size=getattr(args, "code_batch_size", 32),
                progress=report.advance,
                pool=pool,
            )
    except BaseException as exc:
        if not is_interrupt(exc):
            raise
        print(_interrupted("code", report.done, "documents"), file=sys.stderr)
        return 130
    print(report.summary())
    print(summary.line())
    return 0


def cmd_documents(args: argparse.Namespace) -> int:

    with open_read(args) as store:
        df = store.query(
            """SELECT substr(d.doc_id, 1, 12) AS doc, d.published_local AS published, d.site,
                      d.title, d.original_author, d.reposter,
                      (SELECT count(*) FROM sentences s WHERE s.doc_id = d.doc_id) AS sentences,
                      (SELECT count(*) FROM mentions m WHERE m.doc_id = d.doc_id) AS mentions,
                      (SELECT count(*) FROM document_sources x WHERE x.doc_id = d.doc_id) AS sources
               FROM documents d ORDER BY d.published NULLS LAST, d.doc_id LIMIT ?""",
            [args.limit],
        )
    emit(df, args.format, title=f"Documents ({len(df)} shown)", out=args.out, max_rows=None)
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..dates import parse_date
    from ..text.actors import default_recognizer

    text = sys.stdin.read() if args.text == "-" else args.text
    on = parse_date(args.on, what="--on date")
    _, mentions = default_recognizer().annotate(text, on)
    df = pd.DataFrame(
        [m.__dict__ for m in mentions],
        columns=[
            "start",
            "end",
            "text",
            "kind",
            "code",
            "person",
            "role",
            "origin",
            "confidence",
            "sent",
        ],
    )
    emit(df, args.format, title="Actors found")
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    from ..store import Store

    if args.workers < 1 or args.code_batch_size < 1:
        raise NonalignedError("--workers and --batch-size take whole numbers >= 1")
    with Store.open(args.db) as store:
        return _code_with_progress(args, store, since=args.since, recode=args.recode)


def _code_engine(args: argparse.Namespace) -> int:
    """``code``: the local engine over the store, or Spark over pages (no store involved)."""
    if args.engine == "local":
        if args.input or args.output:
            raise NonalignedError("--input and --output go with --engine spark")
        return cmd_code(args)
    return cmd_code_spark(args)


def cmd_code_spark(args: argparse.Namespace) -> int:
    if not args.input or not args.output:
        raise NonalignedError("--engine spark needs --input PATH and --output PATH")
    if args.partitions is not None and args.partitions < 1:
        raise NonalignedError("--partitions takes a whole number >= 1")
    import pyspark  # noqa: F401 - a missing extra becomes main()'s install hint, not a traceback

    from ..engine.spark_job import run

    summary = run(
        args.input,
        args.output,
        master=args.master or "local[*]",
        partitions=args.partitions,
        aggregate=not args.no_aggregate,
    )
    for line in summary.lines():
        print(line)
    return 0


def cmd_load_events(args: argparse.Namespace) -> int:
    from ..engine.spark_job import load_output
    from ..store import Store

    with Store.open(args.db) as store:
        print(load_output(store, args.path).line())
    return 0


DYAD = "actors"  # the table's column: "AZE → RUS" (actor → recipient), "AZE ↔ RUS" when mutual


def cmd_events(args: argparse.Namespace) -> int:
    from ..dates import parse_date
    from ..engine.coding import query_events
    from ..export import gdelt_frame, plover_jsonl
    from ..records.countries import load_states
    from ..text.plover import PLOVER_EVENTS

    types = [t.strip().upper() for t in args.type] if args.type else None
    unknown = [t for t in types or [] if t not in PLOVER_EVENTS]
    if unknown:
        raise NonalignedError(
            f"unknown event type {', '.join(map(repr, unknown))}; PLOVER types: "
            f"{', '.join(PLOVER_EVENTS)}"
        )
    states = load_states()

    def code_of(name: str | None) -> str | None:
        if not name:
            return None
        if name.upper() == name and 2 <= len(name) <= 6 and not name.isdigit():
            try:
                return states.resolve(name).iso3
            except NonalignedError:
                return name.upper()  # an IGO code such as NAM or CSTO
        return states.resolve(name).iso3

    # a listing shows a reciprocal action coded once per direction as one row, marked mutual;
    # the PLOVER and GDELT exports keep both coded directions, as the dyadic aggregates count them
    fold = args.format not in ("jsonl", "gdelt")
    with open_read(args) as store:
        df = query_events(
            store,
            country=code_of(args.country),
            other=code_of(args.with_),
            types=types,
            status=args.status,
            since=parse_date(args.since, what="--since date"),
            until=parse_date(args.until, end=True, what="--until date"),
            merged=args.merged,
            sides=args.sides,
            fold_mutual=fold,
        )
    if args.format == "parquet":
        if not args.out:
            raise NonalignedError("--format parquet needs --out FILE.parquet")
        df.to_parquet(args.out, index=False)
        _status(args, f"wrote {len(df):,} events to {args.out}")
        return 0
    if args.format == "gdelt":
        text = csv_safe(gdelt_frame(df)).to_csv(sep="\t", index=False, header=args.header)
    elif args.format == "jsonl":
        text = plover_jsonl(df)
    else:
        df = df.assign(
            **{
                DYAD: [
                    f"{a if isinstance(a, str) else '—'} {'↔' if m else '→'} "
                    f"{r if isinstance(r, str) else '—'}"
                    for a, r, m in zip(df["actor"], df["recipient"], df["mutual"], strict=True)
                ]
            }
        )
        cols = [
            "date",
            DYAD,
            "event",
            "mode",
            "cameo",
            "quad_class",
            "goldstein",
            "status",
            "sentence",
        ]
        if args.merged:
            cols.insert(7, "mentions")
        emit(
            df[cols] if args.format == "table" else df.drop(columns=[DYAD]),
            args.format,
            title=f"{len(df)} events",
            out=args.out,
        )
        return 0
    if args.out:
        from pathlib import Path

        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "ingest",
        help="read news pages (HTML, text, JSON Lines, gzip, WARC) into clean, de-duplicated documents with actors",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, folders or globs to read, e.g. pages/ (or 'pages/*.html.gz')",
    )
    p.add_argument(
        "--workers",
        type=bounded_int(1, MAX_WORKERS),
        default=1,
        metavar="N",
        help=f"processes for extraction and annotation, 1 to {MAX_WORKERS} (default 1), "
        "e.g. --workers 4",
    )
    p.add_argument(
        "--batch-size",
        type=bounded_int(1, MAX_BATCH),
        default=64,
        metavar="N",
        help="inputs per batch, each committed at once (default 64), e.g. --batch-size 256",
    )
    p.add_argument(
        "--no-annotate",
        action="store_true",
        help="store documents without sentences and actor mentions, e.g. --no-annotate",
    )
    p.add_argument(
        "--code",
        action="store_true",
        help="then code the documents not yet coded into events, e.g. --code",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "skipped",
        help="inputs ingest skipped, newest first: the file (and JSON Lines line or WARC record) "
        "and the reason",
    )
    p.add_argument(
        "--reason",
        metavar="TEXT",
        help="only skips whose reason contains TEXT, e.g. --reason gzip",
    )
    p.add_argument(
        "--path",
        dest="path_match",
        metavar="TEXT",
        help="only inputs whose path contains TEXT, e.g. --path pages/",
    )
    p.add_argument(
        "--limit",
        type=bounded_int(1, MAX_ROWS),
        default=1000,
        metavar="N",
        help="at most N rows (default 1000), e.g. --limit 50",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output, e.g. --out skipped.csv",
    )
    _fmt(p)
    p.set_defaults(func=cmd_skipped)

    p = sub.add_parser("documents", help="list ingested documents")
    p.add_argument(
        "--limit",
        type=bounded_int(1, MAX_ROWS),
        default=1000,
        metavar="N",
        help="at most N documents, oldest first (default 1000), e.g. --limit 20",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output, e.g. --out documents.csv",
    )
    _fmt(p)
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser(
        "actors", help="find and resolve actors in a piece of text (- reads standard input)"
    )
    p.add_argument(
        "text",
        help="the text, or - to read it from standard input, e.g. 'Ilham Aliyev met Vladimir "
        "Putin in Moscow.'",
    )
    p.add_argument(
        "--on",
        metavar="DATE",
        help="the text's date, to resolve office holders (default: today), e.g. --on 2022-02-22",
    )
    _fmt(p)
    p.set_defaults(func=cmd_actors)

    p = sub.add_parser(
        "code", help="code ingested documents into PLOVER/CAMEO events (only what is new)"
    )
    p.add_argument(
        "--since",
        metavar="DATE",
        help="only documents published on or after DATE, e.g. --since 2022-02-24",
    )
    p.add_argument(
        "--recode",
        action="store_true",
        help="re-code documents already coded by this coder, e.g. --recode",
    )
    p.add_argument(
        "--workers",
        type=bounded_int(1, MAX_WORKERS),
        default=1,
        metavar="N",
        help=f"processes for coding, 1 to {MAX_WORKERS} (default 1), e.g. --workers 4",
    )
    p.add_argument(
        "--batch-size",
        dest="code_batch_size",
        type=bounded_int(1, MAX_BATCH),
        default=32,
        metavar="N",
        help="documents per batch; each batch's events are committed at once (default 32), "
        "e.g. --batch-size 64",
    )
    p.add_argument(
        "--engine",
        choices=("local", "spark"),
        default="local",
        help="local: the store's ingested documents; spark: pages from --input (docs/spark.md); "
        "e.g. --engine spark --input pages.jsonl --output out/",
    )
    p.add_argument(
        "--input",
        metavar="PATH",
        help="spark: JSON Lines or Parquet file or folder of pages, e.g. --input pages.jsonl",
    )
    p.add_argument(
        "--output",
        metavar="PATH",
        help="spark: folder for the Parquet tables, e.g. --output out/",
    )
    p.add_argument(
        "--master",
        metavar="URL",
        help="spark: master URL (default: local[*]), e.g. --master 'local[2]'",
    )
    p.add_argument(
        "--partitions",
        type=bounded_int(1, MAX_BATCH),
        metavar="N",
        help="spark: input partitions, e.g. --partitions 64",
    )
    p.add_argument(
        "--no-aggregate",
        action="store_true",
        help="spark: do not write dyad_month Parquet, e.g. --no-aggregate",
    )
    p.set_defaults(func=_code_engine)

    p = sub.add_parser(
        "load-events",
        help="load a Spark run's events and documents (code --engine spark) into the store",
    )
    p.add_argument(
        "path",
        metavar="PATH",
        help="the --output folder of `code --engine spark`, e.g. out/",
    )
    p.set_defaults(func=cmd_load_events)

    p = sub.add_parser(
        "events", help="coded events, filtered; exports as PLOVER JSON Lines or GDELT columns"
    )
    p.add_argument(
        "country",
        nargs="?",
        help="events with this state (or IGO code) as actor or recipient, e.g. Azerbaijan "
        "(or AZE, NAM)",
    )
    p.add_argument(
        "--with",
        dest="with_",
        metavar="OTHER",
        help="... and this state (or IGO code) as actor or recipient, e.g. --with Russia",
    )
    p.add_argument(
        "--type",
        nargs="+",
        metavar="EVENT",
        help="PLOVER event types, e.g. --type AGREE CONSULT",
    )
    p.add_argument(
        "--status",
        choices=("asserted", "negated", "intended", "hypothetical", "all"),
        default="asserted",
        help="the events' status in the text: asserted (stated as fact; the default), "
        "negated, intended, hypothetical, or all; e.g. --status negated",
    )
    p.add_argument(
        "--sides",
        choices=("all", "both", "one"),
        default="all",
        help="both: events with actor and recipient coded (what dyadic aggregates count); "
        "one: events with one side missing, kept but left out of dyadic aggregates; "
        "all (default): both kinds; e.g. --sides both",
    )
    p.add_argument(
        "--since",
        metavar="DATE",
        help="only events on or after this date (YYYY[-MM[-DD]]), e.g. --since 2022-02-24",
    )
    p.add_argument(
        "--until",
        metavar="DATE",
        help="only events on or before this date (YYYY[-MM[-DD]]), e.g. --until 2022-12-31",
    )
    p.add_argument(
        "--merged",
        action="store_true",
        help="one row per event reported by several articles, with a count, e.g. --merged",
    )
    p.add_argument(
        "--header",
        action="store_true",
        help="with --format gdelt: a header line, e.g. --format gdelt --header",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output, e.g. --out events.jsonl",
    )
    p.add_argument(
        "--format",
        choices=EVENT_FORMATS,
        default=DefaultFormat("table", EVENT_FORMATS),
        help="output format (default table; with --out, the file's extension: .csv, .json, "
        ".jsonl, .parquet); gdelt: GDELT 2.0 event columns, tab-separated; e.g. --format gdelt",
    )
    p.set_defaults(func=cmd_events)
