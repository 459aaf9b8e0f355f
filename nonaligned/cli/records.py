"""Commands over the bundled public records: build, country, members, memberships, chairs, votes, alliances."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import NonalignedError
from ..output import emit
from .common import (
    _fmt,
    _records,
    _rollcall_period,
    _with_predecessor,
    bounded_int,
)


def cmd_build(args: argparse.Namespace) -> int:
    from ..records.load import load_records
    from ..store import Store

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
        from ..measures.api import Measures
        from ..records import Records

        ip = Measures(Records(store)).idealpoints(refresh=args.force)
        print(f"ideal points: {len(ip):,} state-years ({ip['year'].min()}-{ip['year'].max()})")
    return 0


def cmd_country(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..dates import parse_date

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
    from ..records.api import MIN_ROLLCALLS

    rec = _records(args)
    s = rec.country(args.country)
    if args.by:
        if args.match:
            raise NonalignedError("--match lists votes; it cannot be combined with --by")
        df = rec.vote_counts(
            s,
            by=args.by,
            since=args.since,
            until=args.until,
            issue=args.issue,
            session=args.session,
            with_predecessor=args.with_predecessor,
        )
        title = f"{s.name}: UN General Assembly votes by {args.by}"
        if df["thin"].any():
            title += f" (thin = fewer than {MIN_ROLLCALLS} votes cast in the period)"
    else:
        df = rec.votes(
            s,
            args.since,
            args.until,
            issue=args.issue,
            session=args.session,
            match=args.match,
            with_predecessor=args.with_predecessor,
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
    succ = rec.succession(s)
    if succ is not None and not args.with_predecessor:
        title += f"; {succ.describe()}"
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


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("build", help="build or refresh the store from the bundled public records")
    p.add_argument(
        "--force",
        action="store_true",
        help="reload the records and re-estimate the ideal points even if the store is up to "
        "date; e.g. --force",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("country", help="resolve a country name or code and show its codes")
    p.add_argument(
        "query",
        metavar="COUNTRY",
        help="name, official name, demonym, ISO3, ISO2 or COW code, e.g. Azerbaijani (or AZE, "
        "AZ, 373)",
    )
    p.add_argument(
        "--on",
        metavar="DATE",
        help="resolve as of this date, and show the ISO3 code in use then; e.g. --on 1980 "
        "(Germany is then West Germany)",
    )
    _fmt(p)
    p.set_defaults(func=cmd_country)

    p = sub.add_parser("members", help="members, observers and partners of a bloc on a date")
    p.add_argument(
        "bloc",
        help="bloc code (NAM, NATO, PFP, CSTO, CIS, EAEU, EU, COE, OSCE, OIC, OTS, SCO, BRICS, "
        "GUAM, G77, UN) or a COW IGO abbreviation or name (to 2014), e.g. NAM",
    )
    p.add_argument("--on", metavar="DATE", help="the date (default today), e.g. --on 2019-10-25")
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output, e.g. --out nam.csv",
    )
    _fmt(p)
    p.set_defaults(func=cmd_members)

    p = sub.add_parser(
        "memberships", help="a state's bloc memberships (all spells, or those on a date)"
    )
    p.add_argument(
        "country",
        help="name, demonym, ISO2/ISO3 code or COW code, e.g. Azerbaijan (or AZE, 373)",
    )
    p.add_argument(
        "--on",
        metavar="DATE",
        help="only the spells active on this date (default: every spell in history), "
        "e.g. --on 2024-01-01",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output, e.g. --out aze-blocs.csv",
    )
    _fmt(p)
    p.set_defaults(func=cmd_memberships)

    p = sub.add_parser("chairs", help="the chairs of a bloc and their terms")
    p.add_argument(
        "bloc",
        help="bloc code or name (the bundled chairs cover NAM, from 1961), e.g. NAM",
    )
    _fmt(p)
    p.set_defaults(func=cmd_chairs)

    p = sub.add_parser("votes", help="a state's UN General Assembly votes")
    p.add_argument(
        "country",
        help="name, official name, demonym, ISO2/ISO3 code or COW code, e.g. Azerbaijan (or "
        "'Republic of Azerbaijan', AZE)",
    )
    _rollcall_period(p)
    p.add_argument(
        "--issue",
        metavar="CODE",
        help="only roll calls on one issue: me, nu, di, hr, co or ec (Voeten's issue codes; from "
        "2020 on predicted from the title, see the issue_source column), e.g. --issue hr",
    )
    p.add_argument(
        "--session",
        type=bounded_int(1, 999),
        metavar="N",
        help="only this General Assembly session, 1 to 999, e.g. --session 77",
    )
    p.add_argument(
        "--match",
        metavar="WORDS",
        help="only roll calls whose symbol, title or emergency-session topic contains every word "
        "(e.g. --match Ukraine, --match 'Cuba embargo')",
    )
    p.add_argument(
        "--by",
        choices=("year", "session"),
        help="counts per year or session instead of votes (--since, --until, --issue and "
        "--session narrow them too), e.g. votes Azerbaijan --since 2015 --by year",
    )
    _with_predecessor(p)
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output, e.g. --out aze-hr.csv",
    )
    _fmt(p)
    p.set_defaults(func=cmd_votes)

    p = sub.add_parser(
        "alliances",
        help="a state's alliance obligations: ATOP spells to 2018 with the treaty behind each, "
        "and the project's table of treaties after 2018",
    )
    p.add_argument(
        "country",
        help="name, demonym, ISO2/ISO3 code or COW code, e.g. Azerbaijan (or AZE, 373)",
    )
    p.add_argument(
        "--partner",
        metavar="STATE",
        help="only obligations toward this state, e.g. --partner Turkey",
    )
    p.add_argument(
        "--source",
        choices=("all", "atop", "treaties"),
        default="all",
        help="ATOP 5.1 spells, the project treaty table (after 2018), or both (default); "
        "e.g. --source treaties",
    )
    p.add_argument(
        "--years",
        action="store_true",
        help="ATOP dyad-years instead of spells (to 2018); e.g. --years",
    )
    p.add_argument(
        "--year",
        type=bounded_int(1, 9999),
        metavar="YEAR",
        help="with --years: only this year (to 2018), e.g. --years --year 2010",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output, e.g. --out aze-alliances.csv",
    )
    _fmt(p)
    p.set_defaults(func=cmd_alliances)
